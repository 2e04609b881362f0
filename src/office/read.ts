/**
 * Reading score sheets and the `_scoreseal` log from the open workbook (SPEC §2, §7).
 *
 * Every read queues exactly the loads it needs and syncs once, whatever the sheet size:
 * the used range's `values` and `formulas` (to tell formulas from text), `numberFormat` (what
 * the reader sees: a custom format can show 4 as 10), its position (the core wants rows from
 * A1), `rowHidden` and `columnHidden`, the merged areas where ExcelApi 1.13 is there, the log
 * sheet through `getItemOrNullObject`, and the protection state a later write needs. Only when
 * `rowHidden` or `columnHidden` comes back mixed (null) does a second sync read them one by one.
 * `values` holds the stored double of a date, never a date object, as the file edge reads it.
 *
 * Two limits of real hosts are handled here:
 *  - `getMergedAreasOrNullObject` "will fail to return the result" when a range has more than
 *    512 merged areas (https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-getmergedareasornullobject-member(1)),
 *    and its load rides in the one read sync: when that sync fails, the read is repeated
 *    without it and the merged areas are asked for in row bands (each reports the areas whose
 *    top-left cell it holds — https://github.com/OfficeDev/office-js/issues/3611);
 *  - over five million cells `values` can come back `null` instead of an error
 *    (https://github.com/OfficeDev/office-js/issues/4783, #6781;
 *    https://learn.microsoft.com/office/dev/add-ins/excel/performance): that is `TooLarge`,
 *    never a TypeError.
 */
import type { CellValue } from '../core/sheet/cells';
import { LOG_SHEET } from '../core/sheet/layout';
import { findHeaderRow, HEADER_SEARCH_ROWS, type RawSheet } from '../core/sheet/parse';
import type { RawWorkbook } from '../core/sheet/patch';
import { gridFromOffice } from './cells';
import { isOfficeExtensionError, OfficeEdgeError } from './errors';
import { supports } from './support';
import { table } from '../core/lookup';

export type LogVisibility = 'visible' | 'hidden' | 'veryHidden';

/** What a write to the sheet needs to know about the workbook (saves it a sync). */
export interface SheetState {
  /** the score sheet is protected (ordinarily without a password; with one when sealed) */
  readonly sheetProtected: boolean;
  /** the workbook structure is protected (set by a seal) */
  readonly structureProtected: boolean;
  /** rows used in `_scoreseal` (0 when empty), or null when there is no log sheet */
  readonly logRows: number | null;
}

export interface ScoreSheetRead {
  readonly sheet: RawSheet;
  /** `_scoreseal` rows from A1, or null when the log sheet is missing */
  readonly log: CellValue[][] | null;
  readonly state: SheetState;
}

const VISIBILITY = table<LogVisibility>({ Visible: 'visible', Hidden: 'hidden', VeryHidden: 'veryHidden' });

/* ------------------------------------------------------------------------------------------ */
/* queued loads and what they become after the sync                                             */
/* ------------------------------------------------------------------------------------------ */

interface SheetLoad {
  readonly ws: Excel.Worksheet;
  readonly used: Excel.Range;
  readonly merges: Excel.RangeAreas | null;
}

/** Queues the loads of one worksheet's content. */
function queueSheet(ws: Excel.Worksheet, withMerges: boolean): SheetLoad {
  ws.load(['name', 'visibility']);
  const used = ws.getUsedRangeOrNullObject(true);
  used.load(['values', 'formulas', 'numberFormat', 'rowIndex', 'columnIndex', 'rowCount', 'columnCount', 'rowHidden', 'columnHidden']);
  // the whole sheet, not the used range: that one may be a null object
  const merges = withMerges ? ws.getRange().getMergedAreasOrNullObject() : null;
  merges?.load('address');
  return { ws, used, merges };
}

/** A sheet as read, with its hidden rows or columns still unknown when Excel reported them mixed. */
interface SheetRead {
  readonly raw: RawSheet;
  /** the used range, when its rows must be asked one by one */
  readonly mixedRows: Excel.Range | null;
  /** the used range, when its columns must be asked one by one */
  readonly mixedColumns: Excel.Range | null;
}

function stripSheet(address: string): string {
  const bare = address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address;
  return bare.replace(/\$/g, '').trim();
}

/** Number formats in the shape of the cells (General as null), from A1. */
function formatsFromOffice(formats: readonly (readonly unknown[])[], rowIndex: number, columnIndex: number): (string | null)[][] {
  const out: (string | null)[][] = Array.from({ length: rowIndex }, () => []);
  for (const line of formats) {
    const row: (string | null)[] = Array<string | null>(columnIndex).fill(null);
    for (const f of line) row.push(typeof f === 'string' && f !== '' && f.toLowerCase() !== 'general' ? f : null);
    out.push(row);
  }
  return out;
}

/**
 * A cell-level array as loaded, or `TooLarge` when the host returned null instead (over five
 * million cells: office-js#4783, #6781).
 */
export function loaded<T>(v: T | null | undefined): T {
  if (v === null || v === undefined) throw new OfficeEdgeError('TooLarge');
  return v;
}

function finishSheet(load: SheetLoad): SheetRead {
  const { ws, used, merges } = load;
  const cells = used.isNullObject ? [] : gridFromOffice(loaded(used.values), loaded(used.formulas), used.rowIndex, used.columnIndex);
  const formats = used.isNullObject ? [] : formatsFromOffice(loaded(used.numberFormat), used.rowIndex, used.columnIndex);
  const mergeList = merges && !merges.isNullObject ? merges.address.split(',').map(stripSheet).filter(Boolean) : [];
  let hiddenRows: number[] = [];
  let hiddenColumns: number[] = [];
  let mixedRows: Excel.Range | null = null;
  let mixedColumns: Excel.Range | null = null;
  if (!used.isNullObject) {
    if (used.rowHidden === true) hiddenRows = Array.from({ length: used.rowCount }, (_, i) => used.rowIndex + i + 1);
    else if (used.rowHidden === null) mixedRows = used;
    if (used.columnHidden === true) hiddenColumns = Array.from({ length: used.columnCount }, (_, i) => used.columnIndex + i);
    else if (used.columnHidden === null) mixedColumns = used;
  }
  return {
    raw: {
      name: ws.name,
      cells,
      formats,
      merges: mergeList,
      hiddenRows,
      hiddenColumns,
      visibility: VISIBILITY[ws.visibility] ?? 'visible',
    },
    mixedRows,
    mixedColumns,
  };
}

/** Resolves mixed hidden rows and columns of several sheets in one more sync (only when there are any). */
async function resolveHidden(context: Excel.RequestContext, reads: readonly SheetRead[]): Promise<RawSheet[]> {
  const pending = reads.map((r) => ({
    rows: r.mixedRows ? Array.from({ length: r.mixedRows.rowCount }, (_, i) => r.mixedRows!.getRow(i).load('rowHidden')) : null,
    columns: r.mixedColumns
      ? Array.from({ length: r.mixedColumns.columnCount }, (_, i) => r.mixedColumns!.getColumn(i).load('columnHidden'))
      : null,
  }));
  if (pending.some((p) => p.rows || p.columns)) await context.sync();
  return reads.map((r, i) => {
    const p = pending[i]!;
    let raw = r.raw;
    if (p.rows && r.mixedRows) {
      const start = r.mixedRows.rowIndex + 1;
      raw = { ...raw, hiddenRows: p.rows.flatMap((row, j) => (row.rowHidden ? [start + j] : [])) };
    }
    if (p.columns && r.mixedColumns) {
      const start = r.mixedColumns.columnIndex;
      raw = { ...raw, hiddenColumns: p.columns.flatMap((col, j) => (col.columnHidden ? [start + j] : [])) };
    }
    return raw;
  });
}

/** Rows per band when merged areas are asked for piecewise (a band holds fewer than 512 areas unless rows hold several each). */
export const MERGE_BAND_ROWS = 128;
const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;

/**
 * The merged areas of a sheet's used range asked for in bands of rows, in one sync (two when
 * a band still holds more than 512 areas: then those bands row by row). Each band reports the
 * areas whose top-left cell lies in it (office-js#3611), so the bands together report each
 * area once.
 */
async function mergesInBands(context: Excel.RequestContext, ws: Excel.Worksheet, used: Excel.Range): Promise<string[]> {
  const rows = used.isNullObject ? 0 : used.rowIndex + used.rowCount;
  // whole rows (every column), from row 1 to the last used row; then the rest of the sheet
  const ask = (first: number, count: number): Excel.RangeAreas =>
    ws.getRangeByIndexes(first, 0, count, MAX_COLUMNS).getMergedAreasOrNullObject().load('address');
  const bands: Excel.RangeAreas[] = [];
  for (let first = 0; first < rows; first += MERGE_BAND_ROWS) bands.push(ask(first, Math.min(MERGE_BAND_ROWS, rows - first)));
  const rest = (): Excel.RangeAreas =>
    ws
      .getRangeByIndexes(rows, 0, MAX_ROWS - rows, MAX_COLUMNS)
      .getMergedAreasOrNullObject()
      .load('address');
  const out: string[] = [];
  const collect = (areas: Excel.RangeAreas): void => {
    if (!areas.isNullObject) out.push(...areas.address.split(',').map(stripSheet).filter(Boolean));
  };
  const below = rest();
  try {
    await context.sync();
    [...bands, below].forEach(collect);
    return out;
  } catch {
    // a band still holds more than 512 areas: the used rows one by one (one sync, however many rows)
  }
  const single = Array.from({ length: rows }, (_, i) => ask(i, 1));
  await context.sync();
  single.forEach(collect);
  // below the used rows (no values there: what a seal covers is above); best effort
  const tail = rest();
  try {
    await context.sync();
    collect(tail);
  } catch {
    // more than 512 merged areas below the last used row: none of them holds a value
  }
  return out;
}

interface LogLoad {
  readonly ws: Excel.Worksheet;
  readonly used: Excel.Range;
}

function queueLog(context: Excel.RequestContext): LogLoad {
  const ws = context.workbook.worksheets.getItemOrNullObject(LOG_SHEET);
  ws.load('visibility');
  const used = ws.getUsedRangeOrNullObject(true);
  used.load(['values', 'formulas', 'rowIndex', 'columnIndex']);
  return { ws, used };
}

function finishLog(load: LogLoad): { log: CellValue[][] | null } {
  if (load.ws.isNullObject) return { log: null };
  const { used } = load;
  const log = used.isNullObject ? [] : gridFromOffice(loaded(used.values), loaded(used.formulas), used.rowIndex, used.columnIndex);
  return { log };
}

/* ------------------------------------------------------------------------------------------ */
/* public reads                                                                                 */
/* ------------------------------------------------------------------------------------------ */

async function readSheetWith(context: Excel.RequestContext, worksheet: () => Excel.Worksheet): Promise<ScoreSheetRead> {
  const queue = (withMerges: boolean) => {
    const ws = worksheet();
    const sheet = queueSheet(ws, withMerges);
    ws.load('protection/protected');
    const structure = context.workbook.protection.load('protected');
    const logLoad = queueLog(context);
    return { ws, sheet, structure, logLoad };
  };
  const withMerges = supports('1.13');
  let q = queue(withMerges);
  let bandedMerges = false;
  try {
    await context.sync();
  } catch (e) {
    // more than 512 merged areas fail getMergedAreasOrNullObject, and with it the sync: read
    // again without it; if that fails too, the merged areas were not the problem
    if (!withMerges) throw e;
    q = queue(false);
    await context.sync();
    bandedMerges = true;
  }
  const { ws, sheet, structure, logLoad } = q;
  let read = finishSheet(sheet);
  if (bandedMerges) read = { ...read, raw: { ...read.raw, merges: await mergesInBands(context, ws, sheet.used) } };
  const [raw] = await resolveHidden(context, [read]);
  const { log } = finishLog(logLoad);
  return {
    sheet: raw!,
    log,
    state: { sheetProtected: ws.protection.protected, structureProtected: structure.protected, logRows: log ? log.length : null },
  };
}

/**
 * Reads one score sheet, the log and the protection state in one sync (a second only when
 * some, not all, rows of the sheet are hidden).
 *
 * @throws the Office error `ItemNotFound` when there is no such sheet (map it with `run`)
 */
export function readScoreSheet(context: Excel.RequestContext, sheetName: string): Promise<ScoreSheetRead> {
  return readSheetWith(context, () => context.workbook.worksheets.getItem(sheetName));
}

/** {@link readScoreSheet} for the active worksheet. */
export function readActiveScoreSheet(context: Excel.RequestContext): Promise<ScoreSheetRead> {
  return readSheetWith(context, () => context.workbook.worksheets.getActiveWorksheet());
}

/**
 * Only what a write needs to know (one sync): for callers of `applyPatch` that did not read
 * the sheet just before.
 */
export async function readSheetState(context: Excel.RequestContext, sheetName: string): Promise<SheetState> {
  const ws = context.workbook.worksheets.getItem(sheetName);
  ws.load('protection/protected');
  const structure = context.workbook.protection.load('protected');
  const logWs = context.workbook.worksheets.getItemOrNullObject(LOG_SHEET);
  const logUsed = logWs.getUsedRangeOrNullObject(true).load(['rowIndex', 'rowCount']);
  await context.sync();
  const logRows = logWs.isNullObject ? null : logUsed.isNullObject ? 0 : logUsed.rowIndex + logUsed.rowCount;
  return { sheetProtected: ws.protection.protected, structureProtected: structure.protected, logRows };
}

/** Worksheets other than `_scoreseal`, in workbook order (one sync). */
async function listSheets(context: Excel.RequestContext): Promise<Excel.Worksheet[]> {
  const sheets = context.workbook.worksheets.load('items/name');
  await context.sync();
  return sheets.items.filter((ws) => ws.name.toLowerCase() !== LOG_SHEET.toLowerCase());
}

/**
 * Names of the worksheets that hold a score table: a header row with 编号/Code and 得分/Score
 * within the first rows (two syncs, however many sheets).
 */
export async function listScoreSheets(context: Excel.RequestContext): Promise<string[]> {
  const sheets = await listSheets(context);
  const tops = sheets.map((ws) =>
    ws.getRange(`1:${HEADER_SEARCH_ROWS}`).getUsedRangeOrNullObject(true).load(['values', 'rowIndex', 'columnIndex']),
  );
  if (sheets.length) await context.sync();
  return sheets
    .filter((_, i) => {
      const top = tops[i]!;
      return (
        !top.isNullObject &&
        top.values !== null &&
        findHeaderRow(gridFromOffice(top.values, top.values, top.rowIndex, top.columnIndex)) !== null
      );
    })
    .map((ws) => ws.name);
}

/** True when Excel refused to return a response this large (Excel on the web: about 5 MB). */
function isResponseTooLarge(e: unknown): boolean {
  return isOfficeExtensionError(e) && e.code === 'ResponsePayloadSizeLimitExceeded';
}

/** Reads sheets in one sync; when the response is too large, in halves (only then). */
async function readSheets(context: Excel.RequestContext, sheets: readonly Excel.Worksheet[], withMerges: boolean): Promise<SheetRead[]> {
  if (!sheets.length) return [];
  const loads = sheets.map((ws) => queueSheet(ws, withMerges));
  try {
    await context.sync();
  } catch (e) {
    if (!isResponseTooLarge(e) || sheets.length < 2) throw e;
    const half = Math.ceil(sheets.length / 2);
    return [
      ...(await readSheets(context, sheets.slice(0, half), withMerges)),
      ...(await readSheets(context, sheets.slice(half), withMerges)),
    ];
  }
  return loads.map(finishSheet);
}

/**
 * Every score sheet of the workbook and the log: two syncs whatever the number of sheets
 * (names and log, then all sheets at once), one more when some sheet has partly hidden rows,
 * and more only when Excel refuses a response that large.
 */
export async function readWorkbook(context: Excel.RequestContext): Promise<RawWorkbook> {
  const sheets = context.workbook.worksheets.load('items/name');
  const logLoad = queueLog(context);
  await context.sync();
  const { log } = finishLog(logLoad);
  const others = sheets.items.filter((ws) => ws.name.toLowerCase() !== LOG_SHEET.toLowerCase());
  const reads = (await readSheets(context, others, supports('1.13'))).filter((r) => findHeaderRow(r.raw.cells) !== null);
  const raws = await resolveHidden(context, reads);
  return { sheets: raws, log };
}
