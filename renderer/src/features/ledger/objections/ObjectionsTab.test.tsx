import '../../residents/jsdom-support.ts';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addDays } from '../../../../../shared/ledger/dates.ts';
import type { LocalDatabase } from '../../../db/database.ts';
import { closeTestDatabases, openTestDatabase, testSession } from '../../residents/test-support.ts';
import { LedgerScreenTestApp } from '../review/LedgerScreenTestApp.tsx';
import {
  allEvents,
  CLERK,
  objections,
  objectTo,
  record,
  REVIEWER,
  seedVillage,
} from '../review/ledger-test-support.ts';
import type { VillageLedger } from '../village-ledger.ts';
import { ObjectionsTab } from './ObjectionsTab.tsx';

vi.setConfig({ testTimeout: 60_000 });

afterEach(closeTestDatabases);

/** Opens an antd Select by its label and picks the option shown as `option`. */
async function choose(container: HTMLElement, label: string, option: string | RegExp) {
  const select = (await within(container).findByLabelText(label)).closest('.ant-select');
  if (select === null) throw new Error(`${label} is not a select`);
  const before = document.querySelectorAll('.ant-select-dropdown').length;
  fireEvent.mouseDown(select.querySelector('.ant-select-content') ?? select);
  const dropdown = await waitFor(() => {
    const all = document.querySelectorAll<HTMLElement>('.ant-select-dropdown');
    expect(all.length).toBeGreaterThan(before);
    return all[all.length - 1]!;
  });
  fireEvent.click(await within(dropdown).findByTitle(option));
}

/** The screen as the reviewer sees it, and the latest ledger the screen read. */
function renderAsReviewer(db: LocalDatabase) {
  const seen: { ledger: VillageLedger | null } = { ledger: null };
  render(
    <LedgerScreenTestApp
      db={db}
      session={testSession('village_reviewer', REVIEWER)}
      onLedger={(ledger) => {
        seen.ledger = ledger;
      }}
    >
      <ObjectionsTab />
    </LedgerScreenTestApp>,
  );
  return {
    score: (residentId: string) => seen.ledger?.figures.figures('resident', residentId).score,
  };
}

async function objectionRow(subject: string): Promise<HTMLElement> {
  const table = await screen.findByTestId('objection-table');
  return within(table).findByRole('row', { name: new RegExp(`^${subject} 对`) });
}

describe('objections', () => {
  it('holds the entry once recorded (异议处理中, not counted), and counts it again when dismissed', async () => {
    const db = await openTestDatabase();
    const village = await seedVillage(db);
    const blood = await record(db, village, village.wang, 'P-BLOOD', {
      mode: 'import',
      daysAgo: 20,
    });
    const view = renderAsReviewer(db);
    await waitFor(() => {
      expect(view.score(village.wang.id)).toBe(1010);
    });

    fireEvent.click(await screen.findByRole('button', { name: /登记异议/ }));
    const dialog = await screen.findByRole('dialog');
    await choose(dialog, '异议人（村民）', '王建国（001户）');
    await choose(dialog, '异议的记录', /无偿献血（每次） \+10 分（本人，已生效）/);
    fireEvent.change(within(dialog).getByLabelText('异议理由'), {
      target: { value: '那天我在外地打工，没有献血' },
    });
    const today = within(dialog).getByLabelText<HTMLInputElement>('收到日期').value;
    expect(within(dialog).getByLabelText<HTMLInputElement>('处理期限').value).toBe(
      addDays(today, 15),
    );
    fireEvent.click(within(dialog).getByRole('button', { name: '确认登记' }));

    const row = await objectionRow('王建国');
    expect(within(row).getByText('异议处理中')).toBeTruthy();
    expect(within(row).getByText('受理')).toBeTruthy();
    await waitFor(() => {
      expect(view.score(village.wang.id)).toBe(1000);
    });
    const [objection] = await objections(db);
    expect(objection).toMatchObject({
      kind: 'objection',
      targetId: blood.id,
      subjectId: village.wang.id,
      reason: '那天我在外地打工，没有献血',
      receivedOn: today,
      dueOn: addDays(today, 15),
      status: 'received',
      createdBy: REVIEWER,
    });

    fireEvent.click(within(row).getByRole('button', { name: '开始核查' }));
    expect(await within(await objectionRow('王建国')).findByText('核查中')).toBeTruthy();

    fireEvent.click(within(await objectionRow('王建国')).getByRole('button', { name: '处理决定' }));
    const decide = await screen.findByRole('dialog');
    fireEvent.click(within(decide).getByRole('radio', { name: '异议不成立' }));
    fireEvent.click(within(decide).getByRole('button', { name: '确认处理决定' }));
    expect(await within(decide).findByText(/请写明处理理由/)).toBeTruthy();
    fireEvent.change(within(decide).getByLabelText(/处理理由/), {
      target: { value: '血站记录显示当天确有献血' },
    });
    fireEvent.click(within(decide).getByRole('button', { name: '确认处理决定' }));

    const decided = await objectionRow('王建国');
    expect(await within(decided).findByText('不成立')).toBeTruthy();
    expect(within(decided).getByText('已生效')).toBeTruthy();
    await waitFor(() => {
      expect(view.score(village.wang.id)).toBe(1010);
    });
    expect((await objections(db))[0]).toMatchObject({
      status: 'dismissed',
      decision: { outcome: 'dismissed', note: '血站记录显示当天确有献血', by: REVIEWER },
    });
  });

  it('reverses an effective entry when upheld, and the score drops back', async () => {
    const db = await openTestDatabase();
    const village = await seedVillage(db);
    const blood = await record(db, village, village.zhang, 'P-BLOOD', {
      mode: 'import',
      daysAgo: 20,
    });
    const objection = await objectTo(db, blood);
    const view = renderAsReviewer(db);

    const row = await objectionRow('张三');
    expect(within(row).getByText('异议处理中')).toBeTruthy();
    await waitFor(() => {
      expect(view.score(village.zhang.id)).toBe(1000);
    });
    fireEvent.click(within(row).getByRole('button', { name: '处理决定' }));
    const decide = await screen.findByRole('dialog');
    fireEvent.click(within(decide).getByRole('radio', { name: '异议成立' }));
    expect(within(decide).getByText(/将新增一条冲正记录（-10 分）/)).toBeTruthy();
    fireEvent.change(within(decide).getByLabelText(/处理理由/), {
      target: { value: '血站没有当天的献血记录' },
    });
    fireEvent.click(within(decide).getByRole('button', { name: '确认处理决定' }));

    const decided = await objectionRow('张三');
    expect(await within(decided).findByText('成立')).toBeTruthy();
    expect(within(decided).getByText('已冲正')).toBeTruthy();
    const reversal = (await allEvents(db)).find((event) => event.kind === 'reversal');
    expect(reversal).toMatchObject({
      status: 'effective',
      reversalOf: blood.id,
      caseId: objection.id,
      points: -10,
      note: '血站没有当天的献血记录',
    });
    expect((await allEvents(db)).find((event) => event.id === blood.id)?.status).toBe('effective');
    expect((await objections(db))[0]).toMatchObject({
      status: 'upheld',
      resultEventId: reversal?.id,
    });
    await waitFor(() => {
      expect(view.score(village.zhang.id)).toBe(1000);
    });

    // 结案 once the resident has been told.
    fireEvent.click(within(decided).getByRole('button', { name: '结案' }));
    const popover = await waitFor(() => {
      const found = document.querySelector<HTMLElement>('.ant-popover');
      expect(found).not.toBeNull();
      return found!;
    });
    expect(within(popover).getByText(/已把处理结果告知异议人/)).toBeTruthy();
    fireEvent.click(within(popover).getByRole('button', { name: '结案' }));
    await waitFor(async () => {
      expect((await objections(db))[0]?.status).toBe('closed');
    });
  });

  it('shows a clerk the objections read-only', async () => {
    const db = await openTestDatabase();
    const village = await seedVillage(db);
    const blood = await record(db, village, village.zhang, 'P-BLOOD', {
      mode: 'import',
      daysAgo: 20,
    });
    await objectTo(db, blood);
    render(
      <LedgerScreenTestApp db={db} session={testSession('village_clerk', CLERK)}>
        <ObjectionsTab />
      </LedgerScreenTestApp>,
    );
    const row = await objectionRow('张三');
    expect(screen.getByText(/您是录入员，这里只能查看异议/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /登记异议/ })).toBeNull();
    expect(within(row).queryByRole('button', { name: '处理决定' })).toBeNull();
  });
});
