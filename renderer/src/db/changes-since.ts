/**
 * RxDB's replication asks a storage for "the documents changed since a checkpoint" (its
 * upstream, on every start and resync; our pending-upload count, after every change).
 * The Dexie storage has no answer of its own, so RxDB runs a query whose plan starts at the
 * checkpoint's time but not at its document: it walks, through an IndexedDB cursor, every
 * document written at that same instant before reaching the next one. A first sync writes
 * a large village in a few bulk writes, each of one instant (200,000 events in one), so
 * every such call walked 200,000 documents to find none: 10 to 30 seconds of a blocked
 * app after each entry.
 *
 * `withIndexedChangesSince` gives each Dexie storage instance the method RxDB looks for:
 * one `getAll` on the `[_meta.lwt+id]` index (every RxDB collection has it), from just
 * above the checkpoint, at most `limit` documents. Same answer, same order (time, then id),
 * the same checkpoint shape ({id, lwt}); rows are turned back as RxDB's Dexie storage turns
 * them (fromDexieToStorage). Other storages (memory, in tests) are left as they are.
 */
import {
  getPrimaryFieldOfPrimaryKey,
  type RxDocumentData,
  type RxStorage,
  type RxStorageInstance,
} from 'rxdb';
import { fromDexieToStorage } from 'rxdb/plugins/storage-dexie';
import { dexieInternalsOf } from './dexie-internals.ts';

/** RxDB's checkpoint for a storage's changes (RxStorageDefaultCheckpoint). */
export interface ChangesCheckpoint {
  readonly id: string;
  readonly lwt: number;
}

type Instance = RxStorageInstance<unknown, unknown, unknown, ChangesCheckpoint>;

/** The documents changed after `checkpoint` (all, from the start, without one), oldest first. */
export async function changesSince(
  instance: Instance,
  limit: number,
  checkpoint?: ChangesCheckpoint,
): Promise<{ documents: RxDocumentData<unknown>[]; checkpoint: ChangesCheckpoint }> {
  const dexie = await dexieInternalsOf(instance);
  if (dexie === null) throw new Error('changesSince needs a Dexie storage instance');
  const primaryPath = getPrimaryFieldOfPrimaryKey(instance.schema.primaryKey) as string;
  const index = `[_meta.lwt+${primaryPath}]`;
  const range =
    checkpoint === undefined
      ? dexie.dexieTable.orderBy(index)
      : dexie.dexieTable.where(index).above([checkpoint.lwt, checkpoint.id]);
  const rows = await range.limit(limit).toArray();
  const booleanIndexes = [...dexie.booleanIndexes];
  const documents = rows.map((row) => fromDexieToStorage<unknown>(booleanIndexes, row));
  const last = documents.at(-1);
  return {
    documents,
    checkpoint:
      last === undefined
        ? (checkpoint ?? { id: '', lwt: 0 })
        : { id: String((last as Record<string, unknown>)[primaryPath]), lwt: last._meta.lwt },
  };
}

/** `storage` whose Dexie instances answer getChangedDocumentsSince through their index. */
export function withIndexedChangesSince<Internals, Options>(
  storage: RxStorage<Internals, Options>,
): RxStorage<Internals, Options> {
  return {
    ...storage,
    name: storage.name,
    rxdbVersion: storage.rxdbVersion,
    async createStorageInstance(params) {
      const instance = await storage.createStorageInstance(params);
      if (instance.getChangedDocumentsSince !== undefined) return instance;
      if ((await dexieInternalsOf(instance)) === null) return instance;
      const own = instance as unknown as Instance;
      (instance as { getChangedDocumentsSince?: unknown }).getChangedDocumentsSince = (
        limit: number,
        checkpoint?: ChangesCheckpoint,
      ) => changesSince(own, limit, checkpoint);
      return instance;
    },
  };
}
