import { CloudServerOutlined, ExperimentOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Divider, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import type { AppError } from '../../../shared/errors.ts';
import { httpOrigin } from '../../../shared/platform/csp.ts';
import { LanguageSwitch } from '../app/LanguageSwitch.tsx';
import { useI18n } from '../i18n/I18nContext.ts';
import type { DeviceRecord } from './account-store.ts';

export interface SignInValues {
  /** The town server's origin. */
  readonly serverUrl: string;
  readonly username: string;
  readonly password: string;
  readonly deviceName?: string;
}

interface SignInPageProps {
  /** This device's registration; undefined before its first sign-in. */
  readonly device: DeviceRecord | undefined;
  /** The server the app is configured for (the only one its CSP lets it reach). */
  readonly configuredServerUrl: string | null;
  /** Resolves with the reason it failed, or null once signed in. */
  readonly onSubmit: (values: SignInValues) => Promise<AppError | null>;
  readonly onDemo: () => void;
}

interface FormValues {
  readonly serverUrl?: string;
  readonly username: string;
  readonly password: string;
  readonly deviceName?: string;
}

const EXAMPLE_SERVER = 'https://credit.example.cn';

function originOf(url: string): string | undefined {
  try {
    return httpOrigin(url);
  } catch {
    return undefined;
  }
}

/**
 * The first screen: sign in to the town server (or offline, see sign-in.ts), or try the app
 * on sample data. The server address is asked only before the device's first sign-in;
 * afterwards it is the one the device registered with, shown read-only.
 */
export function SignInPage({ device, configuredServerUrl, onSubmit, onDemo }: SignInPageProps) {
  const { t, describeError } = useI18n();
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<AppError | null>(null);
  const [working, setWorking] = useState(false);
  const configured = configuredServerUrl === null ? undefined : originOf(configuredServerUrl);

  const submit = async (values: FormValues): Promise<void> => {
    setWorking(true);
    setError(null);
    try {
      const failure = await onSubmit({
        serverUrl: device?.serverUrl ?? originOf(values.serverUrl ?? '') ?? '',
        username: values.username,
        password: values.password,
        ...(values.deviceName === undefined ? {} : { deviceName: values.deviceName }),
      });
      if (failure !== null) {
        setError(failure);
        form.setFieldValue('password', '');
      }
    } finally {
      setWorking(false);
    }
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'grid',
        placeItems: 'center',
        background: '#f5f5f5',
        padding: 24,
      }}
    >
      <div style={{ position: 'fixed', top: 16, right: 24 }}>
        <LanguageSwitch />
      </div>
      <Card style={{ width: 'min(440px, 100%)' }}>
        <Typography.Title level={3} style={{ marginTop: 0, color: '#b7282e' }}>
          {t('app.title')}
        </Typography.Title>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('account.signIn.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('account.signIn.subtitle')}</Typography.Paragraph>

        {device !== undefined && (
          <Typography.Paragraph>
            <CloudServerOutlined />{' '}
            {t('account.signIn.server.registered', {
              url: device.serverUrl,
              device: device.deviceName,
            })}
          </Typography.Paragraph>
        )}
        {device !== undefined && configured !== undefined && configured !== device.serverUrl && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('account.signIn.server.mismatch', {
              url: device.serverUrl,
              configured,
            })}
          />
        )}
        {device?.revokedAt != null && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('account.signIn.deviceRevoked')}
          />
        )}

        <Form<FormValues>
          form={form}
          layout="vertical"
          requiredMark={false}
          disabled={working}
          onFinish={(values) => void submit(values)}
          initialValues={{ serverUrl: configuredServerUrl ?? '' }}
        >
          {device === undefined && (
            <Form.Item
              name="serverUrl"
              label={t('account.signIn.server')}
              extra={t('account.signIn.server.help')}
              rules={[
                {
                  validator: (_rule, value: unknown) => {
                    const origin = typeof value === 'string' ? originOf(value) : undefined;
                    if (origin === undefined) {
                      return Promise.reject(
                        new Error(t('account.signIn.server.invalid', { example: EXAMPLE_SERVER })),
                      );
                    }
                    if (configured !== undefined && origin !== configured) {
                      return Promise.reject(
                        new Error(t('account.signIn.server.notConfigured', { configured })),
                      );
                    }
                    return Promise.resolve();
                  },
                },
              ]}
            >
              <Input autoComplete="url" inputMode="url" spellCheck={false} />
            </Form.Item>
          )}
          <Form.Item
            name="username"
            label={t('account.signIn.username')}
            rules={[
              { required: true, whitespace: true, message: t('account.signIn.username.required') },
            ]}
          >
            <Input autoComplete="username" autoCapitalize="off" spellCheck={false} autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('account.signIn.password')}
            rules={[{ required: true, message: t('account.signIn.password.required') }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          {device === undefined && (
            <Form.Item
              name="deviceName"
              label={t('account.signIn.deviceName')}
              extra={t('account.signIn.deviceName.help')}
            >
              <Input placeholder={t('account.signIn.deviceName.placeholder')} maxLength={60} />
            </Form.Item>
          )}
          {error !== null && (
            <Alert
              role="alert"
              type="error"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('account.signIn.failed')}
              description={describeError(error)}
            />
          )}
          <Button type="primary" htmlType="submit" block size="large" loading={working}>
            {t('account.signIn.submit')}
          </Button>
        </Form>

        <Divider />
        <Button block icon={<ExperimentOutlined />} onClick={onDemo} disabled={working}>
          {t('account.signIn.demo')}
        </Button>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('account.signIn.demo.help')}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
