import { describe, expect, it } from 'vitest';
import { residentsSchema } from '../collections/residents.ts';
import { parsePhone } from './phone.ts';

const stored = (input: string) => {
  const result = parsePhone(input);
  return result.ok ? result.value : undefined;
};

describe('parsePhone', () => {
  it('keeps an 11-digit mobile number as its digits, whatever spaces or dashes were typed', () => {
    expect(stored('13812345678')).toBe('13812345678');
    expect(stored('138 1234 5678')).toBe('13812345678');
    expect(stored('138-1234-5678')).toBe('13812345678');
    expect(stored('１３８１２３４５６７８')).toBe('13812345678');
    expect(stored(' 19912345678　')).toBe('19912345678');
  });

  it('drops the +86 country prefix of a mobile number', () => {
    expect(stored('+86 138 1234 5678')).toBe('13812345678');
    expect(stored('8613812345678')).toBe('13812345678');
  });

  it('stores a landline as area code and number, with the extension when there is one', () => {
    expect(stored('0510-86012345')).toBe('0510-86012345');
    expect(stored('(0510)86012345')).toBe('0510-86012345');
    expect(stored('0510 8601 2345')).toBe('0510-86012345');
    expect(stored('010-12345678')).toBeUndefined(); // local numbers never start with 1
    expect(stored('010-62345678')).toBe('010-62345678');
    expect(stored('02167891234')).toBe('021-67891234');
    expect(stored('0510-86012345 转 801')).toBe('0510-86012345-801');
    expect(stored('0510-86012345-801')).toBe('0510-86012345-801');
    expect(stored('0510-8601234')).toBe('0510-8601234');
  });

  it('refuses numbers that are neither a mobile nor a landline with area code, quoting them', () => {
    for (const input of ['1381234567', '138123456789', '12812345678', '86012345', '0510', 'abc']) {
      expect(parsePhone(input)).toEqual({
        ok: false,
        error: { code: 'resident.phone-invalid', params: { value: input } },
      });
    }
    expect(stored('13812345678, 13912345678')).toBeUndefined();
  });

  it('leaves an empty phone empty: the phone is optional', () => {
    expect(stored('')).toBe('');
    expect(stored('   ')).toBe('');
  });

  it('produces only values the residents schema accepts', () => {
    const property = residentsSchema.properties.phone;
    const pattern = new RegExp(property.pattern);
    for (const input of ['13812345678', '0510-86012345 转 801234', '(021)67891234#12']) {
      const value = stored(input);
      expect(value).toBeDefined();
      expect(value).toMatch(pattern);
      expect(value?.length).toBeLessThanOrEqual(property.maxLength);
    }
  });
});
