/**
 * `npm run demo`: the product working with realistic data, in one command. It
 *
 * 1. opens the demo's own town server data folder (.demo-data/, embedded PGlite) and, the
 *    first time, fills a typical sample village (about 3,000 residents and five years of
 *    ledger history, `town generate`) and makes three accounts — a clerk, a reviewer and a
 *    village administrator — whose passwords it keeps in that folder to print them again;
 * 2. starts the town server on it (http://127.0.0.1:8787) and the web shell
 *    (`npm run web`, http://127.0.0.1:5173) wired to it;
 * 3. prints the address and the sign-ins, in Chinese and English, and runs until Ctrl-C,
 *    which stops both.
 *
 * Options: --data <folder> (default .demo-data), --port <n> (server, default 8787),
 * --web-port <n> (default 5173), --size small|typical|max (first run only, default typical),
 * --no-build (serve the last renderer build), --no-web (server only), --check (start,
 * sign in as the clerk, count what it would sync, stop: a non-interactive smoke test).
 */
import { chinaDateOf } from '../shared/ledger/dates.ts';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Role } from '../shared/auth/roles.ts';
import { CodedError } from '../shared/errors.ts';
import {
  PATHS,
  type LoginResponse,
  type SyncCollectionsResponse,
} from '../shared/sync/protocol.ts';
import { STRONG_PASSWORD_COST, verifyPassword } from '../server/src/auth/passwords.ts';
import { changePassword, createUser, findUser } from '../server/src/auth/users.ts';
import { acquireDataDirLock } from '../server/src/db/data-dir-lock.ts';
import { openDatabase, reasonOf } from '../server/src/db/database.ts';
import { loadMigrations, migrate } from '../server/src/db/migrate.ts';
import { generateInto } from '../server/src/generate/load.ts';
import { DEFAULT_VILLAGE_CODE, type SizeName } from '../server/src/generate/sizes.ts';
import { describeError } from '../server/src/messages.ts';
import { findVillage } from '../server/src/places/places.ts';

const ROOT = resolve(import.meta.dirname, '..');
const SERVER_ENTRY = join(ROOT, 'server', 'src', 'main.ts');
const WEB_SHELL = join(ROOT, 'scripts', 'web.ts');
/** One seed: every demo shows the same village, so a guide can refer to its people. */
const DEMO_SEED = 20_260_310;
const ACCOUNTS_FILE = 'demo-accounts.json';

interface DemoAccount {
  readonly username: string;
  readonly role: Role;
  readonly displayName: string;
  readonly titleZh: string;
  readonly titleEn: string;
}

const ACCOUNTS: readonly DemoAccount[] = [
  {
    username: 'demo.clerk',
    role: 'village_clerk',
    displayName: '录入员王丽',
    titleZh: '村录入员',
    titleEn: 'village clerk',
  },
  {
    username: 'demo.reviewer',
    role: 'village_reviewer',
    displayName: '审核员李强',
    titleZh: '村审核员',
    titleEn: 'village reviewer',
  },
  {
    username: 'demo.admin',
    role: 'village_admin',
    displayName: '村管理员赵红',
    titleZh: '村管理员',
    titleEn: 'village administrator',
  },
];

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    port: { type: 'string' },
    'web-port': { type: 'string' },
    size: { type: 'string' },
    'no-build': { type: 'boolean' },
    'no-web': { type: 'boolean' },
    check: { type: 'boolean' },
  },
  strict: true,
});

const dataDir = resolve(values.data ?? join(ROOT, '.demo-data'));
const port = portOf(values.port ?? '8787', '--port');
const webPort = portOf(values['web-port'] ?? '5173', '--web-port');
const size = values.size ?? 'typical';
if (size !== 'small' && size !== 'typical' && size !== 'max') {
  fail(`--size 应为 small、typical 或 max。 --size must be small, typical or max.`, 2);
}
const withWeb = values['no-web'] !== true;
const serverUrl = `http://127.0.0.1:${port}`;
const webUrl = `http://127.0.0.1:${webPort}`;

function portOf(text: string, option: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 65535)
    fail(
      `${option}「${text}」不是有效端口号（1-65535）。 ${option} ${text} is not a valid port.`,
      2,
    );
  return value;
}

function fail(message: string, code: number): never {
  console.error(message);
  process.exit(code);
}

// ---------------------------------------------------------------------------------------
// 1. Data and accounts (the data folder is ours alone while we set it up)

interface Prepared {
  readonly village: { readonly code: string; readonly name: string };
  readonly passwords: ReadonlyMap<string, string>;
  readonly generated: boolean;
}

async function prepare(): Promise<Prepared> {
  const lock = acquireDataDirLock(dataDir, { role: 'cli' });
  const db = await openDatabase({ kind: 'pglite', dataDir });
  try {
    await migrate(db, await loadMigrations());
    const households = await db.query<{ count: unknown }>(
      `SELECT count(*) AS count FROM documents WHERE collection = 'households' AND village_code = $1`,
      [DEFAULT_VILLAGE_CODE],
    );
    const generated = Number(households.rows[0]?.count ?? 0) === 0;
    if (generated) {
      console.log(
        `正在生成示例村（${size}，首次运行需要一两分钟）…  Generating the sample village (${size}; a minute or two the first time)…`,
      );
      const report = await generateInto(db, {
        size: size as SizeName,
        seed: DEMO_SEED,
        today: chinaDateOf(Date.now()),
        villageCode: DEFAULT_VILLAGE_CODE,
      });
      const [village] = report.villages;
      console.log(
        `已生成：村民 ${String(village?.residents)} 人，户 ${String(village?.households)} 户，积分记录 ${String(village?.events)} 条。` +
          `  Generated ${String(village?.residents)} residents, ${String(village?.households)} households, ${String(village?.events)} ledger events.`,
      );
    }
    const village = await findVillage(db, DEFAULT_VILLAGE_CODE);
    if (village === undefined) throw new Error('the demo village is missing');

    const file = join(dataDir, ACCOUNTS_FILE);
    const known = existsSync(file)
      ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>)
      : {};
    const passwords = new Map<string, string>();
    for (const account of ACCOUNTS) {
      const user = await findUser(db, account.username);
      const remembered = known[account.username];
      if (user !== undefined && remembered !== undefined) {
        const check = await verifyPassword(remembered, user.passwordHash, STRONG_PASSWORD_COST);
        if (check.matches) {
          passwords.set(account.username, remembered);
          continue;
        }
      }
      const password = newPassword();
      if (user === undefined)
        await createUser(
          db,
          {
            username: account.username,
            role: account.role,
            villageCode: village.code,
            displayName: account.displayName,
          },
          password,
        );
      else await changePassword(db, account.username, password);
      passwords.set(account.username, password);
    }
    // Demo passwords only, kept so a second run can print them again; readable by the owner.
    writeFileSync(file, `${JSON.stringify(Object.fromEntries(passwords), null, 2)}\n`, {
      mode: 0o600,
    });
    return { village: { code: village.code, name: village.name }, passwords, generated };
  } finally {
    await db.close();
    lock.release();
  }
}

/** Letters and digits, 12 characters: passes the server's policy and is easy to type. */
function newPassword(): string {
  const letters = 'abcdefghjkmnpqrstuvwxyz';
  const digits = '23456789';
  const bytes = randomBytes(12);
  let password = 'Demo';
  for (let i = 0; i < 8; i += 1) {
    const alphabet = i % 2 === 0 ? letters : digits;
    password += alphabet.charAt((bytes[i] ?? 0) % alphabet.length);
  }
  return password;
}

// ---------------------------------------------------------------------------------------
// 2. The town server and the web shell

const children: ChildProcess[] = [];
// Should this script end any other way, the children do not outlive it.
process.on('exit', () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
});

function start(entry: string, args: readonly string[], env: Record<string, string>, log?: string) {
  // The demo's server uses its own data folder, whatever DATABASE_URL the shell has.
  const { DATABASE_URL: _database, ...inherited } = process.env;
  const child = spawn(process.execPath, [entry, ...args], {
    cwd: ROOT,
    env: { ...inherited, ...env },
    // Its own process group: Ctrl-C reaches only this script, which stops each child once
    // (a second signal would make the server exit without closing its database).
    detached: true,
    stdio: [
      'ignore',
      log === undefined ? 'inherit' : 'pipe',
      log === undefined ? 'inherit' : 'pipe',
    ],
  });
  if (log !== undefined) {
    const out = createWriteStream(log, { flags: 'a' });
    child.stdout?.pipe(out);
    child.stderr?.pipe(out);
  }
  children.push(child);
  return child;
}

async function waitFor(url: string, child: ChildProcess, what: string, seconds: number) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(
        `${what} exited (${String(child.exitCode ?? child.signalCode)}) while starting`,
      );
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${what} did not answer ${url} within ${seconds} s`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

function stopAll(): Promise<void> {
  return Promise.all(
    children.map(
      (child) =>
        new Promise<void>((done) => {
          if (child.exitCode !== null || child.signalCode !== null) {
            done();
            return;
          }
          const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
          child.once('close', () => {
            clearTimeout(kill);
            done();
          });
          child.kill('SIGTERM');
        }),
    ),
  ).then(() => undefined);
}

// ---------------------------------------------------------------------------------------
// 3. The check: sign in as the clerk and ask what a first sync would bring

async function check(passwords: ReadonlyMap<string, string>): Promise<void> {
  const login = await fetch(`${serverUrl}${PATHS.login}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      username: 'demo.clerk',
      password: passwords.get('demo.clerk'),
      deviceName: 'npm run demo -- --check',
    }),
  });
  if (login.status !== 200) throw new Error(`the clerk cannot sign in: ${String(login.status)}`);
  const session = (await login.json()) as LoginResponse;
  const headers = { authorization: `Bearer ${session.accessToken}` };
  const listing = await fetch(`${serverUrl}${PATHS.collections}`, { headers });
  const { collections } = (await listing.json()) as SyncCollectionsResponse;
  const count = (name: string) => collections.find((c) => c.name === name)?.documents ?? 0;
  await fetch(`${serverUrl}${PATHS.logout}`, { method: 'POST', headers });
  if (count('residents') === 0 || count('events') === 0)
    throw new Error('the clerk would sync no residents or no ledger events');
  console.log(
    `检查通过：录入员可以登录，首次同步将收到村民 ${count('residents')} 人、积分记录 ${count('events')} 条。\n` +
      `Check passed: the clerk signs in; a first sync brings ${count('residents')} residents and ${count('events')} ledger events.`,
  );
  if (withWeb) {
    const page = await fetch(webUrl);
    if (!page.ok) throw new Error(`the web shell answered ${String(page.status)}`);
    console.log(`网页版可以打开。 The web shell answers.`);
  }
}

function banner(prepared: Prepared): string {
  const rows = ACCOUNTS.map(
    (account) =>
      `  ${account.titleZh.padEnd(6, '　')} ${account.username.padEnd(14)} ${prepared.passwords.get(account.username) ?? ''}   (${account.titleEn})`,
  );
  const open = withWeb ? webUrl : '（未启动网页版 web shell not started）';
  return [
    '',
    `乡村信用积分 · 演示已启动   Village Credit demo is running`,
    `  打开 Open:        ${open}`,
    `  镇服务器 Server:  ${serverUrl}   （数据 data: ${dataDir}）`,
    `  示例村 Village:   ${prepared.village.name}（${prepared.village.code}）`,
    '',
    '登录（用户名 / 密码）  Sign in (username / password):',
    ...rows,
    '',
    '在登录页填写上面的用户名和密码；服务器地址已预先填好。每户都带「示例数据」标签。',
    'Use a username and password above on the sign-in page; the server address is prefilled. Every household is tagged 示例数据 (sample data).',
    '按 Ctrl-C 停止。  Press Ctrl-C to stop.',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  let prepared: Prepared;
  try {
    prepared = await prepare();
  } catch (error) {
    if (error instanceof CodedError) {
      const message = describeError(error.code, error.params);
      fail(
        `演示无法启动：${message.zh}\nThe demo cannot start: ${message.en}`,
        error.code === 'store.data-dir-locked' ? 3 : 1,
      );
    }
    fail(`演示无法启动：${reasonOf(error)}\nThe demo cannot start: ${reasonOf(error)}`, 1);
  }

  let stopping = false;
  const shutdown = (code: number): void => {
    if (stopping) return;
    stopping = true;
    void stopAll().then(() => process.exit(code));
  };
  process.on('SIGINT', () => {
    shutdown(0);
  });
  process.on('SIGTERM', () => {
    shutdown(0);
  });

  try {
    const server = start(
      SERVER_ENTRY,
      [],
      {
        TOWN_DATA_DIR: dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        TOWN_MODE: 'development',
        LOG_LEVEL: 'info',
        TOWN_ALLOWED_ORIGINS: webUrl,
      },
      join(dataDir, 'server.log'),
    );
    await waitFor(`${serverUrl}/healthz`, server, 'the town server', 60);
    if (withWeb) {
      const web = start(WEB_SHELL, values['no-build'] === true ? ['--no-build'] : [], {
        WEB_PORT: String(webPort),
        WEB_HOST: '127.0.0.1',
        TOWN_SERVER_URL: serverUrl,
      });
      await waitFor(`${webUrl}/web-shell.json`, web, 'the web shell', 300);
    }
    if (values.check === true) {
      await check(prepared.passwords);
      await stopAll();
      process.exit(0);
    }
    console.log(banner(prepared));
    for (const child of children)
      child.once('exit', (code) => {
        if (stopping) return;
        console.error(
          `一个子进程意外退出（${String(code)}），演示停止。  A child process exited (${String(code)}); stopping.`,
        );
        shutdown(1);
      });
  } catch (error) {
    console.error(`演示无法启动：${reasonOf(error)}\nThe demo cannot start: ${reasonOf(error)}`);
    console.error(`镇服务器日志 Server log: ${join(dataDir, 'server.log')}`);
    await stopAll();
    process.exit(1);
  }
}

await main();
