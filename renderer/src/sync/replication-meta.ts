/**
 * What RxDB's replication metadata tells about one collection, read without disturbing the
 * replication:
 *
 * - Pending uploads: RxDB keeps, per document, the state it assumes the server has (its
 *   "assumed master state", written when a pull or a push lands) and an upstream checkpoint
 *   (every local change before it has been handled). A document is waiting to be uploaded when
 *   it changed after that checkpoint and differs from its assumed master state (or has none:
 *   created here, never pushed), or holds a merged conflict not pushed yet — exactly the test
 *   RxDB's upstream applies before pushing. This survives restarts: a device offline for a
 *   month counts every change it made.
 * - Server documents held: one metadata entry per document that came from (or was accepted
 *   by) the server, for the first-sync progress bar.
 */
import {
  getAssumedMasterState,
  getChangedDocumentsSince,
  getComposedPrimaryKeyOfDocumentData,
  prepareQuery,
  writeDocToDocState,
  type RxDocumentData,
  type RxStorageInstanceReplicationState,
  type WithDeleted,
} from 'rxdb';

const SCAN_BATCH = 500;

/** Local changes RxDB has not had acknowledged by the server yet. */
export async function countPendingUploads<Doc>(
  state: RxStorageInstanceReplicationState<Doc>,
): Promise<number> {
  const { metaInstance, forkInstance, conflictHandler } = state.input;
  const upCheckpointId = getComposedPrimaryKeyOfDocumentData(metaInstance.schema, {
    isCheckpoint: '1',
    itemId: 'up',
  } as never);
  const [checkpointDoc] = await metaInstance.findDocumentsById([upCheckpointId], false);
  let checkpoint: unknown = (checkpointDoc as { checkpointData?: unknown } | undefined)
    ?.checkpointData;
  let pending = 0;
  for (;;) {
    if (state.events.canceled.getValue()) return pending;
    const page = await getChangedDocumentsSince(forkInstance, SCAN_BATCH, checkpoint);
    if (page.documents.length === 0) break;
    const ids = page.documents.map(
      (doc) => (doc as Record<string, unknown>)[state.primaryPath] as string,
    );
    const assumed = await getAssumedMasterState(state, ids);
    for (const doc of page.documents) {
      const id = (doc as Record<string, unknown>)[state.primaryPath] as string;
      const master = assumed[id];
      if (master === undefined) {
        pending += 1;
        continue;
      }
      const docState = writeDocToDocState(doc, false, false) as WithDeleted<Doc>;
      const pushedAlready =
        master.metaDocument.isResolvedConflict !== doc._rev &&
        conflictHandler.isEqual(master.docData, docState, 'village-credit-count-pending');
      if (!pushedAlready) pending += 1;
    }
    checkpoint = page.checkpoint;
    if (page.documents.length < SCAN_BATCH) break;
  }
  return pending;
}

/** Documents whose server state this device knows (pulled, or pushed and accepted). */
export async function countServerDocumentsHeld<Doc>(
  state: RxStorageInstanceReplicationState<Doc>,
): Promise<number> {
  const { metaInstance } = state.input;
  const query = prepareQuery<RxDocumentData<unknown>>(
    metaInstance.schema as never,
    {
      selector: { _deleted: { $eq: false } },
      sort: [{ id: 'asc' }],
      skip: 0,
    } as never,
  );
  const [all, checkpoints] = await Promise.all([
    metaInstance.count(query as never),
    metaInstance.findDocumentsById(
      ['up', 'down'].map((itemId) =>
        getComposedPrimaryKeyOfDocumentData(metaInstance.schema, {
          isCheckpoint: '1',
          itemId,
        } as never),
      ),
      false,
    ),
  ]);
  return Math.max(0, all.count - checkpoints.length);
}
