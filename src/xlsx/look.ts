/**
 * The core's presentation (src/core/presentation) in ExcelJS terms: a cell's look as an ExcelJS
 * style, a sheet's print setup as its page setup and header/footer. Nothing is decided here.
 */
import type ExcelJS from 'exceljs';
import { GENERAL_FORMAT } from '../core/presentation/excel';
import type { CellLook, FontLook, PrintLook, Rgb } from '../core/presentation/look';

const argb = (rgb: Rgb): string => `FF${rgb}`;

/** Paper sizes by name, as a file numbers them (ECMA-376 `paperSize`: 9 = A4). */
const PAPER: Record<PrintLook['paper'], ExcelJS.PaperSize> = { A4: 9 };

export function excelFont(f: FontLook): Partial<ExcelJS.Font> {
  return {
    ...(f.bold !== undefined ? { bold: f.bold } : {}),
    ...(f.size !== undefined ? { size: f.size } : {}),
    ...(f.color !== undefined ? { color: { argb: argb(f.color) } } : {}),
  };
}

export function excelFill(rgb: Rgb): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(rgb) } };
}

/** A cell's style from its look and number format; null when both are Excel's defaults. */
export function excelStyle(look: CellLook | null, numFmt: string | null = null): Partial<ExcelJS.Style> | null {
  const style: Partial<ExcelJS.Style> = {};
  if (look?.font) style.font = excelFont(look.font);
  if (look?.fill) style.fill = excelFill(look.fill);
  if (look?.border) {
    const side: Partial<ExcelJS.Border> = { style: look.border.style, color: { argb: argb(look.border.color) } };
    style.border = { top: side, left: side, bottom: side, right: side };
  }
  if (look && (look.horizontal || look.vertical || look.wrap !== undefined))
    style.alignment = {
      ...(look.horizontal ? { horizontal: look.horizontal } : {}),
      ...(look.vertical ? { vertical: look.vertical } : {}),
      ...(look.wrap !== undefined ? { wrapText: look.wrap } : {}),
    };
  if (numFmt && numFmt !== GENERAL_FORMAT) style.numFmt = numFmt;
  return Object.keys(style).length ? style : null;
}

/**
 * A column width as ExcelJS must be given it: ExcelJS leaves out a column whose width is
 * exactly its own default, 9 (lib/doc/column.js, `isCustomWidth`), and Excel then shows its
 * default 8.43 — so 9 is written a millionth wider (the same width in Excel's pixels).
 */
export const excelColumnWidth = (chars: number): number => (chars === 9 ? 9.000001 : chars);

export function excelPageSetup(print: PrintLook): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: PAPER[print.paper],
    orientation: print.orientation,
    fitToPage: true,
    fitToWidth: print.fitToWidth,
    fitToHeight: print.fitToHeight,
    ...(print.centerHorizontally ? { horizontalCentered: true } : {}),
    ...(print.titleRows ? { printTitlesRow: `${print.titleRows.first}:${print.titleRows.last}` } : {}),
    ...(print.margins ? { margins: { ...print.margins } } : {}),
  };
}

/** The header and footer of every page: the centre sections (`&C`) of the odd-page header and footer. */
export function excelHeaderFooter(print: PrintLook): Partial<ExcelJS.HeaderFooter> {
  return {
    ...(print.centerHeader ? { oddHeader: `&C${print.centerHeader}` } : {}),
    ...(print.centerFooter ? { oddFooter: `&C${print.centerFooter}` } : {}),
  };
}
