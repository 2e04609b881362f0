/** SPEC §2/§3: the `_scoreseal` log rows — kind in column A, the JSON in pieces of ≤ 32,000 characters. */
import fc from 'fast-check';
import { decodeLog, encodeLogRow, PIECE } from '../../src/core/sheet/log';

jest.setTimeout(60_000); // generous, so a loaded machine slows the suite rather than failing it

/** characters Excel (or Office.js `values`) would take as the start of a formula or a prefix */
const RISKY = /^[=+\-@'\s]/;

describe('log rows', () => {
  it('long records split into pieces of at most 32,000 characters that read back whole', () => {
    const chunk = fc.constantFrom('考核', '=SUM(A1)', '-1', '+', '@x', "'", ' ', 'abc', '"q"', '\\', '\n', '合计');
    fc.assert(
      fc.property(fc.array(chunk, { minLength: 1, maxLength: 200 }), fc.integer({ min: 1, max: 30_000 }), (parts, repeat) => {
        const record = { unit: 'u01', note: parts.join('').repeat(Math.ceil(repeat / parts.length)), n: repeat };
        const row = encodeLogRow('note', record);
        expect(row[0]).toBe('note');
        const pieces = row.slice(1);
        expect(pieces.join('')).toBe(JSON.stringify(record));
        expect(pieces.length).toBeGreaterThanOrEqual(Math.ceil(JSON.stringify(record).length / PIECE));
        for (const p of pieces) expect(p.length).toBeLessThanOrEqual(PIECE);
        // a piece never starts with what a spreadsheet would read as a formula or a prefix
        for (const p of pieces.slice(1)) expect(p).not.toMatch(RISKY);
        const [entry] = decodeLog([row]);
        expect(entry).toMatchObject({ row: 1, kind: 'note', record, unit: 'u01' });
      }),
      { numRuns: 60 },
    );
    expect(PIECE).toBe(32_000);
  });

  it('reads rows the way an edge reports them: blank rows skipped, kinds trimmed, pieces concatenated', () => {
    const a = encodeLogRow('plan', { unit: { id: 'u01', name: '城关镇' }, x: 1 });
    const log = decodeLog([
      [' plan ', ...a.slice(1)],
      [],
      [null, null],
      ['signature', '{"unit":"u02",', '"items":[]}'],
      ['note', 'not json'],
    ]);
    expect(log.map((e) => [e.row, e.kind, e.unit, e.record === null])).toEqual([
      [1, 'plan', 'u01', false],
      [4, 'signature', 'u02', false],
      [5, 'note', null, true],
    ]);
  });
});
