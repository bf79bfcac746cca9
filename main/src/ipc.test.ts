import type { WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { ok } from '../../shared/errors.ts';
import { PORT_METHODS, portChannel } from '../../shared/platform/contract.ts';
import {
  isTrustedSender,
  registerPortHandlers,
  type PortHandlers,
  type SenderEvent,
} from './ipc.ts';
import { APP_ORIGIN } from './security.ts';
import { FakeWebContents, ipcMain, type FakeFrame } from './test/fake-electron.ts';

const mainContents = new FakeWebContents();
const topFrame: FakeFrame = { url: `${APP_ORIGIN}/index.html`, parent: null };

function eventFrom(frame: FakeFrame | null, sender: FakeWebContents = mainContents): SenderEvent {
  return { sender, senderFrame: frame } as unknown as SenderEvent;
}

function setup() {
  const handlers = {
    appInfo: vi.fn(() =>
      Promise.resolve(
        ok({
          productName: 'x',
          version: '1',
          shell: 'electron',
          platform: 'linux',
          townServerUrl: 'http://t',
        } as const),
      ),
    ),
    saveFile: vi.fn(() => Promise.resolve(ok({ saved: false } as const))),
    openFile: vi.fn(() => Promise.resolve(ok({ opened: false } as const))),
    printToPdf: vi.fn(() => Promise.resolve(ok(new Uint8Array([37])))),
    readSecret: vi.fn(() => Promise.resolve(ok('token'))),
    writeSecret: vi.fn(() => Promise.resolve(ok(null))),
    deleteSecret: vi.fn(() => Promise.resolve(ok(null))),
  } satisfies PortHandlers;
  const log = { warn: vi.fn(), error: vi.fn() };
  ipcMain.handlers.clear();
  registerPortHandlers({
    ipcMain: ipcMain,
    handlers,
    isTrusted: (event) =>
      isTrustedSender(event, mainContents as unknown as WebContents, APP_ORIGIN),
    log,
  });
  const invoke = (
    method: (typeof PORT_METHODS)[number],
    event: SenderEvent,
    arg?: unknown,
  ): Promise<unknown> => Promise.resolve(ipcMain.handlers.get(portChannel(method))?.(event, arg));
  return { handlers, log, invoke };
}

describe('registerPortHandlers', () => {
  it('registers exactly one handler per port method, on the contract channel', () => {
    setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(PORT_METHODS.map(portChannel).sort());
  });

  it('calls the implementation with the validated argument for the main window', async () => {
    const { handlers, invoke } = setup();
    const result = await invoke('readSecret', eventFrom(topFrame), { key: 'sync.token' });
    expect(result).toEqual({ ok: true, value: 'token' });
    expect(handlers.readSecret).toHaveBeenCalledWith({ key: 'sync.token' });
  });

  it.each([
    [
      'a sub-frame of the main window',
      eventFrom({ url: `${APP_ORIGIN}/index.html`, parent: topFrame }),
    ],
    [
      'another origin in the main window',
      eventFrom({ url: 'https://evil.example.com/', parent: null }),
    ],
    ['a file:// page', eventFrom({ url: 'file:///tmp/x.html', parent: null })],
    ['another app:// host', eventFrom({ url: 'app://print/x.html', parent: null })],
    ['another web contents', eventFrom(topFrame, new FakeWebContents())],
    ['a destroyed frame', eventFrom(null)],
  ])('refuses a call from %s without calling the implementation', async (_name, event) => {
    const { handlers, invoke } = setup();
    for (const method of PORT_METHODS) {
      const result = await invoke(
        method,
        event,
        method === 'appInfo' ? undefined : { key: 'sync.token', value: 'v' },
      );
      expect(result).toEqual({ ok: false, error: { code: 'port.untrusted-sender' } });
    }
    for (const handler of Object.values(handlers)) expect(handler).not.toHaveBeenCalled();
  });

  it.each([
    ['appInfo', { any: 1 }],
    ['saveFile', { suggestedName: '../../.bashrc', filters: [], data: new Uint8Array(1) }],
    ['saveFile', { suggestedName: 'a.xlsx', filters: [], data: 'not bytes' }],
    ['openFile', { filters: 'xlsx' }],
    ['printToPdf', { html: '', landscape: false }],
    ['printToPdf', { html: '<p>x</p>', landscape: 'yes' }],
    ['readSecret', { key: '../secrets' }],
    ['writeSecret', { key: 'sync.token', value: 42 }],
    ['deleteSecret', null],
  ] as const)(
    'refuses invalid arguments to %s without calling the implementation',
    async (method, arg) => {
      const { handlers, invoke } = setup();
      const result = await invoke(method, eventFrom(topFrame), arg);
      expect(result).toMatchObject({ ok: false, error: { code: 'port.invalid-argument' } });
      expect(handlers[method]).not.toHaveBeenCalled();
    },
  );

  it('answers port.io-failed and logs when an implementation throws', async () => {
    const { handlers, invoke, log } = setup();
    handlers.writeSecret.mockRejectedValueOnce(new Error('disk full'));
    const result = await invoke('writeSecret', eventFrom(topFrame), {
      key: 'sync.token',
      value: 'v',
    });
    expect(result).toEqual({
      ok: false,
      error: { code: 'port.io-failed', params: { method: 'writeSecret' } },
    });
    expect(log.error).toHaveBeenCalled();
  });
});

describe('isTrustedSender', () => {
  it('accepts the dev server origin only when that is the app origin', () => {
    const devFrame = { url: 'http://localhost:5173/', parent: null };
    const contents = mainContents as unknown as WebContents;
    expect(isTrustedSender(eventFrom(devFrame), contents, 'http://localhost:5173')).toBe(true);
    expect(isTrustedSender(eventFrom(devFrame), contents, APP_ORIGIN)).toBe(false);
    expect(isTrustedSender(eventFrom(topFrame), null, APP_ORIGIN)).toBe(false);
  });
});
