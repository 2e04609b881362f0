/**
 * The errors the double rejects a sync with, shaped like Office.js's `OfficeExtension.Error`
 * (name "RichApi.Error", a string `code`, `debugInfo` with the failing statement).
 *
 * Codes are those of the reference's error tables:
 * https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling
 * (common and Excel-specific tables) and `Excel.ErrorCodes`
 * (https://learn.microsoft.com/javascript/api/excel/excel.errorcodes), plus the
 * client-side `OfficeExtension.ErrorCodes` (PropertyNotLoaded, InvalidRequestContext).
 */

/** The error Office.js rejects a sync with (`OfficeExtension.Error`, name "RichApi.Error"). */
export class RichApiError extends Error {
  override readonly name = 'RichApi.Error';
  readonly code: string;
  readonly debugInfo: { code: string; message: string; errorLocation?: string; statement?: string };
  readonly traceMessages: string[] = [];
  readonly innerError: RichApiError | null = null;
  constructor(code: string, message: string, errorLocation?: string) {
    super(message);
    this.code = code;
    this.debugInfo = { code, message, ...(errorLocation ? { errorLocation } : {}) };
  }
}

export const err = (code: string, message: string, location?: string): RichApiError => new RichApiError(code, message, location);

/** Error codes this double produces (a subset of Excel.ErrorCodes / OfficeExtension.ErrorCodes). */
export const DOUBLE_ERROR_CODES = {
  accessDenied: 'AccessDenied',
  apiNotFound: 'ApiNotFound',
  badPassword: 'BadPassword',
  conflict: 'Conflict',
  generalException: 'GeneralException',
  inactiveWorkbook: 'InactiveWorkbook',
  invalidArgument: 'InvalidArgument',
  invalidOperation: 'InvalidOperation',
  invalidOperationInCellEditMode: 'InvalidOperationInCellEditMode',
  invalidRequestContext: 'InvalidRequestContext',
  invalidSelection: 'InvalidSelection',
  itemAlreadyExists: 'ItemAlreadyExists',
  itemNotFound: 'ItemNotFound',
  propertyNotLoaded: 'PropertyNotLoaded',
  rangeExceedsLimit: 'RangeExceedsLimit',
  requestPayloadSizeLimitExceeded: 'RequestPayloadSizeLimitExceeded',
  responsePayloadSizeLimitExceeded: 'ResponsePayloadSizeLimitExceeded',
} as const;
export const E = DOUBLE_ERROR_CODES;
