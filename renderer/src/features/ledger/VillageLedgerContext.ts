import { createContext, useContext, useSyncExternalStore } from 'react';
import type { VillageLedgerState, VillageLedgerStore } from './village-ledger.ts';

/** The open village's ledger store; null for township accounts (no village on the device). */
export const VillageLedgerContext = createContext<VillageLedgerStore | null>(null);

const loading: VillageLedgerState = { status: 'loading' };
const noSubscription = (): (() => void) => () => undefined;

/** The village's ledger, re-rendering on every change; 'loading' outside a village. */
export function useVillageLedger(): VillageLedgerState {
  const store = useContext(VillageLedgerContext);
  return useSyncExternalStore(
    store?.subscribe ?? noSubscription,
    store === null ? () => loading : store.snapshot,
  );
}

/** The store itself, for writes that must see the calendar checked first. */
export function useVillageLedgerStore(): VillageLedgerStore | null {
  return useContext(VillageLedgerContext);
}
