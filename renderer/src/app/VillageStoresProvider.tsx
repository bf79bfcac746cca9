import { useContext, useEffect, useState, type ReactNode } from 'react';
import { SessionContext } from '../auth/session.ts';
import { VillageLedgerContext } from '../features/ledger/VillageLedgerContext.ts';
import { VillageLedgerStore } from '../features/ledger/village-ledger.ts';
import { VillageRegisterContext } from '../features/residents/VillageRegisterContext.ts';
import { VillageRegisterStore } from '../features/residents/village-register.ts';
import { useAppServices } from './AppServices.ts';

interface Stores {
  readonly register: VillageRegisterStore;
  readonly ledger: VillageLedgerStore;
}

/**
 * Holds the signed-in village's register and ledger in memory for the whole session, so
 * every screen shares one copy and opening a screen never reads them again. The register
 * is read first: the resident list is what the clerk waits for, and the ledger's 300,000
 * events of a large village would otherwise compete with it for the page. Township accounts
 * have no village: both contexts stay null.
 */
export function VillageStoresProvider({ children }: { readonly children: ReactNode }) {
  const { db } = useAppServices();
  const session = useContext(SessionContext);
  const villageCode = session?.principal.villageCode ?? null;
  const townshipCode = session?.principal.townshipCode ?? '';
  const [stores, setStores] = useState<Stores | null>(null);

  useEffect(() => {
    if (villageCode === null) return undefined;
    const next: Stores = {
      register: new VillageRegisterStore(db, villageCode),
      ledger: new VillageLedgerStore(db, { villageCode, townshipCode }),
    };
    // The stores follow the database from here; the context values follow them.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setStores(next);
    // The register first; each store shows its own failure as its state.
    const open = async () => {
      await next.register.start();
      await next.ledger.start();
    };
    open().catch((error: unknown) => {
      console.error('the village register or ledger did not open', error);
    });
    return () => {
      setStores((current) => (current === next ? null : current));
      next.register.stop();
      next.ledger.stop();
    };
  }, [db, villageCode, townshipCode]);

  return (
    <VillageRegisterContext.Provider value={stores?.register ?? null}>
      <VillageLedgerContext.Provider value={stores?.ledger ?? null}>
        {children}
      </VillageLedgerContext.Provider>
    </VillageRegisterContext.Provider>
  );
}
