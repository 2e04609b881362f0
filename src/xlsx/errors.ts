/**
 * The one error type of the xlsx edge. Callers (the command line, the task pane's file
 * import) branch on `code` and show their own message; the raw ExcelJS or zip error is kept
 * as `cause` for logs, never shown.
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

/** A typed failure at the .xlsx file edge, naming the file it concerns. */
export class XlsxError extends Error {
  override readonly name = 'XlsxError';
  readonly code: XlsxErrorCode;
  /** the path (or the caller's label for a buffer) */
  readonly file: string;

  constructor(code: XlsxErrorCode, file: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.file = file;
  }
}

/** Whether `e` is an {@link XlsxError}, optionally with the given code. */
export function isXlsxError(e: unknown, code?: XlsxErrorCode): e is XlsxError {
  return e instanceof XlsxError && (code === undefined || e.code === code);
}
