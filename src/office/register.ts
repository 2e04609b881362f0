/**
 * The envelope register in the Office's workbook (SPEC §3 *The envelope register*): a sheet
 * named 封袋登记 with the columns 单位编号, 密封码, 收件日期, 状态. Reading it is one sync; adding
 * an envelope reads where the table ends, then writes the row (creating the sheet with its
 * header when it is missing) in a second sync.
 */
import type { Locale } from '../core/i18n/catalog';
import type { CellValue } from '../core/sheet/cells';
import { REGISTER_HEADER_ROW, REGISTER_SHEET } from '../core/rules/register';
import { gridFromOffice, TEXT_FORMAT } from './cells';

/** The register sheet's rows from A1 (header first), or null when the workbook has none (one sync). */
export async function readRegisterSheet(context: Excel.RequestContext): Promise<CellValue[][] | null> {
  const ws = context.workbook.worksheets.getItemOrNullObject(REGISTER_SHEET);
  const used = ws.getUsedRangeOrNullObject(true);
  used.load(['values', 'formulas', 'rowIndex', 'columnIndex']);
  await context.sync();
  if (ws.isNullObject) return null;
  return used.isNullObject ? [] : gridFromOffice(used.values, used.formulas, used.rowIndex, used.columnIndex);
}

/** The outcome of adding one envelope: the 1-based row it was written to. */
export interface EnvelopeWritten {
  readonly row: number;
}

/**
 * Appends one row (unit, code, received, status) to the register, creating the sheet with the
 * header of `locale` when it is missing. Every cell is written as text. Two syncs: where the
 * table ends, then the write.
 *
 * @throws the Office error `ItemAlreadyExists`/`AccessDenied` when the sheet cannot be added
 *   (workbook structure protected) — map with `run`
 */
export async function appendEnvelope(context: Excel.RequestContext, row: readonly string[], locale: Locale): Promise<EnvelopeWritten> {
  const wb = context.workbook;
  const existing = wb.worksheets.getItemOrNullObject(REGISTER_SHEET);
  const used = existing.getUsedRangeOrNullObject(true);
  used.load(['rowIndex', 'rowCount']);
  await context.sync();
  let ws: Excel.Worksheet;
  let next: number;
  if (existing.isNullObject) {
    ws = wb.worksheets.add(REGISTER_SHEET);
    const header = [...REGISTER_HEADER_ROW[locale]];
    const head = ws.getRangeByIndexes(0, 0, 1, header.length);
    head.numberFormat = [header.map(() => TEXT_FORMAT)];
    head.values = [header];
    head.format.font.bold = true;
    next = 1;
  } else {
    ws = existing;
    next = used.isNullObject ? 1 : used.rowIndex + used.rowCount;
  }
  const target = ws.getRangeByIndexes(next, 0, 1, row.length);
  target.numberFormat = [row.map(() => TEXT_FORMAT)];
  target.values = [[...row]];
  await context.sync();
  return { row: next + 1 };
}
