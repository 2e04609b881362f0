/**
 * Opening a workbook from bytes (browser-safe; `read.ts` adds the file system for Node).
 *
 * Reading is the lean reader's (`./lean`): bounded, streaming, the stored value of every
 * cell (a date is its serial, never a `Date`), number formats, hidden rows and columns. ExcelJS
 * is loaded only to change a workbook (sign, sample, re-check, seal), from the same bytes, and
 * every number ExcelJS turned into a `Date` is put back as the double the file stores, so
 * saving never rounds a value the user typed.
 */
import type ExcelJS from 'exceljs';
import { newWorkbook } from './exceljs';
import type { RawWorkbook } from '../core/sheet/patch';
import { XlsxError } from './errors';
import { readXlsx, type LeanLimits, type LeanWorkbook } from './lean';
import { setStructureProtection } from './structure';

export { sniff as sniffKind, type LeanFileKind as FileKind } from './lean/sniff';

/** Size limits; a workbook beyond them is refused with `TOO_LARGE` (see the lean reader's limits). */
export type OpenLimits = Partial<LeanLimits>;

/** A workbook as read: the core's plain data, and where each sheet has content beyond the columns kept. */
export interface ReadWorkbook {
  readonly raw: RawWorkbook;
  /** per sheet name: the first non-empty cell beyond the columns a score sheet uses */
  readonly outside: ReadonlyMap<string, string>;
  readonly lean: LeanWorkbook;
}

/** An opened workbook for changing it: the ExcelJS object (for patching and saving) and its plain data. */
export interface OpenedWorkbook extends ReadWorkbook {
  readonly wb: ExcelJS.Workbook;
}

/**
 * Reads an .xlsx workbook's content from its bytes (no ExcelJS).
 *
 * @param data the file's bytes
 * @param file how to name the file in errors (a path, or the picked file's name)
 * @throws {XlsxError} NOT_XLSX, ENCRYPTED, CORRUPT or TOO_LARGE (naming the limit)
 */
export async function readWorkbookBuffer(
  data: Uint8Array | ArrayBuffer,
  file = '(buffer)',
  limits: OpenLimits = {},
): Promise<ReadWorkbook> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const lean = await readXlsx(bytes, file, limits);
  return { raw: lean.raw, outside: lean.outside, lean };
}

/**
 * What a workbook may reach to be changed (sign, sample, re-check, seal, unseal): ExcelJS loads
 * it whole, paying for every cell and for every column position up to each row's last cell, so
 * a workbook past these is refused before it is loaded (issue 11: 30,000 rows with one cell in
 * XFD took 27 s; 1.6 million cells 10 s and 1 GB). A score workbook is far below: a sheet of
 * 1,000 items with its log is ~20,000 cells.
 */
export const WRITE_LIMITS = Object.freeze({ cells: 250_000, span: 5_000_000 });

/**
 * ExcelJS's workbook from the same bytes the lean reader read, with its stored numbers and
 * structure protection as the file has them.
 *
 * @throws {XlsxError} TOO_LARGE past {@link WRITE_LIMITS} (before loading anything); CORRUPT
 *   when ExcelJS cannot load what the lean reader could
 */
export async function excelWorkbookOf(data: Uint8Array | ArrayBuffer, read: ReadWorkbook, file = '(buffer)'): Promise<ExcelJS.Workbook> {
  checkChangeable(read, file);
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const wb = await newWorkbook();
  try {
    // ExcelJS types its input as its own Buffer interface; at run time it hands the bytes to JSZip, which takes a Uint8Array
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (cause) {
    throw new XlsxError({ code: 'CORRUPT', kind: 'unloadable' }, file, `${file} is damaged and cannot be read as a workbook`, { cause });
  }
  restoreStoredNumbers(wb, read.lean);
  setStructureProtection(wb, read.lean.structureProtection);
  return wb;
}

/**
 * Refuses a workbook past {@link WRITE_LIMITS} (it can still be validated and verified).
 *
 * @throws {XlsxError} TOO_LARGE naming the extent, the limits and the first cell outside the score sheet
 */
export function checkChangeable(read: ReadWorkbook, file = '(buffer)'): void {
  const { cells, span } = read.lean.extent;
  if (cells > WRITE_LIMITS.cells || span > WRITE_LIMITS.span) {
    const first = [...read.outside][0];
    const where = first ? `${first[0]}!${first[1]}` : undefined;
    throw new XlsxError(
      {
        code: 'TOO_LARGE',
        kind: 'change',
        cells,
        span,
        maxCells: WRITE_LIMITS.cells,
        maxSpan: WRITE_LIMITS.span,
        ...(first ? { outside: { sheet: first[0], cell: first[1] } } : {}),
      },
      file,
      `${file} is too large to change safely (${cells.toLocaleString('en')} cells reaching ${span.toLocaleString('en')} column positions; ` +
        `the limits for changing a workbook are ${WRITE_LIMITS.cells.toLocaleString('en')} and ${WRITE_LIMITS.span.toLocaleString('en')})` +
        (where ? `; it has content far outside the score sheet, first at ${where}` : ''),
    );
  }
}

/**
 * Opens an .xlsx workbook to change it: read by the lean reader, then loaded by ExcelJS from
 * the same bytes ({@link excelWorkbookOf}).
 *
 * @throws {XlsxError} NOT_XLSX, ENCRYPTED, CORRUPT or TOO_LARGE
 */
export async function openWorkbookBuffer(
  data: Uint8Array | ArrayBuffer,
  file = '(buffer)',
  limits: OpenLimits = {},
): Promise<OpenedWorkbook> {
  const read = await readWorkbookBuffer(data, file, limits);
  return { ...read, wb: await excelWorkbookOf(data, read, file) };
}

/**
 * ExcelJS reads a number shown through a date format as a `Date` rounded to the millisecond and
 * would save it rounded; every such cell gets back the exact double the file stores.
 */
function restoreStoredNumbers(wb: ExcelJS.Workbook, lean: LeanWorkbook): void {
  const byName = new Map(lean.raw.sheets.map((s) => [s.name, s.cells]));
  wb.eachSheet((ws) => {
    const cells = byName.get(ws.name) ?? (ws.name.toLowerCase() === '_scoreseal' ? lean.raw.log : null);
    if (!cells) return;
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        if (!(cell.value instanceof Date)) return;
        const stored = cells[r - 1]?.[c - 1];
        if (typeof stored === 'number') cell.value = stored;
      });
    });
  });
}
