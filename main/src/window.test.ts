import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BrowserWindow } from './test/fake-electron.ts';
import { createMainWindow, mainWindowOptions } from './window.ts';

vi.mock('electron', () => import('./test/fake-electron.ts'));

const preloadPath = '/opt/village-credit/resources/app.asar/out/preload/index.cjs';

beforeEach(() => {
  BrowserWindow.instances.length = 0;
});

describe('mainWindowOptions', () => {
  const { webPreferences } = mainWindowOptions({ preloadPath, isPackaged: true });

  it('isolates the page: context isolation on, sandbox on, no Node anywhere', () => {
    expect(webPreferences?.contextIsolation).toBe(true);
    expect(webPreferences?.sandbox).toBe(true);
    expect(webPreferences?.nodeIntegration).toBe(false);
    expect(webPreferences?.nodeIntegrationInWorker).toBe(false);
    expect(webPreferences?.nodeIntegrationInSubFrames).toBe(false);
  });

  it('disables <webview> and keeps web security on', () => {
    expect(webPreferences?.webviewTag).toBe(false);
    expect(webPreferences?.webSecurity).toBe(true);
    expect(webPreferences?.allowRunningInsecureContent).toBe(false);
    expect(webPreferences?.navigateOnDragDrop).toBe(false);
  });

  it('loads the single-file CommonJS preload', () => {
    expect(webPreferences?.preload).toBe(preloadPath);
    expect(webPreferences?.preload).toMatch(/preload[/\\]index\.cjs$/);
  });

  it('has dev tools only in an unpackaged app', () => {
    expect(webPreferences?.devTools).toBe(false);
    expect(mainWindowOptions({ preloadPath, isPackaged: false }).webPreferences?.devTools).toBe(
      true,
    );
  });

  it('is titled 乡村信用积分 with a minimum size of 1024×700', () => {
    const options = mainWindowOptions({ preloadPath, isPackaged: true });
    expect(options).toMatchObject({
      title: '乡村信用积分',
      minWidth: 1024,
      minHeight: 700,
      show: false,
    });
  });
});

describe('createMainWindow', () => {
  it('creates the window hidden and shows it once it is ready to show', () => {
    createMainWindow({ preloadPath, isPackaged: true });
    const window = BrowserWindow.instances[0]!;
    expect(window.options).toMatchObject({
      show: false,
      webPreferences: { sandbox: true, contextIsolation: true },
    });
    expect(window.show).not.toHaveBeenCalled();
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalledTimes(1);
  });

  it('keeps its own title when the page sets a <title>', () => {
    createMainWindow({ preloadPath, isPackaged: true });
    const window = BrowserWindow.instances[0]!;
    const event = {
      defaultPrevented: false,
      preventDefault: () => (event.defaultPrevented = true),
    };
    window.emit('page-title-updated', event, 'Other');
    expect(event.defaultPrevented).toBe(true);
  });
});
