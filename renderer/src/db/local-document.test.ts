// @vitest-environment node
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SAMPLES } from '../../../shared/collections/fixtures/samples.ts';
import { createLocalDatabase, type LocalDatabase } from './database.ts';
import { watchLocal } from './local-document.ts';

let db: LocalDatabase | undefined;

afterEach(async () => {
  await db?.close();
  db = undefined;
});

type Data = { readonly n: number };

/** The database's local document `id`, counting the reads made to follow it. */
function follow(database: LocalDatabase, id: string) {
  const reads = { count: 0 };
  const source = {
    eventBulks$: database.eventBulks$,
    getLocal: (at: string) => {
      reads.count += 1;
      return database.getLocal<Data>(at);
    },
  };
  const seen: (number | null)[] = [];
  const subscription = watchLocal(source, id, (data) =>
    data === undefined ? null : (data as Data).n,
  ).subscribe((n) => {
    seen.push(n);
  });
  return { reads, seen, subscription };
}

describe('watchLocal', () => {
  it('gives the document now and after each write to it, and nothing for other writes', async () => {
    db = await createLocalDatabase({
      name: `local-doc-${String(Date.now())}`,
      storage: getRxStorageMemory(),
      multiInstance: false,
    });
    const database = db;
    const watched = follow(database, 'sync-state');
    await vi.waitFor(() => {
      expect(watched.seen).toEqual([null]);
    });

    await database.upsertLocal<Data>('sync-state', { n: 1 });
    await database.upsertLocal<Data>('sync-problems', { n: 99 });
    const residents = Array.from({ length: 200 }, (_, i) => ({
      ...SAMPLES.residents[0]!,
      id: `R-${String(i).padStart(4, '0')}`,
    }));
    await database.collections.residents.bulkInsert(residents.slice(0, 100));
    for (const resident of residents.slice(100))
      await database.collections.residents.insert(resident);
    await database.upsertLocal<Data>('sync-state', { n: 2 });
    await vi.waitFor(() => {
      expect(watched.seen.at(-1)).toBe(2);
    });

    expect(watched.seen).toEqual([null, 1, 2]);
    // One read to start and one per write of the document: none for the 101 other writes.
    expect(watched.reads.count).toBe(3);
    watched.subscription.unsubscribe();
  });
});
