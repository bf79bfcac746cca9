/**
 * Validation of pushed documents with the collections' own schemas (shared/collections),
 * by the validator the app's local store uses (shared/collections/schema-validator.ts):
 * each schema compiled once (on its first document) into checking functions.
 */
import { COLLECTIONS } from '../../../shared/collections/index.ts';
import type { CollectionName } from '../../../shared/collections/plan.ts';
import { compileSchemaValidator } from '../../../shared/collections/schema-validator.ts';

/** How long a reason may get: it is shown in a list on the device. */
const MAX_REASON_LENGTH = 300;
const MAX_DETAILS = 3;

/**
 * Why `doc` (the collection's fields, without `_deleted` and RxDB's keys) is not a valid
 * document of `collection`, in a few words from the validator; undefined when it is valid.
 */
export function documentProblem(
  collection: CollectionName,
  doc: Readonly<Record<string, unknown>>,
): string | undefined {
  const violations = compileSchemaValidator(COLLECTIONS[collection].schema)(doc);
  if (violations.length > 0) {
    const lines = violations
      .slice(0, MAX_DETAILS)
      .map(({ field, message }) => (field === '#/' ? message : `${field}: ${message}`));
    const more =
      violations.length > MAX_DETAILS ? ` (+${String(violations.length - MAX_DETAILS)})` : '';
    return shorten(lines.join('; ') + more);
  }
  // PostgreSQL's jsonb cannot hold U+0000; refuse the row rather than fail the whole push.
  if (JSON.stringify(doc).includes('\\u0000')) return 'text contains the character U+0000';
  return undefined;
}

function shorten(text: string): string {
  return text.length <= MAX_REASON_LENGTH ? text : `${text.slice(0, MAX_REASON_LENGTH - 1)}…`;
}
