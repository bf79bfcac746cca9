/**
 * Validation of pushed documents with the collections' own schemas (shared/collections),
 * by z-schema — the validator the app's RxDB storage uses (renderer/src/db/validation.ts;
 * RxDB's `ZSchemaClass` is this package, and server code may not import rxdb). As in the
 * app, each schema is registered once under a name: compiling it per document costs about
 * ten times the validation itself.
 */
import ZSchema from 'z-schema';
import { COLLECTIONS } from '../../../shared/collections/index.ts';
import type { CollectionName } from '../../../shared/collections/plan.ts';

const validator = ZSchema.create({ strictMode: false });
const registered = new Map<CollectionName, string>();

/** How long a reason may get: it is shown in a list on the device. */
const MAX_REASON_LENGTH = 300;
const MAX_DETAILS = 3;

function schemaUri(collection: CollectionName): string {
  let uri = registered.get(collection);
  if (uri === undefined) {
    const { schema } = COLLECTIONS[collection];
    uri = `village-credit://collections/${collection}/v${String(schema.version)}`;
    // A private copy: z-schema annotates the schema objects it compiles.
    validator.setRemoteReference(uri, structuredClone(schema) as object);
    registered.set(collection, uri);
  }
  return uri;
}

/**
 * Why `doc` (the collection's fields, without `_deleted` and RxDB's keys) is not a valid
 * document of `collection`, in a few words from the validator; undefined when it is valid.
 */
export function documentProblem(
  collection: CollectionName,
  doc: Readonly<Record<string, unknown>>,
): string | undefined {
  const result = validator.validateSafe(doc, schemaUri(collection));
  if (!result.valid) {
    const details = result.err?.details ?? [];
    const lines = details.slice(0, MAX_DETAILS).map((detail) => {
      const path = Array.isArray(detail.path) ? `#/${detail.path.join('/')}` : detail.path;
      return path === '#/' || path === '' ? detail.message : `${path}: ${detail.message}`;
    });
    const more = details.length > MAX_DETAILS ? ` (+${String(details.length - MAX_DETAILS)})` : '';
    return shorten(lines.length === 0 ? 'invalid' : lines.join('; ') + more);
  }
  // PostgreSQL's jsonb cannot hold U+0000; refuse the row rather than fail the whole push.
  if (JSON.stringify(doc).includes('\\u0000')) return 'text contains the character U+0000';
  return undefined;
}

function shorten(text: string): string {
  return text.length <= MAX_REASON_LENGTH ? text : `${text.slice(0, MAX_REASON_LENGTH - 1)}…`;
}
