import { CodedError, type ErrorCode } from '../../shared/errors.ts';

/** The code a promise rejects with; fails the test if it resolves or throws anything else. */
export async function codeOf(promise: Promise<unknown>): Promise<ErrorCode> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof CodedError))
    throw new Error(`expected a CodedError, got ${String(error)}`);
  return error.code;
}
