/**
 * The assessment plan, `scoreseal/plan@1` (SPEC §1): zod schema next to its types.
 * Everything read from a plan file, a setup workbook or a workbook's plan record is parsed
 * here before the core sees it.
 */
import { z } from 'zod';
import { decimalFromNumber } from '../decimal';
import type { MessageId, Params } from '../i18n/catalog';
import { hasHidden } from '../text/visible';

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

/**
 * Sane bounds (issue 11): every number a plan holds is a plain decimal of at most four places
 * within the range a county assessment can use, every text has a length limit, and every list
 * a count limit, so a mistyped or hostile plan (a workbook's embedded plan record is one) gets a
 * PLAN_INVALID naming its path instead of a crash or a hang.
 */
export const PLAN_LIMITS = {
  /** decimal places of any score number (step, max, grade minimum) */
  places: 4,
  step: { min: 0.0001, max: 1000 },
  max: 100_000,
  gradeMin: 1_000_000,
  /** levels of nested items (1, 1.1, 1.1.1, …) */
  itemDepth: 8,
  itemsPerRubric: 2_000,
  childrenPerItem: 500,
  rubrics: 50,
  grades: 20,
  people: 5_000,
  units: 5_000,
  listEntries: 1_000,
  codeChars: 64,
  nameChars: 200,
  textChars: 5_000,
} as const;

/**
 * What a refinement gives zod: the catalog message that says what is wrong, which
 * `src/core/plan/issues.ts` reads back from the issue (the schema holds no text).
 */
const says = (id: MessageId, params: Params = {}): { params: { readonly id: MessageId } & Params } => ({ params: { id, ...params } });

/** A finite number written with at most `places` decimals (1e-7 and 0.1 + 0.2 are not). */
const decimal = (places: number = PLAN_LIMITS.places) =>
  z
    .number()
    .finite()
    .refine(
      (n) => {
        const d = decimalFromNumber(n);
        return d !== null && d.scale <= places;
      },
      says('plan.decimalPlaces', { places }),
    );

/**
 * Text that is shown and compared: trimmed, not empty, no control or invisible characters
 * (names may hold line breaks, as a cell wrapped with Alt+Enter does; codes and ids may not).
 */
const label = (chars: number, lineBreaks: boolean) =>
  z
    .string()
    .trim()
    .min(1)
    .max(chars)
    .refine(
      (s) => !hasHidden(lineBreaks ? s.replace(/\r?\n/g, '') : s),
      says(lineBreaks ? 'plan.hiddenChars' : 'plan.hiddenCharsOrBreaks'),
    );
const nonEmpty = label(PLAN_LIMITS.nameChars, true);
const code = label(PLAN_LIMITS.codeChars, false);

export const ItemNodeSchema: z.ZodType<ItemNode> = z.lazy(() =>
  z.strictObject({
    code,
    name: nonEmpty,
    criteria: z.string().max(PLAN_LIMITS.textChars).optional(),
    max: decimal().pipe(z.number().nonnegative().lte(PLAN_LIMITS.max)).optional(),
    mode: z.enum(MODES).optional(),
    group: code.optional(),
    children: z.array(ItemNodeSchema).max(PLAN_LIMITS.childrenPerItem).optional(),
  }),
);

export const GradeSchema = z.strictObject({
  name: nonEmpty,
  min: decimal().pipe(z.number().gte(-PLAN_LIMITS.gradeMin).lte(PLAN_LIMITS.gradeMin)),
});
export const QuotaSchema = z.strictObject({ grade: nonEmpty, maxShare: z.number().gt(0).lte(1) });

export const RubricSchema = z.strictObject({
  id: code,
  title: nonEmpty,
  category: nonEmpty,
  step: decimal().pipe(z.number().gte(PLAN_LIMITS.step.min).lte(PLAN_LIMITS.step.max)).default(1),
  sampleRatio: z.number().gt(0).lte(1).default(0.3333),
  basisRequired: z.enum(['always', 'deduction']).default('always'),
  grades: z.array(GradeSchema).min(1).max(PLAN_LIMITS.grades),
  quotas: z.array(QuotaSchema).max(PLAN_LIMITS.grades).optional(),
  vetoGrade: nonEmpty.optional(),
  items: z.array(ItemNodeSchema).min(1).max(PLAN_LIMITS.childrenPerItem),
});

export const PUBLIC_KEY = /^ed25519:[A-Za-z0-9+/]{43}=$/;

export const PersonSchema = z.strictObject({
  id: code,
  name: nonEmpty,
  dept: z.string().max(PLAN_LIMITS.nameChars).optional(),
  role: z.enum(ROLES),
  groups: z.array(code).max(PLAN_LIMITS.listEntries).optional(),
  recuse: z.array(code).max(PLAN_LIMITS.units).optional(),
  publicKey: z.string().regex(PUBLIC_KEY).optional(),
});

export const UnitSchema = z.strictObject({
  id: code,
  name: nonEmpty,
  rubric: code,
  /** the oversight members who alone may draw, re-check and seal this unit's sheet */
  oversight: z.array(code).min(1).max(PLAN_LIMITS.listEntries).optional(),
});

/** How a date is written (a problem says `plan.dateFormat`, as for {@link PUBLIC_KEY} `plan.publicKey`). */
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date, YYYY-MM-DD, that exists. */
export const DateSchema = z
  .string()
  .regex(DATE_PATTERN)
  .refine((s) => {
    const d = new Date(`${s}T00:00:00.000Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, says('plan.notCalendarDate'));

/** When records may be made: from the start of `from` to the end of `to`, China Standard Time (UTC+08:00). */
export const PeriodSchema = z.strictObject({ from: DateSchema, to: DateSchema });

export const PlanSchema = z.strictObject({
  schema: z.literal('scoreseal/plan@1'),
  title: nonEmpty,
  locale: z.enum(['zh-CN', 'en-US']).default('zh-CN'),
  signing: z.enum(['key', 'name']).default('key'),
  rubrics: z.array(RubricSchema).min(1).max(PLAN_LIMITS.rubrics),
  people: z.array(PersonSchema).max(PLAN_LIMITS.people),
  units: z.array(UnitSchema).min(1).max(PLAN_LIMITS.units),
  period: PeriodSchema.optional(),
});

export type Grade = z.infer<typeof GradeSchema>;
export type Rubric = z.infer<typeof RubricSchema>;
export type Person = z.infer<typeof PersonSchema>;
export type Unit = z.infer<typeof UnitSchema>;
export type Period = z.infer<typeof PeriodSchema>;
export type PlanData = z.infer<typeof PlanSchema>;
