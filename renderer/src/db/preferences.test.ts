// @vitest-environment node
import { firstValueFrom, skip, take, toArray } from 'rxjs';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { createLocalDatabase, type LocalDatabase } from './database.ts';
import {
  DEFAULT_PREFERENCES,
  preferences$,
  readPreferences,
  writePreferences,
} from './preferences.ts';

let db: LocalDatabase | undefined;
let counter = 0;

async function freshDatabase(): Promise<LocalDatabase> {
  counter += 1;
  db = await createLocalDatabase({
    name: `prefs-${String(Date.now())}-${String(counter)}`,
    storage: getRxStorageMemory(),
    multiInstance: false,
  });
  return db;
}

afterEach(async () => {
  await db?.close();
  db = undefined;
});

describe('preferences', () => {
  it('read as Chinese by default on a new device', async () => {
    const database = await freshDatabase();
    expect(DEFAULT_PREFERENCES).toEqual({ language: 'zh-CN' });
    expect(await readPreferences(database)).toEqual({ language: 'zh-CN' });
  });

  it('keep the language chosen on this device', async () => {
    const database = await freshDatabase();
    expect(await writePreferences(database, { language: 'en' })).toEqual({ language: 'en' });
    expect(await readPreferences(database)).toEqual({ language: 'en' });
  });

  it('survive closing and reopening the database', async () => {
    const database = await freshDatabase();
    await writePreferences(database, { language: 'en' });
    const name = database.name;
    await database.close();
    db = await createLocalDatabase({ name, storage: getRxStorageMemory(), multiInstance: false });
    expect(await readPreferences(db)).toEqual({ language: 'en' });
  });

  it('emit the current value and then each change', async () => {
    const database = await freshDatabase();
    const emitted = firstValueFrom(preferences$(database).pipe(take(2), toArray()));
    const afterFirst = firstValueFrom(preferences$(database).pipe(skip(1), take(1)));
    await firstValueFrom(preferences$(database));
    await writePreferences(database, { language: 'en' });
    expect(await emitted).toEqual([{ language: 'zh-CN' }, { language: 'en' }]);
    expect(await afterFirst).toEqual({ language: 'en' });
  });

  it('read an unknown stored language as the default rather than failing', async () => {
    const database = await freshDatabase();
    await database.upsertLocal('preferences', { language: 'fr', fontSize: 'huge' });
    expect(await readPreferences(database)).toEqual({ language: 'zh-CN' });
  });

  it('are not a collection, so they do not use one of the thirteen collection slots', async () => {
    const database = await freshDatabase();
    await writePreferences(database, { language: 'en' });
    expect(Object.keys(database.collections)).toHaveLength(12);
  });
});
