import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en.ts';
import { zhCN } from '../../i18n/zh-CN.ts';
import { adviceKey, fieldLabel, formatValue, shownFields } from './present.ts';

const time = (ms: number) => `t${String(ms)}`;

describe('the sync screen’s wording', () => {
  it('names fields in the user’s language, and an unknown field by its own name', () => {
    expect(fieldLabel(zhCN, 'address')).toBe('住址');
    expect(fieldLabel(en, 'address')).toBe('address');
    expect(fieldLabel(zhCN, 'someNewField')).toBe('someNewField');
  });

  it('shows values as people read them', () => {
    expect(formatValue(zhCN, 'gender', 'female', time)).toBe('女');
    expect(formatValue(zhCN, 'tags', ['党员', '志愿者'], time)).toBe('党员、志愿者');
    expect(formatValue(zhCN, 'notes', '', time)).toBe('（空）');
    expect(formatValue(zhCN, 'members', [{ residentId: 'R-1' }, { residentId: 'R-2' }], time)).toBe(
      '2 项',
    );
    expect(formatValue(zhCN, '_deleted', true, time)).toBe('已删除');
    expect(formatValue(zhCN, 'updatedAt', 5, time)).toBe('t5');
    // An id that happens to match a word stays an id.
    expect(formatValue(zhCN, 'householdId', 'male', time)).toBe('male');
  });

  it('shows the field a derived one comes from instead of it', () => {
    expect(shownFields(['namePinyin', 'nameInitials', 'address'])).toEqual(['name', 'address']);
    expect(shownFields(['idNumberCipher', 'idHash', 'idLast4', 'idMasked'])).toEqual(['idMasked']);
    expect(shownFields(['_deleted'])).toEqual(['_deleted']);
  });

  it('gives every refusal a way forward', () => {
    expect(zhCN[adviceKey('sync.field-immutable')]).toContain('不能再改');
    expect(adviceKey('sync.workflow-backward')).toBe('sync.advice.workflow-backward');
    expect(adviceKey('http.bad-request')).toBe('sync.advice.other');
  });
});
