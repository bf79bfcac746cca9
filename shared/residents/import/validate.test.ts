import { describe, expect, it } from 'vitest';
import { checkDigitOf } from '../citizen-id.ts';
import type { ImportProblem } from './problems.ts';
import {
  validateRegister,
  type ImportResult,
  type RegisterContext,
  type RegisteredResident,
  type RegisterTable,
} from './validate.ts';

const TODAY = '2024-06-15';

// shared/ compiles without DOM or Node types; the benchmark below prints its figure.
declare const console: { log(message: string): void };

/** A valid 18-digit ID: birth 'YYYYMMDD', a 3-digit sequence (last digit odd = male). */
function idOf(birth: string, sequence: string, region = '320502'): string {
  const first17 = `${region}${birth}${sequence}`;
  return `${first17}${checkDigitOf(first17)}`;
}

const WANG = idOf('19650312', '011');
const LI = idOf('19680704', '022');
const WANG_LEI = idOf('19920101', '031');
const ZHAO = idOf('19701111', '051');

const HEADER = [
  '户编号',
  '门牌号',
  '村民小组',
  '姓名',
  '性别',
  '身份证号',
  '与户主关系',
  '联系电话',
  '标签',
];

/** Two households: 001 (head, wife, son) and 002 (head alone). Rows 2-5 of the sheet. */
const VALID: RegisterTable = [
  HEADER,
  ['001', '东街12号', '第一村民小组', '王建国', '男', WANG, '户主', '13812345678', '党员'],
  ['001', '', '', '李秀兰', '女', LI, '妻', '', ''],
  ['001', '', '', '王磊', '男', WANG_LEI, '长子', '0510-86012345', '志愿者、网格员'],
  ['002', '西街3号', '第二村民小组', '赵大山', '男', ZHAO, '户主', '', ''],
];

function context(
  registered: ReadonlyMap<string, RegisteredResident> = new Map(),
  existingHouseholdNumbers: ReadonlySet<string> = new Set(),
): RegisterContext {
  return {
    today: TODAY,
    villageCode: '320502001001',
    knownGroups: new Map([
      ['第一村民小组', 'group-1'],
      ['第二村民小组', 'group-2'],
    ]),
    findRegistered: (idNumber) => registered.get(idNumber),
    existingHouseholdNumbers,
  };
}

/** VALID with some cells replaced: { row (sheet row number): { column header: text } }. */
function withCells(changes: Readonly<Record<number, Readonly<Record<string, string>>>>) {
  return VALID.map((cells, index) => {
    const change = changes[index + 1];
    if (change === undefined) return cells;
    return cells.map((cell, column) => change[HEADER[column] ?? ''] ?? cell);
  });
}

function problemsOf(result: ImportResult): readonly ImportProblem[] {
  if (result.ok) throw new Error('expected problems, got a plan');
  return result.problems;
}

/** The problems reduced to what a clerk reads in the report: row, column, value, code. */
function brief(result: ImportResult) {
  return problemsOf(result).map(({ row, column, value, code }) => ({ row, column, value, code }));
}

describe('validateRegister: a valid file', () => {
  it('plans every household and resident with validated values', () => {
    const result = validateRegister(VALID, context());
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.plan.villageCode).toBe('320502001001');
    expect(result.plan.households).toEqual([
      {
        number: '001',
        houseNumber: '东街12号',
        address: '',
        groupId: 'group-1',
        tags: [],
        sourceRows: [2, 3, 4],
      },
      {
        number: '002',
        houseNumber: '西街3号',
        address: '',
        groupId: 'group-2',
        tags: [],
        sourceRows: [5],
      },
    ]);
    expect(result.plan.residents[0]).toEqual({
      sourceRow: 2,
      householdNumber: '001',
      name: '王建国',
      idNumber: WANG,
      gender: 'male',
      birthDate: '1965-03-12',
      phone: '13812345678',
      relation: 'head',
      tags: ['党员'],
      notes: '',
    });
    expect(result.plan.residents.map((r) => [r.relation, r.phone, r.tags])).toEqual([
      ['head', '13812345678', ['党员']],
      ['spouse', '', []],
      ['child', '0510-86012345', ['志愿者', '网格员']],
      ['head', '', []],
    ]);
    expect(result.summary).toEqual({
      headerRow: 1,
      rows: 4,
      households: 2,
      residents: 4,
      ignoredColumns: [],
      convertedIds: [],
      unknownGroups: [],
    });
  });

  it('accepts a header row with the columns in a different order', () => {
    const order = [6, 3, 0, 8, 5, 7, 1, 2, 4];
    const reordered = VALID.map((cells) => order.map((column) => cells[column] ?? ''));
    const result = validateRegister(reordered, context());
    const expected = validateRegister(VALID, context());
    expect(result.ok).toBe(true);
    expect(result.ok && expected.ok && result.plan).toEqual(expected.ok && expected.plan);
  });

  it('accepts the other names registers give the columns', () => {
    const synonyms = [
      '户号',
      '门牌',
      '网格',
      ' 姓　名 ',
      '性别',
      '公民身份号码',
      '关系',
      '手机号',
      '标签',
    ];
    const result = validateRegister([synonyms, ...VALID.slice(1)], context());
    expect(result.ok && result.plan.residents.length).toBe(4);
  });

  it('ignores extra columns and lists them in the summary, not as problems', () => {
    const table = VALID.map((cells, index) =>
      index === 0 ? ['序号', ...cells, '文化程度'] : [String(index), ...cells, '初中'],
    );
    const result = validateRegister(table, context());
    expect(result.ok).toBe(true);
    expect(result.summary.ignoredColumns).toEqual([
      { column: '序号', columnIndex: 0 },
      { column: '文化程度', columnIndex: 10 },
    ]);
  });

  it('ignores blank rows, including rows filled only in ignored columns, and keeps sheet row numbers', () => {
    const table = [
      [],
      ['', '  ', ''],
      ['序号', ...HEADER],
      ['1', ...(VALID[1] ?? [])],
      [],
      ['2', ...(VALID[2] ?? [])],
      ['3', ...(VALID[3] ?? []).map((cell, column) => (column === 3 ? '' : cell))],
      ['4', '　', ''],
      ['5', ...(VALID[4] ?? [])],
      ['6'],
      ['7'],
    ];
    const result = validateRegister(table, context());
    expect(result.summary).toMatchObject({ headerRow: 3, rows: 4, households: 2 });
    expect(brief(result)).toEqual([
      { row: 7, column: '姓名', value: '', code: 'resident.name-missing' },
    ]);
  });

  it('reads the header under a title row', () => {
    const result = validateRegister([['东街村村民花名册'], [], ...VALID], context());
    expect(result.ok && result.plan.residents.map((r) => r.sourceRow)).toEqual([4, 5, 6, 7]);
    expect(result.summary.headerRow).toBe(3);
  });

  it('converts a 15-digit ID to 18 digits and reports the conversion as a note, not a problem', () => {
    const legacy = '320502650312011';
    const result = validateRegister(withCells({ 2: { 身份证号: legacy } }), context());
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.plan.residents[0]).toMatchObject({ idNumber: WANG, convertedFrom: legacy });
    expect(result.summary.convertedIds).toEqual([{ row: 2, from: legacy, to: WANG }]);
  });

  it('accepts a birth date and gender that agree with the ID, in any of the usual shapes', () => {
    const table = [
      [...HEADER, '出生日期'],
      ...VALID.slice(1).map((cells, index) => [
        ...cells,
        ['1965年3月12日', '1968/7/4', '33604', ''][index] ?? '',
      ]),
    ];
    expect(validateRegister(table, context()).ok).toBe(true);
  });
});

describe('validateRegister: problems in one row', () => {
  it('reports an ID with a bad format', () => {
    const result = validateRegister(withCells({ 3: { 身份证号: '32050219680704' } }), context());
    expect(problemsOf(result)).toEqual([
      {
        kind: 'invalid',
        row: 3,
        column: '身份证号',
        columnIndex: 5,
        value: '32050219680704',
        code: 'resident.id-format',
        params: { value: '32050219680704' },
      },
    ]);
  });

  it('reports an ID whose birth date is not a calendar date', () => {
    const bad = '32050219680231022';
    const id = `${bad}${checkDigitOf(bad)}`;
    const result = validateRegister(withCells({ 3: { 身份证号: id } }), context());
    expect(problemsOf(result)).toMatchObject([
      {
        row: 3,
        column: '身份证号',
        code: 'resident.id-birth-date',
        params: { value: id, date: '1968-02-31', reason: 'not-a-date' },
      },
    ]);
  });

  it('reports an ID with a wrong check digit, giving the expected one', () => {
    const expected = LI.charAt(17);
    const wrong = `${LI.slice(0, 17)}${expected === '0' ? '1' : '0'}`;
    const result = validateRegister(withCells({ 3: { 身份证号: wrong } }), context());
    expect(problemsOf(result)).toMatchObject([
      { row: 3, value: wrong, code: 'resident.id-check-digit', params: { value: wrong, expected } },
    ]);
  });

  it('explains an ID that Excel turned into a number', () => {
    const result = validateRegister(withCells({ 3: { 身份证号: '3.20502E+17' } }), context());
    expect(brief(result)).toEqual([
      { row: 3, column: '身份证号', value: '3.20502E+17', code: 'import.id-as-number' },
    ]);
  });

  it('reports an ID already registered in the village, naming the resident and household', () => {
    const registered = new Map([[LI, { name: '李秀兰', householdNumber: '017' }]]);
    const result = validateRegister(VALID, context(registered));
    expect(problemsOf(result)).toMatchObject([
      {
        row: 3,
        column: '身份证号',
        value: LI,
        code: 'resident.id-duplicate',
        params: { name: '李秀兰', household: '017' },
      },
    ]);
  });

  it('reports a missing name', () => {
    const result = validateRegister(withCells({ 4: { 姓名: '  ' } }), context());
    expect(brief(result)).toEqual([
      { row: 4, column: '姓名', value: '', code: 'resident.name-missing' },
    ]);
  });

  it('reports a name that cannot be a name', () => {
    const result = validateRegister(withCells({ 4: { 姓名: '王磊2' } }), context());
    expect(problemsOf(result)).toMatchObject([
      { row: 4, code: 'resident.name-invalid', params: { value: '王磊2' } },
    ]);
  });

  it('reports an unknown relation with the text written', () => {
    const result = validateRegister(withCells({ 4: { 与户主关系: '干儿子' } }), context());
    expect(problemsOf(result)).toMatchObject([
      {
        row: 4,
        column: '与户主关系',
        value: '干儿子',
        code: 'household.relation-unknown',
        params: { value: '干儿子' },
      },
    ]);
  });

  it('reports a bad phone number', () => {
    const result = validateRegister(withCells({ 2: { 联系电话: '1381234567' } }), context());
    expect(problemsOf(result)).toMatchObject([
      {
        row: 2,
        column: '联系电话',
        value: '1381234567',
        code: 'resident.phone-invalid',
        params: { value: '1381234567' },
      },
    ]);
  });

  it('reports an unknown group as one the app may offer to create', () => {
    const result = validateRegister(withCells({ 5: { 村民小组: '第九村民小组' } }), context());
    expect(problemsOf(result)).toEqual([
      {
        kind: 'unknown-group',
        row: 5,
        column: '村民小组',
        columnIndex: 2,
        value: '第九村民小组',
        code: 'import.group-unknown',
        params: { value: '第九村民小组' },
      },
    ]);
    expect(result.summary.unknownGroups).toEqual([{ name: '第九村民小组', rows: [5] }]);
  });

  it('reports a birth date or gender that disagrees with the ID, each in its own column', () => {
    const table = [
      [...HEADER, '出生日期'],
      ...VALID.slice(1).map((cells, index) =>
        index === 1 ? [...cells.slice(0, 4), '男', ...cells.slice(5), '1968-7-5'] : cells,
      ),
    ];
    expect(problemsOf(validateRegister(table, context()))).toMatchObject([
      {
        row: 3,
        column: '性别',
        value: '男',
        code: 'resident.id-gender-mismatch',
        params: { entered: 'male', fromId: 'female' },
      },
      {
        row: 3,
        column: '出生日期',
        value: '1968-7-5',
        code: 'resident.id-birth-mismatch',
        params: { entered: '1968-07-05', fromId: '1968-07-04' },
      },
    ]);
  });
});

describe('validateRegister: problems across rows', () => {
  it('reports an ID duplicated inside the file on both rows, each naming the other', () => {
    const result = validateRegister(withCells({ 5: { 身份证号: WANG_LEI } }), context());
    expect(problemsOf(result)).toMatchObject([
      { row: 4, code: 'import.id-duplicate-in-file', params: { otherRow: 5, otherName: '赵大山' } },
      { row: 5, code: 'import.id-duplicate-in-file', params: { otherRow: 4, otherName: '王磊' } },
    ]);
  });

  it('sees a 15-digit ID and its 18-digit form as the same person', () => {
    const legacy = '320502920101031';
    const result = validateRegister(withCells({ 5: { 身份证号: legacy } }), context());
    expect(brief(result)).toEqual([
      { row: 4, column: '身份证号', value: WANG_LEI, code: 'import.id-duplicate-in-file' },
      { row: 5, column: '身份证号', value: legacy, code: 'import.id-duplicate-in-file' },
    ]);
  });

  it('reports a household without a head on every one of its rows', () => {
    const result = validateRegister(withCells({ 2: { 与户主关系: '配偶' } }), context());
    expect(problemsOf(result)).toMatchObject(
      [2, 3, 4].map((row) => ({
        row,
        column: '与户主关系',
        code: 'household.head-count',
        params: { household: '001', count: 0 },
      })),
    );
  });

  it('reports a household with two heads on the head rows', () => {
    const result = validateRegister(withCells({ 4: { 与户主关系: '户主' } }), context());
    expect(problemsOf(result)).toMatchObject(
      [2, 4].map((row) => ({
        row,
        value: '户主',
        code: 'household.head-count',
        params: { household: '001', count: 2 },
      })),
    );
  });

  it('does not blame a missing head on a household whose unreadable relation may be the head', () => {
    const result = validateRegister(withCells({ 2: { 与户主关系: '户 长' } }), context());
    expect(brief(result)).toEqual([
      { row: 2, column: '与户主关系', value: '户 长', code: 'household.relation-unknown' },
    ]);
  });

  it('reports rows of one household that disagree on house number or group', () => {
    const result = validateRegister(
      withCells({
        3: { 门牌号: '东街14号', 村民小组: ' 第一村民小组 ' },
        4: { 村民小组: '第二村民小组' },
      }),
      context(),
    );
    expect(problemsOf(result)).toMatchObject([
      {
        row: 3,
        column: '门牌号',
        value: '东街14号',
        code: 'import.household-conflict',
        params: { household: '001', column: '门牌号', first: '东街12号', firstRow: 2 },
      },
      {
        row: 4,
        column: '村民小组',
        value: '第二村民小组',
        code: 'import.household-conflict',
        params: { household: '001', column: '村民小组', first: '第一村民小组', firstRow: 2 },
      },
    ]);
  });

  it('reports a household number the village already uses, on each of its rows', () => {
    const result = validateRegister(VALID, context(new Map(), new Set(['002'])));
    expect(problemsOf(result)).toMatchObject([
      { row: 5, column: '户编号', code: 'household.number-duplicate', params: { value: '002' } },
    ]);
  });
});

describe('validateRegister: the file as a whole', () => {
  it('reports a missing required column once, on the header row', () => {
    const table = VALID.map((cells) => cells.filter((_, column) => column !== 6));
    expect(problemsOf(validateRegister(table, context()))).toEqual([
      {
        kind: 'invalid',
        row: 1,
        column: '与户主关系',
        value: '',
        code: 'import.column-missing',
        params: { column: '与户主关系' },
      },
    ]);
  });

  it('refuses two headers that name the same column instead of guessing between them', () => {
    const table = VALID.map((cells, index) => [...cells, index === 0 ? '手机号' : '']);
    expect(problemsOf(validateRegister(table, context()))).toMatchObject([
      {
        row: 1,
        column: '手机号',
        columnIndex: 9,
        code: 'import.column-duplicate',
        params: { column: '手机号', other: '联系电话' },
      },
    ]);
  });

  it('reports a file without any data row', () => {
    expect(brief(validateRegister([HEADER, []], context()))).toEqual([
      { row: 1, column: '', value: '', code: 'import.file-empty' },
    ]);
    expect(brief(validateRegister([], context()))).toEqual([
      { row: 1, column: '', value: '', code: 'import.file-empty' },
    ]);
  });

  it('reports every problem of the file at once, ordered by row then column', () => {
    const table = withCells({
      2: { 身份证号: '12345', 联系电话: '12' },
      3: { 姓名: '', 与户主关系: '干儿子' },
      4: { 村民小组: '第九村民小组', 身份证号: LI },
      5: { 户编号: '', 门牌号: '' },
    });
    expect(brief(validateRegister(table, context()))).toEqual([
      { row: 2, column: '身份证号', value: '12345', code: 'resident.id-format' },
      { row: 2, column: '联系电话', value: '12', code: 'resident.phone-invalid' },
      { row: 3, column: '姓名', value: '', code: 'resident.name-missing' },
      { row: 3, column: '身份证号', value: LI, code: 'import.id-duplicate-in-file' },
      { row: 3, column: '与户主关系', value: '干儿子', code: 'household.relation-unknown' },
      { row: 4, column: '村民小组', value: '第九村民小组', code: 'import.group-unknown' },
      { row: 4, column: '村民小组', value: '第九村民小组', code: 'import.household-conflict' },
      // LI is a woman's ID: the row's 男 no longer agrees with it.
      { row: 4, column: '性别', value: '男', code: 'resident.id-gender-mismatch' },
      { row: 4, column: '身份证号', value: LI, code: 'import.id-duplicate-in-file' },
      { row: 5, column: '户编号', value: '', code: 'import.value-missing' },
    ]);
  });

  it('gives no plan at all when any row has a problem', () => {
    const result = validateRegister(withCells({ 5: { 联系电话: '123' } }), context());
    expect(result.ok).toBe(false);
    expect(result).not.toHaveProperty('plan');
    expect(result.summary).toMatchObject({ rows: 4, households: 2, residents: 4 });
  });
});

describe('validateRegister: a large file', () => {
  it('validates 10,000 rows in 3,000 households (benchmark: prints the time)', () => {
    const table: string[][] = [HEADER];
    const base = Date.UTC(1940, 0, 1);
    let person = 0;
    for (let household = 0; household < 3000; household += 1) {
      const size = household < 1000 ? 4 : 3;
      for (let member = 0; member < size; member += 1) {
        // Distinct birth dates over 60 years, then a second pass with another sequence.
        const born = new Date(base + (person % 21_900) * 86_400_000).toISOString().slice(0, 10);
        const sequence = String(100 + Math.floor(person / 21_900) * 10 + (person % 2));
        table.push([
          String(household + 1).padStart(4, '0'),
          `${household + 1}号`,
          household % 2 === 0 ? '第一村民小组' : '第二村民小组',
          `村民${'甲乙丙丁戊己庚辛壬癸'.charAt(person % 10)}`,
          person % 2 === 1 ? '男' : '女',
          idOf(born.replaceAll('-', ''), sequence),
          member === 0 ? '户主' : (['配偶', '子女', '父母'][member - 1] ?? '其他'),
          `138${String(person).padStart(8, '0')}`,
          person % 7 === 0 ? '党员' : '',
        ]);
        person += 1;
      }
    }
    expect(table.length - 1).toBe(10_000);

    const started = Date.now();
    const result = validateRegister(table, context());
    const elapsed = Date.now() - started;
    console.log(`validateRegister: 10,000 rows, 3,000 households in ${elapsed} ms`);

    if (!result.ok) throw new Error(JSON.stringify(result.problems.slice(0, 3)));
    expect(result.summary).toMatchObject({ rows: 10_000, households: 3000, residents: 10_000 });
  });
});
