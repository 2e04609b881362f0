/**
 * Shared formulas (`<f t="shared" si="0" ref="E7:E9">E6+1</f>` on the master, `<f
 * t="shared" si="0"/>` on each clone): a clone's formula is the master's with every relative
 * reference moved by the clone's offset from the master, as Excel reports the clone.
 *
 * One left-to-right pass over the formula:
 * - string literals ("…", with "" inside) and quoted sheet names ('…', with '' inside) are
 *   copied as they are, and so is anything in brackets (external workbooks `[1]`, table
 *   columns `Table1[Col]`);
 * - a name followed by `!` is a sheet name, by `(` a function, by `[` a table: copied;
 * - a cell reference (`E7`, `$E7`, `E$7`, `$E$7`) moves its un-`$` parts, also after a sheet
 *   name (`Sheet2!A1` → `Sheet2!A2`: Excel moves those too); whole columns (`A:C`) and whole
 *   rows (`3:5`) likewise;
 * - a reference moved off the sheet becomes `#REF!`, as in Excel.
 *
 * Linear in the formula's length.
 */
import { MAX_COLUMN, MAX_ROW, columnLetters, parseDigits } from './text';

/** Whether a character may be part of a name, number or reference token. */
function isTokenChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || // 0-9
    (c >= 65 && c <= 90) || // A-Z
    (c >= 97 && c <= 122) || // a-z
    c === 36 || // $
    c === 46 || // .
    c === 95 || // _
    c === 92 || // backslash
    c === 63 || // ?
    c > 127
  );
}

/** The index just past a quoted run starting at `i` (the quote doubled inside stays in). */
function skipQuoted(f: string, i: number, quote: number): number {
  let j = i + 1;
  while (j < f.length) {
    if (f.charCodeAt(j) === quote) {
      if (f.charCodeAt(j + 1) === quote) j += 2;
      else return j + 1;
    } else j++;
  }
  return j;
}

/** The index just past a bracketed run starting at `i`, nested brackets included. */
function skipBrackets(f: string, i: number): number {
  let depth = 0;
  for (let j = i; j < f.length; j++) {
    const c = f.charCodeAt(j);
    if (c === 91) depth++;
    else if (c === 93 && --depth === 0) return j + 1;
  }
  return f.length;
}

interface Part {
  readonly absolute: boolean;
  readonly value: number;
}

/** `$?LETTERS` (1–3 letters, at most XFD) as a column, or null. */
function columnPart(t: string): Part | null {
  const absolute = t.charCodeAt(0) === 36;
  const s = absolute ? t.slice(1) : t;
  if (s.length < 1 || s.length > 3) return null;
  let v = 0;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) c -= 32;
    if (c < 65 || c > 90) return null;
    v = v * 26 + (c - 64);
  }
  return v <= MAX_COLUMN ? { absolute, value: v } : null;
}

/** `$?DIGITS` as a row, or null. */
function rowPart(t: string): Part | null {
  const absolute = t.charCodeAt(0) === 36;
  const v = parseDigits(t, absolute ? 1 : 0);
  return v !== null && v >= 1 && v <= MAX_ROW ? { absolute, value: v } : null;
}

/** A cell reference token split into its column and row parts, or null. */
function cellParts(t: string): { col: Part; row: Part } | null {
  let i = t.charCodeAt(0) === 36 ? 1 : 0;
  while (i < t.length) {
    const c = t.charCodeAt(i);
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) break;
    i++;
  }
  const col = columnPart(t.slice(0, i));
  const row = col ? rowPart(t.slice(i)) : null;
  return col && row ? { col, row } : null;
}

function movedColumn(p: Part, d: number): string | null {
  const v = p.absolute ? p.value : p.value + d;
  return v < 1 || v > MAX_COLUMN ? null : `${p.absolute ? '$' : ''}${columnLetters(v)}`;
}

function movedRow(p: Part, d: number): string | null {
  const v = p.absolute ? p.value : p.value + d;
  return v < 1 || v > MAX_ROW ? null : `${p.absolute ? '$' : ''}${v}`;
}

const REF_ERROR = '#REF!';

/**
 * The master's formula text (without '=') moved by `dRow` rows and `dCol` columns.
 *
 * @param formula the master's formula text
 * @param dRow clone row − master row
 * @param dCol clone column − master column
 */
export function slideFormula(formula: string, dRow: number, dCol: number): string {
  if (dRow === 0 && dCol === 0) return formula;
  const f = formula;
  const n = f.length;
  let out = '';
  let i = 0;
  while (i < n) {
    const c = f.charCodeAt(i);
    if (c === 34 || c === 39) {
      const j = skipQuoted(f, i, c);
      out += f.slice(i, j);
      i = j;
      continue;
    }
    if (c === 91) {
      const j = skipBrackets(f, i);
      out += f.slice(i, j);
      i = j;
      continue;
    }
    if (!isTokenChar(c)) {
      out += f[i];
      i++;
      continue;
    }
    let j = i;
    while (j < n && isTokenChar(f.charCodeAt(j))) j++;
    const token = f.slice(i, j);
    const next = f.charCodeAt(j);
    if (next === 33 || next === 40 || next === 91) {
      // Sheet!, Function(, Table[
      out += token;
      i = j;
      continue;
    }
    if (next === 58) {
      // whole columns (A:C) or whole rows (3:5)
      let k = j + 1;
      while (k < n && isTokenChar(f.charCodeAt(k))) k++;
      const second = f.slice(j + 1, k);
      const range = wholeRange(token, second, dRow, dCol);
      if (range !== null) {
        out += range;
        i = k;
        continue;
      }
    }
    const cell = cellParts(token);
    if (cell) {
      const col = movedColumn(cell.col, dCol);
      const row = movedRow(cell.row, dRow);
      out += col !== null && row !== null ? col + row : REF_ERROR;
    } else {
      out += token;
    }
    i = j;
  }
  return out;
}

/** `A:C` or `3:5` moved, or null when the two tokens are not such a range. */
function wholeRange(a: string, b: string, dRow: number, dCol: number): string | null {
  const ca = columnPart(a);
  const cb = ca ? columnPart(b) : null;
  if (ca && cb) {
    const x = movedColumn(ca, dCol);
    const y = movedColumn(cb, dCol);
    return x !== null && y !== null ? `${x}:${y}` : REF_ERROR;
  }
  const ra = rowPart(a);
  const rb = ra ? rowPart(b) : null;
  if (ra && rb) {
    const x = movedRow(ra, dRow);
    const y = movedRow(rb, dRow);
    return x !== null && y !== null ? `${x}:${y}` : REF_ERROR;
  }
  return null;
}
