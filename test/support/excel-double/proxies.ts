/**
 * Proxies and sync: the double's `Excel.RequestContext` (queued statements carried out in order
 * at `sync()`, no rollback of the statements before a failing one, every sync counted, request
 * and response sizes estimated against the limits, cell-edit mode, co-authoring hand-over), and
 * the proxies of the workbook, worksheets, ranges, merged areas, freeze panes and page layout.
 * Protection, formats and validation, and charts are in their own modules.
 */
import { ChartCollectionProxy } from './charts';
import {
  ACTION_OVERHEAD,
  ClientObject,
  NULL,
  Path,
  accessors,
  jsonBytes,
  notLoaded,
  parseLoad,
  type Action,
  type Commit,
  type Loadable,
  type PropSpec,
  type Props,
} from './client';
import type { ExcelDouble } from './double';
import { E, err, RichApiError } from './errors';
import { ConditionalFormatCollectionProxy, DataValidationProxy, RangeFormatProxy } from './formats';
import {
  cellsIn,
  displayValue,
  enter,
  formulaText,
  intersects,
  MAX_COLS,
  MAX_ROWS,
  parseA1,
  qualify,
  rangeOf,
  rectA1,
  validSheetName,
  valueType,
  WHOLE,
  type PageLayoutModel,
  type RangeT,
  type Rect,
  type SheetModel,
  type WorkbookModel,
} from './model';
import type { HostVariant } from './variants';
import { WorkbookProtectionProxy, WorksheetProtectionProxy, guardCells, guardFormat } from './protection';

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
    // a batch that runs while a cell is being edited fails: InvalidOperationInCellEditMode in the
    // error table, InvalidOperation as some hosts report it (HostVariant.cellEditError)
    if (d.cellEditMode && queue.length) throw err(d.variant.cellEditError, 'Excel is in cell-editing mode.', 'RequestContext.sync');
    if (bytes > d.limits.requestBytes)
      throw err(E.requestPayloadSizeLimitExceeded, 'The request payload size has exceeded the limit.', 'RequestContext.sync');
    // co-authoring: what the other sessions wrote (and Excel merged) arrives between batches
    d.coauthoring?.receive(d);
    for (const s of d.model.sheets) s.batchUnlocks = [];
    const commits: Commit[] = [];
    try {
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
    } finally {
      // what ran is applied (no rollback) and goes to the other sessions
      d.coauthoring?.send(d);
    }
    const response = commits.reduce((n, c) => n + c.bytes, 0);
    entry.responseBytes = response;
    if (response > d.limits.responseBytes)
      throw err(E.responsePayloadSizeLimitExceeded, 'The response payload size has exceeded the limit.', 'RequestContext.sync');
    for (const c of commits) c.apply();
    return passThroughValue as T;
  }
}

/** Cells a get operation may return: "a range is limited to five million cells for get operations" (https://learn.microsoft.com/office/dev/add-ins/excel/performance). */
export const GET_CELL_LIMIT = 5_000_000;

/** A range of whole rows or whole columns ("unbounded"): cell-level properties read as null — https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-ranges-unbounded */
const unbounded = (r: Rect): boolean => (r.r0 === 0 && r.r1 === MAX_ROWS - 1) || (r.c0 === 0 && r.c1 === MAX_COLS - 1);

function grid(t: RangeT, what: string, cell: (row: number, col: number) => unknown, variant?: HostVariant): unknown[][] | null {
  if (variant && unbounded(t.rect)) return null;
  if (cellsIn(t.rect) > GET_CELL_LIMIT) {
    // the documented limit throws (RangeExceedsLimit: "The cell count in the range has exceeded
    // the maximum supported number" — error table); hosts have returned null instead
    // (office-js#4783, #6781) — HostVariant.largeRead
    if (variant?.largeRead === 'null') return null;
    throw err(E.rangeExceedsLimit, 'The cell count in the range has exceeded the maximum supported number.', what);
  }
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
        // "Gets the currently selected single range from the workbook. If there are multiple
        // ranges selected, this method will throw an error."
        // (https://learn.microsoft.com/javascript/api/excel/excel.workbook#excel-excel-workbook-getselectedrange-member(1));
        // InvalidSelection when a chart or shape is selected, "by design"
        // (https://github.com/OfficeDev/office-js/issues/2268, #8); InactiveWorkbook when
        // another workbook has the focus ("the workbook being called by this API has lost
        // focus" — the error table). The multi-area code is not documented: InvalidSelection
        // ("The current selection is invalid for this operation") is the double's assumption.
        const where = 'Workbook.getSelectedRange';
        if (wb.selectionKind === 'multiArea') throw err(E.invalidSelection, 'The current selection is invalid for this operation.', where);
        if (wb.selectionKind === 'chart') throw err(E.invalidSelection, 'The current selection is invalid for this operation.', where);
        if (wb.selectionKind === 'otherWorkbook')
          throw err(E.inactiveWorkbook, 'The operation failed because multiple workbooks are open and this one has lost focus.', where);
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
          return [n, spec.get(s, items[i]!)] as const;
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
      // "if the worksheet's visibility is set to "VeryHidden", the delete operation will fail
      // with an InvalidOperation exception" —
      // https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-delete-member(1)
      if (s.visibility === 'VeryHidden')
        throw err(E.invalidOperation, 'A very hidden worksheet cannot be deleted; make it hidden or visible first.', 'Worksheet.delete');
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

export class FreezePanesProxy extends ClientObject<SheetModel> {
  get _type(): string {
    return 'WorksheetFreezePanes';
  }
  freezeRows(count = 1): void {
    this._method('freezeRows', [count], (s) => (s.frozenRows = count), '1.7');
  }
}

/** A margin in points (PageLayout.leftMargin, … — ExcelApi 1.9: "in points, for use when printing"). */
const margin = (side: keyof PageLayoutModel['margins']): PropSpec<SheetModel> => ({
  get: (s) => s.pageLayout.margins[side],
  set: (s, v) => {
    if (typeof v !== 'number' || !(v >= 0))
      throw err(E.invalidArgument, 'A margin is a non-negative number of points.', 'PageLayout.margin');
    s.pageLayout.margins[side] = v;
  },
  api: '1.9',
});

/**
 * PageLayout (ExcelApi 1.9 — https://learn.microsoft.com/javascript/api/excel/excel.pagelayout):
 * orientation, paper size, centerHorizontally, the six margins (points) and zoom, which "must be
 * set as a JSON object" (PageLayoutZoomOptions: horizontalFitToPages, verticalFitToPages,
 * scale 10–400 — https://learn.microsoft.com/javascript/api/excel/excel.pagelayoutzoomoptions).
 */
const PAGE_LAYOUT_PROPS: Props<SheetModel> = {
  orientation: { get: (s) => s.pageLayout.orientation, set: (s, v) => (s.pageLayout.orientation = String(v)), api: '1.9' },
  paperSize: { get: (s) => s.pageLayout.paperSize, set: (s, v) => (s.pageLayout.paperSize = String(v)), api: '1.9' },
  centerHorizontally: {
    get: (s) => s.pageLayout.centerHorizontally,
    set: (s, v) => (s.pageLayout.centerHorizontally = !!v),
    api: '1.9',
  },
  zoom: {
    get: (s) => ({
      horizontalFitToPages: s.pageLayout.zoom.horizontalFitToPages ?? null,
      verticalFitToPages: s.pageLayout.zoom.verticalFitToPages ?? null,
      scale: s.pageLayout.zoom.scale ?? null,
    }),
    set: (s, v) => {
      const z = (v ?? {}) as Record<string, unknown>;
      const out: PageLayoutModel['zoom'] = {};
      for (const k of ['horizontalFitToPages', 'verticalFitToPages', 'scale'] as const) {
        const n = z[k];
        if (n === undefined || n === null) continue;
        if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || (k === 'scale' && (n < 10 || n > 400)))
          throw err(E.invalidArgument, `Invalid zoom ${k} ${JSON.stringify(n)}.`, 'PageLayout.zoom');
        out[k] = n;
      }
      if (!Object.keys(out).length) throw err(E.invalidArgument, 'A zoom needs a scale or pages to fit.', 'PageLayout.zoom');
      s.pageLayout.zoom = out;
    },
    api: '1.9',
  },
  leftMargin: margin('left'),
  rightMargin: margin('right'),
  topMargin: margin('top'),
  bottomMargin: margin('bottom'),
  headerMargin: margin('header'),
  footerMargin: margin('footer'),
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

/** Only the header/footer used for every page (ExcelApi 1.9), and only its centre header and footer. */
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
  // HeaderFooter.centerFooter (ExcelApi 1.9) — https://learn.microsoft.com/javascript/api/excel/excel.headerfooter
  centerFooter: { get: (s) => s.pageLayout.centerFooter, set: (s, v) => (s.pageLayout.centerFooter = String(v)), api: '1.9' },
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
  values: {
    get: (t, self) => grid(t, 'Range.values', (r, c) => displayValue(t.sheet, r, c), self._ctx._double.variant),
    set: (t, v) => writeCells(t, v, 'Range.values'),
  },
  formulas: {
    get: (t, self) => grid(t, 'Range.formulas', (r, c) => formulaText(t.sheet, r, c), self._ctx._double.variant),
    set: (t, v) => writeCells(t, v, 'Range.formulas'),
  },
  numberFormat: {
    get: (t, self) => grid(t, 'Range.numberFormat', (r, c) => t.sheet.cell(r, c)?.nf ?? 'General', self._ctx._double.variant),
    set: (t, v) => writeCells(t, v, 'Range.numberFormat', true),
  },
  valueTypes: { get: (t, self) => grid(t, 'Range.valueTypes', (r, c) => valueType(t.sheet, r, c), self._ctx._double.variant) },
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
      t.wb.selectionKind = 'range';
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

export { grid as readGrid };
