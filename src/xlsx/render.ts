/**
 * Rendering a {@link SheetTemplate} (decided in the core) into an ExcelJS workbook: cells,
 * styles, merges, validations, locking, conditional formats, print setup, and the plan
 * record in `_scoreseal`. Presentation only; what goes where is the template's.
 */
import ExcelJS from 'exceljs';
import { canonCell, parseRange, type CellValue } from '../core/sheet/cells';
import type { Locale } from '../core/i18n/catalog';
import { COLUMN_KEYS, FIELD_LABELS, FOOTER_LABELS, LOG_SHEET } from '../core/sheet/layout';
import type { RowKind, SheetTemplate, Validation } from '../core/sheet/template';
import { toExcelJs } from './cells';
import { appendLogRows, moveLogSheetLast } from './logsheet';
import { ORDINARY_PROTECTION } from './protection';
import { forEachCell } from './ranges';

const A4 = 9 as ExcelJS.PaperSize;
const MAX_SHEET_NAME = 31;
const MAX_ROW_HEIGHT = 409;
const LINE_HEIGHT = 15;

const BORDER: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF808080' } };
const BORDERS: Partial<ExcelJS.Borders> = { top: BORDER, left: BORDER, bottom: BORDER, right: BORDER };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
const SECTION_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const RED = 'FFC00000';

/** Texts Excel shows in validation prompts and errors (Excel caps titles at 32, texts at 255 characters). */
/**
 * Adds one score sheet to the workbook and its plan record to `_scoreseal` (created very
 * hidden when missing, shared by all score sheets of the workbook). The sheet is named
 * `tpl.sheetName`, or `tpl.sheetName (2)`, `(3)`, … when that name is taken.
 *
 * @returns the new worksheet
 */
export async function addScoreSheet(wb: ExcelJS.Workbook, tpl: SheetTemplate): Promise<ExcelJS.Worksheet> {
  const ws = wb.addWorksheet(uniqueSheetName(wb, tpl.sheetName), {
    views: [
      { state: 'frozen', xSplit: 0, ySplit: tpl.headerRow, topLeftCell: `A${tpl.headerRow + 1}`, activeCell: `A${tpl.headerRow + 1}` },
    ],
    pageSetup: pageSetup(tpl),
    headerFooter: { oddFooter: tpl.footer },
    properties: { defaultRowHeight: 18 },
  });
  setColumnWidths(ws, tpl.columnWidths);
  writeRows(ws, tpl);
  for (const range of tpl.merges) ws.mergeCells(range);
  for (const v of tpl.validations) addValidation(ws, v, tpl);
  for (const range of tpl.inputRanges) forEachCell(ws, range, (cell) => (cell.style = { ...cell.style, protection: { locked: false } }));
  addStatusFormats(ws, tpl);
  // no password: locking guards against slips; sealing sets a password
  await ws.protect('', { ...ORDINARY_PROTECTION });
  appendLogRows(wb, [tpl.planLogRow]);
  moveLogSheetLast(wb);
  // the total is a formula written without a cached result: let Excel compute it on opening
  wb.calcProperties = { ...wb.calcProperties, fullCalcOnLoad: true };
  return ws;
}

/** `name`, or `name (2)`, `name (3)`, … — the first that no sheet has (compared as Excel does, ignoring case). */
export function uniqueSheetName(wb: ExcelJS.Workbook, name: string): string {
  const taken = new Set(wb.worksheets.map((ws) => ws.name.toLowerCase()));
  taken.add(LOG_SHEET.toLowerCase());
  if (!taken.has(name.toLowerCase())) return name;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const candidate = name.slice(0, MAX_SHEET_NAME - suffix.length) + suffix;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

function pageSetup(tpl: SheetTemplate): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: A4,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    printTitlesRow: tpl.printTitleRows,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
}

function setColumnWidths(ws: ExcelJS.Worksheet, widths: readonly number[]): void {
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
}

// ---------------------------------------------------------------------------------------------
// cells and styles

function writeRows(ws: ExcelJS.Worksheet, tpl: SheetTemplate): void {
  const width = Math.max(tpl.columnWidths.length, ...tpl.cells.map((r) => r.length));
  tpl.cells.forEach((values, i) => {
    const kind = tpl.rowKinds[i] ?? 'footer';
    const row = ws.getRow(i + 1);
    for (let c = 0; c < width; c++) {
      const v = values[c] ?? null;
      const cell = row.getCell(c + 1);
      if (v !== null) cell.value = toExcelJs(v);
      const style = cellStyle(kind, c, v);
      if (style) cell.style = style;
    }
    const height = rowHeight(kind, values, tpl.columnWidths);
    if (height) row.height = height;
  });
}

/** Table columns shown centred: the short ones (codes, points, methods, names, statuses). */
const CENTRED: ReadonlySet<number> = new Set(
  (['code', 'max', 'score', 'verifiedBy', 'scorer', 'reviewer', 'status', 'recheck'] as const).map((k) => COLUMN_KEYS.indexOf(k)),
);

/** The style of one template cell, from its row kind (and, for labels, its text); null for none. */
function cellStyle(kind: RowKind, col: number, v: CellValue): Partial<ExcelJS.Style> | null {
  switch (kind) {
    case 'title':
      return { font: { bold: true, size: 16 }, alignment: { horizontal: 'center', vertical: 'middle' } };
    case 'field':
      return isLabel(v, FIELD_LABELS) ? { font: { bold: true }, alignment: { vertical: 'middle' } } : { alignment: { vertical: 'middle' } };
    case 'note':
      return { font: { bold: true, color: { argb: RED } }, alignment: { vertical: 'middle' } };
    case 'header':
      return {
        font: { bold: true },
        fill: HEADER_FILL,
        border: BORDERS,
        alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
      };
    case 'section':
      return { font: { bold: true }, fill: SECTION_FILL, border: BORDERS, alignment: tableAlignment(col) };
    case 'leaf':
    case 'veto':
      return { border: BORDERS, alignment: tableAlignment(col) };
    case 'total':
    case 'adjustedTotal':
      return { font: { bold: true }, border: BORDERS, alignment: tableAlignment(col) };
    case 'footer':
      return isLabel(v, FOOTER_LABELS) ? { font: { bold: true }, alignment: { vertical: 'middle' } } : null;
  }
}

function tableAlignment(col: number): Partial<ExcelJS.Alignment> {
  return { horizontal: CENTRED.has(col) ? 'center' : 'left', vertical: 'middle', wrapText: true };
}

function isLabel(v: CellValue, labels: Record<Locale, Record<string, string>>): boolean {
  if (typeof v !== 'string') return false;
  return Object.values(labels).some((byKey) => Object.values(byKey).includes(v));
}

/** A row tall enough for its wrapped text (CJK characters count double), within Excel's limit. */
function rowHeight(kind: RowKind, values: readonly CellValue[], widths: readonly number[]): number | null {
  switch (kind) {
    case 'title':
      return 30;
    case 'header':
      return 32;
    case 'section':
    case 'leaf':
    case 'veto': {
      const lines = Math.max(1, ...values.map((v, c) => wrappedLines(canonCell(v), widths[c] ?? 10)));
      return Math.min(MAX_ROW_HEIGHT, Math.max(20, lines * LINE_HEIGHT + 5));
    }
    default:
      return null;
  }
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

// ---------------------------------------------------------------------------------------------
// validations, conditional formats

function addValidation(ws: ExcelJS.Worksheet, v: Validation, tpl: SheetTemplate): void {
  const dv = dataValidation(v, tpl);
  forEachCell(ws, v.range, (cell) => (cell.dataValidation = dv));
}

function dataValidation(v: Validation, tpl: SheetTemplate): ExcelJS.DataValidation {
  const title = clip(columnTitle(v.range, tpl), 32);
  const common = {
    allowBlank: true,
    showInputMessage: true,
    promptTitle: title,
    prompt: clip(v.prompt, 255),
    showErrorMessage: true,
    errorTitle: title,
  };
  if (v.type === 'decimal') {
    return {
      ...common,
      type: 'decimal',
      operator: 'between',
      formulae: [v.min, v.max],
      errorStyle: 'stop',
      error: clip(v.error, 255),
    };
  }
  return {
    ...common,
    type: 'list',
    formulae: [`"${v.values.map((s) => s.replace(/"/g, '""')).join(',')}"`],
    errorStyle: v.strict ? 'stop' : 'information',
    error: clip(v.error, 255),
  };
}

/** The header text above a validated range, as the prompt's title. */
function columnTitle(range: string, tpl: SheetTemplate): string {
  const r = parseRange(range);
  const header = r ? tpl.cells[tpl.headerRow - 1]?.[r.from.col] : null;
  return typeof header === 'string' ? header : '';
}

function addStatusFormats(ws: ExcelJS.Worksheet, tpl: SheetTemplate): void {
  if (!tpl.statusFormats.length) return;
  ws.addConditionalFormatting({
    ref: tpl.statusRange,
    rules: tpl.statusFormats.map((f, i) => ({
      type: 'containsText',
      operator: 'containsText',
      text: f.text,
      priority: i + 1,
      style: {
        fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: `FF${f.fill}` } },
        font: { color: { argb: `FF${f.font}` } },
      },
    })),
  });
}

// ---------------------------------------------------------------------------------------------
// helpers

function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}
