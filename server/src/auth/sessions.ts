/**
 * Sessions: one per sign-in of a user on a device. A session holds the hash of its current
 * refresh token; access tokens name it and are checked against it on every request
 * (`authenticate`: one query over session, user and device), so logging out, disabling the
 * user, changing the password or revoking the device ends access at the next request.
 *
 * Refresh rotates: each refresh token works once. Presenting a replaced token again means
 * two parties hold it (a copied token, or a client that lost the answer to its refresh);
 * the session is revoked and both must sign in again. That strictness is deliberate.
 */
import type { Principal, Role } from '../../../shared/auth/roles.ts';
import { CodedError } from '../../../shared/errors.ts';
import type { TokenPair } from '../../../shared/sync/protocol.ts';
import type { Db } from '../db/database.ts';
import { at } from './options.ts';
import type { RequestPrincipal } from './principal.ts';
import {
  ACCESS_TOKEN_TTL_MS,
  hashRefreshToken,
  newRefreshToken,
  REFRESH_TOKEN_TTL_MS,
  signAccessToken,
  verifyAccessToken,
} from './tokens.ts';

export type RevokeReason =
  'logout' | 'refresh-reuse' | 'password-changed' | 'user-disabled' | 'device-revoked';

/** Opens a session for a user on a device and hands out its first token pair. */
export async function openSession(
  db: Db,
  key: Uint8Array,
  input: { readonly sessionId: string; readonly userId: string; readonly deviceId: string },
  now: number,
): Promise<TokenPair> {
  const refreshToken = newRefreshToken();
  const refreshExpiresAt = now + REFRESH_TOKEN_TTL_MS;
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO sessions (id, user_id, device_id, created_at, last_used_at, expires_at)
       VALUES ($1, $2, $3, $4::timestamptz, $4::timestamptz, $5::timestamptz)`,
      [input.sessionId, input.userId, input.deviceId, at(now), at(refreshExpiresAt)],
    );
    await tx.query(
      `INSERT INTO refresh_tokens (token_hash, session_id, issued_at, expires_at)
       VALUES ($1, $2, $3::timestamptz, $4::timestamptz)`,
      [hashRefreshToken(refreshToken), input.sessionId, at(now), at(refreshExpiresAt)],
    );
  });
  const accessExpiresAt = now + ACCESS_TOKEN_TTL_MS;
  return {
    accessToken: signAccessToken(key, { ...input, expiresAt: accessExpiresAt }),
    accessExpiresAt,
    refreshToken,
    refreshExpiresAt,
  };
}

interface SessionRow extends Record<string, unknown> {
  session_id: string;
  session_revoked_at: Date | null;
  user_id: string;
  username: string;
  display_name: string;
  role: Role;
  village_code: string | null;
  township_code: string;
  disabled_at: Date | null;
  device_id: string;
  device_revoked_at: Date | null;
}

const SESSION_SELECT = `SELECT s.id AS session_id, s.revoked_at AS session_revoked_at,
       u.id AS user_id, u.username, u.display_name, u.role, u.village_code, u.township_code,
       u.disabled_at, d.id AS device_id, d.revoked_at AS device_revoked_at
  FROM sessions s JOIN users u ON u.id = s.user_id JOIN devices d ON d.id = s.device_id`;

/**
 * Who an `Authorization` header value speaks for. 401 codes for a missing, malformed,
 * forged, expired or revoked token; 403 auth.user-disabled / auth.device-revoked when the
 * account or device was stopped (checked before the session, whose revocation they cause,
 * so the app can say why).
 */
export async function authenticate(
  db: Db,
  key: Uint8Array,
  authorization: string | undefined,
  now: number,
): Promise<RequestPrincipal> {
  if (authorization === undefined || authorization.trim() === '')
    throw new CodedError('auth.token-missing');
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization);
  if (match?.[1] === undefined) throw new CodedError('auth.token-invalid');
  const claims = verifyAccessToken(key, match[1], now);
  const result = await db.query<SessionRow>(`${SESSION_SELECT} WHERE s.id = $1`, [
    claims.sessionId,
  ]);
  const row = result.rows[0];
  if (row === undefined || row.user_id !== claims.userId || row.device_id !== claims.deviceId)
    throw new CodedError('auth.token-invalid');
  refuseStopped(row);
  if (row.session_revoked_at !== null) throw new CodedError('auth.session-revoked');
  return { ...principalOf(row), sessionId: row.session_id, deviceId: row.device_id };
}

/**
 * Replaces a refresh token with a new pair. Unknown or expired → auth.refresh-invalid;
 * a token already replaced → the session is revoked (committed) and auth.refresh-invalid.
 */
export async function refreshSession(
  db: Db,
  key: Uint8Array,
  refreshToken: string,
  now: number,
): Promise<TokenPair> {
  const hash = hashRefreshToken(refreshToken);
  const outcome = await db.transaction(async (tx) => {
    const found = await tx.query<SessionRow & { token_expires_at: Date; replaced_at: Date | null }>(
      `SELECT rt.expires_at AS token_expires_at, rt.replaced_at, q.*
         FROM refresh_tokens rt
         JOIN (${SESSION_SELECT}) q ON q.session_id = rt.session_id
        WHERE rt.token_hash = $1
        FOR UPDATE OF rt`,
      [hash],
    );
    const row = found.rows[0];
    if (row === undefined) return { error: new CodedError('auth.refresh-invalid') };
    if (row.replaced_at !== null) {
      await revokeSessionsOf(tx, { sessionId: row.session_id }, 'refresh-reuse', now);
      return { error: new CodedError('auth.refresh-invalid') };
    }
    refuseStopped(row);
    if (row.session_revoked_at !== null) return { error: new CodedError('auth.session-revoked') };
    if (row.token_expires_at.getTime() <= now)
      return { error: new CodedError('auth.refresh-invalid') };

    const next = newRefreshToken();
    const refreshExpiresAt = now + REFRESH_TOKEN_TTL_MS;
    await tx.query(
      `UPDATE refresh_tokens SET replaced_at = $2::timestamptz WHERE token_hash = $1`,
      [hash, at(now)],
    );
    await tx.query(
      `INSERT INTO refresh_tokens (token_hash, session_id, issued_at, expires_at)
       VALUES ($1, $2, $3::timestamptz, $4::timestamptz)`,
      [hashRefreshToken(next), row.session_id, at(now), at(refreshExpiresAt)],
    );
    await tx.query(
      `UPDATE sessions SET last_used_at = $2::timestamptz, expires_at = $3::timestamptz WHERE id = $1`,
      [row.session_id, at(now), at(refreshExpiresAt)],
    );
    await tx.query(`UPDATE devices SET last_seen_at = $2::timestamptz WHERE id = $1`, [
      row.device_id,
      at(now),
    ]);
    // Replaced tokens are kept until they would have expired, to recognise their reuse.
    await tx.query(`DELETE FROM refresh_tokens WHERE expires_at < $1::timestamptz`, [at(now)]);
    const accessExpiresAt = now + ACCESS_TOKEN_TTL_MS;
    const pair: TokenPair = {
      accessToken: signAccessToken(key, {
        sessionId: row.session_id,
        userId: row.user_id,
        deviceId: row.device_id,
        expiresAt: accessExpiresAt,
      }),
      accessExpiresAt,
      refreshToken: next,
      refreshExpiresAt,
    };
    return { pair };
  });
  if ('error' in outcome) throw outcome.error;
  return outcome.pair;
}

/**
 * Revokes the live sessions of one session id, a user or a device; returns how many.
 * Revoked sessions stay, for the record.
 */
export async function revokeSessionsOf(
  db: Db,
  which:
    { readonly sessionId: string } | { readonly userId: string } | { readonly deviceId: string },
  reason: RevokeReason,
  now: number,
): Promise<number> {
  const [column, value] =
    'sessionId' in which
      ? ['id', which.sessionId]
      : 'userId' in which
        ? ['user_id', which.userId]
        : ['device_id', which.deviceId];
  const result = await db.query(
    `UPDATE sessions SET revoked_at = $2::timestamptz, revoked_reason = $3
      WHERE ${column} = $1 AND revoked_at IS NULL`,
    [value, at(now), reason],
  );
  return result.rowCount;
}

function refuseStopped(row: SessionRow): void {
  if (row.disabled_at !== null)
    throw new CodedError('auth.user-disabled', { username: row.username });
  if (row.device_revoked_at !== null)
    throw new CodedError('auth.device-revoked', { deviceId: row.device_id });
}

function principalOf(row: SessionRow): Principal {
  return {
    userId: row.user_id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    villageCode: row.village_code,
    townshipCode: row.township_code,
  };
}
