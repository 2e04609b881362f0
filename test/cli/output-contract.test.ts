/**
 * The output contract (SPEC §4–§5): what the command line prints — the `--json` documents
 * byte for byte, the human report, the refusals and the one-line errors — for the robustness
 * corpus (test/fixtures/bad: every kind of finding, unreadable files, broken plans), in zh-CN
 * and through an en-US plan, stays exactly what it was before findings carried message ids
 * (issue 13). The expected outputs in output-contract.json.gz were recorded from the command line
 * as it was when findings still held rendered text; `UPDATE_CONTRACT=1` records them again.
 *
 * Messages that now have an id of their own (a failure that used to borrow another's text) are
 * listed in CHANGED: their lines are compared after replacing the new text by the old.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { readWorkbook } from '../../src/xlsx/read';
import { ROOT, runCli } from '../robustness/harness';

jest.setTimeout(300_000);

const BAD = 'test/fixtures/bad';
const CONTRACT = join(__dirname, 'output-contract.json.gz');
const tmp = mkdtempSync(join(tmpdir(), 'scoreseal-contract-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const xlsx = readdirSync(join(ROOT, BAD))
  .filter((f) => /\.xlsx?$/.test(f) && !f.startsWith('huge'))
  .sort()
  .map((f) => `${BAD}/${f}`);

/** The temporary folder and the working directory as fixed words, so the record does not depend on where it ran. */
const stable = (s: string): string => s.split(tmp).join('<tmp>').split(`${ROOT}/`).join('');

interface Recorded {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly summary?: string;
}

async function run(argv: string[], env: Record<string, string> = {}, summary?: string): Promise<Recorded> {
  const cwd = process.cwd();
  process.chdir(ROOT);
  try {
    const r = await runCli(argv, env);
    const out: Recorded = { code: r.code, stdout: stable(r.stdout), stderr: stable(r.stderr) };
    if (summary && existsSync(summary)) {
      // the summary workbook's sheets as text (汇总, 考核人员分析, 问题清单)
      const { raw } = await readWorkbook(summary);
      return { ...out, summary: JSON.stringify(raw.sheets.map((s) => ({ name: s.name, cells: s.cells }))) };
    }
    return out;
  } finally {
    process.chdir(cwd);
  }
}

/** The runs recorded: validate, verify and compile, human and --json, zh-CN and en-US; broken plans; refusals. */
async function runs(): Promise<Record<string, Recorded>> {
  const enPlan = join(tmp, 'plan-en.json');
  const plan = JSON.parse(readFileSync(join(ROOT, BAD, 'plan.json'), 'utf8')) as { locale?: string };
  writeFileSync(enPlan, JSON.stringify({ ...plan, locale: 'en-US' }));
  const register = join(tmp, 'register.csv');
  writeFileSync(register, 'unit,code,received,status\nm01,ABCD-1234-EF56-7890,2026-12-02,valid\n');
  const sheet = join(tmp, 'filled.xlsx');
  copyFileSync(join(ROOT, BAD, 'filled.xlsx'), sheet);
  const signed = join(tmp, 'signed.xlsx');
  copyFileSync(join(ROOT, BAD, 'signed.xlsx'), signed);
  const out: Record<string, Recorded> = {};
  const planArg = ['--plan', `${BAD}/plan.json`];
  out['validate --json'] = await run(['validate', ...xlsx, '--json']);
  out['validate'] = await run(['validate', ...xlsx]);
  out['validate --plan --json'] = await run(['validate', ...xlsx, ...planArg, '--json']);
  out['verify --json'] = await run(['verify', ...xlsx, ...planArg, '--json']);
  out['verify'] = await run(['verify', ...xlsx, ...planArg]);
  out['verify --register --json'] = await run(['verify', ...xlsx, ...planArg, '--register', register, '--json']);
  out['verify en-US --json'] = await run(['verify', ...xlsx, '--plan', enPlan, '--json']);
  out['verify en-US'] = await run(['verify', ...xlsx, '--plan', enPlan]);
  const summary = join(tmp, 'summary.xlsx');
  out['compile --json'] = await run(['compile', ...xlsx, ...planArg, '-o', summary, '--json'], {}, summary);
  rmSync(summary, { force: true });
  out['compile'] = await run(['compile', ...xlsx, ...planArg, '-o', summary], {}, summary);
  const summaryEn = join(tmp, 'summary-en.xlsx');
  out['compile en-US'] = await run(['compile', ...xlsx, '--plan', enPlan, '-o', summaryEn], {}, summaryEn);
  out['plan broken'] = await run(['validate', `${BAD}/filled.xlsx`, '--plan', `${BAD}/plan-broken-rule.json`]);
  out['plan not json'] = await run(['validate', `${BAD}/filled.xlsx`, '--plan', `${BAD}/plan-not-json.json`]);
  out['plan missing'] = await run(['validate', `${BAD}/filled.xlsx`, '--plan', `${BAD}/no-such-plan.json`]);
  out['register missing'] = await run(['verify', `${BAD}/sealed.xlsx`, ...planArg, '--register', join(tmp, 'none.csv')]);
  const badRegister = join(tmp, 'bad-register.csv');
  writeFileSync(badRegister, 'unit,code,received,status\nm01,XYZ,2026-12-02,valid\n,ABCD-1234-EF56-7890,,gone\n');
  out['register bad'] = await run(['verify', `${BAD}/sealed.xlsx`, ...planArg, '--register', badRegister]);
  const pass = { SCORESEAL_PASSPHRASE: 'demo-passphrase-o01' };
  out['sign refused'] = await run(['sign', sheet, '--role', 'scorer', '--person', 'o01', '--item', '1.1', ...planArg], pass);
  out['sign refused, unknown person'] = await run(['sign', sheet, '--role', 'scorer', '--person', 'zz', '--item', '1.1'], pass);
  out['sample refused'] = await run(['sample', sheet, '--person', 'p01', ...planArg], { SCORESEAL_PASSPHRASE: 'demo-passphrase-p01' });
  out['seal refused'] = await run(['seal', signed, '--person', 'o01', '--password', 'x', ...planArg], pass);
  out['unseal refused'] = await run(['unseal', signed, '--person', 'o01', '--reason', 'r', '--password', 'x', ...planArg], pass);
  out['recheck refused'] = await run(
    ['recheck', signed, '--person', 'o01', '--item', '1.1', '--result', 'adjusted', '--score', '99', '--note', 'n', ...planArg],
    pass,
  );
  out['keygen refused'] = await run(['keygen', '--plan', `${BAD}/plan.json`, '--person', 'zz']);
  out['sign not xlsx'] = await run(['sign', `${BAD}/not-a-zip.xlsx`, '--role', 'scorer', '--person', 'p01', '--item', '1.1']);
  out['plan from a non-workbook'] = await run(['plan', `${BAD}/not-a-zip.xlsx`, '-o', join(tmp, 'p.json')]);
  out['plan from a score sheet'] = await run(['plan', `${BAD}/filled.xlsx`, '-o', join(tmp, 'p.json')]);
  return out;
}

/**
 * Messages that have their own id now, where a failure used to borrow another's text: [old, new]
 * pairs of text, replaced in the recorded output before comparing (see the report of issue 13).
 */
const CHANGED: readonly (readonly [string, string])[] = [];

const unchanged = (s: string): string => CHANGED.reduce((acc, [from, to]) => acc.split(from).join(to), s);

describe('the output contract', () => {
  it('prints what it printed before findings carried message ids: --json byte for byte, human lines, refusals, errors', async () => {
    const now = await runs();
    if (process.env.UPDATE_CONTRACT) {
      writeFileSync(CONTRACT, gzipSync(`${JSON.stringify(now, null, 1)}\n`, { level: 9 }));
      return;
    }
    const before = JSON.parse(gunzipSync(readFileSync(CONTRACT)).toString('utf8')) as Record<string, Recorded>;
    expect(Object.keys(now)).toEqual(Object.keys(before));
    for (const [name, r] of Object.entries(before)) {
      const expected = {
        ...r,
        stdout: unchanged(r.stdout),
        stderr: unchanged(r.stderr),
        ...(r.summary ? { summary: unchanged(r.summary) } : {}),
      };
      expect({ name, ...now[name] }).toEqual({ name, ...expected });
    }
    expect(relative(ROOT, CONTRACT)).toBe('test/cli/output-contract.json.gz');
  });
});
