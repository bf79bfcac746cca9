import './jsdom-support.ts';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkDigitOf } from '../../../../shared/residents/citizen-id.ts';
import type { LocalDatabase } from '../../db/database.ts';
import { fileDialogs, RegisterTestApp } from './RegisterTestApp.tsx';
import { closeTestDatabases, idOf, openTestDatabase, testSession } from './test-support.ts';

vi.setConfig({ testTimeout: 60_000 });

beforeEach(() => {
  window.location.hash = '#/residents';
});
afterEach(closeTestDatabases);

const JIANGUO = idOf('19650312', '011');
/** A first-generation number: 320509 680704 022, a woman born 1968-07-04. */
const XIUYING_15 = '320509680704022';
const XIUYING_18 = `32050919680704022${checkDigitOf('32050919680704022')}`;
const WEI = idOf('19920101', '031');
const WEI_BAD = `${WEI.slice(0, 17)}${WEI.endsWith('0') ? '1' : '0'}`;

function type(container: HTMLElement, label: string, value: string): void {
  fireEvent.change(within(container).getByLabelText(label), { target: { value } });
}

/** Opens an antd Select by its form label and picks the option shown as `option`. */
async function choose(container: HTMLElement, label: string, option: string): Promise<void> {
  const input = within(container).getByLabelText(label);
  const select = input.closest('.ant-select');
  if (select === null) throw new Error(`${label} is not a select`);
  // A select's dropdown stays in the document once opened: wait for this one's own.
  const before = document.querySelectorAll('.ant-select-dropdown').length;
  fireEvent.mouseDown(select.querySelector('.ant-select-content') ?? select);
  const dropdown = await waitFor(() => {
    const all = document.querySelectorAll<HTMLElement>('.ant-select-dropdown');
    expect(all.length).toBeGreaterThan(before);
    return all[all.length - 1]!;
  });
  fireEvent.click(await within(dropdown).findByTitle(option));
}

async function openForm(): Promise<HTMLElement> {
  fireEvent.click(await screen.findByRole('button', { name: /新建户/ }));
  return screen.findByRole('dialog');
}

async function residentNames(db: LocalDatabase): Promise<string[]> {
  return (await db.collections.residents.find().exec()).map((doc) => doc.name).sort();
}

describe('the new household form', () => {
  it('registers a household of three, explaining ID problems and the 15-digit conversion as the clerk types', async () => {
    const db = await openTestDatabase();
    render(<RegisterTestApp db={db} session={testSession()} dialogs={fileDialogs()} />);
    const dialog = await openForm();
    type(dialog, '户编号', '001');
    type(dialog, '门牌号', '东街12号');

    const first = within(dialog).getByTestId('member-1');
    type(first, '姓名', '王建国');
    type(first, '身份证号', JIANGUO);
    expect(await within(first).findByText('号码有效：出生日期 1965-03-12，性别 男。')).toBeTruthy();

    fireEvent.click(within(dialog).getByRole('button', { name: /添加成员/ }));
    const second = await within(dialog).findByTestId('member-2');
    type(second, '姓名', '李秀英');
    type(second, '身份证号', XIUYING_15);
    expect(
      await within(second).findByText(
        `已将 15 位旧号码 ${XIUYING_15} 转换为 18 位：${XIUYING_18}。`,
        { exact: false },
      ),
    ).toBeTruthy();
    await choose(second, '与户主关系', '配偶');

    fireEvent.click(within(dialog).getByRole('button', { name: /添加成员/ }));
    const third = await within(dialog).findByTestId('member-3');
    type(third, '姓名', '王伟');
    type(third, '身份证号', WEI_BAD);
    expect(
      await within(third).findByText(
        `身份证号「${WEI_BAD}」的校验位不对：按前 17 位计算应为 ${WEI.charAt(17)}。请逐位核对号码。`,
      ),
    ).toBeTruthy();
    type(third, '身份证号', WEI);
    await within(third).findByText('号码有效：出生日期 1992-01-01，性别 男。');
    await choose(third, '与户主关系', '子女');

    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    await waitFor(async () => {
      expect(await residentNames(db)).toEqual(['李秀英', '王伟', '王建国'].sort());
    });
    const xiuying = await db.collections.residents.findOne({ selector: { name: '李秀英' } }).exec();
    expect(xiuying?.idLast4).toBe(XIUYING_18.slice(14));
    expect(xiuying?.gender).toBe('female');
    expect(await screen.findByText('共 3 人')).toBeTruthy();
  });

  it('refuses a household number in use and an ID already registered, naming who holds it', async () => {
    const db = await openTestDatabase();
    render(<RegisterTestApp db={db} session={testSession()} dialogs={fileDialogs()} />);
    let dialog = await openForm();
    type(dialog, '户编号', '001');
    type(within(dialog).getByTestId('member-1'), '姓名', '王建国');
    type(within(dialog).getByTestId('member-1'), '身份证号', JIANGUO);
    await within(dialog).findByText('号码有效：出生日期 1965-03-12，性别 男。');
    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    expect(await screen.findByText('共 1 人')).toBeTruthy();

    dialog = await openForm();
    type(dialog, '户编号', '001');
    expect(
      await within(dialog).findByText('户编号「001」已被另一户使用。户编号在本村内必须唯一。'),
    ).toBeTruthy();
    const member = within(dialog).getByTestId('member-1');
    type(member, '姓名', '王建华');
    type(member, '身份证号', JIANGUO);
    expect(
      await within(member).findByText(
        '身份证号已登记：村民「王建国」（户编号 001）使用了同一号码。同一号码在本村只能登记一次。',
      ),
    ).toBeTruthy();
    expect(await residentNames(db)).toEqual(['王建国']);
  });
});
