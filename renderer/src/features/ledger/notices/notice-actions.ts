/**
 * The notice tab's operations on the ledger (shared/ledger/notice.ts), as builds for
 * useLedgerWrite: draft a batch of approved entries, post it, close it after its period.
 */
import type { EventDoc } from '../../../../../shared/collections/events.ts';
import type { NoticeDoc } from '../../../../../shared/collections/notices.ts';
import { fail, ok, type Result } from '../../../../../shared/errors.ts';
import {
  closeNotice,
  draftNotice,
  publishNotice,
  type NoticeInput,
  type NoticeWrites,
} from '../../../../../shared/ledger/notice.ts';
import type { Built, LedgerBuild } from '../review/useLedgerWrite.ts';
import type { VillageLedger } from '../village-ledger.ts';

/** Approved entries whose rule needs notice and that no batch lists yet, oldest first. */
export function awaitingNotice(ledger: VillageLedger): EventDoc[] {
  const waiting: EventDoc[] = [];
  for (const event of ledger.events.values())
    if (
      (event.kind === 'accrual' || event.kind === 'deduction') &&
      event.rule.noticeRequired &&
      event.status === 'approved' &&
      event.noticeId === undefined
    )
      waiting.push(event);
  return waiting.sort((a, b) => a.createdAt - b.createdAt);
}

/** The entries a batch lists, as the ledger holds them now. */
export function itemsOf(ledger: VillageLedger, notice: NoticeDoc): EventDoc[] {
  return notice.itemIds.flatMap((id) => ledger.events.get(id) ?? []);
}

function writesOf(result: Result<NoticeWrites>): Result<Built<NoticeWrites>> {
  if (!result.ok) return result;
  return ok({
    writes: { notices: [result.value.notice], events: [...result.value.events] },
    value: result.value,
  });
}

export function draftBuild(
  input: NoticeInput,
  eventIds: readonly string[],
): LedgerBuild<NoticeDoc> {
  return (ledger, ctx, place) => {
    const events = eventIds.flatMap((id) => ledger.events.get(id) ?? []);
    if (events.length !== eventIds.length) return fail('ledger.state-changed');
    const drafted = draftNotice(input, events, place, ctx);
    if (!drafted.ok) return drafted;
    return ok({ writes: { notices: [drafted.value] }, value: drafted.value });
  };
}

function current(ledger: VillageLedger, id: string): Result<NoticeDoc> {
  const notice = ledger.notices.find((doc) => doc.id === id);
  return notice === undefined ? fail('ledger.state-changed') : ok(notice);
}

export function publishBuild(noticeId: string): LedgerBuild<NoticeWrites> {
  return (ledger, ctx) => {
    const notice = current(ledger, noticeId);
    if (!notice.ok) return notice;
    const items = itemsOf(ledger, notice.value);
    if (items.length !== notice.value.itemIds.length) return fail('ledger.state-changed');
    return writesOf(publishNotice(notice.value, items, ctx));
  };
}

export function closeBuild(noticeId: string): LedgerBuild<NoticeWrites> {
  return (ledger, ctx) => {
    const notice = current(ledger, noticeId);
    if (!notice.ok) return notice;
    const items = itemsOf(ledger, notice.value);
    if (items.length !== notice.value.itemIds.length) return fail('ledger.state-changed');
    const ids = new Set(notice.value.itemIds);
    const objections = [...ledger.objections.values()].filter((o) => ids.has(o.targetId));
    return writesOf(closeNotice(notice.value, items, objections, ctx));
  };
}
