/**
 * What the review screen writes: the entries a review (通过 / 退回 / 驳回) or a correction
 * (冲正) produces through the shared operations, each with its audit line (审计记录). Pure:
 * the hooks read the ledger as it is now, call one of these with the clock and the user,
 * and write what comes back (writeLedger).
 */
import type { CaseDoc } from '../../../../../shared/collections/cases.ts';
import type { EventDoc, ReversalEvent } from '../../../../../shared/collections/events.ts';
import type { AuditEntry } from '../../../../../shared/collections/journal.ts';
import { fail, ok, type AppError, type Result } from '../../../../../shared/errors.ts';
import type { LedgerContext, Place } from '../../../../../shared/ledger/context.ts';
import {
  reverseEntry,
  reviewEntries,
  type ReviewDecision,
  type Reviewer,
} from '../../../../../shared/ledger/review.ts';
import type { SubjectLedger } from '../../../../../shared/ledger/score.ts';
import type { LedgerWrites } from '../ledger-store.ts';
import { marksOf } from './event-status.ts';

/** An audit line for a step on an entry or a case: who did what to which document. */
export function ledgerAudit(
  place: Place,
  ctx: LedgerContext,
  action: string,
  target: EventDoc | CaseDoc,
  changedFields: readonly string[],
): AuditEntry {
  return {
    id: ctx.newId(),
    villageCode: place.villageCode,
    townshipCode: place.townshipCode,
    createdAt: ctx.now,
    createdBy: ctx.userId,
    deviceId: ctx.deviceId,
    updatedAt: ctx.now,
    updatedBy: ctx.userId,
    kind: 'audit',
    subjectId: target.subjectId,
    subjectType: target.subjectType,
    purpose: '',
    action,
    targetCollection: target.kind === 'objection' || target.kind === 'repair' ? 'cases' : 'events',
    targetId: target.id,
    changedFields: [...changedFields],
  };
}

export interface ReviewOutcome {
  readonly writes: LedgerWrites;
  readonly reviewed: readonly EventDoc[];
  readonly refused: readonly { readonly eventId: string; readonly error: AppError }[];
}

/**
 * One decision on many entries (bulk approve, or a single row): the shared review refuses
 * what this reviewer may not review (own entry, own household), a missing note, an entry
 * someone else already reviewed; the rest is written.
 */
export function reviewWrites(
  events: readonly EventDoc[],
  decision: ReviewDecision,
  note: string,
  reviewer: Reviewer,
  place: Place,
  ctx: LedgerContext,
): ReviewOutcome {
  const { reviewed, refused } = reviewEntries(events, decision, note, reviewer, ctx);
  return {
    writes: {
      events: reviewed,
      journal: reviewed.map((event) =>
        ledgerAudit(place, ctx, 'event.review', event, ['status', 'review']),
      ),
    },
    reviewed,
    refused,
  };
}

/**
 * 冲正 of an effective entry: a new reversal event with the reason, submitted for review
 * like any entry. Refused while an objection holds the entry — its decision settles the
 * entry (an upheld objection reverses it), and two reversals must never undo it twice.
 */
export function reversalWrites(
  target: EventDoc,
  reason: string,
  subject: SubjectLedger,
  place: Place,
  ctx: LedgerContext,
): Result<{ readonly writes: LedgerWrites; readonly reversal: ReversalEvent }> {
  const marks = marksOf(subject);
  if (marks.held.has(target.id)) return fail('ledger.state-changed');
  const reversal = reverseEntry(target, reason, marks.reversing, ctx);
  if (!reversal.ok) return reversal;
  return ok({
    writes: {
      events: [reversal.value],
      journal: [ledgerAudit(place, ctx, 'event.reverse', reversal.value, ['reversalOf', 'note'])],
    },
    reversal: reversal.value,
  });
}
