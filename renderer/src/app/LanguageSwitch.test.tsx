import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../i18n/I18nProvider.tsx';
import type { Language } from '../i18n/catalogue.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { ModuleNotBuilt } from './ModuleNotBuilt.tsx';

describe('the language switch', () => {
  it('asks to store English when English is chosen', () => {
    const onChange = vi.fn((_: Language) => Promise.resolve());
    render(
      <I18nProvider language="zh-CN" onChangeLanguage={onChange}>
        <LanguageSwitch />
      </I18nProvider>,
    );
    fireEvent.click(screen.getByText('English'));
    expect(onChange).toHaveBeenCalledWith('en');
  });
});

describe('a module that is not built yet', () => {
  it('says so in Chinese and names what it will offer', () => {
    render(
      <I18nProvider language="zh-CN" onChangeLanguage={() => Promise.resolve()}>
        <ModuleNotBuilt titleKey="nav.redemption" planKey="module.redemption.plan" />
      </I18nProvider>,
    );
    expect(screen.getByText('「兑换」功能尚未开放')).toBeTruthy();
    expect(screen.getByText(/有线电视补贴/)).toBeTruthy();
    expect(screen.getByText('此处不显示任何示例数据。')).toBeTruthy();
  });

  it('speaks English when English is the language', () => {
    render(
      <I18nProvider language="en" onChangeLanguage={() => Promise.resolve()}>
        <ModuleNotBuilt titleKey="nav.redemption" planKey="module.redemption.plan" />
      </I18nProvider>,
    );
    expect(screen.getByText('“Redemption” is not available yet')).toBeTruthy();
  });
});
