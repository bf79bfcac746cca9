/**
 * Sign-in limits, kept in the database so they hold across server instances on one
 * PostgreSQL. Every attempt is a row of `login_attempts`, keyed by the username as typed
 * (normalised) whether or not an account has it, so an unknown name is limited and locked
 * exactly like a real one and the answers reveal nothing.
 *
 *   - Rate limit: at most USER_IP_PER_MINUTE failed attempts for one username from one
 *     address, and IP_PER_MINUTE from one address over all usernames, within a minute; the
 *     next is refused with 429 auth.rate-limited {retryAfter} (seconds) and Retry-After.
 *     A successful sign-in clears the username's count (not the address's).
 *   - Lockout: LOCK_AFTER_FAILURES failures of one username (from anywhere) within
 *     LOCK_WINDOW_MS, none since its last success, lock it for LOCK_MS: 423 auth.locked
 *     {username, retryAfter}, even with the right password. An administrator's password
 *     reset (`town user passwd`) lifts the lock.
 * The rate limit is checked first, so the eleventh wrong password within a minute from one
 * place is a 429; the lock holds after that minute.
 *
 * An attempt is written as 'pending' (counted as a failure) before the password is checked
 * and then settled, so parallel guesses see each other and cannot slip under the limit.
 */
import { CodedError } from '../../../shared/errors.ts';
import type { Db } from '../db/database.ts';
import { at } from './options.ts';

export const USER_IP_PER_MINUTE = 10;
export const IP_PER_MINUTE = 30;
export const LOCK_AFTER_FAILURES = 10;
export const LOCK_WINDOW_MS = 15 * 60 * 1000;
export const LOCK_MS = 15 * 60 * 1000;
const MINUTE_MS = 60 * 1000;
const KEEP_ATTEMPTS_MS = 7 * 24 * 60 * 60 * 1000;

export type AttemptOutcome = 'failed' | 'succeeded' | 'refused';

export interface Attempt {
  readonly id: string;
  readonly username: string;
}

/**
 * Records a pending attempt, then refuses it (recorded as 'refused') when the username or
 * address is over its limit, or the username is locked. Returns the attempt to settle.
 */
export async function beginAttempt(
  db: Db,
  username: string,
  ip: string,
  now: number,
): Promise<Attempt> {
  const key = username.slice(0, 64);
  const address = ip.slice(0, 64);
  const inserted = await db.query<{ id: unknown }>(
    `INSERT INTO login_attempts (username, ip, at, outcome)
     VALUES ($1, $2, $3::timestamptz, 'pending') RETURNING id`,
    [key, address, at(now)],
  );
  const id = String(inserted.rows[0]?.id);
  const attempt = { id, username: key };

  const counts = await db.query<{
    user_ip: unknown;
    user_ip_oldest: Date | null;
    ip_all: unknown;
    ip_oldest: Date | null;
    locked_until: Date | null;
  }>(
    `WITH since_success AS (
       SELECT COALESCE(max(id), 0) AS id FROM login_attempts
        WHERE username = $1 AND outcome = 'succeeded'
     ),
     user_ip AS (
       SELECT a.at FROM login_attempts a, since_success s
        WHERE a.username = $1 AND a.ip = $2 AND a.id <> $3 AND a.id > s.id
          AND a.outcome IN ('pending', 'failed') AND a.at > $4::timestamptz - interval '1 minute'
     ),
     ip_all AS (
       SELECT a.at FROM login_attempts a
        WHERE a.ip = $2 AND a.id <> $3
          AND a.outcome IN ('pending', 'failed') AND a.at > $4::timestamptz - interval '1 minute'
     )
     SELECT (SELECT count(*) FROM user_ip) AS user_ip,
            (SELECT min(at) FROM user_ip) AS user_ip_oldest,
            (SELECT count(*) FROM ip_all) AS ip_all,
            (SELECT min(at) FROM ip_all) AS ip_oldest,
            (SELECT locked_until FROM login_locks
              WHERE username = $1 AND locked_until > $4::timestamptz) AS locked_until`,
    [key, address, id, at(now)],
  );
  const row = counts.rows[0];
  const oldest = (date: Date | null): number =>
    Math.max(1, Math.ceil(((date?.getTime() ?? now) + MINUTE_MS - now) / 1000));
  let refusal: CodedError | undefined;
  if (row !== undefined && Number(row.user_ip) >= USER_IP_PER_MINUTE) {
    refusal = new CodedError('auth.rate-limited', { retryAfter: oldest(row.user_ip_oldest) });
  } else if (row !== undefined && Number(row.ip_all) >= IP_PER_MINUTE) {
    refusal = new CodedError('auth.rate-limited', { retryAfter: oldest(row.ip_oldest) });
  } else if (row?.locked_until != null) {
    refusal = new CodedError('auth.locked', {
      username: key,
      retryAfter: Math.max(1, Math.ceil((row.locked_until.getTime() - now) / 1000)),
    });
  }
  if (refusal !== undefined) {
    await settleAttempt(db, attempt, 'refused', now);
    throw refusal;
  }
  return attempt;
}

/**
 * Settles an attempt. A failure that makes LOCK_AFTER_FAILURES within the window (since
 * the last success and the end of the last lock) locks the username.
 */
export async function settleAttempt(
  db: Db,
  attempt: Attempt,
  outcome: AttemptOutcome,
  now: number,
): Promise<void> {
  await db.query(`UPDATE login_attempts SET outcome = $2 WHERE id = $1`, [attempt.id, outcome]);
  if (outcome === 'failed') {
    const failures = await db.query<{ n: unknown }>(
      `SELECT count(*) AS n FROM login_attempts a
        WHERE a.username = $1 AND a.outcome IN ('pending', 'failed')
          AND a.at > $2::timestamptz - ($3::bigint * interval '1 millisecond')
          AND a.id > COALESCE((SELECT max(id) FROM login_attempts
                                WHERE username = $1 AND outcome = 'succeeded'), 0)
          AND a.at > COALESCE((SELECT locked_until FROM login_locks WHERE username = $1),
                              '-infinity'::timestamptz)`,
      [attempt.username, at(now), LOCK_WINDOW_MS],
    );
    if (Number(failures.rows[0]?.n) >= LOCK_AFTER_FAILURES) {
      await db.query(
        `INSERT INTO login_locks (username, locked_until) VALUES ($1, $2::timestamptz)
         ON CONFLICT (username) DO UPDATE SET locked_until = EXCLUDED.locked_until`,
        [attempt.username, at(now + LOCK_MS)],
      );
    }
  }
  // Old attempts have done their work; the index on `at` keeps this cheap.
  await db.query(`DELETE FROM login_attempts WHERE at < $1::timestamptz`, [
    at(now - KEEP_ATTEMPTS_MS),
  ]);
}
