/**
 * Test support (component tests only): the register page with everything it reaches — a
 * real local database, the session, the catalogue — and a platform port that stands in
 * for the native file dialogs (the Electron boundary, the only thing not real here).
 */
import { fail, ok } from '../../../../shared/errors.ts';
import type {
  OpenFileOutcome,
  PlatformPort,
  SaveFileRequest,
} from '../../../../shared/platform/contract.ts';
import { AppServicesContext } from '../../app/AppServices.ts';
import { SessionContext, type Session } from '../../auth/session.ts';
import type { LocalDatabase } from '../../db/database.ts';
import { I18nProvider } from '../../i18n/I18nProvider.tsx';
import { VillageStoresProvider } from '../../app/VillageStoresProvider.tsx';
import { ResidentsPage } from './ResidentsPage.tsx';

export interface FileDialogs {
  /** What the next open dialog answers (a file, or cancelled). */
  next: OpenFileOutcome;
  readonly saved: SaveFileRequest[];
}

export function fileDialogs(): FileDialogs {
  return { next: { opened: false }, saved: [] };
}

export function testPort(dialogs: FileDialogs): PlatformPort {
  return {
    appInfo: () => Promise.resolve(fail('port.unavailable')),
    saveFile: (request) => {
      dialogs.saved.push(request);
      return Promise.resolve(ok({ saved: true, path: request.suggestedName }));
    },
    openFile: () => Promise.resolve(ok(dialogs.next)),
    printToPdf: () => Promise.resolve(fail('port.unavailable')),
    readSecret: () => Promise.resolve(ok(null)),
    writeSecret: () => Promise.resolve(ok(null)),
    deleteSecret: () => Promise.resolve(ok(null)),
  };
}

interface RegisterTestAppProps {
  readonly db: LocalDatabase;
  readonly session: Session;
  readonly dialogs: FileDialogs;
}

export function RegisterTestApp({ db, session, dialogs }: RegisterTestAppProps) {
  return (
    <AppServicesContext.Provider value={{ db, port: testPort(dialogs) }}>
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
