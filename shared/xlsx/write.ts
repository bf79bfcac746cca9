/**
 * Tables → a minimal .xlsx that Excel, WPS and LibreOffice open without a repair prompt:
 * content types, relationships, workbook, styles, a shared-strings table and one
 * worksheet per table. Deterministic: the same tables give the same bytes.
 *
 * What a clerk relies on when editing the file:
 * - header rows bold and frozen;
 * - `textColumns` formatted as Text (@), the column itself too, so an ID or a 户编号 like
 *   '0105' typed later stays text instead of becoming 105 or 3.20502E+17;
 * - text is always a string cell, never a formula; text starting with = + - @ also gets
 *   Excel's quote prefix, so that re-entering the cell does not turn it into a formula
 *   (formula injection from data that came from residents).
 *
 * Invalid arguments (sheet names, sizes) are programming errors: RangeError.
 */
import { zipSync, type Zippable } from 'fflate';
import { EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS, columnName, escapeXstring } from './cells.ts';
import { encodeUtf8 } from './text.ts';
import { escapeXml } from './xml.ts';

export type XlsxCellValue = string | number | null;

export interface XlsxSheet {
  /** 1–31 characters, none of [ ] : * ? / \, not starting or ending with ', unique. */
  readonly name: string;
  readonly rows: readonly (readonly XlsxCellValue[])[];
  /** Widths in characters (Excel's unit), by 0-based column; missing → Excel's default. */
  readonly columnWidths?: readonly number[];
  /** Leading rows shown bold and frozen. Default 0. */
  readonly headerRows?: number;
  /** 0-based columns formatted as Text (@); numbers in them are written as text. */
  readonly textColumns?: readonly number[];
}

/** Excel's limit on the characters in one cell. */
export const EXCEL_MAX_CELL_TEXT = 32_767;

// Cell formats (cellXfs) in styles.xml, by index.
const STYLE_DEFAULT = 0;
const STYLE_HEADER = 1;
const STYLE_TEXT = 2;
const STYLE_HEADER_TEXT = 3;
const STYLE_QUOTED = 4; // quote prefix: "=1+1" stays text when re-entered
const STYLE_QUOTED_HEADER = 5;
const TEXT_FORMAT_ID = 49; // built-in '@'

const FORMULA_TRIGGER = /^[=+\-@]/;
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PACKAGE_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
// DOS timestamps start in 1980; a fixed one keeps the output reproducible.
const FIXED_MTIME = new Date(Date.UTC(1980, 0, 1));

export function writeXlsxTable(sheets: readonly XlsxSheet[]): Uint8Array {
  if (sheets.length === 0) throw new RangeError('a workbook needs at least one sheet');
  validateSheetNames(sheets.map((sheet) => sheet.name));

  const strings = new SharedStrings();
  const files: Zippable = {};
  sheets.forEach((sheet, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = encodeUtf8(worksheetXml(sheet, strings));
  });
  files['[Content_Types].xml'] = encodeUtf8(contentTypesXml(sheets.length));
  files['_rels/.rels'] = encodeUtf8(
    `${XML_HEAD}<Relationships xmlns="${NS_PACKAGE_REL}"><Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  files['xl/workbook.xml'] = encodeUtf8(workbookXml(sheets));
  files['xl/_rels/workbook.xml.rels'] = encodeUtf8(workbookRelsXml(sheets.length));
  files['xl/styles.xml'] = encodeUtf8(STYLES_XML);
  files['xl/sharedStrings.xml'] = encodeUtf8(strings.xml());
  return zipSync(files, { level: 6, mtime: FIXED_MTIME });
}

const FORBIDDEN_IN_SHEET_NAME = /[[\]:*?/\\]/;

function validateSheetNames(names: readonly string[]): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (name.length < 1 || name.length > 31) {
      throw new RangeError(`sheet name must have 1 to 31 characters: '${name}'`);
    }
    if (FORBIDDEN_IN_SHEET_NAME.test(name) || name.startsWith("'") || name.endsWith("'")) {
      throw new RangeError(
        `sheet name may not contain [ ] : * ? / \\ or start/end with ': '${name}'`,
      );
    }
    // eslint-disable-next-line no-control-regex -- control characters are what is refused
    if (/[\u0000-\u001F]/.test(name) || name.toLowerCase() === 'history') {
      throw new RangeError(`sheet name is reserved or has control characters: '${name}'`);
    }
    const folded = name.toLowerCase();
    if (seen.has(folded)) throw new RangeError(`sheet names must be unique: '${name}'`);
    seen.add(folded);
  }
}

class SharedStrings {
  private readonly index = new Map<string, number>();
  private readonly items: string[] = [];
  private references = 0;

  add(text: string): number {
    this.references++;
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.items.length;
      this.index.set(text, i);
      this.items.push(text);
    }
    return i;
  }

  xml(): string {
    const parts = [
      `${XML_HEAD}<sst xmlns="${NS_MAIN}" count="${this.references}" uniqueCount="${this.items.length}">`,
    ];
    for (const text of this.items) parts.push(`<si>${textElement(text)}</si>`);
    parts.push('</sst>');
    return parts.join('');
  }
}

function textElement(text: string): string {
  const escaped = escapeXml(escapeXstring(text));
  // Leading/trailing spaces and line breaks survive only with xml:space="preserve".
  return /^\s|\s$/.test(text) ? `<t xml:space="preserve">${escaped}</t>` : `<t>${escaped}</t>`;
}

function worksheetXml(sheet: XlsxSheet, strings: SharedStrings): string {
  const headerRows = sheet.headerRows ?? 0;
  const textColumns = new Set(sheet.textColumns ?? []);
  const widths = sheet.columnWidths ?? [];
  if (!Number.isInteger(headerRows) || headerRows < 0 || headerRows >= EXCEL_MAX_ROWS) {
    throw new RangeError(`headerRows must be a whole number of rows: ${headerRows}`);
  }
  for (const column of textColumns) checkColumn(column, 'textColumns');
  widths.forEach((width) => {
    if (!Number.isFinite(width) || width < 0 || width > 255) {
      throw new RangeError(`column widths must be 0 to 255 characters: ${width}`);
    }
  });
  if (sheet.rows.length > EXCEL_MAX_ROWS) {
    throw new RangeError(`a sheet holds at most ${EXCEL_MAX_ROWS} rows`);
  }

  const parts: string[] = [`${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">`];
  const lastColumn = Math.max(0, ...sheet.rows.map((row) => row.length));
  if (lastColumn > EXCEL_MAX_COLUMNS) {
    throw new RangeError(`a sheet holds at most ${EXCEL_MAX_COLUMNS} columns`);
  }
  const lastRow = Math.max(1, sheet.rows.length);
  parts.push(`<dimension ref="A1:${columnName(Math.max(0, lastColumn - 1))}${lastRow}"/>`);
  if (headerRows > 0) {
    const topLeft = `A${headerRows + 1}`;
    parts.push(
      `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${headerRows}" topLeftCell="${topLeft}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="${topLeft}" sqref="${topLeft}"/></sheetView></sheetViews>`,
    );
  }
  parts.push('<sheetFormatPr defaultRowHeight="15"/>');
  parts.push(colsXml(widths, textColumns));

  parts.push('<sheetData>');
  sheet.rows.forEach((row, r) => {
    const header = r < headerRows;
    const cells: string[] = [];
    row.forEach((value, c) => {
      const cell = cellXml(value, `${columnName(c)}${r + 1}`, header, textColumns.has(c), strings);
      if (cell !== '') cells.push(cell);
    });
    if (cells.length > 0) parts.push(`<row r="${r + 1}">${cells.join('')}</row>`);
  });
  parts.push('</sheetData>');
  parts.push(
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>',
  );
  parts.push('</worksheet>');
  return parts.join('');
}

function checkColumn(column: number, what: string): void {
  if (!Number.isInteger(column) || column < 0 || column >= EXCEL_MAX_COLUMNS) {
    throw new RangeError(`${what} must hold 0-based column numbers: ${column}`);
  }
}

/** <col> ranges: a width and/or the Text style per column, adjacent equal ones merged. */
function colsXml(widths: readonly number[], textColumns: ReadonlySet<number>): string {
  const last = Math.max(widths.length - 1, ...textColumns);
  const cols: string[] = [];
  let start = 0;
  const describe = (c: number): string => {
    const width = widths[c];
    const attrs = width === undefined ? '' : ` width="${width}" customWidth="1"`;
    return textColumns.has(c) ? `${attrs} style="${STYLE_TEXT}"` : attrs;
  };
  for (let c = 0; c <= last; c++) {
    const attrs = describe(c);
    if (c < last && describe(c + 1) === attrs) continue;
    // Excel requires a width on every <col>; 8.43 is its default.
    if (attrs !== '') {
      const withWidth = attrs.includes('width=') ? attrs : ` width="8.43"${attrs}`;
      cols.push(`<col min="${start + 1}" max="${c + 1}"${withWidth}/>`);
    }
    start = c + 1;
  }
  return cols.length > 0 ? `<cols>${cols.join('')}</cols>` : '';
}

function cellXml(
  value: XlsxCellValue,
  ref: string,
  header: boolean,
  textColumn: boolean,
  strings: SharedStrings,
): string {
  let style = header
    ? textColumn
      ? STYLE_HEADER_TEXT
      : STYLE_HEADER
    : textColumn
      ? STYLE_TEXT
      : STYLE_DEFAULT;
  if (value === null || value === '') {
    // An empty cell still carries the style, so a header row is bold end to end.
    return style === STYLE_DEFAULT || style === STYLE_TEXT ? '' : `<c r="${ref}" s="${style}"/>`;
  }
  if (typeof value === 'number' && !textColumn) {
    if (!Number.isFinite(value)) throw new RangeError(`cell ${ref} is not a finite number`);
    return `<c r="${ref}"${style === STYLE_DEFAULT ? '' : ` s="${style}"`}><v>${value}</v></c>`;
  }
  const text = typeof value === 'number' ? String(value) : value;
  if (text.length > EXCEL_MAX_CELL_TEXT) {
    throw new RangeError(`cell ${ref} has more than ${EXCEL_MAX_CELL_TEXT} characters`);
  }
  // A Text (@) column keeps "=1+1" as text on its own; elsewhere the quote prefix does.
  if (!textColumn && FORMULA_TRIGGER.test(text)) {
    style = header ? STYLE_QUOTED_HEADER : STYLE_QUOTED;
  }
  const s = style === STYLE_DEFAULT ? '' : ` s="${style}"`;
  return `<c r="${ref}"${s} t="s"><v>${strings.add(text)}</v></c>`;
}

function contentTypesXml(sheetCount: number): string {
  const sheets = Array.from(
    { length: sheetCount },
    (_, i) =>
      `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
  ).join('');
  return (
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    sheets +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
    '</Types>'
  );
}

function workbookXml(sheets: readonly XlsxSheet[]): string {
  const entries = sheets
    .map(
      (sheet, i) =>
        `<sheet name="${escapeXml(sheet.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`,
    )
    .join('');
  return `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><bookViews><workbookView activeTab="0"/></bookViews><sheets>${entries}</sheets></workbook>`;
}

function workbookRelsXml(sheetCount: number): string {
  const type = (name: string): string => `${NS_REL}/${name}`;
  const sheets = Array.from(
    { length: sheetCount },
    (_, i) =>
      `<Relationship Id="rId${i + 1}" Type="${type('worksheet')}" Target="worksheets/sheet${i + 1}.xml"/>`,
  ).join('');
  return (
    `${XML_HEAD}<Relationships xmlns="${NS_PACKAGE_REL}">${sheets}` +
    `<Relationship Id="rId${sheetCount + 1}" Type="${type('styles')}" Target="styles.xml"/>` +
    `<Relationship Id="rId${sheetCount + 2}" Type="${type('sharedStrings')}" Target="sharedStrings.xml"/>` +
    '</Relationships>'
  );
}

// 宋体 (SimSun) ships with every Chinese Windows and WPS; Excel substitutes elsewhere.
const STYLES_XML =
  `${XML_HEAD}<styleSheet xmlns="${NS_MAIN}">` +
  '<fonts count="2">' +
  '<font><sz val="11"/><name val="宋体"/><family val="3"/><charset val="134"/></font>' +
  '<font><b/><sz val="11"/><name val="宋体"/><family val="3"/><charset val="134"/></font>' +
  '</fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="6">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  `<xf numFmtId="${TEXT_FORMAT_ID}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
  `<xf numFmtId="${TEXT_FORMAT_ID}" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>` +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" quotePrefix="1"/>' +
  '</cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';
