/**
 * How the score sheet looks (SPEC §2), for both edges: the look of each row kind of the
 * template, the columns shown centred, the text-formatted cells, row heights, column widths,
 * the frozen header and the print setup. What goes where is the template's
 * (src/core/sheet/template.ts); how it looks is decided here once.
 */
import type { Locale } from '../i18n/catalog';
import { canonCell, parseRange, type CellValue } from '../sheet/cells';
import { COLUMN_KEYS, FIELD_LABELS, FOOTER_LABELS, type ColumnKey } from '../sheet/layout';
import type { RowKind, SheetTemplate } from '../sheet/template';
import { GENERAL_FORMAT, MAX_ROW_HEIGHT, TEXT_FORMAT } from './excel';
import { PALETTE, THIN_BORDER, type CellLook, type PrintLook } from './look';

/**
 * The look of each row kind. Rows of the table (section to adjusted total) add their column's
 * horizontal alignment ({@link CENTRED_COLUMNS}); in field and footer rows the labels add
 * {@link LABEL_LOOK}, and footer cells other than labels keep Excel's defaults.
 */
export const SCORE_ROW_LOOKS: Readonly<Record<RowKind, CellLook | null>> = {
  title: { font: { bold: true, size: 16 }, horizontal: 'center', vertical: 'middle' },
  field: { vertical: 'middle' },
  note: { font: { bold: true, color: PALETTE.note }, vertical: 'middle' },
  header: { font: { bold: true }, fill: PALETTE.headerFill, border: THIN_BORDER, horizontal: 'center', vertical: 'middle', wrap: true },
  section: { font: { bold: true }, fill: PALETTE.sectionFill, border: THIN_BORDER, vertical: 'middle', wrap: true },
  leaf: { border: THIN_BORDER, vertical: 'middle', wrap: true },
  veto: { border: THIN_BORDER, vertical: 'middle', wrap: true },
  total: { font: { bold: true }, border: THIN_BORDER, vertical: 'middle', wrap: true },
  adjustedTotal: { font: { bold: true }, border: THIN_BORDER, vertical: 'middle', wrap: true },
  footer: null,
};

/** A field or footer label (单位名称, 监审组, …). */
export const LABEL_LOOK: CellLook = { font: { bold: true }, vertical: 'middle' };

/** Rows of the item table below the header: their cells take their column's alignment. */
const TABLE_ROWS: ReadonlySet<RowKind> = new Set<RowKind>(['section', 'leaf', 'veto', 'total', 'adjustedTotal']);

/** Table columns shown centred: the short ones (codes, points, methods, names, statuses); the others left. */
export const CENTRED_COLUMNS: ReadonlySet<ColumnKey> = new Set<ColumnKey>([
  'code',
  'max',
  'score',
  'verifiedBy',
  'scorer',
  'reviewer',
  'status',
  'recheck',
]);

/** Columns whose item cells hold text: formatted as text so Excel keeps what is typed as typed. */
export const TEXT_COLUMNS: ReadonlySet<ColumnKey> = new Set<ColumnKey>([
  'completion',
  'basis',
  'verifiedBy',
  'scorer',
  'reviewer',
  'status',
  'recheck',
  'recheckNote',
]);

/** Row heights in points: fixed for the title and the header; the sheet's default for the rest outside the table. */
export const SCORE_ROW_HEIGHTS = { title: 30, header: 32, default: 18, tableMin: 20, line: 15, padding: 5 } as const;

/** Page margins of the score sheet, in inches. */
const SCORE_MARGINS = { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 } as const;

/** Everything about the look of one score sheet, cell by cell where it varies. */
export interface ScoreSheetLook {
  /** columns the rows are styled across (A…) */
  readonly width: number;
  /** the look of each cell (row i is worksheet row i + 1); null: Excel's defaults */
  readonly cells: readonly (readonly (CellLook | null)[])[];
  /** the number format of each cell: text ('@') or General */
  readonly numberFormats: readonly (readonly string[])[];
  /** per row: its height in points, or null for the sheet's default */
  readonly rowHeights: readonly (number | null)[];
  /** the sheet's default row height */
  readonly defaultRowHeight: number;
  /** column widths in characters, from A */
  readonly columnWidths: readonly number[];
  /** rows frozen at the top (the header and everything above) */
  readonly freezeRows: number;
  readonly print: PrintLook;
}

/** The look of a template's sheet. */
export function scoreSheetLook(tpl: SheetTemplate): ScoreSheetLook {
  const width = Math.max(tpl.columnWidths.length, ...tpl.cells.map((r) => r.length));
  const kindOf = (i: number): RowKind => tpl.rowKinds[i] ?? 'footer';
  const row = (i: number): CellValue[] => Array.from({ length: width }, (_, c) => tpl.cells[i]?.[c] ?? null);
  const [first, last] = tpl.printTitleRows.split(':').map(Number);
  const cells = tpl.cells.map((_, i) => row(i).map((v, c) => scoreCellLook(kindOf(i), c, v)));
  const numberFormats = tpl.cells.map((_, i) => row(i).map((v, c) => scoreNumberFormat(kindOf(i), c, v)));
  // a merged area looks like its top-left cell throughout (as Excel shows it and ExcelJS writes it)
  for (const m of tpl.merges) {
    const r = parseRange(m);
    if (!r) continue;
    for (let i = r.from.row - 1; i <= r.to.row - 1; i++)
      for (let c = r.from.col; c <= r.to.col; c++) {
        if (!cells[i] || c >= width) continue;
        cells[i]![c] = cells[r.from.row - 1]?.[r.from.col] ?? null;
        numberFormats[i]![c] = numberFormats[r.from.row - 1]?.[r.from.col] ?? GENERAL_FORMAT;
      }
  }
  return {
    width,
    cells,
    numberFormats,
    rowHeights: tpl.cells.map((values, i) => scoreRowHeight(kindOf(i), values, tpl.columnWidths)),
    defaultRowHeight: SCORE_ROW_HEIGHTS.default,
    columnWidths: tpl.columnWidths,
    freezeRows: tpl.headerRow,
    print: {
      paper: 'A4',
      orientation: 'landscape',
      fitToWidth: 1,
      fitToHeight: 0,
      centerHorizontally: true,
      margins: SCORE_MARGINS,
      titleRows: first ? { first, last: last ?? first } : null,
      centerHeader: '',
      centerFooter: tpl.footer,
    },
  };
}

/** The look of one template cell, from its row kind, its column and (for labels) its text; null for Excel's defaults. */
export function scoreCellLook(kind: RowKind, col: number, v: CellValue): CellLook | null {
  if ((kind === 'field' || kind === 'footer') && isLabel(v, kind === 'field' ? FIELD_LABELS : FOOTER_LABELS)) return LABEL_LOOK;
  const look = SCORE_ROW_LOOKS[kind];
  if (!look || !TABLE_ROWS.has(kind)) return look;
  const key = COLUMN_KEYS[col];
  return { ...look, horizontal: key && CENTRED_COLUMNS.has(key) ? 'center' : 'left' };
}

/** Text format for the cells that hold (or will hold) text; General elsewhere. */
export function scoreNumberFormat(kind: RowKind, col: number, v: CellValue): string {
  if (typeof v === 'string') return TEXT_FORMAT;
  const key = COLUMN_KEYS[col];
  if ((kind === 'leaf' || kind === 'veto') && key && TEXT_COLUMNS.has(key)) return TEXT_FORMAT;
  // the footer lines' values (oversight, seal status, seal code) sit right of their labels
  if (kind === 'footer' && col === 1) return TEXT_FORMAT;
  return GENERAL_FORMAT;
}

/** A row tall enough for its wrapped text (CJK characters count double), within Excel's limit; null for the default height. */
export function scoreRowHeight(kind: RowKind, values: readonly CellValue[], widths: readonly number[]): number | null {
  const h = SCORE_ROW_HEIGHTS;
  switch (kind) {
    case 'title':
      return h.title;
    case 'header':
      return h.header;
    case 'section':
    case 'leaf':
    case 'veto': {
      const lines = Math.max(1, ...values.map((v, c) => wrappedLines(canonCell(v), widths[c] ?? 10)));
      return Math.min(MAX_ROW_HEIGHT, Math.max(h.tableMin, lines * h.line + h.padding));
    }
    default:
      return null;
  }
}

/** A label of either language (as the file edge has always told them). */
function isLabel(v: CellValue, labels: Record<Locale, Record<string, string>>): boolean {
  if (typeof v !== 'string') return false;
  return Object.values(labels).some((byKey) => Object.values(byKey).includes(v));
}

function wrappedLines(text: string, width: number): number {
  if (!text) return 0;
  const usable = Math.max(1, width - 1);
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(displayWidth(line) / usable)), 0);
}

function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s)
    w +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ||
      ch.codePointAt(0)! > 0xffff
        ? 2
        : 1;
  return w;
}
