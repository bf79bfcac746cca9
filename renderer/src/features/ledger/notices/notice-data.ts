/**
 * What the notice screen reads from the village's ledger (pure): the entries waiting for
 * a notice, a batch's entries and what became of them, the batch's number, the names the
 * printed sheet shows, and the village's name as far as the device knows it.
 */
import { chinaDateOf } from '../../../../../shared/ledger/dates.ts';
import type { EventDoc } from '../../../../../shared/collections/events.ts';
import type { NoticeDoc } from '../../../../../shared/collections/notices.ts';
import type { RuleSetPolicy } from '../../../../../shared/collections/policies.ts';
import { needsConfirmation } from '../../../../../shared/ledger/review.ts';
import type { VillageRegister } from '../../residents/register-data.ts';
import { isHeld } from '../review/event-status.ts';
import type { VillageLedger } from '../village-ledger.ts';
import type { NoticeSheetNames } from '../../../print/notice-sheet.ts';

/** Entries listed by a draft batch: they wait in that batch, not for a new one. */
function inDrafts(notices: readonly NoticeDoc[]): ReadonlySet<string> {
  const ids = new Set<string>();
  for (const notice of notices)
    if (notice.status === 'draft' && notice.target === 'events')
      for (const id of notice.itemIds) ids.add(id);
  return ids;
}

/**
 * Approved entries whose rule needs notice, posted in no batch and listed in no draft
 * (shared/ledger/notice.ts draftNotice takes exactly these), oldest act first.
 */
export function waitingForNotice(ledger: VillageLedger): EventDoc[] {
  const drafted = inDrafts(ledger.notices);
  const waiting: EventDoc[] = [];
  for (const event of ledger.events.values())
    if (
      (event.kind === 'accrual' || event.kind === 'deduction') &&
      event.rule.noticeRequired &&
      event.status === 'approved' &&
      event.noticeId === undefined &&
      !drafted.has(event.id)
    )
      waiting.push(event);
  return waiting.sort(
    (a, b) => a.occurredOn.localeCompare(b.occurredOn) || a.createdAt - b.createdAt,
  );
}

/** The entries a batch lists, as the ledger holds them now, in the batch's order. */
export function itemsOf(ledger: VillageLedger, notice: NoticeDoc): EventDoc[] {
  return notice.itemIds.flatMap((id) => ledger.events.get(id) ?? []);
}

/** What became of a batch's entries: in effect, held by an objection, or otherwise. */
export type ItemOutcome =
  'effective' | 'held' | 'annulled' | 'awaiting-confirmation' | 'in-notice' | 'other';

export function itemOutcome(event: EventDoc, ledger: VillageLedger): ItemOutcome {
  if (event.status === 'effective') return 'effective';
  if (event.status === 'annulled') return 'annulled';
  if (isHeld(event, ledger)) return 'held';
  if (event.status === 'in-notice' || event.status === 'confirmed')
    return needsConfirmation(event) && event.confirmation?.decision !== 'confirmed'
      ? 'awaiting-confirmation'
      : 'in-notice';
  return 'other';
}

export interface BatchOutcome {
  readonly effective: readonly EventDoc[];
  readonly held: readonly EventDoc[];
  readonly rest: readonly EventDoc[];
}

export function batchOutcome(ledger: VillageLedger, notice: NoticeDoc): BatchOutcome {
  const effective: EventDoc[] = [];
  const held: EventDoc[] = [];
  const rest: EventDoc[] = [];
  for (const event of itemsOf(ledger, notice)) {
    const outcome = itemOutcome(event, ledger);
    if (outcome === 'effective') effective.push(event);
    else if (outcome === 'held') held.push(event);
    else rest.push(event);
  }
  return { effective, held, rest };
}

/** Ids of a batch's entries an open objection holds now. */
export function heldItems(ledger: VillageLedger, notice: NoticeDoc): ReadonlySet<string> {
  return new Set(
    itemsOf(ledger, notice)
      .filter((event) => isHeld(event, ledger))
      .map((event) => event.id),
  );
}

function yearOf(notice: Pick<NoticeDoc, 'createdAt'>): number {
  return Number(chinaDateOf(notice.createdAt).slice(0, 4));
}

/**
 * The batch's number as the village counts them: the year it was made and its place
 * among that year's batches (2026-003). Batches made offline on two computers are
 * numbered in the order they were made once both are on the device.
 */
export function batchNumber(
  notice: Pick<NoticeDoc, 'id' | 'createdAt'>,
  notices: readonly Pick<NoticeDoc, 'id' | 'createdAt'>[],
): string {
  const year = yearOf(notice);
  const sameYear = notices
    .filter((other) => yearOf(other) === year)
    .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  const index = sameYear.findIndex((other) => other.id === notice.id);
  const place = index === -1 ? sameYear.length + 1 : index + 1;
  return `${String(year)}-${String(place).padStart(3, '0')}`;
}

const VILLAGE_NAME = /^(\p{Script=Han}{1,15}?(?:村|社区|居委会))/u;

/**
 * The village's name as far as the device knows it (the session carries only its code):
 * from the title of an adopted rule set (「南港村积分细则」, as the town CLI adopts them) or
 * of a notice batch (「南港村2026年11月信用积分公示」). '' when none names it.
 */
export function villageNameOf(
  ruleSets: readonly Pick<RuleSetPolicy, 'status' | 'title'>[],
  notices: readonly Pick<NoticeDoc, 'title'>[],
): string {
  const titles = [
    ...ruleSets.filter((set) => set.status !== 'draft').map((set) => set.title),
    ...notices.map((notice) => notice.title),
  ];
  for (const title of titles) {
    const name = VILLAGE_NAME.exec(title.trim())?.[1];
    if (name !== undefined && name !== '本村') return name;
  }
  return '';
}

/** The register's names for the printed sheet. */
export function sheetNames(register: VillageRegister): NoticeSheetNames {
  return {
    resident: (id) => register.residentById.get(id)?.name,
    household: (id) => {
      const household = register.householdById.get(id);
      if (household === undefined) return undefined;
      return {
        number: household.householdNo,
        head: register.residentById.get(household.headResidentId)?.name ?? '',
      };
    },
  };
}

/** A file name the save dialog takes: no path separators or reserved characters. */
export function sheetFileName(batchNo: string, title: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what the port refuses
  const safe = `公示表-${batchNo}-${title}`.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim();
  return `${safe.slice(0, 120)}.pdf`;
}
