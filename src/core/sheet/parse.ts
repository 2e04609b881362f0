/**
 * Reading a score sheet from its cells (SPEC §2): the header row is found by its titles,
 * items by their 编号 value, never by row position. Layout problems are returned as data
 * (they become SHEET_LAYOUT findings), never thrown.
 */
import type { MessageId, Params } from '../i18n/catalog';
import { addr as addrOf, canonCell, type CellValue } from './cells';
import {
  COLUMN_KEYS,
  COLUMN_TITLES,
  FIELD_KEYS,
  FIELD_LABELS,
  FOOTER_KEYS,
  FOOTER_LABELS,
  type ColumnKey,
  type FieldKey,
  type FooterKey,
} from './layout';

/** A worksheet as an edge reads it: values from A1, plus what layout checks need. */
export interface RawSheet {
  readonly name: string;
  /** rows × columns of cell values starting at A1 (ragged rows allowed) */
  readonly cells: readonly (readonly CellValue[])[];
  /** merged areas, A1-style ("E7:E8") */
  readonly merges?: readonly string[];
  /** hidden rows, 1-based */
  readonly hiddenRows?: readonly number[];
  /** hidden columns, 0-based */
  readonly hiddenColumns?: readonly number[];
  /**
   * number formats, in the shape of `cells` (ragged; a missing entry or null is General):
   * what each cell's value is displayed through
   */
  readonly formats?: readonly (readonly (string | null)[])[];
  /** the sheet's visibility in the workbook (a hidden score sheet can sit behind a look-alike) */
  readonly visibility?: 'visible' | 'hidden' | 'veryHidden';
  /** conditional formats: the range each applies to, and whether it changes the number format */
  readonly conditionalFormats?: readonly { readonly range: string; readonly numberFormat: boolean }[];
  /** drawings on the sheet (shapes, text boxes, pictures, charts), which can cover cells */
  readonly drawings?: number;
}

export interface ItemRow {
  /** 1-based worksheet row */
  readonly row: number;
  readonly code: string;
  /** the raw cells of the 13 columns, by key */
  readonly cells: Readonly<Record<ColumnKey, CellValue>>;
}

export interface LayoutProblem {
  readonly detail: MessageId;
  readonly params: Params;
  readonly cell?: string;
}

export interface ParsedSheet {
  readonly name: string;
  /** 1-based row of the header */
  readonly headerRow: number;
  /** 0-based column index per column key */
  readonly columns: Readonly<Record<ColumnKey, number>>;
  /** the labelled fields above the table: canonical text, cell, and the cell's value as read */
  readonly fields: Readonly<Partial<Record<FieldKey, { value: string; cell: string; raw: CellValue }>>>;
  readonly rows: readonly ItemRow[];
  /** last row of the item table (header row when there are no items) */
  readonly lastTableRow: number;
  /** cells of the footer values, A1-style */
  readonly footer: Readonly<Partial<Record<FooterKey, { value: CellValue; cell: string; row: number; col: number }>>>;
  readonly merges: readonly string[];
  readonly hiddenRows: readonly number[];
  readonly raw: RawSheet;
}

export type ParseResult = { ok: true; sheet: ParsedSheet } | { ok: false; problems: LayoutProblem[] };

const norm = (v: CellValue | undefined): string =>
  canonCell(v ?? null)
    .replace(/\s+/g, ' ')
    .toLowerCase();

const TITLE_TO_KEY = new Map<string, ColumnKey>();
for (const titles of Object.values(COLUMN_TITLES)) for (const k of COLUMN_KEYS) TITLE_TO_KEY.set(titles[k].toLowerCase(), k);
const FIELD_TO_KEY = new Map<string, FieldKey>();
for (const labels of Object.values(FIELD_LABELS)) for (const k of FIELD_KEYS) FIELD_TO_KEY.set(labels[k].toLowerCase(), k);
const FOOTER_TO_KEY = new Map<string, FooterKey>();
for (const labels of Object.values(FOOTER_LABELS)) for (const k of FOOTER_KEYS) FOOTER_TO_KEY.set(labels[k].toLowerCase(), k);

/** How many rows from the top are searched for the header row. */
export const HEADER_SEARCH_ROWS = 40;

/** Whether a worksheet looks like a score sheet (has a header row with 编号 and 得分). */
export function findHeaderRow(cells: RawSheet['cells']): number | null {
  const limit = Math.min(cells.length, HEADER_SEARCH_ROWS);
  for (let r = 0; r < limit; r++) {
    const keys = new Set((cells[r] ?? []).map((c) => TITLE_TO_KEY.get(norm(c))).filter(Boolean));
    if (keys.has('code') && keys.has('score')) return r + 1;
  }
  return null;
}

export function parseSheet(raw: RawSheet): ParseResult {
  const headerRow = findHeaderRow(raw.cells);
  if (headerRow === null) return { ok: false, problems: [{ detail: 'detail.headerMissing', params: {} }] };

  const header = raw.cells[headerRow - 1] ?? [];
  const columns: Partial<Record<ColumnKey, number>> = {};
  header.forEach((c, i) => {
    const k = TITLE_TO_KEY.get(norm(c));
    if (k && columns[k] === undefined) columns[k] = i;
  });
  const problems: LayoutProblem[] = [];
  for (const k of COLUMN_KEYS) {
    if (columns[k] === undefined)
      problems.push({ detail: 'detail.columnMissing', params: { column: COLUMN_TITLES['zh-CN'][k] }, cell: addrOf(headerRow, 0) });
  }
  if (problems.length) return { ok: false, problems };
  const cols = columns as Record<ColumnKey, number>;

  // fields above the header: a label cell followed by its value in the next non-empty cell
  const fields: Partial<Record<FieldKey, { value: string; cell: string; raw: CellValue }>> = {};
  for (let r = 0; r < headerRow - 1; r++) {
    const row = raw.cells[r] ?? [];
    for (let c = 0; c < row.length; c++) {
      const key = FIELD_TO_KEY.get(norm(row[c]));
      if (!key || fields[key]) continue;
      for (let v = c + 1; v < row.length; v++) {
        const text = canonCell(row[v] ?? null);
        if (text && !FIELD_TO_KEY.has(text.toLowerCase())) {
          fields[key] = { value: text, cell: addrOf(r + 1, v), raw: row[v] ?? null };
          break;
        }
        if (text) break;
      }
    }
  }

  // the table runs from the header to the footer's first label (合计) or the end
  const rows: ItemRow[] = [];
  let lastTableRow = headerRow;
  const footer: Partial<Record<FooterKey, { value: CellValue; cell: string; row: number; col: number }>> = {};
  let inFooter = false;
  const labelCols = Math.max(cols.code, cols.item);
  for (let r = headerRow; r < raw.cells.length; r++) {
    const line = raw.cells[r] ?? [];
    // footer labels stand left of the criteria: in column A or the item column
    let labelIndex = -1;
    for (let c = 0; c <= labelCols && c < line.length; c++) {
      const v = line[c];
      if (typeof v === 'string' && v.length < 24 && FOOTER_TO_KEY.has(norm(v))) {
        labelIndex = c;
        break;
      }
    }
    const codeText = canonCell(line[cols.code] ?? null);
    if (labelIndex >= 0 && !codeText) inFooter = true;
    if (inFooter) {
      if (labelIndex < 0) continue;
      const key = FOOTER_TO_KEY.get(norm(line[labelIndex]))!;
      if (footer[key]) continue;
      // the value sits in the score column for the total, else in the next cell to the right
      const col = key === 'total' ? cols.score : labelIndex + 1;
      footer[key] = { value: line[col] ?? null, cell: addrOf(r + 1, col), row: r + 1, col };
      continue;
    }
    const isBlank = line.every((c) => c === null || c === undefined || (typeof c === 'string' && c.trim() === ''));
    if (isBlank) continue;
    lastTableRow = r + 1;
    const cells = {} as Record<ColumnKey, CellValue>;
    for (const k of COLUMN_KEYS) cells[k] = line[cols[k]] ?? null;
    rows.push({ row: r + 1, code: codeText, cells });
  }

  return {
    ok: true,
    sheet: {
      name: raw.name,
      headerRow,
      columns: cols,
      fields,
      rows,
      lastTableRow,
      footer,
      merges: raw.merges ?? [],
      hiddenRows: raw.hiddenRows ?? [],
      raw,
    },
  };
}
