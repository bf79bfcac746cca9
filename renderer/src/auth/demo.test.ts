// @vitest-environment node
import type { RxDatabase } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database.ts';
import {
  DATABASE_CHOICE_KEY,
  DEMO_PRINCIPAL,
  openDemoSession,
  readDatabaseChoice,
  writeDatabaseChoice,
} from './demo.ts';

const open: RxDatabase<object>[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.close()));
});

async function demoDatabase(name: string): Promise<RxDatabase<object>> {
  const db = await openDatabase<object>(
    { name, storage: getRxStorageMemory(), multiInstance: false },
    {},
  );
  open.push(db);
  return db;
}

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => {
      items.set(key, value);
    },
    removeItem: (key: string) => {
      items.delete(key);
    },
  };
}

describe('demo mode', () => {
  it('remembers which database to open, and forgets it on leaving', () => {
    const storage = memoryStorage();
    expect(readDatabaseChoice(storage)).toBe('main');
    writeDatabaseChoice(storage, 'demo');
    expect(readDatabaseChoice(storage)).toBe('demo');
    writeDatabaseChoice(storage, 'main');
    expect(readDatabaseChoice(storage)).toBe('main');
    expect(storage.items.has(DATABASE_CHOICE_KEY)).toBe(false);
  });

  it('opens a demo session that is marked, never syncs, and protects IDs with keys kept in the demo database', async () => {
    const name = `demo-${String(Date.now())}`;
    const db = await demoDatabase(name);
    const session = await openDemoSession(db);
    expect(session.demo).toBe(true);
    expect(session.principal).toEqual(DEMO_PRINCIPAL);
    expect(session.principal.role).toBe('village_admin');
    expect(await session.accessToken()).toEqual({
      ok: false,
      error: { code: 'sync.not-signed-in' },
    });
    const sealed = await session.idProtector?.protect('11010519491231002X');
    expect(sealed).toBeDefined();

    // StrictMode's second run gets the same session; a reopened database the same keys.
    expect(await openDemoSession(db)).toBe(session);
    await db.close();
    open.splice(0);
    const reopened = await demoDatabase(name);
    const again = await openDemoSession(reopened);
    expect(await again.idProtector?.reveal(sealed?.idNumberCipher ?? '')).toBe(
      '11010519491231002X',
    );
  });
});
