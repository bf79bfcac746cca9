import { Checkbox, Divider, Form, Radio } from 'antd';
import type { HouseholdDoc, Relation } from '../../../../shared/collections/households.ts';
import { currentMembers } from '../../../../shared/residents/households.ts';
import { useI18n } from '../../i18n/I18nContext.ts';
import {
  HouseholdDetailsFields,
  householdDetailsOf,
  type HouseholdDetailsValues,
} from './HouseholdDetailsFields.tsx';
import { MemberRelationFields, OperationDateField } from './OperationFields.tsx';
import { OperationModal } from './OperationModal.tsx';
import { useRegister } from './RegisterContext.ts';
import { useRegisterActions } from './useRegisterActions.ts';

interface SplitValues {
  readonly members?: string[];
  readonly head?: string;
  readonly relations?: Record<string, Relation | undefined>;
  readonly household?: HouseholdDetailsValues;
  readonly on: string;
}

interface SplitHouseholdModalProps {
  readonly household: HouseholdDoc;
  readonly onClose: () => void;
  readonly onDone: (message: string) => void;
}

/** 分户: some members (never the head) leave to form a new household with its own head. */
export function SplitHouseholdModal({ household, onClose, onDone }: SplitHouseholdModalProps) {
  const { t } = useI18n();
  const { register } = useRegister();
  const actions = useRegisterActions();
  const [form] = Form.useForm<SplitValues>();
  const chosen = Form.useWatch('members', form) ?? [];
  const head = Form.useWatch('head', form);
  const leavers = currentMembers(household)
    .filter((stint) => stint.residentId !== household.headResidentId)
    .map((stint) => ({
      id: stint.residentId,
      name: register.residentById.get(stint.residentId)?.name ?? stint.residentId,
    }));
  const nameOf = (id: string) => leavers.find((leaver) => leaver.id === id)?.name ?? id;

  return (
    <OperationModal<SplitValues>
      title={t('register.ops.split.title', { household: household.householdNo })}
      form={form}
      width={900}
      initialValues={{
        members: [],
        on: actions.today(),
        household: { groupId: household.groupId, tags: [] },
      }}
      done={t('register.ops.what.split')}
      onClose={onClose}
      onDone={onDone}
      run={(values) => {
        const members = (values.members ?? []).map((residentId) => ({
          residentId,
          relation:
            residentId === values.head
              ? ('head' as const)
              : (values.relations?.[residentId] ?? 'other'),
        }));
        return actions.splitOff(
          household.id,
          householdDetailsOf(values.household),
          members,
          values.on,
        );
      }}
    >
      <Form.Item
        label={t('register.ops.split.members')}
        name="members"
        rules={[
          {
            required: true,
            type: 'array',
            min: 1,
            message: t('register.ops.split.membersRequired'),
          },
        ]}
      >
        <Checkbox.Group
          options={leavers.map((leaver) => ({ value: leaver.id, label: leaver.name }))}
        />
      </Form.Item>
      {chosen.length > 0 && (
        <Form.Item
          label={t('register.ops.split.newHead')}
          name="head"
          rules={[{ required: true, message: t('register.ops.headRequired') }]}
        >
          <Radio.Group options={chosen.map((id) => ({ value: id, label: nameOf(id) }))} />
        </Form.Item>
      )}
      {chosen.filter((id) => id !== head).length > 0 && head !== undefined && (
        <>
          <MemberRelationFields
            title={t('register.ops.split.relations')}
            residentIds={chosen.filter((id) => id !== head)}
          />
        </>
      )}
      <Divider titlePlacement="start">{t('register.ops.split.newHousehold')}</Divider>
      <HouseholdDetailsFields path={['household']} />
      <OperationDateField />
    </OperationModal>
  );
}
