import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PLACES, seedPlaces, testApp } from '../../test/accounts.ts';
import { freePort } from '../../test/free-port.ts';
import { startPostgresCluster, type PostgresCluster } from '../../test/postgres-cluster.ts';
import { cleanEnv, killStartedServers, startServer, type Finished } from '../../test/processes.ts';
import { openPostgres, type Database } from '../db/database.ts';
import { loadMigrations, migrate } from '../db/migrate.ts';
import type { CliInput } from './password-input.ts';
import { EXIT, runTown } from './run.ts';

const PASSWORD = 'Village2026pw';

/** Standard input as the CLI sees it: piped text, or a terminal answering prompts in turn. */
function piped(text: string): CliInput {
  return {
    isTTY: false,
    readAll: () => Promise.resolve(text),
    promptHidden: () => Promise.reject(new Error('no terminal')),
  };
}

function terminal(...answers: string[]): CliInput & { readonly prompts: string[] } {
  const prompts: string[] = [];
  return {
    isTTY: true,
    prompts,
    readAll: () => Promise.reject(new Error('a terminal is not read to the end')),
    promptHidden: (prompt) => {
      prompts.push(prompt);
      const answer = answers.shift();
      return answer === undefined
        ? Promise.reject(new Error('no answer'))
        : Promise.resolve(answer);
    },
  };
}

describe('town CLI accounts and devices (in process, on PostgreSQL)', () => {
  let cluster: PostgresCluster;
  let url: string;
  let db: Database;
  let app: FastifyInstance | undefined;
  beforeAll(async () => {
    cluster = await startPostgresCluster();
  });
  afterAll(async () => {
    await cluster.stop();
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
    await db.close();
  });

  async function fresh(): Promise<void> {
    url = await cluster.createDatabase();
    db = await openPostgres(url);
    await migrate(db, await loadMigrations());
    await seedPlaces(db);
  }

  async function town(
    args: string[],
    input: CliInput = piped(''),
  ): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const code = await runTown(
      args,
      { DATABASE_URL: url },
      { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), input },
    );
    return { code, stdout, stderr };
  }

  const addClerk = (username = 'wang.li', village: string = PLACES.villageA) =>
    town(
      [
        'user',
        'add',
        '--username',
        username,
        '--role',
        'village_clerk',
        '--village',
        village,
        '--display-name',
        '王丽',
        '--password-stdin',
      ],
      piped(`${PASSWORD}\n`),
    );

  async function serve(): Promise<string> {
    app = testApp(db);
    await app.listen({ port: 0, host: '127.0.0.1' });
    return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  }

  it('adds an account from a piped password and lists it, without ever printing the password', async () => {
    await fresh();

    const added = await addClerk();

    expect(added.code).toBe(EXIT.ok);
    expect(added.stdout).toContain(
      '已添加账号 wang.li（王丽，村录入员 village_clerk，村 320321100201）',
    );
    const list = await town(['user', 'list', '--township', PLACES.township]);
    expect(list.code).toBe(EXIT.ok);
    expect(list.stdout).toMatch(/用户名\s+姓名\s+角色\s+所属村或乡镇\s+状态\s+登录数\s+创建时间/);
    expect(list.stdout).toMatch(
      /wang\.li\s+王丽\s+village_clerk（村录入员）\s+320321100201 王庄村\s+正常\s+0\s+\d{4}-\d\d-\d\d \d\d:\d\d/,
    );
    expect(list.stdout).toContain('共 1 个账号');
    expect((await town(['user', 'list', '--village', PLACES.villageB])).stdout).toContain(
      '还没有账号',
    );
    for (const output of [added, list])
      expect(output.stdout + output.stderr).not.toContain(PASSWORD);
    const stored = await db.query<{ password_hash: string }>('SELECT password_hash FROM users');
    expect(stored.rows[0]?.password_hash).toMatch(/^\$scrypt\$ln=16,r=8,p=1\$/);
  });

  it('prompts twice at a terminal, and refuses two different entries', async () => {
    await fresh();
    const args = ['user', 'add', '--username', 'admin', '--role', 'township_admin'];

    const typed = terminal(PASSWORD, PASSWORD);
    const added = await town([...args, '--township', PLACES.township], typed);
    expect(added.code).toBe(EXIT.ok);
    expect(typed.prompts).toEqual(['新密码 New password: ', '再输入一次 Repeat it: ']);

    const mismatch = await town(
      ['user', 'passwd', '--username', 'admin'],
      terminal(PASSWORD, 'Other2026pass'),
    );
    expect(mismatch.code).toBe(EXIT.failed);
    expect(mismatch.stderr).toContain('两次输入的密码不一致');
  });

  it('refuses bad input before touching the database, saying what to fix', async () => {
    await fresh();
    const cases: [string[], CliInput, number, string][] = [
      [
        ['user', 'add', '--username', 'x', '--role', 'village_clerk', '--village', PLACES.villageA],
        piped(PASSWORD),
        EXIT.failed,
        '用户名「x」不可用',
      ],
      [
        ['user', 'add', '--username', 'li.na', '--role', 'clerk', '--village', PLACES.villageA],
        piped(PASSWORD),
        EXIT.failed,
        '角色「clerk」不存在',
      ],
      [
        [
          'user',
          'add',
          '--username',
          'wang',
          '--role',
          'village_clerk',
          '--township',
          PLACES.township,
        ],
        piped(PASSWORD),
        EXIT.failed,
        '角色 village_clerk 须用 --village 指定所属范围',
      ],
      [
        [
          'user',
          'add',
          '--username',
          'wang',
          '--role',
          'bank_liaison',
          '--township',
          PLACES.township,
          '--village',
          PLACES.villageA,
        ],
        piped(PASSWORD),
        EXIT.failed,
        '角色 bank_liaison 须用 --township 指定所属范围',
      ],
      [
        [
          'user',
          'add',
          '--username',
          'wang',
          '--role',
          'village_clerk',
          '--village',
          PLACES.villageA,
        ],
        piped(''),
        EXIT.usage,
        '缺少选项 --password-stdin',
      ],
      [
        [
          'user',
          'add',
          '--username',
          'wang',
          '--role',
          'village_clerk',
          '--village',
          PLACES.villageA,
          '--password-stdin',
        ],
        piped('short1\n'),
        EXIT.failed,
        '密码太简单：至少 10 位',
      ],
      [
        [
          'user',
          'add',
          '--username',
          'wang',
          '--role',
          'village_clerk',
          '--village',
          PLACES.villageA,
          '--password-stdin',
        ],
        piped('wang12345678\n'),
        EXIT.failed,
        '不能包含用户名',
      ],
      [
        [
          'user',
          'add',
          '--username',
          'wang',
          '--role',
          'village_clerk',
          '--village',
          '320321100299',
          '--password-stdin',
        ],
        piped(PASSWORD),
        EXIT.failed,
        '没有代码为 320321100299 的村',
      ],
      [
        ['user', 'disable', '--username', 'nobody'],
        piped(''),
        EXIT.failed,
        '没有用户名为「nobody」的账号',
      ],
      [
        ['device', 'revoke', '--device', 'nope'],
        piped(''),
        EXIT.failed,
        '没有编号为「nope」的设备',
      ],
      [['user', 'add', '--username', 'wang'], piped(''), EXIT.usage, '缺少选项 --role'],
    ];
    for (const [args, input, code, message] of cases) {
      const result = await town(args, input);
      expect(result.code, args.join(' ')).toBe(code);
      expect(result.stderr, args.join(' ')).toContain(message);
    }
    expect((await db.query('SELECT 1 FROM users')).rows).toEqual([]);

    await addClerk();
    const duplicate = await addClerk();
    expect(duplicate.code).toBe(EXIT.failed);
    expect(duplicate.stderr).toContain('用户名「wang.li」已被使用');
  });

  it('signs in over HTTP, shows who and until when but no token, signs out, and lists the CLI’s device', async () => {
    await fresh();
    await addClerk();
    const server = await serve();

    const signedIn = await town(
      ['login', '--server', `${server}/`, '--username', 'Wang.Li', '--password-stdin'],
      piped(`${PASSWORD}\n`),
    );

    expect(signedIn.code).toBe(EXIT.ok);
    expect(signedIn.stdout).toContain(
      `已登录 ${server}：王丽（wang.li），村录入员 village_clerk，村 320321100201（乡镇 320321100）`,
    );
    expect(signedIn.stdout).toMatch(/访问令牌有效至 \d{4}-\d\d-\d\d \d\d:\d\d/);
    expect(signedIn.stdout).toContain('已退出登录，令牌未保存');
    expect(signedIn.stdout).not.toMatch(/v1\.[A-Za-z0-9_-]{20,}/);
    expect(signedIn.stdout + signedIn.stderr).not.toContain(PASSWORD);
    const session = await db.query('SELECT revoked_reason FROM sessions');
    expect(session.rows).toEqual([{ revoked_reason: 'logout' }]);

    const devices = await town(['device', 'list', '--village', PLACES.villageA]);
    expect(devices.code).toBe(EXIT.ok);
    expect(devices.stdout).toMatch(
      /[0-9A-Z]{26}\s+town CLI\s+320321100201 王庄村\s+wang\.li\s+\S+ \S+\s+\S+ \S+ wang\.li\s+正常（0 个登录）/,
    );
    const deviceId = /([0-9A-Z]{26})\s+town CLI/.exec(devices.stdout)?.[1] ?? '';

    const again = await town(
      [
        'login',
        '--server',
        server,
        '--username',
        'wang.li',
        '--device',
        deviceId,
        '--password-stdin',
      ],
      piped(PASSWORD),
    );
    expect(again.code).toBe(EXIT.ok);
    expect(again.stdout).toContain(`设备：town CLI（${deviceId}）`);
  });

  it('prints the server’s reason when a sign-in is refused, and says when the server cannot be reached', async () => {
    await fresh();
    await addClerk();
    const server = await serve();

    const wrong = await town(
      ['login', '--server', server, '--username', 'wang.li', '--password-stdin'],
      piped('Wrong2026pass'),
    );
    expect(wrong.code).toBe(EXIT.failed);
    expect(wrong.stderr).toContain('错误：用户名或密码不正确');
    expect(wrong.stderr).toContain('Error: The username or password is wrong.');

    const port = await freePort();
    const away = await town(
      [
        'login',
        '--server',
        `http://127.0.0.1:${port}`,
        '--username',
        'wang.li',
        '--password-stdin',
      ],
      piped(PASSWORD),
    );
    expect(away.code).toBe(EXIT.failed);
    expect(away.stderr).toContain(`无法连接乡镇服务器 http://127.0.0.1:${port}，不能登录`);

    const bad = await town(
      ['login', '--server', 'ftp://x', '--username', 'wang.li', '--password-stdin'],
      piped(PASSWORD),
    );
    expect(bad.code).toBe(EXIT.usage);
  });

  it('ends every sign-in of an account on passwd and disable, and of a device on revoke', async () => {
    await fresh();
    await addClerk();
    const server = await serve();
    const signIn = () =>
      fetch(`${server}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'wang.li', password: PASSWORD }),
      }).then((response) => response.json() as Promise<{ device: { id: string } }>);

    await signIn();
    const passwd = await town(
      ['user', 'passwd', '--username', 'wang.li', '--password-stdin'],
      piped(PASSWORD),
    );
    expect(passwd.code).toBe(EXIT.ok);
    expect(passwd.stdout).toContain('已为账号 wang.li 设置新密码，结束了它的 1 个登录');

    const { device } = await signIn();
    const revoked = await town(['device', 'revoke', '--device', device.id.toLowerCase()]);
    expect(revoked.code).toBe(EXIT.ok);
    expect(revoked.stdout).toContain(`已停用设备 ${device.id}（未命名设备），结束了它的 1 个登录`);
    expect((await town(['device', 'list'])).stdout).toMatch(new RegExp(`${device.id}.*已停用`));

    await signIn();
    const disabled = await town(['user', 'disable', '--username', 'wang.li']);
    expect(disabled.code).toBe(EXIT.ok);
    expect(disabled.stdout).toContain('已停用账号 wang.li，结束了它的 1 个登录');
    expect((await town(['user', 'list'])).stdout).toMatch(/wang\.li.*已停用/);
    const live = await db.query('SELECT 1 FROM sessions WHERE revoked_at IS NULL');
    expect(live.rows).toEqual([]);
  });

  it('prints help for the account commands in Chinese, then English', async () => {
    url = 'postgres://never-opened';
    db = { close: () => Promise.resolve() } as Database;
    for (const args of [
      ['user', '--help'],
      ['user', 'add', '--help'],
      ['user', 'passwd', '--help'],
      ['user', 'disable', '--help'],
      ['user', 'list', '--help'],
      ['device', '--help'],
      ['device', 'list', '--help'],
      ['device', 'revoke', '--help'],
      ['login', '--help'],
    ]) {
      const { code, stdout } = await town(args);
      expect(code, args.join(' ')).toBe(EXIT.ok);
      expect(stdout.indexOf('用法'), args.join(' ')).toBeGreaterThanOrEqual(0);
      expect(stdout.indexOf('Usage'), args.join(' ')).toBeGreaterThan(stdout.indexOf('用法'));
    }
    const main = await town(['--help']);
    expect(main.stdout).toContain('user add --username <用户名> --role <角色>');
    expect(main.stdout).toContain('login --server <地址> --username <用户名>');
  });
});

const TOWN_ENTRY = fileURLToPath(new URL('./town.ts', import.meta.url));

/** `npm run town -- …` as a process, with text on its standard input. */
function runTownWithInput(
  args: string[],
  env: Record<string, string>,
  input: string,
): Promise<Finished> {
  const child = spawn(process.execPath, [TOWN_ENTRY, ...args], {
    env: cleanEnv(env),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(input);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}

describe('npm run town -- user add / login / device list, as documented', () => {
  let cluster: PostgresCluster;
  beforeAll(async () => {
    cluster = await startPostgresCluster();
  });
  afterAll(async () => {
    await killStartedServers();
    await cluster.stop();
  });

  it('adds a clerk, signs in to the running server and shows the device', async () => {
    const env = { DATABASE_URL: await cluster.createDatabase() };
    const port = await freePort();
    const server = await startServer({ ...env, PORT: String(port) });
    const setUp = [
      ['township', 'add', '--code', PLACES.township, '--name', PLACES.townshipName],
      [
        'village',
        'add',
        '--code',
        PLACES.villageA,
        '--name',
        PLACES.villageAName,
        '--township',
        PLACES.township,
      ],
    ];
    for (const args of setUp) expect((await runTownWithInput(args, env, '')).code).toBe(0);

    const added = await runTownWithInput(
      [
        'user',
        'add',
        '--username',
        'wang.li',
        '--role',
        'village_clerk',
        '--village',
        PLACES.villageA,
        '--password-stdin',
      ],
      env,
      `${PASSWORD}\n`,
    );
    expect(added.code, added.stderr).toBe(0);

    const signedIn = await runTownWithInput(
      [
        'login',
        '--server',
        `http://127.0.0.1:${port}`,
        '--username',
        'wang.li',
        '--password-stdin',
      ],
      {},
      `${PASSWORD}\n`,
    );
    expect(signedIn.code, signedIn.stderr).toBe(0);
    expect(signedIn.stdout).toContain('村录入员 village_clerk，村 320321100201');

    const devices = await runTownWithInput(['device', 'list'], env, '');
    expect(devices.code).toBe(0);
    expect(devices.stdout).toMatch(/town CLI\s+320321100201 王庄村\s+wang\.li/);
    for (const output of [added, signedIn, devices])
      expect(output.stdout + output.stderr).not.toContain(PASSWORD);
    expect((await server.stop()).code).toBe(0);
  });
});
