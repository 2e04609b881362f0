/**
 * `npm run demo`: the whole job on the bundled sample, through the same command-line code
 * (`main` of src/cli/main.ts, in-process, so it runs in seconds rather than minutes):
 * setup workbook → plan → score sheets → an appraiser fills one with typical mistakes →
 * validate → fix, fill the others → two appraisers sign every item → oversight samples,
 * re-checks and seals → a tampered copy fails verification → the Office compiles.
 *
 * DEMO PASSPHRASES: person <id> uses "demo-passphrase-<id>". They are published here and in
 * examples/plan.json's keys; never use them for real assessments.
 */
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { main } from '../src/cli/main';
import { evaluateWorkbook, openScoreWorkbook, readScoreWorkbook } from '../src/cli/io';
import { formatDecimal } from '../src/core/decimal';
import { workbookBytes } from '../src/xlsx/bytes';
import { fillWorkbook, goodEntry, type Entry, type RowInfo } from '../test/support/fill';

/** where the demo writes (DEMO_OUT for a second run beside the first, as the reproducibility test does) */
const OUT = process.env.DEMO_OUT ?? 'out/demo';
const SHEETS = join(OUT, 'sheets');
const bold = (s: string): string => (process.stdout.isTTY ? `\u001b[1m${s}\u001b[0m` : s);
/** A step of the story: what it does, then what to look for (and why that result is expected). */
const step = (n: number, s: string, expect: string): void =>
  void process.stdout.write(`\n${bold(`== ${n}. ${s}`)}\n   ${expect.replace(/\n/g, '\n   ')}\n`);

async function run(args: string[], passphraseOf?: string): Promise<number> {
  process.stdout.write(`$ scoreseal ${args.map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(' ')}\n`);
  if (passphraseOf) process.env.SCORESEAL_PASSPHRASE = `demo-passphrase-${passphraseOf}`;
  else delete process.env.SCORESEAL_PASSPHRASE;
  const code = await main(args);
  delete process.env.SCORESEAL_PASSPHRASE;
  return code;
}

async function must(args: string[], passphraseOf?: string, expect = 0): Promise<void> {
  const code = await run(args, passphraseOf);
  if (code !== expect) throw new Error(`demo: "scoreseal ${args.join(' ')}" exited ${code}, expected ${expect}`);
}

/** Typical mistakes an appraiser makes on 城关镇 (u01). */
function withMistakes(r: RowInfo): Entry | null {
  const e = goodEntry(r);
  if (!e) return null;
  switch (r.code) {
    case '1.1':
      return { ...e, score: 12 }; // more than the item's points
    case '1.2':
      return { ...e, score: '２.５' }; // typed with a Chinese IME: full-width digits
    case '2.1':
      return { ...e, score: 3.3 }; // not a multiple of the 0.5 step
    case '3.1':
      return { ...e, score: (r.max ?? 1) - 1, basis: '' }; // points deducted, no basis
    case '3.2':
      return { ...e, verifiedBy: '资料审核' }; // scored from paperwork alone
    case '4.1':
      return { ...e, completion: '' }; // no completion record
    default:
      return e;
  }
}

/** Signers per group, avoiding recusals (p01 must stay out of u03, p08 out of d01). */
function signers(unit: string): [string, string, string][] {
  const g1: [string, string] = unit === 'u03' ? ['p02', 'p03'] : ['p01', 'p02'];
  // 郑海涛 (p09) scores G3 of 白石镇 (u04) only: the strongest unit, all at full marks
  const g3: [string, string] = unit === 'd01' ? ['p07', 'p09'] : unit === 'u04' ? ['p09', 'p08'] : ['p07', 'p08'];
  return [
    ['G1', ...g1],
    ['G2', 'p04', 'p05'],
    ['G3', ...g3],
  ];
}

/** Each leaf's group and numeric score, as the sheet holds them. */
async function scoresOf(file: string): Promise<Map<string, { group: string; score: number | null }>> {
  const w = await readScoreWorkbook(file);
  const [report] = await evaluateWorkbook(w, null, 'validate');
  return new Map(
    (report?.items ?? []).map((it) => [
      it.content.node.code,
      { group: it.content.node.group, score: it.content.score.kind === 'number' ? Number(formatDecimal(it.content.score.value)) : null },
    ]),
  );
}

async function sampleOf(file: string): Promise<string[]> {
  const w = await openScoreWorkbook(file);
  const rec = w.log.filter((e) => e.kind === 'sample').at(-1)?.record as { items?: string[] } | undefined;
  return rec?.items ?? [];
}

async function tamper(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets.find((s) => s.name !== '_scoreseal')!;
  // someone lifts 1.2's score after sealing: edit the XML-level value, as any tool could
  ws.eachRow((row) => {
    if (row.getCell(1).value === '1.2') {
      const max = Number(row.getCell(4).value);
      row.getCell(5).value = Number(row.getCell(5).value) === max ? max - 0.5 : max;
    }
  });
  await writeFile(file, await workbookBytes(wb)); // with the demo's fixed time, like every other file here
}

/** The demo's fixed clock (SCORESEAL_CLOCK): the same steps give the same files, byte for byte. */
export const DEMO_CLOCK = '2026-11-20T09:00:00+08:00';

async function demo(): Promise<void> {
  process.env.SCORESEAL_CLOCK = DEMO_CLOCK;
  await rm(OUT, { recursive: true, force: true });
  await mkdir(SHEETS, { recursive: true });
  const plan = join(OUT, 'plan.json');

  step(
    1,
    'The Office turns its setup workbook into the plan',
    'examples/setup.xlsx holds the rubrics, people (with their public keys) and units; the plan is what every check trusts.',
  );
  await must(['plan', 'examples/setup.xlsx', '-o', plan]);

  step(2, 'One score workbook per unit', 'Eight blank score sheets, one per unit, each carrying its plan record in _scoreseal.');
  await must(['template', '--plan', plan, '-o', SHEETS]);
  const units = ['u01', 'u02', 'u03', 'u04', 'u05', 'd01', 'd02', 'd03'];
  const file = (u: string): string => join(SHEETS, `${u}.xlsx`);

  step(
    3,
    'An appraiser fills 城关镇 (u01) — with a few typical mistakes — and validates it',
    'Expected: exit 1, each mistake named by its cell — 12 points on a 5-point item, full-width digits, 3.3 off the\n0.5 step, a deduction without its basis, paperwork as the only verification, a missing completion record.',
  );
  await fillWorkbook(file('u01'), withMistakes);
  await run(['validate', file('u01')]);

  step(
    4,
    'The mistakes are fixed; the other units are filled',
    'Expected: exit 1 again, but only because nothing is signed yet — every sheet lists its items awaiting\nsignatures (SIGNER_MISSING) and no content error is left. 白石镇 (u04) is all full marks; 柳林乡 (u05) has a veto.',
  );
  await fillWorkbook(file('u01'), (r) => goodEntry(r, 1));
  for (const [i, u] of units.slice(1).entries()) {
    await fillWorkbook(file(u), (r) => {
      const e = goodEntry(r, i + 2);
      if (!e) return null;
      if (u === 'u04' && r.max !== null) return { ...e, score: r.max, basis: '对照细则逐条核实，无扣分情形' }; // everything at full marks
      if (u === 'u05' && r.code === '6.1')
        return { ...e, score: '是', completion: '发生一起较大安全责任事故', basis: '应急管理局事故通报' }; // a veto
      return e;
    });
  }
  // the content is clean now; what remains is the signatures (SIGNER_MISSING, exit 1)
  await must(['validate', ...units.map(file)], undefined, 1);

  step(
    5,
    'Two appraisers sign every item (scorer, then reviewer; demo passphrases)',
    'Each signature is Ed25519 over the items’ digests; then a refused step: 刘芳 (p02) is not in group G2,\nso signing a G2 item of u01 exits 1 and leaves the file unchanged.',
  );
  for (const u of units)
    for (const [, scorer, reviewer] of signers(u)) {
      await must(['sign', file(u), '--role', 'scorer', '--person', scorer, '--all'], scorer);
      await must(['sign', file(u), '--role', 'reviewer', '--person', reviewer, '--all'], reviewer);
    }
  process.stdout.write('\n(a refused step: 刘芳 (p02) tries to sign a G2 item of u01)\n');
  await must(['sign', file('u01'), '--role', 'scorer', '--person', 'p02', '--item', '3.1'], 'p02', 1);

  step(
    6,
    'The oversight group draws the re-check sample, re-checks and seals each sheet',
    'The sample is drawn by a VRF from the sheet’s content (nobody can choose it). On re-check the oversight finds\n' +
      '张伟 (p01)’s G1 scores about a point too high wherever he scored (not on 白石镇, which really is that strong)\n' +
      'and confirms everything else; each seal prints its seal code (written on the paper envelope).',
  );
  for (const [i, u] of units.entries()) {
    const oversight = i % 2 === 0 ? 'o01' : 'o02';
    await must(['sample', file(u), '--person', oversight], oversight);
    const items = await sampleOf(file(u));
    // 张伟 (p01) scores G1 of every unit but 青山乡 (u03): the oversight finds his G1 scores too high,
    // except on 白石镇 (u04), which really is that strong; every other re-check confirms the score
    const scores = await scoresOf(file(u));
    for (const item of items) {
      const it = scores.get(item);
      const lenient = signers(u)[0]![1] === 'p01' && u !== 'u04' && it?.group === 'G1' && (it.score ?? 0) > 0;
      if (lenient) {
        const score = it.score! >= 1 ? it.score! - 1 : it.score! - 0.5; // scores step by 0.5: never below 0
        await must(
          ['recheck', file(u), '--person', oversight, '--item', item, '--result', 'adjusted', '--score', String(score)].concat([
            '--note',
            '现场复核：扣分依据不足，原分偏高',
          ]),
          oversight,
        );
      } else
        await must(['recheck', file(u), '--person', oversight, '--item', item, '--result', 'confirmed', '--note', '复核无误'], oversight);
    }
    const passwordFile = join(OUT, `envelope-${u}.password`);
    await writeFile(passwordFile, `envelope-${u}\n`, { mode: 0o600 });
    await must(['seal', file(u), '--person', oversight, '--password-file', passwordFile], oversight);
  }

  step(
    7,
    'A copy of 河口镇 (u02) is changed after sealing: verification catches it',
    'Someone edits one score of the sealed copy with another tool. Expected: exit 1 — the item no longer matches\nits signatures (SIGNED_CONTENT_CHANGED), the derived cells disagree, and the seal fails (SEAL_INVALID).',
  );
  const tampered = join(OUT, 'u02-tampered.xlsx');
  await copyFile(file('u02'), tampered);
  await tamper(tampered);
  await must(['verify', tampered, '--plan', plan], undefined, 1);

  step(
    8,
    'The Office verifies every sealed sheet and compiles totals, grades, ranks',
    'Expected: exit 0 — eight verified sheets; ties share a rank; 柳林乡 (u05) is 较差 by its veto whatever its total.\n' +
      'The appraiser analysis compares each appraiser’s scores with the oversight’s re-checks: 张伟 (p01) is flagged\n' +
      '偏宽松 with the interval of his mean deviation above zero — and so is 刘芳 (p02), who reviewed (co-signed) his items;\n' +
      '郑海涛 (p09), who scored only the strongest unit, has 100 % full marks (the weaker signal) yet 未见偏差: every\n' +
      're-check of his confirmed the score.',
  );
  const summary = join(OUT, 'summary.xlsx');
  await must(['compile', ...units.map(file), '--plan', plan, '-o', summary]);

  process.stdout.write(
    `\n${bold('Files')}\n  plan:          ${plan}\n  score sheets:  ${SHEETS}/<unit>.xlsx (sealed)\n  tampered copy: ${tampered}\n  summary:       ${summary}\n`,
  );
}

demo().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
