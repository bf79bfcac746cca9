/**
 * Sync between devices through a real town server on PostgreSQL (issue 4, acceptance 3):
 * two browser contexts are two computers of one village, a third is a computer of another
 * village. Both village computers go offline, each registers residents and changes the same
 * household differently, both come back: every record is on the server and on both
 * computers exactly once, the household's true conflict is in the conflict list (with both
 * versions, and a person settles it), and the other village's computer received none of it.
 * Everything is done through the app's own screens.
 */
import type { Browser, BrowserContext, Locator, Page } from '@playwright/test';
import { checkDigitOf } from '../../shared/residents/citizen-id.ts';
import { expect, signIn, test, type Town, type TownUser } from './fixtures/town.ts';

function idOf(birth: string, sequence: string): string {
  const first17 = `320509${birth}${sequence}`;
  return `${first17}${checkDigitOf(first17)}`;
}

interface Computer {
  readonly context: BrowserContext;
  readonly page: Page;
}

/** A new computer (browser profile: its own IndexedDB) on which `user` signs in. */
async function computer(
  browser: Browser,
  town: Town,
  user: TownUser,
  deviceName: string,
): Promise<Computer> {
  const context = await browser.newContext({ baseURL: town.webUrl, locale: 'zh-CN' });
  const page = await context.newPage();
  await signIn(page, user, { deviceName });
  return { context, page };
}

function syncStatus(page: Page): Locator {
  return page.getByTestId('sync-status');
}

async function openSync(page: Page): Promise<void> {
  await page.goto('/#/sync');
  await expect(syncStatus(page)).toBeVisible();
}

/** Waits on the sync screen until the computer is in sync with nothing left to upload. */
async function expectInSync(page: Page): Promise<void> {
  await openSync(page);
  await expect(syncStatus(page)).toHaveAttribute('data-phase', 'synced', { timeout: 60_000 });
  await expect(page.getByTestId('sync-pending')).toHaveText('0 条');
}

async function openRegister(page: Page): Promise<void> {
  await page.goto('/#/residents');
  await expect(page.getByRole('button', { name: /新建户/ })).toBeVisible();
}

/** Registers a household with its head through 「新建户」. */
async function registerHousehold(
  page: Page,
  household: { readonly number: string; readonly houseNo: string },
  head: { readonly name: string; readonly id: string },
): Promise<void> {
  await openRegister(page);
  await page.getByRole('button', { name: /新建户/ }).click();
  const dialog = page.getByRole('dialog', { name: '新建户' });
  await dialog.getByLabel('户编号', { exact: true }).fill(household.number);
  await dialog.getByLabel('门牌号', { exact: true }).fill(household.houseNo);
  const member = dialog.getByTestId('member-1');
  await member.getByLabel('姓名', { exact: true }).fill(head.name);
  await member.getByLabel('身份证号', { exact: true }).fill(head.id);
  await expect(member.getByTestId('id-feedback')).toContainText('号码有效');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(dialog).toBeHidden();
}

/** Changes the house number of `resident`'s household through 「修改户信息」. */
async function changeHouseNo(page: Page, resident: string, houseNo: string): Promise<void> {
  await openRegister(page);
  await page
    .getByTestId('resident-table')
    .getByRole('link', { name: resident, exact: true })
    .click();
  await page.getByRole('button', { name: '查看档案' }).click();
  await page.getByRole('button', { name: /修改户信息/ }).click();
  const dialog = page.getByRole('dialog', { name: '修改户信息' });
  await dialog.getByLabel('门牌号', { exact: true }).fill(houseNo);
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(dialog).toBeHidden();
}

/** The residents the register lists, by name. */
async function expectRegister(page: Page, names: readonly string[]): Promise<void> {
  await openRegister(page);
  await expect(page.getByTestId('register-count')).toHaveText(`共 ${String(names.length)} 人`, {
    timeout: 30_000,
  });
  const table = page.getByTestId('resident-table');
  for (const name of names) {
    await expect(table.getByRole('link', { name, exact: true })).toHaveCount(1);
  }
}

async function serverResidentCount(town: Town, villageCode: string): Promise<string> {
  const result = await town.cli(['residents', 'count', '--village', villageCode]);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

const ZHANG = { name: '张建国', id: idOf('19650312', '011') };
const WANG = { name: '王小明', id: idOf('19800505', '033') };
const LI = { name: '李小红', id: idOf('19850808', '044') };

test('two computers of a village work offline, come back with every record once and the household conflict listed; the other village sees none of it', async ({
  browser,
  town,
}) => {
  test.setTimeout(300_000);
  // Village A's office computer registers a household; it reaches the server.
  const a1 = await computer(browser, town, town.users.clerkA, '王庄村委会电脑');
  await registerHousehold(a1.page, { number: '101', houseNo: '东街1号' }, ZHANG);
  await expectInSync(a1.page);
  expect(await serverResidentCount(town, town.villageA.code)).toContain('共有村民 1 人');

  // A second computer of village A receives it with its first sync.
  const a2 = await computer(browser, town, town.users.adminA, '王庄村会计电脑');
  await expectInSync(a2.page);
  await expectRegister(a2.page, [ZHANG.name]);

  // A computer of village B.
  const b = await computer(browser, town, town.users.clerkB, '李庄村委会电脑');
  await expectInSync(b.page);

  // Both village A computers lose the network and keep working.
  await a1.context.setOffline(true);
  await a2.context.setOffline(true);
  await registerHousehold(a1.page, { number: '201', houseNo: '南街2号' }, WANG);
  await changeHouseNo(a1.page, ZHANG.name, '东街8号');
  await registerHousehold(a2.page, { number: '301', houseNo: '北街3号' }, LI);
  await changeHouseNo(a2.page, ZHANG.name, '西街9号');
  for (const { page } of [a1, a2]) {
    await openSync(page);
    await expect(syncStatus(page)).toHaveAttribute('data-phase', 'offline');
    await expect(syncStatus(page)).toContainText('离线');
    await expect(page.getByTestId('sync-pending')).toHaveText(/^[1-9][0-9]* 条$/);
  }

  // They come back one after the other: a1's change of the household reaches the server
  // first, a2's conflicts with it.
  await a1.context.setOffline(false);
  await expectInSync(a1.page);
  await a2.context.setOffline(false);
  await expectInSync(a2.page);
  await expectInSync(a1.page);

  // Every record exactly once: on the server and on both computers.
  expect(await serverResidentCount(town, town.villageA.code)).toContain('共有村民 3 人');
  for (const { page } of [a1, a2]) await expectRegister(page, [ZHANG.name, WANG.name, LI.name]);

  // The household's house number was changed on both: the server's (a1's) is kept, and a2
  // lists the conflict with both versions.
  await openSync(a2.page);
  const conflict = a2.page.getByTestId('sync-conflict');
  await expect(conflict).toHaveCount(1);
  await expect(conflict).toContainText('户 · 101');
  const row = conflict.locator('tr', { hasText: '门牌号' });
  await expect(row).toContainText('东街8号');
  await expect(row).toContainText('西街9号');
  await openSync(a1.page);
  await expect(a1.page.getByTestId('sync-conflicts')).toContainText('没有待处理的冲突');

  // A person settles it on a2 with a2's version; it reaches a1.
  await openSync(a2.page);
  await conflict.getByRole('button', { name: /使用本机版本/ }).click();
  await a2.page
    .locator('.ant-popconfirm:visible')
    .getByRole('button', { name: /使用本机版本/ })
    .click();
  await expect(a2.page.getByTestId('sync-conflicts')).toContainText('没有待处理的冲突');
  await expectInSync(a2.page);
  await expect(async () => {
    await openRegister(a1.page);
    await a1.page.getByTestId('resident-table').getByRole('link', { name: ZHANG.name }).click();
    await a1.page.getByRole('button', { name: '查看档案' }).click();
    await expect(a1.page.getByTestId('household-details')).toContainText('西街9号', {
      timeout: 2_000,
    });
  }).toPass({ timeout: 60_000 });

  // Village B's computer received none of it.
  await expectInSync(b.page);
  await openRegister(b.page);
  await expect(b.page.getByText('名册中还没有村民')).toBeVisible();
  await b.page.goto('/#/settings');
  const counts = b.page.getByTestId('local-counts');
  await expect(counts.locator('tr').filter({ hasText: /^村民/ })).toHaveText(/^村民\s*0$/);
  await expect(counts.locator('tr').filter({ hasText: /^户/ })).toHaveText(/^户\s*0$/);
  expect(await serverResidentCount(town, town.villageB.code)).toContain('共有村民 0 人');

  for (const c of [a1, a2, b]) await c.context.close();
});
