/**
 * The self-test's fixed fixture: a small grid of typed cells whose canonical digest (typed
 * cells, SPEC §3 *Seal*) the core computes here and the host computes after writing the grid
 * and reading it back. The cross-edge test (test/office/selftest.test.ts) runs the same
 * fixture through the file edge (ExcelJS writes it, the lean reader reads it back), so the
 * first person to run the self-test in real Excel learns whether Excel, the command line and
 * the core agree on every kind of cell a seal covers.
 *
 * Pure data and the core's functions only: no Excel, no files.
 */
import { digest } from '../../core/crypto/digest';
import { typedCell, type CellValue } from '../../core/sheet/cells';

/** The date-time of the fixture: 2023-03-15 10:00, whose serial has no short decimal form. */
export const FIXTURE_DATE_TIME = 45000.416666666664;
/** The date-time's number format (what a reader sees; the digest covers the stored serial). */
export const FIXTURE_DATE_FORMAT = 'yyyy-mm-dd hh:mm';

/** Rows of the fixture, from A1; each cell with the number format it is written with (null: leave General). */
export const SELFTEST_FIXTURE: readonly (readonly { readonly value: CellValue; readonly format: string | null }[])[] = [
  [
    { value: FIXTURE_DATE_TIME, format: FIXTURE_DATE_FORMAT },
    // text that starts with '=' must stay text: a text-formatted cell
    { value: '=X', format: '@' },
    { value: { formula: '=1+1' }, format: null },
    { value: true, format: null },
    { value: false, format: null },
  ],
  [
    { value: { error: '#N/A' }, format: null },
    // 考核 and an é typed as e + U+0301: the canonical text is NFC (é as one code point)
    { value: '考核 Cafe\u0301', format: '@' },
    { value: 0.1 + 0.2, format: null },
    // a text that looks like a number stays text
    { value: '1.10', format: '@' },
    { value: '  前后有空格  ', format: '@' },
  ],
  [
    { value: -0.5, format: null },
    { value: 1e-7, format: null },
    { value: 123456789.125, format: '0.00' },
    { value: null, format: null },
    { value: '评分 ✓', format: '@' },
  ],
];

/** The fixture's cells (what is written). */
export const FIXTURE_CELLS: readonly (readonly CellValue[])[] = SELFTEST_FIXTURE.map((r) => r.map((c) => c.value));

/** Rows × columns of the fixture. */
export const FIXTURE_ROWS = SELFTEST_FIXTURE.length;
export const FIXTURE_COLUMNS = Math.max(...SELFTEST_FIXTURE.map((r) => r.length));

/**
 * The canonical digest of a grid read back (rows from the fixture's top-left cell): every cell
 * as `typedCell`, the grid cut or padded to the fixture's size.
 */
export function fixtureDigest(cells: readonly (readonly CellValue[])[]): string {
  const grid = Array.from({ length: FIXTURE_ROWS }, (_, r) =>
    Array.from({ length: FIXTURE_COLUMNS }, (_, c) => typedCell(cells[r]?.[c] ?? null)),
  );
  return digest({ schema: 'scoreseal/selftest@1', cells: grid });
}

/** The typed cells of a grid, for reports ("which cell differs"). */
export function typedGrid(cells: readonly (readonly CellValue[])[]): string[][] {
  return Array.from({ length: FIXTURE_ROWS }, (_, r) =>
    Array.from({ length: FIXTURE_COLUMNS }, (_, c) => typedCell(cells[r]?.[c] ?? null)),
  );
}

/** The digest the core expects for the fixture. */
export function expectedFixtureDigest(): string {
  return fixtureDigest(FIXTURE_CELLS);
}
