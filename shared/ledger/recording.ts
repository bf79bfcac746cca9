/**
 * Recording (录入): a single entry for a resident or a household, a batch entry (one rule
 * for many subjects, e.g. everyone at a clean-up day) and the rows of an import, all
 * through the same checks, so caps and periods hold however an entry arrives.
 *
 * Checks, in order (the first failure refuses the entry):
 * - the date of the act is a real date, not after today ('ledger.date-invalid');
 * - a rule set was in force on that date ('ledger.no-rule-set') and has the rule
 *   ('ledger.rule-unknown'), for this kind of subject ('ledger.rule-subject');
 * - quantity 1-10000 ('ledger.quantity-invalid'); a range rule's points decided within
 *   its range ('ledger.points-required', 'ledger.points-out-of-range');
 * - the same act twice — same subject, rule and date — is refused ('ledger.duplicate-entry');
 * - the rule's cap per subject and calendar period ('ledger.cap-times-exceeded',
 *   'ledger.cap-points-exceeded'). `times` counts units (quantities), `points` counts
 *   points; both count every standing entry (pending or effective, not refused, not
 *   reversed), so two pending entries cannot both slip under a cap.
 * An entry recorded more than `lateEntryDays` after the act is accepted with the warning
 * 'ledger.late-entry' (补录); its validity still runs from the act (expiresOn = occurredOn
 * + validity months). In a batch, rows are checked in order and every accepted row counts
 * for the rows after it: a cap cannot be broken by several rows of one batch.
 */
import type { EventDoc, RuleEvent } from '../collections/events.ts';
import type { HouseholdDoc } from '../collections/households.ts';
import type { RuleSetPolicy } from '../collections/policies.ts';
import type { ResidentDoc } from '../collections/residents.ts';
import type { RuleDefinition, RuleSnapshot } from '../collections/rule.ts';
import type { Evidence, SubjectType } from '../collections/schema.ts';
import { fail, ok, type AppError, type Result } from '../errors.ts';
import { newBase, type LedgerContext } from './context.ts';
import { addMonths, capPeriodOf, chinaDateOf, daysBetween, isCalendarDate } from './dates.ts';
import { findRule, pointsRange, snapshotRule } from './rule-sets.ts';
import { standingEvents } from './status.ts';
import { DEFAULT_LATE_ENTRY_DAYS } from './templates.ts';

/** Who an entry is about, with the name messages use (a resident's name, a 户编号). */
export interface EntrySubject {
  readonly type: SubjectType;
  readonly id: string;
  /** The subject's household now ('' if none); a household's own id. */
  readonly householdId: string;
  readonly name: string;
  readonly villageCode: string;
  readonly townshipCode: string;
}

export function residentSubject(resident: ResidentDoc): EntrySubject {
  return {
    type: 'resident',
    id: resident.id,
    householdId: resident.householdId,
    name: resident.name,
    villageCode: resident.villageCode,
    townshipCode: resident.townshipCode,
  };
}

export function householdSubject(household: HouseholdDoc): EntrySubject {
  return {
    type: 'household',
    id: household.id,
    householdId: household.id,
    name: household.householdNo,
    villageCode: household.villageCode,
    townshipCode: household.townshipCode,
  };
}

export interface EntryInput {
  readonly ruleCode: string;
  /** The date of the act. */
  readonly occurredOn: string;
  readonly quantity: number;
  /** A range rule's (一事一议) points per unit as decided, signed as the rule. */
  readonly unitPoints?: number;
  readonly note: string;
  readonly evidence: readonly Evidence[];
  /** The returned entry this one corrects. */
  readonly resubmissionOf?: string;
}

export interface RecordingRules {
  /** The rule set in force on the act's date (ruleSetInForce). */
  readonly ruleSet: RuleSetPolicy;
  /** Village setting; DEFAULT_LATE_ENTRY_DAYS (30) if unset. */
  readonly lateEntryDays?: number;
}

/**
 * 'entry': a clerk's entry, submitted for review. 'import': a historical entry from a
 * paper ledger (台账), recorded effective from the date of the act.
 */
export type RecordingMode = 'entry' | 'import';

/** What the checks found: everything an entry form shows before saving. */
export interface CheckedEntry {
  readonly rule: RuleDefinition;
  readonly snapshot: RuleSnapshot;
  /** Signed total: unit points × quantity. */
  readonly points: number;
  readonly expiresOn: string;
  /** 'ledger.late-entry' when recorded late. */
  readonly warnings: readonly AppError[];
}

interface Standing {
  readonly occurredOn: string;
  readonly quantity: number;
  readonly points: number;
}

/** Standing entries by subject and rule code: what duplicates and caps are checked against. */
class Occupancy {
  readonly #bySubjectRule = new Map<string, Standing[]>();
  readonly #resubmittable = new Set<string>();

  constructor(existing: Iterable<EventDoc>) {
    const all = [...existing];
    for (const event of all) if (event.status === 'returned') this.#resubmittable.add(event.id);
    for (const event of standingEvents(all))
      if (event.kind === 'accrual' || event.kind === 'deduction')
        this.add(event.subjectId, event.rule.code, event);
  }

  add(subjectId: string, ruleCode: string, entry: Standing): void {
    const key = `${subjectId}\u0000${ruleCode}`;
    const list = this.#bySubjectRule.get(key);
    if (list === undefined) this.#bySubjectRule.set(key, [entry]);
    else list.push(entry);
  }

  of(subjectId: string, ruleCode: string): readonly Standing[] {
    return this.#bySubjectRule.get(`${subjectId}\u0000${ruleCode}`) ?? [];
  }

  isResubmittable(id: string): boolean {
    return this.#resubmittable.has(id);
  }

  useUp(id: string): void {
    this.#resubmittable.delete(id);
  }
}

function checkWith(
  subject: EntrySubject,
  input: EntryInput,
  rules: RecordingRules,
  occupancy: Occupancy,
  today: string,
): Result<CheckedEntry> {
  const { ruleSet } = rules;
  if (!isCalendarDate(input.occurredOn) || input.occurredOn > today)
    return fail('ledger.date-invalid', { value: input.occurredOn });
  if (
    (ruleSet.status !== 'adopted' && ruleSet.status !== 'superseded') ||
    ruleSet.effectiveFrom > input.occurredOn
  )
    return fail('ledger.no-rule-set', { date: input.occurredOn });
  if (ruleSet.villageCode !== subject.villageCode)
    throw new RangeError('the rule set and the subject belong to different villages');
  const rule = findRule(ruleSet, input.ruleCode);
  if (rule === undefined) return fail('ledger.rule-unknown', { code: input.ruleCode });
  if ((rule.subject === 'person') !== (subject.type === 'resident'))
    return fail('ledger.rule-subject', { code: rule.code, name: subject.name });
  if (!Number.isInteger(input.quantity) || input.quantity < 1 || input.quantity > 10_000)
    return fail('ledger.quantity-invalid', { value: input.quantity });

  const range = pointsRange(rule);
  let unitPoints: number;
  if (rule.points !== undefined) unitPoints = input.unitPoints ?? rule.points;
  else if (input.unitPoints === undefined)
    return fail('ledger.points-required', { code: rule.code, min: range.min, max: range.max });
  else unitPoints = input.unitPoints;
  if (!Number.isInteger(unitPoints) || unitPoints < range.min || unitPoints > range.max)
    return fail('ledger.points-out-of-range', {
      code: rule.code,
      min: range.min,
      max: range.max,
      value: unitPoints,
    });
  const points = unitPoints * input.quantity;

  if (input.resubmissionOf !== undefined && !occupancy.isResubmittable(input.resubmissionOf))
    return fail('ledger.state-changed');

  const standing = occupancy.of(subject.id, rule.code);
  if (standing.some((entry) => entry.occurredOn === input.occurredOn))
    return fail('ledger.duplicate-entry', {
      name: subject.name,
      code: rule.code,
      date: input.occurredOn,
    });
  const capped = checkCap(subject, rule, input, points, standing);
  if (!capped.ok) return capped;

  const lateEntryDays = rules.lateEntryDays ?? DEFAULT_LATE_ENTRY_DAYS;
  const days = daysBetween(input.occurredOn, today);
  return ok({
    rule,
    snapshot: snapshotRule(rule, unitPoints),
    points,
    expiresOn: addMonths(input.occurredOn, rule.validityMonths),
    warnings:
      days > lateEntryDays
        ? [{ code: 'ledger.late-entry', params: { days, limit: lateEntryDays } }]
        : [],
  });
}

function checkCap(
  subject: EntrySubject,
  rule: RuleDefinition,
  input: EntryInput,
  points: number,
  standing: readonly Standing[],
): Result<true> {
  const cap = rule.cap;
  if (cap === undefined) return ok(true);
  let from: string;
  let to: string;
  let inPeriod: readonly Standing[];
  if (cap.per === 'event') {
    from = to = input.occurredOn;
    inPeriod = [];
  } else if (cap.per === 'lifetime') {
    inPeriod = standing;
    from = inPeriod.reduce((a, e) => (e.occurredOn < a ? e.occurredOn : a), input.occurredOn);
    to = inPeriod.reduce((a, e) => (e.occurredOn > a ? e.occurredOn : a), input.occurredOn);
  } else {
    const period = capPeriodOf(input.occurredOn, cap.per);
    if (period === undefined) throw new RangeError(`cap period ${cap.per}`);
    ({ from, to } = period);
    inPeriod = standing.filter((e) => e.occurredOn >= from && e.occurredOn <= to);
  }
  const params = { name: subject.name, code: rule.code, from, to };
  if (cap.times !== undefined) {
    const used = inPeriod.reduce((sum, e) => sum + e.quantity, 0);
    if (used + input.quantity > cap.times)
      return fail('ledger.cap-times-exceeded', { ...params, limit: cap.times, used });
  }
  if (cap.points !== undefined) {
    const used = inPeriod.reduce((sum, e) => sum + Math.abs(e.points), 0);
    if (used + Math.abs(points) > cap.points)
      return fail('ledger.cap-points-exceeded', { ...params, limit: cap.points, used });
  }
  return ok(true);
}

/**
 * Checks one entry without recording it (for the entry form). `existing` holds the
 * subject's events (any status; reversals included): the duplicates and caps are
 * checked against them.
 */
export function checkEntry(
  subject: EntrySubject,
  input: EntryInput,
  rules: RecordingRules,
  existing: Iterable<EventDoc>,
  today: string,
): Result<CheckedEntry> {
  return checkWith(subject, input, rules, new Occupancy(existing), today);
}

function eventOf(
  subject: EntrySubject,
  input: EntryInput,
  checked: CheckedEntry,
  ruleSetId: string,
  mode: RecordingMode,
  batchId: string | undefined,
  ctx: LedgerContext,
): RuleEvent {
  return {
    ...newBase(subject, ctx),
    kind: checked.rule.direction === '+' ? 'accrual' : 'deduction',
    subjectType: subject.type,
    subjectId: subject.id,
    householdId: subject.householdId,
    points: checked.points,
    occurredOn: input.occurredOn,
    note: input.note,
    status: mode === 'import' ? 'effective' : 'submitted',
    ...(mode === 'import' ? { effectiveOn: input.occurredOn } : {}),
    ruleSetId,
    rule: checked.snapshot,
    quantity: input.quantity,
    expiresOn: checked.expiresOn,
    evidence: input.evidence,
    ...(batchId === undefined ? {} : { batchId }),
    ...(input.resubmissionOf === undefined ? {} : { resubmissionOf: input.resubmissionOf }),
  };
}

export interface RecordedEntry {
  readonly event: RuleEvent;
  readonly warnings: readonly AppError[];
}

/** Records one entry: the event to write ('submitted', or 'effective' for an import). */
export function recordEntry(
  subject: EntrySubject,
  input: EntryInput,
  rules: RecordingRules,
  existing: Iterable<EventDoc>,
  ctx: LedgerContext,
  mode: RecordingMode = 'entry',
): Result<RecordedEntry> {
  const checked = checkEntry(subject, input, rules, existing, ctx.today);
  if (!checked.ok) return checked;
  return ok({
    event: eventOf(subject, input, checked.value, rules.ruleSet.id, mode, undefined, ctx),
    warnings: checked.value.warnings,
  });
}

export interface EntryRow {
  readonly subject: EntrySubject;
  readonly input: EntryInput;
}

export interface RecordedRow extends RecordedEntry {
  /** Index of the row in the input (0-based). */
  readonly row: number;
}

export interface RefusedRow {
  readonly row: number;
  /** The subject's name (a resident's name, a 户编号), so the refusal names the row. */
  readonly name: string;
  readonly error: AppError;
}

export interface BatchResult {
  readonly batchId: string;
  /** The events to write — only after the clerk confirms when some rows were refused. */
  readonly recorded: readonly RecordedRow[];
  readonly refused: readonly RefusedRow[];
}

/**
 * Checks and records many rows at once (batch entry, import). Each row is checked
 * against the existing events and the rows accepted before it; refused rows are named,
 * the others become events sharing one `batchId`. Nothing is written here: the caller
 * writes `recorded` (all-or-nothing for an import, after confirmation for a batch).
 * `existing` holds the events of every subject in the rows.
 */
export function recordEntries(
  rows: readonly EntryRow[],
  rules: RecordingRules,
  existing: Iterable<EventDoc>,
  ctx: LedgerContext,
  mode: RecordingMode = 'entry',
): BatchResult {
  const occupancy = new Occupancy(existing);
  const batchId = ctx.newId();
  const recorded: RecordedRow[] = [];
  const refused: RefusedRow[] = [];
  rows.forEach(({ subject, input }, row) => {
    const checked = checkWith(subject, input, rules, occupancy, ctx.today);
    if (!checked.ok) {
      refused.push({ row, name: subject.name, error: checked.error });
      return;
    }
    const event = eventOf(subject, input, checked.value, rules.ruleSet.id, mode, batchId, ctx);
    occupancy.add(subject.id, checked.value.rule.code, event);
    if (input.resubmissionOf !== undefined) occupancy.useUp(input.resubmissionOf);
    recorded.push({ row, event, warnings: checked.value.warnings });
  });
  return { batchId, recorded, refused };
}

/** Batch entry: one rule, date and quantity for many subjects. */
export function batchRows(
  subjects: readonly EntrySubject[],
  input: EntryInput,
): readonly EntryRow[] {
  return subjects.map((subject) => ({ subject, input }));
}

/**
 * Whether a recorded entry is late (补录) for screens and sheets: recorded (the China date
 * of its createdAt) more than `lateEntryDays` after the act. Derived, since the event has
 * no field for it; an imported historical entry reads as late too.
 */
export function isLateEntry(
  event: Pick<RuleEvent, 'occurredOn' | 'createdAt'>,
  lateEntryDays: number = DEFAULT_LATE_ENTRY_DAYS,
): boolean {
  return daysBetween(event.occurredOn, chinaDateOf(event.createdAt)) > lateEntryDays;
}
