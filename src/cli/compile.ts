/** `scoreseal compile`: verify every sheet, then the Office's summary (SPEC §5, §6). */
import { realpath } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { compile, type CompileInput, type UnitSummary } from '../core/compile/compile';
import { summaryTables } from '../core/compile/tables';
import type { Finding } from '../core/findings';
import type { Plan } from '../core/plan/plan';
import type { Register } from '../core/rules/register';
import { cstText } from '../core/protocol/time';
import { saveWorkbookAtomic } from '../xlsx/save';
import { summaryWorkbook } from '../xlsx/summary';
import { str, type Parsed } from './args';
import { UsageError } from './errors';
import { readPlanFile } from './io';
import { jsonDocument, type FileResult } from './output';
import { visible as v } from '../core/text/visible';

export const COMPILE_HELP = 'scoreseal compile <xlsx>… --plan <plan.json> [--register <csv>] -o <summary.xlsx> [--json]';

interface Io {
  checkFiles(
    files: string[],
    trusted: Plan | null,
    mode: 'validate' | 'verify',
    register?: Register | null,
  ): Promise<{ results: FileResult[]; unreadable: boolean }>;
  registerFor(p: Parsed, locale: Plan['locale']): Promise<{ register: Register | null; warnings: Finding[] }>;
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

export async function compileCommand(p: Parsed, io: Io): Promise<number> {
  const plan = await readPlanFile(str(p, 'plan', true));
  const output = str(p, 'output', true);
  for (const input of p.positionals)
    if (await samePath(input, output))
      throw new UsageError(`-o ${output} is one of the inputs; the summary must not overwrite a sealed sheet`);
  const { register, warnings: registerWarnings } = await io.registerFor(p, plan.locale);
  const { results, unreadable } = await io.checkFiles(p.positionals, plan, 'verify', register);
  const inputs: CompileInput[] = results.flatMap((r) => r.reports.map((report) => ({ file: basename(r.file), report })));
  const result = compile(plan, inputs, { register: register !== null });
  await saveWorkbookAtomic(summaryWorkbook(summaryTables(plan, result)), output);
  if (p.values.json === true) {
    io.out(
      JSON.stringify(
        {
          ...jsonDocument(results),
          summary: result.summary.map(summaryJson),
          appraisers: result.appraisers,
          warnings: [...registerWarnings.filter((w) => !result.warnings.some((x) => x.code === w.code)), ...result.warnings],
          findings: result.findings.filter((f) => f.code === 'DUPLICATE_UNIT'),
        },
        null,
        2,
      ),
    );
  } else {
    for (const cat of [...new Set(result.summary.map((r) => r.category))]) {
      io.out(v(cat));
      for (const r of result.summary.filter((x) => x.category === cat))
        io.out(
          `  ${r.rank === null ? '  -' : String(r.rank).padStart(3)}  ${v(r.unit).padEnd(5)} ${v(r.name)}  ${r.total ?? '-'}  ${v(r.grade ?? '')}${r.veto ? ' (一票否决)' : ''}  ${r.status}${r.adjusted ? `  adjusted ${r.adjusted}` : ''}${r.sealCode ? `  sealed by ${v(r.sealer ?? '')} ${cstText(r.sealedAt ?? '')} ${v(r.sealCode)} (${r.register})` : ''}`,
        );
    }
    for (const w of result.warnings) io.out(`warning ${w.code}: ${v(w.message)}`);
    for (const f of result.findings.filter((x) => x.code === 'DUPLICATE_UNIT')) io.out(`error ${f.code}: ${v(f.file)}: ${v(f.message)}`);
    io.out('appraisers (scorer: items, mean score/max, full-marks share, z, adjusted)');
    for (const a of result.appraisers)
      io.out(
        `  ${v(a.person).padEnd(5)} ${v(a.name)}  ${a.items}  ${(a.meanRatio * 100).toFixed(1)}%  ${(a.fullShare * 100).toFixed(0)}%  z=${a.z.toFixed(2)}  ${a.adjustedCount}${a.lenient ? '  ⚠ possibly lenient' : ''}`,
      );
    io.err(
      `${output}: summary written (${result.summary.length} unit(s), ${result.summary.filter((s) => s.status === 'failed' || s.status === 'duplicate').length} failed verification)`,
    );
  }
  if (unreadable) return 2;
  return result.summary.some((s) => s.status === 'failed' || s.status === 'duplicate') ? 1 : 0;
}
