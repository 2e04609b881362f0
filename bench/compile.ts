/**
 * Compile of 100 sealed workbooks × 100 items vs ExcelJS alone loading the same files (issue 11:
 * ≤ 1.0×). Measured as the command line runs it (files read ahead on worker threads when
 * dist/read-worker.cjs is built: `npm run bench` builds it), and on one thread.
 */
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { compile } from '../src/core/compile/compile';
import { forgetVrfAhead } from '../src/core/crypto/vrf';
import { summaryTables } from '../src/core/compile/tables';
import { evaluateSheet } from '../src/core/rules/evaluate';
import { decodeLog } from '../src/core/sheet/log';
import { defaultReadWorkers, readFiles, readWorkerScript } from '../src/xlsx/read-pool';
import { workbookBytes } from '../src/xlsx/bytes';
import { summaryWorkbook } from '../src/xlsx/summary';
import { benchPlan, sealedCorpus, sealedDir } from './sealed';

export async function benchCompile(
  units = 100,
  items = 100,
): Promise<{ figure: string; measured: string; budget: string; ratio: number }[]> {
  const plan = benchPlan(units, items);
  const t0 = performance.now();
  const files = await sealedCorpus(sealedDir(units, items), plan, units);
  const made = performance.now() - t0;
  if (made > 1000) console.error(`(generated ${units} sealed workbooks in ${(made / 1000).toFixed(1)} s; reused next time)`);
  const buffers = await Promise.all(files.map((f) => readFile(f)));

  const excelOnly = async (): Promise<number> => {
    const t = performance.now();
    for (const b of buffers) await new ExcelJS.Workbook().xlsx.load(b as unknown as ArrayBuffer);
    return performance.now() - t;
  };
  // as `scoreseal compile` runs: files read ahead on worker threads (workers > 0) or on this thread
  const scoreseal = async (workers: number): Promise<number> => {
    forgetVrfAhead(); // each run verifies every draw again
    const plan = benchPlan(units, items); // and builds every unit's template again (they are kept per plan)
    const t = performance.now();
    const inputs = [];
    const keys = new Map([...plan.people].flatMap(([id, p]) => (p.publicKey ? [[id, p.publicKey] as const] : [])));
    const reader = readFiles(files, { workers, keys });
    for (const [i] of buffers.entries()) {
      const { raw } = await reader.next();
      const log = raw.log ? decodeLog(raw.log) : [];
      for (const sheet of raw.sheets)
        inputs.push({ file: files[i]!, report: await evaluateSheet({ raw: sheet, logRows: raw.log, log, trusted: plan, mode: 'verify' }) });
    }
    await reader.close();
    const result = compile(plan, inputs, { register: false });
    if (result.summary.some((s) => s.status !== 'verified')) throw new Error('every bench workbook should verify');
    await workbookBytes(await summaryWorkbook(summaryTables(plan, result)));
    return performance.now() - t;
  };
  // as the command line reads: its default number of reading threads (none on two cores), and the other choice
  const workers = defaultReadWorkers();
  const other = workers > 0 || !readWorkerScript() ? 0 : 1;
  await excelOnly();
  await scoreseal(workers);
  await scoreseal(other);
  const base: number[] = [];
  const ours: number[] = [];
  const alt: number[] = [];
  for (let i = 0; i < 3; i++) {
    base.push(await excelOnly());
    ours.push(await scoreseal(workers));
    alt.push(await scoreseal(other));
  }
  const b = Math.min(...base);
  const o = Math.min(...ours);
  const a = Math.min(...alt);
  const threads = (n: number): string => (n ? `${n} reading thread${n > 1 ? 's' : ''}` : 'reading on the main thread');
  return [
    {
      figure: `compile ${units} sealed workbooks × ${items} items (read + verify + summary; ${threads(workers)})`,
      measured: `${o.toFixed(0)} ms`,
      budget: `≤ 1.0 × ExcelJS ${b.toFixed(0)} ms`,
      ratio: o / b,
    },
    {
      figure: `  the same with ${threads(other)} (not the default here)`,
      measured: `${a.toFixed(0)} ms`,
      budget: 'informational',
      ratio: Number.NaN,
    },
  ];
}
