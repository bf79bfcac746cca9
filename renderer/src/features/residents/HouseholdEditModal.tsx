import { Form } from 'antd';
import type { HouseholdDoc } from '../../../../shared/collections/households.ts';
import { useI18n } from '../../i18n/I18nContext.ts';
import {
  HouseholdDetailsFields,
  householdDetailsOf,
  type HouseholdDetailsValues,
} from './HouseholdDetailsFields.tsx';
import { OperationModal } from './OperationModal.tsx';
import { useRegisterActions } from './useRegisterActions.ts';

interface HouseholdEditModalProps {
  readonly household: HouseholdDoc;
  readonly onClose: () => void;
  readonly onDone: (message: string) => void;
}

/** 修改户信息: number, house number, address, group and tags (members change by the operations). */
export function HouseholdEditModal({ household, onClose, onDone }: HouseholdEditModalProps) {
  const { t } = useI18n();
  const actions = useRegisterActions();
  const [form] = Form.useForm<HouseholdDetailsValues>();
  return (
    <OperationModal<HouseholdDetailsValues>
      title={t('register.form.household.editTitle')}
      form={form}
      width={900}
      initialValues={{
        number: household.householdNo,
        houseNumber: household.houseNo,
        address: household.address,
        groupId: household.groupId,
        tags: [...household.tags],
      }}
      done={t('register.ops.what.editHousehold')}
      onClose={onClose}
      onDone={onDone}
      run={(values) => actions.updateHousehold(household.id, householdDetailsOf(values))}
    >
      <HouseholdDetailsFields currentNumber={household.householdNo} />
    </OperationModal>
  );
}
