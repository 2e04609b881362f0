/**
 * The append-only log in the very hidden `_scoreseal` sheet (SPEC §2, §3 Open format):
 * column A the kind, columns B, C, … the record's JSON split into pieces of at most
 * 32,000 characters. Nothing is deleted; a later record supersedes an earlier one.
 */
import { canonCell, type CellValue } from './cells';

export const LOG_KINDS = ['plan', 'signature', 'sample', 'recheck', 'seal', 'unseal', 'note'] as const;
export type LogKind = (typeof LOG_KINDS)[number];

export const PIECE = 32_000;
const RISKY_START = /[=+\-@'\s]/;

/** One row of the log as read back. */
export interface LogEntry {
  /** 1-based row in `_scoreseal` */
  readonly row: number;
  readonly kind: string;
  /** the concatenated JSON text */
  readonly text: string;
  /** the parsed record, or null when the text is not JSON */
  readonly record: Record<string, unknown> | null;
  /** the unit the record names (records without one apply to none) */
  readonly unit: string | null;
}

/** Splits a record into a log row: [kind, piece, piece, …]. */
export function encodeLogRow(kind: LogKind, record: object): string[] {
  const text = JSON.stringify(record);
  const row: string[] = [kind];
  let i = 0;
  while (i < text.length) {
    let end = Math.min(i + PIECE, text.length);
    // a piece must not start with a character Excel would read as a formula or prefix
    while (end < text.length && end > i + 1 && RISKY_START.test(text[end]!)) end -= 1;
    row.push(text.slice(i, end));
    i = end;
  }
  if (row.length === 1) row.push('');
  return row;
}

/** Reads log rows (as a 2-D block from A1) back into entries; blank rows are skipped. */
export function decodeLog(rows: readonly (readonly CellValue[])[]): LogEntry[] {
  const out: LogEntry[] = [];
  rows.forEach((cells, i) => {
    const kind = typeof cells[0] === 'string' ? cells[0].trim() : canonCell(cells[0] ?? null);
    const text = cells
      .slice(1)
      .map((c) => (typeof c === 'string' ? c : c === null ? '' : canonCell(c)))
      .join('');
    if (!kind && !text) return;
    let record: Record<string, unknown> | null = null;
    try {
      const v: unknown = JSON.parse(text);
      if (v && typeof v === 'object' && !Array.isArray(v)) record = v as Record<string, unknown>;
    } catch {
      record = null;
    }
    const unit = record && typeof record.unit === 'string' ? record.unit : record && isUnitObject(record.unit) ? record.unit.id : null;
    out.push({ row: i + 1, kind, text, record, unit });
  });
  return out;
}

function isUnitObject(u: unknown): u is { id: string } {
  return !!u && typeof u === 'object' && typeof (u as { id?: unknown }).id === 'string';
}
