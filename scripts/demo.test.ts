/**
 * `npm run demo`, non-interactively (`--check`): on an empty data folder it generates the
 * sample village, makes the accounts, starts the town server, signs in as the clerk and
 * counts what a first sync brings, then stops; a second run finds everything in place.
 * (The web shell is left out here: it needs a renderer build, which the end-to-end tier
 * makes.)
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../server/test/free-port.ts';

const ROOT = resolve(import.meta.dirname, '..');

interface Run {
  readonly code: number | null;
  readonly output: string;
}

function demo(args: readonly string[]): Promise<Run> {
  return new Promise((done, reject) => {
    const { DATABASE_URL: _database, ...env } = process.env;
    const child = spawn(process.execPath, [join(ROOT, 'scripts', 'demo.ts'), ...args], {
      cwd: ROOT,
      env,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      done({ code, output });
    });
  });
}

describe('npm run demo -- --check', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'village-credit-demo-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads a sample village, makes the accounts, starts the server and lets the clerk sign in', async () => {
    const port = await freePort();
    const args = ['--check', '--no-web', '--size', 'small', '--data', dir, '--port', String(port)];
    const first = await demo(args);
    expect(first.output).toContain('正在生成示例村');
    expect(first.output).toMatch(
      /检查通过：录入员可以登录，首次同步将收到村民 \d+ 人、积分记录 \d+ 条/,
    );
    expect(first.code).toBe(0);
    const passwords = JSON.parse(readFileSync(join(dir, 'demo-accounts.json'), 'utf8')) as Record<
      string,
      string
    >;
    expect(Object.keys(passwords).sort()).toEqual(['demo.admin', 'demo.clerk', 'demo.reviewer']);
    // The server stopped and released the data folder.
    expect(existsSync(join(dir, 'town-server.lock'))).toBe(false);

    const second = await demo(args);
    expect(second.code).toBe(0);
    expect(second.output).not.toContain('正在生成示例村');
    expect(JSON.parse(readFileSync(join(dir, 'demo-accounts.json'), 'utf8'))).toEqual(passwords);
  });

  it('refuses a port that is not one', async () => {
    const run = await demo(['--check', '--no-web', '--data', dir, '--port', '99999']);
    expect(run.code).toBe(2);
    expect(run.output).toContain('不是有效端口号');
  });
});
