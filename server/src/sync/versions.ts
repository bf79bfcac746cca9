/**
 * The schema-version handshake: every pull, push and stream request names the client's
 * schema version of the collection (header `x-schema-version`). An older client is told to
 * update (426, 「请更新软件」); a newer one, that the server needs upgrading (409).
 */
import type { CollectionName } from '../../../shared/collections/plan.ts';
import { CodedError } from '../../../shared/errors.ts';

const VERSION_PATTERN = /^[0-9]{1,6}$/;

export type SchemaVersions = { readonly [C in CollectionName]: number };

/** Throws unless the client's version of `collection` (the header) is the server's. */
export function checkSchemaVersion(
  collection: CollectionName,
  serverVersion: number,
  header: string | readonly string[] | undefined,
): void {
  const text = typeof header === 'string' ? header.trim() : undefined;
  if (text === undefined || !VERSION_PATTERN.test(text)) {
    throw new CodedError('sync.schema-version-missing');
  }
  const clientVersion = Number(text);
  const params = { collection, clientVersion, serverVersion };
  if (clientVersion < serverVersion) throw new CodedError('sync.client-outdated', params);
  if (clientVersion > serverVersion) throw new CodedError('sync.server-outdated', params);
}
