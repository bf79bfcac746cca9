import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../shared/errors.ts';
import type { MessageKey } from './catalogue.ts';
import { en } from './en.ts';
import { errorMessage, formatMessage, placeholdersOf } from './format.ts';
import { zhCN } from './zh-CN.ts';

const keys = Object.keys(zhCN) as MessageKey[];

describe('message catalogues', () => {
  it('give every message the same parameters in Chinese and English', () => {
    for (const key of keys)
      expect({ key, params: placeholdersOf(en[key]) }).toEqual({
        key,
        params: placeholdersOf(zhCN[key]),
      });
  });

  it('have no empty message and no English left in the Chinese source', () => {
    for (const key of keys) {
      expect(zhCN[key].trim(), key).not.toBe('');
      expect(en[key].trim(), key).not.toBe('');
    }
    // Product names, the English language label, protocol names and the identifiers people
    // type (role names, a header name) are the only Latin text allowed in zh-CN.
    const latinWords = keys.filter(
      (k) =>
        k !== 'language.en' &&
        /[A-Za-z]{4,}/.test(
          zhCN[k].replace(
            /\{[a-zA-Z]+\}|Excel|WPS|xlsx|xls|IndexedDB|PDF|A4|https?|HTTPS|X-Schema-Version|[a-z]+_[a-z_]+/g,
            '',
          ),
        ),
    );
    expect(latinWords).toEqual([]);
  });

  it('translate every shared error code in both languages', () => {
    for (const code of ERROR_CODES) {
      expect(zhCN).toHaveProperty(`errors.${code}`);
      expect(en).toHaveProperty(`errors.${code}`);
    }
  });

  it('fill parameters and leave a missing one visible rather than silently empty', () => {
    expect(formatMessage(zhCN, 'module.notBuilt.title', { module: '兑换' })).toBe(
      '「兑换」功能尚未开放',
    );
    expect(formatMessage(zhCN, 'module.notBuilt.title')).toBe('「{module}」功能尚未开放');
    expect(errorMessage(zhCN, { code: 'port.file-too-large', params: { max: 1024 } })).toContain(
      '1024',
    );
  });

  it('show parameters that are codes in the user’s language, never as the raw code', () => {
    const birth = {
      code: 'resident.id-birth-date',
      params: { value: '110105194902300012', date: '1949-02-30', reason: 'not-a-date' },
    } as const;
    expect(errorMessage(zhCN, birth)).toContain('日历上没有这一天');
    expect(errorMessage(zhCN, birth)).not.toContain('not-a-date');
    const gender = {
      code: 'resident.id-gender-mismatch',
      params: { entered: 'female', fromId: 'male' },
    } as const;
    expect(errorMessage(zhCN, gender)).toBe(
      '填写的性别「女」与身份证号第 17 位表示的「男」不一致。请以证件为准修改性别，或核对号码。',
    );
    expect(errorMessage(en, gender)).toContain('(female)');
  });
});
