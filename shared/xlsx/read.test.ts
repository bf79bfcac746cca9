import ExcelJS from 'exceljs';
import { inflateSync, strToU8, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Result } from '../errors.ts';
import {
  deflated,
  deflatedZeros,
  handWorkbook,
  rawZip,
  type HandWorkbook,
} from './fixtures/workbooks.ts';
import { listXlsxSheets, readXlsxTable, type XlsxTable } from './read.ts';

function table(result: Result<XlsxTable>): XlsxTable {
  if (!result.ok) throw new Error(`expected a table, got ${JSON.stringify(result.error)}`);
  return result.value;
}

/** The problem a failed read names (in `field` until the xlsx.* codes exist). */
function problem(result: Result<unknown>): string {
  if (result.ok) throw new Error('expected a failure');
  return result.error.code;
}

function rowsOf(book: HandWorkbook, sheet?: number | string): string[][] {
  return table(readXlsxTable(handWorkbook(book), sheet === undefined ? {} : { sheet })).rows;
}

describe('readXlsxTable on a workbook built by exceljs', () => {
  async function register(): Promise<Uint8Array> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('登记表');
    sheet.addRow(['户号', '姓名', '身份证号', '出生日期', '积分', '备注']);
    sheet.getCell('A2').value = '0105';
    sheet.getCell('B2').value = '张三';
    sheet.getCell('C2').value = '32050219900101123X';
    sheet.getCell('D2').value = new Date(Date.UTC(1990, 0, 5));
    sheet.getCell('D2').numFmt = 'yyyy"年"m"月"d"日"';
    sheet.getCell('E2').value = 12.5;
    sheet.getCell('F2').value = {
      richText: [{ text: '红' }, { font: { bold: true }, text: '旗村' }],
    };
    sheet.getCell('A3').value = '0106';
    sheet.getCell('B3').value = { formula: 'A3&"李四"', result: '0106李四' };
    sheet.getCell('D3').value = new Date(Date.UTC(2024, 0, 1));
    sheet.getCell('E3').value = { formula: 'E2*2', result: 25 };
    sheet.getCell('F3').value = true;
    // Rows 4–6 left out; G7 skips B..F.
    sheet.getCell('A7').value = '0107';
    sheet.getCell('G7').value = { error: '#N/A' };
    const notes = workbook.addWorksheet('说明');
    notes.getCell('B2').value = '第二张表';
    return new Uint8Array(await workbook.xlsx.writeBuffer({ useSharedStrings: true }));
  }

  it('reads every cell as the text a clerk sees, at the row and column Excel shows', async () => {
    const { sheetName, rows } = table(readXlsxTable(await register()));
    expect(sheetName).toBe('登记表');
    expect(rows).toEqual([
      ['户号', '姓名', '身份证号', '出生日期', '积分', '备注'],
      ['0105', '张三', '32050219900101123X', '1990-01-05', '12.5', '红旗村'],
      ['0106', '0106李四', '', '2024-01-01', '25', 'TRUE'],
      [],
      [],
      [],
      ['0107', '', '', '', '', '', '#N/A'],
    ]);
  });

  it('reads another sheet by name or by position', async () => {
    const bytes = await register();
    expect(table(readXlsxTable(bytes, { sheet: '说明' })).rows).toEqual([[], ['', '第二张表']]);
    expect(table(readXlsxTable(bytes, { sheet: 1 })).sheetName).toBe('说明');
    expect(listXlsxSheets(bytes)).toEqual({
      ok: true,
      value: [
        { name: '登记表', visible: true, worksheet: true },
        { name: '说明', visible: true, worksheet: true },
      ],
    });
  });

  it('names a sheet that is not there', async () => {
    const bytes = await register();
    expect(problem(readXlsxTable(bytes, { sheet: '花名册' }))).toBe('xlsx.sheet-missing');
    expect(problem(readXlsxTable(bytes, { sheet: 2 }))).toBe('xlsx.sheet-missing');
    expect(readXlsxTable(bytes, { sheet: 2 })).toMatchObject({
      ok: false,
      error: { code: 'xlsx.sheet-missing', params: { sheet: '2' } },
    });
  });
});

describe('readXlsxTable on shapes other generators write', () => {
  it('passes an ID stored as a number through as Excel stored it, exponent and all', () => {
    const rows = rowsOf({
      sheets: [
        {
          name: 'Sheet1',
          sheetData:
            '<row r="1"><c r="A1"><v>3.20502199001011E+17</v></c><c r="B1"><v>13812345678</v></c>' +
            '<c r="C1"><v>0.30000000000000004</v></c></row>',
        },
      ],
    });
    expect(rows).toEqual([['3.20502199001011E+17', '13812345678', '0.30000000000000004']]);
  });

  it('counts rows and cells without an r attribute from the one before', () => {
    const rows = rowsOf({
      sheets: [
        {
          name: 'S',
          sheetData:
            '<row><c t="inlineStr"><is><t>a</t></is></c><c t="inlineStr"><is><t>b</t></is></c></row>' +
            '<row r="4"><c r="C4" t="inlineStr"><is><t>c</t></is></c><c t="inlineStr"><is><t>d</t></is></c></row>' +
            '<row><c t="inlineStr"><is><t>e</t></is></c></row>',
        },
      ],
    });
    expect(rows).toEqual([['a', 'b'], [], [], ['', '', 'c', 'd'], ['e']]);
  });

  it('takes the first visible worksheet by workbook order, whatever the part names', () => {
    const book: HandWorkbook = {
      absoluteTargets: true,
      sharedStrings: '<si><t>隐藏</t></si><si><t>花名册</t></si>',
      sheets: [
        {
          name: '下拉选项',
          state: 'hidden',
          part: 'worksheets/sheet1.xml',
          sheetData: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>',
        },
        {
          name: '花名册',
          part: 'worksheets/data.xml',
          sheetData: '<row r="1"><c r="A1" t="s"><v>1</v></c></row>',
        },
      ],
    };
    expect(table(readXlsxTable(handWorkbook(book)))).toEqual({
      sheetName: '花名册',
      rows: [['花名册']],
    });
    expect(rowsOf(book, 0)).toEqual([['隐藏']]);
  });

  it('joins rich-text runs, leaves phonetic guides out and decodes entities and _xHHHH_ once', () => {
    const rows = rowsOf({
      sharedStrings:
        '<si><r><t>中</t></r><r><rPr><b/></rPr><t xml:space="preserve">国 </t></r><rPh sb="0" eb="1"><t>zhong</t></rPh></si>' +
        '<si><t>A&amp;lt;B &#x4E2D;&#25991; 1_x000D_\n2 _x005F_x0041_</t></si>',
      sheets: [
        {
          name: 'S',
          sheetData: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>',
        },
      ],
    });
    expect(rows).toEqual([['中国 ', 'A&lt;B 中文 1\r\n2 _x0041_']]);
  });

  it('reads prefixed elements, booleans, errors and formula strings', () => {
    const rows = rowsOf({
      sheets: [{ name: 'S', sheetData: '' }],
      override: {
        'xl/worksheets/sheet1.xml':
          '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>' +
          '<x:row r="2"><x:c r="B2" t="b"><x:v>0</x:v></x:c><x:c r="C2" t="e"><x:v>#DIV/0!</x:v></x:c>' +
          '<x:c r="D2" t="str"><x:f>TEXT(1,"0")</x:f><x:v>1</x:v></x:c><x:c r="E2"><x:f>1+1</x:f></x:c></x:row>' +
          '</x:sheetData></x:worksheet>',
      },
    });
    expect(rows).toEqual([[], ['', 'FALSE', '#DIV/0!', '1']]);
  });

  it('shows numbers in date formats as dates, in the 1900 and 1904 systems, and leaves others alone', () => {
    const styles = {
      numFmts:
        '<numFmt numFmtId="164" formatCode="yyyy/m/d;@"/><numFmt numFmtId="165" formatCode="[Red]0.00;&quot;-&quot;0"/>' +
        '<numFmt numFmtId="166" formatCode="yyyy-mm-dd hh:mm"/><numFmt numFmtId="167" formatCode="[$-804]aaaa"/>',
      cellXfs:
        '<xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/>' +
        '<xf numFmtId="166"/><xf numFmtId="20"/><xf numFmtId="31"/><xf numFmtId="49"/>',
    };
    const cells =
      '<row r="1"><c r="A1" s="1"><v>32878</v></c><c r="B1" s="2"><v>45292.75</v></c>' +
      '<c r="C1" s="3"><v>45292</v></c><c r="D1" s="4"><v>45292.75</v></c><c r="E1" s="5"><v>0.5</v></c>' +
      '<c r="F1" s="6"><v>60</v></c><c r="G1" s="7"><v>105</v></c><c r="H1" s="1"><v>-3</v></c>' +
      '<c r="I1" s="1" t="d"><v>2024-01-01T00:00:00</v></c></row>';
    expect(rowsOf({ ...styles, sheets: [{ name: 'S', sheetData: cells }] })).toEqual([
      [
        '1990-01-05',
        '2024-01-01',
        '45292',
        '2024-01-01 18:00:00',
        '0.5',
        '1900-02-29',
        '105',
        '-3',
        '2024-01-01',
      ],
    ]);
    expect(
      rowsOf({ ...styles, date1904: true, sheets: [{ name: 'S', sheetData: cells }] })[0]?.[0],
    ).toBe('1994-01-06');
  });

  it('ignores formatted empty cells and rows, however far out, and trims what is left', () => {
    const rows = rowsOf({
      cellXfs: '<xf numFmtId="0"/><xf numFmtId="49"/>',
      sheets: [
        {
          name: 'S',
          sheetData:
            '<row r="1"><c r="A1" t="inlineStr"><is><t>户号</t></is></c><c r="B1" s="1"/><c r="XFD1" s="1"/></row>' +
            '<row r="2" s="1" customFormat="1"/><row r="1048576"><c r="A1048576" s="1"/></row>',
        },
      ],
    });
    expect(rows).toEqual([['户号']]);
  });
});

describe('readXlsxTable on hostile or broken files', () => {
  function seededBytes(length: number, seed: number): Uint8Array {
    const bytes = new Uint8Array(length);
    let state = seed;
    for (let i = 0; i < length; i++) {
      state = (state * 1_103_515_245 + 12_345) >>> 0;
      bytes[i] = state >>> 24;
    }
    return bytes;
  }

  it('refuses random bytes, an empty file and random bytes after a zip signature', () => {
    for (let seed = 1; seed <= 20; seed++) {
      expect(problem(readXlsxTable(seededBytes(1000 + seed * 37, seed)))).toBe(
        'xlsx.not-a-workbook',
      );
      const signed = seededBytes(500, seed);
      signed.set([0x50, 0x4b, 0x03, 0x04]);
      expect(problem(readXlsxTable(signed))).toBe('xlsx.not-a-workbook');
    }
    expect(problem(readXlsxTable(new Uint8Array(0)))).toBe('xlsx.not-a-workbook');
  });

  it('refuses every truncation of a real workbook without throwing', () => {
    const bytes = handWorkbook({
      sheets: [{ name: 'S', sheetData: '<row r="1"><c r="A1"><v>1</v></c></row>' }],
    });
    for (let length = 0; length < bytes.length; length += 7) {
      expect(readXlsxTable(bytes.subarray(0, length)).ok).toBe(false);
    }
  });

  it('says a legacy .xls or a password-protected file must be saved as .xlsx', () => {
    const ole = seededBytes(2048, 7);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(problem(readXlsxTable(ole))).toBe('xlsx.legacy-or-encrypted');
  });

  it('refuses a zip that holds no workbook (a .docx, a zipped folder)', () => {
    const files: Zippable = {
      'readme.txt': strToU8('hello'),
      'word/document.xml': strToU8('<w/>'),
    };
    expect(problem(readXlsxTable(zipSync(files)))).toBe('xlsx.not-a-workbook');
    expect(problem(readXlsxTable(zipSync({})))).toBe('xlsx.not-a-workbook');
  });

  it('refuses an entry that honestly claims more than 200 MB, before inflating it', () => {
    const bytes = rawZip([
      { name: '_rels/.rels', data: deflated('<x/>'), method: 8, claimedSize: 201 * 1024 * 1024 },
    ]);
    expect(readXlsxTable(bytes)).toMatchObject({
      ok: false,
      error: { code: 'xlsx.too-large', params: { max: 200 * 1024 * 1024 } },
    });
  });

  it('stops inflating a zip bomb whose headers lie about its size', () => {
    // 300 MB of zeros in under 2 MB, claiming to be 1 KB.
    const bomb = deflatedZeros(300 * 1024 * 1024);
    const bytes = rawZip([{ name: '_rels/.rels', data: bomb, method: 8, claimedSize: 1024 }]);
    expect(bytes.length).toBeLessThan(2 * 1024 * 1024);
    expect(problem(readXlsxTable(bytes))).toBe('xlsx.not-a-workbook');
  });

  it('builds bombs that really inflate to what they promise, so the test above means something', () => {
    expect(inflateSync(deflatedZeros(10_000))).toEqual(new Uint8Array(1 + 39 * 258));
  });

  it('refuses an honest entry that would overrun the limit, before inflating it', () => {
    const size = 10 * 1024 * 1024;
    const bytes = rawZip([
      { name: '_rels/.rels', data: deflatedZeros(size), method: 8, claimedSize: size + 1 },
    ]);
    expect(problem(readXlsxTable(bytes, { limits: { maxUncompressedBytes: size / 2 } }))).toBe(
      'xlsx.too-large',
    );
  });

  it('counts every part read against the limit, not just each one', () => {
    const bytes = handWorkbook({
      sharedStrings: `<si><t>${'长'.repeat(100_000)}</t></si>`,
      sheets: [{ name: 'S', sheetData: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' }],
    });
    expect(table(readXlsxTable(bytes)).rows[0]?.[0]).toHaveLength(100_000);
    expect(problem(readXlsxTable(bytes, { limits: { maxUncompressedBytes: 250_000 } }))).toBe(
      'xlsx.too-large',
    );
  });

  it('refuses an archive with more entries than the limit', () => {
    const files: Zippable = {};
    for (let i = 0; i <= 10_000; i++) files[`f${i}`] = new Uint8Array(0);
    expect(problem(readXlsxTable(zipSync(files, { level: 0 })))).toBe('xlsx.too-large');
  });

  it('refuses a DOCTYPE with entities (billion laughs) instead of expanding it', () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
      '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>';
    const bytes = handWorkbook({
      sheets: [{ name: 'S', sheetData: '' }],
      override: {
        'xl/sharedStrings.xml': `${laughs}<sst><si><t>&lol3;</t></si></sst>`,
      },
    });
    expect(problem(readXlsxTable(bytes))).toBe('xlsx.not-a-workbook');
  });

  it('refuses a sheet whose text reaches past the row, column or cell limits', () => {
    const far = (ref: string): HandWorkbook => ({
      sheets: [
        { name: 'S', sheetData: `<row><c r="${ref}" t="inlineStr"><is><t>x</t></is></c></row>` },
      ],
    });
    expect(problem(readXlsxTable(handWorkbook(far('A300000'))))).toBe('xlsx.sheet-too-large');
    expect(problem(readXlsxTable(handWorkbook(far('XFD1'))))).toBe('xlsx.sheet-too-large');
    expect(readXlsxTable(handWorkbook(far('ALL1'))).ok).toBe(true);
    const dense = `<row r="1">${'<c t="inlineStr"><is><t>x</t></is></c>'.repeat(100)}</row>`;
    expect(
      problem(
        readXlsxTable(handWorkbook({ sheets: [{ name: 'S', sheetData: dense }] }), {
          limits: { maxCells: 99 },
        }),
      ),
    ).toBe('xlsx.sheet-too-large');
  });

  it('refuses references outside the grid and shared strings that do not exist', () => {
    for (const sheetData of [
      '<row r="0"><c r="A1"><v>1</v></c></row>',
      '<row r="1"><c r="XFE1"><v>1</v></c></row>',
      '<row r="1"><c r="1A"><v>1</v></c></row>',
      '<row r="1"><c r="A1" t="s"><v>5</v></c></row>',
    ]) {
      expect(problem(readXlsxTable(handWorkbook({ sheets: [{ name: 'S', sheetData }] })))).toBe(
        'xlsx.not-a-workbook',
      );
    }
  });
});
