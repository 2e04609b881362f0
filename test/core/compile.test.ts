/**
 * SPEC §6 compile on sheets sealed in memory (with the demo keys): totals with adjusted re-check
 * scores, block subtotals, grades, veto, ranks with ties, quota warning, the appraiser analysis
 * against numbers worked out by hand, failed, duplicate and missing sheets, name-only plans.
 */
import { compile, type CompileInput, type CompileResult, type UnitSummary } from '../../src/core/compile/compile';
import { deriveKeyPair } from '../../src/core/crypto/ed25519';
import type { Plan } from '../../src/core/plan/plan';
import { runToSeal, noKeys, type FlowOpts } from '../support/flow';
import {
  blankSheet,
  cloneSheet,
  evaluate,
  keyRing,
  miniPlanJson,
  mustLoad,
  setCell,
  setEntry,
  type Json,
  type MemSheet,
  said,
} from '../support/memory';

jest.setTimeout(60_000); // generous, so a loaded machine slows the suite rather than failing it

/** mini rubric (1.1 /5, 1.2 /3, 2.1 /4, 2.2 /2.5, 9.1 veto), every leaf re-checked (ratio 1). */
function compilePlanJson(): Json {
  const j = miniPlanJson();
  j.rubrics[0].sampleRatio = 1;
  j.rubrics[0].grades = [
    { name: '优秀', min: 13 },
    { name: '良好', min: 11 },
    { name: '一般', min: 8 },
    { name: '较差', min: 0 },
  ];
  j.people.find((p: Json) => p.id === 'p01').recuse = [];
  j.units = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7'].map((id) => ({ id, name: `${id}镇`, rubric: 'mini' }));
  return j;
}

const plan: Plan = mustLoad(compilePlanJson());
const NOW = new Date('2026-11-30T08:00:00.000Z');
const keys = keyRing(deriveKeyPair);
/** the summary rows of the sheets given (units of the plan with no sheet are listed as missing) */
const present = (r: CompileResult): UnitSummary[] => r.summary.filter((x) => x.status !== 'missing');
const quota = (r: CompileResult): CompileResult['warnings'] => r.warnings.filter((w) => w.code === 'QUOTA_EXCEEDED');

type Scores = [number, number, number, number, '是' | '否'];
const SCORES: Record<string, Scores> = {
  c1: [5, 3, 4, 2, '否'], // 8 + 6 = 14
  c2: [4.5, 2.5, 3, 2, '否'], // 7 + 5 = 12
  c3: [5, 1, 4, 2, '否'], // 6 + 6 = 12
  c4: [2, 2, 2, 2, '否'], // 8, re-check adjusts 1.1 to 3 → 9
  c5: [5, 3, 4, 1.5, '是'], // 13.5 with a triggered veto
  c6: [5, 3, 4, 2.5, '否'], // 14.5, re-check finds the veto triggered
  c7: [5, 3, 4, 2.5, '否'], // sealed, then a score is changed → fails verification
};
const G1_SCORER: Record<string, string> = { c1: 'p01', c2: 'p01', c3: 'p03', c4: 'p03', c5: 'p01', c6: 'p01', c7: 'p01' };

function filled(unit: string): MemSheet {
  const s = blankSheet(plan, unit);
  const [a, b, c, d, v] = SCORES[unit]!;
  const common = { completion: '已完成', basis: '台账核实', verifiedBy: '实地查看' };
  setEntry(s, '1.1', { score: a, ...common });
  setEntry(s, '1.2', { score: b, ...common });
  setEntry(s, '2.1', { score: c, ...common });
  setEntry(s, '2.2', { score: d, ...common });
  setEntry(s, '9.1', { score: v, ...common });
  return s;
}

const sheets = new Map<string, MemSheet>();
const inputs = async (units: readonly string[], mode: 'verify' | 'validate' = 'verify'): Promise<CompileInput[]> =>
  Promise.all(units.map(async (u) => ({ file: `${u}.xlsx`, report: await evaluate(sheets.get(u)!, plan, { mode }) })));
const row = (r: CompileResult, unit: string): UnitSummary => r.summary.find((x) => x.unit === unit)!;

beforeAll(async () => {
  for (const unit of Object.keys(SCORES)) {
    const s = filled(unit);
    const o: FlowOpts = {
      keys,
      now: NOW,
      signers: { G1: [G1_SCORER[unit]!, 'p02'], G2: ['p04', 'p05'] },
      recheck: (code) =>
        unit === 'c4' && code === '1.1'
          ? { result: 'adjusted', score: '3', note: '现场核查多完成一项' }
          : unit === 'c6' && code === '9.1'
            ? { result: 'adjusted', score: '是', note: '经查发生事故' }
            : { result: 'confirmed', note: '无误' },
    };
    const { sampled } = await runToSeal(s, plan, unit, o);
    expect(sampled).toEqual(['1.1', '1.2', '2.1', '2.2', '9.1']); // ratio 1: every leaf
    sheets.set(unit, s);
  }
  const tampered = sheets.get('c7')!;
  setCell(tampered, 'E7', 4);
});

describe('compile', () => {
  it('every sheet but the tampered one verifies', async () => {
    for (const { report } of await inputs(['c1', 'c2', 'c3', 'c4', 'c5', 'c6'])) {
      expect(report.findings.filter((f) => f.code !== 'LENIENT_SHEET')).toEqual([]);
      expect(report.stage).toBe('sealed');
      expect(report.verdict).toBe('verified');
    }
  });

  it('totals use adjusted re-check scores; blocks are subtotals of the top-level blocks', async () => {
    const r = compile(plan, await inputs(['c1', 'c2', 'c3', 'c4']));
    expect(present(r).map((x) => [x.unit, x.total, x.blocks])).toEqual([
      ['c1', 14, { '1': 8, '2': 6 }],
      ['c2', 12, { '1': 7, '2': 5 }],
      ['c3', 12, { '1': 6, '2': 6 }],
      ['c4', 9, { '1': 5, '2': 4 }],
    ]);
    expect(row(r, 'c4').adjusted).toBe(1);
    expect(row(r, 'c1').adjusted).toBe(0);
    // the sheet itself still shows the original score
    expect(sheets.get('c4')!.cells[6]![4]).toBe(2);
  });

  it('grades by bands, ties share a rank (1, 2, 2, 4), all verified', async () => {
    const r = compile(plan, await inputs(['c4', 'c3', 'c1', 'c2']));
    expect(present(r).map((x) => [x.unit, x.rank, x.grade, x.status, x.veto])).toEqual([
      ['c1', 1, '优秀', 'verified', false],
      ['c2', 2, '良好', 'verified', false],
      ['c3', 2, '良好', 'verified', false],
      ['c4', 4, '一般', 'verified', false],
    ]);
    expect(row(r, 'c1')).toMatchObject({ name: 'c1镇', category: '乡镇', file: 'c1.xlsx' });
  });

  it('a triggered veto forces vetoGrade whatever the total; an adjusted re-check can trigger it', async () => {
    const r = compile(plan, await inputs(['c1', 'c5', 'c6']));
    expect(row(r, 'c5')).toMatchObject({ total: 13.5, veto: true, grade: '较差' });
    expect(row(r, 'c6')).toMatchObject({ total: 14.5, veto: true, grade: '较差', adjusted: 1 });
    expect(row(r, 'c1')).toMatchObject({ total: 14, veto: false, grade: '优秀' });
    // vetoed units rank after every unit without a veto, then by total
    expect(present(r).map((x) => [x.unit, x.rank])).toEqual([
      ['c1', 1],
      ['c6', 2],
      ['c5', 3],
    ]);
  });

  it('quota excess is a warning, never a change of grades (1 of 4 优秀 > 20%; 1 of 5 is not)', async () => {
    const over = compile(plan, await inputs(['c1', 'c2', 'c3', 'c4']));
    expect(quota(over).map((w) => [w.code, w.severity])).toEqual([['QUOTA_EXCEEDED', 'warning']]);
    expect(said(quota(over)[0]!)).toContain('优秀');
    expect(said(quota(over)[0]!)).toContain('25%');
    expect(row(over, 'c1').grade).toBe('优秀');
    const within = compile(plan, await inputs(['c1', 'c2', 'c3', 'c4', 'c5']));
    expect(quota(within)).toEqual([]);
  });

  it('a failed sheet is listed with status failed, no rank and no grade, and takes no rank from others', async () => {
    const r = compile(plan, await inputs(['c1', 'c2', 'c7']));
    expect(row(r, 'c7')).toMatchObject({ status: 'failed', rank: null, grade: null });
    expect(row(r, 'c7').errors).toBeGreaterThan(0);
    expect(row(r, 'c1').rank).toBe(1);
    expect(row(r, 'c2').rank).toBe(2);
    expect(r.findings.some((f) => f.file === 'c7.xlsx' && f.code === 'SEAL_INVALID')).toBe(true);
  });

  it('an unsealed sheet fails in compile', async () => {
    const r = compile(plan, [
      ...(await inputs(['c1'])),
      { file: 'raw.xlsx', report: await evaluate(filled('c2'), plan, { mode: 'verify' }) },
    ]);
    expect(row(r, 'c2')).toMatchObject({ status: 'failed', rank: null, grade: null, file: 'raw.xlsx' });
  });

  it('DUPLICATE_UNIT: the same unit in two files — no copy is ranked, each carries the finding', async () => {
    const r = compile(plan, [...(await inputs(['c1', 'c2'])), { file: 'again.xlsx', report: (await inputs(['c2']))[0]!.report }]);
    const c2 = r.summary.filter((x) => x.unit === 'c2');
    expect(c2.map((x) => [x.file, x.status, x.rank, x.grade]).sort()).toEqual([
      ['again.xlsx', 'duplicate', null, null],
      ['c2.xlsx', 'duplicate', null, null],
    ]);
    const dup = r.findings.filter((f) => f.code === 'DUPLICATE_UNIT');
    expect(dup.map((f) => [f.file, f.severity]).sort()).toEqual([
      ['again.xlsx', 'error'],
      ['c2.xlsx', 'error'],
    ]);
    expect(said(dup[0]!)).toContain('c2.xlsx, again.xlsx');
    expect(row(r, 'c1').rank).toBe(1);
    // a duplicated unit feeds no appraiser figure twice (or at all)
    expect(r.appraisers.find((a) => a.person === 'p01')!.items).toBe(2);
  });

  it('SHEET_MISSING: a unit of the plan with no sheet is listed as not received, with a warning', async () => {
    const r = compile(plan, await inputs(['c1']));
    expect(r.summary.filter((x) => x.status === 'missing').map((x) => x.unit)).toEqual(['c2', 'c3', 'c4', 'c5', 'c6', 'c7']);
    expect(r.warnings.filter((w) => w.code === 'SHEET_MISSING').map((w) => [w.unit, w.severity])).toEqual(
      ['c2', 'c3', 'c4', 'c5', 'c6', 'c7'].map((u) => [u, 'warning']),
    );
    expect(said(r.warnings.find((w) => w.code === 'SHEET_MISSING')!)).toBe('考核方案中的 c2镇（c2）没有收到考核表');
  });

  it('without an envelope register one warning says the seal codes were not checked; with one, none', async () => {
    const without = compile(plan, await inputs(['c1']));
    expect(without.warnings.filter((w) => w.code === 'SEAL_NOT_REGISTERED').map((w) => said(w))).toEqual([
      '未提供封袋登记：密封码未与纸质封袋核对',
    ]);
    expect(compile(plan, await inputs(['c1']), { register: true }).warnings.filter((w) => w.code === 'SEAL_NOT_REGISTERED')).toEqual([]);
  });

  it('each row names its sealer, the time and the seal code', async () => {
    const r = compile(plan, await inputs(['c1']));
    expect(row(r, 'c1')).toMatchObject({
      sealer: '李娜',
      sealedAt: NOW.toISOString(),
      sealCode: sheets.get('c1')!.cells.find((x) => x[0] === '密封码')![1],
    });
  });

  it('appraisers: items, mean score/max, full-marks share, z-score (population) and adjustments — by hand', async () => {
    const r = compile(plan, await inputs(['c1', 'c2', 'c3', 'c4']));
    // scorer ratios (original scores, veto items excluded), written out by hand:
    const ratios: Record<string, number[]> = {
      p01: [5 / 5, 3 / 3, 4.5 / 5, 2.5 / 3], // c1, c2
      p03: [5 / 5, 1 / 3, 2 / 5, 2 / 3], // c3, c4
      p04: [4 / 4, 2 / 2.5, 3 / 4, 2 / 2.5, 4 / 4, 2 / 2.5, 2 / 4, 2 / 2.5], // c1..c4
    };
    const mean = (a: number[]): number => a.reduce((x, y) => x + y, 0) / a.length;
    const means = Object.fromEntries(Object.entries(ratios).map(([k, v]) => [k, mean(v)]));
    const mu = mean(Object.values(means));
    const sd = Math.sqrt(mean(Object.values(means).map((m) => (m - mu) ** 2)));
    expect(sd).toBeCloseTo(0.137356, 5);

    // the scorers (reviewers who scored nothing have no weaker signals), most lenient by re-check first:
    // p01 and p04 all confirmed (0, then by z); c4's 1.1 of p03 was raised from 2 to 3 (negative)
    expect(r.appraisers.filter((a) => a.items > 0).map((a) => a.person)).toEqual(['p01', 'p04', 'p03']);
    const a = Object.fromEntries(r.appraisers.map((x) => [x.person, x]));
    expect(a.p01).toMatchObject({ name: '张伟（纪委监察局）', items: 4, fullShare: 0.5, adjustedCount: 0 });
    expect(a.p03).toMatchObject({ name: '陈静', items: 4, fullShare: 0.25, adjustedCount: 1 });
    expect(a.p04).toMatchObject({ name: '张伟（县发改局）', items: 8, fullShare: 0.25, adjustedCount: 0 });
    for (const p of ['p01', 'p03', 'p04']) {
      expect(a[p]!.meanRatio).toBeCloseTo(means[p]!, 4);
      expect(a[p]!.z).toBeCloseTo((means[p]! - mu) / sd, 3);
    }
    expect(a.p01!.z).toBeCloseTo(1.117, 3);
    expect(a.p03!.z).toBeCloseTo(-1.309, 3);
    expect(a.p04!.z).toBeCloseTo(0.192, 3);
  });

  it('appraiser analysis leaves out failed sheets', async () => {
    const r = compile(plan, await inputs(['c1', 'c7']));
    expect(r.appraisers.find((x) => x.person === 'p01')!.items).toBe(2); // c1 only
  });

  it('a reviewer is not a scorer in the analysis: no weaker signals, only the re-check figures', async () => {
    const r = compile(plan, await inputs(['c1', 'c2']));
    expect(
      r.appraisers
        .filter((x) => x.items > 0)
        .map((x) => x.person)
        .sort(),
    ).toEqual(['p01', 'p04']);
    for (const id of ['p02', 'p05'])
      expect(r.appraisers.find((x) => x.person === id)).toMatchObject({
        items: 0,
        meanRatio: null,
        fullShare: null,
        z: null,
        adjustedCount: 0,
        lenient: false,
        asScorer: { rechecked: 0 },
        asReviewer: { rechecked: 4, adjusted: 0 },
      });
  });

  it('an en-US plan seals and compiles the same way, its quota warning in English', async () => {
    const en = mustLoad({ ...compilePlanJson(), locale: 'en-US' });
    const reports: CompileInput[] = [];
    for (const unit of ['c1', 'c2', 'c3', 'c4']) {
      const s = blankSheet(en, unit);
      const [a, b, c, d, v] = SCORES[unit]!;
      const common = { completion: 'done', basis: 'ledger', verifiedBy: 'on-site' };
      (['1.1', '1.2', '2.1', '2.2'] as const).forEach((code, i) => setEntry(s, code, { score: [a, b, c, d][i]!, ...common }));
      setEntry(s, '9.1', { score: v, ...common });
      await runToSeal(s, en, unit, { keys, now: NOW, signers: { G1: ['p01', 'p02'], G2: ['p04', 'p05'] } });
      reports.push({ file: `${unit}.xlsx`, report: await evaluate(s, en, { mode: 'verify' }) });
    }
    for (const { report } of reports) expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const r = compile(en, reports, { register: true });
    expect(present(r).map((x) => [x.unit, x.total, x.rank, x.grade])).toEqual([
      ['c1', 14, 1, '优秀'],
      ['c2', 12, 2, '良好'],
      ['c3', 12, 2, '良好'],
      ['c4', 8, 4, '一般'],
    ]);
    expect(quota(r).map((w) => said(w, 'en-US'))).toEqual([expect.stringMatching(/above the 20% quota/)]);
  });

  it('an unreadable sheet still yields a failed summary row', async () => {
    const broken = cloneSheet(sheets.get('c1')!);
    broken.cells[4] = broken.cells[4]!.map(() => null); // header gone
    const report = await evaluate(broken, plan, { mode: 'verify' });
    const r = compile(plan, [{ file: 'broken.xlsx', report }]);
    expect(present(r)).toHaveLength(1);
    expect(present(r)[0]).toMatchObject({ status: 'failed', total: null, rank: null });
  });

  it('a name-only plan: sheets are ranked but marked names-only (never verified), and feed no appraiser analysis', async () => {
    const named = mustLoad({ ...compilePlanJson(), signing: 'name' });
    const s = blankSheet(named, 'c1');
    const [a, b, c, d, v] = SCORES.c1!;
    const common = { completion: '已完成', basis: '台账核实', verifiedBy: '实地查看' };
    (['1.1', '1.2', '2.1', '2.2'] as const).forEach((code, i) => setEntry(s, code, { score: [a, b, c, d][i]!, ...common }));
    setEntry(s, '9.1', { score: v, ...common });
    await runToSeal(s, named, 'c1', { keys: noKeys, now: NOW, signers: { G1: ['p01', 'p02'], G2: ['p04', 'p05'] } });
    const report = await evaluate(s, named, { mode: 'verify' });
    expect(report.verdict).toBe('names-only');
    const r = compile(named, [{ file: 'c1.xlsx', report }]);
    expect(row(r, 'c1')).toMatchObject({ status: 'names-only', rank: 1, total: 14 });
    expect(r.appraisers).toEqual([]);
    expect(r.agreement.all.rechecked).toBe(0);
  });
});
