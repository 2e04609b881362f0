import fc from 'fast-check';
import { itemDigest, itemDigestSlow } from '../../src/core/signing/records';

describe('item digest fast path', () => {
  it('equals the digest of the JCS object for any texts (quotes, control characters, CJK, emoji)', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.string(),
        fc.string(),
        fc.string({ unit: 'grapheme' }),
        fc.string({ unit: 'binary' }),
        fc.string(),
        fc.string(),
        fc.string(),
        (unit, fp, max, score, completion, basis, verifiedBy, code) => {
          const v = { max, score, completion, basis, verifiedBy };
          expect(itemDigest(unit, fp, code, v)).toBe(itemDigestSlow(unit, fp, code, v));
        },
      ),
      { numRuns: 500 },
    );
  });
});
