/**
 * Demo mode (issue 3: newcomers try the app on sample data, clearly marked, removable).
 *
 * - It uses a SEPARATE local database, DEMO_DATABASE_NAME, never the real one. Only one
 *   database is open at a time (RxDB's free version allows 13 collections per process and
 *   each database has 12), so entering or leaving demo mode reloads the page; which one to
 *   open is remembered in localStorage under DATABASE_CHOICE_KEY (not secret; nothing else
 *   of the app lives in web storage).
 * - The session is a demo session: a clearly named principal with the village_admin role,
 *   `accessToken()` always fails with `sync.not-signed-in` (nothing is ever synced), and an
 *   ID protector whose keys were generated on this device and are kept in the demo
 *   database (local document DEMO_KEYS_DOC_ID): sample ID numbers are not personal data.
 * - How other screens tell: `session.demo === true`, or `useIsDemo()` (session.ts). The
 *   register screens load their sample residents into a demo database that has none; this
 *   module provides no data of its own.
 */
import type { Principal } from '../../../shared/auth/roles.ts';
import { fail } from '../../../shared/errors.ts';
import { base64url } from '../../../shared/residents/id-protection.ts';
import type { IdKeys } from '../../../shared/sync/protocol.ts';
import type { LocalDocumentHost } from './account-store.ts';
import { parseIdKeys } from './auth-api.ts';
import { idProtectorOf, type AppSession, type SessionHealth } from './app-session.ts';

export const DEMO_DATABASE_NAME = 'village-credit-demo';
export const DATABASE_CHOICE_KEY = 'village-credit.database';
export const DEMO_KEYS_DOC_ID = 'demo.keys';

/**
 * The sample place: the same township and village as the shared sample documents
 * (shared/collections/fixtures/samples.ts), so sample records fit the demo principal.
 */
export const DEMO_TOWNSHIP_CODE = '320509105';
export const DEMO_VILLAGE_CODE = '320509105201';
export const DEMO_DEVICE_ID = 'demo-device';

export const DEMO_PRINCIPAL: Principal = {
  userId: 'demo-user',
  username: 'demo',
  displayName: '体验用户（示例）',
  role: 'village_admin',
  villageCode: DEMO_VILLAGE_CODE,
  townshipCode: DEMO_TOWNSHIP_CODE,
};

export type DatabaseChoice = 'main' | 'demo';

// One object: health() is a useSyncExternalStore snapshot and must not change identity.
const DEMO_HEALTH: SessionHealth = { kind: 'demo' };

type ChoiceStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function readDatabaseChoice(storage: ChoiceStorage): DatabaseChoice {
  return storage.getItem(DATABASE_CHOICE_KEY) === 'demo' ? 'demo' : 'main';
}

/** Takes effect at the next page load (callers reload). */
export function writeDatabaseChoice(storage: ChoiceStorage, choice: DatabaseChoice): void {
  if (choice === 'demo') storage.setItem(DATABASE_CHOICE_KEY, 'demo');
  else storage.removeItem(DATABASE_CHOICE_KEY);
}

/**
 * Deletes what is left of the demo database on disk once RxDB removed it: RxDB's Dexie
 * storage empties its IndexedDB databases (one per collection) but does not delete them.
 * Only names of the demo database's own prefix are touched. A deletion another open tab
 * blocks completes when that tab closes.
 */
export async function deleteDemoStorage(factory: IDBFactory): Promise<void> {
  const prefix = `rxdb-dexie-${DEMO_DATABASE_NAME}--`;
  const names = (await factory.databases())
    .map((database) => database.name ?? '')
    .filter((name) => name.startsWith(prefix));
  await Promise.all(
    names.map(
      (name) =>
        new Promise<void>((resolve, reject) => {
          const request = factory.deleteDatabase(name);
          request.onsuccess = () => {
            resolve();
          };
          request.onblocked = () => {
            resolve();
          };
          request.onerror = () => {
            reject(request.error ?? new Error(`deleting ${name} failed`));
          };
        }),
    ),
  );
}

/** The demo database's own ID keys, made on first use. */
export async function demoIdKeys(db: LocalDocumentHost): Promise<IdKeys> {
  const stored = parseIdKeys((await db.getLocal(DEMO_KEYS_DOC_ID))?.toJSON().data);
  if (stored != null) return stored;
  const random = () => base64url(globalThis.crypto.getRandomValues(new Uint8Array(32)));
  const keys: IdKeys = { keyId: 'demo', encryptionKey: random(), hashKey: random() };
  await db.upsertLocal(DEMO_KEYS_DOC_ID, { ...keys });
  return keys;
}

// One demo session per database: React StrictMode runs effects twice, and two racing
// first runs would otherwise each make and store their own keys.
const demoSessions = new WeakMap<LocalDocumentHost, Promise<AppSession>>();

export function openDemoSession(db: LocalDocumentHost): Promise<AppSession> {
  let session = demoSessions.get(db);
  if (session === undefined) {
    session = createDemoSession(db);
    demoSessions.set(db, session);
    session.catch(() => demoSessions.delete(db));
  }
  return session;
}

async function createDemoSession(db: LocalDocumentHost): Promise<AppSession> {
  const keys = await demoIdKeys(db);
  return {
    principal: DEMO_PRINCIPAL,
    deviceId: DEMO_DEVICE_ID,
    // No server: the demo never syncs.
    serverUrl: '',
    idProtector: idProtectorOf(keys),
    demo: true,
    accessToken: () => Promise.resolve(fail('sync.not-signed-in')),
    health: () => DEMO_HEALTH,
    subscribe: () => () => undefined,
    verifyPassword: () => Promise.resolve(false),
    logout: () => Promise.resolve({ ok: true, value: null }),
  };
}
