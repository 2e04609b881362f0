/** Generated plans and sheets for benchmarks (and tests that need big inputs). */
import { loadPlan, type Plan } from '../src/core/plan/plan';
import type { CellValue } from '../src/core/sheet/cells';
import { encodeLogRow } from '../src/core/sheet/log';
import type { RawSheet } from '../src/core/sheet/parse';
import { buildTemplate, col } from '../src/core/sheet/template';

/** A plan with one rubric of `blocks × perBlock` scored leaves in three groups, and one unit. */
export function bigPlan(blocks: number, perBlock: number, units = 1): Plan {
  const items = Array.from({ length: blocks }, (_, b) => ({
    code: String(b + 1),
    name: `考核模块${b + 1}`,
    group: `G${(b % 3) + 1}`,
    children: Array.from({ length: perBlock }, (_, i) => ({
      code: `${b + 1}.${i + 1}`,
      name: `考核项目${b + 1}.${i + 1}`,
      criteria: '未完成的每项扣0.5分',
      max: 5,
      mode: 'deduct',
    })),
  }));
  const plan = {
    schema: 'scoreseal/plan@1',
    title: '基准测试',
    rubrics: [
      {
        id: 'big',
        title: '大型细则',
        category: '乡镇',
        step: 0.5,
        grades: [
          { name: '优秀', min: 90 },
          { name: '较差', min: 0 },
        ],
        items,
      },
    ],
    people: [
      { id: 'a1', name: '甲', role: 'appraiser', groups: ['G1', 'G2', 'G3'] },
      { id: 'a2', name: '乙', role: 'appraiser', groups: ['G1', 'G2', 'G3'] },
      { id: 'o1', name: '丙', role: 'oversight' },
    ],
    units: Array.from({ length: units }, (_, i) => ({ id: `u${i + 1}`, name: `单位${i + 1}`, rubric: 'big' })),
  };
  const r = loadPlan(plan);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.plan;
}

/** The unit's score sheet, every leaf filled validly, as an edge would read it. */
export function filledSheet(plan: Plan, unit: string): { raw: RawSheet; logRows: CellValue[][] } {
  const tpl = buildTemplate(plan, unit);
  const cells = tpl.cells.map((r, i) => {
    const row = [...r];
    if (tpl.rowKinds[i] === 'leaf') {
      row[col('score')] = 4.5;
      row[col('completion')] = '已完成';
      row[col('basis')] = '台账缺一项，扣0.5分';
      row[col('verifiedBy')] = '实地查看、资料审核';
    }
    return row;
  });
  return { raw: { name: tpl.sheetName, cells }, logRows: [encodeLogRow('plan', tpl.planRecord)] };
}
