import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CodedError } from '../../../shared/errors.ts';
import {
  hashRefreshToken,
  newRefreshToken,
  signAccessToken,
  verifyAccessToken,
  type AccessClaims,
} from './tokens.ts';

const key = randomBytes(32);
const claims: AccessClaims = {
  sessionId: '01JD0000000000000000000001',
  userId: '01JD0000000000000000000002',
  deviceId: '01JD0000000000000000000003',
  expiresAt: 1_800_000_000_000,
};

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof CodedError) return error.code;
    throw error;
  }
  return 'accepted';
}

describe('access tokens', () => {
  it('carry session, user, device and expiry, and verify until they expire', () => {
    const token = signAccessToken(key, claims);

    expect(token).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(verifyAccessToken(key, token, claims.expiresAt - 1)).toEqual(claims);
    expect(codeOf(() => verifyAccessToken(key, token, claims.expiresAt))).toBe(
      'auth.token-expired',
    );
  });

  it('are refused when altered anywhere or signed with another key, before their expiry is looked at', () => {
    const token = signAccessToken(key, claims);
    const [, payload = '', signature = ''] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ sid: claims.sessionId, uid: claims.userId, did: claims.deviceId, exp: 1 }),
    ).toString('base64url');
    const flip = (text: string, at: number) =>
      text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);

    for (const bad of [
      `v1.${forged}.${signature}`,
      `v1.${flip(payload, 5)}.${signature}`,
      `v1.${payload}.${flip(signature, 10)}`,
      `v1.${payload}.`,
      `v2.${payload}.${signature}`,
      `v1.${payload}`,
      `${token}.x`,
      signAccessToken(randomBytes(32), claims),
      'x'.repeat(5000),
      '',
    ]) {
      expect(
        codeOf(() => verifyAccessToken(key, bad, 0)),
        bad.slice(0, 40),
      ).toBe('auth.token-invalid');
    }
  });

  it('refuse a correctly signed payload of the wrong shape', () => {
    // Signed exactly as documented: HMAC-SHA-256 of "v1.<payload>" with the key.
    const signed = (body: unknown): string => {
      const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
      const mac = createHmac('sha256', key).update(`v1.${payload}`).digest('base64url');
      return `v1.${payload}.${mac}`;
    };
    const valid = {
      sid: claims.sessionId,
      uid: claims.userId,
      did: claims.deviceId,
      exp: claims.expiresAt,
    };
    expect(verifyAccessToken(key, signed(valid), 0)).toEqual(claims);
    for (const body of [
      { ...valid, sid: 1 },
      { ...valid, uid: "' OR 1=1 --" },
      { ...valid, did: undefined },
      { ...valid, exp: '1800000000000' },
      { ...valid, exp: 1.5 },
      [valid],
      null,
    ]) {
      expect(
        codeOf(() => verifyAccessToken(key, signed(body), 0)),
        JSON.stringify(body),
      ).toBe('auth.token-invalid');
    }
  });
});

describe('refresh tokens', () => {
  it('are 256 random bits, stored only as their SHA-256', () => {
    const token = newRefreshToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newRefreshToken()).not.toBe(token);
    expect(hashRefreshToken(token)).toHaveLength(32);
    expect(hashRefreshToken(token).toString('base64url')).not.toContain(token);
  });
});
