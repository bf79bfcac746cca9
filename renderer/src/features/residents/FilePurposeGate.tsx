import { Alert, Button, Card, Space, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n/I18nContext.ts';
import { PurposeChooser } from './PurposeChooser.tsx';

interface FilePurposeGateProps {
  readonly name: string;
  readonly lastPurpose: string;
  readonly onOpen: (purpose: string) => Promise<void>;
  readonly onBack: () => void;
}

/** Before a file shows: why it is opened (the view is logged with it). */
export function FilePurposeGate({ name, lastPurpose, onOpen, onBack }: FilePurposeGateProps) {
  const { t, describeError } = useI18n();
  const [purpose, setPurpose] = useState(
    lastPurpose === '' ? t('register.file.purpose.routine') : lastPurpose,
  );
  const [failure, setFailure] = useState<string | null>(null);
  const [opening, setOpening] = useState(false);

  return (
    <Card title={`${t('register.file.purpose.title')} · ${name}`} style={{ maxWidth: 640 }}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary">
          {t('register.file.purpose.body')}
        </Typography.Paragraph>
        <Typography.Text strong>{t('register.file.purpose.label')}</Typography.Text>
        <PurposeChooser initial={lastPurpose} onChange={setPurpose} />
        {failure !== null && <Alert type="error" showIcon title={failure} />}
        <Space>
          <Button
            type="primary"
            loading={opening}
            onClick={() => {
              void (async () => {
                if (purpose.trim() === '') {
                  setFailure(t('register.file.purpose.required'));
                  return;
                }
                setOpening(true);
                try {
                  await onOpen(purpose.trim());
                } catch (error) {
                  // The view is not opened unlogged; the cause goes to the console for support.
                  console.error('logging the file view failed', error);
                  setFailure(describeError({ code: 'localdb.write-failed' }));
                } finally {
                  setOpening(false);
                }
              })();
            }}
          >
            {t('register.file.purpose.open')}
          </Button>
          <Button onClick={onBack}>{t('register.file.back')}</Button>
        </Space>
      </Space>
    </Card>
  );
}
