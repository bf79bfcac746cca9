/**
 * What this device keeps about a password, and the key that seals a user's secrets.
 *
 * One PBKDF2-SHA-256 run over the password (a fresh 16-byte salt per account record,
 * PBKDF2_ITERATIONS in the app) yields 256 bits of master key material; HKDF-SHA-256 splits
 * it into two independent outputs:
 * - the *verifier* (32 bytes, stored): what an offline sign-in and the lock screen compare
 *   against, in constant time. It never reveals the password or the wrapping key.
 * - the *wrapping key* (AES-256-GCM, never stored, non-extractable): seals the user's
 *   secrets on this device (refresh token, the township's ID keys), so nothing secret is
 *   readable on disk without the password. It lives in memory only while the user is
 *   signed in.
 *
 * Why not deriveBits(512) split in halves: PBKDF2 computes each 256-bit block with the full
 * iteration count, so an attacker testing guesses against the stored half would do half the
 * work the app does. One block, then HKDF, keeps the attacker's cost equal to ours.
 *
 * Pure WebCrypto (`globalThis.crypto` in Chromium, Electron and Node), no storage here.
 */
import { base64url, fromBase64url } from '../../../shared/residents/id-protection.ts';

/** OWASP's 2023 figure for PBKDF2-HMAC-SHA-256 (at least 310,000 asked; about 0.1 s here). */
export const PBKDF2_ITERATIONS = 600_000;
/** What a stored record may claim; outside this, the record is refused as damaged. */
export const MIN_STORED_ITERATIONS = 1;
export const MAX_STORED_ITERATIONS = 10_000_000;
const SALT_BYTES = 16;
const IV_BYTES = 12;
const VERIFIER_BYTES = 32;
const VERIFIER_INFO = 'village-credit/offline-verifier/v1';
const WRAP_INFO = 'village-credit/secret-wrapping-key/v1';

export interface KdfParameters {
  readonly algorithm: 'PBKDF2-SHA-256';
  readonly iterations: number;
  /** base64url, 16 bytes. */
  readonly salt: string;
}

/** What one derivation gives: the stored verifier and the in-memory key. */
export interface DerivedCredentials {
  readonly kdf: KdfParameters;
  /** base64url, 32 bytes. */
  readonly verifier: string;
  readonly wrappingKey: CryptoKey;
}

/** AES-256-GCM output, base64url: a fresh 12-byte IV and the ciphertext with its tag. */
export interface Sealed {
  readonly iv: string;
  readonly data: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

function bytes(text: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(encoder.encode(text));
}

/** New credentials for a password: a fresh salt. */
export function newCredentials(
  password: string,
  iterations: number = PBKDF2_ITERATIONS,
): Promise<DerivedCredentials> {
  const salt = globalThis.crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  return deriveCredentials(password, {
    algorithm: 'PBKDF2-SHA-256',
    iterations,
    salt: base64url(salt),
  });
}

/** The verifier and wrapping key of a password under stored parameters. */
export async function deriveCredentials(
  password: string,
  kdf: KdfParameters,
): Promise<DerivedCredentials> {
  const salt = fromBase64url(kdf.salt);
  if (salt === undefined || salt.length !== SALT_BYTES) throw new RangeError('bad salt');
  if (
    !Number.isInteger(kdf.iterations) ||
    kdf.iterations < MIN_STORED_ITERATIONS ||
    kdf.iterations > MAX_STORED_ITERATIONS
  ) {
    throw new RangeError('bad iteration count');
  }
  const subtle = globalThis.crypto.subtle;
  const passwordKey = await subtle.importKey('raw', bytes(password), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const master = await subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations: kdf.iterations },
    passwordKey,
    256,
  );
  const hkdf = await subtle.importKey('raw', master, 'HKDF', false, ['deriveBits', 'deriveKey']);
  const noSalt = new Uint8Array(0);
  const verifier = await subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: noSalt, info: bytes(VERIFIER_INFO) },
    hkdf,
    VERIFIER_BYTES * 8,
  );
  const wrappingKey = await subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: noSalt, info: bytes(WRAP_INFO) },
    hkdf,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
  return { kdf, verifier: base64url(new Uint8Array(verifier)), wrappingKey };
}

/** Equal verifiers, compared without an early exit (no timing hint of a partial match). */
export function verifiersEqual(a: string, b: string): boolean {
  const left = fromBase64url(a);
  const right = fromBase64url(b);
  if (left === undefined || right === undefined) return false;
  let difference = left.length ^ right.length;
  const length = Math.max(left.length, right.length);
  for (let i = 0; i < length; i += 1) difference |= (left[i] ?? 0) ^ (right[i] ?? 0);
  return difference === 0;
}

/**
 * Seals a JSON value. `context` is bound as additional data (the record it belongs to), so a
 * sealed blob copied into another user's record fails to open instead of being read.
 */
export async function seal(key: CryptoKey, context: string, value: unknown): Promise<Sealed> {
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const data = await globalThis.crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: bytes(context), tagLength: 128 },
    key,
    bytes(JSON.stringify(value)),
  );
  return { iv: base64url(iv), data: base64url(new Uint8Array(data)) };
}

/** The value inside a sealed blob; undefined when it does not open (wrong key, edited). */
export async function unseal(key: CryptoKey, context: string, sealed: Sealed): Promise<unknown> {
  const iv = fromBase64url(sealed.iv);
  const data = fromBase64url(sealed.data);
  if (iv?.length !== IV_BYTES || data === undefined) return undefined;
  let opened: ArrayBuffer;
  try {
    opened = await globalThis.crypto.subtle.decrypt(
      { name: 'AES-GCM', iv, additionalData: bytes(context), tagLength: 128 },
      key,
      data,
    );
  } catch {
    // Authentication failed: the expected outcome for a wrong key or an edited record.
    return undefined;
  }
  try {
    return JSON.parse(decoder.decode(opened)) as unknown;
  } catch {
    return undefined;
  }
}
