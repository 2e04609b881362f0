/** A1 ranges over ExcelJS worksheets. */
import type ExcelJS from 'exceljs';
import { parseRange } from '../core/sheet/cells';

/**
 * Calls `fn` for every cell of an A1 range ("E7" or "E7:H9"), creating cells as needed.
 *
 * @throws {RangeError} when `range` is not an A1 range
 */
export function forEachCell(ws: ExcelJS.Worksheet, range: string, fn: (cell: ExcelJS.Cell) => void): void {
  const r = parseRange(range);
  if (!r) throw new RangeError(`not an A1 range: ${range}`);
  for (let row = Math.min(r.from.row, r.to.row); row <= Math.max(r.from.row, r.to.row); row++) {
    for (let col = Math.min(r.from.col, r.to.col); col <= Math.max(r.from.col, r.to.col); col++) fn(ws.getCell(row, col + 1));
  }
}
