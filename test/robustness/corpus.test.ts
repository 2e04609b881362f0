/**
 * The robustness corpus (test/fixtures/bad/cases.json): every broken input through the
 * command line's `main`, in this process — exit code, finding codes (and cells), no stack
 * trace, no internal error, exit 2 in one line, and the input files byte-identical afterwards
 * (nothing written beside them either). The human output is run too (same exit code, same
 * cleanliness). Inputs that end in exit 2 also run as a real child process through the
 * bin/scoreseal wrapper, where an unhandled rejection or a late error would show.
 *
 * The fixtures are made by scripts/make-bad-fixtures.ts; the two 50,000-row workbooks and the
 * big hostile files (scripts/hostile-workbooks.ts, at the 'test' scale: as small as still proves
 * the behaviour) are made here, in a temporary folder. The hostile cases at full size, timed and
 * measured against the 10 s / 1 GB budget, are `npm run bench:hostile` (bench/hostile.ts).
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { FINDING_CODES } from '../../src/core/findings';
import { makeHugeWorkbook } from '../../scripts/make-bad-fixtures';
import { GENERATED as HOSTILE, makeGenerated } from '../../scripts/hostile-workbooks';
import { BAD, buildCliBundle, cleanEndProblems, runCli, runProcess, snapshot } from './harness';

const Code = z.enum(FINDING_CODES);
const Pattern = z.strictObject({
  code: Code,
  item: z.string().optional(),
  cell: z.string().optional(),
  severity: z.enum(['error', 'warning']).optional(),
});
const Case = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string().min(1),
  command: z.enum(['validate', 'verify', 'compile', 'sign']),
  files: z.array(z.string()).min(1),
  plan: z.string().nullable(),
  /** more arguments, after the files and --plan (compile's -o is added by the test) */
  args: z.array(z.string()).optional(),
  /** environment for the run (SCORESEAL_PASSPHRASE for sign) */
  env: z.record(z.string(), z.string()).optional(),
  huge: z.boolean().optional(),
  /** a hostile input: also run, at full size, timed and measured, by `npm run bench:hostile` */
  hostile: z.boolean().optional(),
  knownBug: z.string().optional(),
  expect: z.strictObject({
    exit: z.union([z.literal(0), z.literal(1), z.literal(2)]),
    stderr: z.array(z.string()).optional(),
    stderrLines: z.number().int().positive().optional(),
    /** lines on stderr of the human run, when not stderrLines (compile's human output adds "summary written") */
    humanStderrLines: z.number().int().positive().optional(),
    /**
     * What a person sees: `contains` (case-insensitive) in the human run's stdout + stderr;
     * `lacks` (exact) in neither, nor in the --json run's stderr.
     */
    shown: z.strictObject({ contains: z.array(z.string()).default([]), lacks: z.array(z.string()).default([]) }).optional(),
    /** texts some string of the --json document holds exactly (after JSON parsing) */
    json: z.array(z.string()).optional(),
    findings: z.array(Pattern).optional(),
    exact: z.boolean().default(true),
    counts: z.partialRecord(Code, z.number().int().nonnegative()).optional(),
  }),
});
type Case = z.infer<typeof Case>;
type Pattern = z.infer<typeof Pattern>;

const CASES: Case[] = z
  .strictObject({ $comment: z.array(z.string()), cases: z.array(Case).min(25) })
  .parse(JSON.parse(readFileSync(join(BAD, 'cases.json'), 'utf8'))).cases;

interface Finding {
  severity: 'error' | 'warning';
  code: string;
  item?: string;
  cell?: string;
}

// generated inputs in tmp/in, compile's summaries in tmp/out, the child-process bundle in tmp:
// a run's check that nothing was written beside its inputs looks at tmp/in only
const tmp = mkdtempSync(join(tmpdir(), 'scoreseal-corpus-'));
const tmpIn = join(tmp, 'in');
const tmpOut = join(tmp, 'out');
mkdirSync(tmpIn);
mkdirSync(tmpOut);
const GENERATED: Record<string, () => Promise<unknown>> = {
  'huge-below.xlsx': () => makeHugeWorkbook(join(BAD, 'sealed.xlsx'), join(tmpIn, 'huge-below.xlsx'), 50_000, 'below'),
  'huge-table.xlsx': () => makeHugeWorkbook(join(BAD, 'filled.xlsx'), join(tmpIn, 'huge-table.xlsx'), 50_000, 'table'),
  ...Object.fromEntries(Object.keys(HOSTILE).map((name) => [name, () => makeGenerated(name, BAD, tmpIn, 'test')])),
};
const pathOf = (name: string): string => (name.startsWith('generated:') ? join(tmpIn, name.slice('generated:'.length)) : join(BAD, name));
/** the commands with a --json report (sign prints one line of its own) */
const JSON_COMMANDS: ReadonlySet<Case['command']> = new Set(['validate', 'verify', 'compile']);
let outputs = 0;
const argvOf = (c: Case, json: boolean): string[] => [
  c.command,
  ...c.files.map(pathOf),
  ...(c.plan ? ['--plan', pathOf(c.plan)] : []),
  ...(c.command === 'compile' ? ['-o', join(tmpOut, `${c.id}-${++outputs}.xlsx`)] : []),
  ...(c.args ?? []),
  ...(json ? ['--json'] : []),
];
const linesOf = (c: Case, human: boolean): { stderrLines?: number } => {
  const n = (human ? c.expect.humanStderrLines : undefined) ?? c.expect.stderrLines;
  return n ? { stderrLines: n } : {};
};

/** Every string inside a parsed JSON value. */
function stringsOf(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(stringsOf);
  if (v && typeof v === 'object') return Object.values(v).flatMap(stringsOf);
  return [];
}
const show1 = (s: string): string => JSON.stringify(s);

const matches = (f: Finding, p: Pattern): boolean =>
  f.code === p.code &&
  (p.item === undefined || f.item === p.item) &&
  (p.cell === undefined || f.cell === p.cell) &&
  (p.severity === undefined || f.severity === p.severity);
const show = (f: Finding): string => `${f.severity} ${f.code}${f.item ? ` item ${f.item}` : ''}${f.cell ? ` @${f.cell}` : ''}`;

function findingsOf(stdout: string): Finding[] {
  const doc = JSON.parse(stdout) as { files: { units: { findings: Finding[] }[] }[] };
  return doc.files.flatMap((f) => f.units.flatMap((u) => u.findings));
}

/** What is wrong with a run (the --json one, or the only one of a command without --json), against the case (empty when it is as expected). */
function problemsOf(c: Case, r: Awaited<ReturnType<typeof runCli>>, human: boolean): string[] {
  const e = c.expect;
  const problems = cleanEndProblems(r, linesOf(c, human));
  if (r.code !== e.exit) problems.push(`exit ${r.code}, expected ${e.exit}; stderr: ${r.stderr.trim().slice(0, 300)}`);
  for (const s of e.stderr ?? [])
    if (!r.stderr.includes(s)) problems.push(`stderr lacks ${JSON.stringify(s)}: ${JSON.stringify(r.stderr.slice(0, 300))}`);
  // a refusal (exit 1) says why on stderr: allowed when the case states what it says
  if (e.exit !== 2 && !e.stderr && r.stderr.trim()) problems.push(`unexpected stderr: ${r.stderr.trim().slice(0, 300)}`);
  if (e.findings || e.counts) {
    let found: Finding[];
    try {
      found = findingsOf(r.stdout);
    } catch {
      return [...problems, `stdout is not the --json document: ${JSON.stringify(r.stdout.slice(0, 200))}`];
    }
    for (const p of e.findings ?? []) if (!found.some((f) => matches(f, p))) problems.push(`missing finding ${JSON.stringify(p)}`);
    if (e.exact && e.findings) {
      const extra = found.filter((f) => !e.findings!.some((p) => matches(f, p)));
      if (extra.length) problems.push(`unexpected finding(s): ${[...new Set(extra.map(show))].slice(0, 10).join('; ')}`);
    }
    for (const [code, n] of Object.entries(e.counts ?? {})) {
      const got = found.filter((f) => f.code === code).length;
      if (got !== n) problems.push(`${got} × ${code}, expected ${n}`);
    }
  }
  if (e.json) {
    let strings: string[];
    try {
      strings = stringsOf(JSON.parse(r.stdout));
    } catch {
      return [...problems, `stdout is not the --json document: ${JSON.stringify(r.stdout.slice(0, 200))}`];
    }
    for (const want of e.json)
      if (!strings.some((x) => x.includes(want))) problems.push(`no string of the --json document holds ${show1(want)}`);
  }
  for (const bad of e.shown?.lacks ?? [])
    if (r.stderr.includes(bad)) problems.push(`stderr shows ${show1(bad)} as is: ${show1(r.stderr.slice(0, 300))}`);
  return problems;
}

/** What is wrong with the human run's text, against `expect.shown`. */
function shownProblems(c: Case, h: Awaited<ReturnType<typeof runCli>>): string[] {
  const shown = c.expect.shown;
  if (!shown) return [];
  const text = `${h.stdout}\n${h.stderr}`;
  const problems: string[] = [];
  for (const want of shown.contains)
    if (!text.toLowerCase().includes(want.toLowerCase())) problems.push(`human output lacks ${show1(want)}`);
  for (const bad of shown.lacks) {
    const at = text.indexOf(bad);
    if (at >= 0) problems.push(`human output shows ${show1(bad)} as is: …${show1(text.slice(Math.max(0, at - 60), at + 60))}…`);
  }
  return problems;
}

describe(`robustness corpus: ${CASES.length} cases from test/fixtures/bad/cases.json`, () => {
  const used = new Set(CASES.flatMap((c) => c.files.filter((f) => f.startsWith('generated:')).map((f) => f.slice('generated:'.length))));

  // made once, awaited by beforeAll and by the concurrent child-process tests (which may start before it)
  let made: Promise<void> | null = null;
  const generate = (): Promise<void> =>
    (made ??= (async () => {
      for (const name of used) {
        const make = GENERATED[name];
        if (!make) throw new Error(`cases.json names generated:${name}, which this test does not make`);
        await make();
      }
    })());

  beforeAll(generate, 120_000);

  // the command line bundled for child processes; concurrent tests may start before beforeAll hooks finish: each awaits the one build
  let build: Promise<string> | null = null;
  const runner = (): Promise<string> => (build ??= buildCliBundle(tmp).then((b) => b.runner));
  /** big inputs that end in exit 2 run once, as a child process (the real bin/scoreseal path, human output), not twice */
  const childOnly = (c: Case): boolean => c.huge === true && c.expect.exit === 2;

  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  for (const c of CASES) {
    const run = c.knownBug ? test.failing : test;
    run(
      `${c.id}: ${c.title} → ${c.command} exit ${c.expect.exit}${c.knownBug ? ` [known bug: ${c.knownBug}]` : ''}`,
      async () => {
        const inputs = [...c.files, ...(c.plan ? [c.plan] : [])].map(pathOf);
        const before = snapshot(inputs);
        if (childOnly(c)) {
          const r = await runProcess(await runner(), argvOf(c, false), 60_000, c.env);
          const problems = [...(r.signal ? [`killed by ${r.signal}`] : []), ...problemsOf(c, r, true), ...shownProblems(c, r)];
          expect(snapshot(inputs)).toEqual(before);
          expect(problems).toEqual([]);
          return;
        }
        const json = JSON_COMMANDS.has(c.command);
        const r = await runCli(argvOf(c, json), c.env);
        const problems = problemsOf(c, r, !json);
        if (!json) problems.push(...shownProblems(c, r));
        else if (!c.huge || c.expect.shown) {
          // the human report: same exit code, as clean
          const h = await runCli(argvOf(c, false), c.env);
          if (h.code !== r.code) problems.push(`human output exits ${h.code}, --json exits ${r.code}`);
          problems.push(...cleanEndProblems(h, linesOf(c, true)).map((p) => `human output: ${p}`));
          problems.push(...shownProblems(c, h));
        }
        expect(snapshot(inputs)).toEqual(before);
        expect(problems).toEqual([]);
      },
      c.huge ? 60_000 : 15_000,
    );
  }

  test('every committed fixture file is used by a case', () => {
    const named = new Set(CASES.flatMap((c) => [...c.files, ...(c.plan ? [c.plan] : [])]));
    const unused = readdirSync(BAD).filter((f) => f !== 'cases.json' && !named.has(f));
    expect(unused).toEqual([]);
  });

  describe('as a child process (bin/scoreseal wrapper over a fresh bundle), the exit-2 cases (the big ones ran so above)', () => {
    const exit2 = CASES.filter((c) => c.expect.exit === 2 && !c.knownBug && !childOnly(c));
    test.concurrent.each(exit2.map((c) => [c.id, c] as const))(
      '%s',
      async (_id, c) => {
        await generate();
        const inputs = [...c.files, ...(c.plan ? [c.plan] : [])].map(pathOf);
        const before = snapshot(inputs);
        const r = await runProcess(await runner(), argvOf(c, false), 30_000, c.env);
        expect(r.signal).toBeNull();
        expect({ code: r.code, problems: cleanEndProblems(r, linesOf(c, true)) }).toEqual({
          code: 2,
          problems: [],
        });
        expect(snapshot(inputs)).toEqual(before);
      },
      30_000,
    );
  });
});
