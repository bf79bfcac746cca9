/**
 * The resident register in Chromium on real IndexedDB (issue 3, acceptance 2 and 3), in
 * demo mode (its own database and a demo session of a village administrator, no server):
 * households registered and changed through the forms, found by pinyin initials and ID
 * endings after a reload with IDs masked; and the Excel import (a file with errors imports
 * nothing and is reported row by row, the corrected file imports every row) and an export
 * that imports into another profile as the same register.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Download, type Locator, type Page } from '@playwright/test';
import { checkDigitOf } from '../../shared/residents/citizen-id.ts';
import { readXlsxTable, writeXlsxTable } from '../../shared/xlsx/index.ts';
import { enterDemo } from './fixtures/demo.ts';

function idOf(birth: string, sequence: string): string {
  const first17 = `320509${birth}${sequence}`;
  return `${first17}${checkDigitOf(first17)}`;
}

const masked = (id: string) => `${id.slice(0, 4)}**********${id.slice(14)}`;

const JIANGUO = idOf('19650312', '011');
const XIUYING = idOf('19680704', '022');
const SAN = idOf('19920101', '031');

/** Fails the test on any uncaught error or console error: the app runs under its CSP. */
function watchForErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  return problems;
}

function residentTable(page: Page): Locator {
  return page.getByTestId('resident-table');
}

/** A row of a virtual antd table (its body rows are not table rows for the accessibility tree). */
function rowOf(table: Locator, text: string | RegExp): Locator {
  return table.locator('.ant-table-row', { hasText: text });
}

function searchBox(page: Page): Locator {
  return page.getByLabel('搜索村民');
}

/** Picks an option of the antd select labelled `label` inside `scope`. */
async function choose(page: Page, scope: Locator, label: string, option: string): Promise<void> {
  await scope.getByLabel(label, { exact: true }).click();
  await page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).click();
}

async function fillMember(
  page: Page,
  dialog: Locator,
  number: number,
  member: { name: string; id: string; relation?: string },
): Promise<void> {
  const card = dialog.getByTestId(`member-${String(number)}`);
  await card.getByLabel('姓名', { exact: true }).fill(member.name);
  await card.getByLabel('身份证号', { exact: true }).fill(member.id);
  await expect(card.getByTestId('id-feedback')).toContainText('号码有效');
  if (member.relation !== undefined) await choose(page, card, '与户主关系', member.relation);
}

async function openFile(page: Page, name: string): Promise<void> {
  await residentTable(page).getByRole('link', { name, exact: true }).click();
  await page.getByRole('button', { name: '查看档案' }).click();
  await expect(page.getByTestId('resident-profile')).toBeVisible();
}

test('households are registered and changed in the forms, found by initials and ID ending, and survive a reload with IDs masked', async ({
  page,
}) => {
  const problems = watchForErrors(page);
  await enterDemo(page, '/#/residents');
  await expect(page.getByText('名册中还没有村民')).toBeVisible();

  // A household of three.
  await page.getByRole('button', { name: /新建户/ }).click();
  const dialog = page.getByRole('dialog', { name: '新建户' });
  await dialog.getByLabel('户编号', { exact: true }).fill('101');
  await dialog.getByLabel('门牌号', { exact: true }).fill('东街1号');
  await fillMember(page, dialog, 1, { name: '张建国', id: JIANGUO });
  await dialog.getByRole('button', { name: /添加成员/ }).click();
  await fillMember(page, dialog, 2, { name: '李秀英', id: XIUYING, relation: '配偶' });
  await dialog.getByRole('button', { name: /添加成员/ }).click();
  await fillMember(page, dialog, 3, { name: '张三', id: SAN, relation: '子女' });
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('register-count')).toHaveText('共 3 人');
  await expect(residentTable(page).getByText(masked(JIANGUO))).toBeVisible();

  // 张三 moves into a household of his own (分户).
  await openFile(page, '张三');
  await expect(page.getByTestId('household-details')).toContainText('101');
  await page.getByRole('button', { name: '迁往其他户' }).click();
  const move = page.getByRole('dialog', { name: '将「张三」迁往其他户' });
  await move.getByText('新立一户（分户，此人为户主）').click();
  await move.getByLabel('户编号', { exact: true }).fill('102');
  await move.getByLabel('门牌号', { exact: true }).fill('东街2号');
  await move.getByRole('button', { name: /保\s*存/ }).click();
  await expect(move).toBeHidden();
  await expect(page.getByTestId('household-details')).toContainText('102');
  await expect(page.getByTestId('household-members')).toContainText('户主');
  const history = page.getByTestId('membership-history');
  await expect(history.getByRole('row')).toHaveCount(3);
  await expect(history).toContainText('101');
  await expect(history).toContainText('102');
  await expect(page.getByText(/由户「101」分出/)).toBeVisible();
  await page.getByRole('button', { name: '返回名册' }).click();

  const findAndCheck = async () => {
    await searchBox(page).fill('zs');
    const row = rowOf(residentTable(page), '张三');
    await expect(row).toContainText('102');
    await expect(row).toContainText(masked(SAN));
    await expect(residentTable(page).getByRole('link', { name: '张建国' })).toHaveCount(0);

    await searchBox(page).fill(XIUYING.slice(14));
    await expect(residentTable(page).getByRole('link', { name: '李秀英' })).toBeVisible();
    await expect(rowOf(residentTable(page), '李秀英')).toContainText('101');
    await expect(residentTable(page).getByRole('link', { name: '张三' })).toHaveCount(0);
  };
  await findAndCheck();

  await page.reload();
  await expect(page.getByTestId('register-count')).toHaveText('共 3 人');
  await findAndCheck();
  const text = (await page.locator('body').textContent()) ?? '';
  for (const id of [JIANGUO, XIUYING, SAN]) expect(text).not.toContain(id);
  expect(problems).toEqual([]);
});

// ---------------------------------------------------------------------------------------
// Import and export

const HEADER = [
  '户编号',
  '门牌号',
  '村民小组',
  '姓名',
  '性别',
  '身份证号',
  '与户主关系',
  '联系电话',
];
const GOOD = [
  ['001', '东街12号', '第一村民小组', '王建国', '男', JIANGUO, '户主', '13812345678'],
  ['001', '', '', '李秀英', '女', XIUYING, '妻', ''],
  ['001', '', '', '王三', '男', SAN, '长子', ''],
  [
    '002',
    '西街3号',
    '第一村民小组',
    '赵大山',
    '男',
    idOf('19701111', '051'),
    '户主',
    '0512-86012345',
  ],
];

function workbook(rows: readonly (readonly string[])[]): Buffer {
  return Buffer.from(
    writeXlsxTable([{ name: '花名册', rows: [HEADER, ...rows], textColumns: [0, 5, 7] }]),
  );
}

async function importFile(page: Page, name: string, bytes: Buffer): Promise<Locator> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: /导\s*入/ }).click();
  await (await chooser).setFiles({ name, mimeType: 'application/octet-stream', buffer: bytes });
  return page.getByRole('dialog', { name: '导入村民花名册' });
}

/** The first sheet of a downloaded .xlsx as rows of text. */
async function downloadedRows(download: Download): Promise<string[][]> {
  const path = await download.path();
  const table = readXlsxTable(new Uint8Array(readFileSync(path)));
  if (!table.ok) throw new Error(table.error.code);
  return table.value.rows;
}

async function exportList(page: Page): Promise<string[][]> {
  await page.getByRole('button', { name: /导出当前列表/ }).click();
  const dialog = page.getByRole('dialog', { name: '导出当前列表' });
  await expect(dialog).toContainText('身份证号将导出完整号码');
  await dialog.getByLabel('导出用途').fill('核对花名册');
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: /导\s*出/ }).click();
  return downloadedRows(await download);
}

/** Creates the unknown group the file names, then imports it; the file must be valid. */
async function importValid(page: Page, dialog: Locator, households: number, residents: number) {
  await dialog.getByRole('button', { name: '新建这些小组并重新检查' }).click();
  await expect(dialog).toContainText(
    `检查通过：共 ${String(households)} 户、${String(residents)} 人`,
  );
  await dialog.getByRole('button', { name: /导\s*入/ }).click();
  await expect(dialog).toContainText(
    `导入完成：${String(households)} 户、${String(residents)} 人。`,
  );
  await dialog.getByRole('button', { name: '关 闭', exact: true }).click();
}

test('a file with errors imports nothing and is reported by row and column; the corrected file and an export import every row', async ({
  page,
  browser,
}) => {
  const problems = watchForErrors(page);
  await enterDemo(page, '/#/residents');
  await expect(page.getByText('名册中还没有村民')).toBeVisible();

  // Row 2: a wrong check digit; row 3: no name; row 4: a relation nobody uses.
  const wrongCheck = `${JIANGUO.slice(0, 17)}${JIANGUO.endsWith('0') ? '1' : '0'}`;
  const bad = GOOD.map((row, i) =>
    row.map((cell, column) => {
      if (i === 0 && column === 5) return wrongCheck;
      if (i === 1 && column === 3) return '';
      if (i === 2 && column === 6) return '邻居';
      return cell;
    }),
  );
  let dialog = await importFile(page, '花名册-有错.xlsx', workbook(bad));
  await expect(dialog).toContainText('文件「花名册-有错.xlsx」有');
  await expect(dialog).toContainText('没有导入任何数据');
  const report = dialog.getByTestId('import-report');
  await expect(rowOf(report, /^2身份证号/)).toContainText('校验位不对');
  await expect(rowOf(report, /^3姓名/)).toContainText('姓名不能为空');
  await expect(rowOf(report, /^4与户主关系邻居/)).toContainText('无法识别');
  await expect(rowOf(report, /^2村民小组第一村民小组/)).toContainText('本村还没有');

  const saved = page.waitForEvent('download');
  await dialog.getByRole('button', { name: '保存错误报告 (.xlsx)' }).click();
  const reportRows = await downloadedRows(await saved);
  expect(reportRows[0]).toEqual([...HEADER, '错误说明']);
  expect(reportRows[1]?.[HEADER.length]).toContain('校验位不对');
  await dialog.getByRole('button', { name: '关 闭', exact: true }).click();
  await expect(page.getByText('名册中还没有村民')).toBeVisible();

  dialog = await importFile(page, '花名册.xlsx', workbook(GOOD));
  await importValid(page, dialog, 2, 4);
  await expect(page.getByTestId('register-count')).toHaveText('共 4 人');
  await searchBox(page).fill('zds');
  await expect(rowOf(residentTable(page), '赵大山')).toContainText('002');
  await searchBox(page).fill('');

  const exported = await exportList(page);
  expect(exported).toHaveLength(5);
  expect(exported.flat()).toEqual(expect.arrayContaining([JIANGUO, XIUYING, SAN]));

  // Another profile: an empty demo register of its own, and the export imports as it is.
  const other = await browser.newContext();
  const second = await other.newPage();
  const secondProblems = watchForErrors(second);
  await enterDemo(second, '/#/residents');
  await expect(second.getByText('名册中还没有村民')).toBeVisible();
  const file = Buffer.from(writeXlsxTable([{ name: '村民名册', rows: exported }]));
  dialog = await importFile(second, '村民名册.xlsx', file);
  await importValid(second, dialog, 2, 4);
  await expect(second.getByTestId('register-count')).toHaveText('共 4 人');
  const again = await exportList(second);
  const sorted = (rows: string[][]) =>
    [...rows].sort((a, b) => a.join('|').localeCompare(b.join('|')));
  expect(sorted(again)).toEqual(sorted(exported));
  await other.close();

  expect(problems).toEqual([]);
  expect(secondProblems).toEqual([]);
});
