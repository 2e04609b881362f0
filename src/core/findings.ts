/**
 * Findings: the one result type of validation and verification (SPEC §4).
 */

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
] as const;

export type FindingCode = (typeof FINDING_CODES)[number];
export type Severity = 'error' | 'warning';

export interface Finding {
  readonly severity: Severity;
  readonly code: FindingCode;
  readonly unit: string;
  readonly item?: string;
  readonly cell?: string;
  readonly message: string;
}

/** Stable order: by cell row, then code (so output is reproducible). */
export function sortFindings(findings: Finding[]): Finding[] {
  const rowOf = (f: Finding): number => {
    const m = /(\d+)$/.exec(f.cell ?? '');
    return m ? Number(m[1]) : 0;
  };
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => rowOf(a.f) - rowOf(b.f) || a.i - b.i)
    .map((x) => x.f);
}
