/**
 * The assessment plan, `scoreseal/plan@1` (SPEC §1): zod schema next to its types.
 * Everything read from a plan file, a setup workbook or a workbook's plan record is parsed
 * here before the core sees it.
 */
import { z } from 'zod';

export const MODES = ['award', 'deduct', 'veto'] as const;
export const ROLES = ['appraiser', 'oversight', 'office'] as const;

export type Mode = (typeof MODES)[number];
export type Role = (typeof ROLES)[number];

export interface ItemNode {
  code: string;
  name: string;
  criteria?: string | undefined;
  max?: number | undefined;
  mode?: Mode | undefined;
  group?: string | undefined;
  children?: ItemNode[] | undefined;
}

const nonEmpty = z.string().trim().min(1);

export const ItemNodeSchema: z.ZodType<ItemNode> = z.lazy(() =>
  z.strictObject({
    code: nonEmpty,
    name: nonEmpty,
    criteria: z.string().optional(),
    max: z.number().finite().nonnegative().optional(),
    mode: z.enum(MODES).optional(),
    group: nonEmpty.optional(),
    children: z.array(ItemNodeSchema).optional(),
  }),
);

export const GradeSchema = z.strictObject({ name: nonEmpty, min: z.number().finite() });
export const QuotaSchema = z.strictObject({ grade: nonEmpty, maxShare: z.number().gt(0).lte(1) });

export const RubricSchema = z.strictObject({
  id: nonEmpty,
  title: nonEmpty,
  category: nonEmpty,
  step: z.number().gt(0).default(1),
  sampleRatio: z.number().gt(0).lte(1).default(0.3333),
  basisRequired: z.enum(['always', 'deduction']).default('always'),
  grades: z.array(GradeSchema).min(1),
  quotas: z.array(QuotaSchema).optional(),
  vetoGrade: nonEmpty.optional(),
  items: z.array(ItemNodeSchema).min(1),
});

export const PUBLIC_KEY = /^ed25519:[A-Za-z0-9+/]{43}=$/;

export const PersonSchema = z.strictObject({
  id: nonEmpty,
  name: nonEmpty,
  dept: z.string().optional(),
  role: z.enum(ROLES),
  groups: z.array(nonEmpty).optional(),
  recuse: z.array(nonEmpty).optional(),
  publicKey: z.string().regex(PUBLIC_KEY, 'ed25519:<base64 of 32 bytes>').optional(),
});

export const UnitSchema = z.strictObject({
  id: nonEmpty,
  name: nonEmpty,
  rubric: nonEmpty,
  /** the oversight members who alone may draw, re-check and seal this unit's sheet */
  oversight: z.array(nonEmpty).min(1).optional(),
});

/** A calendar date, YYYY-MM-DD, that exists. */
export const DateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00.000Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'not a calendar date');

/** When records may be made: from the start of `from` to the end of `to`, China Standard Time (UTC+08:00). */
export const PeriodSchema = z.strictObject({ from: DateSchema, to: DateSchema });

export const PlanSchema = z.strictObject({
  schema: z.literal('scoreseal/plan@1'),
  title: nonEmpty,
  locale: z.enum(['zh-CN', 'en-US']).default('zh-CN'),
  signing: z.enum(['key', 'name']).default('key'),
  rubrics: z.array(RubricSchema).min(1),
  people: z.array(PersonSchema),
  units: z.array(UnitSchema).min(1),
  period: PeriodSchema.optional(),
});

export type Grade = z.infer<typeof GradeSchema>;
export type Rubric = z.infer<typeof RubricSchema>;
export type Person = z.infer<typeof PersonSchema>;
export type Unit = z.infer<typeof UnitSchema>;
export type Period = z.infer<typeof PeriodSchema>;
export type PlanData = z.infer<typeof PlanSchema>;
