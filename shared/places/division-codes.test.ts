import { describe, expect, it } from 'vitest';
import {
  townshipCodeOfVillage,
  validatePlaceName,
  validateTownshipCode,
  validateVillageCode,
} from './division-codes.ts';

describe('statistical division codes', () => {
  it('accepts 9-digit township and 12-digit village codes, trimmed', () => {
    expect(validateTownshipCode(' 320321100 ')).toEqual({ ok: true, value: '320321100' });
    expect(validateVillageCode('320321100201')).toEqual({ ok: true, value: '320321100201' });
  });

  it('accepts towns directly under a city, whose county digits are 00', () => {
    expect(validateTownshipCode('441900003').ok).toBe(true);
    expect(validateVillageCode('442000001001').ok).toBe(true);
  });

  it('refuses codes of the wrong length or with non-digits, and reports the value given', () => {
    for (const code of ['32032110', '3203211000', '32032110A', '', '320 321 100']) {
      expect(validateTownshipCode(code)).toEqual({
        ok: false,
        error: { code: 'place.township-code-invalid', params: { value: code } },
      });
    }
    for (const code of ['32032110020', '3203211002011', '32032110020x']) {
      expect(validateVillageCode(code)).toMatchObject({
        ok: false,
        error: { code: 'place.village-code-invalid' },
      });
    }
  });

  it('refuses codes that cannot be a township or village: unknown province, no city, all-zero tail', () => {
    expect(validateTownshipCode('990321100').ok).toBe(false);
    expect(validateTownshipCode('320000100').ok).toBe(false);
    expect(validateTownshipCode('320321000').ok).toBe(false);
    expect(validateVillageCode('320321100000').ok).toBe(false);
  });

  it('finds the township of a village in its first 9 digits', () => {
    expect(townshipCodeOfVillage('320321100201')).toBe('320321100');
  });
});

describe('place names', () => {
  it('accepts 1 to 40 characters, trimmed', () => {
    expect(validatePlaceName(' 王庄村 ')).toEqual({ ok: true, value: '王庄村' });
    expect(validatePlaceName('村'.repeat(40)).ok).toBe(true);
  });

  it('refuses empty, overlong and control-character names', () => {
    expect(validatePlaceName('   ').ok).toBe(false);
    expect(validatePlaceName('村'.repeat(41)).ok).toBe(false);
    expect(validatePlaceName('王庄\n村')).toMatchObject({
      ok: false,
      error: { code: 'place.name-invalid' },
    });
  });
});
