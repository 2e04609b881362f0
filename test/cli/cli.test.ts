/**
 * The command line as a user runs it (SPEC §5): ./bin/scoreseal spawned in temp dirs, after
 * building dist/cli.cjs once. Exit codes, one-line errors for unreadable input, read-only
 * validate/verify, refusals that leave the file untouched, the whole flow from template to
 * compile, and `plan` from a setup workbook.
 */
import { execFile, execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { COLUMN_KEYS } from '../../src/core/sheet/layout';
import { buildTemplate } from '../../src/core/sheet/template';
import { fillWorkbook, goodEntry } from '../support/fill';
import { examplePlanJson, mustLoad } from '../support/memory';

jest.setTimeout(120_000);

const ROOT = join(__dirname, '../..');
const BIN = join(ROOT, 'bin/scoreseal');
const COMMANDS = ['plan', 'keygen', 'template', 'validate', 'sign', 'sample', 'recheck', 'seal', 'unseal', 'verify', 'compile'];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], opts: { passOf?: string; cwd?: string } = {}): Promise<Run> {
  const env = { ...process.env };
  delete env.SCORESEAL_DEBUG;
  if (opts.passOf) env.SCORESEAL_PASSPHRASE = `demo-passphrase-${opts.passOf}`;
  else delete env.SCORESEAL_PASSPHRASE;
  return new Promise((resolve) => {
    execFile(BIN, args, { cwd: opts.cwd ?? ROOT, env, maxBuffer: 32 * 2 ** 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs and requires an exit code, showing the output when it differs. */
async function must(args: string[], code: number, passOf?: string): Promise<Run> {
  const r = await cli(args, passOf ? { passOf } : {});
  if (r.code !== code)
    throw new Error(`scoreseal ${args.join(' ')} exited ${r.code}, expected ${code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return r;
}

const snapshot = (file: string): { bytes: Buffer; mtime: number; size: number } => {
  const st = statSync(file);
  return { bytes: readFileSync(file), mtime: st.mtimeMs, size: st.size };
};
const expectUnchanged = (file: string, before: ReturnType<typeof snapshot>): void => {
  const after = snapshot(file);
  expect(after.mtime).toBe(before.mtime);
  expect(after.size).toBe(before.size);
  expect(after.bytes.equals(before.bytes)).toBe(true);
};

/** Every non-empty cell of a worksheet as address → JSON of its value (read with ExcelJS alone). */
async function cellMap(file: string, sheet: string): Promise<Map<string, string>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const out = new Map<string, string>();
  book.getWorksheet(sheet)!.eachRow((row) => row.eachCell((c) => void out.set(c.address, JSON.stringify(c.value))));
  return out;
}

let dir: string;
let planPath: string; // the example plan with a small sample ratio (3 re-checks instead of 8)

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: ROOT, stdio: 'pipe' });
  dir = mkdtempSync(join(tmpdir(), 'scoreseal-cli-'));
  const j = examplePlanJson();
  j.rubrics[0].sampleRatio = 0.1; // 24 leaves → k = 3, one per group
  planPath = join(dir, 'plan.json');
  writeFileSync(planPath, JSON.stringify(j, null, 2));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('usage', () => {
  it('--help for every command exits 0 and shows its usage', async () => {
    const runs = await Promise.all(COMMANDS.map((c) => cli([c, '--help'])));
    runs.forEach((r, i) => {
      expect([COMMANDS[i], r.code]).toEqual([COMMANDS[i], 0]);
      expect(r.stdout).toContain(`Usage: scoreseal ${COMMANDS[i]}`);
    });
    const top = await cli(['--help']);
    expect(top.code).toBe(0);
    for (const c of COMMANDS) expect(top.stdout).toContain(`  ${c}`);
  });

  it('an unknown command exits 2', async () => {
    const r = await cli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "frobnicate"');
  });

  it('a bad option exits 2 with the usage, no stack trace', async () => {
    const r = await cli(['validate', '--frob', 'x.xlsx']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Usage: scoreseal validate');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('unreadable input: exit 2, one line naming the file, no stack trace', () => {
  let good: string;
  const inputs: Record<string, string> = {};
  beforeAll(async () => {
    const t = join(dir, 'tpl');
    await must(['template', '--plan', planPath, '--unit', 'u02', '-o', t], 0);
    good = join(t, 'u02.xlsx');
    inputs['a missing file'] = join(dir, 'nope.xlsx');
    inputs['a text file'] = join(dir, 'notes.xlsx');
    writeFileSync(inputs['a text file'], '编号,得分\n1.1,5\n');
    inputs['a truncated zip'] = join(dir, 'truncated.xlsx');
    const bytes = readFileSync(good);
    writeFileSync(inputs['a truncated zip'], bytes.subarray(0, Math.floor(bytes.length / 2)));
    inputs['a fake encrypted file'] = join(dir, 'encrypted.xlsx');
    const ole = Buffer.alloc(4096);
    Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(ole, 0);
    Buffer.from('EncryptedPackage', 'utf16le').copy(ole, 1024);
    writeFileSync(inputs['a fake encrypted file'], ole);
  });

  const oneLineNaming = (r: Run, file: string): void => {
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(file);
    expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+/); // no stack frames
    expect(r.stderr).not.toMatch(/internal error/);
  };

  it('validate: each of a missing file, a text file, a truncated zip and a fake encrypted file', async () => {
    const names = Object.keys(inputs);
    const runs = await Promise.all(names.map((n) => cli(['validate', inputs[n]!])));
    runs.forEach((r, i) => {
      expect([names[i], r.code]).toEqual([names[i], 2]);
      oneLineNaming(r, inputs[names[i]!]!);
    });
    // the messages say what is wrong, in words
    expect(runs.map((r) => r.stderr)).toEqual([
      expect.stringMatching(/no such file/),
      expect.stringMatching(/not an \.xlsx/),
      expect.stringMatching(/damaged|truncated/),
      expect.stringMatching(/password|encrypted/),
    ]);
  });

  it('verify: all four at once, one line for each file', async () => {
    const files = Object.values(inputs);
    const r = await cli(['verify', ...files, '--plan', planPath]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(4);
    files.forEach((f, i) => expect(lines[i]).toContain(f));
    expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+/);
  });

  it('sign: a truncated workbook is refused as unreadable (exit 2), not as a refusal', async () => {
    const r = await cli(['sign', inputs['a truncated zip']!, '--role', 'scorer', '--person', 'p01', '--all'], { passOf: 'p01' });
    expect(r.code).toBe(2);
    oneLineNaming(r, inputs['a truncated zip']!);
  });

  it('a readable file next to an unreadable one is still reported (exit 2 wins)', async () => {
    const r = await cli(['validate', good, inputs['a text file']!, '--json']);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout) as { files: { file: string }[] };
    expect(doc.files.map((f) => f.file)).toEqual([good]);
  });
});

describe('the whole flow, as users run it', () => {
  // Each stage is built once, on demand, from the stage before it (so any test runs alone, in any
  // order), and every test works on its own copy: no test depends on another having run.
  const once = <T>(make: () => Promise<T>): (() => Promise<T>) => {
    let p: Promise<T> | null = null;
    return () => (p ??= make());
  };
  let copies = 0;
  /** a copy in a directory of its own, under the same name (or `name`) */
  const copyOf = (file: string, name = basename(file)): string => {
    const d = join(dir, 'flow', String(++copies));
    mkdirSync(d, { recursive: true });
    const p = join(d, name);
    copyFileSync(file, p);
    return p;
  };
  /** where the template puts things, from the layout (no hard-coded addresses) */
  const layout = once(() => Promise.resolve(buildTemplate(mustLoad(JSON.parse(readFileSync(planPath, 'utf8'))), 'u01')));
  const colOf = (key: (typeof COLUMN_KEYS)[number]): string => String.fromCharCode(65 + COLUMN_KEYS.indexOf(key));

  const templateStage = once(async () => {
    mkdirSync(join(dir, 'flow'), { recursive: true });
    const run = await must(['template', '--plan', planPath, '--unit', 'u01', '-o', join(dir, 'flow', 'template')], 0);
    return { file: join(dir, 'flow', 'template', 'u01.xlsx'), run };
  });
  const filledStage = once(async () => {
    const file = copyOf((await templateStage()).file);
    await fillWorkbook(file, (r) => goodEntry(r));
    return { file };
  });
  const signedStage = once(async () => {
    const file = copyOf((await filledStage()).file);
    const runs: Run[] = [];
    for (const [role, person] of [
      ['scorer', 'p01'],
      ['reviewer', 'p02'],
      ['scorer', 'p04'],
      ['reviewer', 'p05'],
      ['scorer', 'p07'],
      ['reviewer', 'p08'],
    ] as const)
      runs.push(await must(['sign', file, '--role', role, '--person', person, '--all'], 0, person));
    return { file, runs };
  });
  const sampledStage = once(async () => {
    const file = copyOf((await signedStage()).file);
    const run = await must(['sample', file, '--person', 'o01'], 0, 'o01');
    return { file, run, sampled: run.stdout.trim().split(/\s+/) };
  });
  const sealedStage = once(async () => {
    const { file: sampledFile, sampled } = await sampledStage();
    const file = copyOf(sampledFile);
    for (const [i, item] of sampled.entries()) {
      const args = i === 0 ? ['--result', 'adjusted', '--score', '0', '--note', '复核不合格'] : ['--result', 'confirmed', '--note', '无误'];
      if (i === 0 && /^6\./.test(item)) args.splice(3, 1, '是');
      await must(['recheck', file, '--person', 'o01', '--item', item, ...args], 0, 'o01');
    }
    const pwFile = join(dir, 'flow', 'seal-password.txt');
    writeFileSync(pwFile, 'envelope-pw\n', { mode: 0o600 });
    const before = snapshot(file);
    // a password on the command line and in a file: which one? refused, nothing written
    const both = await must(['seal', file, '--person', 'o01', '--password', 'pw', '--password-file', pwFile], 2, 'o01');
    expectUnchanged(file, before);
    const run = await must(['seal', file, '--person', 'o01', '--password-file', pwFile], 0, 'o01');
    return { file, sampled, both, run, sealCode: run.stdout.trim() };
  });
  /** the sealed sheet with one basis text changed by ExcelJS afterwards */
  const tamperedStage = once(async () => {
    const file = copyOf((await sealedStage()).file, 'tampered.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const tpl = await layout();
    const ws = book.getWorksheet(tpl.sheetName)!;
    const row = tpl.cells.findIndex((r) => r[0] === '2.2') + 1;
    const address = `${colOf('basis')}${row}`;
    const basis = ws.getCell(address).value;
    expect(typeof basis).toBe('string');
    ws.getCell(address).value = `${basis as string}（补）`;
    await book.xlsx.writeFile(file);
    return { file };
  });

  const stages = {
    template: templateStage,
    filled: filledStage,
    signed: signedStage,
    sampled: sampledStage,
    sealed: sealedStage,
    tampered: tamperedStage,
  };

  type Doc = {
    files: {
      file: string;
      units: {
        unit: string;
        status: string;
        verdict: string;
        seal: { code: string; register: string } | null;
        findings: { code: string; cell?: string; item?: string; severity: string; message: string; unit: string }[];
      }[];
    }[];
  };
  const jsonOf = (r: Run): Doc => JSON.parse(r.stdout) as Doc;

  it('template → validate (blank: exit 1) → fill → validate (only signatures missing: exit 1), --json shape', async () => {
    const { file: template, run: t } = await stages.template();
    expect(t.stdout).toContain('u01.xlsx');
    const blank = await must(['validate', copyOf(template), '--json'], 1);
    const codes = new Set(jsonOf(blank).files[0]!.units[0]!.findings.map((f) => f.code));
    expect(codes).toEqual(new Set(['SCORE_MISSING', 'COMPLETION_MISSING', 'VERIFIED_BY_MISSING']));

    const wb = copyOf((await stages.filled()).file);
    const before = snapshot(wb);
    const filled = await must(['validate', wb, '--plan', planPath, '--json'], 1);
    expectUnchanged(wb, before);
    const doc = jsonOf(filled);
    expect(Object.keys(doc)).toEqual(['files']);
    expect(doc.files).toHaveLength(1);
    expect(doc.files[0]!.file).toBe(wb);
    const unit = doc.files[0]!.units[0]!;
    expect(unit).toMatchObject({ unit: 'u01', status: 'error' });
    expect(new Set(unit.findings.map((f) => f.code))).toEqual(new Set(['SIGNER_MISSING']));
    for (const f of unit.findings)
      expect(f).toEqual({
        severity: 'error',
        code: 'SIGNER_MISSING',
        unit: 'u01',
        item: expect.any(String),
        cell: expect.stringMatching(new RegExp(`^${colOf('scorer')}\\d+$`)),
        message: expect.stringContaining('签字'),
      });
  });

  it('a refused signature exits 1, says why, and leaves the file byte-identical', async () => {
    const wb = copyOf((await stages.filled()).file);
    const before = snapshot(wb);
    const otherGroup = await must(['sign', wb, '--role', 'scorer', '--person', 'p04', '--item', '1.1'], 1, 'p04');
    expect(otherGroup.stderr).toContain('refused');
    expect(otherGroup.stderr).toContain('G1');
    const wrongPass = await must(['sign', wb, '--role', 'scorer', '--person', 'p01', '--item', '1.1'], 1, 'p02');
    expect(wrongPass.stderr).toContain('公钥不符');
    expectUnchanged(wb, before);
  });

  it('sign ×6 → validate exit 0; signing wrote nothing but the columns ScoreSeal owns', async () => {
    const { file: filled } = await stages.filled();
    const { file: signed, runs } = await stages.signed();
    const signers = ['scorer p01', 'reviewer p02', 'scorer p04', 'reviewer p05', 'scorer p07', 'reviewer p08'];
    runs.forEach((r, i) => expect(r.stdout).toContain(`signed as ${signers[i]!.replace(' ', ' by ')}`));
    const v = await must(['validate', copyOf(signed), '--plan', planPath, '--json'], 0);
    expect(jsonOf(v).files[0]!.units[0]!).toMatchObject({ unit: 'u01', status: 'ok', findings: [] });
    const tpl = await layout();
    const before = await cellMap(filled, tpl.sheetName);
    const after = await cellMap(signed, tpl.sheetName);
    const changed = [...new Set([...before.keys(), ...after.keys()])].filter((a) => before.get(a) !== after.get(a));
    expect(changed.length).toBeGreaterThan(0);
    // only the derived columns (考核人 … 复核意见) of item rows and the footer's derived lines; every typed cell as it was
    const derivedCols = ['scorer', 'reviewer', 'status', 'recheck', 'recheckNote'].map((k) => colOf(k as (typeof COLUMN_KEYS)[number]));
    const footer = Object.values(tpl.footerCells).map(({ row, col }) => `${String.fromCharCode(65 + col)}${row}`);
    const owned = (a: string): boolean => {
      const m = /^([A-Z]+)(\d+)$/.exec(a)!;
      const row = Number(m[2]);
      return (derivedCols.includes(m[1]!) && row >= tpl.firstItemRow && row <= tpl.lastItemRow) || footer.includes(a);
    };
    expect(changed.filter((a) => !owned(a))).toEqual([]);
    const leaves = tpl.rowKinds.filter((k) => k === 'leaf' || k === 'veto').length;
    expect(changed.filter((a) => a.startsWith(colOf('scorer'))).length).toBe(leaves); // a scorer name on every leaf
  });

  it('sample → recheck → seal', async () => {
    const { file: sampledFile, sampled } = await stages.sampled();
    expect(sampled).toHaveLength(3);
    const again = await must(['sample', copyOf(sampledFile), '--person', 'o01'], 1, 'o01');
    expect(again.stderr).toContain('不能重复抽取');
    // validate now asks for the re-checks
    const pending = jsonOf(await must(['validate', copyOf(sampledFile), '--json'], 1));
    expect(pending.files[0]!.units[0]!.findings.map((f) => f.item).sort()).toEqual([...sampled].sort());
    const { file: wb, both, run: sealed, sealCode } = await stages.sealed();
    expect(both.stderr).toContain('not both');
    expect(sealed.stderr).not.toContain('warning');
    expect(sealCode).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/);
    // the sheet shows it, as ExcelJS reads the file
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(wb);
    const tpl = await layout();
    const { row, col } = tpl.footerCells.sealCode;
    expect(book.getWorksheet(tpl.sheetName)!.getCell(row, col + 1).value).toBe(sealCode);
    expect(book.getWorksheet('_scoreseal')!.state).toBe('veryHidden');
    // sealing protects the sheet and the workbook structure (read from the file's own XML)
    const zip = await JSZip.loadAsync(readFileSync(wb));
    expect(await zip.file('xl/workbook.xml')!.async('string')).toMatch(/<workbookProtection[^>]*lockStructure="(1|true)"/);
    const sheetXml = await Promise.all(
      Object.keys(zip.files)
        .filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f))
        .map((f) => zip.file(f)!.async('string')),
    );
    expect(sheetXml.filter((x) => x.includes('<sheetProtection') && /sheet="(1|true)"/.test(x)).length).toBeGreaterThanOrEqual(1);
  });

  it('verify → exit 0, files untouched; a copy with one cell changed by ExcelJS → exit 1, SEAL_INVALID', async () => {
    const wb = copyOf((await stages.sealed()).file);
    const before = snapshot(wb);
    const ok = await must(['verify', wb, '--plan', planPath, '--json'], 0);
    expect(jsonOf(ok).files[0]!.units[0]).toMatchObject({ unit: 'u01', status: 'ok', findings: [] });
    const human = await must(['verify', wb, '--plan', planPath], 0);
    expect(human.stdout).toContain('✓ 无错误'); // the plan's locale (zh-CN)
    expectUnchanged(wb, before);

    const tampered = copyOf((await stages.tampered()).file);
    const tBefore = snapshot(tampered);
    const bad = await must(['verify', tampered, '--plan', planPath, '--json'], 1);
    const findings = jsonOf(bad).files[0]!.units[0]!.findings;
    expect(findings.map((f) => f.code)).toContain('SEAL_INVALID');
    expect(findings.find((f) => f.code === 'SIGNED_CONTENT_CHANGED')).toMatchObject({ item: '2.2' });
    expectUnchanged(tampered, tBefore);
  });

  it('compile --json: summary rows and appraisers of the documented shape; every unit of the plan accounted for', async () => {
    const { file: wb, sampled, sealCode } = await stages.sealed();
    const out = join(dir, 'flow', 'summary.xlsx');
    const r = await must(['compile', copyOf(wb), '--plan', planPath, '-o', out, '--json'], 0);
    const doc = JSON.parse(r.stdout) as {
      files: unknown[];
      summary: Record<string, unknown>[];
      appraisers: Record<string, unknown>[];
      agreement: {
        level: number;
        minRechecks: number;
        all: Record<string, unknown>;
        groups: Record<string, unknown>[];
        rubrics: Record<string, unknown>[];
      };
      warnings: { code: string }[];
    };
    expect(doc.files).toHaveLength(1);
    // the one sheet given, and the plan's seven other units as not received
    expect(doc.summary.map((x) => x.status)).toEqual(['verified', ...Array(7).fill('missing')]);
    for (const row of doc.summary)
      expect(Object.keys(row).sort()).toEqual(
        [
          'adjusted',
          'blocks',
          'category',
          'file',
          'grade',
          'name',
          'rank',
          'register',
          'sealCode',
          'sealedAt',
          'sealer',
          'status',
          'total',
          'unit',
          'veto',
        ].sort(),
      );
    const good = doc.summary[0]!;
    expect(good).toMatchObject({ unit: 'u01', name: '城关镇', category: '乡镇', rank: 1, adjusted: /^6\./.test(sampled[0]!) ? 0 : 1 });
    expect(good).toMatchObject({ sealer: '李娜', sealCode, register: 'no-register' });
    expect(typeof good.total).toBe('number');
    expect(Object.keys(good.blocks as object).sort()).toEqual(['1', '2', '3', '4', '5']);
    const blockSum = Object.values(good.blocks as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(blockSum).toBe(good.total);
    expect(['优秀', '良好', '一般', '较差']).toContain(good.grade);
    expect(doc.warnings.map((w) => w.code)).toEqual(['SEAL_NOT_REGISTERED', ...Array(7).fill('SHEET_MISSING')]);
    // every signer; the weaker signals (items … z) only for the scorers
    expect(doc.appraisers.map((a) => a.person).sort()).toEqual(['p01', 'p02', 'p04', 'p05', 'p07', 'p08']);
    // three re-checks in all: too few for any verdict
    const bias = { rechecked: expect.any(Number), adjusted: expect.any(Number), verdict: 'too-few' };
    const BIAS_KEYS = ['rechecked', 'adjusted', 'meanPoints', 'meanShare', 'intervalPoints', 'intervalShare', 'verdict'];
    const biasShape = (b: Record<string, unknown>): void => {
      expect(Object.keys(b).sort()).toEqual([...BIAS_KEYS].sort());
      for (const k of ['meanPoints', 'meanShare']) expect(b[k] === null || typeof b[k] === 'number').toBe(true);
      for (const k of ['intervalPoints', 'intervalShare'])
        expect(b[k] === null || (Array.isArray(b[k]) && (b[k] as unknown[]).every((x) => typeof x === 'number'))).toBe(true);
    };
    for (const a of doc.appraisers) {
      expect(Object.keys(a).sort()).toEqual(
        [
          'person',
          'name',
          'items',
          'meanRatio',
          'fullShare',
          'z',
          'adjustedCount',
          'lenient',
          'verdict',
          'overall',
          'asScorer',
          'asReviewer',
        ].sort(),
      );
      expect(a).toMatchObject({ verdict: 'too-few', overall: bias, asScorer: bias, asReviewer: bias });
      for (const role of ['overall', 'asScorer', 'asReviewer']) biasShape(a[role] as Record<string, unknown>);
    }
    const reviewers = doc.appraisers.filter((a) => ['p02', 'p05', 'p08'].includes(a.person as string));
    for (const a of reviewers) expect(a).toMatchObject({ items: 0, meanRatio: null, fullShare: null, z: null, adjustedCount: 0 });
    const scored = sampled.filter((c) => !/^6\./.test(c)).length; // veto items carry no points
    expect(doc.agreement).toMatchObject({ level: 0.95, minRechecks: 5 });
    expect(doc.agreement.all).toMatchObject({ ...bias, id: '', name: '', rechecked: scored, adjusted: /^6\./.test(sampled[0]!) ? 0 : 1 });
    expect(Object.keys(doc.agreement.all).sort()).toEqual([...BIAS_KEYS, 'id', 'name', 'confirmed', 'confirmedShare', 'alpha'].sort());
    expect(doc.agreement.rubrics.map((r) => [r.id, r.name, r.rechecked])).toEqual([['township', '乡镇考核细则', scored]]);
    expect(doc.agreement.groups.reduce((n, g) => n + (g.rechecked as number), 0)).toBe(scored);
    for (const a of doc.appraisers.filter((x) => !reviewers.includes(x))) {
      expect(a).toEqual(
        expect.objectContaining({
          person: expect.any(String),
          name: expect.any(String),
          items: expect.any(Number),
          meanRatio: expect.any(Number),
          fullShare: expect.any(Number),
          z: expect.any(Number),
          adjustedCount: expect.any(Number),
        }),
      );
      expect(a.meanRatio as number).toBeGreaterThan(0);
      expect(a.meanRatio as number).toBeLessThanOrEqual(1);
    }
    expect(doc.appraisers.reduce((n, a) => n + (a.items as number), 0)).toBe(22); // 24 leaves minus 2 veto items
    expect(doc.appraisers.reduce((n, a) => n + (a.adjustedCount as number), 0)).toBe(/^6\./.test(sampled[0]!) ? 0 : 1);
    // the summary workbook exists and has the three sheets
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    expect(book.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['汇总', '考核人员分析', '问题清单']));
  });

  it('compile: the same unit in two files (the tampered copy) is DUPLICATE_UNIT, and neither is ranked (exit 1)', async () => {
    const wb = copyOf((await stages.sealed()).file);
    const tampered = (await stages.tampered()).file;
    const r = await must(['compile', wb, tampered, '--plan', planPath, '-o', join(dir, 'flow', 'summary-dup.xlsx'), '--json'], 1);
    const doc = JSON.parse(r.stdout) as { summary: Record<string, unknown>[]; findings: { code: string; file: string }[] };
    expect(doc.summary.filter((x) => x.unit === 'u01').map((x) => [x.status, x.rank])).toEqual([
      ['duplicate', null],
      ['duplicate', null],
    ]);
    expect(doc.findings.map((f) => [f.code, f.file]).sort()).toEqual([
      ['DUPLICATE_UNIT', 'tampered.xlsx'],
      ['DUPLICATE_UNIT', 'u01.xlsx'],
    ]);
  });

  it('compile -o naming one of its inputs is refused (exit 2) and the sealed sheet is untouched', async () => {
    const wb = copyOf((await stages.sealed()).file);
    const before = snapshot(wb);
    const r = await must(['compile', wb, '--plan', planPath, '-o', wb], 2);
    expect(r.stderr).toContain('one of the inputs');
    expectUnchanged(wb, before);
  });

  it('verify and compile with an envelope register: the registered code passes; another, or one marked unsealed, does not', async () => {
    const { file: sealed, sealCode } = await stages.sealed();
    const wb = copyOf(sealed);
    const reg = join(dir, 'flow', 'register.csv');
    writeFileSync(reg, `单位编号,密封码,收件日期,状态\nu01,${sealCode.toLowerCase().replace(/-/g, ' ')},2026-12-02,有效\n`);
    const ok = jsonOf(await must(['verify', wb, '--plan', planPath, '--register', reg, '--json'], 0));
    expect(ok.files[0]!.units[0]).toMatchObject({ verdict: 'verified', seal: { code: sealCode, register: 'matched' } });
    writeFileSync(reg, `单位编号,密封码,收件日期,状态\nu01,AAAA-BBBB-CCCC-DDDD,2026-12-02,有效\n`);
    const other = jsonOf(await must(['verify', wb, '--plan', planPath, '--register', reg, '--json'], 1));
    expect(other.files[0]!.units[0]!.findings.map((f) => f.code)).toEqual(['SEAL_NOT_REGISTERED']);
    writeFileSync(reg, `unit,code,received,status\nu01,${sealCode},2026-12-02,unsealed\n`);
    const broken = jsonOf(await must(['verify', wb, '--plan', planPath, '--register', reg, '--json'], 1));
    expect(broken.files[0]!.units[0]!.findings.map((f) => f.code)).toEqual(['SEAL_BROKEN']);
    writeFileSync(reg, `单位编号,密封码\nu01,XYZ\n`);
    const bad = await must(['verify', wb, '--plan', planPath, '--register', reg], 2);
    expect(bad.stderr).toContain('row 2');
  });
});

describe('secrets: passphrase and seal password sources, the enrolment rule', () => {
  const plan = (): { people: { id: string; publicKey: string }[] } =>
    JSON.parse(readFileSync(planPath, 'utf8')) as { people: { id: string; publicKey: string }[] };
  const keyOf = (id: string): string => plan().people.find((x) => x.id === id)!.publicKey;

  function withStdin(args: string[], input: string): Promise<Run> {
    const env = { ...process.env };
    delete env.SCORESEAL_PASSPHRASE;
    return new Promise((resolve) => {
      const child = execFile(BIN, args, { cwd: ROOT, env }, (err, stdout, stderr) => {
        const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0;
        resolve({ code, stdout, stderr });
      });
      child.stdin!.end(input);
    });
  }

  it('keygen from --passphrase-file gives the registered key; a file others can read earns a warning', async () => {
    const f = join(dir, 'p01.pass');
    writeFileSync(f, 'demo-passphrase-p01\n', { mode: 0o600 });
    const r = await must(['keygen', '--plan', planPath, '--person', 'p01', '--passphrase-file', f], 0);
    expect(r.stdout.trim()).toBe(keyOf('p01'));
    expect(r.stderr).not.toContain('warning');
    const open = join(dir, 'p01-open.pass');
    writeFileSync(open, 'demo-passphrase-p01', { mode: 0o644 });
    const w = await must(['keygen', '--plan', planPath, '--person', 'p01', '--passphrase-file', open], 0);
    expect(w.stdout.trim()).toBe(keyOf('p01'));
    expect(w.stderr).toContain('can be read by other users');
  });

  it('keygen from standard input (--passphrase-file -)', async () => {
    const r = await withStdin(['keygen', '--plan', planPath, '--person', 'o01', '--passphrase-file', '-'], 'demo-passphrase-o01\r\n');
    expect([r.code, r.stdout.trim()]).toEqual([0, keyOf('o01')]);
  });

  it('no passphrase anywhere and no terminal: exit 2 naming the three sources', async () => {
    const r = await withStdin(['keygen', '--plan', planPath, '--person', 'p01'], '');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--passphrase-file');
    expect(r.stderr).toContain('SCORESEAL_PASSPHRASE');
  });

  it.each([
    ['zhangwei1985', '拼音'],
    ['Password2026!', '常见密码'],
    ['1qaz2wsx3edc', '键盘顺序'],
    ['1234567890', '全是数字'],
  ])('keygen refuses %s for 张伟 (exit 1: %s)', async (pass, why) => {
    const r = await withStdin(['keygen', '--plan', planPath, '--person', 'p01', '--passphrase-file', '-'], pass);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(why);
    expect(r.stdout).toBe('');
  });

  it('both secrets from standard input at once is refused (exit 2)', async () => {
    const r = await cli(['seal', join(dir, 'nope.xlsx'), '--person', 'o01', '--passphrase-file', '-', '--password-file', '-']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('only one of --passphrase-file and --password-file');
  });
});

describe('reading many files on worker threads (dist/read-worker.cjs), or on this thread one file ahead', () => {
  it("gives what reading on this thread gives, errors included, and starts each file's draw on the crypto thread as it is read", async () => {
    const { readFiles } = await import('../../src/xlsx/read-pool');
    const { isXlsxError } = await import('../../src/xlsx/errors');
    const vrf = await import('../../src/core/crypto/vrf');
    const { cryptoProvider, useCryptoProvider } = await import('../../src/core/crypto/provider');
    const { evaluateWorkbook } = await import('../../src/core/app/workbook');
    const sealed = join(ROOT, 'test/fixtures/bad/sealed.xlsx');
    const bad = join(dir, 'pool-bad.xlsx');
    writeFileSync(bad, 'not a workbook');
    const paths = [sealed, bad, sealed, join(dir, 'pool-missing.xlsx')];
    const planJson = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/bad/plan.json'), 'utf8')) as {
      people: { id: string; publicKey?: string }[];
    };
    const trusted = mustLoad(planJson);
    const keys = new Map(planJson.people.flatMap((p) => (p.publicKey ? [[p.id, p.publicKey] as const] : [])));
    const outcome = async (r: ReturnType<typeof readFiles>): Promise<unknown[]> => {
      const out: unknown[] = [];
      for (let i = 0; i < paths.length; i++)
        out.push(
          await r.next().then(
            (c) => c.raw,
            (e: unknown) => (isXlsxError(e) ? `${e.code} ${e.message}` : e),
          ),
        );
      await r.close();
      return out;
    };
    // a crypto thread that records what it is asked (and answers with the same function)
    const before = cryptoProvider();
    const asked: Uint8Array[] = [];
    useCryptoProvider({
      ...before,
      vrfVerify: (publicKey, proof, alpha) => {
        asked.push(proof);
        return Promise.resolve(vrf.vrfVerify(publicKey, proof, alpha));
      },
    });
    try {
      vrf.forgetVrfAhead();
      const pooled = await outcome(readFiles(paths, { workers: 2, keys, script: join(ROOT, 'dist/read-worker.cjs') }));
      expect(asked).toHaveLength(1); // the sealed sheet's draw, started once (its second copy finds it started)
      // the check takes the draw started ahead instead of asking again
      const reports = await evaluateWorkbook(pooled[0] as never, { trusted, mode: 'verify' });
      expect(reports.map((r) => r.verdict)).toEqual(['verified']);
      expect(asked).toHaveLength(1);

      asked.length = 0;
      vrf.forgetVrfAhead();
      const here = await outcome(readFiles(paths, { workers: 0, keys }));
      expect(asked).toHaveLength(1);
      expect(pooled).toEqual(here);
      expect(pooled[1]).toMatch(/^NOT_XLSX /);
      expect(pooled[3]).toMatch(/^NOT_FOUND /);
    } finally {
      useCryptoProvider(before);
      vrf.forgetVrfAhead();
    }
  });
});

describe('scoreseal plan', () => {
  it('a setup workbook written by writeSetupWorkbook reproduces the rubric fingerprints of examples/plan.json', async () => {
    const { writeSetupWorkbook } = await import('../../src/xlsx/setup');
    const setup = join(dir, 'setup.xlsx');
    await writeSetupWorkbook(examplePlanJson(), setup);
    const out = join(dir, 'from-setup.json');
    const r = await must(['plan', setup, '-o', out], 0);
    expect(r.stdout).toContain('2 rubric(s)');
    const fromSetup = mustLoad(JSON.parse(readFileSync(out, 'utf8')));
    const original = mustLoad(examplePlanJson());
    for (const id of ['township', 'department']) expect(fromSetup.rubrics.get(id)!.fingerprint).toBe(original.rubrics.get(id)!.fingerprint);
    expect(JSON.parse(readFileSync(out, 'utf8')).people).toEqual(examplePlanJson().people);
  });

  it('a broken setup workbook: exit 1, each problem names sheet and cell', async () => {
    const setup = join(dir, 'setup-broken.xlsx');
    copyFileSync(join(dir, 'setup.xlsx'), setup);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(setup);
    book.getWorksheet('细则')!.getCell('F3').value = '五分';
    await book.xlsx.writeFile(setup);
    const r = await must(['plan', setup, '-o', join(dir, 'never.json')], 1);
    expect(r.stderr).toContain('细则!F3');
    expect(() => statSync(join(dir, 'never.json'))).toThrow();
  });
});

describe('several values after one flag; an argument a command does not use is refused (issue 12)', () => {
  let wb: string;
  let enPlan: string;
  beforeAll(async () => {
    const out = join(dir, 'multi');
    const t = await must(['template', '--plan', planPath, '--unit', 'u02', 'u04', '-o', out], 0);
    expect(t.stdout.trim().split('\n')).toHaveLength(2);
    wb = join(out, 'u02.xlsx');
    await fillWorkbook(wb, (r) => goodEntry(r));
    const en = examplePlanJson();
    en.locale = 'en-US';
    enPlan = join(dir, 'plan-en-US.json');
    writeFileSync(enPlan, JSON.stringify(en));
  });

  it('sign <xlsx> --item 1.1 1.2 signs both items', async () => {
    const r = await must(['sign', wb, '--role', 'scorer', '--person', 'p01', '--item', '1.1', '1.2'], 0, 'p01');
    expect(r.stdout.trim()).toMatch(/2 item\(s\) signed as scorer by p01: 1\.1 1\.2$/);
  });

  it('a second workbook, or the workbook after the items: exit 2, one line naming it, the file untouched', async () => {
    const before = snapshot(wb);
    const extra = await must(['sign', wb, join(dir, 'extra.xlsx'), '--role', 'scorer', '--person', 'p01', '--item', '1.3'], 2, 'p01');
    expect(extra.stdout).toBe('');
    const lines = extra.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(`unexpected argument "${join(dir, 'extra.xlsx')}"`);
    expect(lines[1]).toMatch(/^Usage: scoreseal sign /);
    const swallowed = await must(['sign', '--role', 'scorer', '--person', 'p01', '--item', '1.3', wb], 2, 'p01');
    expect(swallowed.stderr).toContain(`"${wb}" was read as a value of --item`);
    const typo = await must(['sign', wb, '--role', 'scorer', '--persn', 'p01', '--item', '1.3'], 2, 'p01');
    expect(typo.stderr.split('\n')[0]).toBe('scoreseal sign: unknown option --persn — did you mean --person?');
    expectUnchanged(wb, before);
  });

  it("human output: status words in the plan's locale, the --json document unchanged", async () => {
    const zh = await must(['validate', wb, '--plan', planPath], 1);
    expect(zh.stdout).toMatch(/✗ \d+ 个错误/);
    expect(zh.stdout).toContain('[填写中]');
    expect(zh.stdout).toMatch(/\n {4}错误 {2}SIGNER_MISSING +×\d+ +\d+ 个项目待签字：/);
    expect(zh.stdout).not.toMatch(/error|warning|filling/);
    const en = await must(['validate', wb, '--plan', enPlan], 1);
    expect(en.stdout).toMatch(/✗ \d+ error\(s\)/);
    expect(en.stdout).toContain('[filling]');
    const json = JSON.parse((await must(['validate', wb, '--plan', planPath, '--json'], 1)).stdout) as {
      files: { units: { status: string; verdict: string; stage: string; findings: { severity: string }[] }[] }[];
    };
    expect(json.files[0]!.units[0]).toMatchObject({ status: 'error', verdict: 'failed', stage: 'filling' });
    expect(new Set(json.files[0]!.units[0]!.findings.map((f) => f.severity))).toEqual(new Set(['error']));
  });

  it('compile: the ranking table aligned by display width, status words in Chinese; no progress when stderr is not a terminal', async () => {
    const r = await must(['compile', wb, join(dir, 'multi', 'u04.xlsx'), '--plan', planPath, '-o', join(dir, 'multi-summary.xlsx')], 1);
    expect(r.stderr).not.toContain('\r');
    const lines = r.stdout.split('\n');
    const table = lines.filter((l) => /^ {2}\S/.test(l) && /未通过|未收到|已核验/.test(l));
    expect(table.length).toBeGreaterThanOrEqual(8);
    const width = (s: string): number => [...s].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uff60]/.test(ch) ? 2 : 1), 0);
    const statusColumn = new Set(table.map((l) => width(l.slice(0, l.search(/未通过|未收到|已核验/)))));
    expect(statusColumn.size).toBe(1);
    expect(r.stdout).not.toMatch(/\b(failed|missing|verified)\b/);
  });
});
