/**
 * The historical ledger spreadsheet (积分台账) a township imports with `town ledger import`:
 * one row per entry, found by its headers (any order; extra columns and blank rows
 * ignored), read into typed rows or, cell by cell, into problems. Deciding whether an
 * entry may be recorded is the ledger core's (shared/ledger/recording.ts), never this
 * file's: here a cell is only read.
 *
 * Columns: 身份证号 (a resident, for a personal rule) or 户编号 (a household, for a
 * household rule) — one of the two per row; 规则编码 (the rule's code in the village's rule
 * set, e.g. P-BLOOD); 发生日期 (the date of the act); 数量 (units, blank = 1); 分值 (the
 * points per unit a case-by-case rule was given, unsigned or signed as the rule; blank for
 * fixed-point rules); 备注 (what happened).
 *
 * Table contract as the register import's: `table[i]` is spreadsheet row i + 1, blank rows
 * kept as empty arrays, cells as the texts a clerk sees (shared/xlsx/read.ts).
 */
import type { ErrorCode, ErrorParams } from '../../../shared/errors.ts';
import { parseCitizenId } from '../../../shared/residents/citizen-id.ts';
import { characterCount, readDate } from '../../../shared/residents/import/cells.ts';
import { REGISTER_COLUMNS, headerKey } from '../../../shared/residents/import/columns.ts';

export type LedgerTable = readonly (readonly string[])[];

export type LedgerColumnKey =
  'idNumber' | 'householdNumber' | 'ruleCode' | 'occurredOn' | 'quantity' | 'points' | 'note';

export interface LedgerColumn {
  readonly key: LedgerColumnKey;
  /** The template's header, and the name problems use when the column is missing. */
  readonly header: string;
  readonly aliases: readonly string[];
  readonly required: boolean;
}

function registerAliases(key: 'idNumber' | 'householdNumber' | 'notes'): readonly string[] {
  return REGISTER_COLUMNS.find((column) => column.key === key)?.aliases ?? [];
}

/** The template's columns, in order. The subject columns are required as a pair (one of them). */
export const LEDGER_COLUMNS: readonly LedgerColumn[] = [
  { key: 'idNumber', header: '身份证号', aliases: registerAliases('idNumber'), required: false },
  {
    key: 'householdNumber',
    header: '户编号',
    aliases: registerAliases('householdNumber'),
    required: false,
  },
  {
    key: 'ruleCode',
    header: '规则编码',
    aliases: ['规则代码', '细则编码', '项目编码', '积分项目编码', '编码'],
    required: true,
  },
  {
    key: 'occurredOn',
    header: '发生日期',
    aliases: ['日期', '发生时间', '事项日期', '行为日期'],
    required: true,
  },
  { key: 'quantity', header: '数量', aliases: ['次数', '件数'], required: false },
  { key: 'points', header: '分值', aliases: ['每次分值', '单次分值'], required: false },
  { key: 'note', header: '备注', aliases: [...registerAliases('notes'), '事由'], required: false },
];

/** Both subject columns missing is reported under this name. */
export const SUBJECT_COLUMNS = '身份证号或户编号';

const COLUMN_BY_HEADER: ReadonlyMap<string, LedgerColumn> = new Map(
  LEDGER_COLUMNS.flatMap((column) =>
    [column.header, ...column.aliases].map((name) => [headerKey(name), column] as const),
  ),
);

export function ledgerColumnOfHeader(text: string): LedgerColumn | undefined {
  return COLUMN_BY_HEADER.get(headerKey(text));
}

export interface LedgerProblem {
  /** The spreadsheet's row number, as Excel shows it. */
  readonly row: number;
  /** The header as written in the file ('' when the problem is the row's). */
  readonly column: string;
  readonly columnIndex?: number;
  /** The cell as written (trimmed); '' when the problem is an absence. */
  readonly value: string;
  readonly code: ErrorCode;
  readonly params: ErrorParams;
}

export type RowSubject =
  | {
      readonly type: 'resident';
      /** Normalised 18-character number (a 15-digit one converted). */
      readonly idNumber: string;
    }
  | { readonly type: 'household'; readonly householdNo: string };

export type LedgerCells = Readonly<Record<LedgerColumnKey, string>>;

export interface LedgerRow {
  readonly row: number;
  /** The row's cells as written (trimmed), for reports. */
  readonly cells: LedgerCells;
  readonly subject: RowSubject;
  readonly ruleCode: string;
  readonly occurredOn: string;
  readonly quantity: number;
  /** The 分值 cell as written ('' when blank): read against the rule (readPoints). */
  readonly pointsText: string;
  readonly note: string;
}

export interface IgnoredColumn {
  readonly column: string;
  readonly columnIndex: number;
}

export interface LedgerTableResult {
  /** Row number of the header (0 if none was found). */
  readonly headerRow: number;
  /** Rows read without a problem, in file order. */
  readonly rows: readonly LedgerRow[];
  readonly problems: readonly LedgerProblem[];
  /** Data rows read (blank rows not counted). */
  readonly dataRows: number;
  readonly ignoredColumns: readonly IgnoredColumn[];
  /** Where each found column is, as written: reports name a problem's column with it. */
  readonly columns: FoundColumns;
}

export type FoundColumns = ReadonlyMap<
  LedgerColumnKey,
  { readonly text: string; readonly index: number }
>;

/** A problem with one cell of a data row (or with the row, `key` undefined). */
export function cellProblem(
  columns: FoundColumns,
  row: number,
  cells: LedgerCells,
  key: LedgerColumnKey | undefined,
  code: ErrorCode,
  params: ErrorParams,
): LedgerProblem {
  const at = key === undefined ? undefined : columns.get(key);
  const value = key === undefined ? '' : cells[key];
  return at === undefined
    ? { row, column: '', value, code, params }
    : { row, column: at.text, columnIndex: at.index, value, code, params };
}

const HEADER_SEARCH_ROWS = 5;
const SCIENTIFIC_NOTATION = /^\d(?:\.\d+)?E\+?\d+$/i;
/** events.note: LONG_TEXT (collections/schema.ts). */
const MAX_NOTE_LENGTH = 4000;

/** Reads the first sheet's table; `today` is the village's date (IDs born after it are refused). */
export function readLedgerTable(table: LedgerTable, today: string): LedgerTableResult {
  const candidates: number[] = [];
  for (let index = 0; index < table.length && candidates.length < HEADER_SEARCH_ROWS; index += 1)
    if ((table[index] ?? []).some((cell) => cell.trim() !== '')) candidates.push(index);
  const first = candidates[0];
  if (first === undefined)
    return {
      headerRow: 0,
      rows: [],
      problems: [{ row: 1, column: '', value: '', code: 'ledger.import-empty', params: {} }],
      dataRows: 0,
      ignoredColumns: [],
      columns: new Map(),
    };
  // A title row ('王庄村积分台账') often sits above the header; it names no column.
  const headerIndex =
    candidates.find(
      (candidate) =>
        (table[candidate] ?? []).filter((cell) => ledgerColumnOfHeader(cell) !== undefined)
          .length >= 2,
    ) ?? first;
  const headerRow = headerIndex + 1;
  const problems: LedgerProblem[] = [];
  const columns = new Map<LedgerColumnKey, { text: string; index: number }>();
  const ignoredColumns: IgnoredColumn[] = [];
  (table[headerIndex] ?? []).forEach((cell, index) => {
    const text = cell.trim();
    if (text === '') return;
    const column = ledgerColumnOfHeader(text);
    if (column === undefined) {
      ignoredColumns.push({ column: text, columnIndex: index });
      return;
    }
    const earlier = columns.get(column.key);
    if (earlier !== undefined) {
      problems.push({
        row: headerRow,
        column: text,
        columnIndex: index,
        value: text,
        code: 'import.column-duplicate',
        params: { column: text, other: earlier.text },
      });
      return;
    }
    columns.set(column.key, { text, index });
  });
  const missing = (column: string): void => {
    problems.push({
      row: headerRow,
      column,
      value: '',
      code: 'import.column-missing',
      params: { column },
    });
  };
  if (!columns.has('idNumber') && !columns.has('householdNumber')) missing(SUBJECT_COLUMNS);
  for (const column of LEDGER_COLUMNS)
    if (column.required && !columns.has(column.key)) missing(column.header);

  const base = { headerRow, ignoredColumns, columns };
  if (problems.length > 0) return { ...base, rows: [], problems, dataRows: 0 };

  const rows: LedgerRow[] = [];
  let dataRows = 0;
  for (let index = headerIndex + 1; index < table.length; index += 1) {
    const cells = table[index] ?? [];
    const read = {} as Record<LedgerColumnKey, string>;
    for (const column of LEDGER_COLUMNS) {
      const at = columns.get(column.key);
      read[column.key] = at === undefined ? '' : (cells[at.index] ?? '').trim();
    }
    const text = (key: LedgerColumnKey): string => read[key];
    // Cells only in ignored columns (a 序号 running down a template) do not make a row.
    if (LEDGER_COLUMNS.every((column) => text(column.key) === '')) continue;
    dataRows += 1;
    const row = index + 1;
    const before = problems.length;
    const report: Report = (key, code, params) => {
      problems.push(cellProblem(columns, row, read, key, code, params));
    };

    const subject = readSubject(text('idNumber'), text('householdNumber'), today, report);
    const ruleCode = text('ruleCode');
    if (ruleCode === '') report('ruleCode', 'import.value-missing', { column: header('ruleCode') });
    const occurredOn = readActDate(text('occurredOn'));
    if (text('occurredOn') === '')
      report('occurredOn', 'import.value-missing', { column: header('occurredOn') });
    else if (occurredOn === undefined)
      report('occurredOn', 'ledger.date-invalid', { value: text('occurredOn') });
    const quantity = readWholeNumber(text('quantity'), 1);
    if (quantity === undefined)
      report('quantity', 'ledger.quantity-invalid', { value: text('quantity') });
    const note = text('note');
    if (characterCount(note) > MAX_NOTE_LENGTH)
      report('note', 'import.value-too-long', { column: header('note'), max: MAX_NOTE_LENGTH });

    if (
      problems.length > before ||
      subject === undefined ||
      occurredOn === undefined ||
      quantity === undefined
    )
      continue;
    rows.push({
      row,
      cells: read,
      subject,
      ruleCode,
      occurredOn,
      quantity,
      pointsText: text('points'),
      note,
    });
  }
  if (dataRows === 0)
    problems.push({
      row: headerRow,
      column: '',
      value: '',
      code: 'ledger.import-empty',
      params: {},
    });
  return { ...base, rows, problems, dataRows };

  function header(key: LedgerColumnKey): string {
    return columns.get(key)?.text ?? LEDGER_COLUMNS.find((c) => c.key === key)?.header ?? key;
  }
}

type Report = (key: LedgerColumnKey | undefined, code: ErrorCode, params: ErrorParams) => void;

function readSubject(
  idText: string,
  householdText: string,
  today: string,
  report: Report,
): RowSubject | undefined {
  if (idText !== '' && householdText !== '') {
    report(undefined, 'ledger.subject-both', {});
    return undefined;
  }
  if (idText === '' && householdText === '') {
    report(undefined, 'ledger.subject-missing', {});
    return undefined;
  }
  if (householdText !== '') return { type: 'household', householdNo: householdText };
  if (SCIENTIFIC_NOTATION.test(idText)) {
    report('idNumber', 'import.id-as-number', { value: idText });
    return undefined;
  }
  const id = parseCitizenId(idText, today);
  if (!id.ok) {
    report('idNumber', id.error.code, id.error.params ?? {});
    return undefined;
  }
  return { type: 'resident', idNumber: id.value.number };
}

/**
 * The date of an act as ledgers write it (2025-03-01, 2025/3/1, 2025年3月1日, 20250301, a date
 * cell), or undefined. A date cell with a time of day ('2025-03-01 00:00:00') keeps its day.
 */
function readActDate(text: string): string | undefined {
  if (text === '') return undefined;
  const day = /^(\d{4}-\d{2}-\d{2})[ T]\d{2}:\d{2}(?::\d{2})?$/.exec(text)?.[1];
  return readDate(day ?? text);
}

/** A whole number as written ('2', '2.0', full-width digits); blank → `blank`. */
function readWholeNumber(text: string, blank: number): number | undefined {
  if (text === '') return blank;
  const match = /^(\d{1,6})(?:\.0+)?$/.exec(text.normalize('NFKC').replace(/\s/g, ''));
  return match === null ? undefined : Number(match[1]);
}

/**
 * Points per unit as written in the 分值 cell: a whole number, signed or not (full-width
 * forms and a typographic minus accepted); undefined when unreadable. Unsigned means
 * "signed as the rule" (扣 5 分 is written 5 on many ledgers).
 */
export function readPoints(
  text: string,
): { readonly value: number; readonly signed: boolean } | undefined {
  const match = /^([+-]?)(\d{1,5})(?:\.0+)?$/.exec(
    text.normalize('NFKC').replace(/\s/g, '').replace(/^−/, '-'),
  );
  if (match === null) return undefined;
  const value = Number(match[2]);
  return { value: match[1] === '-' ? -value : value, signed: match[1] !== '' };
}
