/**
 * What the first bytes say a file is, before any unzipping: the same kinds and the same
 * messages as the ExcelJS reader (`../buffer.ts`), without its dependencies.
 */
import { XlsxError } from '../errors';
import { notXlsx } from './fail';

const ZIP_MAGIC = [0x50, 0x4b]; // "PK"
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** What the first bytes say a file is (see `sniffKind` in `../buffer.ts`). */
export type LeanFileKind = 'zip' | 'ole-encrypted' | 'ole-legacy' | 'other';

/**
 * Sniffs a file's kind. An OLE compound file is an encrypted OOXML package when it holds
 * the `EncryptedPackage`/`EncryptionInfo` streams, a legacy .xls when it holds a
 * `Workbook`/`Book` stream, and is taken as encrypted otherwise.
 */
export function sniff(bytes: Uint8Array): LeanFileKind {
  if (startsWith(bytes, OLE_MAGIC)) {
    if (containsUtf16(bytes, 'EncryptedPackage') || containsUtf16(bytes, 'EncryptionInfo')) return 'ole-encrypted';
    if (containsUtf16(bytes, 'Workbook') || containsUtf16(bytes, 'Book')) return 'ole-legacy';
    return 'ole-encrypted';
  }
  return startsWith(bytes, ZIP_MAGIC) ? 'zip' : 'other';
}

/** Throws the typed error for anything that is not a zip. */
export function requireZip(bytes: Uint8Array, file: string): void {
  switch (sniff(bytes)) {
    case 'zip':
      return;
    case 'ole-encrypted':
      throw new XlsxError(
        { code: 'ENCRYPTED', kind: 'package' },
        file,
        `${file} is password-protected (encrypted); remove the password to open in Excel and save it again`,
      );
    case 'ole-legacy':
      throw notXlsx(file, 'xls');
    case 'other':
      throw notXlsx(file, 'other');
  }
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

/** Whether `bytes` holds `text` (ASCII) as UTF-16LE; linear in the size of `bytes`. */
function containsUtf16(bytes: Uint8Array, text: string): boolean {
  const needle = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) needle[i * 2] = text.charCodeAt(i);
  const first = needle[0] ?? 0;
  outer: for (let i = bytes.indexOf(first); i >= 0 && i <= bytes.length - needle.length; i = bytes.indexOf(first, i + 1)) {
    for (let j = 1; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}
