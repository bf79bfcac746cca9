/**
 * Password hashing and the password policy.
 *
 * Hashes are scrypt (node:crypto; memory-hard, no dependency) in the PHC string format
 * `$scrypt$ln=16,r=8,p=1$<salt>$<hash>` (salt and hash base64url): the parameters travel
 * with the hash, so raising the cost later still verifies old hashes, and a sign-in with a
 * weaker stored cost re-hashes the password at the current one (`needsRehash`).
 *
 * Production cost: N = 2^16, r = 8, p = 1 — 64 MiB and about 0.2 s per hash on a small
 * server; libuv runs at most four at once, so sign-in bursts stay under 256 MiB. Tests pass
 * a cheaper `PasswordCost` (down to N = 2^10) and still run the real scrypt path.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { fail, ok, type Result } from '../../../shared/errors.ts';

export interface PasswordCost {
  /** log2 of scrypt's N. */
  readonly logN: number;
  readonly r: number;
  readonly p: number;
}

export const STRONG_PASSWORD_COST: PasswordCost = { logN: 16, r: 8, p: 1 };
/** The cheapest cost accepted at all: for tests; never configure it in production. */
export const MIN_LOG_N = 10;
const MAX_LOG_N = 20;

export const MIN_PASSWORD_LENGTH = 10;
/** Longer input is refused before hashing: scrypt time grows with it. */
export const MAX_PASSWORD_LENGTH = 256;

const SALT_BYTES = 16;
const HASH_BYTES = 32;
// Salt and hash have exactly the lengths written: a truncated hash must not verify a prefix.
const PHC =
  /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9_-]{22})\$([A-Za-z0-9_-]{43})$/;

export async function hashPassword(password: string, cost: PasswordCost): Promise<string> {
  checkCost(cost);
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, cost, HASH_BYTES);
  return `$scrypt$ln=${cost.logN},r=${cost.r},p=${cost.p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

export interface Verification {
  readonly matches: boolean;
  /** The stored hash is cheaper than `current`: store a new hash of the password. */
  readonly needsRehash: boolean;
}

/**
 * Compares in constant time. A malformed stored hash never matches (and is logged by the
 * caller as data damage, not as a wrong password).
 */
export async function verifyPassword(
  password: string,
  encoded: string,
  current: PasswordCost,
): Promise<Verification> {
  const parsed = parseHash(encoded);
  if (parsed === undefined) return { matches: false, needsRehash: false };
  const actual = await derive(password, parsed.salt, parsed.cost, parsed.hash.length);
  const matches = timingSafeEqual(actual, parsed.hash);
  const needsRehash =
    parsed.cost.logN < current.logN || parsed.cost.r < current.r || parsed.cost.p < current.p;
  return { matches, needsRehash };
}

/**
 * A hash of a random password at `cost`, for usernames without an account: verifying
 * against it costs the same time as a real check, so the answer's timing does not say
 * whether the account exists.
 */
export function dummyHash(cost: PasswordCost): Promise<string> {
  return hashPassword(randomBytes(18).toString('base64url'), cost);
}

/**
 * The policy: at least MIN_PASSWORD_LENGTH characters, letters and digits both, not
 * containing the username (case-insensitively). auth.password-weak {minLength} otherwise;
 * the password itself when it passes.
 */
export function checkPasswordPolicy(username: string, password: string): Result<string> {
  const weak = fail<string>('auth.password-weak', { minLength: MIN_PASSWORD_LENGTH });
  if (Array.from(password).length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH)
    return weak;
  if (!/\p{L}/u.test(password) || !/\p{Nd}/u.test(password)) return weak;
  const name = username.trim().toLowerCase();
  if (name.length > 0 && password.toLowerCase().includes(name)) return weak;
  return ok(password);
}

interface ParsedHash {
  readonly cost: PasswordCost;
  readonly salt: Buffer;
  readonly hash: Buffer;
}

function parseHash(encoded: string): ParsedHash | undefined {
  const match = PHC.exec(encoded);
  if (match === null) return undefined;
  const cost = { logN: Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
  if (!validCost(cost)) return undefined;
  return {
    cost,
    salt: Buffer.from(match[4] ?? '', 'base64url'),
    hash: Buffer.from(match[5] ?? '', 'base64url'),
  };
}

function derive(
  password: string,
  salt: Buffer,
  cost: PasswordCost,
  length: number,
): Promise<Buffer> {
  const N = 2 ** cost.logN;
  // scrypt needs 128·N·r bytes; maxmem must exceed it or Node refuses.
  const maxmem = 256 * N * cost.r;
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize('NFC'),
      salt,
      length,
      { N, r: cost.r, p: cost.p, maxmem },
      (error, key) => {
        if (error === null) resolve(key);
        else reject(error);
      },
    );
  });
}

function validCost(cost: PasswordCost): boolean {
  return (
    Number.isInteger(cost.logN) &&
    cost.logN >= MIN_LOG_N &&
    cost.logN <= MAX_LOG_N &&
    Number.isInteger(cost.r) &&
    cost.r >= 1 &&
    cost.r <= 32 &&
    Number.isInteger(cost.p) &&
    cost.p >= 1 &&
    cost.p <= 16
  );
}

function checkCost(cost: PasswordCost): void {
  if (!validCost(cost)) throw new RangeError(`scrypt cost out of range: ${JSON.stringify(cost)}`);
}
