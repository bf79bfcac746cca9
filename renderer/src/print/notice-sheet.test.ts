import { describe, expect, it } from 'vitest';
import { chineseDate, noticeSheetHtml, sheetName } from './notice-sheet.ts';

const notice = {
  title: '南港村2026年11月信用积分公示',
  startsOn: '2026-11-22',
  endsOn: '2026-11-28',
  days: 7,
  objectionContact: '王会计 13800000000',
};

describe('the notice sheet', () => {
  it('anonymises what the rule says and names the rest', () => {
    expect(sheetName({ subjectType: 'resident', name: '张三丰', visibility: 'anonymised' })).toBe(
      '张**',
    );
    expect(sheetName({ subjectType: 'resident', name: '李四', visibility: 'named' })).toBe('李四');
    expect(sheetName({ subjectType: 'household', name: '012', visibility: 'named' })).toBe('012户');
    expect(sheetName({ subjectType: 'household', name: '012', visibility: 'anonymised' })).toBe(
      '某户',
    );
  });

  it('prints the rows with signed points, the period and the objection contact', () => {
    const html = noticeSheetHtml({
      notice,
      rows: [
        {
          subjectType: 'resident',
          name: '李四',
          visibility: 'named',
          rule: '无偿献血',
          points: 5,
          occurredOn: '2026-11-02',
        },
        {
          subjectType: 'resident',
          name: '张三丰',
          visibility: 'anonymised',
          rule: '乱扔垃圾',
          points: -2,
          occurredOn: '2026-11-03',
        },
      ],
      printedOn: '2026-11-22',
    });
    expect(html).toContain('<h1>南港村2026年11月信用积分公示</h1>');
    expect(html).toContain('<td>李四</td>');
    expect(html).toContain('<td class="num">+5</td>');
    expect(html).toContain('<td>张**</td>');
    expect(html).not.toContain('张三丰');
    expect(html).toContain('<td class="num">-2</td>');
    expect(html).toContain('公示期：2026年11月22日至2026年11月28日（共 7 天）');
    expect(html).toContain('联系人及电话：王会计 13800000000');
    expect(html).toContain('thead { display: table-header-group; }');
  });

  it('escapes what people typed and leaves out an empty contact', () => {
    const html = noticeSheetHtml({
      notice: { ...notice, title: '<b>公示</b>', objectionContact: ' ' },
      rows: [
        {
          subjectType: 'resident',
          name: 'A&<B>',
          visibility: 'named',
          rule: '"规则"',
          points: 1,
          occurredOn: '2026-01-09',
        },
      ],
      printedOn: '2026-11-22',
    });
    expect(html).toContain('&lt;b&gt;公示&lt;/b&gt;');
    expect(html).toContain('A&amp;&lt;B&gt;');
    expect(html).toContain('&quot;规则&quot;');
    expect(html).not.toContain('联系人及电话');
    expect(chineseDate('2026-01-09')).toBe('2026年1月9日');
  });
});
