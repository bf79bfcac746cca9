import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Divider, Form, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import type { HouseholdDoc, Relation } from '../../../../shared/collections/households.ts';
import { useI18n } from '../../i18n/I18nContext.ts';
import { useChoices, useProblemText } from './form-support.ts';
import {
  HouseholdDetailsFields,
  householdDetailsOf,
  type HouseholdDetailsValues,
} from './HouseholdDetailsFields.tsx';
import type { NewMember } from './register-actions.ts';
import { ResidentFields } from './ResidentFields.tsx';
import { checkResident, residentValuesOf, type ResidentFormValues } from './resident-values.ts';
import { useRegisterActions } from './useRegisterActions.ts';

interface HouseholdFormModalProps {
  readonly open: boolean;
  readonly onClose: () => void;
  readonly onSaved: (household: HouseholdDoc) => void;
}

type MemberValues = ResidentFormValues & { readonly relation?: Relation };

interface HouseholdFormValues extends HouseholdDetailsValues {
  /** Indexed by the member's key (keys of removed members leave holes). */
  readonly members?: (MemberValues | undefined)[];
}

/** 新建户: the household's details and its members, each a new resident, exactly one the head. */
export function HouseholdFormModal({ open, onClose, onSaved }: HouseholdFormModalProps) {
  const { t, describeError } = useI18n();
  const [form] = Form.useForm<HouseholdFormValues>();
  const actions = useRegisterActions();
  const choices = useChoices();
  const problemText = useProblemText();
  const today = actions.today();
  const [keys, setKeys] = useState<number[]>([0]);
  const [nextKey, setNextKey] = useState(1);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const reset = () => {
    form.resetFields();
    setKeys([0]);
    setNextKey(1);
    setFailure(null);
  };

  const submit = async () => {
    setFailure(null);
    try {
      await form.validateFields();
    } catch {
      setFailure(t('register.form.fixProblems'));
      return;
    }
    const values = form.getFieldsValue(true) as HouseholdFormValues;
    const members: NewMember[] = [];
    let bad = false;
    for (const key of keys) {
      const raw = values.members?.[key];
      const checked = checkResident(residentValuesOf(raw), today);
      if (!checked.ok) {
        bad = true;
        form.setFields(
          Object.entries(checked.problems).map(([field, problem]) => ({
            name: ['members', key, field],
            errors: [problemText(problem)],
          })) as Parameters<typeof form.setFields>[0],
        );
      } else if (raw?.relation !== undefined) {
        members.push({ resident: checked.value, relation: raw.relation });
      }
    }
    if (bad) {
      setFailure(t('register.form.fixProblems'));
      return;
    }
    if (members.length === 0) {
      setFailure(t('register.form.household.membersRequired'));
      return;
    }
    setSaving(true);
    const result = await actions.registerHousehold(householdDetailsOf(values), members);
    setSaving(false);
    if (!result.ok) {
      const key = result.member === undefined ? undefined : keys[result.member];
      if (key !== undefined)
        form.setFields([
          { name: ['members', key, 'idNumber'], errors: [describeError(result.error)] },
        ]);
      setFailure(t('register.form.saveFailed', { message: describeError(result.error) }));
      return;
    }
    reset();
    onSaved(result.value);
  };

  return (
    <Modal
      open={open}
      title={t('register.form.household.title')}
      width={1040}
      okText={t('register.form.save')}
      cancelText={t('register.form.cancel')}
      confirmLoading={saving}
      mask={{ closable: false }}
      onOk={() => void submit()}
      onCancel={() => {
        reset();
        onClose();
      }}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ groupId: '', tags: [], members: [{ relation: 'head', tags: [] }] }}
      >
        <HouseholdDetailsFields />
        <Divider titlePlacement="start">{t('register.form.household.members')}</Divider>
        <Typography.Paragraph type="secondary">
          {t('register.form.household.headHint')}
        </Typography.Paragraph>
        {keys.map((key, index) => (
          <Card
            key={key}
            size="small"
            style={{ marginBottom: 12 }}
            title={t('register.form.household.member', { number: index + 1 })}
            data-testid={`member-${String(index + 1)}`}
            extra={
              keys.length > 1 ? (
                <Button
                  type="link"
                  danger
                  onClick={() => {
                    setKeys(keys.filter((k) => k !== key));
                  }}
                >
                  {t('register.form.household.removeMember')}
                </Button>
              ) : null
            }
          >
            <ResidentFields
              path={['members', key]}
              today={today}
              extra={
                <Col xs={24} md={8}>
                  <Form.Item
                    label={t('register.form.relation')}
                    name={['members', key, 'relation']}
                    rules={[{ required: true, message: t('register.form.relationRequired') }]}
                  >
                    <Select options={choices.relations} />
                  </Form.Item>
                </Col>
              }
            />
          </Card>
        ))}
        <Button
          type="dashed"
          block
          icon={<PlusOutlined />}
          onClick={() => {
            setKeys([...keys, nextKey]);
            form.setFieldValue(['members', nextKey], { tags: [] });
            setNextKey(nextKey + 1);
          }}
        >
          {t('register.form.household.addMember')}
        </Button>
        {failure !== null && (
          <Alert type="error" showIcon style={{ marginTop: 16 }} title={failure} />
        )}
      </Form>
    </Modal>
  );
}
