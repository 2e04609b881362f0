/**
 * Argument parsing for `scoreseal <command>`, with usage errors that say what is wrong in one line.
 *
 * The rule (also in `scoreseal --help`):
 * - `--name <value>`, `--name=<value>`, `-o <value>`; a boolean option takes no value.
 * - An option marked `multiple` (`--item`, `--unit` of template) takes every value after it up to
 *   the next argument that begins with `-` (`--item 1.1 1.2`), and may be repeated
 *   (`--item 1.1 --item 1.2`); values may also be separated by commas (`--item 1.1,1.2`).
 * - Any other argument is positional: a file, where the command takes files (before, between or
 *   after the options); `--` ends the options, everything after it is positional.
 * - An argument a command does not use — an unknown option, a second value for a one-value option,
 *   a file too many — is a usage error naming it (exit 2), never silently dropped.
 */
import { UsageError } from './errors';
import { cli, type CliMessage } from './say';
import { displayWidth, pad } from './output';

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  /** several values after the option (and the option repeated) are all kept */
  readonly multiple?: boolean;
  /** what the value is, for the help: `<plan.json>` */
  readonly arg?: string;
  /** what the option does, for the help */
  readonly help?: string;
}

export type Options = Readonly<Record<string, OptionSpec>>;

/** The positionals a command takes: none, exactly one (a workbook), or one or more files. */
export type Positionals = 'none' | 'one' | 'many';

export interface Parsed {
  readonly values: Record<string, string | boolean | string[] | undefined>;
  readonly positionals: string[];
}

const HELP: OptionSpec = { type: 'boolean', short: 'h', help: 'show this help' };

/** Edit distance (optimal string alignment: a swap of two neighbours counts as one edit). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  return d[a.length]![b.length]!;
}

/** The candidate a typo most likely meant: the nearest by edit distance (close enough for its length), or the only one it begins. */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  const limit = w.length <= 3 ? 1 : w.length <= 6 ? 2 : 3;
  let best: string | undefined;
  let bestD = Infinity;
  let tie = false;
  for (const c of candidates) {
    const dist = editDistance(w, c.toLowerCase());
    if (dist < bestD) [best, bestD, tie] = [c, dist, false];
    else if (dist === bestD) tie = true;
  }
  if (best !== undefined && bestD <= limit && !tie) return best;
  const prefixed = w.length >= 2 ? candidates.filter((c) => c.toLowerCase().startsWith(w)) : [];
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

/** Which other commands take an option this one does not know (a message), if any. */
export type Elsewhere = (name: string) => CliMessage | undefined;

/** `"did you mean --json?"`-style tail for an unknown option, or ''. */
function optionHint(name: string, options: Options, elsewhere?: Elsewhere): CliMessage | '' {
  const names = Object.keys(options);
  const near = suggest(name, names);
  if (near) return cli('cli.args.didYouMean', { near });
  const other = elsewhere?.(name);
  return other ? cli('cli.args.elsewhere', { text: other }) : '';
}

/** A value, not an option: `-` (standard input) and negative numbers are values. */
const isValue = (arg: string): boolean => !arg.startsWith('-') || arg === '-' || /^-\d/.test(arg);

/** True when the arguments ask for help (`--help` or `-h` before any `--`). */
export function wantsHelp(argv: readonly string[]): boolean {
  for (const a of argv) {
    if (a === '--') return false;
    if (a === '--help' || a === '-h') return true;
  }
  return false;
}

/**
 * Parses a command's arguments (after the command name). `elsewhere` may say which other
 * commands take an option this one does not know.
 */
export function parse(argv: readonly string[], options: Options, positionals: Positionals = 'many', elsewhere?: Elsewhere): Parsed {
  const specs: Options = { ...options, help: HELP };
  const byShort = new Map(Object.entries(specs).flatMap(([name, s]) => (s.short ? [[s.short, name] as const] : [])));
  const values: Record<string, string | boolean | string[] | undefined> = {};
  const rest: string[] = [];
  // a positional right after a one-value option's value (`--item 1.1 1.2`), by its index in rest
  const follows = new Map<number, string>();
  let lastSingle: string | undefined;
  const shown = (name: string): string => (specs[name]?.short && name !== 'help' ? `-${specs[name].short}/--${name}` : `--${name}`);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      rest.push(...argv.slice(i + 1));
      break;
    }
    if (isValue(arg)) {
      if (lastSingle) follows.set(rest.length, lastSingle);
      rest.push(arg);
      continue;
    }
    lastSingle = undefined;
    // an option: --name, --name=value, -x, -xvalue
    let name: string;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      inline = eq < 0 ? undefined : arg.slice(eq + 1);
      if (!Object.hasOwn(specs, name))
        throw new UsageError(cli('cli.args.unknownOption', { name, hint: optionHint(name, options, elsewhere) }));
    } else {
      const long = byShort.get(arg[1]!);
      if (!long) {
        const near = arg.length > 2 ? optionHint(arg.slice(1), options, elsewhere) : '';
        const within = arg.length > 2 ? cli('cli.args.within', { arg }) : '';
        throw new UsageError(cli('cli.args.unknownShort', { flag: arg.slice(0, 2), within, hint: near }));
      }
      name = long;
      inline = arg.length > 2 ? arg.slice(2).replace(/^=/, '') : undefined;
    }
    const spec = specs[name]!;
    if (spec.type === 'boolean') {
      if (inline !== undefined) throw new UsageError(cli('cli.args.takesNoValue', { flag: shown(name), value: inline }));
      values[name] = true;
      continue;
    }
    const placeholder = spec.arg ?? '<value>';
    if (spec.multiple) {
      const list = (values[name] as string[] | undefined) ?? [];
      if (inline !== undefined) list.push(inline);
      while (i + 1 < argv.length && !argv[i + 1]!.startsWith('-')) list.push(argv[++i]!);
      if (!list.length || list.at(-1) === '')
        throw new UsageError(cli('cli.args.needsValues', { flag: shown(name), option: shown(name).split('/').at(-1)!, placeholder }));
      values[name] = list;
      continue;
    }
    let value = inline;
    if (value === undefined && i + 1 < argv.length && isValue(argv[i + 1]!)) value = argv[++i];
    if (value === undefined || value === '')
      throw new UsageError(
        cli('cli.args.needsValue', {
          flag: shown(name),
          name,
          placeholder,
          dash: i + 1 < argv.length && argv[i + 1]!.startsWith('-') ? cli('cli.args.dashValue', { name, next: argv[i + 1]! }) : '',
        }),
      );
    if (typeof values[name] === 'string' && values[name] !== value)
      throw new UsageError(cli('cli.args.twice', { flag: shown(name), first: values[name] as string, second: value }));
    values[name] = value;
    lastSingle = name;
  }
  if (values.help !== true) checkPositionals(rest, positionals, specs, values, follows);
  return { values, positionals: rest };
}

function checkPositionals(
  rest: readonly string[],
  kind: Positionals,
  specs: Options,
  values: Parsed['values'],
  follows: ReadonlyMap<number, string>,
): void {
  const at = kind === 'none' ? 0 : kind === 'one' ? 1 : -1;
  const extra = at < 0 ? undefined : rest[at];
  if (extra !== undefined)
    throw new UsageError(
      cli('cli.args.unexpected', {
        arg: extra,
        why: follows.has(at)
          ? cli('cli.args.oneValue', { name: follows.get(at)! })
          : kind === 'none'
            ? cli('cli.args.noFiles')
            : cli('cli.args.oneFile'),
      }),
    );
  // a file swallowed by a list option: `sign --item 1.1 a.xlsx`
  if (kind !== 'none' && !rest.length)
    for (const [name, spec] of Object.entries(specs)) {
      const v = values[name];
      const file = spec.multiple && Array.isArray(v) ? v.find((x) => /\.xlsx$/i.test(x)) : undefined;
      if (file) throw new UsageError(cli('cli.args.swallowed', { file, name }));
    }
}

export function str(p: Parsed, name: string, required: true): string;
export function str(p: Parsed, name: string, required?: false): string | undefined;
export function str(p: Parsed, name: string, required = false): string | undefined {
  const v = p.values[name];
  if (Array.isArray(v)) return v.at(-1);
  if (typeof v === 'string') return v;
  if (required) throw new UsageError(cli('cli.args.required', { name }));
  return undefined;
}

/** Every value of a list option, commas splitting values too (`--item 1.1,1.2 1.3`). */
export function list(p: Parsed, name: string): string[] {
  const v = p.values[name];
  const all = Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
  return all
    .flatMap((x) => x.split(','))
    .map((x) => x.trim())
    .filter(Boolean);
}

/** Text wrapped at spaces to lines of at most `cols` display columns (`\n` breaks a line). */
export function wrap(text: string, cols: number): string[] {
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(' ')) {
      if (line && displayWidth(line) + 1 + displayWidth(word) > cols) {
        lines.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    lines.push(line);
  }
  return lines;
}

/** The options part of a command's help: one entry per option, aligned, wrapped to `cols` columns. */
export function optionLines(options: Options, cols = 100): string[] {
  const all = Object.entries({ ...options, help: HELP });
  const heads = all.map(([name, s]) => {
    const flag = `${s.short ? `-${s.short}, ` : '    '}--${name}`;
    return s.type === 'boolean' ? flag : `${flag} ${s.arg ?? '<value>'}${s.multiple ? '…' : ''}`;
  });
  const width = Math.min(30, Math.max(...heads.map((h) => h.length)));
  const indent = ' '.repeat(width + 4);
  const lines: string[] = [];
  all.forEach(([, s], i) => {
    const head = heads[i]!;
    const help = wrap(s.help ?? '', cols - width - 4);
    if (head.length > width) lines.push(`  ${head}`, ...help.map((h) => indent + h));
    else lines.push(`  ${pad(head, width)}  ${help[0]}`, ...help.slice(1).map((h) => indent + h));
  });
  return lines;
}
