/**
 * What can go wrong reading a workbook, named once. The reader throws an XlsxFailure
 * internally and turns it into a Result at its boundary (read.ts), so a hostile file
 * never escapes as an exception.
 */
import { CodedError, type ErrorCode, type ErrorParams } from '../errors.ts';

/**
 * The `xlsx.` codes of ERROR_CODES: not-a-workbook (not a zip, no workbook, unreadable
 * parts), legacy-or-encrypted (an OLE2 file: .xls, or an .xlsx with a password),
 * too-large {max} (uncompressed bytes or entries: a zip bomb, say), sheet-too-large
 * {maxRows, maxColumns}, sheet-missing {sheet}.
 */
export type XlsxProblem = Extract<ErrorCode, `xlsx.${string}`>;

/** A CodedError narrowed to the workbook codes; the reader turns it into a Result. */
export class XlsxFailure extends CodedError {
  declare readonly code: XlsxProblem;
  constructor(problem: XlsxProblem, params: ErrorParams = {}) {
    super(problem, params);
    this.name = 'XlsxFailure';
  }
}
