/**
 * Cell-level pieces shared by the reader and the writer: A1 references, Excel's escape
 * for characters XML cannot hold, and date number formats.
 */

/** Excel's grid: columns A..XFD, rows 1..1048576. */
export const EXCEL_MAX_COLUMNS = 16_384;
export const EXCEL_MAX_ROWS = 1_048_576;

/** 0 → 'A', 25 → 'Z', 26 → 'AA'. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  }
  return name;
}

const REFERENCE = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;

/** 'C7' → { column: 2, row: 6 } (both 0-based); undefined when not a cell inside the grid. */
export function parseReference(ref: string): { column: number; row: number } | undefined {
  const match = REFERENCE.exec(ref);
  if (match === null) return undefined;
  let column = 0;
  for (const letter of (match[1] ?? '').toUpperCase())
    column = column * 26 + letter.charCodeAt(0) - 64;
  const row = Number(match[2]);
  if (column > EXCEL_MAX_COLUMNS || row < 1 || row > EXCEL_MAX_ROWS) return undefined;
  return { column: column - 1, row: row - 1 };
}

/**
 * ST_Xstring: Excel writes a character XML 1.0 cannot hold (most C0 controls) as
 * `_xHHHH_`, and a literal `_xHHHH_` in the text as `_x005F_xHHHH_`. CR is escaped too,
 * because XML parsers turn CR LF into LF.
 */
export function unescapeXstring(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_whole, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
}

// Lone surrogates are not escaped but replaced: UTF-8 cannot encode them either.
const NEEDS_ESCAPE =
  // eslint-disable-next-line no-control-regex -- these control characters are what is escaped
  /_x[0-9A-Fa-f]{4}_|[\u0000-\u0008\u000B\u000C\u000D\u000E-\u001F\uFFFE\uFFFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXstring(text: string): string {
  return text
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(NEEDS_ESCAPE, (match) =>
      match.length > 1
        ? `_x005F${match}`
        : `_x${match.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`,
    );
}

export type DateFormatKind = 'date' | 'date-time' | 'time' | undefined;

// Built-in formats (ECMA-376 §18.8.30, with the zh-CN East Asian ids 27–58).
const BUILT_IN_DATES = new Set([
  14, 15, 16, 17, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58,
]);
const BUILT_IN_TIMES = new Set([18, 19, 20, 21, 32, 33, 34, 35, 45, 46, 47, 55, 56]);

export function builtInDateKind(numFmtId: number): DateFormatKind {
  if (BUILT_IN_DATES.has(numFmtId)) return 'date';
  if (numFmtId === 22) return 'date-time';
  if (BUILT_IN_TIMES.has(numFmtId)) return 'time';
  return undefined;
}

/**
 * A custom format code → whether it shows a date. Quoted literals ("年"), escaped
 * characters, [colour]/[$-804] sections and AM/PM markers are dropped first, so only
 * the format's own y/m/d/h/s letters count. Only the first section (positive numbers)
 * decides, as that is the one a date uses.
 */
export function formatCodeKind(code: string): DateFormatKind {
  const first = code.split(';')[0] ?? '';
  const tokens = first
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, (bracket) => (/^\[(h+|m+|s+)\]$/i.test(bracket) ? 'h' : ''))
    .replace(/AM\/PM|A\/P|上午\/下午/gi, '')
    .replace(/_.|\*./g, '')
    .toLowerCase();
  const hasDate = /[yd]/.test(tokens) || (/m/.test(tokens) && !/[hs]/.test(tokens));
  const hasTime = /[hs]/.test(tokens);
  if (hasDate) return hasTime ? 'date-time' : 'date';
  return hasTime ? 'time' : undefined;
}

const MS_PER_DAY = 86_400_000;
// Serial 1 is 1900-01-01 and Excel counts a 29 February 1900 that never was (serial 60),
// so serials from 61 on count from 1899-12-30. The 1904 system counts from 1904-01-01.
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);
const LAST_SERIAL_1900 = 2_958_465; // 9999-12-31

/**
 * A stored serial number → 'YYYY-MM-DD' (or 'YYYY-MM-DD HH:MM:SS'); undefined when the
 * text is not a serial Excel would show as a date.
 */
export function serialToDate(
  stored: string,
  kind: 'date' | 'date-time',
  date1904: boolean,
): string | undefined {
  if (!/^\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(stored)) return undefined;
  const serial = Number(stored);
  const maximum = date1904 ? LAST_SERIAL_1900 - 1462 : LAST_SERIAL_1900;
  if (!Number.isFinite(serial) || serial > maximum || (serial < 1 && !date1904)) return undefined;

  // Round to the second first: 0.99999999 of a day is midnight of the next day.
  const seconds = Math.round(serial * 86_400);
  const days = Math.floor(seconds / 86_400);
  const secondOfDay = seconds - days * 86_400;
  let date: string;
  if (date1904) {
    date = isoDate(EPOCH_1904 + days * MS_PER_DAY);
  } else if (days === 60) {
    date = '1900-02-29';
  } else {
    date = isoDate(EPOCH_1900 + (days < 60 ? days + 1 : days) * MS_PER_DAY);
  }
  if (kind === 'date') return date;
  const hh = String(Math.floor(secondOfDay / 3600)).padStart(2, '0');
  const mm = String(Math.floor((secondOfDay % 3600) / 60)).padStart(2, '0');
  const ss = String(secondOfDay % 60).padStart(2, '0');
  return `${date} ${hh}:${mm}:${ss}`;
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
