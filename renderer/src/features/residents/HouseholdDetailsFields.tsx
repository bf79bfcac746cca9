import { Button, Col, Divider, Form, Input, Row, Select, Space } from 'antd';
import { useMemo, useState } from 'react';
import { useI18n } from '../../i18n/I18nContext.ts';
import { HOUSEHOLD_TAG_SUGGESTIONS } from './form-support.ts';
import { useRegister } from './RegisterContext.ts';
import { useRegisterActions } from './useRegisterActions.ts';

interface HouseholdDetailsFieldsProps {
  /** Where the details sit in the form ([] at the root, ['household'] nested). */
  readonly path?: readonly string[];
  /** The household's own number when editing it (not a duplicate of itself). */
  readonly currentNumber?: string;
}

export interface HouseholdDetailsValues {
  readonly number?: string;
  readonly houseNumber?: string;
  readonly address?: string;
  readonly groupId?: string;
  readonly tags?: string[];
}

export function householdDetailsOf(values: HouseholdDetailsValues | undefined) {
  return {
    number: (values?.number ?? '').trim(),
    houseNumber: values?.houseNumber ?? '',
    address: values?.address ?? '',
    groupId: values?.groupId ?? '',
    tags: values?.tags ?? [],
  };
}

/**
 * 户编号 (required, unique in the village), 门牌号, 地址, 村民小组 (a new group can be
 * created from the list) and household tags.
 */
export function HouseholdDetailsFields({ path = [], currentNumber }: HouseholdDetailsFieldsProps) {
  const { t, describeError } = useI18n();
  const { register } = useRegister();
  const actions = useRegisterActions();
  const form = Form.useFormInstance();
  const [newGroup, setNewGroup] = useState('');
  const [groupError, setGroupError] = useState<string | null>(null);
  const at = (field: string) => [...path, field];

  const groupOptions = useMemo(
    () => [
      { value: '', label: t('register.form.household.groupNone') },
      ...register.groups
        .filter((group) => group.status === 'active')
        .map((group) => ({ value: group.id, label: group.name })),
    ],
    [register.groups, t],
  );

  const addGroup = async () => {
    const name = newGroup.trim();
    if (name === '') return;
    const existing = register.groups.find((group) => group.name === name);
    if (existing !== undefined) {
      form.setFieldValue(at('groupId'), existing.id);
      setNewGroup('');
      return;
    }
    const created = await actions.createGroup(name);
    if (!created.ok) setGroupError(describeError(created.error));
    else if (created.value !== undefined) {
      form.setFieldValue(at('groupId'), created.value.id);
      setNewGroup('');
      setGroupError(null);
    }
  };

  return (
    <Row gutter={16}>
      <Col xs={24} md={6}>
        <Form.Item
          label={t('register.form.household.number')}
          name={at('number')}
          extra={t('register.form.household.numberHelp')}
          validateDebounce={200}
          rules={[
            {
              validator: async (_, value: string | undefined) => {
                const number = (value ?? '').trim();
                if (number === '') throw new Error(t('register.form.household.numberRequired'));
                if (number.length > 32) throw new Error(t('register.form.household.numberTooLong'));
                if (number !== currentNumber && (await actions.numberTaken(number)))
                  throw new Error(
                    describeError({
                      code: 'household.number-duplicate',
                      params: { value: number },
                    }),
                  );
              },
            },
          ]}
        >
          <Input maxLength={32} autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={24} md={6}>
        <Form.Item label={t('register.form.household.houseNo')} name={at('houseNumber')}>
          <Input maxLength={32} autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item label={t('register.form.household.address')} name={at('address')}>
          <Input maxLength={200} autoComplete="off" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          label={t('register.form.household.group')}
          name={at('groupId')}
          {...(groupError === null ? {} : { help: groupError, validateStatus: 'error' as const })}
        >
          <Select
            options={groupOptions}
            popupRender={(menu) => (
              <>
                {menu}
                <Divider style={{ margin: '8px 0' }} />
                <Space style={{ padding: '0 8px 4px' }}>
                  <Input
                    placeholder={t('register.form.household.newGroupPlaceholder')}
                    value={newGroup}
                    maxLength={50}
                    onChange={(event) => {
                      setNewGroup(event.target.value);
                    }}
                    onKeyDown={(event) => {
                      event.stopPropagation();
                    }}
                  />
                  <Button onClick={() => void addGroup()}>
                    {t('register.form.household.newGroupAdd')}
                  </Button>
                </Space>
              </>
            )}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item label={t('register.form.household.tags')} name={at('tags')}>
          <Select
            mode="tags"
            placeholder={t('register.form.household.tagsPlaceholder')}
            options={HOUSEHOLD_TAG_SUGGESTIONS.map((tag) => ({ value: tag, label: tag }))}
            tokenSeparators={['、', ',', '，']}
          />
        </Form.Item>
      </Col>
    </Row>
  );
}
