/**
 * Opening a workbook file (Node): the path edge over `buffer.ts`. Every failure is an
 * {@link XlsxError}: NOT_FOUND, UNREADABLE, NOT_XLSX, ENCRYPTED, CORRUPT or TOO_LARGE.
 */
import { readFile, stat } from 'node:fs/promises';
import { DEFAULT_LEAN_LIMITS } from './lean';
import { openWorkbookBuffer, readWorkbookBuffer, type OpenLimits, type OpenedWorkbook, type ReadWorkbook } from './buffer';
import { XlsxError } from './errors';

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

/** A file's bytes, refused before reading when it is larger than the limit. */
async function fileBytes(path: string, limits: OpenLimits): Promise<Uint8Array> {
  const maxBytes = limits.maxBytes ?? DEFAULT_LEAN_LIMITS.maxBytes;
  const size = await fileSize(path);
  if (size > maxBytes) throw new XlsxError('TOO_LARGE', path, `${path} is too large (${size} bytes; the limit is ${maxBytes})`);
  try {
    return new Uint8Array(await readFile(path));
  } catch (cause) {
    throw fsError(path, cause);
  }
}

/** Reads an .xlsx file's content (the lean reader; no ExcelJS). */
export async function readWorkbook(path: string, limits: OpenLimits = {}): Promise<ReadWorkbook> {
  return readWorkbookBuffer(await fileBytes(path, limits), path, limits);
}

/** Opens an .xlsx file to change it: its content, and the ExcelJS workbook to patch and save. */
export async function openWorkbook(path: string, limits: OpenLimits = {}): Promise<OpenedWorkbook> {
  return openWorkbookBuffer(await fileBytes(path, limits), path, limits);
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
