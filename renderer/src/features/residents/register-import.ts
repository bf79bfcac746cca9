/**
 * The register import in the app: the town CLI's rules (shared/residents/import) against
 * the local register, then every document written in big batches. All or nothing: any
 * problem means nothing is written and the clerk gets the report.
 *
 * The validator is synchronous and looks IDs up by number, while the register knows them
 * only by keyed hash (hashing is asynchronous WebCrypto). So, as the CLI does, a first pass
 * collects the numbers the file holds, they are hashed in chunks (the screen shows
 * progress and stays responsive), and a second pass decides with the answers.
 */
import type { ImportProblem } from '../../../../shared/residents/import/problems.ts';
import {
  validateRegister,
  type ImportPlan,
  type ImportSummary,
  type RegisteredResident,
  type RegisterContext,
  type RegisterTable,
} from '../../../../shared/residents/import/validate.ts';
import { planToDocuments } from '../../../../shared/residents/register-documents.ts';
import { CodedError } from '../../../../shared/errors.ts';
import type { LocalDatabase } from '../../db/database.ts';
import { operationContext, type RegisterScope } from './register-scope.ts';
import { auditEntry, villageGroups, writeDocuments } from './register-store.ts';

export type ImportPhase = 'checking' | 'protecting' | 'writing';

export interface ImportProgress {
  readonly phase: ImportPhase;
  readonly done: number;
  readonly total: number;
}

export type ProgressListener = (progress: ImportProgress) => void;

export type ImportCheck =
  | { readonly ok: true; readonly plan: ImportPlan; readonly summary: ImportSummary }
  | {
      readonly ok: false;
      readonly problems: readonly ImportProblem[];
      readonly summary: ImportSummary;
    };

/** Rows hashed, encrypted or written between two chances for the screen to repaint. */
const CHUNK = 500;
/** Documents per bulkInsert: big batches are what Dexie writes fastest. */
const WRITE_BATCH = 2000;

function repaint(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

interface LocalRegister {
  readonly groups: ReadonlyMap<string, string>;
  readonly householdNumbers: ReadonlySet<string>;
  readonly residentsByHash: ReadonlyMap<string, RegisteredResident>;
}

/**
 * What the file is compared with: the village's active groups, every household number
 * (closed households included: numbers are not reused) and every registered ID hash
 * (moved-out and deceased residents included: they are still in the register).
 */
async function localRegister(db: LocalDatabase, villageCode: string): Promise<LocalRegister> {
  const [groups, households, residents] = await Promise.all([
    villageGroups(db, villageCode),
    db.collections.households.find({ selector: { villageCode } }).exec(),
    db.collections.residents.find({ selector: { villageCode } }).exec(),
  ]);
  const numberOf = new Map(households.map((doc) => [doc.id, doc.householdNo]));
  const residentsByHash = new Map<string, RegisteredResident>();
  for (const doc of residents) {
    if (doc.idHash === '') continue;
    residentsByHash.set(doc.idHash, {
      name: doc.name,
      householdNumber: numberOf.get(doc.householdId) ?? '',
    });
  }
  return {
    groups: new Map(
      groups.filter((group) => group.status === 'active').map((group) => [group.name, group.id]),
    ),
    householdNumbers: new Set(numberOf.values()),
    residentsByHash,
  };
}

/** Validates a sheet against the local register. Writes nothing. */
export async function checkRegisterTable(
  db: LocalDatabase,
  scope: RegisterScope,
  table: RegisterTable,
  onProgress: ProgressListener = () => undefined,
): Promise<ImportCheck> {
  const protector = scope.idProtector;
  if (protector === null) throw new CodedError('auth.forbidden');
  const { today } = operationContext(scope);
  const register = await localRegister(db, scope.villageCode);
  const context = (findRegistered: RegisterContext['findRegistered']): RegisterContext => ({
    today,
    villageCode: scope.villageCode,
    knownGroups: register.groups,
    existingHouseholdNumbers: register.householdNumbers,
    findRegistered,
  });

  const asked = new Set<string>();
  validateRegister(
    table,
    context((number) => {
      asked.add(number);
      return undefined;
    }),
  );
  const numbers = [...asked];
  const registered = new Map<string, RegisteredResident>();
  onProgress({ phase: 'checking', done: 0, total: numbers.length });
  for (let start = 0; start < numbers.length; start += CHUNK) {
    const chunk = numbers.slice(start, start + CHUNK);
    const hashes = await Promise.all(chunk.map((number) => protector.hashOf(number)));
    chunk.forEach((number, i) => {
      const found = register.residentsByHash.get(hashes[i] ?? '');
      if (found !== undefined) registered.set(number, found);
    });
    onProgress({ phase: 'checking', done: start + chunk.length, total: numbers.length });
    await repaint();
  }
  const result = validateRegister(
    table,
    context((number) => registered.get(number)),
  );
  return result.ok
    ? { ok: true, plan: result.plan, summary: result.summary }
    : { ok: false, problems: result.problems, summary: result.summary };
}

export interface ImportedCounts {
  readonly households: number;
  readonly residents: number;
}

/**
 * Writes a checked plan: the documents of planToDocuments (IDs encrypted, search keys,
 * memberships from today), residents then households, in batches. If a batch fails, what
 * was written of this import is removed again, so a failed import leaves nothing behind.
 */
export async function importRegisterPlan(
  db: LocalDatabase,
  scope: RegisterScope,
  plan: ImportPlan,
  onProgress: ProgressListener = () => undefined,
  action = 'register.import',
): Promise<ImportedCounts> {
  const protector = scope.idProtector;
  if (protector === null) throw new CodedError('auth.forbidden');
  const ctx = operationContext(scope);
  const total = plan.residents.length;
  let protectedCount = 0;
  onProgress({ phase: 'protecting', done: 0, total });
  const documents = await planToDocuments(plan, ctx, {
    protect: async (number) => {
      const ids = await protector.protect(number);
      protectedCount += 1;
      if (protectedCount % CHUNK === 0 || protectedCount === total)
        onProgress({ phase: 'protecting', done: protectedCount, total });
      return ids;
    },
  });

  const written: { residents: string[]; households: string[] } = { residents: [], households: [] };
  const all = documents.residents.length + documents.households.length;
  let done = 0;
  onProgress({ phase: 'writing', done, total: all });
  try {
    for (const [collection, docs] of [
      ['residents', documents.residents],
      ['households', documents.households],
    ] as const) {
      for (let start = 0; start < docs.length; start += WRITE_BATCH) {
        const batch = docs.slice(start, start + WRITE_BATCH);
        const result =
          collection === 'residents'
            ? await db.collections.residents.bulkInsert(batch as typeof documents.residents)
            : await db.collections.households.bulkInsert(batch as typeof documents.households);
        written[collection].push(...result.success.map((doc) => doc.id));
        if (result.error.length > 0) {
          console.error(`importing ${collection} failed`, result.error);
          throw new CodedError('localdb.write-failed');
        }
        done += batch.length;
        onProgress({ phase: 'writing', done, total: all });
        await repaint();
      }
    }
    await writeDocuments(db, {
      journal: [
        auditEntry(scope, ctx, action, { collection: 'residents', id: '' }, null, [
          'households',
          'residents',
        ]),
      ],
    });
  } catch (error) {
    await db.collections.residents.bulkRemove(written.residents).catch((cleanup: unknown) => {
      console.error('removing a failed import', cleanup);
    });
    await db.collections.households.bulkRemove(written.households).catch((cleanup: unknown) => {
      console.error('removing a failed import', cleanup);
    });
    throw error instanceof CodedError ? error : new CodedError('localdb.write-failed');
  }
  return { households: documents.households.length, residents: documents.residents.length };
}
