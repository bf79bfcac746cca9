// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { fromBase64url } from '../../../shared/residents/id-protection.ts';
import {
  deriveCredentials,
  newCredentials,
  PBKDF2_ITERATIONS,
  seal,
  unseal,
  verifiersEqual,
} from './credentials.ts';

// Real PBKDF2, at a test cost; the app uses PBKDF2_ITERATIONS.
const ITERATIONS = 1000;

describe('offline credentials', () => {
  it('uses at least 310,000 PBKDF2 iterations in the app', () => {
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(310_000);
  });

  it('gives the same verifier for the same password and salt, and another for another password', async () => {
    const first = await newCredentials('Credit2026pass', ITERATIONS);
    const again = await deriveCredentials('Credit2026pass', first.kdf);
    const wrong = await deriveCredentials('Credit2026pasS', first.kdf);
    expect(verifiersEqual(again.verifier, first.verifier)).toBe(true);
    expect(verifiersEqual(wrong.verifier, first.verifier)).toBe(false);
    expect(fromBase64url(first.verifier)).toHaveLength(32);
    expect(first.kdf).toMatchObject({ algorithm: 'PBKDF2-SHA-256', iterations: ITERATIONS });
  });

  it('salts every record: the same password gives different verifiers on two records', async () => {
    const a = await newCredentials('Credit2026pass', ITERATIONS);
    const b = await newCredentials('Credit2026pass', ITERATIONS);
    expect(a.kdf.salt).not.toBe(b.kdf.salt);
    expect(verifiersEqual(a.verifier, b.verifier)).toBe(false);
  });

  it('keeps the wrapping key in memory only: it cannot be exported', async () => {
    const { wrappingKey } = await newCredentials('Credit2026pass', ITERATIONS);
    expect(wrappingKey.extractable).toBe(false);
    await expect(globalThis.crypto.subtle.exportKey('raw', wrappingKey)).rejects.toThrow();
  });

  it('opens sealed secrets only with the same password and the same record', async () => {
    const credentials = await newCredentials('Credit2026pass', ITERATIONS);
    const secrets = { refreshToken: 'r-1', idKeys: null };
    const sealed = await seal(credentials.wrappingKey, 'record-a', secrets);
    expect(JSON.stringify(sealed)).not.toContain('r-1');

    const same = await deriveCredentials('Credit2026pass', credentials.kdf);
    expect(await unseal(same.wrappingKey, 'record-a', sealed)).toEqual(secrets);
    const wrong = await deriveCredentials('Wrong2026pass', credentials.kdf);
    expect(await unseal(wrong.wrappingKey, 'record-a', sealed)).toBeUndefined();
    // Moved into another record, it does not open either.
    expect(await unseal(same.wrappingKey, 'record-b', sealed)).toBeUndefined();
  });

  it('compares verifiers of different lengths or encodings as unequal', () => {
    expect(verifiersEqual('AAAA', 'AAAAAA')).toBe(false);
    expect(verifiersEqual('AA==', 'AA==')).toBe(false);
  });

  it('refuses stored parameters outside what the app writes', async () => {
    const { kdf } = await newCredentials('Credit2026pass', ITERATIONS);
    await expect(deriveCredentials('x', { ...kdf, iterations: 0 })).rejects.toThrow(RangeError);
    await expect(deriveCredentials('x', { ...kdf, salt: 'AAAA' })).rejects.toThrow(RangeError);
  });
});
