/**
 * `score` on the town server: a resident's or a household's figures as of a date, computed
 * by the scoring engine (shared/ledger/score.ts) from what the store holds for the village
 * — the subject's events (redemption debits and year-close resets included), the objections
 * about them, the household's membership on the date and the village's policy — with the
 * engine's explanation: every event counted and every event not counted, with its reason.
 */
import type { HouseholdDoc } from '../../../shared/collections/households.ts';
import type { ResidentDoc } from '../../../shared/collections/residents.ts';
import { fail, ok, type Result } from '../../../shared/errors.ts';
import {
  householdMembersOn,
  scoreHousehold,
  scoreSubject,
  type BalanceDetail,
  type CountedEvent,
  type NotCountedEvent,
  type SubjectScore,
  type TierCap,
} from '../../../shared/ledger/score.ts';
import type { RollUp } from '../../../shared/collections/policies.ts';
import { townshipCodeOfVillage } from '../../../shared/places/division-codes.ts';
import { createIdProtector, type IdCrypto } from '../../../shared/residents/id-protection.ts';
import type { Db } from '../db/database.ts';
import { findTownshipKeys } from '../keys/township-keys.ts';
import {
  findHousehold,
  findResidentsByHash,
  loadEvents,
  loadObjections,
  loadResidents,
  villagePolicy,
  type VillagePolicy,
} from './village-documents.ts';

export type ScoreTarget =
  | {
      readonly type: 'resident';
      /** Normalised 18-character citizen ID. */
      readonly idNumber: string;
    }
  | { readonly type: 'household'; readonly householdNo: string };

export interface ScoreInput {
  readonly village: { readonly code: string; readonly name: string };
  readonly target: ScoreTarget;
  /** 'YYYY-MM-DD' */
  readonly asOf: string;
  readonly crypto: IdCrypto;
}

/** An explained event, with the name of the resident or the number of the household it is about. */
export type Named<T> = T & { readonly subjectName: string };

interface ReportCommon {
  readonly village: { readonly code: string; readonly name: string };
  readonly asOf: string;
  readonly policy: {
    readonly tierScheme: string;
    readonly base: number;
    readonly rollUp: RollUp;
    readonly deductionsAgainstBalance: boolean;
    /** false: the village has no settings yet and the defaults apply. */
    readonly fromSettings: boolean;
  };
  /** Redeemable points balance (积分余额), never below 0. */
  readonly balance: number;
  /** 荣誉积分: every effective earned point, never reset. */
  readonly honourTotal: number;
  /** Integrity score (信用分). */
  readonly score: number;
  readonly tier: string;
  /** The score's own band, before direct-rating caps and held-back bonuses. */
  readonly uncappedTier: string;
  readonly nextChangeOn?: string;
  readonly counted: readonly Named<CountedEvent>[];
  readonly notCounted: readonly Named<NotCountedEvent>[];
}

export interface ResidentScoreReport extends ReportCommon {
  readonly subject: {
    readonly type: 'resident';
    readonly id: string;
    readonly name: string;
    /** Never the full number. */
    readonly idMasked: string;
    readonly status: ResidentDoc['status'];
    readonly householdId: string;
  };
  readonly caps: readonly TierCap[];
  readonly balanceDetail: BalanceDetail;
}

export interface HouseholdScoreReport extends ReportCommon {
  readonly subject: {
    readonly type: 'household';
    readonly id: string;
    readonly householdNo: string;
    readonly status: HouseholdDoc['status'];
    /** Members on the date; `included` as the roll-up takes them (head-only: the head). */
    readonly members: readonly {
      readonly id: string;
      readonly name: string;
      readonly head: boolean;
      readonly included: boolean;
    }[];
  };
  /** The strictest direct rating of the household or an included member in force. */
  readonly capTier?: string;
}

export type ScoreReport = ResidentScoreReport | HouseholdScoreReport;

/**
 * The figures, or 'ledger.resident-unknown' / 'ledger.household-unknown' when the village
 * has no such resident or household.
 */
export async function scoreInVillage(db: Db, input: ScoreInput): Promise<Result<ScoreReport>> {
  const { target } = input;
  const villageCode = input.village.code;
  const policy = await villagePolicy(db, villageCode);
  if (target.type === 'resident') {
    const resident = await findResident(db, villageCode, target.idNumber, input.crypto);
    if (resident === undefined) return fail('ledger.resident-unknown', { value: target.idNumber });
    return ok(await residentReport(db, input, resident, policy));
  }
  const household = await findHousehold(db, villageCode, target.householdNo);
  if (household === undefined)
    return fail('ledger.household-unknown', { value: target.householdNo });
  return ok(await householdReport(db, input, household, policy));
}

async function findResident(
  db: Db,
  villageCode: string,
  idNumber: string,
  crypto: IdCrypto,
): Promise<ResidentDoc | undefined> {
  const keys = await findTownshipKeys(db, townshipCodeOfVillage(villageCode));
  // No key yet: no resident of the township was registered with an ID on this server.
  if (keys === undefined) return undefined;
  const hash = await createIdProtector(crypto, keys).hashOf(idNumber);
  const found = await findResidentsByHash(db, villageCode, [hash]);
  return found.find((r) => r.status === 'registered') ?? found[0];
}

async function explained(db: Db, villageCode: string, subjectIds: readonly string[]) {
  const events = await loadEvents(db, villageCode, subjectIds);
  const cases = await loadObjections(
    db,
    villageCode,
    events.map((event) => event.id),
  );
  return { events, cases };
}

function policyOf({ policy, tierScheme, fromSettings }: VillagePolicy): ReportCommon['policy'] {
  return {
    tierScheme,
    base: policy.base,
    rollUp: policy.rollUp,
    deductionsAgainstBalance: policy.deductionsAgainstBalance,
    fromSettings,
  };
}

function naming(names: ReadonlyMap<string, string>) {
  return <T extends { readonly subjectId: string }>(entry: T): Named<T> => ({
    ...entry,
    subjectName: names.get(entry.subjectId) ?? '',
  });
}

async function residentReport(
  db: Db,
  input: ScoreInput,
  resident: ResidentDoc,
  village: VillagePolicy,
): Promise<ResidentScoreReport> {
  const { events, cases } = await explained(db, input.village.code, [resident.id]);
  const result = scoreSubject('resident', resident.id, events, cases, village.policy, input.asOf);
  const name = naming(new Map([[resident.id, resident.name]]));
  return {
    village: input.village,
    subject: {
      type: 'resident',
      id: resident.id,
      name: resident.name,
      idMasked: resident.idMasked,
      status: resident.status,
      householdId: resident.householdId,
    },
    asOf: input.asOf,
    policy: policyOf(village),
    balance: result.balance,
    honourTotal: result.honourTotal,
    score: result.score,
    tier: result.tier,
    uncappedTier: result.uncappedTier,
    caps: result.caps,
    balanceDetail: result.balanceDetail,
    ...(result.nextChangeOn === undefined ? {} : { nextChangeOn: result.nextChangeOn }),
    counted: result.counted.map(name),
    notCounted: result.notCounted.map(name),
  };
}

async function householdReport(
  db: Db,
  input: ScoreInput,
  household: HouseholdDoc,
  village: VillagePolicy,
): Promise<HouseholdScoreReport> {
  const { policy } = village;
  const members = householdMembersOn(household, input.asOf);
  const { events, cases } = await explained(db, input.village.code, [
    household.id,
    ...members.memberIds,
  ]);
  const memberScores = new Map<string, SubjectScore>(
    members.memberIds.map((id) => [
      id,
      scoreSubject('resident', id, events, cases, policy, input.asOf),
    ]),
  );
  const own = scoreSubject('household', household.id, events, cases, policy, input.asOf);
  const result = scoreHousehold(members, memberScores, own, policy);
  const residents = await loadResidents(db, input.village.code, members.memberIds);
  const names = new Map<string, string>([
    [household.id, household.householdNo],
    ...residents.map((r) => [r.id, r.name] as const),
  ]);
  const included = new Set(result.figures.includedIds);
  const name = naming(names);
  const { figures } = result;
  return {
    village: input.village,
    subject: {
      type: 'household',
      id: household.id,
      householdNo: household.householdNo,
      status: household.status,
      members: members.memberIds.map((id) => ({
        id,
        name: names.get(id) ?? '',
        head: id === members.headId,
        included: included.has(id),
      })),
    },
    asOf: input.asOf,
    policy: policyOf(village),
    balance: figures.balance,
    honourTotal: figures.honourTotal,
    score: figures.score,
    tier: figures.tier,
    uncappedTier: figures.uncappedTier,
    ...(figures.capTier === undefined ? {} : { capTier: figures.capTier }),
    ...(figures.nextChangeOn === undefined ? {} : { nextChangeOn: figures.nextChangeOn }),
    counted: result.counted.map(name),
    notCounted: result.notCounted.map(name),
  };
}
