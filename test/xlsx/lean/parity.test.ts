/**
 * Parity with the ExcelJS reader (`readRawWorkbook` over `ExcelJS.Workbook.xlsx.load`) on workbooks ExcelJS
 * writes: real score workbooks rendered from examples/plan.json and filled in as a person
 * would, and a workbook of every kind of value. Cell by cell equal, except where the old
 * reader is wrong on purpose: a date-formatted number (it goes through a Date and comes
 * back rounded to the millisecond; the lean reader keeps the stored double), a 1904-system
 * date (it moves it to the 1900 system), and what it does not report (number formats,
 * hidden columns, sheet states).
 */
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { addr, parseAddr, type CellValue } from '../../../src/core/sheet/cells';
import type { RawWorkbook } from '../../../src/core/sheet/patch';
import { buildTemplate } from '../../../src/core/sheet/template';
import { readRawWorkbook } from '../../../src/xlsx/raw';
import { workbookBytes } from '../../../src/xlsx/bytes';
import { readXlsx, type LeanWorkbook } from '../../../src/xlsx/lean';
import { addScoreSheet } from '../../../src/xlsx/render';
import { parseStructureProtection, setStructureProtection } from '../../../src/xlsx/structure';
import { fillWorkbook, goodEntry } from '../../support/fill';
import { examplePlan, tempDir } from '../support';

let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir()));
afterAll(() => cleanup());

async function bytesOf(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  const written: unknown = await wb.xlsx.writeBuffer();
  return written instanceof Uint8Array ? written : new Uint8Array(written as ArrayBuffer);
}

/** The stored `<v>` text of a cell, read straight from the sheet part. */
function storedValue(bytes: Uint8Array, sheetPart: string, address: string): string {
  const xml = strFromU8(unzipSync(bytes, { filter: (f) => f.name === sheetPart })[sheetPart]!);
  const m = new RegExp(`<c r="${address}"[^>]*>(?:<f>[^<]*</f>)?<v>([^<]*)</v>`).exec(xml);
  if (!m) throw new Error(`no value for ${address} in ${sheetPart}`);
  return m[1]!;
}

/** Both readers on the same bytes. */
async function both(bytes: Uint8Array): Promise<{ lean: LeanWorkbook; old: RawWorkbook }> {
  const lean = await readXlsx(bytes, 'parity.xlsx');
  // the ExcelJS reading ScoreSeal used before, as an independent view of the same bytes
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return { lean, old: readRawWorkbook(wb) };
}

/**
 * Compares the two readings cell by cell; `differ` lists the "Sheet!A1" cells where the
 * old reader is wrong on purpose (they are returned for their own checks).
 */
function expectParity(lean: LeanWorkbook, old: RawWorkbook, differ: readonly string[] = []): Map<string, [CellValue, CellValue]> {
  const masked = (sheet: string, cells: readonly (readonly CellValue[])[]) =>
    cells.map((row, r) => row.map((v, c) => (differ.includes(`${sheet}!${addr(r + 1, c)}`) ? 'skipped' : v)));
  expect(lean.raw.sheets.map((s) => s.name)).toEqual(old.sheets.map((s) => s.name));
  lean.raw.sheets.forEach((s, i) => {
    const o = old.sheets[i]!;
    expect({ name: s.name, cells: masked(s.name, s.cells), merges: s.merges, hiddenRows: s.hiddenRows }).toEqual({
      name: o.name,
      cells: masked(o.name, o.cells),
      merges: o.merges,
      hiddenRows: o.hiddenRows,
    });
  });
  expect(lean.raw.log).toEqual(old.log);
  const skipped = new Map<string, [CellValue, CellValue]>();
  for (const key of differ) {
    const [sheet, a] = key.split('!') as [string, string];
    const { row, col } = parseAddr(a)!;
    const at = (w: RawWorkbook) => w.sheets.find((x) => x.name === sheet)?.cells[row - 1]?.[col] ?? null;
    skipped.set(key, [at(lean.raw), at(old)]);
  }
  return skipped;
}

describe('real score workbooks', () => {
  it('reads a rendered, then filled, two-unit score workbook exactly as the ExcelJS reader', async () => {
    const plan = examplePlan();
    const wb = new ExcelJS.Workbook();
    await addScoreSheet(wb, buildTemplate(plan, 'u01'));
    await addScoreSheet(wb, buildTemplate(plan, 'u02'));
    const path = join(dir, 'filled.xlsx');
    writeFileSync(path, await workbookBytes(wb));
    await fillWorkbook(path, (r) => goodEntry(r));
    const bytes = new Uint8Array(readFileSync(path));
    const { lean, old } = await both(bytes);
    expectParity(lean, old);
    expect(lean.raw.sheets).toHaveLength(2);
    expect(lean.raw.log!.length).toBeGreaterThanOrEqual(2);
    expect(lean.sheetStates.get('_scoreseal')).toBe('veryHidden');
    expect(lean.raw.sheets.every((s) => s.hiddenColumns.length === 0 && s.hiddenRows.length === 0)).toBe(true);
    expect(lean.outside.size).toBe(0);
    expect([...lean.sheetProtection.keys()]).toEqual(lean.raw.sheets.map((s) => s.name));
    expect(lean.sheetProtection.get(lean.raw.sheets[0]!.name)).toMatchObject({ sheet: '1' });
  });

  it('reads the structure protection exactly as the ExcelJS edge records it', async () => {
    const plan = examplePlan();
    const wb = new ExcelJS.Workbook();
    await addScoreSheet(wb, buildTemplate(plan, 'u03'));
    setStructureProtection(wb, {
      lockStructure: '1',
      workbookAlgorithmName: 'SHA-512',
      workbookHashValue: 'a+b/c==',
      workbookSaltValue: 's&t',
      workbookSpinCount: '100000',
    });
    const bytes = await workbookBytes(wb);
    const { lean, old } = await both(bytes);
    expectParity(lean, old);
    const workbookXml = strFromU8(unzipSync(bytes, { filter: (f) => f.name === 'xl/workbook.xml' })['xl/workbook.xml']!);
    expect(lean.structureProtection).toEqual(parseStructureProtection(workbookXml));
    expect(lean.structureProtection).toMatchObject({ lockStructure: '1', workbookSaltValue: 's&t' });
  });
});

describe('every kind of value', () => {
  const when = new Date(Date.UTC(2026, 11, 1, 8, 30, 0, 123));

  /** Fills `wb` with one of everything. */
  function fillMixed(wb: ExcelJS.Workbook, date1904 = false): void {
    if (date1904) wb.properties.date1904 = true;
    const ws = wb.addWorksheet('Mixed');
    ws.getRow(1).values = [
      1.5,
      '文本 text',
      { richText: [{ text: 'rich ', font: { bold: true } }, { text: 'text' }] },
      true,
      false,
      { error: '#REF!' },
      { formula: 'A1*2', result: 3 },
      { formula: 'B1&"x"', result: '文本 textx' },
      { text: 'site', hyperlink: 'https://example.com' },
      when,
      0.25,
      -0.1 + 0.3,
    ];
    ws.getCell('J1').numFmt = 'yyyy-mm-dd hh:mm:ss.000';
    ws.getCell('K1').numFmt = '0.00%';
    ws.getCell('A3').value = 1;
    ws.getCell('A4').value = 2;
    ws.getCell('A5').value = 3;
    ws.getCell('B3').value = { formula: 'A3*2', result: 2, shareType: 'shared', ref: 'B3:B5' } as ExcelJS.CellValue;
    ws.getCell('B4').value = { sharedFormula: 'B3', result: 4 };
    ws.getCell('B5').value = { sharedFormula: 'B3', result: 6 };
    ws.getCell('C3').value = { formula: 'A3:A5*2', result: 2, shareType: 'array', ref: 'C3:C5' } as ExcelJS.CellValue;
    ws.getCell('C4').value = 4;
    ws.getCell('C5').value = 6;
    ws.getCell('D3').value = '合并';
    ws.mergeCells('D3:E4');
    ws.getCell('F3').value = { formula: '1/0', result: { error: '#DIV/0!' } };
    ws.getRow(7).values = ['hidden row', 7];
    ws.getRow(7).hidden = true;
    ws.getColumn(8).hidden = true;
    ws.getCell('H8').value = 'in a hidden column';
    ws.getCell('M9').value = 'last';
    const secret = wb.addWorksheet('Secret', { state: 'veryHidden' });
    secret.getCell('A1').value = 'very hidden';
    const half = wb.addWorksheet('Half', { state: 'hidden' });
    half.getCell('B2').value = 2;
    const log = wb.addWorksheet('_scoreseal', { state: 'veryHidden' });
    log.getRow(1).values = ['plan', JSON.stringify({ a: '"quoted" <tag> & more', n: [1, 2, 3] }).repeat(200)];
    log.getRow(2).values = ['note', '{"text":"second"}'];
  }

  async function mixedWorkbook(date1904 = false): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    fillMixed(wb, date1904);
    return bytesOf(wb);
  }

  /** The same, written by ExcelJS's streaming writer without shared strings: plain strings as t="str", rich text inline. */
  async function mixedStreamed(): Promise<Uint8Array> {
    const chunks: Buffer[] = [];
    const stream = new PassThrough();
    stream.on('data', (c: Buffer) => chunks.push(c));
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: true });
    fillMixed(wb);
    await wb.commit();
    return new Uint8Array(Buffer.concat(chunks));
  }

  it.each([
    ['shared strings', mixedWorkbook],
    ['inline strings (streaming writer)', mixedStreamed],
  ])('matches the ExcelJS reader with %s, the date aside (which it rounds)', async (_label, make) => {
    const bytes = await make();
    const sheetXml = strFromU8(unzipSync(bytes, { filter: (f) => f.name === 'xl/worksheets/sheet1.xml' })['xl/worksheets/sheet1.xml']!);
    expect(sheetXml).toContain('t="shared"');
    if (make === mixedStreamed)
      expect([sheetXml.includes('t="str"'), sheetXml.includes('t="inlineStr"'), sheetXml.includes('t="s"')]).toEqual([true, true, false]);
    const { lean, old } = await both(bytes);
    const skipped = expectParity(lean, old, ['Mixed!J1']);
    const [leanDate, oldDate] = skipped.get('Mixed!J1')!;
    expect(leanDate).toBe(Number(storedValue(bytes, 'xl/worksheets/sheet1.xml', 'J1')));
    // the ExcelJS reader goes through a Date: close, not the stored double
    expect(leanDate).not.toBe(oldDate);
    expect(Math.abs((leanDate as number) - (oldDate as number))).toBeLessThan(1e-8);

    const mixed = lean.raw.sheets[0]!;
    expect(mixed.cells[0]).toEqual([
      1.5,
      '文本 text',
      'rich text',
      true,
      false,
      { error: '#REF!' },
      { formula: '=A1*2', result: 3 },
      { formula: '=B1&"x"', result: '文本 textx' },
      'site',
      leanDate,
      0.25,
      -0.1 + 0.3,
    ]);
    expect(mixed.cells.slice(2, 5).map((r) => r.slice(1, 3))).toEqual([
      [
        { formula: '=A3*2', result: 2 },
        { formula: '=A3:A5*2', result: 2 },
      ],
      [{ formula: '=A4*2', result: 4 }, 4],
      [{ formula: '=A5*2', result: 6 }, 6],
    ]);
    expect(mixed.merges).toEqual(['D3:E4']);
    expect(mixed.hiddenRows).toEqual([7]);
    expect(mixed.hiddenColumns).toEqual([7]);
    expect(mixed.formats[0]?.[9]).toBe('yyyy-mm-dd hh:mm:ss.000');
    expect(mixed.formats[0]?.[10]).toBe('0.00%');
    expect([...lean.sheetStates]).toEqual([
      ['Mixed', 'visible'],
      ['Secret', 'veryHidden'],
      ['Half', 'hidden'],
      ['_scoreseal', 'veryHidden'],
    ]);
    expect(lean.raw.date1904).toBe(false);
  });

  it('keeps the stored serials of a 1904-date workbook and says it is one', async () => {
    const bytes = await mixedWorkbook(true);
    const { lean, old } = await both(bytes);
    const skipped = expectParity(lean, old, ['Mixed!J1']);
    expect(lean.raw.date1904).toBe(true);
    const stored = Number(storedValue(bytes, 'xl/worksheets/sheet1.xml', 'J1'));
    expect(skipped.get('Mixed!J1')![0]).toBe(stored);
    // the ExcelJS reader moves it to the 1900 system (1462 days later)
    expect(Math.round((skipped.get('Mixed!J1')![1] as number) - stored)).toBe(1462);
  });
});
