import { Button, ConfigProvider, Result, Spin } from 'antd';
import antdZhCN from 'antd/locale/zh_CN';
import { useMemo, useState } from 'react';
import type { PlatformPort } from '../../../shared/platform/contract.ts';
import { AuthGate } from '../auth/AuthGate.tsx';
import { SyncProvider } from '../features/sync/SyncProvider.tsx';
import { DEMO_DATABASE_NAME, readDatabaseChoice, type DatabaseChoice } from '../auth/demo.ts';
import { LOCAL_DATABASE_NAME, type LocalDatabase } from '../db/database.ts';
import { I18nProvider } from '../i18n/I18nProvider.tsx';
import { CATALOGUES, errorMessage, formatMessage } from '../i18n/format.ts';
import { AppLayout } from './AppLayout.tsx';
import { AppServicesContext } from './AppServices.ts';
import { useLocalDatabase } from './useLocalDatabase.ts';
import { VillageStoresProvider } from './VillageStoresProvider.tsx';
import { usePreferredLanguage } from './usePreferredLanguage.ts';

interface AppProps {
  readonly port: PlatformPort;
}

// Before the stored language is known, the app speaks its source language, Chinese.
const zh = CATALOGUES['zh-CN'];

function Opening() {
  return (
    <div style={{ display: 'grid', placeItems: 'center', height: '100vh' }}>
      <Spin size="large" description={formatMessage(zh, 'app.loading')}>
        <div style={{ width: 200, height: 80 }} />
      </Spin>
    </div>
  );
}

interface OpenAppProps {
  readonly db: LocalDatabase;
  readonly port: PlatformPort;
  readonly choice: DatabaseChoice;
}

/** The layout only behind a session: AuthGate shows the sign-in screen until there is one. */
function OpenApp({ db, port, choice }: OpenAppProps) {
  const [language, setLanguage] = usePreferredLanguage(db);
  const services = useMemo(() => ({ db, port }), [db, port]);
  if (language === null) return <Opening />;
  return (
    <AppServicesContext.Provider value={services}>
      <I18nProvider language={language} onChangeLanguage={setLanguage}>
        <AuthGate db={db} port={port} choice={choice}>
          <SyncProvider>
            <VillageStoresProvider>
              <AppLayout />
            </VillageStoresProvider>
          </SyncProvider>
        </AuthGate>
      </I18nProvider>
    </AppServicesContext.Provider>
  );
}

export function App({ port }: AppProps) {
  // Fixed for the page's life: entering or leaving demo mode reloads the page (demo.ts).
  const [choice] = useState(() => readDatabaseChoice(window.localStorage));
  const [database, retry] = useLocalDatabase(
    choice === 'demo' ? DEMO_DATABASE_NAME : LOCAL_DATABASE_NAME,
  );
  if (database.status === 'open') return <OpenApp db={database.db} port={port} choice={choice} />;
  return (
    <ConfigProvider locale={antdZhCN}>
      {database.status === 'opening' ? (
        <Opening />
      ) : (
        <Result
          status="error"
          title={formatMessage(zh, 'app.loadFailed.title')}
          subTitle={errorMessage(zh, database.error)}
          extra={
            <Button type="primary" onClick={retry}>
              {formatMessage(zh, 'app.loadFailed.retry')}
            </Button>
          }
        />
      )}
    </ConfigProvider>
  );
}
