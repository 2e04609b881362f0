/**
 * The canonical sheet (SPEC §3 Seal): what the sample's sheet digest and the seal digest are
 * computed over. Cells are canonicalised identically on both edges (see `canonCell`).
 */
import { digest } from '../crypto/digest';
import { canonCell } from '../sheet/cells';
import { COLUMN_KEYS, FIELD_KEYS, type FieldKey } from '../sheet/layout';
import type { LogEntry } from '../sheet/log';
import type { ParsedSheet } from '../sheet/parse';

export interface CanonicalSheet {
  readonly schema: 'scoreseal/sheet@1';
  readonly unit: string;
  /** the unit and rubric fields above the table ("" when absent) */
  readonly fields: Readonly<Record<FieldKey, string>>;
  /** the header row and every table row below it, the thirteen columns in SPEC order */
  readonly table: readonly (readonly string[])[];
  /** this unit's log records before the point of signing: kind and JSON text as stored */
  readonly log: readonly { readonly kind: string; readonly text: string }[];
}

export function canonicalSheet(sheet: ParsedSheet, unit: string, log: readonly LogEntry[]): CanonicalSheet {
  const fields = {} as Record<FieldKey, string>;
  for (const k of FIELD_KEYS) fields[k] = sheet.fields[k]?.value ?? '';
  const table: string[][] = [];
  for (let r = sheet.headerRow; r <= sheet.lastTableRow; r++) {
    const line = sheet.raw.cells[r - 1] ?? [];
    table.push(COLUMN_KEYS.map((k) => canonCell(line[sheet.columns[k]] ?? null)));
  }
  return { schema: 'scoreseal/sheet@1', unit, fields, table, log: log.map((e) => ({ kind: e.kind, text: e.text })) };
}

/** Sheet digest (signed by the sample record). */
export function sheetDigest(c: CanonicalSheet): string {
  return digest(c);
}

/** Seal digest: the canonical sheet plus the oversight person and the sealing time. */
export function sealDigest(c: CanonicalSheet, person: string, sealedAt: string): string {
  return digest({ ...c, person, sealedAt });
}
