/**
 * The appraiser analysis against the oversight's re-checks (issue 14) in compile, on sheets
 * signed and sealed in memory with the demo keys: every figure of a small compile worked out by
 * hand below; the weaker signals flag the appraiser who merely gave full marks that the
 * oversight confirmed, the re-checks flag the one whose scores were cut; failed and name-only
 * sheets feed nothing; and the two properties of the issue on whole compiles — a confirming
 * re-check moves every bias towards zero, and swapping scorer and reviewer changes nothing at
 * group or rubric level.
 */
import fc from 'fast-check';
import { compile, type AgreementRow, type AppraiserRow, type CompileInput, type CompileResult } from '../../src/core/compile/compile';
import { analysisLines } from '../../src/cli/compile';
import { deriveKeyPair } from '../../src/core/crypto/ed25519';
import type { Plan } from '../../src/core/plan/plan';
import { noKeys, runToSeal, type KeyOf } from '../support/flow';
import {
  blankSheet,
  cellOf,
  cloneSheet,
  evaluate,
  keyRing,
  miniPlanJson,
  mustLoad,
  setCell,
  setEntry,
  type Json,
  type MemSheet,
} from '../support/memory';

jest.setTimeout(60_000); // generous, so a loaded machine slows the suite rather than failing it

/** mini rubric (1.1 /5, 1.2 /3 in G1; 2.1 /4, 2.2 /2.5 in G2; 9.1 veto), every leaf re-checked (ratio 1). */
function planJson(signing: 'key' | 'name' = 'key'): Json {
  const j = miniPlanJson();
  j.signing = signing;
  j.rubrics[0].sampleRatio = 1;
  j.people.find((p: Json) => p.id === 'p01').recuse = [];
  j.units = ['k1', 'k2', 'k3', 'k4', 'k5'].map((id) => ({ id, name: `${id}镇`, rubric: 'mini' }));
  return j;
}
const plan: Plan = mustLoad(planJson());
const NOW = new Date('2026-11-30T08:00:00.000Z');
const keys = keyRing(deriveKeyPair);

/**
 * Scores and re-checks (null = confirmed). G1 is scored by p01 (reviewer p02) in k1–k3 and by
 * p02 (reviewer p03) in k4; G2 by p04 (reviewer p05) everywhere, always at full marks, always
 * confirmed. k5 is all confirmed (the extra confirming re-checks of the property).
 */
const UNITS: Record<string, { g1: [string, string]; scores: [number, number, number, number]; rc: [number | null, number | null] }> = {
  k1: { g1: ['p01', 'p02'], scores: [5, 3, 4, 2.5], rc: [4, 2.5] }, // deviations +1 (share 1/5), +0.5 (1/6)
  k2: { g1: ['p01', 'p02'], scores: [5, 3, 4, 2.5], rc: [4.5, null] }, // +0.5 (1/10), 0
  k3: { g1: ['p01', 'p02'], scores: [4, 2, 4, 2.5], rc: [3, 1.5] }, // +1 (1/5), +0.5 (1/6)
  k4: { g1: ['p02', 'p03'], scores: [3, 2, 4, 2.5], rc: [null, 2.5] }, // 0, −0.5 (−1/6)
  k5: { g1: ['p01', 'p02'], scores: [4, 2, 4, 2.5], rc: [null, null] }, // 0, 0
};

async function sealed(p: Plan, unit: string, swap: boolean, keyOf: KeyOf = keys): Promise<MemSheet> {
  const u = UNITS[unit]!;
  const s = blankSheet(p, unit);
  const common = { completion: '已完成', basis: '台账核实', verifiedBy: '实地查看' };
  (['1.1', '1.2', '2.1', '2.2'] as const).forEach((code, i) => setEntry(s, code, { score: u.scores[i]!, ...common }));
  setEntry(s, '9.1', { score: '否', ...common });
  const pair = (x: readonly [string, string]): [string, string] => (swap ? [x[1], x[0]] : [x[0], x[1]]);
  const { sampled } = await runToSeal(s, p, unit, {
    keys: keyOf,
    now: NOW,
    signers: { G1: pair(u.g1), G2: pair(['p04', 'p05']) },
    recheck: (code) => {
      const score = code === '1.1' ? u.rc[0] : code === '1.2' ? u.rc[1] : null;
      return score === null
        ? { result: 'confirmed', note: '无误' }
        : { result: 'adjusted', score: String(score), note: '现场复核：台账与实际不符' };
    },
  });
  expect(sampled).toEqual(['1.1', '1.2', '2.1', '2.2', '9.1']);
  return s;
}

/** sealed sheets: [unit][swapped ? 1 : 0] */
const pool = new Map<string, [CompileInput, CompileInput]>();
const input = async (s: MemSheet, unit: string, p: Plan = plan): Promise<CompileInput> => ({
  file: `${unit}.xlsx`,
  report: await evaluate(s, p, { mode: 'verify' }),
});
const normal = (...units: string[]): CompileInput[] => units.map((u) => pool.get(u)![0]);
const person = (r: CompileResult, id: string): AppraiserRow => r.appraisers.find((a) => a.person === id)!;

beforeAll(async () => {
  for (const unit of Object.keys(UNITS)) {
    const pair: CompileInput[] = [];
    for (const swap of [false, true]) {
      const c = await input(await sealed(plan, unit, swap), unit);
      expect(c.report.verdict).toBe('verified');
      pair.push(c);
    }
    pool.set(unit, pair as [CompileInput, CompileInput]);
  }
});

// t quantiles t_{0.975, df} (standard tables): df 1, 5, 7, 15
const T1 = 12.706204736174698;
const T5 = 2.5705818366147395;
const T7 = 2.3646242515927849;
const T15 = 2.131449545559323;

describe('compile: bias against the re-checks, worked by hand (k1–k4)', () => {
  let r: CompileResult;
  beforeAll(() => {
    r = compile(plan, normal('k1', 'k2', 'k3', 'k4'));
  });

  it('p01 (scored G1 in k1–k3, cut five times of six) is lenient: the whole interval lies above 0', () => {
    // shares 1/5, 1/6, 1/10, 0, 1/5, 1/6 = (6, 5, 3, 0, 6, 5)/30; mean = 25/180 = 5/36 = 0.138889
    // squares around the mean, in (1/30)²: 1.8333² + 0.8333² + 1.1667² + 4.1667² + 1.8333² + 0.8333² = 26.8333
    // sd = √(26.8333/5)/30 = 0.0772202; half width = t(.975, 5) · sd/√6 = 2.570582 · 0.0315251 = 0.0810380
    // interval [0.057851, 0.219927]; points 1, .5, .5, 0, 1, .5 → mean 0.583333, sd 0.376386, [0.188340, 0.978327]
    const a = person(r, 'p01');
    expect(a.asScorer).toEqual(a.overall);
    expect(a.overall).toMatchObject({ rechecked: 6, adjusted: 5, verdict: 'lenient' });
    expect(a.overall.meanShare).toBeCloseTo(5 / 36, 5);
    expect(a.overall.meanShare).toBeCloseTo(0.138889, 5);
    const half = (T5 * Math.sqrt(26.8333333333 / 5)) / 30 / Math.sqrt(6);
    expect(half.toFixed(6)).toBe('0.081038');
    expect(a.overall.intervalShare![0]).toBeCloseTo(0.057851, 5);
    expect(a.overall.intervalShare![1]).toBeCloseTo(0.219927, 5);
    expect(a.overall.meanPoints).toBeCloseTo(0.583333, 5);
    expect(a.overall.intervalPoints![0]).toBeCloseTo(0.18834, 5);
    expect(a.overall.intervalPoints![1]).toBeCloseTo(0.978327, 5);
    expect(a.verdict).toBe('lenient');
    expect(a.asReviewer).toEqual({
      rechecked: 0,
      adjusted: 0,
      meanPoints: null,
      meanShare: null,
      intervalPoints: null,
      intervalShare: null,
      verdict: 'too-few',
    });
    // the weaker signals do not see it: mean ratio (1+1+1+1+.8+2/3)/6 = 0.911111, full marks 4/6, z 0.403
    expect(a).toMatchObject({ items: 6, fullShare: 0.6667, adjustedCount: 5, lenient: false });
    expect(a.meanRatio).toBeCloseTo(0.911111, 4);
    expect(a.z).toBeCloseTo(0.403, 3);
  });

  it('p04 (full marks in G2 everywhere, all confirmed) is flagged by the weaker signal only', () => {
    // eight deviations of 0: mean 0, sd 0, interval [0, 0] holds 0 → no bias shown
    const a = person(r, 'p04');
    expect(a.overall).toEqual({
      rechecked: 8,
      adjusted: 0,
      meanPoints: 0,
      meanShare: 0,
      intervalPoints: [0, 0],
      intervalShare: [0, 0],
      verdict: 'consistent',
    });
    // scorer means 1 (p04), 0.911111 (p01), (3/5 + 2/3)/2 = 0.633333 (p02): μ 0.848148, σ 0.156172 (population)
    expect(a).toMatchObject({ items: 8, meanRatio: 1, fullShare: 1, lenient: true });
    expect(a.z).toBeCloseTo((1 - 0.848148) / 0.156172, 2);
    expect(person(r, 'p05')).toMatchObject({ verdict: 'consistent', items: 0, meanRatio: null, fullShare: null, z: null, lenient: false });
  });

  it('p02 is judged in each role: lenient as reviewer of p01, too few as scorer, no bias shown over both', () => {
    const a = person(r, 'p02');
    expect(a.asReviewer).toEqual(person(r, 'p01').asScorer); // reviewed exactly p01's items
    // as scorer (k4): shares 0, −1/6 → mean −1/12; sd = (1/6)/√2; half = t(.975, 1) · (1/12) = 1.058850
    expect(a.asScorer).toMatchObject({ rechecked: 2, adjusted: 1, verdict: 'too-few' });
    expect(a.asScorer.meanShare).toBeCloseTo(-1 / 12, 5);
    expect(a.asScorer.intervalShare![0]).toBeCloseTo(-1 / 12 - T1 / 12, 5);
    expect(a.asScorer.intervalShare![1]).toBeCloseTo(-1 / 12 + T1 / 12, 5);
    expect(a.asScorer.meanPoints).toBe(-0.25);
    // both roles: (6, 5, 3, 0, 6, 5, 0, −5)/30 → mean 20/240 = 1/12; squares around 2.5: 106 (in (1/30)²)
    // sd = √(106/7)/30 = 0.129713; half = t(.975, 7) · sd/√8 = 0.108443 → [−0.025109, 0.191776] holds 0
    expect(a.overall).toMatchObject({ rechecked: 8, adjusted: 6, verdict: 'consistent' });
    expect(a.overall.meanShare).toBeCloseTo(1 / 12, 5);
    expect(((T7 * Math.sqrt(106 / 7)) / 30 / Math.sqrt(8)).toFixed(6)).toBe('0.108443');
    expect(a.overall.intervalShare![0]).toBeCloseTo(-0.025109, 5);
    expect(a.overall.intervalShare![1]).toBeCloseTo(0.191776, 5);
    expect(a).toMatchObject({ items: 2, adjustedCount: 1, lenient: false });
    // p03 reviewed only k4's two G1 items
    expect(person(r, 'p03')).toMatchObject({ verdict: 'too-few', items: 0, overall: { rechecked: 2, adjusted: 1 } });
  });

  it('lists every signer, most lenient first (mean deviation share, then z, then id)', () => {
    // p01 +0.1389, p02 +0.0833, p04 0 (z 0.97), p05 0 (no z), p03 −0.0833
    expect(r.appraisers.map((a) => a.person)).toEqual(['p01', 'p02', 'p04', 'p05', 'p03']);
  });

  it('groups and the rubric: bias, confirmed share and Krippendorff alpha, by hand', () => {
    const { groups, rubrics, all, level, minRechecks } = r.agreement;
    expect({ level, minRechecks }).toEqual({ level: 0.95, minRechecks: 5 });
    expect(groups.map((g) => g.id)).toEqual(['G1', 'G2']);
    const g1 = groups[0]!;
    // G1 = p02's items: the same bias as p02 over both roles
    expect(g1).toMatchObject({
      id: 'G1',
      name: 'G1',
      rechecked: 8,
      adjusted: 6,
      confirmed: 2,
      confirmedShare: 0.25,
      verdict: 'consistent',
    });
    expect(g1.meanShare).toBeCloseTo(1 / 12, 5);
    // alpha (interval, 2 coders, 8 units, no missing values) on score/max:
    //   appraisers 1, 1, 1, 1, .8, 2/3, .6, 2/3; oversight .8, 5/6, .9, 1, .6, .5, .6, 5/6
    //   D_o = Σ(a − b)² / N = (.04 + 1/36 + .01 + 0 + .04 + 1/36 + 0 + 1/36) / 8 = 0.173333 / 8 = 0.0216667
    //   D_e = 2 Σ(v − v̄)² / (n − 1), the 16 values' mean v̄ = 12.8/16 = 0.8: Σ = 0.457778 → D_e = 0.0610370
    //   α = 1 − D_o / D_e = 0.645024
    expect(g1.alpha).toBeCloseTo(0.645024, 5);
    // G2: every value 1 (full marks, confirmed): D_e = 0, alpha undefined; all confirmed
    expect(groups[1]).toEqual({
      id: 'G2',
      name: 'G2',
      rechecked: 8,
      adjusted: 0,
      meanPoints: 0,
      meanShare: 0,
      intervalPoints: [0, 0],
      intervalShare: [0, 0],
      verdict: 'consistent',
      confirmed: 8,
      confirmedShare: 1,
      alpha: null,
    });
    // the rubric = all 16 items: shares of G1 and eight 0 → mean 1/24; sd 0.0985074; half = t(.975, 15) · sd/4
    // alpha: D_o = 0.173333/16 = 0.0108333, D_e = 2 · (0.457778 + 8 · 0.2²)/31 = 0.0501792 → α = 0.784107
    expect(rubrics).toHaveLength(1);
    const mini = rubrics[0]!;
    expect(mini).toMatchObject({ id: 'mini', name: '小型细则', rechecked: 16, adjusted: 6, confirmed: 10, confirmedShare: 0.625 });
    expect(mini.meanShare).toBeCloseTo(1 / 24, 5);
    expect(mini.meanPoints).toBeCloseTo(0.1875, 5);
    expect(mini.intervalShare![0]).toBeCloseTo(1 / 24 - (T15 * 0.0985074) / 4, 5);
    expect(mini.intervalShare![1]).toBeCloseTo(1 / 24 + (T15 * 0.0985074) / 4, 5);
    expect(mini.alpha).toBeCloseTo(0.784107, 5);
    expect(mini.verdict).toBe('consistent');
    expect(all).toEqual({ ...mini, id: '', name: '' });
  });

  it('veto items carry no points and stay out (each sheet re-checked 9.1, yet 16 items)', () => {
    expect(r.agreement.all.rechecked).toBe(4 * 4);
  });
});

describe('the command line shows it (human output, in the plan language)', () => {
  it('zh-CN: p01 flagged lenient with its interval, p04 only by the weaker signal; groups with alpha', () => {
    const lines = analysisLines('zh-CN', compile(plan, normal('k1', 'k2', 'k3', 'k4')));
    expect(lines[0]).toBe('考核人员：以监审复核为参照的偏差（原评分 − 复核分，按占满分比例；95% t 区间；复核不足 5 项不作判断）');
    expect(lines[1]).toBe('  p01   张伟（纪委监察局）  复核 6 项（调整 5 项），平均偏差 +13.9% [+5.8%, +22.0%]，⚠ 偏宽松');
    expect(lines[2]).toBe('        作为考核人：复核 6 项（调整 5 项），平均偏差 +13.9% [+5.8%, +22.0%]，⚠ 偏宽松；作为复查人：无复核');
    expect(lines[3]).toBe('        弱信号：评分 6 项，平均得分率 91.1%，满分占比 67%，Z = 0.40，复核调整 5 项');
    const p04 = lines.findIndex((l) => l.startsWith('  p04'));
    expect(lines[p04]).toBe('  p04   张伟（县发改局）  复核 8 项（调整 0 项），平均偏差 ±0.0% [±0.0%, ±0.0%]，未见偏差');
    expect(lines[p04 + 2]).toBe(
      '        弱信号：评分 8 项，平均得分率 100.0%，满分占比 100%，Z = 0.97，复核调整 0 项  ⚠ 疑似宽松（弱信号，以复核偏差为准）',
    );
    expect(lines.slice(-5)).toEqual([
      '与监审复核的一致程度（Krippendorff α，区间尺度，按得分占满分）',
      '  考核组 G1：8 项，确认不变 2 项（25.0%），α 0.645；复核 8 项（调整 6 项），平均偏差 +8.3% [−2.5%, +19.2%]，未见偏差',
      '  考核组 G2：8 项，确认不变 8 项（100.0%），α 无法计算；复核 8 项（调整 0 项），平均偏差 ±0.0% [±0.0%, ±0.0%]，未见偏差',
      '  考核细则 小型细则：16 项，确认不变 10 项（62.5%），α 0.784；复核 16 项（调整 6 项），平均偏差 +4.2% [−1.1%, +9.4%]，未见偏差',
      '  全部被复核项目：16 项，确认不变 10 项（62.5%），α 0.784；复核 16 项（调整 6 项），平均偏差 +4.2% [−1.1%, +9.4%]，未见偏差',
    ]);
  });

  it('en-US', () => {
    const lines = analysisLines('en-US', compile(plan, normal('k1', 'k2', 'k3', 'k4')));
    expect(lines[1]).toBe('  p01   张伟（纪委监察局）  6 re-checked (5 adjusted), mean +13.9% [+5.8%, +22.0%]: ⚠ lenient');
    expect(lines.at(-1)).toBe(
      '  All re-checked items: 16 items, 10 confirmed unchanged (62.5%), alpha 0.784; 16 re-checked (6 adjusted), mean +4.2% [−1.1%, +9.4%]: no bias shown',
    );
  });
});

describe('compile: what feeds the analysis', () => {
  it('a sheet that fails verification feeds nothing: p01 keeps k2 and k3 only, too few to judge', async () => {
    const tampered = cloneSheet(await sealed(plan, 'k1', false));
    setCell(tampered, cellOf(tampered, '1.1', 'score'), 4.5); // 1.1 changed after sealing
    const failed = await input(tampered, 'k1');
    expect(failed.report.verdict).toBe('failed');
    const r = compile(plan, [failed, ...normal('k2', 'k3', 'k4')]);
    expect(person(r, 'p01').overall).toMatchObject({ rechecked: 4, adjusted: 3, verdict: 'too-few' });
    expect(r.agreement.all.rechecked).toBe(12);
  });

  it('name-only sheets feed nothing', async () => {
    const named = mustLoad(planJson('name'));
    const c = await input(await sealed(named, 'k1', false, noKeys), 'k1', named);
    expect(c.report.verdict).toBe('names-only');
    const r = compile(named, [c]);
    expect(r.appraisers).toEqual([]);
    expect(r.agreement.all).toMatchObject({ rechecked: 0, confirmedShare: null, alpha: null, meanShare: null, verdict: 'too-few' });
    expect(r.agreement.groups).toEqual([]);
  });
});

describe('compile: properties of the issue', () => {
  const biasOf = (r: CompileResult): Map<string, number | null> => {
    const m = new Map<string, number | null>();
    for (const a of r.appraisers)
      for (const role of ['overall', 'asScorer', 'asReviewer'] as const) m.set(`${a.person}.${role}`, a[role].meanShare);
    for (const g of [...r.agreement.groups, ...r.agreement.rubrics, r.agreement.all]) m.set(`set:${g.id}`, g.meanShare);
    return m;
  };

  it('adding confirming re-checks (k5) moves every bias towards zero, for any set of sheets', () => {
    fc.assert(
      fc.property(fc.subarray(['k1', 'k2', 'k3', 'k4'], { minLength: 1 }), (units) => {
        const before = biasOf(compile(plan, normal(...units)));
        const after = biasOf(compile(plan, normal(...units, 'k5')));
        for (const [key, b] of before) {
          const a = after.get(key);
          if (b === null) continue;
          expect(a).not.toBeNull();
          expect(Math.abs(a!)).toBeLessThanOrEqual(Math.abs(b) + 1e-12);
          if (b !== 0) expect(Math.sign(a!)).toBe(Math.sign(b)); // towards zero, not across it
        }
        // and strictly for p01, who signed k5's G1 items (when p01 had any deviation)
        const p01 = before.get('p01.overall');
        if (p01) expect(Math.abs(after.get('p01.overall')!)).toBeLessThan(Math.abs(p01));
      }),
      { numRuns: 15 },
    );
  });

  it('swapping scorer and reviewer on any sheets changes nothing at group, rubric or overall level', () => {
    const units = ['k1', 'k2', 'k3', 'k4'];
    const reference = compile(plan, normal(...units));
    const sets = (r: CompileResult): AgreementRow[] => [...r.agreement.groups, ...r.agreement.rubrics, r.agreement.all];
    // all 16 choices of which sheets are signed with the roles swapped
    for (let mask = 0; mask < 16; mask++) {
      const r = compile(
        plan,
        units.map((u, i) => pool.get(u)![(mask >> i) & 1]!),
      );
      expect(sets(r)).toEqual(sets(reference));
      // each person's items over both roles are the same items, whoever scored them
      for (const a of reference.appraisers) expect(person(r, a.person).overall).toEqual(a.overall);
    }
    // with every sheet swapped, each person's roles trade places
    const swapped = compile(
      plan,
      units.map((u) => pool.get(u)![1]),
    );
    for (const a of reference.appraisers) {
      expect(person(swapped, a.person).asScorer).toEqual(a.asReviewer);
      expect(person(swapped, a.person).asReviewer).toEqual(a.asScorer);
    }
  });
});
