import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readXlsxTable, type XlsxTable } from './read.ts';
import { writeXlsxTable, type XlsxCellValue, type XlsxSheet } from './write.ts';

// shared/ compiles without DOM or Node types; the benchmark below prints its figures.
declare const console: { log(message: string): void };

async function loadWithExcelJs(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  // exceljs types its input as Buffer (declared there as an ArrayBuffer); it reads any bytes.
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

function read(bytes: Uint8Array, sheet?: string): XlsxTable {
  const result = readXlsxTable(bytes, sheet === undefined ? {} : { sheet });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

/** What the reader promises for written rows: text, trailing empties trimmed. */
function expectedRows(rows: readonly (readonly XlsxCellValue[])[]): string[][] {
  const texts = rows.map((row) => {
    const cells = row.map((value) => (value === null ? '' : String(value)));
    while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
    return cells;
  });
  while (texts.length > 0 && texts[texts.length - 1]?.length === 0) texts.pop();
  return texts;
}

const REGISTER: XlsxSheet = {
  name: '村民登记表',
  headerRows: 1,
  textColumns: [0, 2],
  columnWidths: [10, 12, 22, 30],
  rows: [
    ['户编号', '姓名', '公民身份号码', '备注', '积分'],
    ['0105', '张三', '32050219900101123X', '', 12.5],
    ['0105', '王  秀英', '320502199203154321', null, null, null],
    [],
    ['0106', '李四', '320502200001017890', '  前后有空格  ', 0],
    [null, '', null],
    ['0107', '赵六', '11010519491231002X', '第一行\n第二行\r\n第三行\t制表', -3],
    ['0108', '孙七', 320502199001011, '_x0041_ 与控制字符\u0001 与 😀', 1e21],
  ],
};

describe('writeXlsxTable read back by readXlsxTable', () => {
  it('gives back the same table: Chinese text, empties, leading zeros, IDs with X, blank rows', () => {
    const { sheetName, rows } = read(writeXlsxTable([REGISTER]));
    expect(sheetName).toBe('村民登记表');
    expect(rows).toEqual(expectedRows(REGISTER.rows));
    expect(rows[3]).toEqual([]);
    expect(rows[7]?.[2]).toBe('320502199001011');
  });

  it('keeps several sheets apart, in order', () => {
    const bytes = writeXlsxTable([
      { name: 'A', rows: [['一']] },
      { name: 'B', rows: [[null, '二']] },
    ]);
    expect(read(bytes)).toEqual({ sheetName: 'A', rows: [['一']] });
    expect(read(bytes, 'B')).toEqual({ sheetName: 'B', rows: [['', '二']] });
  });

  it('writes the same bytes for the same tables', () => {
    expect(writeXlsxTable([REGISTER])).toEqual(writeXlsxTable([REGISTER]));
  });
});

describe('writeXlsxTable read back by exceljs', () => {
  it('has the same values, a bold frozen header, widths and Text columns', async () => {
    const workbook = await loadWithExcelJs(writeXlsxTable([REGISTER]));
    const sheet = workbook.getWorksheet('村民登记表')!;
    expect(sheet.getCell('A1').value).toBe('户编号');
    expect(sheet.getCell('A2').value).toBe('0105');
    expect(sheet.getCell('C2').value).toBe('32050219900101123X');
    expect(sheet.getCell('E2').value).toBe(12.5);
    expect(sheet.getCell('C8').value).toBe('320502199001011'); // a number in a Text column
    expect(sheet.getCell('B3').value).toBe('王  秀英');
    expect(sheet.getCell('D5').value).toBe('  前后有空格  ');
    expect(sheet.getCell('D7').value).toBe('第一行\n第二行\r\n第三行\t制表');
    expect(sheet.getCell('A4').value).toBeNull();

    for (const ref of ['A1', 'B1', 'C1', 'D1', 'E1'])
      expect(sheet.getCell(ref).font.bold).toBe(true);
    expect(sheet.getCell('B2').style.font?.bold).toBeFalsy();
    expect(sheet.getCell('A2').numFmt).toBe('@');
    expect(sheet.getCell('C7').numFmt).toBe('@');
    expect(sheet.getCell('B2').numFmt).toBeUndefined();
    // The column is Text too, so what a clerk types below the data stays text.
    expect(sheet.getColumn(1).numFmt).toBe('@');
    expect(sheet.getColumn(3).numFmt).toBe('@');
    expect(sheet.getColumn(1).width).toBe(10);
    expect(sheet.getColumn(3).width).toBe(22);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, topLeftCell: 'A2' });
  });

  it('writes text that starts like a formula as text, never as a formula', async () => {
    const attacks = [
      '=1+1',
      '=HYPERLINK("http://evil","点我")',
      '+86 138',
      '-2+3',
      '@SUM(A1)',
      "=cmd|' /C calc'!A0",
    ];
    const bytes = writeXlsxTable([
      { name: 'S', rows: [attacks, attacks], headerRows: 1, textColumns: [1] },
    ]);
    const sheet = (await loadWithExcelJs(bytes)).getWorksheet('S')!;
    attacks.forEach((text, i) => {
      for (const row of [1, 2]) {
        const cell = sheet.getCell(row, i + 1);
        expect(cell.value).toBe(text);
        expect(cell.formula).toBeUndefined();
        expect(cell.type).toBe(ExcelJS.ValueType.String);
      }
    });
    expect(read(bytes).rows).toEqual([attacks, attacks]);
  });
});

describe('writeXlsxTable arguments', () => {
  it('refuses sheet names Excel refuses', () => {
    for (const name of [
      '',
      'a'.repeat(32),
      '1/2',
      'a:b',
      '[x]',
      'a*',
      '问?',
      'a\\b',
      "'q",
      'History',
    ]) {
      expect(() => writeXlsxTable([{ name, rows: [] }])).toThrow(RangeError);
    }
    expect(() =>
      writeXlsxTable([
        { name: 'a', rows: [] },
        { name: 'A', rows: [] },
      ]),
    ).toThrow(RangeError);
    expect(() => writeXlsxTable([])).toThrow(RangeError);
    expect(() => writeXlsxTable([{ name: '村'.repeat(31), rows: [] }])).not.toThrow();
  });

  it('refuses values and layouts Excel cannot hold', () => {
    expect(() => writeXlsxTable([{ name: 'S', rows: [[Number.NaN]] }])).toThrow(RangeError);
    expect(() => writeXlsxTable([{ name: 'S', rows: [['x'.repeat(32_768)]] }])).toThrow(RangeError);
    expect(() => writeXlsxTable([{ name: 'S', rows: [], textColumns: [-1] }])).toThrow(RangeError);
    expect(() => writeXlsxTable([{ name: 'S', rows: [], columnWidths: [300] }])).toThrow(
      RangeError,
    );
    expect(() => writeXlsxTable([{ name: 'S', rows: [], headerRows: 1.5 }])).toThrow(RangeError);
  });

  it('writes an empty sheet that still opens', async () => {
    const bytes = writeXlsxTable([{ name: '空', rows: [] }]);
    expect(read(bytes)).toEqual({ sheetName: '空', rows: [] });
    expect((await loadWithExcelJs(bytes)).getWorksheet('空')).toBeDefined();
  });
});

describe('a 10,000-row register', () => {
  it('is written and read back whole (figures printed, not asserted)', () => {
    const header = [
      '户编号',
      '姓名',
      '性别',
      '公民身份号码',
      '出生日期',
      '与户主关系',
      '联系电话',
      '村民小组',
      '标签',
      '积分',
      '备注',
      '地址',
    ];
    const rows: XlsxCellValue[][] = [header];
    for (let i = 0; i < 10_000; i++) {
      rows.push([
        String(1 + Math.floor(i / 4)).padStart(4, '0'),
        `村民${i}`,
        i % 2 === 0 ? '男' : '女',
        `3205021990${String(i % 10_000).padStart(4, '0')}12${i % 10}X`,
        '1990-01-05',
        i % 4 === 0 ? '户主' : '子女',
        `138${String(i).padStart(8, '0')}`,
        `第${(i % 12) + 1}村民小组`,
        '党员、志愿者',
        i % 100,
        i % 7 === 0 ? '' : '备注文字',
        `吴江区某镇某村${i}号`,
      ]);
    }
    let start = Date.now();
    const bytes = writeXlsxTable([{ name: '登记表', rows, headerRows: 1, textColumns: [0, 3, 6] }]);
    const writeMs = Date.now() - start;
    start = Date.now();
    const table = read(bytes);
    const readMs = Date.now() - start;
    console.log(
      `xlsx 10,000 rows × 12 columns: ${(bytes.length / 1024).toFixed(0)} KiB, write ${writeMs} ms, read ${readMs} ms`,
    );
    expect(table.rows).toEqual(expectedRows(rows));
  });
});
