/**
 * The core's presentation (src/core/presentation) in Office.js terms: cell looks as range
 * formats (one range per block of equal values, property by property, so a sheet costs few
 * requests), row heights, column widths and the print setup. Nothing is decided here.
 *
 * Requirement sets: fonts, fills, borders and alignment are ExcelApi 1.1, `rowHeight` and
 * `columnWidth` 1.2 (below the manifest's 1.7). The print setup is ExcelApi 1.9
 * (https://learn.microsoft.com/javascript/api/excel/excel.pagelayout): on a host without it
 * nothing of it is set and Excel's print defaults stay, as before. What Office.js cannot say:
 * a sheet's default row height (`Worksheet.standardHeight` is read-only), so the rows the sheet
 * writes get it one by one; "as many pages tall as needed" is a `zoom` without
 * `verticalFitToPages` (https://learn.microsoft.com/javascript/api/excel/excel.pagelayoutzoomoptions).
 */
import { columnWidthPoints } from '../core/presentation/excel';
import { blocksOf, type CellLook, type PrintLook, type Rgb } from '../core/presentation/look';
import { supports } from './support';

const hex = (rgb: Rgb): string => `#${rgb}`;
const ALIGN = { left: 'Left', center: 'Center', middle: 'Center' } as const;
/** The sides that box every cell of a range (inside lines only where the range has them). */
const EDGES = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'] as const;

type Format = (f: Excel.RangeFormat) => void;

/** One property of a look, its key for grouping, and how it is set on a range. */
interface Part {
  readonly of: (look: CellLook) => string | number | boolean | undefined;
  readonly set: (value: string | number | boolean, rows: number, cols: number) => Format;
}

const PARTS: readonly Part[] = [
  { of: (l) => l.font?.bold, set: (v) => (f) => (f.font.bold = v as boolean) },
  { of: (l) => l.font?.size, set: (v) => (f) => (f.font.size = v as number) },
  { of: (l) => l.font?.color, set: (v) => (f) => (f.font.color = hex(v as string)) },
  { of: (l) => l.fill, set: (v) => (f) => (f.fill.color = hex(v as string)) },
  { of: (l) => l.horizontal, set: (v) => (f) => (f.horizontalAlignment = ALIGN[v as 'left' | 'center']) },
  { of: (l) => l.vertical, set: (v) => (f) => (f.verticalAlignment = ALIGN[v as 'middle']) },
  { of: (l) => l.wrap, set: (v) => (f) => (f.wrapText = v as boolean) },
  {
    of: (l) => (l.border ? `${l.border.style}:${l.border.color}` : undefined),
    set: (v, rows, cols) => (f) => {
      const [, color] = String(v).split(':');
      const sides: Excel.BorderIndex[] = [...EDGES] as Excel.BorderIndex[];
      if (rows > 1) sides.push('InsideHorizontal' as Excel.BorderIndex);
      if (cols > 1) sides.push('InsideVertical' as Excel.BorderIndex);
      for (const side of sides) {
        const b = f.borders.getItem(side);
        // the core's only border style: a thin continuous line
        b.style = 'Continuous';
        b.weight = 'Thin';
        b.color = hex(color!);
      }
    },
  },
];

/**
 * Sets the looks of a grid of cells whose top-left cell is (row, col), 0-based: for each
 * property, one range per block of cells that share its value. A cell's property that its look
 * does not state is left as it is.
 *
 * @returns the number of ranges formatted (for request estimates)
 */
export function applyLooks(ws: Excel.Worksheet, looks: readonly (readonly (CellLook | null)[])[], row = 0, col = 0): number {
  let n = 0;
  for (const part of PARTS) {
    const grid = looks.map((r) => r.map((l) => (l ? (part.of(l) ?? null) : null)));
    for (const b of blocksOf(grid, String)) {
      const rows = b.r1 - b.r0 + 1;
      const cols = b.c1 - b.c0 + 1;
      part.set(b.value, rows, cols)(ws.getRangeByIndexes(row + b.r0, col + b.c0, rows, cols).format);
      n++;
    }
  }
  return n;
}

/** Row heights in points (null: `fallback`, the sheet's default, which Office.js cannot set for the sheet), runs of equal heights at once. */
export function applyRowHeights(ws: Excel.Worksheet, heights: readonly (number | null)[], fallback: number | null = null): void {
  const grid = heights.map((h) => [h ?? fallback]);
  for (const b of blocksOf(grid, String)) ws.getRangeByIndexes(b.r0, 0, b.r1 - b.r0 + 1, 1).format.rowHeight = b.value;
}

/** Column widths in characters (as the core gives them), runs of equal widths at once. */
export function applyColumnWidths(ws: Excel.Worksheet, widths: readonly number[]): void {
  for (const b of blocksOf([widths], String))
    ws.getRangeByIndexes(0, b.c0, 1, b.c1 - b.c0 + 1).format.columnWidth = columnWidthPoints(b.value);
}

/** Points per inch: the core gives margins in inches, Office.js takes points. */
const POINTS = 72;

/** The print setup (ExcelApi 1.9; without it, Excel's defaults stay). */
export function applyPrint(ws: Excel.Worksheet, print: PrintLook): void {
  if (!supports('1.9')) return;
  const page = ws.pageLayout;
  page.orientation = print.orientation === 'landscape' ? 'Landscape' : 'Portrait';
  page.paperSize = print.paper;
  // fit to so many pages wide; "as many as needed" tall is no verticalFitToPages
  page.zoom = { horizontalFitToPages: print.fitToWidth, ...(print.fitToHeight > 0 ? { verticalFitToPages: print.fitToHeight } : {}) };
  if (print.centerHorizontally) page.centerHorizontally = true;
  if (print.margins) {
    const m = print.margins;
    page.leftMargin = m.left * POINTS;
    page.rightMargin = m.right * POINTS;
    page.topMargin = m.top * POINTS;
    page.bottomMargin = m.bottom * POINTS;
    page.headerMargin = m.header * POINTS;
    page.footerMargin = m.footer * POINTS;
  }
  if (print.titleRows) page.setPrintTitleRows(`$${print.titleRows.first}:$${print.titleRows.last}`);
  const every = page.headersFooters.defaultForAllPages;
  if (print.centerHeader) every.centerHeader = print.centerHeader;
  if (print.centerFooter) every.centerFooter = print.centerFooter;
}
