/**
 * The one error type of the xlsx edge. Callers (the command line, the task pane's file
 * import) branch on `code` and, for the exact case, on `reason` (typed: which kind of
 * non-workbook, which limit and its value…), and show their own message; `message` is an
 * English line for logs, and the raw ExcelJS or zip error is kept as `cause`, never shown.
 * Nobody decides anything by matching `message`.
 */

/** Why a workbook could not be read or written. */
export type XlsxErrorCode =
  /** the file does not exist */
  | 'NOT_FOUND'
  /** the file exists but cannot be read (permissions, a directory, an I/O error) */
  | 'UNREADABLE'
  /** not an .xlsx file at all (plain text, a legacy .xls, …) */
  | 'NOT_XLSX'
  /** a password-protected (encrypted) workbook: an OLE compound file holding the package */
  | 'ENCRYPTED'
  /** a zip that is truncated, damaged, or lacks `xl/workbook.xml` */
  | 'CORRUPT'
  /** larger than the configured limits (file size or unpacked size) */
  | 'TOO_LARGE'
  /** writing the workbook failed; the target file was left as it was */
  | 'WRITE_FAILED';

/**
 * What a file that is not an .xlsx workbook is instead: a legacy .xls, a zip without
 * `xl/workbook.xml` (an .ods…), a macro-enabled workbook, a binary workbook, a Strict Open XML
 * spreadsheet, or anything else (text, an empty file).
 */
export type NotXlsxKind = 'xls' | 'zip' | 'xlsm' | 'xlsb' | 'strict' | 'other';

/** A counted limit of the lean reader (`LeanLimits`) that a workbook passed. */
export type XlsxLimit =
  /** levels of nested XML elements in a part */
  | 'xmlDepth'
  /** characters in one XML text, tag or comment */
  | 'xmlText'
  | 'sheets'
  | 'sharedStrings'
  /** rows in one sheet */
  | 'rows'
  /** cells in the workbook */
  | 'cells'
  | 'conditionalFormats'
  | 'mergedRanges'
  /** characters in a string (a cell's or a shared string) */
  | 'stringChars'
  /** characters in a cell's stored value */
  | 'valueChars'
  /** characters in a cell's formula */
  | 'formulaChars'
  /** bytes unpacked from one zip entry */
  | 'entryBytes'
  /** bytes unpacked from the whole zip */
  | 'totalBytes';

/** Where a limit was passed: an XML part, a sheet, a cell of a sheet, a shared string, a zip entry. */
export type XlsxPlace =
  | { readonly part: string }
  | { readonly sheet: string; readonly cell?: string }
  | { readonly sharedString: number }
  | { readonly entry: string };

/** The exact case of an {@link XlsxError}: its code and, by code, what exactly (typed). */
export type XlsxReason =
  | { readonly code: 'NOT_FOUND' }
  | { readonly code: 'UNREADABLE'; readonly kind: 'notAFile' }
  /** an I/O error: the system's error code (EACCES, EISDIR…), when it gave one */
  | { readonly code: 'UNREADABLE'; readonly kind: 'io'; readonly errno?: string }
  | { readonly code: 'NOT_XLSX'; readonly kind: NotXlsxKind }
  /** an OLE compound file holding an encrypted package */
  | { readonly code: 'ENCRYPTED'; readonly kind: 'package' }
  /** a zip whose entries are encrypted (`entry`: the first) */
  | { readonly code: 'ENCRYPTED'; readonly kind: 'zipEntries'; readonly entry: string }
  /** the lean reader found the file damaged; `detail` is its technical diagnostic (one line, for logs and experts) */
  | { readonly code: 'CORRUPT'; readonly kind: 'damaged'; readonly detail: string }
  /** ExcelJS could not load a workbook the lean reader read */
  | { readonly code: 'CORRUPT'; readonly kind: 'unloadable' }
  /** the file is larger than `max` bytes */
  | { readonly code: 'TOO_LARGE'; readonly kind: 'fileBytes'; readonly size: number; readonly max: number }
  /** more than `max` of `limit` (at `at`) */
  | { readonly code: 'TOO_LARGE'; readonly kind: 'limit'; readonly limit: XlsxLimit; readonly max: number; readonly at?: XlsxPlace }
  /** too large to change: its cells and column span against the limits, and the first cell far outside the score sheet */
  | {
      readonly code: 'TOO_LARGE';
      readonly kind: 'change';
      readonly cells: number;
      readonly span: number;
      readonly maxCells: number;
      readonly maxSpan: number;
      readonly outside?: { readonly sheet: string; readonly cell: string };
    }
  /** the workbook could not be turned into bytes */
  | { readonly code: 'WRITE_FAILED'; readonly kind: 'unwritable' }
  /** the file could not be written: the system's error code (or the error's text when it gave none) */
  | { readonly code: 'WRITE_FAILED'; readonly kind: 'io'; readonly errno: string };

/** A typed failure at the .xlsx file edge, naming the file it concerns. */
export class XlsxError extends Error {
  override readonly name = 'XlsxError';
  readonly code: XlsxErrorCode;
  /** the exact case, typed (callers choose their message by `code` and `reason`, never by `message`) */
  readonly reason: XlsxReason;
  /** the path (or the caller's label for a buffer) */
  readonly file: string;

  /** `message`: an English line for logs (never matched on; callers show their own text). */
  constructor(reason: XlsxReason, file: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = reason.code;
    this.reason = reason;
    this.file = file;
  }
}

/** Whether `e` is an {@link XlsxError}, optionally with the given code. */
export function isXlsxError(e: unknown, code?: XlsxErrorCode): e is XlsxError {
  return e instanceof XlsxError && (code === undefined || e.code === code);
}
