/**
 * One error model for the Office.js edge: every failure of a batch becomes an
 * {@link OfficeEdgeError} with a stable `code` (the task pane shows a localized message per
 * code) and the original error as `cause` (for logs). Raw Office messages are never shown.
 *
 * The codes are every code of the reference's error tables — common and Excel-specific,
 * https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling —
 * plus the rest of `Excel.ErrorCodes` (https://learn.microsoft.com/javascript/api/excel/excel.errorcodes)
 * and of `OfficeExtension.ErrorCodes` (https://learn.microsoft.com/javascript/api/office/officeextension.errorcodes),
 * and three of ScoreSeal's own ({@link EDGE_ERROR_CODES}).
 */

/** Codes of the common error table. */
const COMMON_CODES = [
  'AccessDenied',
  'ActivityLimitReached',
  'ApiNotAvailable',
  'ApiNotFound',
  'BadPassword',
  'Client Error',
  'Conflict',
  'ContentLengthRequired',
  'GeneralException',
  'HostRestartNeeded',
  'InsertDeleteConflict',
  'InvalidArgument',
  'InvalidBinding',
  'InvalidOperation',
  'InvalidReference',
  'InvalidRequest',
  'InvalidRibbonDefinition',
  'InvalidSelection',
  'ItemAlreadyExists',
  'ItemNotFound',
  'MemoryLimitReached',
  'NotImplemented',
  'RequestAborted',
  'RequestPayloadSizeLimitExceeded',
  'ResponsePayloadSizeLimitExceeded',
  'ServiceNotAvailable',
  'Unauthenticated',
  'UnsupportedFeature',
  'UnsupportedOperation',
] as const;

/** Codes of the Excel-specific error table and the rest of `Excel.ErrorCodes`. */
const EXCEL_CODES = [
  'DirtySupportingFormula',
  'EmptyChartSeries',
  'FilteredRangeConflict',
  'FormulaLengthExceedsLimit',
  'InactiveWorkbook',
  'InvalidOperationInCellEditMode',
  'MergedRangeConflict',
  'NonBlankCellOffSheet',
  'OpenWorkbookLinksBlocked',
  'OperationCellsExceedLimit',
  'PivotTableRangeConflict',
  'PowerQueryRefreshResourceChallenge',
  'RangeExceedsLimit',
  'RangeImageExceedsLimit',
  'RefreshWorkbookLinksBlocked',
  'UnsupportedFillType',
  'UnsupportedSheet',
] as const;

/** `OfficeExtension.ErrorCodes` raised by the client library itself (they mean a bug in our batch). */
const CLIENT_CODES = [
  'InvalidObjectPath',
  'PropertyNotLoaded',
  'ValueNotLoaded',
  'InvalidRequestContext',
  'RunMustReturnPromise',
  'CannotRegisterEvent',
  'ConnectionFailure',
] as const;

/**
 * ScoreSeal's own codes for failures the edge recognises:
 *  - `StructureProtected`: a new sheet is needed but the workbook structure is protected
 *    (sealing protects it);
 *  - `LogConflict`: a record could not be appended to `_scoreseal` because other sessions kept
 *    taking the row (co-authoring);
 *  - `TooLarge`: a sheet is beyond what one read can return (over 5,000,000 cells).
 */
export const EDGE_ERROR_CODES = ['StructureProtected', 'LogConflict', 'TooLarge'] as const;

/** Every code the pane has a message for; anything else from Office is `GeneralException`. */
export const OFFICE_ERROR_CODES = [...COMMON_CODES, ...EXCEL_CODES, ...CLIENT_CODES, ...EDGE_ERROR_CODES] as const;

export type OfficeErrorCode = (typeof OFFICE_ERROR_CODES)[number];

/**
 * The nine classes the edge reported before every code of the reference had a message; kept as
 * `OfficeEdgeError.code` so that catalogs with a message per class (the compile view's) go on
 * working. New code reads `detail`.
 */
export const OFFICE_ERROR_CLASSES = [
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

export type OfficeErrorClass = (typeof OFFICE_ERROR_CLASSES)[number];

const KNOWN = new Set<string>(OFFICE_ERROR_CODES);
const CLASSES = new Set<string>(OFFICE_ERROR_CLASSES);

/** The class of a code (its nearest of the nine). */
export function classOf(code: OfficeErrorCode): OfficeErrorClass {
  if (CLASSES.has(code)) return code as OfficeErrorClass;
  switch (code) {
    case 'BadPassword':
    case 'StructureProtected':
    case 'Unauthenticated':
      return 'AccessDenied';
    case 'InvalidOperation':
      return 'InvalidOperationInCellEditMode';
    case 'ApiNotAvailable':
    case 'NotImplemented':
    case 'UnsupportedOperation':
    case 'UnsupportedFeature':
      return 'ApiNotFound';
    case 'TooLarge':
    case 'RangeExceedsLimit':
    case 'OperationCellsExceedLimit':
      return 'ResponsePayloadSizeLimitExceeded';
    case 'InvalidSelection':
    case 'InvalidReference':
    case 'MergedRangeConflict':
      return 'InvalidArgument';
    default:
      return 'GeneralException';
  }
}

/** A failure at the Office.js edge. `message` is the code only, never Office's text. */
export class OfficeEdgeError extends Error {
  override readonly name = 'OfficeEdgeError';
  /** the exact code: Office's (every code of the reference) or ScoreSeal's own */
  readonly detail: OfficeErrorCode;
  /** its class among the nine older catalogs know (see {@link OFFICE_ERROR_CLASSES}) */
  readonly code: OfficeErrorClass;
  override readonly cause: unknown;
  constructor(detail: OfficeErrorCode, cause?: unknown) {
    super(`Office: ${detail}`);
    this.detail = detail;
    this.code = classOf(detail);
    this.cause = cause;
  }
}

/** Whether a value is an `OfficeExtension.Error` (by shape: the class is only a global at run time). */
export function isOfficeExtensionError(e: unknown): e is { code: string; name: string; debugInfo?: { errorLocation?: string } } {
  if (typeof OfficeExtension !== 'undefined' && typeof OfficeExtension.Error === 'function' && e instanceof OfficeExtension.Error)
    return true;
  return (
    !!e && typeof e === 'object' && (e as { name?: unknown }).name === 'RichApi.Error' && typeof (e as { code?: unknown }).code === 'string'
  );
}

/** The Office error's code, or null for anything else. */
export function officeCode(e: unknown): string | null {
  if (e instanceof OfficeEdgeError) return e.detail;
  return isOfficeExtensionError(e) ? e.code : null;
}

/** Where Excel says a batch failed (`debugInfo.errorLocation`, e.g. "WorksheetProtection.unprotect"), or ''. */
export function errorLocation(e: unknown): string {
  const cause = e instanceof OfficeEdgeError ? e.cause : e;
  return isOfficeExtensionError(cause) ? (cause.debugInfo?.errorLocation ?? '') : '';
}

/**
 * The error codes hosts have used for a call made in the wrong protection state or with a
 * wrong password (see test/support/excel-double/variants.ts for the sources).
 */
export const PROTECTION_CODES: ReadonlySet<string> = new Set(['AccessDenied', 'BadPassword', 'InvalidArgument', 'InvalidOperation']);

/** Whether a batch failed at a protection call (`protect`/`unprotect` of a sheet or the workbook). */
export function failedAtProtection(e: unknown): boolean {
  const code = officeCode(e);
  return code !== null && PROTECTION_CODES.has(code) && /Protection\.(un)?protect/.test(errorLocation(e));
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
