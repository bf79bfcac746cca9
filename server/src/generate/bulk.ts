/**
 * Writing generated documents in bulk: new documents only (no update, no RETURNING), many
 * thousand per statement, with the store's rules (server/src/store/documents.ts): each
 * gets the next sequence number from store_counter in its transaction, and the batch
 * notifies live streams like any write. For the generator's loader, which writes a
 * village of 300,000 documents at once; everything else writes through putDocuments.
 */
import type { CollectionName } from '../../../shared/collections/plan.ts';
import { townshipCodeOfVillage } from '../../../shared/places/division-codes.ts';
import type { Db } from '../db/database.ts';
import { DOCUMENTS_CHANNEL, type ChangeNotice } from '../store/documents.ts';

/** Documents per INSERT statement. */
const CHUNK = 4_000;

/**
 * Inserts new documents of one village (`villageCode`) or, for the township's catalogue,
 * of one township (`villageCode` null). Fails (and the caller's transaction with it) when
 * an id is taken.
 */
export async function insertDocuments(
  db: Db,
  collection: CollectionName,
  place: { readonly villageCode: string | null; readonly townshipCode: string },
  docs: readonly { readonly id: string }[],
): Promise<number> {
  if (place.villageCode !== null && townshipCodeOfVillage(place.villageCode) !== place.townshipCode)
    throw new RangeError(`village ${place.villageCode} is not in township ${place.townshipCode}`);
  let last = 0;
  for (let at = 0; at < docs.length; at += CHUNK) {
    const chunk = docs.slice(at, at + CHUNK);
    await db.transaction(async (tx) => {
      const counter = await tx.query<{ value: unknown }>(
        'UPDATE store_counter SET value = value + $1 RETURNING value',
        [chunk.length],
      );
      last = Number(counter.rows[0]?.value);
      if (!Number.isSafeInteger(last)) throw new Error('store_counter has no row');
      await tx.query(
        `INSERT INTO documents (collection, id, village_code, township_code, seq, deleted, data, updated_at)
         SELECT $1, w.data->>'id', $2, $3, $4::bigint + w.ord - 1, false, w.data, now()
           FROM jsonb_array_elements($5::jsonb) WITH ORDINALITY AS w(data, ord)`,
        // One JSON array: PostgreSQL parses it in one go, and nothing is escaped into an
        // array literal on the way.
        [
          collection,
          place.villageCode,
          place.townshipCode,
          last - chunk.length + 1,
          JSON.stringify(chunk),
        ],
      );
    });
  }
  if (docs.length > 0) {
    const notice: ChangeNotice = {
      collection,
      townshipCode: place.townshipCode,
      villageCode: place.villageCode ?? '',
      seq: last,
    };
    await db.query('SELECT pg_notify($1, $2)', [DOCUMENTS_CHANNEL, JSON.stringify(notice)]);
  }
  return docs.length;
}
