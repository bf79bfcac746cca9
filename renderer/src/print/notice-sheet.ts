/**
 * The notice sheet (公示表) of a notice batch: one A4 HTML document for the print pipeline
 * (printDocument.ts, then print-pdf.ts → PDF through the platform port). Pure: the batch,
 * its entries, the names the register gives, the village's name and settings in; HTML out.
 *
 * - Each entry is printed as its rule's snapshot says (`visibility`): a named entry with
 *   the resident's name (a household as 「王建国户」) and household number; an anonymised
 *   one with the surname only (「张**」, 「某村民」 when no name is known, 「某户」 for a
 *   household) and no household number, which would name it again.
 * - An entry an open objection holds says 异议处理中 on the sheet too (DOMAIN.md §3).
 * - The period, the objection contact (the batch's, else the village settings', else the
 *   village committee) and the committee's signature line close the sheet; long batches
 *   run over pages with the table header repeated and 「第 N 页，共 M 页」 at the foot.
 * - The sheet is Chinese whatever the app's language: it is posted in the village.
 * - Everything people typed (names, rule names, titles, the contact) is escaped.
 */
import type { EventDoc } from '../../../shared/collections/events.ts';
import type { NoticeDoc } from '../../../shared/collections/notices.ts';
import type { SettingsPolicy } from '../../../shared/collections/policies.ts';
import type { Visibility } from '../../../shared/collections/rule.ts';
import type { SubjectType } from '../../../shared/collections/schema.ts';
import { escapeHtml, renderPrintDocument } from './printDocument.ts';

/** What the register says about an entry's subject. */
export interface NoticeSheetNames {
  /** A resident's name by id. */
  readonly resident: (id: string) => string | undefined;
  /** A household's number (户编号) and its head's name by id. */
  readonly household: (
    id: string,
  ) => { readonly number: string; readonly head: string } | undefined;
}

export interface NoticeSheetInput {
  /** e.g. 南港村; '' when the device does not know it (the sheet then says 本村). */
  readonly villageName: string;
  readonly notice: Pick<NoticeDoc, 'title' | 'startsOn' | 'endsOn' | 'days' | 'objectionContact'>;
  /** The batch's number as the village counts them, e.g. 2026-003. */
  readonly batchNo: string;
  /** The batch's entries, in the batch's order. */
  readonly entries: readonly EventDoc[];
  readonly names: NoticeSheetNames;
  /** Entries an open objection holds (异议处理中). */
  readonly held: ReadonlySet<string>;
  /** The village settings; their objection contact stands in for a batch without one. */
  readonly settings: Pick<SettingsPolicy, 'objectionContact'> | undefined;
  /** The date printed under the committee's name, 'YYYY-MM-DD'. */
  readonly printedOn: string;
}

/** 2026-03-05 → 2026年3月5日 */
export function chineseDate(date: string): string {
  const [year = '', month = '', day = ''] = date.split('-');
  return `${year}年${String(Number(month))}月${String(Number(day))}日`;
}

/** The subject as the sheet names it, per the rule's visibility. */
export function sheetName(subjectType: SubjectType, name: string, visibility: Visibility): string {
  const known = name.trim();
  if (subjectType === 'household') {
    if (visibility === 'anonymised') return '某户';
    return known === '' ? '某户' : `${known}户`;
  }
  if (known === '') return '某村民';
  if (visibility === 'named') return known;
  return `${Array.from(known)[0] ?? ''}**`;
}

/** 「向……反映（联系电话…）」: the contact's name part and its telephone number. */
export function splitContact(contact: string): { readonly who: string; readonly phone: string } {
  const text = contact.trim();
  const match = /^(.*?)[\s，,：:；;（(]*((?:\+?86[\s-]?)?\d[\d\s-]{5,}\d)[\s)）]*$/u.exec(text);
  if (match === null) return { who: text, phone: '' };
  const who = (match[1] ?? '')
    .replace(/^联系人[\s：:]*/u, '')
    .replace(/[\s，,：:；;（(]*((联系)?电话)?[\s，,：:；;（(]*$/u, '')
    .trim();
  return { who, phone: (match[2] ?? '').trim() };
}

function signed(points: number): string {
  return points > 0 ? `+${String(points)}` : String(points);
}

interface Row {
  readonly name: string;
  readonly household: string;
  readonly reason: string;
  readonly points: number;
  readonly occurredOn: string;
  readonly remark: string;
}

function rowOf(entry: EventDoc, names: NoticeSheetNames, held: ReadonlySet<string>): Row {
  const ruled = entry.kind === 'accrual' || entry.kind === 'deduction';
  // Only rule entries go into a notice; anything else is printed anonymised to be safe.
  const visibility: Visibility = ruled ? entry.rule.visibility : 'anonymised';
  const household = names.household(entry.householdId);
  const name =
    entry.subjectType === 'household'
      ? (household?.head ?? '')
      : (names.resident(entry.subjectId) ?? '');
  const reason = ruled
    ? entry.quantity > 1
      ? `${entry.rule.nameZh} ×${String(entry.quantity)}`
      : entry.rule.nameZh
    : '';
  return {
    name: sheetName(entry.subjectType, name, visibility),
    household: visibility === 'named' ? (household?.number ?? '') : '—',
    reason,
    points: entry.points,
    occurredOn: entry.occurredOn,
    remark: held.has(entry.id) ? '异议处理中' : '',
  };
}

const SHEET_CSS = `
  h1 { margin-bottom: 4pt; }
  .batch { text-align: center; font-size: 10.5pt; margin-bottom: 10pt; }
  .batch span + span { margin-left: 2em; }
  .lead { text-indent: 2em; }
  table { font-size: 10.5pt; margin: 4pt 0 12pt; }
  th, td { border: 1px solid #000; padding: 3pt 5pt; text-align: left; vertical-align: top; }
  th { background: #eee; font-weight: bold; }
  td.num, th.num { text-align: center; white-space: nowrap; }
  td.date, td.name, td.remark { white-space: nowrap; }
  .period { font-weight: bold; }
  .sign { margin-top: 28pt; margin-left: 55%; line-height: 2; }
`;

export function noticeSheetHtml(input: NoticeSheetInput): string {
  const { villageName, notice, batchNo, entries, names, held, settings, printedOn } = input;
  const village = villageName.trim();
  const heading = `${village === '' ? '本村' : village}信用积分公示表`;
  const committee = `${village}村民委员会`;
  const rows = entries.map((entry) => rowOf(entry, names, held));
  const body = rows
    .map(
      (row, index) => `<tr>
<td class="num">${String(index + 1)}</td>
<td class="name">${escapeHtml(row.name)}</td>
<td class="num">${escapeHtml(row.household)}</td>
<td>${escapeHtml(row.reason)}</td>
<td class="num">${signed(row.points)}</td>
<td class="date">${chineseDate(row.occurredOn)}</td>
<td class="remark">${row.remark}</td>
</tr>`,
    )
    .join('\n');

  const contact =
    notice.objectionContact.trim() !== ''
      ? notice.objectionContact
      : (settings?.objectionContact ?? '');
  const { who, phone } = splitContact(contact);
  const to = who === '' ? committee : who;
  const objection =
    phone === ''
      ? `如有异议，请于公示期内向${escapeHtml(to)}反映。`
      : `如有异议，请于公示期内向${escapeHtml(to)}反映（联系电话：${escapeHtml(phone)}）。`;

  const bodyHtml = `<h1>${escapeHtml(heading)}</h1>
<p class="batch"><span>${escapeHtml(notice.title)}</span><span>批次编号：${escapeHtml(batchNo)}</span><span>公示日期：${chineseDate(notice.startsOn)}</span></p>
<p class="lead">经村信用积分评议审核，现将以下 ${String(rows.length)} 条信用积分记录予以公示，接受村民监督。</p>
<table>
<colgroup><col style="width:6%"><col style="width:13%"><col style="width:7%"><col><col style="width:8%"><col style="width:17%"><col style="width:13%"></colgroup>
<thead><tr><th class="num">序号</th><th>姓名</th><th class="num">户号</th><th>事由（积分规则）</th><th class="num">加减分</th><th>发生日期</th><th>备注</th></tr></thead>
<tbody>
${body}
</tbody>
</table>
<p class="period">公示期：${chineseDate(notice.startsOn)}至${chineseDate(notice.endsOn)}（共 ${String(notice.days)} 天）</p>
<p>${objection}公示期满无异议的，记录自公示期满次日起生效。</p>
<p class="sign">${escapeHtml(committee)}（盖章）<br>${chineseDate(printedOn)}</p>`;
  return renderPrintDocument({
    title: `${heading}（${batchNo}）`,
    language: 'zh-CN',
    bodyHtml,
    css: SHEET_CSS,
    pageNumbers: true,
  });
}
