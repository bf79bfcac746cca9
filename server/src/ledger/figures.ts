/**
 * The derived figures table (subject_figures, migration 20261122T180000): every resident's
 * and household's score, tier, balance and honour total as the scoring engine computes
 * them (shared/ledger/score.ts, the code the devices run), so township reports read
 * 100,000 rows instead of scoring 100,000 ledgers per request.
 *
 * Keeping it current:
 * - `refreshFigures(db, village, subjects)` rescores subjects from the documents the store
 *   holds and writes their rows (a resident's household is rolled up again with it; a
 *   subject whose document is gone loses its row). The generator's loader and the ledger
 *   import call it in their own transactions.
 * - `noteLedgerWrites(tx, collection, writes)` is what the sync push calls: it only marks
 *   the rows of the subjects the written documents touch as stale (a new subject gets a
 *   stale row without figures), a few cheap statements per push, so uploads stay fast.
 * - `refreshDueFigures` rescores the stale rows and the rows whose figures stopped holding
 *   (`next_change_on` reached: an entry took effect or expired); `townshipFigures` does
 *   so before it reads.
 *
 * A mark made by a push that commits while a refresh runs survives it: a mark records the
 * store's sequence number of its write, and a refresh clears only marks up to the
 * sequence number it read before loading the documents (whose writes it therefore saw).
 */
import type { CaseDoc } from '../../../shared/collections/cases.ts';
import type { EventDoc } from '../../../shared/collections/events.ts';
import type { HouseholdDoc } from '../../../shared/collections/households.ts';
import type { CollectionName } from '../../../shared/collections/plan.ts';
import type { ResidentDoc } from '../../../shared/collections/residents.ts';
import type { SubjectType } from '../../../shared/collections/schema.ts';
import { chinaDateOf } from '../../../shared/ledger/dates.ts';
import {
  buildLedgers,
  emptyLedger,
  figuresOf,
  householdMembersOn,
  rollUpHousehold,
  scoreLedger,
  subjectKey,
  type ScoringPolicy,
  type SubjectFigures,
  type SubjectScore,
} from '../../../shared/ledger/score.ts';
import { defaultTierSchemes } from '../../../shared/ledger/templates.ts';
import { townshipCodeOfVillage } from '../../../shared/places/division-codes.ts';
import type { Db } from '../db/database.ts';
import { lastSequenceNumber, type DocumentWrite } from '../store/documents.ts';
import { villagePolicy } from './village-documents.ts';

/** A resident or a household of the village. */
export interface SubjectRef {
  readonly type: SubjectType;
  readonly id: string;
}

/** One row of the table, as the engine computed it. */
export interface FigureRow {
  readonly subjectType: SubjectType;
  readonly subjectId: string;
  /** A registered resident, an active household. */
  readonly active: boolean;
  readonly asOf: string;
  readonly nextChangeOn?: string;
  readonly score: number;
  readonly tier: string;
  /** A household's: rolled up from its members and its own events. */
  readonly balance: number;
  readonly honourTotal: number;
  /** The subject's own effective earned points and redemption debits. */
  readonly earned: number;
  readonly redeemed: number;
}

export interface FiguresInput {
  readonly residents: readonly ResidentDoc[];
  readonly households: readonly HouseholdDoc[];
  /** Every event about these residents and households and the households' members. */
  readonly events: Iterable<EventDoc>;
  /** The objections about those events. */
  readonly cases: Iterable<CaseDoc>;
  readonly policy: ScoringPolicy;
  /** The village's date the figures are for. */
  readonly today: string;
}

/**
 * The rows of the given residents and households (pure): each resident scored from its
 * ledger, each household rolled up from its members on `today` and its own ledger, as the
 * devices do (rollUpHousehold).
 */
export function figureRows(input: FiguresInput): FigureRow[] {
  const { policy, today } = input;
  const ledgers = buildLedgers(input.events, input.cases);
  const scoreOf = (type: SubjectType, id: string): SubjectScore =>
    scoreLedger(ledgers.get(subjectKey(type, id)) ?? emptyLedger(type, id), policy, today);
  const memberFigures = new Map<string, SubjectFigures>();
  const figuresOfResident = (id: string): SubjectFigures => {
    let figures = memberFigures.get(id);
    if (figures === undefined) {
      figures = figuresOf(scoreOf('resident', id), policy);
      memberFigures.set(id, figures);
    }
    return figures;
  };

  const rows: FigureRow[] = [];
  for (const resident of input.residents) {
    const score = scoreOf('resident', resident.id);
    const figures = figuresOf(score, policy);
    memberFigures.set(resident.id, figures);
    rows.push(rowOf(figures, score, resident.status === 'registered'));
  }
  for (const household of input.households) {
    const own = scoreOf('household', household.id);
    const members = householdMembersOn(household, today);
    const rolled = rollUpHousehold(
      members,
      new Map(members.memberIds.map((id) => [id, figuresOfResident(id)] as const)),
      figuresOf(own, policy),
      policy,
    );
    rows.push(rowOf(rolled, own, household.status === 'active'));
  }
  return rows;
}

function rowOf(figures: SubjectFigures, own: SubjectScore, active: boolean): FigureRow {
  return {
    subjectType: figures.subjectType,
    subjectId: figures.subjectId,
    active,
    asOf: figures.asOf,
    ...(figures.nextChangeOn === undefined ? {} : { nextChangeOn: figures.nextChangeOn }),
    score: figures.score,
    tier: figures.tier,
    balance: figures.balance,
    honourTotal: figures.honourTotal,
    earned: own.balanceDetail.earned,
    redeemed: own.balanceDetail.redeemed,
  };
}

// ---------------------------------------------------------------------------------------
// Writing rows

const CHUNK = 5_000;

/**
 * Writes (inserts or replaces) rows of the village. `seenSeq` is the store's sequence
 * number read before the documents behind the rows were loaded: marks of later writes stay.
 */
export async function writeFigureRows(
  db: Db,
  villageCode: string,
  rows: readonly FigureRow[],
  seenSeq: number,
): Promise<void> {
  const townshipCode = townshipCodeOfVillage(villageCode);
  for (let at = 0; at < rows.length; at += CHUNK) {
    const chunk = rows.slice(at, at + CHUNK);
    await db.query(
      `INSERT INTO subject_figures AS f (village_code, township_code, subject_type, subject_id, stale,
              active, as_of, next_change_on, score, tier, balance, honour_total, earned, redeemed, updated_at)
       SELECT $1, $2, r.subject_type, r.subject_id, false, r.active, r.as_of::date, r.next_change_on::date,
              r.score, r.tier, r.balance, r.honour_total, r.earned, r.redeemed, now()
         FROM unnest($3::text[], $4::text[], $5::boolean[], $6::text[], $7::text[], $8::int[], $9::text[],
                     $10::int[], $11::int[], $12::int[], $13::int[])
              AS r(subject_type, subject_id, active, as_of, next_change_on, score, tier, balance,
                   honour_total, earned, redeemed)
       ON CONFLICT (village_code, subject_type, subject_id) DO UPDATE
         SET stale = f.stale AND coalesce(f.stale_seq, 0) > $14::bigint,
             stale_seq = CASE WHEN f.stale AND coalesce(f.stale_seq, 0) > $14::bigint THEN f.stale_seq END,
             active = excluded.active, as_of = excluded.as_of, next_change_on = excluded.next_change_on,
             score = excluded.score, tier = excluded.tier, balance = excluded.balance,
             honour_total = excluded.honour_total, earned = excluded.earned,
             redeemed = excluded.redeemed, updated_at = excluded.updated_at`,
      [
        villageCode,
        townshipCode,
        chunk.map((row) => row.subjectType),
        chunk.map((row) => row.subjectId),
        chunk.map((row) => row.active),
        chunk.map((row) => row.asOf),
        chunk.map((row) => row.nextChangeOn ?? null),
        chunk.map((row) => row.score),
        chunk.map((row) => row.tier),
        chunk.map((row) => row.balance),
        chunk.map((row) => row.honourTotal),
        chunk.map((row) => row.earned),
        chunk.map((row) => row.redeemed),
        seenSeq,
      ],
    );
  }
}

// ---------------------------------------------------------------------------------------
// Refreshing from the store

export interface RefreshOptions {
  /** The village's date the figures are for; default today in China. */
  readonly today?: string;
}

export interface RefreshOutcome {
  /** Rows written. */
  readonly written: number;
  /** Rows removed (their resident or household no longer exists). */
  readonly removed: number;
}

type Data = Readonly<Record<string, unknown>>;

async function dataOf<T>(db: Db, text: string, params: readonly unknown[]): Promise<T[]> {
  const result = await db.query<{ data: Data }>(text, params);
  return result.rows.map((row) => row.data as unknown as T);
}

/**
 * Rescores `subjects` of the village ('all': every resident and household it holds) from
 * the store and writes their rows, with the households of the residents given and the
 * members of the households given. Run it in the transaction that wrote the documents, or
 * on its own.
 */
export async function refreshFigures(
  db: Db,
  villageCode: string,
  subjects: readonly SubjectRef[] | 'all',
  options: RefreshOptions = {},
): Promise<RefreshOutcome> {
  const today = options.today ?? chinaDateOf(Date.now());
  return db.transaction(async (tx) => {
    const seenSeq = await lastSequenceNumber(tx);
    const policy = (await villagePolicy(tx, villageCode)).policy;
    let residents: ResidentDoc[];
    let households: HouseholdDoc[];
    let events: EventDoc[];
    let cases: CaseDoc[];
    if (subjects === 'all') {
      residents = await villageDocuments<ResidentDoc>(tx, 'residents', villageCode);
      households = await villageDocuments<HouseholdDoc>(tx, 'households', villageCode);
      events = await villageDocuments<EventDoc>(tx, 'events', villageCode);
      cases = await villageDocuments<CaseDoc>(tx, 'cases', villageCode);
    } else {
      const residentIds = new Set(subjects.filter((s) => s.type === 'resident').map((s) => s.id));
      const householdIds = new Set(subjects.filter((s) => s.type === 'household').map((s) => s.id));
      const named = await documentsById<ResidentDoc>(tx, 'residents', villageCode, residentIds);
      for (const resident of named)
        if (resident.householdId !== '') householdIds.add(resident.householdId);
      households = await documentsById<HouseholdDoc>(tx, 'households', villageCode, householdIds);
      const members = new Set(named.map((resident) => resident.id));
      for (const household of households)
        for (const id of householdMembersOn(household, today).memberIds) members.add(id);
      const namedIds = new Set(named.map((resident) => resident.id));
      const more = [...members].filter((id) => !namedIds.has(id));
      residents = [
        ...named,
        ...(await documentsById<ResidentDoc>(tx, 'residents', villageCode, new Set(more))),
      ];
      events = await eventsAbout(tx, villageCode, [...members, ...households.map((h) => h.id)]);
      cases = await objectionsAbout(
        tx,
        villageCode,
        events.map((event) => event.id),
      );
      // Subjects whose document is gone (deleted, or never synced) keep no row.
      const present = new Set([...residents, ...households].map((doc) => doc.id));
      const gone = subjects.filter((s) => !present.has(s.id));
      const removed = await removeRows(tx, villageCode, gone);
      const rows = figureRows({ residents, households, events, cases, policy, today });
      await writeFigureRows(tx, villageCode, rows, seenSeq);
      return { written: rows.length, removed };
    }
    const rows = figureRows({ residents, households, events, cases, policy, today });
    await writeFigureRows(tx, villageCode, rows, seenSeq);
    const kept = rows.map((row) => `${row.subjectType}:${row.subjectId}`);
    const removed = await tx.query(
      `DELETE FROM subject_figures
        WHERE village_code = $1 AND NOT (subject_type || ':' || subject_id = ANY($2::text[]))`,
      [villageCode, kept],
    );
    return { written: rows.length, removed: removed.rowCount };
  });
}

async function removeRows(
  db: Db,
  villageCode: string,
  gone: readonly SubjectRef[],
): Promise<number> {
  if (gone.length === 0) return 0;
  const result = await db.query(
    `DELETE FROM subject_figures
      WHERE village_code = $1 AND (subject_type, subject_id) IN
            (SELECT * FROM unnest($2::text[], $3::text[]))`,
    [villageCode, gone.map((s) => s.type), gone.map((s) => s.id)],
  );
  return result.rowCount;
}

function villageDocuments<T>(
  db: Db,
  collection: CollectionName,
  villageCode: string,
): Promise<T[]> {
  return dataOf<T>(
    db,
    `SELECT data FROM documents WHERE collection = $1 AND village_code = $2 AND NOT deleted ORDER BY seq`,
    [collection, villageCode],
  );
}

function documentsById<T>(
  db: Db,
  collection: CollectionName,
  villageCode: string,
  ids: ReadonlySet<string>,
): Promise<T[]> {
  if (ids.size === 0) return Promise.resolve([]);
  return dataOf<T>(
    db,
    `SELECT data FROM documents
      WHERE collection = $1 AND village_code = $2 AND NOT deleted AND id = ANY($3::text[])
      ORDER BY seq`,
    [collection, villageCode, [...ids]],
  );
}

function eventsAbout(
  db: Db,
  villageCode: string,
  subjectIds: readonly string[],
): Promise<EventDoc[]> {
  if (subjectIds.length === 0) return Promise.resolve([]);
  return dataOf<EventDoc>(
    db,
    `SELECT data FROM documents
      WHERE collection = 'events' AND village_code = $1 AND NOT deleted
        AND data->>'subjectId' = ANY($2::text[])
      ORDER BY seq`,
    [villageCode, [...new Set(subjectIds)]],
  );
}

function objectionsAbout(
  db: Db,
  villageCode: string,
  eventIds: readonly string[],
): Promise<CaseDoc[]> {
  if (eventIds.length === 0) return Promise.resolve([]);
  return dataOf<CaseDoc>(
    db,
    `SELECT data FROM documents
      WHERE collection = 'cases' AND village_code = $1 AND NOT deleted
        AND data->>'kind' = 'objection' AND data->>'targetId' = ANY($2::text[])
      ORDER BY seq`,
    [villageCode, [...eventIds]],
  );
}

// ---------------------------------------------------------------------------------------
// Marking rows stale (the sync push)

/**
 * Marks the rows of `subjects` stale (creating rows without figures for new subjects), in
 * the transaction that wrote the documents touching them.
 */
export async function markFiguresStale(
  db: Db,
  villageCode: string,
  subjects: readonly SubjectRef[],
): Promise<void> {
  if (subjects.length === 0) return;
  const seq = await lastSequenceNumber(db);
  await db.query(
    `INSERT INTO subject_figures AS f (village_code, township_code, subject_type, subject_id, stale, stale_seq)
     SELECT DISTINCT $1, $2, s.subject_type, s.subject_id, true, $5::bigint
       FROM unnest($3::text[], $4::text[]) AS s(subject_type, subject_id)
     ON CONFLICT (village_code, subject_type, subject_id) DO UPDATE
       SET stale = true, stale_seq = greatest(f.stale_seq, excluded.stale_seq), updated_at = now()`,
    [
      villageCode,
      townshipCodeOfVillage(villageCode),
      subjects.map((s) => s.type),
      subjects.map((s) => s.id),
      seq,
    ],
  );
}

/**
 * What the sync push calls after writing a batch (in its transaction): the subjects the
 * written documents touch are marked stale — events and objections their subject,
 * residents and households themselves; a village's settings (its tier scheme, roll-up)
 * touch every subject of the village, a township's tier scheme every subject of the
 * township. Other collections do not bear on the figures.
 */
export async function noteLedgerWrites(
  db: Db,
  collection: CollectionName,
  writes: readonly DocumentWrite[],
): Promise<void> {
  const byVillage = new Map<string, SubjectRef[]>();
  const add = (villageCode: string, ref: SubjectRef): void => {
    const list = byVillage.get(villageCode);
    if (list === undefined) byVillage.set(villageCode, [ref]);
    else list.push(ref);
  };
  const wholeVillages = new Set<string>();
  const wholeTownships = new Set<string>();
  for (const write of writes) {
    const { data, scope } = write;
    if ('townshipCode' in scope) {
      if (collection === 'catalog' && data['kind'] === 'tier-scheme')
        wholeTownships.add(scope.townshipCode);
      continue;
    }
    const village = scope.villageCode;
    if (collection === 'events' || collection === 'cases') {
      const type = data['subjectType'];
      const id = data['subjectId'];
      if ((type === 'resident' || type === 'household') && typeof id === 'string')
        add(village, { type, id });
    } else if (collection === 'residents') add(village, { type: 'resident', id: write.id });
    else if (collection === 'households') add(village, { type: 'household', id: write.id });
    else if (collection === 'policies' && data['kind'] === 'settings') wholeVillages.add(village);
  }
  for (const [village, refs] of byVillage) await markFiguresStale(db, village, refs);
  if (wholeVillages.size + wholeTownships.size === 0) return;
  const seq = await lastSequenceNumber(db);
  await db.query(
    `UPDATE subject_figures SET stale = true, stale_seq = greatest(stale_seq, $3::bigint), updated_at = now()
      WHERE village_code = ANY($1::text[]) OR township_code = ANY($2::text[])`,
    [[...wholeVillages], [...wholeTownships], seq],
  );
}

/**
 * Rescores the rows of the township (or one village) that are stale or whose figures no
 * longer hold on `today`. Returns how many subjects were rescored.
 */
export async function refreshDueFigures(
  db: Db,
  scope: { readonly townshipCode: string } | { readonly villageCode: string },
  options: RefreshOptions = {},
): Promise<number> {
  const today = options.today ?? chinaDateOf(Date.now());
  const [column, code] =
    'townshipCode' in scope
      ? (['township_code', scope.townshipCode] as const)
      : (['village_code', scope.villageCode] as const);
  const due = await db.query<{ village_code: string; subject_type: string; subject_id: string }>(
    `SELECT village_code, subject_type, subject_id FROM subject_figures
      WHERE ${column} = $1 AND (stale OR next_change_on <= $2::date)`,
    [code, today],
  );
  const byVillage = new Map<string, SubjectRef[]>();
  for (const row of due.rows) {
    const type = row.subject_type === 'household' ? 'household' : 'resident';
    const list = byVillage.get(row.village_code);
    const ref = { type, id: row.subject_id } as const;
    if (list === undefined) byVillage.set(row.village_code, [ref]);
    else list.push(ref);
  }
  for (const [village, refs] of byVillage) await refreshFigures(db, village, refs, { today });
  return due.rows.length;
}

// ---------------------------------------------------------------------------------------
// The township report

export interface VillageFiguresReport {
  readonly code: string;
  readonly name: string;
  /** Registered residents and active households. */
  readonly residents: number;
  readonly households: number;
  /** Effective earned points ever issued (加分), and redemption debits (兑换), net of refunds. */
  readonly pointsIssued: number;
  readonly pointsRedeemed: number;
  readonly residentsPerTier: Readonly<Record<string, number>>;
  readonly householdsPerTier: Readonly<Record<string, number>>;
}

export interface TownshipFiguresReport {
  readonly townshipCode: string;
  readonly asOf: string;
  /** Every tier that occurs, highest first (the default scheme's order, then others). */
  readonly tiers: readonly string[];
  readonly villages: readonly VillageFiguresReport[];
  readonly totals: Omit<VillageFiguresReport, 'code' | 'name'>;
  /** Subjects rescored before reading (stale, or their figures stopped holding). */
  readonly refreshed: number;
}

/**
 * The township's figures per village: points issued and redeemed, and how many residents
 * and households are in each tier, as of `today`. Rows due for rescoring are rescored
 * first.
 */
export async function townshipFigures(
  db: Db,
  townshipCode: string,
  options: RefreshOptions = {},
): Promise<TownshipFiguresReport> {
  const today = options.today ?? chinaDateOf(Date.now());
  const refreshed = await refreshDueFigures(db, { townshipCode }, { today });
  const result = await db.query<{
    code: string;
    name: string;
    subject_type: string | null;
    tier: string | null;
    active: boolean | null;
    subjects: unknown;
    earned: unknown;
    redeemed: unknown;
  }>(
    `SELECT v.code, v.name, f.subject_type, f.tier, f.active, count(f.subject_id) AS subjects,
            coalesce(sum(f.earned), 0) AS earned, coalesce(sum(f.redeemed), 0) AS redeemed
       FROM villages v
       LEFT JOIN subject_figures f ON f.village_code = v.code AND NOT f.stale
      WHERE v.township_code = $1
      GROUP BY v.code, v.name, f.subject_type, f.tier, f.active
      ORDER BY v.code`,
    [townshipCode],
  );
  interface Building {
    code: string;
    name: string;
    residents: number;
    households: number;
    pointsIssued: number;
    pointsRedeemed: number;
    residentsPerTier: Record<string, number>;
    householdsPerTier: Record<string, number>;
  }
  const villages = new Map<string, Building>();
  const seenTiers = new Set<string>();
  for (const row of result.rows) {
    let village = villages.get(row.code);
    if (village === undefined) {
      village = {
        code: row.code,
        name: row.name,
        residents: 0,
        households: 0,
        pointsIssued: 0,
        pointsRedeemed: 0,
        residentsPerTier: {},
        householdsPerTier: {},
      };
      villages.set(row.code, village);
    }
    village.pointsIssued += Number(row.earned);
    village.pointsRedeemed += Number(row.redeemed);
    if (row.active !== true || row.tier === null) continue;
    const count = Number(row.subjects);
    seenTiers.add(row.tier);
    if (row.subject_type === 'resident') {
      village.residents += count;
      village.residentsPerTier[row.tier] = (village.residentsPerTier[row.tier] ?? 0) + count;
    } else {
      village.households += count;
      village.householdsPerTier[row.tier] = (village.householdsPerTier[row.tier] ?? 0) + count;
    }
  }
  const tiers = tierOrder(seenTiers);
  const list = [...villages.values()];
  const sumTiers = (pick: (v: Building) => Record<string, number>): Record<string, number> => {
    const sums: Record<string, number> = {};
    for (const village of list)
      for (const [tier, count] of Object.entries(pick(village)))
        sums[tier] = (sums[tier] ?? 0) + count;
    return sums;
  };
  return {
    townshipCode,
    asOf: today,
    tiers,
    villages: list,
    totals: {
      residents: list.reduce((sum, v) => sum + v.residents, 0),
      households: list.reduce((sum, v) => sum + v.households, 0),
      pointsIssued: list.reduce((sum, v) => sum + v.pointsIssued, 0),
      pointsRedeemed: list.reduce((sum, v) => sum + v.pointsRedeemed, 0),
      residentsPerTier: sumTiers((v) => v.residentsPerTier),
      householdsPerTier: sumTiers((v) => v.householdsPerTier),
    },
    refreshed,
  };
}

/** The packaged schemes' bands give the order (AAA … D, then the star tiers); others after. */
function tierOrder(tiers: ReadonlySet<string>): string[] {
  const known = defaultTierSchemes().flatMap((scheme) => scheme.bands.map((band) => band.tier));
  const ordered = known.filter((tier, index) => tiers.has(tier) && known.indexOf(tier) === index);
  const others = [...tiers].filter((tier) => !known.includes(tier)).sort();
  return [...ordered, ...others];
}
