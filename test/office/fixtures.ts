/**
 * Fixtures for the Office edge tests: plans (the example and a generated large one), score
 * sheets built by the core's `buildTemplate`, and workbooks for the Excel double.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPlan, type Plan } from '../../src/core/plan/plan';
import type { ItemNode } from '../../src/core/plan/schema';
import { COLUMN_KEYS, LOG_SHEET, type ColumnKey } from '../../src/core/sheet/layout';
import { buildTemplate, type SheetTemplate } from '../../src/core/sheet/template';
import { ExcelDouble, type DoubleOptions, type SheetInit } from '../support/excel-double';

export const rawExamplePlan = (): Record<string, unknown> =>
  JSON.parse(readFileSync(join(__dirname, '../../examples/plan.json'), 'utf8')) as Record<string, unknown>;

function mustLoad(raw: unknown): Plan {
  const r = loadPlan(raw);
  if (!r.ok) throw new Error(`fixture plan invalid: ${JSON.stringify(r.issues)}`);
  return r.plan;
}

export const examplePlan = (): Plan => mustLoad(rawExamplePlan());

/** The example plan with its first rubric replaced by `leaves` leaves in sections of ten. */
export function largePlan(leaves: number): Plan {
  const raw = rawExamplePlan() as { rubrics: { items: ItemNode[] }[] };
  const rubric = raw.rubrics[0]!;
  const groups = [...new Set(collectGroups(rubric.items))];
  const items: ItemNode[] = [];
  for (let s = 0; s * 10 < leaves; s++) {
    const children: ItemNode[] = [];
    for (let k = 1; k <= Math.min(10, leaves - s * 10); k++)
      children.push({
        code: `${s + 1}.${k}`,
        name: `考核项目 ${s + 1}.${k}`,
        criteria: `评分标准 ${s + 1}.${k}：未按要求完成的每项扣0.5分，扣完为止。`,
        max: 5,
        mode: 'deduct',
      });
    items.push({ code: String(s + 1), name: `第${s + 1}部分`, group: groups[s % groups.length]!, children });
  }
  rubric.items = items;
  return mustLoad(raw);
}

function collectGroups(items: readonly ItemNode[]): string[] {
  return items.flatMap((i) => [...(i.group ? [i.group] : []), ...collectGroups(i.children ?? [])]);
}

/** The template of the first unit using the plan's first rubric. */
export function templateOf(plan: Plan, unitId = 'u01'): SheetTemplate {
  return buildTemplate(plan, unitId);
}

export const col = (k: ColumnKey): number => COLUMN_KEYS.indexOf(k);

/** A score sheet as `scoreseal template` leaves it: values, merges, inputs unlocked, protected without password. */
export function sheetInit(tpl: SheetTemplate): SheetInit {
  return {
    values: tpl.cells,
    numberFormat: tpl.cells.map((r) => r.map((v) => (typeof v === 'string' ? '@' : null))),
    merges: tpl.merges,
    unlocked: tpl.inputRanges,
    protection: {},
  };
}

/** The `_scoreseal` sheet holding the given rows (text, very hidden). */
export function logInit(rows: readonly (readonly string[])[]): SheetInit {
  return { values: rows, numberFormat: rows.map((r) => r.map(() => '@')), visibility: 'VeryHidden' };
}

/** A double holding one score sheet built from the template, and its log with the plan row. */
export function scoreWorkbook(tpl: SheetTemplate, options: DoubleOptions = {}, extra: Record<string, SheetInit> = {}): ExcelDouble {
  return ExcelDouble.fromData({ sheets: { [tpl.sheetName]: sheetInit(tpl), ...extra, [LOG_SHEET]: logInit([tpl.planLogRow]) } }, options);
}

/** Fills the input cells of the first `n` leaves as a person typing would. */
export function fillInputs(d: ExcelDouble, tpl: SheetTemplate, n: number): void {
  let done = 0;
  tpl.rowKinds.forEach((kind, i) => {
    if (kind !== 'leaf' || done >= n) return;
    const row = i + 1;
    d.type(tpl.sheetName, `E${row}`, '4.5');
    d.type(tpl.sheetName, `F${row}`, `已完成第${row}行`);
    d.type(tpl.sheetName, `G${row}`, '资料齐全');
    d.type(tpl.sheetName, `H${row}`, '实地查看、资料审核');
    done++;
  });
}

/** 1-based rows of the leaves (scored items) of a template. */
export const leafRows = (tpl: SheetTemplate): number[] => tpl.rowKinds.flatMap((k, i) => (k === 'leaf' || k === 'veto' ? [i + 1] : []));
