import './jsdom-support.ts';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JournalDoc } from '../../../../shared/collections/journal.ts';
import { REGISTER_COLUMNS } from '../../../../shared/residents/import/columns.ts';
import { readXlsxTable, writeXlsxTable } from '../../../../shared/xlsx/index.ts';
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

const JIANGUO = idOf('19650312', '011');
const XIUYING = idOf('19680704', '022');
const SAN = idOf('19700101', '051');

// Rendering antd forms and tables in jsdom takes seconds, not milliseconds.
vi.setConfig({ testTimeout: 30_000 });

beforeEach(() => {
  window.location.hash = '#/residents';
});
afterEach(closeTestDatabases);

async function seed(db: LocalDatabase): Promise<void> {
  const scope = testScope();
  const first = await registerHousehold(
    db,
    scope,
    { number: '001', houseNumber: '东街12号', address: '', groupId: '', tags: ['党员户'] },
    [
      member({ name: '王建国', idNumber: JIANGUO, phone: '13812345678' }, 'head'),
      member({ name: '李秀英', idNumber: XIUYING }, 'spouse'),
    ],
  );
  const second = await registerHousehold(
    db,
    scope,
    { number: '002', houseNumber: '西街3号', address: '', groupId: '', tags: [] },
    [member({ name: '张三', idNumber: SAN }, 'head')],
  );
  expect(first.ok && second.ok).toBe(true);
}

async function journal(db: LocalDatabase): Promise<JournalDoc[]> {
  return (await db.collections.journal.find().exec()).map((doc) => doc.toMutableJSON());
}

function table() {
  return screen.getByTestId('resident-table');
}

describe('the resident list', () => {
  it('lists every resident with the ID masked, and narrows to a search by initials', async () => {
    const db = await openTestDatabase();
    await seed(db);
    render(<RegisterTestApp db={db} session={testSession()} dialogs={fileDialogs()} />);

    expect(await screen.findByText('共 3 人')).toBeTruthy();
    expect(within(table()).getByText('王建国')).toBeTruthy();
    expect(
      within(table()).getByText(`${JIANGUO.slice(0, 4)}**********${JIANGUO.slice(14)}`),
    ).toBeTruthy();
    expect(table().textContent).not.toContain(JIANGUO);

    fireEvent.change(screen.getByLabelText('搜索村民'), { target: { value: 'zs' } });
    expect(await screen.findByText('找到 1 人')).toBeTruthy();
    expect(await within(table()).findByText('张三')).toBeTruthy();
    expect(within(table()).queryByText('王建国')).toBeNull();

    fireEvent.change(screen.getByLabelText('搜索村民'), { target: { value: JIANGUO.slice(14) } });
    await waitFor(() => {
      expect(within(table()).queryByText('张三')).toBeNull();
    });
    expect(within(table()).getByText('王建国')).toBeTruthy();
  });

  it('offers the sample village only in demo mode, and only while the register is empty', async () => {
    const db = await openTestDatabase();
    const { unmount } = render(
      <RegisterTestApp db={db} session={testSession()} dialogs={fileDialogs()} />,
    );
    expect(await screen.findByText('名册中还没有村民')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '载入示例村民' })).toBeNull();
    unmount();

    render(
      <RegisterTestApp
        db={db}
        session={{ ...testSession(), demo: true }}
        dialogs={fileDialogs()}
      />,
    );
    fireEvent.click(await screen.findByRole('button', { name: '载入示例村民' }));
    expect(
      await screen.findByText(/名册中含有示例数据/, undefined, { timeout: 10_000 }),
    ).toBeTruthy();
    expect(screen.queryByRole('button', { name: '载入示例村民' })).toBeNull();
  });
});

describe('the spreadsheets', () => {
  it('downloads the template with the register’s Chinese headers', async () => {
    const db = await openTestDatabase();
    const dialogs = fileDialogs();
    render(<RegisterTestApp db={db} session={testSession()} dialogs={dialogs} />);
    fireEvent.click(await screen.findByRole('button', { name: /下载模板/ }));
    await waitFor(() => {
      expect(dialogs.saved).toHaveLength(1);
    });
    const [file] = dialogs.saved;
    expect(file?.suggestedName).toBe('村民花名册模板.xlsx');
    const table = readXlsxTable(file?.data ?? new Uint8Array());
    if (!table.ok) throw new Error(table.error.code);
    expect(table.value.rows[0]).toEqual(REGISTER_COLUMNS.map((column) => column.header));
  });

  it('exports masked IDs for a clerk, and logs the export with its purpose', async () => {
    const db = await openTestDatabase();
    await seed(db);
    const dialogs = fileDialogs();
    render(
      <RegisterTestApp
        db={db}
        session={testSession('village_clerk', 'u-clerk-wang')}
        dialogs={dialogs}
      />,
    );
    fireEvent.click(await screen.findByRole('button', { name: /导出当前列表/ }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/当前角色只能导出脱敏身份证号/)).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('导出用途'), {
      target: { value: '报送镇里核对' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: /导\s*出/ }));
    await waitFor(() => {
      expect(dialogs.saved).toHaveLength(1);
    });
    const table = readXlsxTable(dialogs.saved[0]?.data ?? new Uint8Array());
    if (!table.ok) throw new Error(table.error.code);
    const cells = table.value.rows.flat();
    expect(cells).toContain(`${JIANGUO.slice(0, 4)}**********${JIANGUO.slice(14)}`);
    expect(cells).not.toContain(JIANGUO);
    expect(table.value.rows).toHaveLength(4);
    expect((await journal(db)).filter((entry) => entry.kind === 'query')).toEqual([
      expect.objectContaining({
        action: 'export',
        purpose: '报送镇里核对',
        createdBy: 'u-clerk-wang',
      }),
    ]);
  });
});

describe('the import', () => {
  it('imports nothing from a file with errors and reports the row, column and problem', async () => {
    const db = await openTestDatabase();
    const dialogs = fileDialogs();
    dialogs.next = {
      opened: true,
      name: '花名册.xlsx',
      data: writeXlsxTable([
        {
          name: '花名册',
          rows: [
            ['户编号', '姓名', '身份证号', '与户主关系', '联系电话'],
            ['001', '王建国', JIANGUO, '户主', '12345'],
            ['001', '李秀英', XIUYING.slice(0, 17), '妻', ''],
          ],
        },
      ]),
    };
    render(<RegisterTestApp db={db} session={testSession()} dialogs={dialogs} />);
    fireEvent.click(await screen.findByRole('button', { name: /导\s*入/ }));

    expect(
      await screen.findByText(
        '文件「花名册.xlsx」有 2 处问题，没有导入任何数据。请按下表修改后重新导入。',
      ),
    ).toBeTruthy();
    const report = screen.getByTestId('import-report');
    expect(within(report).getByText(/联系电话「12345」不对/)).toBeTruthy();
    expect(within(report).getByText(/身份证号「.*」格式不对/)).toBeTruthy();
    expect(await db.collections.residents.count().exec()).toBe(0);

    fireEvent.click(screen.getByRole('button', { name: '保存错误报告 (.xlsx)' }));
    await waitFor(() => {
      expect(dialogs.saved.map((file) => file.suggestedName)).toEqual(['导入错误报告.xlsx']);
    });
  });
});

describe('a resident’s file', () => {
  it('asks the purpose, logs the view, and reveals the ID to an administrator with a logged reason', async () => {
    const db = await openTestDatabase();
    await seed(db);
    render(<RegisterTestApp db={db} session={testSession()} dialogs={fileDialogs()} />);
    fireEvent.click(await within(await screen.findByTestId('resident-table')).findByText('王建国'));

    fireEvent.click(await screen.findByRole('button', { name: '查看档案' }));
    const profile = await screen.findByTestId('resident-profile');
    expect(within(profile).getByTestId('masked-id').textContent).toBe(
      `${JIANGUO.slice(0, 4)}**********${JIANGUO.slice(14)}`,
    );
    expect(await screen.findByText('还没有积分记录，信用分为基础分 1000。')).toBeTruthy();
    expect((await journal(db)).filter((entry) => entry.kind === 'query')).toEqual([
      expect.objectContaining({
        action: 'view',
        purpose: '日常档案维护',
        createdBy: 'u-admin-zhou',
      }),
    ]);

    fireEvent.click(within(profile).getByRole('button', { name: /查看完整号码/ }));
    fireEvent.click(await screen.findByRole('radio', { name: '核对身份信息' }));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '查 看' }));
      await Promise.resolve();
    });
    expect((await screen.findByTestId('revealed-id')).textContent).toBe(JIANGUO);
    const reveals = (await journal(db)).filter(
      (entry) => entry.kind === 'query' && entry.action === 'reveal-id',
    );
    expect(reveals).toEqual([expect.objectContaining({ purpose: '核对身份信息' })]);
  });

  it('shows a clerk the masked ID only, without a way to reveal it', async () => {
    const db = await openTestDatabase();
    await seed(db);
    render(
      <RegisterTestApp db={db} session={testSession('village_clerk')} dialogs={fileDialogs()} />,
    );
    fireEvent.click(await within(await screen.findByTestId('resident-table')).findByText('张三'));
    fireEvent.click(await screen.findByRole('button', { name: '查看档案' }));
    const profile = await screen.findByTestId('resident-profile');
    expect(within(profile).getByText('当前角色只能看到脱敏号码。')).toBeTruthy();
    expect(within(profile).queryByRole('button', { name: /查看完整号码/ })).toBeNull();
  });
});
