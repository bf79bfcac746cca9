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
    // Product names and the English language label are the only Latin text allowed in zh-CN.
    const latinWords = keys.filter(
      (k) =>
        k !== 'language.en' &&
        /[A-Za-z]{4,}/.test(zhCN[k].replace(/\{[a-zA-Z]+\}|Excel|IndexedDB|PDF|A4/g, '')),
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
});
