import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildContentSecurityPolicy } from '../../shared/platform/csp.ts';
import { createAppRequestHandler, registerAppScheme, resolveAppPath } from './protocol.ts';
import { FakeProtocol } from './test/fake-electron.ts';

let base: string;
let root: string;
let handler: (request: Request) => Promise<Response>;
const csp = buildContentSecurityPolicy('https://town.example.cn');
const SECRET = 'TOP-SECRET-OUTSIDE-THE-APP';

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'vc-protocol-'));
  root = join(base, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>乡村信用积分</title>');
  await writeFile(join(root, 'assets', 'app.js'), 'console.log("app")');
  await writeFile(join(root, 'assets', 'app.css'), 'body{}');
  await writeFile(join(base, 'secret.txt'), SECRET);
  await symlink(join(base, 'secret.txt'), join(root, 'assets', 'link.txt'));
  handler = createAppRequestHandler({ root, contentSecurityPolicy: csp, log: { error: vi.fn() } });
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

async function get(
  url: string,
): Promise<{ status: number; type: string | null; csp: string | null; body: string }> {
  const response = await handler(new Request(url));
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    csp: response.headers.get('content-security-policy'),
    body: await response.text(),
  };
}

describe('registerAppScheme', () => {
  it('registers app:// as a standard, secure scheme that fetch may use', () => {
    const protocol = new FakeProtocol();
    registerAppScheme(protocol);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });
});

describe('the app:// request handler', () => {
  it('serves the renderer from out/renderer with the right MIME types', async () => {
    const index = await get('app://village-credit/index.html');
    expect(index).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
    expect(index.body).toContain('乡村信用积分');
    expect(await get('app://village-credit/')).toMatchObject({
      status: 200,
      type: 'text/html; charset=utf-8',
    });
    expect(await get('app://village-credit/assets/app.js')).toMatchObject({
      status: 200,
      type: 'text/javascript; charset=utf-8',
    });
    expect(await get('app://village-credit/assets/app.css')).toMatchObject({
      status: 200,
      type: 'text/css; charset=utf-8',
    });
  });

  it('sends the CSP, with connect-src limited to the app and the town server, on every response', async () => {
    for (const url of [
      'app://village-credit/index.html',
      'app://village-credit/assets/missing.js',
      'app://village-credit/%2e%2e/secret.txt',
    ]) {
      const response = await get(url);
      expect(response.csp).toBe(csp);
      expect(response.csp).toContain("connect-src 'self' https://town.example.cn;");
    }
  });

  it('answers 404 for a missing file and falls back to index.html for app routes', async () => {
    expect((await get('app://village-credit/assets/missing.js')).status).toBe(404);
    const route = await get('app://village-credit/households/42');
    expect(route).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
  });

  it.each([
    'app://village-credit/../secret.txt',
    'app://village-credit/assets/../../secret.txt',
    'app://village-credit/%2e%2e/secret.txt',
    'app://village-credit/%2E%2E/%2e%2e/secret.txt',
    'app://village-credit/..%2fsecret.txt',
    'app://village-credit/assets/..%2f..%2fsecret.txt',
    'app://village-credit/..%5csecret.txt',
    'app://village-credit/..\\secret.txt',
    'app://village-credit/assets\\..\\..\\secret.txt',
    'app://village-credit//etc/passwd',
    'app://village-credit/%2Fetc%2Fpasswd',
    'app://village-credit/C:/Windows/win.ini',
    'app://village-credit/assets/link.txt',
    'app://other-host/index.html',
  ])('never serves a file outside out/renderer for %s', async (url) => {
    const response = await get(url);
    expect(response.body).not.toContain(SECRET);
    expect(response.body).not.toContain('root:');
    expect([403, 404]).toContain(response.status);
  });

  it('never serves an absolute path given as one encoded segment', async () => {
    const response = await get(
      `app://village-credit/${encodeURIComponent(join(base, 'secret.txt'))}`,
    );
    expect(response.body).not.toContain(SECRET);
    expect(response.status).toBe(403);
  });

  it('refuses methods other than GET and HEAD', async () => {
    const response = await handler(
      new Request('app://village-credit/index.html', { method: 'POST', body: 'x' }),
    );
    expect(response.status).toBe(405);
  });
});

describe('resolveAppPath', () => {
  it('maps URLs to files inside the root and nothing else', () => {
    expect(resolveAppPath('/srv/r', 'app://village-credit/assets/a.js')).toBe('/srv/r/assets/a.js');
    expect(resolveAppPath('/srv/r', 'app://village-credit/%E5%AD%97.png')).toBe('/srv/r/字.png');
    expect(resolveAppPath('/srv/r', 'app://village-credit/..%2f..%2fetc/passwd')).toBeNull();
    expect(resolveAppPath('/srv/r', 'app://village-credit/%00.js')).toBeNull();
    expect(resolveAppPath('/srv/r', 'app://village-credit/%zz')).toBeNull();
    expect(resolveAppPath('/srv/r', 'file:///etc/passwd')).toBeNull();
  });
});
