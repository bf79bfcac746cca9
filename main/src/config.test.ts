import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_TOWN_SERVER_URL, loadShellConfig, parseTownServerUrl } from './config.ts';

let userDataDir: string;

beforeEach(async () => {
  userDataDir = await mkdtemp(join(tmpdir(), 'vc-config-'));
});
afterEach(async () => {
  await rm(userDataDir, { recursive: true, force: true });
});

async function writeConfig(content: unknown): Promise<void> {
  await writeFile(
    join(userDataDir, 'config.json'),
    typeof content === 'string' ? content : JSON.stringify(content),
  );
}

describe('loadShellConfig', () => {
  it('uses the local default town server when nothing is configured', async () => {
    const result = await loadShellConfig({ env: {}, userDataDir });
    expect(result).toEqual({
      ok: true,
      config: { townServerUrl: DEFAULT_TOWN_SERVER_URL, externalLinkHosts: [], source: 'default' },
    });
  });

  it('reads townServerUrl and externalLinkHosts from <userData>/config.json', async () => {
    await writeConfig({
      townServerUrl: 'https://Town.Example.cn/',
      externalLinkHosts: ['Help.Example.cn'],
    });
    const result = await loadShellConfig({ env: {}, userDataDir });
    expect(result).toEqual({
      ok: true,
      config: {
        townServerUrl: 'https://town.example.cn',
        externalLinkHosts: ['help.example.cn'],
        source: 'file',
      },
    });
  });

  it('lets TOWN_SERVER_URL override the config file', async () => {
    await writeConfig({ townServerUrl: 'https://town.example.cn' });
    const result = await loadShellConfig({
      env: { TOWN_SERVER_URL: 'https://10.0.0.5:8443' },
      userDataDir,
    });
    expect(result.ok && result.config).toMatchObject({
      townServerUrl: 'https://10.0.0.5:8443',
      source: 'env',
    });
  });

  it.each([
    'ftp://town.example.cn',
    'https://town.example.cn/api',
    'https://u:p@town.example.cn',
    'not a url',
    'https://town.example.cn/?x=1',
    // app:// is a secure origin: Chromium would block plain http to another host as mixed content.
    'http://town.example.cn',
    'http://10.0.0.5:8787',
  ])(
    'refuses TOWN_SERVER_URL=%s, which is not an https origin or a local http one',
    async (url) => {
      const result = await loadShellConfig({ env: { TOWN_SERVER_URL: url }, userDataDir });
      expect(result.ok).toBe(false);
    },
  );

  it('reports a config file that is not valid JSON instead of ignoring it', async () => {
    await writeConfig('{ townServerUrl: ');
    const result = await loadShellConfig({ env: {}, userDataDir });
    expect(result.ok).toBe(false);
  });

  it('refuses externalLinkHosts that are not host names', async () => {
    await writeConfig({ externalLinkHosts: ['https://help.example.cn'] });
    expect((await loadShellConfig({ env: {}, userDataDir })).ok).toBe(false);
  });
});

describe('parseTownServerUrl', () => {
  it('returns the origin, dropping a default port and a bare trailing slash', () => {
    expect(parseTownServerUrl('https://town.example.cn:443/')).toBe('https://town.example.cn');
    expect(parseTownServerUrl(' http://127.0.0.1:8787 ')).toBe('http://127.0.0.1:8787');
    expect(parseTownServerUrl('http://localhost:8787/')).toBe('http://localhost:8787');
    expect(parseTownServerUrl('http://[::1]:8787')).toBe('http://[::1]:8787');
    expect(parseTownServerUrl('javascript:alert(1)')).toBeNull();
  });
});
