import { describe, expect, it } from 'vitest';
import { nameSearchKeys } from './search-keys.ts';
import {
  matchesOp,
  passesFilters,
  planSearch,
  prefixRange,
  type ResidentClause,
  type SearchClause,
} from './search-query.ts';

const residents = (field: ResidentClause['field'], op: 'prefix' | 'equals', value: string) => ({
  collection: 'residents',
  field,
  op,
  value,
});
const households = (field: 'householdNo' | 'houseNo', op: 'prefix' | 'equals', value: string) => ({
  collection: 'households',
  field,
  op,
  value,
});

/** The clauses without the polyphonic-surname ones (tested on their own below). */
const indexClauses = (text: string): readonly SearchClause[] =>
  (planSearch(text)?.clauses ?? []).filter(
    (clause) => clause.collection === 'households' || clause.filters === undefined,
  );

/** Whether a resident with this name is kept by some clause of the plan (names only). */
function nameFound(name: string, text: string): boolean {
  const keys = nameSearchKeys(name);
  const stored = { name, ...keys };
  return (planSearch(text)?.clauses ?? []).some(
    (clause) =>
      clause.collection === 'residents' &&
      (clause.field === 'name' ||
        clause.field === 'namePinyin' ||
        clause.field === 'nameInitials') &&
      matchesOp(stored[clause.field], clause.op, clause.value) &&
      passesFilters(stored, clause.filters),
  );
}

describe('planSearch', () => {
  it('has no plan for empty or blank text, so the normal list shows', () => {
    expect(planSearch('')).toBeNull();
    expect(planSearch('   ')).toBeNull();
    expect(planSearch('\u3000')).toBeNull();
    expect(planSearch("'")).toBeNull();
  });

  it('searches Han characters as a name prefix', () => {
    expect(planSearch(' 张三 ')).toEqual({
      kind: 'name',
      text: '张三',
      clauses: [residents('name', 'prefix', '张三')],
    });
    expect(planSearch('阿依古丽·买')?.clauses).toEqual([
      residents('name', 'prefix', '阿依古丽·买'),
    ]);
  });

  it('searches latin letters as both a full pinyin prefix and an initials prefix', () => {
    expect(planSearch('zs')).toMatchObject({ kind: 'pinyin', text: 'zs' });
    expect(indexClauses('zs')).toEqual([
      residents('namePinyin', 'prefix', 'zs'),
      residents('nameInitials', 'prefix', 'zs'),
    ]);
    expect(indexClauses('Zhang San')).toEqual([
      residents('namePinyin', 'prefix', 'zhangsan'),
      residents('nameInitials', 'prefix', 'zhangsan'),
    ]);
  });

  it('normalises pinyin the way keys are stored: ü as v, no apostrophe, full-width folded', () => {
    expect(planSearch('lü')?.text).toBe('lv');
    expect(planSearch("xi'an")?.text).toBe('xian');
    expect(planSearch('ｚｓ')?.text).toBe('zs');
  });

  it('finds 张三 by zs and by zhangsan, and every keystroke on the way', () => {
    for (const text of ['z', 'zs', 'zh', 'zha', 'zhang', 'zhangs', 'zhangsan', '张', '张三']) {
      expect(nameFound('张三', text), text).toBe(true);
    }
    expect(nameFound('张三', 'zsa')).toBe(false);
    expect(nameFound('张三', 'li')).toBe(false);
  });

  it('finds a polyphonic surname by either reading, full or initials, while typing', () => {
    for (const text of [
      's',
      'sh',
      'shan',
      'shanx',
      'sxx',
      'd',
      'da',
      'dan',
      'danxiong',
      'dx',
      'dxx',
    ]) {
      expect(nameFound('单雄信', text), text).toBe(true);
    }
    for (const text of ['cengguofan', 'ceng', 'cgf', 'zeng', 'zgf']) {
      expect(nameFound('曾国藩', text), text).toBe(true);
    }
    for (const text of ['wansi', 'wsx', 'moqi', 'mqx']) {
      expect(nameFound('万俟卨', text), text).toBe(true);
    }
    // 种 is stored as chong; zhong and its initials z… reach it through the name index.
    for (const text of ['zhong', 'zhongshi', 'zsd', 'chong', 'csd']) {
      expect(nameFound('种师道', text), text).toBe(true);
    }
    expect(nameFound('单雄信', 'dana')).toBe(false);
    expect(nameFound('单雄信', 'dxy')).toBe(false);
    expect(nameFound('张三', 'dan')).toBe(false);
  });

  it('reaches the other reading of a surname through the name index, narrowed by filters', () => {
    const surnameClauses = (planSearch('danx')?.clauses ?? []).filter(
      (clause) => clause.collection === 'residents' && clause.filters !== undefined,
    );
    expect(surnameClauses).toEqual([
      {
        ...residents('name', 'prefix', '单'),
        filters: [{ field: 'pinyinVariants', op: 'prefix', value: 'danx' }],
      },
    ]);
  });

  it('adds no surname clause for letters that read no surname the other way', () => {
    expect(planSearch('zhang')?.clauses).toHaveLength(2);
    expect(planSearch('wang')?.clauses).toHaveLength(2);
  });

  it('searches 4 digits as ID last 4, household number and house number, all exact', () => {
    expect(planSearch('1234')).toEqual({
      kind: 'id-last4',
      text: '1234',
      clauses: [
        residents('idLast4', 'equals', '1234'),
        households('householdNo', 'equals', '1234'),
        households('houseNo', 'equals', '1234'),
      ],
    });
  });

  it('searches 3 digits and an X as ID last 4 only, with X in upper case', () => {
    expect(planSearch('123x')).toEqual({
      kind: 'id-last4',
      text: '123X',
      clauses: [residents('idLast4', 'equals', '123X')],
    });
  });

  it('searches 5 to 11 digits as a phone prefix and a household number prefix', () => {
    expect(planSearch('13812')).toEqual({
      kind: 'phone',
      text: '13812',
      clauses: [
        residents('phone', 'prefix', '13812'),
        households('householdNo', 'prefix', '13812'),
      ],
    });
    expect(planSearch('138 1234 5678')?.clauses[0]).toEqual(
      residents('phone', 'prefix', '13812345678'),
    );
  });

  it('searches 1 to 3 digits as the start of a phone, household number or house number', () => {
    expect(planSearch('138')).toEqual({
      kind: 'digits',
      text: '138',
      clauses: [
        residents('phone', 'prefix', '138'),
        households('householdNo', 'prefix', '138'),
        households('houseNo', 'prefix', '138'),
      ],
    });
  });

  it('searches anything else as a household number or house number prefix', () => {
    for (const text of ['南港村12号', '12号', 'A-03', '320509105201001']) {
      expect(planSearch(text), text).toEqual({
        kind: 'number',
        text,
        clauses: [households('householdNo', 'prefix', text), households('houseNo', 'prefix', text)],
      });
    }
  });
});

describe('prefixRange', () => {
  it('covers exactly the strings starting with the value', () => {
    const range = prefixRange('zs');
    const inRange = (value: string) => value >= range.$gte && value < range.$lt;
    expect(['zs', 'zsa', 'zszzz'].every(inRange)).toBe(true);
    expect(['z', 'zr', 'zt', 'ys'].some(inRange)).toBe(false);
  });
});

describe('passesFilters', () => {
  const stored = { nameInitials: 'sxx', pinyinVariants: ['danxiongxin'] };

  it('keeps every resident when the clause has no filters', () => {
    expect(passesFilters(stored, undefined)).toBe(true);
    expect(passesFilters(stored, [])).toBe(true);
  });

  it('keeps a resident when one filter matches, an array field by any item', () => {
    expect(passesFilters(stored, [{ field: 'pinyinVariants', op: 'prefix', value: 'danx' }])).toBe(
      true,
    );
    expect(
      passesFilters(stored, [
        { field: 'pinyinVariants', op: 'prefix', value: 'dana' },
        { field: 'nameInitials', op: 'prefix', value: 'sx' },
      ]),
    ).toBe(true);
    expect(
      passesFilters(stored, [
        { field: 'pinyinVariants', op: 'prefix', value: 'dana' },
        { field: 'nameInitials', op: 'prefix', value: 'sy' },
      ]),
    ).toBe(false);
  });
});
