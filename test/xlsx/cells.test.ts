/**
 * ExcelJS cell values ↔ the core's CellValue: each ExcelJS shape, and values written by
 * hand with ExcelJS (as a person typing would leave them) read back through a real file.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import JSZip from 'jszip';
import { join } from 'node:path';
import type { CellValue } from '../../src/core/sheet/cells';
import { fromExcelJs, toExcelJs } from '../../src/xlsx/cells';
import { openWorkbook, openWorkbookBuffer } from '../../src/xlsx/read';
import { saveWorkbookAtomic } from '../../src/xlsx/save';
import { tempDir } from './support';

let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir()));
afterAll(() => cleanup());

describe('fromExcelJs', () => {
  it.each<[string, ExcelJS.CellValue, CellValue]>([
    ['null', null, null],
    ['undefined', undefined, null],
    ['a number', 4.5, 4.5],
    ['a string', ' 实地查看 ', ' 实地查看 '],
    ['a boolean', false, false],
    ['a date at midnight UTC (Excel serial, as Office.js reports it)', new Date(Date.UTC(2026, 2, 1)), 46082],
    ['a date with a time', new Date(Date.UTC(2026, 2, 1, 8, 30)), 46082.3541666667],
    ['rich text', { richText: [{ text: '资料' }, { text: '审核', font: { bold: true } }] }, '资料审核'],
    ['a hyperlink', { text: '依据', hyperlink: 'https://example.org/a' }, '依据'],
    [
      'a hyperlink with rich text',
      { text: { richText: [{ text: 'a' }, { text: 'b' }] }, hyperlink: 'x' } as unknown as ExcelJS.CellValue,
      'ab',
    ],
    ['an error', { error: '#REF!' }, { error: '#REF!' }],
    ['a formula, with the result the file caches for it', { formula: 'SUM(E6:E9)', result: 12 }, { formula: '=SUM(E6:E9)', result: 12 }],
    ['a formula written with =', { formula: '=A1' }, { formula: '=A1' }],
    ['a shared-formula clone without its text', { sharedFormula: 'B1', result: 4 }, 4],
  ])('%s', (_name, input, expected) => {
    expect(fromExcelJs(input)).toEqual(expected);
  });

  it('uses the translated text of a shared-formula clone when given', () => {
    expect(fromExcelJs({ sharedFormula: 'B1', result: 4 }, 'A2*2')).toEqual({ formula: '=A2*2', result: 4 });
  });
});

describe('toExcelJs', () => {
  it('drops the formula =, keeps text as text and errors as errors', () => {
    expect(toExcelJs({ formula: '=SUM(E6:E9)' })).toEqual({ formula: 'SUM(E6:E9)' });
    expect(toExcelJs('=not a formula')).toBe('=not a formula');
    expect(toExcelJs({ error: '#DIV/0!' })).toEqual({ error: '#DIV/0!' });
    expect(toExcelJs(null)).toBeNull();
  });

  it('round-trips every plain value through fromExcelJs', () => {
    const plain = fc.oneof(fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));
    fc.assert(fc.property(plain, (v) => expect(fromExcelJs(toExcelJs(v))).toEqual(v)));
  });
});

describe('values read back from a file', () => {
  let cells: readonly (readonly CellValue[])[];
  let merges: readonly string[] | undefined;
  let hiddenRows: readonly number[] | undefined;

  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Typed');
    ws.getCell('A1').value = 3;
    ws.getCell('A2').value = 4;
    ws.getCell('A3').value = 5;
    ws.fillFormula('B1:B3', 'A1*2', [6, 8, 10]); // a shared formula: B2, B3 are clones
    ws.getCell('C1').value = { richText: [{ text: '实地' }, { text: '查看', font: { italic: true } }] };
    ws.getCell('C2').value = { text: '链接', hyperlink: 'https://example.org' };
    ws.getCell('C3').value = { error: '#N/A' };
    ws.getCell('D1').value = new Date(Date.UTC(2026, 0, 15));
    ws.getCell('D2').value = true;
    ws.getCell('D3').value = '';
    ws.getCell('E5').value = '合并';
    ws.mergeCells('E5:G6');
    ws.getCell('A8').value = 'hidden';
    ws.getRow(8).hidden = true;
    ws.getCell('J9').value = 'far';
    const path = join(dir, 'typed.xlsx');
    await saveWorkbookAtomic(wb, path);
    ({ cells, merges, hiddenRows } = (await openWorkbook(path)).raw.sheets[0]!);
  });

  it('reads shared-formula clones as their own formulas', () => {
    expect(cells.slice(0, 3).map((r) => r[1])).toEqual([
      { formula: '=A1*2', result: 6 },
      { formula: '=A2*2', result: 8 },
      { formula: '=A3*2', result: 10 },
    ]);
  });

  it('reads rich text, hyperlinks, errors, dates and booleans', () => {
    expect(cells[0]![2]).toBe('实地查看');
    expect(cells[1]![2]).toBe('链接');
    expect(cells[2]![2]).toEqual({ error: '#N/A' });
    expect(cells[0]![3]).toBe(46037); // the serial Office.js reports for 2026-01-15
    expect(cells[1]![3]).toBe(true);
  });

  it('reads a merged area as its top-left value only, and lists the merge', () => {
    expect(cells[4]).toEqual([null, null, null, null, '合并']);
    expect(cells[5]).toEqual([]);
    expect(merges).toEqual(['E5:G6']);
  });

  it('lists hidden rows and keeps rows ragged from A1', () => {
    expect(hiddenRows).toEqual([8]);
    expect(cells).toHaveLength(9);
    expect(cells[3]).toEqual([]);
    expect(cells[8]).toEqual([null, null, null, null, null, null, null, null, null, 'far']);
  });

  it('lists a hidden row that has no cells (ExcelJS itself never writes one; Excel does)', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('H').getCell('A6').value = 2;
    const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    zip.file('xl/worksheets/sheet1.xml', xml.replace('<row r="6"', '<row r="4" hidden="1"/><row r="6"'));
    const { raw } = await openWorkbookBuffer(await zip.generateAsync({ type: 'uint8array' }));
    expect(raw.sheets[0]!.hiddenRows).toEqual([4]);
    expect(raw.sheets[0]!.cells).toEqual([[], [], [], [], [], [2]]);
  });

  it('keeps any text exactly (fast-check sample through one file)', async () => {
    const texts = fc.sample(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), { numRuns: 200, seed: 2026 });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('T');
    texts.forEach((t, i) => (ws.getCell(i + 1, 1).value = toExcelJs(t)));
    const path = join(dir, 'texts.xlsx');
    await saveWorkbookAtomic(wb, path);
    const back = (await openWorkbook(path)).raw.sheets[0]!.cells.map((r) => r[0]);
    expect(back).toEqual(texts);
  });
});
