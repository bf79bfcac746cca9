/**
 * Calendar arithmetic on 'YYYY-MM-DD' dates (the village's calendar date, as every ledger
 * date is stored). Dates are compared as strings: the format sorts chronologically.
 * Computed on UTC days, so no time zone or daylight saving ever shifts a date.
 */
import type { CapPeriod } from '../collections/rule.ts';

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parse(date: string): { y: number; m: number; d: number } {
  const match = DATE.exec(date);
  if (match === null) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function format(y: number, m: number, d: number): string {
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** A real calendar day written YYYY-MM-DD (2025-02-29 is not one), years 1900-2200. */
export function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (match === null) return false;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  return y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

function toDay(date: string): number {
  const { y, m, d } = parse(date);
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

function fromDay(day: number): string {
  const at = new Date(day * DAY_MS);
  return format(at.getUTCFullYear(), at.getUTCMonth() + 1, at.getUTCDate());
}

export function addDays(date: string, days: number): string {
  return fromDay(toDay(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return toDay(to) - toDay(from);
}

/**
 * The same day `months` later; a day the target month lacks becomes its last day
 * (2024-02-29 + 12 months = 2025-02-28, 2025-01-31 + 1 month = 2025-02-28).
 */
export function addMonths(date: string, months: number): string {
  const { y, m, d } = parse(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return format(year, month, Math.min(d, daysInMonth(year, month)));
}

/**
 * The calendar date of an instant in China (UTC+8 all year, no daylight saving): the
 * village's date. Today, and the date of a document's epoch-millisecond stamp (a review, a
 * decision), are both this, whatever time zone the computer or the server is set to.
 */
export function chinaDateOf(epochMs: number): string {
  return fromDay(Math.floor((epochMs + 8 * 3_600_000) / DAY_MS));
}

/** An instant as 'YYYY-MM-DD HH:mm' in China's time (UTC+8), the village's clock. */
export function chinaTime(epochMs: number): string {
  return new Date(epochMs + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * The calendar period of a cap ('at most 3 a year') that contains `date`, first and last
 * day inclusive. Periods are calendar periods (two-months: Jan-Feb, Mar-Apr …; half-year:
 * Jan-Jun, Jul-Dec), which residents and clerks can name. 'event' (per entry) and
 * 'lifetime' have no calendar period: undefined.
 */
export function capPeriodOf(
  date: string,
  per: CapPeriod,
): { readonly from: string; readonly to: string } | undefined {
  const { y, m } = parse(date);
  const months: { readonly [P in CapPeriod]?: number } = {
    month: 1,
    'two-months': 2,
    quarter: 3,
    'half-year': 6,
    year: 12,
  };
  const length = months[per];
  if (length === undefined) return undefined;
  const first = Math.floor((m - 1) / length) * length + 1;
  const last = first + length - 1;
  return { from: format(y, first, 1), to: format(y, last, daysInMonth(y, last)) };
}
