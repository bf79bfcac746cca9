/**
 * Spawns the real entry points (`server/src/main.ts`, `server/src/cli/town.ts`) on this
 * Node, the way `npm run server` and `npm run town` do.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SERVER_ENTRY = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const TOWN_ENTRY = fileURLToPath(new URL('../src/cli/town.ts', import.meta.url));
const WEB_SHELL = fileURLToPath(new URL('../../scripts/web.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Finished {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The environment of this process without the variables the server and CLI read. */
const SERVER_VARIABLES = new Set([
  'DATABASE_URL',
  'TOWN_DATA_DIR',
  'PORT',
  'HOST',
  'LOG_LEVEL',
  'TOWN_MODE',
  'TOWN_ALLOW_HTTP',
  'TOWN_TRUST_PROXY',
  'TOWN_ALLOWED_ORIGINS',
  'NODE_ENV',
]);

export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(([name]) => !SERVER_VARIABLES.has(name));
  return { ...Object.fromEntries(inherited), ...extra };
}

export function runTownCli(
  args: readonly string[],
  env: Record<string, string>,
): Promise<Finished> {
  return finished(
    spawn(process.execPath, [TOWN_ENTRY, ...args], {
      env: cleanEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
}

// Servers still running; a failed test must not leave one behind holding a port or a lock.
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Kills every server this file started and has not stopped (for afterEach/afterAll). */
export async function killStartedServers(): Promise<void> {
  const children = [...running];
  running.clear();
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) {
            resolve();
            return;
          }
          child.once('close', () => {
            resolve();
          });
          child.kill('SIGKILL');
        }),
    ),
  );
}

export interface RunningServer {
  readonly child: ChildProcess;
  /** Log lines (parsed JSON) so far. */
  readonly logs: Record<string, unknown>[];
  /** Sends SIGTERM and waits for the exit. */
  stop(): Promise<Finished>;
}

/**
 * Starts the server and resolves once it logs that it is listening; rejects with its
 * output if it exits first.
 */
export async function startServer(env: Record<string, string>): Promise<RunningServer> {
  const child = spawn(process.execPath, [SERVER_ENTRY], {
    env: cleanEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const done = finished(child).finally(() => running.delete(child));
  const logs: Record<string, unknown>[] = [];
  let buffer = '';
  const listening = new Promise<void>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        try {
          const entry = JSON.parse(line) as Record<string, unknown>;
          logs.push(entry);
          if (typeof entry['msg'] === 'string' && entry['msg'].startsWith('town server listening'))
            resolve();
        } catch {
          // not a log line
        }
      }
    });
  });
  const early = await Promise.race([listening.then(() => undefined), done]);
  if (early !== undefined) {
    throw new Error(
      `server exited (${String(early.code)}) before listening:\n${early.stdout}\n${early.stderr}`,
    );
  }
  return {
    child,
    logs,
    async stop() {
      child.kill('SIGTERM');
      return done;
    },
  };
}

/** Spawns the server and waits for it to exit by itself (start-up failures). */
export function runServerToExit(env: Record<string, string>): Promise<Finished> {
  return finished(
    spawn(process.execPath, [SERVER_ENTRY], {
      env: cleanEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
}

function finished(child: ChildProcess): Promise<Finished> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * The web shell (`npm run web`) on `port`, wired to `townServerUrl`; resolves once it
 * answers. `build: false` serves the existing renderer build (`--no-build`).
 */
export async function startWebShell(
  port: number,
  townServerUrl: string,
  options: { readonly build: boolean; readonly timeoutMs: number },
): Promise<ChildProcess> {
  const child = spawn(process.execPath, [WEB_SHELL, ...(options.build ? [] : ['--no-build'])], {
    cwd: ROOT,
    env: cleanEnv({
      WEB_PORT: String(port),
      WEB_HOST: '127.0.0.1',
      TOWN_SERVER_URL: townServerUrl,
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`web shell exited (${String(child.exitCode)}) before serving:\n${output}`);
    }
    try {
      const response = await fetch(`http://127.0.0.1:${String(port)}/web-shell.json`);
      if (response.ok) return child;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(
        `web shell did not answer within ${String(options.timeoutMs / 1000)} s:\n${output}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
