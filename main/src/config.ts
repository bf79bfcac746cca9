/**
 * Where the town server is. Precedence: env TOWN_SERVER_URL, then <userData>/config.json
 * {"townServerUrl": "...", "externalLinkHosts": ["..."]}, then the local default.
 *
 * The URL must be an http(s) origin (no path, query, credentials): the CSP's connect-src
 * is built from it, and the renderer may reach nothing else.
 *
 * Plain http is accepted for this computer only (127.0.0.1, localhost, ::1). The app is
 * served from app://, a secure origin, and Chromium blocks its requests to any other
 * http:// host as mixed content: such a setting would only fail later, silently, at sync.
 */
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';

export const DEFAULT_TOWN_SERVER_URL = 'http://127.0.0.1:8787';
export const CONFIG_FILE_NAME = 'config.json';

export interface ShellConfig {
  /** The town server origin, e.g. https://town.example.cn (no trailing slash). */
  readonly townServerUrl: string;
  /** https hosts the app may open in the system browser (exact host names). */
  readonly externalLinkHosts: readonly string[];
  readonly source: 'env' | 'file' | 'default';
}

export type ConfigResult =
  | { readonly ok: true; readonly config: ShellConfig }
  | { readonly ok: false; readonly problem: string };

const HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The origin of an http(s) URL that names nothing but an origin, or null. */
export function parseTownServerUrl(value: string): string | null {
  const url = URL.parse(value.trim());
  if (url === null) return null;
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)))
    return null;
  if (url.username !== '' || url.password !== '') return null;
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') return null;
  return url.origin;
}

const EXPECTED = 'expected https://<host>[:port], or http:// on 127.0.0.1/localhost, with no path';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseHosts(value: unknown): readonly string[] | null {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return null;
  const hosts: string[] = [];
  for (const item of value) {
    if (typeof item !== 'string' || !HOST_NAME.test(item.toLowerCase())) return null;
    hosts.push(item.toLowerCase());
  }
  return hosts;
}

/** The config file's content, or undefined when there is none. Other read errors propagate. */
async function readConfigFile(path: string): Promise<string | undefined> {
  try {
    return await fsp.readFile(path, 'utf8');
  } catch (error) {
    if (isRecord(error) && error['code'] === 'ENOENT') return undefined;
    throw error;
  }
}

export async function loadShellConfig(options: {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly userDataDir: string;
}): Promise<ConfigResult> {
  const path = join(options.userDataDir, CONFIG_FILE_NAME);
  const text = await readConfigFile(path);

  let file: Record<string, unknown> = {};
  if (text !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      return {
        ok: false,
        problem: `${path}: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
    if (!isRecord(parsed)) return { ok: false, problem: `${path}: expected a JSON object` };
    file = parsed;
  }

  const externalLinkHosts = parseHosts(file['externalLinkHosts']);
  if (externalLinkHosts === null) {
    return { ok: false, problem: `${path}: externalLinkHosts must be a list of host names` };
  }

  const fromEnv = options.env['TOWN_SERVER_URL'];
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    const townServerUrl = parseTownServerUrl(fromEnv);
    if (townServerUrl === null)
      return { ok: false, problem: `TOWN_SERVER_URL=${fromEnv}: ${EXPECTED}` };
    return { ok: true, config: { townServerUrl, externalLinkHosts, source: 'env' } };
  }

  const fromFile = file['townServerUrl'];
  if (fromFile !== undefined) {
    const townServerUrl = typeof fromFile === 'string' ? parseTownServerUrl(fromFile) : null;
    if (townServerUrl === null) return { ok: false, problem: `${path}: townServerUrl ${EXPECTED}` };
    return { ok: true, config: { townServerUrl, externalLinkHosts, source: 'file' } };
  }

  return {
    ok: true,
    config: { townServerUrl: DEFAULT_TOWN_SERVER_URL, externalLinkHosts, source: 'default' },
  };
}
