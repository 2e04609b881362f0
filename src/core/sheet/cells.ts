/**
 * The cell model both edges produce: Office.js (`values` + `formulas`) and ExcelJS
 * (`cell.value`) report cells differently; each edge converts to `CellValue`, and everything
 * after that — parsing, rules, digests, the seal — sees one shape.
 */
import { normDecimal } from '../decimal';
import { canonText } from '../text';

/**
 * A cell: text, a number (the stored double), a boolean, empty, a formula (with the value it
 * shows, when the edge knows it: Excel's computed value, or the file's cached result), or an
 * error value.
 */
export type CellValue =
  | string
  | number
  | boolean
  | null
  | { readonly formula: string; readonly result?: string | number | boolean | null }
  | { readonly error: string };

export function isFormula(v: CellValue): v is { formula: string } {
  return typeof v === 'object' && v !== null && 'formula' in v;
}

export function isError(v: CellValue): v is { error: string } {
  return typeof v === 'object' && v !== null && 'error' in v;
}

/** Normalises a formula's text so both edges agree: trimmed, with one leading '=' (the text itself as typed). */
export function canonFormula(f: string): string {
  const body = f.trim().replace(/^=/, '');
  return `=${body}`;
}

/**
 * A cell's canonical text (SPEC §3 seal): a formula by its formula text, a number as a
 * normalised decimal string, text NFC-normalised and trimmed, a boolean as TRUE/FALSE,
 * an error by its code, an empty cell as "".
 */
export function canonCell(v: CellValue): string {
  if (v === null) return '';
  if (typeof v === 'number') return normDecimal(v) ?? String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'string') return canonText(v);
  if (isFormula(v)) return canonFormula(v.formula);
  return (v as { error: string }).error;
}

/**
 * A cell's typed canonical text (SPEC §3 *Seal*), so that a text can never pass for a formula
 * or a number: `""` empty; `n:` + the shortest decimal string of the stored double (dates
 * included: the stored serial); `s:` + the NFC-normalised, trimmed text; `f:` + the formula
 * text without its leading `=`; `b:TRUE` / `b:FALSE`; `e:` + the error value.
 */
export function typedCell(v: CellValue): string {
  if (v === null || v === '') return '';
  if (typeof v === 'number') return `n:${normDecimal(v) ?? String(v)}`;
  if (typeof v === 'boolean') return v ? 'b:TRUE' : 'b:FALSE';
  if (typeof v === 'string') return `s:${canonText(v)}`;
  if (isFormula(v)) return `f:${canonFormula(v.formula).slice(1)}`;
  return `e:${(v as { error: string }).error}`;
}

/** 0-based column index → letters (0 → A, 25 → Z, 26 → AA). */
export function colLetter(col: number): string {
  let s = '';
  let n = col + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Letters → 0-based column index. */
export function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** 1-based row, 0-based col → "E7". */
export function addr(row: number, col: number): string {
  return `${colLetter(col)}${row}`;
}

export interface CellRef {
  readonly row: number; // 1-based
  readonly col: number; // 0-based
}

/** "E7" → {row: 7, col: 4}; also accepts "$E$7" and "Sheet!E7". */
export function parseAddr(a: string): CellRef | null {
  const m = /([A-Z]+)\$?(\d+)$/i.exec(a.replace(/\$/g, ''));
  if (!m) return null;
  return { row: Number(m[2]), col: colIndex(m[1]!) };
}

/** "E7:F9" → its corners (a single cell gives the same corner twice). */
export function parseRange(r: string): { from: CellRef; to: CellRef } | null {
  const part = r.includes('!') ? r.slice(r.lastIndexOf('!') + 1) : r;
  const [a, b] = part.split(':');
  const from = parseAddr(a ?? '');
  const to = parseAddr(b ?? a ?? '');
  return from && to ? { from, to } : null;
}
