/** `scoreseal compile`: verify every sheet, then the Office's summary (SPEC §5, §6). */
import { basename } from 'node:path';
import { compile, type CompileInput } from '../core/compile/compile';
import { summaryTables } from '../core/compile/tables';
import type { Plan } from '../core/plan/plan';
import { saveWorkbookAtomic } from '../xlsx/save';
import { summaryWorkbook } from '../xlsx/summary';
import { str, type Parsed } from './args';
import { readPlanFile } from './io';
import type { FileResult } from './output';

export const COMPILE_HELP = 'scoreseal compile <xlsx>… --plan <plan.json> -o <summary.xlsx> [--json]';

interface Io {
  checkFiles(files: string[], trusted: Plan | null, mode: 'validate' | 'verify'): Promise<{ results: FileResult[]; unreadable: boolean }>;
  out(s: string): void;
  err(s: string): void;
}

export async function compileCommand(p: Parsed, io: Io): Promise<number> {
  const plan = await readPlanFile(str(p, 'plan', true));
  const output = str(p, 'output', true);
  const { results, unreadable } = await io.checkFiles(p.positionals, plan, 'verify');
  const inputs: CompileInput[] = results.flatMap((r) => r.reports.map((report) => ({ file: basename(r.file), report })));
  const result = compile(plan, inputs);
  await saveWorkbookAtomic(summaryWorkbook(summaryTables(plan, result)), output);
  if (p.values.json === true) {
    io.out(
      JSON.stringify(
        {
          files: results.map((r) => ({
            file: r.file,
            units: r.reports.map((rep) => ({
              unit: rep.unit,
              name: rep.unitName,
              status: rep.status,
              stage: rep.stage,
              findings: rep.findings,
            })),
          })),
          summary: result.summary.map(({ unit, name, category, total, blocks, grade, rank, veto, adjusted, status }) => ({
            unit,
            name,
            category,
            total,
            blocks,
            grade,
            rank,
            veto,
            adjusted,
            status,
          })),
          appraisers: result.appraisers,
          warnings: result.warnings,
        },
        null,
        2,
      ),
    );
  } else {
    for (const cat of [...new Set(result.summary.map((r) => r.category))]) {
      io.out(`${cat}`);
      for (const r of result.summary.filter((x) => x.category === cat))
        io.out(
          `  ${r.rank === null ? '  -' : String(r.rank).padStart(3)}  ${r.unit.padEnd(5)} ${r.name}  ${r.total ?? '-'}  ${r.grade ?? ''}${r.veto ? ' (一票否决)' : ''}  ${r.status}${r.adjusted ? `  adjusted ${r.adjusted}` : ''}`,
        );
    }
    for (const w of result.warnings) io.out(`warning ${w.code}: ${w.message}`);
    io.out('appraisers (scorer: items, mean score/max, full-marks share, z, adjusted)');
    for (const a of result.appraisers)
      io.out(
        `  ${a.person.padEnd(5)} ${a.name}  ${a.items}  ${(a.meanRatio * 100).toFixed(1)}%  ${(a.fullShare * 100).toFixed(0)}%  z=${a.z.toFixed(2)}  ${a.adjustedCount}${a.lenient ? '  ⚠ possibly lenient' : ''}`,
      );
    io.err(
      `${output}: summary written (${result.summary.length} unit(s), ${result.summary.filter((s) => s.status === 'failed').length} failed verification)`,
    );
  }
  if (unreadable) return 2;
  return result.summary.some((s) => s.status === 'failed') ? 1 : 0;
}
