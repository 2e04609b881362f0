/**
 * Opening a workbook file (Node): the path edge over `buffer.ts`. Every failure is an
 * {@link XlsxError}: NOT_FOUND, UNREADABLE, NOT_XLSX, ENCRYPTED, CORRUPT or TOO_LARGE.
 */
import type ExcelJS from 'exceljs';
import {
  checkChangeable,
  excelWorkbookOf,
  openWorkbookBuffer,
  readWorkbookBuffer,
  type OpenLimits,
  type OpenedWorkbook,
  type ReadWorkbook,
} from './buffer';
import { fileBytes } from './file';

export {
  openWorkbookBuffer,
  readWorkbookBuffer,
  sniffKind,
  type FileKind,
  type OpenLimits,
  type OpenedWorkbook,
  type ReadWorkbook,
} from './buffer';
export { XlsxError, isXlsxError, type XlsxErrorCode } from './errors';

/** Reads an .xlsx file's content (the lean reader; no ExcelJS). */
export async function readWorkbook(path: string, limits: OpenLimits = {}): Promise<ReadWorkbook> {
  return readWorkbookBuffer(await fileBytes(path, limits), path, limits);
}

/** Opens an .xlsx file to change it: its content, and the ExcelJS workbook to patch and save. */
export async function openWorkbook(path: string, limits: OpenLimits = {}): Promise<OpenedWorkbook> {
  return openWorkbookBuffer(await fileBytes(path, limits), path, limits);
}

/** A workbook read to be changed: its content now, ExcelJS's workbook only when the change is decided. */
export interface ChangeableWorkbook extends ReadWorkbook {
  /** loads the workbook into ExcelJS (refused with TOO_LARGE past the write limits, before loading) */
  excel(): Promise<ExcelJS.Workbook>;
}

/**
 * Reads an .xlsx file to change it: the lean read first, so every rule and refusal runs before
 * ExcelJS loads anything (issue 11: a sealed sheet with a cell in XFD was refused only after a
 * 27-second load).
 */
export async function readWorkbookForChange(path: string, limits: OpenLimits = {}): Promise<ChangeableWorkbook> {
  const bytes = await fileBytes(path, limits);
  const read = await readWorkbookBuffer(bytes, path, limits);
  checkChangeable(read, path); // before anyone is asked for a passphrase
  return { ...read, excel: () => excelWorkbookOf(bytes, read, path) };
}
