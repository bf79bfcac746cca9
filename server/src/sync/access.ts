/**
 * Who may read and write which synced documents (issue 4; shared/collections/plan.ts
 * owners, `merge.townshipWritable`):
 *
 * - Village roles read their village's documents and what their township publishes to every
 *   village or to theirs; they write village-owned documents of their own village only.
 * - The township administrator reads every document of the township; writes the township's
 *   own collections (catalog), published to all its villages or to one of them; and, in
 *   existing village documents of the township, only the fields `townshipWritable` names
 *   (decisions, confirmations), besides the bookkeeping `updatedAt`/`updatedBy`.
 * - The bank liaison reads only what a loan referral needs — `referrals`, `ratings` and the
 *   township's `catalog` — across the township, never the register or the ledger (personal
 *   data it has no use for); writes only the `townshipWritable` fields of existing
 *   `referrals` (the bank's decision).
 *
 * A row that fails is refused with `sync.row-forbidden`, and the document stored under its
 * id, if it is outside the account's view, is never sent back (not even as a conflict).
 */
import type { Principal, Role } from '../../../shared/auth/roles.ts';
import { COLLECTIONS } from '../../../shared/collections/index.ts';
import { COLLECTION_OWNER, type CollectionName } from '../../../shared/collections/plan.ts';
import type { Actor } from '../../../shared/ledger/authority.ts';
import { sameValue } from '../../../shared/sync/merge.ts';
import type { SyncDocument } from '../../../shared/sync/protocol.ts';
import type { Db } from '../db/database.ts';
import type { DocumentScope } from '../store/documents.ts';

const BANK_COLLECTIONS: ReadonlySet<CollectionName> = new Set(['referrals', 'ratings', 'catalog']);

/** Whether the account may pull (and stream) this collection at all. */
export function mayPull(principal: Principal, collection: CollectionName): boolean {
  return principal.role !== 'bank_liaison' || BANK_COLLECTIONS.has(collection);
}

/** The documents an account pulls: its village's view, or its township's. */
export function readScope(principal: Principal): DocumentScope {
  return principal.villageCode === null
    ? { townshipCode: principal.townshipCode }
    : { villageCode: principal.villageCode };
}

/** Whether `doc` (a stored document's place) is in the account's view. */
export function mayRead(
  principal: Principal,
  collection: CollectionName,
  doc: SyncDocument,
): boolean {
  if (doc['townshipCode'] !== principal.townshipCode) return false;
  if (principal.villageCode === null) return true;
  const village = doc['villageCode'];
  if (COLLECTION_OWNER[collection] === 'township') {
    return village === '' || village === principal.villageCode;
  }
  return village === principal.villageCode;
}

export interface WriteAttempt {
  readonly stored: SyncDocument | undefined;
  readonly assumed: SyncDocument | undefined;
  readonly incoming: SyncDocument;
}

/** Whether the account may push this row (before the merge rules decide on it). */
export function mayWrite(
  principal: Principal,
  collection: CollectionName,
  row: WriteAttempt,
): boolean {
  const { stored, assumed, incoming } = row;
  if (stored !== undefined && !mayRead(principal, collection, stored)) return false;
  const owner = COLLECTION_OWNER[collection];

  if (principal.villageCode !== null) {
    return (
      owner === 'village' &&
      incoming['villageCode'] === principal.villageCode &&
      incoming['townshipCode'] === principal.townshipCode
    );
  }

  switch (principal.role) {
    case 'township_admin':
      if (owner === 'township') return isPublishedInTownship(principal, incoming);
      return changesOnlyTownshipFields(collection, stored, assumed, incoming);
    case 'bank_liaison':
      return (
        collection === 'referrals' &&
        changesOnlyTownshipFields(collection, stored, assumed, incoming)
      );
    default:
      return false;
  }
}

function isPublishedInTownship(principal: Principal, incoming: SyncDocument): boolean {
  const village = incoming['villageCode'];
  return (
    incoming['townshipCode'] === principal.townshipCode &&
    typeof village === 'string' &&
    (village === '' || village.startsWith(principal.townshipCode))
  );
}

/**
 * A township account's change of a village document: the document exists, and compared with
 * the version the change is based on, only township-writable and bookkeeping fields differ.
 */
function changesOnlyTownshipFields(
  collection: CollectionName,
  stored: SyncDocument | undefined,
  assumed: SyncDocument | undefined,
  incoming: SyncDocument,
): boolean {
  if (stored === undefined) return false;
  const base = assumed ?? stored;
  if (base._deleted !== incoming._deleted) return false;
  const { fields, townshipWritable } = COLLECTIONS[collection].merge as {
    readonly fields: { readonly [field: string]: string };
    readonly townshipWritable: readonly string[];
  };
  const keys = new Set([...Object.keys(base), ...Object.keys(incoming)]);
  for (const key of keys) {
    if (key === '_deleted' || fields[key] === 'bookkeeping' || townshipWritable.includes(key)) {
      continue;
    }
    if (!sameValue(base[key], incoming[key])) return false;
  }
  return true;
}

interface DeviceUserRow extends Record<string, unknown> {
  readonly id: string;
  readonly role: Role;
  readonly village_code: string | null;
  readonly township_code: string;
}

/**
 * The accounts that have signed in on a device (any session, ended or not), by user id: the
 * people whose unsynced work a push from that computer may carry. A village office shares
 * one computer, and a person signs in offline only where they once signed in online, so
 * everyone who can act on the computer is here (shared/ledger/authority.ts).
 */
export async function deviceUsers(db: Db, deviceId: string): Promise<ReadonlyMap<string, Actor>> {
  const result = await db.query<DeviceUserRow>(
    `SELECT DISTINCT u.id, u.role, u.village_code, u.township_code
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.device_id = $1`,
    [deviceId],
  );
  return new Map(
    result.rows.map((row) => [
      row.id,
      {
        userId: row.id,
        role: row.role,
        villageCode: row.village_code,
        townshipCode: row.township_code,
      },
    ]),
  );
}
