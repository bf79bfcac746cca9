import { describe, expect, it } from 'vitest';
import { TEST_PASSWORD_COST } from '../../test/accounts.ts';
import {
  checkPasswordPolicy,
  hashPassword,
  MIN_PASSWORD_LENGTH,
  STRONG_PASSWORD_COST,
  verifyPassword,
} from './passwords.ts';

describe('passwords', () => {
  it('hashes with scrypt, a fresh salt each time, and verifies only the same password', async () => {
    const first = await hashPassword('Credit2026pass', TEST_PASSWORD_COST);
    const second = await hashPassword('Credit2026pass', TEST_PASSWORD_COST);

    expect(first).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(second).not.toBe(first);
    expect(await verifyPassword('Credit2026pass', first, TEST_PASSWORD_COST)).toEqual({
      matches: true,
      needsRehash: false,
    });
    expect((await verifyPassword('Credit2026Pass', first, TEST_PASSWORD_COST)).matches).toBe(false);
    expect((await verifyPassword('', first, TEST_PASSWORD_COST)).matches).toBe(false);
  });

  it('hashes at the production cost of 64 MiB by default, and asks for a re-hash of cheaper hashes', async () => {
    expect(STRONG_PASSWORD_COST).toEqual({ logN: 16, r: 8, p: 1 });
    const strong = await hashPassword('Credit2026pass', STRONG_PASSWORD_COST);
    expect(strong).toMatch(/^\$scrypt\$ln=16,r=8,p=1\$/);
    expect(await verifyPassword('Credit2026pass', strong, STRONG_PASSWORD_COST)).toEqual({
      matches: true,
      needsRehash: false,
    });
    const cheap = await hashPassword('Credit2026pass', TEST_PASSWORD_COST);
    expect((await verifyPassword('Credit2026pass', cheap, STRONG_PASSWORD_COST)).needsRehash).toBe(
      true,
    );
  });

  it('treats the same text in composed and decomposed Unicode as the same password', async () => {
    const hash = await hashPassword('Mima2026\u00e9', TEST_PASSWORD_COST);
    expect((await verifyPassword('Mima2026e\u0301', hash, TEST_PASSWORD_COST)).matches).toBe(true);
  });

  it('never matches a damaged stored hash or an out-of-range cost', async () => {
    const hash = await hashPassword('Credit2026pass', TEST_PASSWORD_COST);
    for (const damaged of [
      '',
      'Credit2026pass',
      hash.slice(0, -5),
      hash.replace('ln=10', 'ln=30'),
      hash.replace('ln=10', 'ln=4'),
    ]) {
      expect((await verifyPassword('Credit2026pass', damaged, TEST_PASSWORD_COST)).matches).toBe(
        false,
      );
    }
    await expect(hashPassword('x', { logN: 4, r: 8, p: 1 })).rejects.toThrow(RangeError);
  });

  it('asks for 10 characters with letters and digits, not containing the username', () => {
    const weak = { ok: false, error: { code: 'auth.password-weak', params: { minLength: 10 } } };
    expect(MIN_PASSWORD_LENGTH).toBe(10);
    for (const password of [
      'Short2026',
      'onlyletterspassword',
      '12345678901',
      'wang.li2026xx',
      'xxWANG.LI2026',
      'x1'.repeat(200),
    ]) {
      expect(checkPasswordPolicy('wang.li', password), password).toEqual(weak);
    }
    for (const password of ['Credit2026pass', '王庄村信用积分2026', 'a1b2c3d4e5']) {
      expect(checkPasswordPolicy('wang.li', password), password).toEqual({
        ok: true,
        value: password,
      });
    }
  });
});
