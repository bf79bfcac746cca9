import { Alert, Button, Card, Form, Radio, Switch, Typography } from 'antd';
import { useState } from 'react';
import type { RollUp, SettingsPolicy } from '../../../../../shared/collections/policies.ts';
import { useI18n } from '../../../i18n/I18nContext.ts';
import type { PointsSettings } from './rule-set-changes.ts';
import type { RuleSetActions } from './useRuleSetActions.ts';

interface PointsSettingsCardProps {
  /** The village's settings document; absent until the village has one. */
  readonly settings: SettingsPolicy | undefined;
  readonly actions: RuleSetActions;
  readonly editable: boolean;
  readonly onSaved: () => void;
}

/**
 * 积分设置: how a household's figures roll up from its members, whether deductions also
 * lower the redeemable balance, and whether the balance is reset at the year close —
 * merged into the village's settings document. A village without one scores by the
 * defaults, said here; the document itself is created with the village's other settings.
 */
export function PointsSettingsCard({
  settings,
  actions,
  editable,
  onSaved,
}: PointsSettingsCardProps) {
  const { t, describeError } = useI18n();
  const [form] = Form.useForm<PointsSettings>();
  const [failure, setFailure] = useState<string | null>(null);
  const [working, setWorking] = useState(false);

  if (settings === undefined)
    return (
      <Card title={t('ledger.rules.settings.title')}>
        <Typography.Text type="secondary">{t('ledger.rules.settings.none')}</Typography.Text>
      </Card>
    );

  const save = async () => {
    setFailure(null);
    setWorking(true);
    const result = await actions.saveSettings(form.getFieldsValue(true) as PointsSettings);
    setWorking(false);
    if (!result.ok) setFailure(describeError(result.error));
    else onSaved();
  };

  const rollUps: readonly RollUp[] = ['sum', 'per-capita', 'head-only'];
  return (
    <Card title={t('ledger.rules.settings.title')} data-testid="points-settings">
      <Form<PointsSettings>
        form={form}
        layout="vertical"
        disabled={!editable}
        initialValues={{
          rollUp: settings.rollUp,
          deductionsAgainstBalance: settings.deductionsAgainstBalance,
          yearlyReset: settings.yearlyReset,
        }}
      >
        <Form.Item label={t('ledger.rules.settings.rollUp')} name="rollUp">
          <Radio.Group
            options={rollUps.map((value) => ({
              value,
              label: t(`ledger.rules.settings.rollUp.${value}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          label={t('ledger.rules.settings.deductionsAgainstBalance')}
          name="deductionsAgainstBalance"
          valuePropName="checked"
          extra={t('ledger.rules.settings.deductionsHelp')}
        >
          <Switch />
        </Form.Item>
        <Form.Item
          label={t('ledger.rules.settings.yearlyReset')}
          name="yearlyReset"
          valuePropName="checked"
          extra={t('ledger.rules.settings.yearlyResetHelp')}
        >
          <Switch />
        </Form.Item>
        {failure !== null && <Alert type="error" showIcon title={failure} />}
        {editable && (
          <Button type="primary" loading={working} onClick={() => void save()}>
            {t('ledger.rules.settings.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}
