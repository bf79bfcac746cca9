/**
 * The signed-in session (session.ts's `Session`), plus what the account screens need of it:
 * its health for the header, logout, and the password check of the lock screen.
 *
 * Tokens:
 * - The access token is kept in memory only. `accessToken()` returns it while it is valid
 *   and refreshes shortly before it expires. Concurrent callers share one refresh.
 * - The refresh token rotates on every refresh (the server refuses a replaced one and
 *   ends the session, since it must have been copied). The new one is sealed and stored
 *   before it is handed out, so an offline sign-in tomorrow unseals the latest.
 * - Several tabs of the web shell may hold sessions of the same user: refreshes take a
 *   Web Lock per user and first adopt a newer stored refresh token another tab left.
 *
 * Clocks: a village PC's clock may be far off the server's, so the server's expiry time
 * is only trusted within limits: a token counts as valid for at most ACCESS_MAX_ASSUMED_MS
 * and at least ACCESS_MIN_ASSUMED_MS after it arrived, minus RENEW_MARGIN_MS. If the server
 * still calls a token expired, the caller asks again with `{ renew: true }`.
 *
 * Failures (never thrown): `sync.not-signed-in` when no refresh token is left (opened
 * offline after an online logout, or refused by the server), `sync.server-unreachable` /
 * `sync.server-error` when the server cannot be used now (health 'offline'; try later), an
 * `auth.*` code the server answered (health 'needs-sign-in', or 'device-revoked'). Local
 * data is never touched by any of these; only the user's sign-in record is: a refused
 * refresh token is forgotten, and `auth.user-disabled` forgets the account's offline
 * sign-in on this device altogether (as sign-in.ts does when a sign-in is refused so).
 */
import type { Principal } from '../../../shared/auth/roles.ts';
import { fail, ok, type AppError, type Result } from '../../../shared/errors.ts';
import {
  createIdProtector,
  fromBase64url,
  type IdProtector,
} from '../../../shared/residents/id-protection.ts';
import type { IdKeys, TokenPair } from '../../../shared/sync/protocol.ts';
import {
  readAccount,
  readDevice,
  removeAccount,
  sealSecrets,
  unsealSecrets,
  writeAccount,
  writeDevice,
  type LocalDocumentHost,
} from './account-store.ts';
import { postLogout, postRefresh, type Fetch } from './auth-api.ts';
import { deriveCredentials, verifiersEqual } from './credentials.ts';
import type { Session } from './session.ts';

export const RENEW_MARGIN_MS = 60_000;
export const ACCESS_MIN_ASSUMED_MS = 2 * 60_000;
export const ACCESS_MAX_ASSUMED_MS = 15 * 60_000;

/** What the header shows about the session's standing with the town server. */
export type SessionHealth =
  /** The server accepted this session's tokens. */
  | { readonly kind: 'online' }
  /** Opened offline, or the server could not be reached at the last attempt. */
  | { readonly kind: 'offline'; readonly error?: AppError }
  /** The server refused the session (refresh invalid, revoked, account disabled). */
  | { readonly kind: 'needs-sign-in'; readonly error: AppError }
  /** The township revoked this device. */
  | { readonly kind: 'device-revoked'; readonly error: AppError }
  /** Demo mode: never talks to a server. */
  | { readonly kind: 'demo' };

export interface AccessTokenOptions {
  /** The server refused the last token (auth.token-expired): get a new one regardless. */
  readonly renew?: boolean;
}

export interface AppSession extends Session {
  accessToken(options?: AccessTokenOptions): Promise<Result<string>>;
  health(): SessionHealth;
  /** Calls `listener` after every change of health; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
  /** The lock screen's check: the password against this device's stored verifier. */
  verifyPassword(password: string): Promise<boolean>;
  /**
   * Ends the session: tells the server (best effort) and forgets the secrets in memory.
   * Fails with the reason the server could not be told (the user is signed out locally
   * anyway, and the session ends on the server when its refresh token expires).
   */
  logout(): Promise<Result<null>>;
}

export interface SessionDeps {
  readonly db: LocalDocumentHost;
  readonly fetch: Fetch;
  readonly now: () => number;
  /** navigator.locks where available. */
  readonly locks?: Pick<LockManager, 'request'> | undefined;
}

export interface SessionStart {
  readonly principal: Principal;
  readonly deviceId: string;
  readonly serverUrl: string;
  readonly idKeys: IdKeys | null;
  /** The in-memory key that seals this user's secrets (credentials.ts). */
  readonly wrappingKey: CryptoKey;
  /** Present after an online sign-in; absent after an offline one. */
  readonly tokens?: TokenPair;
  /** The refresh token unsealed at an offline sign-in (null: none left). */
  readonly refreshToken: string | null;
  readonly health: SessionHealth;
}

export function idProtectorOf(keys: IdKeys | null): IdProtector | null {
  if (keys === null) return null;
  const encryptionKey = fromBase64url(keys.encryptionKey);
  const hashKey = fromBase64url(keys.hashKey);
  // parseIdKeys checked both before they were accepted or stored.
  if (encryptionKey === undefined || hashKey === undefined) return null;
  return createIdProtector(globalThis.crypto, { keyId: keys.keyId, encryptionKey, hashKey });
}

/** How long a freshly received access token is used (see the header). */
export function accessValidUntil(receivedAt: number, expiresAt: number): number {
  const lifetime = Math.min(
    ACCESS_MAX_ASSUMED_MS,
    Math.max(ACCESS_MIN_ASSUMED_MS, expiresAt - receivedAt),
  );
  return receivedAt + lifetime - RENEW_MARGIN_MS;
}

export function openAppSession(deps: SessionDeps, start: SessionStart): AppSession {
  const { db, now } = deps;
  const { principal, deviceId, serverUrl, wrappingKey } = start;
  const api = { fetch: deps.fetch, serverUrl, known: { username: principal.username, deviceId } };

  let access: { token: string; validUntil: number } | null =
    start.tokens === undefined
      ? null
      : {
          token: start.tokens.accessToken,
          validUntil: accessValidUntil(now(), start.tokens.accessExpiresAt),
        };
  let refreshToken: string | null = start.tokens?.refreshToken ?? start.refreshToken;
  let health: SessionHealth = start.health;
  let ended = false;
  let refreshing: Promise<Result<string>> | null = null;
  const listeners = new Set<() => void>();

  const setHealth = (next: SessionHealth): void => {
    if (JSON.stringify(next) === JSON.stringify(health)) return;
    health = next;
    for (const listener of [...listeners]) listener();
  };

  /** Re-seals the secrets with `token` as the refresh token. */
  const storeRefreshToken = async (token: string | null): Promise<void> => {
    const record = await readAccount(db, principal.username);
    if (record === undefined || record.principal.userId !== principal.userId) return;
    const secrets = await sealSecrets(wrappingKey, deviceId, principal, {
      refreshToken: token,
      idKeys: start.idKeys,
    });
    await writeAccount(db, {
      ...record,
      secrets,
      onlineAt: token === null ? record.onlineAt : now(),
    });
  };

  /** Forgets this user's offline sign-in on this device (the account was disabled). */
  const forgetAccount = async (): Promise<void> => {
    const record = await readAccount(db, principal.username);
    if (record === undefined || record.principal.userId !== principal.userId) return;
    await removeAccount(db, principal.username);
  };

  /** A newer refresh token another tab stored since we last read ours. */
  const adoptStoredRefreshToken = async (): Promise<void> => {
    const record = await readAccount(db, principal.username);
    if (record === undefined || record.principal.userId !== principal.userId) return;
    const secrets = await unsealSecrets(wrappingKey, deviceId, record);
    if (secrets?.refreshToken != null && secrets.refreshToken !== refreshToken) {
      refreshToken = secrets.refreshToken;
      access = null;
    }
  };

  const refreshOnce = async (): Promise<Result<string>> => {
    await adoptStoredRefreshToken().catch((error: unknown) => {
      console.error('reading the stored refresh token failed', error);
    });
    if (ended) return fail('sync.not-signed-in');
    if (access !== null && now() < access.validUntil) return ok(access.token);
    const presented = refreshToken;
    if (presented === null) return fail('sync.not-signed-in');
    const outcome = await postRefresh(api, presented);
    if (outcome.kind === 'ok') {
      const pair = outcome.value;
      refreshToken = pair.refreshToken;
      access = {
        token: pair.accessToken,
        validUntil: accessValidUntil(now(), pair.accessExpiresAt),
      };
      try {
        await storeRefreshToken(pair.refreshToken);
      } catch (error) {
        // Kept in memory; a later offline sign-in would unseal the replaced token, and the
        // server would then ask for an online sign-in. Nothing is lost but convenience.
        console.error('storing the new refresh token failed', error);
      }
      setHealth({ kind: 'online' });
      return ok(pair.accessToken);
    }
    if (outcome.kind === 'unavailable') {
      setHealth({ kind: 'offline', error: outcome.error });
      return { ok: false, error: outcome.error };
    }
    const { error } = outcome;
    if (!error.code.startsWith('auth.')) return { ok: false, error };
    // The server refused the refresh token: it is dead, here and on disk.
    refreshToken = null;
    access = null;
    const forgotten =
      error.code === 'auth.user-disabled' ? forgetAccount() : storeRefreshToken(null);
    await forgotten.catch((storeError: unknown) => {
      console.error('forgetting the refused refresh token failed', storeError);
    });
    if (error.code === 'auth.device-revoked') {
      await markDeviceRevoked(db, now()).catch((storeError: unknown) => {
        console.error('recording the device revocation failed', storeError);
      });
      setHealth({ kind: 'device-revoked', error });
    } else {
      setHealth({ kind: 'needs-sign-in', error });
    }
    return { ok: false, error };
  };

  const refresh = (): Promise<Result<string>> => {
    if (refreshing !== null) return refreshing;
    const { locks } = deps;
    // The lock callback's promise is awaited by the lock manager (the DOM typings nest it).
    const run: Promise<Result<string>> =
      locks === undefined
        ? refreshOnce()
        : locks
            .request(`village-credit.refresh.${principal.userId}`, () => refreshOnce())
            .then((result) => result);
    const shared = run.finally(() => {
      refreshing = null;
    });
    refreshing = shared;
    return shared;
  };

  const accessToken = (options: AccessTokenOptions = {}): Promise<Result<string>> => {
    if (ended) return Promise.resolve(fail('sync.not-signed-in'));
    if (refreshing !== null) return refreshing;
    if (options.renew === true) access = null;
    if (access !== null && now() < access.validUntil) return Promise.resolve(ok(access.token));
    return refresh();
  };

  return {
    principal,
    deviceId,
    serverUrl,
    idProtector: idProtectorOf(start.idKeys),
    accessToken,
    health: () => health,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    async verifyPassword(password) {
      const record = await readAccount(db, principal.username);
      if (record === undefined || record.principal.userId !== principal.userId) return false;
      const derived = await deriveCredentials(password, record.kdf);
      return verifiersEqual(derived.verifier, record.verifier);
    },
    async logout() {
      if (ended) return ok(null);
      // Only worth telling the server if this session still holds a refresh token.
      let result: Result<null> = ok(null);
      if (refreshToken !== null) {
        const token = await accessToken();
        if (token.ok) {
          const outcome = await postLogout(api, token.value);
          if (outcome.kind === 'ok' || outcome.kind === 'refused') {
            // Ended on the server (a refusal means it had ended already): the stored
            // refresh token is dead.
            await storeRefreshToken(null).catch((error: unknown) => {
              console.error('forgetting the refresh token at logout failed', error);
            });
          } else {
            result = { ok: false, error: outcome.error };
          }
        } else if (
          token.error.code === 'sync.server-unreachable' ||
          token.error.code === 'sync.server-error'
        ) {
          result = { ok: false, error: token.error };
        }
      }
      ended = true;
      access = null;
      refreshToken = null;
      listeners.clear();
      return result;
    },
  };
}

async function markDeviceRevoked(db: LocalDocumentHost, at: number): Promise<void> {
  const device = await readDevice(db);
  if (device !== undefined && device.revokedAt === null) {
    await writeDevice(db, { ...device, revokedAt: at });
  }
}
