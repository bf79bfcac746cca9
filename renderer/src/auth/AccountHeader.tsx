import {
  CheckOutlined,
  DownOutlined,
  LockOutlined,
  LogoutOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Dropdown, Space, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { useI18n } from '../i18n/I18nContext.ts';
import { LOCK_AFTER_CHOICES } from './account-store.ts';
import type { SessionHealth } from './app-session.ts';
import { useAuthControls, useSessionHealth } from './AuthControls.ts';

function HealthTag({
  health,
  onReconnect,
}: {
  readonly health: SessionHealth;
  readonly onReconnect: () => void;
}) {
  const { t, describeError } = useI18n();
  switch (health.kind) {
    case 'offline':
      return (
        <Space size={4}>
          <Tooltip
            title={
              health.error === undefined
                ? t('account.status.offline.help')
                : `${describeError(health.error)} ${t('account.status.offline.help')}`
            }
          >
            <Tag color="default">{t('account.status.offline')}</Tag>
          </Tooltip>
          <Button type="link" size="small" onClick={onReconnect}>
            {t('account.status.reconnect')}
          </Button>
        </Space>
      );
    case 'needs-sign-in':
      return (
        <Tooltip
          title={t('account.status.needsSignIn.help', { reason: describeError(health.error) })}
        >
          <Tag color="warning">{t('account.status.needsSignIn')}</Tag>
        </Tooltip>
      );
    case 'device-revoked':
      return (
        <Tooltip title={describeError(health.error)}>
          <Tag color="error">{t('account.status.deviceRevoked')}</Tag>
        </Tooltip>
      );
    case 'online':
    case 'demo':
      return null;
  }
}

/**
 * The header's account area: who is signed in (name and role in the user's language), how
 * the session stands with the town server, the screen-lock delay, lock and sign out.
 */
export function AccountHeader() {
  const { t } = useI18n();
  const controls = useAuthControls();
  const { session } = controls;
  const health = useSessionHealth(session);
  const [leaving, setLeaving] = useState(false);
  const { principal } = session;
  const who = t('account.header.user', {
    name: principal.displayName,
    role: t(`account.role.${principal.role}`),
  });

  if (session.demo === true) {
    return (
      <Space aria-label={t('account.header.label')} role="group">
        <UserOutlined />
        <span>{who}</span>
      </Space>
    );
  }

  return (
    <Space aria-label={t('account.header.label')} role="group" wrap>
      <Dropdown
        trigger={['click']}
        menu={{
          selectedKeys: [String(controls.lockAfterMinutes)],
          items: [
            {
              type: 'group',
              label: t('account.lockAfter.label'),
              children: LOCK_AFTER_CHOICES.map((minutes) => ({
                key: String(minutes),
                icon: minutes === controls.lockAfterMinutes ? <CheckOutlined /> : <span />,
                label: t('account.lockAfter.minutes', { minutes }),
              })),
            },
          ],
          onClick: ({ key }) => void controls.setLockAfterMinutes(Number(key)),
        }}
      >
        <Button type="text" icon={<UserOutlined />}>
          {who} <DownOutlined />
        </Button>
      </Dropdown>
      <HealthTag
        health={health}
        onReconnect={() => {
          void session.accessToken();
        }}
      />
      <Button icon={<LockOutlined />} onClick={controls.lock}>
        {t('account.lock.button')}
      </Button>
      <Button
        icon={<LogoutOutlined />}
        loading={leaving}
        onClick={() => {
          setLeaving(true);
          void controls.logout().finally(() => {
            setLeaving(false);
          });
        }}
      >
        {t('account.logout.button')}
      </Button>
    </Space>
  );
}
