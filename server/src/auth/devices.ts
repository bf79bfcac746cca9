/**
 * Devices: a computer's first sign-in, online, registers it and binds it to the signing-in
 * account's village — or to its township (village_code null) for township_admin and
 * bank_liaison. The app keeps the device id and sends it with every later sign-in.
 *
 * Which accounts may sign in on a registered device (`deviceAdmits`):
 *   - village roles: only devices of their own village. A device holds its village's data
 *     offline, so another village's staff — or a village clerk on a township machine, which
 *     holds every village's data — are refused (auth.device-other-village).
 *   - township_admin: any device of the township, village-bound or not. The admin may read
 *     every village of the township, so a village machine shows nothing beyond that; this
 *     lets the admin help out at a village office.
 *   - bank_liaison: only township-level devices of the township. The liaison sees loan
 *     referrals, not village files, and must not sign in where a village's register lives.
 * Devices of another township are refused to everyone.
 */
import { ROLE_SCOPE, type Role } from '../../../shared/auth/roles.ts';
import { CodedError } from '../../../shared/errors.ts';
import type { Db } from '../db/database.ts';
import { at, authSettings, type AuthOptions } from './options.ts';
import { revokeSessionsOf } from './sessions.ts';
import { scopeCondition, type ScopeFilter, type User } from './users.ts';

export const DEVICE_NAME_MAX = 60;
export const DEFAULT_DEVICE_NAME = '未命名设备';

export interface Device {
  readonly id: string;
  readonly name: string;
  readonly townshipCode: string;
  readonly villageCode: string | null;
  readonly registeredBy: string;
  readonly createdAt: number;
  readonly lastSeenAt: number;
  readonly revokedAt: number | null;
}

/** A device name as given, trimmed; the default when there is none. */
export function deviceName(name: string | undefined): string {
  // eslint-disable-next-line no-control-regex -- control characters never belong in a name
  const cleaned = (name ?? '').replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  return cleaned === ''
    ? DEFAULT_DEVICE_NAME
    : Array.from(cleaned).slice(0, DEVICE_NAME_MAX).join('');
}

export function deviceAdmits(
  device: Pick<Device, 'townshipCode' | 'villageCode'>,
  user: { readonly role: Role; readonly townshipCode: string; readonly villageCode: string | null },
): boolean {
  if (device.townshipCode !== user.townshipCode) return false;
  if (ROLE_SCOPE[user.role] === 'village') return device.villageCode === user.villageCode;
  // Township accounts only on township devices: the app syncs what the signed-in account
  // sees, so a township account on a village computer would copy every village onto it.
  return device.villageCode === null;
}

/** Registers a device bound to the user's village, or township for township roles. */
export async function registerDevice(
  db: Db,
  input: { readonly id: string; readonly name: string; readonly user: User },
  now: number,
): Promise<Device> {
  const result = await db.query<DeviceRow>(
    `INSERT INTO devices (id, name, township_code, village_code, registered_by, created_at,
                          last_seen_at, last_user_id)
     VALUES ($1, $2, $3, $4, $5, $6::timestamptz, $6::timestamptz, $5)
     RETURNING ${DEVICE_COLUMNS}`,
    [input.id, input.name, input.user.townshipCode, input.user.villageCode, input.user.id, at(now)],
  );
  const row = result.rows[0];
  if (row === undefined) throw new Error('device was not stored');
  return toDevice(row);
}

export async function findDevice(db: Db, id: string): Promise<Device | undefined> {
  const result = await db.query<DeviceRow>(`SELECT ${DEVICE_COLUMNS} FROM devices WHERE id = $1`, [
    id,
  ]);
  const row = result.rows[0];
  return row === undefined ? undefined : toDevice(row);
}

/** Notes a sign-in on the device. */
export async function touchDevice(db: Db, id: string, userId: string, now: number): Promise<void> {
  await db.query(
    `UPDATE devices SET last_seen_at = $2::timestamptz, last_user_id = $3 WHERE id = $1`,
    [id, at(now), userId],
  );
}

export interface DeviceSummary extends Device {
  readonly villageName: string | null;
  readonly townshipName: string;
  readonly registeredByUsername: string;
  readonly lastUsername: string | null;
  readonly activeSessions: number;
}

/** Devices in registration order, limited to a township (all its devices) or a village. */
export async function listDevices(
  db: Db,
  filter: ScopeFilter = {},
  options: AuthOptions = {},
): Promise<DeviceSummary[]> {
  const { now } = authSettings(options);
  const where = await scopeCondition(db, filter, 'd', 2);
  const result = await db.query<
    DeviceRow & {
      village_name: string | null;
      township_name: string;
      registered_by_username: string;
      last_username: string | null;
      active_sessions: unknown;
    }
  >(
    `SELECT d.id, d.name, d.township_code, d.village_code, d.registered_by, d.created_at,
            d.last_seen_at, d.revoked_at, v.name AS village_name, t.name AS township_name,
            r.username AS registered_by_username, l.username AS last_username,
            (SELECT count(*) FROM sessions s
              WHERE s.device_id = d.id AND s.revoked_at IS NULL AND s.expires_at > $1::timestamptz) AS active_sessions
       FROM devices d
       JOIN townships t ON t.code = d.township_code
       LEFT JOIN villages v ON v.code = d.village_code
       JOIN users r ON r.id = d.registered_by
       LEFT JOIN users l ON l.id = d.last_user_id
      ${where.sql}
      ORDER BY d.created_at, d.id`,
    [at(now()), ...where.params],
  );
  return result.rows.map((row) => ({
    ...toDevice(row),
    villageName: row.village_name,
    townshipName: row.township_name,
    registeredByUsername: row.registered_by_username,
    lastUsername: row.last_username,
    activeSessions: Number(row.active_sessions),
  }));
}

/**
 * Revokes a device (idempotent): it can no longer sign in or sync, and its sessions end.
 * auth.device-unknown when there is no such device.
 */
export async function revokeDevice(
  db: Db,
  id: string,
  options: AuthOptions = {},
): Promise<{ readonly device: Device; readonly revokedSessions: number }> {
  const time = authSettings(options).now();
  return db.transaction(async (tx) => {
    const updated = await tx.query<DeviceRow>(
      `UPDATE devices SET revoked_at = COALESCE(revoked_at, $2::timestamptz)
        WHERE id = $1 RETURNING ${DEVICE_COLUMNS}`,
      [id.trim().toUpperCase(), at(time)],
    );
    const row = updated.rows[0];
    if (row === undefined) throw new CodedError('auth.device-unknown', { deviceId: id });
    const revokedSessions = await revokeSessionsOf(
      tx,
      { deviceId: row.id },
      'device-revoked',
      time,
    );
    return { device: toDevice(row), revokedSessions };
  });
}

const DEVICE_COLUMNS =
  'id, name, township_code, village_code, registered_by, created_at, last_seen_at, revoked_at';

interface DeviceRow extends Record<string, unknown> {
  id: string;
  name: string;
  township_code: string;
  village_code: string | null;
  registered_by: string;
  created_at: Date;
  last_seen_at: Date;
  revoked_at: Date | null;
}

function toDevice(row: DeviceRow): Device {
  return {
    id: row.id,
    name: row.name,
    townshipCode: row.township_code,
    villageCode: row.village_code,
    registeredBy: row.registered_by,
    createdAt: row.created_at.getTime(),
    lastSeenAt: row.last_seen_at.getTime(),
    revokedAt: row.revoked_at === null ? null : row.revoked_at.getTime(),
  };
}
