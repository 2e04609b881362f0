/**
 * The double's workbook model: grid geometry, cell content and typed entry, worksheets with
 * their format layers, protection state, validations, conditional formats, merges, charts and
 * page layout, and the workbook around them. Plain data and Excel's rules about it; no proxies,
 * no request context (those are in proxies.ts and client.ts).
 */
import { E, err, type RichApiError } from './errors';

/* ------------------------------------------------------------------------------------------ */
/* Grid geometry                                                                               */
/* ------------------------------------------------------------------------------------------ */

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

/** A rectangle of cells, 0-based, inclusive. */
export interface Rect {
  readonly r0: number;
  readonly c0: number;
  readonly r1: number;
  readonly c1: number;
}

export const WHOLE: Rect = { r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: MAX_COLS - 1 };

export function letters(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function colOf(l: string): number {
  let n = 0;
  for (const ch of l.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Parses "A1", "A1:B2", "A:C", "3:5" (with or without $ and a sheet prefix). */
export function parseA1(address: string): Rect {
  const bare = (address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address).replace(/\$/g, '').trim();
  const bad = (): RichApiError =>
    err(E.invalidArgument, `The argument is invalid or missing or has an incorrect format: "${address}"`, 'Worksheet.getRange');
  let r0: number, c0: number, r1: number, c1: number;
  let m = /^([A-Z]{1,3})(\d{1,7})(?::([A-Z]{1,3})(\d{1,7}))?$/i.exec(bare);
  if (m) {
    c0 = colOf(m[1]!);
    r0 = Number(m[2]) - 1;
    c1 = m[3] ? colOf(m[3]) : c0;
    r1 = m[4] ? Number(m[4]) - 1 : r0;
  } else if ((m = /^([A-Z]{1,3}):([A-Z]{1,3})$/i.exec(bare))) {
    [r0, r1, c0, c1] = [0, MAX_ROWS - 1, colOf(m[1]!), colOf(m[2]!)];
  } else if ((m = /^(\d{1,7}):(\d{1,7})$/.exec(bare))) {
    [r0, r1, c0, c1] = [Number(m[1]) - 1, Number(m[2]) - 1, 0, MAX_COLS - 1];
  } else throw bad();
  const rect = { r0: Math.min(r0, r1), r1: Math.max(r0, r1), c0: Math.min(c0, c1), c1: Math.max(c0, c1) };
  if (rect.r0 < 0 || rect.c0 < 0 || rect.r1 >= MAX_ROWS || rect.c1 >= MAX_COLS) throw bad();
  return rect;
}

/** "A1", "A1:B2", "A:C", "3:5" as Excel prints them. */
export function rectA1(r: Rect): string {
  const allRows = r.r0 === 0 && r.r1 === MAX_ROWS - 1;
  const allCols = r.c0 === 0 && r.c1 === MAX_COLS - 1;
  if (allRows && !allCols) return `${letters(r.c0)}:${letters(r.c1)}`;
  if (allCols) return `${r.r0 + 1}:${r.r1 + 1}`;
  const a = `${letters(r.c0)}${r.r0 + 1}`;
  return r.r0 === r.r1 && r.c0 === r.c1 ? a : `${a}:${letters(r.c1)}${r.r1 + 1}`;
}

export function qualify(sheet: string, a1: string): string {
  const plain = /^[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*$/.test(sheet) && !/^[A-Za-z]{1,3}\d+$/.test(sheet);
  return `${plain ? sheet : `'${sheet.replace(/'/g, "''")}'`}!${a1}`;
}

export const cellsIn = (r: Rect): number => (r.r1 - r.r0 + 1) * (r.c1 - r.c0 + 1);
export const contains = (outer: Rect, inner: Rect): boolean =>
  outer.r0 <= inner.r0 && outer.c0 <= inner.c0 && outer.r1 >= inner.r1 && outer.c1 >= inner.c1;
export const intersects = (a: Rect, b: Rect): boolean => a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;
export const hasCell = (r: Rect, row: number, col: number): boolean => row >= r.r0 && row <= r.r1 && col >= r.c0 && col <= r.c1;

/* ------------------------------------------------------------------------------------------ */
/* Cell content and typed entry                                                                */
/* ------------------------------------------------------------------------------------------ */

export type Scalar = string | number | boolean;
export type Content =
  { t: 'str'; v: string } | { t: 'num'; v: number } | { t: 'bool'; v: boolean } | { t: 'err'; v: string } | { t: 'fx'; v: string };

export interface CellModel {
  content: Content | null;
  /** number format; absent = "General" */
  nf?: string;
}

export const EXCEL_ERRORS = [
  '#NULL!',
  '#DIV/0!',
  '#VALUE!',
  '#REF!',
  '#NAME?',
  '#NUM!',
  '#N/A',
  '#GETTING_DATA',
  '#SPILL!',
  '#CALC!',
  '#FIELD!',
  '#BLOCKED!',
  '#CONNECT!',
  '#BUSY!',
  '#UNKNOWN!',
] as const;
const ERROR_SET = new Set<string>(EXCEL_ERRORS);
const NUMERIC = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;
const PERCENT = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*%\s*$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** m/d/yyyy (or m/d/yy), optionally with h:mm[:ss] [AM|PM] */
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/;
export const CELL_TEXT_LIMIT = 32_767;

/** Excel date serial of a calendar date (1900 system). */
export function dateSerial(y: number, m: number, d: number): number {
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000);
}

/**
 * What Excel stores when a value is entered through `values`/`formulas` (or typed): strings are
 * parsed as a person's typing would be — numbers, percentages, TRUE/FALSE, ISO dates, error
 * codes, and text starting with = + - @ as formulas — unless the cell is formatted as text '@'
 * (then stored verbatim) or starts with an apostrophe. `undefined` = "leave the cell as it is".
 */
export function enter(raw: unknown, nf: string | undefined, where: string): Content | null | undefined {
  if (raw === null || raw === undefined) return undefined;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) throw err(E.invalidArgument, 'Numbers must be finite.', where);
    return { t: 'num', v: raw };
  }
  if (typeof raw === 'boolean') return { t: 'bool', v: raw };
  if (typeof raw !== 'string') throw err(E.invalidArgument, `Unsupported value type ${typeof raw}.`, where);
  if (raw.length > CELL_TEXT_LIMIT) throw err(E.invalidArgument, 'Text values can have at most 32767 characters.', where);
  if (raw === '') return null;
  if (nf === '@') return { t: 'str', v: raw };
  if (raw.startsWith("'")) return { t: 'str', v: raw.slice(1) };
  if (raw.startsWith('=') && raw.length > 1) return { t: 'fx', v: raw };
  if (NUMERIC.test(raw)) return { t: 'num', v: Number(raw) };
  if (PERCENT.test(raw)) return { t: 'num', v: Number(raw.replace('%', '').trim()) / 100 };
  if (/^[+\-@]/.test(raw)) return { t: 'fx', v: raw.startsWith('@') ? `=${raw.slice(1)}` : `=${raw}` };
  if (ERROR_SET.has(raw.toUpperCase())) return { t: 'err', v: raw.toUpperCase() };
  if (/^(true|false)$/i.test(raw)) return { t: 'bool', v: raw.toLowerCase() === 'true' };
  const d = ISO_DATE.exec(raw);
  if (d) return { t: 'num', v: dateSerial(Number(d[1]), Number(d[2]), Number(d[3])) };
  // Range.values parses strings in the US locale whatever the user's locale ("by design: the
  // APIs use USA locale by default"; formulasLocal uses the user's) —
  // https://github.com/OfficeDev/office-js/issues/1559 — so "1/2/2024" is 2 January 2024.
  const us = US_DATE.exec(raw);
  if (us) {
    const [month, day] = [Number(us[1]), Number(us[2])];
    const year = us[3]!.length === 2 ? (Number(us[3]) < 30 ? 2000 : 1900) + Number(us[3]) : Number(us[3]);
    if (month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate()) {
      let hours = us[4] ? Number(us[4]) : 0;
      if (us[7]) hours = (hours % 12) + (us[7].toLowerCase() === 'pm' ? 12 : 0);
      const seconds = hours * 3600 + (us[5] ? Number(us[5]) : 0) * 60 + (us[6] ? Number(us[6]) : 0);
      return { t: 'num', v: dateSerial(year, month, day) + seconds / 86_400 };
    }
  }
  return { t: 'str', v: raw };
}

/** Stores a value literally (fixtures): strings stay strings, '=…' is a formula. */
export function literal(raw: unknown): Content | null {
  if (raw === null || raw === undefined || raw === '') return null;
  if (typeof raw === 'number') return { t: 'num', v: raw };
  if (typeof raw === 'boolean') return { t: 'bool', v: raw };
  if (typeof raw === 'object' && raw !== null && 'formula' in raw) return { t: 'fx', v: String(raw.formula) };
  if (typeof raw === 'object' && raw !== null && 'error' in raw) return { t: 'err', v: String(raw.error) };
  const s = typeof raw === 'string' ? raw : JSON.stringify(raw);
  return s.startsWith('=') && s.length > 1 ? { t: 'fx', v: s } : { t: 'str', v: s };
}

/* ------------------------------------------------------------------------------------------ */
/* The model                                                                                   */
/* ------------------------------------------------------------------------------------------ */

/** The side of a cell a border line is on (each cell keeps its own four, as a file stores them). */
export type BorderSide = 'top' | 'bottom' | 'left' | 'right';
/** A border line's properties (RangeBorder.style, .weight, .color — ExcelApi 1.1). */
export type BorderKey = `border.${BorderSide}.${'style' | 'weight' | 'color'}`;
export type FormatKey =
  'locked' | 'fill' | 'bold' | 'fontColor' | 'fontSize' | 'wrapText' | 'horizontalAlignment' | 'verticalAlignment' | BorderKey;
export const BORDER_SIDES: readonly BorderSide[] = ['top', 'bottom', 'left', 'right'];
export const FORMAT_DEFAULTS: Record<FormatKey, unknown> = {
  locked: true,
  fill: null,
  bold: false,
  fontColor: '#000000',
  fontSize: 11,
  wrapText: false,
  horizontalAlignment: 'General',
  verticalAlignment: 'Bottom',
  ...(Object.fromEntries(
    BORDER_SIDES.flatMap((side) => [
      [`border.${side}.style`, 'None'],
      [`border.${side}.weight`, 'Thin'],
      [`border.${side}.color`, '#000000'],
    ]),
  ) as Record<BorderKey, unknown>),
};

/** The height of a row nobody sized, in points (Excel's default for the default font). */
export const STANDARD_ROW_HEIGHT = 15;

/** Page layout of a sheet (ExcelApi 1.9): what the double keeps of `Worksheet.pageLayout`. */
export interface PageLayoutModel {
  orientation: string;
  paperSize: string;
  printTitleRows: string | null;
  centerHeader: string;
  centerFooter: string;
  centerHorizontally: boolean;
  /** PageLayoutZoomOptions as set (absent members read as null) */
  zoom: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number };
  /** points */
  margins: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
}

export interface FormatLayer {
  readonly rect: Rect;
  readonly key: FormatKey;
  readonly value: unknown;
}

export type Visibility = 'Visible' | 'Hidden' | 'VeryHidden';

export interface ProtectionOptions {
  allowAutoFilter?: boolean;
  allowDeleteColumns?: boolean;
  allowDeleteRows?: boolean;
  allowEditObjects?: boolean;
  allowEditScenarios?: boolean;
  allowFormatCells?: boolean;
  allowFormatColumns?: boolean;
  allowFormatRows?: boolean;
  allowInsertColumns?: boolean;
  allowInsertHyperlinks?: boolean;
  allowInsertRows?: boolean;
  allowPivotTables?: boolean;
  allowSort?: boolean;
  selectionMode?: string;
}

export interface ValidationRecord {
  address: string;
  rule: Record<string, unknown> | null;
  prompt?: Record<string, unknown>;
  errorAlert?: Record<string, unknown>;
  ignoreBlanks?: boolean;
}

export interface ConditionalFormatRecord {
  address: string;
  type: string;
  rule: Record<string, unknown> | null;
  fill: string | null;
  fontColor: string | null;
  bold: boolean | null;
}

/** A chart on a worksheet (ExcelApi 1.1; series ranges 1.7). Ranges keep their sheet. */
export interface ChartRangeRef {
  readonly sheet: SheetModel;
  readonly rect: Rect;
}
export interface ChartSeriesModel {
  name: string;
  values: ChartRangeRef;
  xValues: ChartRangeRef | null;
  hasDataLabels: boolean;
}
export interface ChartModel {
  readonly sheet: SheetModel;
  name: string;
  readonly type: string;
  readonly seriesBy: string;
  readonly source: ChartRangeRef;
  title: string;
  titleVisible: boolean;
  legendVisible: boolean;
  readonly series: ChartSeriesModel[];
  /** top-left and bottom-right cells (A1), null until setPosition */
  position: { start: string; end: string | null } | null;
}

/** What a test sees of a chart: addresses are sheet-qualified like Range.address. */
export interface ChartRecord {
  readonly name: string;
  readonly type: string;
  readonly seriesBy: string;
  readonly source: string;
  readonly title: string;
  readonly titleVisible: boolean;
  readonly legendVisible: boolean;
  readonly series: readonly {
    readonly name: string;
    readonly values: string;
    readonly xValues: string | null;
    readonly hasDataLabels: boolean;
  }[];
  readonly position: { readonly start: string; readonly end: string | null } | null;
}

export class SheetModel {
  readonly cells = new Map<number, CellModel>();
  layers: FormatLayer[] = [];
  readonly columnWidths = new Map<number, number>();
  /** rows sized by RangeFormat.rowHeight (points); others are STANDARD_ROW_HEIGHT */
  readonly rowHeights = new Map<number, number>();
  readonly hiddenRows = new Set<number>();
  readonly hiddenColumns = new Set<number>();
  merges: Rect[] = [];
  protection: { protected: boolean; password: string | null; options: ProtectionOptions } = {
    protected: false,
    password: null,
    options: {},
  };
  readonly validations: { rect: Rect; record: ValidationRecord }[] = [];
  readonly conditionalFormats: { rect: Rect; record: ConditionalFormatRecord }[] = [];
  frozenRows = 0;
  pageLayout: PageLayoutModel = {
    orientation: 'Portrait',
    paperSize: 'Letter',
    printTitleRows: null,
    centerHeader: '',
    centerFooter: '',
    centerHorizontally: false,
    zoom: { scale: 100 },
    // Excel's "Normal" margins: 0.7" left and right, 0.75" top and bottom, 0.3" header and footer
    margins: { left: 50.4, right: 50.4, top: 54, bottom: 54, header: 21.6, footer: 21.6 },
  };
  readonly charts: ChartModel[] = [];
  visibility: Visibility = 'Visible';
  /** set when the worksheet was deleted: proxies still bound to it fail */
  deleted = false;
  /** cells unlocked in the batch now running (office-js#143: a protect() in the same batch may re-lock them) */
  batchUnlocks: Rect[] = [];
  /** office-js#762: unprotect(password) on a sheet protected without one: the next protect() ignores its password */
  passwordIgnored = false;
  /** called with every cell change (co-authoring records them as operations) */
  onPut: ((row: number, col: number, cell: CellModel | null) => void) | null = null;
  constructor(
    readonly id: string,
    public name: string,
  ) {}

  static key(row: number, col: number): number {
    return row * MAX_COLS + col;
  }
  cell(row: number, col: number): CellModel | undefined {
    return this.cells.get(SheetModel.key(row, col));
  }
  put(row: number, col: number, patch: Partial<CellModel>): void {
    const k = SheetModel.key(row, col);
    const c = { ...(this.cells.get(k) ?? { content: null }), ...patch };
    if (c.content === null && c.nf === undefined) this.cells.delete(k);
    else this.cells.set(k, c);
    this.onPut?.(row, col, this.cells.get(k) ?? null);
  }

  /** The format value in force for one cell (last layer wins). */
  format(key: FormatKey, row: number, col: number): unknown {
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const l = this.layers[i]!;
      if (l.key === key && hasCell(l.rect, row, col)) return l.value;
    }
    return FORMAT_DEFAULTS[key];
  }
  /** The value common to a range, or null when mixed (as Office.js reports it). */
  uniformFormat(key: FormatKey, rect: Rect): unknown {
    if (cellsIn(rect) <= 250_000) {
      const first = this.format(key, rect.r0, rect.c0);
      for (let r = rect.r0; r <= rect.r1; r++) for (let c = rect.c0; c <= rect.c1; c++) if (this.format(key, r, c) !== first) return null;
      return first;
    }
    let value = FORMAT_DEFAULTS[key];
    let mixed = false;
    for (const l of this.layers) {
      if (l.key !== key) continue;
      if (contains(l.rect, rect)) [value, mixed] = [l.value, false];
      else if (intersects(l.rect, rect) && l.value !== value) mixed = true;
    }
    return mixed ? null : value;
  }
  setFormat(key: FormatKey, rect: Rect, value: unknown): void {
    this.layers = this.layers.filter((l) => !(l.key === key && contains(rect, l.rect)));
    this.layers.push({ rect, key, value });
  }

  /** Bounding box of cells with content (valuesOnly) or also with formats. */
  usedRect(valuesOnly: boolean): Rect | null {
    let r0 = Infinity,
      c0 = Infinity,
      r1 = -1,
      c1 = -1;
    const take = (r: number, c: number): void => {
      r0 = Math.min(r0, r);
      c0 = Math.min(c0, c);
      r1 = Math.max(r1, r);
      c1 = Math.max(c1, c);
    };
    for (const [k, cell] of this.cells) if (cell.content !== null || !valuesOnly) take(Math.floor(k / MAX_COLS), k % MAX_COLS);
    if (!valuesOnly)
      for (const l of this.layers)
        if (l.rect.r1 < MAX_ROWS - 1 && l.rect.c1 < MAX_COLS - 1) {
          take(l.rect.r0, l.rect.c0);
          take(l.rect.r1, l.rect.c1);
        }
    return r1 < 0 ? null : { r0, c0, r1, c1 };
  }

  isLocked(row: number, col: number): boolean {
    return this.format('locked', row, col) !== false;
  }

  /* --- formula evaluation: SUM(), references, number and text literals --- */
  valueAt(row: number, col: number, depth = 0): Scalar | { err: string } | null {
    const c = this.cell(row, col)?.content ?? null;
    if (c === null) return null;
    if (c.t === 'err') return { err: c.v };
    if (c.t !== 'fx') return c.v;
    if (depth > 64) return { err: '#REF!' };
    return this.evaluate(c.v.slice(1).trim(), depth + 1);
  }
  private evaluate(body: string, depth: number): Scalar | { err: string } {
    const ref = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/i.exec(body);
    if (ref) {
      const v = this.valueAt(Number(ref[2]) - 1, colOf(ref[1]!), depth);
      return v === null ? 0 : v;
    }
    if (NUMERIC.test(body)) return Number(body);
    const str = /^"((?:[^"]|"")*)"$/.exec(body);
    if (str) return str[1]!.replace(/""/g, '"');
    const sum = /^SUM\((.*)\)$/i.exec(body);
    if (!sum) return { err: '#NAME?' };
    let total = 0;
    for (const arg of sum[1]!
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean)) {
      if (NUMERIC.test(arg)) {
        total += Number(arg);
        continue;
      }
      let rect: Rect;
      try {
        rect = parseA1(arg);
      } catch {
        return { err: '#NAME?' };
      }
      const used = this.usedRect(true);
      if (!used || !intersects(rect, used)) continue;
      for (let r = Math.max(rect.r0, used.r0); r <= Math.min(rect.r1, used.r1); r++)
        for (let c = Math.max(rect.c0, used.c0); c <= Math.min(rect.c1, used.c1); c++) {
          const v = this.valueAt(r, c, depth);
          if (v !== null && typeof v === 'object') return v;
          if (typeof v === 'number') total += v;
        }
    }
    return total;
  }
}

/**
 * What is selected in Excel: one block of cells (`getSelectedRange` returns it), several areas
 * (Ctrl+click), a chart or shape, or nothing because another workbook has the focus.
 */
export type SelectionKind = 'range' | 'multiArea' | 'chart' | 'otherWorkbook';

export class WorkbookModel {
  sheets: SheetModel[] = [];
  activeId: string | null = null;
  selection: { sheet: string; address: string } | null = null;
  selectionKind: SelectionKind = 'range';
  structure: { protected: boolean; password: string | null } = { protected: false, password: null };
  calcSuspensions = 0;
  /** the file name Excel shows (Workbook.name, ExcelApi 1.7) */
  name = 'Book1.xlsx';
  nextId = 1;
  /** called with every sheet added (co-authoring records it) */
  onNewSheet: ((sheet: SheetModel) => void) | null = null;

  newSheet(name: string): SheetModel {
    const s = new SheetModel(`{${String(this.nextId++).padStart(8, '0')}-0000-4000-8000-000000000000}`, name);
    this.sheets.push(s);
    this.activeId ??= s.id;
    this.onNewSheet?.(s);
    return s;
  }
  find(key: string): SheetModel | undefined {
    const k = key.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === k || s.id === key);
  }
  get active(): SheetModel {
    return this.sheets.find((s) => s.id === this.activeId) ?? this.sheets[0]!;
  }
}

/** A deep copy of a workbook (a co-author's replica of the same file). */
export function cloneWorkbook(wb: WorkbookModel): WorkbookModel {
  const out = new WorkbookModel();
  out.nextId = wb.nextId;
  out.name = wb.name;
  out.structure = { ...wb.structure };
  for (const s of wb.sheets) {
    const c = new SheetModel(s.id, s.name);
    for (const [k, cell] of s.cells) c.cells.set(k, { ...cell });
    c.layers = [...s.layers];
    for (const [k, w] of s.columnWidths) c.columnWidths.set(k, w);
    for (const [k, h] of s.rowHeights) c.rowHeights.set(k, h);
    for (const r of s.hiddenRows) c.hiddenRows.add(r);
    for (const h of s.hiddenColumns) c.hiddenColumns.add(h);
    c.merges = [...s.merges];
    c.protection = { ...s.protection, options: { ...s.protection.options } };
    c.visibility = s.visibility;
    c.frozenRows = s.frozenRows;
    out.sheets.push(c);
  }
  out.activeId = wb.activeId;
  return out;
}

export function validSheetName(name: string): boolean {
  return name.length > 0 && name.length <= 31 && !/[[\]:*?/\\]/.test(name) && !/^'|'$/.test(name) && name.toLowerCase() !== 'history';
}

/* --- targets --- */

export interface RangeT {
  readonly wb: WorkbookModel;
  readonly sheet: SheetModel;
  readonly rect: Rect;
}

export const rangeOf = (wb: WorkbookModel, sheet: SheetModel, rect: Rect): RangeT => ({ wb, sheet, rect });

export function displayValue(sheet: SheetModel, r: number, c: number): Scalar {
  const v = sheet.valueAt(r, c);
  if (v === null) return '';
  return typeof v === 'object' ? v.err : v;
}

export function formulaText(sheet: SheetModel, r: number, c: number): Scalar {
  const content = sheet.cell(r, c)?.content ?? null;
  if (content === null) return '';
  return content.t === 'fx' ? content.v : content.v;
}

export function valueType(sheet: SheetModel, r: number, c: number): string {
  const v = sheet.valueAt(r, c);
  if (v === null) return sheet.cell(r, c)?.content ? 'String' : 'Empty';
  if (typeof v === 'object') return 'Error';
  return typeof v === 'number' ? 'Double' : typeof v === 'boolean' ? 'Boolean' : 'String';
}
