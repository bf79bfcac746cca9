import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../shared/errors.ts';
import { describeError, mirroredMessageTemplates, valueWords } from './messages.ts';

/**
 * `errors.<code>` entries of an app catalogue, read as text: the server may not import the
 * renderer, but the register's messages must read the same in the app and the CLI.
 */
function catalogueEntries(file: string, group: 'errors' | 'values'): Map<string, string> {
  const text = readFileSync(new URL(`../../renderer/src/i18n/${file}`, import.meta.url), 'utf8');
  const entries = new Map<string, string>();
  const entry = new RegExp(`'${group}\\.([a-zA-Z0-9.-]+)':\\s*'((?:[^'\\\\]|\\\\.)*)'`, 'g');
  for (const match of text.matchAll(entry)) {
    entries.set(match[1] ?? '', match[2] ?? '');
  }
  return entries;
}

describe('server messages', () => {
  it('word the register’s, accounts’ and sync codes exactly as the app’s Chinese and English catalogues do', () => {
    const zh = catalogueEntries('zh-CN.ts', 'errors');
    const en = catalogueEntries('en.ts', 'errors');
    const templates = Object.entries(mirroredMessageTemplates());

    expect(templates.length).toBe(
      ERROR_CODES.filter((code) =>
        /^(resident|household|import|xlsx|auth|sync|ledger)\./.test(code),
      ).length,
    );
    for (const [code, message] of templates) {
      expect(message.zh, code).toBe(zh.get(code));
      expect(message.en, code).toBe(en.get(code));
    }
  });

  it('put codes among the parameters into the same words as the app’s catalogues', () => {
    const zh = catalogueEntries('zh-CN.ts', 'values');
    const en = catalogueEntries('en.ts', 'values');
    expect([...zh.keys()].sort()).toEqual(Object.keys(valueWords()).sort());
    for (const [value, words] of Object.entries(valueWords())) {
      expect(words.zh, value).toBe(zh.get(value));
      expect(words.en, value).toBe(en.get(value));
    }
  });

  it('fill the parameters and put codes among them into words, like the app', () => {
    expect(describeError('resident.id-gender-mismatch', { entered: '女', fromId: 'male' })).toEqual(
      {
        zh: '填写的性别「女」与身份证号第 17 位表示的「男」不一致。请以证件为准修改性别，或核对号码。',
        en: 'The gender entered (女) differs from the one the ID number gives (male). Correct it to match the card, or check the number.',
      },
    );
    expect(
      describeError('resident.id-birth-date', {
        value: '320321199902300011',
        date: '1999-02-30',
        reason: 'not-a-date',
      }).zh,
    ).toBe(
      '身份证号「320321199902300011」中的出生日期 1999-02-30 不成立：日历上没有这一天。请核对证件。',
    );
  });

  it('have a message for every code of every group the server speaks', () => {
    for (const code of ERROR_CODES) {
      if (/^(port|localdb)\./.test(code)) continue;
      const message = describeError(code, {});
      expect(message.zh, code).not.toContain(code);
      expect(message.en, code).not.toContain(code);
    }
  });
});
