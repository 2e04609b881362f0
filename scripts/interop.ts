/**
 * `npm run test:interop`: do score workbooks made by ScoreSeal read the same in LibreOffice, and
 * do they survive LibreOffice opening and saving them?
 *
 * Workbooks are made with the real pipeline (the command line's `main`, in this process) on the
 * example plan, unit u01: template → filled (test/support/fill.ts, as a person types) → signed
 * by three pairs of appraisers → sampled, re-checked, sealed. Then LibreOffice (headless
 * `soffice`, a private profile) exports every sheet of each to CSV — values, and formulas — and
 * re-saves each as .xlsx. Checked:
 *
 * - LibreOffice sees both sheets, the very hidden `_scoreseal` included;
 * - every cell of the item table (13 columns, header to last item) reads as ours;
 * - the total's formula text is ours and LibreOffice's computed total is the sum of the scores;
 * - the `_scoreseal` rows LibreOffice reads are the log we read;
 * - after LibreOffice's xlsx round trip: the item table and `_scoreseal` rows are unchanged,
 *   `validate` gives the same findings, `verify` still passes on the sealed workbook, and `sign`
 *   still works on a LibreOffice-saved filled workbook.
 * What LibreOffice changes without breaking anything (sheet visibility, protection) is printed
 * as notes. Exit 0 when every check passes (or LibreOffice is not installed: skipped), 1 when
 * one fails.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import JSZip from 'jszip';
import { main } from '../src/cli/main';
import { canonCell, isFormula } from '../src/core/sheet/cells';
import { decodeLog } from '../src/core/sheet/log';
import { parseSheet, type ParsedSheet } from '../src/core/sheet/parse';
import { canonText } from '../src/core/text';
import { openWorkbook } from '../src/xlsx/read';
import { fillWorkbook, goodEntry } from '../test/support/fill';

const PLAN = 'examples/plan.json';
const UNIT = 'u01';
const SIGNERS = [
  ['p01', 'p02'],
  ['p04', 'p05'],
  ['p07', 'p08'],
] as const;

type Status = 'pass' | 'FAIL' | 'note';
const rows: { stage: string; check: string; status: Status; detail: string }[] = [];
const record = (stage: string, check: string, ok: boolean | 'note', detail = ''): void =>
  void rows.push({ stage, check, status: ok === 'note' ? 'note' : ok ? 'pass' : 'FAIL', detail });

/** `soffice` on PATH (or `libreoffice`); SCORESEAL_SOFFICE=<path> names another one (a missing path: skipped). */
function findSoffice(): string | null {
  const named = process.env.SCORESEAL_SOFFICE;
  if (named) return existsSync(named) ? named : null;
  for (const name of ['soffice', 'libreoffice']) {
    try {
      execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'pipe' });
      return name;
    } catch {
      /* not on PATH */
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// running things

/** Runs `scoreseal …` in this process, quietly; returns the exit code and what it printed. */
async function cli(args: string[], person?: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const ow = process.stdout.write.bind(process.stdout);
  const ew = process.stderr.write.bind(process.stderr);
  const capture =
    (add: (s: string) => void) =>
    (s: string | Uint8Array): boolean => {
      add(typeof s === 'string' ? s : Buffer.from(s).toString('utf8'));
      return true;
    };
  process.stdout.write = capture((s) => (out += s));
  process.stderr.write = capture((s) => (err += s));
  if (person) process.env.SCORESEAL_PASSPHRASE = `demo-passphrase-${person}`;
  try {
    return { code: await main(args), out, err };
  } finally {
    process.stdout.write = ow;
    process.stderr.write = ew;
    delete process.env.SCORESEAL_PASSPHRASE;
  }
}

async function must(args: string[], person?: string): Promise<string> {
  const r = await cli(args, person);
  if (r.code !== 0) throw new Error(`scoreseal ${args.join(' ')} exited ${r.code}: ${r.err.trim()}`);
  return r.out;
}

let profile = '';
function soffice(bin: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      bin,
      [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--norestore', ...args],
      { cwd, timeout: 180_000 },
      (e, stdout, stderr) => {
        if (e) reject(new Error(`soffice ${args.join(' ')}: ${e.message} ${stderr}`));
        else resolve(stdout + stderr);
      },
    );
  });
}

// ---------------------------------------------------------------------------------------------
// reading

/** RFC 4180 CSV (quotes doubled, newlines inside quotes). */
function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      out.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field || row.length) {
    row.push(field);
    out.push(row);
  }
  return out;
}

interface Ours {
  sheet: ParsedSheet;
  logRows: { kind: string; text: string }[];
  logState: string;
}

async function readOurs(file: string): Promise<Ours> {
  const { raw, lean } = await openWorkbook(file);
  const parsed = raw.sheets.map(parseSheet).find((p) => p.ok);
  if (!parsed?.ok) throw new Error(`${file}: no score sheet`);
  return {
    sheet: parsed.sheet,
    logRows: decodeLog(raw.log ?? []).map((e) => ({ kind: e.kind, text: e.text })),
    logState: lean.sheetStates.get([...lean.sheetStates.keys()].find((n) => n.toLowerCase() === '_scoreseal') ?? '_scoreseal') ?? 'missing',
  };
}

/** Our canonical item table: rows header..last item, the 13 columns as sheet columns A… (raw positions). */
function ourTable(s: ParsedSheet): Map<string, string> {
  const cells = new Map<string, string>();
  for (let r = s.headerRow; r <= s.lastTableRow; r++) {
    const line = s.raw.cells[r - 1] ?? [];
    for (const c of Object.values(s.columns)) cells.set(`${r}:${c}`, canonCell(line[c] ?? null));
  }
  return cells;
}

const colName = (c: number): string => String.fromCharCode(65 + c);

/** Compares our canonical cells with what LibreOffice shows (values CSV; formula cells against the formulas CSV). */
function compareTable(s: ParsedSheet, values: string[][], formulas: string[][]): string[] {
  const diffs: string[] = [];
  for (const [key, ours] of ourTable(s)) {
    const [r, c] = key.split(':').map(Number) as [number, number];
    const raw = s.raw.cells[r - 1]?.[c] ?? null;
    const lo = isFormula(raw) ? (formulas[r - 1]?.[c] ?? '') : (values[r - 1]?.[c] ?? '');
    if (canonText(lo) !== ours) diffs.push(`${colName(c)}${r}: ours ${JSON.stringify(ours)}, LibreOffice ${JSON.stringify(lo)}`);
  }
  return diffs;
}

/** The sum of the numeric scores as we read them (what SUM over the 得分 column must give). */
function scoreSum(s: ParsedSheet): number {
  let units = 0;
  for (let r = s.headerRow + 1; r <= s.lastTableRow; r++) {
    const v = s.raw.cells[r - 1]?.[s.columns.score] ?? null;
    if (typeof v === 'number') units += Math.round(v * 1000);
  }
  return units / 1000;
}

/** Zip entry text (for notes on what LibreOffice wrote). */
async function zipText(file: string, part: string): Promise<string> {
  const zip = await JSZip.loadAsync(await readFile(file));
  return (await zip.file(part)?.async('string')) ?? '';
}

// ---------------------------------------------------------------------------------------------

async function makeWorkbooks(dir: string): Promise<Record<string, string>> {
  const work = join(dir, 'work');
  await must(['template', '--plan', PLAN, '--unit', UNIT, '-o', work]);
  const wf = join(work, `${UNIT}.xlsx`);
  const stages: Record<string, string> = {};
  const keep = async (stage: string): Promise<void> => {
    stages[stage] = join(dir, `${stage}.xlsx`);
    await copyFile(wf, stages[stage]);
  };
  await keep('template');
  // only item rows (fill.ts would also type into footer rows whose column A is a label)
  await fillWorkbook(wf, (r) => (/^\d+(\.\d+)*$/.test(r.code) ? goodEntry(r, 7) : null));
  await keep('filled');
  for (const [scorer, reviewer] of SIGNERS) {
    await must(['sign', wf, '--role', 'scorer', '--person', scorer, '--all'], scorer);
    await must(['sign', wf, '--role', 'reviewer', '--person', reviewer, '--all'], reviewer);
  }
  await keep('signed');
  const sampled = (await must(['sample', wf, '--person', 'o01'], 'o01')).trim().split(/\s+/);
  for (const [i, item] of sampled.entries()) {
    const adjust = i === 0 && !item.startsWith('6.');
    await must(
      [
        'recheck',
        wf,
        '--person',
        'o01',
        '--item',
        item,
        ...(adjust
          ? ['--result', 'adjusted', '--score', '1.5', '--note', '现场复核：台账不全']
          : ['--result', 'confirmed', '--note', '复核无误']),
      ],
      'o01',
    );
  }
  await must(['seal', wf, '--person', 'o01', '--password', 'envelope-u01'], 'o01');
  await keep('sealed');
  return stages;
}

const CSV_VALUES = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1';
const CSV_FORMULAS = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,true,false,-1';

async function exportCsv(bin: string, file: string, outDir: string, filter: string): Promise<Map<string, string[][]>> {
  await mkdir(outDir, { recursive: true });
  await soffice(bin, ['--convert-to', filter, '--outdir', outDir, file], outDir);
  const base = basename(file, '.xlsx');
  const sheets = new Map<string, string[][]>();
  for (const f of await readdir(outDir)) {
    if (f.startsWith(`${base}-`) && f.endsWith('.csv'))
      sheets.set(f.slice(base.length + 1, -4), parseCsv(await readFile(join(outDir, f), 'utf8')));
  }
  return sheets;
}

const sameFindings = (a: string, b: string): boolean => JSON.stringify(findingKeys(a)) === JSON.stringify(findingKeys(b));
function findingKeys(json: string): string[] {
  const doc = JSON.parse(json) as { files: { units: { findings: { code: string; item?: string; cell?: string }[] }[] }[] };
  return doc.files.flatMap((f) => f.units.flatMap((u) => u.findings.map((x) => `${x.code}/${x.item ?? ''}@${x.cell ?? ''}`))).sort();
}

async function run(): Promise<number> {
  const bin = findSoffice();
  if (!bin) {
    process.stdout.write('interop: skipped: LibreOffice is not installed (apt-get install -y libreoffice-calc)\n');
    return 0;
  }
  const version = execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim();
  const dir = await mkdtemp(join(tmpdir(), 'scoreseal-interop-'));
  profile = join(dir, 'lo-profile');
  const t0 = performance.now();
  try {
    const stages = await makeWorkbooks(dir);
    const made = performance.now();
    for (const [stage, file] of Object.entries(stages)) {
      const ours = await readOurs(file);
      const values = await exportCsv(bin, file, join(dir, 'csv', stage), CSV_VALUES);
      const formulas = await exportCsv(bin, file, join(dir, 'csv-f', stage), CSV_FORMULAS);
      const sheetName = ours.sheet.name;
      const v = values.get(sheetName);
      const f = formulas.get(sheetName);
      const logCsv = values.get('_scoreseal');
      record(
        stage,
        'LibreOffice reads both sheets (very hidden _scoreseal too)',
        !!v && !!f && !!logCsv,
        `sheets: ${[...values.keys()].join(', ')}`,
      );
      if (!v || !f) continue;
      const diffs = compareTable(ours.sheet, v, f);
      record(
        stage,
        'item table cells equal ours (13 columns)',
        diffs.length === 0,
        diffs.length ? diffs.slice(0, 3).join('; ') : `${ourTable(ours.sheet).size} cells`,
      );
      const total = ours.sheet.footer.total;
      if (total) {
        const loFormula = f[total.row - 1]?.[total.col] ?? '';
        record(stage, 'total formula text equals ours', canonText(loFormula) === canonCell(total.value), `${total.cell}: ${loFormula}`);
        const loValue = Number(v[total.row - 1]?.[total.col] ?? 'NaN');
        const sum = scoreSum(ours.sheet);
        record(
          stage,
          'LibreOffice computes the total as the sum of the scores',
          Math.abs(loValue - sum) < 1e-9,
          `LibreOffice ${loValue}, scores sum ${sum}`,
        );
      } else record(stage, 'total formula present', false, 'no 合计 row found');
      const loLog = (logCsv ?? []).filter((r) => r.some((c) => c !== '')).map((r) => ({ kind: r[0] ?? '', text: r.slice(1).join('') }));
      record(
        stage,
        '_scoreseal rows read by LibreOffice equal our log',
        JSON.stringify(loLog) === JSON.stringify(ours.logRows),
        `${ours.logRows.length} record(s)`,
      );

      // LibreOffice opens and saves as .xlsx
      const rtDir = join(dir, 'roundtrip');
      await mkdir(rtDir, { recursive: true });
      await soffice(bin, ['--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', rtDir, file], rtDir);
      const rt = join(rtDir, basename(file));
      let after: Ours;
      try {
        after = await readOurs(rt);
      } catch (e) {
        record(stage, 'round trip: ScoreSeal reads the LibreOffice-saved workbook', false, (e as Error).message);
        continue;
      }
      const before = ourTable(ours.sheet);
      const changed = [...ourTable(after.sheet)]
        .filter(([k, val]) => before.get(k) !== val)
        .map(([k, val]) => `${k} ${JSON.stringify(before.get(k))}→${JSON.stringify(val)}`);
      record(
        stage,
        'round trip: item table unchanged (canonical cells)',
        changed.length === 0 && before.size === ourTable(after.sheet).size,
        changed.slice(0, 3).join('; '),
      );
      record(
        stage,
        'round trip: _scoreseal rows unchanged',
        JSON.stringify(after.logRows) === JSON.stringify(ours.logRows),
        `${after.logRows.length} record(s)`,
      );
      record(stage, 'round trip: _scoreseal visibility', 'note', `${ours.logState} → ${after.logState}`);
      const a = await cli(['validate', file, '--plan', PLAN, '--json']);
      const b = await cli(['validate', rt, '--plan', PLAN, '--json']);
      record(
        stage,
        'round trip: validate gives the same findings',
        a.code === b.code && sameFindings(a.out, b.out),
        `exit ${a.code} → ${b.code}`,
      );
      if (stage === 'signed') record(stage, 'round trip: signatures still fresh (validate exit 0)', b.code === 0, `exit ${b.code}`);
      if (stage === 'sealed') {
        const vr = await cli(['verify', rt, '--plan', PLAN, '--json']);
        record(
          stage,
          'round trip: verify still passes',
          vr.code === 0,
          vr.code === 0 ? 'exit 0' : `exit ${vr.code}: ${findingKeys(vr.out).join(' ')}`,
        );
        const sheetXml = await zipText(rt, 'xl/worksheets/sheet1.xml');
        const wbXml = await zipText(rt, 'xl/workbook.xml');
        record(
          stage,
          'round trip: sheet protection',
          'note',
          /<sheetProtection\b[^>]*hashValue=/.test(sheetXml) ? 'kept (LibreOffice writes sheet="true")' : 'lost',
        );
        record(
          stage,
          'round trip: workbook structure protection',
          'note',
          /<workbookProtection\b[^>]*lockStructure="(1|true)"/.test(wbXml)
            ? 'kept'
            : `lost (${/<workbookProtection[^>]*>/.exec(wbXml)?.[0] ?? 'no element'})`,
        );
      }
      if (stage === 'filled') {
        const s = await cli(['sign', rt, '--role', 'scorer', '--person', 'p01', '--item', '1.1'], 'p01');
        const after2 = await cli(['validate', rt, '--plan', PLAN, '--json']);
        const stillMissing = findingKeys(after2.out).some((k) => k.startsWith('SIGNER_MISSING/1.1@'));
        record(
          stage,
          'round trip: ScoreSeal signs the LibreOffice-saved workbook',
          s.code === 0 && stillMissing,
          `sign exit ${s.code}${s.err ? `: ${s.err.trim().split('\n')[0]}` : ''}`,
        );
      }
    }
    const elapsed = ((performance.now() - t0) / 1000).toFixed(1);
    print(version, `${((made - t0) / 1000).toFixed(1)} s making workbooks, ${elapsed} s in all`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return rows.some((r) => r.status === 'FAIL') ? 1 : 0;
}

function print(version: string, time: string): void {
  const w1 = Math.max(...rows.map((r) => r.stage.length));
  const w2 = Math.max(...rows.map((r) => r.check.length));
  const lines = [`interop with ${version} (${time})`, ''];
  for (const r of rows) lines.push(`${r.status.padEnd(4)}  ${r.stage.padEnd(w1)}  ${r.check.padEnd(w2)}  ${r.detail}`);
  const failed = rows.filter((r) => r.status === 'FAIL').length;
  const passed = rows.filter((r) => r.status === 'pass').length;
  lines.push('', `interop: ${passed} passed, ${failed} failed`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

run().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`interop: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
