/**
 * Inputs the harness page and the scenarios need, made in Node by the project's own code:
 *  - `plan.json`: examples/plan.json in the page's language (only `locale` differs: keys,
 *    rubric and fingerprints are the same);
 *  - `setup.json`: that plan's setup sheets (设置, 细则设置, 细则, 人员, 单位) as the command line
 *    writes them (`setupTables` of src/xlsx/setup.ts), for the harness's `seed=office`;
 *  - `u01.xlsx`, `u02.xlsx`: sealed score workbooks made through the command line (`main` of
 *    src/cli/main.ts, as scripts/demo.ts does): template → filled by "hand" with ExcelJS → signed
 *    by two appraisers per group → sample → re-checks (one adjusted) → seal;
 *  - `u02-tampered.xlsx`: a copy of u02 whose score 1.2 was changed after sealing;
 *  - `compile.json`: what `scoreseal compile --json` says of those three files (the expected
 *    ranking for the pane's compile).
 */
/* eslint-disable office-addins/load-object-before-read -- ExcelJS rows, not Office.js proxies (the rule misfires on getCell().value, as in test/support/fill.ts) */
import { readFileSync } from 'node:fs';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { openScoreWorkbook } from '../../src/cli/io';
import { main } from '../../src/cli/main';
import { COLUMN_TITLES, LOG_SHEET } from '../../src/core/sheet/layout';
import type { PlanData } from '../../src/core/plan/schema';
import { setupTables } from '../../src/xlsx/setup';
import { goodEntry, type RowInfo } from '../support/fill';
import type { HarnessLang } from './harness-api';

export const FIXTURE_UNITS = ['u01', 'u02'] as const;
export const TAMPERED = 'u02-tampered.xlsx';

/** (scorer, reviewer) per group for 城关镇 and 河口镇 (nobody recused there). */
const SIGNERS: readonly (readonly [string, string])[] = [
  ['p01', 'p02'],
  ['p04', 'p05'],
  ['p07', 'p08'],
];

export interface CompileExpectation {
  readonly unit: string;
  readonly name: string;
  readonly total: string | number;
  readonly grade: string;
  readonly rank: number | null;
  readonly status: string;
  readonly adjusted: number;
}

export interface Fixtures {
  readonly dir: string;
  readonly planPath: string;
  readonly files: readonly string[];
  readonly compile: readonly CompileExpectation[];
}

/**
 * Types a complete entry into every leaf of every score sheet of a workbook with plain ExcelJS,
 * as a person would in Excel (test/support/fill.ts does the same for zh-CN titles only; this
 * finds the header row by the titles of the plan's locale).
 */
async function fillWorkbook(path: string, lang: HarnessLang, seed: number): Promise<void> {
  const titles = COLUMN_TITLES[lang];
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  for (const ws of wb.worksheets) {
    if (ws.name === LOG_SHEET) continue;
    let header = 0;
    ws.eachRow((row, n) => {
      if (!header && row.getCell(1).value === titles.code && row.getCell(5).value === titles.score) header = n;
    });
    if (!header) continue;
    for (let r = header + 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const code = row.getCell(1).value;
      // item codes only (1, 1.2, …): the footer labels below the table are not items
      if (typeof code !== 'string' || !/^\d+(\.\d+)*$/.test(code)) continue;
      const next = ws.getRow(r + 1).getCell(1).value;
      const max = row.getCell(4).value;
      const info: RowInfo = {
        code,
        max: typeof max === 'number' ? max : null,
        row: r,
        isLeaf: !(typeof next === 'string' && next.startsWith(`${code}.`)),
      };
      const e = goodEntry(info, seed);
      if (!e) continue;
      row.getCell(5).value = e.score ?? null;
      row.getCell(6).value = e.completion ?? null;
      row.getCell(7).value = e.basis ?? null;
      row.getCell(8).value = e.verifiedBy ?? null;
    }
  }
  await wb.xlsx.writeFile(path);
}

/** Runs `scoreseal …` in this process with the demo passphrase of `as`; its output goes to `log`. */
async function scoreseal(args: string[], as: string | null, log: string[]): Promise<{ code: number; stdout: string }> {
  if (as) process.env.SCORESEAL_PASSPHRASE = `demo-passphrase-${as}`;
  else delete process.env.SCORESEAL_PASSPHRASE;
  const chunks: string[] = [];
  const [out, err] = [process.stdout.write.bind(process.stdout), process.stderr.write.bind(process.stderr)];
  const capture = (chunk: string | Uint8Array): boolean => (
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')),
    true
  );
  process.stdout.write = capture;
  process.stderr.write = capture;
  try {
    const code = await main(args);
    log.push(`$ scoreseal ${args.join(' ')}  → ${code}\n${chunks.join('')}`);
    return { code, stdout: chunks.join('') };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
    delete process.env.SCORESEAL_PASSPHRASE;
  }
}

async function must(args: string[], as: string | null, log: string[]): Promise<string> {
  const r = await scoreseal(args, as, log);
  if (r.code !== 0) throw new Error(`fixtures: scoreseal ${args.join(' ')} exited ${r.code}\n${r.stdout}`);
  return r.stdout;
}

export function planVariant(lang: HarnessLang): Record<string, unknown> {
  return { ...(JSON.parse(readFileSync('examples/plan.json', 'utf8')) as Record<string, unknown>), locale: lang };
}

/** Writes the fixtures of one language into `<root>/<lang>/`. */
export async function makeFixtures(root: string, lang: HarnessLang, log: string[]): Promise<Fixtures> {
  const dir = join(root, lang);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const plan = planVariant(lang);
  const planPath = join(dir, 'plan.json');
  await writeFile(planPath, `${JSON.stringify(plan, null, 2)}\n`);
  await writeFile(join(dir, 'setup.json'), JSON.stringify(setupTables(plan as unknown as PlanData)));

  const file = (name: string): string => join(dir, name);
  await must(['template', '--plan', planPath, ...FIXTURE_UNITS.flatMap((u) => ['--unit', u]), '-o', dir], null, log);
  for (const [i, u] of FIXTURE_UNITS.entries()) {
    const path = file(`${u}.xlsx`);
    await fillWorkbook(path, lang, i + 1);
    for (const [scorer, reviewer] of SIGNERS) {
      await must(['sign', path, '--role', 'scorer', '--person', scorer, '--all'], scorer, log);
      await must(['sign', path, '--role', 'reviewer', '--person', reviewer, '--all'], reviewer, log);
    }
    await must(['sample', path, '--person', 'o01'], 'o01', log);
    const w = await openScoreWorkbook(path);
    const sampled = (w.log.filter((e) => e.kind === 'sample').at(-1)?.record as { items: string[] }).items;
    const adjust = sampled.find((c) => !c.startsWith('6.'));
    for (const item of sampled) {
      const how =
        item === adjust
          ? ['--result', 'adjusted', '--score', '0.5', '--note', '现场复核：台账与实际不符']
          : ['--result', 'confirmed', '--note', '复核无误'];
      await must(['recheck', path, '--person', 'o01', '--item', item, ...how], 'o01', log);
    }
    await must(['seal', path, '--person', 'o01', '--password', `envelope-${u}`], 'o01', log);
  }

  // someone lifts 1.2's score in a copy of a sealed sheet, with another program
  await copyFile(file('u02.xlsx'), file(TAMPERED));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file(TAMPERED));
  wb.worksheets
    .find((s) => s.name !== LOG_SHEET)!
    .eachRow((row) => {
      if (row.getCell(1).value === '1.2') {
        const max = Number(row.getCell(4).value);
        row.getCell(5).value = Number(row.getCell(5).value) === max ? max - 0.5 : max;
      }
    });
  await wb.xlsx.writeFile(file(TAMPERED));

  const files = [...FIXTURE_UNITS.map((u) => file(`${u}.xlsx`)), file(TAMPERED)];
  // exit 1: the tampered copy fails verification (and is listed, not ranked)
  const r = await scoreseal(['compile', ...files, '--plan', planPath, '-o', file('summary.xlsx'), '--json'], null, log);
  if (r.code !== 1 && r.code !== 0) throw new Error(`fixtures: scoreseal compile exited ${r.code}\n${r.stdout}`);
  const json = JSON.parse(r.stdout.slice(r.stdout.indexOf('{'))) as { summary: CompileExpectation[] };
  const compile = json.summary.map((s) => ({
    unit: s.unit,
    name: s.name,
    total: s.total,
    grade: s.grade,
    rank: s.rank,
    status: s.status,
    adjusted: s.adjusted,
  }));
  await writeFile(file('compile.json'), `${JSON.stringify(compile, null, 2)}\n`);
  return { dir, planPath, files, compile };
}

/** Reads fixtures written earlier (for a re-run of the scenarios alone). */
export async function readFixtures(root: string, lang: HarnessLang): Promise<Fixtures> {
  const dir = join(root, lang);
  const compile = JSON.parse(await readFile(join(dir, 'compile.json'), 'utf8')) as CompileExpectation[];
  return {
    dir,
    planPath: join(dir, 'plan.json'),
    files: [...FIXTURE_UNITS.map((u) => join(dir, `${u}.xlsx`)), join(dir, TAMPERED)],
    compile,
  };
}
