import { Button, ConfigProvider, Result, Spin } from 'antd';
import antdZhCN from 'antd/locale/zh_CN';
import { useMemo } from 'react';
import type { PlatformPort } from '../../../shared/platform/contract.ts';
import type { LocalDatabase } from '../db/database.ts';
import { I18nProvider } from '../i18n/I18nProvider.tsx';
import { CATALOGUES, errorMessage, formatMessage } from '../i18n/format.ts';
import { AppLayout } from './AppLayout.tsx';
import { AppServicesContext } from './AppServices.ts';
import { useLocalDatabase } from './useLocalDatabase.ts';
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

function OpenApp({ db, port }: { readonly db: LocalDatabase; readonly port: PlatformPort }) {
  const [language, setLanguage] = usePreferredLanguage(db);
  const services = useMemo(() => ({ db, port }), [db, port]);
  if (language === null) return <Opening />;
  return (
    <AppServicesContext.Provider value={services}>
      <I18nProvider language={language} onChangeLanguage={setLanguage}>
        <AppLayout />
      </I18nProvider>
    </AppServicesContext.Provider>
  );
}

export function App({ port }: AppProps) {
  const [database, retry] = useLocalDatabase();
  if (database.status === 'open') return <OpenApp db={database.db} port={port} />;
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
