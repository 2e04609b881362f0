/**
 * Property: every rule fires on its case and only there. A random, fully valid filled sheet
 * gets ONE mutation from a catalogue; each mutation knows the single finding it must cause
 * and where. The sheet is unsigned, so SIGNER_MISSING is expected on every leaf whose
 * content is valid — and on no leaf whose content the mutation broke.
 */
import fc from 'fast-check';
import type { Finding, FindingCode } from '../../src/core/findings';
import type { CompiledRubric, RubricNode } from '../../src/core/plan/plan';
import { COL, blankSheet, evaluate, examplePlan, rowOf, setCell, setEntry, type MemSheet } from '../support/memory';

jest.setTimeout(60_000); // generous, so a loaded machine slows the suite rather than failing it

const plan = examplePlan();
const METHODS = ['实地查看', '资料审核', '部门数据', '座谈走访'];
const CONTENT_ERRORS = new Set<FindingCode>([
  'SCORE_MISSING',
  'SCORE_NOT_NUMBER',
  'SCORE_OUT_OF_RANGE',
  'SCORE_STEP',
  'COMPLETION_MISSING',
  'BASIS_MISSING',
  'VERIFIED_BY_MISSING',
  'VERIFIED_BY_UNKNOWN',
]);

interface Gen {
  score: number | string;
  completion: string;
  basis: string;
  verifiedBy: string;
}

const num = (n: RubricNode): number => Number(n.max!.digits) / 10 ** n.max!.scale;
const stepOf = (r: CompiledRubric): number => Number(r.step.digits) / 10 ** r.step.scale;
const text = fc.tuple(fc.constantFrom('已完成', '按计划完成', '台账齐全', '经查属实', 'Done'), fc.nat(99)).map(([w, n]) => `${w}${n}`);
const methods = fc
  .subarray(METHODS, { minLength: 1 })
  .filter((a) => !(a.length === 1 && a[0] === '资料审核'))
  .map((a) => a.join('、'));

function entryArb(n: RubricNode, r: CompiledRubric): fc.Arbitrary<Gen> {
  const score: fc.Arbitrary<number | string> = n.isVeto
    ? fc.constantFrom('是', '否')
    : fc.integer({ min: 0, max: n.maxUnits }).map((u) => u * stepOf(r));
  return fc.record({ score, completion: text, basis: text, verifiedBy: methods });
}

interface Ctx {
  s: MemSheet;
  n: RubricNode;
  e: Gen;
  r: CompiledRubric;
  row: number;
}

interface Mutation {
  readonly name: string;
  readonly applies: (c: Omit<Ctx, 's' | 'row'>) => boolean;
  readonly apply: (c: Ctx) => void;
  /** the one finding it causes (null: none), its column (or 'row' for A{row}, or a range) */
  readonly expect: (c: Ctx) => { code: FindingCode; severity: 'error' | 'warning'; cell: string; item: boolean } | null;
}

const at =
  (col: keyof typeof COL) =>
  (code: FindingCode, severity: 'error' | 'warning' = 'error', item = true) =>
  (c: Ctx) => ({ code, severity, cell: `${COL[col]}${c.row}`, item });
const always = (): boolean => true;
const scored = (c: { n: RubricNode }): boolean => !c.n.isVeto;
const fullWidth = (s: string): string => s.replace(/[0-9.]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));

const CATALOGUE: readonly Mutation[] = [
  { name: 'clear score', applies: always, apply: (c) => setCell(c.s, `E${c.row}`, null), expect: at('score')('SCORE_MISSING') },
  { name: 'text score', applies: always, apply: (c) => setCell(c.s, `E${c.row}`, '优'), expect: at('score')('SCORE_NOT_NUMBER') },
  {
    name: 'formula score',
    applies: always,
    apply: (c) => setCell(c.s, `E${c.row}`, { formula: '=1+1' }),
    expect: at('score')('SCORE_NOT_NUMBER'),
  },
  {
    name: '#REF! score',
    applies: always,
    apply: (c) => setCell(c.s, `E${c.row}`, { error: '#REF!' }),
    expect: at('score')('SCORE_NOT_NUMBER'),
  },
  {
    name: 'above max',
    applies: scored,
    apply: (c) => setCell(c.s, `E${c.row}`, num(c.n) + stepOf(c.r)),
    expect: at('score')('SCORE_OUT_OF_RANGE'),
  },
  { name: 'negative', applies: scored, apply: (c) => setCell(c.s, `E${c.row}`, -stepOf(c.r)), expect: at('score')('SCORE_OUT_OF_RANGE') },
  {
    name: 'off step',
    applies: (c) => scored(c) && c.n.maxUnits >= 1,
    apply: (c) => setCell(c.s, `E${c.row}`, stepOf(c.r) / 2 + (Number(c.e.score) >= num(c.n) ? 0 : Number(c.e.score))),
    expect: at('score')('SCORE_STEP'),
  },
  {
    name: 'full-width digits',
    applies: scored,
    apply: (c) => setCell(c.s, `E${c.row}`, fullWidth(String(c.e.score))),
    expect: at('score')('SCORE_NORMALISED', 'warning'),
  },
  {
    name: 'clear completion',
    applies: always,
    apply: (c) => setCell(c.s, `F${c.row}`, '   '),
    expect: at('completion')('COMPLETION_MISSING'),
  },
  {
    name: 'clear basis',
    applies: always,
    apply: (c) => setCell(c.s, `G${c.row}`, null),
    expect: (c) => {
      const needed = c.r.data.basisRequired === 'always' || c.e.score === '是' || (!c.n.isVeto && Number(c.e.score) < num(c.n));
      return needed ? at('basis')('BASIS_MISSING')(c) : null;
    },
  },
  {
    name: 'clear verified-by',
    applies: always,
    apply: (c) => setCell(c.s, `H${c.row}`, null),
    expect: at('verifiedBy')('VERIFIED_BY_MISSING'),
  },
  {
    name: 'unknown method',
    applies: always,
    apply: (c) => setCell(c.s, `H${c.row}`, `${c.e.verifiedBy}、电话询问`),
    expect: at('verifiedBy')('VERIFIED_BY_UNKNOWN'),
  },
  {
    name: 'materials only',
    applies: always,
    apply: (c) => setCell(c.s, `H${c.row}`, '资料审核'),
    expect: at('verifiedBy')('MATERIALS_ONLY', 'warning'),
  },
  { name: 'edit 分值', applies: scored, apply: (c) => setCell(c.s, `D${c.row}`, num(c.n) + 1), expect: at('max')('RUBRIC_MISMATCH') },
  {
    name: 'rename item',
    applies: always,
    apply: (c) => setCell(c.s, `B${c.row}`, `${c.n.name}（改）`),
    expect: at('item')('RUBRIC_MISMATCH'),
  },
  {
    name: 'hide row',
    applies: always,
    apply: (c) => (c.s.hiddenRows = [c.row]),
    expect: (c) => ({ code: 'SHEET_LAYOUT', severity: 'error', cell: `A${c.row}`, item: false }),
  },
  {
    name: 'merge score cells',
    applies: always,
    apply: (c) => c.s.merges.push(`E${c.row}:E${c.row + 1}`),
    expect: (c) => ({ code: 'SHEET_LAYOUT', severity: 'error', cell: `E${c.row}:E${c.row + 1}`, item: false }),
  },
];

const UNITS = ['u01', 'd01'] as const; // township: basis on deduction; department: basis always

const caseArb = fc.constantFrom(...UNITS).chain((unit) => {
  const r = plan.rubrics.get(plan.units.get(unit)!.rubric)!;
  return fc.record({
    unit: fc.constant(unit),
    entries: fc.tuple(...r.leaves.map((n) => entryArb(n, r))),
    mutation: fc.constantFrom(...CATALOGUE),
    pick: fc.nat(r.leaves.length - 1),
  });
});

describe('every content/structure rule fires on its case and only there', () => {
  it('one random mutation of a random valid sheet → exactly its finding', async () => {
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ unit, entries, mutation, pick }) => {
        const r = plan.rubrics.get(plan.units.get(unit)!.rubric)!;
        const leaves = r.leaves;
        const candidates = leaves.map((n, i) => ({ n, e: entries[i]! })).filter((c) => mutation.applies({ ...c, r }));
        fc.pre(candidates.length > 0);
        const { n, e } = candidates[pick % candidates.length]!;
        const s = blankSheet(plan, unit);
        leaves.forEach((leaf, i) => setEntry(s, leaf.code, entries[i]!));
        const ctx: Ctx = { s, n, e, r, row: rowOf(s, n.code) };
        mutation.apply(ctx);
        const expected = mutation.expect(ctx);
        seen.set(mutation.name, (seen.get(mutation.name) ?? 0) + 1);

        const findings = (await evaluate(s, plan)).findings;
        const errors = findings.filter((f) => f.severity === 'error' && f.code !== 'SIGNER_MISSING');
        const warnings = findings.filter((f) => f.severity === 'warning' && f.code !== 'LENIENT_SHEET');
        const show = (fs: Finding[]): string => fs.map((f) => `${f.code}@${f.cell}`).join(', ');

        if (!expected) {
          expect(show(errors)).toBe('');
          expect(show(warnings)).toBe('');
        } else {
          const hits = findings.filter((f) => f.code === expected.code && f.cell === expected.cell && f.severity === expected.severity);
          expect(hits).toHaveLength(1);
          expect(hits[0]!.unit).toBe(unit);
          if (expected.item) expect(hits[0]!.item).toBe(n.code);
          // no other finding of any kind (other than the stage's SIGNER_MISSING and the sheet-level leniency)
          const others = [...errors, ...warnings].filter((f) => f !== hits[0]);
          expect(show(others)).toBe('');
        }

        // SIGNER_MISSING: every leaf with valid content, once; never the one whose content broke
        const broken = expected && expected.severity === 'error' && CONTENT_ERRORS.has(expected.code) ? n.code : null;
        const missing = findings.filter((f) => f.code === 'SIGNER_MISSING');
        const expectedMissing = leaves.filter((l) => l.code !== broken).map((l) => l.code);
        expect(missing.map((f) => f.item).sort()).toEqual(expectedMissing.sort());
      }),
      { numRuns: 150 },
    );
    // the catalogue was exercised (each entry drawn at least once)
    for (const m of CATALOGUE) expect([m.name, seen.get(m.name) ?? 0]).not.toEqual([m.name, 0]);
  });
});
