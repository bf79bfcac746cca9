/**
 * Protection of the citizen ID (PIPL): what a resident document stores instead of the number
 * (collections/residents.ts, README "Citizen ID"):
 *
 * - `idNumberCipher` 'v1.<keyId>.<iv>.<ciphertext>': AES-256-GCM under the township's
 *   encryption key, a fresh random 12-byte IV per encryption, base64url without padding.
 *   The additional data is 'v1.<keyId>', so a cipher whose version or key id was edited
 *   fails authentication instead of being read under a key it was not made with.
 * - `idHash`: HMAC-SHA-256 of the normalised 18-character number under the township's hash
 *   key, lower-case hex. The same on every device of the township, so a duplicate is found
 *   without decrypting, even between devices that were offline.
 * - `idMasked`, `idLast4`: what screens show and clerks search by.
 *
 * Pure: the WebCrypto implementation is passed in. shared/ has neither DOM nor Node types,
 * so `IdCrypto` is the structural subset used here; the renderer's `globalThis.crypto` and
 * Node's both provide it. The keys come from the town server (issue 4 delivers them to the
 * township's devices at registration); `keyId` names them so they can rotate.
 */
import { lastFourOf, maskCitizenId } from './citizen-id.ts';

/** An opaque key handle (WebCrypto's CryptoKey). */
export interface IdCryptoKey {
  readonly type: string;
}

export interface AesGcmParameters {
  readonly name: 'AES-GCM';
  readonly iv: Uint8Array<ArrayBuffer>;
  readonly additionalData: Uint8Array<ArrayBuffer>;
  readonly tagLength: 128;
}

/** The part of WebCrypto's SubtleCrypto used here. */
export interface IdSubtleCrypto {
  importKey(
    format: 'raw',
    keyData: Uint8Array<ArrayBuffer>,
    algorithm: { readonly name: 'AES-GCM' } | { readonly name: 'HMAC'; readonly hash: 'SHA-256' },
    extractable: false,
    keyUsages: ('encrypt' | 'decrypt' | 'sign')[],
  ): Promise<IdCryptoKey>;
  encrypt(
    algorithm: AesGcmParameters,
    key: IdCryptoKey,
    data: Uint8Array<ArrayBuffer>,
  ): Promise<ArrayBuffer>;
  decrypt(
    algorithm: AesGcmParameters,
    key: IdCryptoKey,
    data: Uint8Array<ArrayBuffer>,
  ): Promise<ArrayBuffer>;
  sign(algorithm: 'HMAC', key: IdCryptoKey, data: Uint8Array<ArrayBuffer>): Promise<ArrayBuffer>;
}

/** The part of WebCrypto's Crypto used here (`globalThis.crypto` in browsers and Node). */
export interface IdCrypto {
  readonly subtle: IdSubtleCrypto;
  getRandomValues<T extends Uint8Array<ArrayBuffer>>(array: T): T;
}

/** A township's keys, as the town server keeps them and hands them to its devices. */
export interface TownshipKeys {
  /** Names the key pair inside every cipher; 1-32 characters of [0-9A-Za-z_-]. */
  readonly keyId: string;
  /** 32 bytes: the AES-256-GCM key of `idNumberCipher`. */
  readonly encryptionKey: Uint8Array;
  /** 32 bytes: the HMAC-SHA-256 key of `idHash`. */
  readonly hashKey: Uint8Array;
}

/** The four ID fields of a resident document. */
export interface ProtectedId {
  readonly idNumberCipher: string;
  readonly idHash: string;
  readonly idMasked: string;
  readonly idLast4: string;
}

export interface IdProtector {
  /** The stored fields of a normalised 18-character number (CitizenId.number). */
  protect(number18: string): Promise<ProtectedId>;
  /** The number inside a cipher made with these keys; rejects with IdProtectionError. */
  reveal(cipher: string): Promise<string>;
  /** `idHash` of a normalised 18-character number: what duplicate checks compare. */
  hashOf(number18: string): Promise<string>;
}

export type IdProtectionFailure =
  /** Not 'v1.<keyId>.<iv>.<ciphertext>', or not base64url, or the wrong IV length. */
  | 'malformed'
  /** Made under another key id: these keys cannot (and must not try to) read it. */
  | 'unknown-key'
  /** Authentication failed: edited, truncated, or made with another key of the same id. */
  | 'not-authentic';

/**
 * A cipher that cannot be revealed. A programming or data error, not a clerk's: the
 * message never contains the cipher or the number.
 */
export class IdProtectionError extends Error {
  readonly reason: IdProtectionFailure;
  constructor(reason: IdProtectionFailure) {
    super(`citizen ID cipher cannot be revealed: ${reason}`);
    this.name = 'IdProtectionError';
    this.reason = reason;
  }
}

export const CIPHER_VERSION = 'v1';
export const KEY_ID_PATTERN = /^[0-9A-Za-z_-]{1,32}$/;
const KEY_BYTES = 32;
const IV_BYTES = 12;
const NUMBER18 = /^\d{17}[\dX]$/;

export function createIdProtector(crypto: IdCrypto, keys: TownshipKeys): IdProtector {
  if (!KEY_ID_PATTERN.test(keys.keyId)) {
    throw new RangeError('keyId must be 1-32 characters of [0-9A-Za-z_-]');
  }
  if (keys.encryptionKey.length !== KEY_BYTES || keys.hashKey.length !== KEY_BYTES) {
    throw new RangeError('township keys must be 32 bytes each');
  }
  const { keyId } = keys;
  const additionalData = ascii(`${CIPHER_VERSION}.${keyId}`);
  // Imported once, on first use; the raw bytes are copied so a caller wiping its array
  // later does not change what was imported.
  let aesKey: Promise<IdCryptoKey> | undefined;
  let hmacKey: Promise<IdCryptoKey> | undefined;
  const encryptionKey = (): Promise<IdCryptoKey> =>
    (aesKey ??= crypto.subtle.importKey(
      'raw',
      new Uint8Array(keys.encryptionKey),
      { name: 'AES-GCM' },
      false,
      ['encrypt', 'decrypt'],
    ));
  const hashKey = (): Promise<IdCryptoKey> =>
    (hmacKey ??= crypto.subtle.importKey(
      'raw',
      new Uint8Array(keys.hashKey),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    ));
  const gcm = (iv: Uint8Array<ArrayBuffer>): AesGcmParameters => ({
    name: 'AES-GCM',
    iv,
    additionalData,
    tagLength: 128,
  });

  const hashOf = async (number18: string): Promise<string> => {
    assertNormalised(number18);
    const mac = await crypto.subtle.sign('HMAC', await hashKey(), ascii(number18));
    return hex(new Uint8Array(mac));
  };

  return {
    hashOf,
    async protect(number18) {
      assertNormalised(number18);
      const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
      const sealed = await crypto.subtle.encrypt(gcm(iv), await encryptionKey(), ascii(number18));
      return {
        idNumberCipher: [
          CIPHER_VERSION,
          keyId,
          base64url(iv),
          base64url(new Uint8Array(sealed)),
        ].join('.'),
        idHash: await hashOf(number18),
        idMasked: maskCitizenId(number18),
        idLast4: lastFourOf(number18),
      };
    },
    async reveal(cipher) {
      const parts = cipher.split('.');
      const [version, cipherKeyId, ivText, sealedText] = parts;
      if (
        parts.length !== 4 ||
        version !== CIPHER_VERSION ||
        cipherKeyId === undefined ||
        ivText === undefined ||
        sealedText === undefined
      ) {
        throw new IdProtectionError('malformed');
      }
      if (cipherKeyId !== keyId) throw new IdProtectionError('unknown-key');
      const iv = fromBase64url(ivText);
      const sealed = fromBase64url(sealedText);
      if (iv?.length !== IV_BYTES || sealed === undefined) {
        throw new IdProtectionError('malformed');
      }
      let opened: ArrayBuffer;
      try {
        opened = await crypto.subtle.decrypt(gcm(iv), await encryptionKey(), sealed);
      } catch {
        throw new IdProtectionError('not-authentic');
      }
      const number = fromAscii(new Uint8Array(opened));
      // Authentic but not a number: encrypted by a buggy writer. Never returned as an ID.
      if (!NUMBER18.test(number)) throw new IdProtectionError('not-authentic');
      return number;
    },
  };
}

function assertNormalised(number18: string): void {
  // The message never contains the number: it is personal information.
  if (!NUMBER18.test(number18)) {
    throw new RangeError('expected a normalised 18-character citizen ID');
  }
}

// ---------------------------------------------------------------------------------------
// Encodings. shared/ has no TextEncoder, Buffer or btoa; what is encoded here is ASCII.

function ascii(text: string): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code > 0x7f) throw new RangeError('expected ASCII text');
    bytes[i] = code;
  }
  return bytes;
}

function fromAscii(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return text;
}

function hex(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += byte.toString(16).padStart(2, '0');
  return text;
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const BASE64URL_VALUE: ReadonlyMap<string, number> = new Map(
  Array.from({ length: 64 }, (_, value) => [BASE64URL.charAt(value), value] as const),
);

/** RFC 4648 §5 base64url, without padding. */
export function base64url(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    const group = (a << 16) | (b << 8) | c;
    const characters = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let k = 0; k < characters; k += 1) {
      text += BASE64URL.charAt((group >> (18 - 6 * k)) & 63);
    }
  }
  return text;
}

/**
 * The bytes of unpadded base64url text; undefined for anything else (a padding '=', a
 * character outside the alphabet, an impossible length, or unused bits that are not zero,
 * so each byte string has exactly one text).
 */
export function fromBase64url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (text.length % 4 === 1) return undefined;
  const bytes = new Uint8Array(Math.floor((text.length * 6) / 8));
  let buffer = 0;
  let bits = 0;
  let at = 0;
  for (const character of text) {
    const value = BASE64URL_VALUE.get(character);
    if (value === undefined) return undefined;
    buffer = ((buffer << 6) | value) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[at] = (buffer >> bits) & 0xff;
      at += 1;
    }
  }
  if ((buffer & ((1 << bits) - 1)) !== 0) return undefined;
  return bytes;
}
