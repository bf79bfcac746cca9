/**
 * Signing in, online or offline (issue 4):
 *
 * 1. Always ask the town server first (with this device's id once it has one). If it
 *    answers yes: on the device's first sign-in, register the device (`auth.device`); then
 *    (re)write the user's account record — a new salt, the verifier of the password just
 *    accepted, the new refresh token and the ID keys sealed under the password — and open
 *    an online session.
 * 2. If it answers no (a coded refusal), that is the answer: no offline attempt. Three
 *    refusals also teach the device something: `auth.device-revoked` marks the device
 *    revoked (offline sign-ins stop too); `auth.credentials-invalid` for a password that
 *    the stored verifier still accepts means the password was changed on the server, so
 *    the stale offline sign-in is forgotten; `auth.user-disabled` (only ever said after the
 *    right password) forgets the account's offline sign-in, so a disabled account cannot
 *    go on signing in here offline.
 * 3. If it cannot be reached (network, timeout, 5xx), a user who has signed in online on
 *    this device before signs in against the stored verifier; the secrets are unsealed and
 *    the session refreshes its tokens once the server is back. A user never seen here gets
 *    `auth.server-needed`; a device that was never registered `auth.server-unreachable`.
 */
import { normalizeUsername } from '../../../shared/auth/roles.ts';
import { fail, ok, type AppError, type Result } from '../../../shared/errors.ts';
import {
  readAccount,
  readDevice,
  removeAccount,
  sealSecrets,
  unsealSecrets,
  writeAccount,
  writeDevice,
  type DeviceRecord,
  type LocalDocumentHost,
} from './account-store.ts';
import { openAppSession, type AppSession, type SessionDeps } from './app-session.ts';
import { postLogin } from './auth-api.ts';
import {
  deriveCredentials,
  newCredentials,
  PBKDF2_ITERATIONS,
  verifiersEqual,
} from './credentials.ts';

export interface SignInInput {
  /** The town server's origin; used only while the device is not yet registered. */
  readonly serverUrl: string;
  readonly username: string;
  readonly password: string;
  /** Sent at the device's first sign-in only. */
  readonly deviceName?: string;
}

export interface SignInDeps extends SessionDeps {
  /** PBKDF2 iterations of new account records; PBKDF2_ITERATIONS except in tests. */
  readonly iterations?: number;
}

export interface SignedIn {
  readonly session: AppSession;
  /** 'offline': the server could not be reached; `offlineReason` says why. */
  readonly mode: 'online' | 'offline';
  readonly offlineReason?: AppError;
}

/** The server normalises usernames the same way (server/src/auth/users.ts). */
export async function signIn(deps: SignInDeps, input: SignInInput): Promise<Result<SignedIn>> {
  const { db, now } = deps;
  // WebCrypto exists only in secure contexts (app://, https://, localhost): a web shell
  // served over plain HTTP on a LAN address cannot keep passwords safe, nor sign in.
  // (The DOM typings promise `crypto.subtle` always; browsers do not.)
  const webCrypto = globalThis.crypto as Partial<Crypto> | undefined;
  if (webCrypto?.subtle === undefined) return fail('http.https-required');
  const username = normalizeUsername(input.username);
  if (username === '' || input.password === '') return fail('auth.credentials-invalid');
  const device = await readDevice(db);
  const serverUrl = device?.serverUrl ?? input.serverUrl;
  const deviceName = input.deviceName?.trim() ?? '';

  const outcome = await postLogin(
    {
      fetch: deps.fetch,
      serverUrl,
      known: { username, ...(device === undefined ? {} : { deviceId: device.deviceId }) },
    },
    {
      username,
      password: input.password,
      ...(device === undefined ? {} : { deviceId: device.deviceId }),
      ...(device === undefined && deviceName !== '' ? { deviceName } : {}),
    },
  );

  if (outcome.kind === 'refused') {
    await learnFromRefusal(db, device, username, input.password, outcome.error, now());
    return { ok: false, error: outcome.error };
  }
  if (outcome.kind === 'unavailable') {
    return signInOffline(deps, device, username, input.password, outcome.error);
  }

  const response = outcome.value;
  if (device !== undefined && response.device.id !== device.deviceId) {
    // The server must answer with the device we named; anything else is not our server.
    console.error('town server answered with another device id than this device’s');
    return fail('sync.server-error', { status: 200 });
  }
  const registered: DeviceRecord = device ?? {
    deviceId: response.device.id,
    deviceName: response.device.name,
    serverUrl,
    townshipCode: response.user.townshipCode,
    villageCode: response.user.villageCode,
    registeredAt: now(),
    registeredBy: response.user.username,
    revokedAt: null,
  };
  if (device === undefined || device.revokedAt !== null) {
    await writeDevice(db, { ...registered, revokedAt: null });
  }

  const credentials = await newCredentials(input.password, deps.iterations ?? PBKDF2_ITERATIONS);
  const secrets = await sealSecrets(credentials.wrappingKey, registered.deviceId, response.user, {
    refreshToken: response.refreshToken,
    idKeys: response.idKeys,
  });
  await writeAccount(db, {
    principal: response.user,
    kdf: credentials.kdf,
    verifier: credentials.verifier,
    secrets,
    onlineAt: now(),
  });

  const session = openAppSession(deps, {
    principal: response.user,
    deviceId: registered.deviceId,
    serverUrl: registered.serverUrl,
    idKeys: response.idKeys,
    wrappingKey: credentials.wrappingKey,
    tokens: response,
    refreshToken: response.refreshToken,
    health: { kind: 'online' },
  });
  return ok({ session, mode: 'online' });
}

async function signInOffline(
  deps: SignInDeps,
  device: DeviceRecord | undefined,
  username: string,
  password: string,
  reason: AppError,
): Promise<Result<SignedIn>> {
  // Never registered: the first sign-in needs the server; say why it was not reached.
  if (device === undefined) {
    return reason.code === 'sync.server-unreachable'
      ? fail('auth.server-unreachable', reason.params)
      : { ok: false, error: reason };
  }
  if (device.revokedAt !== null) return fail('auth.device-revoked', { deviceId: device.deviceId });
  const record = await readAccount(deps.db, username);
  if (record === undefined) return fail('auth.server-needed', { username });

  const credentials = await deriveCredentials(password, record.kdf);
  if (!verifiersEqual(credentials.verifier, record.verifier)) {
    return fail('auth.credentials-invalid');
  }
  const secrets = await unsealSecrets(credentials.wrappingKey, device.deviceId, record);
  if (secrets === undefined) {
    // The verifier matched but the secrets do not open: the record was damaged.
    console.error(`the sealed secrets of ${username} on this device do not open`);
    return fail('auth.server-needed', { username });
  }
  const session = openAppSession(deps, {
    principal: record.principal,
    deviceId: device.deviceId,
    serverUrl: device.serverUrl,
    idKeys: secrets.idKeys,
    wrappingKey: credentials.wrappingKey,
    refreshToken: secrets.refreshToken,
    health: { kind: 'offline', error: reason },
  });
  return ok({ session, mode: 'offline', offlineReason: reason });
}

async function learnFromRefusal(
  db: LocalDocumentHost,
  device: DeviceRecord | undefined,
  username: string,
  password: string,
  error: AppError,
  at: number,
): Promise<void> {
  try {
    if (error.code === 'auth.device-revoked' && device !== undefined && device.revokedAt === null) {
      await writeDevice(db, { ...device, revokedAt: at });
    }
    if (error.code === 'auth.user-disabled') await removeAccount(db, username);
    if (error.code === 'auth.credentials-invalid') {
      const record = await readAccount(db, username);
      if (record === undefined) return;
      const derived = await deriveCredentials(password, record.kdf);
      if (verifiersEqual(derived.verifier, record.verifier)) await removeAccount(db, username);
    }
  } catch (storeError) {
    console.error('updating this device’s sign-in records after a refusal failed', storeError);
  }
}
