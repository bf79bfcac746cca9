/**
 * Public notice (公示) and objections (异议), as pure transitions returning the documents
 * to write.
 *
 * Notice: approved entries whose rule needs notice go into a batch (draftNotice), which is
 * posted for a period (village setting, default 7 days: startsOn … endsOn inclusive;
 * publishNotice moves its entries to 'in-notice'). After the last day (closeNotice) every
 * entry that no open objection holds becomes effective from the day after the period —
 * except a direct-rating deduction still waiting for the township's confirmation, which
 * takes effect when confirmed (review.ts confirmDirectRating).
 *
 * Objection: a resident's objection against an entry (raiseObjection) holds it — shown as
 * 异议处理中 everywhere, and not counted by the scoring engine — until decided
 * (decideObjection). Upheld: an entry not yet effective is annulled; an effective one is
 * undone by a reversal event, both kept in the history. Dismissed: the entry continues,
 * and if its notice has closed meanwhile it takes effect on the day of the decision.
 * An objection is open while 'received' or 'verifying'.
 */
import type { CaseStatus, ObjectionCase } from '../collections/cases.ts';
import type { EventDoc } from '../collections/events.ts';
import type { NoticeDoc } from '../collections/notices.ts';
import type { Evidence } from '../collections/schema.ts';
import { fail, ok, type Result } from '../errors.ts';
import { newBase, stampOf, touch, type LedgerContext, type Place } from './context.ts';
import { addDays, isCalendarDate } from './dates.ts';
import { needsConfirmation, reversalOf } from './review.ts';
import { DEFAULT_NOTICE_DAYS } from './templates.ts';

const OPEN_OBJECTION: ReadonlySet<CaseStatus> = new Set(['received', 'verifying']);

export function isOpenObjection(objection: ObjectionCase): boolean {
  return OPEN_OBJECTION.has(objection.status);
}

/** Ids of the entries an open objection holds. */
export function heldIds(objections: Iterable<ObjectionCase>): ReadonlySet<string> {
  const ids = new Set<string>();
  for (const objection of objections)
    if (objection.targetType === 'event' && isOpenObjection(objection)) ids.add(objection.targetId);
  return ids;
}

/** The last day of a notice period of `days` days starting on `startsOn`. */
export function noticeEndsOn(startsOn: string, days: number): string {
  return addDays(startsOn, days - 1);
}

function awaitsNotice(event: EventDoc): boolean {
  return (
    (event.kind === 'accrual' || event.kind === 'deduction') &&
    event.rule.noticeRequired &&
    event.status === 'approved' &&
    event.noticeId === undefined
  );
}

export interface NoticeInput {
  /** e.g. 南港村2025年3月积分公示 */
  readonly title: string;
  readonly startsOn: string;
  /** The village's 公示天数 (settings.noticeDays); DEFAULT_NOTICE_DAYS (7) if absent. */
  readonly days?: number;
  /** 异议联系人 and phone, as printed (settings.objectionContact). */
  readonly objectionContact: string;
  readonly note: string;
}

/**
 * A draft batch of the given entries. Every entry must be approved, need notice and not
 * be posted yet ('ledger.state-changed'); an empty batch is refused ('ledger.notice-empty').
 */
export function draftNotice(
  input: NoticeInput,
  events: readonly EventDoc[],
  place: Place,
  ctx: LedgerContext,
): Result<NoticeDoc> {
  if (events.length === 0) return fail('ledger.notice-empty');
  if (events.some((event) => !awaitsNotice(event))) return fail('ledger.state-changed');
  if (!isCalendarDate(input.startsOn) || input.startsOn < ctx.today)
    return fail('ledger.date-invalid', { value: input.startsOn });
  const days = input.days ?? DEFAULT_NOTICE_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > 90) throw new RangeError(`notice days ${days}`);
  return ok({
    ...newBase(place, ctx),
    target: 'events',
    title: input.title,
    itemIds: events.map((event) => event.id),
    days,
    startsOn: input.startsOn,
    endsOn: noticeEndsOn(input.startsOn, days),
    objectionContact: input.objectionContact,
    status: 'draft',
    note: input.note,
  });
}

export interface NoticeWrites {
  readonly notice: NoticeDoc;
  readonly events: readonly EventDoc[];
}

function itemsOf(notice: NoticeDoc, events: readonly EventDoc[]): readonly EventDoc[] {
  const byId = new Map(events.map((event) => [event.id, event]));
  return notice.itemIds.map((id) => {
    const event = byId.get(id);
    if (event === undefined) throw new RangeError(`notice item ${id} not given`);
    return event;
  });
}

/**
 * Posts a draft: it becomes 'published' (a draft posted after its planned start starts
 * today, keeping its length) and its entries 'in-notice' with the notice's id.
 */
export function publishNotice(
  notice: NoticeDoc,
  events: readonly EventDoc[],
  ctx: LedgerContext,
): Result<NoticeWrites> {
  if (notice.status !== 'draft' || notice.target !== 'events') return fail('ledger.state-changed');
  const items = itemsOf(notice, events);
  if (items.some((event) => !awaitsNotice(event))) return fail('ledger.state-changed');
  const startsOn = notice.startsOn < ctx.today ? ctx.today : notice.startsOn;
  return ok({
    notice: touch(
      notice,
      {
        status: 'published',
        published: stampOf(ctx),
        startsOn,
        endsOn: noticeEndsOn(startsOn, notice.days),
      },
      ctx,
    ),
    events: items.map((event) => touch(event, { status: 'in-notice', noticeId: notice.id }, ctx)),
  });
}

/**
 * Closes a published batch after its last day ('ledger.notice-period-open' before). Its
 * entries that no open objection holds and that need no pending confirmation become
 * effective from the day after the period; held ones stay 'in-notice' until their
 * objection is decided. `events` must hold the batch's entries, `objections` the
 * objections about them. Returns the notice and the entries that changed.
 */
export function closeNotice(
  notice: NoticeDoc,
  events: readonly EventDoc[],
  objections: Iterable<ObjectionCase>,
  ctx: LedgerContext,
): Result<NoticeWrites> {
  if (notice.status !== 'published' || notice.target !== 'events')
    return fail('ledger.state-changed');
  if (ctx.today <= notice.endsOn)
    return fail('ledger.notice-period-open', { endsOn: notice.endsOn });
  const held = heldIds(objections);
  const effectiveOn = addDays(notice.endsOn, 1);
  const changed = itemsOf(notice, events)
    .filter(
      (event) =>
        (event.status === 'in-notice' || event.status === 'confirmed') &&
        !held.has(event.id) &&
        (!needsConfirmation(event) || event.confirmation?.decision === 'confirmed'),
    )
    .map((event) => touch(event, { status: 'effective', effectiveOn }, ctx));
  return ok({
    notice: touch(notice, { status: 'closed', closed: stampOf(ctx) }, ctx),
    events: changed,
  });
}

export interface ObjectionInput {
  /** The resident's stated reason. */
  readonly reason: string;
  readonly receivedOn: string;
  /** Decide by this date. */
  readonly dueOn: string;
  readonly evidence: readonly Evidence[];
}

/**
 * Records a resident's objection against an entry that is approved, in notice, confirmed
 * or effective, and not reversed (`reversed`: reversalTargets of the subject's events).
 */
export function raiseObjection(
  target: EventDoc,
  input: ObjectionInput,
  reversed: ReadonlySet<string>,
  ctx: LedgerContext,
): Result<ObjectionCase> {
  const objectionable =
    target.kind === 'accrual' || target.kind === 'deduction' || target.kind === 'repair-adjustment';
  if (
    !objectionable ||
    reversed.has(target.id) ||
    !['approved', 'in-notice', 'confirmed', 'effective'].includes(target.status)
  )
    return fail('ledger.state-changed');
  if (input.reason.trim() === '') return fail('ledger.note-required');
  if (!isCalendarDate(input.receivedOn) || input.receivedOn > ctx.today)
    return fail('ledger.date-invalid', { value: input.receivedOn });
  if (!isCalendarDate(input.dueOn) || input.dueOn < input.receivedOn)
    return fail('ledger.date-invalid', { value: input.dueOn });
  return ok({
    ...newBase(target, ctx),
    kind: 'objection',
    subjectType: target.subjectType,
    subjectId: target.subjectId,
    targetType: 'event',
    targetId: target.id,
    reason: input.reason.trim(),
    receivedOn: input.receivedOn,
    dueOn: input.dueOn,
    evidence: input.evidence,
    status: 'received',
  });
}

/** 核实: the village starts checking the objection. */
export function startVerifying(
  objection: ObjectionCase,
  ctx: LedgerContext,
): Result<ObjectionCase> {
  if (objection.status !== 'received') return fail('ledger.state-changed');
  return ok(touch(objection, { status: 'verifying' }, ctx));
}

export interface ObjectionWrites {
  readonly objection: ObjectionCase;
  /** The target's new state and/or the reversal created. */
  readonly events: readonly EventDoc[];
}

/**
 * Decides an open objection with a reason. `notice` is the target's notice batch (if any);
 * `otherOpen` whether another open objection still holds the same entry.
 */
export function decideObjection(
  objection: ObjectionCase,
  target: EventDoc,
  outcome: 'upheld' | 'dismissed',
  note: string,
  context: { readonly notice?: NoticeDoc; readonly otherOpen: boolean },
  ctx: LedgerContext,
): Result<ObjectionWrites> {
  if (target.id !== objection.targetId)
    throw new RangeError('the objection is about another entry');
  if (!isOpenObjection(objection)) return fail('ledger.state-changed');
  if (note.trim() === '') return fail('ledger.note-required');
  const decision = { outcome, note: note.trim(), ...stampOf(ctx) };
  if (outcome === 'upheld') {
    if (target.status === 'effective') {
      const reversal = reversalOf(target, note.trim(), 'effective', objection.id, ctx);
      return ok({
        objection: touch(
          objection,
          { status: 'upheld', decision, resultEventId: reversal.id },
          ctx,
        ),
        events: [reversal],
      });
    }
    const annullable = ['approved', 'in-notice', 'confirmed'].includes(target.status);
    return ok({
      objection: touch(objection, { status: 'upheld', decision }, ctx),
      events: annullable ? [touch(target, { status: 'annulled' }, ctx)] : [],
    });
  }
  const resumes =
    (target.status === 'in-notice' || target.status === 'confirmed') &&
    context.notice?.status === 'closed' &&
    !context.otherOpen &&
    (!needsConfirmation(target) || target.confirmation?.decision === 'confirmed');
  return ok({
    objection: touch(objection, { status: 'dismissed', decision }, ctx),
    events: resumes ? [touch(target, { status: 'effective', effectiveOn: ctx.today }, ctx)] : [],
  });
}

/** The resident has been told the outcome: the case is closed. */
export function closeObjection(
  objection: ObjectionCase,
  ctx: LedgerContext,
): Result<ObjectionCase> {
  if (objection.status !== 'upheld' && objection.status !== 'dismissed')
    return fail('ledger.state-changed');
  return ok(touch(objection, { status: 'closed' }, ctx));
}
