import { Result, Typography } from 'antd';
import { useI18n } from '../i18n/I18nContext.ts';
import type { MessageKey } from '../i18n/catalogue.ts';

interface ModuleNotBuiltProps {
  readonly titleKey: MessageKey;
  readonly planKey: MessageKey;
}

/** Says plainly that a module is not built yet, and what it will do. Never shows invented data. */
export function ModuleNotBuilt({ titleKey, planKey }: ModuleNotBuiltProps) {
  const { t } = useI18n();
  return (
    <Result
      status="info"
      title={t('module.notBuilt.title', { module: t(titleKey) })}
      subTitle={t('module.notBuilt.body', { plan: t(planKey) })}
      extra={<Typography.Text type="secondary">{t('module.notBuilt.noData')}</Typography.Text>}
      data-testid="module-not-built"
    />
  );
}
