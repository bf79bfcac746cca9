/**
 * The app's sync engine against a real town server in this process (buildApp with the sync
 * routes, on a throwaway PostgreSQL cluster or PGlite), over real HTTP with Node's fetch.
 * Devices are RxDB databases on the memory storage (IndexedDB is covered by the end-to-end
 * tests), three collections each so that three devices stay under RxDB's 13-collection
 * limit. A device "goes offline" the way a computer does: its requests fail and its open
 * connections drop (the network switch below); the server never knows.
 */
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { RxCollection } from 'rxdb';
import { filter, firstValueFrom } from 'rxjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/auth/roles.ts';
import { COLLECTIONS, schemaVersions } from '../../../shared/collections/index.ts';
import {
  eventSamples,
  householdSample,
  residentSample,
} from '../../../shared/collections/fixtures/samples.ts';
import type { EventDoc } from '../../../shared/collections/events.ts';
import type { HouseholdDoc } from '../../../shared/collections/households.ts';
import type { ResidentDoc } from '../../../shared/collections/residents.ts';
import { ok, type Result } from '../../../shared/errors.ts';
import { PATHS, type LoginResponse } from '../../../shared/sync/protocol.ts';
import type { Database } from '../../../server/src/db/database.ts';
import { buildApp } from '../../../server/src/http/app.ts';
import { putDocuments } from '../../../server/src/store/documents.ts';
import { startChangeFeed, type ChangeFeed } from '../../../server/src/sync/feed.ts';
import {
  createAccount,
  PLACES,
  seedPlaces,
  TEST_PASSWORD,
  TEST_PASSWORD_COST,
} from '../../../server/test/accounts.ts';
import { BACKENDS, useBackend, type BackendKind } from '../../../server/test/backends.ts';
import { freePort } from '../../../server/test/free-port.ts';
import { openDatabase } from '../db/database.ts';
import { RX_SCHEMAS } from '../db/schema-compat.ts';
import { SyncEngine, type NetworkEnvironment, type SyncSession } from './engine.ts';
import type { SyncStatus } from './status.ts';
import { readConflicts, readProblems } from './stores.ts';
import type { Fetch } from './transport.ts';

// --- The town server ------------------------------------------------------------------------

interface Town {
  readonly url: string;
  readonly port: number;
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

async function startTown(
  db: Database,
  options: {
    readonly port?: number;
    readonly schemaVersions?: ReturnType<typeof schemaVersions>;
  } = {},
): Promise<Town> {
  const feed: ChangeFeed = await startChangeFeed(db);
  const app = buildApp({
    db,
    logger: pino({ level: 'silent' }),
    auth: { passwordCost: TEST_PASSWORD_COST },
    sync: {
      feed,
      keepAliveMs: 1_000,
      ...(options.schemaVersions === undefined ? {} : { schemaVersions: options.schemaVersions }),
    },
  });
  const port = options.port ?? (await freePort());
  await app.listen({ port, host: '127.0.0.1' });
  return {
    url: `http://127.0.0.1:${String(port)}`,
    port,
    app,
    async close() {
      await app.close();
      await feed.close();
    },
  };
}

// --- A computer's network, switchable ----------------------------------------------------------

class NetworkSwitch {
  #online = true;
  readonly #listeners = new Set<(online: boolean) => void>();
  readonly #open = new Set<AbortController>();
  readonly requests: string[] = [];
  #hold: { pattern: RegExp; allowed: number; release: Promise<void>; open: () => void } | undefined;

  /** After `allowed` more requests matching `pattern`, the next ones hang until `release()`. */
  hold(pattern: RegExp, allowed: number): void {
    let open = (): void => undefined;
    const release = new Promise<void>((resolve) => {
      open = resolve;
    });
    this.#hold = { pattern, allowed, release, open };
  }

  release(): void {
    this.#hold?.open();
    this.#hold = undefined;
  }

  readonly fetch: Fetch = async (url, init) => {
    if (!this.#online) throw new TypeError('fetch failed (offline)');
    const controller = new AbortController();
    const signal =
      init.signal === null || init.signal === undefined
        ? controller.signal
        : AbortSignal.any([init.signal, controller.signal]);
    const hold = this.#hold;
    if (hold !== undefined && hold.pattern.test(url)) {
      if (hold.allowed > 0) hold.allowed -= 1;
      else {
        await new Promise<void>((resolve, reject) => {
          void hold.release.then(resolve);
          signal.addEventListener('abort', () => {
            reject(new TypeError('fetch aborted'));
          });
        });
      }
    }
    this.requests.push(`${init.method ?? 'GET'} ${url}`);
    this.#open.add(controller);
    const forget = () => this.#open.delete(controller);
    try {
      const response = await fetch(url, { ...init, signal });
      if (response.body === null) {
        forget();
        return response;
      }
      // Keep the controller until the body is read, so going offline cuts open streams.
      const body = response.body.pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          flush: () => {
            forget();
          },
        }),
      );
      return new Response(body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    } catch (error) {
      forget();
      throw error;
    }
  };

  readonly environment: NetworkEnvironment = {
    isOnline: () => this.#online,
    onChange: (listener) => {
      this.#listeners.add(listener);
      return () => this.#listeners.delete(listener);
    },
  };

  set online(online: boolean) {
    this.#online = online;
    if (!online) {
      for (const controller of this.#open) controller.abort(new TypeError('network lost'));
      this.#open.clear();
    }
    for (const listener of this.#listeners) listener(online);
  }
}

// --- Sessions and devices ------------------------------------------------------------------

async function signIn(town: Town, username: string): Promise<LoginResponse> {
  const response = await fetch(`${town.url}${PATHS.login}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: TEST_PASSWORD }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as LoginResponse;
}

function sessionOf(town: Town, login: LoginResponse): SyncSession {
  return {
    principal: login.user,
    serverUrl: town.url,
    accessToken: (): Promise<Result<string>> => Promise.resolve(ok(login.accessToken)),
  };
}

type DeviceCollections = {
  residents: RxCollection<ResidentDoc>;
  households: RxCollection<HouseholdDoc>;
  events: RxCollection<EventDoc>;
};

async function openDevice(name: string) {
  return openDatabase<DeviceCollections>(
    { name, storage: getRxStorageMemory(), multiInstance: false },
    {
      residents: { schema: RX_SCHEMAS.residents, migrations: COLLECTIONS.residents.migrations },
      households: { schema: RX_SCHEMAS.households, migrations: COLLECTIONS.households.migrations },
      events: { schema: RX_SCHEMAS.events, migrations: COLLECTIONS.events.migrations },
    },
  );
}

type DeviceDb = Awaited<ReturnType<typeof openDevice>>;

interface Device {
  readonly db: DeviceDb;
  readonly network: NetworkSwitch;
  engine: SyncEngine;
  /** A new engine on the same database (the app restarting). */
  restart(session?: SyncSession): Promise<void>;
}

let deviceCounter = 0;
const openDevices: Device[] = [];

async function device(
  town: Town,
  session: SyncSession,
  options: {
    readonly name?: string;
    readonly pullBatchSize?: number;
    readonly start?: boolean;
  } = {},
): Promise<Device> {
  deviceCounter += 1;
  const db = await openDevice(
    options.name ?? `device-${String(Date.now())}-${String(deviceCounter)}`,
  );
  const network = new NetworkSwitch();
  const make = (s: SyncSession) =>
    new SyncEngine({
      db,
      session: s,
      fetch: network.fetch,
      network: network.environment,
      backoff: { baseMs: 50, capMs: 400 },
      retryMs: 20,
      pollMs: 300,
      ...(options.pullBatchSize === undefined ? {} : { pullBatchSize: options.pullBatchSize }),
    });
  const d: Device = {
    db,
    network,
    engine: make(session),
    async restart(next = session) {
      await d.engine.stop();
      d.engine = make(next);
      await d.engine.start();
    },
  };
  openDevices.push(d);
  if (options.start !== false) await d.engine.start();
  return d;
}

afterEach(async () => {
  for (const d of openDevices.splice(0)) {
    await d.engine.stop();
    await d.db.close();
  }
});

/** Waits until the engine's status satisfies `test` (fails the test after 30 s). */
function statusWhere(engine: SyncEngine, test: (s: SyncStatus) => boolean): Promise<SyncStatus> {
  return firstValueFrom(engine.status$.pipe(filter(test)));
}

async function until(test: () => Promise<boolean> | boolean, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

// --- Documents -------------------------------------------------------------------------------

function resident(id: string, name: string, fields: Partial<ResidentDoc> = {}): ResidentDoc {
  return {
    ...residentSample,
    id,
    name,
    householdId: '',
    villageCode: PLACES.villageA,
    townshipCode: PLACES.township,
    ...fields,
  };
}

function household(id: string, fields: Partial<HouseholdDoc> = {}): HouseholdDoc {
  return {
    ...householdSample,
    id,
    villageCode: PLACES.villageA,
    townshipCode: PLACES.township,
    ...fields,
  };
}

interface Findable {
  find(): { exec(): Promise<readonly { readonly primary: string }[]> };
}

async function idsOf(collection: Findable): Promise<string[]> {
  const docs = await collection.find().exec();
  return docs.map((d) => d.primary).sort();
}

async function serverIds(db: Database, collection: string, villageCode: string) {
  const result = await db.query<{ id: string }>(
    'SELECT id FROM documents WHERE collection = $1 AND village_code = $2 AND NOT deleted ORDER BY id',
    [collection, villageCode],
  );
  return result.rows.map((r) => r.id);
}

// --- Accounts ----------------------------------------------------------------------------------

let accountCounter = 0;

async function account(db: Database, role: Role, villageCode: string): Promise<string> {
  accountCounter += 1;
  const username = `clerk${String(accountCounter)}`;
  await createAccount(db, { username, role, villageCode });
  return username;
}

// ---------------------------------------------------------------------------------------------

describe.each(BACKENDS)(
  'two devices of a village and one of another, on %s',
  (kind: BackendKind) => {
    const backend = useBackend(kind);

    it('share every record exactly once, converge after offline edits, list the true conflict, and keep the other village out', async () => {
      const db = await backend.fresh();
      await seedPlaces(db);
      const town = await startTown(db);
      try {
        const a1 = await device(
          town,
          sessionOf(town, await signIn(town, await account(db, 'village_clerk', PLACES.villageA))),
        );
        const a2 = await device(
          town,
          sessionOf(town, await signIn(town, await account(db, 'village_clerk', PLACES.villageA))),
        );
        const b1 = await device(
          town,
          sessionOf(town, await signIn(town, await account(db, 'village_clerk', PLACES.villageB))),
        );

        // A household made on one device reaches the other through the server.
        await a1.db.households.insert(household('H-1', { address: '王庄村 1 组 8 号' }));
        await until(
          async () => (await a2.db.households.findOne('H-1').exec()) !== null,
          'H-1 on a2',
        );
        await a1.engine.awaitInSync();
        await a2.engine.awaitInSync();

        // Both go offline and work: new residents, and the same household edited differently.
        a1.network.online = false;
        a2.network.online = false;
        await statusWhere(a1.engine, (s) => s.phase === 'offline');
        await a1.db.residents.bulkInsert([resident('R-A1-1', '王一'), resident('R-A1-2', '王二')]);
        await a2.db.residents.bulkInsert([resident('R-A2-1', '李一')]);
        await (await a1.db.households.findOne('H-1').exec())!.incrementalPatch({
          address: '王庄村 1 组 9 号',
          houseNo: '9',
          updatedAt: residentSample.updatedAt + 10,
        });
        await (await a2.db.households.findOne('H-1').exec())!.incrementalPatch({
          address: '王庄村 2 组 1 号',
          notes: '二组搬迁',
          updatedAt: residentSample.updatedAt + 20,
        });
        // Offline, every change waits as a pending upload.
        await statusWhere(a1.engine, (s) => s.pendingUploads === 3);
        await statusWhere(a2.engine, (s) => s.pendingUploads === 2);

        a1.network.online = true;
        await a1.engine.awaitInSync();
        a2.network.online = true;
        await a2.engine.awaitInSync();
        await until(
          async () => (await idsOf(a1.db.residents)).length === 3,
          'a1 has every resident',
        );
        await until(
          async () => (await idsOf(a2.db.residents)).length === 3,
          'a2 has every resident',
        );

        // Every record once on the server and on both devices.
        const all = ['R-A1-1', 'R-A1-2', 'R-A2-1'];
        expect(await serverIds(db, 'residents', PLACES.villageA)).toEqual(all);
        expect(await idsOf(a1.db.residents)).toEqual(all);
        expect(await idsOf(a2.db.residents)).toEqual(all);

        // The household: the changes of one side merged (houseNo from a1, notes from a2), the
        // address changed on both sides kept the server's (a1's, pushed first) and is listed
        // on a2 with both versions.
        await until(async () => {
          const h = await a1.db.households.findOne('H-1').exec();
          return h?.notes === '二组搬迁';
        }, 'the merged household on a1');
        for (const d of [a1, a2]) {
          const h = (await d.db.households.findOne('H-1').exec())!;
          expect({ address: h.address, houseNo: h.houseNo, notes: h.notes }).toEqual({
            address: '王庄村 1 组 9 号',
            houseNo: '9',
            notes: '二组搬迁',
          });
        }
        const [conflict, ...more] = await readConflicts(a2.db);
        expect(more).toEqual([]);
        expect(conflict).toMatchObject({
          collection: 'households',
          id: 'H-1',
          fields: ['address'],
          server: { address: '王庄村 1 组 9 号' },
          local: { address: '王庄村 2 组 1 号' },
        });
        expect(await readConflicts(a1.db)).toEqual([]);
        await statusWhere(a2.engine, (s) => s.conflicts === 1 && s.pendingUploads === 0);

        // Choosing this device's version is an edit like any other: it reaches a1.
        await a2.engine.chooseLocalVersion(conflict!);
        expect(await readConflicts(a2.db)).toEqual([]);
        await until(async () => {
          const h = await a1.db.households.findOne('H-1').exec();
          return h?.address === '王庄村 2 组 1 号';
        }, 'a2’s chosen address on a1');

        // The other village's device never received any of it.
        await b1.engine.awaitInSync();
        expect(await idsOf(b1.db.residents)).toEqual([]);
        expect(await idsOf(b1.db.households)).toEqual([]);
        expect(b1.engine.status.phase).toBe('synced');
      } finally {
        await town.close();
      }
    });
  },
);

describe('sync engine against a town server on PostgreSQL', () => {
  const backend = useBackend('PostgreSQL');
  let db: Database;
  let town: Town;

  beforeAll(async () => {
    db = await backend.fresh();
    await seedPlaces(db);
    town = await startTown(db);
  });

  afterAll(async () => {
    await town.close();
  });

  async function clerk(villageCode: string = PLACES.villageA): Promise<SyncSession> {
    return sessionOf(town, await signIn(town, await account(db, 'village_clerk', villageCode)));
  }

  it('delivers a change to a device over the live stream, without asking it to sync', async () => {
    const a1 = await device(town, await clerk());
    const a2 = await device(town, await clerk());
    await a1.engine.awaitInSync();
    await a2.engine.awaitInSync();
    const requestsBefore = a2.network.requests.length;
    await a1.db.residents.insert(resident('R-LIVE', '赵六'));
    await until(
      async () => (await a2.db.residents.findOne('R-LIVE').exec()) !== null,
      'R-LIVE on a2',
    );
    // a2 made no pull of residents for it: the stream carried it.
    const pulls = a2.network.requests
      .slice(requestsBefore)
      .filter((r) => r.includes('/sync/residents/pull'));
    expect(pulls).toEqual([]);
  });

  it('lists a refused row as a problem with its reason, and clears it once a later edit lands', async () => {
    const a1 = await device(town, await clerk());
    await a1.db.residents.insert(resident('R-IMM', '钱七'));
    await a1.engine.awaitInSync();
    // createdBy is fixed once a record exists: the server refuses the change.
    await (await a1.db.residents.findOne('R-IMM').exec())!.incrementalPatch({
      createdBy: 'someone-else',
    });
    await until(async () => (await readProblems(a1.db)).length === 1, 'the problem');
    const [problem] = await readProblems(a1.db);
    expect(problem).toMatchObject({
      collection: 'residents',
      id: 'R-IMM',
      label: '钱七',
      code: 'sync.field-immutable',
      params: { id: 'R-IMM', field: 'createdBy' },
    });
    await statusWhere(a1.engine, (s) => s.problems === 1);
    // The device shows the server's version again; the refused one is in the problem.
    await until(async () => {
      const doc = await a1.db.residents.findOne('R-IMM').exec();
      return doc?.createdBy === residentSample.createdBy;
    }, 'the server’s version back on the device');
    await a1.engine.awaitInSync();
    expect(await readProblems(a1.db)).toHaveLength(1);

    // The clerk edits the record again: the edit lands, the problem goes.
    await (await a1.db.residents.findOne('R-IMM').exec())!.incrementalPatch({
      phone: '13800001111',
    });
    await until(async () => (await readProblems(a1.db)).length === 0, 'the problem to clear');
    const stored = await db.query<{ data: { phone: string; createdBy: string } }>(
      "SELECT data FROM documents WHERE collection = 'residents' AND id = 'R-IMM'",
    );
    expect(stored.rows[0]?.data).toMatchObject({
      phone: '13800001111',
      createdBy: residentSample.createdBy,
    });
  });

  it('uploads an edit of a record it pulled, in a collection that keeps attachments (events)', async () => {
    // Events keep photo evidence as RxDB attachments; RxDB refuses to push an edit whose
    // server version has no `_attachments`, and the upload then stalls without a word.
    // One clerk on two computers: records an entry on one, withdraws it on the other.
    const session = await clerk();
    const a1 = await device(town, session);
    const a2 = await device(town, session);
    const by = session.principal.userId;
    const entry = {
      ...eventSamples[1]!,
      id: 'E-PULLED-EDIT',
      villageCode: PLACES.villageA,
      townshipCode: PLACES.township,
      createdBy: by,
      updatedBy: by,
    };
    await a1.db.events.insert(entry);
    await a1.engine.awaitInSync();
    expect(await readProblems(a1.db)).toEqual([]);
    await until(
      async () => (await a2.db.events.findOne('E-PULLED-EDIT').exec()) !== null,
      'the entry on a2',
    );
    await (await a2.db.events.findOne('E-PULLED-EDIT').exec())!.incrementalPatch({
      status: 'withdrawn',
      updatedAt: Date.now(),
      updatedBy: by,
    });
    await until(async () => {
      const stored = await db.query<{ data: { status: string } }>(
        "SELECT data FROM documents WHERE collection = 'events' AND id = 'E-PULLED-EDIT'",
      );
      return stored.rows[0]?.data.status === 'withdrawn';
    }, 'the withdrawal on the server');
    await until(
      async () =>
        (await a1.db.events.findOne('E-PULLED-EDIT').exec())?.get('status') === 'withdrawn',
      'the withdrawal on a1',
    );
    expect((await statusWhere(a2.engine, (s) => s.pendingUploads === 0)).problems).toBe(0);
  });

  it('resumes an interrupted first sync from its checkpoint after a restart, with every document once', async () => {
    const total = 900;
    const docs = Array.from({ length: total }, (_, i) =>
      resident(`R-BULK-${String(i).padStart(4, '0')}`, `村民${String(i)}`, {
        villageCode: PLACES.villageB,
      }),
    );
    await putDocuments(
      db,
      'residents',
      docs.map((d) => ({
        id: d.id,
        scope: { villageCode: PLACES.villageB },
        data: { ...d, townshipCode: PLACES.township },
      })),
    );
    const session = await clerk(PLACES.villageB);
    const b1 = await device(town, session, { pullBatchSize: 100, start: false });
    // The network stalls after three pulls of the register (a slow village line)…
    b1.network.hold(/\/sync\/residents\/pull/, 3);
    await b1.engine.start();
    const progress = await statusWhere(
      b1.engine,
      (s) => s.firstSync?.total === total && s.firstSync.pulled === 300,
    );
    expect(progress.phase).toBe('syncing');
    // …and the app is closed in the middle of the first sync.
    await b1.engine.stop();
    expect((await idsOf(b1.db.residents)).length).toBe(300);
    b1.network.release();
    // …and opens again: the first pull continues from the stored checkpoint.
    const before = b1.network.requests.length;
    await b1.restart();
    await b1.engine.awaitInSync();
    const firstPull = b1.network.requests
      .slice(before)
      .find((r) => r.includes('/sync/residents/pull'));
    expect(firstPull).toMatch(/checkpoint=\d+/);
    expect((await idsOf(b1.db.residents)).length).toBe(total);
    await statusWhere(b1.engine, (s) => s.phase === 'synced' && s.firstSync === null);
  });

  it('waits out a stopped server with backoff and catches up once it is back', async () => {
    const port = town.port;
    const a1 = await device(town, await clerk());
    await a1.engine.awaitInSync();
    await town.close();
    await a1.db.residents.insert(resident('R-WAIT', '孙八'));
    const offline = await statusWhere(
      a1.engine,
      (s) => s.phase === 'offline' && s.pendingUploads === 1,
    );
    expect(offline.error?.code).toBe('sync.server-unreachable');
    expect(offline.retryAt).not.toBeNull();
    town = await startTown(db, { port });
    await statusWhere(a1.engine, (s) => s.phase === 'synced' && s.pendingUploads === 0);
    expect(await serverIds(db, 'residents', PLACES.villageA)).toContain('R-WAIT');
  });

  it('stops and asks to sign in again when the server ends the session', async () => {
    const login = await signIn(town, await account(db, 'village_clerk', PLACES.villageA));
    const a1 = await device(town, sessionOf(town, login));
    await a1.engine.awaitInSync();
    const logout = await fetch(`${town.url}${PATHS.logout}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${login.accessToken}` },
    });
    expect(logout.status).toBe(204);
    a1.engine.syncNow();
    await a1.db.residents.insert(resident('R-AFTER-LOGOUT', '周九'));
    const halted = await statusWhere(a1.engine, (s) => s.phase === 'needs-sign-in');
    expect(halted.error?.code).toMatch(/^auth\./);
    // The record stays on the device, waiting for the next sign-in.
    expect(await a1.db.residents.findOne('R-AFTER-LOGOUT').exec()).not.toBeNull();
  });

  it('leaves out what the account does not sync, and says so', async () => {
    await createAccount(db, {
      username: 'bank.sync',
      role: 'bank_liaison',
      townshipCode: PLACES.township,
    });
    const bank = await device(town, sessionOf(town, await signIn(town, 'bank.sync')));
    const status = await statusWhere(bank.engine, (s) => s.phase === 'synced');
    expect(status.refused.map((r) => r.collection).sort()).toEqual([
      'events',
      'households',
      'residents',
    ]);
    expect(bank.engine.collections).toEqual([]);
    expect(await idsOf(bank.db.residents)).toEqual([]);
  });

  it('says calmly that a session without a server sign-in does not sync, and sends nothing', async () => {
    const demo: SyncSession = {
      principal: {
        userId: 'demo',
        username: 'demo',
        displayName: '示例',
        role: 'village_clerk',
        villageCode: PLACES.villageA,
        townshipCode: PLACES.township,
      },
      serverUrl: town.url,
      accessToken: () => Promise.resolve({ ok: false, error: { code: 'sync.not-signed-in' } }),
    };
    const d = await device(town, demo);
    const status = await statusWhere(d.engine, (s) => s.phase === 'not-signed-in');
    expect(status.error).toEqual({ code: 'sync.not-signed-in' });
    expect(d.network.requests).toEqual([]);
  });

  it('stops with 「请更新软件」 when the server’s data version is newer', async () => {
    const newer = { ...schemaVersions(), residents: schemaVersions().residents + 1 };
    const upgraded = await startTown(db, { schemaVersions: newer });
    try {
      const login = await signIn(upgraded, await account(db, 'village_clerk', PLACES.villageA));
      const d = await device(upgraded, sessionOf(upgraded, login));
      const status = await statusWhere(d.engine, (s) => s.phase === 'outdated');
      expect(status.error).toEqual({
        code: 'sync.client-outdated',
        params: {
          collection: 'residents',
          clientVersion: newer.residents - 1,
          serverVersion: newer.residents,
        },
      });
    } finally {
      await upgraded.close();
    }
  });
});
