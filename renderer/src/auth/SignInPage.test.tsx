import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { AppError } from '../../../shared/errors.ts';
import { I18nProvider } from '../i18n/I18nProvider.tsx';
import type { DeviceRecord } from './account-store.ts';
import { LOCK_SCREEN_TRIES, LockScreen } from './LockScreen.tsx';
import { SignInPage, type SignInValues } from './SignInPage.tsx';

// antd's Form grid reads matchMedia. jsdom has none, and here the property exists but is
// undefined, so renderer/src/test/setup.ts (which checks `'matchMedia' in window`) skips it.
if (typeof window.matchMedia !== 'function') {
  Object.defineProperty(window, 'matchMedia', {
    configurable: true,
    value: (query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      addListener: () => undefined,
      removeListener: () => undefined,
      dispatchEvent: () => false,
    }),
  });
}

const CONFIGURED = 'https://credit.example.cn';

const device: DeviceRecord = {
  deviceId: '01JD4Q8V1W2X3Y4Z5A6B7C8D9E',
  deviceName: '村委会电脑',
  serverUrl: CONFIGURED,
  townshipCode: '320321100',
  villageCode: '320321100201',
  registeredAt: 0,
  registeredBy: 'wang.li',
  revokedAt: null,
};

function renderPage(
  registered: DeviceRecord | undefined,
  onSubmit: (values: SignInValues) => Promise<AppError | null>,
) {
  render(
    <I18nProvider language="zh-CN" onChangeLanguage={() => Promise.resolve()}>
      <SignInPage
        device={registered}
        configuredServerUrl={CONFIGURED}
        onSubmit={onSubmit}
        onDemo={() => undefined}
      />
    </I18nProvider>,
  );
}

function fill(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

describe('the sign-in screen', () => {
  it('asks for the server at the first sign-in and refuses one the app cannot reach', async () => {
    const onSubmit = vi.fn(() => Promise.resolve(null));
    renderPage(undefined, onSubmit);
    expect(screen.getByLabelText('乡镇服务器地址')).toHaveProperty('value', CONFIGURED);
    fill('乡镇服务器地址', 'https://other.example.cn');
    fill('用户名', 'wang.li');
    fill('密码', 'Credit2026pass');
    fireEvent.submit(screen.getByLabelText('用户名').closest('form')!);
    expect(
      await screen.findByText(/只能连接已配置的乡镇服务器 https:\/\/credit\.example\.cn/),
    ).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();

    fill('乡镇服务器地址', 'https://credit.example.cn/');
    fill('本机名称（可选）', '村委会电脑');
    fireEvent.submit(screen.getByLabelText('用户名').closest('form')!);
    await waitFor(() => {
      expect(onSubmit).toHaveBeenCalledWith({
        serverUrl: CONFIGURED,
        username: 'wang.li',
        password: 'Credit2026pass',
        deviceName: '村委会电脑',
      });
    });
  });

  it('shows the registered server instead of asking, and the reason a sign-in failed', async () => {
    renderPage(device, () => Promise.resolve({ code: 'auth.server-needed' }));
    expect(screen.queryByLabelText('乡镇服务器地址')).toBeNull();
    expect(screen.getByText(/本机已登记在乡镇服务器 https:\/\/credit\.example\.cn/)).toBeTruthy();
    fill('用户名', 'li.shen');
    fill('密码', 'Credit2026pass');
    fireEvent.submit(screen.getByLabelText('用户名').closest('form')!);
    expect(await screen.findByText(/此账号第一次在本机登录，需要连接乡镇服务器/)).toBeTruthy();
  });
});

describe('the lock screen', () => {
  it('signs the user out after too many wrong passwords', async () => {
    const onTooManyTries = vi.fn();
    render(
      <I18nProvider language="zh-CN" onChangeLanguage={() => Promise.resolve()}>
        <LockScreen
          principal={{
            userId: 'u',
            username: 'wang.li',
            displayName: '王丽',
            role: 'village_clerk',
            villageCode: '320321100201',
            townshipCode: '320321100',
          }}
          onUnlock={() => Promise.resolve(false)}
          onSwitchUser={() => undefined}
          onTooManyTries={onTooManyTries}
        />
      </I18nProvider>,
    );
    for (let tries = 1; tries <= LOCK_SCREEN_TRIES; tries += 1) {
      fill('密码', `Wrong${String(tries)}pass`);
      fireEvent.submit(screen.getByLabelText('密码').closest('form')!);
      if (tries < LOCK_SCREEN_TRIES) {
        expect(
          await screen.findByText(
            `密码不正确。还可再试 ${String(LOCK_SCREEN_TRIES - tries)} 次，之后将自动退出登录。`,
          ),
        ).toBeTruthy();
      }
    }
    await waitFor(() => {
      expect(onTooManyTries).toHaveBeenCalledTimes(1);
    });
  });
});
