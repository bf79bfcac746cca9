/**
 * The guards every web contents and every session gets: no webviews, no popups, no
 * navigation away from the app, no permissions, external links only to allowlisted https
 * hosts (and then in the system browser, never inside the app).
 */
import type { Session, WebContents } from 'electron';

/** The app's own origin in production (served by the app:// protocol). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'village-credit';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * The origin of a URL as this app compares them. Node's URL reports "null" as the origin of
 * non-special schemes such as app:, so app: origins are built from protocol and host.
 */
export function originOf(raw: string): string | null {
  const url = URL.parse(raw);
  if (url === null) return null;
  if (url.protocol === 'http:' || url.protocol === 'https:') return url.origin;
  if (url.protocol === `${APP_SCHEME}:` && url.host !== '') return `${APP_SCHEME}://${url.host}`;
  return null;
}

export function isAppUrl(raw: string, appOrigin: string): boolean {
  return originOf(raw) === appOrigin;
}

/** Only https, no credentials, and the exact host (port included) must be allowlisted. */
export function isAllowedExternalUrl(raw: string, allowedHosts: readonly string[]): boolean {
  const url = URL.parse(raw);
  if (url === null || url.protocol !== 'https:') return false;
  if (url.username !== '' || url.password !== '') return false;
  return allowedHosts.includes(url.host.toLowerCase());
}

export interface GuardOptions {
  /** APP_ORIGIN in production; the dev server's origin under `electron-vite dev`. */
  readonly appOrigin: string;
  readonly externalHosts: readonly string[];
  readonly openExternal: (url: string) => Promise<void>;
  readonly log: {
    warn(message: string, detail?: unknown): void;
    error(message: string, detail?: unknown): void;
  };
}

export function openIfAllowed(url: string, options: GuardOptions): boolean {
  if (!isAllowedExternalUrl(url, options.externalHosts)) {
    options.log.warn(`refused to open external URL ${url}`);
    return false;
  }
  options.openExternal(url).catch((error: unknown) => {
    options.log.error(`could not open ${url} in the system browser`, error);
  });
  return true;
}

type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

export function guardWebContents(contents: GuardedContents, options: GuardOptions): void {
  // <webview> is off in webPreferences too; this also stops one attached by any other route.
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    options.log.warn('refused to attach a <webview>');
  });

  // window.open and target=_blank: never a new Electron window; allowlisted https links go
  // to the system browser.
  contents.setWindowOpenHandler(({ url }) => {
    openIfAllowed(url, options);
    return { action: 'deny' };
  });

  const blockOutsideApp = (event: { preventDefault(): void }, url: string): void => {
    if (isAppUrl(url, options.appOrigin)) return;
    event.preventDefault();
    openIfAllowed(url, options);
  };
  contents.on('will-navigate', (event, url) => {
    blockOutsideApp(event, url);
  });
  contents.on('will-redirect', (event, url) => {
    blockOutsideApp(event, url);
  });
  // Sub-frames too (frame-src 'none' already forbids them; this is the second lock).
  contents.on('will-frame-navigate', (event) => {
    if (isAppUrl(event.url, options.appOrigin)) return;
    event.preventDefault();
    options.log.warn(`refused frame navigation to ${event.url}`);
  });
}

type GuardedSession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
>;

/** Camera, microphone, geolocation, notifications, HID, serial, USB…: all denied. */
export function guardSession(session: GuardedSession, log: GuardOptions['log']): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log.warn(`denied permission request: ${permission}`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
