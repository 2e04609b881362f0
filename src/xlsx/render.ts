/**
 * Rendering a {@link SheetTemplate} (decided in the core) into an ExcelJS workbook: cells,
 * styles, merges, validations, locking, conditional formats, print setup, and the plan
 * record in `_scoreseal`. Presentation only; what goes where is the template's.
 */
import type ExcelJS from 'exceljs';
import { uniqueSheetName as freeSheetName } from '../core/presentation/names';
import { scoreSheetLook, type ScoreSheetLook } from '../core/presentation/sheet';
import { parseRange } from '../core/sheet/cells';
import type { SheetTemplate, Validation } from '../core/sheet/template';
import { toExcelJs } from './cells';
import { appendLogRows, moveLogSheetLast } from './logsheet';
import { excelColumnWidth, excelHeaderFooter, excelPageSetup, excelStyle } from './look';
import { ORDINARY_PROTECTION } from './protection';
import { forEachCell } from './ranges';

/**
 * Adds one score sheet to the workbook and its plan record to `_scoreseal` (created very
 * hidden when missing, shared by all score sheets of the workbook). The sheet is named
 * `tpl.sheetName`, or `tpl.sheetName (2)`, `(3)`, … when that name is taken.
 *
 * @returns the new worksheet
 */
export async function addScoreSheet(wb: ExcelJS.Workbook, tpl: SheetTemplate): Promise<ExcelJS.Worksheet> {
  // how it looks is the core's (src/core/presentation/sheet.ts)
  const look = scoreSheetLook(tpl);
  const frozen = look.freezeRows;
  const ws = wb.addWorksheet(uniqueSheetName(wb, tpl.sheetName), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: frozen, topLeftCell: `A${frozen + 1}`, activeCell: `A${frozen + 1}` }],
    pageSetup: excelPageSetup(look.print),
    headerFooter: excelHeaderFooter(look.print),
    properties: { defaultRowHeight: look.defaultRowHeight },
  });
  look.columnWidths.forEach((w, i) => (ws.getColumn(i + 1).width = excelColumnWidth(w)));
  writeRows(ws, tpl, look);
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
  return freeSheetName(
    wb.worksheets.map((ws) => ws.name),
    name,
  );
}

// ---------------------------------------------------------------------------------------------
// cells and styles

function writeRows(ws: ExcelJS.Worksheet, tpl: SheetTemplate, look: ScoreSheetLook): void {
  tpl.cells.forEach((values, i) => {
    const row = ws.getRow(i + 1);
    for (let c = 0; c < look.width; c++) {
      const v = values[c] ?? null;
      const cell = row.getCell(c + 1);
      if (v !== null) cell.value = toExcelJs(v);
      const style = excelStyle(look.cells[i]?.[c] ?? null, look.numberFormats[i]?.[c] ?? null);
      if (style) cell.style = style;
    }
    const height = look.rowHeights[i];
    if (height) row.height = height;
  });
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
