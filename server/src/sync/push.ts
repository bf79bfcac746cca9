/**
 * Push: the rows a device sends, decided one by one, written in one transaction.
 *
 * Each row is first checked on its own (the collection's schema), then, inside the
 * transaction, against the stored document: the account's rights (access.ts), the merge
 * rules (shared/sync/merge.ts `decidePush`) and, for the ledger's collections, who may do
 * what in it (shared/ledger/authority.ts: review by a second person, the township's
 * confirmations, the assembly's adoptions). A refused row is answered with a code and the
 * server's message; a row based on an outdated version is answered with the stored document
 * (a conflict the device resolves); every other row is written. Refused rows and conflicts
 * do not stop the rest of the batch; a failure of the request as a whole (the database)
 * writes nothing.
 *
 * The ledger check comes after the merge rules: a row based on an outdated version is a
 * conflict to merge, not a refusal, and the check then compares exactly the change the
 * device made. It vouches for the people a document names by the accounts that have signed
 * in on the pushing computer (access.ts `deviceUsers`), looked up only when a row names
 * someone other than the pusher.
 *
 * The transaction takes the store's sequence counter lock before reading the stored
 * documents, so concurrent pushes run one after another: of two pushes of one document
 * based on the same version, the first writes and the second gets a conflict.
 */
import type { Principal } from '../../../shared/auth/roles.ts';
import { COLLECTION_OWNER, type CollectionName } from '../../../shared/collections/plan.ts';
import type { ErrorCode, ErrorParams } from '../../../shared/errors.ts';
import {
  LEDGER_COLLECTIONS,
  ledgerWriteProblem,
  type WriteAuthority,
} from '../../../shared/ledger/authority.ts';
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
  type StoredDocument,
} from '../store/documents.ts';
import { noteLedgerWrites } from '../ledger/figures.ts';
import { deviceUsers, mayWrite } from './access.ts';
import { dataOf, toSyncDocument } from './documents.ts';
import { documentProblem } from './validation.ts';

interface Candidate {
  readonly index: number;
  readonly incoming: SyncDocument;
  readonly assumed: SyncDocument | undefined;
}

/** The pushing account; `deviceId` is its session's computer (absent: trust the account alone). */
export type Pusher = Principal & { readonly deviceId?: string };

export async function pushRows(
  db: Db,
  principal: Pusher,
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
  principal: Pusher,
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
    const written = new Map<string, SyncDocument>();
    const authority = LEDGER_COLLECTIONS.has(collection)
      ? await ledgerAuthority(tx, principal, collection, candidates, written)
      : undefined;
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
        continue;
      }
      if (decision.kind === 'conflict') {
        if (storedDoc !== undefined) found.push(storedDoc);
        continue;
      }
      const problem =
        authority === undefined
          ? undefined
          : ledgerWriteProblem(authority, collection, storedDoc, incoming);
      if (problem !== undefined) {
        refuse(index, id, problem.code, problem.params ?? { id });
      } else if (storedDoc === undefined || !isSameDocument(storedDoc, incoming)) {
        // An unchanged document is not written again: a new seq would send it to every device.
        written.set(id, incoming);
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
    if (writes.length > 0) {
      await putDocuments(tx, collection, writes);
      // The township's figures table learns which subjects changed (rescored later).
      await noteLedgerWrites(tx, collection, writes);
    }
    return found;
  });
}

/** The users a document names: its recorder, its last editor and the stamps of its acts. */
function namedUsers(doc: SyncDocument): string[] {
  const names: string[] = [];
  for (const [field, value] of Object.entries(doc)) {
    if ((field === 'createdBy' || field === 'updatedBy') && typeof value === 'string') {
      names.push(value);
    } else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const by = (value as Readonly<Record<string, unknown>>)['by'];
      if (typeof by === 'string') names.push(by);
    }
  }
  return names;
}

/**
 * What the ledger check needs besides the row: the accounts that signed in on the pushing
 * computer (only looked up when a row names someone else than the pusher), and a reversal's
 * target — a refund must reverse a redemption debit — as stored, or as written earlier in
 * this push (`written`, filled as rows land).
 */
async function ledgerAuthority(
  tx: Db,
  principal: Pusher,
  collection: CollectionName,
  candidates: readonly Candidate[],
  written: ReadonlyMap<string, SyncDocument>,
): Promise<WriteAuthority> {
  const others = candidates.some(({ incoming }) =>
    namedUsers(incoming).some((user) => user !== principal.userId),
  );
  const users =
    others && principal.deviceId !== undefined
      ? await deviceUsers(tx, principal.deviceId)
      : undefined;
  const targets = new Set<string>();
  if (collection === 'events') {
    for (const { incoming } of candidates) {
      const target = incoming['reversalOf'];
      if (incoming['kind'] === 'reversal' && typeof target === 'string') targets.add(target);
    }
  }
  const stored =
    targets.size === 0
      ? new Map<string, StoredDocument>()
      : await getDocuments(tx, collection, [...targets]);
  return {
    principal,
    ...(users === undefined ? {} : { deviceUsers: users }),
    related: (id) => {
      const landed = written.get(id);
      if (landed !== undefined) return landed;
      const found = stored.get(id);
      return found === undefined ? undefined : toSyncDocument(found);
    },
  };
}
