import { createContext, useContext, useSyncExternalStore } from 'react';
import type { VillageRegisterState, VillageRegisterStore } from './village-register.ts';

/** The open village's register store; null for township accounts (no village on the device). */
export const VillageRegisterContext = createContext<VillageRegisterStore | null>(null);

const loading: VillageRegisterState = { status: 'loading' };
const noSubscription = (): (() => void) => () => undefined;

/** The village's residents, households and groups, re-rendering on every change. */
export function useVillageRegister(): VillageRegisterState {
  const store = useContext(VillageRegisterContext);
  return useSyncExternalStore(
    store?.subscribe ?? noSubscription,
    store === null ? () => loading : store.snapshot,
  );
}
