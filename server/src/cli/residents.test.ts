import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDigitOf } from '../../../shared/residents/citizen-id.ts';
import { writeXlsxTable } from '../../../shared/xlsx/write.ts';
import { startPostgresCluster, type PostgresCluster } from '../../test/postgres-cluster.ts';
import { runTownCli } from '../../test/processes.ts';
import { openPostgres } from '../db/database.ts';
import { loadMigrations, migrate } from '../db/migrate.ts';
import { addTownship, addVillage } from '../places/places.ts';
import { problemReport } from './residents.ts';
import { EXIT, runTown } from './run.ts';

function idOf(birth: string, sequence: string, region = '320321'): string {
  const first17 = `${region}${birth}${sequence}`;
  return `${first17}${checkDigitOf(first17)}`;
}

const WANG = idOf('19650312', '011');
const LI = idOf('19680704', '022');
const WANG_LEI = idOf('19920101', '031');
const ZHAO_15 = '320321680815041';
const ZHAO_18 = idOf('19680815', '041');
const WRONG_CHECK = `${LI.slice(0, 17)}${LI.endsWith('0') ? '1' : '0'}`;

const HEADER = ['序号', '户编号', '门牌号', '姓名', '性别', '身份证号', '与户主关系', '联系电话'];
/** The ID column is text in the file, as the template makes it. */
const ID_COLUMN = HEADER.indexOf('身份证号');

/** Two households, four residents; Zhao's ID is a 15-digit legacy number. */
const VALID_ROWS = [
  ['东街村村民花名册'],
  HEADER,
  [1, '001', '东街12号', '王建国', '男', WANG, '户主', '13812345678'],
  [2, '001', '', '李秀兰', '女', LI, '妻', ''],
  [3, '001', '', '王磊', '男', WANG_LEI, '子', ''],
  [],
  [4, '002', '西街3号', '赵大山', '男', ZHAO_15, '户主', ''],
];

/** Row 4: wrong check digit; row 5: no name and a bad phone; row 6: no head in 002. */
const BAD_ROWS = [
  HEADER,
  [1, '003', '北街1号', '孙立', '男', idOf('19700101', '071'), '户主', ''],
  [2, '003', '', '孙妻', '女', WRONG_CHECK, '妻', ''],
  [3, '003', '', '', '男', idOf('19950505', '091'), '子', '12345'],
  [4, '004', '', '周平', '男', idOf('19800808', '111'), '子', ''],
];

let dir: string;

function xlsx(name: string, rows: readonly (readonly (string | number)[])[]): string {
  const path = join(dir, name);
  writeFileSync(path, writeXlsxTable([{ name: '花名册', rows, textColumns: [ID_COLUMN] }]));
  return path;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'town-residents-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function runInProcess(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runTown(
    args,
    { TOWN_DATA_DIR: join(dir, 'never-opened') },
    { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) },
  );
  return { code, stdout, stderr };
}

describe('town residents: arguments, checked before any database is opened', () => {
  it('prints help in Chinese, then English', async () => {
    for (const args of [
      ['residents', '--help'],
      ['residents', 'import', '--help'],
      ['residents', 'count', '-h'],
    ]) {
      const { code, stdout } = await runInProcess(args);
      expect(code, args.join(' ')).toBe(EXIT.ok);
      expect(stdout.indexOf('用法')).toBeGreaterThanOrEqual(0);
      expect(stdout.indexOf('Usage')).toBeGreaterThan(stdout.indexOf('用法'));
    }
    expect((await runInProcess(['--help'])).stdout).toContain(
      'residents import --village <12位代码> <文件.xlsx>',
    );
  });

  it('exits 2 without the file, with two files, or without --village', async () => {
    const noFile = await runInProcess(['residents', 'import', '--village', '320321100201']);
    expect(noFile.code).toBe(EXIT.usage);
    expect(noFile.stderr).toContain('缺少参数 <file>');

    const twoFiles = await runInProcess([
      'residents',
      'import',
      '--village',
      '320321100201',
      'a.xlsx',
      'b.xlsx',
    ]);
    expect(twoFiles.code).toBe(EXIT.usage);
    expect(twoFiles.stderr).toContain('无法识别的选项或参数：b.xlsx');

    const noVillage = await runInProcess(['residents', 'count']);
    expect(noVillage.code).toBe(EXIT.usage);
    expect(noVillage.stderr).toContain('缺少选项 --village');

    const countFile = await runInProcess(['residents', 'count', '--village', '320321100201', 'x']);
    expect(countFile.code).toBe(EXIT.usage);
  });

  it('exits 1 for a malformed village code, a missing file or a file that is not .xlsx', async () => {
    const file = xlsx('valid-args.xlsx', VALID_ROWS);
    const malformed = await runInProcess(['residents', 'import', '--village', '3203211002', file]);
    expect(malformed.code).toBe(EXIT.failed);
    expect(malformed.stderr).toContain('村代码「3203211002」格式不对');

    const missing = await runInProcess([
      'residents',
      'import',
      '--village',
      '320321100201',
      join(dir, 'nope.xlsx'),
    ]);
    expect(missing.code).toBe(EXIT.failed);
    expect(missing.stderr).toContain('找不到文件');

    const text = join(dir, 'not-a-workbook.xlsx');
    writeFileSync(text, '户编号,姓名\n001,王建国\n');
    const notXlsx = await runInProcess(['residents', 'import', '--village', '320321100201', text]);
    expect(notXlsx.code).toBe(EXIT.failed);
    expect(notXlsx.stderr).toContain('不是 Excel 工作簿（.xlsx）');

    expect(readdirSync(dir)).not.toContain('never-opened');
  });
});

describe('town residents report', () => {
  it('prints one line per problem: row, column, value and what to do, in Chinese', () => {
    const report = problemReport(
      [
        {
          kind: 'invalid',
          row: 4,
          column: '身份证号',
          columnIndex: 5,
          value: '32032119680704022X',
          code: 'resident.id-check-digit',
          params: { value: '32032119680704022X', expected: '1' },
        },
        {
          kind: 'invalid',
          row: 5,
          column: '姓名',
          columnIndex: 3,
          value: '',
          code: 'resident.name-missing',
          params: {},
        },
        {
          kind: 'unknown-group',
          row: 5,
          column: '村民小组',
          columnIndex: 2,
          value: '第九组',
          code: 'import.group-unknown',
          params: { value: '第九组' },
        },
      ],
      {
        headerRow: 1,
        rows: 4,
        households: 2,
        residents: 4,
        ignoredColumns: [{ column: '序号', columnIndex: 0 }],
        convertedIds: [],
        unknownGroups: [{ name: '第九组', rows: [5] }],
      },
      ['第一组'],
    );

    expect(report.split('\n')).toEqual([
      '第 4 行 · 身份证号 · 32032119680704022X：身份证号「32032119680704022X」的校验位不对：按前 17 位计算应为 1。请逐位核对号码。',
      '第 5 行 · 姓名：姓名不能为空。',
      '第 5 行 · 村民小组 · 第九组：村民小组「第九组」在本村还没有。可以先新建这个小组，或改为已有的小组名称。',
      '以下列不是花名册的内容，没有读取：「序号」。',
      expect.stringMatching(
        /^村民小组「第九组」（第 5 行）在本村还没有（本村已有的小组：第一组）。命令行不能新建小组/,
      ),
      '共 3 个问题，涉及 2 行；没有导入任何数据。请按上面的说明改正文件后重新导入。',
      '3 problem(s) in 2 row(s); nothing was imported. Correct the file as described above and import again.',
      '',
    ]);
  });
});

const VILLAGE = '320321100201';

/** `town residents count` → the number it prints. */
function countOf(stdout: string): number {
  const match = /共有村民 (\d+) 人/.exec(stdout);
  if (match === null) throw new Error(`no count in: ${stdout}`);
  return Number(match[1]);
}

describe('town residents on PostgreSQL (DATABASE_URL)', () => {
  let cluster: PostgresCluster;
  let url: string;
  const town = (...args: string[]) => runTownCli(args, { DATABASE_URL: url });
  const count = async () => {
    const result = await town('residents', 'count', '--village', VILLAGE);
    expect(result.code, result.stderr).toBe(EXIT.ok);
    return countOf(result.stdout);
  };

  beforeAll(async () => {
    cluster = await startPostgresCluster();
    url = await cluster.createDatabase();
    const db = await openPostgres(url);
    try {
      await migrate(db, await loadMigrations());
      await addTownship(db, { code: '320321100', name: '新城镇' });
      await addVillage(db, { code: VILLAGE, name: '王庄村', townshipCode: '320321100' });
    } finally {
      await db.close();
    }
  });
  afterAll(async () => {
    await cluster.stop();
  });

  it('refuses a file with errors: exit 1, each bad row printed, nothing written', async () => {
    const result = await town(
      'residents',
      'import',
      '--village',
      VILLAGE,
      xlsx('bad.xlsx', BAD_ROWS),
    );

    expect(result.code).toBe(EXIT.failed);
    expect(result.stderr).toContain(
      `第 3 行 · 身份证号 · ${WRONG_CHECK}：身份证号「${WRONG_CHECK}」的校验位不对`,
    );
    expect(result.stderr).toContain('第 4 行 · 姓名：姓名不能为空。');
    expect(result.stderr).toContain('第 4 行 · 联系电话 · 12345：联系电话「12345」不对');
    expect(result.stderr).toContain(
      '第 5 行 · 与户主关系 · 子：户「004」应有且只有一位户主，现在有 0 位。',
    );
    expect(result.stderr).toContain('没有导入任何数据');
    expect(result.stdout).toBe('');
    expect(await count()).toBe(0);
  });

  it('imports a valid file: exit 0, the converted ID shown, and the count matches its rows', async () => {
    const result = await town(
      'residents',
      'import',
      '--village',
      VILLAGE,
      xlsx('valid.xlsx', VALID_ROWS),
    );

    expect(result.code, result.stderr).toBe(EXIT.ok);
    expect(result.stdout).toContain('王庄村（320321100201）：2 户，4 位村民');
    expect(result.stdout).toContain(
      `第 7 行的 15 位身份证号 ${ZHAO_15} 已转换为 18 位：${ZHAO_18}`,
    );
    expect(result.stdout).toContain('没有读取：「序号」');
    expect(await count()).toBe(4);
  });

  it('refuses the same file again as already registered, and a bad file after it, keeping the count', async () => {
    const again = await town('residents', 'import', '--village', VILLAGE, join(dir, 'valid.xlsx'));

    expect(again.code).toBe(EXIT.failed);
    expect(again.stderr).toContain(
      `第 3 行 · 身份证号 · ${WANG}：身份证号已登记：村民「王建国」（户编号 001）使用了同一号码。`,
    );
    expect(again.stderr).toContain(
      `第 7 行 · 身份证号 · ${ZHAO_15}：身份证号已登记：村民「赵大山」（户编号 002）`,
    );
    expect(await count()).toBe(4);

    const bad = await town('residents', 'import', '--village', VILLAGE, join(dir, 'bad.xlsx'));
    expect(bad.code).toBe(EXIT.failed);
    expect(await count()).toBe(4);
  });

  it('refuses a village the server does not know', async () => {
    const importing = await town(
      'residents',
      'import',
      '--village',
      '320321100299',
      join(dir, 'valid.xlsx'),
    );
    const counting = await town('residents', 'count', '--village', '320321100299');

    for (const result of [importing, counting]) {
      expect(result.code).toBe(EXIT.failed);
      expect(result.stderr).toContain('没有代码为 320321100299 的村');
    }
  });
});

describe('town residents on the embedded database', () => {
  it('imports and counts in the data directory, and lets it go for the next command', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'town-residents-data-'));
    const town = (...args: string[]) => runTownCli(args, { TOWN_DATA_DIR: dataDir });
    try {
      expect((await town('township', 'add', '--code', '320321100', '--name', '新城镇')).code).toBe(
        EXIT.ok,
      );
      expect(
        (
          await town(
            'village',
            'add',
            '--code',
            VILLAGE,
            '--name',
            '王庄村',
            '--township',
            '320321100',
          )
        ).code,
      ).toBe(EXIT.ok);

      const imported = await town(
        'residents',
        'import',
        '--village',
        VILLAGE,
        xlsx('embedded.xlsx', VALID_ROWS),
      );
      expect(imported.code, imported.stderr).toBe(EXIT.ok);
      const counted = await town('residents', 'count', '--village', VILLAGE);
      expect(counted.code).toBe(EXIT.ok);
      expect(countOf(counted.stdout)).toBe(4);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
