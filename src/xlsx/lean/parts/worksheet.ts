/**
 * One worksheet part, streamed: cell values (typed as the core's {@link CellValue}), number
 * formats, hidden rows and columns, merged ranges and `<sheetProtection>`.
 *
 * Bounded: cells are kept only in columns 1…`keptColumns`; a non-empty cell beyond is not
 * stored, its address (the first such) is reported instead. `<row>` elements and the row of
 * every kept value are held to `maxRows`, kept values over the workbook to `maxCells`.
 * Nothing is padded: rows are ragged and end at their last value.
 *
 * Values are read as Excel stores them: numbers as the stored double (`Number` of the text,
 * never through a date), formulas as `{formula: '=' + text}` (shared-formula clones moved
 * from their master), strings with `_xHHHH_` escapes decoded. A merged area reads as its
 * top-left cell, the others empty, as Office.js and the ExcelJS edge report them.
 *
 * After the cells it notes conditional formats (their range, and whether they change the number
 * format: a conditional format can show 4 as 10) and drawings (which can cover cells); reading
 * stops at the first element the schema puts after `<drawing>`.
 */
import { canonFormula, type CellValue } from '../../../core/sheet/cells';
import type { RawSheet } from '../../../core/sheet/parse';
import type { XlsxPlace } from '../../errors';
import { corrupt, overLimit, quote } from '../fail';
import { slideFormula } from '../formulas';
import {
  MAX_COLUMN,
  MAX_ROW,
  cellAddress,
  decodeXEscapes,
  isTrue,
  parseCellAddress,
  parseDigits,
  parseRangeRef,
  parseXsdNumber,
} from '../text';
import { STOP, maxValueChars, plainAttributes, readXmlPart, type Attrs, type PartContext } from '../xml';
import type { ZipEntry } from '../zip';
import { RichTextCollector } from './richText';
import type { Styles } from './styles';

/** A worksheet as the lean reader returns it: always with hidden columns and number formats. */
export interface LeanSheet extends RawSheet {
  readonly merges: readonly string[];
  readonly hiddenRows: readonly number[];
  readonly hiddenColumns: readonly number[];
  readonly formats: readonly (readonly (string | null)[])[];
  readonly conditionalFormats: readonly { readonly range: string; readonly numberFormat: boolean }[];
  readonly drawings: number;
}

/** Counts kept values over the whole workbook. */
export interface CellBudget {
  stored: number;
}

/** What reading one worksheet needs besides the part. */
export interface WorksheetInput {
  readonly name: string;
  /** columns kept: 1…keptColumns */
  readonly keptColumns: number;
  readonly strings: readonly string[];
  readonly styles: Styles;
  readonly budget: CellBudget;
}

/** What one worksheet holds. */
export interface WorksheetResult {
  readonly sheet: LeanSheet;
  /** the attributes of `<sheetProtection>`, or null */
  readonly protection: Readonly<Record<string, string>> | null;
  /** the first non-empty cell beyond the kept columns, if any */
  readonly outside: string | undefined;
  /** how far the part reaches, kept or not (what loading it whole would cost) */
  readonly extent: SheetExtent;
}

/**
 * How far a worksheet part reaches: `<c>` elements, and the sum over rows of each row's last
 * column (a library that keeps a row's cells in an array indexed by column pays for that many
 * positions: 30,000 rows with a cell in XFD are 491 million).
 */
export interface SheetExtent {
  cells: number;
  span: number;
}

const NONE = 0;
const V = 1;
const F = 2;

/**
 * Worksheet elements that the schema (CT_Worksheet) places after `<drawing>`: once one of them
 * opens after the cells, nothing the reader needs (conditional formats, drawings) can follow,
 * and reading stops.
 */
const AFTER_DRAWINGS: ReadonlySet<string> = new Set([
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
]);

/** A row lower than this (points) or a column narrower than this (characters) shows nothing: it counts as hidden. */
const MIN_ROW_HEIGHT = 2;
const MIN_COLUMN_WIDTH = 0.5;

const CELL_TYPES: ReadonlySet<string> = new Set(['n', 's', 'str', 'inlineStr', 'b', 'e', 'd']);

interface Merge {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

interface Master {
  readonly text: string;
  readonly row: number;
  readonly col: number;
}

/**
 * Reads one worksheet part.
 *
 * @throws {XlsxError} TOO_LARGE past a limit; CORRUPT for a cell that cannot be read (a bad
 *   address, a shared string or shared formula that does not exist, a number that is not one)
 */
export function readWorksheet(ctx: PartContext, entry: ZipEntry, input: WorksheetInput): WorksheetResult {
  const { file, limits } = ctx;
  const { name, strings, styles, budget } = input;
  const formats = styles.cells;
  const keptColumns = Math.min(input.keptColumns, MAX_COLUMN);
  const maxRows = limits.maxRows;
  const maxText = maxValueChars(limits);

  const cells: CellValue[][] = [];
  const fmts: (string | null)[][] = [];
  const hiddenRows: number[] = [];
  const hiddenColumns = new Set<number>();
  const merges: Merge[] = [];
  const masters = new Map<string, Master>();
  let protection: Record<string, string> | null = null;
  let outside: string | undefined;
  const conditionalFormats: { range: string; numberFormat: boolean }[] = [];
  let cfRange: string | null = null;
  let drawings = 0;

  let inSheetData = false;
  let sawSheetData = false;
  let inCols = false;
  let inMerges = false;
  let inRow = false;
  let inCell = false;
  let rowElements = 0;
  let rowNumber = 0;
  let colNumber = 0;
  const extent: SheetExtent = { cells: 0, span: 0 };
  let rowLastColumn = 0;

  // the cell being read
  let row = 0;
  let col = 0;
  let type = 'n';
  let style: string | undefined;
  let capture = NONE;
  let vText = '';
  let fText = '';
  let hasF = false;
  let fType: string | undefined;
  let fSi: string | undefined;
  let isText: string | null = null;
  const at = (): XlsxPlace => ({ sheet: name, cell: cellAddress(row, col) });
  const where = (): string => `cell ${cellAddress(row, col)} of sheet ${name}`;
  const inline = new RichTextCollector(file, limits.maxStringChars, at);

  const openRow = (attrs: Attrs): void => {
    if (++rowElements > maxRows) throw overLimit(file, 'rows', maxRows, { sheet: name });
    const r = attrs.r === undefined ? rowNumber + 1 : parseDigits(attrs.r);
    if (r === null || r < 1 || r > MAX_ROW) throw corrupt(file, `sheet ${name} has a row numbered ${quote(attrs.r ?? '')}`);
    rowNumber = r;
    colNumber = 0;
    rowLastColumn = 0;
    inRow = true;
    const ht = attrs.ht === undefined ? null : parseXsdNumber(attrs.ht);
    if (isTrue(attrs.hidden) || (ht !== null && ht < MIN_ROW_HEIGHT)) hiddenRows.push(r);
  };

  const openCell = (attrs: Attrs): void => {
    if (attrs.r === undefined) {
      row = rowNumber;
      col = colNumber + 1;
      if (col > MAX_COLUMN) throw corrupt(file, `row ${row} of sheet ${name} has more than ${MAX_COLUMN} cells`);
    } else {
      const a = parseCellAddress(attrs.r);
      if (!a) throw corrupt(file, `sheet ${name} has a cell at ${quote(attrs.r)}, which is not a cell address`);
      row = a.row;
      col = a.col;
    }
    colNumber = col;
    extent.cells += 1;
    if (col > rowLastColumn) rowLastColumn = col;
    type = attrs.t ?? 'n';
    if (!CELL_TYPES.has(type)) throw corrupt(file, `${where()} has an unknown type ${quote(type)}`);
    style = attrs.s;
    inCell = true;
    capture = NONE;
    vText = '';
    fText = '';
    hasF = false;
    fType = undefined;
    fSi = undefined;
    isText = null;
  };

  const openColumns = (attrs: Attrs): void => {
    const min = parseDigits(attrs.min ?? '');
    const max = parseDigits(attrs.max ?? '');
    if (min === null || max === null) return;
    const width = attrs.width === undefined ? null : parseXsdNumber(attrs.width);
    const hidden = isTrue(attrs.hidden) || (width !== null && width < MIN_COLUMN_WIDTH);
    if (!hidden) return;
    // clamped to the kept columns: <col min="1" max="16384"> costs keptColumns steps at most
    for (let c = Math.max(1, min); c <= Math.min(max, keptColumns); c++) hiddenColumns.add(c - 1);
  };

  const openMerge = (attrs: Attrs): void => {
    const m = parseRangeRef(attrs.ref ?? '');
    if (!m) throw corrupt(file, `sheet ${name} has a merged range ${quote(attrs.ref ?? '')}, which is not a range`);
    if (m.left > keptColumns || m.top > maxRows) return;
    if (merges.length >= limits.maxCells) throw overLimit(file, 'mergedRanges', limits.maxCells, { sheet: name });
    merges.push(m);
  };

  const sharedString = (): string | null => {
    const t = vText.trim();
    if (t === '') return null;
    const i = parseDigits(t);
    const s = i === null ? undefined : strings[i];
    if (s === undefined) throw corrupt(file, `${where()} refers to shared string ${quote(t)}, which does not exist`);
    return s;
  };

  const checkedString = (s: string): string => {
    if (s.length > limits.maxStringChars) throw overLimit(file, 'stringChars', limits.maxStringChars, at());
    return s;
  };

  /** The value a cell shows (a formula's cached result included). */
  const plainValue = (): CellValue => {
    if (type === 's') return sharedString();
    if (type === 'inlineStr') {
      if (isText !== null && isText !== '') return isText;
      return vText === '' ? null : checkedString(decodeXEscapes(vText));
    }
    if (vText === '') return null;
    switch (type) {
      case 'str':
        return checkedString(decodeXEscapes(vText));
      case 'b': {
        const t = vText.trim();
        if (t === '1' || t === 'true') return true;
        if (t === '0' || t === 'false') return false;
        throw corrupt(file, `${where()} holds ${quote(t)}, which is not a boolean`);
      }
      case 'e':
        return { error: vText.trim() };
      case 'd':
        return vText.trim();
      default: {
        if (vText.trim() === '') return null;
        const n = parseXsdNumber(vText);
        if (n === null) throw corrupt(file, `${where()} holds ${quote(vText)}, which is not a number`);
        return n;
      }
    }
  };

  /** A formula with the result the file caches for it (what Excel shows until it recalculates). */
  const withResult = (formula: string): CellValue => {
    const r = plainValue();
    return typeof r === 'string' || typeof r === 'number' || typeof r === 'boolean' ? { formula, result: r } : { formula };
  };

  const cellValue = (): CellValue => {
    if (!hasF) return plainValue();
    const text = decodeXEscapes(fText);
    if (fType === 'shared') {
      const key = fSi ?? '';
      if (text.trim() !== '') {
        masters.set(key, { text, row, col });
        return withResult(canonFormula(text));
      }
      const master = masters.get(key);
      if (!master) throw corrupt(file, `${where()} is a copy of shared formula ${quote(key)}, which has no master cell`);
      return withResult(canonFormula(slideFormula(master.text, row - master.row, col - master.col)));
    }
    // a data table (what-if analysis) computes its cells without formula text: a formula all the same
    if (fType === 'dataTable') return withResult('=TABLE()');
    // an empty formula (no text, not shared) shows its cached value
    return text.trim() !== '' ? withResult(canonFormula(text)) : plainValue();
  };

  const store = (value: CellValue): void => {
    if (row > maxRows) throw overLimit(file, 'rows', maxRows, { sheet: name });
    if (++budget.stored > limits.maxCells) throw overLimit(file, 'cells', limits.maxCells);
    while (cells.length < row) cells.push([]);
    const line = cells[row - 1]!;
    while (line.length < col - 1) line.push(null);
    line[col - 1] = value;
    const s = style === undefined ? null : parseDigits(style);
    const fmt = s === null ? null : (formats[s] ?? null);
    if (fmt === null) return;
    while (fmts.length < row) fmts.push([]);
    const f = fmts[row - 1]!;
    while (f.length < col - 1) f.push(null);
    f[col - 1] = fmt;
  };

  const closeCell = (): void => {
    inCell = false;
    capture = NONE;
    if (col > keptColumns) {
      // not stored; a shared-formula master still counts for the clones after it
      if (hasF && fType === 'shared' && fText.trim() !== '') masters.set(fSi ?? '', { text: decodeXEscapes(fText), row, col });
      if (outside === undefined && (hasF || vText !== '' || (isText !== null && isText !== ''))) outside = cellAddress(row, col);
      return;
    }
    const value = cellValue();
    if (value !== null) store(value);
  };

  readXmlPart(ctx, entry, {
    open(el, attrs, depth) {
      switch (depth) {
        case 2:
          if (el === 'sheetData') inSheetData = sawSheetData = true;
          else if (el === 'cols') inCols = true;
          else if (el === 'mergeCells') inMerges = true;
          else if (el === 'sheetProtection' && protection === null) protection = plainAttributes(attrs);
          else if (el === 'conditionalFormatting') {
            if (conditionalFormats.length >= limits.maxCells) throw overLimit(file, 'conditionalFormats', limits.maxCells, { sheet: name });
            cfRange = (attrs.sqref ?? '').trim();
            conditionalFormats.push({ range: cfRange, numberFormat: false });
          } else if (el === 'drawing' || el === 'legacyDrawing') drawings += el === 'drawing' ? 1 : 0;
          else if (sawSheetData && AFTER_DRAWINGS.has(el)) throw STOP;
          return;
        case 3:
          if (inSheetData && el === 'row') openRow(attrs);
          else if (inCols && el === 'col') openColumns(attrs);
          else if (inMerges && el === 'mergeCell') openMerge(attrs);
          else if (cfRange !== null && el === 'cfRule') {
            const dxf = parseDigits(attrs.dxfId ?? '');
            if (dxf !== null && styles.dxfNumberFormats.has(dxf))
              conditionalFormats[conditionalFormats.length - 1] = { range: cfRange, numberFormat: true };
          }
          return;
        case 4:
          if (inRow && el === 'c') openCell(attrs);
          return;
        case 5:
          if (!inCell) return;
          if (el === 'v') capture = V;
          else if (el === 'f') {
            capture = F;
            hasF = true;
            fType = attrs.t;
            fSi = attrs.si;
          } else if (el === 'is') inline.start(depth);
          return;
        default:
          if (inline.active) inline.open(el, depth);
      }
    },
    close(el, depth) {
      switch (depth) {
        case 2:
          if (el === 'sheetData') inSheetData = false;
          else if (el === 'cols') inCols = false;
          else if (el === 'mergeCells') inMerges = false;
          else if (el === 'conditionalFormatting') cfRange = null;
          return;
        case 3:
          if (inRow) extent.span += rowLastColumn;
          inRow = false;
          return;
        case 4:
          if (inCell) closeCell();
          return;
        case 5:
          if (inline.active) isText = inline.finish();
          capture = NONE;
          return;
        default:
          if (inline.active) inline.close(depth);
      }
    },
    text(t) {
      if (capture === V) {
        vText += t;
        if (vText.length > maxText) throw overLimit(file, 'valueChars', maxText, at());
      } else if (capture === F) {
        fText += t;
        if (fText.length > maxText) throw overLimit(file, 'formulaChars', maxText, at());
      } else if (inline.active) inline.text(t);
    },
  });

  blankMergedCells(cells, fmts, merges, keptColumns, () => corrupt(file, `sheet ${name} has overlapping merged ranges`));
  trim(cells);
  fmts.length = Math.min(fmts.length, cells.length);
  trim(fmts);

  const sheet: LeanSheet = {
    name,
    cells,
    merges: merges.map((m) => `${cellAddress(m.top, m.left)}:${cellAddress(m.bottom, m.right)}`),
    hiddenRows: [...new Set(hiddenRows)].sort((a, b) => a - b),
    hiddenColumns: [...hiddenColumns].sort((a, b) => a - b),
    formats: fmts,
    conditionalFormats,
    drawings,
  };
  return { sheet, protection, outside, extent };
}

/**
 * Empties every cell of a merged area but its top-left one. The work is bounded: merged
 * areas that do not overlap cover each stored position at most once, so more steps than
 * that mean overlapping areas (which Excel refuses) and stop.
 */
function blankMergedCells(
  cells: CellValue[][],
  fmts: (string | null)[][],
  merges: readonly Merge[],
  keptColumns: number,
  overlapping: () => Error,
): void {
  const bound = 2 * cells.length * keptColumns + merges.length;
  let work = 0;
  for (const m of merges) {
    const lastRow = Math.min(m.bottom, cells.length);
    for (let r = m.top; r <= lastRow; r++) {
      const line = cells[r - 1]!;
      const f = fmts[r - 1];
      const lastCol = Math.min(m.right, line.length);
      if (++work > bound) throw overlapping();
      for (let c = r === m.top ? m.left + 1 : m.left; c <= lastCol; c++) {
        if (++work > bound) throw overlapping();
        line[c - 1] = null;
        if (f && c <= f.length) f[c - 1] = null;
      }
    }
  }
}

/** Drops trailing empty cells of each row, then trailing empty rows. */
function trim<T>(rows: (T | null)[][]): void {
  for (const line of rows) {
    let n = line.length;
    while (n > 0 && line[n - 1] === null) n--;
    line.length = n;
  }
  let n = rows.length;
  while (n > 0 && rows[n - 1]!.length === 0) n--;
  rows.length = n;
}
