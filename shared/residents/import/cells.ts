/**
 * Readers for single cells of the register: what a clerk wrote → a typed value, or
 * undefined when the text cannot be read. They decide nothing about the row; validate.ts
 * turns an unreadable cell into a problem with the right code.
 */
import type { Gender } from '../../collections/residents.ts';

const GENDERS: ReadonlyMap<string, Gender> = new Map([
  ['男', 'male'],
  ['男性', 'male'],
  ['m', 'male'],
  ['male', 'male'],
  ['女', 'female'],
  ['女性', 'female'],
  ['f', 'female'],
  ['female', 'female'],
]);

/** '男' / '女' (or 男性, 女性, M, F, male, female) → the schema value. */
export function readGender(text: string): Gender | undefined {
  return GENDERS.get(text.normalize('NFKC').replace(/\s/g, '').toLowerCase());
}

/**
 * A birth date as registers hold it → 'YYYY-MM-DD'. Accepted: 1990-01-05, 1990/1/5,
 * 1990.1.5, 1990年1月5日, 19900105, and an Excel date serial number as text ('32878'),
 * which is what a date cell becomes when the sheet is read as text. Only real calendar
 * dates are returned.
 */
export function readDate(text: string): string | undefined {
  const value = text.normalize('NFKC').replace(/\s/g, '');
  const separated = /^(\d{4})(?:[-/.]|年)(\d{1,2})(?:[-/.]|月)(\d{1,2})日?$/.exec(value);
  if (separated !== null) {
    return calendarDate(Number(separated[1]), Number(separated[2]), Number(separated[3]));
  }
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (compact !== null) {
    return calendarDate(Number(compact[1]), Number(compact[2]), Number(compact[3]));
  }
  // Five digits at most: serial 99999 is the year 2173, and an 8-digit number is YYYYMMDD.
  const serial = /^(\d{1,5})(?:\.0+)?$/.exec(value);
  return serial === null ? undefined : fromExcelSerial(Number(serial[1]));
}

const DAY_MS = 86_400_000;
// Serial 1 is 1900-01-01. Excel counts a 29 February 1900 that never was (serial 60), so
// from serial 61 on the count runs from 1899-12-30, and before it from 1899-12-31.
const EXCEL_EPOCH_AFTER_LEAP_BUG = Date.UTC(1899, 11, 30);
const EXCEL_EPOCH_BEFORE_LEAP_BUG = Date.UTC(1899, 11, 31);

function fromExcelSerial(serial: number): string | undefined {
  if (serial < 1 || serial === 60) return undefined;
  const epoch = serial > 60 ? EXCEL_EPOCH_AFTER_LEAP_BUG : EXCEL_EPOCH_BEFORE_LEAP_BUG;
  return new Date(epoch + serial * DAY_MS).toISOString().slice(0, 10);
}

function calendarDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1) return undefined;
  if (date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}

/**
 * Tags as written in one cell: separated by 、 , ， ; ； or whitespace (the ideographic space
 * included). Empty pieces vanish and repeats are kept once, in first-seen order.
 */
export function splitTags(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[、,，;；\s]+/)
        .map((tag) => tag.trim())
        .filter((tag) => tag !== ''),
    ),
  ];
}

/** Schema limits of resident and household tags (collections/schema.ts TAGS_PROPERTY). */
export const MAX_TAGS = 50;
export const MAX_TAG_LENGTH = 40;

/**
 * A name as registers write it → as stored: trimmed, and the spaces registers put between
 * Han characters to align two-character names with three-character ones ('张 三', often with an ideographic space) removed.
 * Other runs of whitespace (between latin words) become one space.
 */
export function normalizeName(text: string): string {
  return text
    .trim()
    .replace(/(?<=\p{Script=Han})\s+(?=\p{Script=Han})/gu, '')
    .replace(/\s+/g, ' ');
}

/**
 * Length as the schema's maxLength counts it: code points, so a rare Han character outside
 * the BMP (𠮷) counts once, as the clerk sees it.
 */
export function characterCount(text: string): number {
  return text.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, '_').length;
}

/** residents.name: 1-50 characters. */
export const MAX_NAME_LENGTH = 50;

/**
 * Whether a trimmed, non-empty name is plausible: at most 50 characters, at least one
 * letter (Han characters are letters), no digits and no control or format characters.
 * Spaces and the middle dot of transcribed minority names (阿依古丽·买买提) are allowed.
 */
export function isPlausibleName(name: string): boolean {
  return (
    characterCount(name) <= MAX_NAME_LENGTH && /\p{L}/u.test(name) && !/[\p{N}\p{C}]/u.test(name)
  );
}
