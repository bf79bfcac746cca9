/**
 * A village's resident register in the town server's document store: loading it from a
 * spreadsheet (the township's way to fill a village before its devices first sync) and
 * counting it. The rules are the app's: shared/residents/import/validate.ts decides, and
 * shared/residents/register-documents.ts builds the documents.
 *
 * An import is all or nothing, in one transaction: the township's keys (made on the first
 * import), the duplicate checks against what the store holds, and every household and
 * resident document. Any problem rolls all of it back.
 */
import type { ResidentStatus } from '../../../shared/collections/residents.ts';
import { townshipCodeOfVillage } from '../../../shared/places/division-codes.ts';
import { createIdProtector, type IdCrypto } from '../../../shared/residents/id-protection.ts';
import type { ImportProblem } from '../../../shared/residents/import/problems.ts';
import {
  validateRegister,
  type ImportSummary,
  type RegisteredResident,
  type RegisterTable,
} from '../../../shared/residents/import/validate.ts';
import { planToDocuments } from '../../../shared/residents/register-documents.ts';
import type { Db } from '../db/database.ts';
import { getOrCreateTownshipKeys } from '../keys/township-keys.ts';
import { putDocuments, type DocumentWrite } from '../store/documents.ts';

export interface RegisterImportInput {
  /** A village registered on this server (places.ts). */
  readonly villageCode: string;
  /** The sheet as rows of cell text, row i = spreadsheet row i + 1. */
  readonly table: RegisterTable;
  /** Epoch milliseconds stamped on the documents. */
  readonly now: number;
  /** The village's date today, 'YYYY-MM-DD'. */
  readonly today: string;
  readonly newId: () => string;
  /** Who the documents say created them (createdBy/updatedBy) and on which device. */
  readonly userId: string;
  readonly deviceId: string;
  /** WebCrypto (Node's globalThis.crypto). */
  readonly crypto: IdCrypto;
}

export type RegisterImportOutcome =
  | {
      readonly ok: true;
      readonly summary: ImportSummary;
      readonly households: number;
      readonly residents: number;
    }
  | {
      readonly ok: false;
      readonly summary: ImportSummary;
      readonly problems: readonly ImportProblem[];
      /** The village's active group names, for the hint about unknown groups. */
      readonly knownGroups: readonly string[];
    };

/** Thrown inside the transaction to roll it back; carries the refusal out. */
class Refused extends Error {
  readonly outcome: RegisterImportOutcome;
  constructor(outcome: RegisterImportOutcome) {
    super('register import refused');
    this.outcome = outcome;
  }
}

/**
 * Validates the table against the village's register in the store and, if nothing is
 * wrong, writes every household and resident. Imports of one village run one at a time
 * (an advisory lock), so two imports cannot both pass the duplicate check and both write.
 *
 * Lock order: the import lock, then the township_keys row (first import only), then the
 * store's sequence counter inside putDocuments. Sync writers take only the counter, so
 * they cannot wait on a lock this transaction took before the counter.
 */
export async function importRegister(
  db: Db,
  input: RegisterImportInput,
): Promise<RegisterImportOutcome> {
  const { villageCode } = input;
  const townshipCode = townshipCodeOfVillage(villageCode);
  try {
    return await db.transaction(async (tx) => {
      await tx.query("SELECT pg_advisory_xact_lock(hashtext('register-import'), hashtext($1))", [
        villageCode,
      ]);
      const keys = await getOrCreateTownshipKeys(tx, townshipCode);
      const protector = createIdProtector(input.crypto, keys);
      const register = await loadRegister(tx, villageCode);

      // validateRegister is synchronous and hashing is not: a first pass collects the
      // numbers it looks up, which are then hashed, and a second pass decides. Both passes
      // are the same O(rows) validation (10,000 rows take about 0.1 s).
      const asked = new Set<string>();
      validateRegister(input.table, {
        today: input.today,
        villageCode,
        knownGroups: register.groups,
        existingHouseholdNumbers: register.householdNumbers,
        findRegistered: (number) => {
          asked.add(number);
          return undefined;
        },
      });
      const registered = new Map<string, RegisteredResident>();
      for (const number of asked) {
        const found = register.residentsByHash.get(await protector.hashOf(number));
        if (found !== undefined) registered.set(number, found);
      }
      const result = validateRegister(input.table, {
        today: input.today,
        villageCode,
        knownGroups: register.groups,
        existingHouseholdNumbers: register.householdNumbers,
        findRegistered: (number) => registered.get(number),
      });
      if (!result.ok) {
        throw new Refused({
          ok: false,
          summary: result.summary,
          problems: result.problems,
          knownGroups: [...register.groups.keys()],
        });
      }

      const documents = await planToDocuments(
        result.plan,
        {
          now: input.now,
          today: input.today,
          userId: input.userId,
          deviceId: input.deviceId,
          townshipCode,
          newId: input.newId,
        },
        protector,
      );
      const scope = { villageCode };
      const writes = (docs: readonly { readonly id: string }[]): DocumentWrite[] =>
        docs.map((doc) => ({ id: doc.id, scope, data: doc }));
      await putDocuments(tx, 'residents', writes(documents.residents));
      await putDocuments(tx, 'households', writes(documents.households));
      return {
        ok: true,
        summary: result.summary,
        households: documents.households.length,
        residents: documents.residents.length,
      };
    });
  } catch (error) {
    if (error instanceof Refused) return error.outcome;
    throw error;
  }
}

interface VillageRegister {
  /** Active groups: name → policies document id. */
  readonly groups: ReadonlyMap<string, string>;
  /** Residents with an ID, by idHash. */
  readonly residentsByHash: ReadonlyMap<string, RegisteredResident>;
  /** Every household number, closed households included. */
  readonly householdNumbers: ReadonlySet<string>;
}

/**
 * What the validator compares a file with. Tombstoned documents are left out: a deleted
 * resident no longer holds an ID, nor a deleted household its number. Moved-out and
 * deceased residents are in: they are still in the register under their ID.
 */
async function loadRegister(db: Db, villageCode: string): Promise<VillageRegister> {
  const groups = await db.query<{ id: string; name: string | null }>(
    `SELECT id, data->>'name' AS name FROM documents
      WHERE collection = 'policies' AND village_code = $1 AND NOT deleted
        AND data->>'kind' = 'group' AND data->>'status' = 'active'
      ORDER BY data->>'code', id`,
    [villageCode],
  );
  const households = await db.query<{ id: string; number: string | null }>(
    `SELECT id, data->>'householdNo' AS number FROM documents
      WHERE collection = 'households' AND village_code = $1 AND NOT deleted`,
    [villageCode],
  );
  const residents = await db.query<{
    hash: string | null;
    name: string | null;
    household_id: string | null;
  }>(
    `SELECT data->>'idHash' AS hash, data->>'name' AS name, data->>'householdId' AS household_id
       FROM documents
      WHERE collection = 'residents' AND village_code = $1 AND NOT deleted
        AND coalesce(data->>'idHash', '') <> ''`,
    [villageCode],
  );

  const numberOf = new Map(households.rows.map((row) => [row.id, row.number ?? '']));
  return {
    groups: new Map(
      groups.rows.flatMap((row) => (row.name === null ? [] : [[row.name, row.id] as const])),
    ),
    householdNumbers: new Set(households.rows.flatMap((row) => row.number ?? [])),
    residentsByHash: new Map(
      residents.rows.map((row) => [
        row.hash ?? '',
        {
          name: row.name ?? '',
          householdNumber: numberOf.get(row.household_id ?? '') ?? '',
        },
      ]),
    ),
  };
}

export interface ResidentCount {
  readonly total: number;
  readonly byStatus: Readonly<Record<ResidentStatus, number>>;
}

/** Residents of the village in the store (tombstones not counted), by status. */
export async function countResidents(db: Db, villageCode: string): Promise<ResidentCount> {
  const result = await db.query<{ status: string | null; count: unknown }>(
    `SELECT data->>'status' AS status, count(*) AS count FROM documents
      WHERE collection = 'residents' AND village_code = $1 AND NOT deleted
      GROUP BY 1`,
    [villageCode],
  );
  const byStatus: Record<ResidentStatus, number> = {
    registered: 0,
    'moved-out': 0,
    deceased: 0,
  };
  let total = 0;
  for (const row of result.rows) {
    const count = Number(row.count);
    total += count;
    if (row.status === 'registered' || row.status === 'moved-out' || row.status === 'deceased') {
      byStatus[row.status] += count;
    }
  }
  return { total, byStatus };
}
