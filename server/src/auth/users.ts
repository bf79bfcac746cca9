/**
 * Staff accounts: validation (pure, so the CLI checks its arguments before it opens the
 * database), creation, listing, password change and disabling. Changing a password or
 * disabling an account revokes every session of that account.
 */
import { randomBytes } from 'node:crypto';
import {
  isRole,
  normalizeUsername,
  ROLE_SCOPE,
  type Principal,
  type Role,
} from '../../../shared/auth/roles.ts';
import { sortableId } from '../../../shared/collections/ids.ts';
import { CodedError, fail, ok, type Result } from '../../../shared/errors.ts';
import {
  townshipCodeOfVillage,
  validatePlaceName,
  validateTownshipCode,
  validateVillageCode,
} from '../../../shared/places/division-codes.ts';
import { sqlStateOf, type Db } from '../db/database.ts';
import { findTownship, findVillage } from '../places/places.ts';
import { at, authSettings, type AuthOptions } from './options.ts';
import { checkPasswordPolicy, hashPassword } from './passwords.ts';
import { revokeSessionsOf } from './sessions.ts';

export const USERNAME_PATTERN = /^[a-z][a-z0-9._-]{2,31}$/;

export interface NewUserInput {
  readonly username: string;
  readonly role: string;
  readonly villageCode?: string | undefined;
  readonly townshipCode?: string | undefined;
  /** Defaults to the username. */
  readonly displayName?: string | undefined;
}

export interface ValidNewUser {
  readonly username: string;
  readonly role: Role;
  readonly villageCode: string | null;
  readonly townshipCode: string;
  readonly displayName: string;
}

export interface User {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly villageCode: string | null;
  readonly townshipCode: string;
  readonly passwordHash: string;
  /** Epoch ms, or null while the account is active. */
  readonly disabledAt: number | null;
  readonly createdAt: number;
}

/** Usernames are compared in lower case without surrounding spaces. */
export function validateUsername(username: string): Result<string> {
  const normalized = normalizeUsername(username);
  return USERNAME_PATTERN.test(normalized)
    ? ok(normalized)
    : fail('auth.username-invalid', { value: username });
}

/**
 * Checks a new account's fields: the username's shape, the role, and that exactly the scope
 * the role needs is given (a village for village roles, a township for township_admin and
 * bank_liaison) in the right format.
 */
export function validateNewUser(input: NewUserInput): Result<ValidNewUser> {
  const username = validateUsername(input.username);
  if (!username.ok) return username;
  if (!isRole(input.role)) return fail('auth.role-invalid', { value: input.role });
  const role = input.role;
  const displayName = validatePlaceName(input.displayName ?? username.value);
  if (!displayName.ok) return displayName;

  if (ROLE_SCOPE[role] === 'village') {
    if (input.villageCode === undefined || input.townshipCode !== undefined)
      return fail('auth.role-scope-mismatch', { role, option: '--village' });
    const village = validateVillageCode(input.villageCode);
    if (!village.ok) return village;
    return ok({
      username: username.value,
      role,
      villageCode: village.value,
      townshipCode: townshipCodeOfVillage(village.value),
      displayName: displayName.value,
    });
  }
  if (input.townshipCode === undefined || input.villageCode !== undefined)
    return fail('auth.role-scope-mismatch', { role, option: '--township' });
  const township = validateTownshipCode(input.townshipCode);
  if (!township.ok) return township;
  return ok({
    username: username.value,
    role,
    villageCode: null,
    townshipCode: township.value,
    displayName: displayName.value,
  });
}

/**
 * Creates an account. The village or township must exist (place.*-unknown), the username
 * be free (auth.username-exists) and the password pass the policy (auth.password-weak).
 */
export async function createUser(
  db: Db,
  input: NewUserInput,
  password: string,
  options: AuthOptions = {},
): Promise<User> {
  const valid = orThrow(validateNewUser(input));
  orThrow(checkPasswordPolicy(valid.username, password));
  const { now, passwordCost } = authSettings(options);
  const passwordHash = await hashPassword(password, passwordCost);
  const time = now();
  return db.transaction(async (tx) => {
    if (valid.villageCode !== null) {
      if ((await findVillage(tx, valid.villageCode)) === undefined)
        throw new CodedError('place.village-unknown', { code: valid.villageCode });
    } else if ((await findTownship(tx, valid.townshipCode)) === undefined) {
      throw new CodedError('place.township-unknown', { code: valid.townshipCode });
    }
    let inserted;
    try {
      inserted = await tx.query<UserRow>(
        `INSERT INTO users (id, username, display_name, role, township_code, village_code,
                            password_hash, password_changed_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::timestamptz, $8::timestamptz)
         ON CONFLICT (username) DO NOTHING
         RETURNING ${USER_COLUMNS}`,
        [
          newId(time),
          valid.username,
          valid.displayName,
          valid.role,
          valid.townshipCode,
          valid.villageCode,
          passwordHash,
          at(time),
        ],
      );
    } catch (error) {
      // A place removed between the check and the insert.
      if (sqlStateOf(error) === '23503')
        throw new CodedError('place.village-unknown', { code: valid.villageCode ?? '' });
      throw error;
    }
    const row = inserted.rows[0];
    if (row === undefined)
      throw new CodedError('auth.username-exists', { username: valid.username });
    return toUser(row);
  });
}

export async function findUser(db: Db, username: string): Promise<User | undefined> {
  const result = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE username = $1`, [
    normalizeUsername(username),
  ]);
  const row = result.rows[0];
  return row === undefined ? undefined : toUser(row);
}

export interface UserSummary extends Omit<User, 'passwordHash'> {
  readonly villageName: string | null;
  readonly townshipName: string;
  readonly lockedUntil: number | null;
  readonly activeSessions: number;
}

export interface ScopeFilter {
  readonly townshipCode?: string | undefined;
  readonly villageCode?: string | undefined;
}

/**
 * Accounts in username order; with a township, its township accounts and those of its
 * villages; with a village, that village's accounts. The place must exist.
 */
export async function listUsers(
  db: Db,
  filter: ScopeFilter = {},
  options: AuthOptions = {},
): Promise<UserSummary[]> {
  const { now } = authSettings(options);
  const where = await scopeCondition(db, filter, 'u', 2);
  const result = await db.query<
    UserRow & {
      village_name: string | null;
      township_name: string;
      locked_until: Date | null;
      active_sessions: unknown;
    }
  >(
    `SELECT u.id, u.username, u.display_name, u.role, u.village_code, u.township_code,
            u.password_hash, u.disabled_at, u.created_at, v.name AS village_name, t.name AS township_name,
            (SELECT l.locked_until FROM login_locks l
              WHERE l.username = u.username AND l.locked_until > $1::timestamptz) AS locked_until,
            (SELECT count(*) FROM sessions s
              WHERE s.user_id = u.id AND s.revoked_at IS NULL AND s.expires_at > $1::timestamptz) AS active_sessions
       FROM users u
       JOIN townships t ON t.code = u.township_code
       LEFT JOIN villages v ON v.code = u.village_code
      ${where.sql}
      ORDER BY u.username`,
    [at(now()), ...where.params],
  );
  return result.rows.map((row) => {
    const { passwordHash: _hash, ...user } = toUser(row);
    return {
      ...user,
      villageName: row.village_name,
      townshipName: row.township_name,
      lockedUntil: row.locked_until === null ? null : row.locked_until.getTime(),
      activeSessions: Number(row.active_sessions),
    };
  });
}

/**
 * Sets a new password (policy checked), ends every session of the account and lifts a
 * lockout: an administrator's reset is how a locked-out user gets back in at once.
 */
export async function changePassword(
  db: Db,
  username: string,
  password: string,
  options: AuthOptions = {},
): Promise<{ readonly user: User; readonly revokedSessions: number }> {
  const name = orThrow(validateUsername(username));
  orThrow(checkPasswordPolicy(name, password));
  const { now, passwordCost } = authSettings(options);
  const passwordHash = await hashPassword(password, passwordCost);
  const time = now();
  return db.transaction(async (tx) => {
    const updated = await tx.query<UserRow>(
      `UPDATE users SET password_hash = $2, password_changed_at = $3::timestamptz
        WHERE username = $1 RETURNING ${USER_COLUMNS}`,
      [name, passwordHash, at(time)],
    );
    const row = updated.rows[0];
    if (row === undefined) throw new CodedError('auth.user-unknown', { username: name });
    const revokedSessions = await revokeSessionsOf(
      tx,
      { userId: row.id },
      'password-changed',
      time,
    );
    await tx.query(
      `INSERT INTO login_locks (username, locked_until) VALUES ($1, $2::timestamptz)
       ON CONFLICT (username) DO UPDATE SET locked_until = EXCLUDED.locked_until`,
      [name, at(time)],
    );
    return { user: toUser(row), revokedSessions };
  });
}

/** Disables the account (idempotent) and ends its sessions; its records stay. */
export async function disableUser(
  db: Db,
  username: string,
  options: AuthOptions = {},
): Promise<{ readonly user: User; readonly revokedSessions: number }> {
  const name = orThrow(validateUsername(username));
  const time = authSettings(options).now();
  return db.transaction(async (tx) => {
    const updated = await tx.query<UserRow>(
      `UPDATE users SET disabled_at = COALESCE(disabled_at, $2::timestamptz)
        WHERE username = $1 RETURNING ${USER_COLUMNS}`,
      [name, at(time)],
    );
    const row = updated.rows[0];
    if (row === undefined) throw new CodedError('auth.user-unknown', { username: name });
    const revokedSessions = await revokeSessionsOf(tx, { userId: row.id }, 'user-disabled', time);
    return { user: toUser(row), revokedSessions };
  });
}

export function principalOfUser(user: User): Principal {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    villageCode: user.villageCode,
    townshipCode: user.townshipCode,
  };
}

/**
 * A WHERE clause (its one parameter numbered `param`) limiting rows of `alias` (a table with
 * township_code and village_code) to a township or a village, after checking that place
 * exists; empty without a filter.
 */
export async function scopeCondition(
  db: Db,
  filter: ScopeFilter,
  alias: string,
  param = 1,
): Promise<{ readonly sql: string; readonly params: readonly string[] }> {
  if (filter.villageCode !== undefined) {
    const code = orThrow(validateVillageCode(filter.villageCode));
    if ((await findVillage(db, code)) === undefined)
      throw new CodedError('place.village-unknown', { code });
    return { sql: `WHERE ${alias}.village_code = $${param}`, params: [code] };
  }
  if (filter.townshipCode !== undefined) {
    const code = orThrow(validateTownshipCode(filter.townshipCode));
    if ((await findTownship(db, code)) === undefined)
      throw new CodedError('place.township-unknown', { code });
    return { sql: `WHERE ${alias}.township_code = $${param}`, params: [code] };
  }
  return { sql: '', params: [] };
}

export function newId(time: number): string {
  return sortableId(time, randomBytes(10));
}

const USER_COLUMNS =
  'id, username, display_name, role, village_code, township_code, password_hash, disabled_at, created_at';

export interface UserRow extends Record<string, unknown> {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  village_code: string | null;
  township_code: string;
  password_hash: string;
  disabled_at: Date | null;
  created_at: Date;
}

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    villageCode: row.village_code,
    townshipCode: row.township_code,
    passwordHash: row.password_hash,
    disabledAt: row.disabled_at === null ? null : row.disabled_at.getTime(),
    createdAt: row.created_at.getTime(),
  };
}

export function orThrow<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new CodedError(result.error.code, result.error.params);
}
