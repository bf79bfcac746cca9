import '../../residents/jsdom-support.ts';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventDoc } from '../../../../../shared/collections/events.ts';
import type { NoticeDoc } from '../../../../../shared/collections/notices.ts';
import { settingsId } from '../../../../../shared/collections/policies.ts';
import { addDays } from '../../../../../shared/ledger/dates.ts';
import { draftNotice } from '../../../../../shared/ledger/notice.ts';
import { reviewEntries } from '../../../../../shared/ledger/review.ts';
import type { Session } from '../../../auth/session.ts';
import type { LocalDatabase } from '../../../db/database.ts';
import { closeTestDatabases, openTestDatabase, testSession } from '../../residents/test-support.ts';
import { ledgerContext, writeLedger } from '../ledger-store.ts';
import {
  CLERK,
  eventById,
  objectTo,
  record,
  REVIEWER,
  scopeOf,
  seedVillage,
  type TestVillage,
} from '../review/ledger-test-support.ts';
import type { VillageLedgerStore } from '../village-ledger.ts';
import { NoticesTab } from './NoticesTab.tsx';
import {
  NoticesTestApp,
  printingPort,
  startLedgerStore,
  startRegisterStore,
  testClock,
  type PrintedFiles,
  type TestClock,
} from './NoticesTestApp.tsx';

// Rendering antd tables and dialogs in jsdom takes seconds, not milliseconds.
vi.setConfig({ testTimeout: 60_000 });

const stores: { stop(): void }[] = [];

afterEach(async () => {
  for (const store of stores.splice(0)) store.stop();
  await closeTestDatabases();
});

const reviewer = () => testSession('village_reviewer', REVIEWER);

/** The reviewer approves the clerk's entries (the review tab's writes). */
async function approve(
  db: LocalDatabase,
  entries: readonly EventDoc[],
): Promise<readonly EventDoc[]> {
  const scope = scopeOf('village_reviewer', REVIEWER);
  const { reviewed, refused } = reviewEntries(
    entries,
    'approved',
    '',
    { userId: REVIEWER, householdIds: [] },
    ledgerContext(scope),
  );
  expect(refused).toEqual([]);
  await writeLedger(db, { events: reviewed });
  return reviewed;
}

/** 王建国 +10 (named) and 张三 -5 (anonymised on the sheet), approved and waiting for notice. */
async function twoApproved(db: LocalDatabase, village: TestVillage) {
  const blood = await record(db, village, village.wang, 'P-BLOOD');
  const litter = await record(db, village, village.zhang, 'N-LITTER');
  const approved = await approve(db, [blood, litter]);
  return { blood, litter, approved };
}

interface Opened {
  readonly clock: TestClock;
  readonly store: VillageLedgerStore;
  readonly files: PrintedFiles;
}

async function openTab(db: LocalDatabase, session: Session): Promise<Opened> {
  const clock = testClock();
  const store = await startLedgerStore(db, session, clock);
  const register = await startRegisterStore(db, session);
  stores.push(store, register);
  const { port, files } = printingPort();
  render(
    <NoticesTestApp db={db} session={session} store={store} register={register} port={port}>
      <NoticesTab />
    </NoticesTestApp>,
  );
  return { clock, store, files };
}

async function notices(db: LocalDatabase): Promise<NoticeDoc[]> {
  return (await db.collections.notices.find().exec()).map((doc) => doc.toMutableJSON());
}

async function audits(db: LocalDatabase): Promise<string[]> {
  const docs = await db.collections.journal.find({ selector: { kind: 'audit' } }).exec();
  return docs.map((doc) => {
    const entry = doc.toMutableJSON();
    return entry.kind === 'audit' ? entry.action : '';
  });
}

function waitingCard(): HTMLElement {
  return screen.getByTestId('notice-waiting');
}

async function batchCard(): Promise<HTMLElement> {
  return screen.findByTestId('notice-batch');
}

/** Ticks every waiting entry and makes a batch with the dialog's defaults. */
async function draftAll(): Promise<HTMLElement> {
  const waiting = await screen.findByTestId('notice-waiting');
  fireEvent.click(within(waiting).getByRole('button', { name: '勾选全部待公示记录' }));
  fireEvent.click(within(waiting).getByRole('button', { name: '生成公示批次' }));
  const dialog = await screen.findByRole('dialog');
  fireEvent.click(within(dialog).getByRole('button', { name: '生成公示批次' }));
  await waitFor(() => {
    expect(screen.queryByRole('dialog')).toBeNull();
  });
  return batchCard();
}

async function feedbackOf(card: HTMLElement): Promise<string> {
  const alert = await within(card).findByTestId('notice-batch-feedback');
  return alert.textContent;
}

describe('the notice tab', () => {
  it('makes a draft batch from the approved entries and prints its sheet through the port, anonymised where the rule says', async () => {
    const db = await openTestDatabase();
    const village = await seedVillage(db);
    const { blood, litter } = await twoApproved(db, village);
    // Still under review: not for notice yet.
    await record(db, village, village.li, 'P-VOL-4H');
    const { store, files } = await openTab(db, reviewer());
    const today = await waitFor<string>(() => {
      const state = store.snapshot();
      if (state.status !== 'ready') throw new Error('loading');
      return state.ledger.today;
    });

    expect(await screen.findByText('待公示的记录（2）')).toBeTruthy();
    const table = within(waitingCard()).getByTestId('notice-waiting-table');
    expect(within(table).getByRole('row', { name: '王建国：无偿献血（每次）' })).toBeTruthy();
    expect(within(table).getByRole('row', { name: '张三：乱扔乱倒垃圾杂物' })).toBeTruthy();
    expect(within(table).queryByRole('row', { name: /^李秀英：/ })).toBeNull();

    fireEvent.click(within(waitingCard()).getByRole('button', { name: '勾选全部待公示记录' }));
    expect(within(waitingCard()).getByTestId('notice-selected').textContent).toBe('已勾选 2 条');
    fireEvent.click(within(waitingCard()).getByRole('button', { name: '生成公示批次' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('生成公示批次（2 条）')).toBeTruthy();
    expect(within(dialog).getByLabelText<HTMLInputElement>('公示天数').value).toBe('7');
    expect(within(dialog).getByLabelText<HTMLInputElement>('公示开始日期').value).toBe(today);
    expect(within(dialog).getByTestId('notice-draft-period').textContent).toBe(
      `公示期：${today} 至 ${addDays(today, 6)}，期满次日起生效。`,
    );
    fireEvent.change(within(dialog).getByLabelText('异议联系人及电话'), {
      target: { value: '村委会 王会计 0516-88886666' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: '生成公示批次' }));

    const card = await batchCard();
    expect(within(card).getByText('草稿')).toBeTruthy();
    expect(
      await screen.findByText(/已生成公示批次「\d{4}年\d{1,2}月信用积分公示」（2 条）/),
    ).toBeTruthy();
    // Entries listed in a draft wait there, not for another batch.
    expect(await screen.findByText('待公示的记录（0）')).toBeTruthy();
    const [draft] = await notices(db);
    expect(draft).toMatchObject({
      status: 'draft',
      itemIds: [blood.id, litter.id],
      startsOn: today,
      endsOn: addDays(today, 6),
      days: 7,
      objectionContact: '村委会 王会计 0516-88886666',
      createdBy: REVIEWER,
    });
    expect(await audits(db)).toContain('notice.draft');
    // A draft changes no entry.
    expect((await eventById(db, blood.id))?.status).toBe('approved');

    fireEvent.click(within(card).getByRole('button', { name: '打印公示表' }));
    expect(await feedbackOf(card)).toMatch(
      /^公示表已保存：\/home\/village\/公示表-\d{4}-001-.+\.pdf$/,
    );
    expect(files.printed).toHaveLength(1);
    const { html, landscape } = files.printed[0]!;
    expect(landscape).toBe(false);
    // The village's name comes from its adopted rule set (南港村积分细则).
    expect(html).toContain('<h1>南港村信用积分公示表</h1>');
    expect(html).toContain('<td class="name">王建国</td>');
    expect(html).toContain('<td class="name">张**</td>');
    expect(html).not.toContain('张三<');
    expect(html).toContain('无偿献血（每次）');
    expect(html).toContain('乱扔乱倒垃圾杂物');
    expect(html).toContain('如有异议，请于公示期内向村委会 王会计反映（联系电话：0516-88886666）');
    expect(files.saved[0]?.data).toEqual(new TextEncoder().encode('%PDF-1.7 test'));
  });

  it('posts a batch, refuses to close it before the period ends, and afterwards puts the entries into effect except one held by an objection', async () => {
    const db = await openTestDatabase();
    const village = await seedVillage(db);
    const { blood, litter } = await twoApproved(db, village);
    const { clock, store } = await openTab(db, reviewer());

    const card = await draftAll();
    fireEvent.click(within(card).getByRole('button', { name: '发布公示' }));
    expect(await feedbackOf(card)).toMatch(/^已发布：公示期 \S+ 至 \S+，其中的记录进入公示。/);
    await waitFor(() => {
      expect(card.getAttribute('data-status')).toBe('published');
    });
    expect(within(card).getAllByText('公示中')).toHaveLength(3);
    const [posted] = await notices(db);
    expect(posted?.status).toBe('published');
    expect(posted?.published?.by).toBe(REVIEWER);
    for (const entry of [blood, litter])
      expect(await eventById(db, entry.id)).toMatchObject({
        status: 'in-notice',
        noticeId: posted?.id,
      });
    const endsOn = posted?.endsOn ?? '';
    expect(within(card).getByText(`公示期到 ${endsOn} 结束，期满后才能结束公示。`)).toBeTruthy();

    // 张三 objects to his entry while it is on notice.
    const litterNow = await eventById(db, litter.id);
    if (litterNow === undefined) throw new Error('entry missing');
    await objectTo(db, litterNow);
    await waitFor(() => {
      expect(within(card).getByText('异议处理中')).toBeTruthy();
    });

    // Before the period is over the shared close refuses, with its reason in words.
    fireEvent.click(within(card).getByRole('button', { name: '结束公示' }));
    expect(await feedbackOf(card)).toBe(`公示期到 ${endsOn} 才结束，期满后才能结束公示。`);
    expect((await eventById(db, blood.id))?.status).toBe('in-notice');
    expect((await notices(db))[0]?.status).toBe('published');

    // The day after the last day of notice.
    clock.advanceDays(7);
    act(() => {
      store.checkDate();
    });
    expect(
      await within(card).findByText('公示期已满：结束公示后，没有异议的记录随即生效。'),
    ).toBeTruthy();
    // (In jsdom the button's loading icon from the first try never finishes leaving.)
    fireEvent.click(within(card).getByRole('button', { name: /结束公示$/ }));
    expect(await feedbackOf(card)).toBe('公示已结束：1 条记录生效，1 条因异议处理中暂不生效。');
    await waitFor(() => {
      expect(within(card).getByText('已结束')).toBeTruthy();
    });
    expect(within(card).getByTestId('notice-outcome').textContent).toBe(
      '1 条已生效，1 条异议处理中，暂不生效',
    );
    const effectiveOn = addDays(endsOn, 1);
    const entries = within(card).getByTestId('notice-batch-entries');
    const wang = within(entries).getByRole('row', { name: '王建国：无偿献血（每次）' });
    expect(within(wang).getByText(`已生效（${effectiveOn} 起）`)).toBeTruthy();
    const zhang = within(entries).getByRole('row', { name: '张三：乱扔乱倒垃圾杂物' });
    expect(within(zhang).getByText('异议处理中，暂不生效')).toBeTruthy();

    expect(await eventById(db, blood.id)).toMatchObject({ status: 'effective', effectiveOn });
    expect((await eventById(db, litter.id))?.status).toBe('in-notice');
    const [closed] = await notices(db);
    expect(closed?.status).toBe('closed');
    expect(closed?.closed?.by).toBe(REVIEWER);
    expect(await audits(db)).toEqual(
      expect.arrayContaining(['notice.draft', 'notice.publish', 'notice.close']),
    );
    // The figures count the entry that took effect and not the held one.
    const state = store.snapshot();
    if (state.status !== 'ready') throw new Error('ledger not ready');
    expect(state.ledger.figures.figures('resident', village.wang.id).score).toBe(1010);
    expect(state.ledger.figures.figures('resident', village.zhang.id).score).toBe(1000);
  });

  it('keeps the notice settings: a village without them works by the defaults, and saving creates them for the next batch', async () => {
    const db = await openTestDatabase();
    const village = await seedVillage(db);
    await twoApproved(db, village);
    await openTab(db, testSession('village_admin'));

    const settings = await screen.findByTestId('notice-settings');
    expect(within(settings).getByTestId('notice-settings-current').textContent).toBe(
      '本村还没有公示设置，目前按默认办法：公示 7 天，公示表上请村民「向村民委员会反映」。保存后即建立本村设置。',
    );
    fireEvent.change(within(settings).getByLabelText('公示天数'), { target: { value: '5' } });
    fireEvent.change(within(settings).getByLabelText('异议联系人及电话'), {
      target: { value: '村委会 李主任 13800000000' },
    });
    fireEvent.click(within(settings).getByRole('button', { name: '保存公示设置' }));
    expect(
      await within(settings).findByText('公示设置已保存，以后生成的公示批次按此办理。'),
    ).toBeTruthy();
    await waitFor(() => {
      expect(within(settings).getByTestId('notice-settings-current').textContent).toBe(
        '公示 5 天；异议联系人及电话：村委会 李主任 13800000000',
      );
    });
    const stored = await db.collections.policies
      .findOne(settingsId(village.ruleSet.villageCode))
      .exec();
    expect(stored?.toMutableJSON()).toMatchObject({
      kind: 'settings',
      status: 'active',
      noticeDays: 5,
      objectionContact: '村委会 李主任 13800000000',
      rollUp: 'sum',
      deductionsAgainstBalance: false,
    });
    expect(await audits(db)).toContain('settings.create');

    // A new batch takes the village's days and contact.
    fireEvent.click(within(waitingCard()).getByRole('button', { name: '勾选全部待公示记录' }));
    fireEvent.click(within(waitingCard()).getByRole('button', { name: '生成公示批次' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByLabelText<HTMLInputElement>('公示天数').value).toBe('5');
    expect(within(dialog).getByLabelText<HTMLInputElement>('异议联系人及电话').value).toBe(
      '村委会 李主任 13800000000',
    );
  });

  it('withdraws a draft: its entries wait for notice again', async () => {
    const db = await openTestDatabase();
    const village = await seedVillage(db);
    await twoApproved(db, village);
    await openTab(db, testSession('village_admin'));

    const card = await draftAll();
    expect(await screen.findByText('待公示的记录（0）')).toBeTruthy();
    fireEvent.click(within(card).getByRole('button', { name: /^撤\s?回$/ }));
    fireEvent.click(await screen.findByRole('button', { name: '确认撤回' }));
    expect(await feedbackOf(card)).toBe('已撤回公示批次，其中的记录回到待公示。');
    expect(await screen.findByText('待公示的记录（2）')).toBeTruthy();
    await waitFor(() => {
      expect(within(card).getByText('已撤回')).toBeTruthy();
    });
    expect(within(card).queryByRole('button', { name: '打印公示表' })).toBeNull();
    expect((await notices(db))[0]?.status).toBe('withdrawn');
    expect(await audits(db)).toContain('notice.withdraw');
  });

  it('shows a clerk the batches read-only, with the sheet to print', async () => {
    const db = await openTestDatabase();
    const village = await seedVillage(db);
    const { approved } = await twoApproved(db, village);
    // The reviewer made a batch of one of them.
    const scope = scopeOf('village_reviewer', REVIEWER);
    const ctx = ledgerContext(scope);
    const drafted = draftNotice(
      { title: '11月公示', startsOn: ctx.today, objectionContact: '', note: '' },
      approved.slice(0, 1),
      scope,
      ctx,
    );
    if (!drafted.ok) throw new Error(drafted.error.code);
    await writeLedger(db, { notices: [drafted.value] });
    const { files } = await openTab(db, testSession('village_clerk', CLERK));

    expect(
      await screen.findByText(
        '您是录入员：公示由村审核员或村委负责人办理，这里只能查看公示批次和打印公示表。',
      ),
    ).toBeTruthy();
    expect(await screen.findByText('待公示的记录（1）')).toBeTruthy();
    expect(within(waitingCard()).queryByRole('button', { name: '生成公示批次' })).toBeNull();
    expect(within(waitingCard()).queryByRole('checkbox')).toBeNull();
    expect(
      within(screen.getByTestId('notice-settings')).queryByRole('button', {
        name: '保存公示设置',
      }),
    ).toBeNull();
    const card = await batchCard();
    expect(within(card).queryByRole('button', { name: '发布公示' })).toBeNull();
    expect(within(card).queryByRole('button', { name: /^撤\s?回$/ })).toBeNull();
    fireEvent.click(within(card).getByRole('button', { name: '打印公示表' }));
    expect(await feedbackOf(card)).toMatch(/^公示表已保存：/);
    expect(files.printed[0]?.html).toContain('<td class="name">王建国</td>');
    expect((await notices(db))[0]?.status).toBe('draft');
  });
});
