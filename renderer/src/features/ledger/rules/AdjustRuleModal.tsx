import { Alert, Form, InputNumber, Modal, Select, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import type { RuleDefinition, Visibility } from '../../../../../shared/collections/rule.ts';
import type { Result } from '../../../../../shared/errors.ts';
import { pointsRange } from '../../../../../shared/ledger/rule-sets.ts';
import { useI18n } from '../../../i18n/I18nContext.ts';
import { useRuleWords } from './rule-words.ts';

interface AdjustValues {
  readonly low: number | null;
  readonly high: number | null;
  readonly noticeRequired: boolean;
  readonly visibility: Visibility;
}

interface AdjustRuleModalProps {
  readonly rule: RuleDefinition;
  /** The township's template it came from (its range bounds the village's choice). */
  readonly template: RuleDefinition | undefined;
  readonly onSave: (rule: RuleDefinition) => Promise<Result<unknown>>;
  readonly onClose: () => void;
}

/** The rule with its points set to low..high (one value: fixed). */
export function withPoints(rule: RuleDefinition, low: number, high: number): RuleDefinition {
  const { points: _points, pointsMin: _min, pointsMax: _max, ...rest } = rule;
  return low === high ? { ...rest, points: low } : { ...rest, pointsMin: low, pointsMax: high };
}

/**
 * 调整: a rule taken from a template, with its points fixed or narrowed within the
 * template's range, and whether it is noticed and how. A fixed template keeps its points:
 * another value is a village item under the village's own code.
 */
export function AdjustRuleModal({ rule, template, onSave, onClose }: AdjustRuleModalProps) {
  const { t, describeError } = useI18n();
  const words = useRuleWords();
  const [form] = Form.useForm<AdjustValues>();
  const [failure, setFailure] = useState<string | null>(null);
  const [working, setWorking] = useState(false);
  const allowed = pointsRange(template ?? rule);
  const current = pointsRange(rule);
  const adjustable = allowed.min < allowed.max;

  const submit = async () => {
    setFailure(null);
    const values = form.getFieldsValue(true) as AdjustValues;
    const low = values.low ?? current.min;
    const high = values.high ?? current.max;
    const next = {
      ...(adjustable ? withPoints(rule, Math.min(low, high), Math.max(low, high)) : rule),
      noticeRequired: values.noticeRequired,
      visibility: values.visibility,
    };
    setWorking(true);
    const result = await onSave(next);
    setWorking(false);
    if (!result.ok) setFailure(describeError(result.error));
    else onClose();
  };

  return (
    <Modal
      open
      title={t('ledger.rules.adjust.title', { code: rule.code, name: words.name(rule) })}
      okText={t('ledger.rules.form.save')}
      cancelText={t('ledger.rules.form.cancel')}
      confirmLoading={working}
      mask={{ closable: false }}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      <Form<AdjustValues>
        form={form}
        layout="vertical"
        initialValues={{
          low: current.min,
          high: current.max,
          noticeRequired: rule.noticeRequired,
          visibility: rule.visibility,
        }}
      >
        {adjustable ? (
          <>
            <Typography.Paragraph type="secondary">
              {t('ledger.rules.adjust.range', {
                min: allowed.min,
                max: allowed.max,
              })}
            </Typography.Paragraph>
            <Space wrap>
              <Form.Item label={t('ledger.rules.adjust.low')} name="low">
                <InputNumber precision={0} min={allowed.min} max={allowed.max} />
              </Form.Item>
              <Form.Item label={t('ledger.rules.adjust.high')} name="high">
                <InputNumber precision={0} min={allowed.min} max={allowed.max} />
              </Form.Item>
            </Space>
          </>
        ) : (
          <Typography.Paragraph type="secondary">
            {t('ledger.rules.adjust.fixed', { points: words.points(rule) })}
          </Typography.Paragraph>
        )}
        <Form.Item
          label={t('ledger.rules.field.noticeRequired')}
          name="noticeRequired"
          valuePropName="checked"
        >
          <Switch />
        </Form.Item>
        <Form.Item label={t('ledger.rules.field.visibility')} name="visibility">
          <Select
            style={{ width: 160 }}
            options={[
              { value: 'named', label: words.visibility('named') },
              { value: 'anonymised', label: words.visibility('anonymised') },
            ]}
          />
        </Form.Item>
        {failure !== null && <Alert type="error" showIcon title={failure} />}
      </Form>
    </Modal>
  );
}
