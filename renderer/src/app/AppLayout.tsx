import {
  AuditOutlined,
  BankOutlined,
  BookOutlined,
  GiftOutlined,
  PrinterOutlined,
  SettingOutlined,
  SyncOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Layout, Menu, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { AccountHeader } from '../auth/AccountHeader.tsx';
import { DemoBanner } from '../auth/DemoBanner.tsx';
import { LedgerPage } from '../features/ledger/LedgerPage.tsx';
import { ResidentsPage } from '../features/residents/ResidentsPage.tsx';
import { SettingsPage } from '../features/settings/SettingsPage.tsx';
import { SyncPage } from '../features/sync/SyncPage.tsx';
import { SyncStatusBadge } from '../features/sync/SyncStatusBadge.tsx';
import { useI18n } from '../i18n/I18nContext.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { ModuleNotBuilt } from './ModuleNotBuilt.tsx';
import { MODULE_IDS, MODULE_PLAN, MODULE_TITLE, type ModuleId } from './modules.ts';
import { useHashRoute } from './useHashRoute.ts';

const ICONS: { readonly [M in ModuleId]: ReactNode } = {
  residents: <TeamOutlined />,
  ledger: <BookOutlined />,
  redemption: <GiftOutlined />,
  loans: <BankOutlined />,
  commitments: <AuditOutlined />,
  printing: <PrinterOutlined />,
  sync: <SyncOutlined />,
  settings: <SettingOutlined />,
};

function ModulePage({ id }: { readonly id: ModuleId }) {
  if (id === 'settings') return <SettingsPage />;
  if (id === 'residents') return <ResidentsPage />;
  if (id === 'sync') return <SyncPage />;
  if (id === 'ledger') return <LedgerPage />;
  const plan = MODULE_PLAN[id];
  return plan === undefined ? null : <ModuleNotBuilt titleKey={MODULE_TITLE[id]} planKey={plan} />;
}

export function AppLayout() {
  const { t } = useI18n();
  const [current, navigate] = useHashRoute();

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        width={208}
        theme="light"
        breakpoint="lg"
        collapsedWidth={64}
        style={{ borderRight: '1px solid #f0f0f0' }}
      >
        <div
          style={{
            padding: '16px 20px',
            fontWeight: 600,
            fontSize: 16,
            color: '#b7282e',
            whiteSpace: 'nowrap',
            overflow: 'hidden',
          }}
        >
          {t('app.title')}
        </div>
        <nav aria-label={t('nav.label')}>
          <Menu
            mode="inline"
            selectedKeys={[current]}
            items={MODULE_IDS.map((id) => ({
              key: id,
              icon: ICONS[id],
              label: t(MODULE_TITLE[id]),
            }))}
            onClick={({ key }) => {
              const id = MODULE_IDS.find((m) => m === key);
              if (id !== undefined) navigate(id);
            }}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <DemoBanner />
        <Layout.Header
          style={{
            background: '#fff',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            padding: '0 24px',
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          <Typography.Title level={4} style={{ margin: 0, whiteSpace: 'nowrap' }}>
            {t(MODULE_TITLE[current])}
          </Typography.Title>
          <Space size="middle">
            <SyncStatusBadge />
            <LanguageSwitch />
            <AccountHeader />
          </Space>
        </Layout.Header>
        {/* antd's Layout.Content is the page's one <main> landmark. */}
        <Layout.Content style={{ padding: 24 }}>
          <ModulePage id={current} />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
