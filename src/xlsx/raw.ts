/**
 * An ExcelJS workbook as the core's plain data ({@link RawWorkbook}): one pass over each
 * sheet's rows, no styles, no domain logic. Browser-safe.
 */
import type ExcelJS from 'exceljs';
import { addr, type CellValue } from '../core/sheet/cells';
import { LOG_SHEET } from '../core/sheet/layout';
import type { RawSheet } from '../core/sheet/parse';
import type { RawWorkbook } from '../core/sheet/patch';
import { fromExcelJsCell } from './cells';

/** Whether a worksheet name is the log sheet's (Excel compares sheet names case-insensitively). */
export function isLogSheetName(name: string): boolean {
  return name.toLowerCase() === LOG_SHEET.toLowerCase();
}

/** The workbook's sheets (except `_scoreseal`) and its log rows. */
export function readRawWorkbook(wb: ExcelJS.Workbook): RawWorkbook {
  const sheets: RawSheet[] = [];
  let log: CellValue[][] | null = null;
  wb.eachSheet((ws) => {
    if (isLogSheetName(ws.name)) {
      log = readCells(ws).cells;
    } else {
      sheets.push(readRawSheet(ws));
    }
  });
  return { sheets, log };
}

/** One worksheet: values from A1 (ragged rows, no trailing empties), merges, hidden rows. */
export function readRawSheet(ws: ExcelJS.Worksheet): RawSheet {
  const { cells, hiddenRows } = readCells(ws);
  return { name: ws.name, cells, merges: mergesOf(ws), hiddenRows };
}

/** Values of every row from row 1, in one pass over the rows ExcelJS holds. */
export function readCells(ws: ExcelJS.Worksheet): { cells: CellValue[][]; hiddenRows: number[] } {
  const cells: CellValue[][] = [];
  const hiddenRows: number[] = [];
  let lastNonEmpty = 0;
  const rowCount = ws.rowCount;
  for (let r = 1; r <= rowCount; r++) {
    const row = ws.findRow(r);
    const values = row ? rowValues(row) : [];
    if (row?.hidden) hiddenRows.push(r);
    if (values.length) lastNonEmpty = r;
    cells.push(values);
  }
  cells.length = lastNonEmpty;
  return { cells, hiddenRows };
}

function rowValues(row: ExcelJS.Row): CellValue[] {
  const values: CellValue[] = [];
  let width = 0;
  row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
    const v = fromExcelJsCell(cell);
    if (v === null) return;
    while (values.length < colNumber - 1) values.push(null);
    values[colNumber - 1] = v;
    width = colNumber;
  });
  values.length = width;
  return values;
}

interface MergeArea {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

function isMergeArea(v: unknown): v is MergeArea {
  if (!v || typeof v !== 'object') return false;
  const m = v as Record<string, unknown>;
  return ['top', 'left', 'bottom', 'right'].every((k) => typeof m[k] === 'number');
}

/**
 * Merged areas as A1 ranges. ExcelJS has no public list of merges short of building the
 * whole sheet model (`ws.model`, which serialises every row), so its merge index is read
 * and checked here, with the model as the fallback should that index ever change shape.
 */
export function mergesOf(ws: ExcelJS.Worksheet): string[] {
  const index: unknown = (ws as unknown as { _merges?: unknown })._merges;
  if (index && typeof index === 'object') {
    const areas = Object.values(index as Record<string, unknown>);
    if (areas.every(isMergeArea)) return areas.map((m) => `${addr(m.top, m.left - 1)}:${addr(m.bottom, m.right - 1)}`);
  }
  const merges: unknown = (ws.model as { merges?: unknown }).merges;
  return Array.isArray(merges) ? merges.filter((m): m is string => typeof m === 'string') : [];
}
