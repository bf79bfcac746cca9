/**
 * The township keys that protect citizen IDs (shared/residents/id-protection.ts): an
 * AES-256-GCM key for `idNumberCipher` and an HMAC-SHA-256 key for `idHash`, named by a key
 * id. One pair per township, made on first need — the first register import of one of its
 * villages, inside that import's transaction, so a refused import leaves no key behind.
 *
 * These are the keys the device registration of issue 4 hands to the township's devices:
 * every device of the township must encrypt and hash with the same pair, or duplicates
 * between devices go unnoticed and one device cannot read another's ciphers.
 *
 * CAVEAT: they are stored unwrapped in the server database (migration
 * 20261122T120000_township_keys). Anyone who can read the database or a backup of it can
 * decrypt every ID of the township, so the database must be protected like the IDs
 * themselves. Wrapping the keys with a server master key kept outside the database (an
 * environment secret or a KMS) is a follow-up.
 */
import { randomBytes } from 'node:crypto';
import type { TownshipKeys } from '../../../shared/residents/id-protection.ts';
import type { Db } from '../db/database.ts';

const KEY_BYTES = 32;

/** The township's keys, if it has any yet. */
export async function findTownshipKeys(
  db: Db,
  townshipCode: string,
): Promise<TownshipKeys | undefined> {
  const result = await db.query<KeyRow>(
    'SELECT key_id, encryption_key, hash_key FROM township_keys WHERE township_code = $1',
    [townshipCode],
  );
  const row = result.rows[0];
  return row === undefined ? undefined : toKeys(row);
}

/**
 * The township's keys, made now (random, from node:crypto) if it has none. Run it inside
 * the transaction whose writes depend on the keys: if that transaction rolls back, so does
 * the key. Two transactions making keys at once end with one pair: the second waits on the
 * first's row and then reads it.
 */
export async function getOrCreateTownshipKeys(db: Db, townshipCode: string): Promise<TownshipKeys> {
  return db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO township_keys (township_code, key_id, encryption_key, hash_key)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (township_code) DO NOTHING`,
      [townshipCode, newKeyId(townshipCode), randomBytes(KEY_BYTES), randomBytes(KEY_BYTES)],
    );
    const keys = await findTownshipKeys(tx, townshipCode);
    if (keys === undefined) throw new Error(`township ${townshipCode} keys were not stored`);
    return keys;
  });
}

/** '<township code>-<8 random base64url characters>': unique, and says whose keys they are. */
function newKeyId(townshipCode: string): string {
  return `${townshipCode}-${randomBytes(6).toString('base64url')}`;
}

interface KeyRow extends Record<string, unknown> {
  key_id: string;
  encryption_key: Uint8Array;
  hash_key: Uint8Array;
}

// bytea arrives as a Buffer (pg) or a Uint8Array (PGlite); hand out plain copies.
function toKeys(row: KeyRow): TownshipKeys {
  return {
    keyId: row.key_id,
    encryptionKey: new Uint8Array(row.encryption_key),
    hashKey: new Uint8Array(row.hash_key),
  };
}
