/**
 * Leniency (bias) of appraisers measured directly from the oversight group's re-checks, with its
 * uncertainty, plus agreement between appraisers and oversight. Pure: plain numbers in, plain
 * objects out; no Node, DOM or React; no randomness, so the same input always gives the same
 * output.
 *
 * What goes in. For every re-checked item: the original score (signed by the scorer and the
 * reviewer), the re-checked score (equal to the original when the re-check confirmed it), the
 * item's max points, and who signed it (scorer, reviewer), its appraiser group and its rubric.
 *
 * Deviation. deviation = original − re-checked, in points; share = deviation / max, so items of
 * different size count alike (a 1-point over-score on a 2-point item weighs as much as 5 points
 * on a 10-point item). Positive = the appraisers scored higher than the oversight (lenient),
 * negative = lower (harsh), zero = confirmed.
 *
 * Methods.
 * - Mean and interval: the mean deviation with a two-sided Student-t interval,
 *   mean ± t_{(1+level)/2, n−1} · sd / √n, sd with n − 1 in the denominator, level 95 % by
 *   default. With fewer than 2 values there is no interval. When all values are equal sd = 0 and
 *   the interval is that single point. Sums are exactly rounded (Shewchuk's algorithm), so the
 *   result does not depend on the order of the items.
 * - Student-t quantile: inverts the t distribution function, computed from the regularized
 *   incomplete beta function (Lentz continued fraction, Lanczos log-gamma), by Newton steps kept
 *   inside a bisection bracket; accurate to well under 1e-6 for df ≥ 1.
 * - Verdict: with fewer than MIN_RECHECKS (5) re-checks "too-few"; otherwise "lenient" when the
 *   whole 95 % interval of the mean share lies above 0, "harsh" when it lies below 0, else
 *   "consistent" (no bias shown, which is not the same as no bias).
 * - Agreement: the share of re-checks that confirmed the original, and Krippendorff's alpha
 *   (interval metric, squared difference) with two coders, the appraisers and the oversight, on
 *   scores as a share of max. Alpha follows Krippendorff, "Computing Krippendorff's
 *   Alpha-Reliability" (2011): coincidence matrix over pairable values, α = 1 − D_o / D_e, units
 *   with fewer than two values dropped; alpha is undefined (null) when D_e = 0, i.e. when every
 *   pairable value is the same. 1 = perfect agreement, 0 = agreement no better than chance.
 * - Grouping: every appraiser is judged on every item they signed, as scorer and as reviewer
 *   (both signed, so both answer for the score), reported separately and together; an item
 *   counts once per person. Groups and rubrics get bias and agreement over their items. All
 *   lists are sorted by id in plain character-code order (not locale order).
 *
 * Assumptions and limits, in plain words.
 * - The oversight re-check is taken as the reference. "Lenient" means "scored higher than the
 *   oversight did", not "scored higher than the truth".
 * - The re-checked items are a random draw (about one third of each unit), so they stand for all
 *   the items the appraiser scored. If the draw was not random the figures say nothing about the
 *   rest.
 * - Re-checks are treated as independent. They are not fully: items of one unit, one pair of
 *   appraisers and one rubric block share causes. The intervals are then somewhat too narrow.
 * - The t interval assumes the mean deviation is roughly normal. Deviations are discrete and
 *   mostly zero, so with few re-checks the 95 % is only approximate.
 * - Both signers of an item get the same deviation, so the results of a scorer and a reviewer
 *   who work together are correlated, and one person's lenient pair partner colours their result.
 * - No correction for testing many appraisers: with 40 appraisers and no real bias, about 2
 *   would still be flagged at 95 %. Treat a flag as a reason to look, not as proof.
 */

/**
 * Fewest re-checks for a verdict. Below 5 the t interval is dominated by its multiplier
 * (t_{0.975,df} = 12.71, 4.30, 3.18 for 2, 3, 4 values; 2.78 at 5, and only 2.57 at 6), so a
 * verdict would rest on luck or on the all-equal special case (sd = 0) after only 2–4 items.
 * Five is also what one block of about 15 items yields under the "about one third" draw, so a
 * typical appraiser reaches it within one unit. Note that a zero-spread verdict at exactly 5
 * (five identical non-zero deviations) is not significant by an exact two-sided sign test
 * (2 · 0.5^5 = 0.0625); that test needs 6.
 */
export const MIN_RECHECKS = 5;

/** Default confidence level of the intervals. */
export const DEFAULT_LEVEL = 0.95;

// ---------------------------------------------------------------------------------------------
// Exactly rounded summation

/** Correctly rounds the exact sum of the partials (the last step of Shewchuk's msum). */
function roundPartials(partials: readonly number[]): number {
  let n = partials.length;
  if (n === 0) return 0;
  let hi = partials[--n]!;
  let lo = 0;
  while (n > 0) {
    const x = hi;
    const y = partials[--n]!;
    hi = x + y;
    lo = y - (hi - x);
    if (lo !== 0) break;
  }
  const next = n > 0 ? partials[n - 1]! : 0;
  if ((lo < 0 && next < 0) || (lo > 0 && next > 0)) {
    const y = lo * 2;
    const x = hi + y;
    if (y === x - hi) hi = x; // the half-way case rounds away from the remaining partials
  }
  return hi;
}

/**
 * Exactly rounded sum of finite numbers (Shewchuk 1997, as in Python's math.fsum): the result
 * is the true sum rounded once, so it does not depend on the order of the values.
 */
function exactSum(values: readonly number[]): number {
  const partials: number[] = [];
  for (const value of values) {
    let x = value;
    let kept = 0;
    for (let i = 0; i < partials.length; i++) {
      let y = partials[i]!;
      if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) partials[kept++] = lo;
      x = hi;
    }
    partials.length = kept;
    partials.push(x);
  }
  return roundPartials(partials);
}

// ---------------------------------------------------------------------------------------------
// Special functions

const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7, 9 terms; relative error about 1e-15). */
function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x); // reflection
  const z = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i]! / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

function lnBeta(a: number, b: number): number {
  return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
}

const CF_MAX_ITERATIONS = 20_000;
const CF_EPSILON = 1e-16;
const CF_TINY = 1e-300;

/** Continued fraction of the incomplete beta function (modified Lentz), for x < (a+1)/(a+b+2). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const guard = (v: number): number => (Math.abs(v) < CF_TINY ? CF_TINY : v);
  let c = 1;
  let d = 1 / guard(1 - ((a + b) * x) / (a + 1));
  let h = d;
  for (let m = 1; m <= CF_MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    const even = (m * (b - m) * x) / ((a - 1 + m2) * (a + m2));
    d = 1 / guard(1 + even * d);
    c = guard(1 + even / c);
    h *= d * c;
    const odd = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + 1 + m2));
    d = 1 / guard(1 + odd * d);
    c = guard(1 + odd / c);
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < CF_EPSILON) return h;
  }
  return h; // not reached for the arguments used here (a = df/2, b = 1/2)
}

/**
 * Regularized incomplete beta I_x(a, b); y = 1 − x is passed separately so that values of x
 * close to 1 keep their precision.
 */
function regularizedBeta(a: number, b: number, x: number, y: number): number {
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  const front = Math.exp(a * Math.log(x) + b * Math.log(y) - lnBeta(a, b));
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(a, b, x)) / a;
  return 1 - (front * betaContinuedFraction(b, a, y)) / b;
}

/** P(T > |t|) for Student's t with df degrees of freedom: ½ · I_{df/(df+t²)}(df/2, ½). */
function tUpperTail(t: number, df: number): number {
  const t2 = t * t;
  let x: number;
  let y: number;
  if (t2 <= df) {
    const u = t2 / df;
    x = 1 / (1 + u);
    y = u / (1 + u);
  } else {
    const s = df / t2; // 0 when t² overflows: the tail is then 0
    x = s / (1 + s);
    y = 1 / (1 + s);
  }
  return 0.5 * regularizedBeta(df / 2, 0.5, x, y);
}

/** Density of Student's t with df degrees of freedom. */
function tDensity(t: number, df: number): number {
  const lnNorm = lnGamma((df + 1) / 2) - lnGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
  return Math.exp(lnNorm - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

function checkDf(df: number): void {
  if (!Number.isFinite(df) || df <= 0) throw new RangeError(`degrees of freedom must be finite and > 0, got ${df}`);
}

/**
 * Student-t distribution function P(T ≤ t).
 * @param t any number (±Infinity allowed)
 * @param df degrees of freedom, finite and > 0 (need not be an integer)
 */
export function tCdf(t: number, df: number): number {
  checkDf(df);
  if (Number.isNaN(t)) throw new RangeError('t must be a number');
  const tail = tUpperTail(t, df);
  return t >= 0 ? 1 - tail : tail;
}

const QUANTILE_MAX_ITERATIONS = 300;

/** The t ≥ 0 with P(T > t) = tail, for 0 < tail < ½: Newton steps kept inside a bisection bracket. */
function solveUpperTail(tail: number, df: number): number {
  let lo = 0;
  let hi = 1;
  while (tUpperTail(hi, df) > tail) {
    lo = hi;
    hi *= 2;
    if (!Number.isFinite(hi)) return Infinity;
  }
  let t = (lo + hi) / 2;
  for (let i = 0; i < QUANTILE_MAX_ITERATIONS; i++) {
    const excess = tUpperTail(t, df) - tail; // > 0: t is too small
    if (excess === 0) return t;
    if (excess > 0) lo = t;
    else hi = t;
    const newton = t + excess / tDensity(t, df);
    const next = newton > lo && newton < hi ? newton : (lo + hi) / 2;
    if (Math.abs(next - t) <= 1e-15 * Math.max(1, Math.abs(t)) || hi - lo <= 1e-15 * hi) return next;
    t = next;
  }
  return t;
}

/**
 * Student-t quantile (inverse distribution function): the t with P(T ≤ t) = p.
 * Accurate to well under 1e-6 (in practice about 1e-12 relative) for df ≥ 1; extreme tails whose
 * quantile exceeds the double range give ±Infinity.
 * @param p probability, 0 < p < 1
 * @param df degrees of freedom, finite and > 0 (need not be an integer)
 * @throws RangeError when p or df is out of range
 */
export function tQuantile(p: number, df: number): number {
  checkDf(df);
  if (!(p > 0 && p < 1)) throw new RangeError(`p must lie strictly between 0 and 1, got ${p}`);
  if (p === 0.5) return 0;
  return p > 0.5 ? solveUpperTail(1 - p, df) : -solveUpperTail(p, df);
}

// ---------------------------------------------------------------------------------------------
// Mean and t interval

/** A mean with its two-sided Student-t confidence interval. */
export interface MeanInterval {
  /** number of values */
  readonly n: number;
  /** arithmetic mean; null when there are no values */
  readonly mean: number | null;
  /** sample standard deviation (n − 1 in the denominator); null when n < 2 */
  readonly sd: number | null;
  /** lower end of the interval; null when n < 2 */
  readonly lo: number | null;
  /** upper end of the interval; null when n < 2 */
  readonly hi: number | null;
}

function checkLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new RangeError(`level must lie strictly between 0 and 1, got ${level}`);
}

function checkFinite(values: readonly number[]): void {
  for (const v of values) if (!Number.isFinite(v)) throw new RangeError(`values must be finite numbers, got ${v}`);
}

/** Mean (exactly rounded sum / n); exactly the common value when all values are equal. */
function meanOf(values: readonly number[]): number {
  const first = values[0]!;
  return values.every((v) => v === first) ? first : exactSum(values) / values.length;
}

/** Sample standard deviation around the given mean, n − 1 in the denominator (n ≥ 2). */
function sdOf(values: readonly number[], mean: number): number {
  return Math.sqrt(exactSum(values.map((v) => (v - mean) ** 2)) / (values.length - 1));
}

/**
 * Mean with the two-sided Student-t interval mean ± t_{(1+level)/2, n−1} · sd / √n.
 * With n < 2 there is no interval (lo and hi are null); when all values are equal sd = 0 and the
 * interval is that single point. The result does not depend on the order of the values.
 * @param values finite numbers
 * @param level confidence level, 0 < level < 1 (default 0.95)
 */
export function meanInterval(values: readonly number[], level: number = DEFAULT_LEVEL): MeanInterval {
  checkLevel(level);
  checkFinite(values);
  const n = values.length;
  if (n === 0) return { n, mean: null, sd: null, lo: null, hi: null };
  const mean = meanOf(values);
  if (n === 1) return { n, mean, sd: null, lo: null, hi: null };
  const sd = sdOf(values, mean);
  const half = sd === 0 ? 0 : (tQuantile((1 + level) / 2, n - 1) * sd) / Math.sqrt(n);
  return { n, mean, sd, lo: mean - half, hi: mean + half };
}

// ---------------------------------------------------------------------------------------------
// Bias from re-checks

/** One re-checked item, in points. */
export interface Observation {
  /** the score the appraisers signed */
  readonly original: number;
  /** the oversight's score; equal to original when the re-check confirmed it */
  readonly rechecked: number;
  /** the item's max points, > 0 */
  readonly max: number;
}

/** 'too-few': fewer than the minimum re-checks; otherwise where the share interval lies relative to 0. */
export type Verdict = 'lenient' | 'harsh' | 'consistent' | 'too-few';

/** Options of {@link bias} and {@link leniencyReport}. */
export interface BiasOptions {
  /** confidence level of the intervals and the verdict (default 0.95) */
  readonly level?: number;
  /** fewest re-checks for a verdict, an integer ≥ 2 (default MIN_RECHECKS = 5) */
  readonly minRechecks?: number;
}

/** Bias of a set of re-checked items; deviation = original − re-checked (positive = lenient). */
export interface BiasResult {
  /** re-checked items */
  readonly count: number;
  /** items whose re-checked score differs from the original */
  readonly adjusted: number;
  /** mean deviation in points; null when count = 0 */
  readonly meanPoints: number | null;
  /** mean of deviation / max; null when count = 0 */
  readonly meanShare: number | null;
  /** t interval of the mean deviation in points; null when count < 2 */
  readonly intervalPoints: readonly [number, number] | null;
  /** t interval of the mean share; null when count < 2 */
  readonly intervalShare: readonly [number, number] | null;
  readonly verdict: Verdict;
}

function checkObservation(o: Observation): void {
  if (!Number.isFinite(o.original) || !Number.isFinite(o.rechecked)) {
    throw new RangeError(`scores must be finite numbers, got ${o.original} and ${o.rechecked}`);
  }
  if (!Number.isFinite(o.max) || o.max <= 0) throw new RangeError(`max must be a finite number > 0, got ${o.max}`);
}

function deviationPoints(o: Observation): number {
  return o.original - o.rechecked;
}

function deviationShare(o: Observation): number {
  return (o.original - o.rechecked) / o.max;
}

function intervalOf(m: MeanInterval): readonly [number, number] | null {
  return m.lo === null || m.hi === null ? null : [m.lo, m.hi];
}

function verdictOf(count: number, minRechecks: number, interval: readonly [number, number] | null): Verdict {
  if (count < minRechecks || interval === null) return 'too-few';
  if (interval[0] > 0) return 'lenient';
  if (interval[1] < 0) return 'harsh';
  return 'consistent';
}

function resolveOptions(opts: BiasOptions): { level: number; minRechecks: number } {
  const level = opts.level ?? DEFAULT_LEVEL;
  const minRechecks = opts.minRechecks ?? MIN_RECHECKS;
  checkLevel(level);
  if (!Number.isInteger(minRechecks) || minRechecks < 2) {
    throw new RangeError(`minRechecks must be an integer ≥ 2, got ${minRechecks}`);
  }
  return { level, minRechecks };
}

/**
 * Leniency of one appraiser (or group, or rubric) from its re-checked items: mean deviation in
 * points and as a share of max, their t intervals, and the verdict ('too-few' below
 * minRechecks; 'lenient' / 'harsh' when the whole share interval lies above / below 0; else
 * 'consistent').
 * @throws RangeError on non-finite scores, max ≤ 0, or bad options
 */
export function bias(observations: readonly Observation[], opts: BiasOptions = {}): BiasResult {
  const { level, minRechecks } = resolveOptions(opts);
  observations.forEach(checkObservation);
  const points = meanInterval(observations.map(deviationPoints), level);
  const share = meanInterval(observations.map(deviationShare), level);
  const intervalShare = intervalOf(share);
  return {
    count: observations.length,
    adjusted: observations.filter((o) => o.rechecked !== o.original).length,
    meanPoints: points.mean,
    meanShare: share.mean,
    intervalPoints: intervalOf(points),
    intervalShare,
    verdict: verdictOf(observations.length, minRechecks, intervalShare),
  };
}

// ---------------------------------------------------------------------------------------------
// Krippendorff's alpha

/** Difference function: 'interval' δ² = (c − k)²; 'nominal' δ² = 0 if c = k else 1. */
export type KrippendorffMetric = 'interval' | 'nominal';

/** One cell of the coincidence matrix: o_ck, the number of c–k pairs within units. */
export interface CoincidenceCell {
  readonly c: number;
  readonly k: number;
  readonly o: number;
}

/** The coincidence matrix of reliability data (Krippendorff 2011), kept sparse. */
export interface Coincidences {
  /** the distinct pairable values, ascending */
  readonly values: readonly number[];
  /** n_c for each entry of values: how often the value occurs among pairable values */
  readonly marginals: readonly number[];
  /** the non-zero cells o_ck, both (c, k) and (k, c), sorted by c then k */
  readonly cells: readonly CoincidenceCell[];
  /** pairable units: units with at least 2 values */
  readonly units: number;
  /** pairable values n.. (= the sum of the marginals) */
  readonly n: number;
}

/** The non-missing values of a unit; throws on non-finite values. */
function presentValues(unit: readonly (number | null)[]): number[] {
  const present: number[] = [];
  for (const v of unit) {
    if (v === null) continue;
    if (!Number.isFinite(v)) throw new RangeError(`values must be finite numbers or null, got ${v}`);
    present.push(v === 0 ? 0 : v); // one zero, not two (−0)
  }
  return present;
}

/** Adds 1/(m − 1) to o_ck for every ordered pair of values (c from one coder, k from another) of a unit. */
function addUnitPairs(cells: Map<number, Map<number, number>>, present: readonly number[]): void {
  const weight = 1 / (present.length - 1);
  present.forEach((c, i) => {
    present.forEach((k, j) => {
      if (i === j) return;
      let row = cells.get(c);
      if (row === undefined) {
        row = new Map();
        cells.set(c, row);
      }
      row.set(k, (row.get(k) ?? 0) + weight);
    });
  });
}

const ascending = (a: number, b: number): number => a - b;

/**
 * Coincidence matrix of reliability data: units × coders, null = missing. Each unit with m ≥ 2
 * values adds 1/(m − 1) to o_ck for each ordered pair of its values taken from two different
 * coders; units with fewer than 2 values are not pairable and are dropped.
 */
export function coincidences(units: readonly (readonly (number | null)[])[]): Coincidences {
  const cells = new Map<number, Map<number, number>>();
  const counts = new Map<number, number>();
  let pairable = 0;
  let n = 0;
  for (const unit of units) {
    const present = presentValues(unit);
    if (present.length < 2) continue;
    pairable++;
    n += present.length;
    for (const v of present) counts.set(v, (counts.get(v) ?? 0) + 1);
    addUnitPairs(cells, present);
  }
  const values = [...counts.keys()].sort(ascending);
  const flat: CoincidenceCell[] = [];
  for (const c of values) {
    const row = cells.get(c)!;
    for (const k of [...row.keys()].sort(ascending)) flat.push({ c, k, o: row.get(k)! });
  }
  return { values, marginals: values.map((v) => counts.get(v)!), cells: flat, units: pairable, n };
}

function delta2(metric: KrippendorffMetric, c: number, k: number): number {
  return metric === 'interval' ? (c - k) ** 2 : c === k ? 0 : 1;
}

/**
 * Σ_c Σ_k n_c n_k δ²_ck over all value pairs, in closed form: nominal n² − Σ n_c²; interval
 * 2 n Σ n_c (c − c̄)² with c̄ the mean pairable value (centred, so adding a constant to all
 * values loses no precision).
 */
function expectedSum(co: Coincidences, metric: KrippendorffMetric): number {
  const { values, marginals, n } = co;
  if (values.length < 2) return 0; // exactly: a rounded centre could leave a spurious tiny sum
  if (metric === 'nominal') return n * n - exactSum(marginals.map((m) => m * m));
  const centre = exactSum(values.map((v, i) => v * marginals[i]!)) / n;
  return 2 * n * exactSum(values.map((v, i) => marginals[i]! * (v - centre) ** 2));
}

/** Krippendorff's alpha with its disagreements. */
export interface AlphaResult {
  /** 1 − D_o / D_e; null when D_e = 0 (no variation among pairable values, or none at all) */
  readonly alpha: number | null;
  /** pairable units (at least 2 values) */
  readonly units: number;
  /** pairable values n.. */
  readonly values: number;
  /** observed disagreement D_o = Σ o_ck δ²_ck / n..; null without pairable values */
  readonly observed: number | null;
  /** expected disagreement D_e = Σ n_c n_k δ²_ck / (n.. (n.. − 1)); null without pairable values */
  readonly expected: number | null;
}

/**
 * Krippendorff's alpha for any number of coders with missing values, computed from the
 * coincidence matrix (Krippendorff 2011): α = 1 − D_o / D_e.
 * @param units one array per unit (item), one entry per coder, null where that coder gave no value
 * @param metric 'interval' (default, δ² = (c − k)²) or 'nominal'
 * @throws RangeError on non-finite values
 */
export function krippendorffAlpha(units: readonly (readonly (number | null)[])[], metric: KrippendorffMetric = 'interval'): AlphaResult {
  const co = coincidences(units);
  if (co.n === 0) return { alpha: null, units: 0, values: 0, observed: null, expected: null };
  const observed = exactSum(co.cells.map((cell) => cell.o * delta2(metric, cell.c, cell.k))) / co.n;
  const expected = expectedSum(co, metric) / (co.n * (co.n - 1));
  const alpha = expected === 0 ? null : 1 - observed / expected;
  return { alpha, units: co.units, values: co.n, observed, expected };
}

// ---------------------------------------------------------------------------------------------
// Agreement between appraisers and oversight

/** How well the appraisers' scores agree with the oversight's re-checks. */
export interface AgreementResult {
  /** re-checked items */
  readonly items: number;
  /** items whose re-check confirmed the original (re-checked === original) */
  readonly confirmed: number;
  /** confirmed / items; null when there are no items */
  readonly confirmedShare: number | null;
  /** Krippendorff's interval alpha, two coders (appraisers, oversight), scores as share of max */
  readonly alpha: number | null;
}

/**
 * Agreement of a set of re-checked items: how many re-checks confirmed the original, and
 * Krippendorff's interval alpha between the appraisers' and the oversight's scores, each as a
 * share of the item's max.
 * @throws RangeError on non-finite scores or max ≤ 0
 */
export function agreement(observations: readonly Observation[]): AgreementResult {
  observations.forEach(checkObservation);
  const items = observations.length;
  const confirmed = observations.filter((o) => o.rechecked === o.original).length;
  const units = observations.map((o) => [o.original / o.max, o.rechecked / o.max]);
  return {
    items,
    confirmed,
    confirmedShare: items === 0 ? null : confirmed / items,
    alpha: krippendorffAlpha(units, 'interval').alpha,
  };
}

// ---------------------------------------------------------------------------------------------
// Per appraiser, group and rubric

/** A re-checked item with who signed it and where it belongs. */
export interface TaggedObservation extends Observation {
  /** person id of the scorer (考核人) */
  readonly scorer: string;
  /** person id of the reviewer (复查人) */
  readonly reviewer: string;
  /** appraiser group id (考核组) */
  readonly group: string;
  /** rubric id (考核细则) */
  readonly rubric: string;
}

/** One appraiser's leniency: as scorer, as reviewer, and over every item they signed. */
export interface AppraiserLeniency {
  readonly id: string;
  readonly asScorer: BiasResult;
  readonly asReviewer: BiasResult;
  /** every item the person signed, each counted once */
  readonly overall: BiasResult;
}

/** Bias and agreement of a set of items (one group, one rubric, or all). */
export interface SetLeniency {
  readonly id: string;
  readonly bias: BiasResult;
  readonly agreement: AgreementResult;
}

/** Leniency and agreement per appraiser, per group, per rubric and overall; lists sorted by id. */
export interface LeniencyReport {
  /** all re-checked items together (id '') */
  readonly all: SetLeniency;
  readonly appraisers: readonly AppraiserLeniency[];
  readonly groups: readonly SetLeniency[];
  readonly rubrics: readonly SetLeniency[];
}

/** Plain character-code order: the same on every machine, unlike localeCompare. */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = groups.get(key);
    if (list === undefined) groups.set(key, [item]);
    else list.push(item);
  }
  return [...groups.entries()].sort((a, b) => byCodeUnits(a[0], b[0]));
}

function setLeniency(id: string, items: readonly Observation[], opts: BiasOptions): SetLeniency {
  return { id, bias: bias(items, opts), agreement: agreement(items) };
}

interface SignedItems {
  readonly asScorer: TaggedObservation[];
  readonly asReviewer: TaggedObservation[];
  readonly overall: TaggedObservation[];
}

/** Every person's items as scorer, as reviewer, and once each over both roles. */
function itemsByPerson(observations: readonly TaggedObservation[]): Map<string, SignedItems> {
  const people = new Map<string, SignedItems>();
  const entry = (id: string): SignedItems => {
    let e = people.get(id);
    if (e === undefined) {
      e = { asScorer: [], asReviewer: [], overall: [] };
      people.set(id, e);
    }
    return e;
  };
  for (const o of observations) {
    entry(o.scorer).asScorer.push(o);
    entry(o.reviewer).asReviewer.push(o);
    entry(o.scorer).overall.push(o);
    if (o.reviewer !== o.scorer) entry(o.reviewer).overall.push(o);
  }
  return people;
}

/**
 * Leniency per appraiser (as scorer, as reviewer, overall), and bias plus agreement per
 * appraiser group, per rubric and over all items. Every person is judged on every item they
 * signed, in either role. All lists are sorted by id in character-code order.
 * @throws RangeError on non-finite scores, max ≤ 0, or bad options
 */
export function leniencyReport(observations: readonly TaggedObservation[], opts: BiasOptions = {}): LeniencyReport {
  resolveOptions(opts);
  const people = itemsByPerson(observations);
  const appraisers = [...people.keys()].sort(byCodeUnits).map((id): AppraiserLeniency => {
    const items = people.get(id)!;
    return {
      id,
      asScorer: bias(items.asScorer, opts),
      asReviewer: bias(items.asReviewer, opts),
      overall: bias(items.overall, opts),
    };
  });
  return {
    all: setLeniency('', observations, opts),
    appraisers,
    groups: groupBy(observations, (o) => o.group).map(([id, items]) => setLeniency(id, items, opts)),
    rubrics: groupBy(observations, (o) => o.rubric).map(([id, items]) => setLeniency(id, items, opts)),
  };
}
