/**
 * The pane's one error model: whatever an action throws is shown as one localized message.
 * Office failures arrive from the edge as {@link OfficeEdgeError} with a stable `code`; each
 * code has its own message. Anything else is our own bug and gets the generic message: a raw
 * `error.message` is never shown to a person.
 */
import { OfficeEdgeError, type OfficeErrorCode } from '../office';
import type { UiMessageId } from './i18n';

const OFFICE_MESSAGES: Readonly<Record<OfficeErrorCode, UiMessageId>> = {
  InvalidOperationInCellEditMode: 'error.InvalidOperationInCellEditMode',
  ItemNotFound: 'error.ItemNotFound',
  ItemAlreadyExists: 'error.ItemAlreadyExists',
  AccessDenied: 'error.AccessDenied',
  RequestPayloadSizeLimitExceeded: 'error.RequestPayloadSizeLimitExceeded',
  ResponsePayloadSizeLimitExceeded: 'error.ResponsePayloadSizeLimitExceeded',
  InvalidArgument: 'error.InvalidArgument',
  ApiNotFound: 'error.ApiNotFound',
  GeneralException: 'error.GeneralException',
};

/** The catalog id of the message for a failure. */
export function errorMessageId(e: unknown): UiMessageId {
  if (e instanceof OfficeEdgeError) return OFFICE_MESSAGES[e.code] ?? 'error.GeneralException';
  return 'error.unexpected';
}

/**
 * Reports a failure for developers (the browser console of the pane) without showing it to
 * the person. Office failures are expected and only their code is logged.
 */
export function reportError(e: unknown): void {
  if (e instanceof OfficeEdgeError) console.warn(`ScoreSeal: ${e.code}`);
  else console.error('ScoreSeal: unexpected error', e);
}
