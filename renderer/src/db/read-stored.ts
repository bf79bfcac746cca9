/**
 * Every live document of a collection, read in bulk for an in-memory index (the village's
 * ledger: 300,000 events in a large village). RxDB's Dexie storage answers a query by
 * walking an IndexedDB cursor, one round trip to the browser's database process per
 * document, which took minutes for such a village. On Dexie this reads the stored rows in
 * pages of PAGE with `getAll` instead (the Dexie table RxDB keeps, dexie-internals.ts), and
 * turns them back as RxDB's Dexie storage does: `_deleted` is
 * stored as '0'/'1'. Any other storage (memory, in tests), or a collection with another
 * boolean index, is read with an ordinary query.
 */
import type { RxCollection } from 'rxdb';
import { dexieInternalsOf, type DexieRow } from './dexie-internals.ts';

const PAGE = 10_000;

/** The collection's stored documents that are not deleted, as stored (internal keys included). */
export async function readStored(collection: RxCollection): Promise<DexieRow[]> {
  const dexie = await dexieInternalsOf(collection.storageInstance);
  if (dexie === null || dexie.booleanIndexes.some((field) => field !== '_deleted')) {
    const prepared = collection.find().getPreparedQuery();
    const { documents } = await collection.storageInstance.query(prepared);
    return documents as DexieRow[];
  }
  const table = dexie.dexieTable;
  const primaryPath = collection.schema.primaryPath;
  const docs: DexieRow[] = [];
  let after: string | undefined;
  for (;;) {
    const range = after === undefined ? table.orderBy(':id') : table.where(':id').above(after);
    const page = await range.limit(PAGE).toArray();
    for (const row of page) {
      if (row['_deleted'] === '1') continue;
      // A row read from IndexedDB is a fresh copy: set back in place, not copied again.
      row['_deleted'] = false;
      docs.push(row);
    }
    const last = page.at(-1);
    if (page.length < PAGE || last === undefined) break;
    after = String(last[primaryPath]);
  }
  return docs;
}
