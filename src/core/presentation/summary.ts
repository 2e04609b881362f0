/**
 * How the compile summary sheets look (汇总, 考核人员分析, 问题清单; SPEC §6), for both edges:
 * the look of each row style of a {@link SummaryTable}, its number formats and the print setup.
 * The tables themselves (values, row styles, widths, highlighted cells, frozen rows) are
 * src/core/compile/tables.ts.
 */
import type { RowStyle, SummaryTable } from '../compile/tables';
import type { CellValue } from '../sheet/cells';
import { GENERAL_FORMAT, TEXT_FORMAT } from './excel';
import { PALETTE, type FontLook, type PrintLook, type Rgb } from './look';

/** The look of a row style: its font covers the whole row of the table, its fill only the cells the row has. */
export interface SummaryRowLook {
  readonly font?: FontLook;
  readonly fill?: Rgb;
}

export const SUMMARY_ROW_LOOKS: Readonly<Record<RowStyle, SummaryRowLook>> = {
  title: { font: { bold: true, size: 14 } },
  note: { font: { bold: true, color: PALETTE.note } },
  warning: { font: { bold: true, color: PALETTE.warning } },
  section: { font: { bold: true, size: 12 } },
  header: { font: { bold: true }, fill: PALETTE.headerFill },
  failed: { font: { color: PALETTE.failed } },
  flagged: { fill: PALETTE.flaggedFill },
  data: {},
  blank: {},
};

/** The header printed on every page of a summary sheet (fixed Chinese, whatever the plan's locale). */
export const SUMMARY_PRINT_HEADER = '内部资料 注意保密';

export const SUMMARY_PRINT: PrintLook = {
  paper: 'A4',
  orientation: 'landscape',
  fitToWidth: 1,
  fitToHeight: 0,
  centerHorizontally: false,
  margins: null,
  titleRows: null,
  centerHeader: SUMMARY_PRINT_HEADER,
  centerFooter: '',
};

/** Columns a summary table's rows span: its widest row. */
export const summaryWidth = (table: SummaryTable): number => Math.max(1, ...table.rows.map((r) => r.length));

/**
 * The number format of each cell of a summary table (rows × {@link summaryWidth}): a number
 * takes its cell's format, else its column's outside header rows; text is formatted as text;
 * a formula or an error General; null: leave the cell's format as it is.
 */
export function summaryNumberFormats(table: SummaryTable): (string | null)[][] {
  const width = summaryWidth(table);
  const cellFormats = new Map((table.cellFormats ?? []).map((f) => [`${f.row - 1}:${f.col}`, f.format]));
  return table.rows.map((values, row) =>
    Array.from({ length: width }, (_, col) => {
      const v: CellValue = values[col] ?? null;
      if (typeof v === 'number') {
        const fmt = cellFormats.get(`${row}:${col}`) || (table.styles[row] !== 'header' ? table.formats[col] : undefined);
        return fmt || null;
      }
      if (typeof v === 'string') return TEXT_FORMAT;
      return v !== null && typeof v === 'object' ? GENERAL_FORMAT : null;
    }),
  );
}
