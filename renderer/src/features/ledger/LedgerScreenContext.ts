import { createContext, useContext } from 'react';
import type { VillageRegister } from '../residents/register-data.ts';
import type { RegisterScope } from '../residents/register-scope.ts';
import type { VillageLedger } from './village-ledger.ts';
import type { VillageLedgerStore } from './village-ledger.ts';

/**
 * What every ledger screen shares while the module is open: who works on which village,
 * the live register (names, households, groups) and the live ledger with its figures.
 */
export interface LedgerScreenValue {
  readonly scope: RegisterScope;
  readonly register: VillageRegister;
  readonly ledger: VillageLedger;
  readonly store: VillageLedgerStore;
}

export const LedgerScreenContext = createContext<LedgerScreenValue | null>(null);

export function useLedgerScreen(): LedgerScreenValue {
  const value = useContext(LedgerScreenContext);
  if (value === null) throw new Error('useLedgerScreen must be used inside <LedgerScreenContext>');
  return value;
}
