import { Form, Typography } from 'antd';
import type { HouseholdDoc, Relation } from '../../../../shared/collections/households.ts';
import { currentMembers } from '../../../../shared/residents/households.ts';
import { useI18n } from '../../i18n/I18nContext.ts';
import { HouseholdSelect } from './HouseholdSelect.tsx';
import { MemberRelationFields, OperationDateField } from './OperationFields.tsx';
import { OperationModal } from './OperationModal.tsx';
import { useRegister } from './RegisterContext.ts';
import { useRegisterActions } from './useRegisterActions.ts';

interface MergeValues {
  readonly from?: string;
  readonly relations?: Record<string, Relation | undefined>;
  readonly on: string;
}

interface MergeHouseholdModalProps {
  readonly household: HouseholdDoc;
  readonly onClose: () => void;
  readonly onDone: (message: string) => void;
}

/** 合户: another household's members all join this one; that household closes, history kept. */
export function MergeHouseholdModal({ household, onClose, onDone }: MergeHouseholdModalProps) {
  const { t } = useI18n();
  const { register } = useRegister();
  const actions = useRegisterActions();
  const [form] = Form.useForm<MergeValues>();
  const fromId = Form.useWatch('from', form);
  const from = fromId === undefined ? undefined : register.householdById.get(fromId);
  const joining = from === undefined ? [] : currentMembers(from);

  return (
    <OperationModal<MergeValues>
      title={t('register.ops.merge.title', { household: household.householdNo })}
      form={form}
      initialValues={{ on: actions.today() }}
      done={t('register.ops.what.merge')}
      onClose={onClose}
      onDone={onDone}
      run={(values) =>
        actions.mergeInto(
          household.id,
          values.from ?? '',
          joining.map((stint) => ({
            residentId: stint.residentId,
            relation: values.relations?.[stint.residentId] ?? 'other',
          })),
          values.on,
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('register.ops.merge.help')}</Typography.Paragraph>
      <Form.Item
        label={t('register.ops.merge.from')}
        name="from"
        rules={[{ required: true, message: t('register.ops.pickRequired') }]}
      >
        <HouseholdSelect exclude={[household.id]} />
      </Form.Item>
      {joining.length > 0 && (
        <>
          <MemberRelationFields
            title={t('register.ops.merge.relations')}
            residentIds={joining.map((stint) => stint.residentId)}
          />
        </>
      )}
      <OperationDateField />
    </OperationModal>
  );
}
