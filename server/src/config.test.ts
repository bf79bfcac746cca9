import { describe, expect, it } from 'vitest';
import { CodedError } from '../../shared/errors.ts';
import {
  defaultDataDir,
  readSecurityConfig,
  readServerConfig,
  readStorageConfig,
} from './config.ts';

const linux = { platform: 'linux' as const, home: '/home/li' };

function errorOf(fn: () => unknown): CodedError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CodedError) return error;
    throw error;
  }
  throw new Error('expected a CodedError');
}

describe('server configuration', () => {
  it('defaults to port 8787 on 127.0.0.1, log level info and PGlite in the user data folder', () => {
    expect(readServerConfig({}, linux)).toEqual({
      port: 8787,
      host: '127.0.0.1',
      logLevel: 'info',
      storage: { kind: 'pglite', dataDir: '/home/li/.local/share/village-credit-town' },
      security: {
        production: false,
        allowHttp: false,
        allowedOrigins: [],
        trustProxy: false,
      },
    });
  });

  it('puts the default data folder where each platform keeps application data', () => {
    expect(defaultDataDir({ XDG_DATA_HOME: '/data' }, linux)).toBe('/data/village-credit-town');
    expect(defaultDataDir({}, { platform: 'darwin', home: '/Users/li' })).toBe(
      '/Users/li/Library/Application Support/village-credit-town',
    );
    expect(
      defaultDataDir(
        { APPDATA: 'C:\\Users\\li\\AppData\\Roaming' },
        { platform: 'win32', home: 'C:\\Users\\li' },
      ),
    ).toBe('C:\\Users\\li\\AppData\\Roaming\\village-credit-town');
  });

  it('uses TOWN_DATA_DIR, or PostgreSQL when DATABASE_URL is set', () => {
    expect(readStorageConfig({ TOWN_DATA_DIR: '/srv/town' }, linux)).toEqual({
      kind: 'pglite',
      dataDir: '/srv/town',
    });
    expect(
      readStorageConfig(
        { TOWN_DATA_DIR: '/srv/town', DATABASE_URL: 'postgres://u:p@db:5432/town' },
        linux,
      ),
    ).toEqual({
      kind: 'postgres',
      url: 'postgres://u:p@db:5432/town',
    });
  });

  it('reads PORT, HOST and LOG_LEVEL', () => {
    const config = readServerConfig({ PORT: '9000', HOST: '0.0.0.0', LOG_LEVEL: 'DEBUG' }, linux);
    expect([config.port, config.host, config.logLevel]).toEqual([9000, '0.0.0.0', 'debug']);
  });

  it('refuses a bad PORT, LOG_LEVEL or DATABASE_URL and names the variable', () => {
    for (const port of ['0', '65536', 'abc', '80.5', '-1']) {
      expect(errorOf(() => readServerConfig({ PORT: port }, linux)).params).toMatchObject({
        name: 'PORT',
        value: port,
      });
    }
    expect(errorOf(() => readServerConfig({ LOG_LEVEL: 'loud' }, linux)).params).toMatchObject({
      name: 'LOG_LEVEL',
    });
    const url = errorOf(() => readServerConfig({ DATABASE_URL: 'mysql://x' }, linux));
    expect(url.code).toBe('cli.env-invalid');
    expect(url.params).toMatchObject({ name: 'DATABASE_URL' });
  });

  it('runs in production mode when NODE_ENV=production or TOWN_MODE=production, unless TOWN_MODE says otherwise', () => {
    expect(readSecurityConfig({ NODE_ENV: 'production' }).production).toBe(true);
    expect(readSecurityConfig({ TOWN_MODE: 'Production' }).production).toBe(true);
    expect(
      readSecurityConfig({ NODE_ENV: 'production', TOWN_MODE: 'development' }).production,
    ).toBe(false);
    expect(readSecurityConfig({ NODE_ENV: 'test' }).production).toBe(false);
    expect(readSecurityConfig({ TOWN_ALLOW_HTTP: '1' }).allowHttp).toBe(true);
    expect(readSecurityConfig({ TOWN_ALLOW_HTTP: 'false' }).allowHttp).toBe(false);
  });

  it('reads the allowed origins and the trusted proxy', () => {
    expect(
      readSecurityConfig({
        TOWN_ALLOWED_ORIGINS: 'http://127.0.0.1:5173, https://credit.example.cn/',
        TOWN_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8, ::1',
      }),
    ).toMatchObject({
      allowedOrigins: ['http://127.0.0.1:5173', 'https://credit.example.cn'],
      trustProxy: ['127.0.0.1', '10.0.0.0/8', '::1'],
    });
    expect(readSecurityConfig({ TOWN_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
  });

  it('refuses a bad TOWN_MODE, TOWN_ALLOW_HTTP, origin or proxy address and names the variable', () => {
    const bad: [Record<string, string>, string, string][] = [
      [{ TOWN_MODE: 'prod' }, 'TOWN_MODE', 'prod'],
      [{ TOWN_ALLOW_HTTP: 'yes' }, 'TOWN_ALLOW_HTTP', 'yes'],
      [{ TOWN_ALLOWED_ORIGINS: '*' }, 'TOWN_ALLOWED_ORIGINS', '*'],
      [{ TOWN_ALLOWED_ORIGINS: 'http://a.cn/app' }, 'TOWN_ALLOWED_ORIGINS', 'http://a.cn/app'],
      [{ TOWN_ALLOWED_ORIGINS: '127.0.0.1:5173' }, 'TOWN_ALLOWED_ORIGINS', '127.0.0.1:5173'],
      [{ TOWN_TRUST_PROXY: 'proxy.local' }, 'TOWN_TRUST_PROXY', 'proxy.local'],
      [{ TOWN_TRUST_PROXY: '10.0.0.0/33' }, 'TOWN_TRUST_PROXY', '10.0.0.0/33'],
    ];
    for (const [env, name, value] of bad) {
      const error = errorOf(() => readServerConfig(env, linux));
      expect(error.code, name).toBe('cli.env-invalid');
      expect(error.params, name).toMatchObject({ name, value });
    }
  });
});
