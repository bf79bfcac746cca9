/**
 * .xlsx → one sheet as a table of the texts a clerk sees, for the register import (the
 * town CLI and the app run the same validator on it).
 *
 * Table contract (shared/residents/import/validate.ts relies on it):
 * - `rows[i]` is spreadsheet row i + 1: blank rows in between stay as `[]`, and `r`
 *   attributes that skip rows or columns are honoured. Trailing empty cells of a row and
 *   trailing blank rows of the sheet are dropped, so a formatted-but-empty tail does not
 *   count.
 * - A cell is its text: shared and inline strings (rich-text runs joined, phonetic
 *   guides left out), TRUE/FALSE, error texts (#N/A), a formula's cached value, and a
 *   number exactly as stored (`3.20502199001011E+17` for an ID typed into a General
 *   cell, so the validator can say so). A number in a date format is 'YYYY-MM-DD'
 *   ('YYYY-MM-DD HH:MM:SS' when the format shows a time too); other number formats
 *   (percent, thousands separators, time of day) are not applied.
 *
 * Hostile files: the zip is read with limits (zip.ts), DTDs are refused (xml.ts for the
 * small parts, scan.ts for the sheet and shared strings, which are scanned rather than
 * parsed into a tree), and the sheet's size is capped on the cells that hold text. Any
 * failure is a Result, never a throw.
 */
import { fail, ok, type Result } from '../errors.ts';
import {
  EXCEL_MAX_COLUMNS,
  EXCEL_MAX_ROWS,
  builtInDateKind,
  formatCodeKind,
  parseReference,
  serialToDate,
  unescapeXstring,
  type DateFormatKind,
} from './cells.ts';
import { XlsxFailure } from './problems.ts';
import { attributeIn, decodeText, scanXml } from './scan.ts';
import { decodeUtf8 } from './text.ts';
import { attribute, child, children, parseXml } from './xml.ts';
import { openZip, type ZipArchive, type ZipLimits } from './zip.ts';

export interface XlsxTable {
  readonly sheetName: string;
  /** `rows[i]` is spreadsheet row i + 1; see the contract above. */
  readonly rows: string[][];
}

export interface XlsxLimits extends ZipLimits {
  /** Last row with text (1-based, as Excel numbers it). */
  readonly maxRows: number;
  /** Last column with text (1-based: 26 is Z). */
  readonly maxColumns: number;
  /** Cells in the table, counting the empty ones before the last cell of each row. */
  readonly maxCells: number;
}

export const XLSX_LIMITS: XlsxLimits = {
  maxUncompressedBytes: 200 * 1024 * 1024,
  maxEntries: 10_000,
  // A village register is a few thousand rows of about twenty columns; a town export
  // maybe fifty thousand. These refuse a sheet that would take gigabytes as strings.
  maxRows: 200_000,
  maxColumns: 1_000,
  maxCells: 5_000_000,
};

export interface ReadXlsxOptions {
  /**
   * A sheet's 0-based position in the workbook (tab order, hidden sheets included) or its
   * name (exact, else case-insensitive as Excel compares names). Default: the first
   * visible worksheet.
   */
  readonly sheet?: number | string;
  readonly limits?: Partial<XlsxLimits>;
}

export function readXlsxTable(bytes: Uint8Array, options: ReadXlsxOptions = {}): Result<XlsxTable> {
  const limits = { ...XLSX_LIMITS, ...options.limits };
  try {
    return ok(readTable(bytes, options.sheet, limits));
  } catch (error) {
    if (error instanceof XlsxFailure) return fail(error.code, error.params);
    // A RangeError from a parser's recursion, an allocation failure: still a bad file.
    return fail('xlsx.not-a-workbook');
  }
}

export interface XlsxSheetInfo {
  readonly name: string;
  readonly visible: boolean;
  /** False for chart sheets, which hold no cells. */
  readonly worksheet: boolean;
}

/** The workbook's sheets in tab order, for a "which sheet?" prompt or message. */
export function listXlsxSheets(
  bytes: Uint8Array,
  options: { readonly limits?: Partial<XlsxLimits> } = {},
): Result<XlsxSheetInfo[]> {
  try {
    const zip = openZip(bytes, { ...XLSX_LIMITS, ...options.limits });
    return ok(
      openWorkbook(zip).sheets.map(({ name, visible, worksheet }) => ({
        name,
        visible,
        worksheet,
      })),
    );
  } catch (error) {
    if (error instanceof XlsxFailure) return fail(error.code, error.params);
    return fail('xlsx.not-a-workbook');
  }
}

interface SheetEntry extends XlsxSheetInfo {
  readonly part: string | undefined;
}

interface Workbook {
  readonly zip: ZipArchive;
  readonly sheets: readonly SheetEntry[];
  readonly date1904: boolean;
  readonly sharedStringsPart: string | undefined;
  readonly stylesPart: string | undefined;
}

function readTable(
  bytes: Uint8Array,
  requested: number | string | undefined,
  limits: XlsxLimits,
): XlsxTable {
  const workbook = openWorkbook(openZip(bytes, limits));
  const sheet = pickSheet(workbook.sheets, requested);
  const part = sheet.part !== undefined ? workbook.zip.read(sheet.part) : undefined;
  if (part === undefined) {
    throw new XlsxFailure('xlsx.sheet-missing', { sheet: sheet.name });
  }
  // Shared strings and styles only once the sheet is known to exist: they can be large.
  const sharedStrings = readSharedStrings(workbook);
  const dateStyles = readDateStyles(workbook);
  const rows = readRows(decodeUtf8(part), {
    sharedStrings,
    dateStyles,
    date1904: workbook.date1904,
    limits,
  });
  return { sheetName: sheet.name, rows };
}

function openWorkbook(zip: ZipArchive): Workbook {
  const workbookPart = relationshipTargets(zip, '', 'officeDocument')[0];
  const workbookBytes = workbookPart !== undefined ? zip.read(workbookPart) : undefined;
  if (workbookPart === undefined || workbookBytes === undefined) {
    throw new XlsxFailure('xlsx.not-a-workbook');
  }
  const root = child(parseXml(workbookBytes), 'workbook');
  if (root === undefined) throw new XlsxFailure('xlsx.not-a-workbook');

  const rels = readRelationships(zip, workbookPart);
  const sheets = children(child(root, 'sheets'), 'sheet').map((sheet): SheetEntry => {
    const rel = rels.get(attribute(sheet, 'id') ?? '');
    const state = attribute(sheet, 'state');
    return {
      name: attribute(sheet, 'name') ?? '',
      visible: state !== 'hidden' && state !== 'veryHidden',
      worksheet: rel?.type.endsWith('/worksheet') ?? false,
      part: rel?.target,
    };
  });
  const date1904 = attribute(child(root, 'workbookPr'), 'date1904');
  const targetOf = (type: string): string | undefined =>
    [...rels.values()].find((rel) => rel.type.endsWith(`/${type}`))?.target;
  return {
    zip,
    sheets,
    date1904: date1904 === '1' || date1904 === 'true',
    sharedStringsPart: targetOf('sharedStrings'),
    stylesPart: targetOf('styles'),
  };
}

function pickSheet(
  sheets: readonly SheetEntry[],
  requested: number | string | undefined,
): SheetEntry {
  let found: SheetEntry | undefined;
  if (requested === undefined) {
    found = sheets.find((s) => s.worksheet && s.visible) ?? sheets.find((s) => s.worksheet);
  } else if (typeof requested === 'number') {
    found = Number.isInteger(requested) ? sheets[requested] : undefined;
  } else {
    const folded = requested.toLowerCase();
    found =
      sheets.find((s) => s.name === requested) ??
      sheets.find((s) => s.name.toLowerCase() === folded);
  }
  if (found === undefined || !found.worksheet) {
    throw new XlsxFailure('xlsx.sheet-missing', {
      sheet: requested === undefined ? '' : String(requested),
    });
  }
  return found;
}

interface Relationship {
  readonly type: string;
  readonly target: string;
}

/** The part's relationships by id, targets resolved to part names. */
function readRelationships(zip: ZipArchive, partName: string): Map<string, Relationship> {
  const slash = partName.lastIndexOf('/');
  const folder = partName.slice(0, slash + 1);
  const relsBytes = zip.read(`${folder}_rels/${partName.slice(slash + 1)}.rels`);
  const map = new Map<string, Relationship>();
  if (relsBytes === undefined) return map;
  const root = child(parseXml(relsBytes), 'Relationships');
  for (const rel of children(root, 'Relationship')) {
    const id = attribute(rel, 'Id');
    const target = attribute(rel, 'Target');
    if (id === undefined || target === undefined || attribute(rel, 'TargetMode') === 'External') {
      continue;
    }
    map.set(id, { type: attribute(rel, 'Type') ?? '', target: resolvePart(folder, target) });
  }
  return map;
}

function relationshipTargets(zip: ZipArchive, partName: string, type: string): string[] {
  return [...readRelationships(zip, partName).values()]
    .filter((rel) => rel.type.endsWith(`/${type}`))
    .map((rel) => rel.target);
}

/** 'xl/' + 'worksheets/sheet1.xml' → 'xl/worksheets/sheet1.xml'; '/xl/…' is absolute. */
function resolvePart(folder: string, target: string): string {
  let path: string;
  try {
    path = decodeURIComponent(target.split('#')[0] ?? '');
  } catch {
    path = target;
  }
  const segments = (path.startsWith('/') ? path : folder + path).split('/');
  const resolved: string[] = [];
  for (const segment of segments) {
    if (segment === '..') resolved.pop();
    else if (segment !== '' && segment !== '.') resolved.push(segment);
  }
  return resolved.join('/');
}

function readSharedStrings(workbook: Workbook): string[] {
  if (workbook.sharedStringsPart === undefined) return [];
  const bytes = workbook.zip.read(workbook.sharedStringsPart);
  if (bytes === undefined) return [];
  const strings: string[] = [];
  const text = new RichText();
  scanXml(decodeUtf8(bytes), {
    open(name, _attributes, selfClosing) {
      if (name === 'si') {
        text.start();
        if (selfClosing) strings.push('');
      } else {
        text.open(name, selfClosing);
      }
    },
    close(name) {
      if (name === 'si') strings.push(text.end());
      else text.close(name);
    },
    text: (raw, cdata) => {
      text.text(raw, cdata);
    },
  });
  return strings;
}

/**
 * The text of an <si> or <is>: its <t>, or the runs' <t> joined. <rPh> phonetic guides
 * (furigana) and their <t> are not part of the text.
 */
class RichText {
  private parts: string[] = [];
  private inT = false;
  private phonetic = 0;

  start(): void {
    this.parts = [];
    this.inT = false;
    this.phonetic = 0;
  }

  open(name: string, selfClosing: boolean): void {
    if (selfClosing) return;
    if (name === 'rPh') this.phonetic++;
    else if (name === 't' && this.phonetic === 0) this.inT = true;
  }

  close(name: string): void {
    if (name === 'rPh') this.phonetic = Math.max(0, this.phonetic - 1);
    else if (name === 't') this.inT = false;
  }

  text(raw: string, cdata: boolean): void {
    if (this.inT) this.parts.push(decodeText(raw, cdata));
  }

  end(): string {
    const text = unescapeXstring(this.parts.join(''));
    this.start();
    return text;
  }
}

/** Style index (the `s` of a cell) → how a number in it shows as a date, if it does. */
function readDateStyles(workbook: Workbook): DateFormatKind[] {
  if (workbook.stylesPart === undefined) return [];
  const bytes = workbook.zip.read(workbook.stylesPart);
  if (bytes === undefined) return [];
  const styleSheet = child(parseXml(bytes), 'styleSheet');
  const custom = new Map<number, DateFormatKind>();
  for (const format of children(child(styleSheet, 'numFmts'), 'numFmt')) {
    custom.set(
      Number(attribute(format, 'numFmtId')),
      formatCodeKind(attribute(format, 'formatCode') ?? ''),
    );
  }
  return children(child(styleSheet, 'cellXfs'), 'xf').map((xf) => {
    const id = Number(attribute(xf, 'numFmtId') ?? '0');
    return custom.has(id) ? custom.get(id) : builtInDateKind(id);
  });
}

interface SheetContext {
  readonly sharedStrings: readonly string[];
  readonly dateStyles: readonly DateFormatKind[];
  readonly date1904: boolean;
  readonly limits: XlsxLimits;
}

function readRows(xml: string, ctx: SheetContext): string[][] {
  const { maxRows, maxColumns, maxCells } = ctx.limits;
  const tooLarge = (): XlsxFailure =>
    new XlsxFailure('xlsx.sheet-too-large', { maxRows, maxColumns });
  const corrupt = (): XlsxFailure => new XlsxFailure('xlsx.not-a-workbook');

  const rows: string[][] = [];
  let cellCount = 0;
  // An object, not a let: TypeScript does not see the scan callbacks assign it.
  const seen = { sheetData: false };
  let inSheetData = false;

  // The row being read: its index (-1 until known), cells, and the last column read.
  let rowIndex = -1;
  let rowKnown = false;
  let cells: string[] = [];
  let columnIndex = -1;

  // The cell being read.
  let inCell = false;
  let cellRow = -1;
  let cellType = 'n';
  let cellStyle: string | undefined;
  let value: string[] | undefined;
  let inValue = false;
  let inInline = false;
  const inline = new RichText();

  const endRow = (): void => {
    if (cells.length === 0) return;
    cellCount += cells.length;
    if (cellCount > maxCells) throw tooLarge();
    while (rows.length < rowIndex) rows.push([]);
    // A repeated row number (hand-made files) merges into the row already read.
    const existing = rows[rowIndex];
    if (existing === undefined) {
      rows[rowIndex] = cells;
      return;
    }
    cells.forEach((text, i) => {
      if (text !== '') existing[i] = text;
    });
    for (let i = 0; i < existing.length; i++) existing[i] ??= '';
  };

  const endCell = (): void => {
    inCell = false;
    const raw = value === undefined ? undefined : value.join('');
    const shown = cellType === 'inlineStr' ? inline.end() : cellText(cellType, raw, cellStyle, ctx);
    if (shown === '') return;
    // A row without r takes its number from its first cell, else follows the last row.
    if (!rowKnown) {
      rowIndex = cellRow >= 0 ? cellRow : rowIndex;
      rowKnown = true;
    }
    if (columnIndex >= maxColumns || rowIndex >= maxRows) throw tooLarge();
    while (cells.length < columnIndex) cells.push('');
    cells[columnIndex] = shown;
  };

  scanXml(xml, {
    open(name, attributes, selfClosing) {
      if (!inSheetData) {
        if (name === 'sheetData') {
          seen.sheetData = true;
          inSheetData = !selfClosing;
        }
        return;
      }
      if (name === 'row') {
        const r = attributeIn(attributes, 'r');
        cells = [];
        columnIndex = -1;
        if (r === undefined) {
          rowKnown = false;
          rowIndex += 1;
        } else {
          const index = Number(r) - 1;
          if (!Number.isInteger(index) || index < 0 || index >= EXCEL_MAX_ROWS) throw corrupt();
          rowIndex = index;
          rowKnown = true;
        }
        if (selfClosing) endRow();
      } else if (name === 'c') {
        const ref = attributeIn(attributes, 'r');
        if (ref === undefined) {
          columnIndex += 1;
          cellRow = -1;
        } else {
          const parsed = parseReference(ref);
          if (parsed === undefined) throw corrupt();
          columnIndex = parsed.column;
          cellRow = parsed.row;
        }
        if (columnIndex >= EXCEL_MAX_COLUMNS) throw corrupt();
        cellType = attributeIn(attributes, 't') ?? 'n';
        cellStyle = attributeIn(attributes, 's');
        value = undefined;
        inInline = false;
        inCell = !selfClosing;
        if (selfClosing) return;
      } else if (inCell) {
        if (name === 'v' && !selfClosing) {
          inValue = true;
          value = [];
        } else if (name === 'v') {
          value = [];
        } else if (name === 'is') {
          inInline = true;
          inline.start();
        } else if (inInline) {
          inline.open(name, selfClosing);
        }
      }
    },
    close(name) {
      if (!inSheetData) return;
      if (name === 'sheetData') inSheetData = false;
      else if (name === 'row') endRow();
      else if (name === 'c') endCell();
      else if (name === 'v') inValue = false;
      else if (name === 'is') inInline = false;
      else if (inInline) inline.close(name);
    },
    text(raw, cdata) {
      if (inValue) value?.push(decodeText(raw, cdata));
      else if (inInline) inline.text(raw, cdata);
    },
  });
  if (!seen.sheetData) throw corrupt();
  return rows;
}

function cellText(
  type: string,
  value: string | undefined,
  style: string | undefined,
  ctx: SheetContext,
): string {
  switch (type) {
    case 's': {
      if (value === undefined || value === '') return '';
      const text = ctx.sharedStrings[Number(value)];
      if (text === undefined) throw new XlsxFailure('xlsx.not-a-workbook');
      return text;
    }
    case 'str':
      return unescapeXstring(value ?? '');
    case 'b':
      if (value === undefined || value === '') return '';
      return value === '1' || value === 'true' ? 'TRUE' : 'FALSE';
    case 'e':
      return value ?? '';
    case 'd': {
      // ISO 8601 date cells (strict OOXML and some generators).
      if (value === undefined) return '';
      const kind = style === undefined ? undefined : ctx.dateStyles[Number(style)];
      return kind === 'date' && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : value;
    }
    default: {
      if (value === undefined) return '';
      const kind = style === undefined ? undefined : ctx.dateStyles[Number(style)];
      if (kind === 'date' || kind === 'date-time') {
        return serialToDate(value, kind, ctx.date1904) ?? value;
      }
      return value;
    }
  }
}
