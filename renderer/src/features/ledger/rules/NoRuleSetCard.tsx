import { Alert, Button, Card, Space, Typography } from 'antd';
import { useI18n } from '../../../i18n/I18nContext.ts';
import type { RuleLibrary } from './useRuleLibrary.ts';

interface NoRuleSetCardProps {
  readonly library: RuleLibrary;
  /** Opens the adoption form; absent for roles that may not adopt. */
  readonly onAdopt?: () => void;
}

/** A village without an adopted rule set: why nothing can be recorded yet, and the way out. */
export function NoRuleSetCard({ library, onAdopt }: NoRuleSetCardProps) {
  const { t } = useI18n();
  return (
    <Card title={t('ledger.rules.none.title')} data-testid="no-rule-set">
      <Space orientation="vertical" size={12}>
        <Typography.Paragraph style={{ margin: 0 }}>
          {t('ledger.rules.none.body')}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t(
            library.source === 'township'
              ? 'ledger.rules.none.fromTownship'
              : 'ledger.rules.none.fromPackaged',
            { count: library.rules.length },
          )}
        </Typography.Paragraph>
        {onAdopt === undefined ? (
          <Alert type="info" showIcon title={t('ledger.rules.none.adminOnly')} />
        ) : (
          <Button type="primary" onClick={onAdopt}>
            {t('ledger.rules.adoptDefaults')}
          </Button>
        )}
      </Space>
    </Card>
  );
}
