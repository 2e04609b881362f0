/**
 * The canonical sheet (SPEC §3 *Seal*, `scoreseal/sheet@2`): what the seal digest is computed
 * over — every cell of the item table (header row and every row to the last item, all thirteen
 * columns) and the unit and rubric fields above it, as typed canonical cells, and every log
 * record of the unit before the seal, as stored. Both edges produce the same typed cells
 * (see `typedCell`), so a sheet sealed in Excel verifies on the command line and back.
 */
import { digest } from '../crypto/digest';
import { typedCell } from '../sheet/cells';
import { COLUMN_KEYS, FIELD_KEYS, type FieldKey } from '../sheet/layout';
import type { LogEntry } from '../sheet/log';
import type { ParsedSheet } from '../sheet/parse';

export interface CanonicalSheet {
  readonly schema: 'scoreseal/sheet@2';
  readonly unit: string;
  /** the unit and rubric fields above the table, typed ("" when absent) */
  readonly fields: Readonly<Record<FieldKey, string>>;
  /** the header row and every table row below it, the thirteen columns in SPEC order, typed */
  readonly table: readonly (readonly string[])[];
  /** this unit's log records before the seal: kind and JSON text as stored */
  readonly log: readonly { readonly kind: string; readonly text: string }[];
}

export function canonicalSheet(sheet: ParsedSheet, unit: string, log: readonly LogEntry[]): CanonicalSheet {
  const fields = {} as Record<FieldKey, string>;
  for (const k of FIELD_KEYS) fields[k] = sheet.fields[k] ? typedCell(sheet.fields[k].raw) : '';
  const table: string[][] = [];
  for (let r = sheet.headerRow; r <= sheet.lastTableRow; r++) {
    const line = sheet.raw.cells[r - 1] ?? [];
    table.push(COLUMN_KEYS.map((k) => typedCell(line[sheet.columns[k]] ?? null)));
  }
  return { schema: 'scoreseal/sheet@2', unit, fields, table, log: log.map((e) => ({ kind: e.kind, text: e.text })) };
}

/** Seal digest: the canonical sheet plus the oversight person and the sealing time. */
export function sealDigest(c: CanonicalSheet, person: string, sealedAt: string): string {
  return digest({ ...c, person, sealedAt });
}
