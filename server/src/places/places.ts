/**
 * Townships and villages, keyed by national statistical division codes. Input is
 * validated before anything touches the database (`validate…Input` are pure, so the CLI
 * checks arguments before it even opens the data directory); writes are transactional.
 */
import { CodedError, fail, ok, type Result } from '../../../shared/errors.ts';
import {
  townshipCodeOfVillage,
  validatePlaceName,
  validateTownshipCode,
  validateVillageCode,
} from '../../../shared/places/division-codes.ts';
import { sqlStateOf, type Db } from '../db/database.ts';

export interface Township {
  readonly code: string;
  readonly name: string;
  readonly createdAt: string;
}

export interface Village {
  readonly code: string;
  readonly name: string;
  readonly townshipCode: string;
  readonly townshipName: string;
  readonly createdAt: string;
}

export interface TownshipInput {
  readonly code: string;
  readonly name: string;
}

export interface VillageInput {
  readonly code: string;
  readonly name: string;
  readonly townshipCode: string;
}

export function validateTownshipInput(input: TownshipInput): Result<TownshipInput> {
  const code = validateTownshipCode(input.code);
  if (!code.ok) return code;
  const name = validatePlaceName(input.name);
  if (!name.ok) return name;
  return ok({ code: code.value, name: name.value });
}

export function validateVillageInput(input: VillageInput): Result<VillageInput> {
  const code = validateVillageCode(input.code);
  if (!code.ok) return code;
  const townshipCode = validateTownshipCode(input.townshipCode);
  if (!townshipCode.ok) return townshipCode;
  if (townshipCodeOfVillage(code.value) !== townshipCode.value) {
    return fail('place.village-not-in-township', {
      code: code.value,
      township: townshipCode.value,
    });
  }
  const name = validatePlaceName(input.name);
  if (!name.ok) return name;
  return ok({ code: code.value, name: name.value, townshipCode: townshipCode.value });
}

export async function addTownship(db: Db, input: TownshipInput): Promise<Township> {
  const valid = orThrow(validateTownshipInput(input));
  return db.transaction(async (tx) => {
    const inserted = await tx.query<TownshipRow>(
      `INSERT INTO townships (code, name) VALUES ($1, $2)
       ON CONFLICT (code) DO NOTHING
       RETURNING code, name, created_at`,
      [valid.code, valid.name],
    );
    const row = inserted.rows[0];
    if (row === undefined) {
      const existing = await findTownship(tx, valid.code);
      throw new CodedError('place.township-exists', {
        code: valid.code,
        name: existing?.name ?? '',
      });
    }
    return toTownship(row);
  });
}

export async function addVillage(db: Db, input: VillageInput): Promise<Village> {
  const valid = orThrow(validateVillageInput(input));
  return db.transaction(async (tx) => {
    // FOR SHARE keeps the township from changing under us until the village is in.
    const township = await tx.query<{ name: string }>(
      'SELECT name FROM townships WHERE code = $1 FOR SHARE',
      [valid.townshipCode],
    );
    const townshipName = township.rows[0]?.name;
    if (townshipName === undefined)
      throw new CodedError('place.township-unknown', { code: valid.townshipCode });
    let inserted;
    try {
      inserted = await tx.query<VillageRow>(
        `INSERT INTO villages (code, township_code, name) VALUES ($1, $2, $3)
         ON CONFLICT (code) DO NOTHING
         RETURNING code, name, township_code, $4::text AS township_name, created_at`,
        [valid.code, valid.townshipCode, valid.name, townshipName],
      );
    } catch (error) {
      if (sqlStateOf(error) === '23503')
        throw new CodedError('place.township-unknown', { code: valid.townshipCode });
      throw error;
    }
    const row = inserted.rows[0];
    if (row === undefined) {
      const existing = await findVillage(tx, valid.code);
      throw new CodedError('place.village-exists', {
        code: valid.code,
        name: existing?.name ?? '',
      });
    }
    return toVillage(row);
  });
}

export async function findTownship(db: Db, code: string): Promise<Township | undefined> {
  const result = await db.query<TownshipRow>(
    'SELECT code, name, created_at FROM townships WHERE code = $1',
    [code],
  );
  const row = result.rows[0];
  return row === undefined ? undefined : toTownship(row);
}

export async function findVillage(db: Db, code: string): Promise<Village | undefined> {
  const result = await db.query<VillageRow>(`${VILLAGE_SELECT} WHERE v.code = $1`, [code]);
  const row = result.rows[0];
  return row === undefined ? undefined : toVillage(row);
}

export interface TownshipSummary extends Township {
  readonly villageCount: number;
}

export async function listTownships(db: Db): Promise<TownshipSummary[]> {
  const result = await db.query<TownshipRow & { village_count: unknown }>(
    `SELECT t.code, t.name, t.created_at, count(v.code) AS village_count
       FROM townships t LEFT JOIN villages v ON v.township_code = t.code
      GROUP BY t.code ORDER BY t.code`,
  );
  return result.rows.map((row) => ({
    ...toTownship(row),
    villageCount: Number(row.village_count),
  }));
}

/** Villages in code order; with `townshipCode`, that township's (which must exist). */
export async function listVillages(
  db: Db,
  filter: { readonly townshipCode?: string } = {},
): Promise<Village[]> {
  if (filter.townshipCode === undefined) {
    const result = await db.query<VillageRow>(`${VILLAGE_SELECT} ORDER BY v.code`);
    return result.rows.map(toVillage);
  }
  const code = orThrow(validateTownshipCode(filter.townshipCode));
  if ((await findTownship(db, code)) === undefined)
    throw new CodedError('place.township-unknown', { code });
  const result = await db.query<VillageRow>(
    `${VILLAGE_SELECT} WHERE v.township_code = $1 ORDER BY v.code`,
    [code],
  );
  return result.rows.map(toVillage);
}

const VILLAGE_SELECT = `SELECT v.code, v.name, v.township_code, t.name AS township_name, v.created_at
  FROM villages v JOIN townships t ON t.code = v.township_code`;

interface TownshipRow extends Record<string, unknown> {
  code: string;
  name: string;
  created_at: Date;
}

interface VillageRow extends Record<string, unknown> {
  code: string;
  name: string;
  township_code: string;
  township_name: string;
  created_at: Date;
}

function toTownship(row: TownshipRow): Township {
  return { code: row.code, name: row.name, createdAt: row.created_at.toISOString() };
}

function toVillage(row: VillageRow): Village {
  return {
    code: row.code,
    name: row.name,
    townshipCode: row.township_code,
    townshipName: row.township_name,
    createdAt: row.created_at.toISOString(),
  };
}

function orThrow<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new CodedError(result.error.code, result.error.params);
}
