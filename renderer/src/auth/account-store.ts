/**
 * What this device remembers about its registration and its users, in RxDB local documents
 * of the local database (never synced; they do not count against RxDB's collection limit):
 *
 * - `auth.device`: the device's registration — its id from the town server, its name, the
 *   server it is registered with, and the village (or township) it is bound to. Written at
 *   the device's first sign-in; `revokedAt` is set when the server says it was revoked.
 * - `auth.account.<username>`: one per user who has signed in online on this device — the
 *   Principal, the PBKDF2 parameters and verifier of the password (never the password),
 *   and the user's secrets (refresh token, the township's ID keys) sealed with AES-GCM
 *   under a key derived from the password (credentials.ts).
 * - `auth.settings`: device settings of the sign-in (the screen-lock delay).
 *
 * A stored record that does not read back as the expected shape (damaged, or written by a
 * newer app) reads as absent: the user then signs in online once, which rewrites it.
 */
import { field, isTime } from '../../../shared/json.ts';
import type { Principal } from '../../../shared/auth/roles.ts';
import { fromBase64url } from '../../../shared/residents/id-protection.ts';
import type { IdKeys } from '../../../shared/sync/protocol.ts';
import type { LocalDatabase } from '../db/database.ts';
import { parseIdKeys, parsePrincipal } from './auth-api.ts';
import {
  MAX_STORED_ITERATIONS,
  MIN_STORED_ITERATIONS,
  seal,
  unseal,
  type KdfParameters,
  type Sealed,
} from './credentials.ts';

export const DEVICE_DOC_ID = 'auth.device';
export const ACCOUNT_DOC_PREFIX = 'auth.account.';
export const SETTINGS_DOC_ID = 'auth.settings';

/**
 * The part of an RxDB database used here: its local documents. Structural, so the demo's
 * and tests' databases (of other collections) fit as well as the app's LocalDatabase.
 */
export interface LocalDocumentHost {
  getLocal(id: string): Promise<{
    toJSON(): { readonly data: unknown };
    remove(): Promise<unknown>;
  } | null>;
  upsertLocal(id: string, data: Record<string, unknown>): Promise<unknown>;
}

// The app's database is one.
const _appDatabaseFits = (db: LocalDatabase): LocalDocumentHost => db;

export interface DeviceRecord {
  readonly deviceId: string;
  /** The name given at registration ('村委会办公室电脑'), as `town device list` shows it. */
  readonly deviceName: string;
  /** The town server's origin, no trailing slash. */
  readonly serverUrl: string;
  readonly townshipCode: string;
  /** The village the device is bound to; null for a device registered by a township role. */
  readonly villageCode: string | null;
  readonly registeredAt: number;
  /** Username of the first user, who registered the device. */
  readonly registeredBy: string;
  /** When the server answered `auth.device-revoked`; null while the device is in good standing. */
  readonly revokedAt: number | null;
}

/** The secrets of one user on this device, stored only sealed. */
export interface AccountSecrets {
  /** The latest refresh token; null after an online logout or when the server refused it. */
  readonly refreshToken: string | null;
  readonly idKeys: IdKeys | null;
}

export interface AccountRecord {
  readonly principal: Principal;
  readonly kdf: KdfParameters;
  /** base64url; see credentials.ts. */
  readonly verifier: string;
  /** AccountSecrets sealed with the wrapping key, bound to sealingContext(). */
  readonly secrets: Sealed;
  /** The last time the server accepted this user on this device (sign-in or refresh). */
  readonly onlineAt: number;
}

export interface AuthSettings {
  /** Minutes without keyboard or mouse activity before the screen locks. */
  readonly lockAfterMinutes: number;
}

export const LOCK_AFTER_CHOICES = [5, 10, 15, 30, 60] as const;
export const DEFAULT_AUTH_SETTINGS: AuthSettings = { lockAfterMinutes: 10 };

// ---------------------------------------------------------------------------------------

export function accountDocId(username: string): string {
  return `${ACCOUNT_DOC_PREFIX}${username}`;
}

/**
 * The additional data of a user's sealed secrets: which record they belong to, and what
 * that record says the user may do. A blob moved into another user's record or another
 * device's database does not open, and neither does a record whose role or village was
 * edited on disk (a clerk making themselves an administrator to reveal ID numbers offline).
 */
export function sealingContext(deviceId: string, principal: Principal): string {
  const { userId, username, role, villageCode, townshipCode } = principal;
  return `village-credit/account/v2/${JSON.stringify([deviceId, userId, username, role, villageCode, townshipCode])}`;
}

export async function readDevice(db: LocalDocumentHost): Promise<DeviceRecord | undefined> {
  const doc = await db.getLocal(DEVICE_DOC_ID);
  return parseDevice(doc?.toJSON().data);
}

export async function writeDevice(db: LocalDocumentHost, device: DeviceRecord): Promise<void> {
  await db.upsertLocal(DEVICE_DOC_ID, { ...device });
}

export async function readAccount(
  db: LocalDocumentHost,
  username: string,
): Promise<AccountRecord | undefined> {
  const doc = await db.getLocal(accountDocId(username));
  const record = parseAccount(doc?.toJSON().data);
  // A record filed under another name is not this user's.
  return record?.principal.username === username ? record : undefined;
}

export async function writeAccount(db: LocalDocumentHost, record: AccountRecord): Promise<void> {
  await db.upsertLocal(accountDocId(record.principal.username), {
    principal: { ...record.principal },
    kdf: { ...record.kdf },
    verifier: record.verifier,
    secrets: { ...record.secrets },
    onlineAt: record.onlineAt,
  });
}

/** Forgets a user's offline sign-in on this device (their password changed on the server). */
export async function removeAccount(db: LocalDocumentHost, username: string): Promise<void> {
  const doc = await db.getLocal(accountDocId(username));
  await doc?.remove();
}

export async function readAuthSettings(db: LocalDocumentHost): Promise<AuthSettings> {
  const doc = await db.getLocal(SETTINGS_DOC_ID);
  const minutes = field(doc?.toJSON().data, 'lockAfterMinutes');
  return (LOCK_AFTER_CHOICES as readonly unknown[]).includes(minutes)
    ? { lockAfterMinutes: minutes as number }
    : DEFAULT_AUTH_SETTINGS;
}

export async function writeAuthSettings(
  db: LocalDocumentHost,
  settings: AuthSettings,
): Promise<void> {
  await db.upsertLocal(SETTINGS_DOC_ID, { ...settings });
}

export function sealSecrets(
  key: CryptoKey,
  deviceId: string,
  principal: Principal,
  secrets: AccountSecrets,
): Promise<Sealed> {
  return seal(key, sealingContext(deviceId, principal), secrets);
}

/** The secrets, or undefined when they do not open under this key (wrong password, edited). */
export async function unsealSecrets(
  key: CryptoKey,
  deviceId: string,
  record: AccountRecord,
): Promise<AccountSecrets | undefined> {
  const value = await unseal(key, sealingContext(deviceId, record.principal), record.secrets);
  const refreshToken = field(value, 'refreshToken');
  const idKeys = parseIdKeys(field(value, 'idKeys'));
  if (!(refreshToken === null || typeof refreshToken === 'string') || idKeys === undefined) {
    return undefined;
  }
  return { refreshToken, idKeys };
}

// ---------------------------------------------------------------------------------------
// Readers: exact shapes, or undefined.

function isText(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

export function parseDevice(value: unknown): DeviceRecord | undefined {
  const deviceId = field(value, 'deviceId');
  const deviceName = field(value, 'deviceName');
  const serverUrl = field(value, 'serverUrl');
  const townshipCode = field(value, 'townshipCode');
  const villageCode = field(value, 'villageCode');
  const registeredAt = field(value, 'registeredAt');
  const registeredBy = field(value, 'registeredBy');
  const revokedAt = field(value, 'revokedAt');
  if (
    !isText(deviceId) ||
    typeof deviceName !== 'string' ||
    !isText(serverUrl) ||
    !isText(townshipCode) ||
    !(villageCode === null || isText(villageCode)) ||
    !isTime(registeredAt) ||
    typeof registeredBy !== 'string' ||
    !(revokedAt === null || isTime(revokedAt))
  ) {
    return undefined;
  }
  return {
    deviceId,
    deviceName,
    serverUrl,
    townshipCode,
    villageCode,
    registeredAt,
    registeredBy,
    revokedAt,
  };
}

export function parseAccount(value: unknown): AccountRecord | undefined {
  const principal = parsePrincipal(field(value, 'principal'));
  const kdf = field(value, 'kdf');
  const algorithm = field(kdf, 'algorithm');
  const iterations = field(kdf, 'iterations');
  const salt = field(kdf, 'salt');
  const verifier = field(value, 'verifier');
  const secrets = field(value, 'secrets');
  const iv = field(secrets, 'iv');
  const data = field(secrets, 'data');
  const onlineAt = field(value, 'onlineAt');
  if (
    principal === undefined ||
    algorithm !== 'PBKDF2-SHA-256' ||
    typeof iterations !== 'number' ||
    !Number.isInteger(iterations) ||
    iterations < MIN_STORED_ITERATIONS ||
    iterations > MAX_STORED_ITERATIONS ||
    !isText(salt) ||
    fromBase64url(salt)?.length !== 16 ||
    !isText(verifier) ||
    fromBase64url(verifier)?.length !== 32 ||
    !isText(iv) ||
    !isText(data) ||
    !isTime(onlineAt)
  ) {
    return undefined;
  }
  return {
    principal,
    kdf: { algorithm, iterations, salt },
    verifier,
    secrets: { iv, data },
    onlineAt,
  };
}
