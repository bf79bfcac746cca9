/**
 * The embedded PGlite database may be opened by one process at a time: two processes
 * writing one data directory would corrupt it. Whoever opens it (the server, or one CLI
 * command) first creates `<TOWN_DATA_DIR>/town-server.lock`; a lock whose process is gone
 * (crash, power cut) is stale and taken over. With DATABASE_URL no lock is needed.
 */
import {
  closeSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { CodedError } from '../../../shared/errors.ts';

export const LOCK_FILE_NAME = 'town-server.lock';

export interface LockOwner {
  readonly pid: number;
  readonly role: 'server' | 'cli';
  readonly port?: number;
  readonly hostname: string;
  readonly startedAt: string;
}

export interface DataDirLock {
  readonly path: string;
  readonly owner: LockOwner;
  /** Removes the lock file if it is still ours. Safe to call more than once. */
  release(): void;
}

export interface LockOptions {
  readonly role: LockOwner['role'];
  readonly port?: number;
  /** Whether a process id is alive on this machine; replaceable in tests. */
  readonly isAlive?: (pid: number) => boolean;
  readonly now?: () => Date;
}

// A lock file without readable content is normally one being written right now; only
// after this long is it considered abandoned.
const UNREADABLE_GRACE_MS = 10_000;

/**
 * Takes the lock on `dir` or throws `store.data-dir-locked` with `{ dir, path, pid, role,
 * attempt }`: `role` is the holder's, `attempt` ours; `pid` is 0 when the owner is unknown.
 */
export function acquireDataDirLock(dir: string, options: LockOptions): DataDirLock {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, LOCK_FILE_NAME);
  const isAlive = options.isAlive ?? isProcessAlive;
  const owner: LockOwner = {
    pid: process.pid,
    role: options.role,
    ...(options.port === undefined ? {} : { port: options.port }),
    hostname: hostname(),
    startedAt: (options.now?.() ?? new Date()).toISOString(),
  };

  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(path, owner)) return makeLock(path, owner);
    const current = readOwner(path);
    if (current === 'missing') continue;
    if (current === 'unreadable') {
      if (ageMs(path) < UNREADABLE_GRACE_MS) throw locked(dir, path, undefined, options.role);
    } else if (isHeld(current, isAlive)) {
      throw locked(dir, path, current, options.role);
    }
    takeOverStale(path, current);
  }
  throw locked(dir, path, undefined, options.role);
}

/** The owner of the lock on `dir`, if a live process other than this one holds it. */
export function lockHolder(
  dir: string,
  isAlive: (pid: number) => boolean = isProcessAlive,
): LockOwner | undefined {
  const current = readOwner(join(dir, LOCK_FILE_NAME));
  return typeof current === 'object' && isHeld(current, isAlive) ? current : undefined;
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isHeld(owner: LockOwner, isAlive: (pid: number) => boolean): boolean {
  // Another machine's process (a data directory on a network share) cannot be checked.
  if (owner.hostname !== hostname()) return true;
  // Our own pid in an old lock: a container restarted us with the same pid (often 1).
  if (owner.pid === process.pid) return false;
  return isAlive(owner.pid);
}

function tryCreate(path: string, owner: LockOwner): boolean {
  // Write the content to a private file, then link it into place: the lock appears
  // atomically, complete, or not at all (link fails if the lock exists).
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  const fd = openSync(temporary, 'wx');
  try {
    writeSync(fd, `${JSON.stringify(owner)}\n`);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temporary, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    // File systems without hard links (FAT on a USB stick): exclusive create, then write.
    // A reader may briefly see it empty; empty locks get a grace period (see above).
    return createExclusive(path, owner);
  } finally {
    unlinkSync(temporary);
  }
}

function createExclusive(path: string, owner: LockOwner): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, `${JSON.stringify(owner)}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

function readOwner(path: string): LockOwner | 'missing' | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return isLockOwner(parsed) ? parsed : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

function isLockOwner(value: unknown): value is LockOwner {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    Number.isInteger(record['pid']) &&
    (record['role'] === 'server' || record['role'] === 'cli') &&
    typeof record['hostname'] === 'string' &&
    typeof record['startedAt'] === 'string'
  );
}

function takeOverStale(path: string, stale: LockOwner | 'unreadable'): void {
  // Move the stale lock aside rather than deleting it: if another process took it over
  // between our read and now, the file we moved is theirs, and we put it back.
  const aside = `${path}.${process.pid}.stale`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = readOwner(aside);
  const same =
    stale === 'unreadable'
      ? moved === 'unreadable'
      : typeof moved === 'object' && moved.pid === stale.pid && moved.startedAt === stale.startedAt;
  if (same) {
    unlinkSync(aside);
    return;
  }
  try {
    linkSync(aside, path);
  } catch {
    // Someone else holds a newer lock now; theirs wins and the moved one is dropped.
  }
  unlinkSync(aside);
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function makeLock(path: string, owner: LockOwner): DataDirLock {
  let released = false;
  return {
    path,
    owner,
    release() {
      if (released) return;
      released = true;
      const current = readOwner(path);
      if (
        typeof current === 'object' &&
        current.pid === owner.pid &&
        current.startedAt === owner.startedAt
      ) {
        unlinkSync(path);
      }
    },
  };
}

function locked(
  dir: string,
  path: string,
  owner: LockOwner | undefined,
  attempt: LockOwner['role'],
): CodedError {
  return new CodedError('store.data-dir-locked', {
    dir,
    path,
    pid: owner?.pid ?? 0,
    role: owner?.role ?? 'server',
    attempt,
  });
}
