/**
 * The notice screen (公示) and the 公示表 print pipeline in Chromium, in demo mode (one
 * village administrator, no server): with the sample village loaded and the default rules
 * adopted, an entry recorded through the 录入 tab waits for a second person's review — the
 * demo's only user may not approve their own entry, so no batch can be made in demo mode
 * (the whole path, batch printed from its button, runs against a real town server in
 * ledger-flow.spec.ts). What demo mode reaches is checked here: the notice settings are
 * created from the defaults and kept across a reload, and the notice sheet of sample
 * entries — the same HTML the 打印公示表 button prints — becomes, through the web shell's
 * print endpoint that the browser port calls, an A4 PDF whose Chinese text, anonymised
 * names, period, contact and page numbers read back with pdftotext.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { entry, residentOf } from '../../shared/ledger/fixtures/ledger.ts';
import { noticeEndsOn } from '../../shared/ledger/notice.ts';
import { noticeSheetHtml } from '../src/print/notice-sheet.ts';
import { villageDay } from './fixtures/dates.ts';
import { enterDemo } from './fixtures/demo.ts';
import { expect, test } from './fixtures/diagnostics.ts';

/** Fails the test on any uncaught error or console error: the app runs under its CSP. */
function watchForErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  return problems;
}

/** Picks an antd Select's option by typing into it and clicking the option shown. */
async function choose(select: Locator, text: string, option: RegExp): Promise<void> {
  await select.click();
  await select.fill(text);
  await select
    .page()
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: option })
    .first()
    .click();
}

async function openLedgerTab(page: Page, tab: string): Promise<void> {
  await page
    .getByRole('navigation', { name: '功能导航' })
    .getByText('积分', { exact: true })
    .click();
  await page.getByRole('tab', { name: tab, exact: true }).click();
}

function pdfText(pdf: Buffer): { text: string; info: string } {
  const file = join(mkdtempSync(join(tmpdir(), 'vc-notice-')), 'notice.pdf');
  writeFileSync(file, pdf);
  return {
    text: execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }),
    info: execFileSync('pdfinfo', [file], { encoding: 'utf8' }),
  };
}

test('in demo mode the notice settings are kept and the 公示表 prints as an A4 PDF whose Chinese text reads back', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const problems = watchForErrors(page);
  await enterDemo(page, '/#/residents');
  await page.getByRole('button', { name: '载入示例村民' }).click();
  await expect(page.getByText(/名册中含有示例数据/)).toBeVisible({ timeout: 60_000 });
  // The list's rows follow the register a render later than the banner (useDeferredValue).
  await expect(
    page.getByTestId('resident-table').locator('.ant-table-row').getByRole('link').first(),
  ).toBeVisible();
  const names = (
    await page
      .getByTestId('resident-table')
      .locator('.ant-table-row')
      .getByRole('link')
      .allTextContents()
  ).map((name) => name.trim());
  const named = names[0] ?? '';
  // Someone whose name the first one's does not contain, and the other way round.
  const anonymised =
    names.find((name) => name !== '' && !named.includes(name) && !name.includes(named)) ?? '';
  expect(named).not.toBe('');
  expect(anonymised).not.toBe('');

  // The default rules, adopted through the rules tab.
  await openLedgerTab(page, '积分细则');
  await page.getByRole('button', { name: '采用默认积分细则' }).click();
  const adopt = page.getByRole('dialog');
  const date = adopt.getByLabel('村民代表大会日期');
  await date.fill(villageDay(-20));
  await date.press('Enter');
  await adopt.getByLabel('会议记录编号').fill('示例村〔2025〕1号');
  await adopt.getByRole('button', { name: '确认采用' }).click();
  await expect(adopt).toBeHidden();

  // One entry through the record tab: it waits for someone else's review.
  await page.getByRole('tab', { name: '录入', exact: true }).click();
  await choose(page.getByLabel('录入对象'), named, new RegExp(`^${named}`));
  await choose(page.getByLabel('积分规则', { exact: true }), 'P-BLOOD', /无偿献血/);
  await expect(page.getByTestId('entry-preview')).toBeVisible();
  await page.getByRole('button', { name: '提交审核' }).click();
  await expect(page.getByText(`已提交审核：${named}`).last()).toBeVisible();

  // The notice tab: nothing approved waits for notice (the demo user cannot approve it).
  await page.getByRole('tab', { name: '公示', exact: true }).click();
  await expect(page).toHaveURL(/#\/ledger\/notices$/);
  await expect(page.getByText('待公示的记录（0）')).toBeVisible();
  await expect(page.getByText('还没有公示批次')).toBeVisible();

  // Notice settings: the defaults, then the village's own, kept after a reload.
  const settings = page.getByTestId('notice-settings');
  await expect(settings.getByTestId('notice-settings-current')).toHaveText(
    /本村还没有公示设置，目前按默认办法：公示 7 天/,
  );
  await settings.getByLabel('公示天数').fill('5');
  await settings.getByLabel('异议联系人及电话').fill('示例村委会 王会计 0516-88886666');
  await settings.getByRole('button', { name: '保存公示设置' }).click();
  await expect(settings.getByText('公示设置已保存，以后生成的公示批次按此办理。')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('notice-settings-current')).toHaveText(
    '公示 5 天；异议联系人及电话：示例村委会 王会计 0516-88886666',
  );
  // After the reload the ledger is read back from IndexedDB (in pages, not by a cursor).
  await page.getByRole('tab', { name: '录入', exact: true }).click();
  await expect(page.getByTestId('my-recent-entries')).toContainText(named);
  await expect(page.getByTestId('my-recent-entries')).toContainText('无偿献血');

  // The sheet of a long batch of sample entries, printed as the browser port prints.
  const startsOn = villageDay(0);
  const a = residentOf(named, 'R-A', 'H-A');
  const b = residentOf(anonymised, 'R-B', 'H-B');
  const entries = Array.from({ length: 40 }, (_, i) =>
    i % 2 === 0
      ? entry(a, 'P-BLOOD', villageDay(-1 - i), { status: 'in-notice' })
      : entry(b, 'N-LITTER', villageDay(-1 - i), { status: 'in-notice' }),
  );
  const html = noticeSheetHtml({
    villageName: '示例村',
    notice: {
      title: '示例村信用积分公示（第1批）',
      startsOn,
      endsOn: noticeEndsOn(startsOn, 5),
      days: 5,
      objectionContact: '示例村委会 王会计 0516-88886666',
    },
    batchNo: '2026-001',
    entries,
    names: {
      resident: (id) => (id === 'R-A' ? named : anonymised),
      household: (id) => ({ number: id === 'H-A' ? '001' : '002', head: '' }),
    },
    held: new Set([entries[2]?.id ?? '']),
    settings: undefined,
    printedOn: startsOn,
  });
  const response = await page.request.post('/api/print-to-pdf', {
    data: { html, landscape: false },
  });
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('application/pdf');
  const { text, info } = pdfText(await response.body());
  // Sentences wrap at the page's width: compare them without the line breaks.
  const flat = text.replace(/\s+/g, '');
  expect(info).toMatch(/Pages:\s+2\b/);
  expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
  expect(text).toContain('示例村信用积分公示表');
  expect(text).toContain('批次编号：2026-001');
  expect(text).toContain(named);
  expect(text).toContain('无偿献血（每次）');
  expect(text).toContain(`${Array.from(anonymised)[0] ?? ''}**`);
  expect(text).not.toContain(anonymised);
  expect(text).toContain('异议处理中');
  expect(flat).toMatch(/公示期：\d{4}年\d{1,2}月\d{1,2}日至\d{4}年\d{1,2}月\d{1,2}日（共5天）/);
  expect(flat).toContain(
    '如有异议，请于公示期内向示例村委会王会计反映（联系电话：0516-88886666）。',
  );
  expect(flat).toContain('示例村村民委员会（盖章）');
  expect(text).toContain('第 1 页，共 2 页');
  expect(text).toContain('第 2 页，共 2 页');
  // The table header is printed again at the top of the second page.
  expect(text.match(/序号\s+姓名\s+户号/g)).toHaveLength(2);
  expect(problems).toEqual([]);
});
