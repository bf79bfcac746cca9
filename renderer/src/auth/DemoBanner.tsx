import { Alert, Button, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import { useI18n } from '../i18n/I18nContext.ts';
import { useAuthControls } from './AuthControls.ts';

/** Demo mode's banner, on every screen: this is sample data, with the ways out. */
export function DemoBanner() {
  const { t } = useI18n();
  const controls = useAuthControls();
  const [deleting, setDeleting] = useState(false);
  if (controls.session.demo !== true) return null;
  return (
    <Alert
      banner
      type="warning"
      role="status"
      title={t('account.demo.banner')}
      action={
        <Space>
          <Button size="small" onClick={controls.exitDemo} disabled={deleting}>
            {t('account.demo.exit')}
          </Button>
          <Popconfirm
            title={t('account.demo.delete.confirm')}
            okText={t('account.demo.delete.ok')}
            cancelText={t('account.demo.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => {
              setDeleting(true);
              void controls.deleteDemo().finally(() => {
                setDeleting(false);
              });
            }}
          >
            <Button size="small" danger loading={deleting}>
              {t('account.demo.delete')}
            </Button>
          </Popconfirm>
        </Space>
      }
    />
  );
}
