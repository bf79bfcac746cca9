/**
 * The objections screen's data (异议): the entries a resident may object to, the list of
 * objections with what they are about, and the documents each step writes through the
 * shared notice.ts operations, with their audit lines. Pure.
 *
 * Due date: the shared rules ask only that a case be decided on or after the day it was
 * received; the village sets the date per case. The form proposes 15 days after receipt
 * (OBJECTION_DUE_DAYS) — long enough to hear both sides and check the evidence, about the
 * time public credit-information rules give for checking an objection — and the clerk may
 * change it.
 */
import type { ObjectionCase, ObjectionStatus } from '../../../../../shared/collections/cases.ts';
import type { EventDoc } from '../../../../../shared/collections/events.ts';
import type { SubjectType } from '../../../../../shared/collections/schema.ts';
import { fail, ok, type Result } from '../../../../../shared/errors.ts';
import type { LedgerContext, Place } from '../../../../../shared/ledger/context.ts';
import { addDays } from '../../../../../shared/ledger/dates.ts';
import {
  closeObjection,
  decideObjection,
  isOpenObjection,
  raiseObjection,
  startVerifying,
  type ObjectionInput,
} from '../../../../../shared/ledger/notice.ts';
import type { VillageRegister } from '../../residents/register-data.ts';
import { eventStateOf, marksOf, type EventState } from '../review/event-status.ts';
import { ledgerAudit } from '../review/review-writes.ts';
import type { Built } from '../review/useLedgerWrite.ts';
import type { VillageLedger } from '../village-ledger.ts';

export const OBJECTION_DUE_DAYS = 15;

/** The decision date proposed for an objection received on `receivedOn`. */
export function defaultDueOn(receivedOn: string): string {
  return addDays(receivedOn, OBJECTION_DUE_DAYS);
}

/** Entries residents can see and dispute: posted for notice, or in force. */
const OBJECTIONABLE: ReadonlySet<EventState> = new Set([
  'in-notice',
  'confirmed',
  'effective',
  'pending-effect',
]);

/**
 * The entries a resident may object to: their own and their household's 加分 / 扣分 entries
 * that are in notice or in effect, not reversed and not already held by an open objection;
 * the latest act first.
 */
export function objectionableEntries(
  ledger: VillageLedger,
  residentId: string,
  householdId: string,
): EventDoc[] {
  const subjects: [SubjectType, string][] = [['resident', residentId]];
  if (householdId !== '') subjects.push(['household', householdId]);
  const entries: EventDoc[] = [];
  for (const [type, id] of subjects)
    for (const event of ledger.figures.ledger(type, id).events.values())
      if (
        (event.kind === 'accrual' || event.kind === 'deduction') &&
        OBJECTIONABLE.has(eventStateOf(event, ledger))
      )
        entries.push(event);
  return entries.sort((a, b) =>
    a.occurredOn !== b.occurredOn
      ? a.occurredOn < b.occurredOn
        ? 1
        : -1
      : b.createdAt - a.createdAt,
  );
}

export type ObjectionFilter = 'unfinished' | 'open' | 'decided' | 'closed' | 'all';

const FILTERS: { readonly [F in ObjectionFilter]: ReadonlySet<ObjectionStatus> } = {
  unfinished: new Set(['received', 'verifying', 'upheld', 'dismissed']),
  open: new Set(['received', 'verifying']),
  decided: new Set(['upheld', 'dismissed']),
  closed: new Set(['closed']),
  all: new Set(['received', 'verifying', 'upheld', 'dismissed', 'closed']),
};

export interface ObjectionRow {
  readonly key: string;
  readonly objection: ObjectionCase;
  /** The entry objected to (undefined only if it has not reached this device yet). */
  readonly target: EventDoc | undefined;
  readonly subjectType: SubjectType;
  /** The resident's name or the household's number ('' if not in the register). */
  readonly subjectName: string;
  readonly open: boolean;
  /** Open after its due date. */
  readonly overdue: boolean;
}

export function objectionRow(
  objection: ObjectionCase,
  ledger: VillageLedger,
  register: VillageRegister,
): ObjectionRow {
  const open = isOpenObjection(objection);
  return {
    key: objection.id,
    objection,
    target: ledger.events.get(objection.targetId),
    subjectType: objection.subjectType,
    subjectName:
      objection.subjectType === 'household'
        ? (register.householdById.get(objection.subjectId)?.householdNo ?? '')
        : (register.residentById.get(objection.subjectId)?.name ?? ''),
    open,
    overdue: open && objection.dueOn < ledger.today,
  };
}

/** The objections shown: open ones first by due date, then the rest, latest received first. */
export function objectionRows(
  ledger: VillageLedger,
  register: VillageRegister,
  filter: ObjectionFilter,
): ObjectionRow[] {
  const statuses = FILTERS[filter];
  return [...ledger.objections.values()]
    .filter((objection) => statuses.has(objection.status))
    .map((objection) => objectionRow(objection, ledger, register))
    .sort((a, b) => {
      if (a.open !== b.open) return a.open ? -1 : 1;
      if (a.open && a.objection.dueOn !== b.objection.dueOn)
        return a.objection.dueOn < b.objection.dueOn ? -1 : 1;
      if (a.objection.receivedOn !== b.objection.receivedOn)
        return a.objection.receivedOn < b.objection.receivedOn ? 1 : -1;
      return b.objection.createdAt - a.objection.createdAt;
    });
}

/** Open objections, and how many of them are past their due date. */
export function objectionCounts(ledger: VillageLedger): {
  readonly open: number;
  readonly overdue: number;
} {
  let open = 0;
  let overdue = 0;
  for (const objection of ledger.objections.values()) {
    if (!isOpenObjection(objection)) continue;
    open += 1;
    if (objection.dueOn < ledger.today) overdue += 1;
  }
  return { open, overdue };
}

/** 异议登记: the case against the entry; the entry is held from now on. */
export function raiseWrites(
  target: EventDoc,
  input: ObjectionInput,
  ledger: VillageLedger,
  place: Place,
  ctx: LedgerContext,
): Result<Built<ObjectionCase>> {
  const subject = ledger.figures.ledger(target.subjectType, target.subjectId);
  const raised = raiseObjection(target, input, marksOf(subject).reversing, ctx);
  if (!raised.ok) return raised;
  return ok({
    writes: {
      cases: [raised.value],
      journal: [
        ledgerAudit(place, ctx, 'objection.raise', raised.value, ['reason', 'receivedOn', 'dueOn']),
      ],
    },
    value: raised.value,
  });
}

/** 开始核查. */
export function verifyWrites(
  objection: ObjectionCase,
  place: Place,
  ctx: LedgerContext,
): Result<Built<ObjectionCase>> {
  const next = startVerifying(objection, ctx);
  if (!next.ok) return next;
  return ok({
    writes: {
      cases: [next.value],
      journal: [ledgerAudit(place, ctx, 'objection.verify', next.value, ['status'])],
    },
    value: next.value,
  });
}

/**
 * 处理决定 with the reason. Upheld: an entry in effect is undone by a reversal event (both
 * stay in the history), one not yet in effect is annulled. Dismissed: the entry continues,
 * and takes effect today if its notice closed meanwhile and nothing else holds it.
 */
export function decideWrites(
  objection: ObjectionCase,
  outcome: 'upheld' | 'dismissed',
  note: string,
  ledger: VillageLedger,
  place: Place,
  ctx: LedgerContext,
): Result<Built<ObjectionCase>> {
  const target = ledger.events.get(objection.targetId);
  if (target === undefined) return fail('ledger.state-changed');
  const subject = ledger.figures.ledger(target.subjectType, target.subjectId);
  const otherOpen = [...subject.objections.values()].some(
    (other) => other.id !== objection.id && other.targetId === target.id && isOpenObjection(other),
  );
  const notice =
    target.noticeId === undefined
      ? undefined
      : ledger.notices.find((candidate) => candidate.id === target.noticeId);
  const decided = decideObjection(
    objection,
    target,
    outcome,
    note,
    { ...(notice === undefined ? {} : { notice }), otherOpen },
    ctx,
  );
  if (!decided.ok) return decided;
  const { objection: next, events } = decided.value;
  return ok({
    writes: {
      cases: [next],
      events,
      journal: [
        ledgerAudit(place, ctx, 'objection.decide', next, ['status', 'decision']),
        ...events.map((event) =>
          event.kind === 'reversal'
            ? ledgerAudit(place, ctx, 'event.reverse', event, ['reversalOf', 'note', 'caseId'])
            : ledgerAudit(place, ctx, 'event.status', event, ['status']),
        ),
      ],
    },
    value: next,
  });
}

/** 结案: the resident has been told the outcome. */
export function closeWrites(
  objection: ObjectionCase,
  place: Place,
  ctx: LedgerContext,
): Result<Built<ObjectionCase>> {
  const next = closeObjection(objection, ctx);
  if (!next.ok) return next;
  return ok({
    writes: {
      cases: [next.value],
      journal: [ledgerAudit(place, ctx, 'objection.close', next.value, ['status'])],
    },
    value: next.value,
  });
}
