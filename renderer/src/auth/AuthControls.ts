/**
 * What the layout's header and the demo banner may do with the signed-in session. Provided
 * by AuthGate next to SessionContext; features use `useSession()` instead.
 */
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { AppSession, SessionHealth } from './app-session.ts';

export interface AuthControls {
  readonly session: AppSession;
  /** Hides the app behind the lock screen (the session and sync go on). */
  readonly lock: () => void;
  /** Signs out (telling the server when it can) and returns to the sign-in screen. */
  readonly logout: () => Promise<void>;
  readonly lockAfterMinutes: number;
  readonly setLockAfterMinutes: (minutes: number) => Promise<void>;
  /** Demo mode: back to the real database's sign-in screen (reloads the page). */
  readonly exitDemo: () => void;
  /** Demo mode: deletes the demo database, then as exitDemo. */
  readonly deleteDemo: () => Promise<void>;
}

export const AuthControlsContext = createContext<AuthControls | null>(null);

export function useAuthControls(): AuthControls {
  const controls = useContext(AuthControlsContext);
  if (controls === null) throw new Error('useAuthControls must be used inside <AuthGate>');
  return controls;
}

const noSubscription = (): (() => void) => () => undefined;
const noHealth = (): null => null;

/** The session's standing with the town server, re-rendering on change. */
export function useSessionHealth(session: AppSession): SessionHealth;
export function useSessionHealth(session: AppSession | null): SessionHealth | null;
export function useSessionHealth(session: AppSession | null): SessionHealth | null {
  return useSyncExternalStore(
    session === null ? noSubscription : (listener) => session.subscribe(listener),
    session === null ? noHealth : () => session.health(),
  );
}
