import { Alert, DatePicker, Form, Input, InputNumber, Modal, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { isCalendarDate } from '../../../../../shared/ledger/dates.ts';
import { noticeEndsOn } from '../../../../../shared/ledger/notice.ts';
import { NOTICE_DAYS_RANGE, OBJECTION_CONTACT_MAX } from '../../../../../shared/ledger/settings.ts';
import { useI18n } from '../../../i18n/I18nContext.ts';
import { DATE_ITEM } from '../../residents/form-support.ts';

export interface DraftValues {
  readonly title: string;
  readonly startsOn: string;
  readonly days: number;
  readonly objectionContact: string;
}

interface DraftNoticeModalProps {
  readonly count: number;
  /** The village's date: the period starts today or later. */
  readonly today: string;
  readonly initial: DraftValues;
  readonly onCancel: () => void;
  /** Makes the batch; resolves to a failure to show, or null when done. */
  readonly onConfirm: (values: DraftValues) => Promise<string | null>;
}

/**
 * 生成公示批次: the batch's title, first day (today by default), days of notice and
 * objection contact (the village settings' by default), with the period it gives.
 */
export function DraftNoticeModal({
  count,
  today,
  initial,
  onCancel,
  onConfirm,
}: DraftNoticeModalProps) {
  const { t } = useI18n();
  const [form] = Form.useForm<DraftValues>();
  const [working, setWorking] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  // Undefined until the form is mounted; an emptied number field is null.
  const startsOn = (Form.useWatch('startsOn', form) as string | undefined) ?? initial.startsOn;
  const days = (Form.useWatch('days', form) as number | null | undefined) ?? initial.days;
  const period =
    isCalendarDate(startsOn) &&
    Number.isInteger(days) &&
    days >= NOTICE_DAYS_RANGE.min &&
    days <= NOTICE_DAYS_RANGE.max
      ? { startsOn, endsOn: noticeEndsOn(startsOn, days) }
      : null;

  const confirm = async (values: DraftValues) => {
    setProblem(null);
    setWorking(true);
    const failure = await onConfirm({
      title: values.title.trim(),
      startsOn: values.startsOn,
      days: values.days,
      objectionContact: values.objectionContact.trim(),
    });
    setWorking(false);
    if (failure !== null) setProblem(failure);
  };

  return (
    <Modal
      open
      title={t('ledger.notices.create.title', { count })}
      okText={t('ledger.notices.create')}
      cancelText={t('ledger.notices.create.cancel')}
      confirmLoading={working}
      mask={{ closable: false }}
      onOk={() => {
        form.submit();
      }}
      onCancel={onCancel}
    >
      <Form<DraftValues>
        form={form}
        name="notice-draft"
        layout="vertical"
        initialValues={initial}
        onFinish={(values) => void confirm(values)}
      >
        <Form.Item
          label={t('ledger.notices.field.title')}
          name="title"
          rules={[
            { required: true, whitespace: true, message: t('ledger.notices.field.titleRequired') },
          ]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          label={t('ledger.notices.field.startsOn')}
          name="startsOn"
          {...DATE_ITEM}
          rules={[{ required: true, message: t('ledger.notices.field.startsOnRequired') }]}
        >
          <DatePicker disabledDate={(date) => date.isBefore(dayjs(today), 'day')} />
        </Form.Item>
        <Form.Item
          label={t('ledger.notices.field.days')}
          name="days"
          extra={t('ledger.notices.field.daysHelp')}
          rules={[{ required: true, message: t('ledger.notices.field.daysRequired') }]}
        >
          <InputNumber min={NOTICE_DAYS_RANGE.min} max={NOTICE_DAYS_RANGE.max} precision={0} />
        </Form.Item>
        <Form.Item
          label={t('ledger.notices.field.contact')}
          name="objectionContact"
          extra={t('ledger.notices.field.contactHelp')}
        >
          <Input maxLength={OBJECTION_CONTACT_MAX} />
        </Form.Item>
      </Form>
      {period !== null && (
        <Typography.Paragraph data-testid="notice-draft-period">
          {t('ledger.notices.create.period', period)}
        </Typography.Paragraph>
      )}
      {problem !== null && <Alert type="error" showIcon title={problem} />}
    </Modal>
  );
}
