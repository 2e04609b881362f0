import fc from 'fast-check';
import { formatDecimal, normDecimal, parseDecimal, unitsOf } from '../../src/core/decimal';

describe('decimal', () => {
  it('normalises to the shortest plain form', () => {
    expect(normDecimal(6)).toBe('6');
    expect(normDecimal(4.5)).toBe('4.5');
    expect(normDecimal('4.50')).toBe('4.5');
    expect(normDecimal('004')).toBe('4');
    expect(normDecimal(0)).toBe('0');
    expect(normDecimal(-0)).toBe('0');
    expect(normDecimal(1e-7)).toBe('0.0000001');
    expect(normDecimal(1e21)).toBe('1000000000000000000000');
    expect(normDecimal('abc')).toBeNull();
    expect(normDecimal('1e3')).toBeNull();
  });
  it('counts step units exactly', () => {
    expect(unitsOf(parseDecimal('4.5')!, parseDecimal('0.5')!)).toBe(9);
    expect(unitsOf(parseDecimal('4.55')!, parseDecimal('0.5')!)).toBeNull();
    expect(unitsOf(parseDecimal('0.3')!, parseDecimal('0.1')!)).toBe(3);
  });
  it('round-trips any number through its decimal string', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        const s = normDecimal(n)!;
        expect(Number(s)).toBe(n === 0 ? 0 : n);
        expect(s).not.toMatch(/e/i);
        expect(formatDecimal(parseDecimal(s)!)).toBe(s);
      }),
    );
  });
});
