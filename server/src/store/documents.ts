/**
 * The server-side store of the synced collections (shared/collections/plan.ts). Every
 * write — insert, update or tombstone — gets a new, server-assigned sequence number that is
 * strictly increasing across all collections and becomes visible in increasing order, so
 * a pull of `seq > checkpoint` never misses a document. Rows are never removed.
 *
 * Sequence numbers come from the single-row `store_counter`, updated inside the writing
 * transaction: writers queue on its row lock until the holder commits. A caller composing
 * a larger transaction should write documents before taking other row locks, or two
 * writers can deadlock (PostgreSQL then aborts one of them). The sync push takes the
 * counter first (`lockSequenceCounter`), before reading what it compares against, so
 * pushers run one after another and each sees the previous one's writes.
 *
 * Every write also sends a NOTIFY on `DOCUMENTS_CHANNEL` (delivered on commit) naming the
 * collection, the place and the highest seq written, so live sync streams on every server
 * instance wake up (server/src/sync/feed.ts).
 */
import { CodedError } from '../../../shared/errors.ts';
import {
  COLLECTION_OWNER,
  isCollectionName,
  type CollectionName,
} from '../../../shared/collections/plan.ts';
import {
  townshipCodeOfVillage,
  validateTownshipCode,
  validateVillageCode,
} from '../../../shared/places/division-codes.ts';
import { reasonOf, sqlStateOf, type Db } from '../db/database.ts';

/** Who a document belongs to: a village (village-owned collections) or a township. */
export type DocumentScope = { readonly villageCode: string } | { readonly townshipCode: string };

export type DocumentData = Readonly<Record<string, unknown>>;

export interface DocumentWrite {
  readonly id: string;
  readonly scope: DocumentScope;
  readonly data: DocumentData;
  /** Write a tombstone: the document is deleted and keeps `data` as its last state. */
  readonly deleted?: boolean;
}

export interface StoredDocument {
  readonly collection: CollectionName;
  readonly id: string;
  readonly villageCode: string | null;
  readonly townshipCode: string;
  readonly seq: number;
  readonly deleted: boolean;
  readonly data: DocumentData;
  readonly updatedAt: string;
}

export interface PullOptions {
  /** Return documents written after this sequence number (0: from the beginning). */
  readonly afterSeq: number;
  readonly limit: number;
  /**
   * Whose view: a village sees its own documents and those its township publishes to
   * every village or to this one; a township sees everything in the township. Without a
   * scope: every document (administration).
   */
  readonly scope?: DocumentScope;
}

export interface PullResult {
  /** Ordered by seq, tombstones included; fewer than `limit` means caught up. */
  readonly documents: StoredDocument[];
  /** The seq of the last document returned, or `afterSeq` when there is none. */
  readonly checkpoint: number;
}

export const MAX_PULL_LIMIT = 1000;
export const MAX_ID_LENGTH = 200;

/** The NOTIFY channel of document writes; the payload is a `ChangeNotice` as JSON. */
export const DOCUMENTS_CHANNEL = 'village_credit_documents';

/**
 * What a write notifies: which collection, where (`villageCode` is the document's village,
 * or for a township document the village it is published to, '' for every village), and
 * the highest seq written there. Short: NOTIFY payloads are limited to 8,000 bytes.
 */
export interface ChangeNotice {
  readonly collection: CollectionName;
  readonly townshipCode: string;
  readonly villageCode: string;
  readonly seq: number;
}

/** Inserts or updates documents; each gets a new seq, in the order given. */
export async function putDocuments(
  db: Db,
  collection: string,
  writes: readonly DocumentWrite[],
): Promise<StoredDocument[]> {
  const name = checkCollection(collection);
  const rows = writes.map((write) => toRow(name, write));
  const seen = new Set<string>();
  for (const row of rows) {
    if (seen.has(row.id))
      throw new CodedError('store.document-invalid', {
        id: row.id,
        reason: 'duplicate id in one batch',
      });
    seen.add(row.id);
  }
  if (rows.length === 0) return [];

  return db.transaction(async (tx) => {
    const last = await takeSequenceNumbers(tx, rows.length);
    const first = last - rows.length + 1;
    // One statement for the batch. Updating a row requires the same owner: a document
    // never moves between villages, and a mismatch shows up as a missing RETURNING row.
    const result = await writeRows(
      tx,
      `INSERT INTO documents AS d (collection, id, village_code, township_code, seq, deleted, data, updated_at)
       SELECT $1, w.id, w.village_code, w.township_code, $2::bigint + w.ord - 1, w.deleted, w.data::jsonb, now()
         FROM unnest($3::text[], $4::text[], $5::text[], $6::boolean[], $7::text[])
              WITH ORDINALITY AS w(id, village_code, township_code, deleted, data, ord)
       ON CONFLICT (collection, id) DO UPDATE
         SET seq = excluded.seq, deleted = excluded.deleted, data = excluded.data, updated_at = excluded.updated_at
         WHERE d.village_code IS NOT DISTINCT FROM excluded.village_code AND d.township_code = excluded.township_code
       RETURNING ${DOCUMENT_COLUMNS}`,
      [
        name,
        first,
        rows.map((row) => row.id),
        rows.map((row) => row.villageCode),
        rows.map((row) => row.townshipCode),
        rows.map((row) => row.deleted),
        rows.map((row) => JSON.stringify(row.data)),
      ],
    );
    if (result.rows.length !== rows.length) {
      const written = new Set(result.rows.map((row) => row.id));
      const refused = rows.find((row) => !written.has(row.id));
      throw new CodedError('store.document-scope-invalid', {
        collection: name,
        id: refused?.id ?? '',
      });
    }
    const documents = result.rows.map(toDocument).sort((a, b) => a.seq - b.seq);
    await notifyChanges(tx, documents);
    return documents;
  });
}

/**
 * Takes the sequence counter's row lock for the rest of the transaction (see the top of
 * this file) and returns the last seq handed out.
 */
export async function lockSequenceCounter(tx: Db): Promise<number> {
  const result = await tx.query<{ value: unknown }>('SELECT value FROM store_counter FOR UPDATE');
  const value = result.rows[0]?.value;
  if (value === undefined) throw new Error('store_counter has no row: the migrations did not run');
  return toSeq(value);
}

/** How many documents (tombstones included) each collection holds in `scope`. */
export async function countDocuments(
  db: Db,
  scope?: DocumentScope,
): Promise<Map<CollectionName, number>> {
  const { sql, params } = scopeFilter(scope, 1);
  const result = await db.query<{ collection: string; documents: unknown }>(
    `SELECT collection, count(*) AS documents FROM documents WHERE true ${sql} GROUP BY collection`,
    params,
  );
  return new Map(
    result.rows.map((row) => [checkCollection(row.collection), Number(row.documents)]),
  );
}

async function notifyChanges(tx: Db, documents: readonly StoredDocument[]): Promise<void> {
  const latest = new Map<string, ChangeNotice>();
  for (const document of documents) {
    const notice: ChangeNotice = {
      collection: document.collection,
      townshipCode: document.townshipCode,
      villageCode: document.villageCode ?? publishedTo(document.data),
      seq: document.seq,
    };
    const key = `${notice.collection} ${notice.townshipCode} ${notice.villageCode}`;
    const known = latest.get(key);
    if (known === undefined || known.seq < notice.seq) latest.set(key, notice);
  }
  if (latest.size === 0) return;
  await tx.query('SELECT pg_notify($1, payload) FROM unnest($2::text[]) AS payload', [
    DOCUMENTS_CHANNEL,
    [...latest.values()].map((notice) => JSON.stringify(notice)),
  ]);
}

/** The village a township document is published to; '' for every village. */
function publishedTo(data: DocumentData): string {
  const village = data['villageCode'];
  return typeof village === 'string' ? village : '';
}

/**
 * Tombstones documents: `deleted` becomes true, the last data is kept, and each gets a new
 * seq so pulls carry the deletion. Every id must exist within `scope`.
 */
export async function deleteDocuments(
  db: Db,
  collection: string,
  ids: readonly string[],
  scope: DocumentScope,
): Promise<StoredDocument[]> {
  const name = checkCollection(collection);
  return db.transaction(async (tx) => {
    const current = await getDocuments(tx, name, ids);
    const writes = ids.map((id): DocumentWrite => {
      const document = current.get(id);
      if (document === undefined)
        throw new CodedError('store.document-not-found', { collection: name, id });
      return { id, scope, data: document.data, deleted: true };
    });
    return putDocuments(tx, name, writes);
  });
}

/** The current state of the given documents (tombstones included), by id. */
export async function getDocuments(
  db: Db,
  collection: string,
  ids: readonly string[],
): Promise<Map<string, StoredDocument>> {
  const name = checkCollection(collection);
  const result = await db.query<DocumentRow>(
    `SELECT ${DOCUMENT_COLUMNS} FROM documents WHERE collection = $1 AND id = ANY($2::text[])`,
    [name, [...ids]],
  );
  return new Map(result.rows.map((row) => [row.id, toDocument(row)]));
}

/** Documents written after `afterSeq`, in seq order, at most `limit`. */
export async function pullDocuments(
  db: Db,
  collection: string,
  options: PullOptions,
): Promise<PullResult> {
  const name = checkCollection(collection);
  const { afterSeq, limit, scope } = options;
  if (!Number.isSafeInteger(afterSeq) || afterSeq < 0) {
    throw new CodedError('store.pull-invalid', {
      field: 'afterSeq',
      value: String(afterSeq),
      expected: '≥ 0',
    });
  }
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_PULL_LIMIT) {
    throw new CodedError('store.pull-invalid', {
      field: 'limit',
      value: String(limit),
      expected: `1-${MAX_PULL_LIMIT}`,
    });
  }
  const filter = scopeFilter(scope, 4);
  const result = await db.query<DocumentRow>(
    `SELECT ${DOCUMENT_COLUMNS} FROM documents
      WHERE collection = $1 AND seq > $2 ${filter.sql}
      ORDER BY seq LIMIT $3`,
    [name, afterSeq, limit, ...filter.params],
  );
  const documents = result.rows.map(toDocument);
  return { documents, checkpoint: documents.at(-1)?.seq ?? afterSeq };
}

/** The highest sequence number handed out so far (0 on an empty store). */
export async function lastSequenceNumber(db: Db): Promise<number> {
  const result = await db.query<{ value: unknown }>('SELECT value FROM store_counter');
  return toSeq(result.rows[0]?.value ?? 0);
}

/**
 * The SQL condition (`AND …`, parameters from `$first`) of a scope. A village sees its own
 * documents and the documents its township publishes to every village (`villageCode` '' in
 * the data) or to this village; a township sees everything of the township.
 */
function scopeFilter(
  scope: DocumentScope | undefined,
  first: number,
): { readonly sql: string; readonly params: readonly unknown[] } {
  if (scope === undefined) return { sql: '', params: [] };
  if ('villageCode' in scope) {
    const village = `$${first}`;
    const township = `$${first + 1}`;
    return {
      sql: `AND (village_code = ${village} OR (village_code IS NULL AND township_code = ${township}
             AND coalesce(data->>'villageCode', '') IN ('', ${village})))`,
      params: [scope.villageCode, townshipCodeOfVillage(scope.villageCode)],
    };
  }
  return { sql: `AND township_code = $${first}`, params: [scope.townshipCode] };
}

async function writeRows(
  tx: Db,
  text: string,
  params: readonly unknown[],
): Promise<{ rows: DocumentRow[] }> {
  try {
    return await tx.query<DocumentRow>(text, params);
  } catch (error) {
    const state = sqlStateOf(error);
    // 23503: the village or township is not registered on this server.
    if (state === '23503')
      throw new CodedError('store.document-scope-invalid', {
        collection: String(params[0]),
        id: '',
      });
    // Data jsonb cannot hold (e.g. a \u0000 in a string), or a CHECK on the row.
    if (state === '22P05' || state === '22P02' || state === '23514') {
      throw new CodedError('store.document-invalid', { id: '', reason: reasonOf(error) });
    }
    throw error;
  }
}

async function takeSequenceNumbers(tx: Db, count: number): Promise<number> {
  const result = await tx.query<{ value: unknown }>(
    'UPDATE store_counter SET value = value + $1 RETURNING value',
    [count],
  );
  const value = result.rows[0]?.value;
  if (value === undefined) throw new Error('store_counter has no row: the migrations did not run');
  return toSeq(value);
}

const DOCUMENT_COLUMNS =
  'collection, id, village_code, township_code, seq, deleted, data, updated_at';

interface DocumentRow extends Record<string, unknown> {
  collection: string;
  id: string;
  village_code: string | null;
  township_code: string;
  seq: unknown;
  deleted: boolean;
  data: DocumentData;
  updated_at: Date;
}

interface WriteRow {
  readonly id: string;
  readonly villageCode: string | null;
  readonly townshipCode: string;
  readonly deleted: boolean;
  readonly data: DocumentData;
}

function checkCollection(collection: string): CollectionName {
  if (!isCollectionName(collection))
    throw new CodedError('store.collection-unknown', { collection });
  return collection;
}

function toRow(collection: CollectionName, write: DocumentWrite): WriteRow {
  const { id, data, scope } = write;
  if (id.length === 0 || id.length > MAX_ID_LENGTH) {
    throw new CodedError('store.document-invalid', {
      id,
      reason: `id must be 1-${MAX_ID_LENGTH} characters`,
    });
  }
  // The type says object; the value may come from the network, where it says nothing.
  const raw: unknown = data;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new CodedError('store.document-invalid', { id, reason: 'data must be a JSON object' });
  }
  const deleted = write.deleted === true;
  if (COLLECTION_OWNER[collection] === 'village') {
    if (!('villageCode' in scope))
      throw new CodedError('store.document-scope-invalid', { collection, id });
    const villageCode = validateVillageCode(scope.villageCode);
    if (!villageCode.ok) throw new CodedError(villageCode.error.code, villageCode.error.params);
    return {
      id,
      villageCode: villageCode.value,
      townshipCode: townshipCodeOfVillage(villageCode.value),
      deleted,
      data,
    };
  }
  if (!('townshipCode' in scope))
    throw new CodedError('store.document-scope-invalid', { collection, id });
  const townshipCode = validateTownshipCode(scope.townshipCode);
  if (!townshipCode.ok) throw new CodedError(townshipCode.error.code, townshipCode.error.params);
  return { id, villageCode: null, townshipCode: townshipCode.value, deleted, data };
}

function toDocument(row: DocumentRow): StoredDocument {
  return {
    collection: checkCollection(row.collection),
    id: row.id,
    villageCode: row.village_code,
    townshipCode: row.township_code,
    seq: toSeq(row.seq),
    deleted: row.deleted,
    data: row.data,
    updatedAt: row.updated_at.toISOString(),
  };
}

// bigint columns arrive as strings (pg), numbers or bigints (PGlite). Sequence numbers stay
// far below 2^53.
function toSeq(value: unknown): number {
  const seq =
    typeof value === 'number'
      ? value
      : typeof value === 'bigint' || typeof value === 'string'
        ? Number(value)
        : NaN;
  if (!Number.isSafeInteger(seq)) throw new Error(`not a sequence number: ${String(value)}`);
  return seq;
}
