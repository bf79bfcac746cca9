import { Alert, Button, Card, Flex, Form, Input, InputNumber, Typography } from 'antd';
import { useState } from 'react';
import type { SettingsPolicy } from '../../../../../shared/collections/policies.ts';
import { NOTICE_DAYS_RANGE, OBJECTION_CONTACT_MAX } from '../../../../../shared/ledger/settings.ts';
import { DEFAULT_NOTICE_DAYS } from '../../../../../shared/ledger/templates.ts';
import { useI18n } from '../../../i18n/I18nContext.ts';
import type { NoticeSettings } from './notice-actions.ts';
import type { NoticeActions } from './useNoticeActions.ts';

interface NoticeSettingsCardProps {
  /** The village's settings document; absent until the village has one. */
  readonly settings: SettingsPolicy | undefined;
  readonly editable: boolean;
  readonly actions: NoticeActions;
}

type Feedback = { readonly type: 'success' | 'info' | 'error'; readonly text: string };

/**
 * 公示设置: how many days a notice runs and whom residents with an objection contact —
 * the village's settings document, made from the defaults the first time it is saved.
 */
export function NoticeSettingsCard({ settings, editable, actions }: NoticeSettingsCardProps) {
  const { t, describeError } = useI18n();
  const [form] = Form.useForm<NoticeSettings>();
  const [working, setWorking] = useState(false);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const days = settings?.noticeDays ?? DEFAULT_NOTICE_DAYS;
  const contact = settings?.objectionContact ?? '';

  const save = async (values: NoticeSettings) => {
    setWorking(true);
    const result = await actions.saveSettings({
      noticeDays: values.noticeDays,
      objectionContact: values.objectionContact.trim(),
    });
    setWorking(false);
    setFeedback(
      !result.ok
        ? { type: 'error', text: describeError(result.error) }
        : result.value
          ? { type: 'success', text: t('ledger.notices.settings.saved') }
          : { type: 'info', text: t('ledger.notices.settings.unchanged') },
    );
  };

  return (
    <Card size="small" title={t('ledger.notices.settings.title')} data-testid="notice-settings">
      <Flex vertical gap={8}>
        <Typography.Text type="secondary" data-testid="notice-settings-current">
          {settings === undefined
            ? t('ledger.notices.settings.none', { days })
            : t('ledger.notices.settings.current', {
                days,
                contact: contact === '' ? t('ledger.notices.settings.noContact') : contact,
              })}
        </Typography.Text>
        {editable && (
          <Form<NoticeSettings>
            // A new version of the settings (saved here or synced) refills the form.
            key={settings?.updatedAt ?? 'defaults'}
            form={form}
            name="notice-settings"
            layout="inline"
            initialValues={{ noticeDays: days, objectionContact: contact }}
            onFinish={(values) => void save(values)}
            onValuesChange={() => {
              setFeedback(null);
            }}
          >
            <Form.Item
              label={t('ledger.notices.field.days')}
              name="noticeDays"
              tooltip={t('ledger.notices.field.daysHelp')}
              rules={[{ required: true, message: t('ledger.notices.field.daysRequired') }]}
            >
              <InputNumber min={NOTICE_DAYS_RANGE.min} max={NOTICE_DAYS_RANGE.max} precision={0} />
            </Form.Item>
            <Form.Item
              label={t('ledger.notices.field.contact')}
              name="objectionContact"
              tooltip={t('ledger.notices.field.contactHelp')}
            >
              <Input maxLength={OBJECTION_CONTACT_MAX} style={{ width: 320 }} />
            </Form.Item>
            <Form.Item>
              <Button htmlType="submit" loading={working}>
                {t('ledger.notices.settings.save')}
              </Button>
            </Form.Item>
          </Form>
        )}
        {feedback !== null && <Alert type={feedback.type} showIcon title={feedback.text} />}
      </Flex>
    </Card>
  );
}
