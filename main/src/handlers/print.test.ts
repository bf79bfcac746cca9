import type { BrowserWindowConstructorOptions, Session } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { BrowserWindow, FakeSession } from '../test/fake-electron.ts';
import { createPrintHandler, PRINT_CSP } from './print.ts';

vi.mock('electron', () => import('../test/fake-electron.ts'));

function setup(options: { timeoutMs?: number; onWindow?: (window: BrowserWindow) => void } = {}) {
  const setupWindow = options.onWindow;
  const session = new FakeSession();
  const windows: BrowserWindow[] = [];
  const log = { warn: vi.fn(), error: vi.fn() };
  const print = createPrintHandler({
    session: session as unknown as Session,
    createWindow: (windowOptions: BrowserWindowConstructorOptions) => {
      const window = new BrowserWindow(windowOptions as Record<string, unknown>);
      windows.push(window);
      setupWindow?.(window);
      return window as unknown as Electron.BrowserWindow;
    },
    newId: () => '0f0e0d0c-1111-2222-3333-444455556666',
    log,
    timeoutMs: options.timeoutMs ?? 1000,
  });
  return { session, windows, print, log };
}

async function serve(session: FakeSession, url: string): Promise<Response> {
  const handler = session.protocol.handlers.get('app');
  if (handler === undefined) throw new Error('no app:// handler on the print session');
  return handler(new Request(url));
}

describe('printToPdf', () => {
  it('renders in a hidden, sandboxed window without scripts or preload, and returns the PDF bytes', async () => {
    const { windows, print } = setup();
    const result = await print({ html: '<h1>信用积分</h1>', landscape: true });
    expect(result).toEqual({ ok: true, value: new Uint8Array(Buffer.from('%PDF-1.7 fake')) });
    const window = windows[0]!;
    expect(window.options).toMatchObject({
      show: false,
      webPreferences: {
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        javascript: false,
        webviewTag: false,
      },
    });
    expect(window.options['webPreferences']).not.toHaveProperty('preload');
    expect(window.webContents.printToPDF).toHaveBeenCalledWith({
      pageSize: 'A4',
      printBackground: true,
      landscape: true,
    });
  });

  it('serves the document with a CSP that forbids every fetch, and only while printing', async () => {
    const { session, windows, print } = setup();
    let served: Response | undefined;
    const pending = print({ html: '<p>户主</p>', landscape: false });
    const window = windows[0]!;
    const url = window.webContents.loadURL.mock.calls[0]?.[0] ?? '';
    expect(url).toBe('app://print/0f0e0d0c-1111-2222-3333-444455556666.html');
    served = await serve(session, url);
    expect(await served.text()).toBe('<p>户主</p>');
    expect(served.headers.get('content-security-policy')).toBe(PRINT_CSP);
    expect(PRINT_CSP).toContain("default-src 'none'");
    await pending;
    served = await serve(session, url);
    expect(served.status).toBe(404);
  });

  it('cancels every request of the print session except its own document', () => {
    const { session } = setup();
    const decide = (url: string): boolean | undefined => {
      let cancel: boolean | undefined;
      session.beforeRequest?.({ url }, (response) => (cancel = response.cancel));
      return cancel;
    };
    expect(decide('app://print/0f0e0d0c-1111-2222-3333-444455556666.html')).toBe(false);
    expect(decide('data:image/png;base64,AAAA')).toBe(false);
    expect(decide('https://evil.example.com/beacon')).toBe(true);
    expect(decide('file:///etc/passwd')).toBe(true);
    expect(decide('app://village-credit/index.html')).toBe(true);
  });

  it('closes the hidden window after printing, and after a failure', async () => {
    const { windows, print, log } = setup();
    await print({ html: '<p>1</p>', landscape: false });
    expect(windows[0]!.isDestroyed()).toBe(true);

    const failing = print({ html: '<p>2</p>', landscape: false });
    windows[1]!.webContents.printToPDF.mockRejectedValueOnce(new Error('printing failed'));
    expect(await failing).toEqual({ ok: false, error: { code: 'port.print-failed' } });
    expect(windows[1]!.isDestroyed()).toBe(true);
    expect(log.error).toHaveBeenCalled();
  });

  it('gives up with port.print-failed when the document never loads', async () => {
    const { windows, print } = setup({
      timeoutMs: 20,
      onWindow: (window) =>
        window.webContents.loadURL.mockReturnValue(new Promise<void>(() => undefined)),
    });
    expect(await print({ html: '<p>slow</p>', landscape: false })).toEqual({
      ok: false,
      error: { code: 'port.print-failed' },
    });
    expect(windows[0]!.webContents.printToPDF).not.toHaveBeenCalled();
    expect(windows[0]!.isDestroyed()).toBe(true);
  });
});
