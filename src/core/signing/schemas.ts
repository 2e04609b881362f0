/** zod schemas for the records read back from `_scoreseal` (untrusted input). */
import { z } from 'zod';

const str = z.string();
const iso = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/, 'ISO 8601 UTC time');
const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'lowercase hex SHA-256');

export const SignatureRecordSchema = z
  .object({
    role: z.enum(['scorer', 'reviewer']),
    person: str,
    unit: str,
    items: z.array(str).min(1),
    digests: z.array(hex64).min(1),
    signedAt: iso,
    sig: str,
  })
  .refine((r) => r.items.length === r.digests.length, { message: 'items and digests differ in length' });

export const SampleRecordSchema = z.object({
  person: str,
  unit: str,
  sheetDigest: hex64,
  signedAt: iso,
  sig: str,
  seed: z.string(),
  items: z.array(str),
});

export const RecheckRecordSchema = z.object({
  person: str,
  unit: str,
  item: str,
  result: z.enum(['confirmed', 'adjusted']),
  score: str,
  note: str,
  recordedAt: iso,
  sig: str,
});

export const SealRecordSchema = z.object({
  person: str,
  unit: str,
  sealedAt: iso,
  digest: hex64,
  code: str,
  sig: str,
});

export const UnsealRecordSchema = z.object({
  person: str,
  unit: str,
  reason: str,
  unsealedAt: iso,
  sig: str,
});

/** The outer shape of a `plan` log record (its rubric and people are checked by loadPlan). */
export const PlanRecordShape = z.object({
  planTitle: str,
  locale: z.enum(['zh-CN', 'en-US']),
  signing: z.enum(['key', 'name']),
  unit: z.object({ id: str, name: str, rubric: str }),
  category: str,
  fingerprint: str,
  rubric: z.record(z.string(), z.unknown()),
  people: z.array(z.object({ id: str, name: str, role: str, publicKey: str.optional() }).loose()),
});
