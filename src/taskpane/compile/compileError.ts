/**
 * Why a compile stopped before its summary was written, as a stable code. The pane's one error
 * model (../errors.ts) maps each code to a message of the pane's catalog (`compile.error.*`;
 * CANCELLED is no failure and has `compile.cancelled`).
 */

export type CompileErrorCode =
  /** the signal was aborted before the summary was written; nothing was written */
  | 'CANCELLED'
  /** no file was given */
  | 'NO_FILES'
  /** no file (or the open workbook) holds a score sheet: nothing to compile, nothing written */
  | 'NO_SCORE_SHEETS'
  /** the file reader could not run (worker or its chunk failed to load) */
  | 'READER_FAILED'
  /** the open workbook's 封袋登记 sheet has a row that cannot be read: nothing is checked against it */
  | 'REGISTER_INVALID'
  /** the chosen plan JSON file could not be read (the browser refused its bytes) */
  | 'PLAN_FILE';

/** A compile that did not reach the write, with the reason as a stable code. */
export class CompileError extends Error {
  override readonly name = 'CompileError';
  readonly code: CompileErrorCode;
  override readonly cause: unknown;
  constructor(code: CompileErrorCode, cause?: unknown) {
    super(`Compile: ${code}`);
    this.code = code;
    this.cause = cause;
  }
}
