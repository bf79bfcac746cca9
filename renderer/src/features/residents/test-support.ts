/**
 * Test builders for the register (tests only): a real local database on RxDB's memory
 * storage, a session with real township keys (WebCrypto), and checked residents. RxDB's
 * free version allows 13 open collections per process and a database has 12, so a test
 * opens one database at a time and `closeTestDatabases` runs after each.
 */
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { Role } from '../../../../shared/auth/roles.ts';
import type { Relation } from '../../../../shared/collections/households.ts';
import { fail } from '../../../../shared/errors.ts';
import { checkDigitOf } from '../../../../shared/residents/citizen-id.ts';
import { createIdProtector } from '../../../../shared/residents/id-protection.ts';
import { searchRegister } from '../../../../shared/residents/search-register.ts';
import type { ResidentDoc } from '../../../../shared/collections/residents.ts';
import type { Session } from '../../auth/session.ts';
import { createLocalDatabase, type LocalDatabase } from '../../db/database.ts';
import type { NewMember } from './register-actions.ts';
import { registerScopeOf, type RegisterScope } from './register-scope.ts';
import { checkResident, EMPTY_RESIDENT, type ResidentValues } from './resident-values.ts';

export const TEST_TOWNSHIP = '320509105';
export const TEST_VILLAGE = '320509105201';

const open: LocalDatabase[] = [];
let counter = 0;

export async function openTestDatabase(): Promise<LocalDatabase> {
  counter += 1;
  const db = await createLocalDatabase({
    name: `register-${String(Date.now())}-${String(counter)}`,
    storage: getRxStorageMemory(),
    multiInstance: false,
  });
  open.push(db);
  return db;
}

/** The search box over what the database stores for `villageCode` (the register the screen reads). */
export async function searchStored(
  db: LocalDatabase,
  villageCode: string,
  text: string,
  limit = 50,
): Promise<ResidentDoc[]> {
  const [residents, households] = await Promise.all([
    db.collections.residents.find({ selector: { villageCode } }).exec(),
    db.collections.households.find({ selector: { villageCode } }).exec(),
  ]);
  return searchRegister(
    {
      residents: residents.map((doc) => doc.toMutableJSON()),
      households: households.map((doc) => doc.toMutableJSON()),
    },
    text,
    limit,
  );
}

export async function closeTestDatabases(): Promise<void> {
  await Promise.all(open.splice(0).map((db) => db.close()));
}

export const TEST_KEYS = {
  keyId: '320509105-k1',
  encryptionKey: Uint8Array.from({ length: 32 }, (_, i) => i + 1),
  hashKey: Uint8Array.from({ length: 32 }, (_, i) => 200 - i),
};

export function testSession(role: Role = 'village_admin', userId = 'u-admin-zhou'): Session {
  return {
    principal: {
      userId,
      username: userId,
      displayName: '周主任',
      role,
      villageCode: TEST_VILLAGE,
      townshipCode: TEST_TOWNSHIP,
    },
    deviceId: 'dev-test-01',
    serverUrl: 'http://127.0.0.1:8787',
    idProtector: role === 'bank_liaison' ? null : createIdProtector(globalThis.crypto, TEST_KEYS),
    accessToken: () => Promise.resolve(fail('sync.not-signed-in')),
  };
}

export function testScope(role: Role = 'village_admin'): RegisterScope {
  const scope = registerScopeOf(testSession(role));
  if (scope === null) throw new Error('a village session has a register scope');
  return scope;
}

/** A valid 18-digit ID: region 320509, birth 'YYYYMMDD', a 3-digit sequence (odd = male). */
export function idOf(birth: string, sequence: string, region = '320509'): string {
  const first17 = `${region}${birth}${sequence}`;
  return `${first17}${checkDigitOf(first17)}`;
}

export function member(
  values: Partial<ResidentValues>,
  relation: Relation,
  today = '2025-03-10',
): NewMember {
  const checked = checkResident({ ...EMPTY_RESIDENT, ...values }, today);
  if (!checked.ok) throw new Error(`test member invalid: ${JSON.stringify(checked.problems)}`);
  return { resident: checked.value, relation };
}
