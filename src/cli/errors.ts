/** Errors the command line turns into exit code 2 with one clear line (never a stack trace). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export class InputError extends Error {
  override readonly name = 'InputError';
}

/** A refused step (SPEC §5): exit 1, the message says why, the workbook unchanged. */
export class Refused extends Error {
  override readonly name = 'Refused';
  constructor(readonly reasons: readonly string[]) {
    super(reasons.join('\n'));
  }
}
