import { createContext, useContext } from 'react';
import { useExternalStore } from '../../app/external-store.ts';
import type { VillageRegisterState, VillageRegisterStore } from './village-register.ts';

/** The open village's register store; null for township accounts (no village on the device). */
export const VillageRegisterContext = createContext<VillageRegisterStore | null>(null);

const loading: VillageRegisterState = { status: 'loading' };

/** The village's residents, households and groups, re-rendering on every change. */
export function useVillageRegister(): VillageRegisterState {
  return useExternalStore(useContext(VillageRegisterContext), loading);
}
