/**
 * Loading a plan: schema check, then the rules of SPEC §1 that a schema cannot say
 * (unique codes, inherited groups, parent max = sum of children, veto leaves without max,
 * references between people, units and rubrics). Errors carry a JSON path.
 */
import { digest } from '../crypto/digest';
import { formatDecimal, fromUnits, parseDecimal, unitsOf, type Decimal } from '../decimal';
import { msg, type Locale, type MessageId, type Params } from '../i18n/catalog';
import { pathText, schemaIssues, type PlanIssue } from './issues';
import {
  PLAN_LIMITS,
  PlanSchema,
  type Grade,
  type ItemNode,
  type Mode,
  type PlanData,
  type Person,
  type Rubric,
  type Unit,
} from './schema';

/** One node of a rubric in tree (= sheet) order, with what it inherits. */
export interface RubricNode {
  readonly code: string;
  readonly name: string;
  readonly criteria: string;
  /** max as given (leaves: required unless veto) */
  readonly max: Decimal | null;
  /** max in integer units of the rubric step (0 for veto leaves and sections without max) */
  readonly maxUnits: number;
  readonly mode: Mode | null;
  readonly group: string;
  readonly depth: number;
  readonly isLeaf: boolean;
  readonly isVeto: boolean;
  /** code of the top-level block this node belongs to */
  readonly block: string;
  readonly parent: string | null;
  /** JSON path in the plan, for messages */
  readonly path: string;
}

export interface CompiledRubric {
  readonly data: Rubric;
  /** the rubric object exactly as it stands in the plan JSON */
  readonly raw: unknown;
  /** digest of `raw` (SPEC §3 rubric fingerprint) */
  readonly fingerprint: string;
  readonly step: Decimal;
  readonly nodes: readonly RubricNode[];
  readonly byCode: ReadonlyMap<string, RubricNode>;
  readonly leaves: readonly RubricNode[];
  /** sorted by min descending */
  readonly grades: readonly Grade[];
}

export interface Plan {
  readonly data: PlanData;
  readonly raw: unknown;
  readonly locale: Locale;
  readonly rubrics: ReadonlyMap<string, CompiledRubric>;
  readonly people: ReadonlyMap<string, Person>;
  readonly units: ReadonlyMap<string, Unit>;
}

export type { PlanIssue } from './issues';

export type PlanResult = { ok: true; plan: Plan } | { ok: false; issues: PlanIssue[] };

/** A problem at `path`, said by message `id` of the catalog. */
const issue = (path: string, id: MessageId, params?: Params): PlanIssue => ({ path, problem: msg(id, params) });

/**
 * Parses and checks a plan object (from JSON or from a setup workbook). `embedded` is for
 * the one-unit plan rebuilt from a workbook's plan record, whose people may name groups and
 * units that are not in it.
 */
export function loadPlan(raw: unknown, opts: { embedded?: boolean } = {}): PlanResult {
  const shape = shapeIssue(raw);
  if (shape) return { ok: false, issues: [shape] };
  const parsed = PlanSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) return { ok: false, issues: schemaIssues(parsed.error) };
  const data = parsed.data;
  const issues: PlanIssue[] = [];
  const rawRubrics = (raw as { rubrics: unknown[] }).rubrics;

  const rubrics = new Map<string, CompiledRubric>();
  data.rubrics.forEach((r, ri) => {
    if (rubrics.has(r.id)) issues.push(issue(`rubrics[${ri}].id`, 'plan.duplicateRubric', { id: r.id }));
    const compiled = compileRubric(r, rawRubrics[ri], `rubrics[${ri}]`, issues);
    rubrics.set(r.id, compiled);
  });

  const units = new Map<string, Unit>();
  data.units.forEach((u, i) => {
    if (units.has(u.id)) issues.push(issue(`units[${i}].id`, 'plan.duplicateUnit', { id: u.id }));
    if (!rubrics.has(u.rubric)) issues.push(issue(`units[${i}].rubric`, 'plan.noRubric', { id: u.rubric }));
    units.set(u.id, u);
  });

  const allGroups = new Set<string>();
  for (const r of rubrics.values()) for (const n of r.nodes) if (n.group) allGroups.add(n.group);

  const people = new Map<string, Person>();
  data.people.forEach((p, i) => {
    if (people.has(p.id)) issues.push(issue(`people[${i}].id`, 'plan.duplicatePerson', { id: p.id }));
    people.set(p.id, p);
    (p.recuse ?? []).forEach((u, j) => {
      if (!opts.embedded && !units.has(u)) issues.push(issue(`people[${i}].recuse[${j}]`, 'plan.noUnit', { id: u }));
    });
    if (p.role === 'appraiser') {
      if (!p.groups?.length) issues.push(issue(`people[${i}].groups`, 'plan.appraiserNoGroup'));
      (p.groups ?? []).forEach((g, j) => {
        if (!opts.embedded && !allGroups.has(g)) issues.push(issue(`people[${i}].groups[${j}]`, 'plan.noGroup', { group: g }));
      });
    }
  });

  data.units.forEach((u, i) =>
    (u.oversight ?? []).forEach((id, j) => {
      const p = people.get(id);
      if (!p) issues.push(issue(`units[${i}].oversight[${j}]`, 'plan.noPerson', { id }));
      else if (p.role !== 'oversight') issues.push(issue(`units[${i}].oversight[${j}]`, 'plan.notOversight', { id }));
    }),
  );
  if (data.period && data.period.from > data.period.to)
    issues.push(issue('period', 'plan.periodReversed', { from: data.period.from, to: data.period.to }));

  if (issues.length) return { ok: false, issues };
  return {
    ok: true,
    plan: { data, raw, locale: data.locale, rubrics, people, units },
  };
}

/** JSON nesting a plan can need: items nested `itemDepth` levels, two JSON levels each, and the frame around them. */
const MAX_JSON_DEPTH = 2 * PLAN_LIMITS.itemDepth + 8;
/** JSON values in one plan (objects, arrays and scalars). */
const MAX_JSON_VALUES = 1_000_000;

/**
 * Checks the plain shape of a plan before the schema walks it (issue 11): nesting depth and
 * the number of values, with an explicit stack, so items nested 20,000 deep or a plan of ten
 * million values get one PLAN_INVALID instead of a stack overflow or a long wait.
 */
export function shapeIssue(raw: unknown): PlanIssue | null {
  const stack: { v: unknown; depth: number; path: readonly (string | number)[] }[] = [{ v: raw, depth: 0, path: [] }];
  let values = 0;
  while (stack.length) {
    const { v, depth, path } = stack.pop()!;
    if (++values > MAX_JSON_VALUES) return issue('(root)', 'plan.tooManyValues', { limit: MAX_JSON_VALUES.toLocaleString('en') });
    if (depth > MAX_JSON_DEPTH) {
      const shown = pathText(path.slice(0, 12));
      return issue(depth > path.length ? `${shown}…` : shown, 'plan.tooDeep', { depth: MAX_JSON_DEPTH, itemDepth: PLAN_LIMITS.itemDepth });
    }
    if (Array.isArray(v)) v.forEach((x, i) => stack.push({ v: x, depth: depth + 1, path: depth < 12 ? [...path, i] : path }));
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) stack.push({ v: x, depth: depth + 1, path: depth < 12 ? [...path, k] : path });
  }
  return null;
}

function compileRubric(r: Rubric, raw: unknown, base: string, issues: PlanIssue[]): CompiledRubric {
  const step = parseDecimal(String(r.step))!;
  const nodes: RubricNode[] = [];
  const byCode = new Map<string, RubricNode>();

  const walk = (
    items: readonly ItemNode[],
    path: string,
    depth: number,
    group: string,
    block: string | null,
    parent: string | null,
  ): Decimal[] => {
    const maxes: Decimal[] = [];
    items.forEach((item, i) => {
      const p = `${path}[${i}]`;
      if (nodes.length === PLAN_LIMITS.itemsPerRubric) issues.push(issue(p, 'plan.tooManyItems', { limit: PLAN_LIMITS.itemsPerRubric }));
      if (depth === PLAN_LIMITS.itemDepth && i === 0) issues.push(issue(p, 'plan.itemsTooDeep', { limit: PLAN_LIMITS.itemDepth }));
      const g = item.group ?? group;
      const code = item.code.trim();
      const isLeaf = !item.children?.length;
      const mode = item.mode ?? (isLeaf ? 'award' : null);
      const isVeto = isLeaf && mode === 'veto';
      const max = item.max === undefined ? null : parseDecimal(String(item.max));
      if (byCode.has(code)) issues.push(issue(`${p}.code`, 'plan.duplicateCode', { code }));
      if (!g) issues.push(issue(`${p}.group`, 'plan.itemNoGroup', { code }));
      if (!isLeaf && item.mode) issues.push(issue(`${p}.mode`, 'plan.modeOnLeaf'));
      if (isVeto && max) issues.push(issue(`${p}.max`, 'plan.vetoMax'));
      if (isLeaf && !isVeto && !max) issues.push(issue(`${p}.max`, 'plan.needsMax', { code }));
      let maxUnits = 0;
      if (max) {
        const u = unitsOf(max, step);
        if (u === null) issues.push(issue(`${p}.max`, 'plan.maxStep', { max: String(item.max), step: r.step }));
        else maxUnits = u;
      }
      const node: RubricNode = {
        code,
        name: item.name.trim(),
        criteria: (item.criteria ?? '').trim(),
        max,
        maxUnits,
        mode,
        group: g,
        depth,
        isLeaf,
        isVeto,
        block: block ?? code,
        parent,
        path: p,
      };
      nodes.push(node);
      byCode.set(code, node);
      if (!isLeaf) {
        const childMaxes = walk(item.children!, `${p}.children`, depth + 1, g, block ?? code, code);
        if (max) {
          const sum = childMaxes.reduce((s, m) => s + (unitsOf(m, step) ?? 0), 0);
          if (sum !== maxUnits) issues.push(issue(`${p}.max`, 'plan.maxSum', { max: String(item.max), sum: sum * Number(r.step) }));
        }
        const derived = max ?? {
          digits: BigInt(childMaxes.reduce((s, m) => s + (unitsOf(m, step) ?? 0), 0)) * step.digits,
          scale: step.scale,
        };
        if (!isVetoOnly(item)) maxes.push(derived);
      } else if (max) {
        maxes.push(max);
      }
    });
    return maxes;
  };
  walk(r.items, `${base}.items`, 0, '', null, null);

  const gradeNames = new Set(r.grades.map((g) => g.name));
  if (r.vetoGrade && !gradeNames.has(r.vetoGrade)) issues.push(issue(`${base}.vetoGrade`, 'plan.notAGrade', { grade: r.vetoGrade }));
  (r.quotas ?? []).forEach((q, i) => {
    if (!gradeNames.has(q.grade)) issues.push(issue(`${base}.quotas[${i}].grade`, 'plan.notAGrade', { grade: q.grade }));
  });

  // nodes whose max is not given get the sum of their children for display
  const withMax = nodes.map((n) => {
    if (n.isLeaf || n.max) return n;
    const units = nodes.filter((c) => c.isLeaf && !c.isVeto && isDescendant(c, n, byCode)).reduce((s, c) => s + c.maxUnits, 0);
    return { ...n, maxUnits: units };
  });
  const finalByCode = new Map(withMax.map((n) => [n.code, n]));
  return {
    data: r,
    raw,
    fingerprint: digest(raw),
    step,
    nodes: withMax,
    byCode: finalByCode,
    leaves: withMax.filter((n) => n.isLeaf),
    grades: [...r.grades].sort((a, b) => b.min - a.min),
  };
}

function isVetoOnly(item: ItemNode): boolean {
  if (!item.children?.length) return item.mode === 'veto';
  return item.children.every(isVetoOnly);
}

function isDescendant(node: RubricNode, ancestor: RubricNode, byCode: ReadonlyMap<string, RubricNode>): boolean {
  let p = node.parent;
  while (p) {
    if (p === ancestor.code) return true;
    p = byCode.get(p)?.parent ?? null;
  }
  return false;
}

/** The 16-hex-digit short fingerprint shown on a sheet. */
export function shortFingerprint(fp: string): string {
  return fp.slice(0, 16);
}

/** Appraisers who may sign an item of this group for this unit. */
export function mayAppraise(person: Person, group: string, unitId: string): boolean {
  return person.role === 'appraiser' && (person.groups ?? []).includes(group) && !(person.recuse ?? []).includes(unitId);
}

/** The 分值 a node shows on the sheet: its max (or its leaves' sum for a section without one); "" for veto. */
export function maxText(rubric: CompiledRubric, node: RubricNode): string {
  // veto items, and sections holding only veto items, have no points
  if (node.isVeto || (!node.isLeaf && !node.max && node.maxUnits === 0)) return '';
  return formatDecimal(node.max ?? fromUnits(node.maxUnits, rubric.step));
}

/** Sum of all scored leaves' max, as a decimal string. */
export function rubricTotalText(rubric: CompiledRubric): string {
  return formatDecimal(
    fromUnits(
      rubric.leaves.reduce((s, n) => s + n.maxUnits, 0),
      rubric.step,
    ),
  );
}
