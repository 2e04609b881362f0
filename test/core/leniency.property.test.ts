/**
 * Properties of the leniency statistics (src/core/compile/leniency.ts): a confirmation never
 * pulls the mean away from zero, scorer/reviewer roles do not affect group and rubric results,
 * Krippendorff's interval alpha is 1 under full confirmation and invariant to shifting and
 * scaling, the t interval contains the mean and widens with the level, and the t quantile
 * matches its closed forms.
 */
import fc from 'fast-check';
import {
  agreement,
  bias,
  krippendorffAlpha,
  leniencyReport,
  meanInterval,
  tCdf,
  tQuantile,
  type Observation,
  type TaggedObservation,
} from '../../src/core/compile/leniency';

const RUNS = { numRuns: 150 };

/** t quantile for df = 1 (Cauchy), tan(π(p − ½)), written as a cotangent of the smaller tail so
 * that p near 0 or 1 keeps its digits */
function cauchyQuantile(p: number): number {
  return p < 0.5 ? -1 / Math.tan(Math.PI * p) : 1 / Math.tan(Math.PI * (1 - p));
}

/** a re-checked item: scores in half points within max (1..20 points) */
const observationArb: fc.Arbitrary<Observation> = fc.integer({ min: 1, max: 20 }).chain((max) =>
  fc.record({
    original: fc.integer({ min: 0, max: 2 * max }).map((h) => h / 2),
    rechecked: fc.integer({ min: 0, max: 2 * max }).map((h) => h / 2),
    max: fc.constant(max),
  }),
);

const ids = (prefix: string, n: number) => fc.constantFrom(...Array.from({ length: n }, (_, i) => `${prefix}${i}`));

const taggedArb: fc.Arbitrary<TaggedObservation> = fc
  .tuple(observationArb, ids('p', 5), ids('p', 5), ids('G', 3), ids('R', 2))
  .map(([o, scorer, reviewer, group, rubric]) => ({ ...o, scorer, reviewer, group, rubric }));

describe('bias', () => {
  it('adding a confirmation (deviation 0) never moves meanShare away from zero', () => {
    fc.assert(
      fc.property(fc.array(observationArb, { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 20 }), fc.nat(), (obs, max, at) => {
        const confirm: Observation = { original: max / 2, rechecked: max / 2, max };
        const i = at % (obs.length + 1);
        const before = bias(obs).meanShare!;
        const after = bias([...obs.slice(0, i), confirm, ...obs.slice(i)]).meanShare!;
        expect(Math.abs(after)).toBeLessThanOrEqual(Math.abs(before));
        expect(Math.sign(after) === Math.sign(before) || after === 0).toBe(true);
      }),
      RUNS,
    );
  });

  it('does not depend on the order of the items', () => {
    fc.assert(
      fc.property(fc.array(observationArb, { maxLength: 20 }), fc.nat(), (obs, seed) => {
        const rotated = obs.map((_, i) => obs[(i + seed) % obs.length]!);
        expect(bias(rotated)).toEqual(bias(obs));
        expect(bias([...obs].reverse())).toEqual(bias(obs));
      }),
      RUNS,
    );
  });
});

describe('leniencyReport', () => {
  it('swapping scorer and reviewer leaves groups, rubrics and overall results identical', () => {
    fc.assert(
      fc.property(fc.array(taggedArb, { maxLength: 40 }), (obs) => {
        const swapped = obs.map((o) => ({ ...o, scorer: o.reviewer, reviewer: o.scorer }));
        const a = leniencyReport(obs);
        const b = leniencyReport(swapped);
        expect(b.groups).toEqual(a.groups);
        expect(b.rubrics).toEqual(a.rubrics);
        expect(b.all).toEqual(a.all);
        // per person the two roles trade places and the overall result stays
        expect(b.appraisers.map((p) => p.id)).toEqual(a.appraisers.map((p) => p.id));
        b.appraisers.forEach((p, i) => {
          const q = a.appraisers[i]!;
          expect(p.asScorer).toEqual(q.asReviewer);
          expect(p.asReviewer).toEqual(q.asScorer);
          expect(p.overall).toEqual(q.overall);
        });
      }),
      { numRuns: 100 },
    );
  });
});

describe('krippendorffAlpha', () => {
  it('is 1 when every re-check confirms the original and the values vary', () => {
    fc.assert(
      fc.property(fc.array(observationArb, { minLength: 2, maxLength: 30 }), (obs) => {
        const confirmed = obs.map((o) => ({ ...o, rechecked: o.original }));
        fc.pre(new Set(confirmed.map((o) => o.original / o.max)).size >= 2);
        expect(agreement(confirmed).alpha).toBe(1);
      }),
      RUNS,
    );
  });

  /** reliability data: 2–4 coders, small integers, some missing */
  const unitsArb = fc.integer({ min: 2, max: 4 }).chain((coders) =>
    fc.array(fc.array(fc.option(fc.integer({ min: 0, max: 6 }), { freq: 5 }), { minLength: coders, maxLength: coders }), {
      minLength: 1,
      maxLength: 15,
    }),
  );

  it('interval alpha is invariant to adding a constant and to scaling by a positive factor', () => {
    fc.assert(
      fc.property(
        unitsArb,
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: 1, max: 400 }).map((k) => k / 8),
        (units, shift, factor) => {
          const base = krippendorffAlpha(units, 'interval');
          const map = (f: (v: number) => number) => units.map((u) => u.map((v) => (v === null ? null : f(v))));
          const shifted = krippendorffAlpha(
            map((v) => v + shift),
            'interval',
          );
          const scaled = krippendorffAlpha(
            map((v) => v * factor),
            'interval',
          );
          for (const other of [shifted, scaled]) {
            expect(other.units).toBe(base.units);
            expect(other.values).toBe(base.values);
            if (base.alpha === null) expect(other.alpha).toBeNull();
            else expect(other.alpha).toBeCloseTo(base.alpha, 9);
          }
        },
      ),
      RUNS,
    );
  });
});

describe('meanInterval', () => {
  const valuesArb = fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 2, maxLength: 30 });
  const levelsArb = fc
    .uniqueArray(fc.integer({ min: 50, max: 99 }), { minLength: 2, maxLength: 2 })
    .map((pair) => pair.sort((a, b) => a - b).map((l) => l / 100) as [number, number]);

  it('contains the mean and widens when the level rises', () => {
    fc.assert(
      fc.property(valuesArb, levelsArb, (values, [low, high]) => {
        const narrow = meanInterval(values, low);
        const wide = meanInterval(values, high);
        expect(narrow.mean).toBe(wide.mean);
        expect(narrow.lo!).toBeLessThanOrEqual(narrow.mean!);
        expect(narrow.hi!).toBeGreaterThanOrEqual(narrow.mean!);
        expect(wide.lo!).toBeLessThanOrEqual(narrow.lo!);
        expect(wide.hi!).toBeGreaterThanOrEqual(narrow.hi!);
        if (narrow.sd! > 0) expect(wide.hi! - wide.lo!).toBeGreaterThan(narrow.hi! - narrow.lo!);
      }),
      RUNS,
    );
  });
});

describe('tQuantile', () => {
  const pArb = fc.double({ min: 1e-9, max: 1 - 1e-9, noNaN: true }).filter((p) => p > 0 && p < 1);

  it('matches the closed forms for df = 1 and df = 2', () => {
    fc.assert(
      fc.property(pArb, (p) => {
        const cauchy = cauchyQuantile(p);
        const df2 = (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
        expect(Math.abs(tQuantile(p, 1) - cauchy)).toBeLessThan(1e-9 * Math.max(1, Math.abs(cauchy)));
        expect(Math.abs(tQuantile(p, 2) - df2)).toBeLessThan(1e-9 * Math.max(1, Math.abs(df2)));
      }),
      RUNS,
    );
  });

  it('inverts tCdf and is increasing in p', () => {
    fc.assert(
      fc.property(pArb, pArb, fc.double({ min: 1, max: 500, noNaN: true }), (p, q, df) => {
        expect(tCdf(tQuantile(p, df), df)).toBeCloseTo(p, 10);
        // increasing, for p and q apart by more than the solver's ~1e-15 relative tolerance
        if (q - p > 1e-9) expect(tQuantile(p, df)).toBeLessThan(tQuantile(q, df));
      }),
      RUNS,
    );
  });
});
