/**
 * Configuration from the environment, shared by the server and the admin CLI:
 *
 * - DATABASE_URL  PostgreSQL (postgres://user:password@host:5432/database). When set, the
 *                 server and the CLI use it and TOWN_DATA_DIR is ignored.
 * - TOWN_DATA_DIR Folder of the embedded PGlite database (used without DATABASE_URL).
 *                 Default: Linux $XDG_DATA_HOME/village-credit-town or
 *                 ~/.local/share/village-credit-town; Windows %APPDATA%\village-credit-town;
 *                 macOS ~/Library/Application Support/village-credit-town.
 * - PORT          HTTP port, default 8787.
 * - HOST          Address to listen on, default 127.0.0.1 (this machine only). A township
 *                 server that its villages reach over the network sets HOST=0.0.0.0.
 * - LOG_LEVEL     fatal | error | warn | info | debug | trace | silent, default info.
 *
 * HTTP security (server only; see http/security.ts and the README's TLS section):
 * - TOWN_MODE             production | development. Default production when
 *                         NODE_ENV=production, else development. In production every
 *                         request except /healthz must arrive over HTTPS — normally through
 *                         a TLS reverse proxy (nginx, Caddy) with TOWN_TRUST_PROXY set.
 * - TOWN_ALLOW_HTTP       1 lets production mode serve plain HTTP (a closed network where
 *                         TLS is impossible, at the operator's risk). Default 0.
 * - TOWN_TRUST_PROXY      Whose X-Forwarded-For/-Proto to believe: false (default), true
 *                         (any peer: only when nothing but the proxy can reach the server),
 *                         or comma-separated addresses/CIDRs of the proxy, e.g. 127.0.0.1.
 * - TOWN_ALLOWED_ORIGINS  Comma-separated browser origins allowed besides the desktop app's
 *                         app://village-credit, e.g. https://credit.example.cn for a web shell
 *                         the township serves. Development mode also allows npm run web's
 *                         default http://127.0.0.1:5173 and http://localhost:5173.
 */
import { isIP } from 'node:net';
import { homedir } from 'node:os';
import { join, resolve, win32 } from 'node:path';
import { CodedError } from '../../shared/errors.ts';
import type { StorageConfig } from './db/database.ts';
import { parseAllowedOrigins, type SecurityOptions } from './http/security.ts';

export type Env = Readonly<Record<string, string | undefined>>;

export const DEFAULT_PORT = 8787;
export const DEFAULT_HOST = '127.0.0.1';
export const APP_DIR_NAME = 'village-credit-town';
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  readonly logLevel: LogLevel;
  readonly storage: StorageConfig;
  readonly security: SecurityOptions;
}

export interface Platform {
  readonly platform: NodeJS.Platform;
  readonly home: string;
}

const HOST_PLATFORM: Platform = { platform: process.platform, home: homedir() };

/** Where the data lives. Throws `cli.env-invalid` for a malformed DATABASE_URL. */
export function readStorageConfig(env: Env, host: Platform = HOST_PLATFORM): StorageConfig {
  const url = nonEmpty(env['DATABASE_URL']);
  if (url !== undefined) {
    if (!/^postgres(ql)?:\/\//.test(url) || !canParseUrl(url)) {
      throw new CodedError('cli.env-invalid', {
        name: 'DATABASE_URL',
        value: '…',
        expected: 'postgres://user:password@host:5432/database',
      });
    }
    return { kind: 'postgres', url };
  }
  const dir = nonEmpty(env['TOWN_DATA_DIR']);
  return { kind: 'pglite', dataDir: dir === undefined ? defaultDataDir(env, host) : resolve(dir) };
}

/** The server's whole configuration. Throws `cli.env-invalid` naming the bad variable. */
export function readServerConfig(env: Env, host: Platform = HOST_PLATFORM): ServerConfig {
  return {
    port: readPort(env['PORT']),
    host: nonEmpty(env['HOST']) ?? DEFAULT_HOST,
    logLevel: readLogLevel(env['LOG_LEVEL']),
    storage: readStorageConfig(env, host),
    security: readSecurityConfig(env),
  };
}

/** TOWN_MODE, TOWN_ALLOW_HTTP, TOWN_TRUST_PROXY, TOWN_ALLOWED_ORIGINS (see the header). */
export function readSecurityConfig(env: Env): SecurityOptions {
  const mode = nonEmpty(env['TOWN_MODE'])?.toLowerCase();
  if (mode !== undefined && mode !== 'production' && mode !== 'development') {
    throw new CodedError('cli.env-invalid', {
      name: 'TOWN_MODE',
      value: mode,
      expected: 'production | development',
    });
  }
  const origins = parseAllowedOrigins(env['TOWN_ALLOWED_ORIGINS'] ?? '');
  if (!origins.ok) {
    throw new CodedError('cli.env-invalid', {
      name: 'TOWN_ALLOWED_ORIGINS',
      value: origins.bad,
      expected: 'http(s)://host[:port], …',
    });
  }
  return {
    production:
      (mode ?? (env['NODE_ENV'] === 'production' ? 'production' : 'development')) === 'production',
    allowHttp: readFlag(env, 'TOWN_ALLOW_HTTP'),
    allowedOrigins: origins.origins,
    trustProxy: readTrustProxy(env['TOWN_TRUST_PROXY']),
  };
}

export function defaultDataDir(env: Env, { platform, home }: Platform): string {
  if (platform === 'win32') {
    return win32.join(
      nonEmpty(env['APPDATA']) ?? win32.join(home, 'AppData', 'Roaming'),
      APP_DIR_NAME,
    );
  }
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return join(nonEmpty(env['XDG_DATA_HOME']) ?? join(home, '.local', 'share'), APP_DIR_NAME);
}

function readPort(value: string | undefined): number {
  const text = nonEmpty(value);
  if (text === undefined) return DEFAULT_PORT;
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port >= 1 && port <= 65535)) {
    throw new CodedError('cli.env-invalid', { name: 'PORT', value: text, expected: '1-65535' });
  }
  return port;
}

function readLogLevel(value: string | undefined): LogLevel {
  const text = nonEmpty(value)?.toLowerCase();
  if (text === undefined) return 'info';
  const level = LOG_LEVELS.find((candidate) => candidate === text);
  if (level === undefined) {
    throw new CodedError('cli.env-invalid', {
      name: 'LOG_LEVEL',
      value: text,
      expected: LOG_LEVELS.join(' | '),
    });
  }
  return level;
}

function readFlag(env: Env, name: string): boolean {
  const text = nonEmpty(env[name])?.toLowerCase();
  if (text === undefined || text === '0' || text === 'false') return false;
  if (text === '1' || text === 'true') return true;
  throw new CodedError('cli.env-invalid', { name, value: text, expected: '0 | 1' });
}

function readTrustProxy(value: string | undefined): boolean | string[] {
  const text = nonEmpty(value);
  if (text === undefined || text.toLowerCase() === 'false') return false;
  if (text.toLowerCase() === 'true') return true;
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  for (const entry of entries) {
    const [address = '', bits, ...rest] = entry.split('/');
    const family = isIP(address);
    const prefixOk =
      bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (family === 0 || !prefixOk || rest.length > 0) {
      throw new CodedError('cli.env-invalid', {
        name: 'TOWN_TRUST_PROXY',
        value: entry,
        expected: 'true | false | addresses or CIDRs of the reverse proxy, e.g. 127.0.0.1',
      });
    }
  }
  return entries;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

function canParseUrl(url: string): boolean {
  try {
    new URL(url);
    return true;
  } catch {
    return false;
  }
}
