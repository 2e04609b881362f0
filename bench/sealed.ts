/**
 * Generates sealed score workbooks for the compile benchmark through the real pipeline
 * (template → typed scores → scorer and reviewer signatures → sample → re-checks → seal), in
 * process. Keys are random (no scrypt): the benchmark measures compile, not key derivation.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { publicKeyOf, type KeyPair } from '../src/core/crypto/ed25519';
import { renderReason } from '../src/core/i18n/render';
import { loadPlan, type Plan } from '../src/core/plan/plan';
import { evaluateSheet, type SheetReport } from '../src/core/rules/evaluate';
import { buildTemplate, col } from '../src/core/sheet/template';
import { drawSampleAction, recheckAction, sealAction, signItems, type ActionResult } from '../src/core/workflow/actions';
import { applyPatch } from '../src/xlsx/patch';
import { readRawWorkbook } from '../src/xlsx/raw';
import { addScoreSheet } from '../src/xlsx/render';
import { saveWorkbookAtomic } from '../src/xlsx/save';

const seed = (n: number): Uint8Array => new Uint8Array(32).fill(n);
const KEYS: Record<string, KeyPair> = Object.fromEntries(
  ['a1', 'a2', 'o1'].map((id, i) => [id, { personId: id, secret: seed(i + 1), publicKey: publicKeyOf(seed(i + 1)) }]),
);

export function benchPlan(units: number, items: number): Plan {
  const blocks = 5;
  const per = Math.ceil(items / blocks);
  const plan = {
    schema: 'scoreseal/plan@1',
    title: '基准测试',
    rubrics: [
      {
        id: 'r',
        title: '细则',
        category: '乡镇',
        step: 0.5,
        grades: [
          { name: '优秀', min: 450 },
          { name: '良好', min: 400 },
          { name: '较差', min: 0 },
        ],
        items: Array.from({ length: blocks }, (_, b) => ({
          code: String(b + 1),
          name: `模块${b + 1}`,
          group: `G${(b % 2) + 1}`,
          children: Array.from({ length: per }, (_, i) => ({
            code: `${b + 1}.${i + 1}`,
            name: `项目${b + 1}.${i + 1}`,
            max: 5,
            mode: 'deduct',
          })),
        })),
      },
    ],
    people: [
      { id: 'a1', name: '甲', role: 'appraiser', groups: ['G1', 'G2'], publicKey: KEYS.a1!.publicKey },
      { id: 'a2', name: '乙', role: 'appraiser', groups: ['G1', 'G2'], publicKey: KEYS.a2!.publicKey },
      { id: 'o1', name: '丙', role: 'oversight', publicKey: KEYS.o1!.publicKey },
    ],
    units: Array.from({ length: units }, (_, i) => ({ id: `u${i + 1}`, name: `单位${i + 1}`, rubric: 'r' })),
  };
  const r = loadPlan(plan);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.plan;
}

async function step<T>(wb: ExcelJS.Workbook, plan: Plan, act: (report: SheetReport) => ActionResult<T>): Promise<T> {
  const raw = readRawWorkbook(wb);
  const report = await evaluateSheet({ raw: raw.sheets[0]!, logRows: raw.log, trusted: plan });
  const r = act(report);
  if (!r.ok) throw new Error(r.reasons.map((x) => renderReason(x, r.locale)).join('; '));
  await applyPatch(wb, r.patch);
  return r.result;
}

export async function sealedWorkbook(plan: Plan, unit: string, variant: number): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  const tpl = buildTemplate(plan, unit);
  const ws = await addScoreSheet(wb, tpl);
  tpl.rowKinds.forEach((k, i) => {
    if (k !== 'leaf') return;
    const row = ws.getRow(i + 1);
    row.getCell(col('score') + 1).value = 5 - ((i + variant) % 4) * 0.5;
    row.getCell(col('completion') + 1).value = '已完成年度任务';
    row.getCell(col('basis') + 1).value = '对照细则逐条核实';
    row.getCell(col('verifiedBy') + 1).value = '实地查看';
  });
  await step(wb, plan, (r) => signItems(r, { person: 'a1', key: KEYS.a1!, role: 'scorer', items: 'all' }));
  await step(wb, plan, (r) => signItems(r, { person: 'a2', key: KEYS.a2!, role: 'reviewer', items: 'all' }));
  const sample = await step(wb, plan, (r) => drawSampleAction(r, { person: 'o1', key: KEYS.o1! }));
  for (const [j, item] of sample.record.items.entries())
    await step(wb, plan, (r) =>
      recheckAction(r, { person: 'o1', key: KEYS.o1!, item, result: j === 0 ? 'adjusted' : 'confirmed', score: '2', note: '复核' }),
    );
  await step(wb, plan, (r) => sealAction(r, { person: 'o1', key: KEYS.o1!, password: 'pw' }));
  return wb;
}

/** Where the sealed corpus of a size lives (the format is in the name: a corpus of an earlier format is never reused). */
export function sealedDir(units: number, items: number): string {
  return `dist/bench-data/sealed-format2-${units}x${items}`;
}

/** Writes (once) `units` sealed workbooks into `dir`; returns their paths. */
export async function sealedCorpus(dir: string, plan: Plan, units: number): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const have = existsSync(dir) ? (await readdir(dir)).filter((f) => f.endsWith('.xlsx')) : [];
  const files = Array.from({ length: units }, (_, i) => join(dir, `u${i + 1}.xlsx`));
  if (have.length >= units) return files;
  for (const [i, file] of files.entries()) await saveWorkbookAtomic(await sealedWorkbook(plan, `u${i + 1}`, i), file);
  return files;
}
