/**
 * Leniency from re-checks (src/core/compile/leniency.ts): the Student-t quantile against table
 * values and closed forms, the t interval and the bias verdicts on numbers worked out by hand,
 * Krippendorff's alpha on published examples and on a small example worked by hand, agreement,
 * and the per-appraiser / per-group / per-rubric report.
 */
import {
  MIN_RECHECKS,
  agreement,
  bias,
  coincidences,
  krippendorffAlpha,
  leniencyReport,
  meanInterval,
  tCdf,
  tQuantile,
  type Observation,
  type TaggedObservation,
} from '../../src/core/compile/leniency';

/** units × coders from a coders × units table (the layout of Krippendorff's papers) */
function byUnit(rows: readonly (readonly (number | null)[])[]): (number | null)[][] {
  return rows[0]!.map((_, j) => rows.map((row) => row[j] ?? null));
}

/** n observations with the given deviation in points, out of max */
function same(n: number, deviation: number, max = 10): Observation[] {
  return Array.from({ length: n }, () => ({ original: 5, rechecked: 5 - deviation, max }));
}

/** t quantile for df = 1 (Cauchy), tan(π(p − ½)), written as a cotangent of the smaller tail so
 * that p near 0 or 1 keeps its digits */
function cauchyQuantile(p: number): number {
  return p < 0.5 ? -1 / Math.tan(Math.PI * p) : 1 / Math.tan(Math.PI * (1 - p));
}

describe('tQuantile', () => {
  it.each([
    [1, 12.7062047],
    [2, 4.3026527],
    [4, 2.7764451],
    [9, 2.2621572],
    [29, 2.0452296],
    [1000, 1.962339],
  ])('t(0.975, df=%d) = %f', (df, expected) => {
    expect(Math.abs(tQuantile(0.975, df) - expected)).toBeLessThan(1e-5);
  });

  it('matches other table values, both tails', () => {
    expect(Math.abs(tQuantile(0.995, 10) - 3.1692727)).toBeLessThan(1e-5);
    expect(Math.abs(tQuantile(0.9, 5) - 1.475884)).toBeLessThan(1e-5);
    expect(Math.abs(tQuantile(0.05, 3) - -2.3533634)).toBeLessThan(1e-5);
    expect(Math.abs(tQuantile(0.025, 9) - -2.2621572)).toBeLessThan(1e-5);
  });

  it('approaches the normal quantile for large df', () => {
    expect(Math.abs(tQuantile(0.975, 1e7) - 1.959964)).toBeLessThan(1e-5);
  });

  it('agrees with the closed forms for df = 1 (Cauchy) and df = 2 to 1e-9 relative', () => {
    for (const p of [1e-6, 0.001, 0.1, 0.3, 0.49, 0.51, 0.8, 0.99, 0.999999]) {
      const cauchy = cauchyQuantile(p);
      const df2 = (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
      expect(Math.abs(tQuantile(p, 1) - cauchy)).toBeLessThan(1e-9 * Math.max(1, Math.abs(cauchy)));
      expect(Math.abs(tQuantile(p, 2) - df2)).toBeLessThan(1e-9 * Math.max(1, Math.abs(df2)));
    }
  });

  it('is 0 at p = ½, odd in p, and inverts tCdf (also for non-integer df)', () => {
    expect(tQuantile(0.5, 7)).toBe(0);
    expect(tQuantile(0.2, 7)).toBeCloseTo(-tQuantile(0.8, 7), 12);
    for (const df of [1, 2.5, 7, 60]) {
      for (const p of [0.01, 0.3, 0.9, 0.9999]) expect(tCdf(tQuantile(p, df), df)).toBeCloseTo(p, 12);
    }
    expect(tCdf(0, 3)).toBe(0.5);
  });

  it('rejects p outside (0, 1) and df ≤ 0', () => {
    expect(() => tQuantile(0, 5)).toThrow(RangeError);
    expect(() => tQuantile(1, 5)).toThrow(RangeError);
    expect(() => tQuantile(Number.NaN, 5)).toThrow(RangeError);
    expect(() => tQuantile(0.9, 0)).toThrow(RangeError);
    expect(() => tQuantile(0.9, Infinity)).toThrow(RangeError);
  });
});

describe('meanInterval', () => {
  it('gives mean ± t · sd / √n, worked by hand', () => {
    // 1..5: mean 3, sd = √(10/4) = 1.5811388, sd/√5 = 0.7071068, t(0.975, 4) = 2.7764451,
    // half-width 1.9632432
    const m = meanInterval([1, 2, 3, 4, 5]);
    expect(m.n).toBe(5);
    expect(m.mean).toBe(3);
    expect(m.sd).toBeCloseTo(1.5811388, 6);
    expect(m.lo).toBeCloseTo(1.0367568, 6);
    expect(m.hi).toBeCloseTo(4.9632432, 6);
    // level 0.99: t(0.995, 4) = 4.6040949, half-width 3.2556
    const m99 = meanInterval([1, 2, 3, 4, 5], 0.99);
    expect(m99.lo).toBeCloseTo(3 - 3.2556, 4);
    expect(m99.hi).toBeCloseTo(3 + 3.2556, 4);
  });

  it('has no interval below two values, and a point interval when all values are equal', () => {
    expect(meanInterval([])).toEqual({ n: 0, mean: null, sd: null, lo: null, hi: null });
    expect(meanInterval([0.7])).toEqual({ n: 1, mean: 0.7, sd: null, lo: null, hi: null });
    expect(meanInterval([0.1, 0.1, 0.1])).toEqual({ n: 3, mean: 0.1, sd: 0, lo: 0.1, hi: 0.1 });
  });

  it('does not depend on the order of the values', () => {
    const values = [0.1, 0.2, -0.3, 1e-17, 0.7, -0.05];
    expect(meanInterval([...values].reverse())).toEqual(meanInterval(values));
  });

  it('rejects a level outside (0, 1) and non-finite values', () => {
    expect(() => meanInterval([1, 2], 1)).toThrow(RangeError);
    expect(() => meanInterval([1, 2], 0)).toThrow(RangeError);
    expect(() => meanInterval([1, Number.NaN])).toThrow(RangeError);
  });
});

describe('bias', () => {
  it('uses 5 as the minimum number of re-checks', () => {
    expect(MIN_RECHECKS).toBe(5);
    expect(bias(same(4, 1)).verdict).toBe('too-few');
    expect(bias(same(5, 1)).verdict).toBe('lenient');
    expect(bias(same(5, 1), { minRechecks: 6 }).verdict).toBe('too-few');
  });

  it('calls 6 identical −1 deviations harsh and 6 confirmations consistent', () => {
    const harsh = bias(same(6, -1));
    expect(harsh).toEqual({
      count: 6,
      adjusted: 6,
      meanPoints: -1,
      meanShare: -0.1,
      intervalPoints: [-1, -1],
      intervalShare: [-0.1, -0.1],
      verdict: 'harsh',
    });
    const zero = bias(same(6, 0));
    expect(zero.verdict).toBe('consistent');
    expect(zero.adjusted).toBe(0);
    expect(zero.intervalShare).toEqual([0, 0]);
  });

  it('is lenient when the whole interval lies above 0, worked by hand', () => {
    // deviations 1, 1, 1, 1, 2 points of 10: mean 1.2, sd = √(0.8/4) = 0.4472136, sd/√5 = 0.2,
    // t(0.975, 4) = 2.7764451, half-width 0.5552890 → [0.6447110, 1.7552890] points
    const obs = [...same(4, 1), { original: 7, rechecked: 5, max: 10 }];
    const b = bias(obs);
    expect(b.meanPoints).toBeCloseTo(1.2, 12);
    expect(b.meanShare).toBeCloseTo(0.12, 12);
    expect(b.intervalPoints![0]).toBeCloseTo(0.644711, 6);
    expect(b.intervalPoints![1]).toBeCloseTo(1.755289, 6);
    expect(b.intervalShare![0]).toBeCloseTo(0.0644711, 7);
    expect(b.intervalShare![1]).toBeCloseTo(0.1755289, 7);
    expect(b.verdict).toBe('lenient');
  });

  it('is consistent when the interval straddles 0', () => {
    const obs = [...same(2, 1), ...same(2, -1), ...same(2, 0)];
    const b = bias(obs);
    expect(b.meanShare).toBe(0);
    expect(b.adjusted).toBe(4);
    expect(b.verdict).toBe('consistent');
  });

  it('weighs items by share of max: 1 point of 2 counts as much as 5 of 10', () => {
    const b = bias([
      { original: 2, rechecked: 1, max: 2 },
      { original: 10, rechecked: 5, max: 10 },
    ]);
    expect(b.meanPoints).toBe(3);
    expect(b.meanShare).toBe(0.5);
    expect(b.intervalShare).toEqual([0.5, 0.5]);
    expect(b.verdict).toBe('too-few');
  });

  it('reports nothing but the count for no items', () => {
    expect(bias([])).toEqual({
      count: 0,
      adjusted: 0,
      meanPoints: null,
      meanShare: null,
      intervalPoints: null,
      intervalShare: null,
      verdict: 'too-few',
    });
  });

  it('rejects max ≤ 0, non-finite scores and bad options', () => {
    expect(() => bias([{ original: 1, rechecked: 1, max: 0 }])).toThrow(RangeError);
    expect(() => bias([{ original: Number.NaN, rechecked: 1, max: 5 }])).toThrow(RangeError);
    expect(() => bias([], { minRechecks: 1 })).toThrow(RangeError);
    expect(() => bias([], { level: 95 })).toThrow(RangeError);
  });
});

describe('krippendorffAlpha', () => {
  /**
   * Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers ×
   * 12 units with missing data. The same table is the "C" data of R's irr::kripp.alpha and the
   * ordinal/ratio test data of the Python krippendorff package.
   */
  const paper = byUnit([
    [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
    [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
  ]);

  it("reproduces the 2011 paper's example: interval 0.849, nominal 0.743", () => {
    const interval = krippendorffAlpha(paper, 'interval');
    expect(interval.alpha).toBeCloseTo(0.849, 3);
    expect(interval.units).toBe(11); // unit 12 has a single value: not pairable
    expect(interval.values).toBe(40);
    expect(krippendorffAlpha(paper).alpha).toBe(interval.alpha); // interval is the default
    expect(krippendorffAlpha(paper, 'nominal').alpha).toBeCloseTo(0.743, 3);
  });

  it("builds the paper's coincidence matrix", () => {
    const co = coincidences(paper);
    expect(co.values).toEqual([1, 2, 3, 4, 5]);
    expect(co.marginals).toEqual([9, 13, 10, 5, 3]);
    expect(co.n).toBe(40);
    const o = (c: number, k: number): number => co.cells.find((cell) => cell.c === c && cell.k === k)?.o ?? 0;
    const expected = [
      [7, 4 / 3, 1 / 3, 1 / 3, 0],
      [4 / 3, 10, 4 / 3, 1 / 3, 0],
      [1 / 3, 4 / 3, 8, 1 / 3, 0],
      [1 / 3, 1 / 3, 1 / 3, 4, 0],
      [0, 0, 0, 0, 3],
    ];
    expected.forEach((row, i) => row.forEach((value, j) => expect(o(i + 1, j + 1)).toBeCloseTo(value, 12)));
  });

  it('reproduces the 3 coders × 15 units example of the Wikipedia article: nominal 0.691, interval 0.811', () => {
    const wiki = byUnit([
      [null, null, null, null, null, 3, 4, 1, 2, 1, 1, 3, 3, null, 3],
      [1, null, 2, 1, 3, 3, 4, 3, null, null, null, null, null, null, null],
      [null, null, 2, 1, 3, 4, 4, null, 2, 1, 1, 3, 3, null, 4],
    ]);
    expect(krippendorffAlpha(wiki, 'nominal').alpha).toBeCloseTo(0.691, 3);
    expect(krippendorffAlpha(wiki, 'interval').alpha).toBeCloseTo(0.811, 3);
  });

  it('matches a 2 coders × 3 units example worked by hand', () => {
    // Units (coder 1, coder 2): u1 (1, 1), u2 (2, 3), u3 (3, 3). Every unit has m = 2 values, so
    // each ordered pair adds 1/(m − 1) = 1 to the coincidence matrix:
    //   o_11 = 2 (u1), o_23 = o_32 = 1 (u2), o_33 = 2 (u3).
    // Marginals: n_1 = 2, n_2 = 1, n_3 = 3; n.. = 6.
    // Interval, δ²_ck = (c − k)²:
    //   D_o = (1/n..) Σ o_ck δ²_ck = (1/6)(o_23 · 1 + o_32 · 1) = 2/6 = 1/3
    //   D_e = 1/(n..(n.. − 1)) Σ_c Σ_k n_c n_k δ²_ck
    //       = (1/30) · 2 · (n_1 n_2 · 1 + n_1 n_3 · 4 + n_2 n_3 · 1)
    //       = (1/30) · 2 · (2 + 24 + 3) = 58/30 = 29/15
    //   α = 1 − (1/3)/(29/15) = 1 − 5/29 = 24/29 = 0.8276
    // Nominal, δ² = 1 for c ≠ k:
    //   D_o = 2/6 = 1/3; D_e = (n..² − Σ n_c²)/(n..(n.. − 1)) = (36 − 4 − 1 − 9)/30 = 22/30 = 11/15
    //   α = 1 − (1/3)/(11/15) = 1 − 5/11 = 6/11 = 0.5455
    const units = [
      [1, 1],
      [2, 3],
      [3, 3],
    ];
    const interval = krippendorffAlpha(units, 'interval');
    expect(interval.alpha).toBeCloseTo(24 / 29, 12);
    expect(interval.alpha).toBeCloseTo(0.828, 3);
    expect(interval.observed).toBeCloseTo(1 / 3, 12);
    expect(interval.expected).toBeCloseTo(29 / 15, 12);
    expect(interval.units).toBe(3);
    expect(interval.values).toBe(6);
    expect(krippendorffAlpha(units, 'nominal').alpha).toBeCloseTo(6 / 11, 12);
    expect(krippendorffAlpha(units, 'nominal').alpha).toBeCloseTo(0.545, 3);
  });

  it('is null when D_e = 0 or nothing is pairable, and drops units with one value', () => {
    expect(
      krippendorffAlpha([
        [0.1, 0.1, 0.1],
        [0.1, 0.1],
      ]),
    ).toMatchObject({ alpha: null, units: 2, values: 5 });
    expect(
      krippendorffAlpha([
        [1, null],
        [null, 2],
      ]),
    ).toEqual({
      alpha: null,
      units: 0,
      values: 0,
      observed: null,
      expected: null,
    });
    expect(krippendorffAlpha([])).toMatchObject({ alpha: null, units: 0, values: 0 });
    const withSingle = krippendorffAlpha([
      [1, 1],
      [2, 3],
      [3, 3],
      [null, 9],
    ]);
    expect(withSingle.alpha).toBeCloseTo(24 / 29, 12);
    expect(withSingle.units).toBe(3);
  });

  it('rejects non-finite values', () => {
    expect(() => krippendorffAlpha([[1, Number.NaN]])).toThrow(RangeError);
  });
});

describe('agreement', () => {
  it('counts confirmations and computes alpha on shares of max', () => {
    // shares (appraisers, oversight): (0.2, 0.2), (0.4, 0.6), (0.6, 0.6): the hand example above
    // scaled by 1/5, and interval alpha does not change under scaling: 24/29
    const a = agreement([
      { original: 1, rechecked: 1, max: 5 },
      { original: 2, rechecked: 3, max: 5 },
      { original: 3, rechecked: 3, max: 5 },
    ]);
    expect(a.items).toBe(3);
    expect(a.confirmed).toBe(2);
    expect(a.confirmedShare).toBeCloseTo(2 / 3, 12);
    expect(a.alpha).toBeCloseTo(24 / 29, 9);
  });

  it('compares items of different max on the share scale', () => {
    // (5 of 10, 5 of 10) and (1 of 2, 1 of 2) are the same share 0.5: no variation, alpha null
    expect(
      agreement([
        { original: 5, rechecked: 5, max: 10 },
        { original: 1, rechecked: 1, max: 2 },
      ]).alpha,
    ).toBeNull();
  });

  it('has no shares without items', () => {
    expect(agreement([])).toEqual({ items: 0, confirmed: 0, confirmedShare: null, alpha: null });
  });
});

describe('leniencyReport', () => {
  const tag = (o: Observation, scorer: string, reviewer: string, group: string, rubric: string): TaggedObservation => ({
    ...o,
    scorer,
    reviewer,
    group,
    rubric,
  });
  // G2/dept: p3 scores, p1 reviews, 6 confirmations of scores 1..5 and 3 out of 5
  const dept = [1, 2, 3, 4, 5, 3].map((s) => tag({ original: s, rechecked: s, max: 5 }, 'p3', 'p1', 'G2', 'dept'));
  // G1/town: p2 scores, p1 reviews, 6 items scored 5 of 10 that the oversight put at 4
  const town = same(6, 1).map((o) => tag(o, 'p2', 'p1', 'G1', 'town'));
  const report = leniencyReport([...dept, ...town]);

  it('sorts every list by id', () => {
    expect(report.appraisers.map((a) => a.id)).toEqual(['p1', 'p2', 'p3']);
    expect(report.groups.map((g) => g.id)).toEqual(['G1', 'G2']);
    expect(report.rubrics.map((r) => r.id)).toEqual(['dept', 'town']);
  });

  it('judges each person on the items they signed, as scorer and as reviewer', () => {
    const [p1, p2, p3] = report.appraisers;
    expect(p2!.asScorer).toMatchObject({ count: 6, meanShare: 0.1, verdict: 'lenient' });
    expect(p2!.asReviewer).toMatchObject({ count: 0, meanShare: null, verdict: 'too-few' });
    expect(p2!.overall).toEqual(p2!.asScorer);
    expect(p3!.asScorer).toMatchObject({ count: 6, meanShare: 0, verdict: 'consistent' });
    // p1 reviewed all 12: shares 6 × 0.1 and 6 × 0; mean 0.05, sd = √(12 · 0.05² / 11) = 0.0522233,
    // sd/√12 = 0.0150756, t(0.975, 11) = 2.2009852, half-width 0.0331811 → [0.0168189, 0.0831811]
    expect(p1!.asScorer.count).toBe(0);
    expect(p1!.asReviewer.count).toBe(12);
    expect(p1!.asReviewer.meanShare).toBeCloseTo(0.05, 12);
    expect(p1!.asReviewer.intervalShare![0]).toBeCloseTo(0.0168189, 6);
    expect(p1!.asReviewer.intervalShare![1]).toBeCloseTo(0.0831811, 6);
    expect(p1!.asReviewer.verdict).toBe('lenient');
    expect(p1!.overall).toEqual(p1!.asReviewer);
  });

  it('gives groups and rubrics bias and agreement', () => {
    const g1 = report.groups[0]!;
    expect(g1.bias.verdict).toBe('lenient');
    // every unit is (0.5, 0.4): Σ o δ² = 6 · 2 · 0.01 = 0.12, n.. = 12; Σ n_c n_k δ² = 2 · 6 · 6 · 0.01
    // = 0.72; α = 1 − (n.. − 1) · 0.12 / 0.72 = 1 − 11/6 = −5/6 (systematic disagreement)
    expect(g1.agreement).toMatchObject({ items: 6, confirmed: 0, confirmedShare: 0 });
    expect(g1.agreement.alpha).toBeCloseTo(-5 / 6, 9);
    const g2 = report.groups[1]!;
    expect(g2.agreement).toEqual({ items: 6, confirmed: 6, confirmedShare: 1, alpha: 1 });
    expect(report.rubrics.find((r) => r.id === 'town')).toEqual({ ...g1, id: 'town' });
    expect(report.all.bias.count).toBe(12);
    expect(report.all.agreement.confirmed).toBe(6);
  });

  it('counts an item once in overall when one person signed in both roles', () => {
    const both = leniencyReport([tag({ original: 3, rechecked: 2, max: 4 }, 'p9', 'p9', 'G', 'r')]);
    const p9 = both.appraisers[0]!;
    expect(both.appraisers).toHaveLength(1);
    expect([p9.asScorer.count, p9.asReviewer.count, p9.overall.count]).toEqual([1, 1, 1]);
  });

  it('sorts ids by character code, not by locale', () => {
    const ids = ['b', 'B', 'a', '张', '10', '9'];
    const r = leniencyReport(ids.map((id) => tag({ original: 1, rechecked: 1, max: 1 }, id, id, id, id)));
    expect(r.appraisers.map((a) => a.id)).toEqual(['10', '9', 'B', 'a', 'b', '张']);
    expect(r.groups.map((g) => g.id)).toEqual(['10', '9', 'B', 'a', 'b', '张']);
  });

  it('passes the options on', () => {
    const r = leniencyReport(town, { minRechecks: 7 });
    expect(r.appraisers.map((a) => a.overall.verdict)).toEqual(['too-few', 'too-few']);
    expect(() => leniencyReport([], { level: 2 })).toThrow(RangeError);
  });
});
