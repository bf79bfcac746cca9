import { Alert, DatePicker, Form, Modal, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import { useState } from 'react';
import type { RuleSetPolicy } from '../../../../../shared/collections/policies.ts';
import { useI18n } from '../../../i18n/I18nContext.ts';
import { DATE_ITEM } from '../../residents/form-support.ts';
import { MeetingFields, type MeetingValues } from './MeetingFields.tsx';
import type { RuleSetActions } from './useRuleSetActions.ts';

interface AdoptVersionValues extends MeetingValues {
  readonly effectiveFrom: string;
}

interface AdoptVersionModalProps {
  readonly draft: RuleSetPolicy;
  /** The version the draft replaces. */
  readonly current: RuleSetPolicy | undefined;
  readonly actions: RuleSetActions;
  readonly onClose: () => void;
  readonly onAdopted: (set: RuleSetPolicy) => void;
}

/**
 * 通过新版本: the representative meeting adopted the draft; it applies to acts from its
 * effective date, and the version it replaces keeps applying to acts before.
 */
export function AdoptVersionModal({
  draft,
  current,
  actions,
  onClose,
  onAdopted,
}: AdoptVersionModalProps) {
  const { t, describeError } = useI18n();
  const [form] = Form.useForm<AdoptVersionValues>();
  const [failure, setFailure] = useState<string | null>(null);
  const [working, setWorking] = useState(false);
  const today = actions.today();
  const earliest = current?.effectiveFrom ?? '';
  const notBeforeCurrent: Rule = {
    validator: (_, value: unknown) =>
      current !== undefined && typeof value === 'string' && value !== '' && value < earliest
        ? Promise.reject(
            new Error(
              t('ledger.rules.version.tooEarly', {
                version: current.setVersion,
                date: earliest,
              }),
            ),
          )
        : Promise.resolve(),
  };

  const submit = async () => {
    setFailure(null);
    let values: AdoptVersionValues;
    try {
      values = await form.validateFields();
    } catch {
      setFailure(t('ledger.rules.form.fixProblems'));
      return;
    }
    setWorking(true);
    const result = await actions.adoptDraft(draft.id, values);
    setWorking(false);
    if (!result.ok) {
      setFailure(describeError(result.error));
      return;
    }
    if (result.value !== null) onAdopted(result.value);
  };

  return (
    <Modal
      open
      title={t('ledger.rules.version.adoptTitle', { version: draft.setVersion })}
      okText={t('ledger.rules.adopt.confirm')}
      cancelText={t('ledger.rules.form.cancel')}
      confirmLoading={working}
      mask={{ closable: false }}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      <Form<AdoptVersionValues>
        form={form}
        layout="vertical"
        initialValues={{
          meetingOn: today,
          meetingRef: '',
          effectiveFrom: draft.effectiveFrom < earliest ? earliest : draft.effectiveFrom,
        }}
      >
        <MeetingFields today={today} />
        <Form.Item
          label={t('ledger.rules.version.effectiveFrom')}
          name="effectiveFrom"
          {...DATE_ITEM}
          extra={t('ledger.rules.version.effectiveFromHelp')}
          rules={[
            { required: true, message: t('ledger.rules.version.effectiveFromRequired') },
            notBeforeCurrent,
          ]}
        >
          <DatePicker />
        </Form.Item>
        {current !== undefined && (
          <Typography.Paragraph type="secondary">
            {t('ledger.rules.version.replaces', { version: current.setVersion })}
          </Typography.Paragraph>
        )}
        {failure !== null && <Alert type="error" showIcon title={failure} />}
      </Form>
    </Modal>
  );
}
