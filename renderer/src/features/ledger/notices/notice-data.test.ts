import { describe, expect, it } from 'vitest';
import { batchNumber, sheetFileName, villageNameOf } from './notice-data.ts';

const at = (date: string, hour = 9) =>
  new Date(`${date}T${String(hour).padStart(2, '0')}:00:00`).getTime();

describe('what the notice screen reads', () => {
  it('numbers batches within the year they were made, in the order they were made', () => {
    const notices = [
      { id: 'N3', createdAt: at('2026-03-01') },
      { id: 'N1', createdAt: at('2025-12-30') },
      { id: 'N2', createdAt: at('2026-01-05') },
      { id: 'N4', createdAt: at('2026-03-01') },
    ];
    expect(notices.map((notice) => batchNumber(notice, notices))).toEqual([
      '2026-002',
      '2025-001',
      '2026-001',
      '2026-003',
    ]);
  });

  it('finds the village’s name in an adopted rule set’s or a batch’s title, never 本村', () => {
    expect(
      villageNameOf(
        [
          { status: 'draft', title: '北岭村积分细则（修订稿）' },
          { status: 'adopted', title: '南港村积分细则' },
        ],
        [],
      ),
    ).toBe('南港村');
    expect(
      villageNameOf(
        [{ status: 'adopted', title: '本村积分细则' }],
        [{ title: '2026年11月信用积分公示' }, { title: '东湖社区2026年第3批公示' }],
      ),
    ).toBe('东湖社区');
    expect(villageNameOf([{ status: 'adopted', title: '本村积分细则' }], [])).toBe('');
  });

  it('makes a file name the save dialog takes', () => {
    expect(sheetFileName('2026-003', '11月/12月 "公示"')).toBe(
      '公示表-2026-003-11月_12月 _公示_.pdf',
    );
  });
});
