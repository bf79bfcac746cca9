import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import type { RuleSetPolicy } from '../../../../../shared/collections/policies.ts';
import { useI18n } from '../../../i18n/I18nContext.ts';
import { MeetingFields, type MeetingValues } from './MeetingFields.tsx';
import type { RuleLibrary } from './useRuleLibrary.ts';
import type { RuleSetActions } from './useRuleSetActions.ts';

interface AdoptDefaultsValues extends MeetingValues {
  readonly title: string;
}

interface AdoptDefaultsModalProps {
  readonly library: RuleLibrary;
  readonly actions: RuleSetActions;
  readonly onClose: () => void;
  readonly onAdopted: (set: RuleSetPolicy) => void;
}

/**
 * 采用默认积分细则: the township's template library (or the packaged one) adopted whole,
 * as the representative meeting decided, in force from the meeting's date.
 */
export function AdoptDefaultsModal({
  library,
  actions,
  onClose,
  onAdopted,
}: AdoptDefaultsModalProps) {
  const { t, describeError } = useI18n();
  const [form] = Form.useForm<AdoptDefaultsValues>();
  const [failure, setFailure] = useState<string | null>(null);
  const [working, setWorking] = useState(false);
  const today = actions.today();

  const submit = async () => {
    setFailure(null);
    let values: AdoptDefaultsValues;
    try {
      values = await form.validateFields();
    } catch {
      setFailure(t('ledger.rules.form.fixProblems'));
      return;
    }
    setWorking(true);
    const result = await actions.adoptDefaults({
      title: values.title,
      meetingOn: values.meetingOn,
      meetingRef: values.meetingRef,
    });
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
      title={t('ledger.rules.adoptDefaults')}
      okText={t('ledger.rules.adopt.confirm')}
      cancelText={t('ledger.rules.form.cancel')}
      confirmLoading={working}
      mask={{ closable: false }}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      <Form<AdoptDefaultsValues>
        form={form}
        layout="vertical"
        initialValues={{
          title: t('ledger.rules.adopt.defaultTitle'),
          meetingOn: today,
          meetingRef: '',
        }}
      >
        <Typography.Paragraph type="secondary">
          {t(
            library.source === 'township'
              ? 'ledger.rules.adopt.fromTownship'
              : 'ledger.rules.adopt.fromPackaged',
            { count: library.rules.length },
          )}
        </Typography.Paragraph>
        <Form.Item
          label={t('ledger.rules.adopt.title')}
          name="title"
          rules={[
            { required: true, whitespace: true, message: t('ledger.rules.adopt.titleRequired') },
          ]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <MeetingFields today={today} />
        <Typography.Paragraph type="secondary">
          {t('ledger.rules.adopt.inForceFrom')}
        </Typography.Paragraph>
        {failure !== null && <Alert type="error" showIcon title={failure} />}
      </Form>
    </Modal>
  );
}
