import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PATHS } from '../../../shared/sync/protocol.ts';
import { PLACES, seedPlaces, signIn, testApp } from '../../test/accounts.ts';
import { openPglite, type Database } from '../db/database.ts';
import { loadMigrations, migrate } from '../db/migrate.ts';
import { APP_ORIGIN, type SecurityOptions } from './security.ts';

const WEB_SHELL = 'http://192.168.1.20:5173';

describe('HTTP security', () => {
  let db: Database;
  let headers: { authorization: string };
  beforeAll(async () => {
    db = await openPglite();
    await migrate(db, await loadMigrations());
    await seedPlaces(db);
    headers = (
      await signIn(db, testApp(db), {
        username: 'clerk',
        role: 'village_clerk',
        villageCode: PLACES.villageA,
      })
    ).headers;
  });
  afterAll(async () => {
    await db.close();
  });

  function app(security: Partial<SecurityOptions> = {}): FastifyInstance {
    const instance = testApp(db, { security });
    instance.get(
      '/api/v1/test/items',
      {
        schema: {
          querystring: {
            type: 'object',
            additionalProperties: false,
            properties: { after: { type: 'integer', minimum: 0 }, all: { type: 'boolean' } },
          },
        },
      },
      (request) => ({ query: request.query }),
    );
    return instance;
  }

  describe('CORS', () => {
    it('lets the desktop app’s origin read answers, errors included', async () => {
      const ok = await app().inject({
        method: 'GET',
        url: '/healthz',
        headers: { origin: APP_ORIGIN },
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.headers['access-control-allow-origin']).toBe(APP_ORIGIN);
      expect(ok.headers['vary']).toBe('Origin');

      const unauthorised = await app().inject({
        method: 'GET',
        url: '/api/v1/test/items',
        headers: { origin: APP_ORIGIN },
      });
      expect(unauthorised.statusCode).toBe(401);
      expect(unauthorised.headers['access-control-allow-origin']).toBe(APP_ORIGIN);
    });

    it('answers a preflight from an allowed origin without a token', async () => {
      const response = await app({ allowedOrigins: [WEB_SHELL] }).inject({
        method: 'OPTIONS',
        url: '/api/v1/test/items',
        headers: {
          origin: WEB_SHELL,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization, x-schema-version',
        },
      });

      expect(response.statusCode).toBe(204);
      expect(response.headers['access-control-allow-origin']).toBe(WEB_SHELL);
      expect(response.headers['access-control-allow-methods']).toBe('GET, POST, OPTIONS');
      expect(response.headers['access-control-allow-headers']).toContain('authorization');
      expect(response.headers['access-control-allow-headers']).toContain('x-schema-version');
    });

    it('allows npm run web’s default address in development mode only', async () => {
      const preflight = (production: boolean) =>
        app({ production, allowHttp: true }).inject({
          method: 'OPTIONS',
          url: PATHS.login,
          headers: { origin: 'http://127.0.0.1:5173', 'access-control-request-method': 'POST' },
        });
      expect((await preflight(false)).statusCode).toBe(204);
      expect((await preflight(true)).statusCode).toBe(403);
    });

    it('refuses any other origin, for preflights and requests alike, and never answers with a wildcard', async () => {
      for (const origin of [
        WEB_SHELL,
        'https://evil.example',
        'null',
        'app://village-credit.evil',
      ]) {
        const preflight = await app().inject({
          method: 'OPTIONS',
          url: PATHS.login,
          headers: { origin, 'access-control-request-method': 'POST' },
        });
        expect(preflight.statusCode, origin).toBe(403);
        expect(preflight.headers['access-control-allow-origin'], origin).toBeUndefined();

        const request = await app().inject({
          method: 'POST',
          url: PATHS.login,
          headers: { origin },
          payload: { username: 'clerk', password: 'Wrong2026pass' },
        });
        expect(request.statusCode, origin).toBe(403);
        expect(request.json(), origin).toEqual({
          error: {
            code: 'http.origin-forbidden',
            message: `来源「${origin}」不允许访问镇服务器。`,
          },
        });
      }
      const attempts = await db.query("SELECT 1 FROM login_attempts WHERE outcome <> 'succeeded'");
      expect(attempts.rows).toEqual([]);
    });

    it('serves requests without an Origin (the CLI, curl) without CORS headers', async () => {
      const response = await app().inject({ method: 'GET', url: '/api/v1/test/items', headers });
      expect(response.statusCode).toBe(200);
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  it('puts the security headers on every answer: success, error and not found', async () => {
    const instance = app();
    for (const [url, status] of [
      ['/healthz', 200],
      ['/api/v1/test/items', 401],
      ['/no/such/page', 404],
    ] as const) {
      const response = await instance.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(status);
      expect(response.headers, url).toMatchObject({
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'x-frame-options': 'DENY',
        'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
        'cache-control': 'no-store',
      });
      expect(response.headers['strict-transport-security'], url).toBeUndefined();
    }
  });

  describe('production mode', () => {
    it('refuses plain HTTP everywhere but /healthz', async () => {
      const instance = app({ production: true });

      const refused = await instance.inject({
        method: 'POST',
        url: PATHS.login,
        payload: { username: 'clerk', password: 'Wrong2026pass' },
      });
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toEqual({
        error: {
          code: 'http.https-required',
          message: '镇服务器只接受 HTTPS 连接，请使用以 https:// 开头的地址。',
        },
      });
      expect((await instance.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    });

    it('believes X-Forwarded-Proto only from the trusted proxy, and then sends HSTS', async () => {
      const forwarded = { 'x-forwarded-proto': 'https', ...headers };
      const untrusted = await app({ production: true }).inject({
        method: 'GET',
        url: '/api/v1/test/items',
        headers: forwarded,
      });
      expect(untrusted.statusCode).toBe(403);

      const viaProxy = await app({ production: true, trustProxy: ['127.0.0.1'] }).inject({
        method: 'GET',
        url: '/api/v1/test/items',
        headers: forwarded,
      });
      expect(viaProxy.statusCode).toBe(200);
      expect(viaProxy.headers['strict-transport-security']).toBe('max-age=31536000');

      const otherPeer = await app({ production: true, trustProxy: ['10.0.0.1'] }).inject({
        method: 'GET',
        url: '/api/v1/test/items',
        headers: forwarded,
      });
      expect(otherPeer.statusCode).toBe(403);
    });

    it('serves plain HTTP when TOWN_ALLOW_HTTP says so', async () => {
      const response = await app({ production: true, allowHttp: true }).inject({
        method: 'GET',
        url: '/api/v1/test/items',
        headers,
      });
      expect(response.statusCode).toBe(200);
    });
  });

  describe('validation', () => {
    it('converts exact integers and booleans in query strings and refuses anything else', async () => {
      const instance = app();
      const get = (query: string) =>
        instance.inject({ method: 'GET', url: `/api/v1/test/items?${query}`, headers });

      expect((await get('after=12&all=true')).json()).toEqual({ query: { after: 12, all: true } });
      for (const query of ['after=12x', 'after=-1', 'after=1.5', 'all=yes', 'colour=red']) {
        const response = await get(query);
        expect(response.statusCode, query).toBe(400);
        expect(response.json<{ error: { code: string } }>().error.code, query).toBe(
          'http.bad-request',
        );
      }
    });
  });
});
