/** Argument parsing on node:util parseArgs, with usage errors that say what is wrong. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './errors';

export type Options = NonNullable<ParseArgsConfig['options']>;

export interface Parsed {
  readonly values: Record<string, string | boolean | string[] | undefined>;
  readonly positionals: string[];
}

export function parse(argv: readonly string[], options: Options, allowPositionals = true): Parsed {
  try {
    const r = parseArgs({
      args: [...argv],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals,
      strict: true,
    });
    return { values: r.values, positionals: r.positionals };
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message.replace(/^TypeError \[[A-Z_]+\]: /, '') : String(e));
  }
}

export function str(p: Parsed, name: string, required: true): string;
export function str(p: Parsed, name: string, required?: false): string | undefined;
export function str(p: Parsed, name: string, required = false): string | undefined {
  const v = p.values[name];
  if (Array.isArray(v)) return v.at(-1);
  if (typeof v === 'string') return v;
  if (required) throw new UsageError(`--${name} is required`);
  return undefined;
}

export function list(p: Parsed, name: string): string[] {
  const v = p.values[name];
  if (Array.isArray(v))
    return v
      .flatMap((x) => x.split(','))
      .map((x) => x.trim())
      .filter(Boolean);
  if (typeof v === 'string')
    return v
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  return [];
}
