/**
 * Documents as they travel (`SyncDocument`: the fields plus `_deleted`) and as the store
 * keeps them (`data` without `_deleted`, RxDB's own keys dropped).
 */
import type { SyncDocument } from '../../../shared/sync/protocol.ts';
import type { DocumentData, StoredDocument } from '../store/documents.ts';

/** A stored document as the app receives it. */
export function toSyncDocument(stored: StoredDocument): SyncDocument {
  return { ...stored.data, id: stored.id, _deleted: stored.deleted };
}

/** What the store keeps of a document: its fields, without `_deleted`. */
export function dataOf(doc: SyncDocument): DocumentData {
  const { _deleted: _ignored, ...data } = doc;
  return data;
}
