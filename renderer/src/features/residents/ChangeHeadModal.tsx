import { Form, Select, Typography } from 'antd';
import type { HouseholdDoc, Relation } from '../../../../shared/collections/households.ts';
import { currentMembers } from '../../../../shared/residents/households.ts';
import { useI18n } from '../../i18n/I18nContext.ts';
import { MemberRelationFields, OperationDateField } from './OperationFields.tsx';
import { OperationModal } from './OperationModal.tsx';
import { useRegister } from './RegisterContext.ts';
import { useRegisterActions } from './useRegisterActions.ts';

interface ChangeHeadValues {
  readonly head?: string;
  readonly relations?: Record<string, Relation | undefined>;
  readonly on: string;
}

interface ChangeHeadModalProps {
  readonly household: HouseholdDoc;
  readonly onClose: () => void;
  readonly onDone: (message: string) => void;
}

/** 变更户主: another member becomes the head; everyone's relation to the new head is confirmed. */
export function ChangeHeadModal({ household, onClose, onDone }: ChangeHeadModalProps) {
  const { t } = useI18n();
  const { register } = useRegister();
  const actions = useRegisterActions();
  const [form] = Form.useForm<ChangeHeadValues>();
  const head = Form.useWatch('head', form);
  const members = currentMembers(household);
  const nameOf = (id: string) => register.residentById.get(id)?.name ?? id;
  const candidates = members.filter((stint) => stint.residentId !== household.headResidentId);
  // Members keep their relation unless changed here; the old head needs a new one.
  const relations = Object.fromEntries(
    members
      .filter((stint) => stint.relation !== 'head')
      .map((stint) => [stint.residentId, stint.relation] as const),
  );

  return (
    <OperationModal<ChangeHeadValues>
      title={t('register.ops.changeHead.title', { household: household.householdNo })}
      form={form}
      initialValues={{ on: actions.today(), relations }}
      done={t('register.ops.what.changeHead')}
      onClose={onClose}
      onDone={onDone}
      run={(values) =>
        actions.changeHeadOf(
          household.id,
          values.head ?? '',
          members
            .filter((stint) => stint.residentId !== values.head)
            .map((stint) => ({
              residentId: stint.residentId,
              relation: values.relations?.[stint.residentId] ?? 'other',
            })),
          values.on,
        )
      }
    >
      <Typography.Paragraph type="secondary">
        {t('register.ops.changeHead.help')}
      </Typography.Paragraph>
      <Form.Item
        label={t('register.ops.changeHead.newHead')}
        name="head"
        rules={[{ required: true, message: t('register.ops.headRequired') }]}
      >
        <Select
          options={candidates.map((stint) => ({
            value: stint.residentId,
            label: nameOf(stint.residentId),
          }))}
        />
      </Form.Item>
      {head !== undefined && (
        <>
          <MemberRelationFields
            title={t('register.ops.changeHead.relations')}
            residentIds={members.map((stint) => stint.residentId).filter((id) => id !== head)}
          />
        </>
      )}
      <OperationDateField />
    </OperationModal>
  );
}
