import { describe, expect, it } from 'vitest';
import { householdsSchema } from '../../../shared/collections/households.ts';
import type { GroupPolicy } from '../../../shared/collections/policies.ts';
import { residentsSchema } from '../../../shared/collections/residents.ts';
import { schemaErrors } from '../../../shared/collections/fixtures/json-schema.ts';
import { checkDigitOf } from '../../../shared/residents/citizen-id.ts';
import { createIdProtector } from '../../../shared/residents/id-protection.ts';
import type { RegisterTable } from '../../../shared/residents/import/validate.ts';
import { BACKENDS, useBackend } from '../../test/backends.ts';
import type { Db } from '../db/database.ts';
import { findTownshipKeys } from '../keys/township-keys.ts';
import { addTownship, addVillage } from '../places/places.ts';
import { deleteDocuments, putDocuments } from '../store/documents.ts';
import { countResidents, importRegister, type RegisterImportOutcome } from './register.ts';

const TOWNSHIP = '320321100';
const VILLAGE = '320321100201';
const NEIGHBOUR = '320321100202';

function idOf(birth: string, sequence: string, region = '320321'): string {
  const first17 = `${region}${birth}${sequence}`;
  return `${first17}${checkDigitOf(first17)}`;
}

const WANG = idOf('19650312', '011');
const LI = idOf('19680704', '022');
const WANG_LEI = idOf('19920101', '031');
const ZHAO = idOf('19701111', '051');

const HEADER = ['户编号', '门牌号', '村民小组', '姓名', '身份证号', '与户主关系', '联系电话'];
const VALID: RegisterTable = [
  HEADER,
  ['001', '东街12号', '第一组', '王建国', WANG, '户主', '13812345678'],
  ['001', '', '', '李秀兰', LI, '妻', ''],
  ['001', '', '', '王磊', WANG_LEI, '子', ''],
  ['002', '西街3号', '', '赵大山', ZHAO, '户主', ''],
];
/** Row 3 has a wrong check digit, row 5 no head. */
const BROKEN: RegisterTable = [
  HEADER,
  ['001', '东街12号', '', '王建国', WANG, '户主', ''],
  ['001', '', '', '李秀兰', `${LI.slice(0, 17)}${LI.endsWith('0') ? '1' : '0'}`, '妻', ''],
  ['002', '西街3号', '', '赵大山', ZHAO, '子', ''],
];

let idCounter = 0;
function input(table: RegisterTable, villageCode = VILLAGE) {
  return {
    villageCode,
    table,
    now: 1_763_800_000_000,
    today: '2026-11-22',
    newId: () => `01KTEST${String((idCounter += 1)).padStart(19, '0')}`,
    userId: 'town-cli',
    deviceId: 'town-cli',
    crypto: globalThis.crypto,
  };
}

async function withVillages(db: Db): Promise<void> {
  await addTownship(db, { code: TOWNSHIP, name: '新城镇' });
  await addVillage(db, { code: VILLAGE, name: '王庄村', townshipCode: TOWNSHIP });
  await addVillage(db, { code: NEIGHBOUR, name: '李庄村', townshipCode: TOWNSHIP });
}

function group(id: string, name: string, status: GroupPolicy['status'] = 'active'): GroupPolicy {
  return {
    id,
    villageCode: VILLAGE,
    townshipCode: TOWNSHIP,
    createdAt: 1,
    createdBy: 'u1',
    deviceId: 'd1',
    updatedAt: 1,
    updatedBy: 'u1',
    kind: 'group',
    status,
    code: id,
    name,
  };
}

async function addGroups(db: Db, ...groups: GroupPolicy[]): Promise<void> {
  await putDocuments(
    db,
    'policies',
    groups.map((doc) => ({
      id: doc.id,
      scope: { villageCode: doc.villageCode },
      data: { ...doc },
    })),
  );
}

async function storedData(db: Db, collection: string): Promise<Record<string, unknown>[]> {
  const result = await db.query<{ data: Record<string, unknown> }>(
    'SELECT data FROM documents WHERE collection = $1 ORDER BY seq',
    [collection],
  );
  return result.rows.map((row) => row.data);
}

function problemsOf(outcome: RegisterImportOutcome) {
  if (outcome.ok) throw new Error('expected the import to be refused');
  return outcome.problems.map(({ row, column, code }) => ({ row, column, code }));
}

describe.each(BACKENDS)('register import on %s', (kind) => {
  const backend = useBackend(kind);

  it('writes every household and resident, valid against the schemas, and counts them', async () => {
    const db = await backend.fresh();
    await withVillages(db);
    await addGroups(db, group('g1', '第一组'));

    const outcome = await importRegister(db, input(VALID));

    expect(outcome).toMatchObject({ ok: true, households: 2, residents: 4 });
    const residents = await storedData(db, 'residents');
    const households = await storedData(db, 'households');
    expect(residents).toHaveLength(4);
    expect(households).toHaveLength(2);
    for (const doc of residents) expect(schemaErrors(residentsSchema, doc)).toEqual([]);
    for (const doc of households) expect(schemaErrors(householdsSchema, doc)).toEqual([]);
    expect(households[0]).toMatchObject({ householdNo: '001', groupId: 'g1' });
    expect(residents[0]).toMatchObject({ createdBy: 'town-cli', deviceId: 'town-cli' });
    expect(await countResidents(db, VILLAGE)).toEqual({
      total: 4,
      byStatus: { registered: 4, 'moved-out': 0, deceased: 0 },
    });
    expect((await countResidents(db, NEIGHBOUR)).total).toBe(0);
  });

  it('stores no ID in the clear, and ciphers the township’s keys reveal', async () => {
    const db = await backend.fresh();
    await withVillages(db);
    await addGroups(db, group('g1', '第一组'));

    await importRegister(db, input(VALID));

    const everything = await db.query<{ text: string }>(
      'SELECT string_agg(data::text, $1) AS text FROM documents',
      ['\n'],
    );
    for (const number of [WANG, LI, WANG_LEI, ZHAO])
      expect(everything.rows[0]?.text).not.toContain(number);
    const keys = await findTownshipKeys(db, TOWNSHIP);
    const protector = createIdProtector(globalThis.crypto, keys!);
    const [wang] = await storedData(db, 'residents');
    expect(await protector.reveal(String(wang?.['idNumberCipher']))).toBe(WANG);
    expect(wang?.['idHash']).toBe(await protector.hashOf(WANG));
  });

  it('writes nothing, not even the township’s keys, when any row is wrong', async () => {
    const db = await backend.fresh();
    await withVillages(db);

    const outcome = await importRegister(db, input(BROKEN));

    expect(problemsOf(outcome)).toEqual([
      { row: 3, column: '身份证号', code: 'resident.id-check-digit' },
      { row: 4, column: '与户主关系', code: 'household.head-count' },
    ]);
    expect(await storedData(db, 'residents')).toEqual([]);
    expect(await storedData(db, 'households')).toEqual([]);
    expect(await findTownshipKeys(db, TOWNSHIP)).toBeUndefined();
  });

  it('refuses the same file twice, naming the residents already registered', async () => {
    const db = await backend.fresh();
    await withVillages(db);
    await addGroups(db, group('g1', '第一组'));
    await importRegister(db, input(VALID));
    const keys = await findTownshipKeys(db, TOWNSHIP);

    const again = await importRegister(db, input(VALID));

    const problems = problemsOf(again);
    expect(problems.filter((p) => p.code === 'resident.id-duplicate')).toHaveLength(4);
    expect(problems.filter((p) => p.code === 'household.number-duplicate')).toHaveLength(4);
    const first = again.ok
      ? undefined
      : again.problems.find((p) => p.code === 'resident.id-duplicate');
    expect(first).toMatchObject({ row: 2, params: { name: '王建国', household: '001' } });
    expect((await countResidents(db, VILLAGE)).total).toBe(4);
    expect(await findTownshipKeys(db, TOWNSHIP)).toEqual(keys);
  });

  it('finds an ID registered under another household number, and keeps one key pair per township', async () => {
    const db = await backend.fresh();
    await withVillages(db);
    await importRegister(db, input([HEADER, ['002', '', '', '赵大山', ZHAO, '户主', '']]));
    const keys = await findTownshipKeys(db, TOWNSHIP);

    const moved = await importRegister(
      db,
      input([HEADER, ['009', '', '', '赵大山', ZHAO, '户主', '']]),
    );
    const neighbour = await importRegister(
      db,
      input([HEADER, ['009', '', '', '赵大山', ZHAO, '户主', '']], NEIGHBOUR),
    );

    expect(problemsOf(moved)).toEqual([
      { row: 2, column: '身份证号', code: 'resident.id-duplicate' },
    ]);
    // Uniqueness is per village: the same person may be on the neighbour's register.
    expect(neighbour.ok).toBe(true);
    expect(await findTownshipKeys(db, TOWNSHIP)).toEqual(keys);
  });

  it('knows the village’s active groups only, and tells which exist when one is unknown', async () => {
    const db = await backend.fresh();
    await withVillages(db);
    await addGroups(
      db,
      group('g1', '第一组'),
      group('g2', '第二组', 'retired'),
      group('g3', '第三组'),
    );
    await deleteDocuments(db, 'policies', ['g3'], { villageCode: VILLAGE });

    const outcome = await importRegister(
      db,
      input([
        HEADER,
        ['001', '', '第二组', '王建国', WANG, '户主', ''],
        ['002', '', '第三组', '赵大山', ZHAO, '户主', ''],
      ]),
    );

    expect(problemsOf(outcome)).toEqual([
      { row: 2, column: '村民小组', code: 'import.group-unknown' },
      { row: 3, column: '村民小组', code: 'import.group-unknown' },
    ]);
    expect(outcome.ok ? [] : outcome.knownGroups).toEqual(['第一组']);
  });

  it('counts residents by status and leaves tombstones out', async () => {
    const db = await backend.fresh();
    await withVillages(db);
    await importRegister(
      db,
      input(VALID.map((row) => row.map((cell) => (cell === '第一组' ? '' : cell)))),
    );
    const [first, second] = await storedData(db, 'residents');
    await putDocuments(db, 'residents', [
      {
        id: String(first?.['id']),
        scope: { villageCode: VILLAGE },
        data: { ...first, status: 'deceased', statusDate: '2026-01-02' },
      },
    ]);
    await deleteDocuments(db, 'residents', [String(second?.['id'])], { villageCode: VILLAGE });

    expect(await countResidents(db, VILLAGE)).toEqual({
      total: 3,
      byStatus: { registered: 2, 'moved-out': 0, deceased: 1 },
    });
  });
});
