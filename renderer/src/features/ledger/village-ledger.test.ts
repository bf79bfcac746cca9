import { afterEach, describe, expect, it } from 'vitest';
import { addMonths } from '../../../../shared/ledger/dates.ts';
import { entry, residentOf } from '../../../../shared/ledger/fixtures/ledger.ts';
import {
  closeTestDatabases,
  openTestDatabase,
  TEST_TOWNSHIP,
  TEST_VILLAGE,
} from '../residents/test-support.ts';
import { VillageLedgerStore, type VillageLedger } from './village-ledger.ts';
import { whenState } from '../../test/when-state.ts';

const PLACE = { villageCode: TEST_VILLAGE, townshipCode: TEST_TOWNSHIP };
const zhang = residentOf('张三', 'R-1', 'H-1');

afterEach(closeTestDatabases);

/** Resolves with the first ready snapshot that satisfies `check`. */
function whenReady(
  store: VillageLedgerStore,
  check: (ledger: VillageLedger) => boolean,
): Promise<VillageLedger> {
  return whenState(store, (state) =>
    state.status === 'ready' && check(state.ledger) ? state.ledger : undefined,
  );
}

describe('VillageLedgerStore', () => {
  it('reads the ledger and scores it, then follows new entries one at a time', async () => {
    const db = await openTestDatabase();
    const blood = entry(zhang, 'P-BLOOD', '2025-03-01');
    await db.collections.events.insert(blood);
    const store = new VillageLedgerStore(db, PLACE, () => new Date('2025-06-01T09:00:00'));
    await store.start();
    const first = await whenReady(store, () => true);
    expect(first.figures.figures('resident', 'R-1').score).toBe(1000 + blood.points);

    const volunteer = entry(zhang, 'P-VOL-4H', '2025-04-01');
    await db.collections.events.insert(volunteer);
    const next = await whenReady(store, (l) => l.events.has(volunteer.id));
    expect(next.figures.figures('resident', 'R-1').score).toBe(
      1000 + blood.points + volunteer.points,
    );
    expect(next.version).toBeGreaterThan(first.version);
    store.stop();
  });

  it('takes a batch of entries written at once (a pulled page) as one change', async () => {
    const db = await openTestDatabase();
    const store = new VillageLedgerStore(db, PLACE, () => new Date('2025-06-01T09:00:00'));
    await store.start();
    await whenReady(store, () => true);
    const batch = Array.from({ length: 40 }, (_, i) =>
      entry(residentOf(`村民${String(i)}`, `R-${String(i + 10)}`, 'H-1'), 'P-BLOOD', '2025-03-01'),
    );
    // Every snapshot the screens are shown holds none of the batch or all of it.
    const seen: number[] = [];
    const unsubscribe = store.subscribe(() => {
      const state = store.snapshot();
      if (state.status === 'ready')
        seen.push(batch.filter((e) => state.ledger.events.has(e.id)).length);
    });
    await db.collections.events.bulkInsert(batch);
    const after = await whenReady(store, (l) => batch.every((e) => l.events.has(e.id)));
    unsubscribe();
    expect(seen.filter((count) => count > 0 && count < batch.length)).toEqual([]);
    expect(after.figures.figures('resident', 'R-49').score).toBe(1000 + (batch[0]?.points ?? 0));
    store.stop();
  });

  it('keeps entries written while the first read runs', async () => {
    const db = await openTestDatabase();
    const store = new VillageLedgerStore(db, PLACE, () => new Date('2025-06-01T09:00:00'));
    const starting = store.start();
    const late = entry(zhang, 'P-BLOOD', '2025-03-01');
    await db.collections.events.insert(late);
    await starting;
    const ledger = await whenReady(store, (l) => l.events.has(late.id));
    expect(ledger.figures.figures('resident', 'R-1').score).toBe(1000 + late.points);
    store.stop();
  });

  it('rescores when the village’s date passes an expiry', async () => {
    const db = await openTestDatabase();
    const litter = entry(zhang, 'N-LITTER', '2024-01-10');
    await db.collections.events.insert(litter);
    let now = new Date(`${addMonths('2024-01-10', 1)}T09:00:00`);
    const store = new VillageLedgerStore(db, PLACE, () => now);
    await store.start();
    const before = await whenReady(store, () => true);
    expect(before.figures.figures('resident', 'R-1').score).toBe(1000 + litter.points);
    now = new Date(`${addMonths(litter.expiresOn, 1)}T09:00:00`);
    store.checkDate();
    const after = await whenReady(store, (l) => l.today > litter.expiresOn);
    expect(after.figures.figures('resident', 'R-1').score).toBe(1000);
    expect(after.figures.score('resident', 'R-1').notCounted.map((n) => n.reason)).toEqual([
      'expired',
    ]);
    store.stop();
  });
});

describe('documents read from the store', () => {
  it('can be changed and written back as they are', async () => {
    const db = await openTestDatabase();
    const blood = entry(zhang, 'P-BLOOD', '2025-03-01', { status: 'submitted' });
    await db.collections.events.insert(blood);
    const store = new VillageLedgerStore(db, PLACE, () => new Date('2025-06-01T09:00:00'));
    await store.start();
    const ledger = await whenReady(store, () => true);
    const stored = ledger.events.get(blood.id);
    if (stored === undefined) throw new Error('the entry was read');
    expect('_deleted' in stored).toBe(false);
    const result = await db.collections.events.bulkUpsert([{ ...stored, status: 'withdrawn' }]);
    expect(result.error).toEqual([]);
    store.stop();
  });
});
