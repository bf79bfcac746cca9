import {
  Alert,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  List,
  Select,
  Space,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import type {
  BatchResult,
  EntryInput,
  EntrySubject,
} from '../../../../../shared/ledger/recording.ts';
import { pointsRange } from '../../../../../shared/ledger/rule-sets.ts';
import { useI18n } from '../../../i18n/I18nContext.ts';
import { DATE_ITEM } from '../../residents/form-support.ts';
import { ledgerContext } from '../ledger-store.ts';
import { useLedgerScreen } from '../LedgerScreenContext.ts';
import { useLedgerWrite } from '../review/useLedgerWrite.ts';
import { buildBatch, entrySubject, isRangeRule } from './record-entries.ts';
import { useRuleOptions } from './useRuleOptions.ts';

interface BatchValues {
  readonly residentIds: readonly string[];
  readonly occurredOn: string;
  readonly ruleCode: string | undefined;
  readonly quantity: number | null;
  readonly unitPoints: number | null;
  readonly note: string;
}

interface Checked {
  readonly subjects: readonly EntrySubject[];
  readonly input: EntryInput;
  readonly result: BatchResult;
}

/**
 * 批量录入: one rule, date and note for many residents (a clean-up day, a group's
 * meeting). The batch is checked row by row first; people the rules refuse (a cap reached,
 * the same act twice) are named with the reason, and nothing is written until the clerk
 * confirms the rest. Confirming checks again, so entries made meanwhile still count.
 */
export function BatchEntryForm({ onSaved }: { readonly onSaved: (text: string) => void }) {
  const { t, describeError } = useI18n();
  const { scope, register, ledger } = useLedgerScreen();
  const writer = useLedgerWrite();
  const [form] = Form.useForm<BatchValues>();
  const values = Form.useWatch([], form) as Partial<BatchValues> | undefined;
  const [groupId, setGroupId] = useState<string | null>(null);
  const [checked, setChecked] = useState<Checked | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const occurredOn = values?.occurredOn ?? ledger.today;
  const { options: ruleOptions, byCode } = useRuleOptions(ledger, occurredOn, 'resident');
  const rule = values?.ruleCode === undefined ? undefined : byCode.get(values.ruleCode);
  const range = rule === undefined ? undefined : pointsRange(rule);

  const people = useMemo(
    () =>
      register.residents
        .filter((resident) => resident.status === 'registered')
        .map((resident) => ({
          value: resident.id,
          label: `${resident.name}（${register.householdById.get(resident.householdId)?.householdNo ?? ''}）`,
        })),
    [register],
  );
  const groups = useMemo(
    () =>
      register.groups
        .filter((group) => group.status === 'active')
        .map((group) => ({ value: group.id, label: group.name })),
    [register],
  );
  const selected = values?.residentIds ?? [];

  const addGroup = () => {
    if (groupId === null) return;
    const members = register.residents
      .filter(
        (resident) =>
          resident.status === 'registered' &&
          register.householdById.get(resident.householdId)?.groupId === groupId,
      )
      .map((resident) => resident.id);
    form.setFieldValue('residentIds', [...new Set([...selected, ...members])]);
    setChecked(null);
  };

  const check = async () => {
    const valid = await form.validateFields();
    const ruleCode = valid.ruleCode;
    if (ruleCode === undefined) return;
    const subjects = valid.residentIds.flatMap(
      (id) => entrySubject(register, { type: 'resident', id }) ?? [],
    );
    const input: EntryInput = {
      ruleCode,
      occurredOn: valid.occurredOn,
      quantity: valid.quantity ?? 1,
      ...(rule !== undefined && isRangeRule(rule) && typeof valid.unitPoints === 'number'
        ? { unitPoints: valid.unitPoints }
        : {}),
      note: valid.note.trim(),
      evidence: [],
    };
    setError(null);
    const built = buildBatch(ledger, subjects, input, ledgerContext(scope));
    if (!built.ok) {
      setError(describeError(built.error));
      return;
    }
    setChecked({ subjects, input, result: built.value });
  };

  const confirm = async () => {
    if (checked === null) return;
    setSaving(true);
    const result = await writer.run((current, ctx) => {
      const built = buildBatch(current, checked.subjects, checked.input, ctx);
      if (!built.ok) return built;
      return {
        ok: true,
        value: {
          writes: { events: built.value.recorded.map((row) => row.event) },
          value: built.value,
        },
      };
    });
    setSaving(false);
    if (!result.ok) {
      setError(describeError(result.error));
      return;
    }
    const { recorded, refused } = result.value;
    onSaved(
      refused.length === 0
        ? t('ledger.record.batch.saved', { count: recorded.length })
        : t('ledger.record.batch.savedWithRefused', {
            count: recorded.length,
            refused: refused.length,
            names: refused.map((row) => row.name).join('、'),
          }),
    );
    setChecked(null);
    form.setFieldValue('residentIds', []);
  };

  const okCount = checked?.result.recorded.length ?? 0;
  const refused = checked?.result.refused ?? [];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 720 }}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ residentIds: [], occurredOn: ledger.today, quantity: 1, note: '' }}
        onValuesChange={() => {
          setChecked(null);
        }}
        onFinish={() => void check()}
      >
        <Form.Item
          label={t('ledger.record.batch.rule')}
          name="ruleCode"
          rules={[{ required: true, message: t('ledger.record.ruleRequired') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={ruleOptions}
            aria-label={t('ledger.record.batch.rule')}
            virtual
          />
        </Form.Item>
        <Space size="large" wrap>
          <Form.Item
            label={t('ledger.record.occurredOn')}
            name="occurredOn"
            {...DATE_ITEM}
            rules={[{ required: true, message: t('ledger.record.occurredOnRequired') }]}
          >
            <DatePicker disabledDate={(date) => date.isAfter(dayjs(ledger.today), 'day')} />
          </Form.Item>
          <Form.Item label={t('ledger.record.quantity')} name="quantity">
            <InputNumber min={1} max={10_000} precision={0} />
          </Form.Item>
          {rule !== undefined && isRangeRule(rule) && range !== undefined && (
            <Form.Item label={t('ledger.record.unitPoints')} name="unitPoints">
              <InputNumber min={range.min} max={range.max} precision={0} />
            </Form.Item>
          )}
        </Space>
        <Form.Item label={t('ledger.record.batch.group')}>
          <Space wrap>
            <Select
              style={{ minWidth: 200 }}
              options={groups}
              value={groupId}
              onChange={setGroupId}
              aria-label={t('ledger.record.batch.group')}
            />
            <Button onClick={addGroup} disabled={groupId === null}>
              {t('ledger.record.batch.addGroup')}
            </Button>
          </Space>
        </Form.Item>
        <Form.Item
          label={t('ledger.record.batch.people')}
          name="residentIds"
          extra={`${t('ledger.record.batch.peopleHelp')} ${t('ledger.record.batch.selected', { count: selected.length })}`}
          rules={[
            {
              required: true,
              type: 'array',
              min: 1,
              message: t('ledger.record.batch.peopleRequired'),
            },
          ]}
        >
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            options={people}
            aria-label={t('ledger.record.batch.people')}
            virtual
          />
        </Form.Item>
        <Form.Item label={t('ledger.record.note')} name="note">
          <Input.TextArea
            rows={2}
            maxLength={500}
            placeholder={t('ledger.record.notePlaceholder')}
          />
        </Form.Item>
        <Button htmlType="submit">{t('ledger.record.batch.check')}</Button>
      </Form>
      {error !== null && <Alert type="error" showIcon title={error} />}
      {checked !== null && (
        <Card
          size="small"
          data-testid="batch-check"
          title={t('ledger.record.batch.result.title', { ok: okCount, refused: refused.length })}
        >
          {refused.length === 0 ? (
            <Typography.Paragraph>
              {t('ledger.record.batch.result.allOk', { count: okCount })}
            </Typography.Paragraph>
          ) : (
            <>
              <Typography.Paragraph>{t('ledger.record.batch.result.refused')}</Typography.Paragraph>
              <List
                size="small"
                data-testid="batch-refused"
                dataSource={[...refused]}
                renderItem={(row) => (
                  <List.Item>
                    {t('ledger.record.batch.refusedRow', {
                      name: row.name,
                      reason: describeError(row.error),
                    })}
                  </List.Item>
                )}
              />
            </>
          )}
          <Space style={{ marginTop: 12 }}>
            {okCount === 0 ? (
              <Typography.Text type="danger">{t('ledger.record.batch.nothing')}</Typography.Text>
            ) : (
              <Button type="primary" loading={saving} onClick={() => void confirm()}>
                {refused.length === 0
                  ? t('ledger.record.batch.confirmAll', { count: okCount })
                  : t('ledger.record.batch.confirmRest', { count: okCount })}
              </Button>
            )}
            <Button
              onClick={() => {
                setChecked(null);
              }}
            >
              {t('ledger.record.batch.cancel')}
            </Button>
          </Space>
        </Card>
      )}
    </Space>
  );
}
