import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { PATHS, type TokenPair } from '../../../shared/sync/protocol.ts';
import {
  bearer,
  createAccount,
  login,
  PLACES,
  seedPlaces,
  signIn,
  TEST_PASSWORD,
  TEST_PASSWORD_COST,
  testApp,
  testClock,
  type TestClock,
} from '../../test/accounts.ts';
import { BACKENDS, useBackend } from '../../test/backends.ts';
import type { Db } from '../db/database.ts';
import { findTownshipKeys } from '../keys/township-keys.ts';
import { revokeDevice } from './devices.ts';
import { LOCK_MS } from './login-limits.ts';
import { principalOf } from './principal.ts';
import { ACCESS_TOKEN_TTL_MS, REFRESH_TOKEN_TTL_MS } from './tokens.ts';
import { changePassword, disableUser } from './users.ts';

const WHOAMI = '/api/v1/test/whoami';

/** The app with a hand-moved clock and one authenticated route that echoes its principal. */
function appWithClock(db: Db, clock: TestClock): FastifyInstance {
  const app = testApp(db, { auth: { now: clock.now } });
  app.get(WHOAMI, { schema: {} }, (request) => principalOf(request));
  app.post(
    '/api/v1/test/echo',
    { schema: { body: { type: 'object' } } },
    (request) => request.body,
  );
  return app;
}

function errorOf(response: LightMyRequestResponse): { code: string; message: string } {
  return response.json<{ error: { code: string; message: string } }>().error;
}

function attempt(
  app: FastifyInstance,
  body: Record<string, unknown>,
  remoteAddress = '127.0.0.1',
): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'POST', url: PATHS.login, payload: body, remoteAddress });
}

function whoami(app: FastifyInstance, headers: Record<string, string>) {
  return app.inject({ method: 'GET', url: WHOAMI, headers });
}

function refresh(app: FastifyInstance, refreshToken: string) {
  return app.inject({ method: 'POST', url: PATHS.refresh, payload: { refreshToken } });
}

async function count(db: Db, table: string): Promise<number> {
  const result = await db.query<{ n: unknown }>(`SELECT count(*) AS n FROM ${table}`);
  return Number(result.rows[0]?.n);
}

describe.each(BACKENDS)('accounts over HTTP on %s', (kind) => {
  const backend = useBackend(kind);

  async function setUp(): Promise<{ db: Db; app: FastifyInstance; clock: TestClock }> {
    const db = await backend.fresh();
    await seedPlaces(db);
    const clock = testClock();
    return { db, app: appWithClock(db, clock), clock };
  }

  describe('migration 20261122T150000_accounts', () => {
    it('refuses accounts whose scope does not fit their role, and malformed rows', async () => {
      const { db } = await setUp();
      const hash = `$scrypt$ln=10,r=8,p=1$${'a'.repeat(22)}$${'b'.repeat(43)}`;
      const insert = (
        id: string,
        username: string,
        role: string,
        township: string,
        village: string | null,
      ) =>
        db.query(
          `INSERT INTO users (id, username, display_name, role, township_code, village_code, password_hash)
           VALUES ($1, $2, $2, $3, $4, $5, $6)`,
          [id, username, role, township, village, hash],
        );
      const id = (n: number) => `01JD${String(n).padStart(22, '0')}`;

      await insert(id(1), 'clerk', 'village_clerk', PLACES.township, PLACES.villageA);
      await insert(id(2), 'admin', 'township_admin', PLACES.township, null);
      const refused: [string, string, string, string | null][] = [
        ['no.village', 'village_clerk', PLACES.township, null],
        ['with.village', 'bank_liaison', PLACES.township, PLACES.villageA],
        ['wrong.township', 'village_admin', PLACES.otherTownship, PLACES.villageA],
        ['no.such.role', 'mayor', PLACES.township, null],
        ['Upper', 'township_admin', PLACES.township, null],
        ['clerk', 'township_admin', PLACES.township, null],
      ];
      for (const [username, role, township, village] of refused) {
        await expect(insert(id(3), username, role, township, village), username).rejects.toThrow();
      }
      await expect(
        db.query(
          `INSERT INTO users (id, username, display_name, role, township_code, password_hash)
           VALUES ($1, 'plain', 'plain', 'township_admin', $2, 'hunter2hunter2')`,
          [id(4), PLACES.township],
        ),
      ).rejects.toThrow();
      await expect(
        db.query(
          `INSERT INTO devices (id, name, township_code, village_code, registered_by)
           VALUES ($1, 'pc', $2, $3, $4)`,
          [id(5), PLACES.otherTownship, PLACES.villageA, id(1)],
        ),
      ).rejects.toThrow();
      await expect(count(db, 'users')).resolves.toBe(2);
    });
  });

  describe('sign-in', () => {
    it('signs a clerk in, registers the device to the clerk’s village and hands out the township’s ID keys', async () => {
      const { db, app, clock } = await setUp();
      await createAccount(db, {
        username: 'wang.clerk',
        role: 'village_clerk',
        villageCode: PLACES.villageA,
        displayName: '王会计',
      });

      const response = await login(app, {
        username: ' Wang.Clerk ',
        deviceName: '王庄村委会电脑',
      });

      expect(response.user).toMatchObject({
        username: 'wang.clerk',
        displayName: '王会计',
        role: 'village_clerk',
        villageCode: PLACES.villageA,
        townshipCode: PLACES.township,
      });
      expect(response.device.name).toBe('王庄村委会电脑');
      expect(response.accessExpiresAt).toBe(clock.now() + ACCESS_TOKEN_TTL_MS);
      expect(response.refreshExpiresAt).toBe(clock.now() + REFRESH_TOKEN_TTL_MS);
      const keys = await findTownshipKeys(db, PLACES.township);
      expect(response.idKeys).toEqual({
        keyId: keys?.keyId,
        encryptionKey: Buffer.from(keys?.encryptionKey ?? []).toString('base64url'),
        hashKey: Buffer.from(keys?.hashKey ?? []).toString('base64url'),
      });
      const devices = await db.query('SELECT village_code, township_code, name FROM devices');
      expect(devices.rows).toEqual([
        { village_code: PLACES.villageA, township_code: PLACES.township, name: '王庄村委会电脑' },
      ]);

      const me = await whoami(app, bearer(response.accessToken));
      expect(me.statusCode).toBe(200);
      expect(me.json()).toEqual({
        ...response.user,
        sessionId: expect.stringMatching(/^[0-9A-Z]{26}$/) as unknown,
        deviceId: response.device.id,
      });
    });

    it('never stores a password, a refresh token or an access token', async () => {
      const { db, app } = await setUp();
      const clerk = await signIn(db, app, {
        username: 'clerk',
        role: 'village_clerk',
        villageCode: PLACES.villageA,
      });

      const dump = JSON.stringify(
        await Promise.all(
          ['users', 'sessions', 'refresh_tokens', 'devices', 'login_attempts'].map(
            async (table) => (await db.query(`SELECT * FROM ${table}`)).rows,
          ),
        ),
        (_key, value: unknown) =>
          value instanceof Uint8Array ? Buffer.from(value).toString('base64url') : value,
      );
      expect(dump).not.toContain(TEST_PASSWORD);
      expect(dump).not.toContain(clerk.refreshToken);
      expect(dump).not.toContain(clerk.accessToken.split('.')[2]);
      expect(dump).toContain('$scrypt$ln=10,r=8,p=1$');
    });

    it('gives the bank liaison no ID keys, and the township admin the township’s', async () => {
      const { db, app } = await setUp();
      const bank = await signIn(db, app, {
        username: 'bank',
        role: 'bank_liaison',
        townshipCode: PLACES.township,
      });
      const admin = await signIn(db, app, {
        username: 'admin',
        role: 'township_admin',
        townshipCode: PLACES.township,
      });

      expect(bank.idKeys).toBeNull();
      expect(bank.user).toMatchObject({ villageCode: null, townshipCode: PLACES.township });
      expect(admin.idKeys?.keyId).toBe((await findTownshipKeys(db, PLACES.township))?.keyId);
      const devices = await db.query<{ village_code: string | null }>(
        'SELECT village_code FROM devices',
      );
      expect(devices.rows).toEqual([{ village_code: null }, { village_code: null }]);
    });

    it('answers a wrong password and an unknown username alike', async () => {
      const { db, app } = await setUp();
      await createAccount(db, {
        username: 'clerk',
        role: 'village_clerk',
        villageCode: PLACES.villageA,
      });

      const wrong = await attempt(app, { username: 'clerk', password: 'Wrong2026pass' });
      const unknown = await attempt(app, { username: 'nobody', password: TEST_PASSWORD });

      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(wrong.json()).toEqual(unknown.json());
      expect(errorOf(wrong).code).toBe('auth.credentials-invalid');
    });

    it('re-hashes a password stored at a lower cost when its owner signs in', async () => {
      const { db } = await setUp();
      const app = testApp(db, { auth: { passwordCost: { ...TEST_PASSWORD_COST, logN: 11 } } });
      await createAccount(db, {
        username: 'clerk',
        role: 'village_clerk',
        villageCode: PLACES.villageA,
      });

      await login(app, { username: 'clerk' });

      const stored = await db.query<{ password_hash: string }>('SELECT password_hash FROM users');
      expect(stored.rows[0]?.password_hash).toMatch(/^\$scrypt\$ln=11,r=8,p=1\$/);
      await login(app, { username: 'clerk' });
    });
  });

  describe('tokens', () => {
    it('refuses every /api/ route without a token, with a malformed header or with a forged one', async () => {
      const { db, app } = await setUp();
      const clerk = await signIn(db, app, {
        username: 'clerk',
        role: 'village_clerk',
        villageCode: PLACES.villageA,
      });
      const [version, payload, signature] = clerk.accessToken.split('.') as [
        string,
        string,
        string,
      ];
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<
        string,
        unknown
      >;
      const otherUser = Buffer.from(
        JSON.stringify({ ...claims, exp: Number(claims['exp']) + 1 }),
      ).toString('base64url');

      const cases: [Record<string, string>, string][] = [
        [{}, 'auth.token-missing'],
        [{ authorization: '' }, 'auth.token-missing'],
        [{ authorization: 'Basic Y2xlcms6cHc=' }, 'auth.token-invalid'],
        [{ authorization: 'Bearer not-a-token' }, 'auth.token-invalid'],
        [bearer(`${version}.${otherUser}.${signature}`), 'auth.token-invalid'],
        [bearer(`${version}.${payload}.${signature.slice(0, -2)}AA`), 'auth.token-invalid'],
        [bearer(`v2.${payload}.${signature}`), 'auth.token-invalid'],
        [bearer(clerk.refreshToken), 'auth.token-invalid'],
      ];
      for (const [headers, code] of cases) {
        const response = await whoami(app, headers);
        expect(response.statusCode, JSON.stringify(headers)).toBe(401);
        expect(errorOf(response).code, JSON.stringify(headers)).toBe(code);
      }
      // Also for routes that do not exist, so callers without a token learn nothing.
      const missing = await app.inject({ method: 'GET', url: '/api/v1/no/such/route' });
      expect(errorOf(missing).code).toBe('auth.token-missing');
      // The router decodes %61 to "a": the encoded path is the same protected route.
      const encoded = await app.inject({ method: 'GET', url: '/%61pi/v1/test/whoami' });
      expect(encoded.statusCode).toBe(401);
      expect((await whoami(app, clerk.headers)).statusCode).toBe(200);
    });

    it('refuses a token signed by another server’s key', async () => {
      const { db, app } = await setUp();
      const clerk = await signIn(db, app, {
        username: 'clerk',
        role: 'village_clerk',
        villageCode: PLACES.villageA,
      });
      await db.query("UPDATE server_secrets SET value = decode(repeat('ab', 32), 'hex')");
      const restarted = appWithClock(db, testClock());

      const response = await whoami(restarted, clerk.headers);

      expect(response.statusCode).toBe(401);
      expect(errorOf(response).code).toBe('auth.token-invalid');
    });

    it('expires the access token after 15 minutes; a refresh gives a new pair and retires the old refresh token', async () => {
      const { db, app, clock } = await setUp();
      const clerk = await signIn(db, app, {
        username: 'clerk',
        role: 'village_clerk',
        villageCode: PLACES.villageA,
      });

      clock.advance(ACCESS_TOKEN_TTL_MS - 1);
      expect((await whoami(app, clerk.headers)).statusCode).toBe(200);
      clock.advance(1);
      const expired = await whoami(app, clerk.headers);
      expect(expired.statusCode).toBe(401);
      expect(errorOf(expired).code).toBe('auth.token-expired');

      const refreshed = await refresh(app, clerk.refreshToken);
      expect(refreshed.statusCode).toBe(200);
      const pair = refreshed.json<TokenPair>();
      expect(pair.refreshToken).not.toBe(clerk.refreshToken);
      expect(pair.accessExpiresAt).toBe(clock.now() + ACCESS_TOKEN_TTL_MS);
      const me = await whoami(app, bearer(pair.accessToken));
      expect(me.json()).toMatchObject({ username: 'clerk', deviceId: clerk.device.id });

      const again = await refresh(app, pair.refreshToken);
      expect(again.statusCode).toBe(200);
    });

    it('revokes the session when a replaced refresh token comes back', async () => {
      const { db, app } = await setUp();
      const clerk = await signIn(db, app, {
        username: 'clerk',
        role: 'village_clerk',
        villageCode: PLACES.villageA,
      });
      const pair = (await refresh(app, clerk.refreshToken)).json<TokenPair>();

      const replay = await refresh(app, clerk.refreshToken);

      expect(replay.statusCode).toBe(401);
      expect(errorOf(replay).code).toBe('auth.refresh-invalid');
      const newest = await refresh(app, pair.refreshToken);
      expect(errorOf(newest).code).toBe('auth.session-revoked');
      const access = await whoami(app, bearer(pair.accessToken));
      expect(access.statusCode).toBe(401);
      expect(errorOf(access).code).toBe('auth.session-revoked');
      const reasons = await db.query('SELECT revoked_reason FROM sessions');
      expect(reasons.rows).toEqual([{ revoked_reason: 'refresh-reuse' }]);
    });

    it('refuses an unknown or expired refresh token', async () => {
      const { db, app, clock } = await setUp();
      const clerk = await signIn(db, app, {
        username: 'clerk',
        role: 'village_clerk',
        villageCode: PLACES.villageA,
      });

      expect(errorOf(await refresh(app, 'x'.repeat(43))).code).toBe('auth.refresh-invalid');
      clock.advance(REFRESH_TOKEN_TTL_MS);
      const late = await refresh(app, clerk.refreshToken);
      expect(late.statusCode).toBe(401);
      expect(errorOf(late).code).toBe('auth.refresh-invalid');
    });

    it('logs out: the session ends for the access and the refresh token, other sessions live on', async () => {
      const { db, app } = await setUp();
      const clerk = await signIn(db, app, {
        username: 'clerk',
        role: 'village_clerk',
        villageCode: PLACES.villageA,
      });
      const second = await login(app, { username: 'clerk', deviceId: clerk.device.id });

      const out = await app.inject({ method: 'POST', url: PATHS.logout, headers: clerk.headers });

      expect(out.statusCode).toBe(204);
      expect(out.body).toBe('');
      expect(errorOf(await whoami(app, clerk.headers)).code).toBe('auth.session-revoked');
      expect(errorOf(await refresh(app, clerk.refreshToken)).code).toBe('auth.session-revoked');
      expect((await whoami(app, bearer(second.accessToken))).statusCode).toBe(200);
      const unauthenticated = await app.inject({ method: 'POST', url: PATHS.logout });
      expect(unauthenticated.statusCode).toBe(401);
    });

    it('accepts tokens across two server instances on one database', async () => {
      if (backend.kind !== 'PostgreSQL') return;
      const { db, app, clock } = await setUp();
      // The same clock on both instances: tokens carry times from the first one's.
      const other = appWithClock(await backend.reopen(), clock);
      const clerk = await signIn(db, app, {
        username: 'clerk',
        role: 'village_clerk',
        villageCode: PLACES.villageA,
      });

      expect((await whoami(other, clerk.headers)).statusCode).toBe(200);
      const pair = await refresh(other, clerk.refreshToken);
      expect(pair.statusCode).toBe(200);
      expect((await whoami(app, bearer(pair.json<TokenPair>().accessToken))).statusCode).toBe(200);
    });
  });

  describe('limits', () => {
    it('refuses the eleventh wrong password within a minute with 429 and Retry-After, then keeps the account locked', async () => {
      const { db, app, clock } = await setUp();
      await createAccount(db, {
        username: 'clerk',
        role: 'village_clerk',
        villageCode: PLACES.villageA,
      });

      for (let i = 1; i <= 10; i++) {
        const wrong = await attempt(app, { username: 'clerk', password: `Wrong${i}pass2026` });
        expect(wrong.statusCode, `attempt ${i}`).toBe(401);
        clock.advance(1000);
      }
      const eleventh = await attempt(app, { username: 'clerk', password: TEST_PASSWORD });

      expect(eleventh.statusCode).toBe(429);
      expect(errorOf(eleventh)).toEqual({
        code: 'auth.rate-limited',
        message: '登录尝试过于频繁，请 50 秒后再试。',
      });
      expect(eleventh.headers['retry-after']).toBe('50');

      // A minute on the rate limit is over, but ten failures locked the account: even the
      // right password is refused until the lock ends.
      clock.advance(60_000);
      const locked = await attempt(app, { username: 'clerk', password: TEST_PASSWORD });
      expect(locked.statusCode).toBe(423);
      expect(errorOf(locked).code).toBe('auth.locked');
      expect(errorOf(locked).message).toContain('账号「clerk」因多次密码错误被暂时锁定');
      expect(Number(locked.headers['retry-after'])).toBe((LOCK_MS - 61_000) / 1000);

      clock.advance(LOCK_MS);
      expect((await attempt(app, { username: 'clerk', password: TEST_PASSWORD })).statusCode).toBe(
        200,
      );
    });

    it('locks a username after ten failures from different places, known or not, right password or not', async () => {
      const { db, app, clock } = await setUp();
      await createAccount(db, {
        username: 'clerk',
        role: 'village_clerk',
        villageCode: PLACES.villageA,
      });

      for (const username of ['clerk', 'ghost']) {
        for (let i = 1; i <= 10; i++) {
          const response = await attempt(
            app,
            { username, password: 'Wrong2026pass' },
            `10.0.0.${i}`,
          );
          expect(response.statusCode).toBe(401);
        }
        clock.advance(1000);
        const locked = await attempt(app, { username, password: TEST_PASSWORD }, '10.0.1.1');
        expect(locked.statusCode, username).toBe(423);
        expect(errorOf(locked).code).toBe('auth.locked');
      }
    });

    it('lets an administrator’s password reset lift a lock at once', async () => {
      const { db, app, clock } = await setUp();
      await createAccount(db, {
        username: 'clerk',
        role: 'village_clerk',
        villageCode: PLACES.villageA,
      });
      for (let i = 1; i <= 10; i++)
        await attempt(app, { username: 'clerk', password: 'Wrong2026pass' }, `10.0.0.${i}`);
      clock.advance(1000);

      await changePassword(db, 'clerk', 'Fresh2026start', {
        now: clock.now,
        passwordCost: TEST_PASSWORD_COST,
      });

      const after = await attempt(
        app,
        { username: 'clerk', password: 'Fresh2026start' },
        '10.0.1.1',
      );
      expect(after.statusCode).toBe(200);
      // Earlier failures no longer count towards a new lock.
      const one = await attempt(app, { username: 'clerk', password: 'Wrong2026pass' }, '10.0.2.1');
      expect(one.statusCode).toBe(401);
    });

    it('limits one address to thirty failures a minute over all usernames', async () => {
      const { app } = await setUp();

      for (let i = 1; i <= 30; i++) {
        const response = await attempt(app, { username: `user${i}`, password: 'Wrong2026pass' });
        expect(response.statusCode).toBe(401);
      }
      const next = await attempt(app, { username: 'someone.else', password: 'Wrong2026pass' });

      expect(next.statusCode).toBe(429);
      const elsewhere = await attempt(
        app,
        { username: 'someone.else', password: 'Wrong2026pass' },
        '10.9.9.9',
      );
      expect(elsewhere.statusCode).toBe(401);
    });

    it('does not let a correct sign-in count earlier failures of that username against it', async () => {
      const { db, app } = await setUp();
      await createAccount(db, {
        username: 'clerk',
        role: 'village_clerk',
        villageCode: PLACES.villageA,
      });

      for (let i = 1; i <= 9; i++)
        await attempt(app, { username: 'clerk', password: 'Wrong2026pass' });
      await login(app, { username: 'clerk' });
      for (let i = 1; i <= 9; i++) {
        const response = await attempt(app, { username: 'clerk', password: 'Wrong2026pass' });
        expect(response.statusCode).toBe(401);
      }
      await login(app, { username: 'clerk' });
    });

    it('holds the limit across two server instances on one database', async () => {
      if (backend.kind !== 'PostgreSQL') return;
      const { db, app, clock } = await setUp();
      await createAccount(db, {
        username: 'clerk',
        role: 'village_clerk',
        villageCode: PLACES.villageA,
      });
      const other = testApp(await backend.reopen(), { auth: { now: clock.now } });

      for (let i = 1; i <= 10; i++) {
        await attempt(i % 2 === 0 ? app : other, { username: 'clerk', password: 'Wrong2026pass' });
      }
      const eleventh = await attempt(other, { username: 'clerk', password: TEST_PASSWORD });
      expect(eleventh.statusCode).toBe(429);
    });

    it('lets no more than ten of many parallel guesses through to the password check', async () => {
      const { db, app } = await setUp();
      await createAccount(db, {
        username: 'clerk',
        role: 'village_clerk',
        villageCode: PLACES.villageA,
      });

      const responses = await Promise.all(
        Array.from({ length: 25 }, (_, i) =>
          attempt(app, { username: 'clerk', password: `Guess${i}pass2026` }),
        ),
      );

      const checked = responses.filter((response) => response.statusCode === 401).length;
      expect(checked).toBeLessThanOrEqual(10);
      expect(responses.every((r) => [401, 423, 429].includes(r.statusCode))).toBe(true);
    });
  });

  describe('accounts and devices', () => {
    it('stops a disabled account at once and refuses its sign-in, telling only who knows the password', async () => {
      const { db, app, clock } = await setUp();
      const clerk = await signIn(db, app, {
        username: 'clerk',
        role: 'village_clerk',
        villageCode: PLACES.villageA,
      });

      const { revokedSessions } = await disableUser(db, 'clerk', { now: clock.now });

      expect(revokedSessions).toBe(1);
      const access = await whoami(app, clerk.headers);
      expect(access.statusCode).toBe(403);
      expect(errorOf(access).code).toBe('auth.user-disabled');
      expect(errorOf(await refresh(app, clerk.refreshToken)).code).toBe('auth.user-disabled');
      const right = await attempt(app, { username: 'clerk', password: TEST_PASSWORD });
      expect(right.statusCode).toBe(403);
      expect(errorOf(right).message).toContain('账号「clerk」已停用');
      const wrong = await attempt(app, { username: 'clerk', password: 'Wrong2026pass' });
      expect(errorOf(wrong).code).toBe('auth.credentials-invalid');
    });

    it('ends every session on a password change', async () => {
      const { db, app, clock } = await setUp();
      const clerk = await signIn(db, app, {
        username: 'clerk',
        role: 'village_clerk',
        villageCode: PLACES.villageA,
      });

      await changePassword(db, 'clerk', 'Another2026pw', {
        now: clock.now,
        passwordCost: TEST_PASSWORD_COST,
      });

      expect(errorOf(await whoami(app, clerk.headers)).code).toBe('auth.session-revoked');
      expect((await attempt(app, { username: 'clerk', password: TEST_PASSWORD })).statusCode).toBe(
        401,
      );
      await login(app, { username: 'clerk', password: 'Another2026pw' });
    });

    it('lets several staff of one village share a device, each in their own session', async () => {
      const { db, app } = await setUp();
      const clerk = await signIn(db, app, {
        username: 'clerk',
        role: 'village_clerk',
        villageCode: PLACES.villageA,
      });
      const reviewer = await signIn(db, app, {
        username: 'reviewer',
        role: 'village_reviewer',
        villageCode: PLACES.villageA,
        deviceId: clerk.device.id,
      });

      expect(reviewer.device).toEqual(clerk.device);
      const mine = (await whoami(app, clerk.headers)).json<{ sessionId: string }>();
      const theirs = (await whoami(app, reviewer.headers)).json<{
        sessionId: string;
        username: string;
        deviceId: string;
      }>();
      expect(theirs).toMatchObject({ username: 'reviewer', deviceId: clerk.device.id });
      expect(theirs.sessionId).not.toBe(mine.sessionId);
      expect(await count(db, 'devices')).toBe(1);
    });

    it('binds a device to its village: other villages’ staff and township accounts are refused; the township admin uses township devices', async () => {
      const { db, app } = await setUp();
      const clerk = await signIn(db, app, {
        username: 'clerk.a',
        role: 'village_clerk',
        villageCode: PLACES.villageA,
      });
      const townshipDevice = (
        await signIn(db, app, {
          username: 'bank',
          role: 'bank_liaison',
          townshipCode: PLACES.township,
        })
      ).device.id;
      await createAccount(db, {
        username: 'clerk.b',
        role: 'village_clerk',
        villageCode: PLACES.villageB,
      });
      await createAccount(db, {
        username: 'admin',
        role: 'township_admin',
        townshipCode: PLACES.township,
      });
      await createAccount(db, {
        username: 'admin.other',
        role: 'township_admin',
        townshipCode: PLACES.otherTownship,
      });

      const refused: [string, string][] = [
        ['clerk.b', clerk.device.id],
        ['bank', clerk.device.id],
        ['admin.other', clerk.device.id],
        // A township account on a village computer would sync every village onto it.
        ['admin', clerk.device.id],
        ['clerk.a', townshipDevice],
      ];
      for (const [username, deviceId] of refused) {
        const response = await attempt(app, { username, password: TEST_PASSWORD, deviceId });
        expect(response.statusCode, username).toBe(403);
        expect(errorOf(response).code, username).toBe('auth.device-other-village');
      }
      expect((await login(app, { username: 'admin', deviceId: townshipDevice })).device.id).toBe(
        townshipDevice,
      );
    });

    it('refuses a revoked device for signing in and for every request, and an unknown device id', async () => {
      const { db, app, clock } = await setUp();
      const clerk = await signIn(db, app, {
        username: 'clerk',
        role: 'village_clerk',
        villageCode: PLACES.villageA,
      });

      const { revokedSessions } = await revokeDevice(db, clerk.device.id, { now: clock.now });

      expect(revokedSessions).toBe(1);
      const access = await whoami(app, clerk.headers);
      expect(access.statusCode).toBe(403);
      expect(errorOf(access).code).toBe('auth.device-revoked');
      const again = await attempt(app, {
        username: 'clerk',
        password: TEST_PASSWORD,
        deviceId: clerk.device.id,
      });
      expect(again.statusCode).toBe(403);
      expect(errorOf(again).message).toContain(clerk.device.id);
      const unknown = await attempt(app, {
        username: 'clerk',
        password: TEST_PASSWORD,
        deviceId: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
      });
      expect(unknown.statusCode).toBe(404);
      expect(errorOf(unknown).code).toBe('auth.device-unknown');
      // Signing in without a device id registers a new device.
      const fresh = await login(app, { username: 'clerk' });
      expect(fresh.device.id).not.toBe(clerk.device.id);
    });
  });

  describe('malformed requests', () => {
    it('refuses wrong types, missing or extra fields, invalid JSON and oversized bodies with a reason, stores nothing and keeps serving', async () => {
      const { db, app } = await setUp();
      await createAccount(db, {
        username: 'clerk',
        role: 'village_clerk',
        villageCode: PLACES.villageA,
      });
      const post = (payload: string, headers: Record<string, string> = {}) =>
        app.inject({
          method: 'POST',
          url: PATHS.login,
          headers: { 'content-type': 'application/json', ...headers },
          payload,
        });

      const cases: [string, number, RegExp][] = [
        ['{"username": 123, "password": "x"}', 400, /username must be string/],
        ['{"username": ["clerk"], "password": "x"}', 400, /username must be string/],
        ['{"username": "clerk"}', 400, /must have required property 'password'/],
        [
          `{"username": "clerk", "password": "${TEST_PASSWORD}", "role": "township_admin"}`,
          400,
          /additional properties/,
        ],
        ['{"username": "clerk", "password": ', 400, /JSON/],
        ['[]', 400, /must be object/],
        ['"clerk"', 400, /must be object/],
        [`{"username": "clerk", "password": "${'x'.repeat(20_000)}"}`, 413, /16384/],
        [
          `{"username": "${'a'.repeat(100)}", "password": "x"}`,
          400,
          /username must NOT have more than 64 characters/,
        ],
        [
          `{"username": "clerk", "password": "${TEST_PASSWORD}", "deviceId": "../../etc"}`,
          400,
          /deviceId must match pattern/,
        ],
        ['{"__proto__": {"admin": true}, "username": "clerk", "password": "x"}', 400, /./],
      ];
      for (const [payload, status, reason] of cases) {
        const response = await post(payload);
        expect(response.statusCode, payload.slice(0, 60)).toBe(status);
        const error = errorOf(response);
        expect(error.code, payload.slice(0, 60)).toBe(
          status === 413 ? 'http.payload-too-large' : 'http.bad-request',
        );
        expect(error.message, payload.slice(0, 60)).toMatch(reason);
      }
      const wrongType = await post('username=clerk', {
        'content-type': 'application/x-www-form-urlencoded',
      });
      expect(wrongType.statusCode).toBe(415);
      expect(errorOf(wrongType).code).toBe('http.bad-request');

      const huge = await app.inject({
        method: 'POST',
        url: '/api/v1/anything',
        headers: { 'content-type': 'application/json', ...bearer('x') },
        payload: `{"x": "${'y'.repeat(6 * 1024 * 1024)}"}`,
      });
      expect(huge.statusCode).toBe(401);

      for (const table of ['login_attempts', 'sessions', 'devices'])
        expect(await count(db, table), table).toBe(0);
      expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
      await login(app, { username: 'clerk' });
    });

    it('refuses an oversized body on an authenticated route with 413 and the limit', async () => {
      const { db, app } = await setUp();
      const clerk = await signIn(db, app, {
        username: 'clerk',
        role: 'village_clerk',
        villageCode: PLACES.villageA,
      });
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/test/echo',
        headers: { 'content-type': 'application/json', ...clerk.headers },
        payload: `{"x": "${'y'.repeat(6 * 1024 * 1024)}"}`,
      });

      expect(response.statusCode).toBe(413);
      expect(errorOf(response)).toEqual({
        code: 'http.payload-too-large',
        message: '请求内容过大（上限 5242880 字节），已拒绝。',
      });
    });
  });
});
