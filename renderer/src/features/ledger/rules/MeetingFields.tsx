import { DatePicker, Form, Input } from 'antd';
import type { Rule } from 'antd/es/form';
import dayjs from 'dayjs';
import { useI18n } from '../../../i18n/I18nContext.ts';
import { DATE_ITEM } from '../../residents/form-support.ts';

/** Form values of a 村民代表大会 adoption. */
export interface MeetingValues {
  readonly meetingOn: string;
  readonly meetingRef: string;
}

/**
 * The representative meeting that adopts a rule set (村民代表大会): its date (required,
 * not after today) and the reference of its minutes (required).
 */
export function MeetingFields({ today }: { readonly today: string }) {
  const { t } = useI18n();
  const notInFuture: Rule = {
    validator: (_, value: unknown) =>
      typeof value === 'string' && value > today
        ? Promise.reject(new Error(t('ledger.rules.adopt.meetingInFuture')))
        : Promise.resolve(),
  };
  return (
    <>
      <Form.Item
        label={t('ledger.rules.adopt.meetingOn')}
        name="meetingOn"
        {...DATE_ITEM}
        rules={[
          { required: true, message: t('ledger.rules.adopt.meetingOnRequired') },
          notInFuture,
        ]}
      >
        <DatePicker disabledDate={(date) => date.isAfter(dayjs(today), 'day')} />
      </Form.Item>
      <Form.Item
        label={t('ledger.rules.adopt.meetingRef')}
        name="meetingRef"
        extra={t('ledger.rules.adopt.meetingRefHelp')}
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('ledger.rules.adopt.meetingRefRequired'),
          },
          { max: 200 },
        ]}
      >
        <Input maxLength={200} />
      </Form.Item>
    </>
  );
}
