import { Alert, DatePicker, Form, Input, Modal, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { ObjectionCase } from '../../../../../shared/collections/cases.ts';
import type { Evidence } from '../../../../../shared/collections/schema.ts';
import { useI18n } from '../../../i18n/I18nContext.ts';
import { DATE_ITEM } from '../../residents/form-support.ts';
import { useLedgerScreen } from '../LedgerScreenContext.ts';
import { useEventStatusWords } from '../review/event-status-words.ts';
import { useEntryWords } from '../review/review-words.ts';
import { SubjectPicker, type PickedSubject } from '../review/SubjectPicker.tsx';
import { defaultDueOn, objectionableEntries } from './objection-data.ts';
import { useObjectionActions } from './useObjectionActions.ts';

interface RaiseValues {
  readonly subject: PickedSubject | null;
  readonly eventId: string | undefined;
  readonly reason: string;
  readonly receivedOn: string;
  readonly dueOn: string;
  readonly evidence: string;
}

interface RaiseObjectionModalProps {
  readonly onClose: () => void;
  readonly onDone: (objection: ObjectionCase) => void;
}

/**
 * 异议登记: the resident, then one of their (or their household's) entries in notice or in
 * effect, the stated reason, the day it was received, the date to decide by and a note of
 * the evidence. From then on the entry is held (异议处理中) and does not count.
 */
export function RaiseObjectionModal({ onClose, onDone }: RaiseObjectionModalProps) {
  const { t, describeError } = useI18n();
  const { register, ledger } = useLedgerScreen();
  const words = useEntryWords();
  const stateWords = useEventStatusWords();
  const actions = useObjectionActions();
  const [form] = Form.useForm<RaiseValues>();
  const [failure, setFailure] = useState<string | null>(null);
  const [working, setWorking] = useState(false);
  const subject = Form.useWatch('subject', form) ?? null;
  const today = ledger.today;

  const entryOptions = useMemo(() => {
    if (subject === null) return [];
    const resident = register.residentById.get(subject.id);
    return objectionableEntries(ledger, subject.id, resident?.householdId ?? '').map((event) => ({
      value: event.id,
      label: t('ledger.objections.entryOption', {
        date: event.occurredOn,
        rule:
          event.kind === 'accrual' || event.kind === 'deduction'
            ? event.rule.nameZh
            : t('ledger.objections.unknownRule'),
        points: words.points(event.points),
        state: stateWords.label(event, ledger),
        subject:
          event.subjectType === 'household'
            ? t('ledger.review.householdSubject', {
                number: register.householdById.get(event.subjectId)?.householdNo ?? '',
              })
            : t('ledger.objections.self'),
      }),
    }));
  }, [subject, register, ledger, t, words, stateWords]);

  const submit = async () => {
    setFailure(null);
    let values: RaiseValues;
    try {
      values = await form.validateFields();
    } catch {
      setFailure(t('ledger.objections.fixProblems'));
      return;
    }
    if (values.eventId === undefined) return;
    const evidence: Evidence[] =
      values.evidence.trim() === ''
        ? []
        : [{ kind: 'note', attachmentId: '', description: values.evidence.trim() }];
    setWorking(true);
    const result = await actions.raise(values.eventId, {
      reason: values.reason,
      receivedOn: values.receivedOn,
      dueOn: values.dueOn,
      evidence,
    });
    setWorking(false);
    if (!result.ok) {
      setFailure(t('ledger.objections.failed', { message: describeError(result.error) }));
      return;
    }
    onDone(result.value);
  };

  return (
    <Modal
      open
      width={640}
      title={t('ledger.objections.raise.title')}
      okText={t('ledger.objections.raise.submit')}
      cancelText={t('ledger.review.cancel')}
      confirmLoading={working}
      mask={{ closable: false }}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      <Form<RaiseValues>
        form={form}
        layout="vertical"
        name="raise-objection"
        initialValues={{
          subject: null,
          eventId: undefined,
          reason: '',
          receivedOn: today,
          dueOn: defaultDueOn(today),
          evidence: '',
        }}
        onValuesChange={(changed: Partial<RaiseValues>) => {
          if (changed.subject !== undefined) form.setFieldValue('eventId', undefined);
          if (changed.receivedOn !== undefined && changed.receivedOn !== '')
            form.setFieldValue('dueOn', defaultDueOn(changed.receivedOn));
        }}
      >
        <Form.Item
          name="subject"
          label={t('ledger.objections.field.resident')}
          rules={[{ required: true, message: t('ledger.objections.field.residentRequired') }]}
        >
          <SubjectPicker register={register} />
        </Form.Item>
        <Form.Item
          name="eventId"
          label={t('ledger.objections.field.entry')}
          rules={[{ required: true, message: t('ledger.objections.field.entryRequired') }]}
          extra={
            subject !== null && entryOptions.length === 0 ? (
              <Typography.Text type="warning">
                {t('ledger.objections.field.noEntries')}
              </Typography.Text>
            ) : (
              t('ledger.objections.field.entryHelp')
            )
          }
        >
          <Select
            options={entryOptions}
            disabled={subject === null}
            placeholder={t('ledger.objections.field.entryPlaceholder')}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('ledger.objections.field.reason')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('ledger.objections.field.reasonRequired'),
            },
          ]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item
          name="receivedOn"
          label={t('ledger.objections.field.receivedOn')}
          {...DATE_ITEM}
          rules={[
            { required: true, message: t('ledger.objections.field.receivedOnRequired') },
            {
              validator: (_, value: string) =>
                value !== '' && value > today
                  ? Promise.reject(new Error(t('ledger.objections.field.receivedInFuture')))
                  : Promise.resolve(),
            },
          ]}
        >
          <DatePicker style={{ width: 200 }} />
        </Form.Item>
        <Form.Item
          name="dueOn"
          label={t('ledger.objections.field.dueOn')}
          extra={t('ledger.objections.field.dueOnHelp')}
          {...DATE_ITEM}
          dependencies={['receivedOn']}
          rules={[
            { required: true, message: t('ledger.objections.field.dueOnRequired') },
            {
              validator: (_, value: string) => {
                const received = form.getFieldValue('receivedOn') as string;
                return value !== '' && received !== '' && value < received
                  ? Promise.reject(new Error(t('ledger.objections.field.dueBeforeReceived')))
                  : Promise.resolve();
              },
            },
          ]}
        >
          <DatePicker style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="evidence" label={t('ledger.objections.field.evidence')}>
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
        {failure !== null && <Alert type="error" showIcon title={failure} />}
      </Form>
    </Modal>
  );
}
