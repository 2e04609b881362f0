/**
 * Opening a workbook file (Node): the path edge over {@link openWorkbookBuffer}. Every failure
 * is an {@link XlsxError}: NOT_FOUND, NOT_XLSX, ENCRYPTED, CORRUPT or TOO_LARGE.
 */
import { readFile, stat } from 'node:fs/promises';
import { DEFAULT_LIMITS, openWorkbookBuffer, type OpenLimits, type OpenedWorkbook } from './buffer';
import { XlsxError } from './errors';

export { DEFAULT_LIMITS, openWorkbookBuffer, sniffKind, type FileKind, type OpenLimits, type OpenedWorkbook } from './buffer';
export { XlsxError, isXlsxError, type XlsxErrorCode } from './errors';
export { readRawSheet, readRawWorkbook } from './raw';

/**
 * Opens an .xlsx file: the ExcelJS workbook and its plain data (`raw.sheets` = every
 * worksheet except `_scoreseal`, `raw.log` = the `_scoreseal` rows or null).
 *
 * @throws {XlsxError} NOT_FOUND, NOT_XLSX, ENCRYPTED, CORRUPT or TOO_LARGE
 */
export async function openWorkbook(path: string, limits: OpenLimits = {}): Promise<OpenedWorkbook> {
  const maxBytes = limits.maxBytes ?? DEFAULT_LIMITS.maxBytes;
  const size = await fileSize(path);
  if (size > maxBytes) throw new XlsxError('TOO_LARGE', path, `${path} is too large (${size} bytes; the limit is ${maxBytes})`);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    throw fsError(path, cause);
  }
  return openWorkbookBuffer(bytes, path, limits);
}

async function fileSize(path: string): Promise<number> {
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new XlsxError('UNREADABLE', path, `${path} is not a file`);
    return s.size;
  } catch (cause) {
    if (cause instanceof XlsxError) throw cause;
    throw fsError(path, cause);
  }
}

function fsError(path: string, cause: unknown): XlsxError {
  const code: unknown = cause && typeof cause === 'object' ? (cause as { code?: unknown }).code : undefined;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new XlsxError('NOT_FOUND', path, `${path} does not exist`, { cause });
  return new XlsxError('UNREADABLE', path, `${path} cannot be read (${typeof code === 'string' ? code : 'unknown error'})`, { cause });
}
