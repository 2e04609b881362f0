/**
 * zod schemas for the records read back from `_scoreseal` (untrusted input), format 2.
 * Timestamps are only required to be strings here: whether they are real instants, in order
 * and inside the plan's period is the log replay's judgement (LOG_ORDER), not a parse error.
 */
import { z } from 'zod';

const str = z.string();
const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'lowercase hex SHA-256');

const ItemValuesSchema = z.object({ max: str, score: str, completion: str, basis: str, verifiedBy: str });

export const SignatureRecordSchema = z
  .object({
    role: z.enum(['scorer', 'reviewer']),
    person: str,
    unit: str,
    items: z.array(str).min(1),
    digests: z.array(hex64).min(1),
    values: z.array(ItemValuesSchema).min(1),
    signedAt: str,
    sig: str,
  })
  .refine((r) => r.items.length === r.digests.length && r.items.length === r.values.length, {
    message: 'items, digests and values differ in length',
  });

const HEX64 = /^[0-9a-f]{64}$/;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const VALUE_KEYS = ['max', 'score', 'completion', 'basis', 'verifiedBy'] as const;

/**
 * `SignatureRecordSchema.safeParse(v)`'s data, or null where it fails — written out by hand
 * because signature records are the log's largest (a digest and five values per item) and
 * verify reads one for every signer of every sheet. The same result, unknown keys dropped as
 * zod drops them; a property test holds it to the schema on random input.
 */
export function parseSignatureRecord(v: unknown): z.infer<typeof SignatureRecordSchema> | null {
  if (!isObject(v)) return null;
  const { role, person, unit, items, digests, values, signedAt, sig } = v;
  if ((role !== 'scorer' && role !== 'reviewer') || typeof person !== 'string' || typeof unit !== 'string') return null;
  if (typeof signedAt !== 'string' || typeof sig !== 'string') return null;
  if (!Array.isArray(items) || !Array.isArray(digests) || !Array.isArray(values)) return null;
  const n = items.length;
  if (n < 1 || digests.length !== n || values.length !== n) return null;
  const outItems: string[] = new Array<string>(n);
  const outDigests: string[] = new Array<string>(n);
  const outValues = new Array<{ max: string; score: string; completion: string; basis: string; verifiedBy: string }>(n);
  for (let i = 0; i < n; i++) {
    const item: unknown = items[i];
    const d: unknown = digests[i];
    const val: unknown = values[i];
    if (typeof item !== 'string' || typeof d !== 'string' || !HEX64.test(d) || !isObject(val)) return null;
    for (const k of VALUE_KEYS) if (typeof val[k] !== 'string') return null;
    outItems[i] = item;
    outDigests[i] = d;
    outValues[i] = {
      max: val.max as string,
      score: val.score as string,
      completion: val.completion as string,
      basis: val.basis as string,
      verifiedBy: val.verifiedBy as string,
    };
  }
  return { role, person, unit, items: outItems, digests: outDigests, values: outValues, signedAt, sig };
}

export const SampleRecordSchema = z.object({
  person: str,
  unit: str,
  contentDigest: hex64,
  drawnAt: str,
  proof: str,
  seed: z.string().regex(/^(?:[0-9a-f]{128}|[0-9a-f]{64})$/, 'lowercase hex VRF output'),
  items: z.array(str),
  sig: str,
});

export const RecheckRecordSchema = z.object({
  person: str,
  unit: str,
  item: str,
  digest: hex64,
  result: z.enum(['confirmed', 'adjusted']),
  score: str,
  note: str,
  checkedAt: str,
  sig: str,
});

export const SealRecordSchema = z.object({
  person: str,
  unit: str,
  sealedAt: str,
  digest: hex64,
  code: str,
  sig: str,
});

export const UnsealRecordSchema = z.object({
  person: str,
  unit: str,
  reason: str,
  unsealedAt: str,
  sig: str,
});

/**
 * Checked against `schema`, but kept exactly as it stands (zod copies objects it parses, and a
 * copy may drop keys such as `__proto__`): for parts of the plan record that loadPlan checks
 * again and the fingerprint digests as they are.
 */
const asIs = <T>(schema: z.ZodType<T>) => z.custom<T>((v) => schema.safeParse(v).success);

/** A `plan` log record (its rubric and people are checked again by loadPlan, when the embedded plan is built). */
export const PlanRecordSchema = z.object({
  schema: z.literal('scoreseal/plan-record@2'),
  planTitle: str,
  locale: z.enum(['zh-CN', 'en-US']),
  signing: z.enum(['key', 'name']),
  unit: asIs(z.object({ id: str, name: str, rubric: str, oversight: z.array(str).optional() })),
  category: str,
  fingerprint: str,
  rubric: asIs(z.record(z.string(), z.unknown())),
  people: asIs(z.array(z.object({ id: str, name: str, role: str, publicKey: str.optional() }).loose())),
  period: asIs(z.object({ from: str, to: str })).optional(),
});

/** A plan record as read back from `_scoreseal` (untrusted: checked again by loadPlan). */
export type PlanRecordData = z.infer<typeof PlanRecordSchema>;

/**
 * Whether a record was written by an earlier version (format 1: plan-record@1, signatures
 * without their values, sample@1 with a sheet digest, re-checks without an item digest).
 */
export function isEarlierFormat(kind: string, record: Record<string, unknown>): boolean {
  switch (kind) {
    case 'plan':
      return record.schema === 'scoreseal/plan-record@1';
    case 'signature':
      return !('values' in record) && 'digests' in record;
    case 'sample':
      return 'sheetDigest' in record && !('contentDigest' in record);
    case 'recheck':
      return 'recordedAt' in record && !('digest' in record);
    default:
      return false;
  }
}
