/**
 * The HTTP contract between the app and the town server (ARCHITECTURE §4, issue 4): paths,
 * headers, bodies. Both sides import these types; neither invents its own.
 *
 * Every request except login, refresh and /healthz carries `Authorization: Bearer <access>`.
 * Every error answers `{ error: { code, message } }` (server/src/http/app.ts) with the code
 * from shared/errors.ts, so the app can say it in the user's language.
 */
import type { Principal } from '../auth/roles.ts';
import type { CollectionName, CollectionOwner } from '../collections/plan.ts';
import type { ErrorCode, ErrorParams } from '../errors.ts';

export const API_PREFIX = '/api/v1';

export const PATHS = {
  login: `${API_PREFIX}/auth/login`,
  refresh: `${API_PREFIX}/auth/refresh`,
  logout: `${API_PREFIX}/auth/logout`,
  collections: `${API_PREFIX}/sync/collections`,
  pull: (collection: CollectionName) => `${API_PREFIX}/sync/${collection}/pull`,
  push: (collection: CollectionName) => `${API_PREFIX}/sync/${collection}/push`,
  stream: (collection: CollectionName) => `${API_PREFIX}/sync/${collection}/stream`,
} as const;

/** The client's schema version of the collection it syncs, on every sync request. */
export const SCHEMA_VERSION_HEADER = 'x-schema-version';

// --- Accounts -------------------------------------------------------------------------

export interface LoginRequest {
  readonly username: string;
  readonly password: string;
  /**
   * The device's id once registered. Absent on a device's first login: the server then
   * registers the device, bound to the user's village (or township), and returns its id.
   */
  readonly deviceId?: string;
  /** A name people recognise in `town device list` ('村委会办公室电脑'). */
  readonly deviceName?: string;
}

/** Tokens: the access token is short-lived (minutes), the refresh token rotates on use. */
export interface TokenPair {
  readonly accessToken: string;
  /** Epoch milliseconds. */
  readonly accessExpiresAt: number;
  readonly refreshToken: string;
  readonly refreshExpiresAt: number;
}

/**
 * The keys that protect citizen IDs of the user's township (shared/residents/id-protection.ts),
 * base64url. Given to village roles and the township admin; never to the bank liaison.
 */
export interface IdKeys {
  readonly keyId: string;
  readonly encryptionKey: string;
  readonly hashKey: string;
}

export interface LoginResponse extends TokenPair {
  readonly user: Principal;
  readonly device: { readonly id: string; readonly name: string };
  readonly idKeys: IdKeys | null;
}

export interface RefreshRequest {
  readonly refreshToken: string;
}

export type RefreshResponse = TokenPair;

// --- Sync -----------------------------------------------------------------------------

export interface SyncCollectionInfo {
  readonly name: CollectionName;
  readonly schemaVersion: number;
  readonly owner: CollectionOwner;
  /** Documents (tombstones included) this account would pull from the start. */
  readonly documents: number;
}

export interface SyncCollectionsResponse {
  readonly collections: readonly SyncCollectionInfo[];
}

/** A document as it travels: the collection's fields plus RxDB's deletion flag. */
export type SyncDocument = Readonly<Record<string, unknown>> & {
  readonly id: string;
  readonly _deleted: boolean;
};

/** The server sequence number of the last document returned. */
export interface SyncCheckpoint {
  readonly seq: number;
}

/** GET pull?checkpoint=<seq>&batchSize=<n>: fewer than batchSize documents means caught up. */
export interface PullResponse {
  readonly documents: readonly SyncDocument[];
  readonly checkpoint: SyncCheckpoint | null;
}

export const MAX_PULL_BATCH = 1000;
export const MAX_PUSH_BATCH = 500;

export interface PushRow {
  readonly newDocumentState: SyncDocument;
  readonly assumedMasterState?: SyncDocument;
}

/** Why a pushed row was refused; the app lists it under sync problems. */
export interface RejectedRow {
  readonly id: string;
  readonly code: ErrorCode;
  readonly params: ErrorParams;
  /** The server's Chinese message, for logs; the app words `code` itself. */
  readonly message: string;
}

/**
 * POST push with `PushRow[]`: `conflicts` are the server's current documents for the rows
 * whose `assumedMasterState` was out of date (RxDB's push result); `rejected` the rows
 * refused (invalid, not this account's to write, an immutable field changed). Every other
 * row landed, in one transaction.
 */
export interface PushResponse {
  readonly conflicts: readonly SyncDocument[];
  readonly rejected: readonly RejectedRow[];
}

/**
 * GET stream: server-sent events. `data:` is JSON, either a `PullResponse` with new
 * documents in the account's scope or the string "RESYNC" (pull from the last checkpoint:
 * the stream lost track, e.g. after reconnecting). Comment lines keep the connection alive.
 */
export type StreamEvent = PullResponse | 'RESYNC';
