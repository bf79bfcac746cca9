import { Alert, Form, Modal, type FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { useI18n } from '../../i18n/I18nContext.ts';
import type { ActionResult } from './register-actions.ts';

interface OperationModalProps<Values> {
  readonly title: string;
  readonly form: FormInstance<Values>;
  readonly initialValues: Partial<Values>;
  /** Runs the operation with the validated values; null when nothing is to be done. */
  readonly run: (values: Values) => Promise<ActionResult<unknown> | null>;
  /** What was done, for the message shown afterwards ('register.ops.what.*' words). */
  readonly done: string;
  readonly onClose: () => void;
  readonly onDone: (message: string) => void;
  readonly width?: number;
  readonly children: ReactNode;
}

/** The frame of a household operation: its form, its refusal (with what to do), its success. */
export function OperationModal<Values extends object>({
  title,
  form,
  initialValues,
  run,
  done,
  onClose,
  onDone,
  width,
  children,
}: OperationModalProps<Values>) {
  const { t, describeError } = useI18n();
  const [failure, setFailure] = useState<string | null>(null);
  const [working, setWorking] = useState(false);

  const submit = async () => {
    setFailure(null);
    try {
      await form.validateFields();
    } catch {
      setFailure(t('register.form.fixProblems'));
      return;
    }
    setWorking(true);
    const result = await run(form.getFieldsValue(true) as Values);
    setWorking(false);
    if (result === null) return;
    if (!result.ok) {
      setFailure(t('register.ops.failed', { message: describeError(result.error) }));
      return;
    }
    onDone(t('register.ops.done', { what: done }));
  };

  return (
    <Modal
      open
      title={title}
      width={width ?? 720}
      okText={t('register.form.save')}
      cancelText={t('register.form.cancel')}
      confirmLoading={working}
      mask={{ closable: false }}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      <Form form={form} layout="vertical" initialValues={initialValues}>
        {children}
        {failure !== null && <Alert type="error" showIcon title={failure} />}
      </Form>
    </Modal>
  );
}
