// `npm test`: every suite, one phase after another, one line per phase with its time, and at the
// end the total and the slowest parts (Jest suites and phases). Exit 1 when any phase fails.
//
//   1. type check and lint, side by side (each uses one core)
//   2. Jest (unit, property, CLI, pane in jsdom), both cores — scripts/jest-summary.mjs
//   3. the browser suite (test/e2e/run.ts: Chromium, axe, bundle budget)
//
// `npm run test:deep` runs the property tests with large counts (SCORESEAL_DEEP=1).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const started = Date.now();
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;
const say = (s) => process.stdout.write(`${s}\n`);

/** Runs a command; `quiet` keeps its output unless it fails. */
function run(name, args, { quiet = false } = {}) {
  const t0 = Date.now();
  if (!quiet) say(`\n── ${name} ──`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit', env: process.env });
    const out = [];
    if (quiet) {
      child.stdout.on('data', (d) => out.push(d));
      child.stderr.on('data', (d) => out.push(d));
    }
    child.on('close', (code) => {
      const ms = Date.now() - t0;
      if (quiet && code !== 0) process.stdout.write(Buffer.concat(out));
      say(`${code === 0 ? '✓' : '✗'} ${name} ${secs(ms)}${code === 0 ? '' : ` (exit ${code})`}`);
      resolve({ name, code: code ?? 1, ms });
    });
  });
}

say('npm test: type check + lint, Jest, browser suite (a few minutes; each phase reports its time)');
say('── type check and lint (side by side) ──');
const phases = await Promise.all([
  run('type check (tsc)', ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], { quiet: true }),
  run('lint (eslint)', ['node_modules/eslint/bin/eslint.js', '.'], { quiet: true }),
]);
phases.push(await run('Jest', ['scripts/jest-summary.mjs']));
phases.push(await run('browser suite (e2e)', ['scripts/run-ts.mjs', 'test/e2e/run.ts']));

// the slowest parts: phases other than Jest, and Jest's suites
const parts = phases.filter((p) => p.name !== 'Jest').map((p) => ({ name: p.name, ms: p.ms }));
if (existsSync('artifacts/jest-results.json')) {
  const r = JSON.parse(readFileSync('artifacts/jest-results.json', 'utf8'));
  for (const t of r.testResults ?? []) parts.push({ name: t.name.replace(`${process.cwd()}/`, ''), ms: t.endTime - t.startTime });
}
parts.sort((a, b) => b.ms - a.ms);
const failed = phases.filter((p) => p.code !== 0);
say('\n── summary ──');
for (const p of phases) say(`${p.code === 0 ? '✓' : '✗'} ${p.name.padEnd(24)} ${secs(p.ms)}`);
say(
  `slowest parts: ${parts
    .slice(0, 5)
    .map((p) => `${p.name} ${secs(p.ms)}`)
    .join('; ')}`,
);
say(
  `npm test: ${failed.length ? `FAILED (${failed.map((p) => p.name).join(', ')})` : 'passed'} in ${secs(Date.now() - started)} wall time`,
);
process.exitCode = failed.length ? 1 : 0;
