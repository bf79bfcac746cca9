import { describe, expect, it } from 'vitest';
import { CodedError } from '../../shared/errors.ts';
import { defaultDataDir, readServerConfig, readStorageConfig } from './config.ts';

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
});
