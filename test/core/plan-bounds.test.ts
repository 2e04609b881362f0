/**
 * Plan robustness (issue 11): every number within sane bounds, depth and size limits checked
 * before the schema walks the plan, and no code or id colliding with Object.prototype — each a
 * PLAN_INVALID naming the path, never a crash; and a plan whose block codes are `__proto__` or
 * `constructor` compiles with those subtotals intact.
 */
import { compile } from '../../src/core/compile/compile';
import { render } from '../../src/core/i18n/catalog';
import { loadPlan, type PlanIssue } from '../../src/core/plan/plan';
import { PLAN_LIMITS } from '../../src/core/plan/schema';
import { setupToPlan } from '../../src/core/plan/setup';
import { VERIFY_SYNONYMS, VETO_SYNONYMS } from '../../src/core/sheet/layout';
import { runToSeal, noKeys } from '../support/flow';
import { blankSheet, evaluate, miniPlanJson, mustLoad, setEntry, type Json } from '../support/memory';

jest.setTimeout(60_000);

const issuesOf = (edit: (j: Json) => void): PlanIssue[] => {
  const j = miniPlanJson();
  edit(j);
  const r = loadPlan(j);
  return r.ok ? [] : r.issues;
};
const paths = (edit: (j: Json) => void): string[] => issuesOf(edit).map((i) => i.path);

describe('numbers within sane bounds, each named by its path', () => {
  it.each([
    ['step 1e-7 (was: internal error)', (j: Json) => (j.rubrics[0].step = 1e-7), 'rubrics[0].step'],
    ['step 0.1 + 0.2', (j: Json) => (j.rubrics[0].step = 0.1 + 0.2), 'rubrics[0].step'],
    ['step 0', (j: Json) => (j.rubrics[0].step = 0), 'rubrics[0].step'],
    ['step 1e9', (j: Json) => (j.rubrics[0].step = 1e9), 'rubrics[0].step'],
    ['max 1e300', (j: Json) => (j.rubrics[0].items[0].children[0].max = 1e300), 'rubrics[0].items[0].children[0].max'],
    ['max -1', (j: Json) => (j.rubrics[0].items[0].children[0].max = -1), 'rubrics[0].items[0].children[0].max'],
    ['max 0.00001', (j: Json) => (j.rubrics[0].items[0].children[0].max = 0.00001), 'rubrics[0].items[0].children[0].max'],
    ['a grade minimum of 1e308', (j: Json) => (j.rubrics[0].grades[0].min = 1e308), 'rubrics[0].grades[0].min'],
    ['sample ratio 0', (j: Json) => (j.rubrics[0].sampleRatio = 0), 'rubrics[0].sampleRatio'],
    ['sample ratio 1.5', (j: Json) => (j.rubrics[0].sampleRatio = 1.5), 'rubrics[0].sampleRatio'],
    ['quota share 2', (j: Json) => (j.rubrics[0].quotas[0].maxShare = 2), 'rubrics[0].quotas[0].maxShare'],
    ['a code with a right-to-left override', (j: Json) => (j.rubrics[0].items[0].code = '1\u202E'), 'rubrics[0].items[0].code'],
    ['an id with a line break', (j: Json) => (j.units[0].id = 'u\n01'), 'units[0].id'],
    ['a 300-character name', (j: Json) => (j.units[0].name = '镇'.repeat(300)), 'units[0].name'],
  ])('%s', (_, edit, path) => {
    expect(paths(edit)).toContain(path);
  });

  it('four decimal places, a step of 0.0001 and a name wrapped with Alt+Enter are fine', () => {
    expect(
      issuesOf((j) => {
        j.rubrics[0].step = 0.0001;
        j.rubrics[0].items[0].children[0].max = 5.0001;
        j.rubrics[0].items[0].max = 8.0001;
        j.rubrics[0].items[0].children[0].name = '责任制\n落实情况';
      }),
    ).toEqual([]);
  });
});

describe('depth and size, checked before the schema walks the plan', () => {
  it('items nested 20,000 deep: one PLAN_INVALID with a shortened path, no stack overflow', () => {
    const j = miniPlanJson();
    let node: Json = { code: 'x', name: 'x', max: 1 };
    for (let i = 0; i < 20_000; i++) node = { code: `d${i}`, name: 'deep', children: [node] };
    j.rubrics[0].items.push(node);
    const r = loadPlan(j);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]!.path).toMatch(/^rubrics\[0\]\.items\[3\]\.children\[0\].*…$/);
    expect(r.issues[0]!.problem).toEqual({
      id: 'plan.tooDeep',
      params: { depth: 2 * PLAN_LIMITS.itemDepth + 8, itemDepth: PLAN_LIMITS.itemDepth },
    });
  });

  it(`items nested ${PLAN_LIMITS.itemDepth + 1} levels: PLAN_INVALID naming the item`, () => {
    const j = miniPlanJson();
    let node: Json = { code: 'leaf', name: 'leaf', max: 1 };
    for (let i = PLAN_LIMITS.itemDepth; i > 0; i--) node = { code: `n${i}`, name: 'n', children: [node] };
    node.group = 'G1';
    j.rubrics[0].items.push(node);
    expect(loadPlan(j).ok).toBe(false);
    expect(issuesOf((x) => void x.rubrics[0].items.push(node)).map((i) => i.problem)).toContainEqual({
      id: 'plan.itemsTooDeep',
      params: { limit: PLAN_LIMITS.itemDepth },
    });
  });

  it('a list of two million values: one PLAN_INVALID, quickly', () => {
    const j = miniPlanJson();
    j.people[0].groups = new Array(2_000_000).fill('G1');
    const t0 = performance.now();
    const r = loadPlan(j);
    expect(performance.now() - t0).toBeLessThan(5_000); // a bound far above the time taken, not a benchmark
    expect(r.ok ? [] : r.issues.map((i) => render(i.problem, 'en-US'))).toEqual(['more than 1,000,000 values: not a plan']);
  });

  it('counts: more units than the limit', () => {
    const many = Array.from({ length: PLAN_LIMITS.units + 1 }, (_, i) => ({ id: `u${i}`, name: `u${i}`, rubric: 'mini' }));
    expect(paths((j) => (j.units = many))).toContain('units');
  });
});

describe('keys that collide with Object.prototype', () => {
  it('lookup tables find nothing for "constructor", "toString" or "__proto__"', () => {
    for (const k of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
      expect(VERIFY_SYNONYMS[k]).toBeUndefined();
      expect(VETO_SYNONYMS[k]).toBeUndefined();
    }
  });

  it('a setup workbook whose mode cell says "constructor" is a problem named by its cell, not a function', () => {
    const r = setupToPlan({
      设置: [
        ['项目', '值'],
        ['考核名称', 'X'],
        ['签字方式', 'constructor'],
      ],
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(JSON.stringify(r.issues)).not.toContain('function');
  });

  it('block codes __proto__ and constructor keep their subtotals through compile and its JSON', async () => {
    const j = miniPlanJson();
    j.signing = 'name';
    j.rubrics[0].sampleRatio = 1;
    j.rubrics[0].items[0].code = '__proto__';
    j.rubrics[0].items[0].children[0].code = 'toString';
    j.rubrics[0].items[0].children[1].code = 'hasOwnProperty';
    j.rubrics[0].items[1].code = 'constructor';
    const plan = mustLoad(j);
    const unit = j.units[0].id as string;
    const s = blankSheet(plan, unit);
    const common = { completion: '已完成', basis: '台账核实', verifiedBy: '实地查看' };
    for (const leaf of plan.rubrics.get('mini')!.leaves)
      setEntry(s, leaf.code, { score: leaf.isVeto ? '否' : Number(leaf.max!.digits) / 10 ** leaf.max!.scale, ...common });
    await runToSeal(s, plan, unit, { keys: noKeys });
    const report = await evaluate(s, plan, { mode: 'verify' });
    const result = compile(plan, [{ file: 'x.xlsx', report }]);
    const row = result.summary.find((r) => r.unit === unit)!;
    expect(Object.keys(row.blocks).sort()).toEqual(['__proto__', 'constructor']); // the veto-only block 9 has no subtotal
    expect(row.blocks['__proto__']).toBe(8);
    expect(row.blocks['constructor']).toBe(6.5);
    const json = JSON.parse(JSON.stringify({ blocks: row.blocks })) as { blocks: Record<string, number> };
    expect(Object.getOwnPropertyNames(json.blocks)).toContain('__proto__');
  });
});
