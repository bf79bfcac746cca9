/**
 * Push: the rows a device sends, decided one by one, written in one transaction.
 *
 * Each row is first checked on its own (the collection's schema), then, inside the
 * transaction, against the stored document: the account's rights (access.ts) and the merge
 * rules (shared/sync/merge.ts `decidePush`). A refused row is answered with a code and the
 * server's message; a row based on an outdated version is answered with the stored document
 * (a conflict the device resolves); every other row is written. Refused rows and conflicts
 * do not stop the rest of the batch; a failure of the request as a whole (the database)
 * writes nothing.
 *
 * The transaction takes the store's sequence counter lock before reading the stored
 * documents, so concurrent pushes run one after another: of two pushes of one document
 * based on the same version, the first writes and the second gets a conflict.
 */
import type { Principal } from '../../../shared/auth/roles.ts';
import { COLLECTION_OWNER, type CollectionName } from '../../../shared/collections/plan.ts';
import type { ErrorCode, ErrorParams } from '../../../shared/errors.ts';
import { decidePush, isSameDocument, withoutInternalKeys } from '../../../shared/sync/merge.ts';
import type {
  PushResponse,
  PushRow,
  RejectedRow,
  SyncDocument,
} from '../../../shared/sync/protocol.ts';
import type { Db } from '../db/database.ts';
import { describeError } from '../messages.ts';
import {
  getDocuments,
  lockSequenceCounter,
  putDocuments,
  type DocumentWrite,
} from '../store/documents.ts';
import { mayWrite } from './access.ts';
import { dataOf, toSyncDocument } from './documents.ts';
import { documentProblem } from './validation.ts';

interface Candidate {
  readonly index: number;
  readonly incoming: SyncDocument;
  readonly assumed: SyncDocument | undefined;
}

export async function pushRows(
  db: Db,
  principal: Principal,
  collection: CollectionName,
  rows: readonly PushRow[],
): Promise<PushResponse> {
  const rejected: { index: number; row: RejectedRow }[] = [];
  const refuse = (index: number, id: string, code: ErrorCode, params: ErrorParams): void => {
    rejected.push({
      index,
      row: { id, code, params, message: describeError(code, params).zh },
    });
  };

  const candidates: Candidate[] = [];
  const seen = new Set<string>();
  rows.forEach((row, index) => {
    const incoming = withoutInternalKeys(row.newDocumentState);
    const { id } = incoming;
    if (seen.has(id)) {
      refuse(index, id, 'sync.row-invalid', { id, reason: 'the same record twice in one upload' });
      return;
    }
    seen.add(id);
    const problem = documentProblem(collection, dataOf(incoming));
    if (problem !== undefined) {
      refuse(index, id, 'sync.row-invalid', { id, reason: problem });
      return;
    }
    const assumed =
      row.assumedMasterState === undefined
        ? undefined
        : withoutInternalKeys(row.assumedMasterState);
    candidates.push({ index, incoming, assumed });
  });

  const conflicts =
    candidates.length === 0
      ? []
      : await decideAndWrite(db, principal, collection, candidates, refuse);
  return {
    conflicts,
    rejected: rejected.sort((a, b) => a.index - b.index).map(({ row }) => row),
  };
}

async function decideAndWrite(
  db: Db,
  principal: Principal,
  collection: CollectionName,
  candidates: readonly Candidate[],
  refuse: (index: number, id: string, code: ErrorCode, params: ErrorParams) => void,
): Promise<SyncDocument[]> {
  return db.transaction(async (tx) => {
    const found: SyncDocument[] = [];
    await lockSequenceCounter(tx);
    const stored = await getDocuments(
      tx,
      collection,
      candidates.map(({ incoming }) => incoming.id),
    );
    const writes: DocumentWrite[] = [];
    for (const { index, incoming, assumed } of candidates) {
      const current = stored.get(incoming.id);
      const storedDoc = current === undefined ? undefined : toSyncDocument(current);
      const { id } = incoming;
      if (!mayWrite(principal, collection, { stored: storedDoc, assumed, incoming })) {
        refuse(index, id, 'sync.row-forbidden', { id });
        continue;
      }
      const decision = decidePush(collection, { stored: storedDoc, assumed, incoming });
      if (decision.kind === 'reject') {
        refuse(index, id, decision.code, decision.params);
      } else if (decision.kind === 'conflict') {
        if (storedDoc !== undefined) found.push(storedDoc);
      } else if (storedDoc === undefined || !isSameDocument(storedDoc, incoming)) {
        // An unchanged document is not written again: a new seq would send it to every device.
        writes.push({
          id,
          scope:
            COLLECTION_OWNER[collection] === 'village'
              ? { villageCode: String(incoming['villageCode']) }
              : { townshipCode: String(incoming['townshipCode']) },
          data: dataOf(incoming),
          deleted: incoming._deleted,
        });
      }
    }
    if (writes.length > 0) await putDocuments(tx, collection, writes);
    return found;
  });
}
