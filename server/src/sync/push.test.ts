import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../shared/auth/roles.ts';
import type { CollectionName } from '../../../shared/collections/plan.ts';
import type { PushRow, SyncDocument } from '../../../shared/sync/protocol.ts';
import { PLACES, seedPlaces } from '../../test/accounts.ts';
import { BACKENDS, useBackend } from '../../test/backends.ts';
import { codeOf } from '../../test/coded-error.ts';
import type { Db } from '../db/database.ts';
import { lastSequenceNumber } from '../store/documents.ts';
import { listCollections, pullChanges } from './pull.ts';
import { pushRows } from './push.ts';
import {
  BANK,
  CLERK_A,
  CLERK_B,
  household,
  OTHER_TOWNSHIP_ADMIN,
  principalFor,
  referral,
  resident,
  rewardItem,
  submittedEvent,
  TOWNSHIP_ADMIN,
} from './test-support.ts';

const { villageA: A, villageB: B, villageC: C, township: T } = PLACES;

function created(doc: SyncDocument): PushRow {
  return { newDocumentState: doc };
}

function changed(from: SyncDocument, to: SyncDocument): PushRow {
  return { newDocumentState: to, assumedMasterState: from };
}

/** Pulls everything after `checkpoint` in batches of `batchSize`, as RxDB does. */
async function pullAll(
  db: Db,
  principal: Principal,
  collection: CollectionName,
  batchSize = 1000,
  checkpoint?: number,
): Promise<{ documents: SyncDocument[]; checkpoint: number | undefined }> {
  const documents: SyncDocument[] = [];
  let seq = checkpoint;
  for (;;) {
    const page = await pullChanges(db, principal, collection, { checkpoint: seq, batchSize });
    documents.push(...page.documents);
    seq = page.checkpoint?.seq;
    if (page.documents.length < batchSize) return { documents, checkpoint: seq };
  }
}

async function ids(db: Db, principal: Principal, collection: CollectionName): Promise<string[]> {
  return (await pullAll(db, principal, collection)).documents.map((doc) => doc.id).sort();
}

describe.each(BACKENDS)('sync push and pull on %s', (kind) => {
  const backend = useBackend(kind);

  async function fresh(): Promise<Db> {
    const db = await backend.fresh();
    await seedPlaces(db);
    return db;
  }

  it('stores pushed documents and pulls them back in order, without RxDB’s keys', async () => {
    const db = await fresh();
    const zhang = resident(A, 'r-zhang');
    const answer = await pushRows(db, CLERK_A, 'residents', [
      created({ ...zhang, _meta: { lwt: 1 }, _rev: '1-a', _attachments: {} }),
      created(resident(A, 'r-li', { name: '李四' })),
    ]);
    expect(answer).toEqual({ conflicts: [], rejected: [] });

    const page = await pullChanges(db, CLERK_A, 'residents', {
      checkpoint: undefined,
      batchSize: 10,
    });
    expect(page.documents).toEqual([zhang, resident(A, 'r-li', { name: '李四' })]);
    expect(page.checkpoint).toEqual({ seq: 2 });
  });

  it('resumes from a checkpoint and hands every document out exactly once', async () => {
    const db = await fresh();
    for (let batch = 0; batch < 4; batch += 1) {
      await pushRows(
        db,
        CLERK_A,
        'residents',
        [0, 1, 2].map((n) => created(resident(A, `r-${String(batch * 3 + n)}`))),
      );
    }
    const first = await pullAll(db, CLERK_A, 'residents', 5);
    expect(first.documents.map((doc) => doc.id)).toEqual(
      Array.from({ length: 12 }, (_, n) => `r-${String(n)}`),
    );
    expect(first.checkpoint).toBe(12);

    const r3 = first.documents[3]!;
    const r7 = first.documents[7]!;
    await pushRows(db, CLERK_A, 'residents', [
      changed(r3, { ...r3, phone: '13800000003' }),
      changed(r7, { ...r7, phone: '13800000007' }),
      created(resident(A, 'r-12')),
    ]);
    const resumed = await pullAll(db, CLERK_A, 'residents', 2, first.checkpoint);
    expect(resumed.documents.map((doc) => doc.id)).toEqual(['r-3', 'r-7', 'r-12']);
    expect(resumed.documents[0]).toMatchObject({ phone: '13800000003' });

    const caughtUp = await pullChanges(db, CLERK_A, 'residents', {
      checkpoint: resumed.checkpoint,
      batchSize: 2,
    });
    expect(caughtUp).toEqual({ documents: [], checkpoint: { seq: resumed.checkpoint } });
    expect(
      await pullChanges(db, CLERK_B, 'residents', { checkpoint: undefined, batchSize: 2 }),
    ).toEqual({ documents: [], checkpoint: null });
  });

  it('pulls a deletion as a tombstone that keeps the document’s fields', async () => {
    const db = await fresh();
    const home = household(A, 'h-1');
    await pushRows(db, CLERK_A, 'households', [created(home)]);
    const { checkpoint } = await pullAll(db, CLERK_A, 'households');

    const answer = await pushRows(db, CLERK_A, 'households', [
      changed(home, { ...home, _deleted: true }),
    ]);
    expect(answer).toEqual({ conflicts: [], rejected: [] });
    const after = await pullAll(db, CLERK_A, 'households', 10, checkpoint);
    expect(after.documents).toEqual([{ ...home, _deleted: true }]);
  });

  it('answers an outdated assumed state with the stored document and writes nothing', async () => {
    const db = await fresh();
    const original = resident(A, 'r-1');
    await pushRows(db, CLERK_A, 'residents', [created(original)]);
    const theirs = { ...original, phone: '13800001111', updatedAt: 2 };
    await pushRows(db, CLERK_A, 'residents', [changed(original, theirs)]);
    const before = await lastSequenceNumber(db);

    const mine = { ...original, phone: '13900002222', updatedAt: 3 };
    const answer = await pushRows(db, CLERK_A, 'residents', [changed(original, mine)]);

    expect(answer).toEqual({ conflicts: [theirs], rejected: [] });
    expect(await lastSequenceNumber(db)).toBe(before);
    // A device that believes it created a document the server already has: a conflict too.
    const again = await pushRows(db, CLERK_A, 'residents', [created(mine)]);
    expect(again.conflicts).toEqual([theirs]);
  });

  it('lets exactly one of several concurrent pushes based on one version win', async () => {
    const db = await fresh();
    const original = resident(A, 'r-1');
    await pushRows(db, CLERK_A, 'residents', [created(original)]);

    const phones = ['13800000001', '13800000002', '13800000003', '13800000004'];
    const answers = await Promise.all(
      phones.map((phone) =>
        pushRows(db, CLERK_A, 'residents', [changed(original, { ...original, phone })]),
      ),
    );

    const winners = answers.filter((answer) => answer.conflicts.length === 0);
    expect(winners).toHaveLength(1);
    const stored = (await pullAll(db, CLERK_A, 'residents')).documents[0];
    const winningPhone = phones[answers.indexOf(winners[0]!)];
    expect(stored).toMatchObject({ phone: winningPhone });
    for (const answer of answers) {
      if (answer !== winners[0]) expect(answer.conflicts).toEqual([stored]);
    }
  });

  it('refuses bad rows with a code and a Chinese reason while the rest of the batch lands', async () => {
    const db = await fresh();
    const event = submittedEvent(A, 'e-1');
    await pushRows(db, CLERK_A, 'events', [created(event)]);
    const stale = { ...submittedEvent(A, 'e-2') };
    await pushRows(db, CLERK_A, 'events', [created(stale)]);
    const approved = { ...stale, status: 'approved' };
    await pushRows(db, CLERK_A, 'events', [changed(stale, approved)]);

    const answer = await pushRows(db, CLERK_A, 'events', [
      changed(event, { ...event, points: -1 }),
      created({ ...submittedEvent(A, 'e-3'), points: 1.5 }),
      created(submittedEvent(A, 'e-4')),
      changed(stale, { ...stale, note: 'x' }),
      created(submittedEvent(B, 'e-5')),
      changed(event, { ...event, _deleted: true }),
      created(submittedEvent(A, 'e-4')),
    ]);

    expect(answer.conflicts).toEqual([approved]);
    expect(answer.rejected.map(({ id, code }) => [id, code])).toEqual([
      ['e-1', 'sync.field-immutable'],
      ['e-3', 'sync.row-invalid'],
      ['e-5', 'sync.row-forbidden'],
      ['e-1', 'sync.row-invalid'],
      ['e-4', 'sync.row-invalid'],
    ]);
    const [immutable, invalid, forbidden] = answer.rejected;
    expect(immutable).toMatchObject({ params: { id: 'e-1', field: 'points' } });
    expect(immutable?.message).toBe('记录「e-1」的「points」在创建后不能修改，本次修改未上传。');
    expect(invalid?.message).toMatch(/^记录「e-3」不符合数据格式，未上传：.*points/);
    expect(forbidden?.message).toContain('不在本账号可修改的范围内');
    expect(await ids(db, CLERK_A, 'events')).toEqual(['e-1', 'e-2', 'e-4']);
    expect(await ids(db, CLERK_B, 'events')).toEqual([]);
  });

  it('refuses moving a workflow backward, naming both states', async () => {
    const db = await fresh();
    const event = { ...submittedEvent(A, 'e-1'), status: 'effective' };
    await pushRows(db, CLERK_A, 'events', [created(event)]);
    const answer = await pushRows(db, CLERK_A, 'events', [
      changed(event, { ...event, status: 'submitted' }),
    ]);
    expect(answer.rejected).toEqual([
      {
        id: 'e-1',
        code: 'sync.workflow-backward',
        params: { id: 'e-1', field: 'status', from: 'effective', to: 'submitted' },
        message: '记录「e-1」的「status」不能从「effective」退回「submitted」，本次修改未上传。',
      },
    ]);
  });

  it('never lets village A write, overwrite or even see village B’s documents', async () => {
    const db = await fresh();
    const theirs = resident(B, 'r-b');
    await pushRows(db, CLERK_B, 'residents', [created(theirs)]);
    const before = await lastSequenceNumber(db);

    const answer = await pushRows(db, CLERK_A, 'residents', [
      created(resident(B, 'r-new-in-b')),
      // The same id claimed for village A, based on a made-up state: no write, no leak.
      changed(resident(A, 'r-b'), resident(A, 'r-b', { name: '王五' })),
      created({ ...resident(A, 'r-mixed'), townshipCode: PLACES.otherTownship }),
    ]);

    expect(answer.conflicts).toEqual([]);
    expect(answer.rejected.map(({ id, code }) => [id, code])).toEqual([
      ['r-new-in-b', 'sync.row-forbidden'],
      ['r-b', 'sync.row-forbidden'],
      ['r-mixed', 'sync.row-forbidden'],
    ]);
    expect(await lastSequenceNumber(db)).toBe(before);
    expect(await ids(db, CLERK_A, 'residents')).toEqual([]);
    expect(await ids(db, CLERK_B, 'residents')).toEqual(['r-b']);
  });

  it('lets the township publish to all villages or one, and keeps villages from publishing', async () => {
    const db = await fresh();
    const answer = await pushRows(db, TOWNSHIP_ADMIN, 'catalog', [
      created(rewardItem(T, '', 'c-all')),
      created(rewardItem(T, A, 'c-a')),
      created(rewardItem(T, B, 'c-b')),
      created(rewardItem(PLACES.otherTownship, '', 'c-far')),
      created(rewardItem(T, C, 'c-c')),
    ]);
    expect(answer.rejected.map(({ id, code }) => [id, code])).toEqual([
      ['c-far', 'sync.row-forbidden'],
      ['c-c', 'sync.row-forbidden'],
    ]);

    expect(await ids(db, CLERK_A, 'catalog')).toEqual(['c-a', 'c-all']);
    expect(await ids(db, CLERK_B, 'catalog')).toEqual(['c-all', 'c-b']);
    expect(await ids(db, TOWNSHIP_ADMIN, 'catalog')).toEqual(['c-a', 'c-all', 'c-b']);
    expect(await ids(db, OTHER_TOWNSHIP_ADMIN, 'catalog')).toEqual([]);

    const [published] = (await pullAll(db, CLERK_A, 'catalog')).documents;
    const villageEdit = await pushRows(db, CLERK_A, 'catalog', [
      changed(published!, { ...published!, nameZh: '村里改的名字' }),
      created(rewardItem(T, A, 'c-village')),
    ]);
    expect(villageEdit.rejected.map(({ code }) => code)).toEqual([
      'sync.row-forbidden',
      'sync.row-forbidden',
    ]);
  });

  it('lets the township write only its decision fields of village documents', async () => {
    const db = await fresh();
    const approved = { ...submittedEvent(A, 'e-1'), status: 'approved' };
    await pushRows(db, CLERK_A, 'events', [created(approved)]);
    const confirmed = {
      ...approved,
      status: 'confirmed',
      confirmation: { decision: 'confirmed', by: 'u-town', at: 1_760_000_000_000, note: '' },
      updatedAt: 1_760_000_000_000,
      updatedBy: 'u-town',
    };

    const answer = await pushRows(db, TOWNSHIP_ADMIN, 'events', [
      changed(approved, confirmed),
      created(submittedEvent(A, 'e-town-made')),
    ]);
    expect(answer.rejected.map(({ id, code }) => [id, code])).toEqual([
      ['e-town-made', 'sync.row-forbidden'],
    ]);
    const noteEdit = await pushRows(db, TOWNSHIP_ADMIN, 'events', [
      changed(confirmed, { ...confirmed, note: '乡镇改写' }),
    ]);
    expect(noteEdit.rejected.map(({ code }) => code)).toEqual(['sync.row-forbidden']);
    const far = await pushRows(db, OTHER_TOWNSHIP_ADMIN, 'events', [
      changed(confirmed, { ...confirmed, status: 'effective' }),
    ]);
    expect(far).toEqual({
      conflicts: [],
      rejected: [expect.objectContaining({ code: 'sync.row-forbidden' })],
    });
    expect((await pullAll(db, CLERK_A, 'events')).documents).toEqual([confirmed]);
  });

  it('lets the bank liaison record its decision on a referral and nothing else', async () => {
    const db = await fresh();
    const { bankDecision: _decision, ...undecided } = referral(A, 'ref-1');
    const sent = { ...undecided, status: 'sent' } as SyncDocument;
    await pushRows(db, CLERK_A, 'referrals', [created(sent)]);
    const decided = {
      ...sent,
      status: 'approved',
      bankDecision: {
        decision: 'approved',
        approvedLimitYuan: 50_000,
        by: 'u-bank',
        at: 5,
        note: '',
      },
    };
    expect(await pushRows(db, BANK, 'referrals', [changed(sent, decided)])).toEqual({
      conflicts: [],
      rejected: [],
    });
    const event = submittedEvent(A, 'e-1');
    await pushRows(db, CLERK_A, 'events', [created(event)]);
    const answer = await pushRows(db, BANK, 'events', [
      changed(event, { ...event, status: 'approved' }),
    ]);
    expect(answer.rejected.map(({ code }) => code)).toEqual(['sync.row-forbidden']);
  });

  it('shows each account only its view: a village its own and its township’s, a township all its villages', async () => {
    const db = await fresh();
    await pushRows(db, CLERK_A, 'residents', [created(resident(A, 'r-a'))]);
    await pushRows(db, CLERK_B, 'residents', [
      created(resident(B, 'r-b1')),
      created(resident(B, 'r-b2')),
    ]);
    await pushRows(db, principalFor('village_clerk', C), 'residents', [
      created(resident(C, 'r-c')),
    ]);
    await pushRows(db, TOWNSHIP_ADMIN, 'catalog', [created(rewardItem(T, '', 'c-all'))]);

    expect(await ids(db, CLERK_A, 'residents')).toEqual(['r-a']);
    expect(await ids(db, TOWNSHIP_ADMIN, 'residents')).toEqual(['r-a', 'r-b1', 'r-b2']);
    // The bank liaison sees referrals, ratings and the catalogue, never the register.
    await expect(ids(db, BANK, 'residents')).rejects.toMatchObject({ code: 'auth.forbidden' });
    expect((await listCollections(db, BANK)).collections.map(({ name }) => name)).toEqual([
      'ratings',
      'catalog',
      'referrals',
    ]);

    const counts = async (principal: Principal): Promise<Record<string, number>> => {
      const { collections } = await listCollections(db, principal);
      return Object.fromEntries(collections.map(({ name, documents }) => [name, documents]));
    };
    expect(await counts(CLERK_A)).toMatchObject({ residents: 1, catalog: 1, events: 0 });
    expect(await counts(CLERK_B)).toMatchObject({ residents: 2, catalog: 1 });
    expect(await counts(TOWNSHIP_ADMIN)).toMatchObject({ residents: 3, catalog: 1 });
    expect(await counts(OTHER_TOWNSHIP_ADMIN)).toMatchObject({ residents: 1, catalog: 0 });
    const { collections } = await listCollections(db, CLERK_A);
    expect(collections.find(({ name }) => name === 'catalog')).toEqual({
      name: 'catalog',
      schemaVersion: 0,
      owner: 'township',
      documents: 1,
    });
  });

  it('writes nothing when the request as a whole fails', async () => {
    const db = await fresh();
    // A village account whose village is not registered on this server.
    const stray = principalFor('village_clerk', '320321100299');
    const push = pushRows(db, stray, 'residents', [
      created(resident('320321100299', 'r-1')),
      created(resident('320321100299', 'r-2')),
    ]);
    expect(await codeOf(push)).toBe('store.document-scope-invalid');
    expect(await lastSequenceNumber(db)).toBe(0);
  });

  it('does not write an unchanged document again', async () => {
    const db = await fresh();
    const doc = resident(A, 'r-1');
    await pushRows(db, CLERK_A, 'residents', [created(doc)]);
    expect(await pushRows(db, CLERK_A, 'residents', [changed(doc, doc)])).toEqual({
      conflicts: [],
      rejected: [],
    });
    expect(await lastSequenceNumber(db)).toBe(1);
  });
});
