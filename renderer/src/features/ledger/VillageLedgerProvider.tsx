import { useContext, useEffect, useState, type ReactNode } from 'react';
import { useAppServices } from '../../app/AppServices.ts';
import { SessionContext } from '../../auth/session.ts';
import { VillageLedgerContext } from './VillageLedgerContext.ts';
import { VillageLedgerStore } from './village-ledger.ts';

/**
 * Holds the signed-in village's ledger in memory for the whole session, so the resident
 * file and the ledger screens share one set of figures and opening a screen never rebuilds
 * them. Township accounts have no village: the context stays null.
 */
export function VillageLedgerProvider({ children }: { readonly children: ReactNode }) {
  const { db } = useAppServices();
  const session = useContext(SessionContext);
  const villageCode = session?.principal.villageCode ?? null;
  const townshipCode = session?.principal.townshipCode ?? '';
  const [store, setStore] = useState<VillageLedgerStore | null>(null);

  useEffect(() => {
    if (villageCode === null) return undefined;
    const next = new VillageLedgerStore(db, { villageCode, townshipCode });
    // The store follows the database from here; its context value follows it.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setStore(next);
    next.start().catch((error: unknown) => {
      console.error('the ledger did not open', error);
    });
    return () => {
      setStore((current) => (current === next ? null : current));
      next.stop();
    };
  }, [db, villageCode, townshipCode]);

  return <VillageLedgerContext.Provider value={store}>{children}</VillageLedgerContext.Provider>;
}
