/**
 * `npm run bench:hostile`: every hostile case of the robustness corpus (the cases marked
 * `"hostile": true` in test/fixtures/bad/cases.json) at full size — the zip bombs at 1.2 and
 * 3.5 GiB, a million rows, twenty million shared strings… (scripts/hostile-workbooks.ts, the
 * 'bench' scale) — each through `./bin/scoreseal <command> <file> …` in a child process of its
 * own, timed (wall clock) and measured (peak RSS: `process.resourceUsage().maxRSS` of that
 * process, written by a small wrapper to a side channel, fd 3), against the budget of 10 s and
 * 1 GB. It also checks what the corpus test checks of a run: the exit code, the message (and
 * one line of it for exit 2, no stack trace), the input byte-identical afterwards.
 *
 * The runs are started by a small spawner process, not by this one: on Linux a process's
 * maxRSS starts at the resident size of the process it was forked from (the kernel keeps the
 * old image's high-water mark across exec), and this one holds the big inputs it makes.
 *
 *   npm run bench:hostile                      (builds dist/cli.cjs first)
 *   node scripts/run-ts.mjs bench/hostile.ts [case-id-substring…]
 *
 * The big inputs are made in a temporary folder, one case at a time, and removed. Exit code 1
 * when a case is over budget or not as expected. The machine may be shared: the load average
 * is printed before and after.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { GENERATED, makeGenerated } from '../scripts/hostile-workbooks';

const ROOT = resolve(__dirname, '../..');
const BAD = join(ROOT, 'test/fixtures/bad');
const BIN = join(ROOT, 'bin/scoreseal');
const BUDGET_MS = 10_000;
const BUDGET_BYTES = 1e9;
/** a run this long is stopped (and fails the budget) */
const KILL_MS = 180_000;

interface Case {
  id: string;
  title: string;
  command: string;
  files: string[];
  plan: string | null;
  args?: string[];
  env?: Record<string, string>;
  hostile?: boolean;
  knownBug?: string;
  expect: { exit: number; stderr?: string[]; stderrLines?: number; humanStderrLines?: number };
}

interface Measured {
  code: number | null;
  signal: string | null;
  ms: number;
  /** bytes; null when the child died before it could say */
  maxRss: number | null;
  stdout: string;
  stderr: string;
}

/** The spawner: a bare Node process that starts each run (so that a run's maxRSS is its own) and reports it over IPC. */
const SPAWNER = `'use strict';
const { spawn } = require('node:child_process');
process.on('message', ({ wrapper, bin, argv, env, cwd, killMs }) => {
  const t0 = performance.now();
  const child = spawn(process.execPath, [wrapper, bin, ...argv], { cwd, env, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
  let stdout = '', stderr = '', side = '';
  child.stdout.on('data', (b) => (stdout += b.toString('utf8')));
  child.stderr.on('data', (b) => (stderr += b.toString('utf8')));
  child.stdio[3].on('data', (b) => (side += b.toString('utf8')));
  const timer = setTimeout(() => child.kill('SIGKILL'), killMs);
  child.on('error', (e) => process.send({ error: String(e) }));
  child.on('close', (code, signal) => {
    const ms = performance.now() - t0;
    clearTimeout(timer);
    process.send({ code, signal, ms, side, stdout, stderr });
  });
});
`;

/** The wrapper: runs bin/scoreseal as `node bin/scoreseal` would, and on exit writes its peak RSS to fd 3. */
const WRAPPER = `'use strict';
const fs = require('node:fs');
process.on('exit', () => {
  try { fs.writeSync(3, JSON.stringify({ maxRSS: process.resourceUsage().maxRSS })); } catch {}
});
const bin = process.argv[2];
process.argv.splice(1, 2, bin);
require(bin);
`;

interface SpawnerReply {
  error?: string;
  code: number | null;
  signal: string | null;
  ms: number;
  side: string;
  stdout: string;
  stderr: string;
}

/** Runs `bin/scoreseal <argv>` through the spawner and the wrapper. */
function measure(spawner: ChildProcess, wrapper: string, argv: readonly string[], env: Record<string, string>): Promise<Measured> {
  return new Promise((done, fail) => {
    spawner.once('message', (m: SpawnerReply) => {
      if (m.error) return fail(new Error(m.error));
      let maxRss: number | null = null;
      try {
        maxRss = (JSON.parse(m.side) as { maxRSS: number }).maxRSS * 1024; // kilobytes on every platform
      } catch {
        /* killed, or crashed before exit */
      }
      done({ code: m.code, signal: m.signal, ms: m.ms, maxRss, stdout: m.stdout, stderr: m.stderr });
    });
    spawner.send({ wrapper, bin: BIN, argv, env: { ...process.env, SCORESEAL_DEBUG: '', ...env }, cwd: ROOT, killMs: KILL_MS });
  });
}

const STACK_LINE = /^\s+at\s+(?:.+\(.*:\d+:\d+\)|.*:\d+:\d+)\s*$/m;
const sha256 = (file: string): string | null => (existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : null);

/** What is wrong with a run against its case (empty: as expected). */
function problemsOf(c: Case, m: Measured): string[] {
  const p: string[] = [];
  if (m.signal) p.push(`killed by ${m.signal}`);
  if (m.code !== c.expect.exit) p.push(`exit ${m.code}, expected ${c.expect.exit}`);
  for (const s of c.expect.stderr ?? []) if (!m.stderr.includes(s)) p.push(`stderr lacks ${JSON.stringify(s)}`);
  if (STACK_LINE.test(m.stderr) || STACK_LINE.test(m.stdout)) p.push('stack trace');
  if (/internal error/i.test(m.stderr)) p.push('internal error');
  if (m.code === 2) {
    const want = c.expect.humanStderrLines ?? c.expect.stderrLines ?? 1;
    const lines = m.stderr.split('\n').filter((l) => l.trim() !== '').length;
    if (lines !== want) p.push(`${lines} stderr lines, expected ${want}`);
  }
  return p;
}

const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const size = (bytes: number): string => (bytes >= 2 ** 20 ? `${(bytes / 2 ** 20).toFixed(1)} MB` : `${(bytes / 1024).toFixed(0)} KB`);
const secs = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const load = (): string =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

async function main(): Promise<void> {
  const filters = process.argv.slice(2);
  if (!existsSync(join(ROOT, 'dist/cli.cjs'))) throw new Error('dist/cli.cjs is missing: run `npm run build:cli` first');
  const doc = JSON.parse(readFileSync(join(BAD, 'cases.json'), 'utf8')) as { cases: Case[] };
  const cases = doc.cases.filter((c) => c.hostile && (!filters.length || filters.some((f) => c.id.includes(f))));
  const tmp = mkdtempSync(join(tmpdir(), 'scoreseal-hostile-'));
  const cleanUp = (): void => rmSync(tmp, { recursive: true, force: true });
  process.on('SIGINT', () => {
    cleanUp();
    process.exit(130);
  });
  const wrapper = join(tmp, 'rss-wrapper.cjs');
  writeFileSync(wrapper, WRAPPER);
  writeFileSync(join(tmp, 'spawner.cjs'), SPAWNER);
  // started now, while this process is small; it starts every run
  const spawner = fork(join(tmp, 'spawner.cjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const inDir = join(tmp, 'in');
  const outDir = join(tmp, 'out');
  mkdirSync(inDir);
  mkdirSync(outDir);

  console.log(
    `hostile inputs through ./bin/scoreseal (dist/cli.cjs built ${statSync(join(ROOT, 'dist/cli.cjs')).mtime.toISOString()}), one child process each; ` +
      `budget ${BUDGET_MS / 1000} s and 1 GB (10^9 bytes) peak RSS`,
  );
  console.log(`node ${process.version}, ${cpus().length} cores, load average before: ${load()}`);
  const rows: { c: Case; file: string; bytes: number; m: Measured; problems: string[] }[] = [];
  try {
    for (const c of cases) {
      const paths: string[] = [];
      for (const f of c.files) {
        if (!f.startsWith('generated:')) {
          paths.push(join(BAD, f));
          continue;
        }
        const name = f.slice('generated:'.length);
        if (!GENERATED[name]) throw new Error(`${c.id}: no generator for ${f} in scripts/hostile-workbooks.ts`);
        paths.push(await makeGenerated(name, BAD, inDir, 'bench'));
      }
      const argv = [
        c.command,
        ...paths,
        ...(c.plan ? ['--plan', join(BAD, c.plan)] : []),
        ...(c.command === 'compile' ? ['-o', join(outDir, `${c.id}.xlsx`)] : []),
        ...(c.args ?? []),
      ];
      const before = paths.map(sha256);
      const m = await measure(spawner, wrapper, argv, c.env ?? {});
      const problems = problemsOf(c, m);
      if (paths.map(sha256).some((h, i) => h !== before[i])) problems.push('input changed');
      rows.push({ c, file: paths[0]!.split('/').pop()!, bytes: paths.reduce((n, p) => n + statSync(p).size, 0), m, problems });
      for (const p of paths) if (p.startsWith(inDir)) rmSync(p, { force: true });
      process.stderr.write(`  ${c.id}: exit ${m.code} in ${secs(m.ms)}\n`);
    }
  } finally {
    spawner.kill();
    cleanUp();
  }

  const header = ['case', 'command', 'input', 'exit', 'wall', 'peak RSS', '≤ 10 s', '≤ 1 GB', 'as expected'];
  const table = rows.map(({ c, bytes, m, problems }) => [
    c.id.replace(/^hostile-/, ''),
    c.command,
    size(bytes),
    `${m.code ?? m.signal}${m.code === c.expect.exit ? '' : ` (want ${c.expect.exit})`}`,
    secs(m.ms),
    m.maxRss === null ? '—' : mib(m.maxRss),
    m.ms <= BUDGET_MS ? '✓' : '✗',
    m.maxRss !== null && m.maxRss <= BUDGET_BYTES ? '✓' : '✗',
    problems.length ? `✗ ${problems.join('; ')}` : c.knownBug ? '✗ known bug' : '✓',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => `| ${cells.map((s, i) => s.padEnd(widths[i]!)).join(' | ')} |`;
  console.log('');
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of table) console.log(line(r));
  console.log('');
  const slowest = rows.reduce((a, b) => (b.m.ms > a.m.ms ? b : a));
  const fattest = rows.reduce((a, b) => ((b.m.maxRss ?? Infinity) > (a.m.maxRss ?? Infinity) ? b : a));
  console.log(`largest time:   ${secs(slowest.m.ms)} (${slowest.c.id}, ${slowest.c.command})`);
  console.log(`largest memory: ${fattest.m.maxRss === null ? '— (died)' : mib(fattest.m.maxRss)} (${fattest.c.id}, ${fattest.c.command})`);
  console.log(`load average after: ${load()}`);
  for (const { c, problems, m } of rows)
    if (problems.length || c.knownBug)
      console.log(
        `${c.id}: ${[...problems, ...(c.knownBug ? [`known bug: ${c.knownBug}`] : [])].join('; ')}\n    stderr: ${JSON.stringify(m.stderr.trim().slice(0, 300))}`,
      );
  const over = rows.filter(({ m }) => m.ms > BUDGET_MS || m.maxRss === null || m.maxRss > BUDGET_BYTES);
  const wrong = rows.filter(({ problems }) => problems.length);
  console.log(
    `${rows.length} case(s): ${over.length} over budget${over.length ? ` (${over.map((r) => r.c.id).join(', ')})` : ''}, ${wrong.length} not as expected${wrong.length ? ` (${wrong.map((r) => r.c.id).join(', ')})` : ''}`,
  );
  if (over.length || wrong.length) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
