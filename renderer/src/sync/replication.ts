/**
 * One collection's replication with the town server: RxDB's `replicateRxCollection` with
 * handlers that speak the HTTP contract (shared/sync/protocol.ts) through the engine's
 * transport and shared connection.
 *
 * - Pull: `GET pull?checkpoint=<seq>&batchSize=<n>`; RxDB persists the checkpoint after each
 *   batch it stored, so an interrupted first sync resumes where it stopped, even after the
 *   app restarts. A failed pull is retried by RxDB after the connection's backoff.
 * - Push: `POST push` with at most MAX_PUSH_BATCH rows and a body well under the server's
 *   5 MiB limit (larger sets are split). Conflicts go back to RxDB, which merges them with the
 *   collection's conflict handler (shared/sync/merge.ts) and pushes the result.
 * - Refused rows are reported (the sync problems list, with the refused version's reason) and
 *   the document on this device goes back to the server's version — the state the row
 *   assumed, which the server confirmed by refusing on its merits — so the device shows what
 *   the server holds. (A document the server never had stays as it is here.) The next local
 *   edit of the document pushes again; the problem goes when such a push lands. If the server
 *   refuses a whole request as malformed or too large (400/413), the batch is halved until
 *   the row at fault is found and reported alone, so one bad document never blocks the
 *   others. Nothing is dropped silently.
 * - Conflict handler: `isEqual` = isSameDocument, `resolve` = resolveConflict(...).document,
 *   except for a refused version, which resolves to the server's.
 * - Attachments: the server never holds a document's `_attachments` (withoutInternalKeys
 *   leaves them out of every push). In a collection whose schema keeps attachments, RxDB
 *   refuses to push an edit whose assumed server version has no `_attachments` (error AT4,
 *   before the push handler is called), so every server version handed to RxDB — pulled,
 *   streamed, or returned as a conflict — gets an empty `_attachments`. Without it an edit of
 *   a record that came from the server would never upload. (RxDB writes a pulled version over
 *   the device's copy with the server's attachments, that is none: photo evidence must not
 *   rely on a synced document's `_attachments` surviving a pull.)
 */
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import type {
  RxCollection,
  RxReplicationPullStreamItem,
  RxReplicationWriteToMasterRow,
  WithDeleted,
} from 'rxdb';
import { map, type Observable } from 'rxjs';
import type { CollectionName } from '../../../shared/collections/plan.ts';
import type { ErrorCode, ErrorParams } from '../../../shared/errors.ts';
import {
  isSameDocument,
  resolveConflict,
  withoutInternalKeys,
} from '../../../shared/sync/merge.ts';
import {
  MAX_PUSH_BATCH,
  type PushRow,
  type SyncCheckpoint,
  type SyncDocument,
} from '../../../shared/sync/protocol.ts';
import type { Connection } from './connection.ts';
import { labelOf, type NewProblem } from './stores.ts';
import { isTransient, SyncRequestError, type SyncTransport } from './transport.ts';

/** Documents as the replication handles them (the collection's fields, id, _deleted). */
export type Doc = SyncDocument;

export type RxCollectionReplication = RxReplicationState<Doc, SyncCheckpoint>;

export interface CollectionReplication {
  readonly state: RxCollectionReplication;
  /** Whether `doc` is a version the server refused (its conflict is no person's choice). */
  readonly isRefusedVersion: (doc: Doc) => boolean;
}

/** The server takes 5 MiB per request; a push body stays under this. */
export const MAX_PUSH_BODY_BYTES = 4 * 1024 * 1024;

export interface CollectionReplicationOptions {
  readonly name: CollectionName;
  readonly collection: RxCollection<Doc>;
  /** Identifies the replication's metadata (checkpoints, assumed server states). */
  readonly identifier: string;
  readonly transport: SyncTransport;
  readonly connection: Connection;
  /** The live stream, for collections that have one; others are resynced by the engine. */
  readonly stream$?: Observable<RxReplicationPullStreamItem<Doc, SyncCheckpoint>>;
  readonly pullBatchSize: number;
  /** How long RxDB pauses after a failed request before asking again (the connection's
   * backoff decides when the request is really sent). */
  readonly retryMs: number;
  /** Rows the server refused. */
  readonly onRejected: (problems: readonly NewProblem[]) => void;
  /** Rows that landed (neither conflicting nor refused). */
  readonly onLanded: (ids: readonly string[]) => void;
  /** A failure not worth retrying (halts the engine, or leaves this collection out). */
  readonly onFatal: (error: SyncRequestError) => void;
}

/**
 * The collection's conflict handler, from the shared merge rules; a version the server
 * refused (`refused(doc)`) resolves to the server's.
 */
export function conflictHandlerFor(
  name: CollectionName,
  refused: (doc: Doc) => boolean = () => false,
): RxCollection<Doc>['conflictHandler'] {
  return {
    isEqual: (a, b) => isSameDocument(a, b),
    resolve: (input) =>
      Promise.resolve(
        refused(input.newDocumentState)
          ? input.realMasterState
          : resolveConflict(name, input).document,
      ),
  };
}

export function startCollectionReplication(
  options: CollectionReplicationOptions,
): CollectionReplication {
  const { name, collection, transport, connection } = options;
  // id → the version the server refused, and → the server version the device went back to.
  const refusedVersions = new Map<string, Doc>();
  const revertedTo = new Map<string, Doc>();
  const isRefusedVersion = (doc: Doc): boolean => {
    const refused = refusedVersions.get(doc.id);
    return refused !== undefined && isSameDocument(refused, doc);
  };
  collection.conflictHandler = conflictHandlerFor(name, isRefusedVersion);
  const asServerVersions = serverVersionsFor(collection);

  /**
   * Reports refused rows; returns, as conflicts, the server versions to go back to (RxDB then
   * writes them here through the conflict handler).
   */
  const refuse = (
    rows: readonly {
      readonly row: PushRow;
      readonly code: ErrorCode;
      readonly params: ErrorParams;
    }[],
  ): Doc[] => {
    if (rows.length === 0) return [];
    options.onRejected(
      rows.map(({ row, code, params }) => ({
        collection: name,
        id: row.newDocumentState.id,
        label: labelOf(row.newDocumentState),
        code,
        params,
        // An edit of a stored document is undone on the device: keep what was typed.
        ...(row.assumedMasterState === undefined ? {} : { refused: row.newDocumentState }),
      })),
    );
    const serverVersions: Doc[] = [];
    for (const { row } of rows) {
      const { id } = row.newDocumentState;
      if (row.assumedMasterState === undefined) continue;
      refusedVersions.set(id, row.newDocumentState);
      revertedTo.set(id, row.assumedMasterState);
      serverVersions.push(row.assumedMasterState);
    }
    return serverVersions;
  };

  /** Rows that landed; going back to the server's version is no fix of the problem. */
  const landed = (rows: readonly PushRow[]): void => {
    const ids: string[] = [];
    for (const { newDocumentState: doc } of rows) {
      const reverted = revertedTo.get(doc.id);
      revertedTo.delete(doc.id);
      refusedVersions.delete(doc.id);
      if (reverted === undefined || !isSameDocument(reverted, doc)) ids.push(doc.id);
    }
    if (ids.length > 0) options.onLanded(ids);
  };

  const report = (error: unknown): void => {
    if (!(error instanceof SyncRequestError)) {
      console.error(`sync of ${name} failed unexpectedly`, error);
      return;
    }
    if (error.kind === 'stopped') return;
    if (isTransient(error.kind)) connection.failed(error.error);
    else options.onFatal(error);
  };

  const pushBatch = async (rows: readonly PushRow[]): Promise<Doc[]> => {
    await connection.ready();
    try {
      const answer = await connection.track(() => transport.push(name, rows));
      connection.succeeded();
      const byId = new Map(rows.map((row) => [row.newDocumentState.id, row]));
      const refusedRows = answer.rejected.flatMap((r) => {
        const row = byId.get(r.id);
        return row === undefined ? [] : [{ row, code: r.code, params: r.params }];
      });
      const notLanded = new Set([
        ...answer.conflicts.map((d) => d.id),
        ...answer.rejected.map((r) => r.id),
      ]);
      landed(rows.filter((r) => !notLanded.has(r.newDocumentState.id)));
      return asServerVersions([...answer.conflicts, ...refuse(refusedRows)]);
    } catch (error) {
      const refusedRequest =
        error instanceof SyncRequestError &&
        error.kind === 'refused' &&
        (error.status === 400 || error.status === 413);
      if (refusedRequest && rows.length > 1) {
        const half = Math.ceil(rows.length / 2);
        return [...(await pushBatch(rows.slice(0, half))), ...(await pushBatch(rows.slice(half)))];
      }
      if (refusedRequest) {
        console.error(`the town server refused a push of ${name}`, error);
        return asServerVersions(
          refuse(
            rows.map((row) => ({ row, code: error.error.code, params: error.error.params ?? {} })),
          ),
        );
      }
      report(error);
      throw error;
    }
  };

  const state = replicateRxCollection<Doc, SyncCheckpoint>({
    replicationIdentifier: options.identifier,
    collection,
    live: true,
    retryTime: options.retryMs,
    // One window of the app syncs a database at a time (the web shell may be open twice).
    waitForLeadership: true,
    autoStart: true,
    pull: {
      batchSize: options.pullBatchSize,
      ...(options.stream$ === undefined
        ? {}
        : {
            stream$: options.stream$.pipe(
              map((item) =>
                item === 'RESYNC' ? item : { ...item, documents: asServerVersions(item.documents) },
              ),
            ),
          }),
      handler: async (checkpoint, batchSize) => {
        await connection.ready();
        try {
          const answer = await connection.track(() =>
            transport.pull(name, checkpoint ?? undefined, batchSize),
          );
          connection.succeeded();
          return {
            documents: asServerVersions(answer.documents as WithDeleted<Doc>[]),
            checkpoint: answer.checkpoint ?? checkpoint ?? undefined,
          };
        } catch (error) {
          report(error);
          throw error;
        }
      },
    },
    push: {
      batchSize: MAX_PUSH_BATCH,
      handler: async (rows: RxReplicationWriteToMasterRow<Doc>[]) => {
        const conflicts: Doc[] = [];
        for (const batch of batchesOf(rows.map(toPushRow))) {
          conflicts.push(...(await pushBatch(batch)));
        }
        return conflicts;
      },
    },
  });
  return { state, isRefusedVersion };
}

/**
 * Server versions as RxDB must see them in this collection: with an empty `_attachments`
 * where the schema keeps attachments (see the module comment), unchanged elsewhere.
 */
export function serverVersionsFor(
  collection: RxCollection<Doc>,
): <D extends Doc>(docs: D[]) => D[] {
  if (collection.schema.jsonSchema.attachments === undefined) return (docs) => docs;
  return (docs) => docs.map((doc) => ({ ...doc, _attachments: {} }));
}

/**
 * A replication failure that is no request’s (request failures, RC_PULL and RC_PUSH carrying
 * the handler's `errors`, are counted by the connection and retried): RxDB's own refusal to
 * push or store a document, after which that document's upload does not move. As a problem
 * for the sync problems list when the failure names its document, so it is never silent.
 */
export function stalledUpload(
  name: CollectionName,
  error: { readonly code: string; readonly parameters?: object },
): NewProblem | undefined {
  const parameters = (error.parameters ?? {}) as {
    readonly errors?: unknown;
    readonly document?: Readonly<Record<string, unknown>>;
    readonly writeError?: { readonly documentId?: unknown };
  };
  if ((error.code === 'RC_PULL' || error.code === 'RC_PUSH') && parameters.errors !== undefined) {
    return undefined;
  }
  const id = parameters.document?.['id'] ?? parameters.writeError?.documentId;
  if (typeof id !== 'string') return undefined;
  return {
    collection: name,
    id,
    label: labelOf(parameters.document),
    code: 'sync.upload-stalled',
    params: { id, reason: error.code },
  };
}

function toPushRow(row: RxReplicationWriteToMasterRow<Doc>): PushRow {
  const newDocumentState = withoutInternalKeys(row.newDocumentState);
  return row.assumedMasterState === undefined
    ? { newDocumentState }
    : { newDocumentState, assumedMasterState: withoutInternalKeys(row.assumedMasterState) };
}

const encoder = new TextEncoder();

/** Rows in order, at most MAX_PUSH_BATCH per batch and MAX_PUSH_BODY_BYTES of JSON. */
export function batchesOf(rows: readonly PushRow[]): PushRow[][] {
  const batches: PushRow[][] = [];
  let batch: PushRow[] = [];
  let bytes = 2;
  for (const row of rows) {
    const size = encoder.encode(JSON.stringify(row)).length + 1;
    if (
      batch.length > 0 &&
      (batch.length >= MAX_PUSH_BATCH || bytes + size > MAX_PUSH_BODY_BYTES)
    ) {
      batches.push(batch);
      batch = [];
      bytes = 2;
    }
    batch.push(row);
    bytes += size;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}
