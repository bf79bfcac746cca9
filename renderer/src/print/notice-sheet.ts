/**
 * The notice sheet (公示表) of a notice batch: one A4 HTML document for the print pipeline
 * (printDocument.ts → PDF through the platform port). Entries whose rule says
 * 'anonymised' show the surname only (张**) or 「某户」; everything typed by people is
 * escaped. The period and the objection contact are printed as the batch holds them.
 */
import type { NoticeDoc } from '../../../shared/collections/notices.ts';
import type { Visibility } from '../../../shared/collections/rule.ts';
import type { SubjectType } from '../../../shared/collections/schema.ts';
import { escapeHtml, renderPrintDocument } from './printDocument.ts';

export interface NoticeSheetRow {
  readonly subjectType: SubjectType;
  /** A resident's name, or a household's number. */
  readonly name: string;
  readonly visibility: Visibility;
  readonly rule: string;
  readonly points: number;
  readonly occurredOn: string;
}

export interface NoticeSheetInput {
  readonly notice: Pick<NoticeDoc, 'title' | 'startsOn' | 'endsOn' | 'days' | 'objectionContact'>;
  readonly rows: readonly NoticeSheetRow[];
  /** The date printed under the committee's name, 'YYYY-MM-DD'. */
  readonly printedOn: string;
}

/** 2026-03-05 → 2026年3月5日 */
export function chineseDate(date: string): string {
  const [year = '', month = '', day = ''] = date.split('-');
  return `${year}年${String(Number(month))}月${String(Number(day))}日`;
}

/** The name as the sheet shows it: 张** for an anonymised resident, 某户 for a household. */
export function sheetName(
  row: Pick<NoticeSheetRow, 'subjectType' | 'name' | 'visibility'>,
): string {
  if (row.subjectType === 'household')
    return row.visibility === 'anonymised' ? '某户' : `${row.name}户`;
  if (row.visibility === 'named') return row.name;
  const [surname = '', ...rest] = Array.from(row.name);
  return surname + '*'.repeat(Math.max(1, rest.length));
}

function signed(points: number): string {
  return points > 0 ? `+${String(points)}` : String(points);
}

const SHEET_CSS = `
  table { width: 100%; border-collapse: collapse; font-size: 11pt; }
  thead { display: table-header-group; }
  tr { page-break-inside: avoid; }
  th, td { border: 1px solid #000; padding: 4pt 6pt; text-align: left; vertical-align: top; }
  th { background: #eee; }
  td.num { text-align: right; white-space: nowrap; }
  .period { margin-top: 12pt; }
  .sign { margin-top: 24pt; text-align: right; }
`;

export function noticeSheetHtml({ notice, rows, printedOn }: NoticeSheetInput): string {
  const body = rows
    .map(
      (row, index) => `<tr>
<td class="num">${String(index + 1)}</td>
<td>${escapeHtml(sheetName(row))}</td>
<td>${escapeHtml(row.rule)}</td>
<td class="num">${signed(row.points)}</td>
<td>${escapeHtml(chineseDate(row.occurredOn))}</td>
</tr>`,
    )
    .join('\n');
  const contact = notice.objectionContact.trim();
  const objection =
    contact === ''
      ? '如对公示内容有异议，请在公示期内向村民委员会反映。'
      : `如对公示内容有异议，请在公示期内向村民委员会反映。联系人及电话：${escapeHtml(contact)}`;
  const bodyHtml = `<h1>${escapeHtml(notice.title)}</h1>
<table>
<thead><tr><th>序号</th><th>姓名</th><th>事由（积分规则）</th><th>分值</th><th>发生日期</th></tr></thead>
<tbody>
${body}
</tbody>
</table>
<p class="period">公示期：${chineseDate(notice.startsOn)}至${chineseDate(notice.endsOn)}（共 ${String(notice.days)} 天）。</p>
<p>${objection}</p>
<p class="sign">村民委员会<br>${chineseDate(printedOn)}</p>`;
  return renderPrintDocument({ title: notice.title, language: 'zh-CN', bodyHtml, css: SHEET_CSS });
}
