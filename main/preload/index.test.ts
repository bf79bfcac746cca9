import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { PORT_GLOBAL, PORT_METHODS, portChannel } from '../../shared/platform/contract.ts';
import { contextBridge, ipcRenderer } from '../src/test/fake-electron.ts';

vi.mock('electron', () => import('../src/test/fake-electron.ts'));

let port: Record<string, unknown>;

beforeAll(async () => {
  await import('./index.ts');
  expect(contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
  const [name, value] = contextBridge.exposeInMainWorld.mock.calls[0] as [
    string,
    Record<string, unknown>,
  ];
  expect(name).toBe(PORT_GLOBAL);
  port = value;
});

beforeEach(() => {
  ipcRenderer.invoke.mockReset();
});

describe('the preload', () => {
  it('exposes exactly the port methods on window.villageCredit, and not ipcRenderer', () => {
    expect(Object.keys(port).sort()).toEqual([...PORT_METHODS].sort());
    for (const value of Object.values(port)) expect(value).toBeTypeOf('function');
    expect(Object.values(port)).not.toContain(ipcRenderer);
    expect(Object.isFrozen(port)).toBe(true);
  });

  it('sends each call on its contract channel and passes the Result back', async () => {
    ipcRenderer.invoke.mockResolvedValue({ ok: true, value: 'token' });
    const readSecret = port['readSecret'] as (arg: unknown) => Promise<unknown>;
    expect(await readSecret({ key: 'sync.token' })).toEqual({ ok: true, value: 'token' });
    expect(ipcRenderer.invoke).toHaveBeenCalledWith(portChannel('readSecret'), {
      key: 'sync.token',
    });
  });

  it('answers port.unavailable instead of throwing when main does not answer', async () => {
    ipcRenderer.invoke.mockRejectedValue(
      new Error("No handler registered for 'village-credit:appInfo'"),
    );
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const appInfo = port['appInfo'] as () => Promise<unknown>;
    expect(await appInfo()).toEqual({
      ok: false,
      error: { code: 'port.unavailable', params: { method: 'appInfo' } },
    });
  });
});
