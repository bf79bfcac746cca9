import { describe, expect, it } from 'vitest';
import { displayWidth, formatTable } from './table.ts';

describe('terminal tables', () => {
  it('counts Chinese characters as two columns', () => {
    expect(displayWidth('王庄村')).toBe(6);
    expect(displayWidth('320321100')).toBe(9);
  });

  it('aligns columns by display width', () => {
    const table = formatTable(
      ['代码', '名称', '所属乡镇'],
      [
        ['320321100201', '王庄村', '320321100 新城镇'],
        ['320321100202', '东街社区', '320321100 新城镇'],
      ],
    );
    expect(table).toBe(
      '代码          名称      所属乡镇\n' +
        '320321100201  王庄村    320321100 新城镇\n' +
        '320321100202  东街社区  320321100 新城镇\n',
    );
  });
});
