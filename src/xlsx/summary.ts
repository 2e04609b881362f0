/**
 * Writes the compile tables (src/core/compile/tables.ts) as a workbook with ExcelJS:
 * same values as the task pane writes, formatted (title, confidential mark, header fill,
 * number formats, grade and verdict colours, frozen header). ExcelJS cannot draw charts, so the
 * command-line summary has none (the task pane adds the native charts).
 */
import type ExcelJS from 'exceljs';
import type { SummaryTable } from '../core/compile/tables';
import { GENERAL_FORMAT } from '../core/presentation/excel';
import { SUMMARY_PRINT, SUMMARY_ROW_LOOKS, summaryNumberFormats } from '../core/presentation/summary';
import { toExcelJs } from './cells';
import { newWorkbook } from './exceljs';
import { excelColumnWidth, excelFill, excelFont, excelHeaderFooter, excelPageSetup } from './look';

export async function summaryWorkbook(tables: readonly SummaryTable[]): Promise<ExcelJS.Workbook> {
  const wb = await newWorkbook();
  wb.creator = 'ScoreSeal';
  for (const table of tables) {
    // how it looks is the core's (src/core/presentation/summary.ts)
    const ws = wb.addWorksheet(table.name, {
      views: table.freezeRow ? [{ state: 'frozen', ySplit: table.freezeRow }] : [],
      pageSetup: excelPageSetup(SUMMARY_PRINT),
      headerFooter: excelHeaderFooter(SUMMARY_PRINT),
    });
    table.widths.forEach((w, i) => (ws.getColumn(i + 1).width = excelColumnWidth(w)));
    const formats = summaryNumberFormats(table);
    table.rows.forEach((values, i) => {
      const row = ws.getRow(i + 1);
      values.forEach((v, c) => {
        const cell = row.getCell(c + 1);
        cell.value = toExcelJs(v);
        const fmt = formats[i]?.[c];
        if (fmt && fmt !== GENERAL_FORMAT) cell.numFmt = fmt;
      });
      // a row style's font covers the whole row, its fill the cells the row has
      const look = SUMMARY_ROW_LOOKS[table.styles[i] ?? 'data'];
      if (look.font) row.font = excelFont(look.font);
      if (look.fill) values.forEach((_, c) => (row.getCell(c + 1).fill = excelFill(look.fill!)));
    });
    for (const h of table.highlights) ws.getCell(h.row, h.col + 1).fill = excelFill(h.fill);
  }
  return wb;
}
