/**
 * Wires the shell together. Everything with logic lives in the small modules next to this
 * one; here is only the order of events, which Electron dictates:
 * before ready (sandbox, scheme privileges, single-instance lock), then after ready
 * (config, sessions, protocol, IPC, menu, window).
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  safeStorage,
  session,
  shell,
  type Session,
  type WebContents,
} from 'electron';
import { buildContentSecurityPolicy } from '../../shared/platform/csp.ts';
import { loadShellConfig, type ShellConfig } from './config.ts';
import { createAppInfoHandler } from './handlers/app-info.ts';
import { createFileHandlers } from './handlers/files.ts';
import { createPrintHandler, PRINT_PARTITION } from './handlers/print.ts';
import { isTrustedSender, registerPortHandlers } from './ipc.ts';
import { consoleLogger, type Logger } from './log.ts';
import { buildMenuTemplate, showAboutDialog } from './menu.ts';
import { createAppRequestHandler, registerAppScheme } from './protocol.ts';
import { createSecretStore, SECRETS_FILE_NAME } from './secrets.ts';
import { APP_ORIGIN, APP_SCHEME, guardSession, guardWebContents, originOf } from './security.ts';
import { createMainWindow } from './window.ts';

/** Must equal appId in electron-builder.yml. */
export const APP_ID = 'cn.villagecredit.desktop';

export interface ShellPaths {
  /** out/main: the folder of the built main bundle. */
  readonly mainDir: string;
  /** process.resourcesPath: where electron-builder puts extraResources (the window icon). */
  readonly resourcesPath: string;
}

export interface ShellMode {
  /** The URL the main window loads. */
  readonly url: string;
  /** The origin the window's pages must have (sender check, navigation guard). */
  readonly appOrigin: string;
  /** Set under `electron-vite dev`: the Vite dev server. */
  readonly devServerUrl?: string;
}

/**
 * Production serves app://village-credit/; `electron-vite dev` sets ELECTRON_RENDERER_URL.
 * A packaged app ignores that variable: nobody may point an installed app at another page.
 */
export function shellMode(
  env: Readonly<Record<string, string | undefined>>,
  isPackaged: boolean,
): ShellMode {
  const devServerUrl = env['ELECTRON_RENDERER_URL'];
  if (!isPackaged && devServerUrl !== undefined && devServerUrl !== '') {
    const origin = originOf(devServerUrl);
    if (origin !== null && (origin.startsWith('http://') || origin.startsWith('https://'))) {
      return { url: devServerUrl, appOrigin: origin, devServerUrl };
    }
  }
  return { url: `${APP_ORIGIN}/index.html`, appOrigin: APP_ORIGIN };
}

export interface Shell {
  /** Resolves once the main window has been created (or the app is quitting). */
  readonly ready: Promise<void>;
  mainWindow(): BrowserWindow | null;
}

export function startShell(paths: ShellPaths, log: Logger = consoleLogger): Shell {
  // Native dialogs and Chromium's own UI strings in Chinese.
  app.commandLine.appendSwitch('lang', 'zh-CN');
  // Every renderer sandboxed, whatever a window's webPreferences say.
  app.enableSandbox();
  registerAppScheme(protocol);
  // Taskbar grouping and notifications on Windows follow the installer's app id.
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);

  let mainWindow: BrowserWindow | null = null;

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return { ready: Promise.resolve(), mainWindow: () => null };
  }
  app.on('second-instance', () => {
    if (mainWindow === null) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  const mode = shellMode(process.env, app.isPackaged);
  const rendererRoot = join(paths.mainDir, '../renderer');
  const preloadPath = join(paths.mainDir, '../preload/index.cjs');

  const started = app.whenReady().then(async () => {
    const loaded = await loadShellConfig({
      env: process.env,
      userDataDir: app.getPath('userData'),
    });
    if (!loaded.ok) {
      log.error(`configuration error: ${loaded.problem}`);
      dialog.showErrorBox(
        '配置错误',
        `无法读取乡镇服务器地址配置：\n${loaded.problem}\n\n请检查 TOWN_SERVER_URL 或 config.json 后重新启动。`,
      );
      app.quit();
      return;
    }
    const config = loaded.config;
    const csp = buildContentSecurityPolicy(
      config.townServerUrl,
      mode.devServerUrl === undefined ? {} : { devServerUrl: mode.devServerUrl },
    );
    const guard = {
      appOrigin: mode.appOrigin,
      externalHosts: externalHosts(config),
      openExternal: (url: string) => shell.openExternal(url),
      log,
    };

    // Every web contents ever created (main window, print windows, anything else) is guarded.
    app.on('web-contents-created', (_event, contents: WebContents) => {
      guardWebContents(contents, guard);
    });

    guardSession(session.defaultSession, log);
    const printSession = session.fromPartition(PRINT_PARTITION);
    guardSession(printSession, log);

    if (mode.devServerUrl === undefined) {
      protocol.handle(
        APP_SCHEME,
        createAppRequestHandler({ root: rendererRoot, contentSecurityPolicy: csp, log }),
      );
    } else {
      applyCspToDevServer(session.defaultSession, mode.appOrigin, csp);
    }

    registerPortHandlers({
      ipcMain,
      log,
      isTrusted: (event) => isTrustedSender(event, mainWindow?.webContents ?? null, mode.appOrigin),
      handlers: {
        appInfo: createAppInfoHandler({
          version: app.getVersion(),
          platform: process.platform,
          townServerUrl: config.townServerUrl,
        }),
        ...createFileHandlers({
          dialog,
          getWindow: () => mainWindow,
          defaultDirectory: app.getPath('documents'),
        }),
        printToPdf: createPrintHandler({
          session: printSession,
          createWindow: (options) => new BrowserWindow(options),
          newId: randomUUID,
          log,
        }),
        ...createSecretStore({
          filePath: join(app.getPath('userData'), SECRETS_FILE_NAME),
          safeStorage,
          platform: process.platform,
          log,
        }),
      },
    });

    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        buildMenuTemplate({
          isPackaged: app.isPackaged,
          platform: process.platform,
          onAbout: () => {
            showAboutDialog(dialog, mainWindow, app.getVersion()).catch((error: unknown) => {
              log.error('about dialog failed', error);
            });
          },
        }),
      ),
    );

    const openMainWindow = (): void => {
      const window = createMainWindow({
        preloadPath,
        isPackaged: app.isPackaged,
        iconPath: app.isPackaged
          ? join(paths.resourcesPath, 'icon.png')
          : join(paths.mainDir, '../../build/icon.png'),
      });
      mainWindow = window;
      window.webContents.on('render-process-gone', (_event, details) => {
        log.error(`the page's process ended: ${details.reason} (exit code ${details.exitCode})`);
      });
      window.on('closed', () => {
        if (mainWindow === window) mainWindow = null;
      });
      window.loadURL(mode.url).catch((error: unknown) => {
        log.error(`could not load ${mode.url}`, error);
      });
    };
    openMainWindow();
    app.on('activate', () => {
      if (mainWindow === null) openMainWindow();
    });
  });

  // A failure while starting must not leave a half-started app without a word.
  const ready = started.catch((error: unknown) => {
    log.error('the shell failed to start', error);
    dialog.showErrorBox(
      '启动失败',
      `乡村信用积分无法启动：\n${error instanceof Error ? error.message : String(error)}`,
    );
    app.quit();
  });

  return { ready, mainWindow: () => mainWindow };
}

/** Allowlisted hosts from config, plus the town server itself when it speaks https. */
function externalHosts(config: ShellConfig): readonly string[] {
  const town = URL.parse(config.townServerUrl);
  const hosts = [...config.externalLinkHosts];
  if (town !== null && town.protocol === 'https:') hosts.push(town.host);
  return hosts;
}

/** Under `electron-vite dev` the page comes from Vite, so the CSP is added to its responses. */
export function applyCspToDevServer(ses: Session, devOrigin: string, csp: string): void {
  ses.webRequest.onHeadersReceived((details, callback) => {
    if (originOf(details.url) !== devOrigin) {
      callback({});
      return;
    }
    const headers = { ...details.responseHeaders };
    for (const name of Object.keys(headers)) {
      if (name.toLowerCase() === 'content-security-policy') Reflect.deleteProperty(headers, name);
    }
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [csp] } });
  });
}
