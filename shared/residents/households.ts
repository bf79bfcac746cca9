/**
 * Household operations (户): register, move a member, split, merge, change the head, and
 * read the membership history. Pure functions: they take the current documents and return
 * the complete documents to write (one operation = one set of writes, written together),
 * or a refusal code. Inputs are never mutated.
 *
 * History model (see collections/households.ts): each stint of a person in a household is
 * one `members` entry. A stint is half-open: it covers `from <= date < to`, so a person
 * moved on D belongs to the old household up to D-1 and to the new one from D, never to
 * both on one day. A change of relation (a new head) closes the stint and opens another
 * with the new relation, so "who was head on 2019-06-01" stays answerable. Nothing is
 * deleted: closed stints stay, closed households stay (status 'closed') with `lineage`.
 *
 * Refusals carry the params the Chinese messages interpolate: `household` is the household
 * number (户编号) and `resident` the person's name, as people read them. That is why member
 * inputs are resident documents (`{ resident, relation }`), not bare ids: the name is needed
 * for the message and the document for the write of its `householdId`.
 */
import {
  RELATIONS,
  type HouseholdDoc,
  type LineageLink,
  type Membership,
  type Relation,
} from '../collections/households.ts';
import type { ResidentDoc } from '../collections/residents.ts';
import { DATE_PATTERN } from '../collections/schema.ts';
import { fail, ok, type Result } from '../errors.ts';

/** What every operation needs besides documents: the clock, the actor and an id source. */
export interface OperationContext {
  /** Epoch milliseconds, stamped into createdAt/updatedAt. */
  readonly now: number;
  /** The village's calendar date today, 'YYYY-MM-DD'; no change may be dated later. */
  readonly today: string;
  readonly userId: string;
  readonly deviceId: string;
  readonly newId: () => string;
}

/** The documents one operation writes; a document not listed is unchanged. */
export interface HouseholdWrites {
  readonly households: readonly HouseholdDoc[];
  readonly residents: readonly ResidentDoc[];
}

export interface MemberInput {
  readonly resident: ResidentDoc;
  readonly relation: Relation;
}

export interface NewHousehold {
  /** 户编号, unique in the village. */
  readonly number: string;
  /** 门牌号 */
  readonly houseNumber: string;
  readonly address: string;
  /** A village group (policies document of kind 'group'); split defaults to the old household's. */
  readonly groupId?: string;
  readonly tags: readonly string[];
  readonly members: readonly MemberInput[];
}

export interface ExistingHouseholds {
  /** 户编号 of every household of the village, closed ones included (numbers are not reused). */
  readonly numbersInUse: ReadonlySet<string>;
}

// ---------------------------------------------------------------------------------------
// 与户主关系

/**
 * Words clerks write for each relation, following the groups of GB/T 4761 (家庭关系代码):
 * 女婿 counts with 子 and 儿媳 with 女 (→ child), 嫂/弟媳/姐夫/妹夫 with 兄弟姐妹,
 * 公婆/岳父母 with 父母. Grandparents (祖父母) have no value of their own here: 其他.
 */
const RELATION_WORDS: Readonly<Record<Relation, readonly string[]>> = {
  head: ['户主', '本人'],
  spouse: ['配偶', '妻', '妻子', '丈夫', '夫', '爱人', '老伴'],
  child: [
    '子女',
    '子',
    '女',
    '儿子',
    '女儿',
    '儿',
    '独生子',
    '独生女',
    '长子',
    '次子',
    '三子',
    '四子',
    '五子',
    '长女',
    '次女',
    '三女',
    '四女',
    '五女',
    '养子',
    '养女',
    '继子',
    '继女',
    '女婿',
    '儿媳',
    '儿媳妇',
  ],
  parent: [
    '父母',
    '父亲',
    '母亲',
    '父',
    '母',
    '爸爸',
    '妈妈',
    '继父',
    '继母',
    '养父',
    '养母',
    '公公',
    '婆婆',
    '岳父',
    '岳母',
  ],
  sibling: [
    '兄弟姐妹',
    '兄',
    '弟',
    '姐',
    '妹',
    '哥哥',
    '弟弟',
    '姐姐',
    '妹妹',
    '兄弟',
    '姐妹',
    '嫂',
    '嫂子',
    '弟媳',
    '姐夫',
    '妹夫',
  ],
  grandchild: [
    '孙子女',
    '孙',
    '孙子',
    '孙女',
    '外孙',
    '外孙子',
    '外孙女',
    '孙子孙女',
    '曾孙',
    '曾孙子',
    '曾孙女',
  ],
  other: [
    '其他',
    '其它',
    '祖父',
    '祖母',
    '外祖父',
    '外祖母',
    '祖父母',
    '外祖父母',
    '爷爷',
    '奶奶',
    '外公',
    '外婆',
  ],
};

const RELATION_BY_WORD: ReadonlyMap<string, Relation> = new Map(
  RELATIONS.flatMap((relation) => [
    [relation, relation] as const,
    ...RELATION_WORDS[relation].map((word) => [word, relation] as const),
  ]),
);

export function isRelation(value: string): value is Relation {
  return (RELATIONS as readonly string[]).includes(value);
}

/**
 * A relation as typed or imported ('妻', ' 长子 ', 'spouse') → the schema value. Whitespace
 * (full-width included) is ignored; anything else unknown is refused, never guessed.
 */
export function parseRelation(text: string): Result<Relation> {
  const word = text.replace(/\s/g, '').toLowerCase();
  const relation = RELATION_BY_WORD.get(word);
  return relation === undefined
    ? fail('household.relation-unknown', { value: text })
    : ok(relation);
}

// ---------------------------------------------------------------------------------------
// History queries

/** Who belonged to the household on `date`, with their relation to the head that day. */
export function membersOn(household: HouseholdDoc, date: string): readonly Membership[] {
  return household.members.filter(
    (stint) => stint.from <= date && (stint.to === undefined || date < stint.to),
  );
}

/** The open stints: the household's members now. */
export function currentMembers(household: HouseholdDoc): readonly Membership[] {
  return household.members.filter((stint) => stint.to === undefined);
}

// ---------------------------------------------------------------------------------------
// Operations

/** Registers a household whose members belong to no household yet; their stints start today. */
export function createHousehold(
  input: NewHousehold,
  existing: ExistingHouseholds,
  ctx: OperationContext,
): Result<HouseholdWrites> {
  const number = householdNumber(input.number);
  if (existing.numbersInUse.has(number))
    return fail('household.number-duplicate', { value: number });
  const checked = checkNewMembers(input.members, number);
  if (!checked.ok) return checked;
  for (const { resident } of input.members) {
    // Someone still listed in another household joins through move, split or merge, which
    // close the old stint; registering them here would leave them in two households.
    if (resident.householdId !== '')
      return fail('household.member-already', {
        resident: resident.name,
        household: resident.householdId,
      });
  }
  const [first] = input.members;
  if (first === undefined) return fail('household.head-count', { household: number, count: 0 });
  const household = newHousehold(input, number, first.resident, [], ctx.today, ctx);
  return ok({
    households: [household],
    residents: input.members.map(({ resident }) => rehome(resident, household, ctx)),
  });
}

/**
 * Moves a member (not the head) from one household to another on `on`: the stint in `from`
 * ends, one in `to` begins, and the resident's `householdId` follows.
 */
export function moveResident(
  resident: ResidentDoc,
  from: HouseholdDoc,
  to: HouseholdDoc,
  relation: Relation,
  on: string,
  ctx: OperationContext,
): Result<HouseholdWrites> {
  const active = checkActive(from, to);
  if (!active.ok) return active;
  if (!isRelation(relation)) return fail('household.relation-unknown', { value: relation });
  assertSameVillage(from, to);
  const leaving = checkLeaving(from, resident);
  if (!leaving.ok) return leaving;
  const joining = checkJoining(to, resident, on);
  if (!joining.ok) return joining;
  if (relation === 'head')
    return fail('household.head-count', { household: to.householdNo, count: 2 });
  const dated = checkDate(on, leaving.value.from, ctx.today);
  if (!dated.ok) return dated;

  return ok({
    households: [
      touch(from, { members: closeStints(from.members, new Set([resident.id]), on) }, ctx),
      touch(to, { members: [...to.members, { residentId: resident.id, relation, from: on }] }, ctx),
    ],
    residents: [rehome(resident, to, ctx)],
  });
}

/**
 * Adds someone who belongs to no household (a birth, a marriage into the village, a return
 * after moving out) to a household on `on`, with their relation to the head. Not dated
 * before the person's birth; a second head is refused (change the head afterwards).
 */
export function addMember(
  household: HouseholdDoc,
  resident: ResidentDoc,
  relation: Relation,
  on: string,
  ctx: OperationContext,
): Result<HouseholdWrites> {
  const active = checkActive(household);
  if (!active.ok) return active;
  if (!isRelation(relation)) return fail('household.relation-unknown', { value: relation });
  assertSameVillage(household, resident);
  if (resident.householdId !== '')
    return fail('household.member-already', {
      resident: resident.name,
      household: resident.householdId === household.id ? household.householdNo : '',
    });
  const joining = checkJoining(household, resident, on);
  if (!joining.ok) return joining;
  if (relation === 'head')
    return fail('household.head-count', { household: household.householdNo, count: 2 });
  const dated = checkDate(
    on,
    isCalendarDate(resident.birthDate) ? resident.birthDate : '',
    ctx.today,
  );
  if (!dated.ok) return dated;
  return ok({
    households: [
      touch(
        household,
        { members: [...household.members, { residentId: resident.id, relation, from: on }] },
        ctx,
      ),
    ],
    residents: [rehome(resident, household, ctx)],
  });
}

/**
 * A member leaves the household on `on` without joining another in the village: moved out
 * (迁出) or died. Their stint closes and their `householdId` becomes ''. The head may leave
 * only as the last member, which closes the household; otherwise the head is changed first.
 */
export function removeMember(
  household: HouseholdDoc,
  resident: ResidentDoc,
  on: string,
  ctx: OperationContext,
): Result<HouseholdWrites> {
  const active = checkActive(household);
  if (!active.ok) return active;
  const stint = currentStint(household, resident.id);
  if (stint === undefined)
    return fail('household.member-not-found', {
      resident: resident.name,
      household: household.householdNo,
    });
  const last = currentMembers(household).length === 1;
  if (!last) {
    const leaving = checkLeaving(household, resident);
    if (!leaving.ok) return leaving;
  }
  const dated = checkDate(on, stint.from, ctx.today);
  if (!dated.ok) return dated;
  const members = closeStints(household.members, new Set([resident.id]), on);
  return ok({
    households: [
      touch(
        household,
        last ? { members, status: 'closed', closedOn: on, headResidentId: '' } : { members },
        ctx,
      ),
    ],
    residents: [{ ...resident, householdId: '', updatedAt: ctx.now, updatedBy: ctx.userId }],
  });
}

/**
 * Splits members (never the head) off into a new household on `on`. `from` keeps its head,
 * so it keeps at least one member; both households record the split in `lineage`.
 */
export function splitHousehold(
  from: HouseholdDoc,
  input: NewHousehold,
  existing: ExistingHouseholds,
  on: string,
  ctx: OperationContext,
): Result<HouseholdWrites> {
  const active = checkActive(from);
  if (!active.ok) return active;
  const number = householdNumber(input.number);
  if (existing.numbersInUse.has(number))
    return fail('household.number-duplicate', { value: number });
  const checked = checkNewMembers(input.members, number);
  if (!checked.ok) return checked;
  const stints: Membership[] = [];
  for (const { resident } of input.members) {
    const leaving = checkLeaving(from, resident);
    if (!leaving.ok) return leaving;
    stints.push(leaving.value);
  }
  const dated = checkDates(on, stints, ctx.today);
  if (!dated.ok) return dated;

  const split = newHousehold(
    { ...input, groupId: input.groupId ?? from.groupId },
    number,
    from,
    [{ kind: 'split-from', householdId: from.id, on }],
    on,
    ctx,
  );
  const leavers = new Set(input.members.map(({ resident }) => resident.id));
  return ok({
    households: [
      touch(
        from,
        {
          members: closeStints(from.members, leavers, on),
          lineage: [...from.lineage, { kind: 'split-into', householdId: split.id, on }],
        },
        ctx,
      ),
      split,
    ],
    residents: input.members.map(({ resident }) => rehome(resident, split, ctx)),
  });
}

/**
 * Merges `from` into `into` on `on`: every current member of `from` (its head included)
 * joins `into` with the relation given, `into`'s head stays the one head, and `from` is
 * closed. Every stint ever recorded in either household stays in its history.
 */
export function mergeHouseholds(
  into: HouseholdDoc,
  from: HouseholdDoc,
  input: { readonly members: readonly MemberInput[] },
  on: string,
  ctx: OperationContext,
): Result<HouseholdWrites> {
  if (into.id === from.id) throw new RangeError('a household cannot be merged into itself');
  const active = checkActive(into, from);
  if (!active.ok) return active;
  assertSameVillage(into, from);
  const given = new Set<string>();
  const stints: Membership[] = [];
  for (const { resident, relation } of input.members) {
    if (!isRelation(relation)) return fail('household.relation-unknown', { value: relation });
    if (given.has(resident.id))
      return fail('household.member-already', {
        resident: resident.name,
        household: into.householdNo,
      });
    given.add(resident.id);
    const stint = currentStint(from, resident.id);
    if (stint === undefined)
      return fail('household.member-not-found', {
        resident: resident.name,
        household: from.householdNo,
      });
    stints.push(stint);
    const joining = checkJoining(into, resident, on);
    if (!joining.ok) return joining;
  }
  // Nobody may be left behind in a closed household: every current member needs a relation.
  if (currentMembers(from).some((stint) => !given.has(stint.residentId)))
    return fail('household.relation-unknown', { value: '' });
  const heads = input.members.filter(({ relation }) => relation === 'head').length;
  if (heads > 0)
    return fail('household.head-count', { household: into.householdNo, count: 1 + heads });
  const dated = checkDates(on, stints, ctx.today);
  if (!dated.ok) return dated;

  const merged = touch(
    into,
    {
      members: [
        ...into.members,
        ...input.members.map(({ resident, relation }) => ({
          residentId: resident.id,
          relation,
          from: on,
        })),
      ],
      lineage: [...into.lineage, { kind: 'merged-from', householdId: from.id, on }],
    },
    ctx,
  );
  const closed = touch(
    from,
    {
      members: closeStints(from.members, given, on),
      lineage: [...from.lineage, { kind: 'merged-into', householdId: into.id, on }],
      status: 'closed',
      closedOn: on,
      headResidentId: '',
    },
    ctx,
  );
  return ok({
    households: [merged, closed],
    residents: input.members.map(({ resident }) => rehome(resident, merged, ctx)),
  });
}

/**
 * Makes a current member the head on `on`. `relations` gives the old head's new relation
 * (required) and that of any other member whose relation to the new head changes (the old
 * head's child may become the new head's sibling). Each changed relation closes the stint
 * and opens a new one, so the history shows who was head when. Making the head head again
 * writes nothing.
 */
export function changeHead(
  household: HouseholdDoc,
  newHead: ResidentDoc,
  relations: readonly MemberInput[],
  on: string,
  ctx: OperationContext,
): Result<HouseholdWrites> {
  const active = checkActive(household);
  if (!active.ok) return active;
  const headStint = currentStint(household, newHead.id);
  if (headStint === undefined)
    return fail('household.member-not-found', {
      resident: newHead.name,
      household: household.householdNo,
    });
  if (household.headResidentId === newHead.id) return ok({ households: [], residents: [] });

  const changes = new Map<string, Relation>([[newHead.id, 'head']]);
  const stints: Membership[] = [headStint];
  for (const { resident, relation } of relations) {
    // The new head's own entry, whatever it says, is superseded by 'head'.
    if (resident.id === newHead.id) continue;
    if (!isRelation(relation)) return fail('household.relation-unknown', { value: relation });
    if (changes.has(resident.id))
      return fail('household.member-already', {
        resident: resident.name,
        household: household.householdNo,
      });
    const stint = currentStint(household, resident.id);
    if (stint === undefined)
      return fail('household.member-not-found', {
        resident: resident.name,
        household: household.householdNo,
      });
    if (relation === 'head')
      return fail('household.head-count', { household: household.householdNo, count: 2 });
    changes.set(resident.id, relation);
    stints.push(stint);
  }
  if (!changes.has(household.headResidentId))
    return fail('household.relation-unknown', { value: '' });
  const dated = checkDates(on, stints, ctx.today);
  if (!dated.ok) return dated;

  const changed = new Set(
    stints.filter((stint) => stint.relation !== changes.get(stint.residentId)).map(idOf),
  );
  const reopened = household.members.flatMap((stint) => {
    const relation = changes.get(stint.residentId);
    return stint.to === undefined && relation !== undefined && changed.has(stint.residentId)
      ? [{ residentId: stint.residentId, relation, from: on }]
      : [];
  });
  return ok({
    households: [
      touch(
        household,
        {
          headResidentId: newHead.id,
          members: [...closeStints(household.members, changed, on), ...reopened],
        },
        ctx,
      ),
    ],
    residents: [],
  });
}

// ---------------------------------------------------------------------------------------
// Checks

function checkActive(...households: readonly HouseholdDoc[]): Result<void> {
  for (const household of households)
    if (household.status !== 'active')
      return fail('household.inactive', { household: household.householdNo });
  return ok(undefined);
}

/** Relations known, nobody twice, exactly one head: the members of a household to be. */
function checkNewMembers(members: readonly MemberInput[], number: string): Result<void> {
  const seen = new Set<string>();
  for (const { resident, relation } of members) {
    if (!isRelation(relation)) return fail('household.relation-unknown', { value: relation });
    if (seen.has(resident.id))
      return fail('household.member-already', { resident: resident.name, household: number });
    seen.add(resident.id);
  }
  const heads = members.filter(({ relation }) => relation === 'head').length;
  if (heads !== 1) return fail('household.head-count', { household: number, count: heads });
  return ok(undefined);
}

/** The resident's open stint in `from`, if they may leave it (the head may not). */
function checkLeaving(from: HouseholdDoc, resident: ResidentDoc): Result<Membership> {
  const stint = currentStint(from, resident.id);
  if (stint === undefined)
    return fail('household.member-not-found', {
      resident: resident.name,
      household: from.householdNo,
    });
  if (stint.relation === 'head' || from.headResidentId === resident.id)
    return fail('household.head-leaving', { household: from.householdNo });
  return ok(stint);
}

/** A new stint in `to` from `on` must not overlap one the resident already has there. */
function checkJoining(to: HouseholdDoc, resident: ResidentDoc, on: string): Result<void> {
  for (const stint of to.members) {
    if (stint.residentId !== resident.id) continue;
    if (stint.to === undefined)
      return fail('household.member-already', {
        resident: resident.name,
        household: to.householdNo,
      });
    if (on < stint.to) return fail('household.date-invalid', { date: on, since: stint.to });
  }
  return ok(undefined);
}

function checkDates(on: string, stints: readonly Membership[], today: string): Result<void> {
  for (const stint of stints) {
    const dated = checkDate(on, stint.from, today);
    if (!dated.ok) return dated;
  }
  return ok(undefined);
}

/** A change date is a real calendar date, not before the stint began, not after today. */
function checkDate(on: string, since: string, today: string): Result<void> {
  if (!isCalendarDate(on) || on < since || on > today)
    return fail('household.date-invalid', { date: on, since });
  return ok(undefined);
}

const DATE_SHAPE = new RegExp(DATE_PATTERN);

function isCalendarDate(text: string): boolean {
  if (!DATE_SHAPE.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/**
 * Household numbers are checked by the form (required, at most 32 characters); reaching
 * here without one is a programming error, not a user's, and there is no code for it.
 */
function householdNumber(text: string): string {
  const number = text.trim();
  if (number.length === 0 || number.length > 32)
    throw new RangeError('household number must be 1-32 characters');
  return number;
}

/** Households never span villages: a move between villages is 迁出 and a new registration. */
function assertSameVillage(
  a: { readonly villageCode: string },
  b: { readonly villageCode: string },
): void {
  if (a.villageCode !== b.villageCode)
    throw new RangeError(`households of different villages: ${a.villageCode}, ${b.villageCode}`);
}

// ---------------------------------------------------------------------------------------
// Document builders

function currentStint(household: HouseholdDoc, residentId: string): Membership | undefined {
  return household.members.find(
    (stint) => stint.residentId === residentId && stint.to === undefined,
  );
}

function idOf(stint: Membership): string {
  return stint.residentId;
}

function closeStints(
  members: readonly Membership[],
  residentIds: ReadonlySet<string>,
  on: string,
): Membership[] {
  return members.map((stint) =>
    stint.to === undefined && residentIds.has(stint.residentId) ? { ...stint, to: on } : stint,
  );
}

function newHousehold(
  input: NewHousehold,
  number: string,
  place: { readonly villageCode: string; readonly townshipCode: string },
  lineage: readonly LineageLink[],
  since: string,
  ctx: OperationContext,
): HouseholdDoc {
  const head = input.members.find(({ relation }) => relation === 'head');
  for (const { resident } of input.members) assertSameVillage(place, resident);
  return {
    id: ctx.newId(),
    villageCode: place.villageCode,
    townshipCode: place.townshipCode,
    createdAt: ctx.now,
    createdBy: ctx.userId,
    deviceId: ctx.deviceId,
    updatedAt: ctx.now,
    updatedBy: ctx.userId,
    householdNo: number,
    houseNo: input.houseNumber.trim(),
    address: input.address.trim(),
    groupId: input.groupId ?? '',
    headResidentId: head?.resident.id ?? '',
    members: input.members.map(({ resident, relation }) => ({
      residentId: resident.id,
      relation,
      from: since,
    })),
    tags: normaliseTags(input.tags),
    status: 'active',
    lineage,
    notes: '',
  };
}

function normaliseTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((tag) => tag.trim()).filter((tag) => tag.length > 0))];
}

function touch(
  household: HouseholdDoc,
  changes: Partial<HouseholdDoc>,
  ctx: OperationContext,
): HouseholdDoc {
  return { ...household, ...changes, updatedAt: ctx.now, updatedBy: ctx.userId };
}

function rehome(
  resident: ResidentDoc,
  household: HouseholdDoc,
  ctx: OperationContext,
): ResidentDoc {
  return { ...resident, householdId: household.id, updatedAt: ctx.now, updatedBy: ctx.userId };
}
