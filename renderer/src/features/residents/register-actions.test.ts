// @vitest-environment node
import { chinaDateOf } from '../../../../shared/ledger/dates.ts';
import { afterEach, describe, expect, it } from 'vitest';
import type { HouseholdDoc } from '../../../../shared/collections/households.ts';
import type { JournalDoc } from '../../../../shared/collections/journal.ts';
import type { ResidentDoc } from '../../../../shared/collections/residents.ts';
import type { LocalDatabase } from '../../db/database.ts';
import {
  addNewMember,
  changeHeadOf,
  mergeInto,
  moveMember,
  registerHousehold,
  splitOff,
  updateResident,
  type ActionResult,
} from './register-actions.ts';
import {
  closeTestDatabases,
  searchStored,
  idOf,
  member,
  openTestDatabase,
  testScope,
  TEST_VILLAGE,
} from './test-support.ts';
import { checkResident, EMPTY_RESIDENT } from './resident-values.ts';

afterEach(closeTestDatabases);

const scope = testScope();
const TODAY = chinaDateOf(Date.now());

const JIANGUO = idOf('19650312', '011');
const XIUYING = idOf('19680704', '022');
const WEI = idOf('19920101', '031');
const FANG = idOf('19700505', '042');

function unwrap<T>(result: ActionResult<T>): T {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.error)}`);
  return result.value;
}

const details = (number: string, houseNumber = '') => ({
  number,
  houseNumber,
  address: houseNumber === '' ? '' : `南港村${houseNumber}`,
  groupId: '',
  tags: [],
});

async function residents(db: LocalDatabase): Promise<ResidentDoc[]> {
  return (await db.collections.residents.find().exec()).map((doc) => doc.toMutableJSON());
}

async function household(db: LocalDatabase, id: string): Promise<HouseholdDoc> {
  const doc = await db.collections.households.findOne(id).exec();
  if (doc === null) throw new Error(`no household ${id}`);
  return doc.toMutableJSON();
}

async function journal(db: LocalDatabase): Promise<JournalDoc[]> {
  return (await db.collections.journal.find().exec()).map((doc) => doc.toMutableJSON());
}

/** 张建国's household 001: head, wife, son. */
async function zhang(db: LocalDatabase) {
  const doc = unwrap(
    await registerHousehold(db, scope, details('001', '东街12号'), [
      member({ name: '张建国', idNumber: JIANGUO, phone: '138 1234 5678' }, 'head'),
      member({ name: '李秀英', idNumber: XIUYING }, 'spouse'),
      member({ name: '张伟', idNumber: WEI }, 'child'),
    ]),
  );
  const byName = new Map((await residents(db)).map((r) => [r.name, r]));
  const person = (name: string) => {
    const found = byName.get(name);
    if (found === undefined) throw new Error(name);
    return found;
  };
  return { doc, jianguo: person('张建国'), xiuying: person('李秀英'), wei: person('张伟') };
}

describe('registerHousehold', () => {
  it('writes a household of three with one head, encrypted IDs, search keys and an audit line', async () => {
    const db = await openTestDatabase();
    const { doc, jianguo, xiuying, wei } = await zhang(db);

    expect(doc).toMatchObject({ householdNo: '001', houseNo: '东街12号', status: 'active' });
    expect(doc.headResidentId).toBe(jianguo.id);
    expect(doc.members.map((m) => [m.residentId, m.relation, m.from])).toEqual([
      [jianguo.id, 'head', TODAY],
      [xiuying.id, 'spouse', TODAY],
      [wei.id, 'child', TODAY],
    ]);
    for (const resident of [jianguo, xiuying, wei]) {
      expect(resident.householdId).toBe(doc.id);
      expect(resident.createdBy).toBe('u-admin-zhou');
      expect(resident.deviceId).toBe('dev-test-01');
    }
    // The number itself is stored nowhere in clear, only its protected forms.
    expect(JSON.stringify(await residents(db))).not.toContain(JIANGUO);
    expect(jianguo).toMatchObject({
      idMasked: `${JIANGUO.slice(0, 4)}**********${JIANGUO.slice(14)}`,
      idLast4: JIANGUO.slice(14),
      gender: 'male',
      birthDate: '1965-03-12',
      phone: '13812345678',
      namePinyin: 'zhangjianguo',
      nameInitials: 'zjg',
    });
    expect(await scope.idProtector?.reveal(jianguo.idNumberCipher)).toBe(JIANGUO);
    expect(jianguo.idHash).toBe(await scope.idProtector?.hashOf(JIANGUO));

    const found = await searchStored(db, TEST_VILLAGE, 'zjg');
    expect(found.map((r) => r.name)).toEqual(['张建国']);
    expect((await searchStored(db, TEST_VILLAGE, WEI.slice(14))).map((r) => r.name)).toContain(
      '张伟',
    );

    const [audit] = await journal(db);
    expect(audit).toMatchObject({
      kind: 'audit',
      action: 'household.create',
      targetId: doc.id,
      createdBy: 'u-admin-zhou',
    });
  });

  it('refuses an ID already registered, naming the resident and household who hold it', async () => {
    const db = await openTestDatabase();
    await zhang(db);
    const result = await registerHousehold(db, scope, details('002'), [
      member({ name: '王芳', idNumber: FANG }, 'head'),
      member({ name: '张伟伟', idNumber: WEI.toLowerCase() }, 'child'),
    ]);
    expect(result).toEqual({
      ok: false,
      error: { code: 'resident.id-duplicate', params: { name: '张伟', household: '001' } },
      member: 1,
    });
    expect(await residents(db)).toHaveLength(3);
  });

  it('refuses the same ID twice in one form, a number in use and a household without a head', async () => {
    const db = await openTestDatabase();
    await zhang(db);
    expect(
      await registerHousehold(db, scope, details('002'), [
        member({ name: '王芳', idNumber: FANG }, 'head'),
        member({ name: '王红', idNumber: FANG }, 'child'),
      ]),
    ).toEqual({
      ok: false,
      error: { code: 'resident.id-duplicate', params: { name: '王芳', household: '002' } },
      member: 1,
    });
    expect(
      await registerHousehold(db, scope, details('001'), [
        member({ name: '王芳', idNumber: FANG }, 'head'),
      ]),
    ).toEqual({
      ok: false,
      error: { code: 'household.number-duplicate', params: { value: '001' } },
    });
    expect(
      await registerHousehold(db, scope, details('003'), [
        member({ name: '王芳', idNumber: FANG }, 'spouse'),
      ]),
    ).toEqual({
      ok: false,
      error: { code: 'household.head-count', params: { household: '003', count: 0 } },
    });
    expect(await residents(db)).toHaveLength(3);
  });

  it('registers a child without an ID number from the gender and birth date typed', async () => {
    const db = await openTestDatabase();
    const doc = unwrap(
      await registerHousehold(db, scope, details('005'), [
        member({ name: '王芳', idNumber: FANG }, 'head'),
        member({ name: '王小宝', gender: 'male', birthDate: '2024-01-02' }, 'child'),
      ]),
    );
    const baby = (await residents(db)).find((r) => r.name === '王小宝');
    expect(baby).toMatchObject({
      idNumberCipher: '',
      idMasked: '',
      idHash: '',
      householdId: doc.id,
    });
  });
});

describe('household operations', () => {
  it('moves a member into a new household of their own, closing the old stint', async () => {
    const db = await openTestDatabase();
    const { doc, wei } = await zhang(db);
    const created = unwrap(
      await splitOff(
        db,
        scope,
        doc.id,
        details('002', '东街14号'),
        [{ residentId: wei.id, relation: 'head' }],
        TODAY,
      ),
    );
    expect(created).toMatchObject({ householdNo: '002', headResidentId: wei.id });
    expect(created.lineage).toEqual([{ kind: 'split-from', householdId: doc.id, on: TODAY }]);
    const old = await household(db, doc.id);
    expect(old.members.find((m) => m.residentId === wei.id)).toEqual({
      residentId: wei.id,
      relation: 'child',
      from: TODAY,
      to: TODAY,
    });
    const moved = (await residents(db)).find((r) => r.id === wei.id);
    expect(moved?.householdId).toBe(created.id);
    expect((await journal(db)).map((entry) => ('action' in entry ? entry.action : ''))).toContain(
      'household.split',
    );
  });

  it('moves a member to an existing household, merges households and changes the head', async () => {
    const db = await openTestDatabase();
    const { doc, jianguo, xiuying, wei } = await zhang(db);
    const wang = unwrap(
      await registerHousehold(db, scope, details('002'), [
        member({ name: '王芳', idNumber: FANG }, 'head'),
      ]),
    );
    unwrap(await moveMember(db, scope, wei.id, wang.id, 'other', TODAY));
    expect((await household(db, wang.id)).members.map((m) => m.residentId)).toContain(wei.id);

    // The head cannot move: the operation says what to do first.
    expect(await moveMember(db, scope, jianguo.id, wang.id, 'other', TODAY)).toEqual({
      ok: false,
      error: { code: 'household.head-leaving', params: { household: '001' } },
    });

    const fang = (await residents(db)).find((r) => r.name === '王芳');
    if (fang === undefined) throw new Error('王芳');
    unwrap(
      await mergeInto(
        db,
        scope,
        doc.id,
        wang.id,
        [
          { residentId: fang.id, relation: 'other' },
          { residentId: wei.id, relation: 'child' },
        ],
        TODAY,
      ),
    );
    expect(await household(db, wang.id)).toMatchObject({ status: 'closed', closedOn: TODAY });
    unwrap(
      await changeHeadOf(
        db,
        scope,
        doc.id,
        xiuying.id,
        [{ residentId: jianguo.id, relation: 'spouse' }],
        TODAY,
      ),
    );
    const merged = await household(db, doc.id);
    expect(merged.headResidentId).toBe(xiuying.id);
    expect(
      merged.members
        .filter((m) => m.to === undefined)
        .map((m) => m.relation)
        .sort(),
    ).toEqual(['child', 'head', 'other', 'spouse']);
  });

  it('adds a newborn to a household', async () => {
    const db = await openTestDatabase();
    const { doc } = await zhang(db);
    const baby = unwrap(
      await addNewMember(
        db,
        scope,
        doc.id,
        member({ name: '张小明', idNumber: idOf('20240601', '053') }, 'grandchild'),
        TODAY,
      ),
    );
    expect(baby.householdId).toBe(doc.id);
    expect((await household(db, doc.id)).members).toHaveLength(4);
  });
});

describe('updateResident', () => {
  it('keeps the stored cipher when the number does not change', async () => {
    const db = await openTestDatabase();
    const { xiuying } = await zhang(db);
    const checked = checkResident(
      { ...EMPTY_RESIDENT, name: '李秀英', idNumber: XIUYING, phone: '13900001111' },
      TODAY,
    );
    if (!checked.ok) throw new Error('invalid');
    const updated = unwrap(await updateResident(db, scope, xiuying.id, checked.value));
    expect(updated.phone).toBe('13900001111');
    expect(updated.idNumberCipher).toBe(xiuying.idNumberCipher);
  });

  it('keeps the stored number when the ID field is left empty, and clears it only when asked', async () => {
    const db = await openTestDatabase();
    const { xiuying } = await zhang(db);
    const checked = checkResident(
      {
        ...EMPTY_RESIDENT,
        name: '李秀英',
        gender: 'female',
        birthDate: '1968-07-04',
        notes: '腿脚不便',
      },
      TODAY,
    );
    if (!checked.ok) throw new Error('invalid');
    const kept = unwrap(await updateResident(db, scope, xiuying.id, checked.value, true));
    expect(kept).toMatchObject({
      notes: '腿脚不便',
      idHash: xiuying.idHash,
      idMasked: xiuying.idMasked,
    });
    const cleared = unwrap(await updateResident(db, scope, xiuying.id, checked.value, false));
    expect(cleared).toMatchObject({ idNumberCipher: '', idHash: '', idMasked: '', idLast4: '' });
  });

  it('refuses a changed ID that another resident holds', async () => {
    const db = await openTestDatabase();
    const { xiuying } = await zhang(db);
    const checked = checkResident({ ...EMPTY_RESIDENT, name: '李秀英', idNumber: WEI }, TODAY);
    if (!checked.ok) throw new Error('invalid');
    expect(await updateResident(db, scope, xiuying.id, checked.value)).toEqual({
      ok: false,
      error: { code: 'resident.id-duplicate', params: { name: '张伟', household: '001' } },
    });
  });

  it('takes a member who died out of the household on the date of death, keeping the history', async () => {
    const db = await openTestDatabase();
    const { doc, wei } = await zhang(db);
    const checked = checkResident(
      { ...EMPTY_RESIDENT, name: '张伟', idNumber: WEI, status: 'deceased', statusDate: TODAY },
      TODAY,
    );
    if (!checked.ok) throw new Error('invalid');
    const updated = unwrap(await updateResident(db, scope, wei.id, checked.value));
    expect(updated).toMatchObject({ status: 'deceased', statusDate: TODAY, householdId: '' });
    expect((await household(db, doc.id)).members.find((m) => m.residentId === wei.id)?.to).toBe(
      TODAY,
    );
  });
});
