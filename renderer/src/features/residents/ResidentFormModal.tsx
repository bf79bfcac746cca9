import { Alert, Col, DatePicker, Form, Modal, Select } from 'antd';
import { useState } from 'react';
import type { HouseholdDoc, Relation } from '../../../../shared/collections/households.ts';
import type { ResidentDoc } from '../../../../shared/collections/residents.ts';
import { useI18n } from '../../i18n/I18nContext.ts';
import { DATE_ITEM, useChoices, useProblemText } from './form-support.ts';
import { ResidentFields } from './ResidentFields.tsx';
import { checkResident, residentValuesOf, type ResidentFormValues } from './resident-values.ts';
import { useRegisterActions } from './useRegisterActions.ts';

export type ResidentFormMode =
  | { readonly kind: 'edit'; readonly resident: ResidentDoc }
  | { readonly kind: 'add'; readonly household: HouseholdDoc };

interface ResidentFormModalProps {
  readonly mode: ResidentFormMode;
  readonly onClose: () => void;
  readonly onSaved: (resident: ResidentDoc) => void;
}

type FormValues = ResidentFormValues & { readonly relation?: Relation; readonly on?: string };

function initialValues(mode: ResidentFormMode, today: string): FormValues {
  if (mode.kind === 'add') return { tags: [], status: 'registered', on: today };
  const { resident } = mode;
  return {
    name: resident.name,
    gender: resident.gender,
    birthDate: resident.birthDate,
    // The stored number is never put back in clear: an empty field keeps it.
    idNumber: '',
    phone: resident.phone,
    status: resident.status,
    statusDate: resident.statusDate ?? '',
    tags: [...resident.tags],
    notes: resident.notes,
  };
}

/** Edits a resident (修改村民信息), or registers a new member of a household (添加成员). */
export function ResidentFormModal({ mode, onClose, onSaved }: ResidentFormModalProps) {
  const { t, describeError } = useI18n();
  const actions = useRegisterActions();
  const choices = useChoices();
  const problemText = useProblemText();
  const today = actions.today();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const existing =
    mode.kind === 'edit' ? { id: mode.resident.id, idMasked: mode.resident.idMasked } : undefined;

  const submit = async () => {
    setFailure(null);
    try {
      await form.validateFields();
    } catch {
      setFailure(t('register.form.fixProblems'));
      return;
    }
    const values = form.getFieldsValue(true) as FormValues;
    const keepId =
      mode.kind === 'edit' && mode.resident.idHash !== '' && (values.idNumber ?? '').trim() === '';
    const checked = checkResident(residentValuesOf(values), today);
    if (!checked.ok) {
      form.setFields(
        Object.entries(checked.problems).map(([field, problem]) => ({
          name: [field],
          errors: [problemText(problem)],
        })) as Parameters<typeof form.setFields>[0],
      );
      setFailure(t('register.form.fixProblems'));
      return;
    }
    setSaving(true);
    const result =
      mode.kind === 'edit'
        ? await actions.updateResident(mode.resident.id, checked.value, keepId)
        : await actions.addNewMember(
            mode.household.id,
            { resident: checked.value, relation: values.relation ?? 'other' },
            values.on ?? today,
          );
    setSaving(false);
    if (!result.ok) {
      setFailure(t('register.form.saveFailed', { message: describeError(result.error) }));
      return;
    }
    onSaved(result.value);
  };

  return (
    <Modal
      open
      title={
        mode.kind === 'edit'
          ? t('register.form.resident.editTitle')
          : t('register.form.resident.addTitle', { household: mode.household.householdNo })
      }
      width={900}
      okText={t('register.form.save')}
      cancelText={t('register.form.cancel')}
      confirmLoading={saving}
      mask={{ closable: false }}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      <Form form={form} layout="vertical" initialValues={initialValues(mode, today)}>
        <ResidentFields
          path={[]}
          today={today}
          {...(existing === undefined ? {} : { existing })}
          withStatus={mode.kind === 'edit'}
          extra={
            mode.kind === 'add' ? (
              <>
                <Col xs={24} md={8}>
                  <Form.Item
                    label={t('register.form.relation')}
                    name="relation"
                    rules={[{ required: true, message: t('register.form.relationRequired') }]}
                  >
                    <Select options={choices.memberRelations} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item label={t('register.form.joinDate')} name="on" {...DATE_ITEM}>
                    <DatePicker style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              </>
            ) : undefined
          }
        />
        {failure !== null && <Alert type="error" showIcon title={failure} />}
      </Form>
    </Modal>
  );
}
