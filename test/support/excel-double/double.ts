/**
 * The double itself: a workbook model, the globals `Excel`, `Office` and `OfficeExtension`
 * (`install()`), `Excel.run` with its options, the host variant in force, the user's side of
 * Excel (typing, selecting, editing a cell, focusing another workbook) and inspection helpers
 * for tests. What it does not model is listed in `DOUBLE_LIMITS` at the end.
 */
import type { CoauthoringHub } from './coauthoring';
import { RichApiError } from './errors';
import { DOUBLE_ERROR_CODES } from './errors';
import {
  enter,
  letters,
  literal,
  parseA1,
  qualify,
  rangeOf,
  rectA1,
  displayValue,
  formulaText,
  WorkbookModel,
  STANDARD_ROW_HEIGHT,
  type BorderSide,
  type PageLayoutModel,
  type SheetModel,
  type ChartRangeRef,
  type ChartRecord,
  type ConditionalFormatRecord,
  type ProtectionOptions,
  type Scalar,
  type SelectionKind,
  type ValidationRecord,
  type Visibility,
} from './model';
import { guardCells } from './protection';
import { DoubleContext, readGrid } from './proxies';
import { DOCUMENTED, type HostVariant } from './variants';

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
  /** request and response limits in bytes (default: 5 MB on the web, none on desktop) */
  readonly requestBytes?: number;
  readonly responseBytes?: number;
  /** how the host behaves where builds disagree (default {@link DOCUMENTED}) */
  readonly variant?: HostVariant;
}

/** A cell's formats (ExcelDouble.cellFormat). */
export interface CellFormatInfo {
  readonly bold: boolean;
  readonly size: number;
  readonly color: string;
  readonly fill: string | null;
  readonly horizontalAlignment: string;
  readonly verticalAlignment: string;
  readonly wrapText: boolean;
}

/** One border line (ExcelDouble.borders). */
export interface BorderInfo {
  readonly style: string;
  readonly weight: string;
  readonly color: string;
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
  /** while true every sync with work fails like Excel while a cell is being edited (see {@link editCell}) */
  cellEditMode = false;
  /** how the host behaves where builds disagree */
  variant: HostVariant;
  /** the co-authoring session this double is one replica of (see coauthoring.ts) */
  coauthoring: CoauthoringHub | null = null;
  /** `Excel.run({ delayForCellEdit: true })` calls that had to wait */
  delayedRuns = 0;
  private cellEditWaiters: (() => void)[] = [];
  private uninstallers: (() => void)[] = [];

  constructor(options: DoubleOptions = {}) {
    this.apiVersion = options.apiVersion ?? '1.13';
    this.displayLanguage = options.displayLanguage ?? 'zh-CN';
    this.variant = options.variant ?? DOCUMENTED;
    // "Excel on the web limits requests and responses to 5 MB" — only on the web
    // (https://learn.microsoft.com/office/dev/add-ins/excel/performance; the error table: "This
    // error only occurs in Office on the web")
    const limit = this.variant.platform === 'web' ? DEFAULT_PAYLOAD_LIMIT : Infinity;
    this.limits = { requestBytes: options.requestBytes ?? limit, responseBytes: options.responseBytes ?? limit };
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
  async run<T>(
    optionsOrBatch: { delayForCellEdit?: boolean } | ((context: Excel.RequestContext) => Promise<T>),
    maybeBatch?: (context: Excel.RequestContext) => Promise<T>,
  ): Promise<T> {
    const [options, batch] = typeof optionsOrBatch === 'function' ? [{}, optionsOrBatch] : [optionsOrBatch, maybeBatch!];
    // RunOptions.delayForCellEdit: "if the user is in cell edit mode the batch request is
    // delayed until the user exits cell edit mode" —
    // https://learn.microsoft.com/javascript/api/excel/excel.runoptions
    if (options.delayForCellEdit && this.cellEditMode) {
      this.delayedRuns += 1;
      await new Promise<void>((resolve) => this.cellEditWaiters.push(resolve));
    }
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
      run: <T>(
        optionsOrBatch: { delayForCellEdit?: boolean } | ((context: Excel.RequestContext) => Promise<T>),
        batch?: (context: Excel.RequestContext) => Promise<T>,
      ) => this.run(optionsOrBatch, batch),
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
    const platform = { web: 'OfficeOnline', windows: 'PC', mac: 'Mac' }[this.variant.platform];
    const info = { host: 'Excel', platform };
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
        platform,
        diagnostics: { host: 'Excel', platform, version: 'excel-double' },
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
      values: readGrid(t, 'dump', (r, c) => displayValue(s, r, c)) as Scalar[][],
      formulas: readGrid(t, 'dump', (r, c) => formulaText(s, r, c)) as Scalar[][],
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
  /** The person starts editing a cell (F2): batches fail until {@link endCellEdit}, or wait with delayForCellEdit. */
  editCell(): void {
    this.cellEditMode = true;
  }
  /** The person leaves cell edit mode: delayed batches run. */
  endCellEdit(): void {
    this.cellEditMode = false;
    for (const resume of this.cellEditWaiters.splice(0)) resume();
  }
  /** The person selects one block of cells (clicks, drags). */
  select(sheet: string, address: string): void {
    const s = this.sheet(sheet);
    this.model.activeId = s.id;
    this.model.selection = { sheet: s.name, address: rectA1(parseA1(address)) };
    this.model.selectionKind = 'range';
  }
  /** The person selects several areas (Ctrl+click), a chart or shape, or switches to another workbook. */
  selectOther(kind: Exclude<SelectionKind, 'range'>): void {
    this.model.selectionKind = kind;
  }
  /** Whether a worksheet exists (any visibility). */
  hasSheet(name: string): boolean {
    return !!this.model.find(name);
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
  /** The height of a row (1-based), in points: as set, or Excel's standard height. */
  rowHeight(sheet: string, row: number): number {
    return this.sheet(sheet).rowHeights.get(row - 1) ?? STANDARD_ROW_HEIGHT;
  }
  /** Alignment, wrap, fill and font of one cell, as in force. */
  cellFormat(sheet: string, address: string): CellFormatInfo {
    const s = this.sheet(sheet);
    const { r0: r, c0: c } = parseA1(address);
    return {
      bold: s.format('bold', r, c) === true,
      size: s.format('fontSize', r, c) as number,
      color: s.format('fontColor', r, c) as string,
      fill: s.format('fill', r, c) as string | null,
      horizontalAlignment: s.format('horizontalAlignment', r, c) as string,
      verticalAlignment: s.format('verticalAlignment', r, c) as string,
      wrapText: s.format('wrapText', r, c) === true,
    };
  }
  /**
   * The border lines drawn around one cell (null: none): a side is the cell's own, or else the
   * facing side of its neighbour (Excel draws one line between two cells).
   */
  borders(sheet: string, address: string): Record<BorderSide, BorderInfo | null> {
    const s = this.sheet(sheet);
    const { r0: r, c0: c } = parseA1(address);
    const own = (row: number, col: number, side: BorderSide): BorderInfo | null => {
      if (row < 0 || col < 0) return null;
      const style = s.format(`border.${side}.style`, row, col) as string;
      if (style === 'None') return null;
      return {
        style,
        weight: s.format(`border.${side}.weight`, row, col) as string,
        color: s.format(`border.${side}.color`, row, col) as string,
      };
    };
    return {
      top: own(r, c, 'top') ?? own(r - 1, c, 'bottom'),
      bottom: own(r, c, 'bottom') ?? own(r + 1, c, 'top'),
      left: own(r, c, 'left') ?? own(r, c - 1, 'right'),
      right: own(r, c, 'right') ?? own(r, c + 1, 'left'),
    };
  }
  /** Everything the double keeps of a sheet's page layout (margins in points). */
  printSetup(sheet: string): PageLayoutModel {
    const p = this.sheet(sheet).pageLayout;
    return { ...p, zoom: { ...p.zoom }, margins: { ...p.margins } };
  }
  /** Whether every cell of a range is locked (true), unlocked (false) or mixed (null). */
  locked(sheet: string, range: string): boolean | null {
    return this.sheet(sheet).uniformFormat('locked', parseA1(range)) as boolean | null;
  }
}

/** What the double does not model (kept here so the report and the code agree). */
export const DOUBLE_LIMITS = [
  'formula evaluation covers SUM(), single references and literals only; other formulas evaluate to #NAME?; no dependency-driven recalculation (values are computed on read)',
  'dates are recognised in ISO form (yyyy-mm-dd) and in the US form m/d/yyyy [h:mm[:ss] [AM|PM]] (Range.values parses in the US locale, office-js#1559); no formulasLocal, no number-format rendering (Range.text)',
  'no events, tables, named items, comments, row autofit or column hiding; conditional formats only record rules (ContainsText is the only typed one)',
  'charts record their type, source, series ranges (values and category axis), title, legend visibility and position only; no rendering, no header-row/column detection in the source (every source column or row is a series), no chart events, no chart collection loads',
  'a deleted worksheet makes proxies still bound to it fail with ItemNotFound when the batch runs; deletion does not touch charts of other sheets that read its cells',
  'page layout: orientation, paper size, zoom, centerHorizontally, the six margins, print title rows and the centre header and footer of the default header/footer only',
  'request size is estimated from the JSON of queued arguments, not the real wire format; the response limit counts loaded values',
  'objects returned by methods are instantiated at their position in the batch; calls on a null object yield null objects and are otherwise ignored (an assumption about Excel)',
  'protection in the wrong state, the wrong-password error, office-js#762 and #143, the >5M-cell read and the cell-edit error code follow the HostVariant in force (variants.ts); the codes the reference does not document are assumptions named there',
  'co-authoring (coauthoring.ts) replicates cell contents, number formats and new sheets only, last writer wins per cell by the order changes reached the hub; no merge conflicts of formats, protection or validation; no pauseProtection, no undo, no calculation modes (suspendApiCalculationUntilNextSync is only counted)',
  'getSelectedRange fails for a multi-area selection and a chart (InvalidSelection) and when another workbook has the focus (InactiveWorkbook); getSelectedRanges is not modelled',
  'getUsedRange(false) counts cells with content or a number format and bounded format layers; whole-row/column formats do not extend it',
  'no worksheet position/move/copy, no row or column insertion, no number-format categories; borders: edges and inside lines (style, weight, color) only, no diagonals, no tintAndShade',
  'a write to a range containing any locked cell of a protected sheet fails, even where the array holds null for that cell (stricter than needed)',
] as const;
