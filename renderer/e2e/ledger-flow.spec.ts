/**
 * An entry's whole life through a real town server (issue 5, acceptance 3). A village's
 * clerk records three entries on the office computer and cannot approve them; the
 * reviewer, on another computer, approves them, makes a notice batch, prints its 公示表
 * (the PDF holds the entries, read back with pdftotext) and posts it; a resident objects
 * to one entry; when the period is over (the reviewer's clock jumps 8 days) the batch is
 * closed: the two other entries take effect and each resident's score changes by exactly
 * their points, while the entry under objection stays held.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from '@playwright/test';
import pg from 'pg';
import { checkDigitOf } from '../../shared/residents/citizen-id.ts';
import { writeXlsxTable } from '../../shared/xlsx/index.ts';
import { choose } from './fixtures/antd.ts';
import { villageYearsAgo } from './fixtures/dates.ts';
import { buttonName, expect, signIn, test, type Town, type TownUser } from './fixtures/town.ts';

const ZHANG = '张卫东';
const LI = '李秀兰';
const WANG = '王建设';

function idOf(birth: string, sequence: string): string {
  const first17 = `320321${birth}${sequence}`;
  return `${first17}${checkDigitOf(first17)}`;
}

function registerWorkbook(): string {
  const rows = [
    ['户编号', '门牌号', '姓名', '身份证号', '与户主关系'],
    ['0001', '东街1号', ZHANG, idOf('19700304', '011'), '户主'],
    ['0001', '', LI, idOf('19720506', '022'), '配偶'],
    ['0002', '西街2号', WANG, idOf('19650708', '031'), '户主'],
  ];
  const file = join(mkdtempSync(join(tmpdir(), 'ledger-flow-')), '花名册.xlsx');
  writeFileSync(file, writeXlsxTable([{ name: '花名册', rows, textColumns: [0, 3] }]));
  return file;
}

async function computer(browser: Browser, town: Town, user: TownUser, name: string, clock = false) {
  const context = await browser.newContext({
    baseURL: town.webUrl,
    locale: 'zh-CN',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  if (clock) await page.clock.install();
  await signIn(page, user, { deviceName: name });
  return { context, page };
}

/** Waits on the sync screen until the computer is in sync with nothing left to upload. */
async function expectInSync(page: Page): Promise<void> {
  await page.goto('/#/sync');
  const status = page.getByTestId('sync-status');
  await expect(status).toHaveAttribute('data-phase', 'synced', { timeout: 60_000 });
  await expect(page.getByTestId('sync-pending')).toHaveText('0 条', { timeout: 60_000 });
}

/** How many of the village's entries the town server holds in each status. */
async function serverStatuses(town: Town, villageCode: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: town.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ status: string; count: number }>(
      `SELECT data->>'status' AS status, count(*)::int AS count FROM documents
        WHERE collection = 'events' AND data->>'villageCode' = $1 GROUP BY 1`,
      [villageCode],
    );
    return Object.fromEntries(rows.map((r) => [r.status, r.count]));
  } finally {
    await client.end();
  }
}

async function openLedgerTab(page: Page, tab: string): Promise<void> {
  await page.goto('/#/ledger');
  await page.getByRole('tab', { name: tab, exact: true }).click();
}

/** `typed`: what the clerk types to find `who` (the name, or what the register search takes). */
async function recordEntry(page: Page, who: string, rule: string, typed = who): Promise<void> {
  await choose(page.getByLabel('录入对象'), typed, new RegExp(`^${who}`));
  await choose(page.getByLabel('积分规则', { exact: true }), rule, new RegExp(rule));
  await expect(page.getByTestId('entry-preview')).toBeVisible();
  await page.getByRole('button', { name: '提交审核' }).click();
  await expect(page.getByText(`已提交审核：${who}`).last()).toBeVisible();
}

async function scoreOf(page: Page, name: string): Promise<Locator> {
  await page.goto('/#/residents');
  await page.getByTestId('resident-table').getByRole('link', { name, exact: true }).click();
  await page.getByRole('button', { name: '查看档案' }).click();
  return page.getByTestId('resident-figures').getByTestId('figure-score');
}

test('an entry is recorded, reviewed by someone else, noticed, objected to and takes effect with exactly its points', async ({
  browser,
  town,
}) => {
  test.setTimeout(360_000);
  const village = await town.addVillage('守信村');
  const clerk = await town.addUser({
    role: 'village_clerk',
    villageCode: village.code,
    displayName: '守信录入员',
  });
  const reviewer = await town.addUser({
    role: 'village_reviewer',
    villageCode: village.code,
    displayName: '守信审核员',
  });
  const imported = await town.cli([
    'residents',
    'import',
    '--village',
    village.code,
    registerWorkbook(),
  ]);
  expect(imported.code, imported.stdout + imported.stderr).toBe(0);
  const adopted = await town.cli([
    'rules',
    'adopt-defaults',
    '--village',
    village.code,
    '--meeting-on',
    villageYearsAgo(1),
    '--meeting-ref',
    '守信村〔2025〕2号',
  ]);
  expect(adopted.code, adopted.stdout + adopted.stderr).toBe(0);

  // The clerk records three entries and cannot approve any of them.
  const office = await computer(browser, town, clerk, '村委会电脑');
  await expectInSync(office.page);
  await openLedgerTab(office.page, '录入');
  await recordEntry(office.page, ZHANG, 'P-BLOOD'); // +10
  await recordEntry(office.page, ZHANG, 'P-ELDER'); // +5, objected to later
  await recordEntry(office.page, WANG, 'P-ELDER', 'wjs'); // +5, found by pinyin initials
  await office.page.getByRole('tab', { name: '审核', exact: true }).click();
  await expect(office.page.getByText('待审核 3 条')).toBeVisible();
  await expect(office.page.getByText(/您是录入员，这里只能查看待审核的记录/)).toBeVisible();
  await expect(office.page.getByRole('button', { name: '通过', exact: true })).toHaveCount(0);
  await expectInSync(office.page);

  // The reviewer approves them on another computer.
  const desk = await computer(browser, town, reviewer, '审核员电脑', true);
  const page = desk.page;
  await expectInSync(page);
  expect(await (await scoreOf(page, ZHANG)).textContent()).toContain('1000');
  await openLedgerTab(page, '审核');
  await expect(page.getByText('待审核 3 条')).toBeVisible();
  await page.getByRole('button', { name: /勾选全部可审核的 3 条/ }).click();
  await page.getByRole('button', { name: '批量通过' }).click();
  const approve = page.getByRole('dialog', { name: '通过 3 条记录' });
  await approve.getByRole('button', { name: '确认通过' }).click();
  await expect(page.getByText('待审核 0 条')).toBeVisible();

  // A notice batch, printed and posted.
  await page.getByRole('tab', { name: '公示', exact: true }).click();
  const waiting = page.getByTestId('notice-waiting');
  await waiting.getByRole('button', { name: '勾选全部待公示记录' }).click();
  await waiting.getByRole('button', { name: '生成公示批次' }).click();
  const draft = page.getByRole('dialog');
  await draft.getByLabel('异议联系人及电话').fill('守信村委会 0516-88886666');
  await draft.getByRole('button', { name: '生成公示批次' }).click();
  const batch = page.getByTestId('notice-batch');
  await expect(batch).toHaveCount(1);
  const downloading = page.waitForEvent('download');
  await batch.getByRole('button', { name: '打印公示表' }).click();
  const download = await downloading;
  const file = join(mkdtempSync(join(tmpdir(), 'ledger-flow-pdf-')), 'notice.pdf');
  await download.saveAs(file);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  expect(text).toContain('信用积分公示');
  expect(text).toContain(ZHANG);
  expect(text).toContain(WANG);
  expect(text).toContain('无偿献血');
  expect(text).toContain('0516-88886666');
  expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(
    /Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/,
  );
  await batch.getByRole('button', { name: '发布公示' }).click();
  await expect(batch).toContainText('公示中');

  // Zhang objects to one entry: it is held.
  await page.getByRole('tab', { name: '异议', exact: true }).click();
  await page.getByRole('button', { name: '登记异议' }).click();
  const objection = page.getByRole('dialog');
  await choose(objection.getByLabel('异议人（村民）'), ZHANG, new RegExp(`^${ZHANG}`));
  await choose(objection.getByLabel('异议的记录'), '', /长期帮助/);
  await objection.getByLabel('异议理由').fill('帮助的时间不满六个月');
  await objection.getByRole('button', { name: '确认登记' }).click();
  await expect(objection).toBeHidden();
  await expect(page.getByText('异议处理中').first()).toBeVisible();

  // The period ends; closing it lets the unobjected entries take effect.
  await page.clock.fastForward(8 * 24 * 60 * 60 * 1000);
  const lock = page.getByRole('dialog', { name: '屏幕已锁定' });
  if (await lock.isVisible()) {
    await lock.getByLabel('密码', { exact: true }).fill(reviewer.password);
    await lock.getByRole('button', { name: buttonName('解锁') }).click();
    await expect(lock).toHaveCount(0);
  }
  await page.getByRole('tab', { name: '公示', exact: true }).click();
  await batch.getByRole('button', { name: '结束公示' }).click();
  await expect(
    page.getByText('公示已结束：2 条记录生效，1 条因异议处理中暂不生效。'),
  ).toBeVisible();
  await expect(batch).toContainText('已结束');
  // What the reviewer did on this computer reached the town server.
  await expectInSync(page);
  expect(await serverStatuses(town, village.code)).toEqual({ effective: 2, 'in-notice': 1 });

  await expect(await scoreOf(page, ZHANG)).toContainText('1010');
  await expect(await scoreOf(page, WANG)).toContainText('1005');
  await expect(await scoreOf(page, LI)).toContainText('1000');

  await office.context.close();
  await desk.context.close();
});
