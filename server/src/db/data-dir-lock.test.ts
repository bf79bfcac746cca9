import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CodedError } from '../../../shared/errors.ts';
import { acquireDataDirLock, LOCK_FILE_NAME, lockHolder } from './data-dir-lock.ts';

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], {
    encoding: 'utf8',
  });
  return Number(child.stdout.trim());
}

function writeLock(dir: string, owner: Record<string, unknown>): void {
  writeFileSync(join(dir, LOCK_FILE_NAME), JSON.stringify(owner));
}

describe('data directory lock', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'town-lock-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes who holds it and removes the file on release', () => {
    const lock = acquireDataDirLock(dir, { role: 'server', port: 8787 });

    const written = JSON.parse(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(written).toMatchObject({
      pid: process.pid,
      role: 'server',
      port: 8787,
      hostname: hostname(),
    });
    expect(typeof written['startedAt']).toBe('string');

    lock.release();
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false);
  });

  it('refuses a second holder while a live process holds it, naming that process', () => {
    // The parent of this test process is alive and is not us.
    writeLock(dir, {
      pid: process.ppid,
      role: 'server',
      port: 8787,
      hostname: hostname(),
      startedAt: new Date().toISOString(),
    });

    let error: unknown;
    try {
      acquireDataDirLock(dir, { role: 'cli' });
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(CodedError);
    expect((error as CodedError).code).toBe('store.data-dir-locked');
    expect((error as CodedError).params).toMatchObject({
      pid: process.ppid,
      role: 'server',
      attempt: 'cli',
      dir,
    });
    expect(lockHolder(dir)?.pid).toBe(process.ppid);
  });

  it('takes over a stale lock whose process is gone', () => {
    writeLock(dir, {
      pid: deadPid(),
      role: 'server',
      hostname: hostname(),
      startedAt: '2026-01-01T00:00:00.000Z',
    });
    expect(lockHolder(dir)).toBeUndefined();

    const lock = acquireDataDirLock(dir, { role: 'cli' });

    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8'))).toMatchObject({
      pid: process.pid,
      role: 'cli',
    });
    lock.release();
  });

  it('does not remove a lock that another process took over after ours', () => {
    const lock = acquireDataDirLock(dir, { role: 'cli' });
    const theirs = {
      pid: process.ppid,
      role: 'server',
      hostname: hostname(),
      startedAt: new Date().toISOString(),
    };
    writeLock(dir, theirs);

    lock.release();

    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8'))).toEqual(theirs);
  });

  it('treats a lock from another machine as held, since its process cannot be checked', () => {
    writeLock(dir, {
      pid: deadPid(),
      role: 'server',
      hostname: `not-${hostname()}`,
      startedAt: new Date().toISOString(),
    });

    expect(() => acquireDataDirLock(dir, { role: 'server' })).toThrow(CodedError);
  });
});
