/**
 * The Office's compile (SPEC §6): from verified sheets to totals, block subtotals, grades,
 * ranks within category, quota warnings and the appraiser analysis. Points are summed in
 * integer units of the rubric step; adjusted re-check scores replace the originals.
 *
 * Bookkeeping: every unit of the plan is accounted for — ranked, failed, a duplicate (in more
 * than one sheet: none ranked), or not received (`SHEET_MISSING`). Only sheets that passed
 * trusted verification are ranked; name-only sheets are ranked but marked `names-only`.
 */
import { fromUnits, toNumber } from '../decimal';
import type { Finding } from '../findings';
import { t, type Locale } from '../i18n/catalog';
import type { CompiledRubric, Plan } from '../plan/plan';
import { effectiveUnits } from '../rules/effective';
import { nameOf } from '../rules/present';
import type { RegisterMatch, SheetReport } from '../rules/report';

export type UnitStatus = 'verified' | 'names-only' | 'failed' | 'duplicate' | 'missing';

export interface UnitSummary {
  readonly unit: string;
  readonly name: string;
  readonly category: string;
  /** total with re-check adjustments; null when the sheet could not be read or was not received */
  readonly total: number | null;
  readonly blocks: Readonly<Record<string, number>>;
  readonly grade: string | null;
  /** rank within category among ranked units (1, 2, 2, 4); null when not ranked */
  readonly rank: number | null;
  readonly veto: boolean;
  readonly adjusted: number;
  readonly status: UnitStatus;
  readonly file: string;
  readonly errors: number;
  /** who sealed the sheet (display name), when, and its seal code */
  readonly sealer: string | null;
  readonly sealedAt: string | null;
  readonly sealCode: string | null;
  readonly register: RegisterMatch;
  /** earlier rounds, each ended by the Office's unseal */
  readonly unsealed: readonly { readonly code: string | null; readonly reason: string; readonly by: string }[];
}

export interface AppraiserRow {
  readonly person: string;
  readonly name: string;
  readonly items: number;
  readonly meanRatio: number;
  readonly fullShare: number;
  readonly z: number;
  readonly adjustedCount: number;
  readonly lenient: boolean;
}

export interface CompileResult {
  readonly summary: readonly UnitSummary[];
  readonly appraisers: readonly AppraiserRow[];
  /** every finding of every sheet (DUPLICATE_UNIT added to each copy) */
  readonly findings: readonly (Finding & { readonly file: string })[];
  /** compile-level warnings: quotas, sheets not received, no register */
  readonly warnings: readonly Finding[];
}

export interface CompileInput {
  readonly file: string;
  readonly report: SheetReport;
}

/** The files each unit of the plan was found in, for the units found in more than one sheet. */
export function duplicatedUnits(plan: Plan, inputs: readonly CompileInput[]): Map<string, string[]> {
  const filesOf = new Map<string, string[]>();
  for (const { file, report } of inputs)
    if (report.ctx && plan.units.has(report.unit)) filesOf.set(report.unit, [...(filesOf.get(report.unit) ?? []), file]);
  return new Map([...filesOf].filter(([, files]) => files.length > 1));
}

/** DUPLICATE_UNIT for one copy of a unit found in several sheets (verify and compile). */
export function duplicateFinding(plan: Plan, unit: string, files: readonly string[]): Finding {
  const unitName = plan.units.get(unit)?.name ?? unit;
  return {
    severity: 'error',
    code: 'DUPLICATE_UNIT',
    unit,
    message: t(plan.locale, 'DUPLICATE_UNIT', { unit, unitName, files: files.join(', ') }),
  };
}

/** Competition ranking: ties share a rank and the next rank skips (1, 2, 2, 4). */
export function rankDescending(values: readonly number[]): number[] {
  return values.map((v) => 1 + values.filter((w) => w > v).length);
}

export function gradeOf(rubric: CompiledRubric, total: number, veto: boolean): string {
  if (veto && rubric.data.vetoGrade) return rubric.data.vetoGrade;
  const g = rubric.grades.find((b) => total >= b.min);
  return g?.name ?? rubric.grades.at(-1)?.name ?? '';
}

export const LENIENT_FULL_SHARE = 0.9;
/** Larger than any rubric's total: vetoed units rank after all others. */
const VETO_PENALTY = 1e9;
export const LENIENT_Z = 2;

const isRanked = (s: UnitStatus): boolean => s === 'verified' || s === 'names-only';

function totals(report: SheetReport): { total: number; blocks: Record<string, number>; veto: boolean; adjusted: number } | null {
  const ctx = report.ctx;
  if (!ctx) return null;
  const { rubric } = ctx;
  let totalUnits = 0;
  let veto = false;
  let adjusted = 0;
  const blockUnits = new Map<string, number>();
  for (const n of rubric.nodes) if (n.depth === 0 && !n.isVeto && n.maxUnits > 0) blockUnits.set(n.code, 0);
  for (const it of report.items) {
    const e = effectiveUnits(it, rubric.step);
    veto ||= e.vetoYes;
    totalUnits += e.units;
    if (e.adjusted) adjusted += 1;
    const b = it.content.node.block;
    const sum = blockUnits.get(b);
    if (sum !== undefined) blockUnits.set(b, sum + e.units);
  }
  const blocks: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const [code, u] of blockUnits) blocks[code] = toNumber(fromUnits(u, rubric.step));
  return { total: toNumber(fromUnits(totalUnits, rubric.step)), blocks, veto, adjusted };
}

export interface CompileOptions {
  /** whether seal codes were checked against an envelope register (else one warning says so) */
  readonly register?: boolean;
}

export function compile(plan: Plan, inputs: readonly CompileInput[], opts: CompileOptions = {}): CompileResult {
  const locale: Locale = plan.locale;

  // a unit in more than one sheet: every copy fails, none is ranked
  const duplicates = duplicatedUnits(plan, inputs);
  const duplicated = new Set(duplicates.keys());
  const filesOf = new Set<string>();
  for (const { report } of inputs) if (report.ctx && plan.units.has(report.unit)) filesOf.add(report.unit);

  const findings: (Finding & { file: string })[] = [];
  const rows: UnitSummary[] = inputs.map(({ file, report }) => {
    findings.push(...report.findings.filter((f) => f.code !== 'DUPLICATE_UNIT').map((f) => ({ ...f, file })));
    const dup = duplicated.has(report.unit);
    if (dup) findings.push({ ...duplicateFinding(plan, report.unit, duplicates.get(report.unit)!), file });
    const sum = totals(report);
    const status: UnitStatus = dup
      ? 'duplicate'
      : report.verdict === 'verified' || report.verdict === 'names-only'
        ? report.verdict
        : 'failed';
    const rubric = report.ctx?.rubric;
    return {
      unit: report.unit,
      name: report.unitName,
      category: report.category,
      total: sum?.total ?? null,
      blocks: sum?.blocks ?? {},
      grade: isRanked(status) && sum && rubric ? gradeOf(rubric, sum.total, sum.veto) : null,
      rank: null,
      veto: sum?.veto ?? false,
      adjusted: sum?.adjusted ?? 0,
      status,
      file,
      errors: report.findings.filter((f) => f.severity === 'error' && f.code !== 'DUPLICATE_UNIT').length + (dup ? 1 : 0),
      sealer: report.seal ? nameOf(plan, report.seal.person) : null,
      sealedAt: report.seal?.sealedAt ?? null,
      sealCode: report.seal?.code ?? null,
      register: report.register,
      unsealed: report.pastRounds.map((r) => ({ code: r.seal?.code ?? null, reason: r.unseal.reason, by: nameOf(plan, r.unseal.person) })),
    };
  });

  const warnings: Finding[] = [];
  if (!opts.register) warnings.push(noRegisterWarning(locale));
  // units of the plan with no sheet
  for (const unit of plan.units.values()) {
    if (filesOf.has(unit.id)) continue;
    warnings.push({
      severity: 'warning',
      code: 'SHEET_MISSING',
      unit: unit.id,
      message: t(locale, 'SHEET_MISSING', { unit: unit.id, unitName: unit.name }),
    });
    rows.push({
      unit: unit.id,
      name: unit.name,
      category: plan.rubrics.get(unit.rubric)?.data.category ?? '',
      total: null,
      blocks: {},
      grade: null,
      rank: null,
      veto: false,
      adjusted: 0,
      status: 'missing',
      file: '',
      errors: 0,
      sealer: null,
      sealedAt: null,
      sealCode: null,
      register: 'not-sealed',
      unsealed: [],
    });
  }

  // ranks within category among ranked units
  const ranked = rows.map((r) => ({ ...r }));
  const categories = [...new Set([...plan.rubrics.values()].map((r) => r.data.category))];
  for (const cat of categories) {
    const members = ranked.filter((r) => r.category === cat && isRanked(r.status));
    // a triggered veto ranks below every unit without one; then by total (ties share a rank)
    const ranks = rankDescending(members.map((m) => (m.total ?? 0) - (m.veto ? VETO_PENALTY : 0)));
    members.forEach((m, i) => ((m as { rank: number | null }).rank = ranks[i]!));
    const rubric = [...plan.rubrics.values()].find((r) => r.data.category === cat);
    for (const q of rubric?.data.quotas ?? []) {
      const count = members.filter((m) => m.grade === q.grade).length;
      if (members.length && count / members.length > q.maxShare)
        warnings.push({
          severity: 'warning',
          code: 'QUOTA_EXCEEDED',
          unit: '',
          message: t(locale, 'QUOTA_EXCEEDED', {
            category: cat,
            grade: q.grade,
            count,
            share: pct(count / members.length),
            max: pct(q.maxShare),
          }),
        });
    }
  }
  ranked.sort(
    (a, b) =>
      categories.indexOf(a.category) - categories.indexOf(b.category) || (a.rank ?? 1e9) - (b.rank ?? 1e9) || a.unit.localeCompare(b.unit),
  );
  return { summary: ranked, appraisers: appraiserAnalysis(plan, inputs, duplicated), findings, warnings };
}

/** The one warning a run without an envelope register gives. */
export function noRegisterWarning(locale: Locale): Finding {
  return { severity: 'warning', code: 'SEAL_NOT_REGISTERED', unit: '', message: t(locale, 'SEAL_NOT_REGISTERED.none') };
}

const pct = (x: number): string => `${Math.round(x * 1000) / 10}%`;

/** The weaker signals: each scorer's mean score/max, full-marks share and z-score, over ranked sheets (each counted once). */
function appraiserAnalysis(plan: Plan, inputs: readonly CompileInput[], duplicated: ReadonlySet<string>): AppraiserRow[] {
  const per = new Map<string, { ratios: number[]; full: number; adjusted: number }>();
  for (const { report } of inputs) {
    if (report.verdict !== 'verified' || duplicated.has(report.unit) || !report.ctx) continue;
    for (const it of report.items) {
      const n = it.content.node;
      if (n.isVeto || !it.scorer || it.content.score.kind !== 'number' || n.maxUnits === 0) continue;
      const units = it.content.score.units ?? 0;
      const slot = per.get(it.scorer.record.person) ?? { ratios: [], full: 0, adjusted: 0 };
      slot.ratios.push(units / n.maxUnits);
      if (units === n.maxUnits) slot.full += 1;
      if (it.recheck?.result === 'adjusted') slot.adjusted += 1;
      per.set(it.scorer.record.person, slot);
    }
  }
  const means = [...per.entries()].map(([person, s]) => ({ person, s, mean: s.ratios.reduce((a, b) => a + b, 0) / s.ratios.length }));
  const mu = means.reduce((a, m) => a + m.mean, 0) / (means.length || 1);
  const sd = Math.sqrt(means.reduce((a, m) => a + (m.mean - mu) ** 2, 0) / (means.length || 1));
  return means
    .map(({ person, s, mean }) => {
      const z = sd > 0 ? (mean - mu) / sd : 0;
      const fullShare = s.full / s.ratios.length;
      return {
        person,
        name: nameOf(plan, person),
        items: s.ratios.length,
        meanRatio: round(mean, 4),
        fullShare: round(fullShare, 4),
        z: round(z, 3),
        adjustedCount: s.adjusted,
        lenient: fullShare >= LENIENT_FULL_SHARE || z >= LENIENT_Z,
      };
    })
    .sort((a, b) => b.z - a.z || a.person.localeCompare(b.person));
}

const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;
