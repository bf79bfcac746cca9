import { describe, expect, it } from 'vitest';
import { REGISTER_COLUMNS, columnOfHeader, headerKey } from './columns.ts';
import { validateRegister } from './validate.ts';

describe('register columns', () => {
  it('finds a column under the headers clerks write, with spaces, widths and markers', () => {
    expect(columnOfHeader('户号')?.key).toBe('householdNumber');
    expect(columnOfHeader('公民身份号码')?.key).toBe('idNumber');
    expect(columnOfHeader('身份证号码')?.key).toBe('idNumber');
    expect(columnOfHeader('手机号')?.key).toBe('phone');
    expect(columnOfHeader('网格')?.key).toBe('group');
    expect(columnOfHeader('　姓　名　')?.key).toBe('name');
    expect(columnOfHeader('*姓名')?.key).toBe('name');
    expect(columnOfHeader('身份证号（必填）')?.key).toBe('idNumber');
    expect(columnOfHeader('联系电话(手机)')?.key).toBe('phone');
    expect(columnOfHeader('序号')).toBeUndefined();
  });

  it('gives every column one key and every header one column', () => {
    const keys = REGISTER_COLUMNS.map((column) => column.key);
    expect(new Set(keys).size).toBe(keys.length);
    const headers = REGISTER_COLUMNS.flatMap((column) => [column.header, ...column.aliases]);
    expect(new Set(headers.map(headerKey)).size).toBe(headers.length);
  });

  it('has a template whose example row imports as it stands', () => {
    const result = validateRegister(
      [
        REGISTER_COLUMNS.map((column) => column.header),
        REGISTER_COLUMNS.map((column) => column.example),
      ],
      {
        today: '2024-06-15',
        villageCode: '320502001001',
        knownGroups: new Map([['第一村民小组', 'g1']]),
        findRegistered: () => undefined,
        existingHouseholdNumbers: new Set(),
      },
    );
    expect(result).toMatchObject({
      ok: true,
      plan: {
        households: [{ number: '001', groupId: 'g1', tags: ['军属'] }],
        residents: [{ name: '王秀英', relation: 'head', idNumber: '11010519491231002X' }],
      },
    });
  });
});
