/**
 * What the clerk does to the register, end to end: check against the stored register
 * (duplicate IDs by their keyed hash, household numbers in use), run the shared operation
 * (shared/residents/households.ts), and write every document it produced together with an
 * audit line. Each function reads the documents it changes fresh from the database, so an
 * operation never builds on a stale copy a screen held.
 *
 * Refusals are results with a code (and, for a household form, the member they concern);
 * a failed write throws a CodedError('localdb.write-failed').
 */
import type { HouseholdDoc, Relation } from '../../../../shared/collections/households.ts';
import type { ResidentDoc } from '../../../../shared/collections/residents.ts';
import type { AppError } from '../../../../shared/errors.ts';
import {
  addMember,
  changeHead,
  createHousehold,
  mergeHouseholds,
  moveResident,
  removeMember,
  splitHousehold,
  type HouseholdWrites,
  type MemberInput,
  type OperationContext,
} from '../../../../shared/residents/households.ts';
import type { IdProtector } from '../../../../shared/residents/id-protection.ts';
import { splitTags } from '../../../../shared/residents/import/cells.ts';
import { nameSearchKeys } from '../../../../shared/residents/search-keys.ts';
import type { LocalDatabase } from '../../db/database.ts';
import { operationContext, type RegisterScope } from './register-scope.ts';
import {
  auditEntry,
  findResidentByIdHash,
  getHousehold,
  getResident,
  householdNumberTaken,
  writeDocuments,
} from './register-store.ts';
import type { CheckedResident } from './resident-values.ts';

export type ActionResult<T> =
  | { readonly ok: true; readonly value: T }
  /** `member`: the position of the member (in a household form) the refusal concerns. */
  | { readonly ok: false; readonly error: AppError; readonly member?: number };

function refused<T>(error: AppError, member?: number): ActionResult<T> {
  return member === undefined ? { ok: false, error } : { ok: false, error, member };
}

function done<T>(value: T): ActionResult<T> {
  return { ok: true, value };
}

const FORBIDDEN: AppError = { code: 'auth.forbidden' };
/** A document the screen showed is gone (removed meanwhile, by sync or another window). */
const GONE = (collection: 'residents' | 'households', id: string): AppError => ({
  code: 'store.document-not-found',
  params: { collection, id },
});

// ---------------------------------------------------------------------------------------
// Residents

/**
 * The resident document for checked values: search keys from the name, and the ID's
 * protected fields (kept as they are when the number did not change, so an edit of the
 * phone does not re-encrypt). A new resident belongs to no household until an operation
 * puts them in one.
 */
export async function residentDocument(
  checked: CheckedResident,
  scope: RegisterScope,
  ctx: OperationContext,
  protector: IdProtector,
  existing?: ResidentDoc,
  keepExistingId = false,
): Promise<ResidentDoc> {
  let ids = {
    idNumberCipher: existing?.idNumberCipher ?? '',
    idMasked: existing?.idMasked ?? '',
    idLast4: existing?.idLast4 ?? '',
    idHash: existing?.idHash ?? '',
  };
  if (checked.id === undefined) {
    // An edit that leaves the ID field empty keeps the stored number (it is never shown).
    if (!keepExistingId) ids = { idNumberCipher: '', idMasked: '', idLast4: '', idHash: '' };
  } else if (
    existing === undefined ||
    (await protector.hashOf(checked.id.number)) !== existing.idHash
  ) {
    ids = await protector.protect(checked.id.number);
  }
  const base = existing ?? {
    id: ctx.newId(),
    villageCode: scope.villageCode,
    townshipCode: scope.townshipCode,
    createdAt: ctx.now,
    createdBy: scope.userId,
    deviceId: scope.deviceId,
    householdId: '',
  };
  return {
    id: base.id,
    villageCode: base.villageCode,
    townshipCode: base.townshipCode,
    createdAt: base.createdAt,
    createdBy: base.createdBy,
    deviceId: base.deviceId,
    updatedAt: ctx.now,
    updatedBy: scope.userId,
    name: checked.name,
    ...nameSearchKeys(checked.name),
    gender: checked.gender,
    birthDate: checked.birthDate,
    ...ids,
    phone: checked.phone,
    householdId: base.householdId,
    status: checked.status,
    ...(checked.statusDate === undefined ? {} : { statusDate: checked.statusDate }),
    tags: [...checked.tags],
    notes: checked.notes,
  };
}

/** 'resident.id-duplicate' naming who holds the number, if anyone else in the village does. */
export async function duplicateOf(
  db: LocalDatabase,
  scope: RegisterScope,
  protector: IdProtector,
  number: string,
  exceptResidentId?: string,
): Promise<AppError | undefined> {
  const found = await findResidentByIdHash(db, scope.villageCode, await protector.hashOf(number));
  if (found === undefined || found.id === exceptResidentId) return undefined;
  const household =
    found.householdId === '' ? undefined : await getHousehold(db, found.householdId);
  return {
    code: 'resident.id-duplicate',
    params: { name: found.name, household: household?.householdNo ?? '' },
  };
}

/** Fields that differ between two versions of a document (for the audit line). */
function changedFields<T extends object>(before: T, after: T): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const skip = new Set(['updatedAt', 'updatedBy']);
  return [...keys].filter(
    (key) =>
      !skip.has(key) &&
      JSON.stringify((before as Record<string, unknown>)[key]) !==
        JSON.stringify((after as Record<string, unknown>)[key]),
  );
}

async function withProtector<T>(
  scope: RegisterScope,
  run: (protector: IdProtector) => Promise<ActionResult<T>>,
): Promise<ActionResult<T>> {
  return scope.idProtector === null ? refused(FORBIDDEN) : run(scope.idProtector);
}

/**
 * Saves an edited resident. `keepId`: no number was typed and the stored one stays (the
 * form then takes birth date and gender from it). A new ID is checked for duplicates; a status change to moved
 * out or deceased also ends their membership of the household on the status date (the
 * head must hand the household over first, unless they are its last member).
 */
export async function updateResident(
  db: LocalDatabase,
  scope: RegisterScope,
  residentId: string,
  checked: CheckedResident,
  keepId = false,
): Promise<ActionResult<ResidentDoc>> {
  return withProtector(scope, async (protector) => {
    const ctx = operationContext(scope);
    const existing = await getResident(db, residentId);
    if (existing === undefined) return refused(GONE('residents', residentId));
    if (checked.id !== undefined) {
      const duplicate = await duplicateOf(db, scope, protector, checked.id.number, residentId);
      if (duplicate !== undefined) return refused(duplicate);
    }
    let updated = await residentDocument(checked, scope, ctx, protector, existing, keepId);
    let households: readonly HouseholdDoc[] = [];
    const leaving =
      checked.status !== 'registered' &&
      existing.status === 'registered' &&
      existing.householdId !== '';
    if (leaving) {
      const household = await getHousehold(db, existing.householdId);
      if (household === undefined) return refused(GONE('households', existing.householdId));
      const removed = removeMember(household, updated, checked.statusDate ?? ctx.today, ctx);
      if (!removed.ok) return refused(removed.error);
      households = removed.value.households;
      updated = removed.value.residents[0] ?? updated;
    }
    await writeDocuments(db, {
      residents: [updated],
      households,
      journal: [
        auditEntry(
          scope,
          ctx,
          'resident.update',
          { collection: 'residents', id: updated.id },
          { id: updated.id, type: 'resident' },
          changedFields(existing, updated),
        ),
      ],
    });
    return done(updated);
  });
}

// ---------------------------------------------------------------------------------------
// Households

export interface HouseholdDetails {
  /** 户编号 (1-32 characters, unique in the village). */
  readonly number: string;
  readonly houseNumber: string;
  readonly address: string;
  readonly groupId: string;
  readonly tags: readonly string[];
}

export interface NewMember {
  readonly resident: CheckedResident;
  readonly relation: Relation;
}

async function numbersInUse(
  db: LocalDatabase,
  scope: RegisterScope,
  number: string,
): Promise<ReadonlySet<string>> {
  const trimmed = number.trim();
  return new Set((await householdNumberTaken(db, scope.villageCode, trimmed)) ? [trimmed] : []);
}

async function applied(
  db: LocalDatabase,
  scope: RegisterScope,
  ctx: OperationContext,
  writes: HouseholdWrites,
  action: string,
  subject: { readonly id: string; readonly type: 'resident' | 'household' },
): Promise<HouseholdWrites> {
  const [first] = writes.households;
  await writeDocuments(db, {
    residents: writes.residents,
    households: writes.households,
    journal:
      first === undefined
        ? []
        : [
            auditEntry(scope, ctx, action, { collection: 'households', id: first.id }, subject, [
              'members',
            ]),
          ],
  });
  return writes;
}

/**
 * Registers a household with its members (all new residents): their IDs must be new to the
 * village and different from each other, the number unused, and exactly one the head.
 */
export async function registerHousehold(
  db: LocalDatabase,
  scope: RegisterScope,
  details: HouseholdDetails,
  members: readonly NewMember[],
): Promise<ActionResult<HouseholdDoc>> {
  return withProtector(scope, async (protector) => {
    const ctx = operationContext(scope);
    const seen = new Map<string, { name: string; index: number }>();
    for (const [index, { resident }] of members.entries()) {
      if (resident.id === undefined) continue;
      const other = seen.get(resident.id.number);
      if (other !== undefined) {
        return refused(
          {
            code: 'resident.id-duplicate',
            params: { name: other.name, household: details.number.trim() },
          },
          index,
        );
      }
      seen.set(resident.id.number, { name: resident.name, index });
      const duplicate = await duplicateOf(db, scope, protector, resident.id.number);
      if (duplicate !== undefined) return refused(duplicate, index);
    }
    const documents: MemberInput[] = [];
    for (const { resident, relation } of members) {
      documents.push({
        resident: await residentDocument(resident, scope, ctx, protector),
        relation,
      });
    }
    const created = createHousehold(
      {
        number: details.number,
        houseNumber: details.houseNumber,
        address: details.address,
        groupId: details.groupId,
        tags: details.tags,
        members: documents,
      },
      { numbersInUse: await numbersInUse(db, scope, details.number) },
      ctx,
    );
    if (!created.ok) return refused(created.error);
    const [household] = created.value.households;
    if (household === undefined) throw new Error('createHousehold wrote no household');
    await applied(db, scope, ctx, created.value, 'household.create', {
      id: household.id,
      type: 'household',
    });
    return done(household);
  });
}

/** Changes a household's own details (number, house number, address, group, tags). */
export async function updateHousehold(
  db: LocalDatabase,
  scope: RegisterScope,
  householdId: string,
  details: HouseholdDetails,
): Promise<ActionResult<HouseholdDoc>> {
  const ctx = operationContext(scope);
  const existing = await getHousehold(db, householdId);
  if (existing === undefined) return refused(GONE('households', householdId));
  const number = details.number.trim();
  if (
    number !== existing.householdNo &&
    (await householdNumberTaken(db, scope.villageCode, number))
  )
    return refused({ code: 'household.number-duplicate', params: { value: number } });
  const updated: HouseholdDoc = {
    ...existing,
    householdNo: number,
    houseNo: details.houseNumber.trim(),
    address: details.address.trim(),
    groupId: details.groupId,
    tags: [...new Set(details.tags.flatMap(splitTags))],
    updatedAt: ctx.now,
    updatedBy: scope.userId,
  };
  await writeDocuments(db, {
    households: [updated],
    journal: [
      auditEntry(
        scope,
        ctx,
        'household.update',
        { collection: 'households', id: householdId },
        { id: householdId, type: 'household' },
        changedFields(existing, updated),
      ),
    ],
  });
  return done(updated);
}

/** A new person (a birth, a marriage into the village) joins an existing household today. */
export async function addNewMember(
  db: LocalDatabase,
  scope: RegisterScope,
  householdId: string,
  member: NewMember,
  on?: string,
): Promise<ActionResult<ResidentDoc>> {
  return withProtector(scope, async (protector) => {
    const ctx = operationContext(scope);
    const household = await getHousehold(db, householdId);
    if (household === undefined) return refused(GONE('households', householdId));
    if (member.resident.id !== undefined) {
      const duplicate = await duplicateOf(db, scope, protector, member.resident.id.number);
      if (duplicate !== undefined) return refused(duplicate);
    }
    const resident = await residentDocument(member.resident, scope, ctx, protector);
    const added = addMember(household, resident, member.relation, on ?? ctx.today, ctx);
    if (!added.ok) return refused(added.error);
    await applied(db, scope, ctx, added.value, 'household.add-member', {
      id: resident.id,
      type: 'resident',
    });
    return done(added.value.residents[0] ?? resident);
  });
}

/** Someone registered without a household (moved back, a former member) joins one. */
export async function joinHousehold(
  db: LocalDatabase,
  scope: RegisterScope,
  residentId: string,
  householdId: string,
  relation: Relation,
  on: string,
): Promise<ActionResult<HouseholdWrites>> {
  const ctx = operationContext(scope);
  const [resident, household] = await Promise.all([
    getResident(db, residentId),
    getHousehold(db, householdId),
  ]);
  if (resident === undefined) return refused(GONE('residents', residentId));
  if (household === undefined) return refused(GONE('households', householdId));
  const added = addMember(household, resident, relation, on, ctx);
  if (!added.ok) return refused(added.error);
  return done(
    await applied(db, scope, ctx, added.value, 'household.add-member', {
      id: residentId,
      type: 'resident',
    }),
  );
}

/** Moves a member (not the head) into another existing household on `on`. */
export async function moveMember(
  db: LocalDatabase,
  scope: RegisterScope,
  residentId: string,
  toHouseholdId: string,
  relation: Relation,
  on: string,
): Promise<ActionResult<HouseholdWrites>> {
  const ctx = operationContext(scope);
  const resident = await getResident(db, residentId);
  if (resident === undefined) return refused(GONE('residents', residentId));
  const [from, to] = await Promise.all([
    getHousehold(db, resident.householdId),
    getHousehold(db, toHouseholdId),
  ]);
  if (from === undefined) return refused(GONE('households', resident.householdId));
  if (to === undefined) return refused(GONE('households', toHouseholdId));
  const moved = moveResident(resident, from, to, relation, on, ctx);
  if (!moved.ok) return refused(moved.error);
  return done(
    await applied(db, scope, ctx, moved.value, 'household.move-member', {
      id: residentId,
      type: 'resident',
    }),
  );
}

/**
 * Splits members (never the head) off into a new household (分户) on `on`; moving one person
 * into a household of their own is a split with that person as its head.
 */
export async function splitOff(
  db: LocalDatabase,
  scope: RegisterScope,
  fromHouseholdId: string,
  details: HouseholdDetails,
  members: readonly { readonly residentId: string; readonly relation: Relation }[],
  on: string,
): Promise<ActionResult<HouseholdDoc>> {
  const ctx = operationContext(scope);
  const from = await getHousehold(db, fromHouseholdId);
  if (from === undefined) return refused(GONE('households', fromHouseholdId));
  const inputs: MemberInput[] = [];
  for (const { residentId, relation } of members) {
    const resident = await getResident(db, residentId);
    if (resident === undefined) return refused(GONE('residents', residentId));
    inputs.push({ resident, relation });
  }
  const split = splitHousehold(
    from,
    {
      number: details.number,
      houseNumber: details.houseNumber,
      address: details.address,
      groupId: details.groupId,
      tags: details.tags,
      members: inputs,
    },
    { numbersInUse: await numbersInUse(db, scope, details.number) },
    on,
    ctx,
  );
  if (!split.ok) return refused(split.error);
  const created = split.value.households.find((household) => household.id !== from.id);
  if (created === undefined) throw new Error('splitHousehold wrote no new household');
  await applied(db, scope, ctx, split.value, 'household.split', { id: from.id, type: 'household' });
  return done(created);
}

/** Merges `fromHouseholdId` into `intoHouseholdId` (合户); every member of it needs a relation. */
export async function mergeInto(
  db: LocalDatabase,
  scope: RegisterScope,
  intoHouseholdId: string,
  fromHouseholdId: string,
  relations: readonly { readonly residentId: string; readonly relation: Relation }[],
  on: string,
): Promise<ActionResult<HouseholdWrites>> {
  const ctx = operationContext(scope);
  const [into, from] = await Promise.all([
    getHousehold(db, intoHouseholdId),
    getHousehold(db, fromHouseholdId),
  ]);
  if (into === undefined) return refused(GONE('households', intoHouseholdId));
  if (from === undefined) return refused(GONE('households', fromHouseholdId));
  const members: MemberInput[] = [];
  for (const { residentId, relation } of relations) {
    const resident = await getResident(db, residentId);
    if (resident === undefined) return refused(GONE('residents', residentId));
    members.push({ resident, relation });
  }
  const merged = mergeHouseholds(into, from, { members }, on, ctx);
  if (!merged.ok) return refused(merged.error);
  return done(
    await applied(db, scope, ctx, merged.value, 'household.merge', {
      id: into.id,
      type: 'household',
    }),
  );
}

/** Makes a member the head (变更户主); `relations` gives the old head's new relation and any other change. */
export async function changeHeadOf(
  db: LocalDatabase,
  scope: RegisterScope,
  householdId: string,
  newHeadId: string,
  relations: readonly { readonly residentId: string; readonly relation: Relation }[],
  on: string,
): Promise<ActionResult<HouseholdWrites>> {
  const ctx = operationContext(scope);
  const [household, head] = await Promise.all([
    getHousehold(db, householdId),
    getResident(db, newHeadId),
  ]);
  if (household === undefined) return refused(GONE('households', householdId));
  if (head === undefined) return refused(GONE('residents', newHeadId));
  const inputs: MemberInput[] = [];
  for (const { residentId, relation } of relations) {
    const resident = await getResident(db, residentId);
    if (resident === undefined) return refused(GONE('residents', residentId));
    inputs.push({ resident, relation });
  }
  const changed = changeHead(household, head, inputs, on, ctx);
  if (!changed.ok) return refused(changed.error);
  return done(
    await applied(db, scope, ctx, changed.value, 'household.change-head', {
      id: householdId,
      type: 'household',
    }),
  );
}
