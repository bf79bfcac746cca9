import type { WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import {
  APP_ORIGIN,
  guardSession,
  guardWebContents,
  isAllowedExternalUrl,
  isAppUrl,
  type GuardOptions,
} from './security.ts';
import { fakeEvent, FakeSession, FakeWebContents } from './test/fake-electron.ts';

function guarded(externalHosts: readonly string[] = ['help.example.cn']) {
  const contents = new FakeWebContents();
  const openExternal = vi.fn((_url: string) => Promise.resolve());
  const log = { warn: vi.fn(), error: vi.fn() };
  const options: GuardOptions = { appOrigin: APP_ORIGIN, externalHosts, openExternal, log };
  guardWebContents(contents as unknown as WebContents, options);
  return { contents, openExternal };
}

describe('guardWebContents', () => {
  it('prevents attaching a <webview>', () => {
    const { contents } = guarded();
    const event = fakeEvent();
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });

  it('denies every window.open, even to allowlisted or app URLs', () => {
    const { contents } = guarded();
    for (const url of [
      'https://help.example.cn/guide',
      `${APP_ORIGIN}/index.html`,
      'https://evil.example.com/',
    ]) {
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    }
  });

  it('opens an allowlisted https link from window.open in the system browser', () => {
    const { contents, openExternal } = guarded();
    contents.windowOpenHandler?.({ url: 'https://help.example.cn/guide' });
    expect(openExternal).toHaveBeenCalledWith('https://help.example.cn/guide');
  });

  it.each([
    'http://help.example.cn/guide',
    'https://evil.example.com/',
    'https://help.example.cn.evil.com/',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'https://user:pass@help.example.cn/',
  ])('never hands %s to the system browser', (url) => {
    const { contents, openExternal } = guarded();
    contents.windowOpenHandler?.({ url });
    const event = fakeEvent(url);
    contents.emit('will-navigate', event, url);
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('lets the page navigate within the app', () => {
    const { contents } = guarded();
    const event = fakeEvent(`${APP_ORIGIN}/ledger`);
    contents.emit('will-navigate', event, `${APP_ORIGIN}/ledger`);
    expect(event.defaultPrevented).toBe(false);
  });

  it.each([
    'https://evil.example.com/',
    'http://127.0.0.1:8787/',
    'file:///etc/passwd',
    'app://other-host/index.html',
    'data:text/html,hi',
  ])('blocks navigation of the page to %s', (url) => {
    const { contents } = guarded();
    const event = fakeEvent(url);
    contents.emit('will-navigate', event, url);
    expect(event.defaultPrevented).toBe(true);
  });

  it('opens an allowlisted https link the page tried to navigate to, outside the app', () => {
    const { contents, openExternal } = guarded();
    const event = fakeEvent('https://help.example.cn/');
    contents.emit('will-navigate', event, 'https://help.example.cn/');
    expect(event.defaultPrevented).toBe(true);
    expect(openExternal).toHaveBeenCalledWith('https://help.example.cn/');
  });

  it('blocks redirects and frame navigations out of the app', () => {
    const { contents } = guarded();
    const redirect = fakeEvent('https://evil.example.com/');
    contents.emit('will-redirect', redirect, 'https://evil.example.com/');
    expect(redirect.defaultPrevented).toBe(true);
    const frame = fakeEvent('https://evil.example.com/');
    contents.emit('will-frame-navigate', frame);
    expect(frame.defaultPrevented).toBe(true);
  });
});

describe('isAllowedExternalUrl', () => {
  it('allows only https to an exactly allowlisted host', () => {
    expect(isAllowedExternalUrl('https://help.example.cn/a?b=c', ['help.example.cn'])).toBe(true);
    expect(isAllowedExternalUrl('HTTPS://HELP.EXAMPLE.CN/', ['help.example.cn'])).toBe(true);
    expect(isAllowedExternalUrl('http://help.example.cn/', ['help.example.cn'])).toBe(false);
    expect(isAllowedExternalUrl('https://sub.help.example.cn/', ['help.example.cn'])).toBe(false);
    expect(isAllowedExternalUrl('https://help.example.cn:8443/', ['help.example.cn'])).toBe(false);
    expect(isAllowedExternalUrl('not a url', ['help.example.cn'])).toBe(false);
    expect(isAllowedExternalUrl('https://help.example.cn/', [])).toBe(false);
  });
});

describe('isAppUrl', () => {
  it('matches the app origin by scheme and host, not by prefix', () => {
    expect(isAppUrl('app://village-credit/index.html', APP_ORIGIN)).toBe(true);
    expect(isAppUrl('app://village-credit.evil/index.html', APP_ORIGIN)).toBe(false);
    expect(isAppUrl('http://localhost:5173/x', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5174/x', 'http://localhost:5173')).toBe(false);
  });
});

describe('guardSession', () => {
  it('denies every permission request and every permission check', () => {
    const session = new FakeSession();
    guardSession(session, { warn: vi.fn(), error: vi.fn() });
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
      'fullscreen',
    ]) {
      const callback = vi.fn();
      session.permissionRequestHandler?.({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(session.permissionCheckHandler?.({}, permission, APP_ORIGIN, {})).toBe(false);
    }
    expect(session.devicePermissionHandler?.({ deviceType: 'usb', origin: APP_ORIGIN })).toBe(
      false,
    );
  });

  it('leaves no permission handler unset', () => {
    const session = new FakeSession();
    guardSession(session, { warn: vi.fn(), error: vi.fn() });
    expect(session.permissionRequestHandler).toBeTypeOf('function');
    expect(session.permissionCheckHandler).toBeTypeOf('function');
    expect(session.devicePermissionHandler).toBeTypeOf('function');
  });
});
