/**
 * What the sync screen and the header badge show, as a pure reducer: the engine reports
 * facts (the connection's health, work running, counts, first-sync progress, a halt) and the
 * phase is derived from them, so the UI never shows two contradicting things.
 */
import type { CollectionName } from '../../../shared/collections/plan.ts';
import type { AppError } from '../../../shared/errors.ts';

export type SyncPhase =
  /** Opening the replications. */
  | 'starting'
  /** Another window of the app syncs this database (RxDB leader election); this one waits. */
  | 'standby'
  | 'syncing'
  /** Everything local is on the server and everything of the server is here. */
  | 'synced'
  /** The server is not reached (or the computer has no network); retries with backoff. */
  | 'offline'
  /** The server answered with an error (5xx, an unusable answer); retries with backoff. */
  | 'server-error'
  /** This session cannot sync (demo data, or signed in offline without a server sign-in). */
  | 'not-signed-in'
  /** The server refused the session (expired, revoked, device revoked): sign in again. */
  | 'needs-sign-in'
  /** The server's data version is newer (426): the app must be updated. */
  | 'outdated'
  /** The app's data version is newer than the server's: the server must be upgraded. */
  | 'server-outdated'
  | 'stopped';

/** Why the engine stopped for good (until a new sign-in or an update). */
export type HaltReason = 'not-signed-in' | 'needs-sign-in' | 'outdated' | 'server-outdated';

export type ConnectionHealth =
  | { readonly kind: 'unknown' }
  | { readonly kind: 'ok'; readonly at: number }
  | {
      readonly kind: 'failing';
      readonly error: AppError;
      readonly failures: number;
      readonly retryAt: number;
    };

export interface FirstSyncProgress {
  /** Server documents this device holds, of the collections still in their first sync. */
  readonly pulled: number;
  /** What the server said those collections hold for this account; null until known. */
  readonly total: number | null;
}

export interface RefusedCollection {
  readonly collection: CollectionName;
  readonly error: AppError;
}

export interface SyncStatus {
  readonly phase: SyncPhase;
  /** The computer's own idea (navigator.onLine). */
  readonly online: boolean;
  /** Whether the last contact with the server succeeded; null before the first one. */
  readonly reachable: boolean | null;
  /** Requests or replication work running. */
  readonly busy: boolean;
  /** When this device was last fully in sync (persisted); null if never. */
  readonly lastSyncedAt: number | null;
  /** Local changes not yet acknowledged by the server; null until counted. */
  readonly pendingUploads: number | null;
  readonly problems: number;
  readonly conflicts: number;
  /** Null when no collection is in its first sync. */
  readonly firstSync: FirstSyncProgress | null;
  /** Why the device is not syncing right now (offline, server error, halt reason). */
  readonly error: AppError | null;
  /** When the next attempt is due, while retrying. */
  readonly retryAt: number | null;
  /** Collections the server refuses to this account (e.g. the register for a bank liaison). */
  readonly refused: readonly RefusedCollection[];
}

export type SyncStatusEvent =
  | { readonly type: 'starting' }
  | { readonly type: 'standby' }
  | { readonly type: 'running' }
  | { readonly type: 'online'; readonly online: boolean }
  | { readonly type: 'health'; readonly health: ConnectionHealth }
  | { readonly type: 'busy'; readonly busy: boolean }
  | { readonly type: 'initial-sync-done' }
  | { readonly type: 'in-sync'; readonly at: number }
  | { readonly type: 'last-synced'; readonly at: number | null }
  | { readonly type: 'pending'; readonly count: number }
  | { readonly type: 'problems'; readonly count: number }
  | { readonly type: 'conflicts'; readonly count: number }
  | { readonly type: 'first-sync'; readonly progress: FirstSyncProgress | null }
  | { readonly type: 'refused'; readonly collection: CollectionName; readonly error: AppError }
  | { readonly type: 'halted'; readonly reason: HaltReason; readonly error: AppError }
  | { readonly type: 'stopped' };

/** The facts the phase is derived from (kept beside the status). */
export interface SyncStatusState {
  readonly status: SyncStatus;
  readonly lifecycle: 'starting' | 'standby' | 'running' | 'halted' | 'stopped';
  readonly halt: HaltReason | null;
  readonly health: ConnectionHealth;
  readonly initialSyncDone: boolean;
}

export function initialSyncStatus(online: boolean): SyncStatusState {
  return {
    lifecycle: 'starting',
    halt: null,
    health: { kind: 'unknown' },
    initialSyncDone: false,
    status: {
      phase: 'starting',
      online,
      reachable: null,
      busy: false,
      lastSyncedAt: null,
      pendingUploads: null,
      problems: 0,
      conflicts: 0,
      firstSync: null,
      error: null,
      retryAt: null,
      refused: [],
    },
  };
}

export function reduceSyncStatus(state: SyncStatusState, event: SyncStatusEvent): SyncStatusState {
  // A halted or stopped engine only takes counts (problems and conflicts stay meaningful).
  const final = state.lifecycle === 'halted' || state.lifecycle === 'stopped';
  const s = state.status;
  let next: SyncStatusState = state;
  switch (event.type) {
    case 'starting':
    case 'standby':
    case 'running':
      if (!final) next = { ...state, lifecycle: event.type };
      break;
    case 'online':
      next = { ...state, status: { ...s, online: event.online } };
      break;
    case 'health':
      if (final) break;
      next = {
        ...state,
        health: event.health,
        status: {
          ...s,
          reachable: event.health.kind === 'unknown' ? s.reachable : event.health.kind === 'ok',
        },
      };
      break;
    case 'busy':
      next = { ...state, status: { ...s, busy: !final && event.busy } };
      break;
    case 'initial-sync-done':
      next = { ...state, initialSyncDone: true };
      break;
    case 'in-sync':
      if (!final) next = { ...state, status: { ...s, lastSyncedAt: event.at } };
      break;
    case 'last-synced':
      next = { ...state, status: { ...s, lastSyncedAt: event.at } };
      break;
    case 'pending':
      next = { ...state, status: { ...s, pendingUploads: event.count } };
      break;
    case 'problems':
      next = { ...state, status: { ...s, problems: event.count } };
      break;
    case 'conflicts':
      next = { ...state, status: { ...s, conflicts: event.count } };
      break;
    case 'first-sync':
      next = { ...state, status: { ...s, firstSync: final ? null : event.progress } };
      break;
    case 'refused':
      next = {
        ...state,
        status: {
          ...s,
          refused: [
            ...s.refused.filter((r) => r.collection !== event.collection),
            { collection: event.collection, error: event.error },
          ],
        },
      };
      break;
    case 'halted':
      if (state.lifecycle === 'stopped') break;
      next = {
        ...state,
        lifecycle: 'halted',
        halt: event.reason,
        status: { ...s, error: event.error, busy: false, firstSync: null, retryAt: null },
      };
      break;
    case 'stopped':
      if (state.lifecycle === 'halted') break;
      next = {
        ...state,
        lifecycle: 'stopped',
        status: { ...s, busy: false, firstSync: null, retryAt: null },
      };
      break;
  }
  return next === state ? state : withPhase(next);
}

/** Derives phase, error and retryAt from the facts. */
function withPhase(state: SyncStatusState): SyncStatusState {
  const s = state.status;
  const { health } = state;
  if (state.lifecycle === 'halted' && state.halt !== null) {
    return { ...state, status: { ...s, phase: state.halt } };
  }
  if (state.lifecycle === 'stopped') {
    return { ...state, status: { ...s, phase: 'stopped', error: null } };
  }
  if (state.lifecycle === 'standby') {
    return { ...state, status: { ...s, phase: 'standby', error: null, retryAt: null } };
  }
  if (health.kind === 'failing') {
    const offline = health.error.code === 'sync.server-unreachable';
    return {
      ...state,
      status: {
        ...s,
        phase: offline ? 'offline' : 'server-error',
        error: health.error,
        retryAt: health.retryAt,
      },
    };
  }
  if (!s.online) {
    return { ...state, status: { ...s, phase: 'offline', error: null, retryAt: null } };
  }
  const working =
    state.lifecycle === 'starting' ||
    s.busy ||
    !state.initialSyncDone ||
    health.kind === 'unknown' ||
    s.firstSync !== null;
  return {
    ...state,
    status: {
      ...s,
      phase: working ? (state.lifecycle === 'starting' ? 'starting' : 'syncing') : 'synced',
      error: null,
      retryAt: null,
    },
  };
}
