/**
 * A sample village (示例村) for newcomers and demonstrations: a register spreadsheet, as a
 * village office would keep it, of about a hundred households and three hundred people.
 * It is produced as a register table (the template's columns), so loading it goes through
 * the same validator and document builder as any import, and it can be saved as .xlsx.
 *
 * Pure and seeded: the same options give the same village. Everything is plausible and
 * nothing is real: names are drawn from common surnames and given names of each
 * generation; households are the shapes rural registers hold (an elderly person alone, a
 * couple, parents with children, three generations, a couple with an aged parent); ages
 * agree with relations; IDs have the township's county prefix, the birth date, a sequence
 * whose parity gives the gender and the right check digit (every one unique); adults have
 * mobile numbers.
 *
 * Every household carries DEMO_TAG among its 户标签, so screens can say the register holds
 * sample data and a loader can remove it again (sample data must be removable).
 */
import { checkDigitOf } from './citizen-id.ts';
import { REGISTER_COLUMNS, type RegisterColumnKey } from './import/columns.ts';

/** The 户标签 on every sample household: how sample data is recognised and removed. */
export const DEMO_TAG = '示例数据';

export interface DemoVillageOptions {
  /** Any integer; the same seed gives the same village. */
  readonly seed: number;
  /** The village's date today, 'YYYY-MM-DD': ages are counted to it, no birth after it. */
  readonly today: string;
  /** The county prefix of the IDs: the first 6 digits of the township's division code. */
  readonly regionCode: string;
  /** Used in addresses; default '南港村'. */
  readonly villageName?: string;
  /** Households to generate, 1-9999 (default 100, about 330 residents; 3,000 make about 10,000). */
  readonly households?: number;
}

export interface DemoVillage {
  /** The groups (村民小组) the register names, in order: create them before importing. */
  readonly groups: readonly string[];
  /** Header row (the template's headers) and one row per resident; see import/validate.ts. */
  readonly table: readonly (readonly string[])[];
}

// ---------------------------------------------------------------------------------------
// Names

/** A village's surnames cluster: a few lineages hold most households. */
const COMMON_SURNAMES = Array.from(
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方邹孟熊秦邱江尹薛段雷侯史陶顾毛钱严戴孔汤',
);

type Generation = 'old' | 'middle' | 'young';

/** Given names by the decade people were named in (born before 1965, to 1995, after). */
const GIVEN_NAMES: Readonly<Record<Generation, Readonly<Record<'male' | 'female', string[]>>>> = {
  old: {
    male: split('建国 建华 国强 志强 德明 永福 文华 国庆 长生 学军 福林 金生 根宝 友才 正德 家兴'),
    female: split('秀英 桂英 秀兰 玉兰 桂兰 凤英 淑珍 玉梅 秀珍 翠花 金凤 彩娣 月英 素珍'),
  },
  middle: {
    male: split('伟 强 军 勇 磊 涛 斌 健 明 超 海峰 建军 卫东 晓东 志刚 国华 红兵 永强'),
    female: split('丽 敏 静 燕 红梅 海燕 春梅 丽娟 晓红 雪梅 美玲 建英 小芳 丽萍 琴'),
  },
  young: {
    male: split('浩然 子轩 宇航 俊杰 梓豪 博文 一鸣 天宇 子豪 皓轩 思远 嘉豪 晨阳 睿'),
    female: split('子涵 欣怡 梓萱 思雨 雨桐 诗涵 可馨 佳怡 若曦 语嫣 梦瑶 一诺 悦'),
  },
};

function split(words: string): string[] {
  return words.split(' ');
}

// ---------------------------------------------------------------------------------------
// A seeded generator (mulberry32): small, fast, the same sequence on every platform.

interface Random {
  /** In [0, 1). */
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
}

function randomOf(seed: number): Random {
  let state = seed | 0;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new RangeError('pick from an empty list');
      return item;
    },
    chance: (probability) => next() < probability,
  };
}

// ---------------------------------------------------------------------------------------
// People and households

type Gender = 'male' | 'female';

interface Person {
  readonly name: string;
  readonly gender: Gender;
  /** 'YYYY-MM-DD' */
  readonly birthDate: string;
  /** As a register writes it: 户主, 妻, 长子, 儿媳, 孙女, 母亲 … (parseRelation reads them). */
  readonly relation: string;
  readonly tags: readonly string[];
}

interface Household {
  readonly members: readonly Person[];
  readonly tags: readonly string[];
}

const ORDINAL_SON = ['长子', '次子', '三子'];
const ORDINAL_DAUGHTER = ['长女', '次女', '三女'];

class VillageBuilder {
  private readonly random: Random;
  private readonly year: number;
  private readonly today: string;
  private readonly lineages: readonly string[];

  constructor(random: Random, today: string) {
    this.random = random;
    this.today = today;
    this.year = Number(today.slice(0, 4));
    // Three or four lineage surnames hold about half the households.
    const lineages = new Set<string>();
    while (lineages.size < 4) lineages.add(random.pick(COMMON_SURNAMES));
    this.lineages = [...lineages];
  }

  household(): Household {
    const r = this.random;
    const roll = r.next();
    const surname = r.chance(0.5) ? r.pick(this.lineages) : r.pick(COMMON_SURNAMES);
    let members: Person[];
    if (roll < 0.1) members = this.elderAlone(surname);
    else if (roll < 0.27) members = this.elderCouple(surname);
    else if (roll < 0.65) members = this.nuclear(surname);
    else if (roll < 0.88) members = this.threeGenerations(surname);
    else members = this.coupleWithParent(surname);

    const tags: string[] = [];
    const alone = members.length === 1;
    if (alone && r.chance(0.3)) tags.push('五保户');
    else if (r.chance(0.05)) tags.push('低保户');
    if (r.chance(0.03)) tags.push('脱贫监测户');
    if (r.chance(0.04)) tags.push('军属');
    if (members.some((person) => person.tags.includes('党员'))) tags.push('党员户');
    tags.push(DEMO_TAG);
    return { members, tags };
  }

  private elderAlone(surname: string): Person[] {
    const gender: Gender = this.random.chance(0.6) ? 'female' : 'male';
    // A widow heads her household under her own surname.
    const name = gender === 'male' ? surname : this.random.pick(COMMON_SURNAMES);
    return [this.person(name, gender, this.random.int(66, 92), '户主')];
  }

  private elderCouple(surname: string): Person[] {
    const age = this.random.int(60, 86);
    return [this.person(surname, 'male', age, '户主'), this.wife(age)];
  }

  private nuclear(surname: string): Person[] {
    const age = this.random.int(30, 58);
    const family = [this.person(surname, 'male', age, '户主')];
    if (this.random.chance(0.92)) family.push(this.wife(age));
    const children = this.random.chance(0.1) ? 3 : this.random.int(1, 2);
    family.push(...this.children(surname, age, children, 0));
    return family;
  }

  private threeGenerations(surname: string): Person[] {
    const r = this.random;
    const age = r.int(48, 68);
    const family = [this.person(surname, 'male', age, '户主'), this.wife(age)];
    const sons = this.children(surname, age, r.chance(0.7) ? 1 : 2, 20);
    family.push(...sons);
    const married = sons.find((child) => child.gender === 'male' && this.ageOf(child) >= 22);
    if (married !== undefined) {
      const sonAge = this.ageOf(married);
      family.push(this.inLaw(sonAge));
      const grandchildren = r.int(1, 2);
      for (let i = 0; i < grandchildren; i += 1) {
        const gender: Gender = r.chance(0.52) ? 'male' : 'female';
        const childAge = Math.max(0, sonAge - r.int(22, 32) - i * r.int(2, 4));
        family.push(this.person(surname, gender, childAge, gender === 'male' ? '孙子' : '孙女'));
      }
    }
    if (r.chance(0.25)) family.push(this.parent(surname, age));
    return family;
  }

  private coupleWithParent(surname: string): Person[] {
    const age = this.random.int(32, 55);
    const family = [this.person(surname, 'male', age, '户主'), this.wife(age)];
    family.push(this.parent(surname, age));
    family.push(...this.children(surname, age, this.random.int(0, 2), 0));
    return family;
  }

  private wife(husbandAge: number): Person {
    const age = Math.max(20, husbandAge - this.random.int(-2, 5));
    return this.person(this.random.pick(COMMON_SURNAMES), 'female', age, '妻');
  }

  private inLaw(sonAge: number): Person {
    const age = Math.max(20, sonAge - this.random.int(-2, 4));
    return this.person(this.random.pick(COMMON_SURNAMES), 'female', age, '儿媳');
  }

  /** The head's widowed parent, 22-35 years older; a mother more often (women live longer). */
  private parent(surname: string, headAge: number): Person {
    const age = Math.min(98, headAge + this.random.int(22, 35));
    return this.random.chance(0.7)
      ? this.person(this.random.pick(COMMON_SURNAMES), 'female', age, '母亲')
      : this.person(surname, 'male', age, '父亲');
  }

  /** Children of a parent aged `parentAge`, eldest first, each at least `minAge`. */
  private children(surname: string, parentAge: number, count: number, minAge: number): Person[] {
    const r = this.random;
    const children: Person[] = [];
    let age = parentAge - r.int(22, 30);
    let sons = 0;
    let daughters = 0;
    for (let i = 0; i < count && age >= 0; i += 1) {
      const gender: Gender = r.chance(0.52) ? 'male' : 'female';
      const relation =
        gender === 'male' ? (ORDINAL_SON[sons] ?? '儿子') : (ORDINAL_DAUGHTER[daughters] ?? '女儿');
      if (gender === 'male') sons += 1;
      else daughters += 1;
      children.push(this.person(surname, gender, Math.max(age, minAge), relation));
      age -= r.int(2, 5);
    }
    return children;
  }

  private person(surname: string, gender: Gender, age: number, relation: string): Person {
    const r = this.random;
    const birthYear = this.year - age;
    const generation: Generation =
      birthYear < 1965 ? 'old' : birthYear <= 1995 ? 'middle' : 'young';
    const name = surname + r.pick(GIVEN_NAMES[generation][gender]);
    const tags: string[] = [];
    if (age >= 25 && r.chance(age >= 45 ? 0.14 : 0.08)) tags.push('党员');
    if (age >= 18 && age <= 65 && r.chance(0.05)) tags.push('志愿者');
    return { name, gender, birthDate: this.birthDate(birthYear), relation, tags };
  }

  /** A day of the year, no later than today (someone born this year is born by now). */
  private birthDate(year: number): string {
    const r = this.random;
    for (;;) {
      const month = r.int(1, 12);
      const day = r.int(1, daysIn(year, month));
      const date = `${String(year)}-${pad(month)}-${pad(day)}`;
      if (date <= this.today) return date;
    }
  }

  ageOf(person: Person): number {
    return this.year - Number(person.birthDate.slice(0, 4));
  }
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

// ---------------------------------------------------------------------------------------
// IDs and phones

/** Unique 18-digit IDs: region, birth date, a sequence with the gender's parity, check digit. */
function idMaker(random: Random, regionCode: string): (person: Person) => string {
  const issued = new Set<string>();
  return (person) => {
    for (;;) {
      // The sequence's last digit is odd for men, even for women.
      const sequence = random.int(0, 49) * 2 + (person.gender === 'male' ? 1 : 0);
      const first17 = `${regionCode}${person.birthDate.replace(/-/g, '')}${String(random.int(0, 9))}${pad(sequence)}`;
      if (issued.has(first17)) continue;
      issued.add(first17);
      return `${first17}${checkDigitOf(first17)}`;
    }
  };
}

const MOBILE_PREFIXES = split(
  '134 135 136 137 138 139 150 151 152 157 158 159 182 183 187 188 130 131 132 155 156 185 186 133 153 180 181 189 177 199',
);

// ---------------------------------------------------------------------------------------

/** The sample's groups (村民小组): a loader creates them, and removes them with the sample. */
export const DEMO_GROUPS: readonly string[] = split(
  '第一村民小组 第二村民小组 第三村民小组 第四村民小组 第五村民小组',
);
const STREETS = split('东街 西街 南街 北街 河滨路 新村');

export function demoVillage(options: DemoVillageOptions): DemoVillage {
  const { today, regionCode, villageName = '南港村' } = options;
  if (!/^\d{6}$/.test(regionCode)) throw new RangeError('regionCode must be 6 digits');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new RangeError('today must be YYYY-MM-DD');
  const count = options.households ?? 100;
  if (!Number.isInteger(count) || count < 1 || count > 9999) {
    throw new RangeError('households must be 1-9999');
  }
  const random = randomOf(options.seed);
  const builder = new VillageBuilder(random, today);
  const idOf = idMaker(random, regionCode);

  const columns = REGISTER_COLUMNS.map((column) => column.key);
  const rowOf = (cells: Partial<Record<RegisterColumnKey, string>>) =>
    columns.map((key) => cells[key] ?? '');

  const table: string[][] = [REGISTER_COLUMNS.map((column) => column.header)];
  const perGroup = Math.ceil(count / DEMO_GROUPS.length);
  const houseNumbers = new Map<string, number>();
  for (let index = 0; index < count; index += 1) {
    const household = builder.household();
    const group = DEMO_GROUPS[Math.floor(index / perGroup)] ?? '';
    const street = random.pick(STREETS);
    const houseNumber = (houseNumbers.get(street) ?? 0) + random.int(1, 3);
    houseNumbers.set(street, houseNumber);
    const house = `${street}${String(houseNumber)}号`;
    household.members.forEach((person, position) => {
      const adult = builder.ageOf(person) >= 18;
      const phone =
        adult && random.chance(0.85)
          ? `${random.pick(MOBILE_PREFIXES)}${String(random.int(0, 99_999_999)).padStart(8, '0')}`
          : '';
      // Registers write the household's own columns on the head's row (the first).
      const first = position === 0;
      table.push(
        rowOf({
          householdNumber: String(index + 1).padStart(count > 999 ? 4 : 3, '0'),
          houseNumber: first ? house : '',
          address: first ? `${villageName}${house}` : '',
          group: first ? group : '',
          name: person.name,
          gender: person.gender === 'male' ? '男' : '女',
          birthDate: person.birthDate,
          idNumber: idOf(person),
          relation: person.relation,
          phone,
          tags: person.tags.join('、'),
          householdTags: first ? household.tags.join('、') : '',
        }),
      );
    });
  }
  const used = new Set(table.slice(1).map((row) => row[columns.indexOf('group')] ?? ''));
  return { groups: DEMO_GROUPS.filter((name) => used.has(name)), table };
}
