/**
 * The review screen's lists, read from the village's ledger in memory: the queue of
 * submitted entries (审核队列), the approved entries waiting for a notice batch and the
 * direct-rating deductions waiting for the township, each entry as a row with the names
 * the screen shows. Filters and order apply to the rows. Pure.
 */
import type { EventDoc } from '../../../../../shared/collections/events.ts';
import type { SubjectType } from '../../../../../shared/collections/schema.ts';
import type { ErrorCode } from '../../../../../shared/errors.ts';
import { isLateEntry } from '../../../../../shared/ledger/recording.ts';
import {
  mayReview,
  needsConfirmation,
  type Reviewer,
} from '../../../../../shared/ledger/review.ts';
import { DEFAULT_LATE_ENTRY_DAYS } from '../../../../../shared/ledger/templates.ts';
import type { VillageRegister } from '../../residents/register-data.ts';
import type { VillageLedger } from '../village-ledger.ts';

/** Roles that review (审核): the second person. The clerk (录入员) records only. */
export const REVIEW_ROLES: readonly string[] = ['village_reviewer', 'village_admin'];

export interface EntryRow {
  readonly key: string;
  readonly event: EventDoc;
  readonly subjectType: SubjectType;
  /** A resident's name or a household's number ('' when the register has no such subject). */
  readonly subjectName: string;
  /** The household the entry is about (its number, '' if none). */
  readonly householdNo: string;
  /** The 村民小组 of that household ('' if none). */
  readonly groupId: string;
  /** The rule as recorded; for a reversal, the rule of the entry it undoes. */
  readonly ruleCode: string;
  readonly ruleName: string;
  readonly category: string;
  readonly isReversal: boolean;
  readonly points: number;
  readonly occurredOn: string;
  readonly recordedBy: string;
  readonly recordedAt: number;
  /** Recorded more than the village's late-entry days after the act (补录). */
  readonly late: boolean;
  readonly note: string;
  readonly evidenceCount: number;
  /** Why this reviewer may not review it (conflict of interest), if so. */
  readonly blocked: ErrorCode | undefined;
}

function ruleOf(
  event: EventDoc,
  ledger: VillageLedger,
): { readonly code: string; readonly name: string; readonly category: string } {
  if (event.kind === 'accrual' || event.kind === 'deduction')
    return { code: event.rule.code, name: event.rule.nameZh, category: event.rule.category };
  if (event.kind === 'reversal') {
    const target = ledger.events.get(event.reversalOf);
    if (target?.kind === 'accrual' || target?.kind === 'deduction')
      return { code: target.rule.code, name: target.rule.nameZh, category: target.rule.category };
  }
  return { code: '', name: '', category: '' };
}

export function entryRow(
  event: EventDoc,
  ledger: VillageLedger,
  register: VillageRegister,
  reviewer: Reviewer,
): EntryRow {
  const household =
    event.subjectType === 'household'
      ? register.householdById.get(event.subjectId)
      : event.householdId === ''
        ? undefined
        : register.householdById.get(event.householdId);
  const subjectName =
    event.subjectType === 'household'
      ? (household?.householdNo ?? '')
      : (register.residentById.get(event.subjectId)?.name ?? '');
  const rule = ruleOf(event, ledger);
  const ruleEvent = event.kind === 'accrual' || event.kind === 'deduction';
  const allowed = mayReview(event, reviewer);
  return {
    key: event.id,
    event,
    subjectType: event.subjectType,
    subjectName,
    householdNo: household?.householdNo ?? '',
    groupId: household?.groupId ?? '',
    ruleCode: rule.code,
    ruleName: rule.name,
    category: rule.category,
    isReversal: event.kind === 'reversal',
    points: event.points,
    occurredOn: event.occurredOn,
    recordedBy: event.createdBy,
    recordedAt: event.createdAt,
    late:
      ruleEvent && isLateEntry(event, ledger.settings?.lateEntryDays ?? DEFAULT_LATE_ENTRY_DAYS),
    note: event.note,
    evidenceCount: ruleEvent ? event.evidence.length : 0,
    blocked: allowed.ok ? undefined : allowed.error.code,
  };
}

/** The entries the review screen lists, by where they wait. */
export interface ReviewLists {
  /** Submitted, waiting for review (审核). */
  readonly pending: readonly EventDoc[];
  /** Approved, their rule needs notice, in no batch yet (the notices tab posts them). */
  readonly awaitingNotice: readonly EventDoc[];
  /** Direct-rating deductions the township has not confirmed yet (乡镇确认). */
  readonly awaitingConfirmation: readonly EventDoc[];
}

export function reviewLists(events: Iterable<EventDoc>): ReviewLists {
  const pending: EventDoc[] = [];
  const awaitingNotice: EventDoc[] = [];
  const awaitingConfirmation: EventDoc[] = [];
  for (const event of events) {
    if (event.status === 'submitted') pending.push(event);
    else if (
      event.status === 'approved' &&
      (event.kind === 'accrual' || event.kind === 'deduction') &&
      event.rule.noticeRequired &&
      event.noticeId === undefined
    )
      awaitingNotice.push(event);
    if (
      needsConfirmation(event) &&
      event.confirmation === undefined &&
      (event.status === 'approved' || event.status === 'in-notice')
    )
      awaitingConfirmation.push(event);
  }
  return { pending, awaitingNotice, awaitingConfirmation };
}

/** '' for any. The rule filter is 'category:<name>' or 'rule:<code>'. */
export interface QueueFilters {
  readonly rule: string;
  readonly recorder: string;
  /** A group's id, NO_GROUP_FILTER for entries outside any group, '' for any. */
  readonly groupId: string;
  /** Act date from / to, inclusive ('YYYY-MM-DD', '' open). */
  readonly from: string;
  readonly to: string;
  readonly direction: '' | 'bonus' | 'deduction';
  readonly order: 'newest' | 'oldest';
}

export const NO_GROUP_FILTER = '-';

export const NO_QUEUE_FILTERS: QueueFilters = {
  rule: '',
  recorder: '',
  groupId: '',
  from: '',
  to: '',
  direction: '',
  order: 'oldest',
};

export function isFilteringQueue(filters: QueueFilters): boolean {
  return (
    filters.rule !== '' ||
    filters.recorder !== '' ||
    filters.groupId !== '' ||
    filters.from !== '' ||
    filters.to !== '' ||
    filters.direction !== ''
  );
}

export function passesQueueFilters(row: EntryRow, filters: QueueFilters): boolean {
  if (filters.rule.startsWith('category:') && row.category !== filters.rule.slice(9)) return false;
  if (filters.rule.startsWith('rule:') && row.ruleCode !== filters.rule.slice(5)) return false;
  if (filters.recorder !== '' && row.recordedBy !== filters.recorder) return false;
  if (
    filters.groupId === NO_GROUP_FILTER
      ? row.groupId !== ''
      : filters.groupId !== '' && row.groupId !== filters.groupId
  )
    return false;
  if (filters.from !== '' && row.occurredOn < filters.from) return false;
  if (filters.to !== '' && row.occurredOn > filters.to) return false;
  if (filters.direction === 'bonus' && row.points < 0) return false;
  if (filters.direction === 'deduction' && row.points >= 0) return false;
  return true;
}

/** Oldest or newest recorded first; ties by id, so the order never jumps. */
export function byRecording(order: QueueFilters['order']): (a: EntryRow, b: EntryRow) => number {
  const sign = order === 'oldest' ? 1 : -1;
  return (a, b) =>
    a.recordedAt !== b.recordedAt
      ? sign * (a.recordedAt - b.recordedAt)
      : sign * (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/** The rows of `events`, filtered and ordered. */
export function queueRows(
  events: readonly EventDoc[],
  ledger: VillageLedger,
  register: VillageRegister,
  reviewer: Reviewer,
  filters: QueueFilters,
): EntryRow[] {
  return events
    .map((event) => entryRow(event, ledger, register, reviewer))
    .filter((row) => passesQueueFilters(row, filters))
    .sort(byRecording(filters.order));
}

/** The choices of the rule filter: the categories and rules among `rows`, sorted. */
export function ruleChoices(rows: readonly EntryRow[]): {
  readonly categories: readonly string[];
  readonly rules: readonly { readonly code: string; readonly name: string }[];
} {
  const categories = new Set<string>();
  const rules = new Map<string, string>();
  for (const row of rows) {
    if (row.category !== '') categories.add(row.category);
    if (row.ruleCode !== '') rules.set(row.ruleCode, row.ruleName);
  }
  return {
    categories: [...categories].sort((a, b) => a.localeCompare(b, 'zh-CN')),
    rules: [...rules]
      .map(([code, name]) => ({ code, name }))
      .sort((a, b) => a.code.localeCompare(b.code)),
  };
}

/** The people who recorded `rows`, in order of first appearance. */
export function recordersOf(rows: readonly EntryRow[]): readonly string[] {
  return [...new Set(rows.map((row) => row.recordedBy))];
}
