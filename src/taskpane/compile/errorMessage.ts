/**
 * Any failure of a compile as one localized message (never the raw error text): the
 * compile's own codes, the summary target's, and the Office edge's; anything else is our own
 * bug and gets the generic message.
 */
import type { Params } from '../../core/i18n/catalog';
import { OfficeEdgeError } from '../../office/errors';
import { SummaryTargetError } from '../../office/summary';
import { CompileError } from './compileInExcel';
import type { CompileMessageId } from './strings';

export interface MessageRef {
  readonly id: CompileMessageId;
  readonly params?: Params;
}

/** The catalog message for a failure. */
export function errorMessage(e: unknown): MessageRef {
  if (e instanceof SummaryTargetError) return { id: `error.${e.code}`, params: { sheet: e.sheet ?? '' } };
  if (e instanceof CompileError) return e.code === 'CANCELLED' ? { id: 'cancelled' } : { id: `error.${e.code}` };
  if (e instanceof OfficeEdgeError) return { id: `error.${e.code}` };
  return { id: 'error.unexpected' };
}

/** Reports a failure for developers (the pane's console) without showing it to the person. */
export function reportError(e: unknown): void {
  if (e instanceof SummaryTargetError || e instanceof CompileError || e instanceof OfficeEdgeError)
    console.warn(`ScoreSeal compile: ${e.name} ${e.code}`);
  else console.error('ScoreSeal compile: unexpected error', e);
}
