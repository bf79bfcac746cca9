import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../shared/auth/roles.ts';
import { policySamples } from '../../../shared/collections/fixtures/samples.ts';
import type { CollectionName } from '../../../shared/collections/plan.ts';
import {
  PATHS,
  SCHEMA_VERSION_HEADER,
  type PushResponse,
  type PushRow,
  type SyncDocument,
} from '../../../shared/sync/protocol.ts';
import { PLACES, seedPlaces, signIn, type SignedIn } from '../../test/accounts.ts';
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
  syncApp,
  TOWNSHIP_ADMIN,
} from './test-support.ts';

const { villageA: A, villageB: B, villageC: C, township: T } = PLACES;

function created(doc: SyncDocument): PushRow {
  return { newDocumentState: doc };
}

function changed(from: SyncDocument, to: SyncDocument): PushRow {
  return { newDocumentState: to, assumedMasterState: from };
}

const REVIEWER_A = principalFor('village_reviewer', A, 'u-reviewer-a');

/** A deduction the clerk of village A recorded, waiting for review. */
function clerkEvent(id: string, village: string = A, by: Principal = CLERK_A): SyncDocument {
  return { ...submittedEvent(village, id), createdBy: by.userId, updatedBy: by.userId };
}

/** `event` as `reviewer` approved it: still waiting (for its notice or the township) or effective. */
function reviewed(event: SyncDocument, reviewer: Principal = REVIEWER_A): SyncDocument {
  const rule = event['rule'] as { noticeRequired: boolean; directRating?: string };
  const waits = rule.noticeRequired || rule.directRating !== undefined;
  return {
    ...event,
    status: waits ? 'approved' : 'effective',
    ...(waits ? {} : { effectiveOn: '2025-03-12' }),
    review: { decision: 'approved', by: reviewer.userId, at: 1_760_000_000_000, note: '' },
    updatedAt: 1_760_000_000_000,
    updatedBy: reviewer.userId,
  };
}

/** `doc` as a document of village A under `id`. */
function inVillageA(doc: object, id: string): SyncDocument {
  return { ...doc, id, villageCode: A, townshipCode: T, _deleted: false };
}

/** `event` under a variant of its rule (no notice, a direct rating…). */
function withRule(event: SyncDocument, changes: object): SyncDocument {
  return { ...event, rule: { ...(event['rule'] as object), ...changes } };
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
    const event = clerkEvent('e-1');
    await pushRows(db, CLERK_A, 'events', [created(event)]);
    const stale = clerkEvent('e-2');
    await pushRows(db, CLERK_A, 'events', [created(stale)]);
    const approved = reviewed(stale);
    await pushRows(db, REVIEWER_A, 'events', [changed(stale, approved)]);

    const answer = await pushRows(db, CLERK_A, 'events', [
      changed(event, { ...event, points: -1 }),
      created({ ...clerkEvent('e-3'), points: 1.5 }),
      created(clerkEvent('e-4')),
      changed(stale, { ...stale, note: 'x' }),
      created(clerkEvent('e-5', B)),
      changed(event, { ...event, _deleted: true }),
      created(clerkEvent('e-4')),
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
    const recorded = withRule(clerkEvent('e-1'), { noticeRequired: false });
    const event = reviewed(recorded);
    expect(event['status']).toBe('effective');
    await pushRows(db, CLERK_A, 'events', [created(recorded)]);
    await pushRows(db, REVIEWER_A, 'events', [changed(recorded, event)]);
    const answer = await pushRows(db, REVIEWER_A, 'events', [
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
    // A direct-rating deduction (直接判级) without notice: approved, it waits for the township.
    const rated = withRule(clerkEvent('e-1'), { noticeRequired: false, directRating: 'C' });
    await pushRows(db, CLERK_A, 'events', [created(rated)]);
    const approved = reviewed(rated);
    expect(await pushRows(db, REVIEWER_A, 'events', [changed(rated, approved)])).toEqual({
      conflicts: [],
      rejected: [],
    });
    const confirmed = {
      ...approved,
      status: 'confirmed',
      confirmation: { decision: 'confirmed', by: 'u-town', at: 1_760_000_000_000, note: '' },
      updatedAt: 1_760_000_000_000,
      updatedBy: 'u-town',
    };

    const answer = await pushRows(db, TOWNSHIP_ADMIN, 'events', [
      changed(approved, confirmed),
      created(clerkEvent('e-town-made')),
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
    const event = clerkEvent('e-1');
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
  describe('the ledger’s rules of who may write what, through the push route', () => {
    async function office(): Promise<{
      readonly db: Db;
      readonly app: FastifyInstance;
      readonly clerk: SignedIn;
      readonly reviewer: SignedIn;
      readonly otherClerk: SignedIn;
      readonly admin: SignedIn;
      readonly close: () => Promise<void>;
    }> {
      const db = await backend.fresh();
      await seedPlaces(db);
      const server = await syncApp(db);
      const { app } = server;
      const clerk = await signIn(db, app, {
        username: 'clerk.a',
        role: 'village_clerk',
        villageCode: A,
      });
      // The reviewer works on the same office computer; the second clerk and the admin on theirs.
      const reviewer = await signIn(db, app, {
        username: 'reviewer.a',
        role: 'village_reviewer',
        villageCode: A,
        deviceId: clerk.device.id,
      });
      const otherClerk = await signIn(db, app, {
        username: 'clerk.a2',
        role: 'village_clerk',
        villageCode: A,
      });
      const admin = await signIn(db, app, {
        username: 'admin.a',
        role: 'village_admin',
        villageCode: A,
      });
      return { db, app, clerk, reviewer, otherClerk, admin, close: () => server.close() };
    }

    async function push(
      app: FastifyInstance,
      who: SignedIn,
      collection: CollectionName,
      rows: readonly PushRow[],
    ): Promise<PushResponse> {
      const response = await app.inject({
        method: 'POST',
        url: PATHS.push(collection),
        headers: { ...who.headers, [SCHEMA_VERSION_HEADER]: '0' },
        payload: rows as PushRow[],
      });
      expect(response.statusCode).toBe(200);
      return response.json<PushResponse>();
    }

    const by = (who: SignedIn): Principal => who.user;

    it('refuses an entry pushed effective, a self-approval and a clerk’s approval, and lands the rest', async () => {
      const { db, app, clerk, reviewer, otherClerk, close } = await office();
      try {
        const entry = clerkEvent('e-1', A, by(clerk));
        const imported = {
          ...clerkEvent('e-2', A, by(clerk)),
          status: 'effective',
          effectiveOn: '2025-03-09',
        };
        const first = await push(app, clerk, 'events', [created(entry), created(imported)]);
        expect(first).toEqual({
          conflicts: [],
          rejected: [
            {
              id: 'e-2',
              code: 'ledger.review-missing',
              params: { id: 'e-2' },
              message:
                '记录「e-2」未经他人审核就成了已通过或已生效，未上传。新录入的积分记录须先提交审核；历史台账请由乡镇在镇服务器上用命令行导入。',
            },
          ],
        });

        const selfApproved = reviewed(entry, by(clerk));
        const second = await push(app, clerk, 'events', [
          changed(entry, selfApproved),
          created(clerkEvent('e-3', A, by(clerk))),
        ]);
        expect(second.rejected).toEqual([
          {
            id: 'e-1',
            code: 'ledger.review-own-entry',
            params: { id: 'e-1' },
            message: '不能审核自己录入的记录，请由其他审核人员审核。',
          },
        ]);
        const byClerk = await push(app, otherClerk, 'events', [
          changed(entry, reviewed(entry, by(otherClerk))),
        ]);
        expect(byClerk.rejected.map(({ id, code }) => [id, code])).toEqual([
          ['e-1', 'ledger.review-role'],
        ]);
        // The reviewer never signed in on the second clerk's computer: no review in their name.
        const inTheirName = await push(app, otherClerk, 'events', [
          changed(entry, reviewed(entry, by(reviewer))),
        ]);
        expect(inTheirName.rejected.map(({ id, code }) => [id, code])).toEqual([
          ['e-1', 'ledger.actor-unknown'],
        ]);

        const stored = (await pullAll(db, by(clerk), 'events')).documents;
        expect(stored.map((doc) => [doc.id, doc['status']])).toEqual([
          ['e-1', 'submitted'],
          ['e-3', 'submitted'],
        ]);
      } finally {
        await close();
      }
    });

    it('takes the reviewer’s approval made on the office computer, whoever is signed in when it syncs', async () => {
      const { db, app, clerk, reviewer, close } = await office();
      try {
        // Recorded by the clerk and approved by the reviewer offline, pushed in the clerk's session.
        const recorded = clerkEvent('e-1', A, by(clerk));
        const approved = reviewed(recorded, by(reviewer));
        const other = clerkEvent('e-2', A, by(clerk));
        const answer = await push(app, clerk, 'events', [created(approved), created(other)]);
        expect(answer).toEqual({ conflicts: [], rejected: [] });
        // And the reviewer's session may carry the clerk's entries.
        const third = clerkEvent('e-3', A, by(clerk));
        expect(await push(app, reviewer, 'events', [created(third)])).toEqual({
          conflicts: [],
          rejected: [],
        });
        const stored = (await pullAll(db, by(clerk), 'events')).documents;
        expect(stored.map((doc) => [doc.id, doc['status']])).toEqual([
          ['e-1', 'approved'],
          ['e-2', 'submitted'],
          ['e-3', 'submitted'],
        ]);
      } finally {
        await close();
      }
    });

    it('keeps an adopted rule set as adopted and its adoption to the village admin', async () => {
      const { db, app, clerk, admin, close } = await office();
      try {
        const sample = policySamples.find((doc) => doc.kind === 'rule-set');
        if (sample === undefined) throw new Error('no rule-set sample');
        const { adoption: _adoption, ...bare } = sample;
        const draft = {
          ...inVillageA(bare, 'rs-1'),
          status: 'draft',
          createdBy: by(clerk).userId,
          updatedBy: by(clerk).userId,
        };
        expect(await push(app, clerk, 'policies', [created(draft)])).toEqual({
          conflicts: [],
          rejected: [],
        });
        const adoption = {
          meetingRef: '王庄村村民代表大会〔2025〕第1次',
          meetingOn: '2025-01-10',
          at: 1_760_000_000_000,
        };
        const byClerk = {
          ...draft,
          status: 'adopted',
          adoption: { ...adoption, by: by(clerk).userId },
        };
        const refused = await push(app, clerk, 'policies', [changed(draft, byClerk)]);
        expect(refused.rejected.map(({ id, code }) => [id, code])).toEqual([
          ['rs-1', 'ledger.adoption-role'],
        ]);
        const adopted = {
          ...draft,
          status: 'adopted',
          adoption: { ...adoption, by: by(admin).userId },
          updatedBy: by(admin).userId,
        };
        expect(await push(app, admin, 'policies', [changed(draft, adopted)])).toEqual({
          conflicts: [],
          rejected: [],
        });
        const edited = { ...adopted, rules: sample.rules.slice(1) };
        const group = {
          ...inVillageA({}, 'g-1'),
          createdAt: 1,
          createdBy: by(admin).userId,
          deviceId: admin.device.id,
          updatedAt: 1,
          updatedBy: by(admin).userId,
          kind: 'group',
          status: 'active',
          code: '01',
          name: '一组',
        };
        const answer = await push(app, admin, 'policies', [
          changed(adopted, edited),
          created(group),
        ]);
        expect(answer.rejected).toEqual([
          {
            id: 'rs-1',
            code: 'ledger.rule-set-not-draft',
            params: { id: 'rs-1', version: 1 },
            message: '第 1 版积分细则已通过或已停用，不能再修改。如需调整，请在其基础上新建一版。',
          },
        ]);
        const stored = (await pullAll(db, by(clerk), 'policies')).documents;
        expect(stored).toEqual([adopted, group]);
      } finally {
        await close();
      }
    });
  });
});
