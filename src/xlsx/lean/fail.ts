/**
 * The typed failures of the lean reader: every one an {@link XlsxError} with a one-line
 * message naming the file (and, for limits, the limit).
 */
import { XlsxError, type NotXlsxKind, type XlsxLimit, type XlsxPlace } from '../errors';

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

/** `CORRUPT`: "u01.xlsx is damaged (detail)"; the detail is the reader's diagnostic (for logs). */
export function corrupt(file: string, detail: string, cause?: unknown): XlsxError {
  const d = oneLine(detail);
  return new XlsxError(
    { code: 'CORRUPT', kind: 'damaged', detail: d },
    file,
    `${file} is damaged (${d})`,
    cause === undefined ? undefined : { cause },
  );
}

/** A place said in English (for `message`). */
function placeText(at: XlsxPlace): string {
  if ('part' in at) return at.part;
  if ('entry' in at) return at.entry;
  if ('sharedString' in at) return `shared string ${at.sharedString}`;
  return at.cell === undefined ? `sheet ${at.sheet}` : `cell ${at.cell} of sheet ${at.sheet}`;
}

/** What a counted limit counts, in English (for `message`). */
function limitText(limit: XlsxLimit, at: XlsxPlace | undefined): string {
  const where = at ? placeText(at) : '';
  switch (limit) {
    case 'xmlDepth':
      return `levels of nested XML elements in ${where}`;
    case 'xmlText':
      return `characters in one XML text, tag or comment in ${where}`;
    case 'sheets':
      return 'sheets in the workbook';
    case 'sharedStrings':
      return 'shared strings';
    case 'rows':
      return `rows in ${where}`;
    case 'cells':
      return 'cells in the workbook';
    case 'conditionalFormats':
      return `conditional formats in ${where}`;
    case 'mergedRanges':
      return `merged ranges in ${where}`;
    case 'stringChars':
      return `characters in ${where}`;
    case 'valueChars':
      return `characters in the value of ${where}`;
    case 'formulaChars':
      return `characters in the formula of ${where}`;
    case 'entryBytes':
      return `bytes unpacked in ${where}`;
    case 'totalBytes':
      return 'bytes unpacked in total';
  }
}

/** The names in a place made one line (they may quote file content). */
function cleanPlace(at: XlsxPlace): XlsxPlace {
  if ('part' in at) return { part: oneLine(at.part) };
  if ('entry' in at) return { entry: oneLine(at.entry) };
  if ('sharedString' in at) return at;
  return at.cell === undefined ? { sheet: oneLine(at.sheet) } : { sheet: oneLine(at.sheet), cell: oneLine(at.cell) };
}

/** `TOO_LARGE` for a counted limit: "u01.xlsx: more than 100000 rows in sheet 城关镇 (the limit is 100000)". */
export function overLimit(file: string, limit: XlsxLimit, max: number, at?: XlsxPlace): XlsxError {
  const place = at ? cleanPlace(at) : undefined;
  return new XlsxError(
    { code: 'TOO_LARGE', kind: 'limit', limit, max, ...(place ? { at: place } : {}) },
    file,
    `${file}: more than ${max} ${oneLine(limitText(limit, at))} (the limit is ${max})`,
  );
}

/** What each kind of non-workbook is, in English (for `message`). */
const NOT_XLSX_TEXT: Readonly<Record<NotXlsxKind, string>> = {
  xls: 'an old-format .xls workbook; save it as .xlsx',
  zip: 'a zip archive but not an .xlsx workbook (xl/workbook.xml is missing)',
  xlsm: 'a macro-enabled workbook (.xlsm); ScoreSeal reads only macro-free workbooks: save it as "Excel Workbook (.xlsx)"',
  xlsb: 'a binary workbook (.xlsb); save it as "Excel Workbook (.xlsx)"',
  strict: 'a Strict Open XML Spreadsheet; ScoreSeal reads the usual format: save it as "Excel Workbook (.xlsx)"',
  other: 'not an .xlsx workbook',
};

/** `NOT_XLSX` of a kind: "u01.xlsx is a binary workbook (.xlsb); save it as "Excel Workbook (.xlsx)"". */
export function notXlsx(file: string, kind: NotXlsxKind): XlsxError {
  return new XlsxError({ code: 'NOT_XLSX', kind }, file, `${file} is ${NOT_XLSX_TEXT[kind]}`);
}

/** Quotes a piece of file content for a message (a sheet name, a cell value). */
export function quote(s: string): string {
  return `"${oneLine(s.length > 60 ? `${s.slice(0, 60)}…` : s)}"`;
}
