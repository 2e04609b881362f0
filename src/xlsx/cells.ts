/**
 * Cell values between ExcelJS and the core's {@link CellValue}. ExcelJS reports a cell as one
 * of a dozen shapes (rich text, hyperlinks, shared formulas, dates, errors…); the core sees
 * six. Nothing here knows about score sheets.
 */
import type ExcelJS from 'exceljs';

/** ExcelJS's ValueType.Merge (a cell inside a merged area; the enum is a value, ExcelJS loads lazily) */
const VALUE_TYPE_MERGE = 1;
import { FILE_ERROR_VALUES } from '../core/presentation/excel';
import { canonFormula, isError, isFormula, type CellValue } from '../core/sheet/cells';

type ExcelValue = ExcelJS.CellValue;
type ExcelError = ExcelJS.CellErrorValue['error'];

/** The error values a file stores as errors (the core's list: src/core/presentation/excel.ts); ExcelJS's type checks them. */
const EXCEL_ERRORS: ReadonlySet<string> = new Set<ExcelError>(FILE_ERROR_VALUES);

/**
 * Converts an ExcelJS cell value to the core's cell model.
 *
 * - formulas (also array and shared formulas) → `{ formula: '=' + text }`; a shared-formula
 *   clone carries no text of its own, so pass its translated text (`cell.formula`) as
 *   `formulaText` — {@link fromExcelJsCell} does this. Without it the clone's cached result
 *   is returned.
 * - rich text → its runs' text concatenated; a hyperlink → its display text
 * - errors → `{ error: '#REF!' }` etc.
 * - a `Date` → its Excel serial number (days since 1899-12-30), as Office.js reports dates,
 *   so a date digests alike on both edges
 * - numbers, strings and booleans as they are; empty (`null`/`undefined`) → `null`
 */
export function fromExcelJs(v: ExcelValue, formulaText?: string): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : { error: '#NUM!' };
  if (v instanceof Date) return serialDate(v);
  if ('error' in v) return { error: String(v.error) };
  if ('richText' in v) return richTextOf(v);
  if ('hyperlink' in v) return hyperlinkText(v);
  if ('formula' in v && typeof v.formula === 'string' && v.formula) return withResult(canonFormula(v.formula), v.result);
  if ('sharedFormula' in v) {
    if (formulaText) return withResult(canonFormula(formulaText), v.result);
    return resultOf(v.result);
  }
  return resultOf((v as { result?: ExcelJS.CellFormulaValue['result'] }).result);
}

/**
 * Converts one ExcelJS cell, with what only the cell knows: a merged cell other than its
 * area's top-left reads as empty (as Office.js reports it), and a shared-formula clone
 * reads as its own translated formula.
 */
export function fromExcelJsCell(cell: ExcelJS.Cell): CellValue {
  if ((cell.type as number) === VALUE_TYPE_MERGE) return null;
  const v = cell.value;
  if (v !== null && typeof v === 'object' && 'sharedFormula' in v) return fromExcelJs(v, cell.formula);
  return fromExcelJs(v);
}

/**
 * Converts a core cell value to what ExcelJS writes: a formula without its leading '=',
 * an error as an error value, everything else as it is. Strings are always written as
 * text (a string starting with '=' does not become a formula).
 */
export function toExcelJs(v: CellValue): ExcelValue {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (isFormula(v)) return { formula: canonFormula(v.formula).slice(1) };
  if (isError(v) && EXCEL_ERRORS.has(v.error)) return { error: v.error as ExcelError };
  // an error code Excel does not know cannot be written as an error: keep it readable
  return isError(v) ? v.error : null;
}

/** Excel's serial date (1900 system, as ExcelJS reads it: the Date is the UTC wall time). */
function serialDate(d: Date): CellValue {
  const ms = d.getTime();
  if (Number.isNaN(ms)) return { error: '#VALUE!' };
  return Math.round(((ms - EXCEL_EPOCH_MS) / 86_400_000) * 1e10) / 1e10;
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

function richTextOf(v: ExcelJS.CellRichTextValue): string {
  return (Array.isArray(v.richText) ? v.richText : []).map((run) => (typeof run.text === 'string' ? run.text : '')).join('');
}

function hyperlinkText(v: ExcelJS.CellHyperlinkValue): string {
  // ExcelJS puts rich text in `text` when the link's display is formatted
  const text: unknown = v.text;
  if (typeof text === 'string') return text;
  if (text && typeof text === 'object' && 'richText' in text) return richTextOf(text as ExcelJS.CellRichTextValue);
  return v.hyperlink ?? '';
}

function resultOf(r: ExcelJS.CellFormulaValue['result']): CellValue {
  return r === undefined ? null : fromExcelJs(r);
}

/** A formula with the result the file caches for it (what Excel shows until it recalculates). */
function withResult(formula: string, r: ExcelJS.CellFormulaValue['result']): CellValue {
  const v = resultOf(r);
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? { formula, result: v } : { formula };
}
