import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/diagnostics.ts';
import { enterDemo } from './fixtures/demo.ts';

const NAV = [
  { hash: 'residents', zh: '村民档案', en: 'Residents' },
  { hash: 'ledger', zh: '积分', en: 'Points' },
  { hash: 'redemption', zh: '兑换', en: 'Redemption' },
  { hash: 'loans', zh: '信贷推荐', en: 'Loan referrals' },
  { hash: 'commitments', zh: '承诺与名单', en: 'Commitments & lists' },
  { hash: 'printing', zh: '打印', en: 'Printing' },
  { hash: 'sync', zh: '同步', en: 'Sync' },
  { hash: 'settings', zh: '设置', en: 'Settings' },
] as const;

function nav(page: Page) {
  return page.getByRole('navigation', { name: /功能导航|Modules/ });
}

/** Fails the test on any CSP violation or uncaught error: the app must work under its CSP. */
function watchForErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  return problems;
}

test('the app opens in Chinese at the sign-in screen, then on the residents module, and says plainly what is not built yet', async ({
  page,
}) => {
  const problems = watchForErrors(page);
  const response = await page.goto('/');
  expect(response?.headers()['content-security-policy']).toContain("connect-src 'self'");

  await expect(page).toHaveTitle('乡村信用积分');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  // Nothing of the register before someone signs in (or chooses the demo).
  await expect(page.getByLabel('用户名', { exact: true })).toBeVisible();
  await expect(nav(page)).toHaveCount(0);

  await enterDemo(page);
  for (const item of NAV) await expect(nav(page).getByText(item.zh, { exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: '村民档案' })).toBeVisible();
  await nav(page).getByText('信贷推荐', { exact: true }).click();
  await expect(page.getByText('「信贷推荐」功能尚未开放')).toBeVisible();
  await expect(page.getByText('此处不显示任何示例数据。')).toBeVisible();
  expect(problems).toEqual([]);
});

test('every navigation item opens its module and the address follows', async ({ page }) => {
  const problems = watchForErrors(page);
  await enterDemo(page);
  for (const item of NAV) {
    await nav(page).getByText(item.zh, { exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`#/${item.hash}$`));
    await expect(page.getByRole('heading', { name: item.zh, exact: true })).toBeVisible();
  }
  // The settings module is built: it shows the twelve kinds of local records, all empty.
  const counts = page.getByTestId('local-counts');
  await expect(counts.locator('tbody tr')).toHaveCount(12);
  await expect(counts.getByText('积分记录')).toBeVisible();
  // Reloading stays on the same module.
  await page.reload();
  await expect(page.getByRole('heading', { name: '设置', exact: true })).toBeVisible();
  expect(problems).toEqual([]);
});

test('the chosen language is kept in IndexedDB and survives a reload', async ({ page }) => {
  await enterDemo(page, '/#/settings');
  await expect(page.getByRole('heading', { name: '设置', exact: true })).toBeVisible();
  await page.getByRole('banner').getByText('English', { exact: true }).click();

  await expect(page.getByRole('heading', { name: 'Settings', exact: true })).toBeVisible();
  await expect(nav(page).getByText('Residents', { exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  // Prove the preference lives in IndexedDB: web storage holds only which database to
  // open (the demo one), and the database exists.
  const databases = await page.evaluate(async () =>
    (await indexedDB.databases()).map((d) => d.name ?? ''),
  );
  expect(databases.some((name) => name.includes('village-credit'))).toBe(true);
  const webStorage = await page.evaluate(() => ({
    local: Object.keys(localStorage),
    session: Object.keys(sessionStorage),
  }));
  expect(webStorage).toEqual({ local: ['village-credit.database'], session: [] });

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Settings', exact: true })).toBeVisible();
  await expect(nav(page).getByText('Points', { exact: true })).toBeVisible();
  await expect(page).toHaveTitle('Village Credit');

  await page.getByRole('banner').getByText('简体中文', { exact: true }).click();
  await page.reload();
  await expect(page.getByRole('heading', { name: '设置', exact: true })).toBeVisible();
});

test('a fresh browser profile starts in Chinese whatever the other profile chose', async ({
  browser,
}) => {
  const first = await browser.newContext();
  const page = await first.newPage();
  await enterDemo(page, '/#/settings');
  await page.getByRole('banner').getByText('English', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Settings', exact: true })).toBeVisible();
  await first.close();

  const second = await browser.newContext();
  const fresh = await second.newPage();
  await enterDemo(fresh, '/#/settings');
  await expect(fresh.getByRole('heading', { name: '设置', exact: true })).toBeVisible();
  await second.close();
});

test('the print test page becomes an A4 PDF whose Chinese text can be read back', async ({
  page,
}) => {
  await enterDemo(page, '/#/settings');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: '生成打印测试页' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('打印测试页.pdf');
  await expect(page.getByText('测试页已保存：打印测试页.pdf')).toBeVisible();

  const file = join(mkdtempSync(join(tmpdir(), 'vc-print-')), 'test.pdf');
  await download.saveAs(file);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  expect(text).toContain('乡村信用积分');
  expect(text).toContain('说明本机的打印和中文字体工作正常');
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  expect(info).toMatch(/Pages:\s+1\b/);
  expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
});
