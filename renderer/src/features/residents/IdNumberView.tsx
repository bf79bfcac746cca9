import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import type { ResidentDoc } from '../../../../shared/collections/residents.ts';
import { useI18n } from '../../i18n/I18nContext.ts';
import { PurposeChooser } from './PurposeChooser.tsx';
import { useRegister } from './RegisterContext.ts';
import { useIdReveal } from './useIdReveal.ts';

/**
 * A resident's ID number: masked (first 4 and last 4), and for the roles allowed a button
 * that reveals it after asking why (the reveal is logged).
 */
export function IdNumberView({ resident }: { readonly resident: ResidentDoc }) {
  const { t } = useI18n();
  const { lastPurpose } = useRegister();
  const id = useIdReveal(resident);
  const [asking, setAsking] = useState(false);
  const [purpose, setPurpose] = useState(
    lastPurpose === '' ? t('register.file.purpose.routine') : lastPurpose,
  );
  const [failure, setFailure] = useState<string | null>(null);
  const [working, setWorking] = useState(false);

  if (resident.idMasked === '')
    return <Typography.Text type="secondary">{t('register.noId')}</Typography.Text>;
  return (
    <Space wrap>
      <Typography.Text code data-testid={id.number === null ? 'masked-id' : 'revealed-id'}>
        {id.number ?? resident.idMasked}
      </Typography.Text>
      {id.number !== null ? (
        <Button size="small" icon={<EyeInvisibleOutlined />} onClick={id.hide}>
          {t('register.reveal.hide')}
        </Button>
      ) : id.allowed ? (
        <Button
          size="small"
          icon={<EyeOutlined />}
          onClick={() => {
            setFailure(null);
            setAsking(true);
          }}
        >
          {t('register.reveal.button')}
        </Button>
      ) : (
        <Typography.Text type="secondary">{t('register.reveal.notAllowed')}</Typography.Text>
      )}
      {asking && (
        <Modal
          open
          title={t('register.reveal.title')}
          okText={t('register.reveal.confirm')}
          cancelText={t('register.form.cancel')}
          confirmLoading={working}
          onCancel={() => {
            setAsking(false);
          }}
          onOk={() => {
            void (async () => {
              if (purpose.trim() === '') {
                setFailure(t('register.file.purpose.required'));
                return;
              }
              setWorking(true);
              const outcome = await id.reveal(purpose.trim());
              setWorking(false);
              if (outcome.ok) setAsking(false);
              else if (outcome.reason === 'unreadable') setFailure(t('register.reveal.unreadable'));
              else if (outcome.reason === 'not-allowed')
                setFailure(t('register.reveal.notAllowed'));
              else
                setFailure(
                  t('register.reveal.failed', { message: t('errors.localdb.write-failed') }),
                );
            })();
          }}
        >
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Paragraph type="secondary">
              {t('register.reveal.body')}
            </Typography.Paragraph>
            <Typography.Text strong>{t('register.file.purpose.label')}</Typography.Text>
            <PurposeChooser initial={lastPurpose} onChange={setPurpose} />
            {failure !== null && <Alert type="error" showIcon title={failure} />}
          </Space>
        </Modal>
      )}
    </Space>
  );
}
