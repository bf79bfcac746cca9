/**
 * Test support (component tests only): one ledger screen as the ledger module mounts it — a
 * real local database, the session, the catalogue, the session-wide ledger store, the live
 * register and the ledger screen's context — with the platform port standing in for the
 * Electron boundary. `onLedger` hands each new ledger snapshot to the test, so it can read
 * the figures the screens read.
 */
import { useEffect, useMemo, type ReactNode } from 'react';
import { AppServicesContext } from '../../../app/AppServices.ts';
import { SessionContext, type Session } from '../../../auth/session.ts';
import type { LocalDatabase } from '../../../db/database.ts';
import { I18nProvider } from '../../../i18n/I18nProvider.tsx';
import { fileDialogs, testPort } from '../../residents/RegisterTestApp.tsx';
import { registerScopeOf, type RegisterScope } from '../../residents/register-scope.ts';
import { useVillageRegister } from '../../residents/VillageRegisterContext.ts';
import { LedgerScreenContext, type LedgerScreenValue } from '../LedgerScreenContext.ts';
import { useVillageLedger, useVillageLedgerStore } from '../VillageLedgerContext.ts';
import { VillageStoresProvider } from '../../../app/VillageStoresProvider.tsx';
import type { VillageLedger } from '../village-ledger.ts';

interface LedgerScreenTestAppProps {
  readonly db: LocalDatabase;
  readonly session: Session;
  readonly onLedger?: (ledger: VillageLedger) => void;
  readonly children: ReactNode;
}

function Screen({
  scope,
  onLedger,
  children,
}: {
  readonly scope: RegisterScope;
  readonly onLedger: ((ledger: VillageLedger) => void) | undefined;
  readonly children: ReactNode;
}) {
  const registerState = useVillageRegister();
  const ledgerState = useVillageLedger();
  const store = useVillageLedgerStore();
  const value = useMemo<LedgerScreenValue | null>(
    () =>
      registerState.status === 'ready' && ledgerState.status === 'ready' && store !== null
        ? { scope, register: registerState.register, ledger: ledgerState.ledger, store }
        : null,
    [scope, registerState, ledgerState, store],
  );
  useEffect(() => {
    if (ledgerState.status === 'ready') onLedger?.(ledgerState.ledger);
  }, [ledgerState, onLedger]);
  if (value === null) return <p>loading</p>;
  return <LedgerScreenContext.Provider value={value}>{children}</LedgerScreenContext.Provider>;
}

export function LedgerScreenTestApp({ db, session, onLedger, children }: LedgerScreenTestAppProps) {
  const scope = useMemo(() => registerScopeOf(session), [session]);
  if (scope === null) throw new Error('a ledger screen needs a village session');
  return (
    <AppServicesContext.Provider value={{ db, port: testPort(fileDialogs()) }}>
      <I18nProvider language="zh-CN" onChangeLanguage={() => Promise.resolve()}>
        <SessionContext.Provider value={session}>
          <VillageStoresProvider>
            <Screen scope={scope} onLedger={onLedger}>
              {children}
            </Screen>
          </VillageStoresProvider>
        </SessionContext.Provider>
      </I18nProvider>
    </AppServicesContext.Provider>
  );
}
