import { PORT_GLOBAL, PORT_METHODS, type PlatformPort } from '../../../shared/platform/contract.ts';
import { createWebPort } from './web-port.ts';

function isPlatformPort(value: unknown): value is PlatformPort {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return PORT_METHODS.every((method) => typeof record[method] === 'function');
}

/**
 * The renderer's only way to the platform: the preload's bridge inside Electron, the web
 * implementation in a plain browser (the `npm run web` shell, end-to-end tests).
 */
export function resolvePlatformPort(host: Window): PlatformPort {
  const bridged: unknown = Reflect.get(host, PORT_GLOBAL);
  return isPlatformPort(bridged) ? bridged : createWebPort(host);
}
