import { describe, expect, it } from 'vitest';
import type { EventDoc } from '../../../shared/collections/events.ts';
import { entry, householdOf, residentOf } from '../../../shared/ledger/fixtures/ledger.ts';
import {
  chineseDate,
  noticeSheetHtml,
  sheetName,
  splitContact,
  type NoticeSheetInput,
} from './notice-sheet.ts';

const LI = residentOf('李秀英', 'R-LI', 'H-001');
const ZHANG = residentOf('张三丰', 'R-ZHANG', 'H-002');
const HOUSE = householdOf('003', 'H-003');

const RESIDENTS = new Map([
  ['R-LI', '李秀英'],
  ['R-ZHANG', '张三丰'],
]);
const HOUSEHOLDS = new Map([
  ['H-001', { number: '001', head: '王建国' }],
  ['H-002', { number: '002', head: '张三丰' }],
  ['H-003', { number: '003', head: '赵大海' }],
]);

function sheet(
  entries: readonly EventDoc[],
  changes: Partial<NoticeSheetInput> = {},
): { html: string; text: string } {
  const html = noticeSheetHtml({
    villageName: '南港村',
    notice: {
      title: '2026年11月信用积分公示',
      startsOn: '2026-11-22',
      endsOn: '2026-11-28',
      days: 7,
      objectionContact: '村委会 王会计 0516-88886666',
    },
    batchNo: '2026-003',
    entries,
    names: {
      resident: (id) => RESIDENTS.get(id),
      household: (id) => HOUSEHOLDS.get(id),
    },
    held: new Set(),
    settings: undefined,
    printedOn: '2026-11-21',
    ...changes,
  });
  const body = /<body>([\s\S]*)<\/body>/.exec(html)?.[1] ?? '';
  return { html, text: body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ') };
}

/** The cells of the sheet's body rows, as text. */
function rows(html: string): string[][] {
  const tbody = /<tbody>([\s\S]*)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...tbody.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? '').matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => cell[1] ?? ''),
  );
}

describe('the notice sheet (公示表)', () => {
  it('names the village, the batch, and lists each entry with its household, rule, signed points and date', () => {
    const blood = entry(LI, 'P-BLOOD', '2026-11-02', { status: 'approved' });
    const yard = entry(HOUSE, 'P-YARD', '2026-10-15', { status: 'approved' });
    const { html, text } = sheet([blood, yard]);
    expect(html).toContain('<h1>南港村信用积分公示表</h1>');
    expect(text).toContain('2026年11月信用积分公示 批次编号：2026-003 公示日期：2026年11月22日');
    expect(text).toContain('现将以下 2 条信用积分记录予以公示');
    expect(rows(html)).toEqual([
      ['1', '李秀英', '001', '无偿献血（每次）', '+10', '2026年11月2日', ''],
      ['2', '赵大海户', '003', '美在我家示范户（庭院整洁）', '+1', '2026年10月15日', ''],
    ]);
  });

  it('anonymises what the rule says: the surname only, no household number, 某户 for a household', () => {
    const litter = entry(ZHANG, 'N-LITTER', '2026-11-03', { status: 'approved' });
    const sewage = entry(HOUSE, 'N-SEWAGE', '2026-11-04', { status: 'approved' });
    const { html, text } = sheet([litter, sewage]);
    expect(rows(html)).toEqual([
      ['1', '张**', '—', '乱扔乱倒垃圾杂物', '-5', '2026年11月3日', ''],
      ['2', '某户', '—', '乱排污水', '-5', '2026年11月4日', ''],
    ]);
    expect(text).not.toContain('张三丰');
    expect(text).not.toContain('赵大海');
    expect(text).not.toContain('002');
  });

  it('says 某村民 for an anonymised resident the register does not name, and marks held entries 异议处理中', () => {
    const unknown = residentOf('', 'R-GONE', 'H-009');
    const fight = entry(unknown, 'N-FIGHT', '2026-11-05', { status: 'in-notice' });
    const blood = entry(LI, 'P-BLOOD', '2026-11-02', { quantity: 2, status: 'in-notice' });
    const { html } = sheet([fight, blood], { held: new Set([blood.id]) });
    expect(rows(html)).toEqual([
      ['1', '某村民', '—', '辱骂诽谤、酗酒闹事、打架斗殴', '-10', '2026年11月5日', ''],
      ['2', '李秀英', '001', '无偿献血（每次） ×2', '+20', '2026年11月2日', '异议处理中'],
    ]);
    expect(sheetName('resident', '欧阳娜娜', 'anonymised')).toBe('欧**');
    expect(sheetName('household', '王建国', 'named')).toBe('王建国户');
  });

  it('prints the period, the objection contact with its telephone, and the committee’s signature and date', () => {
    const { text } = sheet([entry(LI, 'P-BLOOD', '2026-11-02', { status: 'approved' })]);
    expect(text).toContain('公示期：2026年11月22日至2026年11月28日（共 7 天）');
    expect(text).toContain(
      '如有异议，请于公示期内向村委会 王会计反映（联系电话：0516-88886666）。公示期满无异议的，记录自公示期满次日起生效。',
    );
    expect(text).toContain('南港村村民委员会（盖章） 2026年11月21日');
    expect(chineseDate('2026-01-09')).toBe('2026年1月9日');
  });

  it('falls back to the village settings’ contact, then to the village committee', () => {
    const blood = entry(LI, 'P-BLOOD', '2026-11-02', { status: 'approved' });
    const noContact = {
      title: '公示',
      startsOn: '2026-11-22',
      endsOn: '2026-11-26',
      days: 5,
      objectionContact: ' ',
    };
    expect(
      sheet([blood], {
        notice: noContact,
        settings: { objectionContact: '联系人：李主任，电话：13800000000' },
      }).text,
    ).toContain('如有异议，请于公示期内向李主任反映（联系电话：13800000000）。');
    expect(sheet([blood], { notice: noContact }).text).toContain(
      '如有异议，请于公示期内向南港村村民委员会反映。',
    );
    const nameless = sheet([blood], { notice: noContact, villageName: '' });
    expect(nameless.html).toContain('<h1>本村信用积分公示表</h1>');
    expect(nameless.text).toContain('如有异议，请于公示期内向村民委员会反映。');
    expect(splitContact('村委会调解室（电话0631-8123456）')).toEqual({
      who: '村委会调解室',
      phone: '0631-8123456',
    });
    expect(splitContact('村委会办公室')).toEqual({ who: '村委会办公室', phone: '' });
  });

  it('escapes everything people typed', () => {
    const named = residentOf('A&<B>', 'R-X', 'H-X');
    const blood = entry(named, 'P-BLOOD', '2026-11-02', { status: 'approved' });
    const { html } = sheet([blood], {
      villageName: '<i>村',
      notice: {
        title: '<script>alert(1)</script>',
        startsOn: '2026-11-22',
        endsOn: '2026-11-28',
        days: 7,
        objectionContact: '"王"<b>',
      },
      names: { resident: () => 'A&<B>', household: () => ({ number: '<7>', head: '' }) },
    });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<i>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<td class="name">A&amp;&lt;B&gt;</td>');
    expect(html).toContain('&lt;7&gt;');
    expect(html).toContain('&quot;王&quot;&lt;b&gt;');
  });

  it('is an A4 document whose table header repeats and whose pages are numbered', () => {
    const { html } = sheet([entry(LI, 'P-BLOOD', '2026-11-02', { status: 'approved' })]);
    expect(html).toContain('@page { size: A4;');
    expect(html).toContain('content: "第 " counter(page) " 页，共 " counter(pages) " 页"');
    expect(html).toContain('thead { display: table-header-group; }');
    expect(html).toContain(
      '<thead><tr><th class="num">序号</th><th>姓名</th><th class="num">户号</th><th>事由（积分规则）</th><th class="num">加减分</th><th>发生日期</th><th>备注</th></tr></thead>',
    );
  });
});
