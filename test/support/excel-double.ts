/**
 * A stateful test double of the part of the Excel JavaScript API that ScoreSeal uses.
 *
 * Two layers, like Excel itself:
 *  - an in-memory **model** (workbook → sheets → sparse cells, format layers, protection,
 *    validations, conditional formats, merges, page layout) that knows Excel's rules:
 *    typed entry ("1.1" becomes a number unless the cell is text-formatted '@'), `null` in a
 *    2-D array leaves a cell unchanged and '' clears it, locked cells of a protected sheet
 *    refuse writes, a protected workbook structure refuses new sheets, …
 *  - **proxies** (Workbook, Worksheet, Range, …) bound to a request context: reading a
 *    property before `load()` + `context.sync()` throws PropertyNotLoaded; loads and writes are
 *    queued and carried out in order at `sync()`; a failing statement fails the sync and the
 *    statements before it stay applied (no rollback, like Excel); every `sync()` is counted.
 *
 * It is installed as the globals `Excel`, `Office` and `OfficeExtension` (`install()`), or used
 * directly through `newContext()`. No Node-only APIs: it also runs in a browser harness page.
 *
 * What it does not model is listed in `DOUBLE_LIMITS` at the end of this file.
 */

/* ------------------------------------------------------------------------------------------ */
/* Errors                                                                                      */
/* ------------------------------------------------------------------------------------------ */

/** The error Office.js rejects a sync with (`OfficeExtension.Error`, name "RichApi.Error"). */
export class RichApiError extends Error {
  override readonly name = 'RichApi.Error';
  readonly code: string;
  readonly debugInfo: { code: string; message: string; errorLocation?: string; statement?: string };
  readonly traceMessages: string[] = [];
  readonly innerError: RichApiError | null = null;
  constructor(code: string, message: string, errorLocation?: string) {
    super(message);
    this.code = code;
    this.debugInfo = { code, message, ...(errorLocation ? { errorLocation } : {}) };
  }
}

const err = (code: string, message: string, location?: string): RichApiError => new RichApiError(code, message, location);

/** Error codes this double produces (a subset of Excel.ErrorCodes / OfficeExtension.ErrorCodes). */
export const DOUBLE_ERROR_CODES = {
  accessDenied: 'AccessDenied',
  apiNotFound: 'ApiNotFound',
  generalException: 'GeneralException',
  invalidArgument: 'InvalidArgument',
  invalidOperation: 'InvalidOperation',
  invalidOperationInCellEditMode: 'InvalidOperationInCellEditMode',
  invalidRequestContext: 'InvalidRequestContext',
  itemAlreadyExists: 'ItemAlreadyExists',
  itemNotFound: 'ItemNotFound',
  propertyNotLoaded: 'PropertyNotLoaded',
  rangeExceedsLimit: 'RangeExceedsLimit',
  requestPayloadSizeLimitExceeded: 'RequestPayloadSizeLimitExceeded',
  responsePayloadSizeLimitExceeded: 'ResponsePayloadSizeLimitExceeded',
} as const;
const E = DOUBLE_ERROR_CODES;

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

const WHOLE: Rect = { r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: MAX_COLS - 1 };

function letters(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function colOf(l: string): number {
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

function qualify(sheet: string, a1: string): string {
  const plain = /^[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*$/.test(sheet) && !/^[A-Za-z]{1,3}\d+$/.test(sheet);
  return `${plain ? sheet : `'${sheet.replace(/'/g, "''")}'`}!${a1}`;
}

const cellsIn = (r: Rect): number => (r.r1 - r.r0 + 1) * (r.c1 - r.c0 + 1);
const contains = (outer: Rect, inner: Rect): boolean =>
  outer.r0 <= inner.r0 && outer.c0 <= inner.c0 && outer.r1 >= inner.r1 && outer.c1 >= inner.c1;
const intersects = (a: Rect, b: Rect): boolean => a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;
const hasCell = (r: Rect, row: number, col: number): boolean => row >= r.r0 && row <= r.r1 && col >= r.c0 && col <= r.c1;

/* ------------------------------------------------------------------------------------------ */
/* Cell content and typed entry                                                                */
/* ------------------------------------------------------------------------------------------ */

export type Scalar = string | number | boolean;
type Content =
  { t: 'str'; v: string } | { t: 'num'; v: number } | { t: 'bool'; v: boolean } | { t: 'err'; v: string } | { t: 'fx'; v: string };

interface CellModel {
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
export const CELL_TEXT_LIMIT = 32_767;

/** Excel date serial of a calendar date (1900 system). */
function dateSerial(y: number, m: number, d: number): number {
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000);
}

/**
 * What Excel stores when a value is entered through `values`/`formulas` (or typed): strings are
 * parsed as a person's typing would be — numbers, percentages, TRUE/FALSE, ISO dates, error
 * codes, and text starting with = + - @ as formulas — unless the cell is formatted as text '@'
 * (then stored verbatim) or starts with an apostrophe. `undefined` = "leave the cell as it is".
 */
function enter(raw: unknown, nf: string | undefined, where: string): Content | null | undefined {
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
  return { t: 'str', v: raw };
}

/** Stores a value literally (fixtures): strings stay strings, '=…' is a formula. */
function literal(raw: unknown): Content | null {
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

type FormatKey = 'locked' | 'fill' | 'bold' | 'fontColor' | 'fontSize' | 'wrapText' | 'horizontalAlignment' | 'verticalAlignment';
const FORMAT_DEFAULTS: Record<FormatKey, unknown> = {
  locked: true,
  fill: null,
  bold: false,
  fontColor: '#000000',
  fontSize: 11,
  wrapText: false,
  horizontalAlignment: 'General',
  verticalAlignment: 'Bottom',
};

interface FormatLayer {
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
interface ChartRangeRef {
  readonly sheet: SheetModel;
  readonly rect: Rect;
}
interface ChartSeriesModel {
  name: string;
  values: ChartRangeRef;
  xValues: ChartRangeRef | null;
  hasDataLabels: boolean;
}
interface ChartModel {
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

class SheetModel {
  readonly cells = new Map<number, CellModel>();
  layers: FormatLayer[] = [];
  readonly columnWidths = new Map<number, number>();
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
  pageLayout: { orientation: string; paperSize: string; printTitleRows: string | null; centerHeader: string } = {
    orientation: 'Portrait',
    paperSize: 'Letter',
    printTitleRows: null,
    centerHeader: '',
  };
  readonly charts: ChartModel[] = [];
  visibility: Visibility = 'Visible';
  /** set when the worksheet was deleted: proxies still bound to it fail */
  deleted = false;
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

class WorkbookModel {
  sheets: SheetModel[] = [];
  activeId: string | null = null;
  selection: { sheet: string; address: string } | null = null;
  structure: { protected: boolean; password: string | null } = { protected: false, password: null };
  calcSuspensions = 0;
  /** the file name Excel shows (Workbook.name, ExcelApi 1.7) */
  name = 'Book1.xlsx';
  private nextId = 1;

  newSheet(name: string): SheetModel {
    const s = new SheetModel(`{${String(this.nextId++).padStart(8, '0')}-0000-4000-8000-000000000000}`, name);
    this.sheets.push(s);
    this.activeId ??= s.id;
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

function validSheetName(name: string): boolean {
  return name.length > 0 && name.length <= 31 && !/[[\]:*?/\\]/.test(name) && !/^'|'$/.test(name) && name.toLowerCase() !== 'history';
}

/* ------------------------------------------------------------------------------------------ */
/* Request context, queue and proxies                                                          */
/* ------------------------------------------------------------------------------------------ */

const NULL: unique symbol = Symbol('null object');
type Resolved<T> = T | typeof NULL;

/** A lazily resolved object path; once resolved (instantiated) it keeps its target. */
class Path<T> {
  private cached: { v: Resolved<T> } | null = null;
  constructor(private readonly compute: () => Resolved<T>) {}
  resolve(): Resolved<T> {
    this.cached ??= { v: this.compute() };
    return this.cached.v;
  }
  static of<T>(v: T): Path<T> {
    const p = new Path<T>(() => v);
    p.resolve();
    return p;
  }
  derive<U>(f: (t: T) => Resolved<U>): Path<U> {
    return new Path<U>(() => {
      const t = this.resolve();
      return t === NULL ? NULL : f(t);
    });
  }
}

interface Commit {
  readonly bytes: number;
  apply(): void;
}

interface Action {
  readonly bytes: number;
  readonly statement: string;
  run(commits: Commit[]): void;
}

const utf8 = (s: string): number => {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? (i++, 4) : 3;
  }
  return n;
};
const jsonBytes = (v: unknown): number => utf8(JSON.stringify(v) ?? 'null');
const ACTION_OVERHEAD = 48;

/** The double's `Excel.RequestContext`. */
export class DoubleContext {
  readonly workbook: WorkbookProxy;
  readonly application: ApplicationProxy;
  readonly trackedObjects = { add: (): void => undefined, remove: (): void => undefined };
  /** @internal */ _queue: Action[] = [];
  /** @internal */ _closed = false;
  constructor(readonly _double: ExcelDouble) {
    this.workbook = new WorkbookProxy(this, Path.of(_double.model));
    this.application = this.workbook.application;
  }

  /** @internal */ _enqueue(statement: string, bytes: number, run: (commits: Commit[]) => void): void {
    if (this._closed) throw err(E.invalidRequestContext, 'Cannot use the object across different request contexts.', statement);
    this._queue.push({ statement, bytes: bytes + ACTION_OVERHEAD, run });
  }
  /** @internal */ _require(version: string, statement: string): boolean {
    if (this._double.supports(version)) return true;
    this._enqueue(statement, 0, () => {
      throw err(E.apiNotFound, `The API you are trying to use could not be found (requires ExcelApi ${version}).`, statement);
    });
    return false;
  }

  async sync<T>(passThroughValue?: T): Promise<T> {
    if (this._closed) throw err(E.invalidRequestContext, 'The request context is no longer valid.', 'RequestContext.sync');
    const queue = this._queue;
    this._queue = [];
    const d = this._double;
    d.syncCount += 1;
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    const bytes = queue.reduce((n, a) => n + a.bytes, 200);
    const entry = { actions: queue.length, bytes, responseBytes: 0 };
    d.requests.push(entry);
    if (d.cellEditMode && queue.length)
      throw err(E.invalidOperationInCellEditMode, 'Excel is in cell-editing mode.', 'RequestContext.sync');
    if (bytes > d.limits.requestBytes)
      throw err(E.requestPayloadSizeLimitExceeded, 'The request payload size has exceeded the limit.', 'RequestContext.sync');
    const commits: Commit[] = [];
    for (const a of queue) {
      try {
        a.run(commits);
      } catch (e) {
        if (e instanceof RichApiError) {
          e.debugInfo.statement = a.statement;
          e.debugInfo.errorLocation ??= a.statement;
        }
        throw e;
      }
    }
    const response = commits.reduce((n, c) => n + c.bytes, 0);
    entry.responseBytes = response;
    if (response > d.limits.responseBytes)
      throw err(E.responsePayloadSizeLimitExceeded, 'The response payload size has exceeded the limit.', 'RequestContext.sync');
    for (const c of commits) c.apply();
    return passThroughValue as T;
  }
}

interface Loadable {
  load(option?: string): unknown;
}

interface PropSpec<T> {
  get?: (t: T) => unknown;
  set?: (t: T, v: unknown, self: ClientObject<T>) => void;
  /** requirement set for reading/writing */
  api?: string;
  /** not part of a parameterless load() */
  explicit?: boolean;
}
type Props<T> = Record<string, PropSpec<T>>;

/** A proxy bound to a worksheet that was deleted since fails like Excel (the item is gone). */
function assertLive(t: unknown, statement: string): void {
  let sheet: unknown = t;
  if (!(t instanceof SheetModel) && t && typeof t === 'object' && 'sheet' in t) sheet = t.sheet;
  if (sheet instanceof SheetModel && sheet.deleted)
    throw err(E.itemNotFound, "The requested resource doesn't exist (the worksheet was deleted).", statement);
}

const notLoaded = (type: string, prop: string): RichApiError =>
  err(
    E.propertyNotLoaded,
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
    `${type}.${prop}`,
  );

/** Base of every proxy: load / read / write mechanics over a lazily resolved path. */
abstract class ClientObject<T> {
  /** @internal */ readonly _loaded = new Map<string, unknown>();
  /** @internal */ _isNull: boolean | undefined;
  constructor(
    /** @internal */ readonly _ctx: DoubleContext,
    /** @internal */ readonly _path: Path<T>,
  ) {}
  abstract get _type(): string;
  protected get _props(): Props<T> {
    return {};
  }
  /** navigation properties, for load paths like "format/fill/color" */
  protected _nav(_name: string): Loadable | undefined {
    return undefined;
  }

  get context(): DoubleContext {
    return this._ctx;
  }
  get isNullObject(): boolean {
    if (this._isNull === undefined) throw notLoaded(this._type, 'isNullObject');
    return this._isNull;
  }

  /** Queues a load of scalar properties (and navigation paths "a/b/c"). */
  load(option?: string | string[] | { select?: string | string[] }): this {
    const list = parseLoad(option);
    const own: string[] = [];
    for (const p of list.length ? list : Object.keys(this._props).filter((k) => this._props[k]!.get && !this._props[k]!.explicit)) {
      const slash = p.indexOf('/');
      if (slash > 0) {
        const child = this._nav(p.slice(0, slash));
        if (!child) throw err(E.invalidArgument, `Cannot load "${p}" on ${this._type}.`, `${this._type}.load`);
        child.load(p.slice(slash + 1));
      } else if (this._props[p]?.get) own.push(p);
      else if (this._nav(p)) this._nav(p)!.load();
      else throw err(E.invalidArgument, `The property '${p}' does not exist on ${this._type}.`, `${this._type}.load`);
    }
    if (!own.length) return this;
    const statement = `${this._type}.load(${own.join(',')})`;
    for (const p of own) if (this._props[p]!.api && !this._ctx._require(this._props[p]!.api, statement)) return this;
    this._ctx._enqueue(statement, jsonBytes(own), (commits) => {
      const t = this._path.resolve();
      if (t === NULL) {
        commits.push({ bytes: 8, apply: () => (this._isNull = true) });
        return;
      }
      assertLive(t, statement);
      const snapshot = own.map((p) => [p, this._props[p]!.get!(t)] as const);
      commits.push({
        bytes: jsonBytes(snapshot),
        apply: () => {
          this._isNull = false;
          for (const [p, v] of snapshot) this._loaded.set(p, v);
        },
      });
    });
    return this;
  }

  /** @internal */ _read(prop: string): unknown {
    if (this._isNull) throw err(E.invalidArgument, `The object is a null object; '${prop}' cannot be read.`, `${this._type}.${prop}`);
    if (!this._loaded.has(prop)) throw notLoaded(this._type, prop);
    return this._loaded.get(prop);
  }
  /** @internal */ _write(prop: string, value: unknown): void {
    const spec = this._props[prop];
    const statement = `${this._type}.${prop} = …`;
    if (!spec?.set) throw err(E.invalidArgument, `The property '${prop}' is read-only.`, `${this._type}.${prop}`);
    if (spec.api && !this._ctx._require(spec.api, statement)) return;
    const copy: unknown = value === undefined ? undefined : JSON.parse(JSON.stringify(value));
    this._loaded.set(prop, copy);
    this._ctx._enqueue(statement, jsonBytes(copy), () => {
      const t = this._path.resolve();
      if (t === NULL) return;
      assertLive(t, statement);
      spec.set!(t, copy, this);
    });
  }
  /** @internal */ _method(name: string, args: unknown[], run: (t: T) => void, api?: string): void {
    const statement = `${this._type}.${name}()`;
    if (api && !this._ctx._require(api, statement)) return;
    this._ctx._enqueue(statement, jsonBytes(args), () => {
      const t = this._path.resolve();
      if (t === NULL) return;
      assertLive(t, statement);
      run(t);
    });
  }
  /** @internal */ _child<U, P extends { _isNull: boolean | undefined }>(
    make: new (ctx: DoubleContext, path: Path<U>) => P,
    f: (t: T) => Resolved<U>,
    name: string,
    api?: string,
  ): P {
    const statement = `${this._type}.${name}()`;
    const path = this._path.derive(f);
    const proxy = new make(this._ctx, path);
    if (api && !this._ctx._require(api, statement)) return proxy;
    // instantiate at this point of the batch, as Excel does for objects returned by methods
    this._ctx._enqueue(statement, 16, (commits) => {
      const v = path.resolve();
      commits.push({ bytes: 4, apply: () => (proxy._isNull = v === NULL) });
    });
    return proxy;
  }
}

function parseLoad(option?: string | string[] | { select?: string | string[] }): string[] {
  if (option === undefined) return [];
  const raw = typeof option === 'string' || Array.isArray(option) ? option : (option.select ?? []);
  return (Array.isArray(raw) ? raw : raw.split(',')).map((s) => s.trim()).filter(Boolean);
}

/** Installs accessors for every property in a spec table on a proxy class. */
function accessors<T>(cls: { prototype: object }, props: Props<T>): void {
  for (const [name, spec] of Object.entries(props))
    Object.defineProperty(cls.prototype, name, {
      configurable: true,
      get(this: ClientObject<T>) {
        return this._read(name);
      },
      set: spec.set
        ? function (this: ClientObject<T>, v: unknown) {
            this._write(name, v);
          }
        : undefined,
    });
}

/* --- targets --- */

interface RangeT {
  readonly wb: WorkbookModel;
  readonly sheet: SheetModel;
  readonly rect: Rect;
}

const rangeOf = (wb: WorkbookModel, sheet: SheetModel, rect: Rect): RangeT => ({ wb, sheet, rect });

function guardFormat(t: RangeT, allow: keyof ProtectionOptions | null, what: string): void {
  const p = t.sheet.protection;
  if (p.protected && !(allow && p.options[allow]))
    throw err(E.accessDenied, `The cell or chart you're trying to change is on a protected sheet (${what}).`, what);
}

function guardCells(t: RangeT, what: string): void {
  if (!t.sheet.protection.protected) return;
  const { rect } = t;
  if (cellsIn(rect) > 1_000_000) throw err(E.accessDenied, 'The range is on a protected sheet.', what);
  for (let r = rect.r0; r <= rect.r1; r++)
    for (let c = rect.c0; c <= rect.c1; c++)
      if (t.sheet.isLocked(r, c)) throw err(E.accessDenied, `The cell ${letters(c)}${r + 1} is locked on a protected sheet.`, what);
}

function grid(t: RangeT, what: string, cell: (row: number, col: number) => unknown): unknown[][] {
  if (cellsIn(t.rect) > 2_000_000) throw err(E.responsePayloadSizeLimitExceeded, 'The range is too large to return.', what);
  const out: unknown[][] = [];
  for (let r = t.rect.r0; r <= t.rect.r1; r++) {
    const row: unknown[] = [];
    for (let c = t.rect.c0; c <= t.rect.c1; c++) row.push(cell(r, c));
    out.push(row);
  }
  return out;
}

/** Broadcast a scalar or check a 2-D array against the range's dimensions. */
function shaped(t: RangeT, v: unknown, what: string): (row: number, col: number) => unknown {
  const rows = t.rect.r1 - t.rect.r0 + 1;
  const cols = t.rect.c1 - t.rect.c0 + 1;
  if (!Array.isArray(v)) {
    if (v === null || v === undefined) throw err(E.invalidArgument, 'null is not a valid value for a range property.', what);
    return () => v;
  }
  if (v.length !== rows || v.some((row) => !Array.isArray(row) || row.length !== cols))
    throw err(
      E.invalidArgument,
      `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${rows}×${cols}).`,
      what,
    );
  return (r, c) => (v[r - t.rect.r0] as unknown[])[c - t.rect.c0];
}

function displayValue(sheet: SheetModel, r: number, c: number): Scalar {
  const v = sheet.valueAt(r, c);
  if (v === null) return '';
  return typeof v === 'object' ? v.err : v;
}

function formulaText(sheet: SheetModel, r: number, c: number): Scalar {
  const content = sheet.cell(r, c)?.content ?? null;
  if (content === null) return '';
  return content.t === 'fx' ? content.v : content.v;
}

function valueType(sheet: SheetModel, r: number, c: number): string {
  const v = sheet.valueAt(r, c);
  if (v === null) return sheet.cell(r, c)?.content ? 'String' : 'Empty';
  if (typeof v === 'object') return 'Error';
  return typeof v === 'number' ? 'Double' : typeof v === 'boolean' ? 'Boolean' : 'String';
}

function writeCells(t: RangeT, v: unknown, what: string, numberFormatToo = false): void {
  const at = shaped(t, v, what);
  if (numberFormatToo) guardFormat(t, 'allowFormatCells', what);
  else guardCells(t, what);
  for (let r = t.rect.r0; r <= t.rect.r1; r++)
    for (let c = t.rect.c0; c <= t.rect.c1; c++) {
      const raw = at(r, c);
      if (numberFormatToo) {
        if (raw === null || raw === undefined) continue;
        if (typeof raw !== 'string') throw err(E.invalidArgument, 'A number format must be text.', what);
        t.sheet.put(r, c, { nf: raw === '' || raw === 'General' ? undefined : raw });
        continue;
      }
      const content = enter(raw, t.sheet.cell(r, c)?.nf, what);
      if (content !== undefined) t.sheet.put(r, c, { content });
    }
}

/* --- proxies --- */

const WORKBOOK_PROPS: Props<WorkbookModel> = { name: { get: (wb) => wb.name, api: '1.7' } };
export class WorkbookProxy extends ClientObject<WorkbookModel> {
  get _type(): string {
    return 'Workbook';
  }
  protected override get _props(): Props<WorkbookModel> {
    return WORKBOOK_PROPS;
  }
  private _ws?: WorksheetCollectionProxy;
  private _app?: ApplicationProxy;
  private _prot?: WorkbookProtectionProxy;
  get worksheets(): WorksheetCollectionProxy {
    return (this._ws ??= new WorksheetCollectionProxy(this._ctx, this._path));
  }
  get application(): ApplicationProxy {
    return (this._app ??= new ApplicationProxy(this._ctx, this._path));
  }
  get protection(): WorkbookProtectionProxy {
    return (this._prot ??= new WorkbookProtectionProxy(this._ctx, this._path));
  }
  protected override _nav(name: string): Loadable | undefined {
    return name === 'protection' ? this.protection : undefined;
  }
  getSelectedRange(): RangeProxy {
    return this._child(
      RangeProxy,
      (wb) => {
        const sel = wb.selection;
        const sheet = (sel && wb.find(sel.sheet)) || wb.active;
        return rangeOf(wb, sheet, sel && sheet.name === sel.sheet ? parseA1(sel.address) : { r0: 0, c0: 0, r1: 0, c1: 0 });
      },
      'getSelectedRange',
    );
  }
}

accessors(WorkbookProxy, WORKBOOK_PROPS);

export class ApplicationProxy extends ClientObject<WorkbookModel> {
  get _type(): string {
    return 'Application';
  }
  suspendApiCalculationUntilNextSync(): void {
    this._method('suspendApiCalculationUntilNextSync', [], (wb) => (wb.calcSuspensions += 1), '1.6');
  }
}

const WORKBOOK_PROTECTION_PROPS: Props<WorkbookModel> = { protected: { get: (wb) => wb.structure.protected, api: '1.7' } };
export class WorkbookProtectionProxy extends ClientObject<WorkbookModel> {
  get _type(): string {
    return 'WorkbookProtection';
  }
  protected override get _props(): Props<WorkbookModel> {
    return WORKBOOK_PROTECTION_PROPS;
  }
  protect(password?: string): void {
    this._method(
      'protect',
      [password ?? null],
      (wb) => {
        if (wb.structure.protected) throw err(E.invalidOperation, 'The workbook is already protected.', 'WorkbookProtection.protect');
        wb.structure = { protected: true, password: password || null };
      },
      '1.7',
    );
  }
  unprotect(password?: string): void {
    this._method(
      'unprotect',
      [password ?? null],
      (wb) => {
        if (!wb.structure.protected) return;
        if (wb.structure.password !== null && wb.structure.password !== password)
          throw err(E.accessDenied, 'The password you supplied is not correct.', 'WorkbookProtection.unprotect');
        wb.structure = { protected: false, password: null };
      },
      '1.7',
    );
  }
}
accessors(WorkbookProtectionProxy, WORKBOOK_PROTECTION_PROPS);

export class WorksheetCollectionProxy extends ClientObject<WorkbookModel> {
  get _type(): string {
    return 'WorksheetCollection';
  }
  private _items: WorksheetProxy[] | undefined;
  get items(): WorksheetProxy[] {
    if (!this._items) throw notLoaded(this._type, 'items');
    return this._items;
  }
  override load(option?: string | string[] | { select?: string | string[] }): this {
    const props = parseLoad(option).map((p) => p.replace(/^items\//, ''));
    const statement = `WorksheetCollection.load(${props.join(',')})`;
    this._ctx._enqueue(statement, jsonBytes(props), (commits) => {
      const wb = this._path.resolve();
      if (wb === NULL) return;
      const items = wb.sheets.map((s) => {
        const p = new WorksheetProxy(this._ctx, Path.of(s));
        p._isNull = false;
        return p;
      });
      const snapshots = items.map((p, i) => {
        const s = wb.sheets[i]!;
        const names = props.length ? props : Object.keys(WORKSHEET_PROPS);
        return names.map((n) => {
          const spec = WORKSHEET_PROPS[n];
          if (!spec?.get) throw err(E.invalidArgument, `The property '${n}' does not exist on Worksheet.`, statement);
          return [n, spec.get(s)] as const;
        });
      });
      commits.push({
        bytes: jsonBytes(snapshots),
        apply: () => {
          items.forEach((p, i) => snapshots[i]!.forEach(([n, v]) => p._loaded.set(n, v)));
          this._items = items;
        },
      });
    });
    return this;
  }
  getItem(key: string): WorksheetProxy {
    return this._child(
      WorksheetProxy,
      (wb) => {
        const s = wb.find(key);
        if (!s) throw err(E.itemNotFound, `The requested resource doesn't exist: worksheet "${key}".`, 'WorksheetCollection.getItem');
        return s;
      },
      'getItem',
    );
  }
  getItemOrNullObject(key: string): WorksheetProxy {
    return this._child(WorksheetProxy, (wb) => wb.find(key) ?? NULL, 'getItemOrNullObject', '1.4');
  }
  getActiveWorksheet(): WorksheetProxy {
    return this._child(WorksheetProxy, (wb) => wb.active, 'getActiveWorksheet');
  }
  add(name?: string): WorksheetProxy {
    return this._child(
      WorksheetProxy,
      (wb) => {
        if (wb.structure.protected) throw err(E.accessDenied, 'The workbook structure is protected.', 'WorksheetCollection.add');
        let n = name;
        if (n === undefined) for (let i = 1; !n || wb.find(n); i++) n = `Sheet${i}`;
        if (!validSheetName(n)) throw err(E.invalidArgument, `"${n}" is not a valid sheet name.`, 'WorksheetCollection.add');
        if (wb.find(n)) throw err(E.itemAlreadyExists, `A worksheet named "${n}" already exists.`, 'WorksheetCollection.add');
        return wb.newSheet(n);
      },
      'add',
    );
  }
}

const WORKSHEET_PROPS: Props<SheetModel> = {
  name: {
    get: (s) => s.name,
    set: (s, v, self) => {
      const wb = self._ctx._double.model;
      if (wb.structure.protected) throw err(E.accessDenied, 'The workbook structure is protected.', 'Worksheet.name');
      const n = String(v);
      if (!validSheetName(n)) throw err(E.invalidArgument, `"${n}" is not a valid sheet name.`, 'Worksheet.name');
      const other = wb.find(n);
      if (other && other !== s) throw err(E.itemAlreadyExists, `A worksheet named "${n}" already exists.`, 'Worksheet.name');
      s.name = n;
    },
  },
  id: { get: (s) => s.id },
  visibility: {
    get: (s) => s.visibility,
    set: (s, v, self) => {
      const wb = self._ctx._double.model;
      if (v !== 'Visible' && v !== 'Hidden' && v !== 'VeryHidden')
        throw err(E.invalidArgument, `Invalid visibility "${String(v)}".`, 'Worksheet.visibility');
      if (v === s.visibility) return;
      if (wb.structure.protected) throw err(E.accessDenied, 'The workbook structure is protected.', 'Worksheet.visibility');
      if (v !== 'Visible' && !wb.sheets.some((o) => o !== s && o.visibility === 'Visible'))
        throw err(E.invalidOperation, 'A workbook must contain at least one visible worksheet.', 'Worksheet.visibility');
      s.visibility = v;
      if (v !== 'Visible' && wb.activeId === s.id) wb.activeId = wb.sheets.find((o) => o.visibility === 'Visible')!.id;
    },
    api: '1.2',
  },
};

export class WorksheetProxy extends ClientObject<SheetModel> {
  get _type(): string {
    return 'Worksheet';
  }
  protected override get _props(): Props<SheetModel> {
    return WORKSHEET_PROPS;
  }
  private get wb(): WorkbookModel {
    return this._ctx._double.model;
  }
  private _prot?: WorksheetProtectionProxy;
  private _freeze?: FreezePanesProxy;
  private _page?: PageLayoutProxy;
  get protection(): WorksheetProtectionProxy {
    return (this._prot ??= new WorksheetProtectionProxy(this._ctx, this._path));
  }
  get freezePanes(): FreezePanesProxy {
    return (this._freeze ??= new FreezePanesProxy(this._ctx, this._path));
  }
  get pageLayout(): PageLayoutProxy {
    return (this._page ??= new PageLayoutProxy(this._ctx, this._path));
  }
  private _charts?: ChartCollectionProxy;
  get charts(): ChartCollectionProxy {
    return (this._charts ??= new ChartCollectionProxy(this._ctx, this._path));
  }
  protected override _nav(name: string): Loadable | undefined {
    const nav: Record<string, () => Loadable> = {
      protection: () => this.protection,
      pageLayout: () => this.pageLayout,
    };
    return nav[name]?.();
  }
  /** Deletes the worksheet (ExcelApi 1.1): refused under structure protection and for the last visible sheet. */
  delete(): void {
    this._method('delete', [], (s) => {
      const wb = this.wb;
      if (wb.structure.protected) throw err(E.accessDenied, 'The workbook structure is protected.', 'Worksheet.delete');
      if (s.visibility === 'Visible' && !wb.sheets.some((o) => o !== s && o.visibility === 'Visible'))
        throw err(E.invalidOperation, 'A workbook must contain at least one visible worksheet.', 'Worksheet.delete');
      wb.sheets = wb.sheets.filter((o) => o !== s);
      s.deleted = true;
      if (wb.activeId === s.id) wb.activeId = wb.sheets.find((o) => o.visibility === 'Visible')!.id;
      if (wb.selection && wb.selection.sheet.toLowerCase() === s.name.toLowerCase()) wb.selection = null;
    });
  }
  getRange(address?: string): RangeProxy {
    return this._child(
      RangeProxy,
      (s) => rangeOf(this.wb, s, address === undefined || address === '' ? WHOLE : parseA1(address)),
      'getRange',
    );
  }
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): RangeProxy {
    return this._child(
      RangeProxy,
      (s) => {
        const rect = { r0: startRow, c0: startColumn, r1: startRow + rowCount - 1, c1: startColumn + columnCount - 1 };
        if (rowCount < 1 || columnCount < 1 || rect.r0 < 0 || rect.c0 < 0 || rect.r1 >= MAX_ROWS || rect.c1 >= MAX_COLS)
          throw err(E.invalidArgument, 'The range is outside the worksheet.', 'Worksheet.getRangeByIndexes');
        return rangeOf(this.wb, s, rect);
      },
      'getRangeByIndexes',
      '1.7',
    );
  }
  getUsedRange(valuesOnly?: boolean): RangeProxy {
    return this._child(RangeProxy, (s) => rangeOf(this.wb, s, s.usedRect(!!valuesOnly) ?? { r0: 0, c0: 0, r1: 0, c1: 0 }), 'getUsedRange');
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeProxy {
    return this._child(
      RangeProxy,
      (s) => {
        const r = s.usedRect(!!valuesOnly);
        return r ? rangeOf(this.wb, s, r) : NULL;
      },
      'getUsedRangeOrNullObject',
      '1.4',
    );
  }
  activate(): void {
    this._method('activate', [], (s) => {
      if (s.visibility !== 'Visible') throw err(E.invalidOperation, 'A hidden worksheet cannot be activated.', 'Worksheet.activate');
      this.wb.activeId = s.id;
    });
  }
}
accessors(WorksheetProxy, WORKSHEET_PROPS);

const WORKSHEET_PROTECTION_PROPS: Props<SheetModel> = {
  protected: { get: (s) => s.protection.protected, api: '1.2' },
  options: { get: (s) => ({ ...s.protection.options }), api: '1.2' },
};
export class WorksheetProtectionProxy extends ClientObject<SheetModel> {
  get _type(): string {
    return 'WorksheetProtection';
  }
  protected override get _props(): Props<SheetModel> {
    return WORKSHEET_PROTECTION_PROPS;
  }
  protect(options?: ProtectionOptions, password?: string): void {
    if (password !== undefined && !this._ctx._require('1.7', 'WorksheetProtection.protect(password)')) return;
    this._method(
      'protect',
      [options ?? null, password ?? null],
      (s) => {
        if (s.protection.protected) throw err(E.invalidOperation, 'The worksheet is already protected.', 'WorksheetProtection.protect');
        s.protection = { protected: true, password: password || null, options: { ...(options ?? {}) } };
      },
      '1.2',
    );
  }
  unprotect(password?: string): void {
    this._method(
      'unprotect',
      [password ?? null],
      (s) => {
        if (!s.protection.protected) return;
        if (s.protection.password !== null && s.protection.password !== password)
          throw err(E.accessDenied, 'The password you supplied is not correct.', 'WorksheetProtection.unprotect');
        s.protection = { protected: false, password: null, options: {} };
      },
      '1.7',
    );
  }
}
accessors(WorksheetProtectionProxy, WORKSHEET_PROTECTION_PROPS);

export class FreezePanesProxy extends ClientObject<SheetModel> {
  get _type(): string {
    return 'WorksheetFreezePanes';
  }
  freezeRows(count = 1): void {
    this._method('freezeRows', [count], (s) => (s.frozenRows = count), '1.7');
  }
}

const PAGE_LAYOUT_PROPS: Props<SheetModel> = {
  orientation: { get: (s) => s.pageLayout.orientation, set: (s, v) => (s.pageLayout.orientation = String(v)), api: '1.9' },
  paperSize: { get: (s) => s.pageLayout.paperSize, set: (s, v) => (s.pageLayout.paperSize = String(v)), api: '1.9' },
};
export class PageLayoutProxy extends ClientObject<SheetModel> {
  get _type(): string {
    return 'PageLayout';
  }
  protected override get _props(): Props<SheetModel> {
    return PAGE_LAYOUT_PROPS;
  }
  private _hf?: HeaderFooterGroupProxy;
  get headersFooters(): HeaderFooterGroupProxy {
    return (this._hf ??= new HeaderFooterGroupProxy(this._ctx, this._path));
  }
  setPrintTitleRows(rows: string): void {
    this._method(
      'setPrintTitleRows',
      [rows],
      (s) => {
        const r = parseA1(rows);
        if (r.c0 !== 0 || r.c1 !== MAX_COLS - 1)
          throw err(E.invalidArgument, 'Print title rows must be whole rows.', 'PageLayout.setPrintTitleRows');
        s.pageLayout.printTitleRows = rectA1(r);
      },
      '1.9',
    );
  }
}
accessors(PageLayoutProxy, PAGE_LAYOUT_PROPS);

/** Only the header/footer used for every page (ExcelApi 1.9), and only its centre header. */
export class HeaderFooterGroupProxy extends ClientObject<SheetModel> {
  get _type(): string {
    return 'HeaderFooterGroup';
  }
  private _default?: HeaderFooterProxy;
  get defaultForAllPages(): HeaderFooterProxy {
    return (this._default ??= new HeaderFooterProxy(this._ctx, this._path));
  }
}

const HEADER_FOOTER_PROPS: Props<SheetModel> = {
  centerHeader: { get: (s) => s.pageLayout.centerHeader, set: (s, v) => (s.pageLayout.centerHeader = String(v)), api: '1.9' },
};
export class HeaderFooterProxy extends ClientObject<SheetModel> {
  get _type(): string {
    return 'HeaderFooter';
  }
  protected override get _props(): Props<SheetModel> {
    return HEADER_FOOTER_PROPS;
  }
}
accessors(HeaderFooterProxy, HEADER_FOOTER_PROPS);

const RANGE_PROPS: Props<RangeT> = {
  address: { get: (t) => qualify(t.sheet.name, rectA1(t.rect)) },
  rowIndex: { get: (t) => t.rect.r0 },
  columnIndex: { get: (t) => t.rect.c0 },
  rowCount: { get: (t) => t.rect.r1 - t.rect.r0 + 1 },
  columnCount: { get: (t) => t.rect.c1 - t.rect.c0 + 1 },
  cellCount: { get: (t) => cellsIn(t.rect) },
  values: { get: (t) => grid(t, 'Range.values', (r, c) => displayValue(t.sheet, r, c)), set: (t, v) => writeCells(t, v, 'Range.values') },
  formulas: {
    get: (t) => grid(t, 'Range.formulas', (r, c) => formulaText(t.sheet, r, c)),
    set: (t, v) => writeCells(t, v, 'Range.formulas'),
  },
  numberFormat: {
    get: (t) => grid(t, 'Range.numberFormat', (r, c) => t.sheet.cell(r, c)?.nf ?? 'General'),
    set: (t, v) => writeCells(t, v, 'Range.numberFormat', true),
  },
  valueTypes: { get: (t) => grid(t, 'Range.valueTypes', (r, c) => valueType(t.sheet, r, c)) },
  rowHidden: {
    get: (t) => {
      let hidden = 0;
      for (let r = t.rect.r0; r <= t.rect.r1; r++) if (t.sheet.hiddenRows.has(r)) hidden++;
      return hidden === 0 ? false : hidden === t.rect.r1 - t.rect.r0 + 1 ? true : null;
    },
    set: (t, v) => {
      guardFormat(t, 'allowFormatRows', 'Range.rowHidden');
      for (let r = t.rect.r0; r <= t.rect.r1; r++) {
        if (v) t.sheet.hiddenRows.add(r);
        else t.sheet.hiddenRows.delete(r);
      }
    },
    api: '1.2',
  },
  // Range.columnHidden (ExcelApi 1.2): true when every column of the range is hidden, false
  // when none is, null when mixed — https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-columnhidden-member
  columnHidden: {
    get: (t) => {
      let hidden = 0;
      for (let c = t.rect.c0; c <= t.rect.c1; c++) if (t.sheet.hiddenColumns.has(c)) hidden++;
      return hidden === 0 ? false : hidden === t.rect.c1 - t.rect.c0 + 1 ? true : null;
    },
    set: (t, v) => {
      guardFormat(t, 'allowFormatColumns', 'Range.columnHidden');
      for (let c = t.rect.c0; c <= t.rect.c1; c++) {
        if (v) t.sheet.hiddenColumns.add(c);
        else t.sheet.hiddenColumns.delete(c);
      }
    },
    api: '1.2',
  },
};

export class RangeProxy extends ClientObject<RangeT> {
  get _type(): string {
    return 'Range';
  }
  protected override get _props(): Props<RangeT> {
    return RANGE_PROPS;
  }
  private _format?: RangeFormatProxy;
  private _dv?: DataValidationProxy;
  private _cfs?: ConditionalFormatCollectionProxy;
  get format(): RangeFormatProxy {
    return (this._format ??= new RangeFormatProxy(this._ctx, this._path));
  }
  get dataValidation(): DataValidationProxy {
    return (this._dv ??= new DataValidationProxy(this._ctx, this._path));
  }
  get conditionalFormats(): ConditionalFormatCollectionProxy {
    return (this._cfs ??= new ConditionalFormatCollectionProxy(this._ctx, this._path));
  }
  get worksheet(): WorksheetProxy {
    return new WorksheetProxy(
      this._ctx,
      this._path.derive((t) => t.sheet),
    );
  }
  protected override _nav(name: string): Loadable | undefined {
    const nav: Record<string, () => Loadable> = {
      format: () => this.format,
      dataValidation: () => this.dataValidation,
    };
    return nav[name]?.();
  }
  private sub(name: string, f: (t: RangeT) => Rect | typeof NULL, api?: string): RangeProxy {
    return this._child(
      RangeProxy,
      (t) => {
        const rect = f(t);
        if (rect === NULL) return NULL;
        if (rect.r0 < 0 || rect.c0 < 0 || rect.r1 >= MAX_ROWS || rect.c1 >= MAX_COLS || rect.r1 < rect.r0 || rect.c1 < rect.c0)
          throw err(E.invalidArgument, 'The resulting range is outside the worksheet.', `Range.${name}`);
        return rangeOf(t.wb, t.sheet, rect);
      },
      name,
      api,
    );
  }
  getCell(row: number, column: number): RangeProxy {
    return this.sub('getCell', ({ rect }) => ({ r0: rect.r0 + row, c0: rect.c0 + column, r1: rect.r0 + row, c1: rect.c0 + column }));
  }
  getRow(row: number): RangeProxy {
    return this.sub('getRow', ({ rect }) => {
      if (row < 0 || row > rect.r1 - rect.r0) throw err(E.invalidArgument, 'Row index out of range.', 'Range.getRow');
      return { ...rect, r0: rect.r0 + row, r1: rect.r0 + row };
    });
  }
  getColumn(column: number): RangeProxy {
    return this.sub('getColumn', ({ rect }) => {
      if (column < 0 || column > rect.c1 - rect.c0) throw err(E.invalidArgument, 'Column index out of range.', 'Range.getColumn');
      return { ...rect, c0: rect.c0 + column, c1: rect.c0 + column };
    });
  }
  getLastRow(): RangeProxy {
    return this.sub('getLastRow', ({ rect }) => ({ ...rect, r0: rect.r1 }));
  }
  getOffsetRange(rowOffset: number, columnOffset: number): RangeProxy {
    return this.sub('getOffsetRange', ({ rect }) => ({
      r0: rect.r0 + rowOffset,
      r1: rect.r1 + rowOffset,
      c0: rect.c0 + columnOffset,
      c1: rect.c1 + columnOffset,
    }));
  }
  getResizedRange(deltaRows: number, deltaColumns: number): RangeProxy {
    return this.sub('getResizedRange', ({ rect }) => ({ ...rect, r1: rect.r1 + deltaRows, c1: rect.c1 + deltaColumns }), '1.2');
  }
  getAbsoluteResizedRange(numRows: number, numColumns: number): RangeProxy {
    return this.sub('getAbsoluteResizedRange', ({ rect }) => ({ ...rect, r1: rect.r0 + numRows - 1, c1: rect.c0 + numColumns - 1 }), '1.7');
  }
  getUsedRange(valuesOnly?: boolean): RangeProxy {
    return this.sub('getUsedRange', (t) => {
      const u = t.sheet.usedRect(!!valuesOnly);
      if (!u || !intersects(u, t.rect)) throw err(E.itemNotFound, 'There are no used cells in the range.', 'Range.getUsedRange');
      return { r0: Math.max(u.r0, t.rect.r0), c0: Math.max(u.c0, t.rect.c0), r1: Math.min(u.r1, t.rect.r1), c1: Math.min(u.c1, t.rect.c1) };
    });
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeProxy {
    return this.sub(
      'getUsedRangeOrNullObject',
      (t) => {
        const u = t.sheet.usedRect(!!valuesOnly);
        if (!u || !intersects(u, t.rect)) return NULL;
        return {
          r0: Math.max(u.r0, t.rect.r0),
          c0: Math.max(u.c0, t.rect.c0),
          r1: Math.min(u.r1, t.rect.r1),
          c1: Math.min(u.c1, t.rect.c1),
        };
      },
      '1.4',
    );
  }
  getMergedAreasOrNullObject(): RangeAreasProxy {
    return this._child(
      RangeAreasProxy,
      (t) => {
        const areas = t.sheet.merges.filter((m) => intersects(m, t.rect));
        if (areas.length > 512) throw err(E.generalException, 'More than 512 merged areas.', 'Range.getMergedAreasOrNullObject');
        return areas.length ? { sheet: t.sheet, rects: areas } : NULL;
      },
      'getMergedAreasOrNullObject',
      '1.13',
    );
  }
  merge(across = false): void {
    this._method(
      'merge',
      [across],
      (t) => {
        guardFormat(t, null, 'Range.merge');
        const rects = across
          ? Array.from({ length: t.rect.r1 - t.rect.r0 + 1 }, (_, i) => ({ ...t.rect, r0: t.rect.r0 + i, r1: t.rect.r0 + i }))
          : [t.rect];
        for (const m of rects) {
          if (cellsIn(m) < 2) continue;
          t.sheet.merges = t.sheet.merges.filter((o) => !intersects(o, m));
          t.sheet.merges.push(m);
          // Excel keeps the upper-left value of a merged area only
          for (let r = m.r0; r <= m.r1; r++)
            for (let c = m.c0; c <= m.c1; c++) if (r !== m.r0 || c !== m.c0) t.sheet.put(r, c, { content: null });
        }
      },
      '1.2',
    );
  }
  unmerge(): void {
    this._method(
      'unmerge',
      [],
      (t) => {
        guardFormat(t, null, 'Range.unmerge');
        t.sheet.merges = t.sheet.merges.filter((o) => !intersects(o, t.rect));
      },
      '1.2',
    );
  }
  select(): void {
    this._method('select', [], (t) => {
      if (t.sheet.visibility !== 'Visible')
        throw err(E.invalidOperation, 'A range on a hidden worksheet cannot be selected.', 'Range.select');
      t.wb.activeId = t.sheet.id;
      t.wb.selection = { sheet: t.sheet.name, address: rectA1(t.rect) };
    });
  }
  clear(): void {
    this._method('clear', [], (t) => {
      guardCells(t, 'Range.clear');
      for (let r = t.rect.r0; r <= t.rect.r1; r++)
        for (let c = t.rect.c0; c <= t.rect.c1; c++) t.sheet.put(r, c, { content: null, nf: undefined });
    });
  }
}
accessors(RangeProxy, RANGE_PROPS);

const RANGE_FORMAT_PROPS: Props<RangeT> = {
  wrapText: {
    get: (t) => t.sheet.uniformFormat('wrapText', t.rect),
    set: (t, v) => (guardFormat(t, 'allowFormatCells', 'RangeFormat.wrapText'), t.sheet.setFormat('wrapText', t.rect, !!v)),
  },
  horizontalAlignment: {
    get: (t) => t.sheet.uniformFormat('horizontalAlignment', t.rect),
    set: (t, v) => (
      guardFormat(t, 'allowFormatCells', 'RangeFormat.horizontalAlignment'),
      t.sheet.setFormat('horizontalAlignment', t.rect, String(v))
    ),
  },
  verticalAlignment: {
    get: (t) => t.sheet.uniformFormat('verticalAlignment', t.rect),
    set: (t, v) => (
      guardFormat(t, 'allowFormatCells', 'RangeFormat.verticalAlignment'),
      t.sheet.setFormat('verticalAlignment', t.rect, String(v))
    ),
  },
  columnWidth: {
    get: (t) => {
      const w = t.sheet.columnWidths.get(t.rect.c0) ?? 48;
      for (let c = t.rect.c0; c <= Math.min(t.rect.c1, t.rect.c0 + 1000); c++) if ((t.sheet.columnWidths.get(c) ?? 48) !== w) return null;
      return w;
    },
    set: (t, v) => {
      guardFormat(t, 'allowFormatColumns', 'RangeFormat.columnWidth');
      if (typeof v !== 'number' || v < 0)
        throw err(E.invalidArgument, 'Column width must be a non-negative number.', 'RangeFormat.columnWidth');
      for (let c = t.rect.c0; c <= t.rect.c1; c++) t.sheet.columnWidths.set(c, v);
    },
  },
};
export class RangeFormatProxy extends ClientObject<RangeT> {
  get _type(): string {
    return 'RangeFormat';
  }
  protected override get _props(): Props<RangeT> {
    return RANGE_FORMAT_PROPS;
  }
  private _fill?: RangeFillProxy;
  private _font?: RangeFontProxy;
  private _prot?: FormatProtectionProxy;
  get fill(): RangeFillProxy {
    return (this._fill ??= new RangeFillProxy(this._ctx, this._path));
  }
  get font(): RangeFontProxy {
    return (this._font ??= new RangeFontProxy(this._ctx, this._path));
  }
  get protection(): FormatProtectionProxy {
    return (this._prot ??= new FormatProtectionProxy(this._ctx, this._path));
  }
  protected override _nav(name: string): Loadable | undefined {
    const nav: Record<string, () => Loadable> = {
      fill: () => this.fill,
      font: () => this.font,
      protection: () => this.protection,
    };
    return nav[name]?.();
  }
}
accessors(RangeFormatProxy, RANGE_FORMAT_PROPS);

function normColor(v: unknown, where: string): string {
  if (typeof v !== 'string' || v === '')
    throw err(E.invalidArgument, 'A color must be a non-empty string (use clear() to remove a fill).', where);
  const named: Record<string, string> = { white: '#FFFFFF', black: '#000000', red: '#FF0000', green: '#008000', yellow: '#FFFF00' };
  if (named[v.toLowerCase()]) return named[v.toLowerCase()]!;
  if (!/^#?[0-9a-f]{6}$/i.test(v)) throw err(E.invalidArgument, `"${v}" is not a color.`, where);
  return `#${v.replace('#', '').toUpperCase()}`;
}

const RANGE_FILL_PROPS: Props<RangeT> = {
  color: {
    get: (t) => t.sheet.uniformFormat('fill', t.rect),
    set: (t, v) => (
      guardFormat(t, 'allowFormatCells', 'RangeFill.color'),
      t.sheet.setFormat('fill', t.rect, normColor(v, 'RangeFill.color'))
    ),
  },
};
export class RangeFillProxy extends ClientObject<RangeT> {
  get _type(): string {
    return 'RangeFill';
  }
  protected override get _props(): Props<RangeT> {
    return RANGE_FILL_PROPS;
  }
  clear(): void {
    this._method('clear', [], (t) => (guardFormat(t, 'allowFormatCells', 'RangeFill.clear'), t.sheet.setFormat('fill', t.rect, null)));
  }
}
accessors(RangeFillProxy, RANGE_FILL_PROPS);

const RANGE_FONT_PROPS: Props<RangeT> = {
  bold: {
    get: (t) => t.sheet.uniformFormat('bold', t.rect),
    set: (t, v) => (guardFormat(t, 'allowFormatCells', 'RangeFont.bold'), t.sheet.setFormat('bold', t.rect, !!v)),
  },
  size: {
    get: (t) => t.sheet.uniformFormat('fontSize', t.rect),
    set: (t, v) => {
      guardFormat(t, 'allowFormatCells', 'RangeFont.size');
      if (typeof v !== 'number' || !(v >= 1 && v <= 409))
        throw err(E.invalidArgument, 'A font size is a number from 1 to 409.', 'RangeFont.size');
      t.sheet.setFormat('fontSize', t.rect, v);
    },
  },
  color: {
    get: (t) => t.sheet.uniformFormat('fontColor', t.rect),
    set: (t, v) => (
      guardFormat(t, 'allowFormatCells', 'RangeFont.color'),
      t.sheet.setFormat('fontColor', t.rect, normColor(v, 'RangeFont.color'))
    ),
  },
};
export class RangeFontProxy extends ClientObject<RangeT> {
  get _type(): string {
    return 'RangeFont';
  }
  protected override get _props(): Props<RangeT> {
    return RANGE_FONT_PROPS;
  }
}
accessors(RangeFontProxy, RANGE_FONT_PROPS);

const FORMAT_PROTECTION_PROPS: Props<RangeT> = {
  locked: {
    get: (t) => t.sheet.uniformFormat('locked', t.rect),
    set: (t, v) => {
      guardFormat(t, null, 'FormatProtection.locked');
      if (typeof v !== 'boolean') throw err(E.invalidArgument, 'locked must be a boolean.', 'FormatProtection.locked');
      t.sheet.setFormat('locked', t.rect, v);
    },
    api: '1.2',
  },
};
export class FormatProtectionProxy extends ClientObject<RangeT> {
  get _type(): string {
    return 'FormatProtection';
  }
  protected override get _props(): Props<RangeT> {
    return FORMAT_PROTECTION_PROPS;
  }
}
accessors(FormatProtectionProxy, FORMAT_PROTECTION_PROPS);

const RANGE_AREAS_PROPS: Props<{ sheet: SheetModel; rects: Rect[] }> = {
  address: { get: (t) => t.rects.map((r) => qualify(t.sheet.name, rectA1(r))).join(', ') },
  areaCount: { get: (t) => t.rects.length },
};
export class RangeAreasProxy extends ClientObject<{ sheet: SheetModel; rects: Rect[] }> {
  get _type(): string {
    return 'RangeAreas';
  }
  protected override get _props(): Props<{ sheet: SheetModel; rects: Rect[] }> {
    return RANGE_AREAS_PROPS;
  }
}
accessors(RangeAreasProxy, RANGE_AREAS_PROPS);

/* --- charts (1.1; series data 1.7) --- */

const CHART_TYPES = new Set([
  'ColumnClustered',
  'ColumnStacked',
  'BarClustered',
  'BarStacked',
  'Line',
  'LineMarkers',
  'Pie',
  'Area',
  'XYScatter',
  'Doughnut',
]);

/** A chart on a protected sheet can be changed only when the protection allows editing objects. */
function guardChart(sheet: SheetModel, what: string): void {
  const p = sheet.protection;
  if (p.protected && !p.options.allowEditObjects)
    throw err(E.accessDenied, `The chart you're trying to change is on a protected sheet (${what}).`, what);
}

/** A Range argument: checked when the call is queued, resolved when the batch runs. */
function rangeArgument(ctx: DoubleContext, r: unknown, where: string): () => RangeT {
  if (!(r instanceof RangeProxy)) throw err(E.invalidArgument, 'A Range object is expected.', where);
  if (r._ctx !== ctx) throw err(E.invalidRequestContext, 'Cannot use the object across different request contexts.', where);
  return () => {
    const t = r._path.resolve();
    if (t === NULL) throw err(E.invalidArgument, 'The range is a null object.', where);
    assertLive(t, where);
    return t;
  };
}

/** A cell or range given as an A1 string (on `sheet`) or a Range. */
function cellArgument(ctx: DoubleContext, sheet: () => SheetModel, v: unknown, where: string): () => Rect {
  if (typeof v === 'string') return () => parseA1(v);
  const range = rangeArgument(ctx, v, where);
  return () => {
    const t = range();
    if (t.sheet !== sheet()) throw err(E.invalidArgument, "The cell must be on the chart's worksheet.", where);
    return t.rect;
  };
}

export class ChartCollectionProxy extends ClientObject<SheetModel> {
  get _type(): string {
    return 'ChartCollection';
  }
  add(type: string, sourceData: unknown, seriesBy: string = 'Auto'): ChartProxy {
    const source = rangeArgument(this._ctx, sourceData, 'ChartCollection.add');
    return this._child(
      ChartProxy,
      (s) => {
        guardChart(s, 'ChartCollection.add');
        if (!CHART_TYPES.has(type)) throw err(E.invalidArgument, `Unsupported chart type ${type}.`, 'ChartCollection.add');
        if (!['Auto', 'Columns', 'Rows'].includes(seriesBy))
          throw err(E.invalidArgument, `Invalid seriesBy ${seriesBy}.`, 'ChartCollection.add');
        const src = source();
        const { rect } = src;
        const rows = rect.r1 - rect.r0 + 1;
        const cols = rect.c1 - rect.c0 + 1;
        // Auto: a series per column when there are at least as many rows as columns (header detection is not modelled)
        const byColumns = seriesBy === 'Columns' || (seriesBy === 'Auto' && rows >= cols);
        const series: ChartSeriesModel[] = byColumns
          ? Array.from({ length: cols }, (_, i) => ({
              name: `Series${i + 1}`,
              values: { sheet: src.sheet, rect: { ...rect, c0: rect.c0 + i, c1: rect.c0 + i } },
              xValues: null,
              hasDataLabels: false,
            }))
          : Array.from({ length: rows }, (_, i) => ({
              name: `Series${i + 1}`,
              values: { sheet: src.sheet, rect: { ...rect, r0: rect.r0 + i, r1: rect.r0 + i } },
              xValues: null,
              hasDataLabels: false,
            }));
        let n = s.charts.length + 1;
        while (s.charts.some((c) => c.name === `Chart ${n}`)) n++;
        const chart: ChartModel = {
          sheet: s,
          name: `Chart ${n}`,
          type,
          seriesBy: byColumns ? 'Columns' : 'Rows',
          source: { sheet: src.sheet, rect },
          title: '',
          titleVisible: false,
          legendVisible: true,
          series,
          position: null,
        };
        s.charts.push(chart);
        return chart;
      },
      'add',
    );
  }
}

const CHART_PROPS: Props<ChartModel> = {
  name: {
    get: (c) => c.name,
    set: (c, v) => {
      guardChart(c.sheet, 'Chart.name');
      c.name = String(v);
    },
  },
  chartType: { get: (c) => c.type },
};
export class ChartProxy extends ClientObject<ChartModel> {
  get _type(): string {
    return 'Chart';
  }
  protected override get _props(): Props<ChartModel> {
    return CHART_PROPS;
  }
  private _title?: ChartTitleProxy;
  private _legend?: ChartLegendProxy;
  private _series?: ChartSeriesCollectionProxy;
  get title(): ChartTitleProxy {
    return (this._title ??= new ChartTitleProxy(this._ctx, this._path));
  }
  get legend(): ChartLegendProxy {
    return (this._legend ??= new ChartLegendProxy(this._ctx, this._path));
  }
  get series(): ChartSeriesCollectionProxy {
    return (this._series ??= new ChartSeriesCollectionProxy(this._ctx, this._path));
  }
  protected override _nav(name: string): Loadable | undefined {
    const nav: Record<string, () => Loadable> = { title: () => this.title, legend: () => this.legend };
    return nav[name]?.();
  }
  setPosition(startCell: unknown, endCell?: unknown): void {
    const sheetOf = (): SheetModel => {
      const c = this._path.resolve();
      if (c === NULL) throw err(E.invalidArgument, 'The chart is a null object.', 'Chart.setPosition');
      return c.sheet;
    };
    const start = cellArgument(this._ctx, sheetOf, startCell, 'Chart.setPosition');
    const end = endCell === undefined ? null : cellArgument(this._ctx, sheetOf, endCell, 'Chart.setPosition');
    this._method(
      'setPosition',
      [typeof startCell === 'string' ? startCell : 'Range', typeof endCell === 'string' ? endCell : 'Range'],
      (c) => {
        guardChart(c.sheet, 'Chart.setPosition');
        const a = start();
        const b = end?.() ?? null;
        c.position = {
          start: rectA1({ r0: a.r0, c0: a.c0, r1: a.r0, c1: a.c0 }),
          end: b ? rectA1({ r0: b.r1, c0: b.c1, r1: b.r1, c1: b.c1 }) : null,
        };
      },
    );
  }
  delete(): void {
    this._method('delete', [], (c) => {
      guardChart(c.sheet, 'Chart.delete');
      const i = c.sheet.charts.indexOf(c);
      if (i >= 0) c.sheet.charts.splice(i, 1);
    });
  }
}
accessors(ChartProxy, CHART_PROPS);

const CHART_TITLE_PROPS: Props<ChartModel> = {
  text: {
    get: (c) => c.title,
    set: (c, v) => {
      guardChart(c.sheet, 'ChartTitle.text');
      c.title = String(v);
      c.titleVisible = true;
    },
  },
  visible: {
    get: (c) => c.titleVisible,
    set: (c, v) => {
      guardChart(c.sheet, 'ChartTitle.visible');
      c.titleVisible = !!v;
    },
  },
};
export class ChartTitleProxy extends ClientObject<ChartModel> {
  get _type(): string {
    return 'ChartTitle';
  }
  protected override get _props(): Props<ChartModel> {
    return CHART_TITLE_PROPS;
  }
}
accessors(ChartTitleProxy, CHART_TITLE_PROPS);

const CHART_LEGEND_PROPS: Props<ChartModel> = {
  visible: {
    get: (c) => c.legendVisible,
    set: (c, v) => {
      guardChart(c.sheet, 'ChartLegend.visible');
      c.legendVisible = !!v;
    },
  },
};
export class ChartLegendProxy extends ClientObject<ChartModel> {
  get _type(): string {
    return 'ChartLegend';
  }
  protected override get _props(): Props<ChartModel> {
    return CHART_LEGEND_PROPS;
  }
}
accessors(ChartLegendProxy, CHART_LEGEND_PROPS);

const CHART_SERIES_COLLECTION_PROPS: Props<ChartModel> = { count: { get: (c) => c.series.length } };
export class ChartSeriesCollectionProxy extends ClientObject<ChartModel> {
  get _type(): string {
    return 'ChartSeriesCollection';
  }
  protected override get _props(): Props<ChartModel> {
    return CHART_SERIES_COLLECTION_PROPS;
  }
  getItemAt(index: number): ChartSeriesProxy {
    return this._child(
      ChartSeriesProxy,
      (c) => {
        const series = c.series[index];
        if (!series) throw err(E.invalidArgument, `There is no series at index ${index}.`, 'ChartSeriesCollection.getItemAt');
        return { sheet: c.sheet, chart: c, series };
      },
      'getItemAt',
    );
  }
}
accessors(ChartSeriesCollectionProxy, CHART_SERIES_COLLECTION_PROPS);

type SeriesT = { readonly sheet: SheetModel; readonly chart: ChartModel; readonly series: ChartSeriesModel };
const CHART_SERIES_PROPS: Props<SeriesT> = {
  name: {
    get: (t) => t.series.name,
    set: (t, v) => {
      guardChart(t.sheet, 'ChartSeries.name');
      t.series.name = String(v);
    },
  },
  hasDataLabels: {
    get: (t) => t.series.hasDataLabels,
    set: (t, v) => {
      guardChart(t.sheet, 'ChartSeries.hasDataLabels');
      t.series.hasDataLabels = !!v;
    },
    api: '1.7',
  },
};
export class ChartSeriesProxy extends ClientObject<SeriesT> {
  get _type(): string {
    return 'ChartSeries';
  }
  protected override get _props(): Props<SeriesT> {
    return CHART_SERIES_PROPS;
  }
  setValues(sourceData: unknown): void {
    const range = rangeArgument(this._ctx, sourceData, 'ChartSeries.setValues');
    this._method(
      'setValues',
      ['Range'],
      (t) => {
        guardChart(t.sheet, 'ChartSeries.setValues');
        const r = range();
        t.series.values = { sheet: r.sheet, rect: r.rect };
      },
      '1.7',
    );
  }
  setXAxisValues(sourceData: unknown): void {
    const range = rangeArgument(this._ctx, sourceData, 'ChartSeries.setXAxisValues');
    this._method(
      'setXAxisValues',
      ['Range'],
      (t) => {
        guardChart(t.sheet, 'ChartSeries.setXAxisValues');
        const r = range();
        t.series.xValues = { sheet: r.sheet, rect: r.rect };
      },
      '1.7',
    );
  }
}
accessors(ChartSeriesProxy, CHART_SERIES_PROPS);

/* --- data validation (1.8) --- */

const RULE_TYPES = ['wholeNumber', 'decimal', 'textLength', 'date', 'time', 'list', 'custom'];
function validationFor(t: RangeT, create: boolean): ValidationRecord | undefined {
  const found = t.sheet.validations.find(
    (v) => v.rect.r0 === t.rect.r0 && v.rect.c0 === t.rect.c0 && v.rect.r1 === t.rect.r1 && v.rect.c1 === t.rect.c1,
  );
  if (found || !create) return found?.record;
  // a new rule replaces whatever rules the range overlapped
  for (let i = t.sheet.validations.length - 1; i >= 0; i--)
    if (intersects(t.sheet.validations[i]!.rect, t.rect)) t.sheet.validations.splice(i, 1);
  const record: ValidationRecord = { address: rectA1(t.rect), rule: null };
  t.sheet.validations.push({ rect: t.rect, record });
  return record;
}
const DATA_VALIDATION_PROPS: Props<RangeT> = {
  rule: {
    get: (t) => validationFor(t, false)?.rule ?? {},
    set: (t, v) => {
      guardFormat(t, null, 'DataValidation.rule');
      const keys = v && typeof v === 'object' ? Object.keys(v) : [];
      if (keys.length !== 1 || !RULE_TYPES.includes(keys[0]!))
        throw err(E.invalidArgument, 'A data validation rule needs exactly one rule type.', 'DataValidation.rule');
      const body = (v as Record<string, Record<string, unknown>>)[keys[0]!]!;
      if (keys[0] === 'list' && (typeof body.source !== 'string' || !body.source))
        throw err(E.invalidArgument, 'A list rule needs a source.', 'DataValidation.rule');
      if (['decimal', 'wholeNumber', 'textLength'].includes(keys[0]!) && (body.formula1 === undefined || typeof body.operator !== 'string'))
        throw err(E.invalidArgument, 'A basic rule needs formula1 and an operator.', 'DataValidation.rule');
      validationFor(t, true)!.rule = v as Record<string, unknown>;
    },
    api: '1.8',
  },
  prompt: {
    get: (t) => validationFor(t, false)?.prompt ?? { showPrompt: false, title: '', message: '' },
    set: (t, v) => (guardFormat(t, null, 'DataValidation.prompt'), (validationFor(t, true)!.prompt = v as Record<string, unknown>)),
    api: '1.8',
  },
  errorAlert: {
    get: (t) => validationFor(t, false)?.errorAlert ?? { showAlert: true, style: 'Stop', title: '', message: '' },
    set: (t, v) => {
      guardFormat(t, null, 'DataValidation.errorAlert');
      const style = (v as { style?: unknown })?.style;
      if (style !== undefined && !['Stop', 'Warning', 'Information'].includes(style as string))
        throw err(E.invalidArgument, `Invalid alert style ${JSON.stringify(style)}.`, 'DataValidation.errorAlert');
      validationFor(t, true)!.errorAlert = v as Record<string, unknown>;
    },
    api: '1.8',
  },
  ignoreBlanks: {
    get: (t) => validationFor(t, false)?.ignoreBlanks ?? true,
    set: (t, v) => (guardFormat(t, null, 'DataValidation.ignoreBlanks'), (validationFor(t, true)!.ignoreBlanks = !!v)),
    api: '1.8',
  },
};
export class DataValidationProxy extends ClientObject<RangeT> {
  get _type(): string {
    return 'DataValidation';
  }
  protected override get _props(): Props<RangeT> {
    return DATA_VALIDATION_PROPS;
  }
  clear(): void {
    this._method(
      'clear',
      [],
      (t) => {
        guardFormat(t, null, 'DataValidation.clear');
        for (let i = t.sheet.validations.length - 1; i >= 0; i--)
          if (intersects(t.sheet.validations[i]!.rect, t.rect)) t.sheet.validations.splice(i, 1);
      },
      '1.8',
    );
  }
}
accessors(DataValidationProxy, DATA_VALIDATION_PROPS);

/* --- conditional formats (1.6) --- */

type CfT = { sheet: SheetModel; record: ConditionalFormatRecord };
const CF_TYPES = ['Custom', 'DataBar', 'ColorScale', 'IconSet', 'TopBottom', 'PresetCriteria', 'ContainsText', 'CellValue'];

export class ConditionalFormatCollectionProxy extends ClientObject<RangeT> {
  get _type(): string {
    return 'ConditionalFormatCollection';
  }
  add(type: string): ConditionalFormatProxy {
    return this._child(
      ConditionalFormatProxy,
      (t) => {
        guardFormat(t, null, 'ConditionalFormatCollection.add');
        if (!CF_TYPES.includes(type))
          throw err(E.invalidArgument, `Unknown conditional format type ${type}.`, 'ConditionalFormatCollection.add');
        const record: ConditionalFormatRecord = { address: rectA1(t.rect), type, rule: null, fill: null, fontColor: null, bold: null };
        t.sheet.conditionalFormats.push({ rect: t.rect, record });
        return { sheet: t.sheet, record };
      },
      'conditionalFormats.add',
      '1.6',
    );
  }
  clearAll(): void {
    this._method(
      'clearAll',
      [],
      (t) => {
        guardFormat(t, null, 'ConditionalFormatCollection.clearAll');
        for (let i = t.sheet.conditionalFormats.length - 1; i >= 0; i--)
          if (intersects(t.sheet.conditionalFormats[i]!.rect, t.rect)) t.sheet.conditionalFormats.splice(i, 1);
      },
      '1.6',
    );
  }
}

const CF_PROPS: Props<CfT> = { type: { get: (t) => t.record.type } };
export class ConditionalFormatProxy extends ClientObject<CfT> {
  get _type(): string {
    return 'ConditionalFormat';
  }
  protected override get _props(): Props<CfT> {
    return CF_PROPS;
  }
  get textComparison(): TextConditionalFormatProxy {
    return new TextConditionalFormatProxy(
      this._ctx,
      this._path.derive((t) => {
        if (t.record.type !== 'ContainsText')
          throw err(E.invalidArgument, 'This conditional format is not a text comparison.', 'ConditionalFormat.textComparison');
        return t;
      }),
    );
  }
}
accessors(ConditionalFormatProxy, CF_PROPS);

const TEXT_OPERATORS = ['Contains', 'NotContains', 'BeginsWith', 'EndsWith'];
const TEXT_CF_PROPS: Props<CfT> = {
  rule: {
    get: (t) => t.record.rule,
    set: (t, v) => {
      const r = v as { operator?: unknown; text?: unknown } | null;
      if (!r || !TEXT_OPERATORS.includes(String(r.operator)) || typeof r.text !== 'string')
        throw err(E.invalidArgument, 'A text rule needs an operator and text.', 'TextConditionalFormat.rule');
      t.record.rule = { operator: r.operator, text: r.text };
    },
  },
};
export class TextConditionalFormatProxy extends ClientObject<CfT> {
  get _type(): string {
    return 'TextConditionalFormat';
  }
  protected override get _props(): Props<CfT> {
    return TEXT_CF_PROPS;
  }
  get format(): ConditionalRangeFormatProxy {
    return new ConditionalRangeFormatProxy(this._ctx, this._path);
  }
}
accessors(TextConditionalFormatProxy, TEXT_CF_PROPS);

export class ConditionalRangeFormatProxy extends ClientObject<CfT> {
  get _type(): string {
    return 'ConditionalRangeFormat';
  }
  get fill(): CfColorProxy {
    return new CfColorProxy(this._ctx, this._path, 'fill');
  }
  get font(): CfColorProxy {
    return new CfColorProxy(this._ctx, this._path, 'font');
  }
}

export class CfColorProxy extends ClientObject<CfT> {
  constructor(
    ctx: DoubleContext,
    path: Path<CfT>,
    private readonly part: 'fill' | 'font',
  ) {
    super(ctx, path);
  }
  get _type(): string {
    return this.part === 'fill' ? 'ConditionalRangeFill' : 'ConditionalRangeFont';
  }
  protected override get _props(): Props<CfT> {
    const part = this.part;
    return {
      color: {
        get: (t) => (part === 'fill' ? t.record.fill : t.record.fontColor),
        set: (t, v) => {
          const c = normColor(v, `${this._type}.color`);
          if (part === 'fill') t.record.fill = c;
          else t.record.fontColor = c;
        },
      },
      bold: { get: (t) => t.record.bold, set: (t, v) => (t.record.bold = !!v) },
    };
  }
  get color(): string {
    return this._read('color') as string;
  }
  set color(v: string) {
    this._write('color', v);
  }
  get bold(): boolean {
    return this._read('bold') as boolean;
  }
  set bold(v: boolean) {
    this._write('bold', v);
  }
}

/* ------------------------------------------------------------------------------------------ */
/* The double: model + globals + helpers for tests                                             */
/* ------------------------------------------------------------------------------------------ */

export interface SheetInit {
  /** rows of values from A1, stored literally; a string starting with '=' is a formula */
  readonly values?: readonly (readonly unknown[])[];
  /** formulas overlaid on `values` (null = keep the value) */
  readonly formulas?: readonly (readonly (string | null)[])[];
  readonly numberFormat?: readonly (readonly (string | null)[])[];
  readonly visibility?: Visibility;
  /** 1-based rows */
  readonly hiddenRows?: readonly number[];
  /** 0-based columns */
  readonly hiddenColumns?: readonly number[];
  /** A1 ranges */
  readonly merges?: readonly string[];
  /** A1 ranges whose cells are unlocked */
  readonly unlocked?: readonly string[];
  readonly protection?: { readonly password?: string; readonly options?: ProtectionOptions };
}

export interface WorkbookInit {
  readonly sheets: Readonly<Record<string, SheetInit>>;
  /** the active sheet (default: the first visible) */
  readonly active?: string;
  readonly structure?: { readonly password?: string };
  /** Workbook.name (default "Book1.xlsx") */
  readonly name?: string;
}

export interface DoubleOptions {
  /** highest ExcelApi requirement set the host supports (default '1.13') */
  readonly apiVersion?: string;
  readonly displayLanguage?: string;
  /** Excel on the web: ~5 MB per request and per response */
  readonly requestBytes?: number;
  readonly responseBytes?: number;
}

export interface CellInfo {
  readonly value: Scalar;
  readonly formula: Scalar;
  readonly numberFormat: string;
  readonly locked: boolean;
  readonly fill: string | null;
  readonly bold: boolean;
}

const versionParts = (v: string): number[] => v.split('.').map((n) => Number(n) || 0);
function versionAtLeast(have: string, want: string): boolean {
  const [a, b] = [versionParts(have), versionParts(want)];
  for (let i = 0; i < Math.max(a.length, b.length); i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
}

export const DEFAULT_PAYLOAD_LIMIT = 5 * 1024 * 1024;

export class ExcelDouble {
  /** the in-memory workbook (tests should prefer the helpers below) */
  model = new WorkbookModel();
  apiVersion: string;
  displayLanguage: string;
  readonly limits: { requestBytes: number; responseBytes: number };
  /** `context.sync()` calls since the last `resetCounters()` */
  syncCount = 0;
  /** one entry per sync: queued actions, request and response sizes in bytes (estimated) */
  requests: { actions: number; bytes: number; responseBytes: number }[] = [];
  /** while true every sync with work fails like Excel while a cell is being edited */
  cellEditMode = false;
  private uninstallers: (() => void)[] = [];

  constructor(options: DoubleOptions = {}) {
    this.apiVersion = options.apiVersion ?? '1.13';
    this.displayLanguage = options.displayLanguage ?? 'zh-CN';
    this.limits = {
      requestBytes: options.requestBytes ?? DEFAULT_PAYLOAD_LIMIT,
      responseBytes: options.responseBytes ?? DEFAULT_PAYLOAD_LIMIT,
    };
  }

  /** A double holding a workbook made from plain data. */
  static fromData(init: WorkbookInit, options: DoubleOptions = {}): ExcelDouble {
    const d = new ExcelDouble(options);
    d.load(init);
    return d;
  }

  /** Replaces the workbook with one made from plain data. */
  load(init: WorkbookInit): void {
    const wb = new WorkbookModel();
    for (const [name, s] of Object.entries(init.sheets)) {
      const sheet = wb.newSheet(name);
      (s.values ?? []).forEach((row, r) => row.forEach((v, c) => sheet.put(r, c, { content: literal(v) })));
      (s.formulas ?? []).forEach((row, r) => row.forEach((f, c) => f !== null && sheet.put(r, c, { content: literal(f) })));
      (s.numberFormat ?? []).forEach((row, r) =>
        row.forEach((nf, c) => nf !== null && sheet.put(r, c, { nf: nf === 'General' ? undefined : nf })),
      );
      for (const h of s.hiddenRows ?? []) sheet.hiddenRows.add(h - 1);
      for (const h of s.hiddenColumns ?? []) sheet.hiddenColumns.add(h);
      sheet.merges = (s.merges ?? []).map(parseA1);
      for (const u of s.unlocked ?? []) sheet.setFormat('locked', parseA1(u), false);
      if (s.protection)
        sheet.protection = { protected: true, password: s.protection.password ?? null, options: { ...(s.protection.options ?? {}) } };
      sheet.visibility = s.visibility ?? 'Visible';
    }
    if (!wb.sheets.length) wb.newSheet('Sheet1');
    const active = init.active ? wb.find(init.active) : wb.sheets.find((s) => s.visibility === 'Visible');
    wb.activeId = (active ?? wb.sheets[0]!).id;
    if (init.structure) wb.structure = { protected: true, password: init.structure.password ?? null };
    if (init.name) wb.name = init.name;
    this.model = wb;
  }

  supports(version: string): boolean {
    return versionAtLeast(this.apiVersion, version);
  }

  /** A fresh `Excel.RequestContext` bound to this double. */
  newContext(): Excel.RequestContext {
    return new DoubleContext(this) as unknown as Excel.RequestContext;
  }

  /** `Excel.run`: runs the batch, flushes what it left queued, then retires the context. */
  async run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    const ctx = new DoubleContext(this);
    try {
      const result = await batch(ctx as unknown as Excel.RequestContext);
      if (ctx._queue.length) await ctx.sync();
      return result;
    } finally {
      ctx._closed = true;
    }
  }

  /** Installs `Excel`, `Office` and `OfficeExtension` as globals; returns the uninstaller. */
  install(): () => void {
    const g = globalThis as unknown as Record<string, unknown>;
    const saved = { Excel: g.Excel, Office: g.Office, OfficeExtension: g.OfficeExtension };
    g.Excel = {
      run: <T>(batch: (context: Excel.RequestContext) => Promise<T>) => this.run(batch),
      RequestContext: DoubleContext,
      ErrorCodes: DOUBLE_ERROR_CODES,
      SheetVisibility: { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' },
      ConditionalFormatType: { containsText: 'ContainsText', custom: 'Custom', cellValue: 'CellValue' },
      ConditionalTextOperator: { contains: 'Contains', notContains: 'NotContains', beginsWith: 'BeginsWith', endsWith: 'EndsWith' },
      DataValidationOperator: { between: 'Between', greaterThanOrEqualTo: 'GreaterThanOrEqualTo', lessThanOrEqualTo: 'LessThanOrEqualTo' },
      DataValidationAlertStyle: { stop: 'Stop', warning: 'Warning', information: 'Information' },
      PageOrientation: { portrait: 'Portrait', landscape: 'Landscape' },
      PaperType: { a4: 'A4', letter: 'Letter' },
    };
    g.OfficeExtension = { Error: RichApiError, ErrorCodes: DOUBLE_ERROR_CODES };
    const info = { host: 'Excel', platform: 'OfficeOnline' };
    // the getters below must read this double's current settings
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const double = this;
    g.Office = {
      context: {
        get displayLanguage() {
          return double.displayLanguage;
        },
        requirements: {
          isSetSupported: (name: string, minVersion?: string | number) =>
            name.toLowerCase() === 'excelapi' && (minVersion === undefined || versionAtLeast(double.apiVersion, String(minVersion))),
        },
        host: 'Excel',
        platform: 'OfficeOnline',
      },
      onReady: (cb?: (i: typeof info) => void) => Promise.resolve(info).then((i) => (cb?.(i), i)),
      HostType: { Excel: 'Excel' },
      PlatformType: { OfficeOnline: 'OfficeOnline', PC: 'PC', Mac: 'Mac' },
    };
    const undo = (): void => {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete g[k];
        else g[k] = v;
      }
    };
    this.uninstallers.push(undo);
    return undo;
  }
  uninstall(): void {
    for (const u of this.uninstallers.splice(0).reverse()) u();
  }

  resetCounters(): void {
    this.syncCount = 0;
    this.requests = [];
    this.model.calcSuspensions = 0;
  }

  /* --- inspection helpers --- */

  private sheet(name: string): SheetModel {
    const s = this.model.find(name);
    if (!s) throw new Error(`excel-double: no sheet "${name}"`);
    return s;
  }
  sheetNames(): string[] {
    return this.model.sheets.map((s) => s.name);
  }
  activeSheet(): string {
    return this.model.active.name;
  }
  get selection(): { sheet: string; address: string } | null {
    return this.model.selection;
  }
  get calcSuspensions(): number {
    return this.model.calcSuspensions;
  }
  visibility(sheet: string): Visibility {
    return this.sheet(sheet).visibility;
  }
  /** Values (computed) and formulas of a sheet from A1 to the end of its used range, or of one range. */
  dump(sheet: string, range?: string): { values: Scalar[][]; formulas: Scalar[][] } {
    const s = this.sheet(sheet);
    const used = s.usedRect(true);
    const rect = range ? parseA1(range) : used ? { r0: 0, c0: 0, r1: used.r1, c1: used.c1 } : null;
    if (!rect) return { values: [], formulas: [] };
    const t = rangeOf(this.model, s, rect);
    return {
      values: grid(t, 'dump', (r, c) => displayValue(s, r, c)) as Scalar[][],
      formulas: grid(t, 'dump', (r, c) => formulaText(s, r, c)) as Scalar[][],
    };
  }
  cell(sheet: string, address: string): CellInfo {
    const s = this.sheet(sheet);
    const { r0: r, c0: c } = parseA1(address);
    return {
      value: displayValue(s, r, c),
      formula: formulaText(s, r, c),
      numberFormat: s.cell(r, c)?.nf ?? 'General',
      locked: s.isLocked(r, c),
      fill: s.format('fill', r, c) as string | null,
      bold: s.format('bold', r, c) === true,
    };
  }
  /** What a person typing into a cell would get (refused on a locked cell of a protected sheet). */
  type(sheet: string, address: string, text: string): void {
    const s = this.sheet(sheet);
    const rect = parseA1(address);
    const t = rangeOf(this.model, s, rect);
    guardCells(t, 'type');
    for (let r = rect.r0; r <= rect.r1; r++)
      for (let c = rect.c0; c <= rect.c1; c++) s.put(r, c, { content: enter(text, s.cell(r, c)?.nf, 'type') ?? null });
  }
  protection(sheet: string): { protected: boolean; password: string | null; options: ProtectionOptions } {
    const p = this.sheet(sheet).protection;
    return { ...p, options: { ...p.options } };
  }
  structure(): { protected: boolean; password: string | null } {
    return { ...this.model.structure };
  }
  validations(sheet: string): ValidationRecord[] {
    return this.sheet(sheet).validations.map((v) => ({ ...v.record }));
  }
  conditionalFormats(sheet: string): ConditionalFormatRecord[] {
    return this.sheet(sheet).conditionalFormats.map((v) => ({ ...v.record }));
  }
  merges(sheet: string): string[] {
    return this.sheet(sheet).merges.map(rectA1);
  }
  hiddenRows(sheet: string): number[] {
    return [...this.sheet(sheet).hiddenRows].map((r) => r + 1).sort((a, b) => a - b);
  }
  frozenRows(sheet: string): number {
    return this.sheet(sheet).frozenRows;
  }
  pageLayout(sheet: string): { orientation: string; paperSize: string; printTitleRows: string | null } {
    const { orientation, paperSize, printTitleRows } = this.sheet(sheet).pageLayout;
    return { orientation, paperSize, printTitleRows };
  }
  /** The centre header printed on every page ('' when none). */
  centerHeader(sheet: string): string {
    return this.sheet(sheet).pageLayout.centerHeader;
  }
  /** The charts of a sheet, in the order they were added. */
  charts(sheet: string): ChartRecord[] {
    const where = (r: ChartRangeRef): string => qualify(r.sheet.name, rectA1(r.rect));
    return this.sheet(sheet).charts.map((c) => ({
      name: c.name,
      type: c.type,
      seriesBy: c.seriesBy,
      source: where(c.source),
      title: c.title,
      titleVisible: c.titleVisible,
      legendVisible: c.legendVisible,
      series: c.series.map((x) => ({
        name: x.name,
        values: where(x.values),
        xValues: x.xValues ? where(x.xValues) : null,
        hasDataLabels: x.hasDataLabels,
      })),
      position: c.position ? { ...c.position } : null,
    }));
  }
  /** Font of one cell: bold, size and colour in force. */
  font(sheet: string, address: string): { bold: boolean; size: number; color: string } {
    const s = this.sheet(sheet);
    const { r0: r, c0: c } = parseA1(address);
    return {
      bold: s.format('bold', r, c) === true,
      size: s.format('fontSize', r, c) as number,
      color: s.format('fontColor', r, c) as string,
    };
  }
  columnWidths(sheet: string): Record<string, number> {
    return Object.fromEntries([...this.sheet(sheet).columnWidths].map(([c, w]) => [letters(c), w]));
  }
  /** Whether every cell of a range is locked (true), unlocked (false) or mixed (null). */
  locked(sheet: string, range: string): boolean | null {
    return this.sheet(sheet).uniformFormat('locked', parseA1(range)) as boolean | null;
  }
}

/** What the double does not model (kept here so the report and the code agree). */
export const DOUBLE_LIMITS = [
  'formula evaluation covers SUM(), single references and literals only; other formulas evaluate to #NAME?; no dependency-driven recalculation (values are computed on read)',
  'dates are recognised only in ISO form (yyyy-mm-dd); no locale-specific parsing, no number-format rendering (Range.text)',
  'no events, tables, named items, comments, row heights or column hiding; conditional formats only record rules (ContainsText is the only typed one)',
  'charts record their type, source, series ranges (values and category axis), title, legend visibility and position only; no rendering, no header-row/column detection in the source (every source column or row is a series), no chart events, no chart collection loads',
  'a deleted worksheet makes proxies still bound to it fail with ItemNotFound when the batch runs; deletion does not touch charts of other sheets that read its cells',
  'page layout: orientation, paper size, print title rows and the centre header of the default header/footer only',
  'request size is estimated from the JSON of queued arguments, not the real wire format; the response limit counts loaded values',
  'objects returned by methods are instantiated at their position in the batch; calls on a null object yield null objects and are otherwise ignored (an assumption about Excel)',
  'protect() on a protected sheet/workbook fails (as documented), unprotect() on an unprotected one is a no-op; wrong passwords fail with AccessDenied',
  'no co-authoring, no pauseProtection, no undo, no calculation modes (suspendApiCalculationUntilNextSync is only counted)',
  'getUsedRange(false) counts cells with content or a number format and bounded format layers; whole-row/column formats do not extend it',
  'no worksheet position/move/copy, no row or column insertion, no number-format categories, no borders',
  'a write to a range containing any locked cell of a protected sheet fails, even where the array holds null for that cell (stricter than needed)',
] as const;
