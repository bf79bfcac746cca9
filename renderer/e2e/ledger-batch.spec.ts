/**
 * Batch entry against a rule's cap (issue 5, acceptance 4), in Chromium on real IndexedDB
 * in demo mode (a village administrator, no server). 「参加理论宣讲、法律普及、科普等培训」
 * (P-TRAIN) counts at most 3 times a year: one resident already has 3 entries this year,
 * so a batch for three residents refuses that resident by name, writes nothing until the
 * clerk confirms, and then records exactly the other two.
 */
import type { Locator, Page } from '@playwright/test';
import { choose, fillDate } from './fixtures/antd.ts';
import { villageDay, villageYearsAgo } from './fixtures/dates.ts';
import { enterDemo } from './fixtures/demo.ts';
import { expect, test } from './fixtures/diagnostics.ts';

const RULE = 'P-TRAIN';

/** Four dates of one calendar year, none after today. */
function datesOfOneYear(): readonly string[] {
  const today = villageDay();
  const year = Number(today.slice(0, 4)) - (today.slice(5) < '01-05' ? 1 : 0);
  return [1, 2, 3, 4].map((day) => `${String(year)}-01-0${String(day)}`);
}

function nav(page: Page): Locator {
  return page.getByRole('navigation', { name: '功能导航' });
}

test('a batch entry over a rule’s cap names the refused residents and records the rest only once confirmed', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await enterDemo(page, '/#/residents');
  await page.getByRole('button', { name: '载入示例村民' }).click();
  await expect(page.getByText(/名册中含有示例数据/)).toBeVisible({ timeout: 60_000 });
  const rows = page.getByTestId('resident-table').locator('.ant-table-row');
  const names: string[] = [];
  for (let i = 0; i < 3; i += 1) {
    const name = (await rows.nth(i).getByRole('link').first().textContent())?.trim() ?? '';
    names.push(name);
  }
  expect(new Set(names).size).toBe(3);
  const [capped = '', second = '', third = ''] = names;

  // The rules, adopted at a meeting well before the dates used.
  await nav(page).getByText('积分', { exact: true }).click();
  await page.getByRole('tab', { name: '积分细则' }).click();
  await page.getByRole('button', { name: '采用默认积分细则' }).click();
  const adopt = page.getByRole('dialog');
  await fillDate(adopt.getByLabel('村民代表大会日期'), villageYearsAgo(2));
  await adopt.getByLabel('会议记录编号').fill('示例村〔2024〕1号');
  await adopt.getByRole('button', { name: '确认采用' }).click();
  await expect(adopt).toBeHidden();

  // Three single entries use up the resident's yearly cap.
  await page.getByRole('tab', { name: '录入' }).click();
  const [d1 = '', d2 = '', d3 = '', d4 = ''] = datesOfOneYear();
  for (const date of [d1, d2, d3]) {
    await choose(page.getByLabel('录入对象'), capped, new RegExp(`^${capped}`));
    await fillDate(page.getByLabel('发生日期'), date);
    await choose(page.getByLabel('积分规则', { exact: true }), RULE, new RegExp(RULE));
    await expect(page.getByTestId('entry-preview')).toContainText('+1');
    await page.getByRole('button', { name: '提交审核' }).click();
    await expect(page.getByText(`已提交审核：${capped}`).last()).toBeVisible();
  }
  const recent = page.getByTestId('my-recent-entries');
  await expect(recent.locator('.ant-table-row')).toHaveCount(3);

  // The batch: the capped resident and two others.
  await page.getByRole('radiogroup', { name: '录入方式' }).getByText('批量录入').click();
  await choose(page.getByLabel('积分规则（批量只适用于个人规则）'), RULE, new RegExp(RULE));
  await fillDate(page.getByLabel('发生日期'), d4);
  const people = page.getByLabel('参加人员');
  for (const name of [capped, second, third]) await choose(people, name, new RegExp(`^${name}`));
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: '检查这批记录' }).click();

  const check = page.getByTestId('batch-check');
  await expect(check).toContainText('可录入 2 条，不能录入 1 条');
  const refused = page.getByTestId('batch-refused');
  await expect(refused).toContainText(capped);
  await expect(refused).not.toContainText(second);
  // Nothing is written before the clerk confirms.
  await expect(recent.locator('.ant-table-row')).toHaveCount(3);

  await check.getByRole('button', { name: '确认录入其余 2 条' }).click();
  await expect(page.getByText(`已提交审核 2 条；1 人未录入：${capped}。`)).toBeVisible();
  await expect(recent.locator('.ant-table-row')).toHaveCount(5);
  await expect(recent.getByRole('row', { name: new RegExp(second) })).toHaveCount(1);
  await expect(recent.getByRole('row', { name: new RegExp(third) })).toHaveCount(1);
  await expect(recent.getByRole('row', { name: new RegExp(capped) })).toHaveCount(3);

  // The review queue holds all five, none of them approvable by their recorder.
  await page.getByRole('tab', { name: '审核' }).click();
  await expect(page.getByText('待审核 5 条')).toBeVisible();
});
