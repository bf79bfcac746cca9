/**
 * What can go wrong reading a workbook, named once. The reader throws an XlsxFailure
 * internally and turns it into a Result at its boundary (read.ts), so a hostile file
 * never escapes as an exception.
 */
import { fail, type ErrorCode, type ErrorParams, type Result } from '../errors.ts';

/**
 * The `xlsx.` codes of ERROR_CODES: not-a-workbook (not a zip, no workbook, unreadable
 * parts), legacy-or-encrypted (an OLE2 file: .xls, or an .xlsx with a password),
 * too-large {max} (uncompressed bytes or entries: a zip bomb, say), sheet-too-large
 * {maxRows, maxColumns}, sheet-missing {sheet}.
 */
export type XlsxProblem = Extract<ErrorCode, `xlsx.${string}`>;

export class XlsxFailure extends Error {
  readonly problem: XlsxProblem;
  readonly params: ErrorParams;
  constructor(problem: XlsxProblem, params: ErrorParams = {}) {
    super(problem);
    this.name = 'XlsxFailure';
    this.problem = problem;
    this.params = params;
  }
}

export function problemResult<T>(problem: XlsxProblem, params: ErrorParams = {}): Result<T> {
  return fail(problem, params);
}
