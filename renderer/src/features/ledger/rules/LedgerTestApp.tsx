/**
 * Test support (component tests only): the ledger module as the app mounts it — a real
 * local database, the session, the catalogue and the session-wide ledger store — with the
 * platform port standing in for the Electron boundary.
 */
import { AppServicesContext } from '../../../app/AppServices.ts';
import { SessionContext, type Session } from '../../../auth/session.ts';
import type { LocalDatabase } from '../../../db/database.ts';
import { I18nProvider } from '../../../i18n/I18nProvider.tsx';
import { fileDialogs, testPort } from '../../residents/RegisterTestApp.tsx';
import { LedgerPage } from '../LedgerPage.tsx';
import { VillageStoresProvider } from '../../../app/VillageStoresProvider.tsx';

export function LedgerTestApp({
  db,
  session,
}: {
  readonly db: LocalDatabase;
  readonly session: Session;
}) {
  return (
    <AppServicesContext.Provider value={{ db, port: testPort(fileDialogs()) }}>
      <I18nProvider language="zh-CN" onChangeLanguage={() => Promise.resolve()}>
        <SessionContext.Provider value={session}>
          <VillageStoresProvider>
            <LedgerPage />
          </VillageStoresProvider>
        </SessionContext.Provider>
      </I18nProvider>
    </AppServicesContext.Provider>
  );
}
