import { Alert, Form, Input, Modal, Progress, Space, Typography } from 'antd';
import { useState } from 'react';
import type { Result } from '../../../../shared/errors.ts';
import type { SaveFileOutcome } from '../../../../shared/platform/contract.ts';
import { useI18n } from '../../i18n/I18nContext.ts';
import type { RegisterRow } from './register-data.ts';
import type { ExportProgress } from './useRegisterExport.ts';

interface ExportModalProps {
  readonly rows: readonly RegisterRow[];
  /** Whether full ID numbers are exported (the user may reveal them). */
  readonly full: boolean;
  readonly progress: ExportProgress | null;
  readonly onExport: (
    rows: readonly RegisterRow[],
    purpose: string,
  ) => Promise<Result<SaveFileOutcome>>;
  readonly onClose: () => void;
  readonly onDone: (message: string) => void;
}

/** 导出当前列表: says what is exported (full or masked IDs), asks the purpose, saves the .xlsx. */
export function ExportModal({ rows, full, progress, onExport, onClose, onDone }: ExportModalProps) {
  const { t, describeError } = useI18n();
  const [form] = Form.useForm<{ purpose?: string }>();
  const [failure, setFailure] = useState<string | null>(null);
  const [working, setWorking] = useState(false);

  const submit = async () => {
    setFailure(null);
    let purpose: string;
    try {
      purpose = ((await form.validateFields()).purpose ?? '').trim();
    } catch {
      // antd shows the field's own message under the purpose box.
      return;
    }
    setWorking(true);
    let saved: Awaited<ReturnType<typeof onExport>>;
    try {
      saved = await onExport(rows, purpose);
    } catch (error) {
      // Writing the export's log line failed: nothing was saved; say so and keep the cause.
      console.error('export failed', error);
      setFailure(
        t('register.export.failed', { message: describeError({ code: 'localdb.write-failed' }) }),
      );
      return;
    } finally {
      setWorking(false);
    }
    if (!saved.ok) setFailure(t('register.export.failed', { message: describeError(saved.error) }));
    else if (!saved.value.saved) setFailure(t('register.export.cancelled'));
    else onDone(t('register.export.saved', { count: rows.length, path: saved.value.path }));
  };

  return (
    <Modal
      open
      title={t('register.export.title')}
      okText={t('register.export.confirm')}
      cancelText={t('register.form.cancel')}
      confirmLoading={working}
      mask={{ closable: false }}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph>
          {t('register.export.count', { count: rows.length })}
        </Typography.Paragraph>
        <Alert
          type={full ? 'warning' : 'info'}
          showIcon
          title={full ? t('register.export.full') : t('register.export.masked')}
        />
        <Form form={form} layout="vertical">
          <Form.Item
            label={t('register.export.purpose')}
            name="purpose"
            rules={[
              { required: true, whitespace: true, message: t('register.export.purposeRequired') },
            ]}
          >
            <Input maxLength={200} placeholder={t('register.export.purposePlaceholder')} />
          </Form.Item>
        </Form>
        {progress !== null && (
          <>
            <Typography.Text>{t('register.export.working', { ...progress })}</Typography.Text>
            <Progress
              percent={
                progress.total === 0 ? 100 : Math.floor((progress.done / progress.total) * 100)
              }
            />
          </>
        )}
        {failure !== null && <Alert type="error" showIcon title={failure} />}
      </Space>
    </Modal>
  );
}
