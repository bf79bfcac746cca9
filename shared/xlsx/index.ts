/** .xlsx as tables of cell text: see read.ts for the table contract, write.ts for the file. */
export {
  XLSX_LIMITS,
  listXlsxSheets,
  readXlsxTable,
  type ReadXlsxOptions,
  type XlsxLimits,
  type XlsxSheetInfo,
  type XlsxTable,
} from './read.ts';
export {
  EXCEL_MAX_CELL_TEXT,
  writeXlsxTable,
  type XlsxCellValue,
  type XlsxSheet,
} from './write.ts';
export type { XlsxProblem } from './problems.ts';
