import { Alert, Button, DatePicker, Form, Input, InputNumber, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { EntryInput } from '../../../../../shared/ledger/recording.ts';
import { pointsRange } from '../../../../../shared/ledger/rule-sets.ts';
import { DEFAULT_LATE_ENTRY_DAYS } from '../../../../../shared/ledger/templates.ts';
import { useI18n } from '../../../i18n/I18nContext.ts';
import { DATE_ITEM } from '../../residents/form-support.ts';
import { useLedgerScreen } from '../LedgerScreenContext.ts';
import { SubjectPicker, type PickedSubject } from '../review/SubjectPicker.tsx';
import { useLedgerWrite } from '../review/useLedgerWrite.ts';
import { buildEntry, entrySubject, isRangeRule, previewEntry } from './record-entries.ts';
import { useRuleOptions } from './useRuleOptions.ts';

interface SingleValues {
  readonly subject: PickedSubject | null;
  readonly occurredOn: string;
  readonly ruleCode: string | undefined;
  readonly quantity: number | null;
  readonly unitPoints: number | null;
  readonly note: string;
}

function signed(points: number): string {
  return points > 0 ? `+${String(points)}` : String(points);
}

/** 单条录入: one entry for a resident or a household, checked live, submitted for review. */
export function SingleEntryForm({ onSaved }: { readonly onSaved: (text: string) => void }) {
  const { t, describeError } = useI18n();
  const { register, ledger } = useLedgerScreen();
  const writer = useLedgerWrite();
  const [form] = Form.useForm<SingleValues>();
  const values = Form.useWatch([], form) as Partial<SingleValues> | undefined;
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const occurredOn = values?.occurredOn ?? ledger.today;
  const picked = values?.subject ?? null;
  const { options, byCode } = useRuleOptions(ledger, occurredOn, picked?.type ?? 'resident');
  const rule = values?.ruleCode === undefined ? undefined : byCode.get(values.ruleCode);
  const range = rule === undefined ? undefined : pointsRange(rule);

  const input = ((): EntryInput | undefined => {
    if (values?.ruleCode === undefined || rule === undefined) return undefined;
    return {
      ruleCode: values.ruleCode,
      occurredOn,
      quantity: values.quantity ?? 1,
      ...(isRangeRule(rule) && typeof values.unitPoints === 'number'
        ? { unitPoints: values.unitPoints }
        : {}),
      note: (values.note ?? '').trim(),
      evidence: [],
    };
  })();

  const subject = picked === null ? undefined : entrySubject(register, picked);
  const preview =
    subject === undefined || input === undefined ? undefined : previewEntry(ledger, subject, input);

  const submit = async () => {
    await form.validateFields();
    if (subject === undefined || input === undefined) return;
    setSaving(true);
    setError(null);
    const result = await writer.run((current, ctx) => {
      const built = buildEntry(current, subject, input, ctx);
      if (!built.ok) return built;
      return { ok: true, value: { writes: { events: [built.value.event] }, value: built.value } };
    });
    setSaving(false);
    if (!result.ok) {
      setError(describeError(result.error));
      return;
    }
    const { event } = result.value;
    onSaved(
      t('ledger.record.saved', {
        name: subject.name,
        rule: event.rule.nameZh,
        points: signed(event.points),
      }),
    );
    form.resetFields(['subject', 'quantity', 'unitPoints', 'note']);
  };

  return (
    <Form
      form={form}
      layout="vertical"
      style={{ maxWidth: 640 }}
      initialValues={{ subject: null, occurredOn: ledger.today, quantity: 1, note: '' }}
      onFinish={() => void submit()}
    >
      <Form.Item
        label={t('ledger.record.subject')}
        name="subject"
        extra={t('ledger.record.subjectHelp')}
        rules={[{ required: true, message: t('ledger.record.subjectRequired') }]}
      >
        <SubjectPicker register={register} households ariaLabel={t('ledger.record.subject')} />
      </Form.Item>
      <Form.Item
        label={t('ledger.record.occurredOn')}
        name="occurredOn"
        {...DATE_ITEM}
        extra={t('ledger.record.occurredOnHelp', {
          days: ledger.settings?.lateEntryDays ?? DEFAULT_LATE_ENTRY_DAYS,
        })}
        rules={[{ required: true, message: t('ledger.record.occurredOnRequired') }]}
      >
        <DatePicker disabledDate={(date) => date.isAfter(dayjs(ledger.today), 'day')} />
      </Form.Item>
      <Form.Item
        label={t('ledger.record.rule')}
        name="ruleCode"
        extra={t('ledger.record.ruleHelp')}
        rules={[{ required: true, message: t('ledger.record.ruleRequired') }]}
      >
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={options}
          aria-label={t('ledger.record.rule')}
          virtual
        />
      </Form.Item>
      <Space size="large" wrap>
        <Form.Item label={t('ledger.record.quantity')} name="quantity">
          <InputNumber min={1} max={10_000} precision={0} />
        </Form.Item>
        {rule !== undefined && isRangeRule(rule) && range !== undefined && (
          <Form.Item
            label={t('ledger.record.unitPoints')}
            name="unitPoints"
            extra={t('ledger.record.unitPointsHelp', {
              min: signed(range.min),
              max: signed(range.max),
            })}
          >
            <InputNumber min={range.min} max={range.max} precision={0} />
          </Form.Item>
        )}
      </Space>
      <Form.Item label={t('ledger.record.note')} name="note">
        <Input.TextArea rows={2} maxLength={500} placeholder={t('ledger.record.notePlaceholder')} />
      </Form.Item>
      {preview !== undefined && (
        <Form.Item>
          {preview.ok ? (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Alert
                type="info"
                showIcon
                data-testid="entry-preview"
                title={t('ledger.record.preview', {
                  points: signed(preview.value.points),
                  expiresOn: preview.value.expiresOn,
                })}
              />
              {preview.value.warnings.map((warning) => (
                <Alert key={warning.code} type="warning" showIcon title={describeError(warning)} />
              ))}
            </Space>
          ) : (
            <Alert
              type="error"
              showIcon
              data-testid="entry-refusal"
              title={describeError(preview.error)}
            />
          )}
        </Form.Item>
      )}
      {error !== null && (
        <Form.Item>
          <Alert type="error" showIcon title={error} />
        </Form.Item>
      )}
      <Button
        type="primary"
        htmlType="submit"
        loading={saving}
        disabled={preview !== undefined && !preview.ok}
      >
        {t('ledger.record.submit')}
      </Button>
    </Form>
  );
}
