/** Properties of exact decimals (src/core/decimal.ts) and full-width digit reading (src/core/text.ts). */
import fc from 'fast-check';
import { compareDecimal, formatDecimal, fromUnits, normDecimal, parseDecimal, unitsOf, type Decimal } from '../../src/core/decimal';
import { halfWidthDigits } from '../../src/core/text';

jest.setTimeout(60_000); // generous, so a loaded machine slows the suite rather than failing it

/** a decimal as its parts, and the canonical text worked out on the string itself */
const partsArb = fc.record({
  neg: fc.boolean(),
  int: fc.stringMatching(/^[0-9]{1,12}$/),
  frac: fc.stringMatching(/^[0-9]{0,10}$/),
  leadingZeros: fc.nat(3),
  trailingZeros: fc.nat(3),
});

function canonicalText(p: { neg: boolean; int: string; frac: string }): string {
  const int = p.int.replace(/^0+(?=\d)/, '');
  const frac = p.frac.replace(/0+$/, '');
  const body = frac ? `${int}.${frac}` : int;
  return p.neg && /[1-9]/.test(body) ? `-${body}` : body;
}

const fullWidth = (s: string): string => s.replace(/[0-9.\-+]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe('decimal properties', () => {
  it('parse → format gives the shortest plain form, whatever zeros pad the input', () => {
    fc.assert(
      fc.property(partsArb, (p) => {
        const text = `${p.neg ? '-' : ''}${'0'.repeat(p.leadingZeros)}${p.int}${p.frac || p.trailingZeros ? '.' : ''}${p.frac}${'0'.repeat(p.trailingZeros)}`;
        const d = parseDecimal(text);
        expect(d).not.toBeNull();
        expect(formatDecimal(d!)).toBe(canonicalText(p));
        expect(normDecimal(text)).toBe(canonicalText(p));
      }),
      { numRuns: 500 },
    );
  });

  it('format ∘ parse is the identity on canonical strings, and parse ∘ format on decimals', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.nat(12), (digits, scale) => {
        const d: Decimal = { digits, scale };
        const s = formatDecimal(d);
        expect(s).toMatch(/^-?(0|[1-9]\d*)(\.\d*[1-9])?$/);
        expect(formatDecimal(parseDecimal(s)!)).toBe(s);
        expect(compareDecimal(parseDecimal(s)!, d)).toBe(0);
      }),
      { numRuns: 500 },
    );
  });

  it('Excel numbers round-trip through their decimal string', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.nat(4), (n, k) => {
        const x = n / 10 ** k; // what a person types: a short decimal
        const s = normDecimal(x)!;
        expect(Number(s)).toBe(x === 0 ? 0 : x);
        expect(s).toBe(normDecimal(x.toFixed(k))); // the number and its typed text agree
      }),
      { numRuns: 500 },
    );
  });

  it('units of a step round-trip and stay exact (no 0.1 + 0.2 drift)', () => {
    fc.assert(
      fc.property(fc.constantFrom('0.1', '0.25', '0.5', '1', '2', '0.05'), fc.integer({ min: -10_000, max: 10_000 }), (stepText, u) => {
        const step = parseDecimal(stepText)!;
        const v = fromUnits(u, step);
        expect(unitsOf(v, step)).toBe(u);
        // half a step off: (2u + 1) · step / 2 = (2u + 1) · 5 · step.digits / 10^(scale + 1)
        const offByHalf: Decimal = { digits: BigInt(2 * u + 1) * 5n * step.digits, scale: step.scale + 1 };
        expect(unitsOf(offByHalf, step)).toBeNull();
      }),
      { numRuns: 300 },
    );
    // the classic: 0.1 + 0.2 in tenths is exactly 0.3
    const tenth = parseDecimal('0.1')!;
    expect(formatDecimal(fromUnits(unitsOf(parseDecimal('0.1')!, tenth)! + unitsOf(parseDecimal('0.2')!, tenth)!, tenth))).toBe('0.3');
  });

  it('compare agrees with the numbers for short decimals', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -100_000, max: 100_000 }),
        fc.integer({ min: -100_000, max: 100_000 }),
        fc.nat(3),
        fc.nat(3),
        (a, b, ka, kb) => {
          const x = parseDecimal(String(a / 10 ** ka)) ?? parseDecimal(normDecimal(a / 10 ** ka)!)!;
          const y = parseDecimal(normDecimal(b / 10 ** kb)!)!;
          expect(compareDecimal(x, y)).toBe(Math.sign(a / 10 ** ka - b / 10 ** kb));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('full-width digits read back as the same decimal', () => {
    fc.assert(
      fc.property(partsArb, (p) => {
        const ascii = `${p.neg ? '-' : ''}${p.int}${p.frac ? '.' : ''}${p.frac}`;
        const { text, changed } = halfWidthDigits(fullWidth(ascii));
        expect(text).toBe(ascii);
        expect(changed).toBe(true);
        expect(normDecimal(text)).toBe(canonicalText(p));
        expect(halfWidthDigits(ascii)).toEqual({ text: ascii, changed: false });
      }),
      { numRuns: 300 },
    );
  });

  it('the ideographic full stop typed as a decimal point by some IMEs reads as "." (as halfWidthDigits documents)', () => {
    // text.ts: "Replace full-width digits, full stop, minus and plus … and the ideographic full stop"
    expect(halfWidthDigits('４。５')).toEqual({ text: '4.5', changed: true });
    expect(halfWidthDigits('4。5')).toEqual({ text: '4.5', changed: true });
  });

  it('text that is not a plain decimal is refused', () => {
    for (const s of ['', '.', '-', '1e3', '1,5', '4.5.1', '０x', 'NaN', 'Infinity', '--1', '1 2']) expect(parseDecimal(s)).toBeNull();
  });
});
