/**
 * The register's spreadsheets: the import template, the error report of a refused import,
 * and the export of a list. Column headers and the cell words (男/女, 户主/配偶 …) are the
 * file format the importer reads (shared/residents/import/columns.ts), in Chinese whatever
 * the screen's language, so an exported file imports again as it is; the words of the
 * report's own columns and sheet names come from the catalogue.
 */
import type { HouseholdDoc, Relation } from '../../../../shared/collections/households.ts';
import type {
  Gender,
  ResidentDoc,
  ResidentStatus,
} from '../../../../shared/collections/residents.ts';
import { EXCEL_MAX_CELL_TEXT, writeXlsxTable } from '../../../../shared/xlsx/index.ts';
import type { ImportProblem } from '../../../../shared/residents/import/problems.ts';
import {
  REGISTER_COLUMNS,
  type RegisterColumnKey,
} from '../../../../shared/residents/import/columns.ts';
import type { RegisterTable } from '../../../../shared/residents/import/validate.ts';

/** The words a register file uses for relations: the ones parseRelation reads first. */
export const RELATION_WORDS: Readonly<Record<Relation, string>> = {
  head: '户主',
  spouse: '配偶',
  child: '子女',
  parent: '父母',
  sibling: '兄弟姐妹',
  grandchild: '孙子女',
  other: '其他',
};

const GENDER_WORDS: Readonly<Record<Gender, string>> = { male: '男', female: '女' };

/** The 状态 column of an export: informative, not read by the importer (an unknown column). */
export const STATUS_HEADER = '状态';
const STATUS_WORDS: Readonly<Record<ResidentStatus, string>> = {
  registered: '在册',
  'moved-out': '迁出',
  deceased: '死亡',
};

const TEXT_KEYS: readonly RegisterColumnKey[] = [
  'householdNumber',
  'idNumber',
  'phone',
  'birthDate',
];
const WIDTHS: Partial<Record<RegisterColumnKey, number>> = {
  householdNumber: 10,
  houseNumber: 14,
  address: 24,
  group: 16,
  name: 12,
  gender: 6,
  birthDate: 12,
  idNumber: 22,
  relation: 12,
  phone: 16,
  tags: 18,
  householdTags: 18,
  notes: 24,
};

const textColumns = REGISTER_COLUMNS.flatMap((column, index) =>
  TEXT_KEYS.includes(column.key) ? [index] : [],
);
const widths = REGISTER_COLUMNS.map((column) => WIDTHS[column.key] ?? 12);

/** The template: the Chinese headers and one example row that validates as it stands. */
export function templateWorkbook(sheetName: string): Uint8Array {
  return writeXlsxTable([
    {
      name: sheetName,
      rows: [REGISTER_COLUMNS.map((c) => c.header), REGISTER_COLUMNS.map((c) => c.example)],
      headerRows: 1,
      textColumns,
      columnWidths: widths,
    },
  ]);
}

export interface ReportWords {
  /** Sheet 1: the file as read, with the error column. */
  readonly dataSheet: string;
  /** Sheet 2: one line per problem. */
  readonly problemsSheet: string;
  /** The added column of sheet 1 (an unknown header, so the file imports once corrected). */
  readonly errorColumn: string;
  readonly row: string;
  readonly column: string;
  readonly value: string;
  readonly problem: string;
}

function cellText(text: string): string {
  return text.length > EXCEL_MAX_CELL_TEXT ? text.slice(0, EXCEL_MAX_CELL_TEXT) : text;
}

/**
 * The error report of a refused import: the clerk's rows as read, each with the problems
 * of that row in an added column, and the list of problems. Once the cells are corrected,
 * the first sheet imports as it is (the error column is not a register column).
 */
export function errorReportWorkbook(
  table: RegisterTable,
  headerRow: number,
  problems: readonly ImportProblem[],
  words: ReportWords,
  describe: (problem: ImportProblem) => string,
): Uint8Array {
  const byRow = new Map<number, string[]>();
  for (const problem of problems) {
    const row = Math.max(problem.row, headerRow, 1);
    const line =
      problem.column === '' ? describe(problem) : `【${problem.column}】${describe(problem)}`;
    byRow.set(row, [...(byRow.get(row) ?? []), line]);
  }
  const width = Math.max(1, ...table.map((row) => row.length));
  const rows = table.map((row, index) => {
    const messages = byRow.get(index + 1) ?? [];
    const padded = [...row, ...Array<string>(width - row.length).fill('')];
    if (index + 1 === headerRow) {
      const note = [words.errorColumn, ...messages].join('\n');
      return [...padded, cellText(note)];
    }
    return messages.length === 0 ? padded : [...padded, cellText(messages.join('\n'))];
  });
  // A problem on a row the table does not have (an empty file) still shows on sheet 2.
  const listed = problems.map((problem) => [
    problem.row,
    problem.column,
    cellText(problem.value),
    cellText(describe(problem)),
  ]);
  return writeXlsxTable([
    {
      name: words.dataSheet,
      rows: rows.length === 0 ? [[words.errorColumn]] : rows,
      headerRows: headerRow > 0 ? headerRow : 0,
      textColumns: Array.from({ length: width }, (_, i) => i),
      columnWidths: [...Array<number>(width).fill(14), 60],
    },
    {
      name: words.problemsSheet,
      rows: [[words.row, words.column, words.value, words.problem], ...listed],
      headerRows: 1,
      textColumns: [2],
      columnWidths: [8, 14, 24, 80],
    },
  ]);
}

export interface ExportEntry {
  readonly resident: ResidentDoc;
  readonly household: HouseholdDoc | undefined;
  readonly groupName: string;
  /** The full number (a user allowed to reveal it) or the masked one. */
  readonly idNumber: string;
}

/**
 * A list of residents as a register file: the template's columns (so it imports again),
 * then 状态, which the importer does not read. A household's own cells (门牌号, 地址, 村民小组,
 * 户标签) are written on each of its rows.
 */
export function exportWorkbook(entries: readonly ExportEntry[], sheetName: string): Uint8Array {
  const rows = entries.map(({ resident, household, groupName, idNumber }) => {
    const stint = household?.members.find(
      (member) => member.residentId === resident.id && member.to === undefined,
    );
    const cells: Record<RegisterColumnKey, string> = {
      householdNumber: household?.householdNo ?? '',
      houseNumber: household?.houseNo ?? '',
      address: household?.address ?? '',
      group: groupName,
      name: resident.name,
      gender: GENDER_WORDS[resident.gender],
      birthDate: resident.birthDate,
      idNumber,
      relation: stint === undefined ? '' : RELATION_WORDS[stint.relation],
      phone: resident.phone,
      tags: resident.tags.join('、'),
      householdTags: household?.tags.join('、') ?? '',
      notes: resident.notes,
    };
    return [...REGISTER_COLUMNS.map((column) => cells[column.key]), STATUS_WORDS[resident.status]];
  });
  return writeXlsxTable([
    {
      name: sheetName,
      rows: [[...REGISTER_COLUMNS.map((column) => column.header), STATUS_HEADER], ...rows],
      headerRows: 1,
      textColumns,
      columnWidths: [...widths, 8],
    },
  ]);
}
