/**
 * The state of an entry as the resident's history shows it: its workflow status, or what
 * the scoring engine found about it on the village's date (reversed, held by an objection,
 * expired, repaired, waiting to take effect). Pure.
 */
import type { EventDoc, EventKind, EventStatus } from '../../../../../shared/collections/events.ts';
import type { NotCountedReason, SubjectScore } from '../../../../../shared/ledger/score.ts';

export type HistoryState =
  EventStatus | 'pending-effect' | 'reversed' | 'under-objection' | 'expired' | 'repaired';

/** Reasons that say more about an entry than its status does. */
const OVERRIDING: ReadonlySet<NotCountedReason> = new Set([
  'reversed',
  'under-objection',
  'expired',
  'repaired',
]);

export function historyStateOf(
  event: EventDoc,
  reasons: ReadonlyMap<string, NotCountedReason>,
  today: string,
): HistoryState {
  const reason = reasons.get(event.id);
  if (reason !== undefined && OVERRIDING.has(reason)) return reason as HistoryState;
  if (event.status === 'effective' && (event.effectiveOn ?? event.occurredOn) > today)
    return 'pending-effect';
  return event.status;
}

/** Event id → why it does not count in the score. */
export function reasonsOf(score: SubjectScore): ReadonlyMap<string, NotCountedReason> {
  return new Map(score.notCounted.map((entry) => [entry.eventId, entry.reason]));
}

/** Newest act first; among acts of one day, the later recorded first. */
export function newestFirst(a: EventDoc, b: EventDoc): number {
  if (a.occurredOn !== b.occurredOn) return a.occurredOn < b.occurredOn ? 1 : -1;
  if (a.createdAt !== b.createdAt) return b.createdAt - a.createdAt;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

export const EVENT_KINDS: readonly EventKind[] = [
  'accrual',
  'deduction',
  'redemption-debit',
  'repair-adjustment',
  'year-close-reset',
  'reversal',
];
