/**
 * The shell as a whole, with `electron` replaced by a fake: every security setting is
 * checked on what startShell actually wires up, not on the helpers alone.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { Session } from 'electron';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PORT_METHODS, portChannel } from '../../shared/platform/contract.ts';
import { APP_ID, applyCspToDevServer, shellMode, startShell, type Shell } from './app.ts';
import { PRINT_PARTITION } from './handlers/print.ts';
import {
  app,
  BrowserWindow,
  fakeEvent,
  FakeSession,
  ipcMain,
  Menu,
  protocol,
  session,
  shell,
} from './test/fake-electron.ts';

vi.mock('electron', () => import('./test/fake-electron.ts'));

let base: string;
let started: Shell;
const log = { warn: vi.fn(), error: vi.fn() };
const savedEnv = { ...process.env };

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'vc-app-'));
  await mkdir(join(base, 'out', 'renderer'), { recursive: true });
  await mkdir(join(base, 'userData'));
  await writeFile(
    join(base, 'out', 'renderer', 'index.html'),
    '<!doctype html><title>乡村信用积分</title>',
  );
  app.setPath('userData', join(base, 'userData'));
  app.setPath('documents', join(base, 'documents'));
  process.env['TOWN_SERVER_URL'] = 'https://town.example.cn';
  delete process.env['ELECTRON_RENDERER_URL'];
  started = startShell(
    { mainDir: join(base, 'out', 'main'), resourcesPath: join(base, 'resources') },
    log,
  );
  await started.ready;
  expect(log.error).not.toHaveBeenCalled();
});

afterAll(async () => {
  process.env = savedEnv;
  await rm(base, { recursive: true, force: true });
});

function mainWindow(): BrowserWindow {
  const window = started.mainWindow() as unknown as BrowserWindow | null;
  if (window === null) throw new Error('no main window');
  return window;
}

describe('before the app is ready', () => {
  it('sandboxes every renderer, registers app:// as privileged and asks for Chinese UI strings', () => {
    expect(app.sandboxEnabled).toBe(true);
    expect(protocol.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(app.switches).toContainEqual(['lang', 'zh-CN']);
  });
});

describe('the main window', () => {
  it('is created with the hardened webPreferences and the .cjs preload', () => {
    expect(mainWindow().options).toMatchObject({
      title: '乡村信用积分',
      webPreferences: {
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webviewTag: false,
        preload: join(base, 'out', 'preload', 'index.cjs'),
      },
    });
  });

  it('loads the renderer from app://, not file://', () => {
    expect(mainWindow().loadedUrl).toBe('app://village-credit/index.html');
  });

  it('denies window.open and navigation away from the app', () => {
    const contents = mainWindow().webContents;
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example.com/' })).toEqual({
      action: 'deny',
    });
    const away = fakeEvent('https://evil.example.com/');
    contents.emit('will-navigate', away, 'https://evil.example.com/');
    expect(away.defaultPrevented).toBe(true);
    const webview = fakeEvent();
    contents.emit('will-attach-webview', webview, {}, {});
    expect(webview.defaultPrevented).toBe(true);
  });

  it('opens links to the (https) town server in the system browser, and nothing else', () => {
    const contents = mainWindow().webContents;
    shell.openExternal.mockClear();
    contents.windowOpenHandler?.({ url: 'https://town.example.cn/help' });
    contents.windowOpenHandler?.({ url: 'https://other.example.cn/' });
    expect(shell.openExternal.mock.calls).toEqual([['https://town.example.cn/help']]);
  });

  it('guards every later web contents too', () => {
    const other = new BrowserWindow({});
    expect(other.webContents.windowOpenHandler?.({ url: 'https://town.example.cn/' })).toEqual({
      action: 'deny',
    });
  });

  it('focuses the running window when a second instance starts', () => {
    app.emit('second-instance');
    expect(mainWindow().focus).toHaveBeenCalled();
  });
});

describe('sessions and protocol', () => {
  it('denies permissions in the default session and in the print session', () => {
    for (const ses of [session.defaultSession, session.fromPartition(PRINT_PARTITION)]) {
      const callback = vi.fn();
      ses.permissionRequestHandler?.({}, 'media', callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(ses.permissionCheckHandler?.({}, 'media', 'app://village-credit', {})).toBe(false);
    }
  });

  it('serves app:// from out/renderer with a CSP naming only the town server', async () => {
    const handler = protocol.handlers.get('app');
    const response = await handler!(new Request('app://village-credit/index.html'));
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/(^|; )connect-src 'self' https:\/\/town\.example\.cn(;|$)/);
    expect(csp).toContain("script-src 'self';");
  });
});

describe('the platform port', () => {
  it('handles every method of the contract', () => {
    for (const method of PORT_METHODS) expect(ipcMain.handlers.has(portChannel(method))).toBe(true);
  });

  it('answers appInfo to the main window with the configured town server', async () => {
    const contents = mainWindow().webContents;
    const result = await ipcMain.handlers.get(portChannel('appInfo'))?.(
      { sender: contents, senderFrame: contents.mainFrame },
      undefined,
    );
    expect(result).toEqual({
      ok: true,
      value: {
        productName: '乡村信用积分',
        version: '0.1.0',
        shell: 'electron',
        platform: process.platform,
        townServerUrl: 'https://town.example.cn',
      },
    });
  });

  it('refuses a sub-frame of the main window', async () => {
    const contents = mainWindow().webContents;
    const frame = { url: 'app://village-credit/index.html', parent: contents.mainFrame };
    const result = await ipcMain.handlers.get(portChannel('appInfo'))?.(
      { sender: contents, senderFrame: frame },
      undefined,
    );
    expect(result).toEqual({ ok: false, error: { code: 'port.untrusted-sender' } });
  });
});

describe('the menu', () => {
  it('is set, in Chinese', () => {
    const template = (Menu.applicationMenu?.template ?? []) as { label?: string }[];
    expect(template.map((item) => item.label)).toEqual(
      expect.arrayContaining(['文件', '编辑', '视图', '窗口', '帮助']),
    );
  });
});

describe('shellMode', () => {
  it('loads the dev server only in an unpackaged app', () => {
    expect(shellMode({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, false)).toEqual({
      url: 'http://localhost:5173',
      appOrigin: 'http://localhost:5173',
      devServerUrl: 'http://localhost:5173',
    });
    expect(shellMode({ ELECTRON_RENDERER_URL: 'https://evil.example.com' }, true)).toEqual({
      url: 'app://village-credit/index.html',
      appOrigin: 'app://village-credit',
    });
  });
});

describe('the app id', () => {
  it('is the one the installers are built with', async () => {
    const builderConfig = await readFile(
      join(import.meta.dirname, '../../electron-builder.yml'),
      'utf8',
    );
    expect(/^appId: (.+)$/m.exec(builderConfig)?.[1]).toBe(APP_ID);
  });
});

describe('under electron-vite dev', () => {
  it("replaces the dev server's CSP header with ours, and leaves other responses alone", () => {
    const ses = new FakeSession();
    applyCspToDevServer(ses as unknown as Session, 'http://localhost:5173', "default-src 'self'");
    let headers: Record<string, string[]> | undefined;
    ses.headersReceived?.(
      {
        url: 'http://localhost:5173/',
        responseHeaders: { 'content-security-policy': ['*'], 'Content-Type': ['text/html'] },
      },
      (response) => (headers = response.responseHeaders),
    );
    expect(headers).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': ["default-src 'self'"],
    });
    ses.headersReceived?.(
      { url: 'https://town.example.cn/sync' },
      (response) => (headers = response.responseHeaders),
    );
    expect(headers).toBeUndefined();
  });
});

describe('a second launch', () => {
  it('quits without opening a window when another instance holds the lock', async () => {
    const windows = BrowserWindow.instances.length;
    app.requestSingleInstanceLock.mockReturnValueOnce(false);
    app.quitRequested = false;
    await startShell({ mainDir: join(base, 'out', 'main'), resourcesPath: join(base, 'resources') })
      .ready;
    expect(app.quitRequested).toBe(true);
    expect(BrowserWindow.instances.length).toBe(windows);
  });
});
