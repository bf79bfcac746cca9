/**
 * The app's sign-in and session logic (sign-in.ts, app-session.ts, account-store.ts,
 * credentials.ts, auth-api.ts) against the real town server, started in this process
 * (server/src/http/app.ts on the file's one PGlite, emptied and migrated for every test)
 * and reached over HTTP with Node's fetch. The device's local database is RxDB on its
 * memory storage: local documents behave as on Dexie (IndexedDB itself, and the screens:
 * renderer/e2e/auth.spec.ts).
 *
 * - The township changes accounts and devices with the functions behind `town user passwd`,
 *   `user disable` and `device revoke` (server/src/auth/users.ts, devices.ts), and the
 *   tests read the outcome from the server's own functions (listDevices, authenticate).
 * - "Offline" is the computer's network failing the way a refused connection does (fetch
 *   rejects with a TypeError); the server never knows. One test stops the server instead.
 * - Two clocks: the app's and the server's (server/test/accounts.ts testClock), moved
 *   together by `advance`, so tokens expire without waiting; `serverAhead` moves the
 *   server's alone (a village PC's clock is off, or the server's was corrected).
 */
import type { FastifyInstance } from 'fastify';
import type { RxDatabase } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../../shared/auth/roles.ts';
import { CodedError, type Result } from '../../../shared/errors.ts';
import { createIdProtector } from '../../../shared/residents/id-protection.ts';
import { PATHS } from '../../../shared/sync/protocol.ts';
import { listDevices, revokeDevice } from '../../../server/src/auth/devices.ts';
import type { AuthOptions } from '../../../server/src/auth/options.ts';
import { authenticate } from '../../../server/src/auth/sessions.ts';
import { ACCESS_TOKEN_TTL_MS, loadSigningKey } from '../../../server/src/auth/tokens.ts';
import { changePassword, disableUser } from '../../../server/src/auth/users.ts';
import { openPglite, type Database } from '../../../server/src/db/database.ts';
import { loadMigrations, migrate } from '../../../server/src/db/migrate.ts';
import { findTownshipKeys } from '../../../server/src/keys/township-keys.ts';
import {
  createAccount,
  PLACES,
  seedPlaces,
  TEST_PASSWORD,
  TEST_PASSWORD_COST,
  testApp,
  testClock,
  type AccountInput,
  type TestClock,
} from '../../../server/test/accounts.ts';
import { openDatabase } from '../db/database.ts';
import {
  accountDocId,
  readAccount,
  readDevice,
  sealSecrets,
  unsealSecrets,
  writeAccount,
} from './account-store.ts';
import { RENEW_MARGIN_MS, type AppSession } from './app-session.ts';
import type { Fetch } from './auth-api.ts';
import { deriveCredentials } from './credentials.ts';
import { signIn, type SignInDeps, type SignedIn } from './sign-in.ts';

const PASSWORD = TEST_PASSWORD;
const NEW_PASSWORD = 'Changed2026pass';
const WRONG_PASSWORD = 'Wrong2026pass';
const DEVICE_NAME = '村委会电脑';
/** PBKDF2 iterations of the account records here (the app uses 600,000). */
const ITERATIONS = 1000;
const ID_NUMBER = '11010519491231002X';

const ACCOUNTS = {
  clerk: {
    username: 'wang.li',
    role: 'village_clerk',
    villageCode: PLACES.villageA,
    displayName: '王丽',
  },
  admin: { username: 'zhao', role: 'village_admin', villageCode: PLACES.villageA },
  /** A clerk of the neighbouring village of the same township. */
  neighbour: { username: 'chen.b', role: 'village_clerk', villageCode: PLACES.villageB },
  /** A clerk of a village of another township. */
  stranger: { username: 'liu.c', role: 'village_clerk', villageCode: PLACES.villageC },
} as const satisfies Record<string, AccountInput>;

type Who = keyof typeof ACCOUNTS;

// One PGlite for the file (it takes seconds to start); each test gets it empty and migrated.
let pglite: Database | undefined;

beforeAll(async () => {
  pglite = await openPglite();
});

afterAll(async () => {
  await pglite?.close();
});

async function freshTownDatabase(): Promise<Database> {
  if (pglite === undefined) throw new Error('PGlite not started');
  await pglite.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
  await migrate(pglite, await loadMigrations());
  return pglite;
}

/** The computer's network: the real fetch, or a refused connection while offline. */
class Network {
  online = true;
  /** Paths of the requests that left this computer, in order. */
  readonly calls: string[] = [];
  /** Every refresh token the server handed out, as someone copying them would see them. */
  readonly refreshTokens: string[] = [];

  readonly fetch: Fetch = async (url, init) => {
    if (!this.online) throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    this.calls.push(new URL(url).pathname);
    const response = await fetch(url, init);
    if (response.ok && response.status !== 204) {
      const body: unknown = await response.clone().json();
      const token: unknown = (body as { refreshToken?: unknown }).refreshToken;
      if (typeof token === 'string') this.refreshTokens.push(token);
    }
    return response;
  };

  count(path: string): number {
    return this.calls.filter((call) => call === path).length;
  }
}

interface World {
  /** The device's local database. */
  readonly local: RxDatabase<object>;
  /** The town server's database. */
  readonly town: Database;
  readonly app: FastifyInstance;
  readonly url: string;
  readonly network: Network;
  readonly appClock: TestClock;
  readonly serverClock: TestClock;
  /** What the township's functions take: the server's clock, the test password cost. */
  readonly auth: AuthOptions;
  readonly deps: SignInDeps;
  readonly principals: Record<Who, Principal>;
  /** Time passes, for the app and the server alike. */
  advance(ms: number): void;
  /** Only the server's clock moves. */
  serverAhead(ms: number): void;
}

const cleanups: (() => Promise<void>)[] = [];
let counter = 0;

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function world(): Promise<World> {
  const town = await freshTownDatabase();
  await seedPlaces(town);
  const serverClock = testClock();
  const appClock = testClock();
  const auth: AuthOptions = { now: serverClock.now, passwordCost: TEST_PASSWORD_COST };
  const principals = {} as Record<Who, Principal>;
  for (const [who, input] of Object.entries(ACCOUNTS) as [Who, AccountInput][]) {
    principals[who] = (await createAccount(town, input, auth)).principal;
  }

  const app = testApp(town, { auth: { now: serverClock.now } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  cleanups.push(() => app.close());
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('not listening on TCP');
  const { port } = address;

  counter += 1;
  const local = await openDatabase<object>(
    {
      name: `sign-in-${String(Date.now())}-${String(counter)}`,
      storage: getRxStorageMemory(),
      multiInstance: false,
    },
    {},
  );
  cleanups.push(async () => {
    await local.close();
  });

  const network = new Network();
  return {
    local,
    town,
    app,
    url: `http://127.0.0.1:${String(port)}`,
    network,
    appClock,
    serverClock,
    auth,
    deps: { db: local, fetch: network.fetch, now: appClock.now, iterations: ITERATIONS },
    principals,
    advance(ms) {
      appClock.advance(ms);
      serverClock.advance(ms);
    },
    serverAhead(ms) {
      serverClock.advance(ms);
    },
  };
}

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}`);
  return result.value;
}

function codeOf(result: Result<unknown>): string | undefined {
  return result.ok ? undefined : result.error.code;
}

async function signInAs(w: World, who: Who, password = PASSWORD): Promise<Result<SignedIn>> {
  return signIn(w.deps, {
    serverUrl: w.url,
    username: ACCOUNTS[who].username,
    password,
    deviceName: DEVICE_NAME,
  });
}

async function session(w: World, who: Who = 'clerk'): Promise<AppSession> {
  return value(await signInAs(w, who)).session;
}

/** An offline sign-in of the clerk, then the network comes back. */
async function offlineSession(w: World): Promise<AppSession> {
  w.network.online = false;
  const signed = value(await signInAs(w, 'clerk'));
  expect(signed.mode).toBe('offline');
  w.network.online = true;
  return signed.session;
}

/**
 * Whom the town server takes an access token for (as every protected route checks it:
 * signature, expiry by the server's clock, session, user and device), or the code it
 * refuses it with.
 */
async function serverReads(
  w: World,
  token: string,
): Promise<{ readonly username: string; readonly deviceId: string } | string> {
  try {
    const principal = await authenticate(
      w.town,
      await loadSigningKey(w.town),
      `Bearer ${token}`,
      w.serverClock.now(),
    );
    return { username: principal.username, deviceId: principal.deviceId };
  } catch (error) {
    if (error instanceof CodedError) return error.code;
    throw error;
  }
}

/** Why the server ended sessions, oldest first (the session table keeps the reason). */
async function revocations(w: World): Promise<string[]> {
  const result = await w.town.query<{ revoked_reason: string }>(
    'SELECT revoked_reason FROM sessions WHERE revoked_at IS NOT NULL ORDER BY revoked_at, id',
  );
  return result.rows.map((row) => row.revoked_reason);
}

async function localText(w: World): Promise<string> {
  const device = await w.local.getLocal('auth.device');
  const account = await w.local.getLocal(accountDocId(ACCOUNTS.clerk.username));
  return JSON.stringify([device?.toJSON(), account?.toJSON()]);
}

describe('signing in online', () => {
  it('registers the device at the first sign-in, bound to the user’s village', async () => {
    const w = await world();
    const signed = value(await signInAs(w, 'clerk'));
    expect(signed.mode).toBe('online');
    expect(signed.session.principal).toEqual(w.principals.clerk);
    const device = await readDevice(w.local);
    expect(device).toMatchObject({
      serverUrl: w.url,
      villageCode: PLACES.villageA,
      townshipCode: PLACES.township,
      deviceName: DEVICE_NAME,
      registeredBy: ACCOUNTS.clerk.username,
      revokedAt: null,
    });
    expect(signed.session.deviceId).toBe(device?.deviceId);
    expect(await listDevices(w.town, {}, w.auth)).toMatchObject([
      {
        id: device?.deviceId,
        name: DEVICE_NAME,
        villageCode: PLACES.villageA,
        registeredByUsername: ACCOUNTS.clerk.username,
        revokedAt: null,
        activeSessions: 1,
      },
    ]);

    // A second user on the same device (typed loosely) reuses its registration.
    const second = value(
      await signIn(w.deps, { serverUrl: w.url, username: ' ZHAO ', password: PASSWORD }),
    );
    expect(second.session.principal).toEqual(w.principals.admin);
    expect(second.session.deviceId).toBe(device?.deviceId);
    expect(await listDevices(w.town, {}, w.auth)).toMatchObject([
      { id: device?.deviceId, lastUsername: ACCOUNTS.admin.username, activeSessions: 2 },
    ]);
  });

  it('keeps neither the password nor a token nor the ID keys readable in the local documents', async () => {
    const w = await world();
    const s = await session(w);
    const access = value(await s.accessToken());
    const keys = await findTownshipKeys(w.town, PLACES.township);
    const text = await localText(w);
    expect(text).toContain('verifier');
    expect(w.network.refreshTokens).toHaveLength(1);
    for (const secret of [
      PASSWORD,
      access,
      ...w.network.refreshTokens,
      Buffer.from(keys?.encryptionKey ?? []).toString('base64url'),
      Buffer.from(keys?.hashKey ?? []).toString('base64url'),
    ]) {
      expect(secret.length).toBeGreaterThan(9);
      expect(text).not.toContain(secret);
    }
  });

  it('gives the session an ID protector with the township’s keys', async () => {
    const w = await world();
    const s = await session(w);
    const sealed = await s.idProtector?.protect(ID_NUMBER);
    const keys = await findTownshipKeys(w.town, PLACES.township);
    if (sealed === undefined || keys === undefined) throw new Error('no ID protection');
    expect(sealed.idNumberCipher.startsWith(`v1.${keys.keyId}.`)).toBe(true);
    expect(await s.idProtector?.reveal(sealed.idNumberCipher)).toBe(ID_NUMBER);
    // Every device of the township can read it, and finds the same duplicate hash.
    const township = createIdProtector(globalThis.crypto, keys);
    expect(await township.reveal(sealed.idNumberCipher)).toBe(ID_NUMBER);
    expect(await township.hashOf(ID_NUMBER)).toBe(sealed.idHash);
  });

  it('takes a refusal as final: a wrong password online is not tried offline', async () => {
    const w = await world();
    await session(w);
    const refused = await signInAs(w, 'clerk', WRONG_PASSWORD);
    expect(codeOf(refused)).toBe('auth.credentials-invalid');
    // The right password still works, online and (since nothing was forgotten) offline.
    expect(value(await signInAs(w, 'clerk')).mode).toBe('online');
    w.network.online = false;
    expect(value(await signInAs(w, 'clerk')).mode).toBe('offline');
  });

  it('refuses staff of another village on this village’s device, with auth.device-other-village', async () => {
    const w = await world();
    await session(w);
    const device = await readDevice(w.local);
    for (const who of ['neighbour', 'stranger'] as const) {
      const result = await signInAs(w, who);
      expect(result).toEqual({
        ok: false,
        error: {
          code: 'auth.device-other-village',
          params: { url: w.url, username: ACCOUNTS[who].username, deviceId: device?.deviceId },
        },
      });
      // Nothing of theirs is kept for an offline attempt, and offline they get nowhere.
      expect(await readAccount(w.local, ACCOUNTS[who].username)).toBeUndefined();
    }
    expect(await readDevice(w.local)).toEqual(device);
    expect(await listDevices(w.town, {}, w.auth)).toMatchObject([
      { id: device?.deviceId, lastUsername: ACCOUNTS.clerk.username, activeSessions: 1 },
    ]);
    w.network.online = false;
    expect(codeOf(await signInAs(w, 'neighbour'))).toBe('auth.server-needed');
  });

  it('forgets the offline sign-in of a password the server no longer accepts', async () => {
    const w = await world();
    await session(w);
    await changePassword(w.town, ACCOUNTS.clerk.username, NEW_PASSWORD, w.auth);
    expect(codeOf(await signInAs(w, 'clerk'))).toBe('auth.credentials-invalid');
    expect(await readAccount(w.local, ACCOUNTS.clerk.username)).toBeUndefined();
    w.network.online = false;
    expect(codeOf(await signInAs(w, 'clerk'))).toBe('auth.server-needed');

    // The new password, once online, makes the offline sign-in work again, with it alone.
    w.network.online = true;
    expect(value(await signInAs(w, 'clerk', NEW_PASSWORD)).mode).toBe('online');
    w.network.online = false;
    expect(codeOf(await signInAs(w, 'clerk'))).toBe('auth.credentials-invalid');
    expect(value(await signInAs(w, 'clerk', NEW_PASSWORD)).mode).toBe('offline');
  });

  it('forgets the offline sign-in of an account the township disabled', async () => {
    const w = await world();
    await session(w);
    await disableUser(w.town, ACCOUNTS.clerk.username, w.auth);
    expect(codeOf(await signInAs(w, 'clerk'))).toBe('auth.user-disabled');
    expect(await readAccount(w.local, ACCOUNTS.clerk.username)).toBeUndefined();
    w.network.online = false;
    expect(codeOf(await signInAs(w, 'clerk'))).toBe('auth.server-needed');
    // Others on the device are not affected.
    w.network.online = true;
    expect(value(await signInAs(w, 'admin')).mode).toBe('online');
  });
});

describe('signing in offline', () => {
  it('needs the server for the device’s first sign-in', async () => {
    const w = await world();
    // The server is down: a real refused connection.
    await w.app.close();
    const result = await signInAs(w, 'clerk');
    expect(result).toEqual({
      ok: false,
      error: { code: 'auth.server-unreachable', params: { url: w.url } },
    });
    expect(await readDevice(w.local)).toBeUndefined();
  });

  it('lets a user who signed in here before in with the right password only', async () => {
    const w = await world();
    await session(w);
    w.network.online = false;
    expect(codeOf(await signInAs(w, 'clerk', WRONG_PASSWORD))).toBe('auth.credentials-invalid');
    const signed = value(await signInAs(w, 'clerk'));
    expect(signed.mode).toBe('offline');
    expect(signed.offlineReason).toEqual({
      code: 'sync.server-unreachable',
      params: { url: w.url },
    });
    expect(signed.session.principal).toEqual(w.principals.clerk);
    expect(signed.session.health().kind).toBe('offline');
    // The ID keys were unsealed with the password.
    const sealed = await signed.session.idProtector?.protect(ID_NUMBER);
    const keys = await findTownshipKeys(w.town, PLACES.township);
    if (sealed === undefined || keys === undefined) throw new Error('no ID protection');
    expect(await createIdProtector(globalThis.crypto, keys).reveal(sealed.idNumberCipher)).toBe(
      ID_NUMBER,
    );
    // A user never seen on this device needs the server once.
    expect(codeOf(await signInAs(w, 'admin'))).toBe('auth.server-needed');
  });

  it('refreshes with the stored token once the server is back, and the session goes online', async () => {
    const w = await world();
    await session(w);
    w.network.online = false;
    const offline = value(await signInAs(w, 'clerk')).session;
    expect(codeOf(await offline.accessToken())).toBe('sync.server-unreachable');
    expect(offline.health().kind).toBe('offline');
    w.network.online = true;
    const token = value(await offline.accessToken());
    expect(offline.health().kind).toBe('online');
    expect(await serverReads(w, token)).toEqual({
      username: ACCOUNTS.clerk.username,
      deviceId: offline.deviceId,
    });
  });
});

describe('the session’s tokens', () => {
  it('refreshes shortly before expiry, once for any number of concurrent callers', async () => {
    const w = await world();
    const s = await session(w);
    const first = value(await s.accessToken());
    w.advance(ACCESS_TOKEN_TTL_MS - RENEW_MARGIN_MS - 1);
    expect(value(await s.accessToken())).toBe(first);
    expect(w.network.count(PATHS.refresh)).toBe(0);

    w.advance(2);
    const tokens = await Promise.all([s.accessToken(), s.accessToken(), s.accessToken()]);
    expect(w.network.count(PATHS.refresh)).toBe(1);
    const renewed = value(tokens[0]);
    expect(renewed).not.toBe(first);
    expect(tokens.map(value)).toEqual([renewed, renewed, renewed]);
    expect(await serverReads(w, renewed)).toMatchObject({ username: ACCOUNTS.clerk.username });
  });

  it('stores every rotated refresh token, so tomorrow’s offline sign-in refreshes without reuse', async () => {
    const w = await world();
    const s = await session(w);
    w.advance(ACCESS_TOKEN_TTL_MS);
    value(await s.accessToken());
    w.advance(ACCESS_TOKEN_TTL_MS);
    value(await s.accessToken());
    expect(w.network.count(PATHS.refresh)).toBe(2);

    w.advance(24 * 3_600_000);
    const tomorrow = await offlineSession(w);
    const token = value(await tomorrow.accessToken());
    expect(await serverReads(w, token)).toMatchObject({ username: ACCOUNTS.clerk.username });
    expect(await revocations(w)).toEqual([]);
  });

  it('gets a new token on request when the server calls the current one expired', async () => {
    const w = await world();
    const s = await session(w);
    const first = value(await s.accessToken());
    // The server's clock was put forward: by its clock the token has expired.
    w.serverAhead(ACCESS_TOKEN_TTL_MS);
    expect(await serverReads(w, first)).toBe('auth.token-expired');
    // By the app's own clock it is fresh, so it is handed out until the server objects.
    expect(value(await s.accessToken())).toBe(first);
    const renewed = value(await s.accessToken({ renew: true }));
    expect(renewed).not.toBe(first);
    expect(await serverReads(w, renewed)).toMatchObject({ username: ACCOUNTS.clerk.username });
  });

  it('asks for an online sign-in when the server refuses the refresh, and forgets the token', async () => {
    const w = await world();
    const s = await session(w);
    const first = value(await s.accessToken());
    await changePassword(w.town, ACCOUNTS.clerk.username, NEW_PASSWORD, w.auth);
    expect(await serverReads(w, first)).toBe('auth.session-revoked');
    w.advance(ACCESS_TOKEN_TTL_MS);
    expect(codeOf(await s.accessToken())).toBe('auth.session-revoked');
    expect(s.health()).toEqual({
      kind: 'needs-sign-in',
      error: { code: 'auth.session-revoked', params: expect.any(Object) as unknown },
    });
    // The dead token is not presented again, in this session or the next offline one.
    const requests = w.network.calls.length;
    expect(codeOf(await s.accessToken())).toBe('sync.not-signed-in');
    expect(w.network.calls).toHaveLength(requests);
    const offline = await offlineSession(w);
    expect(codeOf(await offline.accessToken())).toBe('sync.not-signed-in');
    expect(w.network.calls).toHaveLength(requests);
    expect(await revocations(w)).toEqual(['password-changed']);
  });

  it('asks for an online sign-in when the account was disabled, and forgets its offline sign-in', async () => {
    const w = await world();
    const s = await session(w);
    await disableUser(w.town, ACCOUNTS.clerk.username, w.auth);
    w.advance(ACCESS_TOKEN_TTL_MS);
    expect(codeOf(await s.accessToken())).toBe('auth.user-disabled');
    expect(s.health()).toMatchObject({
      kind: 'needs-sign-in',
      error: { code: 'auth.user-disabled' },
    });
    expect(await readAccount(w.local, ACCOUNTS.clerk.username)).toBeUndefined();
    w.network.online = false;
    expect(codeOf(await signInAs(w, 'clerk'))).toBe('auth.server-needed');
  });

  it('marks the device revoked when the server says so, and refuses offline sign-ins after', async () => {
    const w = await world();
    const s = await session(w);
    const other = await session(w, 'admin');
    await revokeDevice(w.town, s.deviceId, w.auth);
    w.advance(ACCESS_TOKEN_TTL_MS);
    expect(codeOf(await s.accessToken())).toBe('auth.device-revoked');
    expect(s.health().kind).toBe('device-revoked');
    expect((await readDevice(w.local))?.revokedAt).toBe(w.appClock.now());
    w.network.online = false;
    expect(codeOf(await signInAs(w, 'clerk'))).toBe('auth.device-revoked');
    expect(codeOf(await signInAs(w, 'admin'))).toBe('auth.device-revoked');
    // Online, the server says the same to everyone; the other user's session ends as well.
    w.network.online = true;
    expect(codeOf(await signInAs(w, 'admin'))).toBe('auth.device-revoked');
    expect(codeOf(await other.accessToken())).toBe('auth.device-revoked');
    expect(await revocations(w)).toEqual(['device-revoked', 'device-revoked']);
  });
});

describe('a refresh token used twice', () => {
  it('ends the session when a copy of a replaced refresh token is presented', async () => {
    const w = await world();
    const s = await session(w);
    const [copied] = w.network.refreshTokens;
    w.advance(ACCESS_TOKEN_TTL_MS);
    const current = value(await s.accessToken());
    expect(w.network.refreshTokens).toHaveLength(2);

    // Someone who copied the first refresh token tries it.
    const stolen = await fetch(`${w.url}${PATHS.refresh}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: copied }),
    });
    expect(stolen.status).toBe(401);
    expect(await stolen.json()).toMatchObject({ error: { code: 'auth.refresh-invalid' } });
    expect(await revocations(w)).toEqual(['refresh-reuse']);

    // The session ended for the app too: its access token at once, its refresh after.
    expect(await serverReads(w, current)).toBe('auth.session-revoked');
    w.advance(ACCESS_TOKEN_TTL_MS);
    expect(codeOf(await s.accessToken())).toBe('auth.session-revoked');
    expect(s.health().kind).toBe('needs-sign-in');
    const offline = await offlineSession(w);
    expect(codeOf(await offline.accessToken())).toBe('sync.not-signed-in');
    // An online sign-in starts afresh.
    const again = await session(w);
    expect(await serverReads(w, value(await again.accessToken()))).toMatchObject({
      username: ACCOUNTS.clerk.username,
    });
  });

  it('ends the session when the device presents a replaced token (its storage was rolled back)', async () => {
    const w = await world();
    const s = await session(w);
    const id = accountDocId(ACCOUNTS.clerk.username);
    const backup = (await w.local.getLocal(id))?.toJSON().data as Record<string, unknown>;
    w.advance(ACCESS_TOKEN_TTL_MS);
    const current = value(await s.accessToken());

    // The account record is restored from before the refresh: it holds the replaced token.
    await w.local.upsertLocal(id, backup);
    const restored = await offlineSession(w);
    expect(codeOf(await restored.accessToken())).toBe('auth.refresh-invalid');
    expect(restored.health()).toMatchObject({ kind: 'needs-sign-in' });
    expect(await revocations(w)).toEqual(['refresh-reuse']);
    expect(await serverReads(w, current)).toBe('auth.session-revoked');
  });

  it('asks for an online sign-in when a tampered refresh token is refused', async () => {
    const w = await world();
    await session(w);
    // The stored token is altered (re-sealed properly, so only the server can tell).
    const record = await readAccount(w.local, ACCOUNTS.clerk.username);
    const device = await readDevice(w.local);
    if (record === undefined || device === undefined) throw new Error('nothing stored');
    const { wrappingKey } = await deriveCredentials(PASSWORD, record.kdf);
    const secrets = await unsealSecrets(wrappingKey, device.deviceId, record);
    const token = secrets?.refreshToken ?? '';
    const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    await writeAccount(w.local, {
      ...record,
      secrets: await sealSecrets(wrappingKey, device.deviceId, record.principal, {
        refreshToken: tampered,
        idKeys: secrets?.idKeys ?? null,
      }),
    });

    const offline = await offlineSession(w);
    expect(codeOf(await offline.accessToken())).toBe('auth.refresh-invalid');
    expect(offline.health()).toMatchObject({
      kind: 'needs-sign-in',
      error: { code: 'auth.refresh-invalid' },
    });
    // The refused token is not kept for the next session; an online sign-in works.
    const next = await offlineSession(w);
    expect(codeOf(await next.accessToken())).toBe('sync.not-signed-in');
    expect(value(await signInAs(w, 'clerk')).mode).toBe('online');
  });
});

describe('logout and the lock screen’s check', () => {
  it('ends the session on the server and leaves no refresh token for the next offline session', async () => {
    const w = await world();
    const s = await session(w);
    const token = value(await s.accessToken());
    expect(await s.logout()).toEqual({ ok: true, value: null });
    expect(w.network.count(PATHS.logout)).toBe(1);
    expect(await serverReads(w, token)).toBe('auth.session-revoked');
    expect(await revocations(w)).toEqual(['logout']);
    expect(codeOf(await s.accessToken())).toBe('sync.not-signed-in');

    const offline = await offlineSession(w);
    expect(codeOf(await offline.accessToken())).toBe('sync.not-signed-in');
    expect(w.network.count(PATHS.refresh)).toBe(0);
  });

  it('logs out an expired access token by refreshing it first', async () => {
    const w = await world();
    const s = await session(w);
    w.advance(ACCESS_TOKEN_TTL_MS);
    expect(await s.logout()).toEqual({ ok: true, value: null });
    expect(w.network.calls.slice(-2)).toEqual([PATHS.refresh, PATHS.logout]);
    expect(await revocations(w)).toEqual(['logout']);
  });

  it('says why the server could not be told, and keeps the token for the next session', async () => {
    const w = await world();
    const s = await session(w);
    w.network.online = false;
    expect(codeOf(await s.logout())).toBe('sync.server-unreachable');
    const offline = value(await signInAs(w, 'clerk')).session;
    w.network.online = true;
    const token = value(await offline.accessToken());
    expect(await serverReads(w, token)).toMatchObject({ username: ACCOUNTS.clerk.username });
    expect(await revocations(w)).toEqual([]);
  });

  it('checks the lock screen’s password against this user’s verifier', async () => {
    const w = await world();
    const s = await session(w);
    await session(w, 'admin');
    expect(await s.verifyPassword(PASSWORD)).toBe(true);
    expect(await s.verifyPassword(WRONG_PASSWORD)).toBe(false);
  });
});
