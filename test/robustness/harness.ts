/**
 * Shared by the robustness tests: runs the command line in this process with its output
 * captured, builds the command line bundle for child processes, and states what a clean
 * end looks like (no stack trace, no "internal error", exit 2 in one line).
 */
import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { main } from '../../src/cli/main';

export const ROOT = resolve(__dirname, '../..');
export const BAD = join(ROOT, 'test/fixtures/bad');

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** Runs `scoreseal <argv>` in this process, capturing stdout and stderr; `env` is set for the run only. */
export async function runCli(argv: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    stdout += typeof s === 'string' ? s : Buffer.from(s).toString('utf8');
    return true;
  });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
    stderr += typeof s === 'string' ? s : Buffer.from(s).toString('utf8');
    return true;
  });
  const names = ['SCORESEAL_DEBUG', ...Object.keys(env)];
  const saved = new Map(names.map((k) => [k, process.env[k]]));
  delete process.env.SCORESEAL_DEBUG;
  Object.assign(process.env, env);
  const t0 = performance.now();
  try {
    const code = await main(argv);
    return { code, stdout, stderr, ms: performance.now() - t0 };
  } finally {
    out.mockRestore();
    err.mockRestore();
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** A V8 stack frame line ("    at fn (file:1:2)") anywhere in the text. */
export const STACK_LINE = /^\s+at\s+(?:.+\(.*:\d+:\d+\)|.*:\d+:\d+)\s*$/m;

/** Problems with how a run ended, whatever the input (empty when it ended cleanly). */
export function cleanEndProblems(r: Pick<RunResult, 'code' | 'stdout' | 'stderr'>, opts: { stderrLines?: number } = {}): string[] {
  const problems: string[] = [];
  if (![0, 1, 2].includes(r.code)) problems.push(`exit code ${r.code}`);
  for (const [name, text] of [
    ['stdout', r.stdout],
    ['stderr', r.stderr],
  ] as const) {
    if (STACK_LINE.test(text)) problems.push(`${name} holds a stack trace`);
    if (/internal error/i.test(text)) problems.push(`${name} reports an internal error: ${firstLine(text, /internal error/i)}`);
  }
  if (r.code === 2) {
    const lines = r.stderr.split('\n').filter((l) => l.trim() !== '');
    const want = opts.stderrLines ?? 1;
    if (lines.length !== want)
      problems.push(`exit 2 with ${lines.length} line(s) on stderr (expected ${want}): ${JSON.stringify(r.stderr.slice(0, 400))}`);
  }
  return problems;
}

function firstLine(text: string, re: RegExp): string {
  return text.split('\n').find((l) => re.test(l)) ?? '';
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Hashes of the files given (null for a path that is not a readable file) and the listing of their folders. */
export function snapshot(paths: readonly string[]): { files: Record<string, string | null>; dirs: Record<string, string[]> } {
  const files: Record<string, string | null> = {};
  const dirs: Record<string, string[]> = {};
  for (const p of paths) {
    try {
      files[p] = sha256(readFileSync(p));
    } catch {
      files[p] = null;
    }
    const dir = resolve(p, '..');
    if (!dirs[dir]) dirs[dir] = readdirSync(dir).sort();
  }
  return { files, dirs };
}

/** Builds the command line (src/cli/main.ts) into `dir`/cli.cjs (`bundle`, exports `main`) plus `runner`, a script that behaves as bin/scoreseal. */
export async function buildCliBundle(dir: string): Promise<{ bundle: string; runner: string }> {
  const { build } = await import('esbuild');
  const bundle = join(dir, 'cli.cjs');
  await build({
    entryPoints: [join(ROOT, 'src/cli/main.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile: bundle,
    logLevel: 'silent',
  });
  // the same wrapper as bin/scoreseal, pointing at this bundle
  const bin = readFileSync(join(ROOT, 'bin/scoreseal'), 'utf8').replace(
    "path.join(__dirname, '..', 'dist', 'cli.cjs')",
    JSON.stringify(bundle),
  );
  if (!bin.includes(JSON.stringify(bundle))) throw new Error('bin/scoreseal changed shape: update buildCliBundle');
  const runner = join(dir, 'scoreseal.cjs');
  writeFileSync(runner, bin.replace(/^#!.*\n/, ''));
  return { bundle, runner };
}

/** Runs the runner from {@link buildCliBundle} as a child process (`env` added to this process's). */
export function runProcess(
  runner: string,
  argv: readonly string[],
  timeoutMs = 30_000,
  env: Readonly<Record<string, string>> = {},
): Promise<RunResult & { signal: NodeJS.Signals | null }> {
  return new Promise((done, fail) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [runner, ...argv], {
      cwd: ROOT,
      env: { ...process.env, SCORESEAL_DEBUG: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString('utf8')));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', fail);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({ code: code ?? -1, signal, stdout, stderr, ms: performance.now() - t0 });
    });
  });
}
