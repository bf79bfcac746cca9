/**
 * The merge rules of sync, as code: what the town server does with a pushed row
 * (`decidePush`) and how the app settles a conflict the server answered (`resolveConflict`,
 * RxDB's conflict handler). Both read the field classes of shared/collections (merge.ts,
 * each collection's `merge.fields`), so the two sides cannot disagree.
 *
 * ## On the server: one pushed row (`decidePush`)
 *
 * A row is `{ newDocumentState, assumedMasterState }`; the server has already checked it
 * against the collection's schema and the account's rights. Then, against the document it
 * has stored, inside the push transaction:
 *
 * 1. Nothing stored: the document is inserted, whatever the row assumed (a device may create,
 *    review and approve an entry offline before its first push).
 * 2. Stored ≠ assumed (deep equality of every field and `_deleted`; a missing assumed state
 *    means "new"): a **conflict**. Nothing is written; the stored document goes back to the
 *    device, whose conflict handler merges and pushes again.
 * 3. Stored = assumed: the device changed the current version, and the change must respect
 *    the field classes, else the row is **refused with a reason** (shown in the device's sync
 *    problems list, nothing written):
 *    - `immutable` fields keep their value (`sync.field-immutable {id, field}`): ledger
 *      facts, ownership (`villageCode`, `townshipCode`), creation stamps, snapshots;
 *    - `write-once` fields, once set, keep their value (`sync.field-immutable`): a review, a
 *      decision, a receipt number;
 *    - `workflow` fields move forward only along the collection's workflow, never back or to
 *      another branch (`sync.workflow-backward {id, field, from, to}`); a state the workflow
 *      does not know is invalid (`sync.row-invalid`);
 *    - documents of an append-only collection (no `editable` field: the ledger `events`, the
 *      `journal`) cannot be deleted (`sync.field-immutable` with field `_deleted`): a ledger
 *      entry is undone by a reversal event, never removed.
 *    Otherwise the row is written (a new server sequence number, so every device pulls it).
 *
 * ## In the app: a conflict (`resolveConflict`)
 *
 * Input: the state the device assumed (`assumedMasterState`, absent for a document it
 * created), the server's (`realMasterState`) and the device's (`newDocumentState`). Field by
 * field:
 *
 * - `immutable`: the server's value.
 * - `write-once`: the server's value if it has one, else the device's. Both set to different
 *   values (two different reviews of one entry): the server's, and the field is listed.
 * - `workflow`: the further state of the two (two devices that acted offline converge with
 *   no one involved). States on different branches (approved vs rejected): the server's,
 *   listed.
 * - `editable` (and `_deleted`): three-way against the assumed state: changed on one side
 *   only → that side's value; changed on both sides to different values (or no assumed state
 *   to compare with) → the server's, listed.
 * - `bookkeeping` (`updatedAt`, `updatedBy`): the pair of the side whose changes the result
 *   took; of the later `updatedAt` when it took changes of both (the server's on a tie).
 *
 * Listed fields (`conflictingFields`) are true conflicts: the document keeps the server's
 * version and the app shows both versions in its conflict list, where a person chooses. The
 * merged document never moves a field the server's version has fixed, so the device's next
 * push (assuming the server's version) lands, unless the device's own change was one the
 * rules refuse. `resolveConflict` is pure and deterministic (RxDB may call it repeatedly).
 *
 * Only the collection's fields and `_deleted` are compared; RxDB's own keys (`_meta`,
 * `_rev`, `_attachments`) never count as a difference.
 */
import { COLLECTIONS } from '../collections/index.ts';
import { workflowRelation, type FieldClass, type WorkflowSpec } from '../collections/merge.ts';
import type { CollectionName } from '../collections/plan.ts';
import type { ErrorCode, ErrorParams } from '../errors.ts';
import type { SyncDocument } from './protocol.ts';

export type PushDecision =
  | { readonly kind: 'write' }
  | { readonly kind: 'conflict' }
  | { readonly kind: 'reject'; readonly code: ErrorCode; readonly params: ErrorParams };

export interface ConflictInput {
  readonly assumedMasterState?: SyncDocument;
  readonly realMasterState: SyncDocument;
  readonly newDocumentState: SyncDocument;
}

export interface ConflictResolution {
  readonly document: SyncDocument;
  /** Fields where both sides hold different decisions: the server's version was kept. */
  readonly conflictingFields: readonly string[];
}

/** RxDB's bookkeeping keys, which travel with documents but are not document content. */
export const RXDB_INTERNAL_KEYS: readonly string[] = ['_meta', '_rev', '_attachments'];

/**
 * A document as it travels: without RxDB's internal keys (`_meta`, `_rev`, `_attachments`).
 * The app strips them before pushing, the server again on receipt.
 */
export function withoutInternalKeys(doc: SyncDocument): SyncDocument {
  return { ...withoutKeys(doc, RXDB_INTERNAL_KEYS), id: doc.id, _deleted: doc._deleted };
}

/** RxDB's internal keys and `_deleted`: what a stored document holds beyond its content. */
export const NOT_CONTENT_KEYS: readonly string[] = [...RXDB_INTERNAL_KEYS, '_deleted'];

/**
 * A stored document as the domain code reads it: without RxDB's internal keys and without
 * `_deleted`, so a changed copy can be written back as it is (RxDB refuses an explicit
 * `_deleted: undefined`). One copy, made in one pass: the app reads hundreds of thousands of
 * these when it opens a village.
 */
export function contentOf(doc: object): Record<string, unknown> {
  return withoutKeys(doc, NOT_CONTENT_KEYS);
}

/** A shallow copy of `doc` without the `omitted` keys, made in one pass. */
export function withoutKeys(doc: object, omitted: readonly string[]): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) {
    if (!omitted.includes(key)) copy[key] = value;
  }
  return copy;
}

const DELETED = '_deleted';

type Fields = { readonly [field: string]: FieldClass | undefined };

function fieldsOf(collection: CollectionName): Fields {
  const fields: Fields = COLLECTIONS[collection].merge.fields;
  return fields;
}

function workflowOf(collection: CollectionName, field: string): WorkflowSpec | undefined {
  const workflows = COLLECTIONS[collection].merge.workflows as {
    readonly [field: string]: WorkflowSpec | undefined;
  };
  return workflows[field];
}

/** A collection of records of facts (no editable field): its documents are never deleted. */
export function isAppendOnly(collection: CollectionName): boolean {
  return !Object.values(fieldsOf(collection)).includes('editable');
}

/**
 * The server's decision on one pushed row that passed validation and authorisation.
 * `stored` is the server's current document (undefined: none), `assumed` the state the
 * device based its change on, `incoming` the device's new state.
 */
export function decidePush(
  collection: CollectionName,
  row: {
    readonly stored: SyncDocument | undefined;
    readonly assumed: SyncDocument | undefined;
    readonly incoming: SyncDocument;
  },
): PushDecision {
  const { stored, assumed, incoming } = row;
  if (stored === undefined) return { kind: 'write' };
  if (assumed === undefined || !isSameDocument(stored, assumed)) return { kind: 'conflict' };

  const id = stored.id;
  const fields = fieldsOf(collection);
  const names = fieldNames(fields, stored, incoming);
  for (const field of names) {
    const cls = fields[field];
    const before = stored[field];
    const after = incoming[field];
    if (cls === 'immutable' && !sameValue(before, after)) {
      return reject('sync.field-immutable', { id, field });
    }
    if (cls === 'write-once' && before !== undefined && !sameValue(before, after)) {
      return reject('sync.field-immutable', { id, field });
    }
  }
  for (const field of names) {
    if (fields[field] !== 'workflow') continue;
    const before = stored[field];
    const after = incoming[field];
    const spec = workflowOf(collection, field);
    if (sameValue(before, after)) continue;
    if (spec === undefined || typeof before !== 'string' || typeof after !== 'string') {
      return reject('sync.row-invalid', { id, reason: `${field}: unknown workflow state` });
    }
    const relation = workflowRelation(spec, before, after);
    if (relation === 'unknown') {
      return reject('sync.row-invalid', { id, reason: `${field}: unknown state "${after}"` });
    }
    if (relation === 'behind' || relation === 'diverged') {
      return reject('sync.workflow-backward', { id, field, from: before, to: after });
    }
  }
  if (!stored._deleted && incoming._deleted && isAppendOnly(collection)) {
    return reject('sync.field-immutable', { id, field: DELETED });
  }
  return { kind: 'write' };
}

function reject(code: ErrorCode, params: ErrorParams): PushDecision {
  return { kind: 'reject', code, params };
}

/**
 * The app's conflict handler (RxDB 17 `conflictHandler.resolve` gets exactly `input`): the
 * merged document and the fields that need a person. Pure and deterministic.
 */
export function resolveConflict(
  collection: CollectionName,
  input: ConflictInput,
): ConflictResolution {
  const { assumedMasterState: assumed, realMasterState: master, newDocumentState: ours } = input;
  const fields = fieldsOf(collection);
  const result: Record<string, unknown> = {};
  const conflicting: string[] = [];
  // Whether the result took a content value from the device's side, from the server's.
  const took = { ours: false, master: false };

  const settle = (field: string, value: unknown, listed = false): void => {
    if (value !== undefined) result[field] = value;
    if (listed) conflicting.push(field);
    const isContent = fields[field] !== 'bookkeeping' && !RXDB_INTERNAL_KEYS.includes(field);
    if (!isContent) return;
    if (!sameValue(value, master[field])) took.ours = true;
    if (!sameValue(value, ours[field])) took.master = true;
  };

  for (const field of [...fieldNames(fields, master, ours), DELETED]) {
    const cls = fields[field];
    const theirs = master[field];
    const mine = ours[field];
    if (cls === 'bookkeeping') continue;
    if (RXDB_INTERNAL_KEYS.includes(field) || cls === 'immutable' || field === 'id') {
      settle(field, theirs);
    } else if (cls === 'write-once') {
      if (theirs === undefined) settle(field, mine);
      else settle(field, theirs, mine !== undefined && !sameValue(theirs, mine));
    } else if (cls === 'workflow') {
      settle(field, ...furtherState(workflowOf(collection, field), theirs, mine));
    } else {
      // editable, `_deleted`, and any field the classification does not name
      settle(field, ...threeWay(assumed, field, theirs, mine));
    }
  }

  // Bookkeeping: the pair of the side whose changes were taken.
  const ourPairIsLater = numberOr(ours['updatedAt'], -1) > numberOr(master['updatedAt'], -1);
  const pairSource = took.ours && (!took.master || ourPairIsLater) ? ours : master;
  for (const field of Object.keys(fields)) {
    if (fields[field] !== 'bookkeeping') continue;
    const value = pairSource[field];
    if (value !== undefined) result[field] = value;
  }

  const document = { ...result, id: master.id, _deleted: result[DELETED] === true };
  return { document, conflictingFields: conflicting };
}

/** `[value, listed]` for a workflow field: the further state, or the server's if diverged. */
function furtherState(
  spec: WorkflowSpec | undefined,
  theirs: unknown,
  mine: unknown,
): [unknown, boolean] {
  if (sameValue(theirs, mine)) return [theirs, false];
  if (spec === undefined || typeof theirs !== 'string' || typeof mine !== 'string') {
    return [theirs, true];
  }
  switch (workflowRelation(spec, theirs, mine)) {
    case 'ahead':
      return [mine, false];
    case 'behind':
    case 'same':
      return [theirs, false];
    default:
      return [theirs, true];
  }
}

/** `[value, listed]` for an editable field, three-way against the assumed state. */
function threeWay(
  assumed: SyncDocument | undefined,
  field: string,
  theirs: unknown,
  mine: unknown,
): [unknown, boolean] {
  if (sameValue(theirs, mine)) return [theirs, false];
  if (assumed !== undefined) {
    const base = assumed[field];
    if (sameValue(mine, base)) return [theirs, false];
    if (sameValue(theirs, base)) return [mine, false];
  }
  return [theirs, true];
}

/**
 * Whether two states of a document are the same (RxDB's `conflictHandler.isEqual`): every
 * field and `_deleted` deep-equal; RxDB's internal keys ignored; an undefined property is
 * the same as a missing one.
 */
export function isSameDocument(a: SyncDocument, b: SyncDocument): boolean {
  if (a._deleted !== b._deleted) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    if (RXDB_INTERNAL_KEYS.includes(key)) continue;
    if (!sameValue(a[key], b[key])) return false;
  }
  return true;
}

/** The classified fields first (in classification order), then other keys, sorted. */
function fieldNames(fields: Fields, ...docs: readonly SyncDocument[]): string[] {
  const classified = Object.keys(fields);
  const known = new Set(classified);
  const others = new Set<string>();
  for (const doc of docs) {
    for (const key of Object.keys(doc)) {
      if (!known.has(key) && key !== DELETED) others.add(key);
    }
  }
  return [...classified, ...[...others].sort()];
}

/** Deep equality of JSON values; an undefined property equals a missing one. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, index) => sameValue(item, b[index]));
  }
  const left = a as Readonly<Record<string, unknown>>;
  const right = b as Readonly<Record<string, unknown>>;
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  for (const key of keys) {
    if (!sameValue(left[key], right[key])) return false;
  }
  return true;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}
