/**
 * The bounds of the lean reader. Every one is checked while reading (never against sizes a
 * file declares about itself), and going past one is a `TOO_LARGE` {@link XlsxError} that
 * names the file and the limit.
 */

/** What the lean reader accepts; see {@link DEFAULT_LEAN_LIMITS} for the defaults and why. */
export interface LeanLimits {
  /** bytes of the file itself */
  readonly maxBytes: number;
  /** unpacked bytes of any one zip entry that is read (counted while inflating) */
  readonly maxEntryBytes: number;
  /** unpacked bytes of all entries read, together */
  readonly maxTotalInflated: number;
  /** worksheets in the workbook */
  readonly maxSheets: number;
  /** `<row>` elements per worksheet, and the highest row number holding a kept value */
  readonly maxRows: number;
  /** columns kept (1…maxColumns) for ordinary sheets; cells beyond are reported in `outside`, not stored */
  readonly maxColumns: number;
  /** columns kept for the `_scoreseal` log sheet (column A the kind, B… the JSON pieces) */
  readonly maxLogColumns: number;
  /** cell values stored over the whole workbook (and merged ranges kept per sheet) */
  readonly maxCells: number;
  /** entries of the shared-string table */
  readonly maxStrings: number;
  /** characters of any one string (shared, inline or cached), Excel's cell limit by default */
  readonly maxStringChars: number;
  /** nesting depth of XML elements in any part */
  readonly maxXmlDepth: number;
}

/**
 * The defaults, sized for ScoreSeal's workbooks with a wide margin:
 *
 * - `maxBytes` 50 MiB and `maxTotalInflated` 500 MiB: as the ExcelJS reader's limits;
 * - `maxEntryBytes` 128 MiB: a sheet at the row limit (100,000 rows × 16 columns, ~45 bytes a
 *   cell as Excel writes them) is ~75 MB of XML;
 * - `maxSheets` 256: a workbook holds one score sheet per unit;
 * - `maxRows` 100,000: a score sheet has a few hundred rows; the log one row per record;
 * - `maxColumns` 16 (score sheets use 13) and `maxLogColumns` 64 (64 × 32,000 characters is
 *   a 2-million-character record);
 * - `maxCells` 2,000,000: more than one sheet at the row limit;
 * - `maxStrings` 1,000,000 and `maxStringChars` 32,767 (Excel's own limit for a cell);
 * - `maxXmlDepth` 64: real parts nest at most ~12 deep.
 */
export const DEFAULT_LEAN_LIMITS: Readonly<LeanLimits> = Object.freeze({
  maxBytes: 50 * 2 ** 20,
  maxEntryBytes: 128 * 2 ** 20,
  maxTotalInflated: 500 * 2 ** 20,
  maxSheets: 256,
  maxRows: 100_000,
  maxColumns: 16,
  maxLogColumns: 64,
  maxCells: 2_000_000,
  maxStrings: 1_000_000,
  maxStringChars: 32_767,
  maxXmlDepth: 64,
});

/**
 * The defaults overridden by `limits`.
 *
 * @throws {RangeError} for a limit that is not a number ≥ 0 (a caller's mistake, not the file's)
 */
export function resolveLimits(limits: Partial<LeanLimits> = {}): LeanLimits {
  const out: Record<string, number> = { ...DEFAULT_LEAN_LIMITS };
  for (const [key, value] of Object.entries(limits)) {
    if (!(key in DEFAULT_LEAN_LIMITS) || value === undefined) continue;
    if (typeof value !== 'number' || Number.isNaN(value) || value < 0) throw new RangeError(`lean xlsx limit ${key} must be a number ≥ 0`);
    out[key] = value;
  }
  return out as unknown as LeanLimits;
}
