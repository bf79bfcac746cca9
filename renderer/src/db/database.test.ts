// @vitest-environment node
import type { RxCollection, RxDatabase } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { SAMPLES } from '../../../shared/collections/fixtures/samples.ts';
import { COLLECTION_NAMES } from '../../../shared/collections/plan.ts';
import { CodedError } from '../../../shared/errors.ts';
import {
  createDatabaseHolder,
  createLocalDatabase,
  openDatabase,
  type CollectionSetup,
  type LocalDatabase,
} from './database.ts';

const open: { close(): Promise<unknown> }[] = [];
let counter = 0;

/** Memory storage keeps data per database name across close/reopen in this process. */
function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}-${String(Date.now())}-${String(counter)}`;
}

function track<T extends { close(): Promise<unknown> }>(database: T): T {
  open.push(database);
  return database;
}

async function closeAll(): Promise<void> {
  await Promise.all(open.splice(0).map((database) => database.close()));
}

afterEach(closeAll);

async function openCodeOf(opening: Promise<unknown>): Promise<string | undefined> {
  try {
    track((await opening) as { close(): Promise<unknown> });
  } catch (error) {
    return error instanceof CodedError ? error.code : `not coded: ${String(error)}`;
  }
  return undefined;
}

// A test-only collection in two versions: v1 splits `name` into family and given names.
const notesV0 = {
  title: 'notes',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: { id: { type: 'string', maxLength: 64 }, name: { type: 'string', maxLength: 50 } },
  required: ['id', 'name'],
} as const;

const notesV1 = {
  ...notesV0,
  version: 1,
  properties: {
    id: { type: 'string', maxLength: 64 },
    familyName: { type: 'string', maxLength: 10 },
    givenName: { type: 'string', maxLength: 40 },
  },
  required: ['id', 'familyName', 'givenName'],
} as const;

const splitName = ({ name, ...rest }: { readonly [field: string]: unknown }) => {
  const full = typeof name === 'string' ? name : '';
  return { ...rest, familyName: full.slice(0, 1), givenName: full.slice(1) };
};

const v0: { readonly notes: CollectionSetup } = { notes: { schema: notesV0, migrations: {} } };
const v1: { readonly notes: CollectionSetup } = {
  notes: { schema: notesV1, migrations: { 1: splitName } },
};

type NotesDb = RxDatabase<{
  notes: RxCollection<{ id: string; name?: string; familyName?: string; givenName?: string }>;
}>;

function openNotes(
  name: string,
  collections: { readonly notes: CollectionSetup },
): Promise<NotesDb> {
  return openDatabase<NotesDb['collections']>(
    { name, storage: getRxStorageMemory(), multiInstance: false },
    collections,
  );
}

describe('createLocalDatabase', () => {
  it('opens with all twelve collections of the shared plan', async () => {
    const db = track(
      await createLocalDatabase({
        name: uniqueName('plan'),
        storage: getRxStorageMemory(),
        multiInstance: false,
      }),
    );
    expect(Object.keys(db.collections).sort()).toEqual([...COLLECTION_NAMES].sort());
    for (const name of COLLECTION_NAMES) expect(db.collections[name].schema.version).toBe(0);
  });

  it('stores a realistic document of every collection and kind, and reads it back unchanged', async () => {
    const db = track(
      await createLocalDatabase({
        name: uniqueName('samples'),
        storage: getRxStorageMemory(),
        multiInstance: false,
      }),
    );
    for (const name of COLLECTION_NAMES) {
      const samples = SAMPLES[name];
      const collection = db.collections[name] as unknown as RxCollection<{ id: string }>;
      const result = await collection.bulkInsert(samples.map((doc) => ({ ...doc })));
      expect(result.error, name).toEqual([]);
      for (const sample of samples) {
        const stored = await collection.findOne(sample.id).exec();
        expect(stored?.toJSON(), `${name} ${sample.id}`).toEqual(sample);
      }
    }
  });

  it('refuses a document the schema does not allow (fractional points)', async () => {
    const db = track(
      await createLocalDatabase({
        name: uniqueName('invalid'),
        storage: getRxStorageMemory(),
        multiInstance: false,
      }),
    );
    const [accrual] = SAMPLES.events;
    const failure: unknown = await db.collections.events
      .insert({ ...accrual!, points: 1.5 })
      .catch((error: unknown) => error);
    const writeError = (
      failure as {
        parameters?: { writeError?: { validationErrors?: readonly { field: string }[] } };
      }
    ).parameters?.writeError;
    expect(writeError?.validationErrors?.map((error) => error.field)).toContain('#/points');
    expect(await db.collections.events.count().exec()).toBe(0);
  });

  it('finds a resident by pinyin initials through an index range', async () => {
    const db = track(
      await createLocalDatabase({
        name: uniqueName('search'),
        storage: getRxStorageMemory(),
        multiInstance: false,
      }),
    );
    await db.collections.residents.insert({ ...SAMPLES.residents[0]! });
    const query = db.collections.residents.find({
      selector: {
        villageCode: SAMPLES.residents[0]!.villageCode,
        nameInitials: { $gte: 'zs', $lt: 'zs\uffff' },
      },
    });
    expect((await query.exec()).map((doc) => doc.name)).toEqual(['张三']);
    expect(query.getPreparedQuery().queryPlan.index).toEqual([
      '_deleted',
      'villageCode',
      'nameInitials',
      'id',
    ]);
  });
});

describe('schema migrations through RxDB', () => {
  it('migrates stored documents from v0 to v1 when the app with the new schema opens', async () => {
    const name = uniqueName('migrate');
    const before = await openNotes(name, v0);
    await before.notes.bulkInsert([
      { id: 'n1', name: '张三' },
      { id: 'n2', name: '欧阳修' },
    ]);
    await before.close();

    const after = track(await openNotes(name, v1));
    const docs = (await after.notes.find({ sort: [{ id: 'asc' }] }).exec()).map((doc) =>
      doc.toJSON(),
    );
    expect(docs).toEqual([
      { id: 'n1', familyName: '张', givenName: '三' },
      { id: 'n2', familyName: '欧', givenName: '阳修' },
    ]);
  });

  it('reports a failing migration as localdb.migration-failed and keeps the old data for a fixed app', async () => {
    const name = uniqueName('migrate-fail');
    const before = await openNotes(name, v0);
    await before.notes.insert({ id: 'n1', name: '张三' });
    await before.close();

    // A broken step: its output lacks a required field, so validation refuses it.
    const broken = {
      notes: {
        schema: notesV1,
        migrations: {
          1: ({ name: _name, ...rest }: { readonly [field: string]: unknown }) => rest,
        },
      },
    };
    expect(await openCodeOf(openNotes(name, broken))).toBe('localdb.migration-failed');

    const fixed = track(await openNotes(name, v1));
    expect((await fixed.notes.findOne('n1').exec())?.toJSON()).toEqual({
      id: 'n1',
      familyName: '张',
      givenName: '三',
    });
  });

  it('refuses data newer than the app with localdb.newer-than-app and never deletes it', async () => {
    const name = uniqueName('newer');
    const newer = await openNotes(name, v1);
    await newer.notes.insert({ id: 'n1', familyName: '李', givenName: '四' });
    await newer.close();

    expect(await openCodeOf(openNotes(name, v0))).toBe('localdb.newer-than-app');

    const again = track(await openNotes(name, v1));
    expect((await again.notes.findOne('n1').exec())?.toJSON()).toEqual({
      id: 'n1',
      familyName: '李',
      givenName: '四',
    });
    expect(await again.notes.count().exec()).toBe(1);
  });

  it('names the collection and both versions when it refuses newer data', async () => {
    const name = uniqueName('newer-params');
    const newer = await openNotes(name, v1);
    await newer.close();
    const error = await openNotes(name, v0).then(
      (db) => track(db),
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(CodedError);
    expect((error as CodedError).params).toEqual({ collection: 'notes', stored: 1, app: 0 });
  });
});

describe('createDatabaseHolder (behind getLocalDatabase)', () => {
  const memoryFactory = (name: string) => () =>
    createLocalDatabase({ name, storage: getRxStorageMemory(), multiInstance: false }).then((db) =>
      track(db),
    );

  it('creates the database once however many callers ask at the same time', async () => {
    let created = 0;
    const factory = memoryFactory(uniqueName('holder'));
    const holder = createDatabaseHolder(() => {
      created += 1;
      return factory();
    });
    const [first, second] = await Promise.all([holder.get(), holder.get()]);
    expect(first).toBe(second);
    expect(await holder.get()).toBe(first);
    expect(created).toBe(1);
    await holder.close();
    expect(first.closed).toBe(true);
  });

  it('forgets a failed open so the app can retry', async () => {
    let attempts = 0;
    const factory = memoryFactory(uniqueName('holder-retry'));
    const holder = createDatabaseHolder(() => {
      attempts += 1;
      return attempts === 1 ? Promise.reject(new CodedError('localdb.open-failed')) : factory();
    });
    await expect(holder.get()).rejects.toBeInstanceOf(CodedError);
    const db: LocalDatabase = await holder.get();
    expect(db.closed).toBe(false);
    expect(attempts).toBe(2);
    await holder.close();
  });
});
