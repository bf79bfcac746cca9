import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../shared/errors.ts';
import { describeError, registerMessageTemplates } from './messages.ts';

/**
 * `errors.<code>` entries of an app catalogue, read as text: the server may not import the
 * renderer, but the register's messages must read the same in the app and the CLI.
 */
function catalogueErrors(file: string): Map<string, string> {
  const text = readFileSync(new URL(`../../renderer/src/i18n/${file}`, import.meta.url), 'utf8');
  const entries = new Map<string, string>();
  for (const match of text.matchAll(/'errors\.([a-z0-9.-]+)':\s*'((?:[^'\\]|\\.)*)'/g)) {
    entries.set(match[1] ?? '', match[2] ?? '');
  }
  return entries;
}

describe('server messages', () => {
  it('word the register’s codes exactly as the app’s Chinese and English catalogues do', () => {
    const zh = catalogueErrors('zh-CN.ts');
    const en = catalogueErrors('en.ts');
    const templates = Object.entries(registerMessageTemplates());

    expect(templates.length).toBe(
      ERROR_CODES.filter((code) => /^(resident|household|import|xlsx)\./.test(code)).length,
    );
    for (const [code, message] of templates) {
      expect(message.zh, code).toBe(zh.get(code));
      expect(message.en, code).toBe(en.get(code));
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
