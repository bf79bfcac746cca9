/**
 * The village's rules (积分细则) in Chromium on real IndexedDB, in demo mode (a village
 * administrator, no server): with the sample village loaded, the rules tab says no rule
 * set is adopted yet; 「采用默认积分细则」 with the meeting's date typed in and its reference
 * records the adoption, and the packaged rules are in force from the meeting's date,
 * after a reload too. A resident's file then shows the figures of someone with no entries.
 */
import type { Page } from '@playwright/test';
import { defaultRules } from '../../shared/ledger/templates.ts';
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

test('the default rules are adopted through the form and are in force from the meeting date', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const problems = watchForErrors(page);
  await enterDemo(page, '/#/residents');
  await page.getByRole('button', { name: '载入示例村民' }).click();
  await expect(page.getByText(/名册中含有示例数据/)).toBeVisible({ timeout: 60_000 });

  await page
    .getByRole('navigation', { name: '功能导航' })
    .getByText('积分', { exact: true })
    .click();
  await page.getByRole('tab', { name: '积分细则' }).click();
  await expect(page).toHaveURL(/#\/ledger\/rules$/);
  await expect(page.getByText('本村尚未采用积分细则')).toBeVisible();

  await page.getByRole('button', { name: '采用默认积分细则' }).click();
  const dialog = page.getByRole('dialog');
  const meetingOn = villageDay(-20);
  const date = dialog.getByLabel('村民代表大会日期');
  await date.fill(meetingOn);
  await date.press('Enter');
  await dialog.getByLabel('会议记录编号').fill('示例村〔2025〕1号');
  await dialog.getByRole('button', { name: '确认采用' }).click();
  await expect(dialog).toBeHidden();

  const inForce = page.getByTestId('rule-set-in-force');
  await expect(inForce.getByText('现行积分细则')).toBeVisible();
  await expect(inForce.getByText('第 1 版')).toBeVisible();
  await expect(inForce.getByText('示例村〔2025〕1号')).toBeVisible();
  await expect(inForce.getByText(`${String(defaultRules().length)} 条`)).toBeVisible();
  // 施行日期 and 村民代表大会日期 are both the meeting's date.
  await expect(inForce.getByText(meetingOn, { exact: true })).toHaveCount(2);

  // The rules are searchable by name.
  await inForce.getByLabel('搜索规则').fill('见义勇为');
  await expect(page.getByTestId('rules-in-force').locator('.ant-table-row')).toHaveCount(1);

  await page.reload();
  await expect(page.getByTestId('rule-set-in-force').getByText('示例村〔2025〕1号')).toBeVisible();
  await expect(page.getByTestId('rule-set-versions').getByText('现行')).toBeVisible();
  await expect(page.getByRole('button', { name: '采用默认积分细则' })).toHaveCount(0);

  // A resident's file shows the figures of someone with no entries yet.
  await page
    .getByRole('navigation', { name: '功能导航' })
    .getByText('村民档案', { exact: true })
    .click();
  await page
    .getByTestId('resident-table')
    .locator('.ant-table-row')
    .first()
    .getByRole('link')
    .click();
  await page.getByRole('button', { name: '查看档案' }).click();
  const figures = page.getByTestId('resident-figures');
  await expect(figures.getByText('还没有积分记录，信用分为基础分 1000。')).toBeVisible();
  await expect(figures.getByTestId('figure-score')).toContainText('1000');
  expect(problems).toEqual([]);
});
