import { describe, expect, it } from 'vitest';
import { BACKENDS, useBackend } from '../../test/backends.ts';
import type { Db } from '../db/database.ts';
import { addTownship, addVillage } from '../places/places.ts';
import {
  countDocuments,
  deleteDocuments,
  DOCUMENTS_CHANNEL,
  getDocuments,
  lastSequenceNumber,
  lockSequenceCounter,
  pullDocuments,
  putDocuments,
  type ChangeNotice,
  type DocumentScope,
  type StoredDocument,
} from './documents.ts';
import { codeOf } from '../../test/coded-error.ts';

const TOWNSHIP = '320321100';
const VILLAGE_A = '320321100201';
const VILLAGE_B = '320321100202';
const OTHER_TOWNSHIP = '320321101';
const VILLAGE_C = '320321101201';

async function seedPlaces(db: Db): Promise<void> {
  await addTownship(db, { code: TOWNSHIP, name: '新城镇' });
  await addTownship(db, { code: OTHER_TOWNSHIP, name: '老城镇' });
  await addVillage(db, { code: VILLAGE_A, name: '王庄村', townshipCode: TOWNSHIP });
  await addVillage(db, { code: VILLAGE_B, name: '李庄村', townshipCode: TOWNSHIP });
  await addVillage(db, { code: VILLAGE_C, name: '东街社区', townshipCode: OTHER_TOWNSHIP });
}

/** Pulls everything after `afterSeq` in batches of `limit`, as a sync client would. */
async function pullAll(
  db: Db,
  collection: string,
  afterSeq = 0,
  limit = 3,
): Promise<StoredDocument[]> {
  const all: StoredDocument[] = [];
  let checkpoint = afterSeq;
  for (;;) {
    const batch = await pullDocuments(db, collection, { afterSeq: checkpoint, limit });
    all.push(...batch.documents);
    checkpoint = batch.checkpoint;
    if (batch.documents.length < limit) return all;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(BACKENDS)('document store on %s', (kind) => {
  const backend = useBackend(kind);

  it('gives every write a new sequence number, strictly increasing across collections', async () => {
    const db = await backend.fresh();
    await seedPlaces(db);

    const first = await putDocuments(db, 'residents', [
      { id: 'r1', scope: { villageCode: VILLAGE_A }, data: { name: '张三' } },
      { id: 'r2', scope: { villageCode: VILLAGE_A }, data: { name: '李四' } },
    ]);
    const second = await putDocuments(db, 'events', [
      { id: 'e1', scope: { villageCode: VILLAGE_A }, data: { points: 5 } },
    ]);
    const third = await putDocuments(db, 'catalog', [
      { id: 'c1', scope: { townshipCode: TOWNSHIP }, data: { item: '有线电视补贴' } },
    ]);
    const update = await putDocuments(db, 'residents', [
      { id: 'r1', scope: { villageCode: VILLAGE_A }, data: { name: '张三丰' } },
    ]);

    const seqs = [...first, ...second, ...third, ...update].map((document) => document.seq);
    expect(seqs).toEqual([1, 2, 3, 4, 5]);
    expect(await lastSequenceNumber(db)).toBe(5);
    const stored = await getDocuments(db, 'residents', ['r1', 'r2']);
    expect(stored.get('r1')).toMatchObject({
      seq: 5,
      data: { name: '张三丰' },
      deleted: false,
      villageCode: VILLAGE_A,
      townshipCode: TOWNSHIP,
    });
    expect(stored.get('r2')?.seq).toBe(2);
  });

  it('pulls in sequence order with checkpoints, and an update moves a document to the end', async () => {
    const db = await backend.fresh();
    await seedPlaces(db);
    for (const id of ['a', 'b', 'c', 'd']) {
      await putDocuments(db, 'households', [
        { id, scope: { villageCode: VILLAGE_A }, data: { no: id } },
      ]);
    }
    const firstBatch = await pullDocuments(db, 'households', { afterSeq: 0, limit: 2 });
    expect(firstBatch.documents.map((d) => d.id)).toEqual(['a', 'b']);
    expect(firstBatch.checkpoint).toBe(2);

    await putDocuments(db, 'households', [
      { id: 'a', scope: { villageCode: VILLAGE_A }, data: { no: 'a2' } },
    ]);
    const rest = await pullAll(db, 'households', firstBatch.checkpoint);

    expect(rest.map((d) => [d.id, d.seq])).toEqual([
      ['c', 3],
      ['d', 4],
      ['a', 5],
    ]);
    const caughtUp = await pullDocuments(db, 'households', { afterSeq: 5, limit: 2 });
    expect(caughtUp).toEqual({ documents: [], checkpoint: 5 });
  });

  it('deletes by tombstone: the row stays, keeps its data and reaches pullers', async () => {
    const db = await backend.fresh();
    await seedPlaces(db);
    await putDocuments(db, 'residents', [
      { id: 'r1', scope: { villageCode: VILLAGE_A }, data: { name: '张三' } },
    ]);
    const before = await pullDocuments(db, 'residents', { afterSeq: 0, limit: 10 });

    const tombstones = await deleteDocuments(db, 'residents', ['r1'], { villageCode: VILLAGE_A });

    expect(tombstones).toMatchObject([{ id: 'r1', deleted: true, seq: 2, data: { name: '张三' } }]);
    const after = await pullDocuments(db, 'residents', { afterSeq: before.checkpoint, limit: 10 });
    expect(after.documents).toMatchObject([{ id: 'r1', deleted: true, seq: 2 }]);
    const count = await db.query(
      "SELECT count(*)::int AS n FROM documents WHERE collection = 'residents'",
    );
    expect(count.rows[0]?.['n']).toBe(1);
  });

  it('accepts tombstones written as a deleted document', async () => {
    const db = await backend.fresh();
    await seedPlaces(db);
    await putDocuments(db, 'events', [
      { id: 'e1', scope: { villageCode: VILLAGE_A }, data: { points: 1 } },
    ]);
    await putDocuments(db, 'events', [
      { id: 'e1', scope: { villageCode: VILLAGE_A }, data: { points: 1 }, deleted: true },
    ]);
    const all = await pullAll(db, 'events');
    expect(all.map((d) => [d.id, d.deleted, d.seq])).toEqual([['e1', true, 2]]);
  });

  it('shows a village its own documents and its township’s, and a township all of its villages', async () => {
    const db = await backend.fresh();
    await seedPlaces(db);
    await putDocuments(db, 'residents', [
      { id: 'ra', scope: { villageCode: VILLAGE_A }, data: {} },
      { id: 'rb', scope: { villageCode: VILLAGE_B }, data: {} },
      { id: 'rc', scope: { villageCode: VILLAGE_C }, data: {} },
    ]);
    await putDocuments(
      db,
      'catalog',
      [
        { id: 'mine', scope: { townshipCode: TOWNSHIP } },
        { id: 'theirs', scope: { townshipCode: OTHER_TOWNSHIP } },
      ].map((w) => ({ ...w, data: {} })),
    );

    const ids = async (
      collection: string,
      scope: { villageCode: string } | { townshipCode: string },
    ): Promise<string[]> =>
      (await pullDocuments(db, collection, { afterSeq: 0, limit: 100, scope })).documents.map(
        (d) => d.id,
      );

    expect(await ids('residents', { villageCode: VILLAGE_A })).toEqual(['ra']);
    expect(await ids('residents', { townshipCode: TOWNSHIP })).toEqual(['ra', 'rb']);
    expect(await ids('catalog', { villageCode: VILLAGE_A })).toEqual(['mine']);
    expect(await ids('catalog', { villageCode: VILLAGE_C })).toEqual(['theirs']);
  });

  it('shows a township document published to one village to that village only', async () => {
    const db = await backend.fresh();
    await seedPlaces(db);
    await putDocuments(db, 'catalog', [
      { id: 'all', scope: { townshipCode: TOWNSHIP }, data: { villageCode: '' } },
      { id: 'to-a', scope: { townshipCode: TOWNSHIP }, data: { villageCode: VILLAGE_A } },
      { id: 'to-b', scope: { townshipCode: TOWNSHIP }, data: { villageCode: VILLAGE_B } },
    ]);
    const view = async (scope: DocumentScope): Promise<string[]> =>
      (await pullDocuments(db, 'catalog', { afterSeq: 0, limit: 10, scope })).documents.map(
        (d) => d.id,
      );

    expect(await view({ villageCode: VILLAGE_A })).toEqual(['all', 'to-a']);
    expect(await view({ villageCode: VILLAGE_B })).toEqual(['all', 'to-b']);
    expect(await view({ townshipCode: TOWNSHIP })).toEqual(['all', 'to-a', 'to-b']);
    expect(await countDocuments(db, { villageCode: VILLAGE_A })).toEqual(new Map([['catalog', 2]]));
    expect(await countDocuments(db, { townshipCode: TOWNSHIP })).toEqual(new Map([['catalog', 3]]));
    expect(await countDocuments(db, { townshipCode: OTHER_TOWNSHIP })).toEqual(new Map());
  });

  it('notifies each written place once per transaction, with its highest seq, on commit', async () => {
    const db = await backend.fresh();
    await seedPlaces(db);
    const notices: ChangeNotice[] = [];
    const stop = await db.listen(DOCUMENTS_CHANNEL, (payload) => {
      notices.push(JSON.parse(payload) as ChangeNotice);
    });
    try {
      await putDocuments(db, 'residents', [
        { id: 'a1', scope: { villageCode: VILLAGE_A }, data: {} },
        { id: 'b1', scope: { villageCode: VILLAGE_B }, data: {} },
        { id: 'a2', scope: { villageCode: VILLAGE_A }, data: {} },
      ]);
      await db
        .transaction(async (tx) => {
          await putDocuments(tx, 'events', [
            { id: 'e1', scope: { villageCode: VILLAGE_A }, data: {} },
          ]);
          throw new Error('rolled back');
        })
        .catch(() => undefined);
      await putDocuments(db, 'catalog', [
        { id: 'c1', scope: { townshipCode: TOWNSHIP }, data: { villageCode: VILLAGE_B } },
      ]);
      // Delivery is asynchronous: wait for the three commits' notices.
      while (notices.length < 3) await sleep(5);

      expect(notices).toEqual([
        { collection: 'residents', townshipCode: TOWNSHIP, villageCode: VILLAGE_A, seq: 3 },
        { collection: 'residents', townshipCode: TOWNSHIP, villageCode: VILLAGE_B, seq: 2 },
        // The rolled-back write notified nothing, and its seq 4 went to the catalog write.
        { collection: 'catalog', townshipCode: TOWNSHIP, villageCode: VILLAGE_B, seq: 4 },
      ]);
    } finally {
      await stop();
    }
  });

  it('takes the sequence counter lock and tells the last seq handed out', async () => {
    const db = await backend.fresh();
    await seedPlaces(db);
    await putDocuments(db, 'residents', [
      { id: 'a1', scope: { villageCode: VILLAGE_A }, data: {} },
    ]);
    expect(await db.transaction((tx) => lockSequenceCounter(tx))).toBe(1);
  });

  it('refuses unknown collections, wrong owners and moving a document to another village', async () => {
    const db = await backend.fresh();
    await seedPlaces(db);
    await putDocuments(db, 'residents', [
      { id: 'r1', scope: { villageCode: VILLAGE_A }, data: { v: 1 } },
    ]);

    expect(
      await codeOf(
        putDocuments(db, 'people', [{ id: 'x', scope: { villageCode: VILLAGE_A }, data: {} }]),
      ),
    ).toBe('store.collection-unknown');
    expect(await codeOf(pullDocuments(db, 'people', { afterSeq: 0, limit: 1 }))).toBe(
      'store.collection-unknown',
    );
    expect(
      await codeOf(
        putDocuments(db, 'residents', [{ id: 'x', scope: { townshipCode: TOWNSHIP }, data: {} }]),
      ),
    ).toBe('store.document-scope-invalid');
    expect(
      await codeOf(
        putDocuments(db, 'catalog', [{ id: 'x', scope: { villageCode: VILLAGE_A }, data: {} }]),
      ),
    ).toBe('store.document-scope-invalid');
    // r2 is valid, but r1 belongs to village A: the whole batch is refused.
    expect(
      await codeOf(
        putDocuments(db, 'residents', [
          { id: 'r2', scope: { villageCode: VILLAGE_B }, data: {} },
          { id: 'r1', scope: { villageCode: VILLAGE_B }, data: { v: 2 } },
        ]),
      ),
    ).toBe('store.document-scope-invalid');
    expect(
      await codeOf(
        putDocuments(db, 'residents', [
          { id: 'r9', scope: { villageCode: '320321100299' }, data: {} },
        ]),
      ),
    ).toBe('store.document-scope-invalid');
    expect(
      await codeOf(deleteDocuments(db, 'residents', ['nope'], { villageCode: VILLAGE_A })),
    ).toBe('store.document-not-found');

    const all = await pullAll(db, 'residents');
    expect(all.map((d) => [d.id, d.villageCode, d.data])).toEqual([['r1', VILLAGE_A, { v: 1 }]]);
  });

  it('refuses a bad batch as a whole without using up sequence numbers', async () => {
    const db = await backend.fresh();
    await seedPlaces(db);
    await putDocuments(db, 'events', [{ id: 'e1', scope: { villageCode: VILLAGE_A }, data: {} }]);

    expect(
      await codeOf(
        putDocuments(db, 'events', [
          { id: 'e2', scope: { villageCode: VILLAGE_A }, data: {} },
          { id: 'e2', scope: { villageCode: VILLAGE_A }, data: {} },
        ]),
      ),
    ).toBe('store.document-invalid');
    expect(
      await codeOf(
        putDocuments(db, 'events', [
          { id: 'e3', scope: { villageCode: VILLAGE_A }, data: {} },
          {
            id: 'e4',
            scope: { villageCode: VILLAGE_A },
            data: JSON.parse('[1]') as Record<string, unknown>,
          },
        ]),
      ),
    ).toBe('store.document-invalid');
    expect(
      await codeOf(
        putDocuments(db, 'events', [{ id: '', scope: { villageCode: VILLAGE_A }, data: {} }]),
      ),
    ).toBe('store.document-invalid');
    expect(
      await codeOf(
        putDocuments(db, 'events', [
          { id: 'e5', scope: { villageCode: VILLAGE_A }, data: { s: 'a\u0000b' } },
        ]),
      ),
    ).toBe('store.document-invalid');
    expect(await codeOf(pullDocuments(db, 'events', { afterSeq: -1, limit: 10 }))).toBe(
      'store.pull-invalid',
    );
    expect(await codeOf(pullDocuments(db, 'events', { afterSeq: 0, limit: 0 }))).toBe(
      'store.pull-invalid',
    );

    const next = await putDocuments(db, 'events', [
      { id: 'e6', scope: { villageCode: VILLAGE_A }, data: {} },
    ]);
    expect(next.map((d) => d.seq)).toEqual([2]);
    expect((await pullAll(db, 'events')).map((d) => d.id)).toEqual(['e1', 'e6']);
  });

  it('takes part in a caller’s transaction and rolls back with it', async () => {
    const db = await backend.fresh();
    await seedPlaces(db);

    await expect(
      db.transaction(async (tx) => {
        await putDocuments(tx, 'events', [
          { id: 'e1', scope: { villageCode: VILLAGE_A }, data: {} },
        ]);
        throw new Error('caller changed its mind');
      }),
    ).rejects.toThrow('caller changed its mind');

    expect(await pullAll(db, 'events')).toEqual([]);
    expect(await lastSequenceNumber(db)).toBe(0);
  });

  it('lets a checkpointed reader see every document exactly once while writers commit concurrently', async () => {
    const db = await backend.fresh();
    await seedPlaces(db);
    // On PostgreSQL writers and the reader use separate connections of the pool. Each
    // writer holds its transaction open for a moment after writing, so that a sequence
    // handed out before commit would let later numbers become visible first.
    const writers = 6;
    const batchesPerWriter = 8;
    const perBatch = 3;
    const expectedIds = new Set<string>();
    const received: StoredDocument[] = [];
    let writing = true;

    const writer = async (w: number): Promise<void> => {
      for (let b = 0; b < batchesPerWriter; b++) {
        const ids = Array.from({ length: perBatch }, (_, i) => `w${w}-b${b}-${i}`);
        for (const id of ids) expectedIds.add(id);
        await db.transaction(async (tx) => {
          await putDocuments(
            tx,
            'journal',
            ids.map((id) => ({
              id,
              scope: { villageCode: w % 2 === 0 ? VILLAGE_A : VILLAGE_B },
              data: { w, b },
            })),
          );
          await sleep(((w * 7 + b * 3) % 5) + 1);
        });
      }
    };
    const reader = async (): Promise<void> => {
      let checkpoint = 0;
      for (;;) {
        const stillWriting = writing;
        const batch = await pullDocuments(db, 'journal', { afterSeq: checkpoint, limit: 5 });
        received.push(...batch.documents);
        checkpoint = batch.checkpoint;
        if (!stillWriting && batch.documents.length < 5) return;
        if (batch.documents.length < 5) await sleep(1);
      }
    };

    const readerDone = reader();
    await Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));
    writing = false;
    await readerDone;

    const seqs = received.map((d) => d.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(received.map((d) => d.id).sort()).toEqual([...expectedIds].sort());
    expect(received).toHaveLength(writers * batchesPerWriter * perBatch);
  });
});
