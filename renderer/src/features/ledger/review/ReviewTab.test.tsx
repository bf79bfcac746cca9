import '../../residents/jsdom-support.ts';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { closeTestDatabases, openTestDatabase, testSession } from '../../residents/test-support.ts';
import { ledgerContext } from '../ledger-store.ts';
import { LedgerScreenTestApp } from './LedgerScreenTestApp.tsx';
import {
  allEvents,
  CLERK,
  eventById,
  OTHER_REVIEWER,
  record,
  REVIEWER,
  scopeOf,
  seedVillage,
} from './ledger-test-support.ts';
import { ReviewTab } from './ReviewTab.tsx';
import { reviewWrites } from './review-writes.ts';

// Rendering antd tables and dialogs in jsdom takes seconds, not milliseconds.
vi.setConfig({ testTimeout: 60_000 });

afterEach(closeTestDatabases);

const reviewer = () => testSession('village_reviewer', REVIEWER);

function queue() {
  return screen.getByTestId('review-table');
}

/** The queue's row about `subject` (rows are named 「subject：rule」). */
async function rowOf(subject: string, rule?: string): Promise<HTMLElement> {
  const table = await screen.findByTestId('review-table');
  return within(table).findByRole('row', {
    name: rule === undefined ? new RegExp(`^${subject}：`) : `${subject}：${rule}`,
  });
}

describe('the review queue', () => {
  it('lets a reviewer approve a clerk’s entry, which then leaves the queue', async () => {
    const db = await openTestDatabase();
    const village = await seedVillage(db);
    const blood = await record(db, village, village.wang, 'P-BLOOD', { note: '县血站献血证' });
    await record(db, village, village.zhang, 'P-VOL-4H');
    render(
      <LedgerScreenTestApp db={db} session={reviewer()}>
        <ReviewTab />
      </LedgerScreenTestApp>,
    );

    expect(await screen.findByText('待审核 2 条')).toBeTruthy();
    const row = await rowOf('王建国', '无偿献血（每次）');
    expect(within(row).getByText('+10')).toBeTruthy();
    expect(within(row).getByText('P-BLOOD')).toBeTruthy();
    expect(within(row).getByText('县血站献血证')).toBeTruthy();
    expect(within(row).getByText(CLERK)).toBeTruthy();

    fireEvent.click(within(row).getByRole('button', { name: '通过' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('通过 1 条记录')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: '确认通过' }));

    await waitFor(() => {
      expect(within(queue()).queryByRole('row', { name: /^王建国：/ })).toBeNull();
    });
    expect(screen.getByText('待审核 1 条')).toBeTruthy();
    expect(await eventById(db, blood.id)).toMatchObject({
      status: 'approved',
      review: { decision: 'approved', by: REVIEWER, note: '' },
    });
    const audit = await db.collections.journal.find({ selector: { kind: 'audit' } }).exec();
    expect(audit.map((doc) => doc.toMutableJSON())).toContainEqual(
      expect.objectContaining({ action: 'event.review', targetId: blood.id, createdBy: REVIEWER }),
    );

    // Approved entries whose rule needs notice wait for a notice batch, read-only here.
    fireEvent.click(screen.getByText('已通过待公示（1）'));
    const waiting = await screen.findByTestId('awaiting-notice-table');
    expect(within(waiting).getByRole('row', { name: '王建国：无偿献血（每次）' })).toBeTruthy();
    expect(within(waiting).getByText('待公示')).toBeTruthy();
    expect(within(waiting).queryByRole('button', { name: '通过' })).toBeNull();
  });

  it('never lets the recorder approve their own entry: disabled with the reason, refused if forced', async () => {
    const db = await openTestDatabase();
    const village = await seedVillage(db);
    const own = await record(db, village, village.zhang, 'P-VOL-4H', { userId: REVIEWER });
    await record(db, village, village.wang, 'P-BLOOD');
    render(
      <LedgerScreenTestApp db={db} session={reviewer()}>
        <ReviewTab />
      </LedgerScreenTestApp>,
    );

    const row = await rowOf('张三');
    expect(within(row).getByText('本人录入，须由他人审核')).toBeTruthy();
    for (const name of ['通过', '退回', '驳回'])
      expect(within(row).getByRole('button', { name }).hasAttribute('disabled')).toBe(true);
    expect(
      within(row)
        .getByRole('checkbox', { name: /勾选 张三/ })
        .hasAttribute('disabled'),
    ).toBe(true);
    // Select-all takes only the entries this reviewer may review.
    fireEvent.click(screen.getByRole('button', { name: '勾选全部可审核的 1 条' }));
    expect(screen.getByTestId('review-selected').textContent).toBe('已勾选 1 条');

    // Forced past the screen, the shared review refuses it and nothing is written.
    const scope = scopeOf('village_reviewer', REVIEWER);
    const forced = reviewWrites(
      [own],
      'approved',
      '',
      { userId: REVIEWER, householdIds: [] },
      scope,
      ledgerContext(scope),
    );
    expect(forced.refused).toEqual([
      { eventId: own.id, error: { code: 'ledger.review-own-entry' } },
    ]);
    expect(forced.writes.events).toEqual([]);
    expect(forced.writes.journal).toEqual([]);
    expect((await eventById(db, own.id))?.status).toBe('submitted');
  });

  it('needs a note to return an entry, and keeps it with the entry', async () => {
    const db = await openTestDatabase();
    const village = await seedVillage(db);
    const entry = await record(db, village, village.zhang, 'P-VOL-4H');
    render(
      <LedgerScreenTestApp db={db} session={reviewer()}>
        <ReviewTab />
      </LedgerScreenTestApp>,
    );

    fireEvent.click(within(await rowOf('张三')).getByRole('button', { name: '退回' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: '确认退回' }));
    expect(await within(dialog).findByText(/退回或驳回须填写审核意见/)).toBeTruthy();
    expect((await eventById(db, entry.id))?.status).toBe('submitted');

    fireEvent.change(within(dialog).getByLabelText(/审核意见/), {
      target: { value: '服务时长证明缺少签字' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: '确认退回' }));
    await waitFor(() => {
      expect(within(queue()).queryByRole('row', { name: /^张三：/ })).toBeNull();
    });
    expect(await eventById(db, entry.id)).toMatchObject({
      status: 'returned',
      review: { decision: 'returned', note: '服务时长证明缺少签字', by: REVIEWER },
    });
  });

  it('approves three ticked entries at once from the keyboard, after confirmation', async () => {
    const db = await openTestDatabase();
    const village = await seedVillage(db);
    const entries = [
      await record(db, village, village.wang, 'P-BLOOD'),
      await record(db, village, village.li, 'P-VOL-4H'),
      await record(db, village, village.zhang, 'P-HELP'),
    ];
    render(
      <LedgerScreenTestApp db={db} session={reviewer()}>
        <ReviewTab />
      </LedgerScreenTestApp>,
    );

    for (const name of ['王建国', '李秀英', '张三'])
      fireEvent.click(within(await rowOf(name)).getByRole('checkbox'));
    expect(screen.getByTestId('review-selected').textContent).toBe('已勾选 3 条');
    const box = within(await rowOf('张三')).getByRole('checkbox');
    box.focus();
    fireEvent.keyDown(box, { key: 'a' });

    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('通过 3 条记录')).toBeTruthy();
    expect(
      within(within(dialog).getByTestId('review-items')).getAllByRole('listitem'),
    ).toHaveLength(3);
    fireEvent.click(within(dialog).getByRole('button', { name: '确认通过' }));

    expect(await screen.findByText('待审核 0 条')).toBeTruthy();
    const stored = await allEvents(db);
    expect(entries.map((entry) => stored.find((event) => event.id === entry.id)?.status)).toEqual([
      'approved',
      'approved',
      'approved',
    ]);
  });

  it('shows a clerk the queue read-only', async () => {
    const db = await openTestDatabase();
    const village = await seedVillage(db);
    await record(db, village, village.wang, 'P-BLOOD', { userId: OTHER_REVIEWER });
    render(
      <LedgerScreenTestApp db={db} session={testSession('village_clerk', CLERK)}>
        <ReviewTab />
      </LedgerScreenTestApp>,
    );
    const row = await rowOf('王建国');
    expect(screen.getByText(/您是录入员，这里只能查看待审核的记录/)).toBeTruthy();
    expect(within(row).queryByRole('button', { name: '通过' })).toBeNull();
    expect(within(row).queryByRole('checkbox')).toBeNull();
    expect(screen.queryByRole('button', { name: '批量通过' })).toBeNull();
  });
});

describe('corrections (冲正)', () => {
  it('submits a reversal of an effective entry for review, leaving the entry as it was', async () => {
    const db = await openTestDatabase();
    const village = await seedVillage(db);
    const entry = await record(db, village, village.wang, 'P-BLOOD', { mode: 'import' });
    render(
      <LedgerScreenTestApp db={db} session={reviewer()}>
        <ReviewTab />
      </LedgerScreenTestApp>,
    );

    fireEvent.click(await screen.findByText('冲正'));
    const picker = await screen.findByLabelText('查找村民或户');
    fireEvent.mouseDown(
      picker.closest('.ant-select')?.querySelector('.ant-select-content') ?? picker,
    );
    fireEvent.click(await screen.findByTitle('王建国（001户）'));
    const entries = await screen.findByTestId('reversal-entries');
    fireEvent.click(
      await within(entries).findByRole('button', { name: /^冲正 王建国：无偿献血（每次）/ }),
    );
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: '提交冲正' }));
    expect(await within(dialog).findByText(/请写明冲正理由/)).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText(/冲正理由/), {
      target: { value: '献血日期记错，实际未献血' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: '提交冲正' }));

    expect(await within(entries).findByText('冲正审核中')).toBeTruthy();
    const stored = await allEvents(db);
    expect(stored.find((event) => event.id === entry.id)).toEqual(entry);
    expect(stored.find((event) => event.kind === 'reversal')).toMatchObject({
      status: 'submitted',
      reversalOf: entry.id,
      points: -10,
      note: '献血日期记错，实际未献血',
      createdBy: REVIEWER,
    });
    // The reversal goes through review like any entry: here the reviewer recorded it.
    fireEvent.click(screen.getByText('待审核（1）'));
    const row = await rowOf('王建国', '冲正：无偿献血（每次）');
    expect(within(row).getByText('本人录入，须由他人审核')).toBeTruthy();
  });
});
