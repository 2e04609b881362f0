/**
 * Opening files that are not usable workbooks: every case is a typed XlsxError naming the
 * file, never a raw zip or XML error. The bad files are made here.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { XlsxError, type XlsxErrorCode } from '../../src/xlsx/errors';
import { openWorkbook, openWorkbookBuffer, sniffKind } from '../../src/xlsx/read';
import { saveWorkbookAtomic } from '../../src/xlsx/save';
import { tempDir } from './support';

let dir: string;
let cleanup: () => void;
let good: string;
beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('S');
  for (let r = 1; r <= 200; r++) ws.getRow(r).values = [r, `row ${r} ${'x'.repeat(50)}`];
  good = join(dir, 'good.xlsx');
  await saveWorkbookAtomic(wb, good);
});
afterAll(() => cleanup());

function file(name: string, bytes: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

async function failure(p: Promise<unknown>): Promise<XlsxError> {
  const e: unknown = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(e instanceof XlsxError)) throw new Error(`expected an XlsxError, got ${String(e)}`);
  return e;
}

async function expectCode(path: string, code: XlsxErrorCode): Promise<void> {
  const e = await failure(openWorkbook(path));
  expect({ code: e.code, file: e.file }).toEqual({ code, file: path });
  expect(e.message).toContain(path);
}

/** An OLE compound file header followed by UTF-16LE stream names, as a directory sector holds them. */
function oleFile(...streams: string[]): Uint8Array {
  const magic = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  const body = Buffer.concat([Buffer.alloc(504), ...streams.map((s) => Buffer.from(`${s}\0`, 'utf16le'))]);
  return Buffer.concat([Buffer.from(magic), body]);
}

it('opens a good workbook', async () => {
  const { raw } = await openWorkbook(good);
  expect(raw.sheets[0]!.cells).toHaveLength(200);
  expect(raw.log).toBeNull();
});

it('NOT_FOUND for a missing file', async () => {
  await expectCode(join(dir, 'missing.xlsx'), 'NOT_FOUND');
  await expectCode(join(dir, 'no-dir', 'missing.xlsx'), 'NOT_FOUND');
});

it('UNREADABLE for a directory', async () => {
  const path = join(dir, 'folder.xlsx');
  mkdirSync(path);
  await expectCode(path, 'UNREADABLE');
});

it('NOT_XLSX for a text file, an empty file and a legacy .xls', async () => {
  await expectCode(file('notes.xlsx', '编号,得分\n1.1,5\n'), 'NOT_XLSX');
  await expectCode(file('empty.xlsx', ''), 'NOT_XLSX');
  await expectCode(file('legacy.xlsx', oleFile('Root Entry', 'Workbook', 'SummaryInformation')), 'NOT_XLSX');
});

it('ENCRYPTED for a password-protected workbook', async () => {
  await expectCode(file('locked.xlsx', oleFile('Root Entry', 'EncryptionInfo', 'EncryptedPackage')), 'ENCRYPTED');
  // a compound file we cannot place is taken as encrypted: that is why an .xlsx becomes one
  await expectCode(file('bare-ole.xlsx', oleFile()), 'ENCRYPTED');
});

it('CORRUPT for a truncated zip', async () => {
  const bytes = readFileSync(good);
  await expectCode(file('half.xlsx', bytes.subarray(0, Math.floor(bytes.length / 2))), 'CORRUPT');
  await expectCode(file('cut.xlsx', bytes.subarray(0, bytes.length - 10)), 'CORRUPT');
});

it('NOT_XLSX for a zip without xl/workbook.xml (another kind of package, not damage)', async () => {
  const zip = new JSZip();
  zip.file('hello.txt', 'not a workbook');
  await expectCode(file('plain.zip.xlsx', await zip.generateAsync({ type: 'uint8array' })), 'NOT_XLSX');
});

it.each([
  ['xl/workbook.xml', '<<<not xml'],
  ['xl/worksheets/sheet1.xml', '<worksheet><sheetData><row r="1"><c r="A1"'],
  ['xl/styles.xml', 'garbage<'],
])('CORRUPT for a workbook whose %s is damaged', async (part, text) => {
  const zip = await JSZip.loadAsync(readFileSync(good));
  expect(zip.file(part)).not.toBeNull();
  zip.file(part, text);
  await expectCode(file(`damaged-${part.replace(/\W/g, '_')}.xlsx`, await zip.generateAsync({ type: 'uint8array' })), 'CORRUPT');
});

it('TOO_LARGE beyond the size limits', async () => {
  const e = await failure(openWorkbook(good, { maxBytes: 1000 }));
  expect(e.code).toBe('TOO_LARGE');
  const unpacked = await failure(openWorkbook(good, { maxTotalInflated: 5000 }));
  expect(unpacked.code).toBe('TOO_LARGE');
  const buffer = await failure(openWorkbookBuffer(readFileSync(good), 'picked.xlsx', { maxBytes: 10 }));
  expect({ code: buffer.code, file: buffer.file }).toEqual({ code: 'TOO_LARGE', file: 'picked.xlsx' });
});

it('opens from bytes (Buffer or ArrayBuffer), naming the file in errors', async () => {
  const bytes = readFileSync(good);
  const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  expect((await openWorkbookBuffer(ab)).raw.sheets[0]!.cells[0]).toEqual([1, `row 1 ${'x'.repeat(50)}`]);
  const e = await failure(openWorkbookBuffer(Buffer.from('hello'), 'upload.xlsx'));
  expect({ code: e.code, file: e.file }).toEqual({ code: 'NOT_XLSX', file: 'upload.xlsx' });
});

it('sniffs file kinds', () => {
  expect(sniffKind(readFileSync(good))).toBe('zip');
  expect(sniffKind(oleFile('EncryptedPackage'))).toBe('ole-encrypted');
  expect(sniffKind(oleFile('Workbook'))).toBe('ole-legacy');
  expect(sniffKind(new Uint8Array([0x3c, 0x3f]))).toBe('other');
});
