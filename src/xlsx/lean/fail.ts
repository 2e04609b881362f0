/**
 * The typed failures of the lean reader: every one an {@link XlsxError} with a one-line
 * message naming the file (and, for limits, the limit).
 */
import { XlsxError } from '../errors';

const MAX_DETAIL = 200;

/** One line, at most {@link MAX_DETAIL} characters: details may quote file content. */
function oneLine(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    out += c < 0x20 || c === 0x7f ? ' ' : ch;
    if (out.length >= MAX_DETAIL) return `${out}…`;
  }
  return out;
}

/** `CORRUPT`: "u01.xlsx is damaged (detail)". */
export function corrupt(file: string, detail: string, cause?: unknown): XlsxError {
  return new XlsxError('CORRUPT', file, `${file} is damaged (${oneLine(detail)})`, cause === undefined ? undefined : { cause });
}

/** `TOO_LARGE` for a counted limit: "u01.xlsx: more than 100000 rows in sheet 城关镇 (the limit is 100000)". */
export function overLimit(file: string, limit: number, what: string): XlsxError {
  return new XlsxError('TOO_LARGE', file, `${file}: more than ${limit} ${oneLine(what)} (the limit is ${limit})`);
}

/** `NOT_XLSX`: "u01.xlsx is <what>; save it as "Excel Workbook (.xlsx)"". */
export function notXlsx(file: string, what: string): XlsxError {
  return new XlsxError('NOT_XLSX', file, `${file} is ${oneLine(what)}`);
}

/** Quotes a piece of file content for a message (a sheet name, a cell value). */
export function quote(s: string): string {
  return `"${oneLine(s.length > 60 ? `${s.slice(0, 60)}…` : s)}"`;
}
