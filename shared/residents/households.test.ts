import { describe, expect, it } from 'vitest';
import { householdsSchema, type HouseholdDoc, type Relation } from '../collections/households.ts';
import { residentsSchema, type ResidentDoc } from '../collections/residents.ts';
import { schemaErrors } from '../collections/fixtures/json-schema.ts';
import {
  residentSample,
  SAMPLE_TOWNSHIP,
  SAMPLE_VILLAGE,
} from '../collections/fixtures/samples.ts';
import type { ErrorCode, ErrorParams, Result } from '../errors.ts';
import {
  addMember,
  changeHead,
  createHousehold,
  currentMembers,
  membersOn,
  mergeHouseholds,
  moveResident,
  parseRelation,
  removeMember,
  splitHousehold,
  type HouseholdWrites,
  type OperationContext,
} from './households.ts';

// ---------------------------------------------------------------------------------------
// Builders: real documents, a fixed clock and a deterministic id source.

const T0 = 1_741_572_000_000;

function context(today: string, minutes = 0): OperationContext {
  let next = 0;
  return {
    now: T0 + minutes * 60_000,
    today,
    userId: 'u-clerk-wang',
    deviceId: 'dev-01JB7Q',
    newId: () => {
      next += 1;
      return `01JP5H00000000000000HH${String(minutes).padStart(2, '0')}${String(next).padStart(2, '0')}`;
    },
  };
}

function person(id: string, name: string): ResidentDoc {
  return {
    ...residentSample,
    id: `01JNZ8G5W0RESIDENT0000${id}`,
    name,
    namePinyin: '',
    nameInitials: '',
    householdId: '',
  };
}

const jianguo = person('0001', '张建国');
const xiuying = person('0002', '李秀英');
const wei = person('0003', '张伟');
const fang = person('0004', '王芳');
const hong = person('0005', '王红');
const qiang = person('0006', '王强');
const outsider = person('0007', '赵六');

const NONE = { numbersInUse: new Set<string>() };

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`unexpected refusal ${result.error.code}`);
  return result.value;
}

/** A refusal carries only its error: no `value`, so nothing to write. */
function refusal(code: ErrorCode, params: ErrorParams) {
  return { ok: false, error: { code, params } };
}

function household(writes: HouseholdWrites, id: string): HouseholdDoc {
  const found = writes.households.find((doc) => doc.id === id);
  if (found === undefined) throw new Error(`household ${id} not written`);
  return found;
}

function resident(writes: HouseholdWrites, id: string): ResidentDoc {
  const found = writes.residents.find((doc) => doc.id === id);
  if (found === undefined) throw new Error(`resident ${id} not written`);
  return found;
}

function expectValid(writes: HouseholdWrites): void {
  for (const doc of writes.households)
    expect(schemaErrors(householdsSchema, doc), doc.id).toEqual([]);
  for (const doc of writes.residents)
    expect(schemaErrors(residentsSchema, doc), doc.id).toEqual([]);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

function stints(doc: HouseholdDoc, residentId: string) {
  return doc.members.filter((stint) => stint.residentId === residentId);
}

/** 张建国's household (0105), registered 2020-05-01 with his wife and son. */
function zhangHousehold() {
  const writes = unwrap(
    createHousehold(
      {
        number: '0105',
        houseNumber: '南港村12号',
        address: '震泽镇南港村12号',
        groupId: '01JNZ7000000GROUP000000003',
        tags: ['党员户'],
        members: [
          { resident: jianguo, relation: 'head' },
          { resident: xiuying, relation: 'spouse' },
          { resident: wei, relation: 'child' },
        ],
      },
      NONE,
      context('2020-05-01'),
    ),
  );
  const [doc] = writes.households;
  if (doc === undefined) throw new Error('no household');
  return {
    doc,
    jianguo: resident(writes, jianguo.id),
    xiuying: resident(writes, xiuying.id),
    wei: resident(writes, wei.id),
  };
}

/** 王芳's household (0106), registered 2021-01-10 with her daughter and brother. */
function wangHousehold() {
  const writes = unwrap(
    createHousehold(
      {
        number: '0106',
        houseNumber: '南港村15号',
        address: '震泽镇南港村15号',
        tags: [],
        members: [
          { resident: fang, relation: 'head' },
          { resident: hong, relation: 'child' },
          { resident: qiang, relation: 'sibling' },
        ],
      },
      NONE,
      context('2021-01-10', 1),
    ),
  );
  const [doc] = writes.households;
  if (doc === undefined) throw new Error('no household');
  return {
    doc,
    fang: resident(writes, fang.id),
    hong: resident(writes, hong.id),
    qiang: resident(writes, qiang.id),
  };
}

const TODAY = context('2025-03-10', 30);

// ---------------------------------------------------------------------------------------

describe('createHousehold', () => {
  it('registers a household with three members, exactly one head, and points each resident at it', () => {
    const writes = unwrap(
      createHousehold(
        {
          number: ' 0105 ',
          houseNumber: '南港村12号',
          address: '震泽镇南港村12号',
          tags: ['党员户', ' 军属 ', '党员户', ''],
          members: [
            { resident: jianguo, relation: 'head' },
            { resident: xiuying, relation: 'spouse' },
            { resident: wei, relation: 'child' },
          ],
        },
        { numbersInUse: new Set(['0101', '0102']) },
        context('2020-05-01'),
      ),
    );
    expectValid(writes);
    expect(writes.households).toHaveLength(1);
    const [doc] = writes.households;
    expect(doc).toMatchObject({
      householdNo: '0105',
      villageCode: SAMPLE_VILLAGE,
      townshipCode: SAMPLE_TOWNSHIP,
      headResidentId: jianguo.id,
      status: 'active',
      groupId: '',
      tags: ['党员户', '军属'],
      lineage: [],
      createdAt: T0,
      createdBy: 'u-clerk-wang',
      deviceId: 'dev-01JB7Q',
    });
    expect(doc?.members).toEqual([
      { residentId: jianguo.id, relation: 'head', from: '2020-05-01' },
      { residentId: xiuying.id, relation: 'spouse', from: '2020-05-01' },
      { residentId: wei.id, relation: 'child', from: '2020-05-01' },
    ]);
    expect(writes.residents.map((doc) => [doc.name, doc.householdId])).toEqual([
      ['张建国', doc?.id],
      ['李秀英', doc?.id],
      ['张伟', doc?.id],
    ]);
  });

  it('refuses a household number already used in the village', () => {
    expect(
      createHousehold(
        {
          number: '0105',
          houseNumber: '',
          address: '',
          tags: [],
          members: [{ resident: jianguo, relation: 'head' }],
        },
        { numbersInUse: new Set(['0105']) },
        TODAY,
      ),
    ).toStrictEqual(refusal('household.number-duplicate', { value: '0105' }));
  });

  it('refuses a household without a head, with two heads, or without members', () => {
    const input = { number: '0107', houseNumber: '', address: '', tags: [] };
    expect(
      createHousehold(
        {
          ...input,
          members: [
            { resident: jianguo, relation: 'spouse' },
            { resident: wei, relation: 'child' },
          ],
        },
        NONE,
        TODAY,
      ),
    ).toStrictEqual(refusal('household.head-count', { household: '0107', count: 0 }));
    expect(
      createHousehold(
        {
          ...input,
          members: [
            { resident: jianguo, relation: 'head' },
            { resident: xiuying, relation: 'head' },
          ],
        },
        NONE,
        TODAY,
      ),
    ).toStrictEqual(refusal('household.head-count', { household: '0107', count: 2 }));
    expect(createHousehold({ ...input, members: [] }, NONE, TODAY)).toStrictEqual(
      refusal('household.head-count', { household: '0107', count: 0 }),
    );
  });

  it('refuses the same resident listed twice', () => {
    expect(
      createHousehold(
        {
          number: '0107',
          houseNumber: '',
          address: '',
          tags: [],
          members: [
            { resident: jianguo, relation: 'head' },
            { resident: jianguo, relation: 'child' },
          ],
        },
        NONE,
        TODAY,
      ),
    ).toStrictEqual(refusal('household.member-already', { resident: '张建国', household: '0107' }));
  });

  it('refuses a resident who still belongs to another household, who must be moved or split off instead', () => {
    const zhang = zhangHousehold();
    expect(
      createHousehold(
        {
          number: '0107',
          houseNumber: '',
          address: '',
          tags: [],
          members: [{ resident: zhang.wei, relation: 'head' }],
        },
        NONE,
        TODAY,
      ),
    ).toStrictEqual(
      refusal('household.member-already', { resident: '张伟', household: zhang.doc.id }),
    );
  });

  it('refuses a relation value the schema does not know', () => {
    expect(
      createHousehold(
        {
          number: '0107',
          houseNumber: '',
          address: '',
          tags: [],
          members: [{ resident: jianguo, relation: 'cousin' as Relation }],
        },
        NONE,
        TODAY,
      ),
    ).toStrictEqual(refusal('household.relation-unknown', { value: 'cousin' }));
  });
});

describe('moveResident', () => {
  it('closes the stint in the old household, opens one in the new, and moves the resident pointer', () => {
    const zhang = zhangHousehold();
    const wang = wangHousehold();
    const writes = unwrap(
      moveResident(zhang.wei, zhang.doc, wang.doc, 'other', '2024-10-01', TODAY),
    );
    expectValid(writes);
    const from = household(writes, zhang.doc.id);
    const to = household(writes, wang.doc.id);

    expect(stints(from, wei.id)).toEqual([
      { residentId: wei.id, relation: 'child', from: '2020-05-01', to: '2024-10-01' },
    ]);
    expect(stints(to, wei.id)).toEqual([
      { residentId: wei.id, relation: 'other', from: '2024-10-01' },
    ]);
    expect(resident(writes, wei.id).householdId).toBe(wang.doc.id);
    expect(writes.residents).toHaveLength(1);

    // One household a day: the old one up to the day before, the new one from that day.
    expect(membersOn(from, '2024-09-30').map((stint) => stint.residentId)).toContain(wei.id);
    expect(membersOn(to, '2024-09-30').map((stint) => stint.residentId)).not.toContain(wei.id);
    expect(membersOn(from, '2024-10-01').map((stint) => stint.residentId)).not.toContain(wei.id);
    expect(membersOn(to, '2024-10-01').map((stint) => stint.residentId)).toContain(wei.id);
    expect(from.headResidentId).toBe(jianguo.id);
    expect(from.updatedAt).toBe(TODAY.now);
    expect(from.createdAt).toBe(zhang.doc.createdAt);
  });

  it('lets a resident return to a household they left, as a new stint after the old one', () => {
    const zhang = zhangHousehold();
    const wang = wangHousehold();
    const away = unwrap(moveResident(zhang.wei, zhang.doc, wang.doc, 'other', '2023-01-01', TODAY));
    const back = unwrap(
      moveResident(
        resident(away, wei.id),
        household(away, wang.doc.id),
        household(away, zhang.doc.id),
        'child',
        '2024-06-01',
        TODAY,
      ),
    );
    expectValid(back);
    expect(stints(household(back, zhang.doc.id), wei.id)).toEqual([
      { residentId: wei.id, relation: 'child', from: '2020-05-01', to: '2023-01-01' },
      { residentId: wei.id, relation: 'child', from: '2024-06-01' },
    ]);
    expect(resident(back, wei.id).householdId).toBe(zhang.doc.id);
  });

  it('refuses to move the head, who must first hand over', () => {
    const zhang = zhangHousehold();
    const wang = wangHousehold();
    expect(
      moveResident(zhang.jianguo, zhang.doc, wang.doc, 'sibling', '2024-10-01', TODAY),
    ).toStrictEqual(refusal('household.head-leaving', { household: '0105' }));
  });

  it('refuses to move someone who is not a current member of the household they leave', () => {
    const zhang = zhangHousehold();
    const wang = wangHousehold();
    expect(moveResident(outsider, zhang.doc, wang.doc, 'other', '2024-10-01', TODAY)).toStrictEqual(
      refusal('household.member-not-found', { resident: '赵六', household: '0105' }),
    );
  });

  it('refuses to move someone into a household they already belong to', () => {
    const zhang = zhangHousehold();
    expect(
      moveResident(zhang.wei, zhang.doc, zhang.doc, 'child', '2024-10-01', TODAY),
    ).toStrictEqual(refusal('household.member-already', { resident: '张伟', household: '0105' }));
  });

  it('refuses a move out of or into a closed household', () => {
    const zhang = zhangHousehold();
    const wang = wangHousehold();
    const closed: HouseholdDoc = { ...wang.doc, status: 'closed', closedOn: '2024-01-01' };
    expect(moveResident(zhang.wei, zhang.doc, closed, 'other', '2024-10-01', TODAY)).toStrictEqual(
      refusal('household.inactive', { household: '0106' }),
    );
    expect(moveResident(wang.hong, closed, zhang.doc, 'other', '2024-10-01', TODAY)).toStrictEqual(
      refusal('household.inactive', { household: '0106' }),
    );
  });

  it('refuses a second head in the receiving household', () => {
    const zhang = zhangHousehold();
    const wang = wangHousehold();
    expect(moveResident(zhang.wei, zhang.doc, wang.doc, 'head', '2024-10-01', TODAY)).toStrictEqual(
      refusal('household.head-count', { household: '0106', count: 2 }),
    );
  });

  it('refuses a date before the member joined, after today, or not on the calendar', () => {
    const zhang = zhangHousehold();
    const wang = wangHousehold();
    for (const on of ['2020-04-30', '2025-03-11', '2025-02-29', '2025-3-1'])
      expect(moveResident(zhang.wei, zhang.doc, wang.doc, 'other', on, TODAY), on).toStrictEqual(
        refusal('household.date-invalid', { date: on, since: '2020-05-01' }),
      );
  });

  it('refuses a stint that would overlap one the resident already had in the receiving household', () => {
    // Consistent histories never overlap; conflicting offline edits merged field by field can.
    const zhang = zhangHousehold();
    const wang = wangHousehold();
    const to: HouseholdDoc = {
      ...wang.doc,
      members: [
        ...wang.doc.members,
        { residentId: wei.id, relation: 'other', from: '2020-06-01', to: '2024-12-01' },
      ],
    };
    expect(moveResident(zhang.wei, zhang.doc, to, 'other', '2024-10-01', TODAY)).toStrictEqual(
      refusal('household.date-invalid', { date: '2024-10-01', since: '2024-12-01' }),
    );
  });
});

describe('splitHousehold', () => {
  it('splits members off into a new household with its own head, and links both in lineage', () => {
    const zhang = zhangHousehold();
    const writes = unwrap(
      splitHousehold(
        zhang.doc,
        {
          number: '0121',
          houseNumber: '南港村40号',
          address: '震泽镇南港村40号',
          tags: [],
          members: [{ resident: zhang.wei, relation: 'head' }],
        },
        { numbersInUse: new Set(['0105', '0106']) },
        '2024-10-01',
        TODAY,
      ),
    );
    expectValid(writes);
    const from = household(writes, zhang.doc.id);
    const split = writes.households.find((doc) => doc.id !== zhang.doc.id);
    if (split === undefined) throw new Error('no new household');

    expect(split).toMatchObject({
      householdNo: '0121',
      headResidentId: wei.id,
      status: 'active',
      groupId: zhang.doc.groupId,
      members: [{ residentId: wei.id, relation: 'head', from: '2024-10-01' }],
      lineage: [{ kind: 'split-from', householdId: zhang.doc.id, on: '2024-10-01' }],
      createdAt: TODAY.now,
    });
    expect(from.status).toBe('active');
    expect(from.headResidentId).toBe(jianguo.id);
    expect(from.lineage).toEqual([{ kind: 'split-into', householdId: split.id, on: '2024-10-01' }]);
    expect(currentMembers(from).map((stint) => stint.residentId)).toEqual([jianguo.id, xiuying.id]);
    expect(stints(from, wei.id)).toEqual([
      { residentId: wei.id, relation: 'child', from: '2020-05-01', to: '2024-10-01' },
    ]);
    expect(writes.residents.map((doc) => [doc.id, doc.householdId])).toEqual([[wei.id, split.id]]);
  });

  it('refuses to split off the head, so the old household keeps its head and a member', () => {
    const zhang = zhangHousehold();
    expect(
      splitHousehold(
        zhang.doc,
        {
          number: '0121',
          houseNumber: '',
          address: '',
          tags: [],
          members: [
            { resident: zhang.jianguo, relation: 'head' },
            { resident: zhang.xiuying, relation: 'spouse' },
          ],
        },
        NONE,
        '2024-10-01',
        TODAY,
      ),
    ).toStrictEqual(refusal('household.head-leaving', { household: '0105' }));
  });

  it('refuses a new household without exactly one head', () => {
    const zhang = zhangHousehold();
    expect(
      splitHousehold(
        zhang.doc,
        {
          number: '0121',
          houseNumber: '',
          address: '',
          tags: [],
          members: [{ resident: zhang.wei, relation: 'child' }],
        },
        NONE,
        '2024-10-01',
        TODAY,
      ),
    ).toStrictEqual(refusal('household.head-count', { household: '0121', count: 0 }));
  });

  it('refuses a number in use, a non-member, a closed household and a date before the stint', () => {
    const zhang = zhangHousehold();
    const input = {
      number: '0121',
      houseNumber: '',
      address: '',
      tags: [],
      members: [{ resident: zhang.wei, relation: 'head' as const }],
    };
    expect(
      splitHousehold(zhang.doc, input, { numbersInUse: new Set(['0121']) }, '2024-10-01', TODAY),
    ).toStrictEqual(refusal('household.number-duplicate', { value: '0121' }));
    expect(
      splitHousehold(
        zhang.doc,
        { ...input, members: [{ resident: outsider, relation: 'head' }] },
        NONE,
        '2024-10-01',
        TODAY,
      ),
    ).toStrictEqual(refusal('household.member-not-found', { resident: '赵六', household: '0105' }));
    expect(
      splitHousehold({ ...zhang.doc, status: 'closed' }, input, NONE, '2024-10-01', TODAY),
    ).toStrictEqual(refusal('household.inactive', { household: '0105' }));
    expect(splitHousehold(zhang.doc, input, NONE, '2019-12-31', TODAY)).toStrictEqual(
      refusal('household.date-invalid', { date: '2019-12-31', since: '2020-05-01' }),
    );
  });
});

describe('mergeHouseholds', () => {
  function merged() {
    const zhang = zhangHousehold();
    const wang = wangHousehold();
    const writes = unwrap(
      mergeHouseholds(
        zhang.doc,
        wang.doc,
        {
          members: [
            { resident: wang.fang, relation: 'other' },
            { resident: wang.hong, relation: 'grandchild' },
            { resident: wang.qiang, relation: 'other' },
          ],
        },
        '2024-10-01',
        TODAY,
      ),
    );
    return { zhang, wang, writes };
  }

  it('moves every current member into one household with one head, and closes the other', () => {
    const { zhang, wang, writes } = merged();
    expectValid(writes);
    const into = household(writes, zhang.doc.id);
    const closed = household(writes, wang.doc.id);

    expect(closed).toMatchObject({
      status: 'closed',
      closedOn: '2024-10-01',
      headResidentId: '',
      lineage: [{ kind: 'merged-into', householdId: zhang.doc.id, on: '2024-10-01' }],
    });
    expect(currentMembers(closed)).toEqual([]);
    expect(into.lineage).toEqual([
      { kind: 'merged-from', householdId: wang.doc.id, on: '2024-10-01' },
    ]);
    const now = currentMembers(into);
    expect(now.filter((stint) => stint.relation === 'head')).toEqual([
      { residentId: jianguo.id, relation: 'head', from: '2020-05-01' },
    ]);
    expect(now.map((stint) => stint.residentId)).toEqual([
      jianguo.id,
      xiuying.id,
      wei.id,
      fang.id,
      hong.id,
      qiang.id,
    ]);
    expect(into.headResidentId).toBe(jianguo.id);
    expect(writes.residents.map((doc) => doc.householdId)).toEqual([
      zhang.doc.id,
      zhang.doc.id,
      zhang.doc.id,
    ]);
  });

  it('keeps the history of both households: who was where before the merge', () => {
    const { writes, zhang, wang } = merged();
    const closed = household(writes, wang.doc.id);
    expect(membersOn(closed, '2024-09-30')).toEqual([
      { residentId: fang.id, relation: 'head', from: '2021-01-10', to: '2024-10-01' },
      { residentId: hong.id, relation: 'child', from: '2021-01-10', to: '2024-10-01' },
      { residentId: qiang.id, relation: 'sibling', from: '2021-01-10', to: '2024-10-01' },
    ]);
    expect(closed.members).toHaveLength(wang.doc.members.length);
    const into = household(writes, zhang.doc.id);
    expect(membersOn(into, '2024-09-30').map((stint) => stint.residentId)).toEqual([
      jianguo.id,
      xiuying.id,
      wei.id,
    ]);
  });

  it("refuses to keep the merged household's head as a second head", () => {
    const zhang = zhangHousehold();
    const wang = wangHousehold();
    expect(
      mergeHouseholds(
        zhang.doc,
        wang.doc,
        {
          members: [
            { resident: wang.fang, relation: 'head' },
            { resident: wang.hong, relation: 'grandchild' },
            { resident: wang.qiang, relation: 'other' },
          ],
        },
        '2024-10-01',
        TODAY,
      ),
    ).toStrictEqual(refusal('household.head-count', { household: '0105', count: 2 }));
  });

  it('refuses to leave a current member behind without a relation in the merged household', () => {
    const zhang = zhangHousehold();
    const wang = wangHousehold();
    expect(
      mergeHouseholds(
        zhang.doc,
        wang.doc,
        { members: [{ resident: wang.fang, relation: 'other' }] },
        '2024-10-01',
        TODAY,
      ),
    ).toStrictEqual(refusal('household.relation-unknown', { value: '' }));
  });

  it('refuses a non-member of the merged household, a closed household and a date after today', () => {
    const zhang = zhangHousehold();
    const wang = wangHousehold();
    const members = [
      { resident: wang.fang, relation: 'other' as const },
      { resident: wang.hong, relation: 'grandchild' as const },
      { resident: wang.qiang, relation: 'other' as const },
    ];
    expect(
      mergeHouseholds(
        zhang.doc,
        wang.doc,
        { members: [...members, { resident: outsider, relation: 'other' }] },
        '2024-10-01',
        TODAY,
      ),
    ).toStrictEqual(refusal('household.member-not-found', { resident: '赵六', household: '0106' }));
    expect(
      mergeHouseholds(
        { ...zhang.doc, status: 'closed' },
        wang.doc,
        { members },
        '2024-10-01',
        TODAY,
      ),
    ).toStrictEqual(refusal('household.inactive', { household: '0105' }));
    expect(mergeHouseholds(zhang.doc, wang.doc, { members }, '2025-04-01', TODAY)).toStrictEqual(
      refusal('household.date-invalid', { date: '2025-04-01', since: '2021-01-10' }),
    );
  });
});

describe('changeHead', () => {
  it('hands the household to another member and keeps who was head when', () => {
    const zhang = zhangHousehold();
    const writes = unwrap(
      changeHead(
        zhang.doc,
        zhang.wei,
        [
          { resident: zhang.jianguo, relation: 'parent' },
          { resident: zhang.xiuying, relation: 'parent' },
        ],
        '2024-10-01',
        TODAY,
      ),
    );
    expectValid(writes);
    expect(writes.residents).toEqual([]);
    const [doc] = writes.households;
    if (doc === undefined) throw new Error('no household');
    expect(doc.headResidentId).toBe(wei.id);
    expect(membersOn(doc, '2024-09-30')).toEqual([
      { residentId: jianguo.id, relation: 'head', from: '2020-05-01', to: '2024-10-01' },
      { residentId: xiuying.id, relation: 'spouse', from: '2020-05-01', to: '2024-10-01' },
      { residentId: wei.id, relation: 'child', from: '2020-05-01', to: '2024-10-01' },
    ]);
    expect(membersOn(doc, '2024-10-01')).toEqual([
      { residentId: jianguo.id, relation: 'parent', from: '2024-10-01' },
      { residentId: xiuying.id, relation: 'parent', from: '2024-10-01' },
      { residentId: wei.id, relation: 'head', from: '2024-10-01' },
    ]);
  });

  it('leaves the stint of a member whose relation does not change untouched', () => {
    const wang = wangHousehold();
    const writes = unwrap(
      changeHead(
        wang.doc,
        wang.hong,
        [
          { resident: wang.fang, relation: 'parent' },
          { resident: wang.qiang, relation: 'other' },
        ],
        '2024-10-01',
        TODAY,
      ),
    );
    const [doc] = writes.households;
    expect(doc === undefined ? [] : stints(doc, qiang.id)).toEqual([
      { residentId: qiang.id, relation: 'sibling', from: '2021-01-10', to: '2024-10-01' },
      { residentId: qiang.id, relation: 'other', from: '2024-10-01' },
    ]);
    const unchanged = unwrap(
      changeHead(
        wang.doc,
        wang.hong,
        [{ resident: wang.fang, relation: 'parent' }],
        '2024-10-01',
        TODAY,
      ),
    ).households[0];
    expect(unchanged === undefined ? [] : stints(unchanged, qiang.id)).toEqual([
      { residentId: qiang.id, relation: 'sibling', from: '2021-01-10' },
    ]);
  });

  it('writes nothing when the head is named head again', () => {
    const zhang = zhangHousehold();
    expect(changeHead(zhang.doc, zhang.jianguo, [], '2024-10-01', TODAY)).toStrictEqual({
      ok: true,
      value: { households: [], residents: [] },
    });
  });

  it('refuses a new head who is not a current member, a missing relation for the old head, and a second head', () => {
    const zhang = zhangHousehold();
    expect(
      changeHead(
        zhang.doc,
        outsider,
        [{ resident: zhang.jianguo, relation: 'parent' }],
        '2024-10-01',
        TODAY,
      ),
    ).toStrictEqual(refusal('household.member-not-found', { resident: '赵六', household: '0105' }));
    expect(changeHead(zhang.doc, zhang.wei, [], '2024-10-01', TODAY)).toStrictEqual(
      refusal('household.relation-unknown', { value: '' }),
    );
    expect(
      changeHead(
        zhang.doc,
        zhang.wei,
        [{ resident: zhang.jianguo, relation: 'head' }],
        '2024-10-01',
        TODAY,
      ),
    ).toStrictEqual(refusal('household.head-count', { household: '0105', count: 2 }));
  });

  it('refuses a change dated before the stints it changes, or in a closed household', () => {
    const zhang = zhangHousehold();
    const relations = [{ resident: zhang.jianguo, relation: 'parent' as const }];
    expect(changeHead(zhang.doc, zhang.wei, relations, '2020-04-01', TODAY)).toStrictEqual(
      refusal('household.date-invalid', { date: '2020-04-01', since: '2020-05-01' }),
    );
    expect(
      changeHead({ ...zhang.doc, status: 'closed' }, zhang.wei, relations, '2024-10-01', TODAY),
    ).toStrictEqual(refusal('household.inactive', { household: '0105' }));
  });
});

describe('household operations', () => {
  it('never change the documents they are given', () => {
    const zhang = deepFreeze(zhangHousehold());
    const wang = deepFreeze(wangHousehold());
    const before: unknown = JSON.parse(JSON.stringify({ zhang, wang }));
    const wangMembers = [
      { resident: wang.fang, relation: 'other' as const },
      { resident: wang.hong, relation: 'child' as const },
      { resident: wang.qiang, relation: 'other' as const },
    ];
    const results = [
      moveResident(zhang.wei, zhang.doc, wang.doc, 'other', '2024-10-01', TODAY),
      splitHousehold(
        zhang.doc,
        {
          number: '0121',
          houseNumber: '',
          address: '',
          tags: [],
          members: [{ resident: zhang.wei, relation: 'head' }],
        },
        NONE,
        '2024-10-01',
        TODAY,
      ),
      mergeHouseholds(zhang.doc, wang.doc, { members: wangMembers }, '2024-10-01', TODAY),
      changeHead(
        zhang.doc,
        zhang.wei,
        [{ resident: zhang.jianguo, relation: 'parent' }],
        '2024-10-01',
        TODAY,
      ),
    ];
    expect(results.map((result) => result.ok)).toEqual([true, true, true, true]);
    expect({ zhang, wang }).toEqual(before);
  });

  it('refuse to mix households of different villages', () => {
    const zhang = zhangHousehold();
    const wang = wangHousehold();
    const elsewhere = { ...wang.doc, villageCode: '320509105202' };
    expect(() =>
      moveResident(zhang.wei, zhang.doc, elsewhere, 'other', '2024-10-01', TODAY),
    ).toThrow(RangeError);
  });
});

describe('membersOn', () => {
  it('answers who belonged on a date, before the household existed included', () => {
    const zhang = zhangHousehold();
    expect(membersOn(zhang.doc, '2020-04-30')).toEqual([]);
    expect(membersOn(zhang.doc, '2020-05-01')).toHaveLength(3);
  });
});

describe('parseRelation', () => {
  it.each<[string, Relation]>([
    ['户主', 'head'],
    ['本人', 'head'],
    ['配偶', 'spouse'],
    ['妻', 'spouse'],
    ['丈夫', 'spouse'],
    ['夫', 'spouse'],
    ['子女', 'child'],
    ['儿子', 'child'],
    ['女儿', 'child'],
    ['子', 'child'],
    ['女', 'child'],
    ['长子', 'child'],
    ['儿媳', 'child'],
    ['女婿', 'child'],
    ['父母', 'parent'],
    ['父亲', 'parent'],
    ['母亲', 'parent'],
    ['岳母', 'parent'],
    ['兄弟姐妹', 'sibling'],
    ['兄', 'sibling'],
    ['弟', 'sibling'],
    ['姐', 'sibling'],
    ['妹', 'sibling'],
    ['孙子女', 'grandchild'],
    ['孙子', 'grandchild'],
    ['孙女', 'grandchild'],
    ['外孙', 'grandchild'],
    ['外孙女', 'grandchild'],
    ['其他', 'other'],
    ['祖母', 'other'],
    [' 妻子 ', 'spouse'],
    ['\u3000长女\u3000', 'child'],
    ['spouse', 'spouse'],
    ['Head', 'head'],
  ])('reads 「%s」 as %s', (text, relation) => {
    expect(parseRelation(text)).toStrictEqual({ ok: true, value: relation });
  });

  it.each(['', '邻居', '保姆', '表哥', 'cousin'])(
    'refuses 「%s」 as an unknown relation, quoting what was written',
    (text) => {
      expect(parseRelation(text)).toStrictEqual(
        refusal('household.relation-unknown', { value: text }),
      );
    },
  );
});

describe('addMember', () => {
  it('adds someone without a household as a new stint and points them at the household', () => {
    const zhang = zhangHousehold();
    const writes = unwrap(addMember(zhang.doc, outsider, 'grandchild', '2024-10-01', TODAY));
    expectValid(writes);
    const doc = household(writes, zhang.doc.id);
    expect(stints(doc, outsider.id)).toEqual([
      { residentId: outsider.id, relation: 'grandchild', from: '2024-10-01' },
    ]);
    expect(currentMembers(doc)).toHaveLength(4);
    expect(doc.headResidentId).toBe(jianguo.id);
    expect(resident(writes, outsider.id).householdId).toBe(zhang.doc.id);
    expect(resident(writes, outsider.id).updatedAt).toBe(TODAY.now);
  });

  it('refuses a second head, a member already listed, a closed household and a date before birth', () => {
    const zhang = zhangHousehold();
    expect(addMember(zhang.doc, outsider, 'head', '2024-10-01', TODAY)).toStrictEqual(
      refusal('household.head-count', { household: '0105', count: 2 }),
    );
    expect(addMember(zhang.doc, zhang.wei, 'child', '2024-10-01', TODAY)).toStrictEqual(
      refusal('household.member-already', { resident: '张伟', household: '0105' }),
    );
    const closed: HouseholdDoc = { ...zhang.doc, status: 'closed', closedOn: '2024-01-01' };
    expect(addMember(closed, outsider, 'other', '2024-10-01', TODAY)).toStrictEqual(
      refusal('household.inactive', { household: '0105' }),
    );
    expect(addMember(zhang.doc, outsider, 'other', '1960-01-01', TODAY)).toStrictEqual(
      refusal('household.date-invalid', { date: '1960-01-01', since: outsider.birthDate }),
    );
  });
});

describe('removeMember', () => {
  it('closes the stint of a member who moved out or died, and leaves them without a household', () => {
    const zhang = zhangHousehold();
    const writes = unwrap(removeMember(zhang.doc, zhang.wei, '2024-10-01', TODAY));
    expectValid(writes);
    const doc = household(writes, zhang.doc.id);
    expect(stints(doc, wei.id)).toEqual([
      { residentId: wei.id, relation: 'child', from: '2020-05-01', to: '2024-10-01' },
    ]);
    expect(doc.status).toBe('active');
    expect(resident(writes, wei.id).householdId).toBe('');
  });

  it('refuses the head while others remain, and closes the household when the head is the last', () => {
    const zhang = zhangHousehold();
    expect(removeMember(zhang.doc, zhang.jianguo, '2024-10-01', TODAY)).toStrictEqual(
      refusal('household.head-leaving', { household: '0105' }),
    );
    const alone = unwrap(
      createHousehold(
        {
          number: '0200',
          houseNumber: '',
          address: '',
          tags: [],
          members: [{ resident: outsider, relation: 'head' }],
        },
        NONE,
        context('2021-01-01', 2),
      ),
    );
    const [doc] = alone.households;
    if (doc === undefined) throw new Error('no household');
    const writes = unwrap(removeMember(doc, resident(alone, outsider.id), '2024-10-01', TODAY));
    expectValid(writes);
    const closed = household(writes, doc.id);
    expect(closed).toMatchObject({ status: 'closed', closedOn: '2024-10-01', headResidentId: '' });
    expect(currentMembers(closed)).toEqual([]);
  });

  it('refuses a non-member and a date before the stint began', () => {
    const zhang = zhangHousehold();
    expect(removeMember(zhang.doc, outsider, '2024-10-01', TODAY)).toStrictEqual(
      refusal('household.member-not-found', { resident: '赵六', household: '0105' }),
    );
    expect(removeMember(zhang.doc, zhang.wei, '2020-04-01', TODAY)).toStrictEqual(
      refusal('household.date-invalid', { date: '2020-04-01', since: '2020-05-01' }),
    );
  });
});
