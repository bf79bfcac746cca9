/**
 * Rankings (积分排行): residents or households ordered by a figure — the honour total
 * (荣誉积分, every effective earned point, never reset) or the points earned in a period
 * (a month or a year). Pure: the screen passes the village's events and figures.
 *
 * Points earned in a period are the bonuses (accruals) that took effect in it, as the
 * ledger stands on `asOf`: an accrual counts in the period holding its effective date
 * when it is effective by `asOf`; a reversal of it (effective by `asOf`) takes it back out
 * — whenever the reversal came, so a correction made in March removes a January bonus
 * from January's figure instead of pushing March below zero. An accrual held by an open
 * objection is left out until decided, as in the honour total. So the points earned from
 * the first entry up to `asOf` are the engine's honour total, and the months of a year
 * add up to the year.
 *
 * Ranking: highest first; equal figures share a rank and the next rank skips (1, 2, 2, 4:
 * standard competition ranking). The top N keeps everyone ranked N or better, so a tie at
 * the boundary is never cut in two.
 */
import type { EventDoc } from '../collections/events.ts';
import type { SubjectType } from '../collections/schema.ts';
import { capPeriodOf } from './dates.ts';

/** First and last day, inclusive ('YYYY-MM-DD'). */
export interface Period {
  readonly from: string;
  readonly to: string;
}

/** The calendar month or year containing `date`. */
export function periodOf(date: string, length: 'month' | 'year'): Period {
  const period = capPeriodOf(date, length);
  if (period === undefined) throw new RangeError(`no calendar ${length} for ${date}`);
  return period;
}

/** One bonus counted in a period. */
export interface EarnedEntry {
  readonly eventId: string;
  readonly subjectType: SubjectType;
  readonly subjectId: string;
  /** The subject's household when the act happened ('' if none). */
  readonly householdId: string;
  readonly effectiveOn: string;
  readonly points: number;
}

function effectiveOnOf(event: EventDoc): string {
  return event.effectiveOn ?? event.occurredOn;
}

function effectiveBy(event: EventDoc, asOf: string): boolean {
  return event.status === 'effective' && event.occurredOn <= asOf && effectiveOnOf(event) <= asOf;
}

/**
 * The bonuses earned in `period` as the ledger stands on `asOf` (see above). `held`: the
 * ids of entries an open objection holds (notice.ts heldIds).
 */
export function earnedInPeriod(
  events: Iterable<EventDoc>,
  period: Period,
  asOf: string,
  held: ReadonlySet<string> = new Set(),
): readonly EarnedEntry[] {
  const all = [...events];
  const reversed = new Set<string>();
  for (const event of all)
    if (event.kind === 'reversal' && effectiveBy(event, asOf)) reversed.add(event.reversalOf);
  const earned: EarnedEntry[] = [];
  for (const event of all) {
    if (event.kind !== 'accrual' || !effectiveBy(event, asOf)) continue;
    if (reversed.has(event.id) || held.has(event.id)) continue;
    const on = effectiveOnOf(event);
    if (on < period.from || on > period.to) continue;
    earned.push({
      eventId: event.id,
      subjectType: event.subjectType,
      subjectId: event.subjectId,
      householdId: event.householdId,
      effectiveOn: on,
      points: event.points,
    });
  }
  return earned;
}

/** The points of `entries` added up by a key (a subject, a household). */
export function totalBy(
  entries: Iterable<EarnedEntry>,
  keyOf: (entry: EarnedEntry) => string,
): ReadonlyMap<string, number> {
  const totals = new Map<string, number>();
  for (const entry of entries) {
    const key = keyOf(entry);
    totals.set(key, (totals.get(key) ?? 0) + entry.points);
  }
  return totals;
}

export interface Ranked<T> {
  /** 1 for the highest; equal figures share a rank. */
  readonly rank: number;
  readonly figure: number;
  readonly item: T;
}

export interface RankingOptions<T> {
  /** Keep those ranked this or better (ties at the boundary included). */
  readonly top?: number;
  /** Leave out figures below this (e.g. 1: nobody with nothing earned). */
  readonly minimum?: number;
  /** The order of items sharing a rank (e.g. by name); they keep their rank whatever it is. */
  readonly tieOrder?: (a: T, b: T) => number;
}

/** `items` ranked by `figureOf`, highest first (standard competition ranking). */
export function rankByFigure<T>(
  items: Iterable<T>,
  figureOf: (item: T) => number,
  options: RankingOptions<T> = {},
): readonly Ranked<T>[] {
  const minimum = options.minimum ?? Number.NEGATIVE_INFINITY;
  const tieOrder = options.tieOrder ?? (() => 0);
  const scored = [...items]
    .map((item) => ({ item, figure: figureOf(item) }))
    .filter((entry) => entry.figure >= minimum)
    .sort((a, b) => b.figure - a.figure || tieOrder(a.item, b.item));
  const ranked: Ranked<T>[] = [];
  scored.forEach((entry, index) => {
    const previous = ranked[index - 1];
    const rank =
      previous !== undefined && previous.figure === entry.figure ? previous.rank : index + 1;
    ranked.push({ rank, figure: entry.figure, item: entry.item });
  });
  const top = options.top;
  return top === undefined ? ranked : ranked.filter((entry) => entry.rank <= top);
}
