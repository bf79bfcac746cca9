// @vitest-environment node
import { firstValueFrom, skip, take, toArray } from 'rxjs';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { householdSample } from '../../../shared/collections/fixtures/samples.ts';
import type { SyncDocument } from '../../../shared/sync/protocol.ts';
import { createLocalDatabase, type LocalDatabase } from '../db/database.ts';
import { applyLocalVersion, keepServerVersion } from './conflicts.ts';
import {
  clearProblems,
  conflicts$,
  dismissProblem,
  markFirstSyncDone,
  PROBLEMS_DOC_ID,
  problems$,
  readConflicts,
  readProblems,
  readSyncState,
  recordConflict,
  recordProblems,
  writeLastSyncedAt,
  type SyncConflict,
} from './stores.ts';

let db: LocalDatabase | undefined;
let counter = 0;

async function fresh(): Promise<LocalDatabase> {
  counter += 1;
  db = await createLocalDatabase({
    name: `sync-stores-${String(Date.now())}-${String(counter)}`,
    storage: getRxStorageMemory(),
    multiInstance: false,
  });
  return db;
}

afterEach(async () => {
  await db?.close();
  db = undefined;
});

const forbidden = {
  collection: 'residents',
  id: 'R-1',
  label: '张三',
  code: 'sync.row-forbidden',
  params: { id: 'R-1' },
} as const;

describe('the sync problems list', () => {
  it('keeps one entry per document: a new reason replaces the old, the first time stays', async () => {
    const d = await fresh();
    await recordProblems(d, [forbidden], 100);
    await recordProblems(
      d,
      [
        { ...forbidden, code: 'sync.field-immutable', params: { id: 'R-1', field: 'createdBy' } },
        { ...forbidden, collection: 'households', id: 'H-1', label: '' },
      ],
      200,
    );
    expect(await readProblems(d)).toEqual([
      {
        key: 'residents/R-1',
        collection: 'residents',
        id: 'R-1',
        label: '张三',
        code: 'sync.field-immutable',
        params: { id: 'R-1', field: 'createdBy' },
        firstAt: 100,
        lastAt: 200,
      },
      expect.objectContaining({ key: 'households/H-1', firstAt: 200 }),
    ]);
  });

  it('keeps the refused version of an edit, so what was typed is not lost', async () => {
    const d = await fresh();
    const refused = { id: 'R-1', _deleted: false, name: '张三', phone: '13912345678' };
    await recordProblems(d, [{ ...forbidden, refused }], 100);
    const [entry] = await readProblems(d);
    expect(entry?.refused).toEqual(refused);
  });

  it('clears the entries of documents that landed, and one a person dismissed', async () => {
    const d = await fresh();
    await recordProblems(
      d,
      [forbidden, { ...forbidden, id: 'R-2' }, { ...forbidden, id: 'R-3' }],
      1,
    );
    await clearProblems(d, 'residents', ['R-1', 'R-9']);
    await dismissProblem(d, 'residents/R-3');
    expect((await readProblems(d)).map((p) => p.key)).toEqual(['residents/R-2']);
  });

  it('loses no entry when recorded from many places at once', async () => {
    const d = await fresh();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        recordProblems(d, [{ ...forbidden, id: `R-${String(i)}` }], i),
      ),
    );
    expect(await readProblems(d)).toHaveLength(20);
  });

  it('emits the list, then every change', async () => {
    const d = await fresh();
    const seen = firstValueFrom(problems$(d).pipe(take(2), toArray()));
    await firstValueFrom(problems$(d));
    await recordProblems(d, [forbidden], 1);
    expect((await seen).map((list) => list.length)).toEqual([0, 1]);
  });

  it('leaves out an entry it cannot read, and keeps the rest', async () => {
    const d = await fresh();
    await d.upsertLocal(PROBLEMS_DOC_ID, {
      entries: [{ ...forbidden, firstAt: 1, lastAt: 1 }, { id: 'broken' }, 'nonsense'],
    });
    expect((await readProblems(d)).map((p) => p.id)).toEqual(['R-1']);
  });
});

const server: SyncDocument = { ...householdSample, _deleted: false, address: '1 组 9 号' };
const local: SyncDocument = { ...householdSample, _deleted: false, address: '2 组 1 号' };
const conflict = {
  collection: 'households',
  id: householdSample.id,
  label: householdSample.householdNo,
  fields: ['address'],
  server,
  local,
  at: 5,
} as const;

async function listed(d: LocalDatabase): Promise<SyncConflict> {
  const [entry] = await readConflicts(d);
  if (entry === undefined) throw new Error('no conflict listed');
  return entry;
}

describe('the conflict list', () => {
  it('keeps one entry per document, the latest', async () => {
    const d = await fresh();
    await recordConflict(d, conflict);
    await recordConflict(d, { ...conflict, at: 9 });
    expect(await readConflicts(d)).toEqual([
      { ...conflict, at: 9, key: `households/${householdSample.id}` },
    ]);
  });

  it('「保留服务器版本」 clears the entry and changes nothing', async () => {
    const d = await fresh();
    await d.households.insert({ ...householdSample, address: '1 组 9 号' });
    await recordConflict(d, conflict);
    await keepServerVersion(d, await listed(d));
    expect(await readConflicts(d)).toEqual([]);
    expect((await d.households.findOne(householdSample.id).exec())?.address).toBe('1 组 9 号');
  });

  it('「使用本机版本」 writes this device’s values as a new edit and clears the entry', async () => {
    const d = await fresh();
    await d.households.insert({ ...householdSample, address: '1 组 9 号', notes: '已核实' });
    await recordConflict(d, conflict);
    const changes = firstValueFrom(conflicts$(d).pipe(skip(1), take(1)));
    await applyLocalVersion(d, await listed(d), {
      userId: 'u-clerk-li',
      now: householdSample.updatedAt + 1_000,
    });
    const doc = (await d.households.findOne(householdSample.id).exec())!;
    expect({
      address: doc.address,
      notes: doc.notes,
      updatedBy: doc.updatedBy,
      updatedAt: doc.updatedAt,
    }).toEqual({
      address: '2 组 1 号',
      notes: '已核实',
      updatedBy: 'u-clerk-li',
      updatedAt: householdSample.updatedAt + 1_000,
    });
    expect(await changes).toEqual([]);
  });

  it('「使用本机版本」 restores a document the server deleted, and deletes one this device deleted', async () => {
    const d = await fresh();
    await recordConflict(d, {
      ...conflict,
      fields: ['_deleted'],
      server: { ...server, _deleted: true },
      local: { ...local, _deleted: false },
    });
    await applyLocalVersion(d, await listed(d), {
      userId: 'u-clerk-li',
      now: householdSample.updatedAt + 1,
    });
    expect((await d.households.findOne(householdSample.id).exec())?.address).toBe('1 组 9 号');

    await recordConflict(d, {
      ...conflict,
      fields: ['_deleted'],
      local: { ...local, _deleted: true },
    });
    await applyLocalVersion(d, await listed(d), {
      userId: 'u-clerk-li',
      now: householdSample.updatedAt + 2,
    });
    expect(await d.households.findOne(householdSample.id).exec()).toBeNull();
  });
});

describe('the sync state', () => {
  it('remembers the last sync time (never going back) and finished first syncs', async () => {
    const d = await fresh();
    expect(await readSyncState(d)).toEqual({ lastSyncedAt: null, firstSyncDone: [] });
    await writeLastSyncedAt(d, 200);
    await writeLastSyncedAt(d, 100);
    await markFirstSyncDone(d, 'village-credit|x|residents');
    await markFirstSyncDone(d, 'village-credit|x|residents');
    expect(await readSyncState(d)).toEqual({
      lastSyncedAt: 200,
      firstSyncDone: ['village-credit|x|residents'],
    });
  });
});
