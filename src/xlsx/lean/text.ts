/**
 * Small scanners over file text: Excel's `_xHHHH_` escapes, A1 addresses, booleans and
 * numbers as SpreadsheetML writes them. Hand-written loops, linear in their input: nothing
 * here can backtrack over attacker-controlled text.
 */

/** Columns of a worksheet (XFD). */
export const MAX_COLUMN = 16_384;
/** Rows of a worksheet. */
export const MAX_ROW = 1_048_576;

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/**
 * Decodes Excel's `_xHHHH_` escapes (ST_Xstring: a UTF-16 code unit by four hex digits)
 * into the character. `_x005F_` is an escaped underscore, so `_x005F_x001B_` reads as the
 * literal text `_x001B_`.
 */
export function decodeXEscapes(s: string): string {
  let i = s.indexOf('_x');
  if (i < 0) return s;
  let out = '';
  let last = 0;
  while (i >= 0) {
    if (i + 6 < s.length && s.charCodeAt(i + 6) === 95) {
      let code = 0;
      for (let k = 2; k < 6 && code >= 0; k++) {
        const h = hexValue(s.charCodeAt(i + k));
        code = h < 0 ? -1 : code * 16 + h;
      }
      if (code >= 0) {
        out += s.slice(last, i) + String.fromCharCode(code);
        last = i + 7;
        i = s.indexOf('_x', last);
        continue;
      }
    }
    i = s.indexOf('_x', i + 1);
  }
  return out + s.slice(last);
}

/** A cell address: 1-based row and column. */
export interface Cell {
  readonly row: number;
  readonly col: number;
}

/**
 * Parses an A1 address ("E7", also "$E$7"); null when it is not one within the sheet's
 * bounds. The letters and digits are read once, left to right.
 */
export function parseCellAddress(s: string): Cell | null {
  let i = 0;
  const n = s.length;
  if (s.charCodeAt(i) === 36) i++;
  let col = 0;
  let letters = 0;
  for (; i < n; i++) {
    let c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) c -= 32;
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
    if (++letters > 3) return null;
  }
  if (!letters) return null;
  if (s.charCodeAt(i) === 36) i++;
  const row = parseDigits(s, i, n);
  if (row === null || row < 1 || row > MAX_ROW || col > MAX_COLUMN) return null;
  return { row, col };
}

/** A range "E7:F9" (or a single cell "E7"): its corners, normalised so that top-left comes first. */
export function parseRangeRef(
  s: string,
): { readonly top: number; readonly left: number; readonly bottom: number; readonly right: number } | null {
  const colon = s.indexOf(':');
  const a = parseCellAddress(colon < 0 ? s : s.slice(0, colon));
  const b = colon < 0 ? a : parseCellAddress(s.slice(colon + 1));
  if (!a || !b) return null;
  return { top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) };
}

/** Column number (1-based) → letters. */
export function columnLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** 1-based row and column → "E7". */
export function cellAddress(row: number, col: number): string {
  return `${columnLetters(col)}${row}`;
}

/** A run of ASCII digits from `from` to `to` (exclusive) as a number; null when empty or not all digits. */
export function parseDigits(s: string, from = 0, to = s.length): number | null {
  if (from >= to || to - from > 15) return null;
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return null;
    v = v * 10 + (c - 48);
  }
  return v;
}

/** An xsd:boolean attribute ("1"/"true"); absent or anything else is false. */
export function isTrue(v: string | undefined): boolean {
  return v === '1' || v === 'true';
}

/**
 * An xsd:double as SpreadsheetML stores it (`-1.5E-3`, `45000.416666666664`), converted
 * exactly as `Number` does; null when the text is not such a number (hex, `Infinity`, …).
 */
export function parseXsdNumber(s: string): number | null {
  const t = s.trim();
  const n = t.length;
  let i = 0;
  if (t.charCodeAt(i) === 43 || t.charCodeAt(i) === 45) i++;
  let digits = 0;
  for (; i < n && isDigit(t.charCodeAt(i)); i++) digits++;
  if (t.charCodeAt(i) === 46) {
    i++;
    for (; i < n && isDigit(t.charCodeAt(i)); i++) digits++;
  }
  if (!digits) return null;
  if (t.charCodeAt(i) === 69 || t.charCodeAt(i) === 101) {
    i++;
    if (t.charCodeAt(i) === 43 || t.charCodeAt(i) === 45) i++;
    let exp = 0;
    for (; i < n && isDigit(t.charCodeAt(i)); i++) exp++;
    if (!exp) return null;
  }
  if (i !== n) return null;
  const v = Number(t);
  return Number.isFinite(v) ? v : null;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
