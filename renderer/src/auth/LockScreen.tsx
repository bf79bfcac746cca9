import { LockOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useId, useState } from 'react';
import type { Principal } from '../../../shared/auth/roles.ts';
import { useI18n } from '../i18n/I18nContext.ts';

/** Wrong passwords the lock screen accepts before it signs the user out. */
export const LOCK_SCREEN_TRIES = 5;

interface LockScreenProps {
  readonly principal: Principal;
  /** True when the password is this user's (checked on this device, offline). */
  readonly onUnlock: (password: string) => Promise<boolean>;
  readonly onSwitchUser: () => void;
  /** After LOCK_SCREEN_TRIES wrong passwords. */
  readonly onTooManyTries: () => void;
}

/**
 * Covers the whole window with an opaque layer (the app underneath is made inert by
 * AuthGate), so nothing of the register shows while the clerk is away.
 */
export function LockScreen({ principal, onUnlock, onSwitchUser, onTooManyTries }: LockScreenProps) {
  const { t } = useI18n();
  const titleId = useId();
  const [form] = Form.useForm<{ password: string }>();
  const [wrong, setWrong] = useState(0);
  const [checking, setChecking] = useState(false);

  const unlock = async ({ password }: { password: string }): Promise<void> => {
    setChecking(true);
    try {
      if (await onUnlock(password)) return;
      const tries = wrong + 1;
      setWrong(tries);
      form.setFieldValue('password', '');
      if (tries >= LOCK_SCREEN_TRIES) onTooManyTries();
    } finally {
      setChecking(false);
    }
  };

  return (
    <div
      role="dialog"
      aria-modal="true"
      aria-labelledby={titleId}
      style={{
        position: 'fixed',
        inset: 0,
        zIndex: 2000,
        background: '#f5f5f5',
        display: 'grid',
        placeItems: 'center',
        padding: 24,
      }}
    >
      <Card style={{ width: 'min(420px, 100%)' }}>
        <Typography.Title id={titleId} level={3} style={{ marginTop: 0 }}>
          <LockOutlined /> {t('account.lock.title')}
        </Typography.Title>
        <Typography.Paragraph>
          {t('account.lock.body', { name: principal.displayName, username: principal.username })}
        </Typography.Paragraph>
        <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => void unlock(v)}>
          <Form.Item
            name="password"
            label={t('account.signIn.password')}
            rules={[{ required: true, message: t('account.signIn.password.required') }]}
          >
            <Input.Password autoComplete="current-password" autoFocus />
          </Form.Item>
          {wrong > 0 && wrong < LOCK_SCREEN_TRIES && (
            <Alert
              role="alert"
              type="error"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('account.lock.wrong', { left: LOCK_SCREEN_TRIES - wrong })}
            />
          )}
          <Space style={{ width: '100%', justifyContent: 'space-between' }}>
            <Button onClick={onSwitchUser} disabled={checking}>
              {t('account.lock.switchUser')}
            </Button>
            <Button type="primary" htmlType="submit" loading={checking}>
              {t('account.lock.unlock')}
            </Button>
          </Space>
        </Form>
      </Card>
    </div>
  );
}
