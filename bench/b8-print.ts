/**
 * B8: print a credit document to PDF — the 公示表 (notice sheet) until the resident's credit
 * report exists. The sheet is the app's own (renderer/src/print/notice-sheet.ts) for the
 * largest notice batch of a generated typical village, with the register's names; the PDF
 * comes from the print pipeline the web shell and the tests use (scripts/lib/pdf-renderer.ts:
 * Chromium's printToPDF, the engine of Electron's). Timed RUNS times after a warm-up that
 * starts Chromium (a desktop app prints in its running Electron; the web shell's first print
 * also starts Chromium, reported in the note). Baseline: the one-page print test page
 * (设置 → 打印测试页) through the same pipeline.
 */
import { chinaDateOf } from '../shared/ledger/dates.ts';
import type { EventDoc } from '../shared/collections/events.ts';
import { noticeSheetHtml } from '../renderer/src/print/notice-sheet.ts';
import { printTestPageHtml } from '../renderer/src/features/settings/printTestPage.ts';
import { PdfRenderer } from '../scripts/lib/pdf-renderer.ts';
import type { Benchmark } from './lib/entry.ts';
import { measured, median, pending, percentile, round } from './lib/entry.ts';
import { chromiumAvailable } from './lib/browser.ts';
import { sampleVillage } from './lib/sample.ts';

const RUNS = 12;
const GOAL_MS = 1500;
const TITLE = 'Print a credit document (the notice sheet) to PDF';

async function timeRenders(
  renderer: PdfRenderer,
  html: string,
): Promise<{ timings: number[]; bytes: number }> {
  const timings: number[] = [];
  let bytes = 0;
  for (let run = 0; run < RUNS; run += 1) {
    const t0 = performance.now();
    const pdf = await renderer.render(html, false);
    timings.push(performance.now() - t0);
    bytes = pdf.length;
  }
  return { timings, bytes };
}

export const B8: Benchmark = {
  id: 'B8',
  title: TITLE,
  expected: 'about half a minute',
  async run(log) {
    if (!chromiumAvailable())
      return [pending('B8', TITLE, 'ms', `≤ ${String(GOAL_MS)} ms`, 'Chromium is not installed')];
    const today = chinaDateOf(Date.now());
    log('B8: generating a typical village in memory…');
    const village = await sampleVillage('typical', today);
    const byNotice = new Map<string, EventDoc[]>();
    for (const event of village.events) {
      if (event.noticeId === undefined) continue;
      const batch = byNotice.get(event.noticeId) ?? [];
      batch.push(event);
      byNotice.set(event.noticeId, batch);
    }
    const [noticeId, entries] = [...byNotice].reduce((a, b) => (b[1].length > a[1].length ? b : a));
    const notice = village.notices.find((n) => n.id === noticeId);
    if (notice === undefined) throw new Error(`notice ${noticeId} of the village is missing`);
    const residents = new Map(village.residents.map((r) => [r.id, r.name]));
    const households = new Map(village.households.map((h) => [h.id, h]));
    const html = noticeSheetHtml({
      villageName: village.place.name,
      notice,
      batchNo: `${notice.startsOn.slice(0, 4)}-001`,
      entries,
      names: {
        resident: (id) => residents.get(id),
        household: (id) => {
          const household = households.get(id);
          if (household === undefined) return undefined;
          return {
            number: household.householdNo,
            head: residents.get(household.headResidentId) ?? '',
          };
        },
      },
      held: new Set(),
      settings: undefined,
      printedOn: today,
    });
    const testPage = printTestPageHtml({
      title: '打印测试页',
      body: '如果您能看清这段中文，打印和字体都正常。',
      generated: `生成于 ${today}`,
      language: 'zh-CN',
    });

    const renderer = new PdfRenderer();
    try {
      const t0 = performance.now();
      await renderer.render(testPage, false);
      const coldMs = performance.now() - t0;
      log(`B8: the first print (starting Chromium) took ${String(round(coldMs, 0))} ms`);
      const sheet = await timeRenders(renderer, html);
      const baseline = await timeRenders(renderer, testPage);
      const figure = round(percentile(sheet.timings, 95), 0);
      const base = round(median(baseline.timings), 0);
      log(
        `B8: the sheet of ${String(entries.length)} entries: median ${String(round(median(sheet.timings), 0))} ms, ` +
          `p95 ${String(figure)} ms, ${String(Math.round(sheet.bytes / 1024))} KiB; test page median ${String(base)} ms`,
      );
      return [
        measured({
          id: 'B8',
          title: TITLE,
          figure,
          unit: 'ms',
          goal: `≤ ${String(GOAL_MS)} ms`,
          baseline: base,
          baselineNote: 'the one-page print test page through the same pipeline, median',
          met: figure <= GOAL_MS,
          note:
            `p95 of ${String(RUNS)} prints of the 公示表 of the village's largest notice batch ` +
            `(${String(entries.length)} entries, ${String(Math.round(sheet.bytes / 1024))} KiB of PDF); ` +
            `the web shell's first print also starts Chromium: ${String(round(coldMs, 0))} ms here`,
        }),
      ];
    } finally {
      await renderer.close();
    }
  },
};
