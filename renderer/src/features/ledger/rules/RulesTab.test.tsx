import '../../residents/jsdom-support.ts';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { catalogId } from '../../../../../shared/collections/catalog.ts';
import {
  settingsId,
  type RuleSetPolicy,
  type SettingsPolicy,
} from '../../../../../shared/collections/policies.ts';
import { addDays, chinaDateOf } from '../../../../../shared/ledger/dates.ts';
import { recordEntry, residentSubject } from '../../../../../shared/ledger/recording.ts';
import { adoptLibrary, findRule, ruleSetInForce } from '../../../../../shared/ledger/rule-sets.ts';
import { defaultRules } from '../../../../../shared/ledger/templates.ts';
import type { LocalDatabase } from '../../../db/database.ts';
import { FiguresTestApp } from '../figures/FiguresTestApp.tsx';
import { registerHousehold } from '../../residents/register-actions.ts';
import { operationContext } from '../../residents/register-scope.ts';
import {
  closeTestDatabases,
  idOf,
  member,
  openTestDatabase,
  testScope,
  testSession,
  TEST_TOWNSHIP,
  TEST_VILLAGE,
} from '../../residents/test-support.ts';
import { residentHash } from '../../residents/useRegisterRoute.ts';
import { buttonIn, dialogWith, noDialogWith, tableRows } from './dom-queries.ts';
import { LedgerTestApp } from './LedgerTestApp.tsx';

vi.setConfig({ testTimeout: 60_000 });
// Writes reach the screen through the ledger store's change streams: give them time.
const SLOW = { timeout: 10_000 };

beforeEach(() => {
  window.location.hash = '#/ledger/rules';
});
afterEach(closeTestDatabases);

async function ruleSets(db: LocalDatabase): Promise<RuleSetPolicy[]> {
  const docs = await db.collections.policies.find({ selector: { kind: 'rule-set' } }).exec();
  return docs.map((doc) => doc.toMutableJSON() as RuleSetPolicy);
}

describe('the rules tab', () => {
  it('adopts the default rules through the form, in force from the meeting date', async () => {
    const db = await openTestDatabase();
    render(<LedgerTestApp db={db} session={testSession()} />);

    expect(await screen.findByText('本村尚未采用积分细则')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '采用默认积分细则' }));
    const dialog = await screen.findByRole('dialog');
    // The reference is required: nothing is written without it.
    fireEvent.click(within(dialog).getByRole('button', { name: '确认采用' }));
    expect(
      await within(dialog).findByText('请填写会议记录编号（会议纪要或决议的编号）。'),
    ).toBeTruthy();
    expect(await ruleSets(db)).toEqual([]);

    fireEvent.change(within(dialog).getByLabelText('会议记录编号'), {
      target: { value: '南港村〔2025〕1号' },
    });
    const meetingOn = within(dialog).getByLabelText<HTMLInputElement>('村民代表大会日期').value;
    fireEvent.click(within(dialog).getByRole('button', { name: '确认采用' }));

    const card = await screen.findByTestId('rule-set-in-force');
    expect(within(card).getByText('现行积分细则')).toBeTruthy();
    expect(within(card).getByText('第 1 版')).toBeTruthy();
    expect(within(card).getByText('南港村〔2025〕1号')).toBeTruthy();
    expect(within(card).getByText(`${String(defaultRules().length)} 条`)).toBeTruthy();

    const [set] = await ruleSets(db);
    expect(set).toMatchObject({
      status: 'adopted',
      setVersion: 1,
      effectiveFrom: meetingOn,
      adoption: { meetingRef: '南港村〔2025〕1号', meetingOn },
    });
    expect(set?.rules.map((rule) => rule.code)).toEqual(defaultRules().map((rule) => rule.code));
    const audit = await db.collections.journal.find({ selector: { kind: 'audit' } }).exec();
    expect(audit.map((doc) => doc.toMutableJSON())).toEqual([
      expect.objectContaining({ action: 'rule-set.adopt', targetId: set?.id }),
    ]);
  });

  it('lets a clerk read but not adopt', async () => {
    const db = await openTestDatabase();
    render(<LedgerTestApp db={db} session={testSession('village_clerk', 'u-clerk-wang')} />);
    expect(await screen.findByText('本村尚未采用积分细则')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '采用默认积分细则' })).toBeNull();
    expect(screen.getByText(/请村管理员登录后办理/)).toBeTruthy();
  });
});

const PLACE = { villageCode: TEST_VILLAGE, townshipCode: TEST_TOWNSHIP };

/** Version 1 (the packaged library), in force from 60 days ago. */
async function adoptVersionOne(db: LocalDatabase): Promise<RuleSetPolicy> {
  const today = chinaDateOf(Date.now());
  const meetingOn = addDays(today, -60);
  const adopted = adoptLibrary(
    {
      title: '南港村积分细则',
      effectiveFrom: meetingOn,
      meetingOn,
      meetingRef: '南港村〔2025〕1号',
    },
    defaultRules(),
    PLACE,
    undefined,
    operationContext(testScope()),
  );
  if (!adopted.ok) throw new Error(adopted.error.code);
  const [set] = adopted.value;
  if (set === undefined) throw new Error('no set');
  await db.collections.policies.insert(set);
  return set;
}

function inputOf(container: HTMLElement, label: string): HTMLInputElement {
  return within(container).getByLabelText<HTMLInputElement>(label);
}

describe('a new version of the rules', () => {
  it('adjusts a rule’s points within the template; entries recorded before keep the rule as it was', async () => {
    const db = await openTestDatabase();
    const v1 = await adoptVersionOne(db);
    const registered = await registerHousehold(
      db,
      testScope(),
      { number: '001', houseNumber: '东街12号', address: '', groupId: '', tags: [] },
      [member({ name: '王建国', idNumber: idOf('19650312', '011') }, 'head')],
    );
    if (!registered.ok) throw new Error('seed refused');
    const resident = await db.collections.residents.findOne(registered.value.headResidentId).exec();
    if (resident === null) throw new Error('no resident');
    const today = chinaDateOf(Date.now());
    // A clean-up day a month ago under version 1, decided at 5 points (the range is 1 to 5).
    const recorded = recordEntry(
      residentSubject(resident.toMutableJSON()),
      {
        ruleCode: 'P-CLEAN',
        occurredOn: addDays(today, -30),
        quantity: 1,
        unitPoints: 5,
        note: '',
        evidence: [],
      },
      { ruleSet: v1 },
      [],
      operationContext(testScope()),
      'import',
    );
    if (!recorded.ok) throw new Error(recorded.error.code);
    await db.collections.events.insert(recorded.value.event);

    const { unmount } = render(<LedgerTestApp db={db} session={testSession()} />);
    await screen.findByTestId('rule-set-in-force');
    fireEvent.click(buttonIn(document, '修订细则'));
    const draft = await screen.findByTestId('rule-set-draft', undefined, SLOW);
    expect(within(draft).getByText('第 2 版草稿（修订中）')).toBeTruthy();
    fireEvent.change(within(draft).getByLabelText('搜索规则'), { target: { value: 'P-CLEAN' } });
    const table = within(draft).getByTestId('draft-rules');
    await waitFor(() => {
      expect(tableRows(table)).toHaveLength(1);
    }, SLOW);
    fireEvent.click(buttonIn(table, '调整'));
    const adjust = await dialogWith('调整规则 P-CLEAN');
    fireEvent.change(inputOf(adjust, '分值下限'), { target: { value: '2' } });
    fireEvent.blur(inputOf(adjust, '分值下限'));
    fireEvent.change(inputOf(adjust, '分值上限'), { target: { value: '2' } });
    fireEvent.blur(inputOf(adjust, '分值上限'));
    fireEvent.click(buttonIn(adjust, '保存'));
    await waitFor(() => {
      expect(within(table).getByText('已调整')).toBeTruthy();
    }, SLOW);
    expect(within(table).getByText('+2')).toBeTruthy();
    expect(within(draft).getByTestId('draft-changes').textContent).toContain('调整 1 条');

    fireEvent.click(buttonIn(draft, '登记通过'));
    const adopt = await dialogWith('登记第 2 版');
    fireEvent.change(inputOf(adopt, '会议记录编号'), { target: { value: '南港村〔2025〕2号' } });
    fireEvent.click(buttonIn(adopt, '确认采用'));

    const inForce = await screen.findByTestId('rule-set-in-force');
    await waitFor(() => {
      expect(within(inForce).getByText('第 2 版')).toBeTruthy();
    }, SLOW);
    expect(within(inForce).getByText('南港村〔2025〕2号')).toBeTruthy();
    expect(screen.queryByTestId('rule-set-draft')).toBeNull();
    const versions = screen.getByTestId('rule-set-versions');
    expect(within(versions).getByText('已被替代')).toBeTruthy();

    const sets = await ruleSets(db);
    const v2 = sets.find((set) => set.setVersion === 2);
    expect(sets.find((set) => set.id === v1.id)?.status).toBe('superseded');
    expect(v2).toMatchObject({ status: 'adopted', effectiveFrom: today, supersedesId: v1.id });
    // Acts from today fall under version 2 at 2 points; the month-old act under version 1.
    expect(findRule(ruleSetInForce(sets, today) ?? v1, 'P-CLEAN')?.points).toBe(2);
    expect(ruleSetInForce(sets, addDays(today, -30))?.setVersion).toBe(1);
    unmount();

    // The resident's history still shows the entry as recorded: 5 points, version 1.
    render(<FiguresTestApp db={db} session={testSession()} />);
    window.location.hash = residentHash(resident.id);
    fireEvent.click(await screen.findByText('查看档案'));
    const history = await screen.findByTestId('event-history');
    const row = tableRows(history).find((r) => r.textContent.includes('参加或配合环境整治'));
    expect(row?.textContent).toContain('+5');
    expect(row?.textContent).toContain('第 1 版');
  });

  it('adds a village item and refuses one under a template’s code', async () => {
    const db = await openTestDatabase();
    await adoptVersionOne(db);
    render(<LedgerTestApp db={db} session={testSession()} />);
    await screen.findByTestId('rule-set-in-force');
    fireEvent.click(buttonIn(document, '修订细则'));
    const draft = await screen.findByTestId('rule-set-draft', undefined, SLOW);

    fireEvent.click(buttonIn(draft, '添加本村项目'));
    const dialog = await dialogWith('量化指标');
    fireEvent.change(inputOf(dialog, '编码'), { target: { value: 'P-BLOOD' } });
    fireEvent.change(inputOf(dialog, '类别'), { target: { value: '村规民约' } });
    fireEvent.change(inputOf(dialog, '名称'), { target: { value: '参加村民议事会' } });
    fireEvent.change(inputOf(dialog, '分值'), { target: { value: '3' } });
    fireEvent.blur(inputOf(dialog, '分值'));
    fireEvent.click(buttonIn(dialog, '保存'));
    expect(
      await within(dialog).findByText(/规则编码「P-BLOOD」重复/, undefined, SLOW),
    ).toBeTruthy();

    fireEvent.change(inputOf(dialog, '编码'), { target: { value: 'V-01' } });
    fireEvent.click(buttonIn(dialog, '保存'));
    await waitFor(() => {
      expect(noDialogWith('量化指标')).toBe(true);
    }, SLOW);
    expect(within(draft).getByTestId('draft-changes').textContent).toContain('新增 1 条');
    const sets = await ruleSets(db);
    const item = sets.find((set) => set.status === 'draft')?.rules.find((r) => r.code === 'V-01');
    expect(item).toMatchObject({
      nameZh: '参加村民议事会',
      points: 3,
      direction: '+',
      subject: 'person',
    });
    expect(item?.templateCode).toBeUndefined();
  });
});

describe('the points settings', () => {
  it('merges the household roll-up into the village’s settings', async () => {
    const db = await openTestDatabase();
    const scope = testScope();
    const ctx = operationContext(scope);
    const settings: SettingsPolicy = {
      id: settingsId(TEST_VILLAGE),
      villageCode: TEST_VILLAGE,
      townshipCode: TEST_TOWNSHIP,
      createdAt: ctx.now,
      createdBy: scope.userId,
      deviceId: scope.deviceId,
      updatedAt: ctx.now,
      updatedBy: scope.userId,
      kind: 'settings',
      status: 'active',
      rollUp: 'sum',
      noticeDays: 5,
      objectionContact: '村委会 张主任',
      deductionsAgainstBalance: false,
      yearlyReset: false,
      tierSchemeId: catalogId(TEST_TOWNSHIP, 'tier-scheme', 'credit1000'),
      lateEntryDays: 30,
    };
    await db.collections.policies.insert(settings);
    render(<LedgerTestApp db={db} session={testSession()} />);
    const card = await screen.findByTestId('points-settings');
    fireEvent.click(within(card).getByText('只计户主'));
    fireEvent.click(buttonIn(card, '保存设置'));
    await waitFor(async () => {
      const stored = await db.collections.policies.findOne(settings.id).exec();
      expect(stored?.toMutableJSON()).toMatchObject({
        rollUp: 'head-only',
        noticeDays: 5,
        objectionContact: '村委会 张主任',
        deductionsAgainstBalance: false,
      });
    }, SLOW);
  });
});
