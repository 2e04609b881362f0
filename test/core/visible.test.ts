/**
 * Output that cannot lie (issue 11): every control, bidi, zero-width or other invisible
 * character from a workbook is shown as an escape in human output; ScoreSeal's own colours and
 * line breaks survive `terminalSafe`; ordinary text (CJK, emoji, full-width) is untouched.
 */
import fc from 'fast-check';
import { hasHidden, terminalSafe, visible } from '../../src/core/text/visible';

const HIDDEN_SAMPLES = [
  '\u0000',
  '\u0007',
  '\u001B',
  '\u007F',
  '\u0085',
  '\u009B', // C1 CSI: a one-byte escape sequence start in some terminals
  '\u00AD',
  '\u061C',
  '\u200B',
  '\u200D',
  '\u200E',
  '\u200F',
  '\u2028',
  '\u202A',
  '\u202E',
  '\u2066',
  '\u2069',
  '\u2060',
  '\uFEFF',
  '\u3164',
  '\u{E0041}', // tag LATIN CAPITAL A
  '\uD800', // lone surrogate
];

describe('visible', () => {
  it.each(HIDDEN_SAMPLES.map((c) => [c.codePointAt(0)!.toString(16), c]))('U+%s is shown as an escape', (_, c) => {
    const v = visible(`a${c}b`);
    expect(v).not.toContain(c);
    expect(v).toMatch(/^a(\\u[0-9A-F]{4}){1,2}b$/);
    expect(hasHidden(`a${c}b`)).toBe(true);
  });

  it('an ESC sequence and a right-to-left override are spelled out, so they cannot redraw or reorder', () => {
    expect(visible('\u001B[2J\u001B[1A✓ no errors')).toBe('\\u001B[2J\\u001B[1A✓ no errors');
    expect(visible('得分\u202E01')).toBe('得分\\u202E01');
    expect(visible('line\nnext\ttab\r')).toBe('line\\nnext\\ttab\\r');
  });

  it('ordinary text is untouched: CJK, full-width digits, emoji (pairs), punctuation', () => {
    for (const s of ['城关镇 党风廉政建设', '１２．５分', '✓ ✗ ⚠', '👍🏽 family 👨‍👩‍👧', '“引号”（括号）——', 'ｅｘｃｅｌ']) {
      // the zero-width joiner inside an emoji family is shown (it can also hide text)
      expect(visible(s)).toBe(s.replace(/\u200D/g, '\\u200D'));
    }
  });

  it('property: the result never holds a hidden character and only grows', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
        const v = visible(s);
        expect(hasHidden(v)).toBe(false);
        expect(v.length).toBeGreaterThanOrEqual(s.length);
        expect(visible(v)).toBe(v);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('terminalSafe', () => {
  it("keeps line breaks and ScoreSeal's own colours, escapes every other ESC", () => {
    const own = '\u001B[31m✗ 1 error(s)\u001B[0m\n\u001B[32m✓\u001B[0m \u001B[33mwarning\u001B[0m';
    expect(terminalSafe(own)).toBe(own);
    expect(terminalSafe('x\u001B[8mhidden\u001B[0m')).toBe('x\\u001B[8mhidden\u001B[0m');
    expect(terminalSafe('a\u001B]0;title\u0007b')).toBe('a\\u001B]0;title\\u0007b');
    expect(terminalSafe('\u202Ex\n\u200By')).toBe('\\u202Ex\n\\u200By');
  });

  it('JSON stays exact: escaping a JSON document gives one that parses to the same value', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 30 }), { maxLength: 5 }), (strings) => {
        const doc = JSON.stringify({ strings }, null, 2);
        expect(JSON.parse(terminalSafe(doc))).toEqual({ strings });
      }),
      { numRuns: 500 },
    );
  });
});
