/**
 * Test support (component tests only): the register module with the session's village
 * ledger around it, as the app mounts them, so a resident's file shows its figures.
 */
import { AppServicesContext } from '../../../app/AppServices.ts';
import { SessionContext, type Session } from '../../../auth/session.ts';
import type { LocalDatabase } from '../../../db/database.ts';
import { I18nProvider } from '../../../i18n/I18nProvider.tsx';
import { ResidentsPage } from '../../residents/ResidentsPage.tsx';
import { fileDialogs, testPort } from '../../residents/RegisterTestApp.tsx';
import { VillageStoresProvider } from '../../../app/VillageStoresProvider.tsx';

export function FiguresTestApp({
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
            <ResidentsPage />
          </VillageStoresProvider>
        </SessionContext.Provider>
      </I18nProvider>
    </AppServicesContext.Provider>
  );
}
