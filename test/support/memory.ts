/**
 * Score sheets in memory, for the core tests: a RawSheet built from the template's cells, the
 * `_scoreseal` rows beside it, cell edits by A1 address, a valid fill, and patches applied the
 * way an edge would (derived cells written, log rows appended; formatting ignored).
 * Nothing here decides what a finding should be: tests state that themselves.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyPair } from '../../src/core/crypto/ed25519';
import type { Finding, FindingCode } from '../../src/core/findings';
import type { Locale } from '../../src/core/i18n/catalog';
import { renderFinding, renderReason, type Refusal } from '../../src/core/i18n/render';
import type { ActionResult } from '../../src/core/workflow/actions';
import { loadPlan, type Plan, type RubricNode } from '../../src/core/plan/plan';
import { evaluateSheet, type SheetReport } from '../../src/core/rules/evaluate';
import { parseAddr, type CellValue } from '../../src/core/sheet/cells';
import type { RawSheet } from '../../src/core/sheet/parse';
import { patchedCells, type SheetPatch } from '../../src/core/sheet/patch';
import { COLUMN_KEYS } from '../../src/core/sheet/layout';
import { buildTemplate, type SheetTemplate } from '../../src/core/sheet/template';
import type { VerifyEngine } from '../../src/core/crypto/ed25519';

export const EXAMPLE_PLAN_PATH = join(__dirname, '../../examples/plan.json');
export const PLAN_TITLE = '2026年度争先创优考核';

/** Column letters of the thirteen columns, from the layout (SPEC §2 order). */
export const COL = Object.fromEntries(COLUMN_KEYS.map((k, i) => [k, String.fromCharCode(65 + i)])) as Readonly<
  Record<(typeof COLUMN_KEYS)[number], string>
>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** A fresh deep copy of examples/plan.json. */
export function examplePlanJson(): Json {
  const j: Json = JSON.parse(readFileSync(EXAMPLE_PLAN_PATH, 'utf8'));
  return j;
}

/** Loads a plan object or fails the test with its issues. */
export function mustLoad(raw: unknown): Plan {
  const r = loadPlan(raw);
  if (!r.ok) throw new Error(`plan does not load: ${JSON.stringify(r.issues)}`);
  return r.plan;
}

export function examplePlan(edit?: (j: Json) => void): Plan {
  const j = examplePlanJson();
  edit?.(j);
  return mustLoad(j);
}

/**
 * A small plan with the example's title and people (so the demo passphrases and keys apply):
 * rubric "mini" — block 1 (G1: 1.1 max 5 deduct, 1.2 max 3 award), block 2 (G2: 2.1 max 4,
 * 2.2 max 2.5), block 9 (G1: 9.1 veto). Units m01, m02, m03 (p01 recused from m03).
 */
export function miniPlanJson(): Json {
  const ex = examplePlanJson();
  const keep = new Set(['p01', 'p02', 'p03', 'p04', 'p05', 'o01', 'o02', 'f01']);
  return {
    schema: 'scoreseal/plan@1',
    title: PLAN_TITLE,
    locale: 'zh-CN',
    signing: 'key',
    rubrics: [
      {
        id: 'mini',
        title: '小型细则',
        category: '乡镇',
        step: 0.5,
        sampleRatio: 0.5,
        basisRequired: 'always',
        grades: [
          { name: '优秀', min: 90 },
          { name: '良好', min: 80 },
          { name: '一般', min: 70 },
          { name: '较差', min: 0 },
        ],
        quotas: [{ grade: '优秀', maxShare: 0.2 }],
        vetoGrade: '较差',
        items: [
          {
            code: '1',
            name: '党建',
            group: 'G1',
            max: 8,
            children: [
              { code: '1.1', name: '责任制', criteria: '未落实扣分', max: 5, mode: 'deduct' },
              { code: '1.2', name: '教育', criteria: '每次得0.5分', max: 3, mode: 'award' },
            ],
          },
          {
            code: '2',
            name: '发展',
            group: 'G2',
            children: [
              { code: '2.1', name: '收入', criteria: '按完成比例', max: 4, mode: 'award' },
              { code: '2.2', name: '统计', criteria: '迟报扣分', max: 2.5, mode: 'deduct' },
            ],
          },
          { code: '9', name: '一票否决', group: 'G1', children: [{ code: '9.1', name: '重大事故', mode: 'veto' }] },
        ],
      },
    ],
    people: (ex.people as Json[]).filter((p) => keep.has(p.id)).map((p): Json => (p.id === 'p01' ? { ...p, recuse: ['m03'] } : p)),
    units: [
      { id: 'm01', name: '东镇', rubric: 'mini' },
      { id: 'm02', name: '西镇', rubric: 'mini' },
      { id: 'm03', name: '南镇', rubric: 'mini' },
    ],
  };
}

/** A score sheet in memory: the worksheet and the `_scoreseal` rows. */
export interface MemSheet {
  name: string;
  cells: CellValue[][];
  merges: string[];
  hiddenRows: number[];
  /** 0-based hidden columns */
  hiddenColumns?: number[];
  /** number formats in the shape of `cells` (null: General) */
  formats?: (string | null)[][];
  /** null: the `_scoreseal` sheet is missing */
  log: CellValue[][] | null;
  readonly template: SheetTemplate;
}

/** The unit's sheet as generated (template cells, the plan record in the log). */
export function blankSheet(plan: Plan, unit: string): MemSheet {
  const template = buildTemplate(plan, unit);
  return {
    name: template.sheetName,
    cells: template.cells.map((r) => [...r]),
    merges: [...template.merges],
    hiddenRows: [],
    log: [[...template.planLogRow]],
    template,
  };
}

export function cloneSheet(s: MemSheet): MemSheet {
  return {
    name: s.name,
    cells: s.cells.map((r) => [...r]),
    merges: [...s.merges],
    hiddenRows: [...s.hiddenRows],
    ...(s.hiddenColumns ? { hiddenColumns: [...s.hiddenColumns] } : {}),
    ...(s.formats ? { formats: s.formats.map((r) => [...r]) } : {}),
    log: s.log ? s.log.map((r) => [...r]) : null,
    template: s.template,
  };
}

export function raw(s: MemSheet): RawSheet {
  return {
    name: s.name,
    cells: s.cells,
    merges: s.merges,
    hiddenRows: s.hiddenRows,
    ...(s.hiddenColumns ? { hiddenColumns: s.hiddenColumns } : {}),
    ...(s.formats ? { formats: s.formats } : {}),
  };
}

export function setCell(s: MemSheet, a1: string, value: CellValue): void {
  const ref = parseAddr(a1);
  if (!ref) throw new Error(`bad address ${a1}`);
  const row = (s.cells[ref.row - 1] ??= []);
  while (row.length < ref.col) row.push(null);
  row[ref.col] = value;
}

export function getCell(s: MemSheet, a1: string): CellValue {
  const ref = parseAddr(a1)!;
  return s.cells[ref.row - 1]?.[ref.col] ?? null;
}

/** 1-based row of the item with this code (found by 编号 below the header, never assumed). */
export function rowOf(s: MemSheet, code: string): number {
  const header = s.cells.findIndex((r) => r[0] === '编号' || r[0] === 'Code');
  const i = s.cells.findIndex((r, idx) => idx > header && r[0] === code);
  if (i < 0) throw new Error(`no row for ${code}`);
  return i + 1;
}

export function cellOf(s: MemSheet, code: string, col: keyof typeof COL): string {
  return `${COL[col]}${rowOf(s, code)}`;
}

export interface Entry {
  score?: CellValue;
  completion?: CellValue;
  basis?: CellValue;
  verifiedBy?: CellValue;
}

export function setEntry(s: MemSheet, code: string, e: Entry): void {
  const r = rowOf(s, code);
  if (e.score !== undefined) setCell(s, `E${r}`, e.score);
  if (e.completion !== undefined) setCell(s, `F${r}`, e.completion);
  if (e.basis !== undefined) setCell(s, `G${r}`, e.basis);
  if (e.verifiedBy !== undefined) setCell(s, `H${r}`, e.verifiedBy);
}

/** Leaves of a unit's rubric, in sheet order. */
export function leavesOf(plan: Plan, unit: string): readonly RubricNode[] {
  return plan.rubrics.get(plan.units.get(unit)!.rubric)!.leaves;
}

/**
 * A valid, plausible entry: leaves alternate between full marks and one step below (so the
 * sheet is not lenient); veto items 否. Basis, completion and two methods always given.
 */
export function validEntry(node: RubricNode, index: number, step = 0.5): Entry {
  if (node.isVeto) return { score: '否', completion: '经查未发生', basis: '查阅事故台账', verifiedBy: '实地查看、部门数据' };
  const max = Number(node.max!.digits) / 10 ** node.max!.scale;
  const score = index % 2 === 0 ? max - step : max;
  return { score, completion: `${node.code} 已完成`, basis: `${node.code} 依据台账`, verifiedBy: '实地查看、资料审核' };
}

/** Fills every leaf with `entry` (default {@link validEntry}). */
export function fillSheet(s: MemSheet, plan: Plan, unit: string, entry: (n: RubricNode, i: number) => Entry = validEntry): MemSheet {
  leavesOf(plan, unit).forEach((n, i) => setEntry(s, n.code, entry(n, i)));
  return s;
}

export function filledSheet(plan: Plan, unit: string, entry?: (n: RubricNode, i: number) => Entry): MemSheet {
  return fillSheet(blankSheet(plan, unit), plan, unit, entry);
}

export interface EvalOpts {
  mode?: 'validate' | 'verify';
  engine?: VerifyEngine;
}

/** evaluateSheet on the sheet as it stands (plan null: the workbook's embedded plan). */
export function evaluate(s: MemSheet, plan: Plan | null, opts: EvalOpts = {}): Promise<SheetReport> {
  return evaluateSheet({ raw: raw(s), logRows: s.log, trusted: plan, mode: opts.mode ?? 'validate', engine: opts.engine ?? 'auto' });
}

/** Applies a patch as an edge would: the cells it writes, the log rows it appends (the core's patchedCells). */
export function applyPatch(s: MemSheet, patch: SheetPatch): void {
  const next = patchedCells(s.cells, s.log, patch);
  s.cells = next.cells;
  s.log = next.log;
}

/** Why a step was refused, line by line, in the plan's locale (as the edges show it). */
export const whyRefused = (r: { readonly reasons: readonly Refusal[]; readonly locale: Locale }): string[] =>
  r.reasons.map((x) => renderReason(x, r.locale));

/** Applies an action's patch, failing the test with the reasons when it was refused. */
export function commit<T>(s: MemSheet, r: ActionResult<T>): T {
  if (!r.ok) throw new Error(`refused: ${whyRefused(r).join(' | ')}`);
  applyPatch(s, r.patch);
  return r.result;
}

// ------------------------------------------------------------------ findings

export const errorsOf = (fs: readonly Finding[]): Finding[] => fs.filter((f) => f.severity === 'error');
export const codesOf = (fs: readonly Finding[]): FindingCode[] => [...new Set(fs.map((f) => f.code))].sort();
export const withCode = (fs: readonly Finding[], code: FindingCode): Finding[] => fs.filter((f) => f.code === code);

/** A finding's message as a sheet shows it: rendered in `locale` (zh-CN, the default plan's). */
export const said = (f: Pick<Finding, 'messageId' | 'params'>, locale: Locale = 'zh-CN'): string => renderFinding(f, locale);

/** A compact, readable view of findings for failure messages. */
export function brief(fs: readonly Finding[]): string[] {
  return fs.map((f) => `${f.severity} ${f.code} ${f.item ?? '-'} ${f.cell ?? '-'}`);
}

// ------------------------------------------------------------------ keys

export const demoPassphrase = (id: string): string => `demo-passphrase-${id}`;

/** Memo of derived keys for one test file (each key costs one scrypt). */
export function keyRing(derive: (pass: string, title: string, id: string) => Promise<KeyPair>, title = PLAN_TITLE) {
  const memo = new Map<string, Promise<KeyPair>>();
  return (id: string): Promise<KeyPair> => {
    let k = memo.get(id);
    if (!k) {
      k = derive(demoPassphrase(id), title, id);
      memo.set(id, k);
    }
    return k;
  };
}

/** The item digest of an evaluated item (a string, or a lazily computed one). */
export function digestOfItem(it: { readonly digest: unknown }): string {
  const d = it.digest;
  const v: unknown = typeof d === 'function' ? (d as () => unknown)() : d;
  if (typeof v !== 'string' || !/^[0-9a-f]{64}$/.test(v)) throw new Error(`not an item digest: ${String(v)}`);
  return v;
}

/** A cell's text (strings as they are; anything else as JSON), for building changed values. */
export function textOf(v: CellValue | undefined): string {
  return typeof v === 'string' ? v : v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** The JSON text of a log row: its pieces from column B on, concatenated. */
export function logText(row: readonly CellValue[]): string {
  return row.slice(1).map(textOf).join('');
}

/** The parsed record of a log row. */
export function logRecord<T>(row: readonly CellValue[]): T {
  return JSON.parse(logText(row)) as T;
}
