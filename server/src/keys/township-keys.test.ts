import { describe, expect, it } from 'vitest';
import { BACKENDS, useBackend } from '../../test/backends.ts';
import type { Db } from '../db/database.ts';
import { addTownship } from '../places/places.ts';
import { findTownshipKeys, getOrCreateTownshipKeys } from './township-keys.ts';

async function withTownships(db: Db): Promise<void> {
  await addTownship(db, { code: '320321100', name: '新城镇' });
  await addTownship(db, { code: '320321101', name: '老城镇' });
}

describe.each(BACKENDS)('township keys on %s', (kind) => {
  const backend = useBackend(kind);

  it('makes a township’s keys once: 32 random bytes each, named by a key id', async () => {
    const db = await backend.fresh();
    await withTownships(db);

    expect(await findTownshipKeys(db, '320321100')).toBeUndefined();
    const made = await getOrCreateTownshipKeys(db, '320321100');
    const again = await getOrCreateTownshipKeys(db, '320321100');

    expect(made.keyId).toMatch(/^320321100-[A-Za-z0-9_-]{8}$/);
    expect(made.encryptionKey).toHaveLength(32);
    expect(made.hashKey).toHaveLength(32);
    expect(made.encryptionKey).not.toEqual(made.hashKey);
    expect(again).toEqual(made);
    expect(await findTownshipKeys(db, '320321100')).toEqual(made);
  });

  it('gives every township its own keys', async () => {
    const db = await backend.fresh();
    await withTownships(db);

    const a = await getOrCreateTownshipKeys(db, '320321100');
    const b = await getOrCreateTownshipKeys(db, '320321101');

    expect(b.keyId).not.toBe(a.keyId);
    expect(b.encryptionKey).not.toEqual(a.encryptionKey);
    expect(b.hashKey).not.toEqual(a.hashKey);
  });

  it('leaves no keys behind when the transaction that made them rolls back', async () => {
    const db = await backend.fresh();
    await withTownships(db);

    await expect(
      db.transaction(async (tx) => {
        await getOrCreateTownshipKeys(tx, '320321100');
        throw new Error('the import was refused');
      }),
    ).rejects.toThrow('the import was refused');

    expect(await findTownshipKeys(db, '320321100')).toBeUndefined();
  });

  it('refuses keys for a township the server does not know, and keys of the wrong size', async () => {
    const db = await backend.fresh();
    await withTownships(db);

    await expect(getOrCreateTownshipKeys(db, '999999999')).rejects.toThrow();
    await expect(
      db.query(
        "INSERT INTO township_keys (township_code, key_id, encryption_key, hash_key) VALUES ('320321100', 'k1', $1, $2)",
        [new Uint8Array(16), new Uint8Array(32)],
      ),
    ).rejects.toThrow();
    await expect(
      db.query(
        "INSERT INTO township_keys (township_code, key_id, encryption_key, hash_key) VALUES ('320321100', 'a.b', $1, $2)",
        [new Uint8Array(32), new Uint8Array(32)],
      ),
    ).rejects.toThrow();
    expect(await findTownshipKeys(db, '320321100')).toBeUndefined();
  });

  if (kind === 'PostgreSQL') {
    it('ends with one pair when two connections make the keys at once', async () => {
      const db = await backend.fresh();
      await withTownships(db);
      const other = await backend.reopen();

      const [a, b] = await Promise.all([
        getOrCreateTownshipKeys(db, '320321100'),
        getOrCreateTownshipKeys(other, '320321100'),
      ]);

      expect(a).toEqual(b);
    });
  }
});
