/** `scoreseal compile`: verify every sheet, then the Office's summary (SPEC §5, §6). */
import { realpath } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import {
  compile,
  type AgreementRow,
  type AppraiserRow,
  type CompileInput,
  type CompileResult,
  type RecheckBias,
  type UnitSummary,
} from '../core/compile/compile';
import { t, type Locale } from '../core/i18n/catalog';
import { renderFinding, shownFinding } from '../core/i18n/render';
import { summaryTables } from '../core/compile/tables';
import type { Finding } from '../core/findings';
import type { Plan } from '../core/plan/plan';
import type { Register } from '../core/rules/register';
import { saveWorkbookAtomic } from '../xlsx/save';
import { summaryWorkbook } from '../xlsx/summary';
import { str, type Parsed } from './args';
import { UsageError } from './errors';
import { cli, say } from './say';
import { readPlanFile } from './io';
import { jsonDocument, rankingLines, severityWord, type FileResult } from './output';
import { visible as v } from '../core/text/visible';

export const COMPILE_HELP = 'scoreseal compile <xlsx>… --plan <plan.json> [--register <csv>] -o <summary.xlsx> [--json]';

interface Io {
  checkFiles(
    files: string[],
    trusted: Plan | null,
    mode: 'validate' | 'verify',
    register?: Register | null,
  ): Promise<{ results: FileResult[]; unreadable: boolean }>;
  registerFor(p: Parsed): Promise<{ register: Register | null; warnings: Finding[] }>;
  out(s: string): void;
  err(s: string): void;
}

/** The same file, however it was named (a missing file resolves to its absolute path). */
async function samePath(a: string, b: string): Promise<boolean> {
  const real = async (p: string): Promise<string> => realpath(p).catch(() => resolve(p));
  return (await real(a)) === (await real(b));
}

/** A summary row as `compile --json` prints it (SPEC §5, with the seal and register added). */
function summaryJson(r: UnitSummary): object {
  const { unit, name, category, total, blocks, grade, rank, veto, adjusted, status, sealer, sealedAt, sealCode, register, file } = r;
  return { unit, name, category, total, blocks, grade, rank, veto, adjusted, status, sealer, sealedAt, sealCode, register, file };
}

/** A share as a signed percentage, e.g. +8.3%. */
const signedPct = (x: number): string => `${x > 0 ? '+' : x < 0 ? '−' : '±'}${Math.abs(x * 100).toFixed(1)}%`;
const pct = (x: number, digits: number): string => `${(x * 100).toFixed(digits)}%`;

/** Bias against the re-checks in one phrase, e.g. "6 re-checked (5 adjusted), mean +13.9% [+5.8%, +22.0%]: ⚠ lenient". */
function biasText(L: Locale, b: RecheckBias, min: number): string {
  if (b.rechecked === 0) return t(L, 'cli.noRechecks');
  const verdict = t(L, `verdict.${b.verdict}`, { min });
  return t(L, 'cli.bias', {
    count: b.rechecked,
    adjusted: b.adjusted,
    mean: signedPct(b.meanShare ?? 0),
    interval: b.intervalShare ? ` [${signedPct(b.intervalShare[0])}, ${signedPct(b.intervalShare[1])}]` : '',
    verdict: b.verdict === 'lenient' || b.verdict === 'harsh' ? `⚠ ${verdict}` : verdict,
  });
}

/** One appraiser in three lines: the re-check bias over both roles, per role, then the weaker signals. */
function appraiserLines(L: Locale, a: AppraiserRow, min: number): string[] {
  const weak =
    a.meanRatio === null || a.fullShare === null || a.z === null
      ? t(L, 'cli.weakNone')
      : t(L, 'cli.weak', {
          items: a.items,
          mean: pct(a.meanRatio, 1),
          full: pct(a.fullShare, 0),
          z: a.z.toFixed(2),
          adjusted: a.adjustedCount,
        }) + (a.lenient ? `  ⚠ ${t(L, 'value.lenient')}` : '');
  return [
    `  ${v(a.person).padEnd(5)} ${v(a.name)}  ${biasText(L, a.overall, min)}`,
    `        ${t(L, 'cli.roles', { scorer: biasText(L, a.asScorer, min), reviewer: biasText(L, a.asReviewer, min) })}`,
    `        ${weak}`,
  ];
}

/** A group, rubric or all re-checked items: agreement with the oversight, then bias. */
function agreementLine(L: Locale, label: string, r: AgreementRow, min: number): string {
  return `  ${t(L, 'cli.agreementLine', {
    label,
    count: r.rechecked,
    confirmed: r.confirmed,
    share: r.confirmedShare === null ? '—' : pct(r.confirmedShare, 1),
    alpha: r.alpha === null ? t(L, 'cli.alphaNone') : r.alpha.toFixed(3),
    bias: biasText(L, r, min),
  })}`;
}

/** The appraiser analysis as the human output shows it, in the plan's language. */
export function analysisLines(L: Locale, result: CompileResult): string[] {
  const { level, minRechecks: min, all, groups, rubrics } = result.agreement;
  return [
    t(L, 'cli.appraisers', { level: Math.round(level * 100), min }),
    ...result.appraisers.flatMap((a) => appraiserLines(L, a, min)),
    t(L, 'cli.agreement'),
    ...groups.map((g) => agreementLine(L, `${t(L, 'value.group')} ${v(g.id)}`, g, min)),
    ...rubrics.map((r) => agreementLine(L, `${t(L, 'value.rubric')} ${v(r.name)}`, r, min)),
    agreementLine(L, t(L, 'value.allRechecked'), all, min),
  ];
}

export async function compileCommand(p: Parsed, io: Io): Promise<number> {
  const plan = await readPlanFile(str(p, 'plan', true));
  const output = str(p, 'output', true);
  for (const input of p.positionals) if (await samePath(input, output)) throw new UsageError(cli('cli.args.outputIsInput', { output }));
  const { register, warnings: registerWarnings } = await io.registerFor(p);
  const { results, unreadable } = await io.checkFiles(p.positionals, plan, 'verify', register);
  const inputs: CompileInput[] = results.flatMap((r) => r.reports.map((report) => ({ file: basename(r.file), report })));
  const result = compile(plan, inputs, { register: register !== null });
  await saveWorkbookAtomic(await summaryWorkbook(summaryTables(plan, result)), output);
  if (p.values.json === true) {
    io.out(
      JSON.stringify(
        {
          ...jsonDocument(results, plan.locale),
          summary: result.summary.map(summaryJson),
          appraisers: result.appraisers,
          agreement: result.agreement,
          warnings: [...registerWarnings.filter((w) => !result.warnings.some((x) => x.code === w.code)), ...result.warnings].map((w) =>
            shownFinding(w, plan.locale),
          ),
          findings: result.findings
            .filter((f) => f.code === 'DUPLICATE_UNIT')
            .map((f) => ({ ...shownFinding(f, plan.locale), file: f.file })),
        },
        null,
        2,
      ),
    );
  } else {
    for (const line of rankingLines(result.summary, plan.locale)) io.out(line);
    for (const w of result.warnings) io.out(`${severityWord(plan.locale, 'warning')} ${w.code}: ${v(renderFinding(w, plan.locale))}`);
    for (const f of result.findings.filter((x) => x.code === 'DUPLICATE_UNIT'))
      io.out(`${severityWord(plan.locale, 'error')} ${f.code}: ${v(f.file)}: ${v(renderFinding(f, plan.locale))}`);
    for (const line of analysisLines(plan.locale, result)) io.out(line);
    io.err(
      say('cli.done.compile', {
        file: output,
        units: result.summary.length,
        failed: result.summary.filter((s) => s.status === 'failed' || s.status === 'duplicate').length,
      }),
    );
  }
  if (unreadable) return 2;
  return result.summary.some((s) => s.status === 'failed' || s.status === 'duplicate') ? 1 : 0;
}
