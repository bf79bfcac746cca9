/**
 * A small stand-in for the `electron` module (the real binary cannot run in tests):
 * enough state to see which handlers main registers and what they do. Tests mock
 * 'electron' with this module: vi.mock('electron', () => import('./test/fake-electron.ts')).
 *
 * Vitest clears mock call records before every test (clearMocks), so whatever a test
 * checks after a beforeAll is kept as plain state here (loadedUrl, privilegedSchemes…).
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
  readonly url?: string;
}

export function fakeEvent(url?: string): FakeEvent {
  const event = {
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
    ...(url === undefined ? {} : { url }),
  };
  return event;
}

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: WindowOpenHandler | undefined;
  readonly mainFrame: FakeFrame = { url: 'app://village-credit/index.html', parent: null };
  readonly loadURL = vi.fn((_url: string) => Promise.resolve());
  readonly printToPDF = vi.fn((_options: unknown) => Promise.resolve(Buffer.from('%PDF-1.7 fake')));

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }
}

export class BrowserWindow extends EventEmitter {
  static readonly instances: BrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly options: Record<string, unknown>;
  private destroyed = false;
  loadedUrl: string | undefined;
  readonly loadURL = vi.fn((url: string) => {
    this.loadedUrl = url;
    return this.webContents.loadURL(url);
  });
  readonly show = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn();
  readonly isMinimized = vi.fn(() => false);

  constructor(options: Record<string, unknown> = {}) {
    super();
    this.options = options;
    BrowserWindow.instances.push(this);
    app.emit('web-contents-created', fakeEvent(), this.webContents);
  }

  destroy(): void {
    this.destroyed = true;
    this.emit('closed');
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }
}

type ProtocolHandler = (request: Request) => Response | Promise<Response>;

export class FakeProtocol {
  readonly handlers = new Map<string, ProtocolHandler>();
  privilegedSchemes: unknown;
  readonly registerSchemesAsPrivileged = vi.fn((schemes: unknown) => {
    this.privilegedSchemes = schemes;
  });
  readonly handle = vi.fn((scheme: string, handler: ProtocolHandler) => {
    this.handlers.set(scheme, handler);
  });
}

type PermissionRequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
) => void;
type BeforeRequestListener = (
  details: { url: string },
  callback: (response: { cancel?: boolean }) => void,
) => void;
type HeadersReceivedListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
) => void;

export class FakeSession {
  permissionRequestHandler: PermissionRequestHandler | undefined;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | undefined;
  devicePermissionHandler: ((...args: unknown[]) => boolean) | undefined;
  beforeRequest: BeforeRequestListener | undefined;
  headersReceived: HeadersReceivedListener | undefined;
  readonly protocol = new FakeProtocol();
  readonly webRequest = {
    onBeforeRequest: (listener: BeforeRequestListener) => {
      this.beforeRequest = listener;
    },
    onHeadersReceived: (listener: HeadersReceivedListener) => {
      this.headersReceived = listener;
    },
  };

  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: (...args: unknown[]) => boolean): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: (...args: unknown[]) => boolean): void {
    this.devicePermissionHandler = handler;
  }
}

const partitions = new Map<string, FakeSession>();
export const session = {
  defaultSession: new FakeSession(),
  fromPartition: vi.fn((partition: string) => {
    const existing = partitions.get(partition);
    if (existing !== undefined) return existing;
    const created = new FakeSession();
    partitions.set(partition, created);
    return created;
  }),
};

const paths = new Map<string, string>();
export const app = Object.assign(new EventEmitter(), {
  isPackaged: true,
  sandboxEnabled: false,
  switches: [] as [string, string | undefined][],
  quitRequested: false,
  commandLine: {
    appendSwitch: vi.fn((name: string, value?: string) => {
      app.switches.push([name, value]);
    }),
  },
  setAppUserModelId: vi.fn(),
  enableSandbox: vi.fn(() => {
    app.sandboxEnabled = true;
  }),
  requestSingleInstanceLock: vi.fn(() => true),
  quit: vi.fn(() => {
    app.quitRequested = true;
  }),
  whenReady: vi.fn(() => Promise.resolve()),
  getVersion: vi.fn(() => '0.1.0'),
  getPath: vi.fn((name: string) => {
    const path = paths.get(name);
    if (path === undefined) throw new Error(`fake app.getPath: no path set for ${name}`);
    return path;
  }),
  setPath: (name: string, path: string) => {
    paths.set(name, path);
  },
});

export const protocol = new FakeProtocol();

type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;
export const ipcMain = {
  handlers: new Map<string, InvokeHandler>(),
  handle: vi.fn((channel: string, handler: InvokeHandler) => {
    ipcMain.handlers.set(channel, handler);
  }),
};

export const shell = { openExternal: vi.fn((_url: string) => Promise.resolve()) };

export const dialog = {
  showSaveDialog: vi.fn(),
  showOpenDialog: vi.fn(),
  showMessageBox: vi.fn(() => Promise.resolve({ response: 0, checkboxChecked: false })),
  showErrorBox: vi.fn(),
};

/** Reversible, and visibly not the plain text: enough to prove nothing is stored in clear. */
export const safeStorage = {
  isAsyncEncryptionAvailable: vi.fn(() => Promise.resolve(true)),
  getSelectedStorageBackend: vi.fn((): string => 'gnome_libsecret'),
  encryptStringAsync: vi.fn((text: string) =>
    Promise.resolve(Buffer.from(Buffer.from(text, 'utf8').map((byte) => byte ^ 0x5a))),
  ),
  decryptStringAsync: vi.fn((data: Buffer) =>
    Promise.resolve({
      shouldReEncrypt: false,
      result: Buffer.from(data.map((byte) => byte ^ 0x5a)).toString('utf8'),
    }),
  ),
};

export const Menu = {
  applicationMenu: undefined as { template: unknown } | undefined,
  buildFromTemplate: vi.fn((template: unknown) => ({ template })),
  setApplicationMenu: vi.fn((menu: { template: unknown }) => {
    Menu.applicationMenu = menu;
  }),
};

export const net = { fetch: vi.fn() };

// Preload side.
export const contextBridge = { exposeInMainWorld: vi.fn() };
export const ipcRenderer = { invoke: vi.fn() };
