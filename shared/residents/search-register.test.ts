import { describe, expect, it } from 'vitest';
import { residentSample } from '../collections/fixtures/samples.ts';
import type { HouseholdDoc } from '../collections/households.ts';
import type { ResidentDoc } from '../collections/residents.ts';
import { nameSearchKeys } from './search-keys.ts';
import { searchRegister } from './search-register.ts';

const VILLAGE = '320509105201';
const TOWNSHIP = '320509105';

// ---------------------------------------------------------------------------------------
// A deterministic village: plausible names, ID endings, phones and households of 1-5.

/** mulberry32: a small seeded generator, so every run builds the same village. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Common surnames, with two polyphonic ones (单, 曾). Surnames whose other reading starts
// with z (种, 召, 折, 褚) are left out so the z… keystrokes have a simple expected set.
const SURNAMES = Array.from('王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾单');
const GIVEN = Array.from(
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志红玉梅春兴德福海三',
);

interface Village {
  readonly residents: ResidentDoc[];
  readonly households: HouseholdDoc[];
}

function base(id: string, villageCode: string, at: number) {
  return {
    id,
    villageCode,
    townshipCode: TOWNSHIP,
    createdAt: at,
    createdBy: 'u-clerk-wang',
    deviceId: 'dev-test',
    updatedAt: at,
    updatedBy: 'u-clerk-wang',
  };
}

const keysCache = new Map<string, ReturnType<typeof nameSearchKeys>>();
function keysOf(name: string) {
  let keys = keysCache.get(name);
  if (keys === undefined) {
    keys = nameSearchKeys(name);
    keysCache.set(name, keys);
  }
  return keys;
}

function residentDoc(
  id: string,
  villageCode: string,
  name: string,
  idLast4: string,
  phone: string,
  householdId: string,
  at: number,
): ResidentDoc {
  return {
    ...residentSample,
    ...base(id, villageCode, at),
    name,
    ...keysOf(name),
    idMasked: `3205**********${idLast4}`,
    idLast4,
    phone,
    householdId,
    tags: [],
  };
}

function generateVillage(villageCode: string, count: number, seed: number): Village {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const digits = (length: number) =>
    Array.from({ length }, () => String(Math.floor(next() * 10))).join('');
  const residents: ResidentDoc[] = [];
  const households: HouseholdDoc[] = [];
  const at = 1_741_572_000_000;
  const prefix = villageCode.slice(-3);
  while (residents.length < count) {
    const number = households.length + 1;
    const householdId = `h${prefix}-${String(number).padStart(5, '0')}`;
    const size = Math.min(1 + Math.floor(next() * 5), count - residents.length);
    const surname = pick(SURNAMES);
    const members: ResidentDoc[] = [];
    for (let i = 0; i < size; i += 1) {
      const given = next() < 0.5 ? pick(GIVEN) : pick(GIVEN) + pick(GIVEN);
      const idLast4 = digits(3) + (next() < 0.1 ? 'X' : digits(1));
      const phone = `1${pick(['38', '39', '50', '58', '86', '87'])}${digits(8)}`;
      const id = `r${prefix}-${String(residents.length + members.length).padStart(5, '0')}`;
      members.push(residentDoc(id, villageCode, surname + given, idLast4, phone, householdId, at));
    }
    residents.push(...members);
    households.push({
      ...base(householdId, villageCode, at),
      householdNo: String(number).padStart(4, '0'),
      houseNo: `南港村${String(number)}号`,
      address: `震泽镇南港村${String(number)}号`,
      groupId: '',
      headResidentId: members[0]!.id,
      members: members.map((member, i) => ({
        residentId: member.id,
        relation: i === 0 ? 'head' : 'other',
        from: '2000-01-01',
      })),
      tags: [],
      status: 'active',
      lineage: [],
      notes: '',
    });
  }
  return { residents, households };
}

/** Replaces the first residents by people the tests look for by name. */
function withKnownResidents(village: Village, villageCode: string): Village {
  const residents = [...village.residents];
  const known = (index: number, name: string, idLast4: string, phone: string) => {
    const replaced = residents[index]!;
    residents[index] = residentDoc(
      replaced.id,
      villageCode,
      name,
      idLast4,
      phone,
      replaced.householdId,
      replaced.createdAt,
    );
    return residents[index];
  };
  known(0, '张三', '1234', '13812345678');
  known(1, '单雄信', '5678', '13900001111');
  return { ...village, residents };
}

// ---------------------------------------------------------------------------------------
// What each keystroke should find, computed by reading every resident (the scan the search
// must not do), from the stored fields only.

function expectedMatches(village: Village, text: string): Set<string> {
  const households = new Map(village.households.map((household) => [household.id, household]));
  const matches = (resident: ResidentDoc): boolean => {
    if (/^\p{Script=Han}+$/u.test(text)) return resident.name.startsWith(text);
    if (/^[a-z]+$/.test(text)) {
      return (
        resident.namePinyin.startsWith(text) ||
        resident.nameInitials.startsWith(text) ||
        resident.pinyinVariants.some((variant) => variant.startsWith(text))
      );
    }
    const household = households.get(resident.householdId);
    if (/^[0-9]{4}$/.test(text)) {
      return (
        resident.idLast4 === text || household?.householdNo === text || household?.houseNo === text
      );
    }
    if (/^[0-9]{1,3}$/.test(text)) {
      return (
        resident.phone.startsWith(text) ||
        household?.householdNo.startsWith(text) === true ||
        household?.houseNo.startsWith(text) === true
      );
    }
    throw new Error(`no expectation for ${text}`);
  };
  return new Set(
    village.residents
      .filter((resident) => resident.villageCode === VILLAGE && matches(resident))
      .map((resident) => resident.id),
  );
}

function inNameOrder(residents: readonly ResidentDoc[]): boolean {
  return residents.every((resident, i) => {
    const previous = residents[i - 1];
    if (previous === undefined) return true;
    const a = `${previous.namePinyin}\u0000${previous.name}\u0000${previous.id}`;
    const b = `${resident.namePinyin}\u0000${resident.name}\u0000${resident.id}`;
    return a < b;
  });
}

const KEYSTROKES = ['z', 'zs', 'zha', 'zhang', '张', '张三', '1234', '138'];
const UNLIMITED = 100_000;

describe('searchRegister among 10,000 residents', () => {
  const village = withKnownResidents(generateVillage(VILLAGE, 10_000, 1), VILLAGE);

  it('finds exactly the matching residents for each keystroke, in name order', () => {
    for (const text of KEYSTROKES) {
      const expected = expectedMatches(village, text);
      expect(expected.size, `${text} should match someone`).toBeGreaterThan(0);

      const all = searchRegister(village, text, UNLIMITED);
      expect(new Set(all.map((resident) => resident.id)), text).toEqual(expected);
      expect(inNameOrder(all), text).toBe(true);

      // A limited answer is the first of the full one in name order.
      const page = searchRegister(village, text, 50);
      expect(page, text).toEqual(all.slice(0, 50));
    }
  });

  it('finds a known resident by initials, full pinyin, name, ID last 4 and phone', () => {
    const zhangSan = village.residents[0]!;
    for (const text of ['zs', 'zhangsan', '张三', '1234', '138123']) {
      const found = searchRegister(village, text, UNLIMITED);
      expect(
        found.map((resident) => resident.id),
        text,
      ).toContain(zhangSan.id);
    }
    const byPhone = searchRegister(village, '13812345678', 50);
    expect(byPhone.map((resident) => resident.name)).toEqual(['张三']);
  });
});

describe('searchRegister', () => {
  it('finds a resident with a polyphonic surname by either reading, typed in full or as initials', () => {
    const village = withKnownResidents(generateVillage(VILLAGE, 200, 4), VILLAGE);
    const shan = village.residents[1]!;
    expect(shan.name).toBe('单雄信');

    for (const text of ['shan', 'sxx', 'd', 'dan', 'danxiongxin', 'dxx', '单']) {
      const found = searchRegister(village, text, UNLIMITED);
      expect(
        found.map((resident) => resident.id),
        text,
      ).toContain(shan.id);
    }
    expect(searchRegister(village, 'dana', UNLIMITED)).not.toContainEqual(
      expect.objectContaining({ id: shan.id }),
    );
  });

  it('finds the members of a household by its number and by its house number', () => {
    const village = generateVillage(VILLAGE, 200, 5);
    const household = village.households[11]!;
    expect(household.householdNo).toBe('0012');
    const members = village.residents
      .filter((resident) => resident.householdId === household.id)
      .map((resident) => resident.id)
      .sort();

    const byNumber = searchRegister(village, '0012', 50);
    expect(
      byNumber
        .filter((r) => r.householdId === household.id)
        .map((r) => r.id)
        .sort(),
    ).toEqual(members);
    const byHouse = searchRegister(village, '南港村12号', 50);
    expect(byHouse.map((resident) => resident.id).sort()).toEqual(members);
  });

  it('gives nothing for empty or blank text (the screen shows its normal list), or a limit of 0', () => {
    const village = generateVillage(VILLAGE, 20, 6);
    expect(searchRegister(village, '', 50)).toEqual([]);
    expect(searchRegister(village, '   ', 50)).toEqual([]);
    expect(searchRegister(village, village.residents[0]!.name, 0)).toEqual([]);
  });
});
