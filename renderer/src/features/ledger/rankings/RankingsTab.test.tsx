import '../../residents/jsdom-support.ts';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HouseholdDoc } from '../../../../../shared/collections/households.ts';
import { addMonths, chinaDateOf } from '../../../../../shared/ledger/dates.ts';
import { entry, residentOf } from '../../../../../shared/ledger/fixtures/ledger.ts';
import type { LocalDatabase } from '../../../db/database.ts';
import { registerHousehold } from '../../residents/register-actions.ts';
import { operationContext } from '../../residents/register-scope.ts';
import { createGroups } from '../../residents/register-store.ts';
import {
  closeTestDatabases,
  idOf,
  member,
  openTestDatabase,
  testScope,
  testSession,
} from '../../residents/test-support.ts';
import { LedgerTestApp } from '../rules/LedgerTestApp.tsx';

vi.setConfig({ testTimeout: 60_000 });

beforeEach(() => {
  window.location.hash = '#/ledger/rankings';
});
afterEach(closeTestDatabases);

function nameOf(household: HouseholdDoc, index: number, names: readonly string[]) {
  const id = household.members[index]?.residentId;
  if (id === undefined) throw new Error('no member');
  return residentOf(names[index] ?? '', id, household.id);
}

/** 一组: 王建国 11, 李秀英 10; 二组: 赵大山 10, 孙小红 1. Only 王建国 earned this month. */
async function seed(db: LocalDatabase) {
  const scope = testScope();
  const [one, two] = await createGroups(db, scope, operationContext(scope), ['一组', '二组']);
  if (one === undefined || two === undefined) throw new Error('no groups');
  const first = await registerHousehold(
    db,
    scope,
    { number: '001', houseNumber: '东街12号', address: '', groupId: one.id, tags: [] },
    [
      member({ name: '王建国', idNumber: idOf('19650312', '011') }, 'head'),
      member({ name: '李秀英', idNumber: idOf('19680704', '022') }, 'spouse'),
    ],
  );
  const second = await registerHousehold(
    db,
    scope,
    { number: '002', houseNumber: '西街3号', address: '', groupId: two.id, tags: [] },
    [
      member({ name: '赵大山', idNumber: idOf('19701111', '051') }, 'head'),
      member({ name: '孙小红', idNumber: idOf('19721212', '062') }, 'spouse'),
    ],
  );
  if (!first.ok || !second.ok) throw new Error('seed refused');
  const [wang, li] = [0, 1].map((i) => nameOf(first.value, i, ['王建国', '李秀英']));
  const [zhao, sun] = [0, 1].map((i) => nameOf(second.value, i, ['赵大山', '孙小红']));
  if (wang === undefined || li === undefined || zhao === undefined || sun === undefined)
    throw new Error('no members');
  const today = chinaDateOf(Date.now());
  const earlier = addMonths(today, -2);
  await db.collections.events.bulkInsert([
    entry(wang, 'P-BLOOD', earlier),
    entry(wang, 'P-VOL-4H', today),
    entry(li, 'P-BLOOD', earlier),
    entry(zhao, 'P-BLOOD', earlier),
    entry(sun, 'P-VOL-4H', earlier),
    entry(sun, 'N-LITTER', earlier),
  ]);
}

function rankingRows(): string[][] {
  const table = screen.getByTestId('ranking-table');
  return within(table)
    .queryAllByRole('row')
    .slice(1)
    .filter((row) => row.querySelectorAll('td').length > 1)
    .map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent));
}

describe('the rankings', () => {
  it('ranks residents by honour total with ties sharing a rank, by group and by month', async () => {
    const db = await openTestDatabase();
    await seed(db);
    render(<LedgerTestApp db={db} session={testSession()} />);

    await waitFor(() => {
      expect(rankingRows()).toEqual([
        ['1', '王建国', '001', '一组', '11'],
        ['2', '李秀英', '001', '一组', '10'],
        ['2', '赵大山', '002', '二组', '10'],
        ['4', '孙小红', '002', '二组', '1'],
      ]);
    });

    const group = screen.getByLabelText('村民小组').closest('.ant-select');
    if (group === null) throw new Error('no group select');
    fireEvent.mouseDown(group.querySelector('.ant-select-content') ?? group);
    fireEvent.click(await screen.findByTitle('二组'));
    await waitFor(() => {
      expect(rankingRows()).toEqual([
        ['1', '赵大山', '002', '二组', '10'],
        ['2', '孙小红', '002', '二组', '1'],
      ]);
    });

    fireEvent.click(screen.getByRole('radio', { name: '期间获得积分' }));
    expect(await screen.findByText('所选范围内还没有人获得积分')).toBeTruthy();
    fireEvent.mouseDown(group.querySelector('.ant-select-content') ?? group);
    fireEvent.click(await screen.findByTitle('全村'));
    await waitFor(() => {
      expect(rankingRows()).toEqual([['1', '王建国', '001', '一组', '1']]);
    });
  });

  it('ranks households by their honour total', async () => {
    const db = await openTestDatabase();
    await seed(db);
    render(<LedgerTestApp db={db} session={testSession()} />);
    fireEvent.click(await screen.findByRole('radio', { name: '户' }));
    await waitFor(() => {
      expect(rankingRows()).toEqual([
        ['1', '王建国', '001', '一组', '21'],
        ['2', '赵大山', '002', '二组', '11'],
      ]);
    });
  });
});
