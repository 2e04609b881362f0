/**
 * One open scheme, two edges (issues 3 and 4): what the Office edge signs and seals in Excel
 * (here the Excel test double) verifies on the command line, and the reverse; the item
 * digests the two edges compute agree byte for byte.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { main } from '../../src/cli/main';
import { openScoreWorkbook } from '../../src/cli/io';
import { deriveKeyPair, type KeyPair } from '../../src/core/crypto/ed25519';
import type { Plan } from '../../src/core/plan/plan';
import { evaluateSheet, type SheetReport } from '../../src/core/rules/evaluate';
import type { CellValue } from '../../src/core/sheet/cells';
import { LOG_SHEET } from '../../src/core/sheet/layout';
import { buildTemplate } from '../../src/core/sheet/template';
import { drawSampleAction, recheckAction, sealAction, signItems, type ActionResult } from '../../src/core/workflow/actions';
import { applyPatch, readScoreSheet, run } from '../../src/office';
import { ExcelDouble } from '../support/excel-double';
import { fillWorkbook, goodEntry } from '../support/fill';
import { whyRefused } from '../support/memory';
import { examplePlan, scoreWorkbook } from '../office/fixtures';

jest.setTimeout(180_000);

const PLAN = join(__dirname, '../../examples/plan.json');
const keys = new Map<string, Promise<KeyPair>>();
const keyOf = (id: string): Promise<KeyPair> => {
  let k = keys.get(id);
  if (!k) {
    k = deriveKeyPair(`demo-passphrase-${id}`, '2026年度争先创优考核', id);
    keys.set(id, k);
  }
  return k;
};

/** Reads the sheet through the Office edge (one sync) and evaluates it. */
async function officeReport(
  d: ExcelDouble,
  sheet: string,
  plan: Plan | null,
  mode: 'validate' | 'verify' = 'validate',
): Promise<{ report: SheetReport; state: unknown }> {
  const restore = d.install();
  try {
    const read = await run((ctx) => readScoreSheet(ctx, sheet));
    const report = await evaluateSheet({ raw: read.sheet, logRows: read.log, trusted: plan, mode });
    return { report, state: read.state };
  } finally {
    restore();
  }
}

/** One step through the Office edge: read, act in the core, write the patch. */
async function officeStep<T>(d: ExcelDouble, sheet: string, plan: Plan, act: (r: SheetReport) => ActionResult<T>): Promise<T> {
  const { report } = await officeReport(d, sheet, plan);
  const r = act(report);
  if (!r.ok) throw new Error(whyRefused(r).join('; '));
  const restore = d.install();
  try {
    await run((ctx) => applyPatch(ctx, r.patch));
  } finally {
    restore();
  }
  return r.result;
}

/** Signs every item by group (scorer, then reviewer), draws the sample, confirms it and seals — all through the Office edge. */
async function signAndSealInOffice(d: ExcelDouble, sheet: string, plan: Plan, signers: readonly (readonly [string, string, string])[]) {
  for (const [group, scorer, reviewer] of signers)
    for (const [role, person] of [
      ['scorer', scorer],
      ['reviewer', reviewer],
    ] as const) {
      const key = await keyOf(person);
      await officeStep(d, sheet, plan, (r) =>
        signItems(r, { role, person, key, items: r.items.filter((i) => i.content.node.group === group).map((i) => i.content.node.code) }),
      );
    }
  const o01 = await keyOf('o01');
  const sample = await officeStep(d, sheet, plan, (r) => drawSampleAction(r, { person: 'o01', key: o01 }));
  for (const item of sample.record.items)
    await officeStep(d, sheet, plan, (r) => recheckAction(r, { person: 'o01', key: o01, item, result: 'confirmed', note: '复核无误' }));
  return officeStep(d, sheet, plan, (r) => sealAction(r, { person: 'o01', key: o01, password: 'envelope' }));
}

/** The double's workbook as an .xlsx file (what Excel would save). */
async function exportDouble(d: ExcelDouble, file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const name of d.sheetNames()) {
    const ws = wb.addWorksheet(name, name === LOG_SHEET ? { state: 'veryHidden' } : {});
    const { values, formulas } = d.dump(name);
    values.forEach((row, r) =>
      row.forEach((v, c) => {
        const f = formulas[r]?.[c];
        const cell = ws.getCell(r + 1, c + 1);
        if (typeof f === 'string' && f.startsWith('=') && f !== v) cell.value = { formula: f.slice(1) };
        else if (v !== '' && v !== null) cell.value = v;
        // a number keeps the format it is shown through (a date-time is its serial, shown as a date)
        const fmt = typeof v === 'number' ? d.cell(name, `${String.fromCharCode(65 + c)}${r + 1}`).numberFormat : 'General';
        if (fmt && fmt !== 'General' && fmt !== '@') cell.numFmt = fmt;
      }),
    );
  }
  await wb.xlsx.writeFile(file);
}

/** An .xlsx file loaded into a fresh double (what Excel would open). */
async function importToDouble(file: string): Promise<ExcelDouble> {
  const w = await openScoreWorkbook(file);
  const sheets: Record<
    string,
    { values: readonly (readonly CellValue[])[]; numberFormat?: (string | null)[][]; visibility?: 'VeryHidden' }
  > = {};
  for (const s of w.raw.sheets)
    sheets[s.name] = { values: s.cells, numberFormat: s.cells.map((r) => r.map((v) => (typeof v === 'string' ? '@' : null))) };
  if (w.raw.log) sheets[LOG_SHEET] = { values: w.raw.log, numberFormat: w.raw.log.map((r) => r.map(() => '@')), visibility: 'VeryHidden' };
  return ExcelDouble.fromData({ sheets });
}

const quiet = async (args: string[], passOf?: string): Promise<number> => {
  const out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  if (passOf) process.env.SCORESEAL_PASSPHRASE = `demo-passphrase-${passOf}`;
  try {
    return await main(args);
  } finally {
    delete process.env.SCORESEAL_PASSPHRASE;
    out.mockRestore();
    err.mockRestore();
  }
};

const digestsOf = (r: SheetReport): string[] => r.items.map((i) => `${i.content.node.code}=${i.digest()}`);
const SIGNERS: [string, string, string][] = [
  ['G1', 'p01', 'p02'],
  ['G2', 'p04', 'p05'],
  ['G3', 'p07', 'p08'],
];

describe('Office edge ↔ command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scoreseal-cross-'));
  const plan = examplePlan();

  it('a sheet signed, sampled, re-checked and sealed in Excel verifies on the command line', async () => {
    const tpl = buildTemplate(plan, 'u01');
    const d = scoreWorkbook(tpl);
    // typed as a person would, within each item's points
    tpl.rowKinds.forEach((kind, i) => {
      if (kind !== 'leaf' && kind !== 'veto') return;
      const max = tpl.cells[i]![3];
      d.type(tpl.sheetName, `E${i + 1}`, kind === 'veto' ? '否' : String(Number(max) - 0.5));
      d.type(tpl.sheetName, `F${i + 1}`, `第${i + 1}行任务已完成`);
      d.type(tpl.sheetName, `G${i + 1}`, '台账缺一项，扣0.5分');
      d.type(tpl.sheetName, `H${i + 1}`, '实地查看、资料审核');
    });
    const seal = await signAndSealInOffice(d, tpl.sheetName, plan, SIGNERS);
    expect(d.protection(tpl.sheetName).protected).toBe(true);

    const office = await officeReport(d, tpl.sheetName, plan, 'verify');
    expect(office.report.findings.filter((f) => f.severity === 'error')).toEqual([]);

    const file = join(dir, 'from-excel.xlsx');
    await exportDouble(d, file);
    expect(await quiet(['verify', file, '--plan', PLAN])).toBe(0);
    const cli = await openScoreWorkbook(file);
    const cliReport = await evaluateSheet({ raw: cli.scoreSheets[0]!, logRows: cli.raw.log, trusted: plan, mode: 'verify' });
    expect(cliReport.seal?.code).toBe(seal.record.code);
    expect(digestsOf(cliReport)).toEqual(digestsOf(office.report));

    // a change made outside ScoreSeal after sealing fails on the command line
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet(tpl.sheetName)!;
    const row = tpl.rowKinds.indexOf('leaf') + 1;
    ws.getCell(row, 6).value = '改过的完成情况';
    const tampered = join(dir, 'from-excel-tampered.xlsx');
    await wb.xlsx.writeFile(tampered);
    expect(await quiet(['verify', tampered, '--plan', PLAN])).toBe(1);
  });

  it('a date-time in 完成情况 (its stored double, 45000.416666666664, shown as a date) seals in Excel and verifies on the command line, digest for digest', async () => {
    const tpl = buildTemplate(plan, 'u03');
    const d = scoreWorkbook(tpl);
    const when = 45000.416666666664; // 2023-03-15 10:00, as Excel stores it (not ms-rounded)
    tpl.rowKinds.forEach((kind, i) => {
      if (kind !== 'leaf' && kind !== 'veto') return;
      const max = tpl.cells[i]![3];
      d.type(tpl.sheetName, `E${i + 1}`, kind === 'veto' ? '否' : typeof max === 'number' || typeof max === 'string' ? String(max) : '');
      d.type(tpl.sheetName, `F${i + 1}`, `第${i + 1}行任务已完成`);
      d.type(tpl.sheetName, `G${i + 1}`, '对照细则逐条核实');
      d.type(tpl.sheetName, `H${i + 1}`, '实地查看');
    });
    const first = tpl.rowKinds.indexOf('leaf') + 1;
    // a date typed into a General cell (as on a sheet the command line generated): Excel stores
    // its serial and shows it through a date format
    const model = d.model.find(tpl.sheetName)!;
    model.protection.protected = false;
    const restore = d.install();
    try {
      await run(async (ctx) => {
        const cell = ctx.workbook.worksheets.getItem(tpl.sheetName).getRange(`F${first}`);
        cell.numberFormat = [['yyyy-mm-dd hh:mm']];
        cell.values = [[when]];
        await ctx.sync();
      });
    } finally {
      restore();
    }
    model.protection.protected = true;
    const signers: [string, string, string][] = [
      ['G1', 'p02', 'p03'], // p01 is recused from u03
      ['G2', 'p04', 'p05'],
      ['G3', 'p07', 'p08'],
    ];
    const seal = await signAndSealInOffice(d, tpl.sheetName, plan, signers);
    const office = await officeReport(d, tpl.sheetName, plan, 'verify');
    expect(office.report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(office.report.items[0]!.content.completion).toBe('45000.416666666664');

    const file = join(dir, 'date-time-from-excel.xlsx');
    await exportDouble(d, file);
    expect(await quiet(['verify', file, '--plan', PLAN])).toBe(0);
    const cli = await openScoreWorkbook(file);
    expect(cli.scoreSheets[0]!.cells[first - 1]![5]).toBe(when); // the stored double, not a rounded Date
    const cliReport = await evaluateSheet({ raw: cli.scoreSheets[0]!, logRows: cli.raw.log, trusted: plan, mode: 'verify' });
    expect(cliReport.seal?.code).toBe(seal.record.code);
    expect(digestsOf(cliReport)).toEqual(digestsOf(office.report));
  });

  it('a sheet signed and sealed on the command line verifies through the Office edge, with equal digests', async () => {
    await quiet(['template', '--plan', PLAN, '--unit', 'u02', '-o', dir]);
    const file = join(dir, 'u02.xlsx');
    await fillWorkbook(file, (r) => goodEntry(r, 3));
    for (const [, scorer, reviewer] of SIGNERS) {
      expect(await quiet(['sign', file, '--role', 'scorer', '--person', scorer, '--all'], scorer)).toBe(0);
      expect(await quiet(['sign', file, '--role', 'reviewer', '--person', reviewer, '--all'], reviewer)).toBe(0);
    }
    expect(await quiet(['sample', file, '--person', 'o02'], 'o02')).toBe(0);
    const sampled = (await openScoreWorkbook(file)).log.find((e) => e.kind === 'sample')!.record!.items as string[];
    for (const item of sampled)
      expect(await quiet(['recheck', file, '--person', 'o02', '--item', item, '--result', 'confirmed', '--note', '复核无误'], 'o02')).toBe(
        0,
      );
    expect(await quiet(['seal', file, '--person', 'o02', '--password', 'pw'], 'o02')).toBe(0);

    const cli = await openScoreWorkbook(file);
    const cliReport = await evaluateSheet({ raw: cli.scoreSheets[0]!, logRows: cli.raw.log, trusted: plan, mode: 'verify' });
    expect(cliReport.findings.filter((f) => f.severity === 'error')).toEqual([]);

    const d = await importToDouble(file);
    const office = await officeReport(d, cli.scoreSheets[0]!.name, plan, 'verify');
    expect(office.report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(office.report.stage).toBe('sealed');
    expect(digestsOf(office.report)).toEqual(digestsOf(cliReport));

    // typing into the sealed sheet in Excel (protection lifted by some tool) is caught
    const score = cliReport.items[0]!.content.row.row;
    d.model.find(cli.scoreSheets[0]!.name)!.protection.protected = false;
    d.type(cli.scoreSheets[0]!.name, `E${score}`, '0');
    const after = await officeReport(d, cli.scoreSheets[0]!.name, plan, 'verify');
    expect(after.report.findings.map((f) => f.code)).toContain('SEAL_INVALID');
  });

  it('a scorer signs on the command line and the reviewer in Excel: both signatures stay fresh', async () => {
    await quiet(['template', '--plan', PLAN, '--unit', 'd02', '-o', dir]);
    const file = join(dir, 'd02.xlsx');
    await fillWorkbook(file, (r) => goodEntry(r, 5));
    expect(await quiet(['sign', file, '--role', 'scorer', '--person', 'p04', '--all'], 'p04')).toBe(0);
    const d = await importToDouble(file);
    const sheet = (await openScoreWorkbook(file)).scoreSheets[0]!.name;
    const key = await keyOf('p05');
    await officeStep(d, sheet, plan, (r) => signItems(r, { role: 'reviewer', person: 'p05', key, items: 'all' }));
    const back = join(dir, 'd02-back.xlsx');
    await exportDouble(d, back);
    const w = await openScoreWorkbook(back);
    const report = await evaluateSheet({ raw: w.scoreSheets[0]!, logRows: w.raw.log, trusted: plan });
    const g2 = report.items.filter((i) => i.content.node.group === 'G2');
    expect(g2.length).toBeGreaterThan(0);
    for (const it of g2) {
      expect(it.scorer?.fresh).toBe(true);
      expect(it.reviewer?.fresh).toBe(true);
      expect(it.status).toBe('signed');
    }
    expect(report.findings.filter((f) => f.code === 'SIGNATURE_INVALID' || f.code === 'SIGNED_CONTENT_CHANGED')).toEqual([]);
  });
});
