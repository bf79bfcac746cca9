import { Alert, Button, Card, Descriptions, Flex, Space, Table, Typography } from 'antd';
import { COLLECTION_NAMES } from '../../../../shared/collections/plan.ts';
import { LanguageSwitch } from '../../app/LanguageSwitch.tsx';
import { useI18n } from '../../i18n/I18nContext.ts';
import { useAppInfo } from './useAppInfo.ts';
import { useLocalCounts } from './useLocalCounts.ts';
import { useLocalDatabaseName } from './useLocalDatabaseName.ts';
import { usePrintTestPage } from './usePrintTestPage.ts';

export function SettingsPage() {
  const { t, describeError } = useI18n();
  const appInfo = useAppInfo();
  const counts = useLocalCounts();
  const databaseName = useLocalDatabaseName();
  const [printState, printTestPage] = usePrintTestPage();

  return (
    <Flex vertical gap={16} style={{ maxWidth: 880 }}>
      <Card title={t('language.label')}>
        <Space orientation="vertical">
          <LanguageSwitch />
          <Typography.Text type="secondary">{t('settings.language.help')}</Typography.Text>
        </Space>
      </Card>

      <Card title={t('settings.about.title')}>
        {appInfo.status === 'failed' ? (
          <Alert
            type="error"
            showIcon
            title={t('settings.about.unavailable', { message: describeError(appInfo.error) })}
          />
        ) : (
          <Descriptions column={1} bordered size="small" data-testid="about">
            <Descriptions.Item label={t('settings.about.product')}>
              {appInfo.status === 'ready' ? appInfo.info.productName : '…'}
            </Descriptions.Item>
            <Descriptions.Item label={t('settings.about.version')}>
              {appInfo.status === 'ready' ? appInfo.info.version : '…'}
            </Descriptions.Item>
            <Descriptions.Item label={t('settings.about.shell')}>
              {appInfo.status === 'ready' ? t(`settings.about.shell.${appInfo.info.shell}`) : '…'}
            </Descriptions.Item>
            <Descriptions.Item label={t('settings.about.platform')}>
              {appInfo.status === 'ready' ? appInfo.info.platform : '…'}
            </Descriptions.Item>
            <Descriptions.Item label={t('settings.about.townServer')}>
              {appInfo.status === 'ready' ? appInfo.info.townServerUrl : '…'}
            </Descriptions.Item>
          </Descriptions>
        )}
      </Card>

      <Card title={t('settings.localData.title')}>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t('settings.localData.help')}</Typography.Text>
          <Table
            size="small"
            pagination={false}
            loading={counts === null}
            rowKey="name"
            data-testid="local-counts"
            dataSource={COLLECTION_NAMES.map((name) => ({
              name,
              label: t(`collection.${name}`),
              count: counts?.[name] ?? 0,
            }))}
            columns={[
              { title: t('settings.localData.collection'), dataIndex: 'label' },
              { title: t('settings.localData.count'), dataIndex: 'count', align: 'right' },
            ]}
          />
          <Typography.Text type="secondary">
            {t('settings.localData.storage', { name: databaseName })}
          </Typography.Text>
        </Space>
      </Card>

      <Card title={t('settings.print.title')}>
        <Space orientation="vertical">
          <Typography.Text type="secondary">{t('settings.print.help')}</Typography.Text>
          <Button
            type="primary"
            loading={printState.status === 'working'}
            onClick={() => void printTestPage()}
          >
            {printState.status === 'working'
              ? t('settings.print.working')
              : t('settings.print.button')}
          </Button>
          {printState.status === 'saved' && (
            <Alert
              type="success"
              showIcon
              title={t('settings.print.saved', { path: printState.path })}
            />
          )}
          {printState.status === 'cancelled' && (
            <Alert type="info" showIcon title={t('settings.print.cancelled')} />
          )}
          {printState.status === 'failed' && (
            <Alert
              type="error"
              showIcon
              title={t('settings.print.failed', { message: describeError(printState.error) })}
            />
          )}
        </Space>
      </Card>
    </Flex>
  );
}
