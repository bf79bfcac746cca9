/**
 * What the register import reports: one problem per (row, column, thing wrong), as codes
 * with params. The renderer and the town CLI word them (errors.<code> in the catalogues);
 * "what is wrong and how to fix it" lives in those messages, never here.
 */
import type { ErrorCode, ErrorParams } from '../../errors.ts';

/**
 * Problems only an import can have (the 'import.' codes of ERROR_CODES). Params, per code:
 *
 * - 'import.file-empty' {}: no data row under the header (or no row at all).
 * - 'import.column-missing' { column }: a required column has no header; reported on the
 *   header row, `column` the template's header.
 * - 'import.column-duplicate' { column, other }: two headers name the same column
 *   (联系电话 and 手机号); `other` is the first one's header. Neither is guessed at.
 * - 'import.value-missing' { column }: a required cell (户编号, 身份证号, 与户主关系) is empty.
 * - 'import.value-too-long' { column, max }: longer than the register keeps (max characters).
 * - 'import.tags-invalid' { column, maxTags, maxLength }: more tags, or a longer tag, than
 *   the register keeps.
 * - 'import.id-as-number' { value }: the ID cell holds a number in scientific notation
 *   (3.20502E+17): Excel stored the ID as a number and its last digits are lost; the cell
 *   must be retyped as text.
 * - 'import.id-duplicate-in-file' { otherRow, otherName }: the same citizen ID (after
 *   15 → 18 conversion) on another row of this file.
 * - 'import.group-unknown' { value }: no village group of that name; kind 'unknown-group'.
 * - 'import.household-conflict' { household, column, first, firstRow }: rows of one
 *   household disagree on 门牌号, 地址 or 村民小组; the first non-empty value (on firstRow)
 *   counts, and this row's differs.
 */
export type ImportProblemCode = Extract<ErrorCode, `import.${string}`>;

/**
 * 'invalid': the cell must be corrected in the file. 'unknown-group': the file may be
 * right and the village lack the group: the app offers to create it (summary.unknownGroups
 * lists each name once), the CLI reports it.
 */
export type ImportProblemKind = 'invalid' | 'unknown-group';

export interface ImportProblem {
  readonly kind: ImportProblemKind;
  /** The spreadsheet's row number, 1-based, as Excel shows it (blank rows counted). */
  readonly row: number;
  /** The header as written in the file; the template's header for a missing column. */
  readonly column: string;
  /** 0-based position of the column in the file; absent for a missing column or the file. */
  readonly columnIndex?: number;
  /** The cell as written (trimmed); '' when the problem is an absence. */
  readonly value: string;
  readonly code: ErrorCode;
  /** Exactly what the message of `code` interpolates. */
  readonly params: ErrorParams;
}
