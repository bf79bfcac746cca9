/**
 * What sync keeps on this device beside the data, in RxDB local documents (never synced,
 * not counted against RxDB's collection limit, shared between windows of the same database):
 *
 * - 'sync-problems'  `{ entries: SyncProblem[] }`: rows the server refused, with the reason's
 *   code and parameters. One entry per document (collection + id): a newer refusal replaces
 *   the older reason; the entry goes when a later push of that document lands.
 * - 'sync-conflicts' `{ entries: SyncConflict[] }`: documents whose offline edits truly
 *   conflicted (the merge kept the server's values of `fields`), with both versions, until a
 *   person chooses. One entry per document; a newer conflict replaces the older one.
 * - 'sync-state'     `{ lastSyncedAt, firstSyncDone }`: when this device was last fully in
 *   sync, and which replications finished their first pull.
 *
 * Stored values are checked when read; an entry that fails its check is left out and
 * logged (old or damaged data stays harmless).
 */
import type { RxChangeEventBulk } from 'rxdb';
import type { Observable } from 'rxjs';
import { isTime } from '../../../shared/json.ts';
import { isCollectionName, type CollectionName } from '../../../shared/collections/plan.ts';
import { isErrorCode, type ErrorCode, type ErrorParams } from '../../../shared/errors.ts';
import type { SyncDocument } from '../../../shared/sync/protocol.ts';
import { watchLocal } from '../db/local-document.ts';

export const PROBLEMS_DOC_ID = 'sync-problems';
export const CONFLICTS_DOC_ID = 'sync-conflicts';
export const SYNC_STATE_DOC_ID = 'sync-state';

/** The part of a local document sync uses. */
export interface LocalDocumentLike<T> {
  toJSON(): { readonly data: T };
  incrementalModify(modify: (data: T) => T): Promise<unknown>;
}

/**
 * Any RxDatabase with local documents (the app's, or a test's with fewer collections;
 * RxDatabase's own type is invariant in its collections, hence this structural view).
 */
export interface LocalDocumentHost {
  getLocal<T>(id: string): Promise<LocalDocumentLike<T> | null>;
  readonly eventBulks$: Observable<RxChangeEventBulk<unknown>>;
  insertLocal(id: string, data: object): Promise<unknown>;
}

/** A pushed document the server refused. */
export interface SyncProblem {
  /** `<collection>/<id>`. */
  readonly key: string;
  readonly collection: CollectionName;
  readonly id: string;
  /** What people call the record (a name, a household number), '' if it has none. */
  readonly label: string;
  readonly code: ErrorCode;
  readonly params: ErrorParams;
  /** When the document was first refused, and last. */
  readonly firstAt: number;
  readonly lastAt: number;
  /**
   * The version the server refused, kept so nothing typed is lost: the device shows the
   * server's version again, and this one stays here until the problem is cleared.
   */
  readonly refused?: SyncDocument;
}

/** A true conflict: the server's version was kept for `fields`; a person chooses. */
export interface SyncConflict {
  readonly key: string;
  readonly collection: CollectionName;
  readonly id: string;
  readonly label: string;
  readonly fields: readonly string[];
  /** The server's version when the conflict was found. */
  readonly server: SyncDocument;
  /** This device's version then. */
  readonly local: SyncDocument;
  readonly at: number;
}

export interface SyncState {
  readonly lastSyncedAt: number | null;
  /** Replication identifiers whose first pull completed. */
  readonly firstSyncDone: readonly string[];
}

export function entryKey(collection: CollectionName, id: string): string {
  return `${collection}/${id}`;
}

/** The field people know a record by, for lists: a name, a household number, a title. */
export function labelOf(doc: Readonly<Record<string, unknown>> | undefined): string {
  if (doc === undefined) return '';
  for (const field of ['name', 'householdNo', 'title', 'itemName', 'subject']) {
    const value = doc[field];
    if (typeof value === 'string' && value !== '') return value;
  }
  return '';
}

// --- Reading -----------------------------------------------------------------------------

function record(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Readonly<Record<string, unknown>>)
    : undefined;
}

function isParams(value: unknown): value is ErrorParams {
  const r = record(value);
  return (
    r !== undefined && Object.values(r).every((v) => typeof v === 'string' || typeof v === 'number')
  );
}

function isSyncDocument(value: unknown): value is SyncDocument {
  const r = record(value);
  return r !== undefined && typeof r['id'] === 'string' && typeof r['_deleted'] === 'boolean';
}

function asProblem(value: unknown): SyncProblem | undefined {
  const r = record(value);
  if (r === undefined) return undefined;
  const { collection, id, label, code, params, firstAt, lastAt, refused } = r;
  if (
    !isCollectionName(collection) ||
    typeof id !== 'string' ||
    typeof label !== 'string' ||
    !isErrorCode(code) ||
    !isParams(params) ||
    !isTime(firstAt) ||
    !isTime(lastAt) ||
    !(refused === undefined || isSyncDocument(refused))
  ) {
    return undefined;
  }
  const problem = {
    key: entryKey(collection, id),
    collection,
    id,
    label,
    code,
    params,
    firstAt,
    lastAt,
  };
  return refused === undefined ? problem : { ...problem, refused };
}

function asConflict(value: unknown): SyncConflict | undefined {
  const r = record(value);
  if (r === undefined) return undefined;
  const { collection, id, label, fields, server, local, at } = r;
  if (
    !isCollectionName(collection) ||
    typeof id !== 'string' ||
    typeof label !== 'string' ||
    !Array.isArray(fields) ||
    !fields.every((f) => typeof f === 'string') ||
    !isSyncDocument(server) ||
    !isSyncDocument(local) ||
    !isTime(at)
  ) {
    return undefined;
  }
  return { key: entryKey(collection, id), collection, id, label, fields, server, local, at };
}

function entriesOf<T>(stored: unknown, check: (value: unknown) => T | undefined, doc: string): T[] {
  const entries = record(stored)?.['entries'];
  if (entries === undefined) return [];
  if (!Array.isArray(entries)) {
    console.warn(`local document ${doc} is not a list; read as empty`);
    return [];
  }
  const good: T[] = [];
  for (const entry of entries) {
    const checked = check(entry);
    if (checked === undefined)
      console.warn(`local document ${doc}: unreadable entry left out`, entry);
    else good.push(checked);
  }
  return good;
}

function normaliseState(stored: unknown): SyncState {
  const r = record(stored);
  const last = r?.['lastSyncedAt'];
  const done = r?.['firstSyncDone'];
  return {
    lastSyncedAt: isTime(last) ? last : null,
    firstSyncDone: Array.isArray(done) ? done.filter((d) => typeof d === 'string') : [],
  };
}

type Stored = { readonly [key: string]: unknown };

async function readLocal(db: LocalDocumentHost, id: string): Promise<unknown> {
  const doc = await db.getLocal<Stored>(id);
  return doc?.toJSON().data;
}

// Writes to one local document are chained, so read-modify-write never loses an update
// made by this window; RxDB's incremental write settles races with other windows.
const queues = new WeakMap<object, Map<string, Promise<unknown>>>();

function modifyLocal(
  db: LocalDocumentHost,
  id: string,
  modify: (current: unknown) => Stored,
): Promise<void> {
  let perDb = queues.get(db);
  if (perDb === undefined) {
    perDb = new Map();
    queues.set(db, perDb);
  }
  const previous = perDb.get(id) ?? Promise.resolve();
  const next = previous
    .catch(() => undefined)
    .then(async () => {
      for (let attempt = 0; ; attempt += 1) {
        const doc = await db.getLocal<Stored>(id);
        if (doc !== null) {
          await doc.incrementalModify((data) => modify(data));
          return;
        }
        try {
          await db.insertLocal(id, modify(undefined));
          return;
        } catch (error) {
          // Another window created it meanwhile (409): modify that one instead.
          if ((error as { status?: unknown } | null)?.status !== 409 || attempt > 3) throw error;
        }
      }
    });
  perDb.set(id, next);
  return next;
}

// --- Problems ----------------------------------------------------------------------------

export function readProblems(db: LocalDocumentHost): Promise<SyncProblem[]> {
  return readLocal(db, PROBLEMS_DOC_ID).then((data) => entriesOf(data, asProblem, PROBLEMS_DOC_ID));
}

/** The problems, oldest first, then every change. */
export function problems$(db: LocalDocumentHost): Observable<readonly SyncProblem[]> {
  return watchLocal(db, PROBLEMS_DOC_ID, (data) => entriesOf(data, asProblem, PROBLEMS_DOC_ID));
}

export interface NewProblem {
  readonly collection: CollectionName;
  readonly id: string;
  readonly label: string;
  readonly code: ErrorCode;
  readonly params: ErrorParams;
  /** The refused version of a document the device goes back from (see SyncProblem). */
  readonly refused?: SyncDocument;
}

/** Adds refusals; a document already listed keeps its place and first time, with the new reason. */
export function recordProblems(
  db: LocalDocumentHost,
  problems: readonly NewProblem[],
  at: number,
): Promise<void> {
  if (problems.length === 0) return Promise.resolve();
  return modifyLocal(db, PROBLEMS_DOC_ID, (data) => {
    const entries = entriesOf(data, asProblem, PROBLEMS_DOC_ID);
    for (const problem of problems) {
      const key = entryKey(problem.collection, problem.id);
      const index = entries.findIndex((e) => e.key === key);
      const previous = entries[index];
      const entry: SyncProblem = {
        ...problem,
        key,
        firstAt: previous?.firstAt ?? at,
        lastAt: at,
      };
      if (previous === undefined) entries.push(entry);
      else entries[index] = entry;
    }
    return { entries };
  });
}

/** Removes the problems of these documents (their rows landed). */
export function clearProblems(
  db: LocalDocumentHost,
  collection: CollectionName,
  ids: readonly string[],
): Promise<void> {
  const keys = new Set(ids.map((id) => entryKey(collection, id)));
  return modifyLocal(db, PROBLEMS_DOC_ID, (data) => ({
    entries: entriesOf(data, asProblem, PROBLEMS_DOC_ID).filter((e) => !keys.has(e.key)),
  }));
}

/** Removes one problem because a person acknowledged it. */
export function dismissProblem(db: LocalDocumentHost, key: string): Promise<void> {
  return modifyLocal(db, PROBLEMS_DOC_ID, (data) => ({
    entries: entriesOf(data, asProblem, PROBLEMS_DOC_ID).filter((e) => e.key !== key),
  }));
}

// --- Conflicts ---------------------------------------------------------------------------

export function readConflicts(db: LocalDocumentHost): Promise<SyncConflict[]> {
  return readLocal(db, CONFLICTS_DOC_ID).then((data) =>
    entriesOf(data, asConflict, CONFLICTS_DOC_ID),
  );
}

export function conflicts$(db: LocalDocumentHost): Observable<readonly SyncConflict[]> {
  return watchLocal(db, CONFLICTS_DOC_ID, (data) => entriesOf(data, asConflict, CONFLICTS_DOC_ID));
}

export function recordConflict(
  db: LocalDocumentHost,
  conflict: Omit<SyncConflict, 'key'>,
): Promise<void> {
  const key = entryKey(conflict.collection, conflict.id);
  return modifyLocal(db, CONFLICTS_DOC_ID, (data) => {
    const entries = entriesOf(data, asConflict, CONFLICTS_DOC_ID).filter((e) => e.key !== key);
    entries.push({ ...conflict, key });
    return { entries };
  });
}

export function clearConflict(db: LocalDocumentHost, key: string): Promise<void> {
  return modifyLocal(db, CONFLICTS_DOC_ID, (data) => ({
    entries: entriesOf(data, asConflict, CONFLICTS_DOC_ID).filter((e) => e.key !== key),
  }));
}

// --- State -------------------------------------------------------------------------------

export function readSyncState(db: LocalDocumentHost): Promise<SyncState> {
  return readLocal(db, SYNC_STATE_DOC_ID).then(normaliseState);
}

export function syncState$(db: LocalDocumentHost): Observable<SyncState> {
  return watchLocal(db, SYNC_STATE_DOC_ID, normaliseState);
}

export function writeLastSyncedAt(db: LocalDocumentHost, at: number): Promise<void> {
  return modifyLocal(db, SYNC_STATE_DOC_ID, (data) => {
    const state = normaliseState(data);
    return { ...state, lastSyncedAt: Math.max(at, state.lastSyncedAt ?? 0) };
  });
}

export function markFirstSyncDone(db: LocalDocumentHost, replication: string): Promise<void> {
  return modifyLocal(db, SYNC_STATE_DOC_ID, (data) => {
    const state = normaliseState(data);
    if (state.firstSyncDone.includes(replication)) return { ...state };
    return { ...state, firstSyncDone: [...state.firstSyncDone, replication] };
  });
}
