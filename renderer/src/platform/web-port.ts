/**
 * The platform port for a plain browser. What the desktop app does with native dialogs
 * and the OS keychain is done here with browser means:
 * - saveFile downloads the bytes; openFile uses a file picker;
 * - printToPdf asks the serving shell (`npm run web`, later the town server) to render the
 *   HTML with Chromium, the same engine as Electron's printToPDF;
 * - secrets live only for the browser session (sessionStorage): a browser has no keychain,
 *   so nothing secret is written to disk.
 */
import { fail, ok, type Result } from '../../../shared/errors.ts';
import {
  LIMITS,
  PORT_VALIDATORS,
  type AppInfo,
  type FileFilter,
  type OpenFileOutcome,
  type PlatformPort,
  type PrintToPdfRequest,
  type SaveFileOutcome,
} from '../../../shared/platform/contract.ts';

/** What the serving shell tells the page about itself (GET ./web-shell.json). */
export interface WebShellConfig {
  readonly townServerUrl: string;
}

export const WEB_SHELL_CONFIG_PATH = 'web-shell.json';
export const WEB_PRINT_PATH = 'api/print-to-pdf';
const SECRET_PREFIX = 'village-credit.secret.';

async function loadShellConfig(host: Window): Promise<Result<WebShellConfig>> {
  const response = await host.fetch(new URL(WEB_SHELL_CONFIG_PATH, host.location.href), {
    cache: 'no-store',
  });
  if (!response.ok) return fail('port.unavailable');
  const body: unknown = await response.json();
  if (typeof body !== 'object' || body === null) return fail('port.unavailable');
  const townServerUrl = (body as Record<string, unknown>)['townServerUrl'];
  return typeof townServerUrl === 'string' ? ok({ townServerUrl }) : fail('port.unavailable');
}

function acceptOf(filters: readonly FileFilter[]): string {
  return filters.flatMap((f) => f.extensions.map((e) => `.${e}`)).join(',');
}

function pickFile(host: Window, filters: readonly FileFilter[]): Promise<File | null> {
  return new Promise((resolve) => {
    const input = host.document.createElement('input');
    input.type = 'file';
    input.accept = acceptOf(filters);
    input.addEventListener('change', () => {
      resolve(input.files?.[0] ?? null);
    });
    input.addEventListener('cancel', () => {
      resolve(null);
    });
    input.click();
  });
}

/**
 * A port call never throws across the boundary: an unexpected failure (a network error on
 * fetch, a full sessionStorage) is logged and answered with a code.
 */
function guarded<P extends PlatformPort>(port: P): P {
  const wrapped: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(port) as [
    string,
    (arg?: unknown) => Promise<Result<unknown>>,
  ][]) {
    wrapped[name] = async (arg?: unknown) => {
      try {
        return await method(arg);
      } catch (error) {
        console.error(`platform port: ${name} failed`, error);
        return fail(name === 'printToPdf' ? 'port.print-failed' : 'port.io-failed');
      }
    };
  }
  return wrapped as P;
}

export function createWebPort(host: Window): PlatformPort {
  const version = import.meta.env.VITE_APP_VERSION ?? '0.0.0';

  return guarded({
    async appInfo(): Promise<Result<AppInfo>> {
      const config = await loadShellConfig(host);
      const townServerUrl = config.ok ? config.value.townServerUrl : host.location.origin;
      return ok({
        productName: '乡村信用积分',
        version,
        shell: 'web',
        platform: 'web',
        townServerUrl,
      });
    },

    saveFile(arg): Promise<Result<SaveFileOutcome>> {
      const checked = PORT_VALIDATORS.saveFile(arg);
      if (!checked.ok) return Promise.resolve(checked);
      const { suggestedName, data } = checked.value;
      const url = URL.createObjectURL(new Blob([data.slice().buffer]));
      try {
        const link = host.document.createElement('a');
        link.href = url;
        link.download = suggestedName;
        link.click();
      } finally {
        // Revoke after the click has been handled; the download keeps its own reference.
        host.setTimeout(() => {
          URL.revokeObjectURL(url);
        }, 10_000);
      }
      return Promise.resolve(ok({ saved: true, path: suggestedName }));
    },

    async openFile(arg): Promise<Result<OpenFileOutcome>> {
      const checked = PORT_VALIDATORS.openFile(arg);
      if (!checked.ok) return checked;
      const file = await pickFile(host, checked.value.filters);
      if (file === null) return ok({ opened: false });
      if (file.size > LIMITS.maxFileBytes)
        return fail('port.file-too-large', { max: LIMITS.maxFileBytes });
      return ok({ opened: true, name: file.name, data: new Uint8Array(await file.arrayBuffer()) });
    },

    async printToPdf(arg): Promise<Result<Uint8Array>> {
      const checked = PORT_VALIDATORS.printToPdf(arg);
      if (!checked.ok) return checked;
      const request: PrintToPdfRequest = checked.value;
      const response = await host.fetch(new URL(WEB_PRINT_PATH, host.location.href), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request),
      });
      if (response.status === 404 || response.status === 501) return fail('port.unavailable');
      if (!response.ok) return fail('port.print-failed');
      return ok(new Uint8Array(await response.arrayBuffer()));
    },

    readSecret(arg): Promise<Result<string | null>> {
      const checked = PORT_VALIDATORS.readSecret(arg);
      if (!checked.ok) return Promise.resolve(checked);
      return Promise.resolve(ok(host.sessionStorage.getItem(SECRET_PREFIX + checked.value.key)));
    },

    writeSecret(arg): Promise<Result<null>> {
      const checked = PORT_VALIDATORS.writeSecret(arg);
      if (!checked.ok) return Promise.resolve(checked);
      host.sessionStorage.setItem(SECRET_PREFIX + checked.value.key, checked.value.value);
      return Promise.resolve(ok(null));
    },

    deleteSecret(arg): Promise<Result<null>> {
      const checked = PORT_VALIDATORS.deleteSecret(arg);
      if (!checked.ok) return Promise.resolve(checked);
      host.sessionStorage.removeItem(SECRET_PREFIX + checked.value.key);
      return Promise.resolve(ok(null));
    },
  });
}
