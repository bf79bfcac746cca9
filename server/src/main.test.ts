import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LOCK_FILE_NAME } from './db/data-dir-lock.ts';
import { loadMigrations } from './db/migrate.ts';
import { freePort } from '../test/free-port.ts';
import { startPostgresCluster, type PostgresCluster } from '../test/postgres-cluster.ts';
import { killStartedServers, runServerToExit, runTownCli, startServer } from '../test/processes.ts';

async function health(port: number): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`http://127.0.0.1:${port}/healthz`);
  return { status: response.status, body: await response.json() };
}

afterEach(async () => {
  await killStartedServers();
});

describe('npm run server on the embedded PGlite database', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'town-server-'));
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts on an empty data directory, answers /healthz, locks the directory and unlocks it on SIGTERM', async () => {
    const port = await freePort();
    const server = await startServer({ TOWN_DATA_DIR: dataDir, PORT: String(port) });

    expect(await health(port)).toEqual({ status: 200, body: { status: 'ok' } });
    const started = server.logs.find((entry) =>
      String(entry['msg']).startsWith('town server listening'),
    );
    expect(started).toMatchObject({
      storage: 'pglite',
      data: `PGlite ${dataDir}`,
      url: `http://127.0.0.1:${port}`,
    });
    const lock = JSON.parse(readFileSync(join(dataDir, LOCK_FILE_NAME), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(lock).toMatchObject({ pid: server.child.pid, role: 'server', port });

    // The CLI may not open the directory the server holds, and says why.
    const cli = await runTownCli(['village', 'list'], { TOWN_DATA_DIR: dataDir });
    expect(cli.code).toBe(3);
    expect(cli.stderr).toContain(
      `镇服务器正在使用数据目录 ${dataDir}（进程 ${String(server.child.pid)}）`,
    );

    const stopped = await server.stop();
    expect(stopped.code).toBe(0);
    expect(existsSync(join(dataDir, LOCK_FILE_NAME))).toBe(false);
  });

  it('keeps the data across restarts', async () => {
    const env = { TOWN_DATA_DIR: dataDir };
    expect(
      (await runTownCli(['township', 'add', '--code', '320321100', '--name', '新城镇'], env)).code,
    ).toBe(0);
    expect(
      (
        await runTownCli(
          [
            'village',
            'add',
            '--code',
            '320321100201',
            '--name',
            '王庄村',
            '--township',
            '320321100',
          ],
          env,
        )
      ).code,
    ).toBe(0);

    const port = await freePort();
    const server = await startServer({ ...env, PORT: String(port) });
    expect(await health(port)).toEqual({ status: 200, body: { status: 'ok' } });
    expect((await server.stop()).code).toBe(0);

    const list = await runTownCli(['village', 'list'], env);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/320321100201\s+王庄村\s+320321100 新城镇/);
  });

  it('refuses to start while another server holds the data directory', async () => {
    writeFileSync(
      join(dataDir, LOCK_FILE_NAME),
      JSON.stringify({
        pid: process.pid,
        role: 'server',
        port: 8787,
        hostname: hostname(),
        startedAt: new Date().toISOString(),
      }),
    );

    const result = await runServerToExit({
      TOWN_DATA_DIR: dataDir,
      PORT: String(await freePort()),
    });

    expect(result.code).toBe(3);
    expect(result.stderr).toContain(
      `另一个镇服务器（进程 ${String(process.pid)}）已在使用数据目录 ${dataDir}`,
    );
    expect(readdirSync(dataDir)).toEqual([LOCK_FILE_NAME]);
  });

  it('refuses a malformed security setting with a message naming it', async () => {
    const result = await runServerToExit({
      TOWN_DATA_DIR: dataDir,
      TOWN_ALLOWED_ORIGINS: 'http://127.0.0.1:5173, *',
    });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('环境变量 TOWN_ALLOWED_ORIGINS 的值「*」无效');
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('refuses a malformed PORT with a message naming it', async () => {
    const result = await runServerToExit({ TOWN_DATA_DIR: dataDir, PORT: '80x' });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('环境变量 PORT 的值「80x」无效：应为 1-65535');
    expect(readdirSync(dataDir)).toEqual([]);
  });
});

describe('npm run server on PostgreSQL (DATABASE_URL)', () => {
  let cluster: PostgresCluster;
  let unusedDataDir: string;
  beforeAll(async () => {
    cluster = await startPostgresCluster();
  });
  afterAll(async () => {
    await cluster.stop();
  });
  beforeEach(() => {
    unusedDataDir = mkdtempSync(join(tmpdir(), 'town-unused-'));
  });
  afterEach(() => {
    rmSync(unusedDataDir, { recursive: true, force: true });
  });

  /** The database URL with a password, to prove it never reaches the log. */
  async function databaseUrl(): Promise<string> {
    return (await cluster.createDatabase()).replace('postgres@', 'postgres:sekret-pw@');
  }

  it('starts, answers /healthz, lets the CLI work meanwhile and keeps the data across restarts', async () => {
    const env = { DATABASE_URL: await databaseUrl(), TOWN_DATA_DIR: unusedDataDir };
    const port = await freePort();
    const server = await startServer({ ...env, PORT: String(port) });
    expect(await health(port)).toEqual({ status: 200, body: { status: 'ok' } });

    expect(
      (await runTownCli(['township', 'add', '--code', '320321100', '--name', '新城镇'], env)).code,
    ).toBe(0);
    const added = await runTownCli(
      ['village', 'add', '--code', '320321100201', '--name', '王庄村', '--township', '320321100'],
      env,
    );
    expect(added.code).toBe(0);
    expect((await server.stop()).code).toBe(0);

    const again = await startServer({ ...env, PORT: String(port) });
    expect(await health(port)).toEqual({ status: 200, body: { status: 'ok' } });
    const list = await runTownCli(['village', 'list'], env);
    expect(list.stdout).toMatch(/320321100201\s+王庄村\s+320321100 新城镇/);
    const stopped = await again.stop();
    expect(stopped.code).toBe(0);

    const started = again.logs.find((entry) =>
      String(entry['msg']).startsWith('town server listening'),
    );
    expect(started).toMatchObject({ storage: 'postgres' });
    expect(String(started?.['data'])).toMatch(
      /^PostgreSQL 127\.0\.0\.1:\d+\/test_\d+_\d+ \(postgres\)$/,
    );
    expect(stopped.stdout).not.toContain('sekret-pw');
    expect(readdirSync(unusedDataDir)).toEqual([]);
  });

  it('refuses a database migrated by a newer server, with a clear message, and leaves it alone', async () => {
    const url = await databaseUrl();
    const port = await freePort();
    const first = await startServer({ DATABASE_URL: url, PORT: String(port) });
    await first.stop();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(
      "INSERT INTO schema_migrations (name) VALUES ('29991231T235959_from_the_future')",
    );

    const result = await runServerToExit({ DATABASE_URL: url, PORT: String(port) });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      '数据库已被更新版本的镇服务器升级（迁移 29991231T235959_from_the_future）',
    );
    const rows = await client.query('SELECT count(*)::int AS n FROM schema_migrations');
    await client.end();
    expect(rows.rows[0]).toEqual({ n: (await loadMigrations()).length + 1 });
  });

  it('refuses plain HTTP in production mode except /healthz, and believes only its trusted proxy', async () => {
    const port = await freePort();
    const server = await startServer({
      DATABASE_URL: await databaseUrl(),
      PORT: String(port),
      TOWN_MODE: 'production',
      TOWN_TRUST_PROXY: '127.0.0.1',
    });
    const signIn = (headers: Record<string, string>) =>
      fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ username: 'nobody', password: 'Wrong2026pass' }),
      });

    expect(await health(port)).toEqual({ status: 200, body: { status: 'ok' } });
    const plain = await signIn({});
    expect(plain.status).toBe(403);
    expect(((await plain.json()) as { error: { code: string } }).error.code).toBe(
      'http.https-required',
    );
    const proxied = await signIn({ 'x-forwarded-proto': 'https' });
    expect(proxied.status).toBe(401);
    expect(proxied.headers.get('strict-transport-security')).toBe('max-age=31536000');
    const started = server.logs.find((entry) =>
      String(entry['msg']).startsWith('town server listening'),
    );
    expect(started).toMatchObject({ mode: 'production' });
    expect((await server.stop()).code).toBe(0);
  });

  it('says which database it cannot reach', async () => {
    const port = await freePort();
    const result = await runServerToExit({
      DATABASE_URL: `postgres://nobody:pw@127.0.0.1:${port}/nowhere`,
      PORT: String(port),
    });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`无法打开数据库 127.0.0.1:${port}/nowhere (nobody)`);
    expect(result.stderr).not.toContain(':pw@');
  });
});
