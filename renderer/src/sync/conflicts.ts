/**
 * A person's choice in the conflict list. When sync met a true conflict it kept the server's
 * values of the conflicting fields (shared/sync/merge.ts) and listed both versions here.
 *
 * - 「保留服务器版本」: the document already holds the server's values; the entry goes.
 * - 「使用本机版本」: this device's values of the conflicting fields are written over the
 *   current document as a normal local edit (new `updatedAt`/`updatedBy`), which the next push
 *   sends to the server as a change of the current server version; then the entry goes. A
 *   deletion on one side is a conflicting `_deleted`: choosing a deleted local version deletes
 *   the document; choosing a live local version of a document the server deleted restores it.
 */
import type { RxCollection } from 'rxdb';
import { isCollectionName } from '../../../shared/collections/plan.ts';
import { contentOf } from '../../../shared/sync/merge.ts';
import { clearConflict, type LocalDocumentHost, type SyncConflict } from './stores.ts';

type DocData = Record<string, unknown>;

export interface ConflictDatabase extends LocalDocumentHost {
  readonly collections: { readonly [name: string]: RxCollection | undefined };
}

export interface Editor {
  /** Who chose (the signed-in user's id, for `updatedBy`). */
  readonly userId: string;
  readonly now: number;
}

export function keepServerVersion(db: LocalDocumentHost, conflict: SyncConflict): Promise<void> {
  return clearConflict(db, conflict.key);
}

export async function applyLocalVersion(
  db: ConflictDatabase,
  conflict: SyncConflict,
  editor: Editor,
): Promise<void> {
  if (!isCollectionName(conflict.collection)) return;
  const collection = db.collections[conflict.collection] as RxCollection<DocData> | undefined;
  if (collection === undefined) {
    throw new Error(`collection ${conflict.collection} is not open`);
  }
  const ours = conflict.local;
  const fields = conflict.fields.filter((f) => f !== '_deleted');
  const current = await collection.findOne(conflict.id).exec();

  if (conflict.fields.includes('_deleted') && ours._deleted) {
    await current?.remove();
  } else if (current === null) {
    // The server deleted it (or it is gone here): restore it with this device's values.
    const restored: DocData = contentOf(conflict.server);
    for (const field of fields) setField(restored, field, ours[field]);
    restored['updatedAt'] = stamp(editor.now, restored['updatedAt']);
    restored['updatedBy'] = editor.userId;
    await collection.upsert(restored);
  } else {
    await current.incrementalModify((data) => {
      const next: DocData = { ...data };
      for (const field of fields) setField(next, field, ours[field]);
      next['updatedAt'] = stamp(editor.now, data['updatedAt']);
      next['updatedBy'] = editor.userId;
      return next;
    });
  }
  await clearConflict(db, conflict.key);
}

function setField(doc: DocData, field: string, value: unknown): void {
  if (value === undefined) Reflect.deleteProperty(doc, field);
  else doc[field] = value;
}

/** A time after the document's own, so the edit reads as the latest. */
function stamp(now: number, previous: unknown): number {
  return typeof previous === 'number' && previous >= now ? previous + 1 : now;
}
