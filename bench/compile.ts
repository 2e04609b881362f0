/** Compile of 100 sealed workbooks × 100 items vs ExcelJS alone loading the same files. */
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { compile } from '../src/core/compile/compile';
import { summaryTables } from '../src/core/compile/tables';
import { evaluateSheet } from '../src/core/rules/evaluate';
import { decodeLog } from '../src/core/sheet/log';
import { readWorkbookBuffer } from '../src/xlsx/buffer';
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
  const scoreseal = async (): Promise<number> => {
    const t = performance.now();
    const inputs = [];
    for (const [i, b] of buffers.entries()) {
      const { raw } = await readWorkbookBuffer(b, files[i]);
      const log = raw.log ? decodeLog(raw.log) : [];
      for (const sheet of raw.sheets)
        inputs.push({ file: files[i]!, report: await evaluateSheet({ raw: sheet, logRows: raw.log, log, trusted: plan, mode: 'verify' }) });
    }
    const result = compile(plan, inputs, { register: false });
    if (result.summary.some((s) => s.status !== 'verified')) throw new Error('every bench workbook should verify');
    await workbookBytes(summaryWorkbook(summaryTables(plan, result)));
    return performance.now() - t;
  };
  await excelOnly();
  await scoreseal();
  const base: number[] = [];
  const ours: number[] = [];
  for (let i = 0; i < 3; i++) {
    base.push(await excelOnly());
    ours.push(await scoreseal());
  }
  const b = Math.min(...base);
  const o = Math.min(...ours);
  return [
    {
      figure: `compile ${units} sealed workbooks × ${items} items (verify + summary)`,
      measured: `${o.toFixed(0)} ms`,
      budget: `≤ 1.5 × ExcelJS ${b.toFixed(0)} ms`,
      ratio: o / b / 1.5,
    },
  ];
}
