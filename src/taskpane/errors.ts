/**
 * The pane's one error model: whatever an action throws is shown as one localized message.
 * Office failures arrive from the edge as {@link OfficeEdgeError} with its exact code
 * (`detail`: every code of the reference's error tables, and ScoreSeal's own); each code has a
 * message a person understands. Anything else is our own bug and gets the generic message: a
 * raw `error.message` is never shown to a person.
 */
import { OfficeEdgeError, type OfficeErrorCode } from '../office';
import type { UiMessageId } from './i18n';

/** Codes that mean Excel is busy, disconnected or out of resources: try again later. */
const BUSY = 'error.busy';
/** Codes that mean this Excel cannot do it at all. */
const UNSUPPORTED = 'error.notSupported';
/** Codes that mean something on the sheet is in the way (merged cells, a filter, a table…). */
const IN_THE_WAY = 'error.inTheWay';
/** Codes that mean one of Excel's size limits. */
const TOO_MUCH = 'error.tooMuch';
/** Codes about the workbook's links and queries. */
const LINKS = 'error.links';
/** Codes that can only come from a mistake in ScoreSeal's own requests. */
const BUG = 'error.unexpected';

export const OFFICE_MESSAGES: Readonly<Record<OfficeErrorCode, UiMessageId>> = {
  AccessDenied: 'error.AccessDenied',
  ActivityLimitReached: BUSY,
  ApiNotAvailable: UNSUPPORTED,
  ApiNotFound: 'error.ApiNotFound',
  BadPassword: 'error.BadPassword',
  'Client Error': BUG,
  Conflict: 'error.Conflict',
  ContentLengthRequired: BUG,
  GeneralException: 'error.GeneralException',
  HostRestartNeeded: 'error.HostRestartNeeded',
  InsertDeleteConflict: IN_THE_WAY,
  InvalidArgument: 'error.InvalidArgument',
  InvalidBinding: BUG,
  InvalidOperation: 'error.InvalidOperation',
  InvalidReference: BUG,
  InvalidRequest: BUG,
  InvalidRibbonDefinition: BUG,
  InvalidSelection: 'error.InvalidSelection',
  ItemAlreadyExists: 'error.ItemAlreadyExists',
  ItemNotFound: 'error.ItemNotFound',
  MemoryLimitReached: BUSY,
  NotImplemented: UNSUPPORTED,
  RequestAborted: BUSY,
  RequestPayloadSizeLimitExceeded: 'error.RequestPayloadSizeLimitExceeded',
  ResponsePayloadSizeLimitExceeded: 'error.ResponsePayloadSizeLimitExceeded',
  ServiceNotAvailable: BUSY,
  Unauthenticated: 'error.Unauthenticated',
  UnsupportedFeature: UNSUPPORTED,
  UnsupportedOperation: UNSUPPORTED,

  DirtySupportingFormula: LINKS,
  EmptyChartSeries: BUG,
  FilteredRangeConflict: IN_THE_WAY,
  FormulaLengthExceedsLimit: TOO_MUCH,
  InactiveWorkbook: 'error.InactiveWorkbook',
  InvalidOperationInCellEditMode: 'error.InvalidOperationInCellEditMode',
  MergedRangeConflict: IN_THE_WAY,
  NonBlankCellOffSheet: IN_THE_WAY,
  OpenWorkbookLinksBlocked: LINKS,
  OperationCellsExceedLimit: TOO_MUCH,
  PivotTableRangeConflict: IN_THE_WAY,
  PowerQueryRefreshResourceChallenge: LINKS,
  RangeExceedsLimit: 'error.TooLarge',
  RangeImageExceedsLimit: TOO_MUCH,
  RefreshWorkbookLinksBlocked: LINKS,
  UnsupportedFillType: BUG,
  UnsupportedSheet: UNSUPPORTED,

  InvalidObjectPath: BUG,
  PropertyNotLoaded: BUG,
  ValueNotLoaded: BUG,
  InvalidRequestContext: BUG,
  RunMustReturnPromise: BUG,
  CannotRegisterEvent: BUG,
  ConnectionFailure: BUSY,

  StructureProtected: 'error.StructureProtected',
  LogConflict: 'error.LogConflict',
  TooLarge: 'error.TooLarge',
};

/** The catalog id of the message for a failure. */
export function errorMessageId(e: unknown): UiMessageId {
  if (e instanceof OfficeEdgeError) return OFFICE_MESSAGES[e.detail] ?? 'error.GeneralException';
  return 'error.unexpected';
}

/**
 * Reports a failure for developers (the browser console of the pane) without showing it to
 * the person. Office failures are expected and only their code is logged.
 */
export function reportError(e: unknown): void {
  if (e instanceof OfficeEdgeError) console.warn(`ScoreSeal: ${e.detail}`);
  else console.error('ScoreSeal: unexpected error', e);
}
