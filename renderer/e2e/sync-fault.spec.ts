/**
 * The fault test of sync (issue 4, acceptance 4): a village's register of thousands of
 * residents is loaded on the town server (`town residents import`), a new computer starts its
 * first sync over a slow line, the server is killed (SIGKILL, a power cut) in the middle of
 * it and started again. The computer carries on from where it stopped and ends with every
 * document exactly once: the register and the local record counts equal the server's.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { checkDigitOf } from '../../shared/residents/citizen-id.ts';
import { writeXlsxTable } from '../../shared/xlsx/index.ts';
import { expect, signIn, test } from './fixtures/town.ts';

const HOUSEHOLDS = 1_500;
const RESIDENTS = HOUSEHOLDS * 2;

/** A valid citizen ID per person: birth dates a day apart from 1950 on. */
function idOf(person: number): string {
  const birth = new Date(Date.UTC(1950, 0, 1) + person * 86_400_000);
  const ymd = birth.toISOString().slice(0, 10).replaceAll('-', '');
  const first17 = `320509${ymd}011`;
  return `${first17}${checkDigitOf(first17)}`;
}

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const GIVEN = '建国秀英小明红梅志强桂兰海燕春生玉兰德华';

function nameOf(person: number): string {
  const surname = SURNAMES[person % SURNAMES.length] ?? '王';
  const first = GIVEN[Math.floor(person / SURNAMES.length) % GIVEN.length] ?? '明';
  const second = GIVEN[Math.floor(person / 7) % GIVEN.length] ?? '华';
  return `${surname}${first}${second}`;
}

/** The register as a township receives it: one row per person, households of two. */
function registerWorkbook(): string {
  const rows: string[][] = [['户编号', '门牌号', '姓名', '身份证号', '与户主关系']];
  for (let h = 0; h < HOUSEHOLDS; h += 1) {
    const number = String(h + 1).padStart(4, '0');
    rows.push([number, `东街${String(h + 1)}号`, nameOf(2 * h), idOf(2 * h), '户主']);
    rows.push([number, '', nameOf(2 * h + 1), idOf(2 * h + 1), '配偶']);
  }
  const file = join(mkdtempSync(join(tmpdir(), 'sync-fault-')), '花名册.xlsx');
  writeFileSync(file, writeXlsxTable([{ name: '花名册', rows, textColumns: [0, 3] }]));
  return file;
}

/** The first sync's counter on the sync screen: [downloaded, total]. */
async function firstSyncCount(page: Page): Promise<[number, number]> {
  const text = (await page.getByTestId('sync-first-sync-count').textContent()) ?? '';
  const match = /已下载 (\d+) \/ (\d+) 条记录/.exec(text);
  if (match === null) throw new Error(`no first-sync count in "${text}"`);
  return [Number(match[1]), Number(match[2])];
}

test('a first sync cut off by the server dying resumes after the restart and ends with every document once', async ({
  page,
  town,
}, testInfo) => {
  test.setTimeout(420_000);
  const village = await town.addVillage('续传村');
  const clerk = await town.addUser({
    role: 'village_clerk',
    villageCode: village.code,
    displayName: '续传录入员',
  });
  const imported = await town.cli([
    'residents',
    'import',
    '--village',
    village.code,
    registerWorkbook(),
  ]);
  expect(imported.code, imported.stdout + imported.stderr).toBe(0);
  const counted = await town.cli(['residents', 'count', '--village', village.code]);
  expect(counted.stdout).toContain(`共有村民 ${String(RESIDENTS)} 人`);

  // A village line: 150 ms away, about 2 Mbit/s down.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 150,
    downloadThroughput: 256 * 1024,
    uploadThroughput: 128 * 1024,
  });

  const started = Date.now();
  await signIn(page, clerk, { deviceName: '续传测试电脑' });
  await page.goto('/#/sync');
  const status = page.getByTestId('sync-status');
  const counter = page.getByTestId('sync-first-sync-count');

  // Kill the server once part of the register is here.
  await expect(counter).toHaveText(/已下载 [1-9][0-9]* \/ [0-9]+ 条记录/, { timeout: 120_000 });
  await town.kill();
  const [pulledAtKill, total] = await firstSyncCount(page);
  expect(total).toBeGreaterThanOrEqual(RESIDENTS + HOUSEHOLDS);
  expect(pulledAtKill).toBeLessThan(total);
  await expect(status).toHaveAttribute('data-phase', /offline|server-error/, { timeout: 60_000 });
  await expect(counter).toBeVisible();

  // The server comes back: the device resumes without starting over and finishes.
  await town.start();
  await expect(status).toHaveAttribute('data-phase', 'synced', { timeout: 300_000 });
  await expect(counter).toHaveCount(0);
  const seconds = (Date.now() - started) / 1000;
  testInfo.annotations.push({
    type: 'first sync',
    description: `${String(total)} documents in ${seconds.toFixed(1)} s (server killed at ${String(pulledAtKill)}) over 256 KiB/s, 150 ms`,
  });

  // Every document exactly once: the register and the local counts equal the server's.
  await page.goto('/#/residents');
  await expect(page.getByTestId('register-count')).toHaveText(`共 ${String(RESIDENTS)} 人`, {
    timeout: 60_000,
  });
  await page.goto('/#/settings');
  const counts = page.getByTestId('local-counts');
  await expect(counts.locator('tr').filter({ hasText: /^村民/ })).toHaveText(
    new RegExp(`^村民\\s*${String(RESIDENTS)}$`),
  );
  await expect(counts.locator('tr').filter({ hasText: /^户/ })).toHaveText(
    new RegExp(`^户\\s*${String(HOUSEHOLDS)}$`),
  );
});
