import '../../residents/jsdom-support.ts';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { addDays, addMonths, chinaDateOf } from '../../../../../shared/ledger/dates.ts';
import { context, entry, residentOf } from '../../../../../shared/ledger/fixtures/ledger.ts';
import { raiseObjection } from '../../../../../shared/ledger/notice.ts';
import { registerHousehold } from '../../residents/register-actions.ts';
import {
  closeTestDatabases,
  idOf,
  member,
  openTestDatabase,
  testScope,
  testSession,
} from '../../residents/test-support.ts';
import { residentHash } from '../../residents/useRegisterRoute.ts';
import { FiguresTestApp } from './FiguresTestApp.tsx';

vi.setConfig({ testTimeout: 60_000 });
afterEach(closeTestDatabases);

async function openFileOf(residentId: string): Promise<HTMLElement> {
  window.location.hash = residentHash(residentId);
  fireEvent.click(await screen.findByRole('button', { name: '查看档案' }));
  await screen.findByTestId('resident-profile');
  return screen.findByTestId('resident-figures');
}

function rowOf(table: HTMLElement, text: string): HTMLElement {
  const row = within(table)
    .getAllByRole('row')
    .find((candidate) => candidate.textContent.includes(text));
  if (row === undefined) throw new Error(`no row with ${text}`);
  return row;
}

describe('a resident’s figures in the file', () => {
  it('shows score = base + counted, the tier capped by a direct rating, and why entries do not count', async () => {
    const db = await openTestDatabase();
    const registered = await registerHousehold(
      db,
      testScope(),
      { number: '001', houseNumber: '东街12号', address: '', groupId: '', tags: [] },
      [
        member({ name: '王建国', idNumber: idOf('19650312', '011') }, 'head'),
        member({ name: '李秀英', idNumber: idOf('19680704', '022') }, 'spouse'),
      ],
    );
    if (!registered.ok) throw new Error('seed refused');
    const household = registered.value;
    const wang = residentOf('王建国', household.headResidentId, household.id);
    const today = chinaDateOf(Date.now());

    const cult = entry(wang, 'N-CULT', addMonths(today, -2)); // −30, direct rating C
    const litter = entry(wang, 'N-LITTER', addMonths(today, -3)); // −5
    const again = entry(wang, 'N-LITTER', addMonths(today, -1)); // −5 ×2: a repeat within validity
    const blood = entry(wang, 'P-BLOOD', addDays(today, -20)); // +10 during the breach
    const old = entry(wang, 'P-VOL-4H', addMonths(today, -14)); // +1, validity 12 months
    const disputed = entry(wang, 'P-VOL-4H', addDays(today, -10)); // +1, under objection
    const objection = raiseObjection(
      disputed,
      { reason: '当天未参加', receivedOn: addDays(today, -2), dueOn: today, evidence: [] },
      new Set(),
      context(today),
    );
    if (!objection.ok) throw new Error(objection.error.code);
    await db.collections.events.bulkInsert([cult, litter, again, blood, old, disputed]);
    await db.collections.cases.insert(objection.value);

    render(<FiguresTestApp db={db} session={testSession()} />);
    const card = await openFileOf(household.headResidentId);

    const sum = await within(card).findByTestId('score-sum');
    expect(sum.textContent).toBe('基础分 1000 + 计入合计 -35 = 信用分 965');
    expect(within(card).getByTestId('figure-score').textContent).toContain('965');
    expect(within(card).getByTestId('figure-tier').textContent).toContain('C');
    expect(within(card).getByTestId('tier-cap').textContent).toBe(
      `因直接判级，等级不高于 C，至 ${addMonths(cult.occurredOn, 36)}`,
    );
    expect(within(card).getByText('按分数应为 A 级')).toBeTruthy();
    // Honour total: every effective bonus not held (expired ones included), never reset.
    expect(within(card).getByTestId('figure-honour').textContent).toBe('累计荣誉积分11');

    const counted = within(card).getByTestId('counted-events');
    expect(rowOf(counted, addMonths(today, -1)).textContent).toContain('×2（重复违规）');
    expect(rowOf(counted, blood.occurredOn).textContent).toContain('不提升等级');
    expect(rowOf(counted, blood.occurredOn).textContent).toContain(blood.expiresOn);

    const notCounted = within(card).getByTestId('not-counted-events');
    expect(rowOf(notCounted, disputed.occurredOn).textContent).toContain('异议处理中');
    expect(rowOf(notCounted, old.occurredOn).textContent).toContain('已过期');

    const history = within(card).getByTestId('event-history');
    const dates = within(history)
      .getAllByRole('row')
      .slice(1)
      .map((row) => row.querySelector('td')?.textContent);
    expect(dates).toEqual(
      [cult, litter, again, blood, old, disputed]
        .map((e) => e.occurredOn)
        .sort()
        .reverse(),
    );
    expect(rowOf(history, disputed.occurredOn).textContent).toContain('异议处理中');

    const householdFigures = within(card).getByTestId('household-figures');
    expect(householdFigures.textContent).toContain('户编号 001');
    expect(householdFigures.textContent).toContain('965');
  });

  it('says a resident without entries stands at the base score', async () => {
    const db = await openTestDatabase();
    const registered = await registerHousehold(
      db,
      testScope(),
      { number: '002', houseNumber: '西街3号', address: '', groupId: '', tags: [] },
      [member({ name: '赵大山', idNumber: idOf('19701111', '051') }, 'head')],
    );
    if (!registered.ok) throw new Error('seed refused');
    render(<FiguresTestApp db={db} session={testSession()} />);
    const card = await openFileOf(registered.value.headResidentId);
    expect(await within(card).findByText('还没有积分记录，信用分为基础分 1000。')).toBeTruthy();
    expect(within(card).getByTestId('figure-score').textContent).toContain('1000');
    expect(within(card).queryByTestId('event-history')).toBeNull();
  });
});
