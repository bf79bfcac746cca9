import { describe, expect, it } from 'vitest';
import type { CaseDoc } from '../../../shared/collections/cases.ts';
import type { EventDoc } from '../../../shared/collections/events.ts';
import type { HouseholdDoc } from '../../../shared/collections/households.ts';
import { sortableId } from '../../../shared/collections/ids.ts';
import type { PolicyDoc, RuleSetPolicy } from '../../../shared/collections/policies.ts';
import type { ResidentDoc } from '../../../shared/collections/residents.ts';
import { addDays } from '../../../shared/ledger/dates.ts';
import { recordEntry, residentSubject } from '../../../shared/ledger/recording.ts';
import {
  householdMembersOn,
  scoreHousehold,
  scoreSubject,
  type ScoringPolicy,
} from '../../../shared/ledger/score.ts';
import { createIdProtector } from '../../../shared/residents/id-protection.ts';
import { BACKENDS, useBackend } from '../../test/backends.ts';
import type { Db } from '../db/database.ts';
import { generateInto } from '../generate/load.ts';
import { findTownshipKeys } from '../keys/township-keys.ts';
import { putDocuments, type DocumentWrite } from '../store/documents.ts';
import {
  markFiguresStale,
  noteLedgerWrites,
  townshipFigures,
  writeFigureRows,
  type FigureRow,
} from './figures.ts';
import { importLedger } from './import.ts';
import { villagePolicy } from './village-documents.ts';

const TODAY = '2026-06-15';
const TOWNSHIP = '371003190';
const VILLAGE_A = '371003190201';
const VILLAGE_B = '371003190202';

interface StoredRow extends Record<string, unknown> {
  subject_type: string;
  subject_id: string;
  stale: boolean;
  active: boolean | null;
  next_change_on: string | null;
  score: number | null;
  tier: string | null;
  balance: number | null;
  honour_total: number | null;
  earned: number | null;
  redeemed: number | null;
}

async function storedRows(db: Db, villageCode: string): Promise<Map<string, StoredRow>> {
  const result = await db.query<StoredRow>(
    `SELECT subject_type, subject_id, stale, active, next_change_on::text AS next_change_on, score,
            tier, balance, honour_total, earned, redeemed
       FROM subject_figures WHERE village_code = $1`,
    [villageCode],
  );
  return new Map(result.rows.map((row) => [`${row.subject_type}:${row.subject_id}`, row]));
}

async function documents<T>(db: Db, collection: string, villageCode: string): Promise<T[]> {
  const result = await db.query<{ data: T }>(
    'SELECT data FROM documents WHERE collection = $1 AND village_code = $2 AND NOT deleted ORDER BY seq',
    [collection, villageCode],
  );
  return result.rows.map((row) => row.data);
}

interface Village {
  readonly residents: ResidentDoc[];
  readonly households: HouseholdDoc[];
  readonly events: EventDoc[];
  readonly cases: CaseDoc[];
  readonly policy: ScoringPolicy;
}

async function villageOf(db: Db, villageCode: string): Promise<Village> {
  return {
    residents: await documents<ResidentDoc>(db, 'residents', villageCode),
    households: await documents<HouseholdDoc>(db, 'households', villageCode),
    events: await documents<EventDoc>(db, 'events', villageCode),
    cases: await documents<CaseDoc>(db, 'cases', villageCode),
    policy: (await villagePolicy(db, villageCode)).policy,
  };
}

/**
 * Every row as the scoring engine computes it, one subject at a time from the whole ledger
 * (scoreSubject, scoreHousehold: the path of `town score`, not the one figures.ts takes).
 */
function engineRows(village: Village, today: string): Map<string, Omit<FigureRow, 'asOf'>> {
  const { events, cases, policy } = village;
  const rows = new Map<string, Omit<FigureRow, 'asOf'>>();
  const residentScore = (id: string) => scoreSubject('resident', id, events, cases, policy, today);
  for (const resident of village.residents) {
    const score = residentScore(resident.id);
    rows.set(`resident:${resident.id}`, {
      subjectType: 'resident',
      subjectId: resident.id,
      active: resident.status === 'registered',
      ...(score.nextChangeOn === undefined ? {} : { nextChangeOn: score.nextChangeOn }),
      score: score.score,
      tier: score.tier,
      balance: score.balance,
      honourTotal: score.honourTotal,
      earned: score.balanceDetail.earned,
      redeemed: score.balanceDetail.redeemed,
    });
  }
  for (const household of village.households) {
    const members = householdMembersOn(household, today);
    const own = scoreSubject('household', household.id, events, cases, policy, today);
    const { figures } = scoreHousehold(
      members,
      new Map(members.memberIds.map((id) => [id, residentScore(id)] as const)),
      own,
      policy,
    );
    rows.set(`household:${household.id}`, {
      subjectType: 'household',
      subjectId: household.id,
      active: household.status === 'active',
      ...(figures.nextChangeOn === undefined ? {} : { nextChangeOn: figures.nextChangeOn }),
      score: figures.score,
      tier: figures.tier,
      balance: figures.balance,
      honourTotal: figures.honourTotal,
      earned: own.balanceDetail.earned,
      redeemed: own.balanceDetail.redeemed,
    });
  }
  return rows;
}

function asStored(row: Omit<FigureRow, 'asOf'>): Omit<StoredRow, 'subject_type' | 'subject_id'> {
  return {
    stale: false,
    active: row.active,
    next_change_on: row.nextChangeOn ?? null,
    score: row.score,
    tier: row.tier,
    balance: row.balance,
    honour_total: row.honourTotal,
    earned: row.earned,
    redeemed: row.redeemed,
  };
}

function expectRowsMatchEngine(
  stored: Map<string, StoredRow>,
  expected: ReturnType<typeof engineRows>,
) {
  expect([...stored.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [key, row] of expected) {
    const {
      subject_type: _type,
      subject_id: _id,
      ...figures
    } = stored.get(key) ?? ({} as StoredRow);
    expect({ key, ...figures }).toEqual({ key, ...asStored(row) });
  }
}

let idSequence = 0;
function context(today: string, userId: string) {
  const now = Date.parse(`${today}T06:00:00Z`);
  return {
    now,
    today,
    userId,
    deviceId: 'test-device',
    newId: () => sortableId(now, new Uint8Array(10).fill((idSequence += 1) % 256)),
  };
}

describe.each(BACKENDS)('derived figures on %s', (kind) => {
  const backend = useBackend(kind);

  it('holds for every resident and household what the scoring engine computes from the store', async () => {
    const db = await backend.fresh();
    await generateInto(db, { size: 'small', seed: 11, today: TODAY, villageCode: VILLAGE_A });
    const village = await villageOf(db, VILLAGE_A);
    expectRowsMatchEngine(await storedRows(db, VILLAGE_A), engineRows(village, TODAY));
  });

  it('reports points issued and redeemed and residents and households per tier, village by village', async () => {
    const db = await backend.fresh();
    await generateInto(db, { size: 'small', seed: 12, today: TODAY, villageCode: VILLAGE_A });
    await generateInto(db, { size: 'small', seed: 13, today: TODAY, villageCode: VILLAGE_B });
    const report = await townshipFigures(db, TOWNSHIP, { today: TODAY });
    expect(report.refreshed).toBe(0);
    expect(report.villages.map((v) => v.code)).toEqual([VILLAGE_A, VILLAGE_B]);

    for (const code of [VILLAGE_A, VILLAGE_B]) {
      const village = await villageOf(db, code);
      const rows = [...engineRows(village, TODAY).values()];
      const perTier = (type: 'resident' | 'household') => {
        const counts: Record<string, number> = {};
        for (const row of rows)
          if (row.subjectType === type && row.active)
            counts[row.tier] = (counts[row.tier] ?? 0) + 1;
        return counts;
      };
      const debits = village.events.filter((e) => e.kind === 'redemption-debit');
      const refunded = new Set(
        village.events.flatMap((e) => (e.kind === 'reversal' ? [e.reversalOf] : [])),
      );
      expect(report.villages.find((v) => v.code === code)).toEqual({
        code,
        name: code === VILLAGE_A ? '南港村' : '东河村',
        residents: village.residents.length,
        households: village.households.length,
        pointsIssued: rows.reduce((sum, row) => sum + row.earned, 0),
        // Every debit not refunded: the village's redemptions.
        pointsRedeemed: debits
          .filter((debit) => !refunded.has(debit.id))
          .reduce((sum, debit) => sum - debit.points, 0),
        residentsPerTier: perTier('resident'),
        householdsPerTier: perTier('household'),
      });
    }
    expect(report.totals.residents).toBe(
      report.villages.reduce((sum, village) => sum + village.residents, 0),
    );
    expect(report.tiers[0]).toBe('AAA');
  });

  it('rescores what a push touched, and a new resident, before reporting', async () => {
    const db = await backend.fresh();
    await generateInto(db, { size: 'small', seed: 14, today: TODAY, villageCode: VILLAGE_A });
    const village = await villageOf(db, VILLAGE_A);
    const resident = village.residents[0];
    if (resident === undefined) throw new Error('no resident');
    const [ruleSet] = await documents<PolicyDoc>(db, 'policies', VILLAGE_A).then((docs) =>
      docs.filter(
        (doc): doc is RuleSetPolicy => doc.kind === 'rule-set' && doc.status === 'adopted',
      ),
    );
    if (ruleSet === undefined) throw new Error('no rule set');
    // A device records an entry (effective at once, as an imported one) and registers a newborn.
    const recorded = recordEntry(
      residentSubject(resident),
      { ruleCode: 'P-BLOOD', occurredOn: addDays(TODAY, -3), quantity: 1, note: '', evidence: [] },
      { ruleSet },
      village.events.filter((e) => e.subjectId === resident.id),
      context(TODAY, 'device-clerk'),
      'import',
    );
    if (!recorded.ok) throw new Error(recorded.error.code);
    const newborn: ResidentDoc = { ...resident, id: 'NEWBORN0000000000000000001', name: '王小宝' };
    await db.transaction(async (tx) => {
      const pushed = async (collection: 'events' | 'residents', writes: DocumentWrite[]) => {
        await putDocuments(tx, collection, writes);
        await noteLedgerWrites(tx, collection, writes);
      };
      const scope = { villageCode: VILLAGE_A };
      await pushed('events', [
        { id: recorded.value.event.id, scope, data: { ...recorded.value.event } },
      ]);
      await pushed('residents', [{ id: newborn.id, scope, data: { ...newborn } }]);
    });
    const marked = await storedRows(db, VILLAGE_A);
    expect(marked.get(`resident:${resident.id}`)?.stale).toBe(true);
    expect(marked.get(`resident:${newborn.id}`)).toMatchObject({ stale: true, score: null });

    const report = await townshipFigures(db, TOWNSHIP, { today: TODAY });
    expect(report.refreshed).toBe(2);
    expectRowsMatchEngine(
      await storedRows(db, VILLAGE_A),
      engineRows(await villageOf(db, VILLAGE_A), TODAY),
    );
    const after = await storedRows(db, VILLAGE_A);
    expect(after.get(`resident:${resident.id}`)?.score).toBe(
      (marked.get(`resident:${resident.id}`)?.score ?? 0) + 10,
    );
  });

  it('rescores rows whose figures stop holding when the calendar moves on', async () => {
    const db = await backend.fresh();
    await generateInto(db, { size: 'small', seed: 15, today: TODAY, villageCode: VILLAGE_A });
    const later = addDays(TODAY, 40);
    const due = await db.query<{ count: unknown }>(
      `SELECT count(*) AS count FROM subject_figures WHERE next_change_on <= $1::date`,
      [later],
    );
    const report = await townshipFigures(db, TOWNSHIP, { today: later });
    expect(report.refreshed).toBe(Number(due.rows[0]?.count));
    expect(report.refreshed).toBeGreaterThan(0);
    expectRowsMatchEngine(
      await storedRows(db, VILLAGE_A),
      engineRows(await villageOf(db, VILLAGE_A), later),
    );
  });

  it('keeps a mark made while a refresh was reading', async () => {
    const db = await backend.fresh();
    await generateInto(db, { size: 'small', seed: 16, today: TODAY, villageCode: VILLAGE_A });
    const [row] = [...(await storedRows(db, VILLAGE_A)).values()];
    if (row === undefined) throw new Error('no row');
    const ref = { type: row.subject_type as 'resident', id: row.subject_id };
    const before = (await db.query<{ value: unknown }>('SELECT value FROM store_counter')).rows[0];
    const seenSeq = Number(before?.value);
    // A push lands (a write takes a sequence number) and marks the subject after the refresh read.
    await db.query('UPDATE store_counter SET value = value + 1');
    await markFiguresStale(db, VILLAGE_A, [ref]);
    const figures: FigureRow = {
      subjectType: ref.type,
      subjectId: ref.id,
      active: true,
      asOf: TODAY,
      score: 1000,
      tier: 'A',
      balance: 0,
      honourTotal: 0,
      earned: 0,
      redeemed: 0,
    };
    await writeFigureRows(db, VILLAGE_A, [figures], seenSeq);
    expect((await storedRows(db, VILLAGE_A)).get(`${ref.type}:${ref.id}`)?.stale).toBe(true);
    await writeFigureRows(db, VILLAGE_A, [figures], seenSeq + 1);
    expect((await storedRows(db, VILLAGE_A)).get(`${ref.type}:${ref.id}`)?.stale).toBe(false);
  });

  it('migration 20261122T180000_subject_figures: a row has every figure unless it is stale', async () => {
    const db = await backend.fresh();
    await generateInto(db, { size: 'small', seed: 18, today: TODAY, villageCode: VILLAGE_A });
    const insert = (stale: boolean) =>
      db.query(
        `INSERT INTO subject_figures (village_code, township_code, subject_type, subject_id, stale)
         VALUES ($1, $2, 'resident', $3, $4)`,
        [VILLAGE_A, TOWNSHIP, `R-${String(stale)}`, stale],
      );
    await expect(insert(false)).rejects.toThrow(/subject_figures_complete/);
    await expect(insert(true)).resolves.toMatchObject({ rowCount: 1 });
    await expect(
      db.query(
        `INSERT INTO subject_figures (village_code, township_code, subject_type, subject_id, stale)
         VALUES ($1, '371003191', 'resident', 'R-X', true)`,
        [VILLAGE_A],
      ),
    ).rejects.toThrow();
  });

  it('updates the figures of the residents a ledger import is about', async () => {
    const db = await backend.fresh();
    await generateInto(db, { size: 'small', seed: 17, today: TODAY, villageCode: VILLAGE_A });
    const [resident] = await documents<ResidentDoc>(db, 'residents', VILLAGE_A);
    if (resident === undefined) throw new Error('no resident');
    const keys = await findTownshipKeys(db, TOWNSHIP);
    if (keys === undefined) throw new Error('no keys');
    const idNumber = await createIdProtector(globalThis.crypto, keys).reveal(
      resident.idNumberCipher,
    );
    const before = (await storedRows(db, VILLAGE_A)).get(`resident:${resident.id}`);
    const imported = await importLedger(db, {
      villageCode: VILLAGE_A,
      table: [
        ['身份证号', '规则编码', '发生日期', '数量'],
        [idNumber, 'P-BLOOD', addDays(TODAY, -2), '1'],
      ],
      context: context(TODAY, 'town-cli'),
      crypto: globalThis.crypto,
    });
    expect(imported.ok).toBe(true);
    const after = (await storedRows(db, VILLAGE_A)).get(`resident:${resident.id}`);
    expect(after).toMatchObject({ stale: false, score: (before?.score ?? 0) + 10 });
    expectRowsMatchEngine(
      await storedRows(db, VILLAGE_A),
      engineRows(await villageOf(db, VILLAGE_A), TODAY),
    );
  });
});
