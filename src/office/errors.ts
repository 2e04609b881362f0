/**
 * One error model for the Office.js edge: every failure of a batch becomes an
 * {@link OfficeEdgeError} with a stable `code` (the task pane shows a localized message per
 * code) and the original error as `cause` (for logs). Raw Office messages are never shown.
 */

/** The codes the pane has a message for; anything else from Office is `GeneralException`. */
export const OFFICE_ERROR_CODES = [
  'InvalidOperationInCellEditMode',
  'ItemNotFound',
  'ItemAlreadyExists',
  'AccessDenied',
  'RequestPayloadSizeLimitExceeded',
  'ResponsePayloadSizeLimitExceeded',
  'InvalidArgument',
  'ApiNotFound',
  'GeneralException',
] as const;

export type OfficeErrorCode = (typeof OFFICE_ERROR_CODES)[number];

const KNOWN = new Set<string>(OFFICE_ERROR_CODES);

/** A failure at the Office.js edge. `message` is the code only, never Office's text. */
export class OfficeEdgeError extends Error {
  override readonly name = 'OfficeEdgeError';
  readonly code: OfficeErrorCode;
  override readonly cause: unknown;
  constructor(code: OfficeErrorCode, cause?: unknown) {
    super(`Office: ${code}`);
    this.code = code;
    this.cause = cause;
  }
}

/** Whether a value is an `OfficeExtension.Error` (by shape: the class is only a global at run time). */
export function isOfficeExtensionError(e: unknown): e is { code: string; name: string } {
  if (typeof OfficeExtension !== 'undefined' && typeof OfficeExtension.Error === 'function' && e instanceof OfficeExtension.Error)
    return true;
  return (
    !!e && typeof e === 'object' && (e as { name?: unknown }).name === 'RichApi.Error' && typeof (e as { code?: unknown }).code === 'string'
  );
}

/**
 * Maps an Office.js rejection to an {@link OfficeEdgeError}. Errors that did not come from
 * Office (bugs in our own code) are returned unchanged so they are not disguised.
 */
export function toOfficeEdgeError(e: unknown): unknown {
  if (e instanceof OfficeEdgeError) return e;
  if (!isOfficeExtensionError(e)) return e;
  return new OfficeEdgeError(KNOWN.has(e.code) ? (e.code as OfficeErrorCode) : 'GeneralException', e);
}
