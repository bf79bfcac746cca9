// @vitest-environment node
/**
 * The sign-in and session logic on a real RxDB database (memory storage: local documents
 * behave as on Dexie) against the town server's account endpoints as a fetch
 * (testing/fake-town.ts). The real server and IndexedDB: renderer/e2e/auth.spec.ts.
 */
import type { RxDatabase } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import type { Principal } from '../../../shared/auth/roles.ts';
import type { Result } from '../../../shared/errors.ts';
import { openDatabase } from '../db/database.ts';
import { ACCOUNT_DOC_PREFIX, DEVICE_DOC_ID, readAccount, readDevice } from './account-store.ts';
import {
  ACCESS_MAX_ASSUMED_MS,
  ACCESS_MIN_ASSUMED_MS,
  accessValidUntil,
  RENEW_MARGIN_MS,
  type AppSession,
} from './app-session.ts';
import { signIn, type SignInDeps, type SignedIn } from './sign-in.ts';
import { ACCESS_TTL_MS, fakeTown, type FakeTown } from './testing/fake-town.ts';

const SERVER = 'https://credit.example.cn';
const PASSWORD = 'Credit2026pass';
const ITERATIONS = 1000;

const clerk: Principal = {
  userId: 'U-CLERK',
  username: 'wang.li',
  displayName: '王丽',
  role: 'village_clerk',
  villageCode: '320321100201',
  townshipCode: '320321100',
};
const admin: Principal = { ...clerk, userId: 'U-ADMIN', username: 'zhao', role: 'village_admin' };
const otherVillage: Principal = {
  ...clerk,
  userId: 'U-B',
  username: 'chen.b',
  villageCode: '320321100202',
};

const open: RxDatabase<object>[] = [];
let counter = 0;
afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.close()));
});

interface World {
  readonly db: RxDatabase<object>;
  readonly town: FakeTown;
  readonly clock: { time: number };
  readonly deps: SignInDeps;
}

async function world(): Promise<World> {
  counter += 1;
  const db = await openDatabase<object>(
    {
      name: `auth-${String(Date.now())}-${String(counter)}`,
      storage: getRxStorageMemory(),
      multiInstance: false,
    },
    {},
  );
  open.push(db);
  const clock = { time: Date.UTC(2026, 10, 22, 8) };
  const now = () => clock.time;
  const town = fakeTown(now);
  for (const principal of [clerk, admin, otherVillage]) town.addUser(principal, PASSWORD);
  return { db, town, clock, deps: { db, fetch: town.fetch, now, iterations: ITERATIONS } };
}

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}`);
  return result.value;
}

function codeOf(result: Result<unknown>): string | undefined {
  return result.ok ? undefined : result.error.code;
}

async function signInAs(
  w: World,
  username: string,
  password = PASSWORD,
): Promise<Result<SignedIn>> {
  return signIn(w.deps, { serverUrl: SERVER, username, password, deviceName: '村委会电脑' });
}

async function session(w: World, username = clerk.username): Promise<AppSession> {
  return value(await signInAs(w, username)).session;
}

async function storedText(db: RxDatabase<object>): Promise<string> {
  const docs = await Promise.all(
    [DEVICE_DOC_ID, `${ACCOUNT_DOC_PREFIX}${clerk.username}`].map((id) => db.getLocal(id)),
  );
  return JSON.stringify(docs.map((doc) => doc?.toJSON()));
}

describe('signing in online', () => {
  it('registers the device at the first sign-in, bound to the user’s village', async () => {
    const w = await world();
    const signed = value(await signInAs(w, ' Wang.Li '));
    expect(signed.mode).toBe('online');
    expect(signed.session.principal).toEqual(clerk);
    const device = await readDevice(w.db);
    expect(device).toMatchObject({
      serverUrl: SERVER,
      villageCode: clerk.villageCode,
      townshipCode: clerk.townshipCode,
      deviceName: '村委会电脑',
      registeredBy: 'wang.li',
      revokedAt: null,
    });
    expect(signed.session.deviceId).toBe(device?.deviceId);
    expect(w.town.devices.size).toBe(1);

    // A second user on the same device reuses its registration.
    value(await signInAs(w, admin.username));
    expect(w.town.devices.size).toBe(1);
  });

  it('keeps neither the password nor a token readable in the local documents', async () => {
    const w = await world();
    const s = await session(w);
    const token = value(await s.accessToken());
    const text = await storedText(w.db);
    expect(text).toContain('verifier');
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(token);
    expect(text).not.toContain('refresh-');
    expect(text).not.toContain(w.town.idKeys.encryptionKey);
  });

  it('gives the session an ID protector with the township’s keys', async () => {
    const w = await world();
    const s = await session(w);
    const sealed = await s.idProtector?.protect('11010519491231002X');
    expect(sealed?.idNumberCipher).toMatch(/^v1\.k1\./);
    expect(await s.idProtector?.reveal(sealed?.idNumberCipher ?? '')).toBe('11010519491231002X');
  });

  it('takes a refusal as final: a wrong password online is not tried offline', async () => {
    const w = await world();
    await session(w);
    expect(codeOf(await signInAs(w, clerk.username, 'Wrong2026pass'))).toBe(
      'auth.credentials-invalid',
    );
    // Another village's clerk may not use this village's device.
    expect(codeOf(await signInAs(w, otherVillage.username))).toBe('auth.device-other-village');
  });

  it('forgets the offline sign-in of a password the server no longer accepts', async () => {
    const w = await world();
    await session(w);
    w.town.changePassword(clerk.username, 'Changed2026pass');
    expect(codeOf(await signInAs(w, clerk.username))).toBe('auth.credentials-invalid');
    expect(await readAccount(w.db, clerk.username)).toBeUndefined();
    w.town.online = false;
    expect(codeOf(await signInAs(w, clerk.username))).toBe('auth.server-needed');
  });
});

describe('signing in offline', () => {
  it('needs the server for the device’s first sign-in', async () => {
    const w = await world();
    w.town.online = false;
    const result = await signInAs(w, clerk.username);
    expect(result).toEqual({
      ok: false,
      error: { code: 'auth.server-unreachable', params: { url: SERVER } },
    });
    expect(await readDevice(w.db)).toBeUndefined();
  });

  it('lets a user who signed in here before in with the right password only', async () => {
    const w = await world();
    await session(w);
    w.town.online = false;
    expect(codeOf(await signInAs(w, clerk.username, 'Wrong2026pass'))).toBe(
      'auth.credentials-invalid',
    );
    const signed = value(await signInAs(w, clerk.username));
    expect(signed.mode).toBe('offline');
    expect(signed.offlineReason?.code).toBe('sync.server-unreachable');
    expect(signed.session.principal).toEqual(clerk);
    expect(signed.session.health().kind).toBe('offline');
    // The ID keys were unsealed with the password.
    expect(signed.session.idProtector).not.toBeNull();
    // A user never seen on this device needs the server once.
    expect(codeOf(await signInAs(w, admin.username))).toBe('auth.server-needed');
  });

  it('refreshes with the stored token once the server is back, and the session goes online', async () => {
    const w = await world();
    await session(w);
    w.town.online = false;
    const offline = value(await signInAs(w, clerk.username)).session;
    expect(codeOf(await offline.accessToken())).toBe('sync.server-unreachable');
    w.town.online = true;
    expect(value(await offline.accessToken())).toMatch(/^access-/);
    expect(offline.health().kind).toBe('online');
  });
});

describe('the session’s tokens', () => {
  it('refreshes shortly before expiry, once for any number of concurrent callers', async () => {
    const w = await world();
    const s = await session(w);
    const first = value(await s.accessToken());
    expect(value(await s.accessToken())).toBe(first);

    w.clock.time += ACCESS_TTL_MS - RENEW_MARGIN_MS + 1;
    const tokens = await Promise.all([s.accessToken(), s.accessToken(), s.accessToken()]);
    expect(w.town.calls.filter((path) => path.endsWith('/refresh'))).toHaveLength(1);
    const renewed = value(tokens[0]);
    expect(renewed).not.toBe(first);
    expect(tokens.map(value)).toEqual([renewed, renewed, renewed]);
  });

  it('stores every rotated refresh token, so tomorrow’s offline sign-in refreshes without reuse', async () => {
    const w = await world();
    const s = await session(w);
    w.clock.time += ACCESS_TTL_MS;
    value(await s.accessToken());
    w.clock.time += ACCESS_TTL_MS;
    value(await s.accessToken());

    w.town.online = false;
    const tomorrow = value(await signInAs(w, clerk.username)).session;
    w.town.online = true;
    expect(value(await tomorrow.accessToken())).toMatch(/^access-/);
    expect(w.town.sessionsRevoked()).toBe(0);
  });

  it('gets a new token on request when the server calls the current one expired', async () => {
    const w = await world();
    const s = await session(w);
    const first = value(await s.accessToken());
    const renewed = value(await s.accessToken({ renew: true }));
    expect(renewed).not.toBe(first);
  });

  it('asks for an online sign-in when the server refuses the refresh, and forgets the token', async () => {
    const w = await world();
    const s = await session(w);
    w.town.changePassword(clerk.username, 'Changed2026pass');
    w.clock.time += ACCESS_TTL_MS;
    expect(codeOf(await s.accessToken())).toBe('auth.session-revoked');
    expect(s.health()).toEqual({
      kind: 'needs-sign-in',
      error: { code: 'auth.session-revoked', params: expect.any(Object) as unknown },
    });
    // The dead token is not presented again.
    const refreshes = w.town.calls.length;
    expect(codeOf(await s.accessToken())).toBe('sync.not-signed-in');
    expect(w.town.calls).toHaveLength(refreshes);
  });

  it('marks the device revoked when the server says so, and refuses offline sign-ins after', async () => {
    const w = await world();
    const s = await session(w);
    w.town.revokeDevice(s.deviceId);
    w.clock.time += ACCESS_TTL_MS;
    expect(codeOf(await s.accessToken())).toBe('auth.device-revoked');
    expect(s.health().kind).toBe('device-revoked');
    expect((await readDevice(w.db))?.revokedAt).toBe(w.clock.time);
    w.town.online = false;
    expect(codeOf(await signInAs(w, clerk.username))).toBe('auth.device-revoked');
  });

  it('trusts the server’s expiry time only within limits (a village PC’s clock may be off)', () => {
    const received = 1_000_000;
    // Server clock ahead of ours: the token would look valid for an hour.
    expect(accessValidUntil(received, received + 3_600_000)).toBe(
      received + ACCESS_MAX_ASSUMED_MS - RENEW_MARGIN_MS,
    );
    // Server clock behind ours: the token would look expired already.
    expect(accessValidUntil(received, received - 3_600_000)).toBe(
      received + ACCESS_MIN_ASSUMED_MS - RENEW_MARGIN_MS,
    );
  });
});

describe('logout and the lock screen’s check', () => {
  it('ends the session on the server and leaves no refresh token for the next offline session', async () => {
    const w = await world();
    const s = await session(w);
    expect(await s.logout()).toEqual({ ok: true, value: null });
    expect(w.town.calls).toContain('/api/v1/auth/logout');
    expect(codeOf(await s.accessToken())).toBe('sync.not-signed-in');

    w.town.online = false;
    const offline = value(await signInAs(w, clerk.username)).session;
    w.town.online = true;
    expect(codeOf(await offline.accessToken())).toBe('sync.not-signed-in');
  });

  it('says why the server could not be told, and keeps the token for the next session', async () => {
    const w = await world();
    const s = await session(w);
    w.town.online = false;
    expect(codeOf(await s.logout())).toBe('sync.server-unreachable');
    const offline = value(await signInAs(w, clerk.username)).session;
    w.town.online = true;
    expect(value(await offline.accessToken())).toMatch(/^access-/);
  });

  it('checks the lock screen’s password against this user’s verifier', async () => {
    const w = await world();
    const s = await session(w);
    await session(w, admin.username);
    expect(await s.verifyPassword(PASSWORD)).toBe(true);
    expect(await s.verifyPassword('Wrong2026pass')).toBe(false);
  });
});
