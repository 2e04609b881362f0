/**
 * The `_scoreseal` log sheet (SPEC §2): very hidden, append-only, one record per row —
 * column A the kind, columns B, C, … the JSON pieces, all stored as plain text.
 */
import type ExcelJS from 'exceljs';
import { LOG_SHEET } from '../core/sheet/layout';
import { isLogSheetName } from './raw';

/** The log sheet, created very hidden (and placed last) when the workbook has none. */
export function ensureLogSheet(wb: ExcelJS.Workbook): ExcelJS.Worksheet {
  const found = wb.worksheets.find((ws) => isLogSheetName(ws.name));
  if (found) return found;
  const ws = wb.addWorksheet(LOG_SHEET, { state: 'veryHidden' });
  ws.getColumn(1).width = 12;
  return ws;
}

/**
 * Keeps the log sheet after every other sheet (it is added once; score sheets may follow).
 * ExcelJS orders sheets by an untyped `orderNo` on each worksheet.
 */
export function moveLogSheetLast(wb: ExcelJS.Workbook): void {
  const sheets = wb.worksheets as unknown as (ExcelJS.Worksheet & { orderNo?: unknown })[];
  const log = sheets.find((ws) => isLogSheetName(ws.name));
  const orders = sheets.map((ws) => (typeof ws.orderNo === 'number' ? ws.orderNo : 0));
  if (!log || typeof log.orderNo !== 'number') return;
  const last = Math.max(...orders);
  if (log.orderNo < last) log.orderNo = last + 1;
}

/** 1-based number of the last row holding a value (0 when the sheet is empty). */
export function lastNonEmptyRow(ws: ExcelJS.Worksheet): number {
  for (let r = ws.rowCount; r >= 1; r--) if (ws.findRow(r)?.hasValues) return r;
  return 0;
}

/** Appends log rows after the last non-empty row; every piece is written as text. */
export function appendLogRows(wb: ExcelJS.Workbook, rows: readonly (readonly string[])[]): void {
  if (!rows.length) return;
  const ws = ensureLogSheet(wb);
  let r = lastNonEmptyRow(ws);
  for (const pieces of rows) {
    r += 1;
    const row = ws.getRow(r);
    pieces.forEach((piece, i) => {
      // an empty piece stays an empty cell; decodeLog reads it as ''
      if (piece !== '') row.getCell(i + 1).value = piece;
    });
  }
}
