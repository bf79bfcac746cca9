import { Alert, Button, Card, Descriptions, Space } from 'antd';
import type { RuleSetPolicy } from '../../../../../shared/collections/policies.ts';
import { useI18n } from '../../../i18n/I18nContext.ts';
import { useRuleWords } from './rule-words.ts';
import { RuleTable } from './RuleTable.tsx';

interface RuleSetInForceCardProps {
  /** The version in force today (or, before any takes effect, the first to come). */
  readonly set: RuleSetPolicy;
  readonly inForce: boolean;
  /** An adopted version that takes effect later than today. */
  readonly upcoming: RuleSetPolicy | undefined;
  /** 修订细则, for the village administrator when no draft is open. */
  readonly onRevise?: () => void;
}

/** 现行积分细则: the version in force, its adoption and its rules. */
export function RuleSetInForceCard({ set, inForce, upcoming, onRevise }: RuleSetInForceCardProps) {
  const { t } = useI18n();
  const words = useRuleWords();
  return (
    <Card
      title={t(inForce ? 'ledger.rules.inForce.title' : 'ledger.rules.inForce.notYet')}
      data-testid="rule-set-in-force"
      extra={
        onRevise === undefined ? null : (
          <Button onClick={onRevise}>{t('ledger.rules.revise')}</Button>
        )
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }} size={12}>
        <Descriptions size="small" bordered column={3}>
          <Descriptions.Item label={t('ledger.rules.field.version')}>
            {words.version(set)}
          </Descriptions.Item>
          <Descriptions.Item label={t('ledger.rules.field.title')}>{set.title}</Descriptions.Item>
          <Descriptions.Item label={t('ledger.rules.field.effectiveFrom')}>
            {set.effectiveFrom}
          </Descriptions.Item>
          <Descriptions.Item label={t('ledger.rules.field.meetingOn')}>
            {set.adoption?.meetingOn ?? ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('ledger.rules.field.meetingRef')}>
            {set.adoption?.meetingRef ?? ''}
          </Descriptions.Item>
          <Descriptions.Item label={t('ledger.rules.field.ruleCount')}>
            {t('ledger.rules.ruleCount', { count: set.rules.length })}
          </Descriptions.Item>
        </Descriptions>
        {upcoming !== undefined && (
          <Alert
            type="info"
            showIcon
            title={t('ledger.rules.upcoming', {
              version: upcoming.setVersion,
              effectiveFrom: upcoming.effectiveFrom,
            })}
          />
        )}
        <RuleTable rules={set.rules} searchable testId="rules-in-force" />
      </Space>
    </Card>
  );
}
