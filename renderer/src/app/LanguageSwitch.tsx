import { Segmented } from 'antd';
import { useI18n } from '../i18n/I18nContext.ts';
import { LANGUAGES, isLanguage } from '../i18n/catalogue.ts';

export function LanguageSwitch() {
  const { t, language, setLanguage } = useI18n();
  return (
    <Segmented
      aria-label={t('language.label')}
      value={language}
      options={LANGUAGES.map((value) => ({ value, label: t(`language.${value}`) }))}
      onChange={(value) => {
        if (isLanguage(value)) void setLanguage(value);
      }}
    />
  );
}
