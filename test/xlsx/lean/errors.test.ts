/**
 * Files the lean reader refuses, and the bounds it keeps: every failure is a typed XlsxError
 * whose message names the file (and, for limits, the limit), found early and cheaply —
 * zip bombs with lying headers, huge sheets, deep nesting, DTDs, macro-enabled and Strict
 * workbooks, other packages, OLE files, random bytes.
 */
import { strToU8, zipSync } from 'fflate';
import { readXlsx } from '../../../src/xlsx/lean';
import { DEFAULT_LEAN_LIMITS, type LeanLimits } from '../../../src/xlsx/lean/limits';
import type { XlsxErrorCode } from '../../../src/xlsx/errors';
import { bombXlsx, deflateRun, failure, handXlsx, MAIN_NS, sheetXml } from './support';

const FILE = 'u01.xlsx';

async function refused(bytes: Uint8Array, code: XlsxErrorCode, limits: Partial<LeanLimits> = {}): Promise<string> {
  const e = await failure(readXlsx(bytes, FILE, limits));
  expect({ code: e.code, file: e.file }).toEqual({ code, file: FILE });
  expect(e.message).toContain(FILE);
  expect(e.message).not.toMatch(/[\r\n]/);
  return e.message;
}

/** An OLE compound file header followed by UTF-16LE stream names, as a directory sector holds them. */
function oleFile(...streams: string[]): Uint8Array {
  const out: number[] = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array<number>(504).fill(0)];
  for (const s of streams) for (const ch of `${s}\0`) out.push(ch.charCodeAt(0), 0);
  return new Uint8Array(out);
}

describe('not a workbook', () => {
  it('NOT_XLSX for random bytes, text, an empty file; CORRUPT for a broken zip', async () => {
    const random = new Uint8Array(4096).map((_, i) => (i * 2654435761) >>> 24);
    expect(await refused(random, 'NOT_XLSX')).toBe(`${FILE} is not an .xlsx workbook`);
    await refused(strToU8('编号,得分\n1.1,5\n'), 'NOT_XLSX');
    await refused(new Uint8Array(0), 'NOT_XLSX');
    const pk = new Uint8Array(4096).map((_, i) => (i < 2 ? [0x50, 0x4b][i]! : (i * 40503) & 0xff));
    expect(await refused(pk, 'CORRUPT')).toContain('the zip cannot be read');
  });

  it('ENCRYPTED for an encrypted package, NOT_XLSX for a legacy .xls (OLE files, as the ExcelJS reader says)', async () => {
    expect(await refused(oleFile('Root Entry', 'EncryptionInfo', 'EncryptedPackage'), 'ENCRYPTED')).toContain('password-protected');
    expect(await refused(oleFile(), 'ENCRYPTED')).toContain('password-protected');
    expect(await refused(oleFile('Root Entry', 'Workbook'), 'NOT_XLSX')).toBe(`${FILE} is an old-format .xls workbook; save it as .xlsx`);
  });

  it('NOT_XLSX for a zip without xl/workbook.xml, and for a binary workbook', async () => {
    expect(await refused(zipSync({ 'hello.txt': strToU8('not a workbook') }), 'NOT_XLSX')).toContain('xl/workbook.xml is missing');
    expect(await refused(zipSync({ 'xl/workbook.bin': new Uint8Array(8) }), 'NOT_XLSX')).toContain('.xlsb');
  });

  it('NOT_XLSX for a macro-enabled workbook, saying to save it as an Excel Workbook', async () => {
    const bytes = handXlsx({ sheets: [{ name: 'S', xml: '' }], workbookType: 'application/vnd.ms-excel.sheet.macroEnabled.main+xml' });
    const message = await refused(bytes, 'NOT_XLSX');
    expect(message).toContain('macro-enabled');
    expect(message).toContain('"Excel Workbook (.xlsx)"');
  });

  it('NOT_XLSX for a Strict Open XML workbook, saying to save it as an Excel Workbook', async () => {
    const message = await refused(
      handXlsx({ sheets: [{ name: 'S', xml: '' }], namespace: 'http://purl.oclc.org/ooxml/spreadsheetml/main' }),
      'NOT_XLSX',
    );
    expect(message).toContain('Strict Open XML');
    expect(message).toContain('"Excel Workbook (.xlsx)"');
  });

  it('CORRUPT for a truncated file, damaged XML, and missing or dangling references', async () => {
    const good = handXlsx({ sheets: [{ name: 'S', xml: '<row r="1"><c r="A1"><v>1</v></c></row>' }] });
    await refused(good.subarray(0, Math.floor(good.length / 2)), 'CORRUPT');
    await refused(good.subarray(0, good.length - 10), 'CORRUPT');
    const damaged = (part: string, text: string | Uint8Array) => handXlsx({ sheets: [{ name: 'S', xml: '' }], extra: { [part]: text } });
    expect(await refused(damaged('xl/workbook.xml', '<<<not xml'), 'CORRUPT')).toContain('xl/workbook.xml is not well-formed XML');
    await refused(damaged('xl/worksheets/sheet1.xml', '<worksheet><sheetData><row r="1"><c r="A1"'), 'CORRUPT');
    await refused(damaged('xl/worksheets/sheet1.xml', new Uint8Array([0x3c, 0x61, 0xff, 0xfe, 0x3e])), 'CORRUPT');
    await refused(handXlsx({ sheets: [{ name: 'S', xml: '' }], omit: ['xl/worksheets/sheet1.xml'] }), 'CORRUPT');
    const cell = (xml: string, sharedStrings?: string) =>
      handXlsx({ sheets: [{ name: 'S', xml }], ...(sharedStrings === undefined ? {} : { sharedStrings }) });
    expect(await refused(cell('<row r="1"><c r="A1" t="s"><v>3</v></c></row>', '<si><t>only one</t></si>'), 'CORRUPT')).toContain(
      'cell A1 of sheet S refers to shared string "3"',
    );
    expect(await refused(cell('<row r="1"><c r="B1"><f t="shared" si="4"/><v>1</v></c></row>'), 'CORRUPT')).toContain(
      'shared formula "4", which has no master',
    );
    expect(await refused(cell('<row r="1"><c r="A1"><v>0x10</v></c></row>'), 'CORRUPT')).toContain('not a number');
    expect(await refused(cell('<row r="1"><c r="1A"><v>1</v></c></row>'), 'CORRUPT')).toContain('not a cell address');
    await refused(
      handXlsx({
        sheets: [
          { name: 'Dup', xml: '' },
          { name: 'DUP', xml: '' },
        ],
      }),
      'CORRUPT',
    );
  });

  it('CORRUPT for a DOCTYPE (no DTDs, no entity expansion) and for an undefined entity', async () => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>' +
      `<worksheet xmlns="${MAIN_NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>`;
    expect(await refused(handXlsx({ sheets: [{ name: 'S', xml: laughs }] }), 'CORRUPT')).toContain('DOCTYPE');
    const undefinedEntity = sheetXml('<row r="1"><c r="A1" t="inlineStr"><is><t>&nbsp;</t></is></c></row>');
    expect(await refused(handXlsx({ sheets: [{ name: 'S', xml: undefinedEntity }] }), 'CORRUPT')).toContain('entity');
  });
});

describe('bounds', () => {
  it('stops a zip bomb whose headers claim 1 KiB early, with TOO_LARGE (200 MB of "0" in one value)', async () => {
    const deflated = await deflateRun(
      `<worksheet xmlns="${MAIN_NS}"><sheetData><row r="1"><c r="A1"><v>`,
      '0',
      200 * 2 ** 20,
      '</v></c></row></sheetData></worksheet>',
    );
    expect(deflated.length).toBeLessThan(1 << 20);
    const bytes = bombXlsx(deflated, 1024);
    const started = Date.now();
    const message = await refused(bytes, 'TOO_LARGE');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(message).toMatch(/the limit is \d+\)$/);
    // a run of NUL bytes is not text at all: refused as damaged at its first bytes
    const nul = await deflateRun('', '\0', 200 * 2 ** 20, '');
    const again = Date.now();
    await refused(bombXlsx(nul, 1024), 'CORRUPT');
    expect(Date.now() - again).toBeLessThan(2000);
  });

  it('counts unpacked bytes while inflating: past maxEntryBytes and maxTotalInflated → TOO_LARGE, early', async () => {
    const deflated = await deflateRun(
      `<worksheet xmlns="${MAIN_NS}"><sheetViews>`,
      '<x/>',
      200 * 2 ** 20,
      '</sheetViews><sheetData/></worksheet>',
    );
    const started = Date.now();
    expect(await refused(bombXlsx(deflated, 1024), 'TOO_LARGE', { maxEntryBytes: 4 * 2 ** 20 })).toBe(
      `${FILE}: more than ${4 * 2 ** 20} bytes unpacked in xl/worksheets/sheet1.xml (the limit is ${4 * 2 ** 20})`,
    );
    expect(await refused(bombXlsx(deflated, 1024), 'TOO_LARGE', { maxTotalInflated: 2 * 2 ** 20 })).toContain(
      'bytes unpacked in total (the limit is 2097152)',
    );
    expect(Date.now() - started).toBeLessThan(2000);
    // with its compressed size faked too, the data ends early: damaged, found at once
    await refused(bombXlsx(deflated, 1024, { patchCompressed: true }), 'CORRUPT');
  });

  it('a small bomb (inflated in one step) is streamed again once it overflows its declared size', async () => {
    const deflated = await deflateRun(
      `<worksheet xmlns="${MAIN_NS}"><sheetViews>`,
      '<x/>',
      8 * 2 ** 20,
      '</sheetViews><sheetData/></worksheet>',
    );
    expect(deflated.length).toBeLessThan(16 * 1024);
    expect(await refused(bombXlsx(deflated, 1024), 'TOO_LARGE', { maxEntryBytes: 2 ** 20 })).toContain(
      'bytes unpacked in xl/worksheets/sheet1.xml',
    );
  });

  it('TOO_LARGE past maxBytes', async () => {
    const bytes = handXlsx({ sheets: [{ name: 'S', xml: '' }] });
    expect(await refused(bytes, 'TOO_LARGE', { maxBytes: 100 })).toBe(`${FILE} is too large (${bytes.length} bytes; the limit is 100)`);
  });

  it('reads 30,000 rows with a cell in column XFD fast, keeping only the kept columns', async () => {
    const rows = Array.from(
      { length: 30_000 },
      (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c><c r="XFD${i + 1}"><v>1</v></c></row>`,
    ).join('');
    const bytes = handXlsx({ sheets: [{ name: 'S', xml: rows }] });
    const started = Date.now();
    const wb = await readXlsx(bytes, FILE);
    expect(Date.now() - started).toBeLessThan(2000);
    const cells = wb.raw.sheets[0]!.cells;
    expect(cells).toHaveLength(30_000);
    expect(cells.every((r, i) => r.length === 1 && r[0] === i)).toBe(true);
    expect(wb.outside.get('S')).toBe('XFD1');
  });

  it('TOO_LARGE past maxRows, naming the sheet and the limit (200,001 rows; a value far down)', async () => {
    const rows = Array.from({ length: 200_001 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>1</v></c></row>`).join('');
    const started = Date.now();
    expect(await refused(handXlsx({ sheets: [{ name: '城关镇', xml: rows }] }), 'TOO_LARGE')).toBe(
      `${FILE}: more than 100000 rows in sheet 城关镇 (the limit is 100000)`,
    );
    expect(Date.now() - started).toBeLessThan(5000);
    expect(
      await refused(handXlsx({ sheets: [{ name: 'S', xml: '<row r="1048576"><c r="A1048576"><v>1</v></c></row>' }] }), 'TOO_LARGE'),
    ).toContain('rows in sheet S (the limit is 100000)');
    // empty rows far down (formatting) are fine
    const wb = await readXlsx(
      handXlsx({ sheets: [{ name: 'S', xml: '<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576" hidden="1"/>' }] }),
      FILE,
    );
    expect(wb.raw.sheets[0]!.cells).toEqual([[1]]);
    expect(wb.raw.sheets[0]!.hiddenRows).toEqual([1048576]);
  });

  it('TOO_LARGE past maxStrings and maxStringChars', async () => {
    const strings = '<si><t>x</t></si>'.repeat(1001);
    expect(await refused(handXlsx({ sheets: [{ name: 'S', xml: '' }], sharedStrings: strings }), 'TOO_LARGE', { maxStrings: 1000 })).toBe(
      `${FILE}: more than 1000 shared strings (the limit is 1000)`,
    );
    const long = `<si><t>${'长'.repeat(32_768)}</t></si>`;
    expect(await refused(handXlsx({ sheets: [{ name: 'S', xml: '' }], sharedStrings: long }), 'TOO_LARGE')).toBe(
      `${FILE}: more than 32767 characters in shared string 0 (the limit is 32767)`,
    );
    const runs = `<si>${'<r><t>abcdefgh</t></r>'.repeat(40_000)}</si>`;
    expect(await refused(handXlsx({ sheets: [{ name: 'S', xml: '' }], sharedStrings: runs }), 'TOO_LARGE')).toContain(
      'characters in shared string 0',
    );
    const inline = `<row r="1"><c r="B1" t="inlineStr"><is><t>${'x'.repeat(40_000)}</t></is></c></row>`;
    expect(await refused(handXlsx({ sheets: [{ name: 'S', xml: inline }] }), 'TOO_LARGE')).toContain('characters in cell B1 of sheet S');
  });

  it('TOO_LARGE past maxCells, maxSheets and maxXmlDepth', async () => {
    const rows = Array.from(
      { length: 20 },
      (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>1</v></c><c r="B${i + 1}"><v>2</v></c></row>`,
    ).join('');
    expect(await refused(handXlsx({ sheets: [{ name: 'S', xml: rows }] }), 'TOO_LARGE', { maxCells: 30 })).toBe(
      `${FILE}: more than 30 cells in the workbook (the limit is 30)`,
    );
    const sheets = Array.from({ length: 4 }, (_, i) => ({ name: `S${i}`, xml: '' }));
    expect(await refused(handXlsx({ sheets }), 'TOO_LARGE', { maxSheets: 3 })).toBe(
      `${FILE}: more than 3 sheets in the workbook (the limit is 3)`,
    );
    const deep = sheetXml('', { after: `<extLst>${'<x>'.repeat(100)}${'</x>'.repeat(100)}</extLst>` }).replace(
      '<sheetData></sheetData>',
      '',
    );
    expect(await refused(handXlsx({ sheets: [{ name: 'S', xml: deep }] }), 'TOO_LARGE')).toBe(
      `${FILE}: more than 64 levels of nested XML elements in xl/worksheets/sheet1.xml (the limit is 64)`,
    );
    const deepShared = `<si>${'<r>'.repeat(70)}${'</r>'.repeat(70)}</si>`;
    await refused(handXlsx({ sheets: [{ name: 'S', xml: '' }], sharedStrings: deepShared }), 'TOO_LARGE');
  });

  it('clamps column ranges instead of expanding them, and refuses overlapping merges cheaply', async () => {
    const cols = `<cols>${'<col min="1" max="16384" hidden="1"/>'.repeat(10_000)}</cols>`;
    const wb = await readXlsx(handXlsx({ sheets: [{ name: 'S', xml: sheetXml('', { before: cols }) }] }), FILE);
    expect(wb.raw.sheets[0]!.hiddenColumns).toEqual(Array.from({ length: 16 }, (_, i) => i));
    const rows = Array.from({ length: 100 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>1</v></c></row>`).join('');
    const merges = `<mergeCells>${'<mergeCell ref="A1:P100"/>'.repeat(5000)}</mergeCells>`;
    expect(await refused(handXlsx({ sheets: [{ name: 'S', xml: sheetXml(rows, { after: merges }) }] }), 'CORRUPT')).toContain(
      'overlapping merged ranges',
    );
  });

  it('has defaults sized for score workbooks', () => {
    expect(DEFAULT_LEAN_LIMITS).toMatchObject({
      maxRows: 100_000,
      maxColumns: 16,
      maxLogColumns: 64,
      maxSheets: 256,
      maxStringChars: 32_767,
    });
  });
});
