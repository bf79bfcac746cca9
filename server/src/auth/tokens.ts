/**
 * Access and refresh tokens.
 *
 * Access token: `v1.<payload>.<signature>`, payload the base64url JSON
 * `{ sid, uid, did, exp }` (session, user, device, expiry in epoch ms), signature the
 * base64url HMAC-SHA-256 of `v1.<payload>` with the server's signing key. It is short-lived
 * (ACCESS_TOKEN_TTL_MS) and, beyond its signature, is checked against its session on every
 * request (sessions.ts), so a revocation takes effect at once. The signing key is made once
 * and kept in `server_secrets`, so every server instance on one PostgreSQL accepts it.
 *
 * Refresh token: 32 random bytes, base64url; only its SHA-256 is stored. It lives
 * REFRESH_TOKEN_TTL_MS and is replaced on every use.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { CodedError } from '../../../shared/errors.ts';
import type { Db } from '../db/database.ts';

export const ACCESS_TOKEN_TTL_MS = 15 * 60 * 1000;
export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 60 * 60 * 1000;

const VERSION = 'v1';
const SIGNING_KEY_NAME = 'access-token-hmac';
const KEY_BYTES = 32;
/** Anything longer is not one of ours; refuse before decoding. */
const MAX_TOKEN_LENGTH = 1024;
const ID = /^[0-9A-Z]{26}$/;

export interface AccessClaims {
  readonly sessionId: string;
  readonly userId: string;
  readonly deviceId: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
}

export function signAccessToken(key: Uint8Array, claims: AccessClaims): string {
  const payload = Buffer.from(
    JSON.stringify({
      sid: claims.sessionId,
      uid: claims.userId,
      did: claims.deviceId,
      exp: claims.expiresAt,
    }),
  ).toString('base64url');
  return `${VERSION}.${payload}.${sign(key, `${VERSION}.${payload}`)}`;
}

/**
 * The claims of a token this server signed; `auth.token-invalid` for anything else
 * (malformed, wrong version, bad signature), `auth.token-expired` once past its expiry.
 * The signature is checked first and in constant time, so expiry says nothing about a
 * forged token.
 */
export function verifyAccessToken(key: Uint8Array, token: string, now: number): AccessClaims {
  const invalid = new CodedError('auth.token-invalid');
  if (token.length > MAX_TOKEN_LENGTH) throw invalid;
  const parts = token.split('.');
  if (parts.length !== 3) throw invalid;
  const [version, payload, signature] = parts as [string, string, string];
  if (version !== VERSION) throw invalid;
  const expected = Buffer.from(sign(key, `${version}.${payload}`), 'base64url');
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid;

  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  if (typeof claims !== 'object' || claims === null) throw invalid;
  const { sid, uid, did, exp } = claims as Record<string, unknown>;
  if (
    typeof sid !== 'string' ||
    typeof uid !== 'string' ||
    typeof did !== 'string' ||
    !ID.test(sid) ||
    !ID.test(uid) ||
    !ID.test(did) ||
    typeof exp !== 'number' ||
    !Number.isSafeInteger(exp)
  ) {
    throw invalid;
  }
  if (now >= exp) throw new CodedError('auth.token-expired');
  return { sessionId: sid, userId: uid, deviceId: did, expiresAt: exp };
}

export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored of a refresh token. */
export function hashRefreshToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/**
 * The access-token signing key: made (32 random bytes) by the first server that needs it,
 * read by every other. Two instances racing both insert-or-ignore, then read the one row.
 */
export async function loadSigningKey(db: Db): Promise<Uint8Array> {
  await db.query(
    `INSERT INTO server_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`,
    [SIGNING_KEY_NAME, randomBytes(KEY_BYTES)],
  );
  const result = await db.query<{ value: Uint8Array }>(
    'SELECT value FROM server_secrets WHERE name = $1',
    [SIGNING_KEY_NAME],
  );
  const value = result.rows[0]?.value;
  if (value === undefined) throw new Error('the access-token signing key was not stored');
  return new Uint8Array(value);
}

function sign(key: Uint8Array, data: string): string {
  return createHmac('sha256', key).update(data, 'utf8').digest('base64url');
}
