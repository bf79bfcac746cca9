/**
 * Test support (component tests only): the notice tab as the ledger module mounts it, on a
 * real local database, with the village ledger store running on a clock the test turns (a
 * notice period is days long), and the platform port — the Electron boundary — recording
 * what is printed and saved.
 */
import { useMemo, type ReactNode } from 'react';
import { ok } from '../../../../../shared/errors.ts';
import type {
  PlatformPort,
  PrintToPdfRequest,
  SaveFileRequest,
} from '../../../../../shared/platform/contract.ts';
import { AppServicesContext } from '../../../app/AppServices.ts';
import { SessionContext, type Session } from '../../../auth/session.ts';
import type { LocalDatabase } from '../../../db/database.ts';
import { I18nProvider } from '../../../i18n/I18nProvider.tsx';
import { fileDialogs, testPort } from '../../residents/RegisterTestApp.tsx';
import { registerScopeOf, type RegisterScope } from '../../residents/register-scope.ts';
import {
  useVillageRegister,
  VillageRegisterContext,
} from '../../residents/VillageRegisterContext.ts';
import { VillageRegisterStore } from '../../residents/village-register.ts';
import { LedgerScreenContext, type LedgerScreenValue } from '../LedgerScreenContext.ts';
import { useVillageLedger, VillageLedgerContext } from '../VillageLedgerContext.ts';
import { VillageLedgerStore } from '../village-ledger.ts';

/** A clock that stands still until the test moves it on. */
export interface TestClock {
  readonly read: () => Date;
  readonly advanceDays: (days: number) => void;
}

export function testClock(start = new Date()): TestClock {
  let now = start.getTime();
  return {
    read: () => new Date(now),
    advanceDays: (days) => {
      now += days * 86_400_000;
    },
  };
}

/** The ledger store of the test session's village on `clock`, started. */
export async function startLedgerStore(
  db: LocalDatabase,
  session: Session,
  clock: TestClock,
): Promise<VillageLedgerStore> {
  const { villageCode, townshipCode } = session.principal;
  if (villageCode === null) throw new Error('a notice test needs a village session');
  const store = new VillageLedgerStore(db, { villageCode, townshipCode }, clock.read);
  await store.start();
  return store;
}

/** The register store of the test session's village, started. */
export async function startRegisterStore(
  db: LocalDatabase,
  session: Session,
): Promise<VillageRegisterStore> {
  const { villageCode } = session.principal;
  if (villageCode === null) throw new Error('a notice test needs a village session');
  const store = new VillageRegisterStore(db, villageCode);
  await store.start();
  return store;
}

/** What the port was asked to print and save. */
export interface PrintedFiles {
  readonly printed: PrintToPdfRequest[];
  readonly saved: SaveFileRequest[];
}

export function printingPort(): { port: PlatformPort; files: PrintedFiles } {
  const files: PrintedFiles = { printed: [], saved: [] };
  const port: PlatformPort = {
    ...testPort(fileDialogs()),
    printToPdf: (request) => {
      files.printed.push(request);
      return Promise.resolve(ok(new TextEncoder().encode('%PDF-1.7 test')));
    },
    saveFile: (request) => {
      files.saved.push(request);
      return Promise.resolve(ok({ saved: true, path: `/home/village/${request.suggestedName}` }));
    },
  };
  return { port, files };
}

interface ScreenProps {
  readonly scope: RegisterScope;
  readonly store: VillageLedgerStore;
  readonly children: ReactNode;
}

function Screen({ scope, store, children }: ScreenProps) {
  const registerState = useVillageRegister();
  const ledgerState = useVillageLedger();
  const value = useMemo<LedgerScreenValue | null>(
    () =>
      registerState.status === 'ready' && ledgerState.status === 'ready'
        ? { scope, register: registerState.register, ledger: ledgerState.ledger, store }
        : null,
    [scope, registerState, ledgerState, store],
  );
  if (value === null) return <p>loading</p>;
  return <LedgerScreenContext.Provider value={value}>{children}</LedgerScreenContext.Provider>;
}

interface NoticesTestAppProps {
  readonly db: LocalDatabase;
  readonly session: Session;
  readonly store: VillageLedgerStore;
  readonly register: VillageRegisterStore;
  readonly port: PlatformPort;
  readonly children: ReactNode;
}

export function NoticesTestApp({
  db,
  session,
  store,
  register,
  port,
  children,
}: NoticesTestAppProps) {
  const scope = useMemo(() => registerScopeOf(session), [session]);
  if (scope === null) throw new Error('a ledger screen needs a village session');
  return (
    <AppServicesContext.Provider value={{ db, port }}>
      <I18nProvider language="zh-CN" onChangeLanguage={() => Promise.resolve()}>
        <SessionContext.Provider value={session}>
          <VillageRegisterContext.Provider value={register}>
            <VillageLedgerContext.Provider value={store}>
              <Screen scope={scope} store={store}>
                {children}
              </Screen>
            </VillageLedgerContext.Provider>
          </VillageRegisterContext.Provider>
        </SessionContext.Provider>
      </I18nProvider>
    </AppServicesContext.Provider>
  );
}
