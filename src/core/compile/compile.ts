/**
 * The Office's compile (SPEC §6): from verified sheets to totals, block subtotals, grades,
 * ranks within category, quota warnings and the appraiser analysis. Points are summed in
 * integer units of the rubric step; adjusted re-check scores replace the originals.
 */
import { fromUnits, parseDecimal, toNumber, unitsOf } from '../decimal';
import type { Finding } from '../findings';
import { t, type Locale } from '../i18n/catalog';
import type { CompiledRubric, Plan } from '../plan/plan';
import { displayName, type ItemEval, type SheetReport } from '../rules/evaluate';

export interface UnitSummary {
  readonly unit: string;
  readonly name: string;
  readonly category: string;
  /** total with re-check adjustments; null when the sheet could not be read */
  readonly total: number | null;
  readonly blocks: Readonly<Record<string, number>>;
  readonly grade: string | null;
  /** rank within category among verified units (1, 2, 2, 4); null when not verified */
  readonly rank: number | null;
  readonly veto: boolean;
  readonly adjusted: number;
  readonly status: 'verified' | 'failed';
  readonly file: string;
  readonly errors: number;
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
  /** every finding of every sheet, plus quota warnings */
  readonly findings: readonly (Finding & { readonly file: string })[];
  readonly warnings: readonly Finding[];
}

export interface CompileInput {
  readonly file: string;
  readonly report: SheetReport;
}

/** Score units of an item as compiled: the adjusted re-check score if any, else the sheet's. */
function effective(it: ItemEval, rubric: CompiledRubric): { units: number; vetoYes: boolean } {
  const rc = it.recheck?.result === 'adjusted' ? it.recheck.score : null;
  if (it.content.node.isVeto) {
    const yes = rc !== null ? rc === '是' : it.content.score.kind === 'veto' && it.content.score.yes;
    return { units: 0, vetoYes: yes };
  }
  if (rc !== null) {
    const d = parseDecimal(rc);
    return { units: (d && unitsOf(d, rubric.step)) ?? 0, vetoYes: false };
  }
  return { units: it.content.score.kind === 'number' ? (it.content.score.units ?? 0) : 0, vetoYes: false };
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

export function compile(plan: Plan, inputs: readonly CompileInput[]): CompileResult {
  const locale: Locale = plan.locale;
  const rows: UnitSummary[] = [];
  for (const { file, report } of inputs) {
    const ctx = report.ctx;
    const errors = report.findings.filter((f) => f.severity === 'error').length;
    const verified = errors === 0 && !!ctx && report.stage === 'sealed';
    if (!ctx) {
      rows.push({
        unit: report.unit,
        name: report.unitName,
        category: report.category,
        total: null,
        blocks: {},
        grade: null,
        rank: null,
        veto: false,
        adjusted: 0,
        status: 'failed',
        file,
        errors,
      });
      continue;
    }
    const { rubric } = ctx;
    let totalUnits = 0;
    let veto = false;
    const blockUnits = new Map<string, number>();
    for (const n of rubric.nodes) if (n.depth === 0 && !n.isVeto && n.maxUnits > 0) blockUnits.set(n.code, 0);
    for (const it of report.items) {
      const e = effective(it, rubric);
      veto ||= e.vetoYes;
      totalUnits += e.units;
      const b = it.content.node.block;
      if (blockUnits.has(b)) blockUnits.set(b, blockUnits.get(b)! + e.units);
    }
    const total = toNumber(fromUnits(totalUnits, rubric.step));
    const blocks: Record<string, number> = {};
    for (const [code, u] of blockUnits) blocks[code] = toNumber(fromUnits(u, rubric.step));
    rows.push({
      unit: report.unit,
      name: report.unitName,
      category: report.category,
      total,
      blocks,
      grade: verified ? gradeOf(rubric, total, veto) : null,
      rank: null,
      veto,
      adjusted: report.items.filter((i) => i.recheck?.result === 'adjusted').length,
      status: verified ? 'verified' : 'failed',
      file,
      errors,
    });
  }

  // a unit may appear once: later duplicates fail
  const seen = new Set<string>();
  const deduped = rows.map((r) => {
    if (r.status !== 'verified') return r;
    if (seen.has(r.unit)) return { ...r, status: 'failed' as const, grade: null };
    seen.add(r.unit);
    return r;
  });

  // ranks within category among verified units
  const ranked = deduped.map((r) => ({ ...r }));
  const categories = [...new Set(ranked.map((r) => r.category))];
  const warnings: Finding[] = [];
  for (const cat of categories) {
    const members = ranked.filter((r) => r.category === cat && r.status === 'verified');
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

  const findings = inputs.flatMap(({ file, report }) => report.findings.map((f) => ({ ...f, file })));
  return { summary: ranked, appraisers: appraiserAnalysis(plan, inputs, ranked), findings, warnings };
}

const pct = (x: number): string => `${Math.round(x * 1000) / 10}%`;

function appraiserAnalysis(plan: Plan, inputs: readonly CompileInput[], rows: readonly UnitSummary[]): AppraiserRow[] {
  const verifiedFiles = new Set(rows.filter((r) => r.status === 'verified').map((r) => `${r.file}\u0000${r.unit}`));
  const per = new Map<string, { ratios: number[]; full: number; adjusted: number }>();
  for (const { file, report } of inputs) {
    if (!verifiedFiles.has(`${file}\u0000${report.unit}`) || !report.ctx) continue;
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
      const p = plan.people.get(person);
      const z = sd > 0 ? (mean - mu) / sd : 0;
      const fullShare = s.full / s.ratios.length;
      return {
        person,
        name: p ? displayName(plan, p) : person,
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
