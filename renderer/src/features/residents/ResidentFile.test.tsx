import './jsdom-support.ts';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HouseholdDoc } from '../../../../shared/collections/households.ts';
import type { LocalDatabase } from '../../db/database.ts';
import { registerHousehold } from './register-actions.ts';
import { fileDialogs, RegisterTestApp } from './RegisterTestApp.tsx';
import {
  closeTestDatabases,
  idOf,
  member,
  openTestDatabase,
  testScope,
  testSession,
} from './test-support.ts';
import { residentHash } from './useRegisterRoute.ts';

vi.setConfig({ testTimeout: 60_000 });
afterEach(closeTestDatabases);

async function household(db: LocalDatabase, number: string): Promise<HouseholdDoc> {
  const doc = await db.collections.households.findOne({ selector: { householdNo: number } }).exec();
  if (doc === null) throw new Error(`no household ${number}`);
  return doc.toMutableJSON();
}

async function seed(db: LocalDatabase) {
  const scope = testScope();
  const wang = await registerHousehold(
    db,
    scope,
    { number: '001', houseNumber: '东街12号', address: '', groupId: '', tags: [] },
    [
      member({ name: '王建国', idNumber: idOf('19650312', '011') }, 'head'),
      member({ name: '李秀英', idNumber: idOf('19680704', '022') }, 'spouse'),
    ],
  );
  const zhao = await registerHousehold(
    db,
    scope,
    { number: '002', houseNumber: '西街3号', address: '', groupId: '', tags: [] },
    [member({ name: '赵大山', idNumber: idOf('19701111', '051') }, 'head')],
  );
  if (!wang.ok || !zhao.ok) throw new Error('seed refused');
  return { wang: wang.value, zhao: zhao.value };
}

/** Opens an antd Select by its form label and picks the option shown as `option`. */
async function choose(
  container: HTMLElement,
  label: string,
  option: string | RegExp,
): Promise<void> {
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

async function openFileOf(headId: string): Promise<void> {
  window.location.hash = residentHash(headId);
  fireEvent.click(await screen.findByRole('button', { name: '查看档案' }));
  await screen.findByTestId('resident-profile');
}

describe('household operations on a resident’s file', () => {
  it('hands the household to another member and keeps who was head when', async () => {
    const db = await openTestDatabase();
    const { wang } = await seed(db);
    render(<RegisterTestApp db={db} session={testSession()} dialogs={fileDialogs()} />);
    await openFileOf(wang.headResidentId);

    fireEvent.click(screen.getByRole('button', { name: '变更户主' }));
    const dialog = await screen.findByRole('dialog');
    await choose(dialog, '新户主', '李秀英');
    await choose(dialog, '王建国', '配偶');
    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));

    await waitFor(async () => {
      const changed = await household(db, '001');
      expect(changed.headResidentId).not.toBe(wang.headResidentId);
    });
    const changed = await household(db, '001');
    expect(
      changed.members
        .filter((stint) => stint.to === undefined)
        .map((s) => s.relation)
        .sort(),
    ).toEqual(['head', 'spouse']);
    // The old head's stint as head is closed, not rewritten.
    const stints = changed.members.filter((stint) => stint.residentId === wang.headResidentId);
    expect(stints.map((stint) => [stint.relation, stint.to === undefined])).toEqual([
      ['head', false],
      ['spouse', true],
    ]);
    expect(await screen.findByText('已完成：变更户主')).toBeTruthy();
  });

  it('merges another household into this one and closes it', async () => {
    const db = await openTestDatabase();
    const { wang, zhao } = await seed(db);
    render(<RegisterTestApp db={db} session={testSession()} dialogs={fileDialogs()} />);
    await openFileOf(wang.headResidentId);

    fireEvent.click(screen.getByRole('button', { name: /合\s*户/ }));
    const dialog = await screen.findByRole('dialog');
    await choose(dialog, '并入本户的户', /^002\s+西街3号\s+户主 赵大山$/);
    await choose(dialog, '赵大山', '兄弟姐妹');
    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));

    await waitFor(async () => {
      expect((await household(db, '002')).status).toBe('closed');
    });
    const merged = await household(db, '001');
    expect(merged.members.map((stint) => stint.residentId)).toContain(zhao.headResidentId);
    expect(merged.lineage).toEqual([
      expect.objectContaining({ kind: 'merged-from', householdId: zhao.id }),
    ]);
    const members = await screen.findByTestId('household-members');
    expect(await within(members).findByText('赵大山')).toBeTruthy();
  });
});
