/**
 * Pull and the collections listing, within the account's view (access.ts).
 */
import type { Principal } from '../../../shared/auth/roles.ts';
import { schemaVersions } from '../../../shared/collections/index.ts';
import {
  COLLECTION_NAMES,
  COLLECTION_OWNER,
  type CollectionName,
} from '../../../shared/collections/plan.ts';
import {
  MAX_PULL_BATCH,
  type PullResponse,
  type SyncCollectionsResponse,
} from '../../../shared/sync/protocol.ts';
import type { Db } from '../db/database.ts';
import { countDocuments, pullDocuments } from '../store/documents.ts';
import { CodedError } from '../../../shared/errors.ts';
import { mayPull, readScope } from './access.ts';
import { toSyncDocument } from './documents.ts';

export interface PullRequest {
  /** The seq of the last document the device has; undefined: from the start. */
  readonly checkpoint: number | undefined;
  readonly batchSize: number;
}

/**
 * The account's documents written after the checkpoint, in seq order, tombstones included;
 * fewer than `batchSize` means caught up. With nothing new the checkpoint stays (null when
 * the device has none yet).
 */
export async function pullChanges(
  db: Db,
  principal: Principal,
  collection: CollectionName,
  request: PullRequest,
): Promise<PullResponse> {
  if (!mayPull(principal, collection)) throw new CodedError('auth.forbidden');
  const afterSeq = request.checkpoint ?? 0;
  const page = await pullDocuments(db, collection, {
    afterSeq,
    limit: Math.min(request.batchSize, MAX_PULL_BATCH),
    scope: readScope(principal),
  });
  const last = page.documents.at(-1);
  return {
    documents: page.documents.map(toSyncDocument),
    checkpoint:
      last !== undefined
        ? { seq: last.seq }
        : request.checkpoint === undefined
          ? null
          : { seq: request.checkpoint },
  };
}

/** Every synced collection with its schema version and the account's document count. */
export async function listCollections(
  db: Db,
  principal: Principal,
  versions: { readonly [C in CollectionName]: number } = schemaVersions(),
): Promise<SyncCollectionsResponse> {
  const counts = await countDocuments(db, readScope(principal));
  return {
    collections: COLLECTION_NAMES.filter((name) => mayPull(principal, name)).map((name) => ({
      name,
      schemaVersion: versions[name],
      owner: COLLECTION_OWNER[name],
      documents: counts.get(name) ?? 0,
    })),
  };
}
