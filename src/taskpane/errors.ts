/**
 * The pane's one error model: whatever an action throws is shown as one localized message.
 * Office failures arrive from the edge as {@link OfficeEdgeError} with its exact code
 * (`detail`: every code of the reference's error tables, and ScoreSeal's own); each code has a
 * message a person understands. The compile's own failures are typed too: a
 * {@link CompileError} or a {@link SummaryTargetError}, each with its code. Anything else is
 * our own bug and gets the generic message: a raw `error.message` is never shown to a person,
 * and no message is ever matched on.
 */
import type { Params } from './i18n';
import { OfficeEdgeError, SummaryTargetError, type OfficeErrorCode } from '../office';
import { CompileError } from './compile/compileError';
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

/** A message of the pane's catalog with its parameters. */
export interface MessageRef {
  readonly id: UiMessageId;
  readonly params?: Params;
}

/** The catalog message for a failure. */
export function errorMessage(e: unknown): MessageRef {
  if (e instanceof OfficeEdgeError) return { id: OFFICE_MESSAGES[e.detail] ?? 'error.GeneralException' };
  if (e instanceof SummaryTargetError) return { id: `compile.error.${e.code}`, params: { sheet: e.sheet ?? '' } };
  if (e instanceof CompileError) return { id: e.code === 'CANCELLED' ? 'compile.cancelled' : `compile.error.${e.code}` };
  return { id: 'error.unexpected' };
}

/** The catalog id of the message for a failure (see {@link errorMessage} for its parameters). */
export function errorMessageId(e: unknown): UiMessageId {
  return errorMessage(e).id;
}

/** Whether a failure is a compile the person cancelled (not a failure to show). */
export function isCancelled(e: unknown): boolean {
  return e instanceof CompileError && e.code === 'CANCELLED';
}

/**
 * Reports a failure for developers (the browser console of the pane) without showing it to
 * the person. Office and compile failures are expected and only their code is logged.
 */
export function reportError(e: unknown): void {
  if (e instanceof OfficeEdgeError) console.warn(`ScoreSeal: ${e.detail}`);
  else if (e instanceof CompileError || e instanceof SummaryTargetError) console.warn(`ScoreSeal compile: ${e.name} ${e.code}`);
  else console.error('ScoreSeal: unexpected error', e);
}
