/**
 * Run in a page by local-store.spec.ts (bundled with Vite): RxDB on Dexie in real
 * IndexedDB, with the app's withIndexedChangesSince, paged through as RxDB's replication
 * pages through a collection's changes.
 */
import {
  createRxDatabase,
  getChangedDocumentsSince,
  getChangedDocumentsSinceQuery,
  prepareQuery,
  type RxJsonSchema,
} from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { withIndexedChangesSince } from '../../src/db/changes-since.ts';

interface Item {
  readonly id: string;
  readonly n: number;
}

const schema: RxJsonSchema<Item> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: { id: { type: 'string', maxLength: 32 }, n: { type: 'integer' } },
  required: ['id', 'n'],
};

export interface ChangesSinceResult {
  /** Ids (deleted ones marked '-') in the order paging with the app's method returned them. */
  readonly paged: readonly string[];
  /** The same through RxDB's own query (the reference). */
  readonly reference: readonly string[];
  readonly pages: number;
  /** IndexedDB cursor steps taken while paging (RxDB's own query walks a cursor). */
  readonly cursorSteps: number;
}

export async function run(): Promise<ChangesSinceResult> {
  const db = await createRxDatabase<{ items: never }>({
    name: `changes-since-${String(Date.now())}`,
    storage: withIndexedChangesSince(getRxStorageDexie()),
    multiInstance: false,
  });
  const { items } = await db.addCollections({ items: { schema } });
  const id = (i: number) => `item-${String(i).padStart(5, '0')}`;
  // One bulk write is one instant: 1,200 documents with the same _meta.lwt, as a first sync
  // writes them; then a later write, and deletions that move documents to the end.
  const first = Array.from({ length: 1200 }, (_, i) => ({ id: id(1199 - i), n: i }));
  await items.bulkInsert(first);
  await items.bulkInsert(Array.from({ length: 300 }, (_, i) => ({ id: id(2000 + i), n: i })));
  await items.bulkRemove([id(5), id(600), id(1199)]);

  const instance = items.storageInstance;
  const mark = (doc: Record<string, unknown>) =>
    `${doc['_deleted'] === true ? '-' : ''}${String(doc['id'])}`;

  let cursorSteps = 0;
  const cursor = IDBCursor.prototype;
  const advance = Object.getOwnPropertyDescriptor(cursor, 'continue');
  if (advance === undefined) throw new Error('IDBCursor.prototype.continue is missing');
  Object.defineProperty(cursor, 'continue', {
    ...advance,
    value(this: IDBCursor, key?: IDBValidKey) {
      cursorSteps += 1;
      (advance.value as (this: IDBCursor, key?: IDBValidKey) => void).call(this, key);
    },
  });
  const paged: string[] = [];
  let pages = 0;
  try {
    let checkpoint: unknown;
    for (;;) {
      const page = await getChangedDocumentsSince(instance, 500, checkpoint as never);
      if (page.documents.length === 0) break;
      pages += 1;
      paged.push(...page.documents.map((doc) => mark(doc as Record<string, unknown>)));
      checkpoint = page.checkpoint;
    }
  } finally {
    Object.defineProperty(cursor, 'continue', advance);
  }

  const query = prepareQuery(
    instance.schema,
    getChangedDocumentsSinceQuery(instance, 10_000, undefined),
  );
  const { documents } = await instance.query(query);
  const reference = documents.map((doc) => mark(doc as Record<string, unknown>));
  await db.remove();
  return { paged, reference, pages, cursorSteps };
}
