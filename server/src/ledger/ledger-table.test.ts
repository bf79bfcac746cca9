import { describe, expect, it } from 'vitest';
import { checkDigitOf } from '../../../shared/residents/citizen-id.ts';
import { readLedgerTable, readPoints } from './ledger-table.ts';

const TODAY = '2026-11-22';
const WANG = `32032119650312011${checkDigitOf('32032119650312011')}`;

describe('reading a ledger sheet', () => {
  it('finds the columns by their names and aliases, in any order, below a title', () => {
    const result = readLedgerTable(
      [
        ['王庄村积分台账'],
        [],
        ['备注', '日期', '公民身份号码', '户号', '序号', '项目编码', '次数', '单次分值'],
        ['献血', '2025-03-01 00:00:00', WANG, '', '1', 'P-BLOOD', '２', ''],
        ['', '', '', '', '2', '', '', ''],
        ['', '20250502', '', '001', '3', 'P-YARD', '', '－1'],
      ],
      TODAY,
    );

    expect(result.problems).toEqual([]);
    expect(result.headerRow).toBe(3);
    expect(result.ignoredColumns).toEqual([{ column: '序号', columnIndex: 4 }]);
    expect(result.dataRows).toBe(2);
    expect(
      result.rows.map(({ row, subject, ruleCode, occurredOn, quantity, pointsText, note }) => ({
        row,
        subject,
        ruleCode,
        occurredOn,
        quantity,
        pointsText,
        note,
      })),
    ).toEqual([
      {
        row: 4,
        subject: { type: 'resident', idNumber: WANG },
        ruleCode: 'P-BLOOD',
        occurredOn: '2025-03-01',
        quantity: 2,
        pointsText: '',
        note: '献血',
      },
      {
        row: 6,
        subject: { type: 'household', householdNo: '001' },
        ruleCode: 'P-YARD',
        occurredOn: '2025-05-02',
        quantity: 1,
        pointsText: '－1',
        note: '',
      },
    ]);
  });

  it('converts a legacy 15-digit ID and refuses an impossible one', () => {
    const result = readLedgerTable(
      [
        ['身份证号', '规则编码', '发生日期'],
        ['320321650312011', 'P-BLOOD', '2025-03-01'],
        ['32032119650312011', 'P-BLOOD', '2025-03-01'],
      ],
      TODAY,
    );
    expect(result.rows.map((row) => row.subject)).toEqual([
      { type: 'resident', idNumber: `32032119650312011${checkDigitOf('32032119650312011')}` },
    ]);
    expect(result.problems).toMatchObject([
      { row: 3, column: '身份证号', value: '32032119650312011', code: 'resident.id-format' },
    ]);
  });

  it('names missing and doubled columns on the header row, and reads no row without them', () => {
    const missing = readLedgerTable(
      [
        ['姓名', '规则编码', '数量'],
        ['王建国', 'P-BLOOD', '1'],
      ],
      TODAY,
    );
    expect(missing.problems.map(({ row, column, code }) => ({ row, column, code }))).toEqual([
      { row: 1, column: '身份证号或户编号', code: 'import.column-missing' },
      { row: 1, column: '发生日期', code: 'import.column-missing' },
    ]);
    expect(missing.rows).toEqual([]);

    const doubled = readLedgerTable(
      [
        ['户编号', '规则编码', '发生日期', '日期'],
        ['001', 'P-YARD', '2025-05-02', '2025-05-03'],
      ],
      TODAY,
    );
    expect(doubled.problems).toMatchObject([
      { row: 1, column: '日期', code: 'import.column-duplicate', params: { other: '发生日期' } },
    ]);
  });

  it('says a file without entries is empty', () => {
    expect(readLedgerTable([], TODAY).problems).toMatchObject([{ code: 'ledger.import-empty' }]);
    expect(readLedgerTable([['户编号', '规则编码', '发生日期']], TODAY).problems).toMatchObject([
      { row: 1, code: 'ledger.import-empty' },
    ]);
  });

  it('reads points signed or not, and nothing else', () => {
    expect(readPoints('3')).toEqual({ value: 3, signed: false });
    expect(readPoints('-5')).toEqual({ value: -5, signed: true });
    expect(readPoints('−5')).toEqual({ value: -5, signed: true });
    expect(readPoints('＋２')).toEqual({ value: 2, signed: true });
    expect(readPoints('五分')).toBeUndefined();
    expect(readPoints('2.5')).toBeUndefined();
  });
});
