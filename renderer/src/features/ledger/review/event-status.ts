/**
 * The state of an entry as every screen shows it: its workflow status, refined by what
 * the documents around it say — held by an open objection (异议处理中), undone by a
 * reversal (已冲正) or about to be (冲正审核中), past its validity, waiting for notice or
 * for the township. Pure; read from the subject's own ledger (its events and the
 * objections about them, kept by the village figures), so it costs one subject, not the
 * village.
 */
import type { EventDoc } from '../../../../../shared/collections/events.ts';
import { heldIds } from '../../../../../shared/ledger/notice.ts';
import { needsConfirmation } from '../../../../../shared/ledger/review.ts';
import type { SubjectLedger } from '../../../../../shared/ledger/score.ts';
import {
  reversalTargets,
  reversedIds,
  VOID_STATUSES,
} from '../../../../../shared/ledger/status.ts';
import type { VillageLedger } from '../village-ledger.ts';

export type EventState =
  | 'submitted'
  /** Approved; its rule needs public notice and it is in no batch yet. */
  | 'awaiting-notice'
  /** Approved direct-rating deduction that needs no notice: the township confirms it. */
  | 'awaiting-confirmation'
  | 'approved'
  | 'returned'
  | 'rejected'
  | 'withdrawn'
  | 'in-notice'
  | 'confirmed'
  | 'effective'
  /** Effective from a later date (after its notice period). */
  | 'pending-effect'
  | 'expired'
  | 'annulled'
  /** Held by an open objection (异议处理中). */
  | 'under-objection'
  /** Undone by an effective reversal (已冲正). */
  | 'reversed'
  /** A reversal of it waits for review (冲正审核中). */
  | 'reversing';

export const EVENT_STATES: readonly EventState[] = [
  'submitted',
  'awaiting-notice',
  'awaiting-confirmation',
  'approved',
  'returned',
  'rejected',
  'withdrawn',
  'in-notice',
  'confirmed',
  'effective',
  'pending-effect',
  'expired',
  'annulled',
  'under-objection',
  'reversed',
  'reversing',
];

/** What the documents around a subject's entries say about them. */
export interface EntryMarks {
  /** Held by an open objection. */
  readonly held: ReadonlySet<string>;
  /** Undone by an effective reversal. */
  readonly reversed: ReadonlySet<string>;
  /** Undone, or about to be undone, by a reversal not refused. */
  readonly reversing: ReadonlySet<string>;
}

// A subject's ledger is replaced, never changed, when a document about it arrives.
const marksCache = new WeakMap<SubjectLedger, EntryMarks>();

export function marksOf(subject: SubjectLedger): EntryMarks {
  const cached = marksCache.get(subject);
  if (cached !== undefined) return cached;
  const marks: EntryMarks = {
    held: heldIds(subject.objections.values()),
    reversed: reversedIds(subject.events.values()),
    reversing: reversalTargets(subject.events.values()),
  };
  marksCache.set(subject, marks);
  return marks;
}

/** The marks of the subject `event` is about. */
export function marksFor(event: EventDoc, ledger: VillageLedger): EntryMarks {
  return marksOf(ledger.figures.ledger(event.subjectType, event.subjectId));
}

function awaitsNotice(event: EventDoc): boolean {
  return (
    (event.kind === 'accrual' || event.kind === 'deduction') &&
    event.rule.noticeRequired &&
    event.noticeId === undefined
  );
}

function expiresOn(event: EventDoc): string | undefined {
  return event.kind === 'accrual' ||
    event.kind === 'deduction' ||
    event.kind === 'repair-adjustment'
    ? event.expiresOn
    : undefined;
}

/** The state of `event` on `today`, given its subject's marks. */
export function stateOf(event: EventDoc, marks: EntryMarks, today: string): EventState {
  if (VOID_STATUSES.has(event.status)) return event.status;
  if (marks.held.has(event.id)) return 'under-objection';
  if (marks.reversed.has(event.id)) return 'reversed';
  if (marks.reversing.has(event.id)) return 'reversing';
  switch (event.status) {
    case 'effective': {
      const expiry = expiresOn(event);
      if (expiry !== undefined && expiry < today) return 'expired';
      if ((event.effectiveOn ?? event.occurredOn) > today) return 'pending-effect';
      return 'effective';
    }
    case 'approved':
      if (awaitsNotice(event)) return 'awaiting-notice';
      if (needsConfirmation(event) && event.confirmation === undefined)
        return 'awaiting-confirmation';
      return 'approved';
    default:
      return event.status;
  }
}

/** The state of an entry in the village's ledger as it is now. */
export function eventStateOf(event: EventDoc, ledger: VillageLedger): EventState {
  return stateOf(event, marksFor(event, ledger), ledger.today);
}

/** Whether an open objection holds the entry (异议处理中). */
export function isHeld(event: EventDoc, ledger: VillageLedger): boolean {
  return marksFor(event, ledger).held.has(event.id);
}
