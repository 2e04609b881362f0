/**
 * Writes the compile tables (src/core/compile/tables.ts) as a workbook with ExcelJS:
 * same values as the task pane writes, formatted (title, confidential mark, header fill,
 * number formats, grade and verdict colours, frozen header). ExcelJS cannot draw charts, so the
 * command-line summary has none (the task pane adds the native charts).
 */
import ExcelJS from 'exceljs';
import type { SummaryTable } from '../core/compile/tables';
import { toExcelJs } from './cells';

const FILL = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${argb}` } });

export function summaryWorkbook(tables: readonly SummaryTable[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ScoreSeal';
  for (const table of tables) {
    const ws = wb.addWorksheet(table.name, {
      views: table.freezeRow ? [{ state: 'frozen', ySplit: table.freezeRow }] : [],
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
      headerFooter: { oddHeader: '&C内部资料 注意保密' },
    });
    table.widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
    table.rows.forEach((values, i) => {
      const row = ws.getRow(i + 1);
      values.forEach((v, c) => {
        const cell = row.getCell(c + 1);
        cell.value = toExcelJs(v);
        const fmt = table.formats[c];
        if (fmt && typeof v === 'number' && table.styles[i] !== 'header') cell.numFmt = fmt;
      });
      const style = table.styles[i];
      if (style === 'title') row.font = { bold: true, size: 14 };
      else if (style === 'note') row.font = { bold: true, color: { argb: 'FFC00000' } };
      else if (style === 'warning') row.font = { bold: true, color: { argb: 'FF9C5700' } };
      else if (style === 'section') row.font = { bold: true, size: 12 };
      else if (style === 'header') {
        row.font = { bold: true };
        values.forEach((_, c) => (row.getCell(c + 1).fill = FILL('D9D9D9')));
      } else if (style === 'failed') row.font = { color: { argb: 'FF9C0006' } };
      else if (style === 'flagged') values.forEach((_, c) => (row.getCell(c + 1).fill = FILL('FFC7CE')));
    });
    for (const h of table.highlights) ws.getCell(h.row, h.col + 1).fill = FILL(h.fill);
    for (const f of table.cellFormats ?? [])
      if (typeof table.rows[f.row - 1]?.[f.col] === 'number') ws.getCell(f.row, f.col + 1).numFmt = f.format;
  }
  return wb;
}
