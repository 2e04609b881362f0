/**
 * Errors the command line turns into exit codes with clear lines (never a stack trace). Each
 * holds what it says as a message of the command line's catalog (`./say.ts`); `message` is
 * that message rendered in the command line's language when it was thrown.
 */
import type { Locale, Message } from '../core/i18n/catalog';
import { planText, sayMessage, type CliMessage } from './say';

/**
 * What an error says: a message of the command line's catalog, or text already rendered (the
 * plan's problems, rendered where they are listed); several are several lines.
 */
export type Said = CliMessage | string | readonly (CliMessage | string)[];

/** What an error says, in the command line's language. */
export function saidText(said: Said): string {
  if (typeof said === 'string') return said;
  if ('id' in said) return sayMessage(said);
  return said.map(sayMessage).join('\n');
}

abstract class SaidError extends Error {
  constructor(readonly said: Said) {
    super(saidText(said));
  }
}

/** A usage error: exit 2, one line, then the command's usage. */
export class UsageError extends SaidError {
  override readonly name = 'UsageError';
}

/** Input that cannot be read (a file, a plan, a register): exit 2, the message's lines. */
export class InputError extends SaidError {
  override readonly name = 'InputError';
}

/** A refused step (SPEC §5): exit 1, the reasons (in the plan's locale) say why, the workbook unchanged. */
export class Refused extends Error {
  override readonly name = 'Refused';
  constructor(
    readonly reasons: readonly Message[],
    readonly locale: Locale,
  ) {
    super(reasons.map((r) => planText(locale, r)).join('\n'));
  }
}
