import { createContext, useContext } from 'react';
import type { VillageRegister } from './register-data.ts';
import type { RegisterScope } from './register-scope.ts';

/**
 * What every register screen shares while the module is open: whose register it is, the
 * live register, and the purpose last given for opening a file (offered again next time).
 */
export interface RegisterContextValue {
  readonly scope: RegisterScope;
  readonly register: VillageRegister;
  readonly lastPurpose: string;
  readonly rememberPurpose: (purpose: string) => void;
}

export const RegisterContext = createContext<RegisterContextValue | null>(null);

export function useRegister(): RegisterContextValue {
  const value = useContext(RegisterContext);
  if (value === null) throw new Error('useRegister must be used inside <RegisterContext>');
  return value;
}
