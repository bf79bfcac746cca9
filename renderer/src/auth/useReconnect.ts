import { useEffect } from 'react';
import type { AppSession, SessionHealth } from './app-session.ts';

/** How often a session that could not reach the town server tries again. */
export const RECONNECT_INTERVAL_MS = 60_000;

/**
 * While the session is offline (opened offline, or the server was unreachable), asks for
 * an access token every RECONNECT_INTERVAL_MS and when the browser reports the network is
 * back: the first success refreshes the tokens with the stored refresh token and turns the
 * header's status back to online; a refusal turns it to "sign in again". The sync engine
 * asks for tokens too; this keeps the status honest while it is idle.
 */
export function useReconnect(session: AppSession | null, health: SessionHealth | null): void {
  const offline = health?.kind === 'offline';
  useEffect(() => {
    if (session === null || !offline) return undefined;
    const attempt = (): void => {
      void session.accessToken();
    };
    const timer = window.setInterval(attempt, RECONNECT_INTERVAL_MS);
    window.addEventListener('online', attempt);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('online', attempt);
    };
  }, [session, offline]);
}
