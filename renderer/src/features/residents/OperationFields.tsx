import { DatePicker, Form, Select, Typography } from 'antd';
import { useI18n } from '../../i18n/I18nContext.ts';
import { DATE_ITEM, useChoices } from './form-support.ts';
import { useRegister } from './RegisterContext.ts';

/** The date a household operation takes effect (form field `on`), in every operation. */
export function OperationDateField() {
  const { t } = useI18n();
  return (
    <Form.Item label={t('register.ops.date')} name="on" {...DATE_ITEM} rules={[{ required: true }]}>
      <DatePicker />
    </Form.Item>
  );
}

/**
 * Each named resident's relation to the (new) head, required, in form fields
 * `relations.<residentId>`: used by change of head, merge and split.
 */
export function MemberRelationFields({
  title,
  residentIds,
}: {
  readonly title: string;
  readonly residentIds: readonly string[];
}) {
  const { t } = useI18n();
  const { register } = useRegister();
  const choices = useChoices();
  return (
    <>
      <Typography.Text strong>{title}</Typography.Text>
      {residentIds.map((id) => (
        <Form.Item
          key={id}
          label={register.residentById.get(id)?.name ?? id}
          name={['relations', id]}
          rules={[{ required: true, message: t('register.form.relationRequired') }]}
        >
          <Select style={{ width: 160 }} options={choices.memberRelations} />
        </Form.Item>
      ))}
    </>
  );
}
