import { Col, Form, Radio, Row, Select } from 'antd';
import type { Relation } from '../../../../shared/collections/households.ts';
import type { ResidentDoc } from '../../../../shared/collections/residents.ts';
import { useI18n } from '../../i18n/I18nContext.ts';
import { useChoices } from './form-support.ts';
import {
  HouseholdDetailsFields,
  householdDetailsOf,
  type HouseholdDetailsValues,
} from './HouseholdDetailsFields.tsx';
import { HouseholdSelect } from './HouseholdSelect.tsx';
import { OperationDateField } from './OperationFields.tsx';
import { OperationModal } from './OperationModal.tsx';
import { useRegister } from './RegisterContext.ts';
import { useRegisterActions } from './useRegisterActions.ts';

interface MoveValues {
  readonly mode: 'existing' | 'new';
  readonly to?: string;
  readonly relation?: Relation;
  readonly household?: HouseholdDetailsValues;
  readonly on: string;
}

interface MoveMemberModalProps {
  readonly resident: ResidentDoc;
  readonly onClose: () => void;
  readonly onDone: (message: string) => void;
}

/**
 * 迁往其他户: a member (never the head) moves to an existing household, or to a new one of
 * their own, which is a split with them as its head. The old stint closes on the date.
 */
export function MoveMemberModal({ resident, onClose, onDone }: MoveMemberModalProps) {
  const { t } = useI18n();
  const actions = useRegisterActions();
  const { register } = useRegister();
  const choices = useChoices();
  // A new household stays in the village group of the one the person leaves, unless changed.
  const groupId = register.householdById.get(resident.householdId)?.groupId ?? '';
  const [form] = Form.useForm<MoveValues>();
  const mode: string | undefined = Form.useWatch('mode', form);

  return (
    <OperationModal<MoveValues>
      title={t('register.ops.move.title', { name: resident.name })}
      form={form}
      width={900}
      initialValues={{
        mode: 'existing',
        on: actions.today(),
        household: { groupId, tags: [] },
      }}
      done={t('register.ops.what.move')}
      onClose={onClose}
      onDone={onDone}
      run={(values) =>
        values.mode === 'new'
          ? actions.splitOff(
              resident.householdId,
              householdDetailsOf(values.household),
              [{ residentId: resident.id, relation: 'head' }],
              values.on,
            )
          : actions.moveMember(resident.id, values.to ?? '', values.relation ?? 'other', values.on)
      }
    >
      <Form.Item label={t('register.ops.move.mode')} name="mode">
        <Radio.Group
          options={[
            { value: 'existing', label: t('register.ops.move.existing') },
            { value: 'new', label: t('register.ops.move.new') },
          ]}
        />
      </Form.Item>
      {mode !== 'new' ? (
        <Row gutter={16}>
          <Col xs={24} md={14}>
            <Form.Item
              label={t('register.ops.householdPick')}
              name="to"
              rules={[{ required: true, message: t('register.ops.pickRequired') }]}
            >
              <HouseholdSelect exclude={[resident.householdId]} />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item
              label={t('register.ops.move.relation')}
              name="relation"
              rules={[{ required: true, message: t('register.form.relationRequired') }]}
            >
              <Select options={choices.memberRelations} />
            </Form.Item>
          </Col>
        </Row>
      ) : (
        <HouseholdDetailsFields path={['household']} />
      )}
      <OperationDateField />
    </OperationModal>
  );
}
