/**
 * The lean reader's small pieces: shared-formula sliding, Excel's `_xHHHH_` escapes, A1
 * addresses, numbers, built-in formats, limits — and that the reader's sources use nothing
 * a browser Web Worker lacks.
 */
import fc from 'fast-check';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { slideFormula } from '../../../src/xlsx/lean/formulas';
import { resolveLimits, DEFAULT_LEAN_LIMITS } from '../../../src/xlsx/lean/limits';
import { BUILTIN_NUMBER_FORMATS, formatCode } from '../../../src/xlsx/lean/numfmt';
import { resolveTarget, relsPathOf } from '../../../src/xlsx/lean/parts/rels';
import { cellAddress, decodeXEscapes, parseCellAddress, parseRangeRef, parseXsdNumber } from '../../../src/xlsx/lean/text';
import { runs } from '../../support/runs';

describe('slideFormula', () => {
  it.each([
    ['A1+B2', 1, 0, 'A2+B3'],
    ['A1+B2', 0, 2, 'C1+D2'],
    ['$A$1+$A1+A$1', 3, 3, '$A$1+$A4+D$1'],
    ['SUM(A1:B2)*2', 1, 1, 'SUM(B2:C3)*2'],
    ["Sheet2!A1+'My Sheet'!A1+[1]Ext!A1", 1, 0, "Sheet2!A2+'My Sheet'!A2+[1]Ext!A2"],
    ['AB1!A1', 1, 0, 'AB1!A2'],
    ['城关镇!E7*2', 2, 0, '城关镇!E9*2'],
    ['"A1"&\'It\'\'s A1\'!A1&"say ""B2"""', 1, 0, '"A1"&\'It\'\'s A1\'!A2&"say ""B2"""'],
    ['SUM(A:A)+SUM($B:C)+SUM(1:1)+SUM($2:3)', 1, 1, 'SUM(B:B)+SUM($B:D)+SUM(2:2)+SUM($2:4)'],
    ['LOG10(A1)+ATAN2(1,2)+Table1[Col]+Table1[[#This Row],[A1]]', 1, 0, 'LOG10(A2)+ATAN2(1,2)+Table1[Col]+Table1[[#This Row],[A1]]'],
    ['TRUE+1.5E+3+A1', 1, 0, 'TRUE+1.5E+3+A2'],
    ['#REF!+A1', 1, 0, '#REF!+A2'],
    ['XFD1+A1048576', 1, 1, '#REF!+#REF!'],
    ['A2', -1, 0, 'A1'],
    ['A1', -1, 0, '#REF!'],
  ])('%s moved by (%i, %i) is %s', (f, dRow, dCol, expected) => {
    expect(slideFormula(f, dRow, dCol)).toBe(expected);
  });

  it('is the identity for no offset, and reversible while nothing leaves the sheet', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 0, max: 50 }),
        (r, c, dr, dc) => {
          const f = `SUM(${cellAddress(r, c)}:${cellAddress(r + 1, c + 2)})+$A$1+Sheet1!${cellAddress(r, c)}`;
          expect(slideFormula(f, 0, 0)).toBe(f);
          expect(slideFormula(slideFormula(f, dr, dc), -dr, -dc)).toBe(f);
        },
      ),
    );
  });

  it('is linear on long formulas', () => {
    const long = 'A1+'.repeat(50_000) + '"' + 'x'.repeat(100_000);
    const started = Date.now();
    expect(slideFormula(long, 1, 0).startsWith('A2+A2+')).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('_xHHHH_ escapes', () => {
  /**
   * How a string is written: control characters escaped, and an underscore that could start
   * an escape (`_x` and four hex digits, whatever follows: the next character may itself be
   * written as an escape that starts with `_`) escaped itself.
   */
  function excelEscape(s: string): string {
    let out = '';
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x20 && c !== 0x09 && c !== 0x0a) out += `_x${c.toString(16).toUpperCase().padStart(4, '0')}_`;
      else if (s[i] === '_' && /^_x[0-9A-Fa-f]{4}/.test(s.slice(i, i + 6))) out += '_x005F_';
      else out += s[i];
    }
    return out;
  }

  it('decodes what Excel encodes, for any text', () => {
    const text = fc
      .array(fc.constantFrom('a', '_', 'x', '0', '1', 'F', '_x', '_x001B_', '\u001b', '\r', '中', '_x005F_'), { maxLength: 30 })
      .map((a) => a.join(''));
    fc.assert(
      fc.property(text, (s) => expect(decodeXEscapes(excelEscape(s))).toBe(s)),
      { numRuns: runs(400, 20_000) },
    );
  });

  it('leaves malformed escapes alone and is linear', () => {
    expect(decodeXEscapes('_x00_ _xGGGG_ _x0041 _x0041_')).toBe('_x00_ _xGGGG_ _x0041 A');
    const hostile = '_x'.repeat(200_000);
    const started = Date.now();
    expect(decodeXEscapes(hostile)).toBe(hostile);
    expect(Date.now() - started).toBeLessThan(500);
  });
});

describe('addresses, numbers, formats, targets, limits', () => {
  it('parses A1 addresses and ranges within the sheet', () => {
    expect(parseCellAddress('E7')).toEqual({ row: 7, col: 5 });
    expect(parseCellAddress('$xfd$1048576')).toEqual({ row: 1_048_576, col: 16_384 });
    for (const bad of ['XFE1', 'A0', 'A1048577', '1A', 'AAAA1', 'A', '', 'A1B']) expect(parseCellAddress(bad)).toBeNull();
    expect(parseRangeRef('E8:D7')).toEqual({ top: 7, left: 4, bottom: 8, right: 5 });
    expect(parseRangeRef('B2')).toEqual({ top: 2, left: 2, bottom: 2, right: 2 });
    expect(cellAddress(30, 16_384)).toBe('XFD30');
  });

  it('reads xsd:double text exactly as Number does, refusing what is not one', () => {
    for (const t of ['45000.416666666664', '-1.5E-3', '1e+308', '0', '-0', '.5', '5.', ' 7 ']) expect(parseXsdNumber(t)).toBe(Number(t));
    for (const t of ['', '0x10', 'Infinity', 'NaN', '1e', '--1', '1.2.3', '1e999', '1 2']) expect(parseXsdNumber(t)).toBeNull();
  });

  it('knows the built-in formats 0–49 it must', () => {
    expect(formatCode(0, new Map())).toBeNull();
    expect(formatCode(14, new Map())).toBe('m/d/yyyy');
    expect(formatCode(49, new Map())).toBe('@');
    expect(formatCode(14, new Map([[14, 'yyyy/m/d']]))).toBe('yyyy/m/d');
    expect(formatCode(164, new Map([[164, 'General']]))).toBeNull();
    for (const id of [0, 1, 2, 3, 4, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 37, 38, 39, 40, 45, 46, 47, 48, 49])
      expect(BUILTIN_NUMBER_FORMATS.has(id)).toBe(true);
  });

  it('resolves relationship targets', () => {
    expect(relsPathOf('xl/workbook.xml')).toBe('xl/_rels/workbook.xml.rels');
    expect(resolveTarget('xl/', 'worksheets/sheet1.xml')).toBe('xl/worksheets/sheet1.xml');
    expect(resolveTarget('xl/', '/xl/worksheets/sheet1.xml')).toBe('xl/worksheets/sheet1.xml');
    expect(resolveTarget('xl/', '../xl/./worksheets/sheet%201.xml')).toBe('xl/worksheets/sheet 1.xml');
    expect(resolveTarget('xl/', 'bad%zz.xml')).toBe('xl/bad%zz.xml');
  });

  it('overrides defaults and refuses nonsense limits', () => {
    expect(resolveLimits({ maxRows: 10 })).toEqual({ ...DEFAULT_LEAN_LIMITS, maxRows: 10 });
    expect(() => resolveLimits({ maxRows: -1 })).toThrow(RangeError);
    expect(() => resolveLimits({ maxCells: Number.NaN })).toThrow(RangeError);
  });
});

describe('browser-safe', () => {
  const root = join(__dirname, '../../../src/xlsx/lean');
  const sources = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
    });

  it('uses no Node APIs and no ExcelJS or JSZip', () => {
    const files = sources(root);
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      const imports = [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1]!);
      for (const i of imports) expect([f, i]).toEqual([f, expect.stringMatching(/^(\.|fflate$|saxes$)/)]);
      expect([f, /\bBuffer\b|\brequire\(|\bprocess\./.test(text)]).toEqual([f, false]);
    }
  });
});
