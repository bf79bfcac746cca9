import {
  Alert,
  AutoComplete,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Switch,
} from 'antd';
import { useState } from 'react';
import type {
  CapPeriod,
  DirectRating,
  RuleCap,
  RuleDefinition,
  Visibility,
} from '../../../../../shared/collections/rule.ts';
import { CODE_PROPERTY } from '../../../../../shared/collections/schema.ts';
import type { Result } from '../../../../../shared/errors.ts';
import { pointsRange, validateRule } from '../../../../../shared/ledger/rule-sets.ts';
import { useI18n } from '../../../i18n/I18nContext.ts';
import { CAP_PERIODS, useRuleWords } from './rule-words.ts';

interface ItemValues {
  readonly code: string;
  readonly category: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly indicator: string;
  readonly direction: '+' | '-';
  readonly mode: 'fixed' | 'range';
  /** Magnitudes; the direction gives the sign. */
  readonly points: number | null;
  readonly low: number | null;
  readonly high: number | null;
  readonly subject: 'person' | 'household';
  readonly validityMonths: number | null;
  readonly capPer: CapPeriod | '';
  readonly capTimes: number | null;
  readonly capPoints: number | null;
  readonly evidence: string;
  readonly directRating: DirectRating | '';
  readonly repeatMultiplier: number | null;
  readonly noticeRequired: boolean;
  readonly visibility: Visibility;
}

const CODE_PATTERN = new RegExp(CODE_PROPERTY.pattern);

function valuesOf(rule: RuleDefinition | undefined): ItemValues {
  if (rule === undefined)
    return {
      code: 'V-',
      category: '',
      nameZh: '',
      nameEn: '',
      indicator: '',
      direction: '+',
      mode: 'fixed',
      points: null,
      low: null,
      high: null,
      subject: 'person',
      validityMonths: 12,
      capPer: '',
      capTimes: null,
      capPoints: null,
      evidence: '',
      directRating: '',
      repeatMultiplier: 1,
      noticeRequired: true,
      visibility: 'named',
    };
  const range = pointsRange(rule);
  const magnitudes = [Math.abs(range.min), Math.abs(range.max)].sort((a, b) => a - b);
  return {
    code: rule.code,
    category: rule.category,
    nameZh: rule.nameZh,
    nameEn: rule.nameEn,
    indicator: rule.indicator,
    direction: rule.direction,
    mode: rule.points === undefined ? 'range' : 'fixed',
    points: rule.points === undefined ? null : Math.abs(rule.points),
    low: magnitudes[0] ?? null,
    high: magnitudes[1] ?? null,
    subject: rule.subject,
    validityMonths: rule.validityMonths,
    capPer: rule.cap?.per ?? '',
    capTimes: rule.cap?.times ?? null,
    capPoints: rule.cap?.points ?? null,
    evidence: rule.evidence,
    directRating: rule.directRating ?? '',
    repeatMultiplier: rule.repeatMultiplier,
    noticeRequired: rule.noticeRequired,
    visibility: rule.visibility,
  };
}

/** The rule the form describes (signed points from magnitudes and the direction). */
function ruleOf(values: ItemValues, capText: (cap: RuleCap | undefined) => string): RuleDefinition {
  const sign = values.direction === '+' ? 1 : -1;
  const low = values.low ?? 0;
  const high = values.high ?? 0;
  const points: Pick<RuleDefinition, 'points' | 'pointsMin' | 'pointsMax'> =
    values.mode === 'fixed'
      ? { points: sign * (values.points ?? 0) }
      : sign > 0
        ? { pointsMin: low, pointsMax: high }
        : { pointsMin: -high, pointsMax: -low };
  const cap: RuleCap | undefined =
    values.capPer === ''
      ? undefined
      : {
          per: values.capPer,
          ...(values.capTimes === null ? {} : { times: values.capTimes }),
          ...(values.capPoints === null ? {} : { points: values.capPoints }),
        };
  return {
    code: values.code.trim(),
    category: values.category.trim(),
    nameZh: values.nameZh.trim(),
    nameEn: values.nameEn.trim(),
    indicator: values.indicator.trim(),
    direction: values.direction,
    ...points,
    subject: values.subject,
    ...(cap === undefined ? {} : { cap }),
    capText: cap === undefined ? '' : capText(cap),
    evidence: values.evidence.trim(),
    validityMonths: values.validityMonths ?? 0,
    ...(values.direction === '-' && values.directRating !== ''
      ? { directRating: values.directRating }
      : {}),
    repeatMultiplier: values.repeatMultiplier ?? 1,
    visibility: values.visibility,
    noticeRequired: values.noticeRequired,
  };
}

interface VillageItemModalProps {
  /** The village item edited; absent to add one. */
  readonly item?: RuleDefinition;
  /** Categories in use, offered for the new item. */
  readonly categories: readonly string[];
  readonly onSave: (rule: RuleDefinition) => Promise<Result<unknown>>;
  readonly onClose: () => void;
}

/**
 * 本村项目: a rule the village adds under its own code, with everything a rule has; checked
 * as every rule is (validateRule), then with the whole draft (codes unique, no template's
 * code) when saved.
 */
export function VillageItemModal({ item, categories, onSave, onClose }: VillageItemModalProps) {
  const { t, describeError } = useI18n();
  const words = useRuleWords();
  const [form] = Form.useForm<ItemValues>();
  const [initial] = useState(() => valuesOf(item));
  // useWatch is undefined until the form is connected: the initial values stand in.
  const direction =
    (Form.useWatch('direction', form) as ItemValues['direction'] | undefined) ?? initial.direction;
  const mode = (Form.useWatch('mode', form) as ItemValues['mode'] | undefined) ?? initial.mode;
  const capPer =
    (Form.useWatch('capPer', form) as ItemValues['capPer'] | undefined) ?? initial.capPer;
  const [failure, setFailure] = useState<string | null>(null);
  const [working, setWorking] = useState(false);

  const submit = async () => {
    setFailure(null);
    try {
      await form.validateFields();
    } catch {
      setFailure(t('ledger.rules.form.fixProblems'));
      return;
    }
    const rule = ruleOf(form.getFieldsValue(true) as ItemValues, words.cap);
    const valid = validateRule(rule);
    if (!valid.ok) {
      setFailure(describeError(valid.error));
      return;
    }
    setWorking(true);
    const result = await onSave(rule);
    setWorking(false);
    if (!result.ok) setFailure(describeError(result.error));
    else onClose();
  };

  const magnitude = { precision: 0, min: 1, max: 10_000 } as const;
  return (
    <Modal
      open
      width={720}
      title={t(item === undefined ? 'ledger.rules.item.add' : 'ledger.rules.item.edit')}
      okText={t('ledger.rules.form.save')}
      cancelText={t('ledger.rules.form.cancel')}
      confirmLoading={working}
      mask={{ closable: false }}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      <Form<ItemValues> form={form} layout="vertical" initialValues={initial}>
        <Space wrap align="start">
          <Form.Item
            label={t('ledger.rules.item.code')}
            name="code"
            extra={t('ledger.rules.item.codeHelp')}
            rules={[
              { required: true, message: t('ledger.rules.item.codeRequired') },
              { pattern: CODE_PATTERN, message: t('ledger.rules.item.codeInvalid') },
              { max: CODE_PROPERTY.maxLength },
            ]}
          >
            <Input disabled={item !== undefined} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item
            label={t('ledger.rules.item.category')}
            name="category"
            rules={[{ required: true, whitespace: true, message: t('ledger.rules.item.required') }]}
          >
            <AutoComplete
              style={{ width: 200 }}
              options={categories.map((category) => ({ value: category }))}
            />
          </Form.Item>
        </Space>
        <Form.Item
          label={t('ledger.rules.item.nameZh')}
          name="nameZh"
          rules={[{ required: true, whitespace: true, message: t('ledger.rules.item.required') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label={t('ledger.rules.item.nameEn')} name="nameEn">
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label={t('ledger.rules.item.indicator')} name="indicator">
          <Input maxLength={200} />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item label={t('ledger.rules.column.direction')} name="direction">
            <Radio.Group
              optionType="button"
              options={[
                { value: '+', label: words.direction('+') },
                { value: '-', label: words.direction('-') },
              ]}
              onChange={(event) => {
                form.setFieldValue(
                  'visibility',
                  event.target.value === '+' ? 'named' : 'anonymised',
                );
              }}
            />
          </Form.Item>
          <Form.Item label={t('ledger.rules.item.mode')} name="mode">
            <Radio.Group
              optionType="button"
              options={[
                { value: 'fixed', label: t('ledger.rules.item.mode.fixed') },
                { value: 'range', label: t('ledger.rules.item.mode.range') },
              ]}
            />
          </Form.Item>
          {mode === 'fixed' ? (
            <Form.Item
              label={t('ledger.rules.item.points')}
              name="points"
              rules={[{ required: true, message: t('ledger.rules.item.required') }]}
            >
              <InputNumber {...magnitude} />
            </Form.Item>
          ) : (
            <>
              <Form.Item
                label={t('ledger.rules.item.low')}
                name="low"
                rules={[{ required: true, message: t('ledger.rules.item.required') }]}
              >
                <InputNumber {...magnitude} />
              </Form.Item>
              <Form.Item
                label={t('ledger.rules.item.high')}
                name="high"
                rules={[{ required: true, message: t('ledger.rules.item.required') }]}
              >
                <InputNumber {...magnitude} />
              </Form.Item>
            </>
          )}
        </Space>
        <Space wrap align="start">
          <Form.Item label={t('ledger.rules.column.subject')} name="subject">
            <Radio.Group
              optionType="button"
              options={[
                { value: 'person', label: words.subject('person') },
                { value: 'household', label: words.subject('household') },
              ]}
            />
          </Form.Item>
          <Form.Item
            label={t('ledger.rules.item.validityMonths')}
            name="validityMonths"
            rules={[{ required: true, message: t('ledger.rules.item.required') }]}
          >
            <InputNumber precision={0} min={1} max={240} />
          </Form.Item>
          <Form.Item label={t('ledger.rules.item.repeatMultiplier')} name="repeatMultiplier">
            <InputNumber precision={0} min={1} max={10} />
          </Form.Item>
        </Space>
        <Space wrap align="start">
          <Form.Item label={t('ledger.rules.item.capPer')} name="capPer">
            <Select
              style={{ width: 140 }}
              options={[
                { value: '', label: t('ledger.rules.cap.none') },
                ...CAP_PERIODS.map((per) => ({ value: per, label: words.capPeriod(per) })),
              ]}
            />
          </Form.Item>
          {capPer !== '' && (
            <>
              <Form.Item label={t('ledger.rules.item.capTimes')} name="capTimes">
                <InputNumber precision={0} min={1} max={10_000} />
              </Form.Item>
              <Form.Item label={t('ledger.rules.item.capPoints')} name="capPoints">
                <InputNumber precision={0} min={1} max={100_000} />
              </Form.Item>
            </>
          )}
        </Space>
        <Form.Item label={t('ledger.rules.item.evidence')} name="evidence">
          <Input maxLength={200} />
        </Form.Item>
        <Space wrap align="start">
          {direction === '-' && (
            <Form.Item label={t('ledger.rules.column.directRating')} name="directRating">
              <Select
                style={{ width: 140 }}
                options={[
                  { value: '', label: t('ledger.rules.none') },
                  ...(['B', 'C', 'D'] as const).map((tier) => ({
                    value: tier,
                    label: words.directRating(tier),
                  })),
                ]}
              />
            </Form.Item>
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
              style={{ width: 140 }}
              options={[
                { value: 'named', label: words.visibility('named') },
                { value: 'anonymised', label: words.visibility('anonymised') },
              ]}
            />
          </Form.Item>
        </Space>
        {failure !== null && <Alert type="error" showIcon title={failure} />}
      </Form>
    </Modal>
  );
}
