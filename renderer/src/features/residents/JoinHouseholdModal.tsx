import { Form, Select } from 'antd';
import type { Relation } from '../../../../shared/collections/households.ts';
import type { ResidentDoc } from '../../../../shared/collections/residents.ts';
import { useI18n } from '../../i18n/I18nContext.ts';
import { useChoices } from './form-support.ts';
import { HouseholdSelect } from './HouseholdSelect.tsx';
import { OperationDateField } from './OperationFields.tsx';
import { OperationModal } from './OperationModal.tsx';
import { useRegisterActions } from './useRegisterActions.ts';

interface JoinValues {
  readonly to?: string;
  readonly relation?: Relation;
  readonly on: string;
}

interface JoinHouseholdModalProps {
  readonly resident: ResidentDoc;
  readonly onClose: () => void;
  readonly onDone: (message: string) => void;
}

/** 加入户: someone in no household (moved back, a former member) joins one. */
export function JoinHouseholdModal({ resident, onClose, onDone }: JoinHouseholdModalProps) {
  const { t } = useI18n();
  const actions = useRegisterActions();
  const choices = useChoices();
  const [form] = Form.useForm<JoinValues>();
  return (
    <OperationModal<JoinValues>
      title={t('register.ops.join.title', { name: resident.name })}
      form={form}
      initialValues={{ on: actions.today() }}
      done={t('register.ops.what.join')}
      onClose={onClose}
      onDone={onDone}
      run={(values) =>
        actions.joinHousehold(resident.id, values.to ?? '', values.relation ?? 'other', values.on)
      }
    >
      <Form.Item
        label={t('register.ops.householdPick')}
        name="to"
        rules={[{ required: true, message: t('register.ops.pickRequired') }]}
      >
        <HouseholdSelect />
      </Form.Item>
      <Form.Item
        label={t('register.ops.move.relation')}
        name="relation"
        rules={[{ required: true, message: t('register.form.relationRequired') }]}
      >
        <Select options={choices.memberRelations} />
      </Form.Item>
      <OperationDateField />
    </OperationModal>
  );
}
