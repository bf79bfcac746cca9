// @vitest-environment node
import { chinaDateOf } from '../../../../shared/ledger/dates.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_TAG, demoVillage } from '../../../../shared/residents/demo.ts';
import { hasDemoData, loadDemoVillage, removeDemoVillage } from './demo-village.ts';
import { checkRegisterTable, importRegisterPlan } from './register-import.ts';
import { operationContext } from './register-scope.ts';
import { createGroups, villageGroups } from './register-store.ts';
import {
  closeTestDatabases,
  searchStored,
  openTestDatabase,
  testScope,
  TEST_VILLAGE,
} from './test-support.ts';

afterEach(closeTestDatabases);

const scope = testScope();

describe('the sample village', () => {
  it('loads a few hundred sample residents into an empty register, marked as sample data', async () => {
    const db = await openTestDatabase();
    expect(await hasDemoData(db, TEST_VILLAGE)).toBe(false);
    const counts = await loadDemoVillage(db, scope);
    expect(counts.households).toBe(100);
    expect(counts.residents).toBeGreaterThan(250);
    expect(await db.collections.residents.count().exec()).toBe(counts.residents);
    expect(await hasDemoData(db, TEST_VILLAGE)).toBe(true);
    const households = await db.collections.households.find().exec();
    expect(households.every((household) => household.tags.includes(DEMO_TAG))).toBe(true);
    expect((await villageGroups(db, TEST_VILLAGE)).map((g) => g.name)).toContain('第一村民小组');
    // Sample IDs carry the township's county prefix and are found like real ones.
    const [someone] = await db.collections.residents.find({ limit: 1 }).exec();
    expect(someone?.idMasked.startsWith('3205')).toBe(true);
    const found = await searchStored(db, TEST_VILLAGE, someone?.nameInitials ?? '', 500);
    expect(found.map((r) => r.id)).toContain(someone?.id);
  });

  it('is removed again, leaving real residents and their groups alone', async () => {
    const db = await openTestDatabase();
    await loadDemoVillage(db, scope);
    const removed = await removeDemoVillage(db, scope);
    expect(removed.households).toBe(100);
    expect(await db.collections.residents.count().exec()).toBe(0);
    expect(await db.collections.households.count().exec()).toBe(0);
    expect(await villageGroups(db, TEST_VILLAGE)).toEqual([]);
    expect(await hasDemoData(db, TEST_VILLAGE)).toBe(false);
  });

  it('refuses to load over a register that already holds its household numbers', async () => {
    const db = await openTestDatabase();
    await loadDemoVillage(db, scope);
    // The first problem of the import check: row 2's household number is taken.
    await expect(loadDemoVillage(db, scope)).rejects.toMatchObject({
      code: 'household.number-duplicate',
    });
  });
});

describe('importing 10,000 rows (a benchmark figure, printed, not asserted)', () => {
  it('checks and writes a 10,000-row register', async () => {
    const db = await openTestDatabase();
    const village = demoVillage({
      seed: 11,
      today: chinaDateOf(Date.now()),
      regionCode: '320509',
      households: 3000,
    });
    await createGroups(db, scope, operationContext(scope), village.groups);
    const rows = village.table.length - 1;
    const start = performance.now();
    const check = await checkRegisterTable(db, scope, village.table);
    const checkedAt = performance.now();
    if (!check.ok) throw new Error(JSON.stringify(check.problems.slice(0, 3)));
    const counts = await importRegisterPlan(db, scope, check.plan);
    const end = performance.now();
    expect(counts.residents).toBe(rows);
    console.log(
      `register import, ${String(rows)} rows in ${String(counts.households)} households, memory storage: ` +
        `check ${((checkedAt - start) / 1000).toFixed(2)} s, encrypt and write ` +
        `${((end - checkedAt) / 1000).toFixed(2)} s, total ${((end - start) / 1000).toFixed(2)} s`,
    );
  }, 120_000);
});
