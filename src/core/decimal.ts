/**
 * Exact decimals for scores and points. Values are held as integers scaled by a power of
 * ten (`{ digits, scale }` means digits / 10^scale), so a step check or a total never
 * drifts (0.1 + 0.2). Points inside a rubric are held in integer units of its step.
 */

export interface Decimal {
  /** integer numerator */
  readonly digits: bigint;
  /** power of ten of the denominator, ≥ 0 */
  readonly scale: number;
}

const PLAIN = /^([+-])?(\d+)(?:\.(\d*))?$|^([+-])?\.(\d+)$/;

/** Parses a plain decimal string ("4.5", "-1", "0.25", ".5"). Returns null if not one. */
export function parseDecimal(text: string): Decimal | null {
  const m = PLAIN.exec(text.trim());
  if (!m) return null;
  const sign = m[1] ?? m[4] ?? '';
  const intPart = m[2] ?? '0';
  const frac = m[3] ?? m[5] ?? '';
  const digits = BigInt(intPart + frac) * (sign === '-' ? -1n : 1n);
  return reduce({ digits, scale: frac.length });
}

/** Converts a finite JS number (as Excel stores it) to its shortest exact decimal. */
export function decimalFromNumber(n: number): Decimal | null {
  if (!Number.isFinite(n)) return null;
  return parseDecimal(expandExponent(String(n)));
}

function expandExponent(s: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/i.exec(s);
  if (!m) return s;
  const sign = m[1] ?? '';
  const intPart = m[2] ?? '0';
  const frac = m[3] ?? '';
  const exp = Number(m[4]);
  const all = intPart + frac;
  const point = intPart.length + exp;
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${all}`;
  if (point >= all.length) return sign + all + '0'.repeat(point - all.length);
  return `${sign}${all.slice(0, point)}.${all.slice(point)}`;
}

function reduce(d: Decimal): Decimal {
  let { digits, scale } = d;
  while (scale > 0 && digits % 10n === 0n) {
    digits /= 10n;
    scale -= 1;
  }
  return { digits, scale };
}

/** Shortest plain form: "6", "4.5", "0", "-0.25"; no exponent, no trailing zeros. */
export function formatDecimal(d: Decimal): string {
  const r = reduce(d);
  const neg = r.digits < 0n;
  let s = (neg ? -r.digits : r.digits).toString();
  if (r.scale > 0) {
    s = s.padStart(r.scale + 1, '0');
    s = `${s.slice(0, s.length - r.scale)}.${s.slice(s.length - r.scale)}`;
  }
  return (neg && r.digits !== 0n ? '-' : '') + s;
}

/** Normalised decimal string of a number or decimal text; null when it is neither. */
export function normDecimal(v: number | string): string | null {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return null;
    // ECMAScript's shortest round-trip form is already the plain form when it has no exponent
    const s = String(v);
    if (!s.includes('e')) return s;
  }
  const d = typeof v === 'number' ? decimalFromNumber(v) : parseDecimal(v);
  return d ? formatDecimal(d) : null;
}

function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.digits * 10n ** BigInt(scale - a.scale), b.digits * 10n ** BigInt(scale - b.scale), scale];
}

export function compareDecimal(a: Decimal, b: Decimal): number {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** How many whole steps make `value`, or null when `value` is not a multiple of `step`. */
export function unitsOf(value: Decimal, step: Decimal): number | null {
  const [x, y] = align(value, step);
  if (y === 0n) return null;
  if (x % y !== 0n) return null;
  return Number(x / y);
}

/** `units` × `step` as a decimal. */
export function fromUnits(units: number, step: Decimal): Decimal {
  return reduce({ digits: BigInt(units) * step.digits, scale: step.scale });
}

/** Decimal → JS number (for display and statistics only, never for totals). */
export function toNumber(d: Decimal): number {
  return Number(formatDecimal(d));
}
