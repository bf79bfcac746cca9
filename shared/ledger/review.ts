/**
 * Review (审核) and the other steps an entry takes on its own: a second person approves,
 * returns or rejects each submitted entry; the recorder may withdraw it before review; the
 * township confirms or refuses a direct-rating deduction (直接判级); staff reverse an
 * effective entry (冲正). Every function returns the document(s) to write, moving `status`
 * only forward along EVENT_WORKFLOW (collections/events.ts), so two devices that acted
 * offline converge under the sync rules.
 *
 * Who may review: never the entry's recorder ('ledger.review-own-entry'), never someone
 * the entry is about or who lives in the household it is about
 * ('ledger.review-own-household'). Returning or rejecting needs a note.
 *
 * Where an approved entry goes next: a reversal takes effect at once; a rule entry whose
 * rule needs public notice waits as 'approved' for a notice batch (notice.ts); a
 * direct-rating deduction without notice waits for the township's confirmation; any other
 * entry takes effect on the day of approval.
 */
import type { EventDoc, ReversalEvent } from '../collections/events.ts';
import type { NoticeDoc } from '../collections/notices.ts';
import { fail, ok, type AppError, type Result } from '../errors.ts';
import { newBase, stampOf, touch, type LedgerContext } from './context.ts';

export interface Reviewer {
  readonly userId: string;
  /** The reviewer's own resident record, when they live in the village. */
  readonly residentId?: string;
  /** The households the reviewer belongs to (the one they live in now, at least). */
  readonly householdIds: readonly string[];
}

export type ReviewDecision = 'approved' | 'returned' | 'rejected';

/** Whether `reviewer` may review `event` at all (the conflict-of-interest rules). */
export function mayReview(event: EventDoc, reviewer: Reviewer): Result<true> {
  if (event.createdBy === reviewer.userId) return fail('ledger.review-own-entry');
  const own = new Set(reviewer.householdIds);
  if (
    (reviewer.residentId !== undefined && event.subjectId === reviewer.residentId) ||
    (event.householdId !== '' && own.has(event.householdId)) ||
    (event.subjectType === 'household' && own.has(event.subjectId))
  )
    return fail('ledger.review-own-household');
  return ok(true);
}

/** Whether the entry's rule needs public notice before it takes effect. */
export function needsNotice(event: EventDoc): boolean {
  return (event.kind === 'accrual' || event.kind === 'deduction') && event.rule.noticeRequired;
}

export function needsConfirmation(event: EventDoc): boolean {
  return event.kind === 'deduction' && event.rule.directRating !== undefined;
}

/** Reviews one submitted entry. */
export function reviewEntry(
  event: EventDoc,
  decision: ReviewDecision,
  note: string,
  reviewer: Reviewer,
  ctx: LedgerContext,
): Result<EventDoc> {
  if (event.status !== 'submitted') return fail('ledger.state-changed');
  const allowed = mayReview(event, reviewer);
  if (!allowed.ok) return allowed;
  if (decision !== 'approved' && note.trim() === '') return fail('ledger.note-required');
  const review = { decision, note: note.trim(), by: reviewer.userId, at: ctx.now };
  if (decision !== 'approved') return ok(touch(event, { status: decision, review }, ctx));
  const waits = event.kind !== 'reversal' && (needsNotice(event) || needsConfirmation(event));
  return ok(
    touch(
      event,
      waits
        ? { status: 'approved', review }
        : { status: 'effective', review, effectiveOn: ctx.today },
      ctx,
    ),
  );
}

export interface BulkReview {
  readonly reviewed: readonly EventDoc[];
  readonly refused: readonly { readonly eventId: string; readonly error: AppError }[];
}

/** Reviews many entries with one decision (bulk approve); each refusal is reported, the rest go through. */
export function reviewEntries(
  events: readonly EventDoc[],
  decision: ReviewDecision,
  note: string,
  reviewer: Reviewer,
  ctx: LedgerContext,
): BulkReview {
  const reviewed: EventDoc[] = [];
  const refused: { eventId: string; error: AppError }[] = [];
  for (const event of events) {
    const result = reviewEntry(event, decision, note, reviewer, ctx);
    if (result.ok) reviewed.push(result.value);
    else refused.push({ eventId: event.id, error: result.error });
  }
  return { reviewed, refused };
}

/** The recorder takes back a submitted entry before review. */
export function withdrawEntry(event: EventDoc, ctx: LedgerContext): Result<EventDoc> {
  if (event.status !== 'submitted') return fail('ledger.state-changed');
  return ok(touch(event, { status: 'withdrawn' }, ctx));
}

/**
 * The township confirms or refuses a direct-rating deduction. Refused: the entry is
 * annulled. Confirmed: it takes effect today if it needs no notice or its notice has
 * closed and no objection holds it (`held`); otherwise it waits as 'confirmed' and the
 * notice's close (or the objection's dismissal) makes it effective.
 */
export function confirmDirectRating(
  event: EventDoc,
  decision: 'confirmed' | 'refused',
  note: string,
  notice: NoticeDoc | undefined,
  held: boolean,
  ctx: LedgerContext,
): Result<EventDoc> {
  if (!needsConfirmation(event) || event.confirmation !== undefined)
    return fail('ledger.state-changed');
  const noticed = needsNotice(event);
  // With notice, confirmation comes once the entry is posted (in-notice → confirmed).
  if (event.status !== (noticed ? 'in-notice' : 'approved')) return fail('ledger.state-changed');
  if (decision === 'refused' && note.trim() === '') return fail('ledger.note-required');
  const confirmation = { decision, note: note.trim(), ...stampOf(ctx) };
  if (decision === 'refused') return ok(touch(event, { status: 'annulled', confirmation }, ctx));
  const noticeOver = !noticed || notice?.status === 'closed';
  return ok(
    touch(
      event,
      noticeOver && !held
        ? { status: 'effective', confirmation, effectiveOn: ctx.today }
        : { status: 'confirmed', confirmation },
      ctx,
    ),
  );
}

/**
 * 冲正: a correction of an effective entry, as a new reversal event with the reason; the
 * original stays in the history. Submitted for review like any entry (a reversal decided
 * elsewhere — an upheld objection, a refund — is built effective by its own workflow).
 * Refused for an entry that is not effective, is itself a reversal, or is already
 * reversed or being reversed (`reversed`: reversalTargets of the subject's events).
 */
export function reverseEntry(
  target: EventDoc,
  reason: string,
  reversed: ReadonlySet<string>,
  ctx: LedgerContext,
): Result<ReversalEvent> {
  if (target.status !== 'effective' || target.kind === 'reversal' || reversed.has(target.id))
    return fail('ledger.state-changed');
  if (reason.trim() === '') return fail('ledger.note-required');
  return ok(reversalOf(target, reason.trim(), 'submitted', undefined, ctx));
}

/** The reversal event undoing `target` (points negated, same subject, dated today). */
export function reversalOf(
  target: EventDoc,
  reason: string,
  status: 'submitted' | 'effective',
  caseId: string | undefined,
  ctx: LedgerContext,
): ReversalEvent {
  return {
    ...newBase(target, ctx),
    kind: 'reversal',
    subjectType: target.subjectType,
    subjectId: target.subjectId,
    householdId: target.householdId,
    points: -target.points,
    occurredOn: ctx.today,
    note: reason,
    status,
    ...(status === 'effective' ? { effectiveOn: ctx.today } : {}),
    reversalOf: target.id,
    ...(caseId === undefined ? {} : { caseId }),
  };
}
