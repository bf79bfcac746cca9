import { describe, expect, it } from 'vitest';
import { isPlausibleName, normalizeName, readDate, readGender, splitTags } from './cells.ts';

describe('readDate', () => {
  it('reads the date shapes registers use', () => {
    for (const text of ['1990-01-05', '1990/1/5', '1990.1.5', '1990年1月5日', '1990年01月05日']) {
      expect(readDate(text)).toBe('1990-01-05');
    }
    expect(readDate('19900105')).toBe('1990-01-05');
  });

  it('reads an Excel date serial number written as text, around the 1900 leap-year bug', () => {
    expect(readDate('45292')).toBe('2024-01-01');
    expect(readDate('45292.0')).toBe('2024-01-01');
    expect(readDate('1')).toBe('1900-01-01');
    expect(readDate('59')).toBe('1900-02-28');
    expect(readDate('61')).toBe('1900-03-01');
    expect(readDate('60')).toBeUndefined();
  });

  it('refuses text that is not a calendar date', () => {
    for (const text of ['1990-02-30', '1990-13-01', '1990年', '19900230', 'abc', '1990-1', '']) {
      expect(readDate(text)).toBeUndefined();
    }
  });
});

describe('readGender', () => {
  it('reads 男 and 女 and their usual variants', () => {
    expect(readGender('男')).toBe('male');
    expect(readGender(' 女性 ')).toBe('female');
    expect(readGender('M')).toBe('male');
    expect(readGender('female')).toBe('female');
    expect(readGender('未知')).toBeUndefined();
  });
});

describe('splitTags', () => {
  it('splits on 、 , ， ; ； and spaces, dropping empty pieces and repeats', () => {
    expect(splitTags('党员、志愿者，退役军人;党员  网格员；乡贤')).toEqual([
      '党员',
      '志愿者',
      '退役军人',
      '网格员',
      '乡贤',
    ]);
    expect(splitTags('')).toEqual([]);
    expect(splitTags(' 、 ')).toEqual([]);
  });
});

describe('names', () => {
  it('removes the alignment spaces between Han characters but keeps those between latin words', () => {
    expect(normalizeName(' 张　三 ')).toBe('张三');
    expect(normalizeName('张  三')).toBe('张三');
    expect(normalizeName('Ali  Mamat')).toBe('Ali Mamat');
  });

  it('accepts plausible names and refuses digits, control characters and letterless text', () => {
    expect(isPlausibleName('王秀英')).toBe(true);
    expect(isPlausibleName('阿依古丽·买买提')).toBe(true);
    expect(isPlausibleName('张三3')).toBe(false);
    expect(isPlausibleName('张\u0000三')).toBe(false);
    expect(isPlausibleName('——')).toBe(false);
    expect(isPlausibleName('王'.repeat(51))).toBe(false);
  });
});
