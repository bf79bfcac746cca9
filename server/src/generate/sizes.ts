/**
 * The sizes of generated data (issue 6): a village of about 500, 3,000 or 10,000 residents
 * (the largest a village device must handle: 3,000 households, about 300,000 ledger
 * events over five years), and a township of 40 typical villages. Households hold about
 * 3.4 people (shared/residents/demo.ts draws their shapes), so sizes are given in
 * households.
 */
export const SIZE_NAMES = ['small', 'typical', 'max', 'township'] as const;
export type SizeName = (typeof SIZE_NAMES)[number];

export interface SizeSpec {
  readonly villages: number;
  readonly householdsPerVillage: number;
  /** What the size is meant to be, for help texts and reports. */
  readonly aboutResidents: number;
}

export const SIZES: { readonly [S in SizeName]: SizeSpec } = {
  small: { villages: 1, householdsPerVillage: 150, aboutResidents: 500 },
  typical: { villages: 1, householdsPerVillage: 900, aboutResidents: 3_000 },
  max: { villages: 1, householdsPerVillage: 3_000, aboutResidents: 10_000 },
  township: { villages: 40, householdsPerVillage: 900, aboutResidents: 120_000 },
};

export function isSizeName(value: string): value is SizeName {
  return (SIZE_NAMES as readonly string[]).includes(value);
}

/** Years of ledger history before today. */
export const HISTORY_YEARS = 5;

/** Entries per resident and year the generator aims at (issue 6: 300,000 for the max village). */
export const EVENTS_PER_RESIDENT_YEAR = 6;

/**
 * Where generated data goes when no place is given: a sample township in Wendeng district
 * (文登区, whose credit rules the default library follows) and its first village. Names say
 * they are samples; every generated household also carries the sample tag (示例数据).
 */
export const DEFAULT_TOWNSHIP = { code: '371003190', name: '示例镇' } as const;
export const DEFAULT_VILLAGE_CODE = '371003190201';

/** Village names for generated villages, in order (the first is the default village's). */
export const VILLAGE_NAMES: readonly string[] = [
  '南港村',
  '东河村',
  '西岭村',
  '北山村',
  '王家庄村',
  '李家埠村',
  '张家湾村',
  '刘家沟村',
  '陈家桥村',
  '杨树屯村',
  '石桥村',
  '柳林村',
  '河口村',
  '前进村',
  '红星村',
  '新华村',
  '团结村',
  '胜利村',
  '和平村',
  '幸福村',
  '兴隆村',
  '长丰村',
  '永安村',
  '大庄村',
  '小营村',
  '高家岭村',
  '马家集村',
  '孙家店村',
  '黄泥湾村',
  '桃园村',
  '杏花村',
  '松树岭村',
  '龙泉村',
  '凤凰山村',
  '白沙村',
  '青山村',
  '东关村',
  '西关村',
  '南坡村',
  '北岔村',
  '三里屯村',
  '五里桥村',
  '七星村',
  '双河村',
];

/** The name of the village with code `code` when it is created by the generator. */
export function villageNameOf(code: string): string {
  const index = Number(code.slice(9)) - 201;
  return VILLAGE_NAMES[index] ?? `示例${code.slice(9)}村`;
}

/** The village codes of a generated township: 201, 202 … after the township's code. */
export function villageCodesOf(townshipCode: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${townshipCode}${String(201 + i)}`);
}
