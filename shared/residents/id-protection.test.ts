import { describe, expect, it } from 'vitest';
import { residentsSchema } from '../collections/residents.ts';
import { checkDigitOf } from './citizen-id.ts';
import {
  base64url,
  createIdProtector,
  fromBase64url,
  IdProtectionError,
  type IdCrypto,
  type IdProtectionFailure,
  type TownshipKeys,
} from './id-protection.ts';

// shared/ compiles without DOM or Node types; Node 24's WebCrypto is the implementation
// the town server passes, and it has the browser's shape.
const webCrypto = (globalThis as unknown as { crypto: IdCrypto }).crypto;

function bytes(seed: number): Uint8Array {
  return Uint8Array.from({ length: 32 }, (_, i) => (seed * 31 + i * 7) % 256);
}

const KEYS: TownshipKeys = { keyId: '320321100-k1', encryptionKey: bytes(1), hashKey: bytes(2) };

function idOf(birth: string, sequence: string, region = '320321'): string {
  const first17 = `${region}${birth}${sequence}`;
  return `${first17}${checkDigitOf(first17)}`;
}

const WANG = idOf('19650312', '011');
const LI = idOf('19680704', '022');
/** GB 11643's own specimen, with the check character X. */
const SPECIMEN = '11010519491231002X';

async function failureOf(promise: Promise<unknown>): Promise<IdProtectionFailure> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof IdProtectionError)) throw new Error(`expected an IdProtectionError`);
  return error.reason;
}

/** A cipher with one of its four dot-separated parts replaced. */
function withPart(cipher: string, index: number, replace: (part: string) => string): string {
  return cipher
    .split('.')
    .map((part, i) => (i === index ? replace(part) : part))
    .join('.');
}

describe('citizen ID protection', () => {
  const protector = createIdProtector(webCrypto, KEYS);

  it('reveals the number it protected, and stores nothing readable beside the masked form', async () => {
    for (const number of [WANG, LI, SPECIMEN]) {
      const stored = await protector.protect(number);

      expect(await protector.reveal(stored.idNumberCipher)).toBe(number);
      expect(stored.idNumberCipher).not.toContain(number);
      expect(stored.idNumberCipher).not.toContain(number.slice(6, 14));
    }
  });

  it('gives the masked form, the last four and a hash in the shapes the residents schema requires', async () => {
    const stored = await protector.protect(SPECIMEN);
    const { properties } = residentsSchema;

    expect(stored.idMasked).toBe('1101**********002X');
    expect(stored.idLast4).toBe('002X');
    expect(stored.idHash).toMatch(new RegExp(properties.idHash.pattern));
    expect(stored.idMasked).toMatch(new RegExp(properties.idMasked.pattern));
    expect(stored.idLast4).toMatch(new RegExp(properties.idLast4.pattern));
    expect(stored.idNumberCipher).toMatch(/^v1\.320321100-k1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
  });

  it('fits the longest key id into the schema’s maxLength with room to spare', async () => {
    const longest = createIdProtector(webCrypto, { ...KEYS, keyId: 'k'.repeat(32) });
    const { idNumberCipher } = await longest.protect(SPECIMEN);

    // 18 bytes of number + 16 bytes of tag = 46 characters; a 12-byte IV = 16.
    expect(idNumberCipher.length).toBe('v1.'.length + 32 + 1 + 16 + 1 + 46);
    expect(idNumberCipher.length).toBeLessThanOrEqual(
      residentsSchema.properties.idNumberCipher.maxLength,
    );
  });

  it('encrypts the same number differently each time (random IV) but hashes it the same', async () => {
    const first = await protector.protect(WANG);
    const second = await protector.protect(WANG);

    expect(first.idNumberCipher).not.toBe(second.idNumberCipher);
    expect(first.idHash).toBe(second.idHash);
    expect(await protector.hashOf(WANG)).toBe(first.idHash);
    expect(await protector.hashOf(LI)).not.toBe(first.idHash);
  });

  it('hashes the same number the same way on every device holding the township’s keys', async () => {
    const otherDevice = createIdProtector(webCrypto, {
      keyId: KEYS.keyId,
      encryptionKey: new Uint8Array(KEYS.encryptionKey),
      hashKey: new Uint8Array(KEYS.hashKey),
    });

    expect(await otherDevice.hashOf(WANG)).toBe(await protector.hashOf(WANG));
    expect(await otherDevice.reveal((await protector.protect(WANG)).idNumberCipher)).toBe(WANG);
  });

  it('hashes differently under another township’s hash key', async () => {
    const otherTownship = createIdProtector(webCrypto, { ...KEYS, hashKey: bytes(3) });

    expect(await otherTownship.hashOf(WANG)).not.toBe(await protector.hashOf(WANG));
  });

  it('is the HMAC-SHA-256 of the number’s characters under the hash key', async () => {
    const key = await webCrypto.subtle.importKey(
      'raw',
      new Uint8Array(KEYS.hashKey),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    const mac = new Uint8Array(
      await webCrypto.subtle.sign(
        'HMAC',
        key,
        Uint8Array.from(WANG, (c) => c.charCodeAt(0)),
      ),
    );
    const expected = [...mac].map((b) => b.toString(16).padStart(2, '0')).join('');

    expect(await protector.hashOf(WANG)).toBe(expected);
  });

  it('refuses a cipher whose ciphertext, IV or tag was changed', async () => {
    const { idNumberCipher } = await protector.protect(WANG);
    const flipFirst = (part: string) => (part.startsWith('A') ? 'B' : 'A') + part.slice(1);

    expect(await failureOf(protector.reveal(withPart(idNumberCipher, 3, flipFirst)))).toBe(
      'not-authentic',
    );
    expect(await failureOf(protector.reveal(withPart(idNumberCipher, 2, flipFirst)))).toBe(
      'not-authentic',
    );
    // A shortened tag authenticates nothing either.
    const truncate = (part: string) => base64url(fromBase64url(part)!.slice(0, -3));
    expect(await failureOf(protector.reveal(withPart(idNumberCipher, 3, truncate)))).toBe(
      'not-authentic',
    );
  });

  it('refuses a cipher made under another key id, and one whose key id was edited', async () => {
    const rotated = createIdProtector(webCrypto, { ...KEYS, keyId: '320321100-k2' });
    const { idNumberCipher } = await rotated.protect(WANG);

    expect(await failureOf(protector.reveal(idNumberCipher))).toBe('unknown-key');
    // The key id is authenticated data: relabelling a cipher does not make it readable.
    const relabelled = withPart(idNumberCipher, 1, () => KEYS.keyId);
    expect(await failureOf(protector.reveal(relabelled))).toBe('not-authentic');
  });

  it('refuses a cipher made with another encryption key under the same key id', async () => {
    const impostor = createIdProtector(webCrypto, { ...KEYS, encryptionKey: bytes(9) });
    const { idNumberCipher } = await impostor.protect(WANG);

    expect(await failureOf(protector.reveal(idNumberCipher))).toBe('not-authentic');
  });

  it('refuses text that is not a cipher', async () => {
    const { idNumberCipher } = await protector.protect(WANG);
    for (const text of [
      '',
      WANG,
      idNumberCipher.replace(/^v1\./, 'v2.'),
      `${idNumberCipher}.extra`,
      withPart(idNumberCipher, 2, (part) => `${part}=`),
      withPart(idNumberCipher, 2, (part) => part.slice(0, 12)),
      withPart(idNumberCipher, 3, (part) => `${part.slice(1)}+`),
    ]) {
      expect(await failureOf(protector.reveal(text)), text).toBe('malformed');
    }
  });

  it('refuses numbers that were not parsed first, without echoing them', async () => {
    for (const text of ['11010519491231002x', '110105194912310', ' 11010519491231002X']) {
      for (const attempt of [protector.protect(text), protector.hashOf(text)]) {
        const error = await attempt.then(
          () => undefined,
          (caught: unknown) => caught,
        );
        expect(error).toBeInstanceOf(RangeError);
        expect(String(error)).not.toContain(text.trim());
      }
    }
  });

  it('refuses keys of the wrong size or a key id that would break the cipher format', () => {
    expect(() => createIdProtector(webCrypto, { ...KEYS, hashKey: new Uint8Array(16) })).toThrow(
      RangeError,
    );
    expect(() =>
      createIdProtector(webCrypto, { ...KEYS, encryptionKey: new Uint8Array(31) }),
    ).toThrow(RangeError);
    for (const keyId of ['', 'a.b', 'k'.repeat(33), '密钥']) {
      expect(() => createIdProtector(webCrypto, { ...KEYS, keyId }), keyId).toThrow(RangeError);
    }
  });
});

describe('base64url', () => {
  it('encodes the RFC 4648 test vectors without padding, and decodes them back', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'Zg'],
      ['fo', 'Zm8'],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg'],
      ['fooba', 'Zm9vYmE'],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [text, encoded] of vectors) {
      const raw = Uint8Array.from(text, (c) => c.charCodeAt(0));
      expect(base64url(raw)).toBe(encoded);
      expect(fromBase64url(encoded)).toEqual(raw);
    }
  });

  it('uses - and _ where base64 has + and /', () => {
    expect(base64url(Uint8Array.of(0xfb, 0xff, 0xbf))).toBe('-_-_');
    expect(fromBase64url('-_-_')).toEqual(Uint8Array.of(0xfb, 0xff, 0xbf));
  });

  it('round-trips every byte value', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    for (let length = 0; length <= 256; length += 17) {
      const slice = all.slice(0, length);
      expect(fromBase64url(base64url(slice))).toEqual(slice);
    }
  });

  it('refuses padding, foreign characters, impossible lengths and non-zero unused bits', () => {
    for (const text of ['Zg==', 'Zm9v+', 'Zm9v/', 'Z', 'Zm9vY', 'Zh', 'Zm-']) {
      expect(fromBase64url(text), text).toBeUndefined();
    }
  });
});
