import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import antdZhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useEffect, useMemo, type ReactNode } from 'react';
import type { Language } from './catalogue.ts';
import { CATALOGUES, errorMessage, formatMessage } from './format.ts';
import { I18nContext, type I18n } from './I18nContext.ts';

interface I18nProviderProps {
  readonly language: Language;
  readonly onChangeLanguage: (language: Language) => Promise<void>;
  readonly children: ReactNode;
}

const ANTD_LOCALES = { 'zh-CN': antdZhCN, en: enUS } as const;
const DAYJS_LOCALES = { 'zh-CN': 'zh-cn', en: 'en' } as const;
const FONT_STACK =
  "'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', sans-serif";

/** Provides messages in the chosen language to the app and to antd's own components. */
export function I18nProvider({ language, onChangeLanguage, children }: I18nProviderProps) {
  const i18n = useMemo<I18n>(() => {
    const catalogue = CATALOGUES[language];
    return {
      language,
      t: (key, params) => formatMessage(catalogue, key, params),
      describeError: (error) => errorMessage(catalogue, error),
      setLanguage: onChangeLanguage,
    };
  }, [language, onChangeLanguage]);

  useEffect(() => {
    dayjs.locale(DAYJS_LOCALES[language]);
    document.documentElement.lang = language;
    document.title = i18n.t('app.title');
  }, [language, i18n]);

  return (
    <I18nContext.Provider value={i18n}>
      <ConfigProvider
        locale={ANTD_LOCALES[language]}
        theme={{ token: { fontFamily: FONT_STACK, colorPrimary: '#b7282e' } }}
      >
        {children}
      </ConfigProvider>
    </I18nContext.Provider>
  );
}
