import { afterEach, describe, expect, it } from 'vitest';
import {
  householdSample,
  residentSample,
} from '../../../../shared/collections/fixtures/samples.ts';
import type { HouseholdDoc } from '../../../../shared/collections/households.ts';
import type { GroupPolicy } from '../../../../shared/collections/policies.ts';
import type { ResidentDoc } from '../../../../shared/collections/residents.ts';
import type { VillageRegister } from './register-data.ts';
import { closeTestDatabases, openTestDatabase, TEST_VILLAGE } from './test-support.ts';
import { VillageRegisterStore } from './village-register.ts';
import { whenState } from '../../test/when-state.ts';

afterEach(closeTestDatabases);

const OTHER_VILLAGE = '320509105202';

function resident(id: string, name: string, namePinyin: string, villageCode = TEST_VILLAGE) {
  return { ...residentSample, id, name, namePinyin, villageCode } satisfies ResidentDoc;
}

function household(id: string, householdNo: string): HouseholdDoc {
  return { ...householdSample, id, householdNo, villageCode: TEST_VILLAGE };
}

function group(id: string, code: string, name: string): GroupPolicy {
  const { townshipCode, createdAt, createdBy, deviceId, updatedAt, updatedBy } = householdSample;
  return {
    id,
    townshipCode,
    createdAt,
    createdBy,
    deviceId,
    updatedAt,
    updatedBy,
    villageCode: TEST_VILLAGE,
    kind: 'group',
    status: 'active',
    code,
    name,
  };
}

/** Resolves with the first ready register that satisfies `check`. */
function whenReady(
  store: VillageRegisterStore,
  check: (register: VillageRegister) => boolean,
): Promise<VillageRegister> {
  return whenState(store, (state) =>
    state.status === 'ready' && check(state.register) ? state.register : undefined,
  );
}

/** Pinyin of letters only, as the schema wants: 'aa', 'ab' … */
function letters(i: number): string {
  return String.fromCharCode(97 + Math.floor(i / 26), 97 + (i % 26));
}

/** Fails on any document the database refused (bulk writes do not throw). */
function allWritten(result: { readonly error: readonly unknown[] }): void {
  expect(result.error).toEqual([]);
}

const names = (register: VillageRegister) => register.residents.map((r) => r.name);

describe('VillageRegisterStore', () => {
  it('reads the village’s residents in name order, its households and groups, no other village’s', async () => {
    const db = await openTestDatabase();
    allWritten(
      await db.collections.residents.bulkInsert([
        resident('r-wang', '王芳', 'wangfang'),
        resident('r-li', '李四', 'lisi'),
        resident('r-zhao', '赵六', 'zhaoliu', OTHER_VILLAGE),
        resident('r-chen', '陈明', 'chenming'),
      ]),
    );
    allWritten(
      await db.collections.households.bulkInsert([
        household('h-2', '0002'),
        household('h-1', '0001'),
      ]),
    );
    allWritten(
      await db.collections.policies.bulkInsert([
        group('g-10', '10', '十组'),
        group('g-2', '2', '二组'),
      ]),
    );
    const store = new VillageRegisterStore(db, TEST_VILLAGE);
    await store.start();
    const register = await whenReady(store, () => true);
    expect(names(register)).toEqual(['陈明', '李四', '王芳']);
    expect(register.residentById.has('r-zhao')).toBe(false);
    expect(register.households.map((h) => h.householdNo)).toEqual(['0001', '0002']);
    expect(register.groups.map((g) => g.name)).toEqual(['二组', '十组']);
    store.stop();
  });

  it('follows writes: a renamed resident moves in the list, a removed one leaves it', async () => {
    const db = await openTestDatabase();
    allWritten(
      await db.collections.residents.bulkInsert([
        resident('r-li', '李四', 'lisi'),
        resident('r-wang', '王芳', 'wangfang'),
      ]),
    );
    const store = new VillageRegisterStore(db, TEST_VILLAGE);
    await store.start();
    await db.collections.residents.upsert(resident('r-wang', '艾芳', 'aifang'));
    expect(names(await whenReady(store, (r) => r.residents[0]?.id === 'r-wang'))).toEqual([
      '艾芳',
      '李四',
    ]);
    const stored = await db.collections.residents.findOne('r-li').exec();
    await stored?.remove();
    expect(names(await whenReady(store, (r) => !r.residentById.has('r-li')))).toEqual(['艾芳']);
    store.stop();
  });

  it('takes residents written at once (a pulled page) as one change', async () => {
    const db = await openTestDatabase();
    const store = new VillageRegisterStore(db, TEST_VILLAGE);
    await store.start();
    const batch = Array.from({ length: 40 }, (_, i) =>
      resident(`r-${String(i)}`, `村民${String(i)}`, `cunmin${letters(i)}`),
    );
    const seen: number[] = [];
    const unsubscribe = store.subscribe(() => {
      const state = store.snapshot();
      if (state.status === 'ready') seen.push(state.register.residents.length);
    });
    allWritten(await db.collections.residents.bulkInsert(batch));
    await whenReady(store, (r) => r.residents.length === batch.length);
    unsubscribe();
    expect(seen).toEqual([batch.length]);
    store.stop();
  });

  it('keeps residents written while the first read runs', async () => {
    const db = await openTestDatabase();
    await db.collections.residents.insert(resident('r-li', '李四', 'lisi'));
    const store = new VillageRegisterStore(db, TEST_VILLAGE);
    const started = store.start();
    await db.collections.residents.insert(resident('r-wang', '王芳', 'wangfang'));
    await started;
    expect(names(await whenReady(store, (r) => r.residents.length === 2))).toEqual([
      '李四',
      '王芳',
    ]);
    store.stop();
  });
});
