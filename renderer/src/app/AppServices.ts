import { createContext, useContext } from 'react';
import type { PlatformPort } from '../../../shared/platform/contract.ts';
import type { LocalDatabase } from '../db/database.ts';

/** What feature hooks reach: the local database and the platform port. Components never do. */
export interface AppServices {
  readonly db: LocalDatabase;
  readonly port: PlatformPort;
}

export const AppServicesContext = createContext<AppServices | null>(null);

export function useAppServices(): AppServices {
  const services = useContext(AppServicesContext);
  if (services === null) throw new Error('useAppServices must be used inside <AppServicesContext>');
  return services;
}
