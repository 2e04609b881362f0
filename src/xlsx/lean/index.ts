/**
 * The lean .xlsx reader: a bounded, streaming reader of exactly what ScoreSeal needs from a
 * workbook (cell values, number formats, merges, hidden rows and columns, sheet states,
 * protection), without ExcelJS. Works in Node and in a browser Web Worker: no Node APIs,
 * only Uint8Array, DataView and TextDecoder.
 *
 * Reading order: sniff the bytes → the zip's central directory → `[Content_Types].xml`
 * (macro-enabled workbooks refused) → `xl/workbook.xml` (Strict workbooks refused) → its
 * relationships → styles (number formats only) → shared strings → each worksheet, in
 * workbook order. No other part is ever inflated: external links, defined names, pivot
 * caches, VBA, drawings, themes and comments stay packed.
 *
 * Every failure is an {@link XlsxError} naming the file: NOT_XLSX, ENCRYPTED, CORRUPT, or
 * TOO_LARGE (which also names the limit that was passed).
 */
import type { CellValue } from '../../core/sheet/cells';
import { LOG_SHEET } from '../../core/sheet/layout';
import type { RawWorkbook } from '../../core/sheet/patch';
import { XlsxError } from '../errors';
import { corrupt, notXlsx } from './fail';
import { resolveLimits, type LeanLimits } from './limits';
import { checkContentTypes } from './parts/contentTypes';
import { readRelationships, type Relationship } from './parts/rels';
import { readSharedStrings } from './parts/sharedStrings';
import { readCellFormats } from './parts/styles';
import { WORKBOOK_PART, readWorkbookPart, type SheetState } from './parts/workbook';
import { readWorksheet, type CellBudget, type LeanSheet, type SheetExtent } from './parts/worksheet';
import { requireZip } from './sniff';
import type { PartContext } from './xml';
import { ZipArchive } from './zip';

export { DEFAULT_LEAN_LIMITS, type LeanLimits } from './limits';
export type { LeanSheet, SheetExtent } from './parts/worksheet';
export type { SheetState } from './parts/workbook';

/**
 * The core's view of the workbook ({@link RawWorkbook}): `sheets` (every worksheet except
 * `_scoreseal`, in workbook order, each always with merges, hidden rows and columns and
 * number formats), `log` (the `_scoreseal` rows from A1, or null), `logVisibility` (only
 * when the log exists) and `date1904`.
 */
export interface LeanRawWorkbook extends RawWorkbook {
  readonly sheets: readonly LeanSheet[];
  readonly date1904: boolean;
}

/** A workbook as the lean reader returns it. */
export interface LeanWorkbook {
  /** the core's view of the workbook */
  readonly raw: LeanRawWorkbook;
  /** the visibility of every worksheet (`_scoreseal` included), by name */
  readonly sheetStates: ReadonlyMap<string, SheetState>;
  /** the attributes of `<workbookProtection>` in `xl/workbook.xml`, or null */
  readonly structureProtection: Readonly<Record<string, string>> | null;
  /** the attributes of each worksheet's `<sheetProtection>`, by sheet name, for sheets that have one */
  readonly sheetProtection: ReadonlyMap<string, Readonly<Record<string, string>>>;
  /**
   * Per sheet: the address of the first non-empty cell beyond the columns kept
   * (`maxColumns`, or `maxLogColumns` for `_scoreseal`); absent when there is none.
   */
  readonly outside: ReadonlyMap<string, string>;
  /** how far the worksheet parts reach, summed (kept cells or not): what a full load would cost */
  readonly extent: Readonly<SheetExtent>;
}

/**
 * Reads an .xlsx workbook from its bytes.
 *
 * @param bytes the file's bytes
 * @param file how to name the file in errors (a path, or the picked file's name)
 * @param limits bounds to override (see {@link DEFAULT_LEAN_LIMITS})
 * @throws {XlsxError} NOT_XLSX, ENCRYPTED, CORRUPT or TOO_LARGE; never a raw zip or XML error
 * @throws {RangeError} for a limit that is not a number ≥ 0
 */
export async function readXlsx(bytes: Uint8Array, file: string, limits: Partial<LeanLimits> = {}): Promise<LeanWorkbook> {
  const resolved = resolveLimits(limits);
  // the work is synchronous (nothing to wait for once the bytes are here); it starts after the caller's turn
  await Promise.resolve();
  try {
    return readWorkbook(bytes, file, resolved);
  } catch (e) {
    if (e instanceof XlsxError) throw e;
    throw corrupt(file, 'it cannot be read as a workbook', e);
  }
}

/** Whether a worksheet name is the log sheet's (Excel compares sheet names case-insensitively). */
function isLogSheet(name: string): boolean {
  return name.toLowerCase() === LOG_SHEET.toLowerCase();
}

function readWorkbook(bytes: Uint8Array, file: string, limits: LeanLimits): LeanWorkbook {
  if (bytes.byteLength > limits.maxBytes)
    throw new XlsxError(
      { code: 'TOO_LARGE', kind: 'fileBytes', size: bytes.byteLength, max: limits.maxBytes },
      file,
      `${file} is too large (${bytes.byteLength} bytes; the limit is ${limits.maxBytes})`,
    );
  requireZip(bytes, file);
  const zip = ZipArchive.open(bytes, file, limits);
  if (!zip.find(WORKBOOK_PART)) {
    if (zip.find('xl/workbook.bin')) throw notXlsx(file, 'xlsb');
    throw notXlsx(file, 'zip');
  }
  const ctx: PartContext = { file, zip, limits };
  checkContentTypes(ctx, WORKBOOK_PART);
  const book = readWorkbookPart(ctx);
  const rels = readRelationships(ctx, WORKBOOK_PART);
  const target = (type: string, fallback: string): string => firstOfType(rels, type) ?? fallback;
  const styles = readCellFormats(ctx, target('styles', 'xl/styles.xml'));
  const strings = readSharedStrings(ctx, target('sharedStrings', 'xl/sharedStrings.xml'));

  const budget: CellBudget = { stored: 0 };
  const sheets: LeanSheet[] = [];
  const sheetStates = new Map<string, SheetState>();
  const sheetProtection = new Map<string, Readonly<Record<string, string>>>();
  const outside = new Map<string, string>();
  const seen = new Set<string>();
  const extent: SheetExtent = { cells: 0, span: 0 };
  let log: readonly (readonly CellValue[])[] | null = null;

  for (const ref of book.sheets) {
    const key = ref.name.toLowerCase();
    if (seen.has(key)) throw corrupt(file, `two sheets are named ${ref.name}`);
    seen.add(key);
    const rel = rels.get(ref.relId);
    if (!rel) throw corrupt(file, `sheet ${ref.name} has no part in the workbook's relationships`);
    // chart sheets and dialog sheets hold no cells
    if (rel.type !== 'worksheet') continue;
    const entry = zip.find(rel.path);
    if (!entry) throw corrupt(file, `the part of sheet ${ref.name} (${rel.path}) is missing`);
    const isLog = isLogSheet(ref.name);
    const read = readWorksheet(ctx, entry, {
      name: ref.name,
      keptColumns: isLog ? limits.maxLogColumns : limits.maxColumns,
      strings,
      styles,
      budget,
    });
    sheetStates.set(ref.name, ref.state);
    extent.cells += read.extent.cells;
    extent.span += read.extent.span;
    const sheet = { ...read.sheet, visibility: ref.state };
    if (read.protection) sheetProtection.set(ref.name, read.protection);
    if (read.outside !== undefined) outside.set(ref.name, read.outside);
    if (isLog) {
      log = read.sheet.cells;
    } else {
      sheets.push(sheet);
    }
  }

  const raw: LeanRawWorkbook = { sheets, log, date1904: book.date1904 };
  return { raw, sheetStates, structureProtection: book.protection, sheetProtection, outside, extent };
}

/** The path of the first relationship of a type (`styles`, `sharedStrings`). */
function firstOfType(rels: ReadonlyMap<string, Relationship>, type: string): string | undefined {
  for (const r of rels.values()) if (r.type === type) return r.path;
  return undefined;
}
