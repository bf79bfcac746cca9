import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { schemaVersions } from '../../../shared/collections/index.ts';
import { COLLECTION_NAMES, type CollectionName } from '../../../shared/collections/plan.ts';
import {
  MAX_PUSH_BATCH,
  PATHS,
  SCHEMA_VERSION_HEADER,
  type PullResponse,
  type PushResponse,
  type PushRow,
  type SyncCollectionsResponse,
} from '../../../shared/sync/protocol.ts';
import { PLACES, seedPlaces, signIn, type SignedIn } from '../../test/accounts.ts';
import { BACKENDS, useBackend } from '../../test/backends.ts';
import type { Database } from '../db/database.ts';
import { lastSequenceNumber } from '../store/documents.ts';
import {
  household,
  resident,
  rewardItem,
  submittedEvent,
  syncApp,
  type SyncTestApp,
} from './test-support.ts';

const { villageA: A, villageB: B, township: T } = PLACES;
const VERSION = { [SCHEMA_VERSION_HEADER]: '0' };

describe.each(BACKENDS)('sync endpoints on %s', (kind) => {
  const backend = useBackend(kind);
  let opened: SyncTestApp | undefined;

  afterEach(async () => {
    await opened?.close();
    opened = undefined;
  });

  interface World {
    readonly db: Database;
    readonly app: FastifyInstance;
    readonly clerkA: SignedIn;
    readonly clerkB: SignedIn;
    readonly town: SignedIn;
  }

  async function world(options: Parameters<typeof syncApp>[1] = {}): Promise<World> {
    const db = await backend.fresh();
    await seedPlaces(db);
    opened = await syncApp(db, options);
    const { app } = opened;
    const clerkA = await signIn(db, app, {
      username: 'clerk.a',
      role: 'village_clerk',
      villageCode: A,
    });
    const clerkB = await signIn(db, app, {
      username: 'clerk.b',
      role: 'village_clerk',
      villageCode: B,
    });
    const town = await signIn(db, app, {
      username: 'town.admin',
      role: 'township_admin',
      townshipCode: T,
    });
    return { db, app, clerkA, clerkB, town };
  }

  function push(
    app: FastifyInstance,
    who: SignedIn,
    collection: CollectionName,
    payload: unknown,
    headers: Record<string, string> = VERSION,
  ): Promise<LightMyRequestResponse> {
    return app.inject({
      method: 'POST',
      url: PATHS.push(collection),
      headers: { ...who.headers, ...headers },
      payload: payload as PushRow[],
    });
  }

  function pull(
    app: FastifyInstance,
    who: SignedIn,
    collection: CollectionName,
    query = '',
    headers: Record<string, string> = VERSION,
  ): Promise<LightMyRequestResponse> {
    return app.inject({
      method: 'GET',
      url: `${PATHS.pull(collection)}${query}`,
      headers: { ...who.headers, ...headers },
    });
  }

  it('pushes, pulls and lists documents in the account’s view', async () => {
    const { app, clerkA, clerkB } = await world();
    const created = await push(app, clerkA, 'residents', [
      { newDocumentState: resident(A, 'r-1') },
      { newDocumentState: resident(A, 'r-2') },
    ]);
    expect(created.statusCode).toBe(200);
    expect(created.json<PushResponse>()).toEqual({ conflicts: [], rejected: [] });

    const first = await pull(app, clerkA, 'residents', '?batchSize=1');
    expect(first.statusCode).toBe(200);
    const page = first.json<PullResponse>();
    expect(page.documents.map((doc) => doc.id)).toEqual(['r-1']);
    const rest = await pull(
      app,
      clerkA,
      'residents',
      `?checkpoint=${String(page.checkpoint?.seq)}&batchSize=10`,
    );
    expect(rest.json<PullResponse>().documents).toEqual([resident(A, 'r-2')]);

    const listing = await app.inject({
      method: 'GET',
      url: PATHS.collections,
      headers: clerkB.headers,
    });
    expect(listing.statusCode).toBe(200);
    const { collections } = listing.json<SyncCollectionsResponse>();
    expect(collections.map(({ name }) => name)).toEqual([...COLLECTION_NAMES]);
    expect(collections.find(({ name }) => name === 'residents')).toEqual({
      name: 'residents',
      schemaVersion: 0,
      owner: 'village',
      documents: 0,
    });
  });

  it('gives a token of village A no document of village B in any collection', async () => {
    const { app, clerkA, clerkB, town } = await world();
    await push(app, clerkB, 'residents', [{ newDocumentState: resident(B, 'r-b') }]);
    await push(app, clerkB, 'households', [{ newDocumentState: household(B, 'h-b') }]);
    await push(app, clerkB, 'events', [{ newDocumentState: submittedEvent(B, 'e-b') }]);
    await push(app, town, 'catalog', [
      { newDocumentState: rewardItem(T, B, 'c-for-b') },
      { newDocumentState: rewardItem(T, '', 'c-for-all') },
    ]);
    await push(app, clerkA, 'residents', [{ newDocumentState: resident(A, 'r-a') }]);

    const seen: string[] = [];
    for (const collection of COLLECTION_NAMES) {
      const response = await pull(app, clerkA, collection, '?batchSize=1000');
      expect(response.statusCode).toBe(200);
      for (const doc of response.json<PullResponse>().documents) {
        expect(doc['villageCode'], doc.id).not.toBe(B);
        seen.push(doc.id);
      }
    }
    expect(seen.sort()).toEqual(['c-for-all', 'r-a']);

    const townView = await pull(app, town, 'residents');
    expect(
      townView
        .json<PullResponse>()
        .documents.map((doc) => doc.id)
        .sort(),
    ).toEqual(['r-a', 'r-b']);
  });

  it('refuses a document of village B pushed with a token of village A, with its reason, and stores nothing', async () => {
    const { db, app, clerkA, clerkB } = await world();
    const before = await lastSequenceNumber(db);
    const response = await push(app, clerkA, 'residents', [
      { newDocumentState: resident(B, 'r-b') },
    ]);
    expect(response.statusCode).toBe(200);
    expect(response.json<PushResponse>()).toEqual({
      conflicts: [],
      rejected: [
        {
          id: 'r-b',
          code: 'sync.row-forbidden',
          params: { id: 'r-b' },
          message:
            '记录「r-b」不在本账号可修改的范围内（属于其他村，或是乡镇发布的内容），未上传。',
        },
      ],
    });
    expect(await lastSequenceNumber(db)).toBe(before);
    expect((await pull(app, clerkB, 'residents')).json<PullResponse>().documents).toEqual([]);
  });

  it('answers each bad row with a code and a Chinese message and stores the rest', async () => {
    const { app, clerkA } = await world();
    const response = await push(app, clerkA, 'residents', [
      { newDocumentState: resident(A, 'r-ok') },
      { newDocumentState: { ...resident(A, 'r-bad'), idLast4: '12x4' } },
      { newDocumentState: { ...resident(A, 'r-extra'), idNumber: '320505196804121234' } },
    ]);
    const { rejected } = response.json<PushResponse>();
    expect(rejected.map(({ id, code }) => [id, code])).toEqual([
      ['r-bad', 'sync.row-invalid'],
      ['r-extra', 'sync.row-invalid'],
    ]);
    expect(rejected[0]?.message).toMatch(/^记录「r-bad」不符合数据格式，未上传：.*idLast4/);
    expect(rejected[1]?.params['reason']).toMatch(/idNumber/);
    const stored = (await pull(app, clerkA, 'residents')).json<PullResponse>().documents;
    expect(stored.map((doc) => doc.id)).toEqual(['r-ok']);
  });

  it('answers a conflict with the server’s document', async () => {
    const { app, clerkA } = await world();
    const original = household(A, 'h-1');
    await push(app, clerkA, 'households', [{ newDocumentState: original }]);
    const theirs = { ...original, houseNo: '南港村14号' };
    await push(app, clerkA, 'households', [
      { newDocumentState: theirs, assumedMasterState: original },
    ]);
    const response = await push(app, clerkA, 'households', [
      { newDocumentState: { ...original, notes: '我的修改' }, assumedMasterState: original },
    ]);
    expect(response.json<PushResponse>()).toEqual({ conflicts: [theirs], rejected: [] });
  });

  it('refuses malformed push bodies with a reason and stores nothing', async () => {
    const { db, app, clerkA } = await world();
    const doc = resident(A, 'r-1');
    const bodies: unknown[] = [
      { newDocumentState: doc },
      [{ assumedMasterState: doc }],
      [{ newDocumentState: { ...doc, id: 5 } }],
      [{ newDocumentState: { ...doc, _deleted: 'false' } }],
      [{ newDocumentState: doc, extra: true }],
      ['r-1'],
      [{ newDocumentState: { ...doc, id: '' } }],
    ];
    for (const body of bodies) {
      const response = await push(app, clerkA, 'residents', body);
      expect(response.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(response.json()).toMatchObject({ error: { code: 'http.bad-request' } });
    }
    const notJson = await app.inject({
      method: 'POST',
      url: PATHS.push('residents'),
      headers: { ...clerkA.headers, ...VERSION, 'content-type': 'application/json' },
      payload: '[{"newDocumentState": ',
    });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json()).toMatchObject({ error: { code: 'http.bad-request' } });

    const tooMany = Array.from({ length: MAX_PUSH_BATCH + 1 }, (_, n) => ({
      newDocumentState: resident(A, `r-${String(n)}`),
    }));
    const large = await push(app, clerkA, 'residents', tooMany);
    expect(large.statusCode).toBe(413);
    expect(large.json()).toEqual({
      error: {
        code: 'sync.batch-too-large',
        message: `一次最多上传 ${String(MAX_PUSH_BATCH)} 条记录。`,
      },
    });
    expect(await lastSequenceNumber(db)).toBe(0);
  });

  it('refuses malformed pulls and unknown collections', async () => {
    const { app, clerkA } = await world();
    for (const query of ['?batchSize=0', '?batchSize=1001', '?checkpoint=-1', '?checkpoint=x']) {
      const response = await pull(app, clerkA, 'residents', query);
      expect(response.statusCode, query).toBe(400);
      expect(response.json()).toMatchObject({ error: { code: 'http.bad-request' } });
    }
    const unknown = await app.inject({
      method: 'GET',
      url: '/api/v1/sync/people/pull',
      headers: { ...clerkA.headers, ...VERSION },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: { code: 'store.collection-unknown' } });
  });

  it('needs a signed-in account', async () => {
    const { app } = await world();
    const response = await app.inject({
      method: 'GET',
      url: PATHS.pull('residents'),
      headers: VERSION,
    });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ error: { code: 'auth.token-missing' } });
  });

  it('asks for the schema version, and tells a newer app that the server is older', async () => {
    const { app, clerkA } = await world();
    const missing = await pull(app, clerkA, 'residents', '', {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ error: { code: 'sync.schema-version-missing' } });

    const newer = await push(app, clerkA, 'residents', [], { [SCHEMA_VERSION_HEADER]: '1' });
    expect(newer.statusCode).toBe(409);
    expect(newer.json()).toEqual({
      error: {
        code: 'sync.server-outdated',
        message:
          '乡镇服务器的版本较旧（「residents」数据版本 0，本机 1）。请联系乡镇管理员升级服务器。',
      },
    });
  });

  it('answers an outdated app with 426 and 「请更新软件」 on pull, push and stream', async () => {
    const { db, app, clerkA } = await world({
      schemaVersions: { ...schemaVersions(), residents: 1 },
    });
    const requests = [
      pull(app, clerkA, 'residents'),
      push(app, clerkA, 'residents', [{ newDocumentState: resident(A, 'r-1') }]),
      app.inject({
        method: 'GET',
        url: PATHS.stream('residents'),
        headers: { ...clerkA.headers, ...VERSION },
      }),
    ];
    for (const response of await Promise.all(requests)) {
      expect(response.statusCode).toBe(426);
      expect(response.json()).toEqual({
        error: {
          code: 'sync.client-outdated',
          message: '请更新软件：本机「residents」的数据版本 0 低于乡镇服务器的 1，更新后才能同步。',
        },
      });
    }
    expect(await lastSequenceNumber(db)).toBe(0);
    const listing = await app.inject({
      method: 'GET',
      url: PATHS.collections,
      headers: clerkA.headers,
    });
    expect(
      listing.json<SyncCollectionsResponse>().collections.find(({ name }) => name === 'residents')
        ?.schemaVersion,
    ).toBe(1);
  });
});
