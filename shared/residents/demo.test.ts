import { describe, expect, it } from 'vitest';
import { checkDigitOf, parseCitizenId } from './citizen-id.ts';
import { DEMO_TAG, demoVillage, type DemoVillageOptions } from './demo.ts';
import { parseRelation } from './households.ts';
import { isPlausibleName, splitTags } from './import/cells.ts';
import { REGISTER_COLUMNS } from './import/columns.ts';
import { validateRegister } from './import/validate.ts';
import { parsePhone } from './phone.ts';

const OPTIONS: DemoVillageOptions = {
  seed: 20_250_310,
  today: '2025-03-10',
  regionCode: '320509',
  villageName: '南港村',
};

const column = (header: string) => REGISTER_COLUMNS.findIndex((c) => c.header === header);
const cell = (row: readonly string[], header: string) => row[column(header)] ?? '';

function validated(options: DemoVillageOptions) {
  const village = demoVillage(options);
  const result = validateRegister(village.table, {
    today: options.today,
    villageCode: '320509105201',
    knownGroups: new Map(village.groups.map((name, i) => [name, `group-${String(i)}`])),
    findRegistered: () => undefined,
    existingHouseholdNumbers: new Set(),
  });
  return { village, result };
}

describe('demoVillage', () => {
  it('is a register the import validator accepts as it stands, a few hundred residents strong', () => {
    const { village, result } = validated(OPTIONS);
    if (!result.ok) throw new Error(JSON.stringify(result.problems.slice(0, 3)));
    expect(result.plan.households).toHaveLength(100);
    expect(result.plan.residents.length).toBeGreaterThanOrEqual(250);
    expect(result.plan.residents.length).toBeLessThanOrEqual(400);
    expect(village.table[0]).toEqual(REGISTER_COLUMNS.map((c) => c.header));
    expect(village.groups.length).toBeGreaterThan(1);
  });

  it('gives the same village for the same seed and another village for another seed', () => {
    expect(demoVillage(OPTIONS)).toEqual(demoVillage(OPTIONS));
    expect(demoVillage({ ...OPTIONS, seed: 7 }).table).not.toEqual(demoVillage(OPTIONS).table);
  });

  it('gives every resident a unique valid ID with the county prefix, agreeing with gender and birth date', () => {
    const { table } = demoVillage(OPTIONS);
    const ids = new Set<string>();
    for (const row of table.slice(1)) {
      const id = cell(row, '身份证号');
      expect(id.startsWith('320509'), id).toBe(true);
      expect(id.charAt(17)).toBe(checkDigitOf(id.slice(0, 17)));
      const parsed = parseCitizenId(id, OPTIONS.today);
      if (!parsed.ok) throw new Error(`${id}: ${parsed.error.code}`);
      expect(parsed.value.birthDate).toBe(cell(row, '出生日期'));
      expect(parsed.value.gender === 'male' ? '男' : '女').toBe(cell(row, '性别'));
      ids.add(id);
    }
    expect(ids.size).toBe(table.length - 1);
  });

  it('builds households of realistic size whose relations and ages agree', () => {
    const { table } = demoVillage({ ...OPTIONS, households: 300 });
    const households = new Map<string, (readonly string[])[]>();
    for (const row of table.slice(1)) {
      const number = cell(row, '户编号');
      households.set(number, [...(households.get(number) ?? []), row]);
    }
    const sizes = [...households.values()].map((rows) => rows.length);
    const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    expect(mean).toBeGreaterThan(2.3);
    expect(mean).toBeLessThan(4);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(9);
    expect(sizes.filter((size) => size === 1).length).toBeGreaterThan(0);

    const year = (row: readonly string[]) => Number(cell(row, '出生日期').slice(0, 4));
    for (const rows of households.values()) {
      const [head, ...others] = rows;
      if (head === undefined) throw new Error('empty household');
      expect(cell(head, '与户主关系')).toBe('户主');
      for (const row of others) {
        const relation = parseRelation(cell(row, '与户主关系'));
        if (!relation.ok) throw new Error(cell(row, '与户主关系'));
        expect(relation.value).not.toBe('head');
        // Children are younger than the head by a generation, parents older by one.
        if (relation.value === 'grandchild') expect(year(row) - year(head)).toBeGreaterThan(30);
        if (relation.value === 'parent') expect(year(head) - year(row)).toBeGreaterThanOrEqual(22);
        if (relation.value === 'child' && cell(row, '与户主关系') !== '儿媳') {
          expect(year(row) - year(head)).toBeGreaterThanOrEqual(18);
        }
      }
    }
  });

  it('writes plausible names, valid phones and marks every household as sample data', () => {
    const { table } = demoVillage(OPTIONS);
    const names = new Set<string>();
    for (const row of table.slice(1)) {
      const name = cell(row, '姓名');
      expect(isPlausibleName(name), name).toBe(true);
      expect(name).toMatch(/^\p{Script=Han}{2,4}$/u);
      names.add(name);
      const phone = cell(row, '联系电话');
      if (phone !== '') expect(parsePhone(phone)).toEqual({ ok: true, value: phone });
      if (cell(row, '与户主关系') === '户主') {
        expect(splitTags(cell(row, '户标签'))).toContain(DEMO_TAG);
        expect(cell(row, '门牌号')).toMatch(/\d+号$/);
        expect(cell(row, '地址').startsWith('南港村')).toBe(true);
      }
    }
    // Repeated names happen in a village, but most are distinct.
    expect(names.size).toBeGreaterThan((table.length - 1) * 0.7);
  });

  it('has no one born after today, whatever day today is', () => {
    const { result } = validated({ ...OPTIONS, today: '2026-01-01', seed: 3 });
    expect(result.ok).toBe(true);
  });
});
