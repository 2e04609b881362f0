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
import type { CompiledRubric, Plan } from '../plan/plan';
import { effectiveUnits, recheckUnits } from '../rules/effective';
import { nameOf } from '../rules/present';
import type { RegisterMatch, SheetReport } from '../rules/report';
import {
  bias,
  DEFAULT_LEVEL,
  leniencyReport,
  MIN_RECHECKS,
  type BiasResult,
  type SetLeniency,
  type TaggedObservation,
  type Verdict,
} from './leniency';

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

/** 'lenient' / 'harsh': the whole 95 % interval lies above / below 0; 'consistent': it holds 0; 'too-few': under MIN_RECHECKS re-checks. */
export type LeniencyVerdict = Verdict;

/**
 * Bias against the oversight's re-checks over a set of re-checked items (src/core/compile/leniency.ts):
 * deviation = original − re-checked, so positive = scored higher than the oversight (lenient).
 */
export type RecheckBias = Omit<BiasResult, 'count'> & {
  /** re-checked items (the statistics' `count`, named as `compile --json` shows it) */
  readonly rechecked: number;
};

/**
 * One appraiser. The re-check figures (`verdict`, `overall`, `asScorer`, `asReviewer`) are the
 * direct evidence; `items`, `meanRatio`, `fullShare`, `z` and `lenient` are the weaker signals
 * (they cannot tell a lenient appraiser from one who assessed strong units), over the items the
 * person scored — null when they scored none (a reviewer only).
 */
export interface AppraiserRow {
  readonly person: string;
  readonly name: string;
  /** items scored (as scorer), veto items excluded */
  readonly items: number;
  readonly meanRatio: number | null;
  readonly fullShare: number | null;
  readonly z: number | null;
  /** scored items whose re-check adjusted the score */
  readonly adjustedCount: number;
  /** the weaker signal: full-marks share ≥ LENIENT_FULL_SHARE or z ≥ LENIENT_Z */
  readonly lenient: boolean;
  /** the verdict over every re-checked item the person signed (= overall.verdict) */
  readonly verdict: LeniencyVerdict;
  /** every re-checked item the person signed, as scorer or reviewer, each once */
  readonly overall: RecheckBias;
  readonly asScorer: RecheckBias;
  readonly asReviewer: RecheckBias;
}

/** Bias and agreement of an appraiser group, a rubric, or all re-checked items. */
export interface AgreementRow extends RecheckBias {
  /** group code, rubric id, or '' for all */
  readonly id: string;
  /** group code, rubric title, or '' for all */
  readonly name: string;
  /** re-checks that confirmed the original score */
  readonly confirmed: number;
  /** confirmed / rechecked; null without re-checks */
  readonly confirmedShare: number | null;
  /** Krippendorff's alpha (interval metric, scores as share of max) between appraisers and oversight; null when undefined */
  readonly alpha: number | null;
}

/** How far the appraisers agree with the oversight's re-checks, per group, per rubric and over all. */
export interface AgreementBlock {
  /** confidence level of the intervals */
  readonly level: number;
  /** fewest re-checks for a verdict */
  readonly minRechecks: number;
  readonly all: AgreementRow;
  readonly groups: readonly AgreementRow[];
  readonly rubrics: readonly AgreementRow[];
}

export interface CompileResult {
  readonly summary: readonly UnitSummary[];
  /** every appraiser who signed an item of a verified sheet, most lenient (by overall mean deviation share) first */
  readonly appraisers: readonly AppraiserRow[];
  /** agreement with the oversight's re-checks (verified, key-signed sheets only) */
  readonly agreement: AgreementBlock;
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
    messageId: 'DUPLICATE_UNIT',
    params: { unit, unitName, files: files.join(', ') },
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
  if (!opts.register) warnings.push(noRegisterWarning());
  // units of the plan with no sheet
  for (const unit of plan.units.values()) {
    if (filesOf.has(unit.id)) continue;
    warnings.push({
      severity: 'warning',
      code: 'SHEET_MISSING',
      unit: unit.id,
      messageId: 'SHEET_MISSING',
      params: { unit: unit.id, unitName: unit.name },
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
          messageId: 'QUOTA_EXCEEDED',
          params: { category: cat, grade: q.grade, count, share: pct(count / members.length), max: pct(q.maxShare) },
        });
    }
  }
  ranked.sort(
    (a, b) =>
      categories.indexOf(a.category) - categories.indexOf(b.category) || (a.rank ?? 1e9) - (b.rank ?? 1e9) || a.unit.localeCompare(b.unit),
  );
  const { appraisers, agreement } = appraiserAnalysis(plan, inputs, duplicated);
  return { summary: ranked, appraisers, agreement, findings, warnings };
}

/** The one warning a run without an envelope register gives. */
export function noRegisterWarning(): Finding {
  return { severity: 'warning', code: 'SEAL_NOT_REGISTERED', unit: '', messageId: 'SEAL_NOT_REGISTERED.none', params: {} };
}

const pct = (x: number): string => `${Math.round(x * 1000) / 10}%`;

/** The sheets that feed the appraiser analysis: verified (key-signed, sealed, every check passed), not duplicated. */
function analysedSheets(inputs: readonly CompileInput[], duplicated: ReadonlySet<string>): SheetReport[] {
  return inputs.map((i) => i.report).filter((r) => r.verdict === 'verified' && !duplicated.has(r.unit) && r.ctx !== null);
}

/** Every re-checked scored item of the sheets, in points, with its signers, group and rubric (veto items have no points: left out). */
function recheckedItems(sheets: readonly SheetReport[]): TaggedObservation[] {
  const out: TaggedObservation[] = [];
  for (const report of sheets) {
    const { rubric } = report.ctx!;
    for (const it of report.items) {
      const n = it.content.node;
      const score = it.content.score;
      if (n.isVeto || n.maxUnits === 0 || score.kind !== 'number' || score.units === null) continue;
      if (!it.recheck || !it.scorer || !it.reviewer) continue;
      const recheckedUnits = it.recheck.result === 'adjusted' ? recheckUnits(it.recheck.score, rubric.step) : score.units;
      if (recheckedUnits === null) continue;
      const points = (units: number): number => toNumber(fromUnits(units, rubric.step));
      out.push({
        original: points(score.units),
        rechecked: points(recheckedUnits),
        max: points(n.maxUnits),
        scorer: it.scorer.record.person,
        reviewer: it.reviewer.record.person,
        group: n.group,
        rubric: rubric.data.id,
      });
    }
  }
  return out;
}

const DIGITS = 6;
const roundOrNull = (x: number | null): number | null => (x === null ? null : round(x, DIGITS));
const roundPair = (p: readonly [number, number] | null): readonly [number, number] | null =>
  p === null ? null : [round(p[0], DIGITS), round(p[1], DIGITS)];

function recheckBias(b: BiasResult): RecheckBias {
  return {
    rechecked: b.count,
    adjusted: b.adjusted,
    meanPoints: roundOrNull(b.meanPoints),
    meanShare: roundOrNull(b.meanShare),
    intervalPoints: roundPair(b.intervalPoints),
    intervalShare: roundPair(b.intervalShare),
    verdict: b.verdict,
  };
}

function agreementRow(set: SetLeniency, name: string): AgreementRow {
  return {
    id: set.id,
    name,
    ...recheckBias(set.bias),
    confirmed: set.agreement.confirmed,
    confirmedShare: roundOrNull(set.agreement.confirmedShare),
    alpha: roundOrNull(set.agreement.alpha),
  };
}

/**
 * The appraiser analysis over verified sheets (each unit counted once): per appraiser the bias
 * against the oversight's re-checks (overall, as scorer, as reviewer) and the weaker signals
 * (each scorer's mean score/max, full-marks share and z-score against the other scorers); per
 * group, per rubric and over all, bias plus agreement (confirmed share, Krippendorff's alpha).
 */
function appraiserAnalysis(
  plan: Plan,
  inputs: readonly CompileInput[],
  duplicated: ReadonlySet<string>,
): { appraisers: AppraiserRow[]; agreement: AgreementBlock } {
  const sheets = analysedSheets(inputs, duplicated);
  const per = new Map<string, { ratios: number[]; full: number; adjusted: number }>();
  const signers = new Set<string>();
  for (const report of sheets) {
    for (const it of report.items) {
      const n = it.content.node;
      if (n.isVeto || n.maxUnits === 0) continue;
      if (it.scorer) signers.add(it.scorer.record.person);
      if (it.reviewer) signers.add(it.reviewer.record.person);
      if (!it.scorer || it.content.score.kind !== 'number') continue;
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
  const weak = new Map(means.map(({ person, s, mean }) => [person, { s, mean, z: sd > 0 ? (mean - mu) / sd : 0 }]));

  const report = leniencyReport(recheckedItems(sheets));
  const none = recheckBias(bias([]));
  const byPerson = new Map(report.appraisers.map((a) => [a.id, a]));
  const appraisers = [...signers].map((person): AppraiserRow => {
    const w = weak.get(person);
    const fullShare = w ? w.s.full / w.s.ratios.length : null;
    const l = byPerson.get(person);
    const overall = l ? recheckBias(l.overall) : none;
    return {
      person,
      name: nameOf(plan, person),
      items: w?.s.ratios.length ?? 0,
      meanRatio: w ? round(w.mean, 4) : null,
      fullShare: fullShare === null ? null : round(fullShare, 4),
      z: w ? round(w.z, 3) : null,
      adjustedCount: w?.s.adjusted ?? 0,
      lenient: w !== undefined && (fullShare! >= LENIENT_FULL_SHARE || w.z >= LENIENT_Z),
      verdict: overall.verdict,
      overall,
      asScorer: l ? recheckBias(l.asScorer) : none,
      asReviewer: l ? recheckBias(l.asReviewer) : none,
    };
  });
  const desc = (x: number | null): number => (x === null ? Infinity : -x);
  appraisers.sort(
    (a, b) =>
      desc(a.overall.meanShare) - desc(b.overall.meanShare) ||
      desc(a.z) - desc(b.z) ||
      (a.person < b.person ? -1 : a.person > b.person ? 1 : 0),
  );
  const rubricName = (id: string): string => plan.rubrics.get(id)?.data.title ?? id;
  return {
    appraisers,
    agreement: {
      level: DEFAULT_LEVEL,
      minRechecks: MIN_RECHECKS,
      all: agreementRow(report.all, ''),
      groups: report.groups.map((g) => agreementRow(g, g.id)),
      rubrics: report.rubrics.map((r) => agreementRow(r, rubricName(r.id))),
    },
  };
}

const round = (x: number, digits: number): number => Math.round(x * 10 ** digits) / 10 ** digits;
