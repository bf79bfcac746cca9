/**
 * The register import validator: a table of cell texts (one spreadsheet, already read by an
 * adapter) → either a complete plan of households and residents to create, or every
 * problem found. Nothing is half-imported: one problem anywhere means no plan at all.
 *
 * Pure and synchronous, O(rows): the caller passes the clock, the village's groups and a
 * lookup of IDs already registered (it owns the hashing key), so the app and the town CLI
 * run exactly the same checks. Every check runs on every row, so a clerk fixes the whole
 * file in one pass instead of meeting errors one by one. The exceptions are checks that
 * depend on a readable ID: birth date and gender are compared with the ID only once it
 * parses (the ID problem is reported instead).
 *
 * Table contract: `table[i]` is spreadsheet row i + 1, so row numbers in the report are
 * the ones Excel shows; the adapter keeps blank rows (as empty arrays) rather than dropping
 * them. Cells are text as the clerk sees it (a date cell as its serial number is accepted).
 */
import type { Gender } from '../../collections/residents.ts';
import type { Relation } from '../../collections/households.ts';
import { fail, type ErrorCode, type ErrorParams } from '../../errors.ts';
import { checkAgainstEntered, parseCitizenId, type CitizenId } from '../citizen-id.ts';
import { parseRelation } from '../households.ts';
import { parsePhone } from '../phone.ts';
import {
  MAX_TAGS,
  MAX_TAG_LENGTH,
  characterCount,
  isPlausibleName,
  normalizeName,
  readDate,
  readGender,
  splitTags,
} from './cells.ts';
import {
  REGISTER_COLUMNS,
  columnOfHeader,
  type RegisterColumn,
  type RegisterColumnKey,
} from './columns.ts';
import type { ImportProblem, ImportProblemKind } from './problems.ts';

export type RegisterTable = readonly (readonly string[])[];

/** A resident already in the village's register, as the duplicate message names them. */
export interface RegisteredResident {
  readonly name: string;
  readonly householdNumber: string;
}

export interface RegisterContext {
  /** The village's date today, 'YYYY-MM-DD': birth dates after it are refused. */
  readonly today: string;
  readonly villageCode: string;
  /** The village's active groups (policies of kind 'group'): name → document id. */
  readonly knownGroups: ReadonlyMap<string, string>;
  /**
   * The resident registered in the village under this normalised 18-character ID, if any.
   * The caller hashes it with the township key and looks up `idHash`; synchronous, so the
   * caller loads the village's hashes first (10,000 residents fit in a Map).
   */
  readonly findRegistered: (idNumber: string) => RegisteredResident | undefined;
  /** 户编号 of every household of the village, closed ones included (numbers are not reused). */
  readonly existingHouseholdNumbers: ReadonlySet<string>;
}

/** A resident to create: validated values, not yet a document (no id, cipher or hash). */
export interface PlannedResident {
  readonly sourceRow: number;
  readonly householdNumber: string;
  readonly name: string;
  /** Normalised 18-character ID (converted if the file held a 15-digit one). */
  readonly idNumber: string;
  /** The 15-digit number as written, when `idNumber` was converted from it. */
  readonly convertedFrom?: string;
  readonly gender: Gender;
  readonly birthDate: string;
  /** Stored form (phone.ts), '' if none. */
  readonly phone: string;
  readonly relation: Relation;
  readonly tags: readonly string[];
  readonly notes: string;
}

/** A household to create, with the values its rows agreed on. */
export interface PlannedHousehold {
  readonly number: string;
  readonly houseNumber: string;
  readonly address: string;
  /** The group's document id, '' if the rows name none. */
  readonly groupId: string;
  /** 户标签 of all its rows together. */
  readonly tags: readonly string[];
  /** Its rows in file order; the head is the resident of these rows whose relation is 'head'. */
  readonly sourceRows: readonly number[];
}

export interface ImportPlan {
  readonly villageCode: string;
  /** In order of first appearance in the file. */
  readonly households: readonly PlannedHousehold[];
  /** In file order. */
  readonly residents: readonly PlannedResident[];
}

export interface IgnoredColumn {
  readonly column: string;
  readonly columnIndex: number;
}

export interface ConvertedId {
  readonly row: number;
  readonly from: string;
  readonly to: string;
}

export interface UnknownGroup {
  /** As first written in the file. */
  readonly name: string;
  readonly rows: readonly number[];
}

export interface ImportSummary {
  /** Row number of the header; rows above it (a title) are not read. 0 if there is none. */
  readonly headerRow: number;
  /** Data rows read (blank rows not counted). */
  readonly rows: number;
  /** Distinct household numbers among them. */
  readonly households: number;
  /** Residents the file describes (one per data row). */
  readonly residents: number;
  /** Headed columns the register does not use: not read, not an error. */
  readonly ignoredColumns: readonly IgnoredColumn[];
  /** 15-digit IDs converted to 18 digits: to be shown, not an error. */
  readonly convertedIds: readonly ConvertedId[];
  /** Groups the village lacks, each once, for the offer to create them. */
  readonly unknownGroups: readonly UnknownGroup[];
}

export type ImportResult =
  | { readonly ok: true; readonly plan: ImportPlan; readonly summary: ImportSummary }
  | {
      readonly ok: false;
      readonly problems: readonly ImportProblem[];
      readonly summary: ImportSummary;
    };

/** Schema limits (collections/households.ts, residents.ts, schema.ts). */
const MAX_LENGTH: Partial<Record<RegisterColumnKey, number>> = {
  householdNumber: 32,
  houseNumber: 32,
  address: 200,
  notes: 4000,
};

/** A header row is the first of this many non-blank rows that names two register columns. */
const HEADER_SEARCH_ROWS = 5;

const SCIENTIFIC_NOTATION = /^\d(?:\.\d+)?E\+?\d+$/i;

interface HeaderCell {
  readonly column: RegisterColumn;
  readonly text: string;
  readonly index: number;
}

interface Header {
  readonly row: number;
  readonly cells: ReadonlyMap<RegisterColumnKey, HeaderCell>;
  readonly ignored: readonly IgnoredColumn[];
  readonly problems: readonly ImportProblem[];
}

/** One data row as read, before the checks across rows. */
interface RowRecord {
  readonly row: number;
  readonly cells: RowCells;
  readonly householdNumber: string;
  readonly name: string;
  readonly id: CitizenId | undefined;
  readonly relation: Relation | undefined;
  readonly phone: string;
  readonly groupId: string | undefined;
  readonly tags: readonly string[];
  readonly householdTags: readonly string[];
}

type RowCells = Readonly<Record<RegisterColumnKey, string>>;

export function validateRegister(table: RegisterTable, ctx: RegisterContext): ImportResult {
  const header = findHeader(table);
  const problems: ImportProblem[] = [...header.problems];
  const report = reporter(header, problems);
  const emptySummary: ImportSummary = {
    headerRow: header.row,
    rows: 0,
    households: 0,
    residents: 0,
    ignoredColumns: header.ignored,
    convertedIds: [],
    unknownGroups: [],
  };
  if (problems.length > 0)
    return { ok: false, problems: sortProblems(problems), summary: emptySummary };

  const groups = groupLookup(ctx.knownGroups);
  const records: RowRecord[] = [];
  const convertedIds: ConvertedId[] = [];
  const unknownGroups = new Map<string, { name: string; rows: number[] }>();
  const rowsById = new Map<string, RowRecord[]>();

  for (let index = header.row; index < table.length; index += 1) {
    const cells = readCells(table[index] ?? [], header);
    if (cells === undefined) continue;
    const record = checkRow(index + 1, cells, ctx, groups, report);
    records.push(record);
    if (record.id !== undefined) {
      const { number, convertedFrom } = record.id;
      if (convertedFrom !== undefined) {
        convertedIds.push({ row: record.row, from: convertedFrom, to: number });
      }
      const same = rowsById.get(number);
      if (same === undefined) rowsById.set(number, [record]);
      else same.push(record);
    }
    if (record.groupId === undefined) {
      const key = groupKey(cells.group);
      const unknown = unknownGroups.get(key);
      if (unknown === undefined) unknownGroups.set(key, { name: cells.group, rows: [record.row] });
      else unknown.rows.push(record.row);
    }
  }

  for (const same of rowsById.values()) {
    if (same.length > 1) reportDuplicates(same, report);
  }
  const households = planHouseholds(records, ctx, report);

  const summary: ImportSummary = {
    ...emptySummary,
    rows: records.length,
    households: households.length,
    residents: records.length,
    convertedIds,
    unknownGroups: [...unknownGroups.values()],
  };
  if (records.length === 0) {
    report.at(header.row, undefined, '', 'import.file-empty', {});
  }
  if (problems.length > 0) return { ok: false, problems: sortProblems(problems), summary };

  return {
    ok: true,
    plan: {
      villageCode: ctx.villageCode,
      households,
      residents: records.map(plannedResident),
    },
    summary,
  };
}

// ---------------------------------------------------------------------------------------
// Header

function findHeader(table: RegisterTable): Header {
  const candidates: number[] = [];
  for (let index = 0; index < table.length && candidates.length < HEADER_SEARCH_ROWS; index += 1) {
    if ((table[index] ?? []).some((cell) => cell.trim() !== '')) candidates.push(index);
  }
  const first = candidates[0];
  if (first === undefined) {
    return {
      row: 0,
      cells: new Map(),
      ignored: [],
      problems: [problem(1, '', undefined, '', 'import.file-empty', {})],
    };
  }
  // A title row ('东街村村民花名册') often sits above the header; it names no column.
  const index =
    candidates.find((candidate) => recognisedColumns(table[candidate] ?? []) >= 2) ?? first;
  return readHeader(table[index] ?? [], index + 1);
}

function recognisedColumns(cells: readonly string[]): number {
  return cells.filter((cell) => columnOfHeader(cell) !== undefined).length;
}

function readHeader(cells: readonly string[], row: number): Header {
  const found = new Map<RegisterColumnKey, HeaderCell>();
  const ignored: IgnoredColumn[] = [];
  const problems: ImportProblem[] = [];
  cells.forEach((cell, index) => {
    const text = cell.trim();
    if (text === '') return;
    const column = columnOfHeader(text);
    if (column === undefined) {
      ignored.push({ column: text, columnIndex: index });
      return;
    }
    const earlier = found.get(column.key);
    if (earlier !== undefined) {
      problems.push(
        problem(row, text, index, text, 'import.column-duplicate', {
          column: text,
          other: earlier.text,
        }),
      );
      return;
    }
    found.set(column.key, { column, text, index });
  });
  for (const column of REGISTER_COLUMNS) {
    if (column.required && !found.has(column.key)) {
      problems.push(
        problem(row, column.header, undefined, '', 'import.column-missing', {
          column: column.header,
        }),
      );
    }
  }
  return { row, cells: found, ignored, problems };
}

/** A row's register cells, trimmed; undefined for a row with none filled in (blank). */
function readCells(cells: readonly string[], header: Header): RowCells | undefined {
  let blank = true;
  const read = {} as Record<RegisterColumnKey, string>;
  for (const column of REGISTER_COLUMNS) {
    const at = header.cells.get(column.key);
    const text = at === undefined ? '' : (cells[at.index] ?? '').trim();
    if (text !== '') blank = false;
    read[column.key] = text;
  }
  // Cells only in ignored columns (a pre-filled 序号 running down the sheet) do not make a
  // row: templates are often numbered far beyond the last resident.
  return blank ? undefined : read;
}

// ---------------------------------------------------------------------------------------
// One row

interface Reporter {
  readonly at: (
    row: number,
    key: RegisterColumnKey | undefined,
    value: string,
    code: ErrorCode,
    params: ErrorParams,
    kind?: ImportProblemKind,
  ) => void;
  /** The header text a column has in this file. */
  readonly header: (key: RegisterColumnKey) => string;
}

function reporter(header: Header, problems: ImportProblem[]): Reporter {
  const headerOf = (key: RegisterColumnKey) =>
    header.cells.get(key)?.text ?? REGISTER_COLUMNS.find((c) => c.key === key)?.header ?? key;
  return {
    header: headerOf,
    at: (row, key, value, code, params, kind = 'invalid') => {
      const index = key === undefined ? undefined : header.cells.get(key)?.index;
      problems.push(
        problem(row, key === undefined ? '' : headerOf(key), index, value, code, params, kind),
      );
    },
  };
}

function problem(
  row: number,
  column: string,
  columnIndex: number | undefined,
  value: string,
  code: ErrorCode,
  params: ErrorParams,
  kind: ImportProblemKind = 'invalid',
): ImportProblem {
  return columnIndex === undefined
    ? { kind, row, column, value, code, params }
    : { kind, row, column, columnIndex, value, code, params };
}

function checkRow(
  row: number,
  cells: RowCells,
  ctx: RegisterContext,
  groups: ReadonlyMap<string, string>,
  report: Reporter,
): RowRecord {
  const householdNumber = cells.householdNumber.normalize('NFKC').trim();
  if (householdNumber === '') {
    report.at(row, 'householdNumber', '', 'import.value-missing', {
      column: report.header('householdNumber'),
    });
  }
  for (const key of ['householdNumber', 'houseNumber', 'address', 'notes'] as const) {
    const max = MAX_LENGTH[key] ?? Infinity;
    if (characterCount(cells[key]) > max) {
      report.at(row, key, cells[key], 'import.value-too-long', {
        column: report.header(key),
        max,
      });
    }
  }

  const name = normalizeName(cells.name);
  if (name === '') report.at(row, 'name', '', 'resident.name-missing', {});
  else if (!isPlausibleName(name)) {
    report.at(row, 'name', cells.name, 'resident.name-invalid', { value: cells.name });
  }

  const id = checkId(row, cells, ctx, report);

  let relation: Relation | undefined;
  if (cells.relation === '') {
    report.at(row, 'relation', '', 'import.value-missing', { column: report.header('relation') });
  } else {
    const parsed = parseRelation(cells.relation);
    if (parsed.ok) relation = parsed.value;
    else report.at(row, 'relation', cells.relation, parsed.error.code, parsed.error.params ?? {});
  }

  const phone = parsePhone(cells.phone);
  if (!phone.ok) report.at(row, 'phone', cells.phone, phone.error.code, phone.error.params ?? {});

  let groupId: string | undefined = '';
  if (cells.group !== '') {
    groupId = groups.get(groupKey(cells.group));
    if (groupId === undefined) {
      report.at(
        row,
        'group',
        cells.group,
        'import.group-unknown',
        { value: cells.group },
        'unknown-group',
      );
    }
  }

  return {
    row,
    cells,
    householdNumber,
    name,
    id,
    relation,
    phone: phone.ok ? phone.value : '',
    groupId,
    tags: checkTags(row, 'tags', cells, report),
    householdTags: checkTags(row, 'householdTags', cells, report),
  };
}

/** The ID, and the birth date and gender typed beside it; undefined if it cannot be read. */
function checkId(
  row: number,
  cells: RowCells,
  ctx: RegisterContext,
  report: Reporter,
): CitizenId | undefined {
  const text = cells.idNumber;
  if (text === '') {
    report.at(row, 'idNumber', '', 'import.value-missing', { column: report.header('idNumber') });
    return undefined;
  }
  if (SCIENTIFIC_NOTATION.test(text)) {
    report.at(row, 'idNumber', text, 'import.id-as-number', { value: text });
    return undefined;
  }
  const parsed = parseCitizenId(text, ctx.today);
  if (!parsed.ok) {
    report.at(row, 'idNumber', text, parsed.error.code, parsed.error.params ?? {});
    return undefined;
  }
  const id = parsed.value;

  // Compared one by one (checkAgainstEntered stops at the first), so both are reported.
  // An unreadable entry is a mismatch too: the message quotes it and gives the ID's value.
  if (cells.birthDate !== '') {
    const birthDate = readDate(cells.birthDate) ?? cells.birthDate;
    const checked = checkAgainstEntered(id, { birthDate });
    if (!checked.ok) {
      report.at(row, 'birthDate', cells.birthDate, checked.error.code, checked.error.params ?? {});
    }
  }
  if (cells.gender !== '') {
    const gender = readGender(cells.gender);
    const checked =
      gender === undefined
        ? fail('resident.id-gender-mismatch', { entered: cells.gender, fromId: id.gender })
        : checkAgainstEntered(id, { gender });
    if (!checked.ok) {
      report.at(row, 'gender', cells.gender, checked.error.code, checked.error.params ?? {});
    }
  }

  const registered = ctx.findRegistered(id.number);
  if (registered !== undefined) {
    report.at(row, 'idNumber', text, 'resident.id-duplicate', {
      name: registered.name,
      household: registered.householdNumber,
    });
  }
  return id;
}

function checkTags(
  row: number,
  key: 'tags' | 'householdTags',
  cells: RowCells,
  report: Reporter,
): readonly string[] {
  const tags = splitTags(cells[key]);
  if (tags.length > MAX_TAGS || tags.some((tag) => characterCount(tag) > MAX_TAG_LENGTH)) {
    report.at(row, key, cells[key], 'import.tags-invalid', {
      column: report.header(key),
      maxTags: MAX_TAGS,
      maxLength: MAX_TAG_LENGTH,
    });
  }
  return tags;
}

// ---------------------------------------------------------------------------------------
// Across rows

/** Every row holding the ID names another: the first row names the second, the rest the first. */
function reportDuplicates(same: readonly RowRecord[], report: Reporter): void {
  const [first, second] = same;
  if (first === undefined || second === undefined) return;
  for (const record of same) {
    const other = record === first ? second : first;
    report.at(record.row, 'idNumber', record.cells.idNumber, 'import.id-duplicate-in-file', {
      otherRow: other.row,
      otherName: other.name,
    });
  }
}

function planHouseholds(
  records: readonly RowRecord[],
  ctx: RegisterContext,
  report: Reporter,
): PlannedHousehold[] {
  const byNumber = new Map<string, RowRecord[]>();
  for (const record of records) {
    if (record.householdNumber === '') continue;
    const rows = byNumber.get(record.householdNumber);
    if (rows === undefined) byNumber.set(record.householdNumber, [record]);
    else rows.push(record);
  }

  const households: PlannedHousehold[] = [];
  for (const [number, rows] of byNumber) {
    if (ctx.existingHouseholdNumbers.has(number)) {
      for (const record of rows) {
        report.at(
          record.row,
          'householdNumber',
          record.cells.householdNumber,
          'household.number-duplicate',
          {
            value: number,
          },
        );
      }
    }
    checkHead(number, rows, report);
    const houseNumber = agreed(number, rows, 'houseNumber', report);
    const address = agreed(number, rows, 'address', report);
    const group = agreed(number, rows, 'group', report);
    const groupRow = rows.find(
      (record) => record.cells.group !== '' && groupKey(record.cells.group) === groupKey(group),
    );
    households.push({
      number,
      houseNumber,
      address,
      groupId: groupRow?.groupId ?? '',
      tags: [...new Set(rows.flatMap((record) => record.householdTags))],
      sourceRows: rows.map((record) => record.row),
    });
  }
  return households;
}

/**
 * Exactly one 户主 per household. Several heads are reported on the head rows; none on every
 * row of the household, unless a row's relation could not be read (that row may be the
 * head, and its own problem says so).
 */
function checkHead(number: string, rows: readonly RowRecord[], report: Reporter): void {
  const heads = rows.filter((record) => record.relation === 'head');
  if (heads.length === 1) return;
  if (heads.length === 0 && rows.some((record) => record.relation === undefined)) return;
  for (const record of heads.length === 0 ? rows : heads) {
    report.at(record.row, 'relation', record.cells.relation, 'household.head-count', {
      household: number,
      count: heads.length,
    });
  }
}

/** The household's value of a column: the first non-empty one; differing rows are reported. */
function agreed(
  number: string,
  rows: readonly RowRecord[],
  key: 'houseNumber' | 'address' | 'group',
  report: Reporter,
): string {
  const same = key === 'group' ? groupKey : (text: string) => text;
  const first = rows.find((record) => record.cells[key] !== '');
  if (first === undefined) return '';
  const value = first.cells[key];
  for (const record of rows) {
    const text = record.cells[key];
    if (text !== '' && same(text) !== same(value)) {
      report.at(record.row, key, text, 'import.household-conflict', {
        household: number,
        column: report.header(key),
        first: value,
        firstRow: first.row,
      });
    }
  }
  return value;
}

function plannedResident(record: RowRecord): PlannedResident {
  // Only called when no problem was reported, so every checked value is present.
  const { id, relation } = record;
  if (id === undefined || relation === undefined) {
    throw new Error('plannedResident called on a row with problems');
  }
  return {
    sourceRow: record.row,
    householdNumber: record.householdNumber,
    name: record.name,
    idNumber: id.number,
    ...(id.convertedFrom === undefined ? {} : { convertedFrom: id.convertedFrom }),
    gender: id.gender,
    birthDate: id.birthDate,
    phone: record.phone,
    relation,
    tags: record.tags,
    notes: record.cells.notes,
  };
}

// ---------------------------------------------------------------------------------------
// Groups and ordering

/** Group names compare without whitespace and width differences ('第一组' = ' 第一组 '). */
function groupKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '');
}

function groupLookup(known: ReadonlyMap<string, string>): ReadonlyMap<string, string> {
  return new Map([...known].map(([name, id]) => [groupKey(name), id] as const));
}

const COLUMN_ORDER: ReadonlyMap<string, number> = new Map(
  REGISTER_COLUMNS.map((column, index) => [column.header, index] as const),
);

/** By row, then by the column's position in the file (a missing column after the rest). */
function sortProblems(problems: readonly ImportProblem[]): ImportProblem[] {
  const position = (p: ImportProblem) =>
    p.columnIndex ?? 100_000 + (COLUMN_ORDER.get(p.column) ?? REGISTER_COLUMNS.length);
  // Array.prototype.sort is stable: problems of one cell keep the order they were found in.
  return [...problems].sort((a, b) => a.row - b.row || position(a) - position(b));
}
