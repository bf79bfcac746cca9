/**
 * The scoring engine (pure; the same code on the device and the town server). From one
 * subject's events and the objections about them it computes, as of a date:
 *
 * - the **integrity score** (信用分): base + the contribution of every counted event. An
 *   event is counted when it is effective by that date (status 'effective', effectiveOn
 *   and the act on or before it), not reversed by an effective reversal, not held by an
 *   open objection, and not expired (asOf ≤ expiresOn; validity runs from the act). A
 *   deduction repeating the same rule's breach within the validity of an earlier counted
 *   one is multiplied by the rule's repeat multiplier (×2 in the Wendeng rules). A repair
 *   adjustment counts beside the deduction it softens while both are in force; once the
 *   adjustment's monitoring period ends, the repaired deduction stops counting.
 * - the **tier** (信用等级) from the tier scheme's bands. A direct-rating deduction (直接判级
 *   B/C/D) caps the tier from its act for the scheme's months for that tier (B 24, C 36,
 *   D 60) unless repaired; while such a breach is in force, bonuses whose act falls in its
 *   period still count in the score but do not lift the tier (`liftsTier: false`: the tier
 *   is taken from the score without them, then capped).
 * - the **points balance** (积分余额): effective earned points − deductions (only if the
 *   village counts deductions against the balance) − redemption debits − year-close
 *   resets, never shown below zero. Validity does not apply to the balance: points are
 *   spent or reset, not expired. The **honour total** (荣誉积分) is every effective earned
 *   point, never reset.
 * - the **explanation**: every counted event with its rule, points, multiplier and expiry,
 *   and every other event with the reason it does not count.
 *
 * Derived figures are maintained one subject at a time: `foldEvent` / `foldObjection` add a
 * document (or a newer version of one) to that subject's ledger and `scoreLedger` scores it
 * again — one resident and one household per new event, never the village. `buildLedgers`
 * rebuilds every subject's ledger from the whole store; both paths give the same figures.
 * Figures stay valid until `nextChangeOn` (the first date an event takes effect, expires or
 * a cap ends), so a cached figure is rescored only when that day comes.
 */
import type { CaseDoc, CaseStatus, ObjectionCase } from '../collections/cases.ts';
import type { TierBand } from '../collections/catalog.ts';
import {
  EVENT_WORKFLOW,
  type EventDoc,
  type EventKind,
  type RepairAdjustmentEvent,
  type RuleEvent,
} from '../collections/events.ts';
import type { HouseholdDoc } from '../collections/households.ts';
import { workflowRelation, type WorkflowSpec } from '../collections/merge.ts';
import type { RollUp, SettingsPolicy } from '../collections/policies.ts';
import type { DirectRating, RuleSnapshot } from '../collections/rule.ts';
import type { SubjectType } from '../collections/schema.ts';
import { CASE_WORKFLOW } from '../collections/cases.ts';
import { addDays, addMonths, chinaDateOf } from './dates.ts';
import { VOID_STATUSES } from './status.ts';
import { defaultTierScheme, type TierSchemeValues } from './templates.ts';

// ---------------------------------------------------------------------------------------
// Policy

export interface ScoringPolicy {
  readonly base: number;
  /** Highest tier first. */
  readonly bands: readonly TierBand[];
  /** Months a direct rating caps the tier; absent: the breach's own validity. */
  readonly directRatingMonths: { readonly [R in DirectRating]?: number };
  readonly deductionsAgainstBalance: boolean;
  readonly rollUp: RollUp;
}

/** The engine's policy from the village's tier scheme and settings (defaults: sum, deductions off the balance). */
export function scoringPolicy(
  scheme: Pick<TierSchemeValues, 'base' | 'bands' | 'directRatingValidityMonths'>,
  settings?: Pick<SettingsPolicy, 'deductionsAgainstBalance' | 'rollUp'>,
): ScoringPolicy {
  if (scheme.bands.length === 0) throw new RangeError('a tier scheme needs bands');
  return {
    base: scheme.base,
    bands: scheme.bands,
    directRatingMonths: scheme.directRatingValidityMonths ?? {},
    deductionsAgainstBalance: settings?.deductionsAgainstBalance ?? false,
    rollUp: settings?.rollUp ?? 'sum',
  };
}

/** Wendeng 1000-base tiers, household sum, deductions not against the balance. */
export const DEFAULT_SCORING_POLICY: ScoringPolicy = scoringPolicy(defaultTierScheme());

/** The band a score falls in (bands are checked highest first; a gap falls to the band below). */
export function tierOf(policy: ScoringPolicy, score: number): string {
  for (const band of policy.bands)
    if (band.min === undefined || score >= band.min) return band.tier;
  const lowest = policy.bands[policy.bands.length - 1];
  if (lowest === undefined) throw new RangeError('a tier scheme needs bands');
  return lowest.tier;
}

function rankOf(policy: ScoringPolicy, tier: string): number {
  const index = policy.bands.findIndex((band) => band.tier === tier);
  // A direct rating the scheme does not name caps at its lowest tier.
  return index === -1 ? policy.bands.length - 1 : index;
}

/** The lower of two tiers of the scheme. */
export function lowerTier(policy: ScoringPolicy, a: string, b: string): string {
  return rankOf(policy, a) >= rankOf(policy, b) ? a : b;
}

// ---------------------------------------------------------------------------------------
// A subject's ledger: its events and the objections about them

export interface SubjectLedger {
  readonly subjectType: SubjectType;
  readonly subjectId: string;
  readonly events: ReadonlyMap<string, EventDoc>;
  /** Objections whose target is one of this subject's events. */
  readonly objections: ReadonlyMap<string, ObjectionCase>;
}

export function subjectKey(subjectType: SubjectType, subjectId: string): string {
  return `${subjectType}:${subjectId}`;
}

export function emptyLedger(subjectType: SubjectType, subjectId: string): SubjectLedger {
  return { subjectType, subjectId, events: new Map(), objections: new Map() };
}

/**
 * Whether `incoming` replaces `stored` (two versions of one document, met in any order):
 * the one further along its workflow; on a tie or diverged states, the later update, then
 * the greater status name — the same choice whatever the order of arrival.
 */
function supersedes(
  stored: { readonly status: string; readonly updatedAt: number } | undefined,
  incoming: { readonly status: string; readonly updatedAt: number },
  spec: WorkflowSpec,
): boolean {
  if (stored === undefined) return true;
  const relation = workflowRelation(spec, stored.status, incoming.status);
  if (relation === 'ahead') return true;
  if (relation === 'behind') return false;
  if (incoming.updatedAt !== stored.updatedAt) return incoming.updatedAt > stored.updatedAt;
  return incoming.status > stored.status;
}

function checkSubject(ledger: SubjectLedger, subjectType: SubjectType, subjectId: string): void {
  if (ledger.subjectType !== subjectType || ledger.subjectId !== subjectId)
    throw new RangeError('the document belongs to another subject');
}

/** The ledger with `event` added, or updated when it is a newer version of one it holds. */
export function foldEvent(ledger: SubjectLedger, event: EventDoc): SubjectLedger {
  checkSubject(ledger, event.subjectType, event.subjectId);
  if (!supersedes(ledger.events.get(event.id), event, EVENT_WORKFLOW)) return ledger;
  const events = new Map(ledger.events);
  events.set(event.id, event);
  return { ...ledger, events };
}

/** The ledger with an objection about one of its events added or updated. */
export function foldObjection(ledger: SubjectLedger, objection: ObjectionCase): SubjectLedger {
  if (!supersedes(ledger.objections.get(objection.id), objection, CASE_WORKFLOW)) return ledger;
  const objections = new Map(ledger.objections);
  objections.set(objection.id, objection);
  return { ...ledger, objections };
}

interface MutableLedger {
  readonly subjectType: SubjectType;
  readonly subjectId: string;
  readonly events: Map<string, EventDoc>;
  readonly objections: Map<string, ObjectionCase>;
}

/**
 * Every subject's ledger from the whole store (the rebuild). An objection joins the
 * ledger of the subject its target event belongs to; repair cases are not needed (their
 * effects are ledger events).
 */
export function buildLedgers(
  events: Iterable<EventDoc>,
  cases: Iterable<CaseDoc> = [],
): ReadonlyMap<string, SubjectLedger> {
  const ledgers = new Map<string, MutableLedger>();
  const subjectOfEvent = new Map<string, string>();
  const ledgerOf = (subjectType: SubjectType, subjectId: string): MutableLedger => {
    const key = subjectKey(subjectType, subjectId);
    let ledger = ledgers.get(key);
    if (ledger === undefined) {
      ledger = { subjectType, subjectId, events: new Map(), objections: new Map() };
      ledgers.set(key, ledger);
    }
    return ledger;
  };
  for (const event of events) {
    const ledger = ledgerOf(event.subjectType, event.subjectId);
    if (supersedes(ledger.events.get(event.id), event, EVENT_WORKFLOW))
      ledger.events.set(event.id, event);
    subjectOfEvent.set(event.id, subjectKey(event.subjectType, event.subjectId));
  }
  for (const objection of cases) {
    if (objection.kind !== 'objection' || objection.targetType !== 'event') continue;
    const key = subjectOfEvent.get(objection.targetId);
    const ledger =
      key === undefined ? ledgerOf(objection.subjectType, objection.subjectId) : ledgers.get(key);
    if (
      ledger !== undefined &&
      supersedes(ledger.objections.get(objection.id), objection, CASE_WORKFLOW)
    )
      ledger.objections.set(objection.id, objection);
  }
  return ledgers;
}

// ---------------------------------------------------------------------------------------
// The explanation

export type NotCountedReason =
  /** Waiting for review, notice or confirmation, or takes effect after the date. */
  | 'not-yet-effective'
  /** Held by an open objection (异议处理中). */
  | 'under-objection'
  /** Past its validity (the record stays in the archive). */
  | 'expired'
  /** Undone by a reversal (冲正): `relatedId` is the reversal. */
  | 'reversed'
  /** An objection upheld, or the township's confirmation refused, before it took effect. */
  | 'annulled'
  /** Returned, rejected or withdrawn in review. */
  | 'not-approved'
  /** A repaired deduction whose repair's monitoring period has ended: `relatedId` is the adjustment. */
  | 'repaired'
  /** A reversal itself: it removes `relatedId`, the event it undoes. */
  | 'reversal'
  /** Redemption debits and year-close resets change the balance, never the score. */
  | 'balance-only';

export interface CountedEvent {
  readonly subjectType: SubjectType;
  readonly subjectId: string;
  readonly eventId: string;
  readonly kind: 'accrual' | 'deduction' | 'repair-adjustment';
  /** The rule as it was when recorded; absent for a repair adjustment. */
  readonly rule?: RuleSnapshot;
  readonly occurredOn: string;
  readonly effectiveOn: string;
  readonly expiresOn: string;
  /** As recorded (unit points × quantity). */
  readonly points: number;
  /** 1, or the rule's repeat multiplier for a repeat within validity. */
  readonly multiplier: number;
  /** The earlier breach this one repeats. */
  readonly repeatOf?: string;
  /** points × multiplier: what it adds to the score. */
  readonly contribution: number;
  /** false: a bonus during a direct-rating breach (counts in the score, not in the tier). */
  readonly liftsTier: boolean;
  /** For a repair adjustment: the deduction it softens. */
  readonly adjustsEventId?: string;
}

export interface NotCountedEvent {
  readonly subjectType: SubjectType;
  readonly subjectId: string;
  readonly eventId: string;
  readonly kind: EventKind;
  readonly rule?: RuleSnapshot;
  readonly occurredOn: string;
  readonly points: number;
  readonly expiresOn?: string;
  readonly reason: NotCountedReason;
  /** The reversal, objection case, repair adjustment or target the reason refers to. */
  readonly relatedId?: string;
}

/** A direct rating in force. */
export interface TierCap {
  readonly eventId: string;
  readonly ruleCode: string;
  readonly tier: DirectRating;
  /** The act's date … the last capped day. */
  readonly from: string;
  readonly until: string;
}

export interface BalanceDetail {
  /** Effective earned points (also the honour total). */
  readonly earned: number;
  /** Deductions counted against the balance (0 unless the village says so), positive. */
  readonly deducted: number;
  /** Redemption debits, positive. */
  readonly redeemed: number;
  /** Year-close resets, positive. */
  readonly reset: number;
  /** earned − deducted − redeemed − reset; may be negative after deductions. */
  readonly raw: number;
}

export interface SubjectScore {
  readonly subjectType: SubjectType;
  readonly subjectId: string;
  readonly asOf: string;
  readonly base: number;
  /** base + Σ counted contributions. */
  readonly score: number;
  /** The score without the bonuses that may not lift the tier. */
  readonly tierScore: number;
  readonly tier: string;
  /** The score's own band, before caps and held-back bonuses. */
  readonly uncappedTier: string;
  readonly caps: readonly TierCap[];
  /** max(0, balanceDetail.raw). */
  readonly balance: number;
  readonly honourTotal: number;
  readonly balanceDetail: BalanceDetail;
  readonly counted: readonly CountedEvent[];
  readonly notCounted: readonly NotCountedEvent[];
  /** The first date after asOf on which these figures can change without a new document. */
  readonly nextChangeOn?: string;
}

// ---------------------------------------------------------------------------------------
// Scoring one subject

const OPEN_OBJECTION: ReadonlySet<CaseStatus> = new Set(['received', 'verifying']);

function byActThenId(a: EventDoc, b: EventDoc): number {
  if (a.occurredOn !== b.occurredOn) return a.occurredOn < b.occurredOn ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function effectiveBy(event: EventDoc, asOf: string): boolean {
  return (
    event.status === 'effective' &&
    event.occurredOn <= asOf &&
    (event.effectiveOn ?? event.occurredOn) <= asOf
  );
}

/** Collects the earliest date after asOf on which something changes. */
class NextChange {
  #start: string | undefined;
  #lastDay: string | undefined;
  readonly #asOf: string;
  constructor(asOf: string) {
    this.#asOf = asOf;
  }
  /** Something starts on `date`. */
  startsOn(date: string | undefined): void {
    if (
      date !== undefined &&
      date > this.#asOf &&
      (this.#start === undefined || date < this.#start)
    )
      this.#start = date;
  }
  /** Something ends after `date` (its last day). */
  lastDay(date: string): void {
    if (date >= this.#asOf && (this.#lastDay === undefined || date < this.#lastDay))
      this.#lastDay = date;
  }
  get date(): string | undefined {
    const end = this.#lastDay === undefined ? undefined : addDays(this.#lastDay, 1);
    if (end === undefined) return this.#start;
    if (this.#start === undefined) return end;
    return end < this.#start ? end : this.#start;
  }
}

/** Scores one subject's ledger as of `asOf` (YYYY-MM-DD). */
export function scoreLedger(
  ledger: SubjectLedger,
  policy: ScoringPolicy,
  asOf: string,
): SubjectScore {
  const { subjectType, subjectId } = ledger;
  const events = [...ledger.events.values()].sort(byActThenId);
  const next = new NextChange(asOf);

  // Reversals in effect and objections holding an entry, as of the date.
  const reversedBy = new Map<string, string>();
  for (const event of events) {
    next.startsOn(event.occurredOn);
    next.startsOn(event.effectiveOn);
    if (event.kind === 'reversal' && effectiveBy(event, asOf) && !reversedBy.has(event.reversalOf))
      reversedBy.set(event.reversalOf, event.id);
  }
  const heldBy = new Map<string, string>();
  for (const objection of ledger.objections.values()) {
    if (objection.targetType !== 'event') continue;
    next.startsOn(objection.receivedOn);
    const decidedOn =
      objection.decision === undefined ? undefined : chinaDateOf(objection.decision.at);
    next.startsOn(decidedOn);
    const open =
      objection.receivedOn <= asOf &&
      (OPEN_OBJECTION.has(objection.status) || (decidedOn !== undefined && decidedOn > asOf));
    // Several open objections: name the first by id, whatever order they arrived in.
    const named = heldBy.get(objection.targetId);
    if (open && (named === undefined || objection.id < named))
      heldBy.set(objection.targetId, objection.id);
  }

  type Standing = { readonly reason: NotCountedReason; readonly relatedId?: string } | 'live';
  const standingOf = (event: EventDoc): Standing => {
    if (event.status === 'annulled') return { reason: 'annulled' };
    if (VOID_STATUSES.has(event.status)) return { reason: 'not-approved' };
    const reversal = reversedBy.get(event.id);
    if (reversal !== undefined) return { reason: 'reversed', relatedId: reversal };
    const objection = heldBy.get(event.id);
    if (objection !== undefined) return { reason: 'under-objection', relatedId: objection };
    if (!effectiveBy(event, asOf)) return { reason: 'not-yet-effective' };
    return 'live';
  };
  const standing = new Map<string, Standing>();
  for (const event of events) standing.set(event.id, standingOf(event));
  const isLive = (id: string): boolean => standing.get(id) === 'live';

  // Live repair adjustments by the deduction they soften.
  const adjustmentOf = new Map<string, RepairAdjustmentEvent>();
  for (const event of events)
    if (
      event.kind === 'repair-adjustment' &&
      isLive(event.id) &&
      !adjustmentOf.has(event.adjustsEventId)
    )
      adjustmentOf.set(event.adjustsEventId, event);

  // Direct ratings in force, and repeats, among live deductions.
  const caps: TierCap[] = [];
  const liveByRule = new Map<string, RuleEvent[]>();
  for (const event of events) {
    if (event.kind !== 'deduction' || !isLive(event.id)) continue;
    const same = liveByRule.get(event.rule.code);
    if (same === undefined) liveByRule.set(event.rule.code, [event]);
    else same.push(event);
    const tier = event.rule.directRating;
    if (tier === undefined) continue;
    const until = addMonths(
      event.occurredOn,
      policy.directRatingMonths[tier] ?? event.rule.validityMonths,
    );
    if (adjustmentOf.has(event.id)) continue;
    next.lastDay(until);
    if (asOf <= until)
      caps.push({
        eventId: event.id,
        ruleCode: event.rule.code,
        tier,
        from: event.occurredOn,
        until,
      });
  }

  const counted: CountedEvent[] = [];
  const notCounted: NotCountedEvent[] = [];
  const scoreStanding = new Map<string, Standing>();
  let earned = 0;
  let deducted = 0;
  let redeemed = 0;
  let reset = 0;
  const skip = (event: EventDoc, reason: NotCountedReason, relatedId?: string): void => {
    notCounted.push({
      subjectType,
      subjectId,
      eventId: event.id,
      kind: event.kind,
      ...(event.kind === 'accrual' || event.kind === 'deduction' ? { rule: event.rule } : {}),
      occurredOn: event.occurredOn,
      points: event.points,
      ...('expiresOn' in event ? { expiresOn: event.expiresOn } : {}),
      reason,
      ...(relatedId === undefined ? {} : { relatedId }),
    });
  };

  // Rule events first (adjustments depend on whether their deduction counts).
  for (const event of events) {
    const state = standing.get(event.id) ?? 'live';
    if (event.kind === 'reversal') {
      if (state === 'live') skip(event, 'reversal', event.reversalOf);
      else skip(event, state.reason, state.relatedId);
      continue;
    }
    if (event.kind === 'redemption-debit' || event.kind === 'year-close-reset') {
      if (state !== 'live') {
        skip(event, state.reason, state.relatedId);
        continue;
      }
      if (event.kind === 'redemption-debit') redeemed -= event.points;
      else reset -= event.points;
      skip(event, 'balance-only');
      continue;
    }
    if (event.kind !== 'accrual' && event.kind !== 'deduction') continue;
    if (state !== 'live') {
      scoreStanding.set(event.id, state);
      skip(event, state.reason, state.relatedId);
      continue;
    }
    let multiplier = 1;
    let repeatOf: string | undefined;
    if (event.kind === 'deduction' && event.rule.repeatMultiplier > 1) {
      const earlier = (liveByRule.get(event.rule.code) ?? []).find(
        (prior) => prior.occurredOn < event.occurredOn && event.occurredOn <= prior.expiresOn,
      );
      if (earlier !== undefined) {
        multiplier = event.rule.repeatMultiplier;
        repeatOf = earlier.id;
      }
    }
    const contribution = event.points * multiplier;
    if (event.kind === 'accrual') earned += event.points;
    else if (policy.deductionsAgainstBalance) deducted -= contribution;

    const adjustment = adjustmentOf.get(event.id);
    if (asOf > event.expiresOn) {
      scoreStanding.set(event.id, { reason: 'expired' });
      skip(event, 'expired');
      continue;
    }
    next.lastDay(event.expiresOn);
    if (adjustment !== undefined && asOf > adjustment.expiresOn) {
      scoreStanding.set(event.id, { reason: 'repaired', relatedId: adjustment.id });
      skip(event, 'repaired', adjustment.id);
      continue;
    }
    scoreStanding.set(event.id, 'live');
    counted.push({
      subjectType,
      subjectId,
      eventId: event.id,
      kind: event.kind,
      rule: event.rule,
      occurredOn: event.occurredOn,
      effectiveOn: event.effectiveOn ?? event.occurredOn,
      expiresOn: event.expiresOn,
      points: event.points,
      multiplier,
      ...(repeatOf === undefined ? {} : { repeatOf }),
      contribution,
      liftsTier:
        event.kind !== 'accrual' ||
        !caps.some((cap) => cap.from <= event.occurredOn && event.occurredOn <= cap.until),
    });
  }

  // Repair adjustments: they count only beside the deduction they soften.
  for (const event of events) {
    if (event.kind !== 'repair-adjustment') continue;
    const state = standing.get(event.id) ?? 'live';
    if (state !== 'live') {
      skip(event, state.reason, state.relatedId);
      continue;
    }
    const target = scoreStanding.get(event.adjustsEventId);
    if (policy.deductionsAgainstBalance && isLive(event.adjustsEventId)) deducted -= event.points;
    if (asOf > event.expiresOn) {
      skip(event, 'expired');
      continue;
    }
    if (target !== 'live') {
      skip(event, target?.reason ?? 'not-yet-effective', event.adjustsEventId);
      continue;
    }
    next.lastDay(event.expiresOn);
    counted.push({
      subjectType,
      subjectId,
      eventId: event.id,
      kind: 'repair-adjustment',
      occurredOn: event.occurredOn,
      effectiveOn: event.effectiveOn ?? event.occurredOn,
      expiresOn: event.expiresOn,
      points: event.points,
      multiplier: 1,
      contribution: event.points,
      liftsTier: true,
      adjustsEventId: event.adjustsEventId,
    });
  }

  const order = (a: { occurredOn: string; eventId: string }, b: typeof a): number =>
    a.occurredOn !== b.occurredOn
      ? a.occurredOn < b.occurredOn
        ? -1
        : 1
      : a.eventId < b.eventId
        ? -1
        : a.eventId > b.eventId
          ? 1
          : 0;
  counted.sort(order);
  notCounted.sort(order);

  let score = policy.base;
  let heldBack = 0;
  for (const entry of counted) {
    score += entry.contribution;
    if (!entry.liftsTier) heldBack += entry.contribution;
  }
  const tierScore = score - heldBack;
  const tier = caps.reduce(
    (lowest, cap) => lowerTier(policy, lowest, cap.tier),
    tierOf(policy, tierScore),
  );
  const raw = earned - deducted - redeemed - reset;
  const nextChangeOn = next.date;
  return {
    subjectType,
    subjectId,
    asOf,
    base: policy.base,
    score,
    tierScore,
    tier,
    uncappedTier: tierOf(policy, score),
    caps,
    balance: Math.max(0, raw),
    honourTotal: earned,
    balanceDetail: { earned, deducted, redeemed, reset, raw },
    counted,
    notCounted,
    ...(nextChangeOn === undefined ? {} : { nextChangeOn }),
  };
}

/** Scores one subject straight from documents (the town CLI's `score`). */
export function scoreSubject(
  subjectType: SubjectType,
  subjectId: string,
  events: Iterable<EventDoc>,
  cases: Iterable<CaseDoc>,
  policy: ScoringPolicy,
  asOf: string,
): SubjectScore {
  const ledger =
    buildLedgers(
      [...events].filter((e) => e.subjectType === subjectType && e.subjectId === subjectId),
      cases,
    ).get(subjectKey(subjectType, subjectId)) ?? emptyLedger(subjectType, subjectId);
  return scoreLedger(ledger, policy, asOf);
}

// ---------------------------------------------------------------------------------------
// Compact figures (what a device caches per subject) and the household roll-up

export interface SubjectFigures {
  readonly subjectType: SubjectType;
  readonly subjectId: string;
  readonly asOf: string;
  /** score − base */
  readonly delta: number;
  /** tierScore − base */
  readonly tierDelta: number;
  /** The strictest direct rating in force, if any. */
  readonly capTier?: string;
  readonly score: number;
  readonly tier: string;
  readonly uncappedTier: string;
  readonly balanceRaw: number;
  readonly balance: number;
  readonly honourTotal: number;
  readonly nextChangeOn?: string;
}

export function figuresOf(score: SubjectScore, policy: ScoringPolicy): SubjectFigures {
  const capTier = score.caps.reduce<string | undefined>(
    (lowest, cap) => (lowest === undefined ? cap.tier : lowerTier(policy, lowest, cap.tier)),
    undefined,
  );
  return {
    subjectType: score.subjectType,
    subjectId: score.subjectId,
    asOf: score.asOf,
    delta: score.score - score.base,
    tierDelta: score.tierScore - score.base,
    ...(capTier === undefined ? {} : { capTier }),
    score: score.score,
    tier: score.tier,
    uncappedTier: score.uncappedTier,
    balanceRaw: score.balanceDetail.raw,
    balance: score.balance,
    honourTotal: score.honourTotal,
    ...(score.nextChangeOn === undefined ? {} : { nextChangeOn: score.nextChangeOn }),
  };
}

/** Whether cached figures still hold on `date` (no event took effect or expired since). */
export function figuresHoldOn(figures: SubjectFigures, date: string): boolean {
  return (
    date >= figures.asOf && (figures.nextChangeOn === undefined || date < figures.nextChangeOn)
  );
}

/**
 * The incremental step: `doc` (a new event, a newer version of one, or an objection about
 * one of the subject's events) folded into the subject's ledger, and the subject's
 * figures as of `asOf`.
 */
export function applyToLedger(
  ledger: SubjectLedger,
  doc: EventDoc | ObjectionCase,
  policy: ScoringPolicy,
  asOf: string,
): { readonly ledger: SubjectLedger; readonly figures: SubjectFigures } {
  const next = doc.kind === 'objection' ? foldObjection(ledger, doc) : foldEvent(ledger, doc);
  return { ledger: next, figures: figuresOf(scoreLedger(next, policy, asOf), policy) };
}

export interface HouseholdMembers {
  readonly householdId: string;
  readonly memberIds: readonly string[];
  /** '' when the household has no head on the date (closed). */
  readonly headId: string;
}

/** Who belonged to the household on `date` and who was its head (membership history). */
export function householdMembersOn(household: HouseholdDoc, date: string): HouseholdMembers {
  const stints = household.members.filter(
    (stint) => stint.from <= date && (stint.to === undefined || date < stint.to),
  );
  const head = stints.find((stint) => stint.relation === 'head');
  return {
    householdId: household.id,
    memberIds: [...new Set(stints.map((stint) => stint.residentId))],
    headId: head?.residentId ?? '',
  };
}

export interface HouseholdFigures extends SubjectFigures {
  readonly rollUp: RollUp;
  /** The members whose figures were rolled up (all members; the head only for head-only). */
  readonly includedIds: readonly string[];
}

function zeroFigures(subjectId: string, asOf: string, policy: ScoringPolicy): SubjectFigures {
  const tier = tierOf(policy, policy.base);
  return {
    subjectType: 'resident',
    subjectId,
    asOf,
    delta: 0,
    tierDelta: 0,
    score: policy.base,
    tier,
    uncappedTier: tier,
    balanceRaw: 0,
    balance: 0,
    honourTotal: 0,
  };
}

/**
 * A household's figures (户积分) from its members' figures and its own (household events,
 * redemption debits), per the village's roll-up: 'sum' adds members' changes from base,
 * 'per-capita' averages them (rounded), 'head-only' takes the head's; the household's
 * own events are added in every mode. Balance and honour total roll up the same way. The
 * household's tier is capped by the direct ratings of its own events and of the included
 * members. A member without figures counts as one with no events.
 */
export function rollUpHousehold(
  members: HouseholdMembers,
  memberFigures: ReadonlyMap<string, SubjectFigures>,
  own: SubjectFigures,
  policy: ScoringPolicy,
): HouseholdFigures {
  const includedIds =
    policy.rollUp === 'head-only'
      ? members.headId === ''
        ? []
        : [members.headId]
      : members.memberIds;
  const included = includedIds.map(
    (id) => memberFigures.get(id) ?? zeroFigures(id, own.asOf, policy),
  );
  const combine = (pick: (f: SubjectFigures) => number): number => {
    const sum = included.reduce((total, f) => total + pick(f), 0);
    if (policy.rollUp !== 'per-capita') return sum;
    return included.length === 0 ? 0 : Math.round(sum / included.length);
  };
  const delta = combine((f) => f.delta) + own.delta;
  const tierDelta = combine((f) => f.tierDelta) + own.tierDelta;
  const balanceRaw = combine((f) => f.balanceRaw) + own.balanceRaw;
  const honourTotal = combine((f) => f.honourTotal) + own.honourTotal;
  let capTier = own.capTier;
  let nextChangeOn = own.nextChangeOn;
  for (const f of included) {
    if (f.capTier !== undefined)
      capTier = capTier === undefined ? f.capTier : lowerTier(policy, capTier, f.capTier);
    if (
      f.nextChangeOn !== undefined &&
      (nextChangeOn === undefined || f.nextChangeOn < nextChangeOn)
    )
      nextChangeOn = f.nextChangeOn;
  }
  const score = policy.base + delta;
  const numericTier = tierOf(policy, policy.base + tierDelta);
  return {
    subjectType: 'household',
    subjectId: members.householdId,
    asOf: own.asOf,
    delta,
    tierDelta,
    ...(capTier === undefined ? {} : { capTier }),
    score,
    tier: capTier === undefined ? numericTier : lowerTier(policy, numericTier, capTier),
    uncappedTier: tierOf(policy, score),
    balanceRaw,
    balance: Math.max(0, balanceRaw),
    honourTotal,
    ...(nextChangeOn === undefined ? {} : { nextChangeOn }),
    rollUp: policy.rollUp,
    includedIds,
  };
}

export interface HouseholdScore {
  readonly figures: HouseholdFigures;
  /** The household's own counted events and those of the included members. */
  readonly counted: readonly CountedEvent[];
  readonly notCounted: readonly NotCountedEvent[];
}

/** A household's figures with the explanation of every event behind them. */
export function scoreHousehold(
  members: HouseholdMembers,
  memberScores: ReadonlyMap<string, SubjectScore>,
  own: SubjectScore,
  policy: ScoringPolicy,
): HouseholdScore {
  const memberFigures = new Map(
    [...memberScores].map(([id, score]) => [id, figuresOf(score, policy)] as const),
  );
  const figures = rollUpHousehold(members, memberFigures, figuresOf(own, policy), policy);
  const scores = [own, ...figures.includedIds.flatMap((id) => memberScores.get(id) ?? [])];
  return {
    figures,
    counted: scores.flatMap((s) => s.counted),
    notCounted: scores.flatMap((s) => s.notCounted),
  };
}
