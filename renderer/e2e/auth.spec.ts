/**
 * Signing in against a real town server on PostgreSQL (issue 4): the first sign-in
 * registers the device, later sign-ins work offline against the verifier kept on the
 * device, several staff share one device, the screen locks, and demo mode needs no server.
 */
import type { Page } from '@playwright/test';
import { test as withoutServer } from './fixtures/diagnostics.ts';
import {
  accountArea,
  buttonName,
  expect,
  PASSWORD,
  signIn,
  signInError,
  signInForm,
  submitSignIn,
  test,
  type Town,
} from './fixtures/town.ts';

const DEVICE_ID = /[0-9A-Z]{26}/;

/** The registered devices as `town device list` prints them. */
async function deviceList(town: Town): Promise<string> {
  const result = await town.cli(['device', 'list']);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

async function logout(page: Page): Promise<void> {
  await accountArea(page).getByRole('button', { name: '退出登录' }).click();
  await expect(signInForm(page).username).toBeVisible();
}

test('the first sign-in needs the server, registers the device and binds it to the village', async ({
  page,
  town,
}) => {
  await page.goto('/');
  const form = signInForm(page);
  // The address comes from the app's configuration, and is asked only this first time.
  await expect(form.serverUrl).toHaveValue(town.serverUrl);

  await signIn(page, town.users.clerkA, { goto: false, deviceName: '王庄村委会电脑' });
  await expect(accountArea(page)).toContainText('王丽（村录入员）');
  await expect(accountArea(page)).not.toContainText('离线');

  const devices = await deviceList(town);
  const row = devices.split('\n').find((line) => line.includes('王庄村委会电脑'));
  expect(row, devices).toBeDefined();
  expect(row).toMatch(DEVICE_ID);
  expect(row).toContain(town.villageA.code);
  expect(row).toContain('wang.li');

  // After a reload the device is registered: the server is shown, not asked.
  await page.reload();
  await expect(page.getByText(`本机已登记在乡镇服务器 ${town.serverUrl}`)).toBeVisible();
  await expect(page.getByText('设备名称「王庄村委会电脑」')).toBeVisible();
  await expect(form.serverUrl).toHaveCount(0);
  await expect(form.deviceName).toHaveCount(0);

  // A clerk of another village may not use this village's device.
  await submitSignIn(page, town.users.clerkB, { goto: false });
  await expect(signInError(page)).toContainText('本机已登记在另一个村');
  await expect(accountArea(page)).toHaveCount(0);
});

test('a wrong password is refused online and no device is registered for it', async ({
  page,
  town,
}) => {
  await submitSignIn(page, { username: town.users.clerkA.username, password: 'Wrong2026pass' });
  await expect(signInError(page)).toContainText('用户名或密码不正确');
  // The device is still unregistered: the server address is still asked.
  await expect(signInForm(page).serverUrl).toBeVisible();
  await expect(signInForm(page).password).toHaveValue('');
});

test('after a reload a user signs in offline while the server is down, and back online it refreshes', async ({
  page,
  town,
}) => {
  await signIn(page, town.users.clerkA, { deviceName: '离线测试电脑' });
  await page.reload();
  await town.stop();

  // The server is unreachable: the verifier kept on this device decides.
  await submitSignIn(page, { username: 'wang.li', password: 'Wrong2026pass' }, { goto: false });
  await expect(signInError(page)).toContainText('用户名或密码不正确');

  // A user who never signed in on this device needs the server once.
  await submitSignIn(page, town.users.reviewerA, { goto: false });
  await expect(signInError(page)).toContainText('此账号第一次在本机登录，需要连接乡镇服务器');

  await signIn(page, town.users.clerkA, { goto: false });
  await expect(
    page.getByText('暂时连不上乡镇服务器，已用本机保存的登录信息离线登录'),
  ).toBeVisible();
  await expect(accountArea(page).getByText('离线', { exact: true })).toBeVisible();
  // The app works offline: its modules open.
  await page.getByRole('navigation').getByText('设置', { exact: true }).click();
  await expect(page.getByRole('heading', { name: '设置', exact: true })).toBeVisible();

  // Nothing secret is readable on disk: the stored account holds no password and no token.
  const stored = await page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((d) => d.name ?? '');
    const texts: string[] = [];
    for (const name of names) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => {
          resolve(request.result);
        };
        request.onerror = () => {
          reject(request.error ?? new Error('open failed'));
        };
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const all = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => {
            resolve(request.result as unknown[]);
          };
          request.onerror = () => {
            reject(request.error ?? new Error('read failed'));
          };
        });
        texts.push(JSON.stringify(all));
      }
      db.close();
    }
    return texts.join('\n');
  });
  expect(stored).toContain('auth.account.wang.li');
  expect(stored).toContain('auth.device');
  expect(stored).not.toContain(PASSWORD);
  expect(stored).not.toContain('refreshToken":"');
  expect(stored).not.toContain('encryptionKey');

  // The server is back: the stored refresh token gets the session online again.
  await town.start();
  await accountArea(page).getByRole('button', { name: '重新连接' }).click();
  await expect(accountArea(page).getByText('离线', { exact: true })).toHaveCount(0);

  // That refresh replaced the refresh token, and the new one was stored: the next offline
  // session refreshes with it (a replaced one would end the session on the server).
  await page.reload();
  await town.stop();
  await signIn(page, town.users.clerkA, { goto: false });
  await expect(accountArea(page).getByText('离线', { exact: true })).toBeVisible();
  await town.start();
  await accountArea(page).getByRole('button', { name: '重新连接' }).click();
  await expect(accountArea(page).getByText('离线', { exact: true })).toHaveCount(0);
  await expect(accountArea(page).getByText('需重新登录')).toHaveCount(0);
});

test('several staff share one device, each with their own sign-in, also offline', async ({
  page,
  town,
}) => {
  const { clerkA, adminA, reviewerA } = town.users;
  await signIn(page, clerkA, { deviceName: '共用电脑' });
  await logout(page);
  await signIn(page, adminA, { goto: false });
  await expect(accountArea(page)).toContainText('赵管理（村管理员）');
  await logout(page);

  const devices = await deviceList(town);
  expect(devices.split('\n').filter((line) => line.includes('共用电脑'))).toHaveLength(1);

  await town.stop();
  await signIn(page, clerkA, { goto: false });
  await expect(accountArea(page)).toContainText('王丽（村录入员）');
  await logout(page);
  // Each sign-in has its own password: the clerk's does not open the admin's.
  await submitSignIn(
    page,
    { username: adminA.username, password: 'Clerk2026other' },
    { goto: false },
  );
  await expect(signInError(page)).toContainText('用户名或密码不正确');
  await signIn(page, adminA, { goto: false });
  await expect(accountArea(page)).toContainText('赵管理（村管理员）');
  await logout(page);
  await submitSignIn(page, reviewerA, { goto: false });
  await expect(signInError(page)).toContainText('需要连接乡镇服务器');
});

test('a password changed on the server stops working offline on the device', async ({
  page,
  town,
}) => {
  const user = await town.addUser({ role: 'village_clerk', displayName: '孙改密' });
  await signIn(page, user, { deviceName: '改密测试电脑' });
  await logout(page);

  const changed = await town.cli(
    ['user', 'passwd', '--username', user.username, '--password-stdin'],
    'Changed2026pass\n',
  );
  expect(changed.code, changed.stderr).toBe(0);

  // Online, the old password is refused; the device forgets its offline sign-in with it.
  await submitSignIn(page, user, { goto: false });
  await expect(signInError(page)).toContainText('用户名或密码不正确');
  await town.stop();
  await submitSignIn(page, user, { goto: false });
  await expect(signInError(page)).toContainText('需要连接乡镇服务器');

  await town.start();
  await signIn(page, { ...user, password: 'Changed2026pass' }, { goto: false });
});

test('a revoked device can no longer sign in, online or offline, and keeps its data', async ({
  page,
  town,
}) => {
  await signIn(page, town.users.clerkA, { deviceName: '将被停用的电脑' });
  await logout(page);
  const row = (await deviceList(town)).split('\n').find((line) => line.includes('将被停用的电脑'));
  const deviceId = DEVICE_ID.exec(row ?? '')?.[0];
  expect(deviceId).toBeDefined();
  const revoked = await town.cli(['device', 'revoke', '--device', deviceId ?? '']);
  expect(revoked.code, revoked.stderr).toBe(0);

  await submitSignIn(page, town.users.clerkA, { goto: false });
  await expect(signInError(page)).toContainText('已被乡镇管理员停用');
  await expect(page.getByText('乡镇管理员已停用本机的登记')).toBeVisible();

  await town.stop();
  await submitSignIn(page, town.users.clerkA, { goto: false });
  await expect(signInError(page)).toContainText('已被乡镇管理员停用');
  // The local database is still there.
  const names = await page.evaluate(async () =>
    (await indexedDB.databases()).map((d) => d.name ?? ''),
  );
  expect(names.some((name) => name.includes('village-credit'))).toBe(true);
});

test('the screen locks after ten minutes without activity and opens only with the password', async ({
  page,
  town,
}) => {
  await page.clock.install();
  await signIn(page, town.users.clerkA, { deviceName: '锁屏测试电脑' });
  const lockScreen = page.getByRole('dialog', { name: '屏幕已锁定' });

  await page.clock.fastForward('09:00');
  await expect(lockScreen).toHaveCount(0);
  // Activity resets the timer.
  await page.mouse.move(200, 200);
  await page.mouse.move(220, 240);
  await page.clock.fastForward('09:00');
  await expect(lockScreen).toHaveCount(0);
  await page.clock.fastForward('02:00');
  await expect(lockScreen).toBeVisible();
  await expect(lockScreen).toContainText('王丽（wang.li）已锁屏');

  const password = lockScreen.getByLabel('密码', { exact: true });
  await password.fill('Wrong2026pass');
  await lockScreen.getByRole('button', { name: buttonName('解锁') }).click();
  await expect(lockScreen.getByRole('alert')).toContainText('还可再试 4 次');
  await password.fill(town.users.clerkA.password);
  await lockScreen.getByRole('button', { name: buttonName('解锁') }).click();
  await expect(lockScreen).toHaveCount(0);
  await expect(accountArea(page)).toContainText('王丽');

  // Locking by hand, then switching user, signs out.
  await accountArea(page)
    .getByRole('button', { name: buttonName('锁屏') })
    .click();
  await expect(lockScreen).toBeVisible();
  await lockScreen.getByRole('button', { name: '切换用户' }).click();
  await expect(signInForm(page).username).toBeVisible();
});

withoutServer(
  'demo mode opens sample data without a server, marked, and can be left and deleted',
  async ({ page }) => {
    const banner = page.getByText('示例数据 · 仅供体验，不会同步');
    await page.goto('/');
    await page.getByRole('button', { name: '使用示例数据体验（不连接服务器）' }).click();
    await expect(banner).toBeVisible();
    await expect(accountArea(page)).toContainText('体验用户（示例）（村管理员）');
    const databases = () =>
      page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));
    expect((await databases()).some((name) => name.includes('village-credit-demo'))).toBe(true);

    // Demo mode survives a reload, and needs no sign-in.
    await page.reload();
    await expect(banner).toBeVisible();

    await page.getByRole('button', { name: '退出体验' }).click();
    await expect(signInForm(page).username).toBeVisible();
    await expect(banner).toHaveCount(0);

    await page.getByRole('button', { name: '使用示例数据体验（不连接服务器）' }).click();
    await expect(banner).toBeVisible();
    await page.getByRole('button', { name: '删除示例数据' }).click();
    await page.getByRole('button', { name: buttonName('删除') }).click();
    await expect(signInForm(page).username).toBeVisible();
    expect((await databases()).some((name) => name.includes('village-credit-demo'))).toBe(false);
  },
);
