/**
 * Sign-in: limits (login-limits.ts), the password check, the device (devices.ts), a new
 * session (sessions.ts) and the township's ID keys for the roles that handle citizen IDs.
 *
 * Whatever is wrong with the username or password, the answer is the same
 * auth.credentials-invalid after the same scrypt work (a dummy hash stands in for a missing
 * account). Only after the right password does the answer say more: a disabled account,
 * a revoked or foreign device.
 */
import type { IdKeys, LoginRequest, LoginResponse } from '../../../shared/sync/protocol.ts';
import { CodedError } from '../../../shared/errors.ts';
import type { Db } from '../db/database.ts';
import { getOrCreateTownshipKeys } from '../keys/township-keys.ts';
import { deviceAdmits, deviceName, findDevice, registerDevice, touchDevice } from './devices.ts';
import { beginAttempt, settleAttempt } from './login-limits.ts';
import type { AuthSettings } from './options.ts';
import { dummyHash, hashPassword, verifyPassword, type PasswordCost } from './passwords.ts';
import { openSession } from './sessions.ts';
import { normalizeUsername } from '../../../shared/auth/roles.ts';
import { findUser, newId, principalOfUser, type User } from './users.ts';

export interface LoginContext {
  readonly db: Db;
  readonly settings: AuthSettings;
  readonly signingKey: () => Promise<Uint8Array>;
  /** The client's address (Fastify's request.ip, which honours trustProxy). */
  readonly ip: string;
}

export async function login(request: LoginRequest, context: LoginContext): Promise<LoginResponse> {
  const { db, settings } = context;
  const username = normalizeUsername(request.username);
  const attempt = await beginAttempt(db, username, context.ip, settings.now());

  let user: User | undefined;
  let matches = false;
  try {
    user = await findUser(db, username);
    const check = await verifyPassword(
      request.password,
      user?.passwordHash ?? (await dummyHashFor(settings.passwordCost)),
      settings.passwordCost,
    );
    matches = user !== undefined && check.matches;
    if (matches && user !== undefined && check.needsRehash) {
      await db.query('UPDATE users SET password_hash = $2 WHERE id = $1', [
        user.id,
        await hashPassword(request.password, settings.passwordCost),
      ]);
    }
  } catch (error) {
    // A database failure mid-check: settle as failed so it is not left pending forever.
    await settleAttempt(db, attempt, 'failed', settings.now()).catch(() => undefined);
    throw error;
  }
  if (!matches || user === undefined) {
    await settleAttempt(db, attempt, 'failed', settings.now());
    throw new CodedError('auth.credentials-invalid');
  }
  if (user.disabledAt !== null) {
    await settleAttempt(db, attempt, 'refused', settings.now());
    throw new CodedError('auth.user-disabled', { username: user.username });
  }
  await settleAttempt(db, attempt, 'succeeded', settings.now());

  const now = settings.now();
  const device = await deviceFor(db, request, user, now);
  const sessionId = newId(now);
  const tokens = await openSession(
    db,
    await context.signingKey(),
    { sessionId, userId: user.id, deviceId: device.id },
    now,
  );
  return {
    ...tokens,
    user: principalOfUser(user),
    device: { id: device.id, name: device.name },
    idKeys: await idKeysFor(db, user),
  };
}

/** The registered device named in the request, checked; or a new one registered now. */
async function deviceFor(
  db: Db,
  request: LoginRequest,
  user: User,
  now: number,
): Promise<{ readonly id: string; readonly name: string }> {
  if (request.deviceId === undefined) {
    return registerDevice(db, { id: newId(now), name: deviceName(request.deviceName), user }, now);
  }
  const device = await findDevice(db, request.deviceId);
  if (device === undefined)
    throw new CodedError('auth.device-unknown', { deviceId: request.deviceId });
  if (device.revokedAt !== null)
    throw new CodedError('auth.device-revoked', { deviceId: device.id });
  if (!deviceAdmits(device, user)) throw new CodedError('auth.device-other-village');
  await touchDevice(db, device.id, user.id, now);
  return device;
}

/**
 * The township's ID keys (made now if the township has none: the device is about to
 * register residents) for the roles that read and write citizen IDs; none for the bank.
 */
async function idKeysFor(db: Db, user: User): Promise<IdKeys | null> {
  if (user.role === 'bank_liaison') return null;
  const keys = await getOrCreateTownshipKeys(db, user.townshipCode);
  return {
    keyId: keys.keyId,
    encryptionKey: Buffer.from(keys.encryptionKey).toString('base64url'),
    hashKey: Buffer.from(keys.hashKey).toString('base64url'),
  };
}

// One dummy hash per cost, made on first need (it takes as long as a real check).
const dummies = new Map<string, Promise<string>>();

function dummyHashFor(cost: PasswordCost): Promise<string> {
  const key = `${cost.logN}/${cost.r}/${cost.p}`;
  let hash = dummies.get(key);
  if (hash === undefined) {
    hash = dummyHash(cost);
    dummies.set(key, hash);
  }
  return hash;
}
