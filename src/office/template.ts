/**
 * Rendering a {@link SheetTemplate} (decided in the core) into the open workbook: values and
 * formulas, merges, the look the core describes (src/core/presentation/sheet.ts: fonts, fills,
 * borders, alignment, number formats, row heights, widths; translated in look.ts), validations
 * (ExcelApi 1.8), conditional formats, unlocked input
 * cells, protection without a password, print setup (ExcelApi 1.9), frozen header, and the
 * plan record appended to `_scoreseal`. Three syncs: one to learn the sheet names, the log's
 * end and whether the workbook structure is protected (after any seal it is, and
 * `worksheets.add` would fail: nothing is written then); one to build everything; one to
 * protect the sheet and read the log row back. The protection waits for its own sync because
 * cells unlocked in the same batch as `protect()` stayed locked on the web
 * (https://github.com/OfficeDev/office-js/issues/143) — the template unlocks the input cells.
 * The read-back makes sure no other session took the log row (co-authoring, see log.ts).
 */
import { uniqueSheetName } from '../core/presentation/names';
import { scoreSheetLook } from '../core/presentation/sheet';
import { colLetter, parseRange } from '../core/sheet/cells';
import { LOG_SHEET } from '../core/sheet/layout';
import type { SheetTemplate, Validation } from '../core/sheet/template';
import { toOffice } from './cells';
import { OfficeEdgeError } from './errors';
import { queueAppend, queueCheck, settleAppends } from './log';
import { applyColumnWidths, applyLooks, applyPrint, applyRowHeights } from './look';
import { ORDINARY_PROTECTION } from './patch';
import { supports } from './support';

export { uniqueSheetName };

export interface RenderResult {
  /** the new sheet's name: the template's, or "name (2)", … when that was taken */
  readonly sheetName: string;
  /** syncs used */
  readonly syncs: number;
}

/**
 * Adds the score sheet for one unit to the open workbook, exactly as the template says, and
 * activates it.
 *
 * @throws {OfficeEdgeError} `StructureProtected` when the workbook structure is protected
 *   (nothing is written); `LogConflict` when other sessions kept taking the log row
 */
export async function renderTemplate(context: Excel.RequestContext, tpl: SheetTemplate): Promise<RenderResult> {
  const wb = context.workbook;
  // sync 1: names in use, where the log ends, and whether a sheet may be added at all
  const sheets = wb.worksheets.load('items/name');
  const structure = wb.protection.load('protected');
  const logWs = wb.worksheets.getItemOrNullObject(LOG_SHEET);
  const logUsed = logWs.getUsedRangeOrNullObject(true).load(['rowIndex', 'rowCount']);
  await context.sync();
  if (structure.protected) throw new OfficeEdgeError('StructureProtected');
  const name = uniqueSheetName(
    sheets.items.map((s) => s.name),
    tpl.sheetName,
  );
  const logRows = logWs.isNullObject ? null : logUsed.isNullObject ? 0 : logUsed.rowIndex + logUsed.rowCount;

  // sync 2: everything else; how it looks is the core's (src/core/presentation/sheet.ts)
  wb.application.suspendApiCalculationUntilNextSync();
  const look = scoreSheetLook(tpl);
  const ws = wb.worksheets.add(name);
  const width = look.width;
  const cells = tpl.cells.map((r) => Array.from({ length: width }, (_, c) => r[c] ?? null));
  const grid = ws.getRangeByIndexes(0, 0, cells.length, width);
  grid.numberFormat = look.numberFormats.map((r) => [...r]);
  grid.formulas = cells.map((r) => r.map(toOffice));
  for (const m of tpl.merges) ws.getRange(m).merge(false);
  applyLooks(ws, look.cells);
  // Office.js cannot set the sheet's default row height: the rows the template writes get it
  applyRowHeights(ws, look.rowHeights, look.defaultRowHeight);
  applyColumnWidths(ws, look.columnWidths);
  if (supports('1.8')) for (const v of coalesce(tpl.validations)) addValidation(ws, v);
  for (const f of tpl.statusFormats) {
    const cf = ws.getRange(tpl.statusRange).conditionalFormats.add('ContainsText');
    cf.textComparison.format.fill.color = `#${f.fill}`;
    cf.textComparison.format.font.color = `#${f.font}`;
    cf.textComparison.rule = { operator: 'Contains', text: f.text };
  }
  for (const range of coalesce(tpl.inputRanges.map((range) => ({ range })))) ws.getRange(range.range).format.protection.locked = false;
  // ExcelApi 1.9; without it Excel's print defaults stay
  applyPrint(ws, look.print);
  ws.freezePanes.freezeRows(look.freezeRows);
  const append = queueAppend(context, [[...tpl.planLogRow]], { create: logRows === null, atTop: !logRows });
  ws.activate();
  await context.sync();

  // sync 3: protection (after the unlocks, office-js#143) and the log row read back
  ws.protection.protect(ORDINARY_PROTECTION);
  const check = queueCheck(context, [append]);
  await context.sync();
  const more = await settleAppends(context, check, 0);
  return { sheetName: name, syncs: 3 + more };
}

/**
 * Items for consecutive rows with the same columns and the same rule, merged into one range
 * each (the order of first appearance is kept; items of other columns may interleave).
 */
function coalesce<T extends { readonly range: string }>(items: readonly T[]): T[] {
  const out: T[] = [];
  const open = new Map<string, { index: number; c0: number; c1: number; r0: number; r1: number }>();
  for (const item of items) {
    const p = parseRange(item.range);
    if (!p) {
      out.push(item);
      continue;
    }
    const { range: _range, ...rest } = item;
    const key = `${p.from.col}:${p.to.col}:${JSON.stringify(rest)}`;
    const run = open.get(key);
    if (run && p.from.row === run.r1 + 1) {
      run.r1 = p.to.row;
      out[run.index] = { ...out[run.index]!, range: `${colLetter(run.c0)}${run.r0}:${colLetter(run.c1)}${run.r1}` };
      continue;
    }
    open.set(key, { index: out.length, c0: p.from.col, c1: p.to.col, r0: p.from.row, r1: p.to.row });
    out.push(item);
  }
  return out;
}

const clip = (s: string, n: number): string => (s.length > n ? s.slice(0, n) : s);

/**
 * Excel's limits on validation texts: prompt 255 characters, error message 224, titles 32
 * (MS-OI29500 2.1.613, https://learn.microsoft.com/openspecs/office_standards/ms-oi29500/0114969a-4859-443e-ae3e-0c1fdebfcc64),
 * a list typed as its source 255 (the data-validation dialog's limit). Texts are clipped; a
 * list too long for a source gets no list rule (validation still reports a wrong entry).
 */
export const VALIDATION_TEXT_LIMITS = { prompt: 255, error: 224, title: 32, listSource: 255 } as const;

function addValidation(ws: Excel.Worksheet, v: Validation): void {
  const dv = ws.getRange(v.range).dataValidation;
  if (v.type === 'decimal') {
    dv.rule = { decimal: { formula1: v.min, formula2: v.max, operator: 'Between' } };
    dv.errorAlert = { showAlert: true, style: 'Stop', title: '', message: clip(v.error, VALIDATION_TEXT_LIMITS.error) };
  } else {
    const source = v.values.join(',');
    if (source.length > VALIDATION_TEXT_LIMITS.listSource) return;
    dv.rule = { list: { inCellDropDown: true, source } };
    // a soft list still accepts several methods separated by 、
    dv.errorAlert = {
      showAlert: true,
      style: v.strict ? 'Stop' : 'Information',
      title: '',
      message: clip(v.error, VALIDATION_TEXT_LIMITS.error),
    };
  }
  dv.prompt = { showPrompt: true, title: '', message: clip(v.prompt, VALIDATION_TEXT_LIMITS.prompt) };
}
