/**
 * The robustness corpus (test/fixtures/bad/cases.json): every broken input through the
 * command line's `main`, in this process — exit code, finding codes (and cells), no stack
 * trace, no internal error, exit 2 in one line, and the input files byte-identical afterwards
 * (nothing written beside them either). The human output is run too (same exit code, same
 * cleanliness). Inputs that end in exit 2 also run as a real child process through the
 * bin/scoreseal wrapper, where an unhandled rejection or a late error would show.
 *
 * The fixtures are made by scripts/make-bad-fixtures.ts; the two 50,000-row workbooks are made
 * here, in a temporary folder.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { FINDING_CODES } from '../../src/core/findings';
import { makeHugeWorkbook } from '../../scripts/make-bad-fixtures';
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
  command: z.enum(['validate', 'verify']),
  files: z.array(z.string()).min(1),
  plan: z.string().nullable(),
  huge: z.boolean().optional(),
  knownBug: z.string().optional(),
  expect: z.strictObject({
    exit: z.union([z.literal(0), z.literal(1), z.literal(2)]),
    stderr: z.array(z.string()).optional(),
    stderrLines: z.number().int().positive().optional(),
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

const tmp = mkdtempSync(join(tmpdir(), 'scoreseal-corpus-'));
const GENERATED: Record<string, () => Promise<void>> = {
  'huge-below.xlsx': () => makeHugeWorkbook(join(BAD, 'sealed.xlsx'), join(tmp, 'huge-below.xlsx'), 50_000, 'below'),
  'huge-table.xlsx': () => makeHugeWorkbook(join(BAD, 'filled.xlsx'), join(tmp, 'huge-table.xlsx'), 50_000, 'table'),
};
const pathOf = (name: string): string => (name.startsWith('generated:') ? join(tmp, name.slice('generated:'.length)) : join(BAD, name));
const argvOf = (c: Case, json: boolean): string[] => [
  c.command,
  ...c.files.map(pathOf),
  ...(c.plan ? ['--plan', pathOf(c.plan)] : []),
  ...(json ? ['--json'] : []),
];

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

/** What is wrong with a run, against the case (empty when it is as expected). */
function problemsOf(c: Case, r: Awaited<ReturnType<typeof runCli>>): string[] {
  const e = c.expect;
  const problems = cleanEndProblems(r, e.stderrLines ? { stderrLines: e.stderrLines } : {});
  if (r.code !== e.exit) problems.push(`exit ${r.code}, expected ${e.exit}; stderr: ${r.stderr.trim().slice(0, 300)}`);
  for (const s of e.stderr ?? [])
    if (!r.stderr.includes(s)) problems.push(`stderr lacks ${JSON.stringify(s)}: ${JSON.stringify(r.stderr.slice(0, 300))}`);
  if (e.exit !== 2 && r.stderr.trim()) problems.push(`unexpected stderr: ${r.stderr.trim().slice(0, 300)}`);
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
  return problems;
}

describe(`robustness corpus: ${CASES.length} cases from test/fixtures/bad/cases.json`, () => {
  const used = new Set(
    CASES.filter((c) => c.huge).flatMap((c) => c.files.filter((f) => f.startsWith('generated:')).map((f) => f.slice('generated:'.length))),
  );

  beforeAll(async () => {
    for (const name of used) {
      const make = GENERATED[name];
      if (!make) throw new Error(`cases.json names generated:${name}, which this test does not make`);
      await make();
    }
  }, 120_000);

  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  for (const c of CASES) {
    const run = c.knownBug ? test.failing : test;
    run(
      `${c.id}: ${c.title} → ${c.command} exit ${c.expect.exit}${c.knownBug ? ` [known bug: ${c.knownBug}]` : ''}`,
      async () => {
        const inputs = [...c.files, ...(c.plan ? [c.plan] : [])].map(pathOf);
        const before = snapshot(inputs);
        const r = await runCli(argvOf(c, true));
        const problems = problemsOf(c, r);
        if (!c.huge) {
          // the human report: same exit code, as clean
          const h = await runCli(argvOf(c, false));
          if (h.code !== r.code) problems.push(`human output exits ${h.code}, --json exits ${r.code}`);
          problems.push(
            ...cleanEndProblems(h, c.expect.stderrLines ? { stderrLines: c.expect.stderrLines } : {}).map((p) => `human output: ${p}`),
          );
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

  describe('as a child process (bin/scoreseal wrapper over a fresh bundle), the exit-2 cases', () => {
    // concurrent tests may start before beforeAll hooks finish: each awaits the one build
    let build: Promise<string> | null = null;
    const runner = (): Promise<string> => (build ??= buildCliBundle(tmp).then((b) => b.runner));
    const exit2 = CASES.filter((c) => c.expect.exit === 2 && !c.knownBug);
    test.concurrent.each(exit2.map((c) => [c.id, c] as const))(
      '%s',
      async (_id, c) => {
        const r = await runProcess(await runner(), argvOf(c, false));
        expect(r.signal).toBeNull();
        expect({ code: r.code, problems: cleanEndProblems(r, c.expect.stderrLines ? { stderrLines: c.expect.stderrLines } : {}) }).toEqual({
          code: 2,
          problems: [],
        });
      },
      30_000,
    );
  });
});
