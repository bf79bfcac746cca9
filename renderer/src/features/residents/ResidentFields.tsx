import { Col, DatePicker, Form, Input, Radio, Row, Select } from 'antd';
import { useEffect, useMemo, type ReactNode } from 'react';
import { useI18n } from '../../i18n/I18nContext.ts';
import { DATE_ITEM, RESIDENT_TAG_SUGGESTIONS, useChoices, useProblemText } from './form-support.ts';
import { useRegisterActions } from './useRegisterActions.ts';
import {
  dateProblem,
  idFeedback,
  nameProblem,
  phoneProblem,
  tagsProblem,
} from './resident-values.ts';

interface ResidentFieldsProps {
  /** Where the resident's values sit in the form: [] at the root, ['members', 2] in a list. */
  readonly path: readonly (string | number)[];
  readonly today: string;
  /** Editing a stored resident: not a duplicate of themselves, and their stored ID kept if left empty. */
  readonly existing?: { readonly id: string; readonly idMasked: string };
  /** Fields the caller adds (the relation to the head). */
  readonly extra?: ReactNode;
  /** Status and status date (editing a registered resident). */
  readonly withStatus?: boolean;
}

/**
 * A resident's fields with the shared rules applied as the clerk types: the ID is checked
 * (format, region, birth date, check digit, a 15-digit number's conversion shown), fills in
 * birth date and gender, must agree with them if they were typed, and must not be held by
 * anyone else in the village.
 */
export function ResidentFields({ path, today, existing, extra, withStatus }: ResidentFieldsProps) {
  const { t, describeError } = useI18n();
  const form = Form.useFormInstance();
  const choices = useChoices();
  const problemText = useProblemText();
  const actions = useRegisterActions();
  const key = path.join('.');
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the path's content, not its identity
  const at = useMemo(() => (field: string) => [...path, field], [key]);

  const idValue = (Form.useWatch(at('idNumber'), form) as string | undefined) ?? '';
  const status = (Form.useWatch(at('status'), form) as string | undefined) ?? 'registered';
  const parsed = useMemo(
    () => idFeedback(idValue, { birthDate: '', gender: '' }, today),
    [idValue, today],
  );
  // Editing without retyping the ID keeps the stored number: birth date and gender stay its.
  const keptId = existing !== undefined && existing.idMasked !== '' && parsed.kind === 'empty';

  useEffect(() => {
    if (parsed.kind !== 'valid') return;
    if (!form.getFieldValue(at('birthDate')))
      form.setFieldValue(at('birthDate'), parsed.id.birthDate);
    if (!form.getFieldValue(at('gender'))) form.setFieldValue(at('gender'), parsed.id.gender);
  }, [parsed, form, at]);

  const reject = (text: string) => Promise.reject(new Error(text));
  const idExtra =
    parsed.kind === 'valid' ? (
      <span data-testid="id-feedback">
        {t('register.form.id.valid', {
          birthDate: parsed.id.birthDate,
          gender: t(`register.gender.${parsed.id.gender}`),
        })}
        {parsed.id.convertedFrom === undefined
          ? null
          : ` ${t('register.form.id.converted', { from: parsed.id.convertedFrom, to: parsed.id.number })}`}
      </span>
    ) : keptId ? (
      t('register.form.id.keepMasked', { masked: existing.idMasked })
    ) : undefined;

  return (
    <Row gutter={16}>
      <Col xs={24} md={8}>
        <Form.Item
          label={t('register.form.name')}
          name={at('name')}
          rules={[
            {
              validator: (_, value: string | undefined) => {
                const problem = nameProblem(value ?? '');
                return problem === undefined ? Promise.resolve() : reject(problemText(problem));
              },
            },
          ]}
        >
          <Input maxLength={50} autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={24} md={16}>
        <Form.Item
          label={t('register.form.idNumber')}
          name={at('idNumber')}
          dependencies={[at('birthDate'), at('gender')]}
          validateDebounce={200}
          extra={idExtra}
          rules={[
            {
              validator: async (_, value: string | undefined) => {
                const entered = {
                  birthDate: (form.getFieldValue(at('birthDate')) as string | undefined) ?? '',
                  gender:
                    (form.getFieldValue(at('gender')) as 'male' | 'female' | '' | undefined) ?? '',
                };
                const feedback = idFeedback(value ?? '', entered, today);
                if (feedback.kind === 'invalid' || feedback.kind === 'mismatch')
                  return reject(describeError(feedback.error));
                if (feedback.kind === 'valid') {
                  const duplicate = await actions.duplicateOf(feedback.id.number, existing?.id);
                  if (duplicate !== undefined) return reject(describeError(duplicate));
                }
                return undefined;
              },
            },
          ]}
        >
          <Input maxLength={40} autoComplete="off" placeholder={t('register.form.idPlaceholder')} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item
          label={t('register.form.gender')}
          name={at('gender')}
          rules={[
            {
              validator: (_, value: string | undefined) =>
                (value ?? '') === '' && parsed.kind !== 'valid' && !keptId
                  ? reject(t('register.form.genderRequired'))
                  : Promise.resolve(),
            },
          ]}
        >
          <Radio.Group options={choices.genders} disabled={keptId} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item
          label={t('register.form.birthDate')}
          name={at('birthDate')}
          {...DATE_ITEM}
          rules={[
            {
              validator: (_, value: string | undefined) => {
                if (parsed.kind === 'valid' || keptId) return Promise.resolve();
                if ((value ?? '') === '') return reject(t('register.form.birthDateRequired'));
                const problem = dateProblem(value ?? '', today);
                return problem === undefined ? Promise.resolve() : reject(problemText(problem));
              },
            },
          ]}
        >
          <DatePicker style={{ width: '100%' }} disabled={keptId} />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item
          label={t('register.form.phone')}
          name={at('phone')}
          rules={[
            {
              validator: (_, value: string | undefined) => {
                const problem = phoneProblem(value ?? '');
                return problem === undefined ? Promise.resolve() : reject(problemText(problem));
              },
            },
          ]}
        >
          <Input maxLength={30} autoComplete="off" />
        </Form.Item>
      </Col>
      {extra}
      <Col xs={24} md={extra === undefined ? 12 : 8}>
        <Form.Item
          label={t('register.form.tags')}
          name={at('tags')}
          rules={[
            {
              validator: (_, value: string[] | undefined) => {
                const problem = tagsProblem(value ?? []);
                return problem === undefined ? Promise.resolve() : reject(problemText(problem));
              },
            },
          ]}
        >
          <Select
            mode="tags"
            placeholder={t('register.form.tagsPlaceholder')}
            options={RESIDENT_TAG_SUGGESTIONS.map((tag) => ({ value: tag, label: tag }))}
            tokenSeparators={['、', ',', '，']}
          />
        </Form.Item>
      </Col>
      {withStatus === true && (
        <>
          <Col xs={24} md={8}>
            <Form.Item label={t('register.form.status')} name={at('status')}>
              <Select options={choices.statuses} />
            </Form.Item>
          </Col>
          {status !== 'registered' && (
            <Col xs={24} md={8}>
              <Form.Item
                label={t('register.form.statusDate')}
                name={at('statusDate')}
                extra={t('register.form.statusDateHelp')}
                {...DATE_ITEM}
                rules={[
                  {
                    validator: (_, value: string | undefined) => {
                      if ((value ?? '') === '')
                        return reject(t('register.form.statusDateRequired'));
                      const problem = dateProblem(value ?? '', today);
                      return problem === undefined
                        ? Promise.resolve()
                        : reject(problemText(problem));
                    },
                  },
                ]}
              >
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          )}
        </>
      )}
      <Col span={24}>
        <Form.Item label={t('register.form.notes')} name={at('notes')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={4000} />
        </Form.Item>
      </Col>
    </Row>
  );
}
