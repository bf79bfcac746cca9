// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import type { HouseholdDoc } from '../../../../shared/collections/households.ts';
import type { ResidentDoc } from '../../../../shared/collections/residents.ts';
import { REGISTER_COLUMNS } from '../../../../shared/residents/import/columns.ts';
import type { RegisterTable } from '../../../../shared/residents/import/validate.ts';
import { readXlsxTable } from '../../../../shared/xlsx/index.ts';
import type { LocalDatabase } from '../../db/database.ts';
import { CATALOGUES, errorMessage } from '../../i18n/format.ts';
import { rowOf, villageRegister } from './register-data.ts';
import { errorReportWorkbook, exportWorkbook, templateWorkbook } from './register-files.ts';
import {
  checkRegisterTable,
  importRegisterPlan,
  type ImportCheck,
  type ImportProgress,
} from './register-import.ts';
import { operationContext } from './register-scope.ts';
import { createGroups } from './register-store.ts';
import {
  closeTestDatabases,
  searchStored,
  idOf,
  openTestDatabase,
  testScope,
  TEST_VILLAGE,
} from './test-support.ts';

afterEach(closeTestDatabases);

const scope = testScope();
const zh = CATALOGUES['zh-CN'];

const WANG = idOf('19650312', '011');
const LI = idOf('19680704', '022');
const WANG_LEI = idOf('19920101', '031');
const ZHAO = idOf('19701111', '051');

const HEADER = [
  '户编号',
  '门牌号',
  '村民小组',
  '姓名',
  '身份证号',
  '与户主关系',
  '联系电话',
  '户标签',
];
const GOOD: RegisterTable = [
  HEADER,
  ['001', '东街12号', '第一村民小组', '王建国', WANG, '户主', '13812345678', '党员户'],
  ['001', '', '', '李秀兰', LI, '妻', '', ''],
  ['001', '', '', '王磊', WANG_LEI, '长子', '', ''],
  [],
  ['002', '西街3号', '第一村民小组', '赵大山', ZHAO, '户主', '', ''],
];

function checked(check: ImportCheck) {
  if (!check.ok) throw new Error(JSON.stringify(check.problems.slice(0, 3)));
  return check;
}

async function withGroup(db: LocalDatabase): Promise<void> {
  await createGroups(db, scope, operationContext(scope), ['第一村民小组']);
}

async function count(db: LocalDatabase): Promise<{ residents: number; households: number }> {
  return {
    residents: await db.collections.residents.count().exec(),
    households: await db.collections.households.count().exec(),
  };
}

describe('importing a register file', () => {
  it('writes every household and resident of a valid file, found by search afterwards', async () => {
    const db = await openTestDatabase();
    await withGroup(db);
    const progress: ImportProgress[] = [];
    const check = checked(await checkRegisterTable(db, scope, GOOD, (p) => progress.push(p)));
    expect(check.summary).toMatchObject({ households: 2, residents: 4 });
    const imported = await importRegisterPlan(db, scope, check.plan, (p) => progress.push(p));
    expect(imported).toEqual({ households: 2, residents: 4 });
    expect(await count(db)).toEqual({ residents: 4, households: 2 });
    expect(progress.map((p) => p.phase)).toEqual(
      expect.arrayContaining(['checking', 'protecting', 'writing']),
    );
    expect(progress.at(-1)).toEqual({ phase: 'writing', done: 6, total: 6 });
    expect((await searchStored(db, TEST_VILLAGE, 'wjg')).map((r) => r.name)).toEqual(['王建国']);
  });

  it('imports nothing from a file with errors and reports each by row and column', async () => {
    const db = await openTestDatabase();
    await withGroup(db);
    const bad: RegisterTable = [
      HEADER,
      [
        '001',
        '东街12号',
        '第一村民小组',
        '王建国',
        WANG.slice(0, 17) + '0',
        '户主',
        '13812345678',
        '',
      ],
      ['001', '', '', '', LI, '妻', '12345', ''],
      ['002', '', '第九组', '赵大山', ZHAO, '朋友', '', ''],
    ];
    const check = await checkRegisterTable(db, scope, bad);
    if (check.ok) throw new Error('a bad file passed');
    expect(check.problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [2, '身份证号', 'resident.id-check-digit'],
      [3, '姓名', 'resident.name-missing'],
      [3, '联系电话', 'resident.phone-invalid'],
      [4, '村民小组', 'import.group-unknown'],
      [4, '与户主关系', 'household.relation-unknown'],
    ]);
    expect(check.summary.unknownGroups).toEqual([{ name: '第九组', rows: [4] }]);
    expect(await count(db)).toEqual({ residents: 0, households: 0 });
  });

  it('refuses IDs already in the local register, naming who holds them', async () => {
    const db = await openTestDatabase();
    await withGroup(db);
    await importRegisterPlan(db, scope, checked(await checkRegisterTable(db, scope, GOOD)).plan);
    const again: RegisterTable = [HEADER, ['009', '', '', '王建华', WANG, '户主', '', '']];
    const check = await checkRegisterTable(db, scope, again);
    if (check.ok) throw new Error('a duplicate passed');
    expect(check.problems).toEqual([
      expect.objectContaining({
        row: 2,
        code: 'resident.id-duplicate',
        params: { name: '王建国', household: '001' },
      }),
    ]);
  });

  it('accepts a file once the unknown group it names is created', async () => {
    const db = await openTestDatabase();
    const first = await checkRegisterTable(db, scope, GOOD);
    expect(first.ok).toBe(false);
    await createGroups(
      db,
      scope,
      operationContext(scope),
      first.summary.unknownGroups.map((g) => g.name),
    );
    expect((await checkRegisterTable(db, scope, GOOD)).ok).toBe(true);
  });
});

describe('the register spreadsheets', () => {
  it('offer a template whose example row imports as it stands', async () => {
    const db = await openTestDatabase();
    const table = readXlsxTable(templateWorkbook('村民花名册'));
    if (!table.ok) throw new Error(table.error.code);
    expect(table.value.rows[0]).toEqual(REGISTER_COLUMNS.map((c) => c.header));
    await createGroups(db, scope, operationContext(scope), ['第一村民小组']);
    expect((await checkRegisterTable(db, scope, table.value.rows)).ok).toBe(true);
  });

  it('save an error report with the rows as read, an error column, and the list of problems', async () => {
    const db = await openTestDatabase();
    await withGroup(db);
    const bad: RegisterTable = [
      HEADER,
      ['001', '东街12号', '第一村民小组', '王建国', WANG, '户主', '12345', ''],
      ['001', '', '', '李秀兰', LI, '妻', '', ''],
    ];
    const check = await checkRegisterTable(db, scope, bad);
    if (check.ok) throw new Error('a bad file passed');
    const bytes = errorReportWorkbook(
      bad,
      check.summary.headerRow,
      check.problems,
      {
        dataSheet: '原表及错误说明',
        problemsSheet: '错误清单',
        errorColumn: '错误说明',
        row: '行号',
        column: '列',
        value: '填写的内容',
        problem: '问题和修改方法',
      },
      (problem) => errorMessage(zh, problem),
    );
    const data = readXlsxTable(bytes, { sheet: '原表及错误说明' });
    const list = readXlsxTable(bytes, { sheet: '错误清单' });
    if (!data.ok || !list.ok) throw new Error('report unreadable');
    expect(data.value.rows[0]).toEqual([...HEADER, '错误说明']);
    expect(data.value.rows[1]?.slice(0, HEADER.length)).toEqual(bad[1]);
    expect(data.value.rows[1]?.[HEADER.length]).toContain('联系电话「12345」不对');
    // The reader drops trailing empty cells.
    expect(data.value.rows[2]).toEqual(bad[2]?.slice(0, 6));
    expect(list.value.rows).toEqual([
      ['行号', '列', '填写的内容', '问题和修改方法'],
      ['2', '联系电话', '12345', expect.stringContaining('应为 11 位手机号')],
    ]);

    // The clerk corrects the cell in the report itself and imports it: the error column is ignored.
    const corrected = data.value.rows.map((row, i) =>
      i === 1 ? row.slice(0, HEADER.length).map((c) => (c === '12345' ? '13812345678' : c)) : row,
    );
    const again = await checkRegisterTable(db, scope, corrected);
    expect(again.ok).toBe(true);
    expect(again.summary.ignoredColumns.map((c) => c.column)).toEqual(['错误说明']);
  });

  it('export a list that imports into an empty register as the same data', async () => {
    const source = await openTestDatabase();
    await withGroup(source);
    await importRegisterPlan(
      source,
      scope,
      checked(await checkRegisterTable(source, scope, GOOD)).plan,
    );
    const exported = await snapshot(source);
    const register = villageRegister(exported.residents, exported.households, exported.groups);
    const entries = await Promise.all(
      register.residents.map(async (resident) => {
        const row = rowOf(resident, register);
        return {
          resident,
          household: row.household,
          groupName: row.groupName,
          idNumber: (await scope.idProtector?.reveal(resident.idNumberCipher)) ?? '',
        };
      }),
    );
    const table = readXlsxTable(exportWorkbook(entries, '村民名册'));
    if (!table.ok) throw new Error(table.error.code);
    await closeTestDatabases();

    const target = await openTestDatabase();
    await withGroup(target);
    const check = checked(await checkRegisterTable(target, scope, table.value.rows));
    expect(check.summary.ignoredColumns.map((c) => c.column)).toEqual(['状态']);
    await importRegisterPlan(target, scope, check.plan);
    expect(await comparable(target)).toEqual(await comparableOf(exported));
  });
});

interface Snapshot {
  readonly residents: ResidentDoc[];
  readonly households: HouseholdDoc[];
  readonly groups: Awaited<ReturnType<typeof createGroups>>;
}

async function snapshot(db: LocalDatabase): Promise<Snapshot> {
  const residents = (await db.collections.residents.find().exec()).map((d) => d.toMutableJSON());
  const households = (await db.collections.households.find().exec()).map((d) => d.toMutableJSON());
  const policies = (await db.collections.policies.find().exec()).map((d) => d.toMutableJSON());
  return {
    residents,
    households,
    groups: policies.flatMap((p) => (p.kind === 'group' ? [p] : [])),
  };
}

async function comparable(db: LocalDatabase) {
  return comparableOf(await snapshot(db));
}

/** What a register holds, without ids, stamps and ciphers (new on every import). */
async function comparableOf(data: Snapshot) {
  const households = new Map(data.households.map((h) => [h.id, h]));
  const groups = new Map(data.groups.map((g) => [g.id, g.name]));
  const rows = await Promise.all(
    data.residents.map(async (r) => {
      const household = households.get(r.householdId);
      return {
        name: r.name,
        gender: r.gender,
        birthDate: r.birthDate,
        id: await scope.idProtector?.reveal(r.idNumberCipher),
        idHash: r.idHash,
        phone: r.phone,
        tags: r.tags,
        notes: r.notes,
        status: r.status,
        household: household?.householdNo,
        houseNo: household?.houseNo,
        address: household?.address,
        group: groups.get(household?.groupId ?? ''),
        householdTags: household?.tags,
        relation: household?.members.find((m) => m.residentId === r.id)?.relation,
        head: household?.headResidentId === r.id,
      };
    }),
  );
  return rows.sort((a, b) => (a.id ?? '').localeCompare(b.id ?? ''));
}
