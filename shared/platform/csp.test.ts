import { describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy, httpOrigin } from './csp.ts';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name ?? '', sources];
    }),
  );
}

describe('buildContentSecurityPolicy', () => {
  it('lets the app connect only to itself and the town server origin', () => {
    const policy = directives(
      buildContentSecurityPolicy('https://town.example.cn:8443/api/v1?x=1'),
    );
    expect(policy.get('connect-src')).toEqual(["'self'", 'https://town.example.cn:8443']);
  });

  it('allows scripts from the app only, without inline or eval', () => {
    const policy = directives(buildContentSecurityPolicy('http://127.0.0.1:8787'));
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(buildContentSecurityPolicy('http://127.0.0.1:8787')).not.toContain('unsafe-eval');
  });

  it('locks down objects, frames, forms and the base URL', () => {
    const policy = directives(buildContentSecurityPolicy('http://127.0.0.1:8787'));
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('frame-src')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(policy.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(policy.get('font-src')).toEqual(["'self'", 'data:']);
  });

  it('adds the dev server and its WebSocket only when a dev server is given', () => {
    const policy = directives(
      buildContentSecurityPolicy('http://127.0.0.1:8787', {
        devServerUrl: 'http://localhost:5173/',
      }),
    );
    expect(policy.get('connect-src')).toEqual([
      "'self'",
      'http://127.0.0.1:8787',
      'http://localhost:5173',
      'ws://localhost:5173',
    ]);
    expect(policy.get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it.each([
    'ftp://town.example.cn',
    'javascript:alert(1)',
    'https://town.example.cn; script-src *',
    "https://town.example.cn/'unsafe-eval'",
    'https://user:pass@town.example.cn',
    'https://town.example.cn:70000',
    'town.example.cn',
    '',
  ])('refuses %j, so a bad config cannot inject a directive', (url) => {
    expect(() => buildContentSecurityPolicy(url)).toThrow();
  });
});

describe('httpOrigin', () => {
  it('lower-cases, drops default ports and keeps others', () => {
    expect(httpOrigin('HTTPS://Town.Example.CN:443/')).toBe('https://town.example.cn');
    expect(httpOrigin('http://town.example.cn:80')).toBe('http://town.example.cn');
    expect(httpOrigin('http://[::1]:8787/x')).toBe('http://[::1]:8787');
  });
});
