/**
 * Opening a workbook from bytes (browser-safe; `read.ts` adds the file system for Node).
 *
 * Reading is the lean reader's (`./lean`): bounded, streaming, the stored value of every
 * cell (a date is its serial, never a `Date`), number formats, hidden rows and columns. ExcelJS
 * is loaded only to change a workbook (sign, sample, re-check, seal), from the same bytes, and
 * every number ExcelJS turned into a `Date` is put back as the double the file stores, so
 * saving never rounds a value the user typed.
 */
import ExcelJS from 'exceljs';
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
 * Opens an .xlsx workbook to change it: read by the lean reader, then loaded by ExcelJS from
 * the same bytes with its stored numbers and structure protection as the file has them.
 *
 * @throws {XlsxError} NOT_XLSX, ENCRYPTED, CORRUPT or TOO_LARGE
 */
export async function openWorkbookBuffer(
  data: Uint8Array | ArrayBuffer,
  file = '(buffer)',
  limits: OpenLimits = {},
): Promise<OpenedWorkbook> {
  const read = await readWorkbookBuffer(data, file, limits);
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const wb = new ExcelJS.Workbook();
  try {
    // ExcelJS types its input as its own Buffer interface; at run time it hands the bytes to JSZip, which takes a Uint8Array
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (cause) {
    throw new XlsxError('CORRUPT', file, `${file} is damaged and cannot be read as a workbook`, { cause });
  }
  restoreStoredNumbers(wb, read.lean);
  setStructureProtection(wb, read.lean.structureProtection);
  return { ...read, wb };
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
