/**
 * Converting between Office.js cell arrays and the core's `CellValue`.
 *
 * Reading: `formulas` gives the formula text of formula cells and the typed value of the
 * others; `values` tells a formula (its computed value differs from its text) from text that
 * merely starts with '=' (both arrays agree). Errors come back as their code ('#REF!').
 *
 * Writing: Excel parses strings written through `values` as if typed ("1.1" becomes a
 * number, "=x" a formula), so every string is written into a cell formatted as text ('@');
 * `null` in an Office array means "leave the cell", so an empty core cell is written as ''.
 */
import { EXCEL_ERROR_VALUES as EXCEL_ERRORS, TEXT_FORMAT as CORE_TEXT_FORMAT } from '../core/presentation/excel';
import { isError, isFormula, type CellValue } from '../core/sheet/cells';

/** Error values Excel reports as text in `values` (the core's list: src/core/presentation/excel.ts). */
export const EXCEL_ERROR_VALUES: ReadonlySet<string> = new Set<string>(EXCEL_ERRORS);

/** The number format that keeps a cell's text as typed. */
export const TEXT_FORMAT = CORE_TEXT_FORMAT;

/** One cell from its `values` and `formulas` entries. */
export function fromOffice(value: unknown, formula: unknown): CellValue {
  if (typeof formula === 'string' && formula.startsWith('=') && formula.length > 1 && value !== formula)
    // `values` holds what the formula shows: Excel's computed value (the cached one in manual calculation)
    return typeof value === 'number' ||
      typeof value === 'boolean' ||
      (typeof value === 'string' && value !== '' && !EXCEL_ERROR_VALUES.has(value))
      ? { formula, result: value }
      : { formula };
  const v = formula ?? value;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v !== 'string' || v === '') return null;
  return EXCEL_ERROR_VALUES.has(v) ? { error: v } : v;
}

/**
 * A block read from a range whose top-left cell is at (rowIndex, columnIndex), 0-based,
 * as rows from A1 (the rows and columns before the range are empty).
 */
export function gridFromOffice(
  values: readonly (readonly unknown[])[],
  formulas: readonly (readonly unknown[])[],
  rowIndex: number,
  columnIndex: number,
): CellValue[][] {
  const out: CellValue[][] = Array.from({ length: rowIndex }, () => []);
  values.forEach((line, r) => {
    const row: CellValue[] = Array<CellValue>(columnIndex).fill(null);
    line.forEach((v, c) => row.push(fromOffice(v, formulas[r]?.[c])));
    out.push(row);
  });
  return out;
}

/** The value to write for a core cell ('' clears; formulas and errors as their text). */
export function toOffice(v: CellValue): string | number | boolean {
  if (v === null) return '';
  if (typeof v !== 'object') return v;
  if (isFormula(v)) return v.formula.startsWith('=') ? v.formula : `=${v.formula}`;
  return isError(v) ? v.error : '';
}

/**
 * The number format to set before writing `v`: text for strings (so Excel keeps them as
 * typed), General for formulas and errors (a text cell would not evaluate them), and null
 * (leave as is) for numbers, booleans and empty cells.
 */
export function formatFor(v: CellValue): string | null {
  if (typeof v === 'string') return TEXT_FORMAT;
  if (v !== null && typeof v === 'object') return 'General';
  return null;
}

/** Whether any cell of a block is a formula (then it is written through `formulas`). */
export function hasFormula(rows: readonly (readonly CellValue[])[]): boolean {
  return rows.some((r) => r.some((v) => isFormula(v)));
}

/** UTF-8 length of a string, without allocating (for payload estimates). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Estimated request bytes of a value sent to Excel (its JSON). */
export function payloadBytes(v: unknown): number {
  return utf8Length(JSON.stringify(v) ?? '');
}

/** Rows in parts of at most `limit` estimated bytes (a part has at least one row): how a write is split when Excel on the web's request limit demands it. */
export function splitRows<T>(rows: readonly T[], limit: number): { start: number; rows: readonly T[] }[] {
  const parts: { start: number; rows: readonly T[] }[] = [];
  let start = 0;
  let bytes = 0;
  rows.forEach((row, i) => {
    const b = payloadBytes(row) * 2;
    if (i > start && bytes + b > limit) {
      parts.push({ start, rows: rows.slice(start, i) });
      [start, bytes] = [i, 0];
    }
    bytes += b;
  });
  if (rows.length > start) parts.push({ start, rows: rows.slice(start) });
  return parts;
}
