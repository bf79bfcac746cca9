import { createContext, useContext } from 'react';
import { useExternalStore } from '../../app/external-store.ts';
import type { VillageLedgerState, VillageLedgerStore } from './village-ledger.ts';

/** The open village's ledger store; null for township accounts (no village on the device). */
export const VillageLedgerContext = createContext<VillageLedgerStore | null>(null);

const loading: VillageLedgerState = { status: 'loading' };

/** The village's ledger, re-rendering on every change; 'loading' outside a village. */
export function useVillageLedger(): VillageLedgerState {
  return useExternalStore(useContext(VillageLedgerContext), loading);
}

/** The store itself, for writes that must see the calendar checked first. */
export function useVillageLedgerStore(): VillageLedgerStore | null {
  return useContext(VillageLedgerContext);
}
