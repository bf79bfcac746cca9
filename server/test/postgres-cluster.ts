/**
 * A throwaway PostgreSQL cluster for integration tests: `initdb` into a temporary folder
 * (as the `postgres` OS user when we are root, since initdb refuses root), trust auth on
 * 127.0.0.1 only, a free port, durability off for speed. About a second to start.
 *
 * Always stop it (`await cluster.stop()` in afterAll); if the test process dies first, an
 * exit handler kills the server and removes the folder.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './free-port.ts';

export interface PostgresCluster {
  /** postgres://postgres@127.0.0.1:<port>/<database> */
  url(database?: string): string;
  /** Creates an empty database and returns its URL. */
  createDatabase(name?: string): Promise<string>;
  stop(): Promise<void>;
}

const DEFAULT_BIN_DIRS = ['/usr/lib/postgresql/15/bin'];

/** The folder with initdb and postgres: $PG_BIN, PostgreSQL 15, or the newest installed. */
export function findPostgresBin(): string {
  const fromEnv = process.env['PG_BIN'];
  const candidates = fromEnv === undefined || fromEnv === '' ? [...DEFAULT_BIN_DIRS] : [fromEnv];
  if (existsSync('/usr/lib/postgresql')) {
    const versions = readdirSync('/usr/lib/postgresql')
      .filter((name) => /^\d+$/.test(name))
      .sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((version) => `/usr/lib/postgresql/${version}/bin`));
  }
  const found = candidates.find(
    (dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres')),
  );
  if (found === undefined) {
    throw new Error(
      `PostgreSQL server binaries (initdb, postgres) not found in ${candidates.join(', ')}. ` +
        'Install PostgreSQL (Debian: apt-get install postgresql) or set PG_BIN to the folder that holds them.',
    );
  }
  return found;
}

let databaseCounter = 0;

export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = findPostgresBin();
  const root = mkdtempSync(join(tmpdir(), 'town-pg-'));
  const dataDir = join(root, 'data');
  const user = runAsUser();
  if (user !== undefined) chownSync(root, user.uid, user.gid);

  let server: ChildProcess | undefined;
  let stopped = false;
  const removeRoot = (): void => {
    rmSync(root, { recursive: true, force: true });
  };
  const emergencyCleanUp = (): void => {
    server?.kill('SIGKILL');
    removeRoot();
  };
  process.once('exit', emergencyCleanUp);

  try {
    const init = spawnSync(
      join(bin, 'initdb'),
      ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
      { encoding: 'utf8', ...(user ?? {}) },
    );
    if (init.status !== 0) {
      throw new Error(
        `initdb failed (exit ${String(init.status)}): ${init.stderr || String(init.error)}`,
      );
    }

    const port = await freePort();
    const output: string[] = [];
    const child = spawn(
      join(bin, 'postgres'),
      [
        '-D',
        dataDir,
        '-p',
        String(port),
        '-k',
        root,
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'fsync=off',
        '-c',
        'synchronous_commit=off',
        '-c',
        'full_page_writes=off',
        '-c',
        'max_connections=100',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], ...(user ?? {}) },
    );
    server = child;
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));

    const url = (database = 'postgres'): string =>
      `postgres://postgres@127.0.0.1:${port}/${database}`;
    await waitUntilReady(url(), exited, output);

    return {
      url,
      async createDatabase(name = `test_${process.pid}_${++databaseCounter}`) {
        const client = new pg.Client({ connectionString: url() });
        await client.connect();
        try {
          await client.query(`CREATE DATABASE "${name}"`);
        } finally {
          await client.end();
        }
        return url(name);
      },
      async stop() {
        if (stopped) return;
        stopped = true;
        // SIGINT: PostgreSQL's fast shutdown (disconnects clients, no waiting).
        child.kill('SIGINT');
        const timeout = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timeout);
        removeRoot();
        process.removeListener('exit', emergencyCleanUp);
      },
    };
  } catch (error) {
    emergencyCleanUp();
    process.removeListener('exit', emergencyCleanUp);
    throw error;
  }
}

/** The postgres OS user's ids when we are root (initdb and postgres refuse to run as root). */
function runAsUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string): number => {
    const result = spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
    const value = Number(result.stdout.trim());
    if (result.status !== 0 || !Number.isInteger(value)) {
      throw new Error(
        'Running as root, but there is no "postgres" OS user to run initdb as. Create one or run the tests as a normal user.',
      );
    }
    return value;
  };
  return { uid: id('-u'), gid: id('-g') };
}

async function waitUntilReady(
  url: string,
  exited: Promise<number | null>,
  output: string[],
): Promise<void> {
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (exitCode !== undefined)
      throw new Error(`postgres exited (${String(exitCode)}) during start:\n${output.join('')}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
    }
    if (Date.now() > deadline)
      throw new Error(`postgres did not accept connections within 20 s:\n${output.join('')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
