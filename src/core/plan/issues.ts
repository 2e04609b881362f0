/**
 * Plan problems as messages (issue 13): what is wrong with a plan is a {@link PlanIssue} — the
 * JSON path and a message of the catalog (`plan.*` in src/core/i18n/plan-texts.ts) — never
 * text. Zod's issues are said in our words here (`plan.schema.*`, whose en-US texts are zod's
 * English messages); the refinements of the schema name their message in their `params`.
 */
import type { z } from 'zod';
import { listOf, msg, type Message, type MessageId, type Params } from '../i18n/catalog';
import { DATE_PATTERN, PUBLIC_KEY } from './schema';

export interface PlanIssue {
  /** JSON path, e.g. `rubrics[0].items[1].children[0].max`; `(JSON)` and `(file)` for the text */
  readonly path: string;
  readonly problem: Message;
}

/** The JSON path of zod's `path`: `rubrics[0].items[1].max`, `(root)` when empty. */
export function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || '(root)';
}

/** Patterns of the schema said in words. */
const PATTERNS: ReadonlyMap<string, MessageId> = new Map([
  [String(PUBLIC_KEY), 'plan.publicKey'],
  [String(DATE_PATTERN), 'plan.dateFormat'],
]);

/** Type words with a text of their own (zod's English words in en-US); others are shown as they are. */
const TYPES: Readonly<Record<string, MessageId>> = {
  string: 'plan.type.string',
  number: 'plan.type.number',
  boolean: 'plan.type.boolean',
  object: 'plan.type.object',
  array: 'plan.type.array',
  null: 'plan.type.null',
  undefined: 'plan.type.undefined',
  nan: 'plan.type.nan',
};

/** What zod calls a value's type (its `parsedType`). */
function parsedType(v: unknown): string {
  if (typeof v === 'number') return Number.isNaN(v) ? 'nan' : 'number';
  if (typeof v !== 'object') return typeof v;
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  const proto: unknown = Object.getPrototypeOf(v);
  const ctor = (v as { constructor?: { name?: unknown } }).constructor;
  if (proto !== Object.prototype && proto !== null && typeof ctor?.name === 'string' && ctor.name) return ctor.name;
  return 'object';
}

function typeWord(type: string, input?: unknown): Message | string {
  if (type === 'number' && typeof input === 'number' && !Number.isFinite(input)) return String(input);
  const id = TYPES[type];
  return id ? msg(id) : type;
}

/** A value as zod quotes it: strings in double quotes. */
const quoted = (v: unknown): string => (typeof v === 'bigint' ? `${v}n` : typeof v === 'string' ? `"${v}"` : String(v));

function bound(issue: z.core.$ZodIssueTooBig | z.core.$ZodIssueTooSmall, big: boolean): Message {
  const cmp = msg(
    issue.exact
      ? 'plan.cmp.exactly'
      : big
        ? issue.inclusive
          ? 'plan.cmp.lte'
          : 'plan.cmp.lt'
        : issue.inclusive
          ? 'plan.cmp.gte'
          : 'plan.cmp.gt',
  );
  const limit = String(big ? (issue as z.core.$ZodIssueTooBig).maximum : (issue as z.core.$ZodIssueTooSmall).minimum);
  const origin = issue.origin;
  if (origin === 'number') return msg(big ? 'plan.schema.numberTooBig' : 'plan.schema.numberTooSmall', { cmp, limit });
  if (origin === 'string') return msg(big ? 'plan.schema.stringTooLong' : 'plan.schema.stringTooShort', { cmp, limit });
  if (origin === 'array') return msg(big ? 'plan.schema.arrayTooLong' : 'plan.schema.arrayTooShort', { cmp, limit });
  return msg(big ? 'plan.schema.tooBig' : 'plan.schema.tooSmall', { origin: origin ?? 'value', cmp, limit });
}

/**
 * One of zod's issues as a message. The en-US texts give zod's own English message for every
 * issue the plan schema can raise; issues it cannot raise (unions, keys of records, multiples)
 * are `plan.schema.invalid`.
 */
export function schemaProblem(issue: z.core.$ZodIssue): Message {
  switch (issue.code) {
    case 'invalid_type':
      return msg('plan.schema.type', { expected: typeWord(issue.expected), received: typeWord(parsedType(issue.input), issue.input) });
    case 'invalid_value':
      return issue.values.length === 1
        ? msg('plan.schema.value', { value: quoted(issue.values[0]) })
        : msg('plan.schema.option', { values: issue.values.map(quoted).join('|') });
    case 'too_big':
      return bound(issue, true);
    case 'too_small':
      return bound(issue, false);
    case 'invalid_format': {
      if (issue.format !== 'regex') return msg('plan.schema.format', { format: issue.format });
      const id = PATTERNS.get(issue.pattern ?? '');
      return id ? msg(id) : msg('plan.schema.pattern', { pattern: issue.pattern ?? '' });
    }
    case 'unrecognized_keys':
      return msg(issue.keys.length > 1 ? 'plan.schema.unknownKeys' : 'plan.schema.unknownKey', {
        keys: listOf(issue.keys.map(quoted), 'sep.comma'),
      });
    case 'custom': {
      const { id, ...params } = (issue.params ?? {}) as { id?: MessageId } & Params;
      return id ? msg(id, params) : msg('plan.schema.invalid');
    }
    default:
      return msg('plan.schema.invalid');
  }
}

/** Zod's issues (parsed with `reportInput`, for the type received) as plan issues. */
export function schemaIssues(error: z.ZodError): PlanIssue[] {
  return error.issues.map((i) => ({ path: pathText(i.path), problem: schemaProblem(i) }));
}
