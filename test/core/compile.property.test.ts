/**
 * Properties of compile (SPEC §6): totals do not depend on item order or sheet order, ranks
 * do not depend on which order sheets come in, and a zero-score item changes nothing.
 */
import fc from 'fast-check';
import { compile, type CompileInput } from '../../src/core/compile/compile';
import type { Plan } from '../../src/core/plan/plan';
import { noKeys, runToSeal } from '../support/flow';
import { blankSheet, evaluate, miniPlanJson, mustLoad, setEntry, type Json } from '../support/memory';

jest.setTimeout(60_000); // generous, so a loaded machine slows the suite rather than failing it

function planJson(): Json {
  const j = miniPlanJson();
  j.signing = 'name';
  j.people.find((p: Json) => p.id === 'p01').recuse = [];
  j.units = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => ({ id, name: `${id}乡`, rubric: 'mini' }));
  return j;
}
const plan = mustLoad(planJson());
/** the same plan with one more leaf, 2.3 (max m, group G2), under block 2 */
function planPlus(m: number): Plan {
  const j = planJson();
  j.rubrics[0].items[1].children.push({ code: '2.3', name: '新增', criteria: '', max: m, mode: 'award' });
  return mustLoad(j);
}

const LEAVES = ['1.1', '1.2', '2.1', '2.2'] as const;
const MAX_HALVES = [10, 6, 8, 5]; // in half points
/** scores in half points per leaf, and the veto answer */
type Scores = [number, number, number, number, string];
const scoresArb: fc.Arbitrary<Scores> = fc.tuple(
  fc.integer({ min: 0, max: MAX_HALVES[0]! }),
  fc.integer({ min: 0, max: MAX_HALVES[1]! }),
  fc.integer({ min: 0, max: MAX_HALVES[2]! }),
  fc.integer({ min: 0, max: MAX_HALVES[3]! }),
  fc.constantFrom('是', '否'),
);

function sheetFor(p: typeof plan, unit: string, sc: Scores, extra?: number) {
  const s = blankSheet(p, unit);
  const common = { completion: '已完成', basis: '依据', verifiedBy: '实地查看' };
  LEAVES.forEach((code, i) => setEntry(s, code, { score: (sc[i] as number) / 2, ...common }));
  setEntry(s, '9.1', { score: sc[4], ...common });
  if (extra !== undefined) setEntry(s, '2.3', { score: extra, ...common });
  return s;
}

function shuffled<T>(xs: readonly T[], keys: readonly number[]): T[] {
  return xs
    .map((x, i) => ({ x, k: keys[i % keys.length]! * 1000 + i }))
    .sort((a, b) => a.k - b.k)
    .map((e) => e.x);
}

const UNITS = ['a', 'b', 'c', 'd', 'e', 'f'];

describe('compile properties', () => {
  it('totals and block subtotals do not depend on the order of items or of sheets, and equal the sum of scores', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(scoresArb, { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(50), { minLength: 1, maxLength: 8 }),
        async (all, keys) => {
          const inputs: CompileInput[] = [];
          for (const [i, sc] of all.entries())
            inputs.push({ file: `${i}.xlsx`, report: await evaluate(sheetFor(plan, UNITS[i]!, sc), plan) });
          const a = compile(plan, inputs);
          const permuted = shuffled(inputs, keys).map((inp) => ({
            ...inp,
            report: { ...inp.report, items: shuffled(inp.report.items, [...keys].reverse()) },
          }));
          const b = compile(plan, permuted);
          const byUnit = (r: typeof a) => Object.fromEntries(r.summary.map((x) => [x.unit, [x.total, x.blocks, x.veto]]));
          expect(byUnit(b)).toEqual(byUnit(a));
          all.forEach((sc, i) => {
            const halves = sc.slice(0, 4) as number[];
            const [t] = byUnit(a)[UNITS[i]!]!;
            expect(t).toBe(halves.reduce((x, y) => x + y, 0) / 2);
            expect(byUnit(a)[UNITS[i]!]![1]).toEqual({ '1': (halves[0]! + halves[1]!) / 2, '2': (halves[2]! + halves[3]!) / 2 });
            expect(byUnit(a)[UNITS[i]!]![2]).toBe(sc[4] === '是');
          });
        },
      ),
      { numRuns: 40 },
    );
  });

  it('a zero-score item changes nothing in the total or its block', async () => {
    await fc.assert(
      fc.asyncProperty(scoresArb, fc.integer({ min: 1, max: 20 }), async (sc, mHalves) => {
        const m = mHalves / 2;
        const p2 = planPlus(m);
        const without = compile(plan, [{ file: 'x', report: await evaluate(sheetFor(plan, 'a', sc), plan) }]).summary[0]!;
        const withZero = compile(p2, [{ file: 'x', report: await evaluate(sheetFor(p2, 'a', sc, 0), p2) }]).summary[0]!;
        expect(withZero.total).toBe(without.total);
        expect(withZero.blocks).toEqual(without.blocks);
        // and the same item with points does count (the property is not vacuous)
        const withPoints = compile(p2, [{ file: 'x', report: await evaluate(sheetFor(p2, 'a', sc, m), p2) }]).summary[0]!;
        expect(withPoints.total).toBe(without.total! + m);
      }),
      { numRuns: 25 },
    );
  });

  describe('ranks of sealed sheets', () => {
    const sealed: CompileInput[] = [];
    const FIXED: Scores[] = [
      [10, 6, 8, 5, '否'], // 14.5
      [9, 6, 8, 4, '否'], // 13.5
      [10, 5, 7, 5, '否'], // 13.5
      [10, 6, 8, 5, '是'], // 14.5 vetoed
      [4, 4, 4, 4, '否'], // 8
      [9, 6, 8, 4, '是'], // 13.5 vetoed
    ];
    beforeAll(async () => {
      for (const [i, sc] of FIXED.entries()) {
        const s = sheetFor(plan, UNITS[i]!, sc);
        await runToSeal(s, plan, UNITS[i]!, {
          keys: noKeys,
          now: new Date('2026-12-01T00:00:00Z'),
          signers: { G1: ['p01', 'p02'], G2: ['p04', 'p05'] },
        });
        sealed.push({ file: `${UNITS[i]}.xlsx`, report: await evaluate(s, plan, { mode: 'verify' }) });
      }
      for (const s of sealed) expect(s.report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    });

    it('do not depend on the order sheets come in; ties share a rank; vetoed units after the rest', async () => {
      fc.assert(
        fc.property(fc.shuffledSubarray(sealed, { minLength: 1 }), (subset) => {
          const r = compile(plan, subset);
          // independent oracle: competition ranking on (no veto before veto, then total)
          const key = (i: CompileInput) => {
            const t = FIXED[UNITS.indexOf(i.report.unit)]!;
            return [t[4] === '是' ? 1 : 0, -(t[0] + t[1] + t[2] + t[3])];
          };
          for (const inp of subset) {
            const [v, t] = key(inp);
            const better = subset.filter((o) => {
              const [ov, ot] = key(o);
              return ov! < v! || (ov === v && ot! < t!);
            }).length;
            expect(r.summary.find((x) => x.unit === inp.report.unit)!.rank).toBe(better + 1);
          }
        }),
        { numRuns: 200 },
      );
    });
  });
});
