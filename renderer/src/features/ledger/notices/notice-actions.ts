/**
 * The notice screen's operations on the ledger, as builds for useLedgerWrite: draft a batch
 * of approved entries, post it, close it after its period, withdraw a draft, and the
 * village's notice settings. The shared operations (shared/ledger/notice.ts, settings.ts)
 * decide and refuse; each step also writes its audit line (审计记录).
 *
 * Every build dates the step by the ledger's own calendar (`ledger.today`, the day the
 * figures are as of), so the screen, the refusal and the scores agree on what today is.
 */
import type { EventDoc } from '../../../../../shared/collections/events.ts';
import type { AuditEntry } from '../../../../../shared/collections/journal.ts';
import type { NoticeDoc } from '../../../../../shared/collections/notices.ts';
import type { PolicyDoc } from '../../../../../shared/collections/policies.ts';
import { fail, ok, type Result } from '../../../../../shared/errors.ts';
import { touch, type LedgerContext, type Place } from '../../../../../shared/ledger/context.ts';
import {
  closeNotice,
  draftNotice,
  publishNotice,
  type NoticeInput,
  type NoticeWrites,
} from '../../../../../shared/ledger/notice.ts';
import { changeSettings, type SettingsValues } from '../../../../../shared/ledger/settings.ts';
import type { LedgerBuild } from '../review/useLedgerWrite.ts';
import type { VillageLedger } from '../village-ledger.ts';
import { itemsOf } from './notice-data.ts';

/** An audit line for a step on a notice batch or the village settings. */
function audit(
  place: Place,
  ctx: LedgerContext,
  action: string,
  target: { readonly collection: 'notices' | 'policies'; readonly id: string },
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
    subjectId: '',
    purpose: '',
    action,
    targetCollection: target.collection,
    targetId: target.id,
    changedFields: [...changedFields],
  };
}

function onLedgerDay(ledger: VillageLedger, ctx: LedgerContext): LedgerContext {
  return { ...ctx, today: ledger.today };
}

function current(ledger: VillageLedger, id: string): Result<NoticeDoc> {
  const notice = ledger.notices.find((doc) => doc.id === id);
  return notice === undefined ? fail('ledger.state-changed') : ok(notice);
}

/** The batch's entries; every one must be on the device ('ledger.state-changed' if not). */
function entriesOf(ledger: VillageLedger, notice: NoticeDoc): Result<EventDoc[]> {
  const items = itemsOf(ledger, notice);
  return items.length === notice.itemIds.length ? ok(items) : fail('ledger.state-changed');
}

/** A new draft batch of the given entries. */
export function draftBuild(
  input: NoticeInput,
  eventIds: readonly string[],
): LedgerBuild<NoticeDoc> {
  return (ledger, ctx, place) => {
    const day = onLedgerDay(ledger, ctx);
    const events = eventIds.flatMap((id) => ledger.events.get(id) ?? []);
    if (events.length !== eventIds.length) return fail('ledger.state-changed');
    // An entry another draft lists waits there; it goes into one batch only.
    const drafted = new Set(
      ledger.notices.filter((n) => n.status === 'draft').flatMap((n) => n.itemIds),
    );
    if (eventIds.some((id) => drafted.has(id))) return fail('ledger.state-changed');
    const notice = draftNotice(input, events, place, day);
    if (!notice.ok) return notice;
    return ok({
      writes: {
        notices: [notice.value],
        journal: [
          audit(place, day, 'notice.draft', { collection: 'notices', id: notice.value.id }, [
            'status',
            'itemIds',
          ]),
        ],
      },
      value: notice.value,
    });
  };
}

function noticeWrites(
  result: Result<NoticeWrites>,
  action: string,
  place: Place,
  ctx: LedgerContext,
): ReturnType<LedgerBuild<NoticeWrites>> {
  if (!result.ok) return result;
  const { notice, events } = result.value;
  return ok({
    writes: {
      notices: [notice],
      events: [...events],
      journal: [audit(place, ctx, action, { collection: 'notices', id: notice.id }, ['status'])],
    },
    value: result.value,
  });
}

/** 发布公示: the draft is posted and its entries are in notice. */
export function publishBuild(noticeId: string): LedgerBuild<NoticeWrites> {
  return (ledger, ctx, place) => {
    const day = onLedgerDay(ledger, ctx);
    const notice = current(ledger, noticeId);
    if (!notice.ok) return notice;
    const items = entriesOf(ledger, notice.value);
    if (!items.ok) return items;
    return noticeWrites(
      publishNotice(notice.value, items.value, day),
      'notice.publish',
      place,
      day,
    );
  };
}

/**
 * 结束公示: after the period, the entries no open objection holds take effect; before it,
 * the shared close refuses ('ledger.notice-period-open').
 */
export function closeBuild(noticeId: string): LedgerBuild<NoticeWrites> {
  return (ledger, ctx, place) => {
    const day = onLedgerDay(ledger, ctx);
    const notice = current(ledger, noticeId);
    if (!notice.ok) return notice;
    const items = entriesOf(ledger, notice.value);
    if (!items.ok) return items;
    const ids = new Set(notice.value.itemIds);
    const objections = [...ledger.objections.values()].filter((o) => ids.has(o.targetId));
    return noticeWrites(
      closeNotice(notice.value, items.value, objections, day),
      'notice.close',
      place,
      day,
    );
  };
}

/** 撤回: a draft is withdrawn; its entries wait for a batch again. */
export function withdrawBuild(noticeId: string): LedgerBuild<NoticeDoc> {
  return (ledger, ctx, place) => {
    const day = onLedgerDay(ledger, ctx);
    const notice = current(ledger, noticeId);
    if (!notice.ok) return notice;
    if (notice.value.status !== 'draft') return fail('ledger.state-changed');
    const withdrawn = touch(notice.value, { status: 'withdrawn' }, day);
    return ok({
      writes: {
        notices: [withdrawn],
        journal: [
          audit(place, day, 'notice.withdraw', { collection: 'notices', id: withdrawn.id }, [
            'status',
          ]),
        ],
      },
      value: withdrawn,
    });
  };
}

export type NoticeSettings = Pick<SettingsValues, 'noticeDays' | 'objectionContact'>;

/**
 * 公示设置: the notice days and the objection contact, merged into the village's settings
 * document — made from the defaults when the village has none. `false` when nothing changed.
 */
export function settingsBuild(values: NoticeSettings): LedgerBuild<boolean> {
  return (ledger, ctx, place) => {
    const day = onLedgerDay(ledger, ctx);
    const change = changeSettings(ledger.settings, values, place, day);
    if (change === undefined) return ok({ writes: {}, value: false });
    const policies: PolicyDoc[] = [change.settings];
    return ok({
      writes: {
        policies,
        journal: [
          audit(
            place,
            day,
            change.created ? 'settings.create' : 'settings.update',
            { collection: 'policies', id: change.settings.id },
            change.changedFields,
          ),
        ],
      },
      value: true,
    });
  };
}
