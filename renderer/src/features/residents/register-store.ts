/**
 * The register's reads and writes on the local database: what the register hooks call, so
 * components never touch the database. Reads go through the indexes the residents and
 * households schemas declare (every one led by villageCode); writes are bulk writes of the
 * complete documents an operation produced, with a journal entry saying who did it.
 */
import type { HouseholdDoc } from '../../../../shared/collections/households.ts';
import type {
  AuditEntry,
  JournalDoc,
  QueryAction,
  QueryEntry,
} from '../../../../shared/collections/journal.ts';
import type { GroupPolicy, PolicyDoc } from '../../../../shared/collections/policies.ts';
import type { ResidentDoc } from '../../../../shared/collections/residents.ts';
import type { SubjectType } from '../../../../shared/collections/schema.ts';
import { CodedError } from '../../../../shared/errors.ts';
import type { OperationContext } from '../../../../shared/residents/households.ts';
import type { LocalDatabase } from '../../db/database.ts';
import type { RegisterScope } from './register-scope.ts';

export interface RegisterWrites {
  readonly households?: readonly HouseholdDoc[];
  readonly residents?: readonly ResidentDoc[];
  readonly journal?: readonly JournalDoc[];
}

/**
 * Writes complete documents (new or replacing the stored ones). RxDB has no transaction
 * across collections, so the order matters: residents first (a resident pointing at a
 * household not yet written shows without household for a moment), then households, then
 * the journal. A refused write is a 'localdb.write-failed', never silent.
 */
export async function writeDocuments(db: LocalDatabase, writes: RegisterWrites): Promise<void> {
  const { residents = [], households = [], journal = [] } = writes;
  const check = (collection: string, result: { readonly error: readonly unknown[] }) => {
    if (result.error.length === 0) return;
    console.error(`writing ${collection} failed`, result.error);
    throw new CodedError('localdb.write-failed');
  };
  if (residents.length > 0)
    check('residents', await db.collections.residents.bulkUpsert([...residents]));
  if (households.length > 0)
    check('households', await db.collections.households.bulkUpsert([...households]));
  if (journal.length > 0) check('journal', await db.collections.journal.bulkInsert([...journal]));
}

export async function getResident(db: LocalDatabase, id: string): Promise<ResidentDoc | undefined> {
  const doc = await db.collections.residents.findOne(id).exec();
  return doc === null ? undefined : doc.toMutableJSON();
}

export async function getHousehold(
  db: LocalDatabase,
  id: string,
): Promise<HouseholdDoc | undefined> {
  const doc = await db.collections.households.findOne(id).exec();
  return doc === null ? undefined : doc.toMutableJSON();
}

/** The resident registered in the village under this ID hash (index villageCode+idHash). */
export async function findResidentByIdHash(
  db: LocalDatabase,
  villageCode: string,
  idHash: string,
): Promise<ResidentDoc | undefined> {
  const docs = await db.collections.residents
    .find({
      selector: { villageCode, idHash },
      sort: [{ villageCode: 'asc' }, { idHash: 'asc' }],
      limit: 2,
    })
    .exec();
  return docs[0]?.toMutableJSON();
}

/** Whether a household of the village, closed ones included, has this 户编号. */
export async function householdNumberTaken(
  db: LocalDatabase,
  villageCode: string,
  householdNo: string,
): Promise<boolean> {
  const docs = await db.collections.households
    .find({
      selector: { villageCode, householdNo },
      sort: [{ villageCode: 'asc' }, { householdNo: 'asc' }],
      limit: 1,
    })
    .exec();
  return docs.length > 0;
}

function isGroup(doc: PolicyDoc): doc is GroupPolicy {
  return doc.kind === 'group';
}

/** The village's groups (村民小组/网格), retired ones included, in code order. */
export async function villageGroups(
  db: LocalDatabase,
  villageCode: string,
): Promise<GroupPolicy[]> {
  const docs = await db.collections.policies
    .find({ selector: { villageCode, kind: 'group' } })
    .exec();
  return docs
    .map((doc) => doc.toMutableJSON())
    .filter(isGroup)
    .sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }));
}

/**
 * Creates groups by name (trimmed; names the village already has are not created twice).
 * Codes continue the village's numbering: 01, 02 …
 */
export async function createGroups(
  db: LocalDatabase,
  scope: RegisterScope,
  ctx: OperationContext,
  names: readonly string[],
): Promise<GroupPolicy[]> {
  const existing = await villageGroups(db, scope.villageCode);
  const taken = new Set(existing.map((group) => group.name));
  let next = existing.reduce((max, group) => Math.max(max, Number(group.code) || 0), 0);
  const created: GroupPolicy[] = [];
  for (const raw of names) {
    const name = raw.trim();
    if (name === '' || taken.has(name)) continue;
    taken.add(name);
    next += 1;
    created.push({
      ...stamp(scope, ctx),
      kind: 'group',
      status: 'active',
      code: String(next).padStart(2, '0'),
      name: name.slice(0, 50),
    });
  }
  if (created.length > 0) {
    const result = await db.collections.policies.bulkInsert(created);
    if (result.error.length > 0) {
      console.error('creating groups failed', result.error);
      throw new CodedError('localdb.write-failed');
    }
  }
  return created;
}

function stamp(scope: RegisterScope, ctx: OperationContext) {
  return {
    id: ctx.newId(),
    villageCode: scope.villageCode,
    townshipCode: scope.townshipCode,
    createdAt: ctx.now,
    createdBy: scope.userId,
    deviceId: scope.deviceId,
    updatedAt: ctx.now,
    updatedBy: scope.userId,
  };
}

export interface JournalSubject {
  readonly id: string;
  readonly type: SubjectType;
}

/** An audit log line (审计记录): who changed which document, by an action code. */
export function auditEntry(
  scope: RegisterScope,
  ctx: OperationContext,
  action: string,
  target: { readonly collection: 'residents' | 'households'; readonly id: string },
  subject: JournalSubject | null,
  changedFields: readonly string[],
): AuditEntry {
  return {
    ...stamp(scope, ctx),
    kind: 'audit',
    subjectId: subject?.id ?? '',
    ...(subject === null ? {} : { subjectType: subject.type }),
    purpose: '',
    action,
    targetCollection: target.collection,
    targetId: target.id,
    changedFields: [...changedFields],
  };
}

/** A query log line (查询记录): who looked at, revealed or exported whose file, and why. */
export function queryEntry(
  scope: RegisterScope,
  ctx: OperationContext,
  action: QueryAction,
  subject: JournalSubject | null,
  purpose: string,
): QueryEntry {
  return {
    ...stamp(scope, ctx),
    kind: 'query',
    subjectId: subject?.id ?? '',
    ...(subject === null ? {} : { subjectType: subject.type }),
    purpose: purpose.trim().slice(0, 200),
    action,
  };
}
