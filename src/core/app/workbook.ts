/**
 * The application layer's workbook steps, the same for every front end (the command line, the
 * task pane, the tests): evaluate a workbook's score sheets, and the plan from plan JSON text.
 * Each edge only reads bytes or ranges and shows the result.
 */
import { msg } from '../i18n/catalog';
import { loadPlan, type Plan, type PlanIssue } from '../plan/plan';
import type { Register } from '../rules/register';
import { evaluateSheet, type SheetReport } from '../rules/evaluate';
import { decodeLog, type LogEntry } from '../sheet/log';
import { findHeaderRow } from '../sheet/parse';
import type { RawWorkbook } from '../sheet/patch';

export interface EvaluateOptions {
  /** the Office's plan; null: each sheet's embedded plan (validate) */
  readonly trusted: Plan | null;
  readonly mode: 'validate' | 'verify';
  /** the envelope register (verify); undefined: not given */
  readonly register?: Register | null;
  /** per sheet name: the first non-empty cell beyond the columns a score sheet uses */
  readonly outside?: ReadonlyMap<string, string> | Readonly<Record<string, string>>;
  /** only the sheet of this unit */
  readonly unit?: string;
  /** the log, decoded already (else decoded here, once for all sheets) */
  readonly log?: readonly LogEntry[];
}

/** The workbook's score sheets: worksheets with a header row (编号 … 得分). */
export function scoreSheetsOf(raw: RawWorkbook): RawWorkbook['sheets'] {
  return raw.sheets.filter((s) => findHeaderRow(s.cells) !== null);
}

/** Evaluates every score sheet of a workbook (the log decoded once), or the one of `opts.unit`. */
export async function evaluateWorkbook(raw: RawWorkbook, opts: EvaluateOptions): Promise<SheetReport[]> {
  const log = raw.log ? (opts.log ?? decodeLog(raw.log)) : undefined;
  const outside = opts.outside;
  const outsideOf = (name: string): string | undefined =>
    outside instanceof Map
      ? (outside as ReadonlyMap<string, string>).get(name)
      : (outside as Readonly<Record<string, string>> | undefined)?.[name];
  const reports: SheetReport[] = [];
  for (const sheet of scoreSheetsOf(raw)) {
    const r = await evaluateSheet({
      raw: sheet,
      logRows: raw.log,
      log,
      trusted: opts.trusted,
      mode: opts.mode,
      outside: outsideOf(sheet.name),
      ...(opts.register !== undefined ? { register: opts.register } : {}),
    });
    if (!opts.unit || r.unit === opts.unit) reports.push(r);
  }
  return reports;
}

/** The largest plan text read (the example plan is 12 KB; a county's is well under 1 MB). */
export const MAX_PLAN_CHARS = 16 * 2 ** 20;

export type PlanTextResult = { readonly ok: true; readonly plan: Plan } | { readonly ok: false; readonly issues: readonly PlanIssue[] };

/** The plan from plan JSON text (`scoreseal/plan@1`): size, BOM, JSON and every rule of loadPlan. */
export function parsePlanText(text: string): PlanTextResult {
  if (text.length > MAX_PLAN_CHARS)
    return { ok: false, issues: [{ path: '(file)', problem: msg('plan.tooLarge', { limit: MAX_PLAN_CHARS / 2 ** 20 }) }] };
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return {
      ok: false,
      issues: [{ path: '(JSON)', problem: msg('plan.notJson', { detail: e instanceof Error ? e.message : String(e) }) }],
    };
  }
  return loadPlan(json);
}
