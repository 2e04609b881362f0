/**
 * Findings: the one result type of validation and verification (SPEC §4). A finding says what
 * is wrong as a message of the catalog (`messageId` and its `params`), never as text: the
 * edges render it in the plan's locale (`renderFinding`, `shownFinding` in
 * src/core/i18n/render.ts), and `--json` prints it as SPEC §4's `{ …, message }`.
 */
import type { MessageId, Params } from './i18n/catalog';

/** Stable finding codes. These may be added to, never renamed (SPEC §4). */
export const FINDING_CODES = [
  'PLAN_INVALID',
  'SHEET_LAYOUT',
  'RUBRIC_MISMATCH',
  'SCORE_MISSING',
  'SCORE_NOT_NUMBER',
  'SCORE_NORMALISED',
  'SCORE_OUT_OF_RANGE',
  'SCORE_STEP',
  'COMPLETION_MISSING',
  'BASIS_MISSING',
  'VERIFIED_BY_MISSING',
  'VERIFIED_BY_UNKNOWN',
  'MATERIALS_ONLY',
  'SIGNER_MISSING',
  'SIGNER_SAME_PERSON',
  'SIGNER_UNKNOWN',
  'SIGNER_NOT_IN_GROUP',
  'SIGNER_RECUSED',
  'SIGNATURE_INVALID',
  'SIGNATURE_UNVERIFIED',
  'SIGNED_CONTENT_CHANGED',
  'LENIENT_SHEET',
  'SAMPLE_MISSING',
  'SAMPLE_INVALID',
  'RECHECK_MISSING',
  'RECHECK_INVALID',
  'OVERSIGHT_NOT_ALLOWED',
  'SEAL_MISSING',
  'SEAL_INVALID',
  'SEAL_BROKEN',
  'QUOTA_EXCEEDED',
  'LOG_ORDER',
  'DERIVED_CELL_CHANGED',
  'UNIT_MISMATCH',
  'SEAL_NOT_REGISTERED',
  'SHEET_MISSING',
  'DUPLICATE_UNIT',
] as const;

export type FindingCode = (typeof FINDING_CODES)[number];
export type Severity = 'error' | 'warning';

export interface Finding {
  readonly severity: Severity;
  readonly code: FindingCode;
  readonly unit: string;
  readonly item?: string;
  readonly cell?: string;
  /** the catalog message that says what is wrong (usually the code itself) */
  readonly messageId: MessageId;
  readonly params: Params;
}

/**
 * Stable order (so output is reproducible): findings about the whole sheet first, then those
 * naming a `_scoreseal` row (usually the cause), then cells of the sheet by row; ties keep the
 * order the rules found them in.
 */
export function sortFindings(findings: Finding[]): Finding[] {
  const rank = (f: Finding): [number, number] => {
    if (!f.cell) return [0, 0];
    const m = /(\d+)(?::[A-Z]+\d+)?$/.exec(f.cell);
    const row = m ? Number(m[1]) : 0;
    return [f.cell.startsWith('_scoreseal!') ? 1 : 2, row];
  };
  return findings
    .map((f, i) => ({ f, i, r: rank(f) }))
    .sort((a, b) => a.r[0] - b.r[0] || a.r[1] - b.r[1] || a.i - b.i)
    .map((x) => x.f);
}
