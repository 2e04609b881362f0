/**
 * The lean reader on hand-made packages: cell types, shared and inline strings, escapes,
 * formulas (shared ones moved from their master), number formats, missing addresses,
 * hidden rows and columns, merges, sheet states, protection, and the parts' variants.
 */
import { strToU8 } from 'fflate';
import { readXlsx } from '../../../src/xlsx/lean';
import { REL_NS, esc, handXlsx, sheetXml, stylesXml } from './support';

const read = (bytes: Uint8Array, limits = {}) => readXlsx(bytes, 'hand.xlsx', limits);

describe('cell values', () => {
  it('reads every cell type as the core models it', async () => {
    const wb = await read(
      handXlsx({
        sharedStrings: '<si><t>shared</t></si><si><t xml:space="preserve">  spaced  </t></si><si><t></t></si>',
        sheets: [
          {
            name: 'S',
            xml:
              '<row r="1"><c r="A1"><v>1.5</v></c><c r="B1" t="n"><v>-2E-3</v></c><c r="C1" t="s"><v>0</v></c><c r="D1" t="s"><v>1</v></c><c r="E1" t="s"><v>2</v></c></row>' +
              '<row r="2"><c r="A2" t="b"><v>1</v></c><c r="B2" t="b"><v>0</v></c><c r="C2" t="e"><v>#REF!</v></c><c r="D2" t="d"><v>2026-12-01T08:30:00</v></c><c r="E2" t="str"><v>cached &amp; text</v></c></row>' +
              '<row r="3"><c r="A3" t="inlineStr"><is><t>inline</t></is></c><c r="B3" t="inlineStr"><is><r><t>ri</t></r><r><rPr><b/></rPr><t>ch</t></r></is></c><c r="C3" s="0"/><c r="D3"><v></v></c></row>',
          },
        ],
      }),
    );
    expect(wb.raw.sheets[0]!.cells).toEqual([
      [1.5, -0.002, 'shared', '  spaced  ', ''],
      [true, false, { error: '#REF!' }, '2026-12-01T08:30:00', 'cached & text'],
      ['inline', 'rich'],
    ]);
  });

  it('keeps the stored double of a date-formatted number, never going through a Date', async () => {
    const wb = await read(
      handXlsx({
        styles: stylesXml([[164, 'yyyy-mm-dd hh:mm:ss.000']], [0, 14, 164]),
        sheets: [
          {
            name: 'S',
            xml: '<row r="1"><c r="A1" s="1"><v>45000.416666666664</v></c><c r="B1" s="2"><v>45000.41666666667</v></c><c r="C1" s="0"><v>3</v></c></row>',
          },
        ],
      }),
    );
    const s = wb.raw.sheets[0]!;
    expect(s.cells[0]).toEqual([45000.416666666664, 45000.41666666667, 3]);
    expect(Object.is(s.cells[0]![0], 45000.416666666664)).toBe(true);
    expect(s.formats).toEqual([['m/d/yyyy', 'yyyy-mm-dd hh:mm:ss.000']]);
  });

  it("decodes Excel's _xHHHH_ escapes, and _x005F_ escapes the underscore", async () => {
    const wb = await read(
      handXlsx({
        sharedStrings: '<si><t>a_x001B_b</t></si><si><t>_x005F_x001B_</t></si><si><t>_x000d__x000A_</t></si><si><t>_xZZZZ_ _x12_</t></si>',
        sheets: [
          {
            name: 'S',
            xml:
              '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c>' +
              '<c r="E1" t="inlineStr"><is><t>x_x0041_y</t></is></c><c r="F1" t="str"><v>p_x0042_q</v></c></row>',
          },
        ],
      }),
    );
    expect(wb.raw.sheets[0]!.cells[0]).toEqual(['a\u001bb', '_x001B_', '\r\n', '_xZZZZ_ _x12_', 'xAy', 'pBq']);
  });

  it('leaves phonetic runs out of shared and inline strings', async () => {
    const wb = await read(
      handXlsx({
        sharedStrings:
          '<si><r><t>東</t></r><r><t>京</t></r><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si><si><t>大阪</t><rPh sb="0" eb="2"><t>オオサカ</t></rPh></si>',
        sheets: [
          {
            name: 'S',
            xml: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>京都</t><rPh sb="0" eb="2"><t>キョウト</t></rPh></is></c></row>',
          },
        ],
      }),
    );
    expect(wb.raw.sheets[0]!.cells[0]).toEqual(['東京', '大阪', '京都']);
  });

  it('infers addresses when rows and cells omit r', async () => {
    const wb = await read(
      handXlsx({
        sheets: [
          {
            name: 'S',
            xml: '<row><c><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c><c r="D2"><v>4</v></c><c><v>5</v></c></row><row r="5"><c><v>6</v></c></row><row><c r="B6"><v>7</v></c></row>',
          },
        ],
      }),
    );
    expect(wb.raw.sheets[0]!.cells).toEqual([[1, 2], [3, null, null, 4, 5], [], [], [6], [null, 7]]);
  });

  it('reads rows and cells out of order, ragged, without trailing empties', async () => {
    const wb = await read(
      handXlsx({
        sheets: [
          {
            name: 'S',
            xml: '<row r="3"><c r="C3"><v>9</v></c></row><row r="1"><c r="B1"><v>1</v></c><c r="A1"><v>0</v></c></row><row r="8"><c r="A8" s="0"/></row>',
          },
        ],
      }),
    );
    expect(wb.raw.sheets[0]!.cells).toEqual([[0, 1], [], [null, null, 9]]);
  });
});

describe('formulas', () => {
  it('reads a formula as {formula: "=" + text}, with its cached value as the result (an error: none)', async () => {
    const wb = await read(
      handXlsx({
        sheets: [
          {
            name: 'S',
            xml: '<row r="1"><c r="A1"><f>SUM(B1:C1)</f><v>3</v></c><c r="B1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="C1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="D1" t="b"><f>TRUE()</f><v>1</v></c><c r="E1"><f>  =F1 </f></c></row>',
          },
        ],
      }),
    );
    expect(wb.raw.sheets[0]!.cells[0]).toEqual([
      { formula: '=SUM(B1:C1)', result: 3 },
      { formula: '="a"&"b"', result: 'ab' },
      { formula: '=1/0' },
      { formula: '=TRUE()', result: true },
      { formula: '=F1' },
    ]);
  });

  it('reads a data-table cell (no formula text, a computed value) as a formula, never as a plain number', async () => {
    const wb = await read(
      handXlsx({
        sheets: [{ name: 'S', xml: '<row r="1"><c r="A1"><f t="dataTable" ref="A1" dt2D="0" dtr="0" r1="P1"/><v>4.5</v></c></row>' }],
      }),
    );
    expect(wb.raw.sheets[0]!.cells[0]).toEqual([{ formula: '=TABLE()', result: 4.5 }]);
  });

  it('gives each shared-formula clone the master formula moved by its offset', async () => {
    const master = 'A1*2+$C$1+C$1+$C1+Sheet2!A1+\'My Sheet\'!B1:B2+SUM(A:A)+SUM(1:1)+"A1"&LOG10(A1)';
    const wb = await read(
      handXlsx({
        sheets: [
          {
            name: 'S',
            xml:
              `<row r="1"><c r="B1"><f t="shared" ref="B1:C3" si="0">${esc(master)}</f><v>1</v></c><c r="C1"><f t="shared" si="0"/><v>2</v></c></row>` +
              `<row r="2"><c r="B2"><f t="shared" si="0"/><v>3</v></c></row>` +
              `<row r="3"><c r="C3"><f t="shared" si="0"/><v>4</v></c></row>`,
          },
        ],
      }),
    );
    const cells = wb.raw.sheets[0]!.cells;
    expect(cells[0]![1]).toEqual({ formula: `=${master}`, result: 1 });
    expect(cells[0]![2]).toEqual({
      formula: '=B1*2+$C$1+D$1+$C1+Sheet2!B1+\'My Sheet\'!C1:C2+SUM(B:B)+SUM(1:1)+"A1"&LOG10(B1)',
      result: 2,
    });
    expect(cells[1]![1]).toEqual({
      formula: '=A2*2+$C$1+C$1+$C2+Sheet2!A2+\'My Sheet\'!B2:B3+SUM(A:A)+SUM(2:2)+"A1"&LOG10(A2)',
      result: 3,
    });
    expect(cells[2]![2]).toEqual({
      formula: '=B3*2+$C$1+D$1+$C3+Sheet2!B3+\'My Sheet\'!C3:C4+SUM(B:B)+SUM(3:3)+"A1"&LOG10(B3)',
      result: 4,
    });
  });

  it('gives an array formula to its master only; the other cells keep their values', async () => {
    const wb = await read(
      handXlsx({
        sheets: [
          {
            name: 'S',
            xml: '<row r="1"><c r="A1"><f t="array" ref="A1:A2">B1:B2*2</f><v>2</v></c></row><row r="2"><c r="A2"><v>4</v></c></row>',
          },
        ],
      }),
    );
    expect(wb.raw.sheets[0]!.cells).toEqual([[{ formula: '=B1:B2*2', result: 2 }], [4]]);
  });
});

describe('number formats', () => {
  it('maps each cell style to its format code: custom first, then built-in; General is null', async () => {
    const wb = await read(
      handXlsx({
        styles: stylesXml(
          [
            [164, '0.0#'],
            [2, '0.000'],
          ],
          [0, 164, 2, 10, 49, 200, 14],
        ),
        sheets: [
          {
            name: 'S',
            xml: '<row r="1"><c r="A1" s="0"><v>1</v></c><c r="B1" s="1"><v>1</v></c><c r="C1" s="2"><v>1</v></c><c r="D1" s="3"><v>1</v></c><c r="E1" s="4" t="inlineStr"><is><t>x</t></is></c><c r="F1" s="5"><v>1</v></c><c r="G1" s="99"><v>1</v></c></row><row r="2"><c r="A2" s="6"/><c r="B2" s="6"><v>1</v></c></row>',
          },
        ],
      }),
    );
    expect(wb.raw.sheets[0]!.formats).toEqual([
      [null, '0.0#', '0.000', '0.00%', '@'],
      [null, 'm/d/yyyy'],
    ]);
  });
});

describe('sheet structure', () => {
  it('reports hidden rows and columns (clamped to the kept columns), merges, and blanks merged cells', async () => {
    const wb = await read(
      handXlsx({
        sheets: [
          {
            name: 'S',
            xml: sheetXml(
              '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c><c r="C1"><v>3</v></c></row><row r="2" hidden="1"><c r="A2"><v>4</v></c></row><row r="3" hidden="true" ht="0"/><row r="4" ht="0" customHeight="1"/><row r="5" ht="15"/>',
              {
                before:
                  '<cols><col min="2" max="2" width="0" customWidth="1"/><col min="4" max="16384" hidden="1"/><col min="3" max="3" width="9"/></cols>',
                after:
                  '<sheetProtection sheet="1" objects="1" password="CC1A"/><mergeCells count="2"><mergeCell ref="A1:B2"/><mergeCell ref="Z1:Z9"/></mergeCells>',
              },
            ),
          },
        ],
      }),
    );
    const s = wb.raw.sheets[0]!;
    expect(s.cells).toEqual([[1, null, 3]]);
    expect(s.hiddenRows).toEqual([2, 3, 4]);
    expect(s.hiddenColumns).toEqual([1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    expect(s.merges).toEqual(['A1:B2']);
    expect(wb.sheetProtection.get('S')).toEqual({ sheet: '1', objects: '1', password: 'CC1A' });
  });

  it('reports sheet states, the log sheet, the 1904 date system and the structure protection', async () => {
    const wb = await read(
      handXlsx({
        beforeSheets:
          '<workbookPr date1904="1"/><workbookProtection lockStructure="1" workbookAlgorithmName="SHA-512" workbookSpinCount="100000"/>',
        sheets: [
          { name: '城关镇', xml: '<row r="1"><c r="A1"><v>1</v></c></row>' },
          { name: 'Hidden', xml: '', state: 'hidden' },
          {
            name: '_ScoreSeal',
            xml: '<row r="1"><c r="A1" t="inlineStr"><is><t>plan</t></is></c><c r="B1" t="inlineStr"><is><t>{}</t></is></c></row>',
            state: 'veryHidden',
          },
        ],
      }),
    );
    expect(wb.raw.sheets.map((s) => s.name)).toEqual(['城关镇', 'Hidden']);
    expect(wb.raw.log).toEqual([['plan', '{}']]);
    expect(wb.raw.date1904).toBe(true);
    expect([...wb.sheetStates]).toEqual([
      ['城关镇', 'visible'],
      ['Hidden', 'hidden'],
      ['_ScoreSeal', 'veryHidden'],
    ]);
    expect(wb.structureProtection).toEqual({ lockStructure: '1', workbookAlgorithmName: 'SHA-512', workbookSpinCount: '100000' });
    expect(wb.sheetProtection.size).toBe(0);
  });

  it('has no log, no log visibility and no protection when there are none', async () => {
    const wb = await read(handXlsx({ sheets: [{ name: 'S', xml: '' }] }));
    expect(wb.raw).toEqual({
      sheets: [
        {
          name: 'S',
          cells: [],
          merges: [],
          hiddenRows: [],
          hiddenColumns: [],
          formats: [],
          conditionalFormats: [],
          drawings: 0,
          visibility: 'visible',
        },
      ],
      log: null,
      date1904: false,
    });
    expect(wb.structureProtection).toBeNull();
  });

  it('ignores a <workbookProtection> inside a comment (and stays linear over many of them)', async () => {
    const decoys = '<workbookProtection lockStructure="1">'.repeat(120_000);
    const started = Date.now();
    const wb = await read(handXlsx({ beforeSheets: `<!-- ${decoys} -->`, sheets: [{ name: 'S', xml: '' }] }));
    expect(wb.structureProtection).toBeNull();
    expect(Date.now() - started).toBeLessThan(2000);
    const real = await read(
      handXlsx({
        beforeSheets: `<!-- <workbookProtection lockStructure="0"/> --><workbookProtection lockStructure="1"/>`,
        sheets: [{ name: 'S', xml: '' }],
      }),
    );
    expect(real.structureProtection).toEqual({ lockStructure: '1' });
  });

  it('keeps columns 1…maxColumns (1…maxLogColumns for _scoreseal) and reports the first cell beyond', async () => {
    const log = `<row r="1">${Array.from({ length: 70 }, (_, i) => `<c t="inlineStr"><is><t>p${i}</t></is></c>`).join('')}</row>`;
    const wb = await read(
      handXlsx({
        sheets: [
          {
            name: 'S',
            xml: '<row r="1"><c r="P1"><v>16</v></c><c r="Q1" s="3"/><c r="R1"><v></v></c></row><row r="2"><c r="A2"><v>1</v></c><c r="T2"><v>20</v></c><c r="XFD2"><v>1</v></c></row>',
          },
          { name: '_scoreseal', xml: log, state: 'veryHidden' },
        ],
      }),
    );
    expect(wb.raw.sheets[0]!.cells).toEqual([[...Array<null>(15).fill(null), 16], [1]]);
    expect(wb.raw.log![0]).toHaveLength(64);
    expect([...wb.outside]).toEqual([
      ['S', 'T2'],
      ['_scoreseal', 'BM1'],
    ]);
    const narrow = await read(handXlsx({ sheets: [{ name: 'S', xml: '<row r="1"><c r="A1"><v>1</v></c><c r="C1"><v>3</v></c></row>' }] }), {
      maxColumns: 2,
    });
    expect(narrow.raw.sheets[0]!.cells).toEqual([[1]]);
    expect(narrow.outside.get('S')).toBe('C1');
  });
});

describe('package variants', () => {
  it('reads prefixed elements, absolute relationship targets, and UTF-16 parts', async () => {
    const x = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const sheet = `<?xml version="1.0" encoding="UTF-16"?><x:worksheet xmlns:x="${x}"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>宽</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>`;
    const utf16 = new Uint8Array(2 + sheet.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < sheet.length; i++) {
      utf16[2 + i * 2] = sheet.charCodeAt(i) & 0xff;
      utf16[3 + i * 2] = sheet.charCodeAt(i) >> 8;
    }
    const wb = await read(
      handXlsx({
        sheets: [{ name: 'S', xml: '' }],
        extra: {
          'xl/workbook.xml': `<x:workbook xmlns:x="${x}" xmlns:rel="${REL_NS}"><x:sheets><x:sheet name="S" sheetId="1" rel:id="rId1"/></x:sheets></x:workbook>`,
          'xl/_rels/workbook.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="/xl/worksheets/sheet1.xml"/></Relationships>`,
          'xl/worksheets/sheet1.xml': utf16,
        },
      }),
    );
    expect(wb.raw.sheets[0]!.cells).toEqual([['宽']]);
  });

  it('skips chart sheets, and reads a stored (uncompressed) zip', async () => {
    const { zipSync } = await import('fflate');
    const { packageParts } = await import('./support');
    const parts = packageParts({ sheets: [{ name: 'S', xml: '<row r="1"><c r="A1"><v>7</v></c></row>' }] });
    parts['xl/workbook.xml'] = strToU8(
      `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL_NS}"><sheets><sheet name="Chart" sheetId="2" r:id="rId9"/><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    );
    parts['xl/_rels/workbook.xml.rels'] = strToU8(
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId9" Type="${REL_NS}/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>`,
    );
    const wb = await read(zipSync(parts, { level: 0 }));
    expect(wb.raw.sheets.map((s) => [s.name, s.cells])).toEqual([['S', [[7]]]]);
  });
});
