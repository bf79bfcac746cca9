import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCK_FILE_NAME } from '../db/data-dir-lock.ts';
import { runTownCli } from '../../test/processes.ts';
import { EXIT, runTown } from './run.ts';

/** Runs the CLI in this process (no database is opened by the cases that use it). */
async function runInProcess(
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runTown(
    args,
    { TOWN_DATA_DIR: '/nonexistent/never-opened' },
    {
      stdout: (text) => (stdout += text),
      stderr: (text) => (stderr += text),
    },
  );
  return { code, stdout, stderr };
}

describe('town CLI usage', () => {
  it('prints help in Chinese, then English, for the CLI and every command', async () => {
    for (const args of [
      ['--help'],
      ['township', '--help'],
      ['township', 'add', '--help'],
      ['township', 'list', '--help'],
      ['village', '--help'],
      ['village', 'add', '--help'],
      ['village', 'list', '-h'],
    ]) {
      const { code, stdout } = await runInProcess(args);
      expect(code, args.join(' ')).toBe(EXIT.ok);
      const chinese = stdout.indexOf('用法');
      const english = stdout.indexOf('Usage');
      expect(chinese, args.join(' ')).toBeGreaterThanOrEqual(0);
      expect(english, args.join(' ')).toBeGreaterThan(chinese);
    }
  });

  it('explains the codes and every command in the main help', async () => {
    const { stdout } = await runInProcess(['--help']);
    expect(stdout).toContain('township add --code <9位代码> --name <名称>');
    expect(stdout).toContain('village add --code <12位代码> --name <名称> --township <9位代码>');
    expect(stdout).toContain('village list [--township <9位代码>]');
    expect(stdout).toContain('统计用区划代码');
    expect(stdout).toContain('DATABASE_URL');
  });

  it('exits 2 with a Chinese message for an unknown command, option or a missing option', async () => {
    const unknown = await runInProcess(['village', 'remove']);
    expect(unknown.code).toBe(EXIT.usage);
    expect(unknown.stderr).toContain('没有「village remove」这个命令');

    const option = await runInProcess(['village', 'list', '--colour', 'red']);
    expect(option.code).toBe(EXIT.usage);
    expect(option.stderr).toContain('无法识别的选项或参数：--colour');

    const missing = await runInProcess(['village', 'add', '--code', '320321100201']);
    expect(missing.code).toBe(EXIT.usage);
    expect(missing.stderr).toContain('缺少选项 --name, --township');

    const noValue = await runInProcess(['township', 'add', '--name', '新城镇', '--code']);
    expect(noValue.code).toBe(EXIT.usage);
    expect(noValue.stderr).toContain('选项 --code 后面缺少值');

    const nothing = await runInProcess([]);
    expect(nothing.code).toBe(EXIT.usage);
    expect(nothing.stderr).toContain('用法');
  });
});

describe('town CLI on the embedded database', () => {
  let dataDir: string;
  const town = (...args: string[]) => runTownCli(args, { TOWN_DATA_DIR: dataDir });

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'town-cli-'));
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a malformed village code with a Chinese message and writes nothing at all', async () => {
    const result = await town(
      'village',
      'add',
      '--code',
      '3203211002',
      '--name',
      '王庄村',
      '--township',
      '320321100',
    );

    expect(result.code).toBe(EXIT.failed);
    expect(result.stderr).toContain('村代码「3203211002」格式不对');
    expect(result.stderr).toContain('12 位数字');
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('refuses a malformed township code with the expected format', async () => {
    const result = await town('township', 'add', '--code', '32032110A', '--name', '新城镇');

    expect(result.code).toBe(EXIT.failed);
    expect(result.stderr).toContain('乡镇代码应为 9 位数字的统计用区划代码');
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('refuses a village of an unknown township, suggests township add, and writes no village', async () => {
    const result = await town(
      'village',
      'add',
      '--code',
      '320321100201',
      '--name',
      '王庄村',
      '--township',
      '320321100',
    );

    expect(result.code).toBe(EXIT.failed);
    expect(result.stderr).toContain('没有代码为 320321100 的乡镇');
    expect(result.stderr).toContain('town township add');

    const list = await town('village', 'list');
    expect(list.code).toBe(EXIT.ok);
    expect(list.stdout).toContain('还没有村');
  });

  it('adds a township and its villages that later commands list, and refuses duplicates', async () => {
    expect((await town('township', 'add', '--code', '320321100', '--name', '新城镇')).code).toBe(
      EXIT.ok,
    );
    const added = await town(
      'village',
      'add',
      '--code',
      '320321100201',
      '--name',
      '王庄村',
      '--township',
      '320321100',
    );
    expect(added.code).toBe(EXIT.ok);
    expect(added.stdout).toContain('已添加村 320321100201 王庄村（新城镇）');

    const duplicate = await town(
      'village',
      'add',
      '--code',
      '320321100201',
      '--name',
      '别的村',
      '--township',
      '320321100',
    );
    expect(duplicate.code).toBe(EXIT.failed);
    expect(duplicate.stderr).toContain('代码为 320321100201 的村已经存在（王庄村）');

    const villages = await town('village', 'list', '--township', '320321100');
    expect(villages.code).toBe(EXIT.ok);
    expect(villages.stdout).toMatch(/代码\s+名称\s+所属乡镇/);
    expect(villages.stdout).toMatch(/320321100201\s+王庄村\s+320321100 新城镇/);
    expect(villages.stdout).toContain('共 1 个村');

    const townships = await town('township', 'list');
    expect(townships.stdout).toMatch(/320321100\s+新城镇\s+1/);
  });

  it('exits 3 with a clear message while the town server holds the data directory', async () => {
    // This test process stands in for a running server: alive, and not the CLI.
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

    const result = await town('village', 'list');

    expect(result.code).toBe(EXIT.locked);
    expect(result.stderr).toContain(`镇服务器正在使用数据目录 ${dataDir}（进程 ${process.pid}）`);
    expect(result.stderr).toContain('请先停止服务器再运行此命令');
    expect(result.stderr).toContain('DATABASE_URL');
    expect(readdirSync(dataDir)).toEqual([LOCK_FILE_NAME]);
  });

  it('takes over the lock a crashed server left behind', async () => {
    const gone = Number(
      spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], {
        encoding: 'utf8',
      }).stdout.trim(),
    );
    writeFileSync(
      join(dataDir, LOCK_FILE_NAME),
      JSON.stringify({
        pid: gone,
        role: 'server',
        port: 8787,
        hostname: hostname(),
        startedAt: '2026-01-01T00:00:00.000Z',
      }),
    );

    const result = await town('township', 'list');

    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toContain('还没有乡镇');
    expect(readdirSync(dataDir)).not.toContain(LOCK_FILE_NAME);
  });
});
