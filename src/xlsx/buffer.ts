/**
 * Opening a workbook from bytes: recognise what the bytes are before ExcelJS sees them, so
 * every failure is a typed {@link XlsxError} and never a raw zip or XML error. Browser-safe
 * (the task pane's file import uses this; `read.ts` adds the file system for Node).
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { RawWorkbook } from '../core/sheet/patch';
import { XlsxError } from './errors';
import { readRawWorkbook } from './raw';
import { parseStructureProtection, setStructureProtection, WORKBOOK_XML } from './structure';

/** Size limits; a workbook beyond them is refused with `TOO_LARGE`. */
export interface OpenLimits {
  /** bytes of the file itself (default 50 MiB) */
  readonly maxBytes?: number;
  /** total unpacked bytes of the zip's entries (default 500 MiB; guards against zip bombs) */
  readonly maxUnpackedBytes?: number;
}

export const DEFAULT_LIMITS: Required<OpenLimits> = { maxBytes: 50 * 2 ** 20, maxUnpackedBytes: 500 * 2 ** 20 };

/** An opened workbook: the ExcelJS object (for patching and saving) and its plain data. */
export interface OpenedWorkbook {
  readonly wb: ExcelJS.Workbook;
  readonly raw: RawWorkbook;
}

/**
 * Opens an .xlsx workbook from its bytes.
 *
 * @param data the file's bytes
 * @param file how to name the file in errors (a path, or the picked file's name)
 * @throws {XlsxError} NOT_XLSX, ENCRYPTED, CORRUPT or TOO_LARGE
 */
export async function openWorkbookBuffer(
  data: Uint8Array | ArrayBuffer,
  file = '(buffer)',
  limits: OpenLimits = {},
): Promise<OpenedWorkbook> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const max = { ...DEFAULT_LIMITS, ...limits };
  if (bytes.byteLength > max.maxBytes) throw tooLarge(file, bytes.byteLength, max.maxBytes);
  checkKind(bytes, file);
  const zip = await loadZip(bytes, file);
  const unpacked = unpackedSize(zip);
  if (unpacked > max.maxUnpackedBytes) throw tooLarge(file, unpacked, max.maxUnpackedBytes);
  const workbookXml = await readWorkbookXml(zip, file);
  const wb = await loadExcelJs(bytes, file);
  setStructureProtection(wb, parseStructureProtection(workbookXml));
  return { wb, raw: readRawWorkbook(wb) };
}

/** What the first bytes say a file is. */
export type FileKind = 'zip' | 'ole-encrypted' | 'ole-legacy' | 'other';

const ZIP_MAGIC = [0x50, 0x4b]; // "PK"
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * Sniffs a file's kind. An OLE compound file is an encrypted OOXML package when it holds
 * the `EncryptedPackage`/`EncryptionInfo` streams, a legacy .xls when it holds a
 * `Workbook`/`Book` stream, and is taken as encrypted otherwise (the usual reason an
 * .xlsx turns into a compound file is a password to open).
 */
export function sniffKind(bytes: Uint8Array): FileKind {
  if (startsWith(bytes, OLE_MAGIC)) {
    if (containsUtf16(bytes, 'EncryptedPackage') || containsUtf16(bytes, 'EncryptionInfo')) return 'ole-encrypted';
    if (containsUtf16(bytes, 'Workbook') || containsUtf16(bytes, 'Book')) return 'ole-legacy';
    return 'ole-encrypted';
  }
  return startsWith(bytes, ZIP_MAGIC) ? 'zip' : 'other';
}

function checkKind(bytes: Uint8Array, file: string): void {
  switch (sniffKind(bytes)) {
    case 'zip':
      return;
    case 'ole-encrypted':
      throw new XlsxError(
        'ENCRYPTED',
        file,
        `${file} is password-protected (encrypted); remove the password to open in Excel and save it again`,
      );
    case 'ole-legacy':
      throw new XlsxError('NOT_XLSX', file, `${file} is an old-format .xls workbook; save it as .xlsx`);
    case 'other':
      throw new XlsxError('NOT_XLSX', file, `${file} is not an .xlsx workbook`);
  }
}

async function loadZip(bytes: Uint8Array, file: string): Promise<JSZip> {
  try {
    return await JSZip.loadAsync(bytes);
  } catch (cause) {
    throw new XlsxError('CORRUPT', file, `${file} is damaged (the zip cannot be read; the file may be truncated)`, { cause });
  }
}

async function readWorkbookXml(zip: JSZip, file: string): Promise<string> {
  const entry = zip.file(WORKBOOK_XML);
  // a zip without the workbook part is another kind of package (.ods, .docx, a plain zip)
  if (!entry) throw new XlsxError('NOT_XLSX', file, `${file} is a zip archive but not an .xlsx workbook (${WORKBOOK_XML} is missing)`);
  try {
    return await entry.async('string');
  } catch (cause) {
    throw new XlsxError('CORRUPT', file, `${file} is damaged (${WORKBOOK_XML} cannot be unpacked)`, { cause });
  }
}

async function loadExcelJs(bytes: Uint8Array, file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  try {
    // ExcelJS types its input as its own Buffer interface; at run time it hands the bytes to JSZip, which takes a Uint8Array
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (cause) {
    throw new XlsxError('CORRUPT', file, `${file} is damaged and cannot be read as a workbook`, { cause });
  }
  return wb;
}

/** Sum of the entries' unpacked sizes as the zip's directory states them (JSZip keeps them on `_data`). */
function unpackedSize(zip: JSZip): number {
  let total = 0;
  zip.forEach((_path, entry) => {
    const data: unknown = (entry as unknown as { _data?: unknown })._data;
    const size = data && typeof data === 'object' ? (data as { uncompressedSize?: unknown }).uncompressedSize : undefined;
    if (typeof size === 'number' && size > 0) total += size;
  });
  return total;
}

function tooLarge(file: string, size: number, limit: number): XlsxError {
  return new XlsxError('TOO_LARGE', file, `${file} is too large (${size} bytes; the limit is ${limit})`);
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

function containsUtf16(bytes: Uint8Array, text: string): boolean {
  const needle = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) needle[i * 2] = text.charCodeAt(i);
  const first = needle[0];
  outer: for (let i = bytes.indexOf(first ?? 0); i >= 0 && i <= bytes.length - needle.length; i = bytes.indexOf(first ?? 0, i + 1)) {
    for (let j = 1; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}
