/**
 * The signed-in session, as features see it. The account screens (this folder) create it
 * at login, online or offline, and end it at logout (the screen lock only hides the app:
 * the session, and sync, go on underneath); the sync engine takes tokens from it; the register writes `createdBy`/`deviceId` and protects ID numbers with it.
 */
import { createContext, useContext } from 'react';
import type { Principal } from '../../../shared/auth/roles.ts';
import type { IdProtector } from '../../../shared/residents/id-protection.ts';
import type { Result } from '../../../shared/errors.ts';

export interface Session {
  readonly principal: Principal;
  /** This device's id, given by the town server at the device's first login. */
  readonly deviceId: string;
  /** The town server this device is registered with (origin, no trailing slash); '' in demo mode. */
  readonly serverUrl: string;
  /**
   * Encrypts, masks and hashes citizen IDs with the township's keys. Null for roles that
   * never handle ID numbers (the bank liaison).
   */
  readonly idProtector: IdProtector | null;
  /**
   * A valid access token for the town server, refreshed when it is about to expire.
   * Fails with `sync.not-signed-in` when the session was opened offline and no valid
   * refresh token is left (the user must sign in once online), `sync.server-unreachable`
   * when the server cannot be reached (`sync.server-error` when it answers 5xx), or an
   * `auth.*` code the server answered. Pass `{ renew: true }` when the server refused the
   * token just given (`auth.token-expired`: this PC's clock may be off): a new one is
   * fetched even if this one looks valid here.
   */
  accessToken(options?: { readonly renew?: boolean }): Promise<Result<string>>;
  /**
   * True in demo mode (auth/demo.ts): a separate sample database that never syncs; the
   * principal is a demo user and accessToken() always fails with `sync.not-signed-in`.
   * Absent for real sessions.
   */
  readonly demo?: true;
}

export const SessionContext = createContext<Session | null>(null);

/** The current session; only screens shown after login use it. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error('useSession must be used inside <SessionContext>');
  return session;
}

/**
 * Whether the app runs on the demo database (sample data, never synced). The register
 * screens offer to load sample residents when this is true and the database has none.
 */
export function useIsDemo(): boolean {
  return useSession().demo === true;
}
