import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDigitOf } from '../../../shared/residents/citizen-id.ts';
import { readXlsxTable } from '../../../shared/xlsx/read.ts';
import { writeXlsxTable } from '../../../shared/xlsx/write.ts';
import { startPostgresCluster, type PostgresCluster } from '../../test/postgres-cluster.ts';
import { runTownCli } from '../../test/processes.ts';
import { openPglite, openPostgres, type Database } from '../db/database.ts';
import { loadMigrations, migrate } from '../db/migrate.ts';
import { addTownship, addVillage } from '../places/places.ts';
import { importRegister } from '../residents/register.ts';
import { ledgerProblemReport } from './ledger.ts';
import { EXIT, runTown } from './run.ts';

const TOWNSHIP = '320321100';
const VILLAGE = '320321100201';

function idOf(birth: string, sequence: string): string {
  const first17 = `320321${birth}${sequence}`;
  return `${first17}${checkDigitOf(first17)}`;
}

const WANG = idOf('19650312', '011');
const ZHAO = idOf('19701111', '051');
const STRANGER = idOf('19900101', '071');

const HEADER = ['身份证号', '户编号', '规则编码', '发生日期', '数量', '分值', '备注'];

/**
 * 王建国 gives blood (+10, valid 12 months) and litters twice within validity (−5, then
 * −5 × 2); household 002 keeps a tidy courtyard (+1). Acts in early 2026: before any day
 * these tests run.
 */
const VALID = [
  HEADER,
  [WANG, '', 'P-BLOOD', '2026-01-10', 1, '', '献血'],
  [WANG, '', 'N-LITTER', '2026-02-01', '', '', ''],
  [],
  [WANG, '', 'N-LITTER', '2026-03-01', '', '', ''],
  ['', '002', 'P-YARD', '2026-03-02', '', '', ''],
];

/** Row 3: unknown rule; row 4: a resident the village lacks; row 5: no subject; row 6: no date. */
const BAD = [
  HEADER,
  [WANG, '', 'P-BLOOD', '2026-01-10', 1, '', ''],
  [WANG, '', 'X-NONE', '2026-01-11', 1, '', ''],
  [STRANGER, '', 'P-BLOOD', '2026-01-12', 1, '', ''],
  ['', '', 'P-BLOOD', '2026-01-13', 1, '', ''],
  [WANG, '', 'P-BLOOD', '', 1, '', ''],
];

let dir: string;

function xlsx(name: string, rows: readonly (readonly (string | number)[])[]): string {
  const path = join(dir, name);
  writeFileSync(path, writeXlsxTable([{ name: '积分台账', rows, textColumns: [0, 1] }]));
  return path;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'town-ledger-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function runInProcess(args: readonly string[], env: Record<string, string>) {
  let stdout = '';
  let stderr = '';
  const code = await runTown(args, env, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

/** A village with households 001 (王建国) and 002 (赵大山), registered through the register import. */
async function withRegister(db: Database): Promise<void> {
  await migrate(db, await loadMigrations());
  await addTownship(db, { code: TOWNSHIP, name: '新城镇' });
  await addVillage(db, { code: VILLAGE, name: '王庄村', townshipCode: TOWNSHIP });
  let id = 0;
  const registered = await importRegister(db, {
    villageCode: VILLAGE,
    table: [
      ['户编号', '姓名', '身份证号', '与户主关系'],
      ['001', '王建国', WANG, '户主'],
      ['002', '赵大山', ZHAO, '户主'],
    ],
    now: Date.parse('2025-01-01T02:00:00Z'),
    today: '2025-01-01',
    newId: () => `01KREGISTER${String((id += 1)).padStart(15, '0')}`,
    userId: 'town-cli',
    deviceId: 'town-cli',
    crypto: globalThis.crypto,
  });
  if (!registered.ok) throw new Error('the register did not import');
}

const ADOPT = [
  'rules',
  'adopt-defaults',
  '--village',
  VILLAGE,
  '--meeting-ref',
  '王庄村〔2025〕9号',
  '--meeting-on',
  '2025-12-20',
  '--effective-from',
  '2025-01-01',
];

describe('town ledger commands: arguments, checked before any database is opened', () => {
  const env = (): Record<string, string> => ({ TOWN_DATA_DIR: join(dir, 'never-opened') });

  it('prints help in Chinese, then English, and lists the commands', async () => {
    for (const args of [
      ['rules', '--help'],
      ['rules', 'adopt-defaults', '--help'],
      ['ledger', '--help'],
      ['ledger', 'import', '-h'],
      ['ledger', 'template', '--help'],
      ['score', '--help'],
    ]) {
      const { code, stdout } = await runInProcess(args, env());
      expect(code, args.join(' ')).toBe(EXIT.ok);
      expect(stdout.indexOf('用法')).toBeGreaterThanOrEqual(0);
      expect(stdout.indexOf('Usage')).toBeGreaterThan(stdout.indexOf('用法'));
    }
    const town = (await runInProcess(['--help'], env())).stdout;
    expect(town).toContain('rules adopt-defaults --village <12位代码>');
    expect(town).toContain('ledger import --village <12位代码> <文件.xlsx>');
    expect(town).toContain('score --village <12位代码> (--id <身份证号> | --household <户编号>)');
    const ledgerImport = (await runInProcess(['ledger', 'import', '--help'], env())).stdout;
    for (const header of HEADER) expect(ledgerImport).toContain(header);
  });

  it('exits 2 for wrong usage', async () => {
    const neither = await runInProcess(['score', '--village', VILLAGE], env());
    expect(neither.code).toBe(EXIT.usage);
    expect(neither.stderr).toContain('缺少选项 --id | --household');
    const both = await runInProcess(
      ['score', '--village', VILLAGE, '--id', WANG, '--household', '001'],
      env(),
    );
    expect(both.code).toBe(EXIT.usage);
    expect(both.stderr).toContain('--id 和 --household 只能用一个');
    const noFile = await runInProcess(['ledger', 'import', '--village', VILLAGE], env());
    expect(noFile.code).toBe(EXIT.usage);
    expect(noFile.stderr).toContain('缺少参数 <file>');
    const noVillage = await runInProcess(['rules', 'adopt-defaults'], env());
    expect(noVillage.code).toBe(EXIT.usage);
    expect(noVillage.stderr).toContain('缺少选项 --village');
  });

  it('exits 1 for a malformed code, date or ID, or a file it cannot read', async () => {
    const malformed = await runInProcess(['score', '--village', '3203211002', '--id', WANG], env());
    expect(malformed.stderr).toContain('村代码「3203211002」格式不对');
    const asOf = await runInProcess(
      ['score', '--village', VILLAGE, '--id', WANG, '--as-of', '2026-02-30'],
      env(),
    );
    expect(asOf.stderr).toContain('日期「2026-02-30」不正确');
    const id = await runInProcess(
      ['score', '--village', VILLAGE, '--id', `${WANG.slice(0, 17)}0`],
      env(),
    );
    expect(id.stderr).toContain('校验位不对');
    const meeting = await runInProcess([...ADOPT.slice(0, 4), '--meeting-on', '2025/12/20'], env());
    expect(meeting.stderr).toContain('日期「2025/12/20」不正确');
    const missing = await runInProcess(
      ['ledger', 'import', '--village', VILLAGE, join(dir, 'nope.xlsx')],
      env(),
    );
    expect(missing.stderr).toContain('找不到文件');
    for (const result of [malformed, asOf, id, meeting, missing])
      expect(result.code).toBe(EXIT.failed);
    expect(readdirSync(dir)).not.toContain('never-opened');
  });

  it('reports each problem on one line in Chinese with its English below', () => {
    const report = ledgerProblemReport(
      [
        {
          row: 3,
          column: '规则编码',
          columnIndex: 2,
          value: 'X-NONE',
          code: 'ledger.rule-unknown',
          params: { code: 'X-NONE' },
        },
        { row: 5, column: '', value: '', code: 'ledger.subject-missing', params: {} },
      ],
      [{ column: '序号', columnIndex: 0 }],
    );

    expect(report.split('\n')).toEqual([
      '第 3 行 · 规则编码 · X-NONE：积分细则中没有编码为「X-NONE」的规则。请核对规则编码，或先在积分细则中添加该规则。',
      '  Row 3 · 规则编码 · X-NONE: The rule set has no rule with code “X-NONE”. Check the code, or add the rule to the rule set first.',
      '第 5 行：请填写身份证号（个人规则）或户编号（户规则）。',
      '  Row 5: Enter an ID number (for a personal rule) or a household number (for a household rule).',
      '以下列不是积分台账的内容，没有读取：「序号」。',
      '共 2 个问题，涉及 2 行；没有导入任何记录。请按上面的说明改正文件后重新导入。',
      '2 problem(s) in 2 row(s); nothing was imported. Correct the file as described above and import again.',
      '',
    ]);
  });
});

interface ScoreJson {
  readonly balance: number;
  readonly honourTotal: number;
  readonly score: number;
  readonly tier: string;
  readonly counted: readonly {
    readonly rule: { readonly code: string };
    readonly multiplier: number;
    readonly contribution: number;
    readonly expiresOn: string;
  }[];
  readonly notCounted: readonly {
    readonly rule: { readonly code: string };
    readonly reason: string;
  }[];
}

describe('town ledger commands on PostgreSQL (DATABASE_URL)', () => {
  let cluster: PostgresCluster;
  let url: string;
  const town = (...args: string[]) => runInProcess(args, { DATABASE_URL: url });
  const eventCount = async (): Promise<number> => {
    const db = await openPostgres(url);
    try {
      const result = await db.query<{ count: unknown }>(
        "SELECT count(*) AS count FROM documents WHERE collection = 'events'",
      );
      return Number(result.rows[0]?.count);
    } finally {
      await db.close();
    }
  };
  const score = async (...args: string[]): Promise<ScoreJson> => {
    const result = await town('score', '--village', VILLAGE, ...args);
    expect(result.code, result.stderr).toBe(EXIT.ok);
    return JSON.parse(result.stdout) as ScoreJson;
  };

  beforeAll(async () => {
    cluster = await startPostgresCluster();
    url = await cluster.createDatabase();
    const db = await openPostgres(url);
    try {
      await withRegister(db);
    } finally {
      await db.close();
    }
  });
  afterAll(async () => {
    await cluster.stop();
  });

  it('refuses a ledger before the village has adopted a rule set', async () => {
    const result = await town('ledger', 'import', '--village', VILLAGE, xlsx('early.xlsx', VALID));
    expect(result.code).toBe(EXIT.failed);
    expect(result.stderr).toContain(
      '第 2 行 · 发生日期 · 2026-01-10：2026-01-10 没有已通过的积分细则可用',
    );
    expect(await eventCount()).toBe(0);
  });

  it('adopts the defaults once, and says what to do the second time', async () => {
    const adopted = await town(...ADOPT);
    expect(adopted.code, adopted.stderr).toBe(EXIT.ok);
    expect(adopted.stdout).toContain('已采用积分细则第 1 版「王庄村积分细则」：60 条规则');
    expect(adopted.stdout).toContain('已一并发布：60 条规则模板，2 个信用等级方案');

    const again = await town('rules', 'adopt-defaults', '--village', VILLAGE);
    expect(again.code).toBe(EXIT.failed);
    expect(again.stderr).toContain(
      '本村已通过第 1 版积分细则（2025-01-01 起施行），不能再采用默认细则',
    );
    expect(again.stderr).toContain('请在软件中以现行版本为基础新建一版');
  });

  it('refuses a file with errors: exit 1, each bad row printed, nothing written', async () => {
    const result = await town('ledger', 'import', '--village', VILLAGE, xlsx('bad.xlsx', BAD));

    expect(result.code).toBe(EXIT.failed);
    expect(result.stdout).toBe('');
    for (const line of [
      '第 3 行 · 规则编码 · X-NONE：积分细则中没有编码为「X-NONE」的规则。',
      `第 4 行 · 身份证号 · ${STRANGER}：本村没有身份证号为「${STRANGER}」的村民。`,
      '第 5 行：请填写身份证号（个人规则）或户编号（户规则）。',
      '第 6 行 · 发生日期：「发生日期」不能为空。',
      '  Row 3 · 规则编码 · X-NONE: The rule set has no rule with code “X-NONE”.',
      '共 4 个问题，涉及 4 行；没有导入任何记录。',
    ])
      expect(result.stderr).toContain(line);
    expect(await eventCount()).toBe(0);
  });

  it('imports a valid ledger, and score prints the engine’s figures as JSON', async () => {
    const result = await town('ledger', 'import', '--village', VILLAGE, xlsx('valid.xlsx', VALID));
    expect(result.code, result.stderr).toBe(EXIT.ok);
    expect(result.stdout).toContain(
      '导入历史积分记录 4 条（加分 2 条，扣分 2 条），涉及村民 1 人、户 1 户',
    );
    expect(await eventCount()).toBe(4);

    // 1000 + 10 − 5 − 5 × 2
    const june = await score('--id', WANG, '--as-of', '2026-06-30');
    expect(june).toMatchObject({ balance: 10, honourTotal: 10, score: 995, tier: 'A' });
    expect(june.counted.map((c) => [c.rule.code, c.multiplier, c.contribution])).toEqual([
      ['P-BLOOD', 1, 10],
      ['N-LITTER', 1, -5],
      ['N-LITTER', 2, -10],
    ]);
    expect(june.notCounted).toEqual([]);

    const household = await score('--household', '002', '--as-of', '2026-06-30');
    expect(household).toMatchObject({ balance: 1, honourTotal: 1, score: 1001, tier: 'A' });
  });

  it('counts what --as-of leaves unexpired', async () => {
    const blood = await score('--id', WANG, '--as-of', '2027-01-11');
    expect(blood).toMatchObject({ score: 985, balance: 10 });
    expect(blood.notCounted.map((n) => [n.rule.code, n.reason])).toEqual([['P-BLOOD', 'expired']]);
    const all = await score('--id', WANG, '--as-of', '2027-03-02');
    expect(all).toMatchObject({ score: 1000, balance: 10, honourTotal: 10, counted: [] });
  });

  it('refuses the same act twice and a cap breach, keeping the count', async () => {
    const result = await town(
      'ledger',
      'import',
      '--village',
      VILLAGE,
      xlsx('again.xlsx', [
        HEADER,
        [WANG, '', 'P-BLOOD', '2026-01-10', 1, '', '同一次献血'],
        // P-TRAIN: at most 3 a year.
        [ZHAO, '', 'P-TRAIN', '2026-02-10', 2, '', ''],
        [ZHAO, '', 'P-TRAIN', '2026-03-10', 2, '', ''],
      ]),
    );

    expect(result.code).toBe(EXIT.failed);
    expect(result.stderr).toContain(
      '第 2 行 · 发生日期 · 2026-01-10：「王建国」在 2026-01-10 已有一条「P-BLOOD」记录，同一事项不能重复记分。',
    );
    expect(result.stderr).toContain(
      '第 4 行 · 规则编码 · P-TRAIN：「赵大山」在 2026-01-01 至 2026-12-31 已记「P-TRAIN」2 次，本规则在此期间最多 3 次',
    );
    expect(await eventCount()).toBe(4);
  });

  it('says so for an ID or a household the village does not have', async () => {
    const id = await town('score', '--village', VILLAGE, '--id', STRANGER);
    expect(id.code).toBe(EXIT.failed);
    expect(id.stderr).toContain(`本村没有身份证号为「${STRANGER}」的村民`);
    const household = await town('score', '--village', VILLAGE, '--household', '009');
    expect(household.code).toBe(EXIT.failed);
    expect(household.stderr).toContain('本村没有户编号为「009」的户');
    const village = await town('score', '--village', '320321100299', '--household', '001');
    expect(village.code).toBe(EXIT.failed);
    expect(village.stderr).toContain('没有代码为 320321100299 的村');
  });

  it('writes a template with the headers and the village’s rule codes, never over a file', async () => {
    const file = join(dir, 'template.xlsx');
    const written = await town('ledger', 'template', '--village', VILLAGE, file);
    expect(written.code, written.stderr).toBe(EXIT.ok);

    const bytes = readFileSync(file);
    const sheet = readXlsxTable(bytes);
    expect(sheet.ok && sheet.value.rows).toEqual([HEADER]);
    const codes = readXlsxTable(bytes, { sheet: '规则编码' });
    expect(codes.ok && codes.value.rows.length).toBe(61);
    expect(codes.ok && codes.value.rows.find((row) => row[0] === 'P-TRAIN')).toEqual([
      'P-TRAIN',
      expect.any(String),
      expect.any(String),
      '+1',
      '个人（填身份证号）',
      '每年最多 3 次',
      '12',
    ]);

    const again = await town('ledger', 'template', file);
    expect(again.code).toBe(EXIT.failed);
    expect(again.stderr).toContain(`文件 ${file} 已经存在，没有覆盖`);
  });
});

describe('town ledger commands on the embedded database', () => {
  it('adopts, imports and scores in the data directory, one command after another', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'town-ledger-data-'));
    const town = (...args: string[]) => runTownCli(args, { TOWN_DATA_DIR: dataDir });
    try {
      const db = await openPglite(dataDir);
      try {
        await withRegister(db);
      } finally {
        await db.close();
      }

      const adopted = await town(...ADOPT);
      expect(adopted.code, adopted.stderr).toBe(EXIT.ok);
      const imported = await town(
        'ledger',
        'import',
        '--village',
        VILLAGE,
        xlsx('embedded.xlsx', VALID),
      );
      expect(imported.code, imported.stderr).toBe(EXIT.ok);
      const scored = await town(
        'score',
        '--village',
        VILLAGE,
        '--id',
        WANG,
        '--as-of',
        '2026-06-30',
      );
      expect(scored.code, scored.stderr).toBe(EXIT.ok);
      expect(JSON.parse(scored.stdout)).toMatchObject({
        balance: 10,
        honourTotal: 10,
        score: 995,
        tier: 'A',
      });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
