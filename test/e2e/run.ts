/**
 * `npm run test:e2e`: the task pane end to end in Debian's Chromium, against the Excel test
 * double, in zh-CN and en-US; axe-core on every view; the task-pane bundle budget.
 *
 *   node scripts/run-ts.mjs test/e2e/run.ts [--no-build] [--lang zh-CN|en-US] [--only a,b,c,axe,selftest]
 *
 * 1. in parallel: the harness page (test/e2e/webpack.harness.cjs → dist-e2e/), the production
 *    build (webpack --mode production → dist-e2e/prod/, then scripts/bundle-size.mjs and the
 *    lazy-chunk check), and the fixtures (sealed workbooks made by the command line's `main`);
 * 2. a static server on 127.0.0.1 and Chromium (/usr/bin/chromium, fresh profile, no network);
 * 3. the CJK font check, then the scenarios (test/e2e/scenarios.ts); screenshots in
 *    artifacts/e2e/ (the README's pictures come from the demo: `npm run docs:images`);
 * 4. a summary; exit 1 on any failed step, serious/critical axe violation or bundle problem.
 *
 * Without Chromium: "skipped: Chromium not installed (apt-get install -y chromium)", exit 0 —
 * except in CI (`CI` set), where that is a failure.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { makeFixtures, readFixtures, type Fixtures } from './fixtures';
import type { HarnessLang } from './harness-api';
import { axeSweep, scenarioA, scenarioB, scenarioC, selfTestScenario } from './scenarios';
import type { RunEnv, StepResult } from './session';
import { CHROMIUM, cjkProblem, launchChromium, serveStatic } from './support';

const started = Date.now();
const OUT = 'dist-e2e';
const PROD = join(OUT, 'prod');
const FIXTURES = join(OUT, 'fixtures');
const ARTIFACTS = join('artifacts', 'e2e');
const LOGS = join(ARTIFACTS, 'logs');

const argv = process.argv.slice(2);
const flag = (name: string): string | null => {
  const i = argv.indexOf(name);
  return i >= 0 ? (argv[i + 1] ?? '') : null;
};
const noBuild = argv.includes('--no-build');
const langs: HarnessLang[] = flag('--lang') ? [flag('--lang') as HarnessLang] : ['zh-CN', 'en-US'];
const only = new Set((flag('--only') ?? 'a,b,c,axe,selftest').split(','));

const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
// bound now: the fixtures capture the command line's output by swapping process.stdout.write meanwhile
const stdoutWrite = process.stdout.write.bind(process.stdout);
const say = (s: string): void => void stdoutWrite(`${s}\n`);

/** Runs a command, its output into a log file; resolves to its exit code. */
function sh(name: string, cmd: string, args: string[]): Promise<{ code: number; ms: number; log: string }> {
  const t0 = Date.now();
  const log = join(LOGS, `${name}.log`);
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => chunks.push(d));
    child.stderr.on('data', (d: Buffer) => chunks.push(d));
    child.on('close', (code) => {
      writeFileSync(log, Buffer.concat(chunks));
      resolve({ code: code ?? 1, ms: Date.now() - t0, log });
    });
  });
}

const WEBPACK = join('node_modules', 'webpack-cli', 'bin', 'cli.js');

interface BundleResult {
  readonly ok: boolean;
  readonly lines: string[];
}

/** The production build, scripts/bundle-size.mjs on it, and where ExcelJS and the compile worker ended up. */
async function bundleBudget(): Promise<BundleResult> {
  // --no-build reuses the last production build when there is one
  const reuse = noBuild && existsSync(join(PROD, 'taskpane.html'));
  const build = reuse
    ? { code: 0, ms: 0, log: '' }
    : await sh('webpack-production', process.execPath, [WEBPACK, '--mode', 'production', '--output-path', PROD]);
  if (build.code !== 0) return { ok: false, lines: [`production build failed (exit ${build.code}); see ${build.log}`] };
  const size = await sh('bundle-size', process.execPath, ['scripts/bundle-size.mjs', PROD]);
  const lines = readFileSync(size.log, 'utf8').trim().split('\n');
  // every chunk that is not loaded by taskpane.html must be reached lazily; ExcelJS only there
  const html = readFileSync(join(PROD, 'taskpane.html'), 'utf8');
  const initial = new Set(
    [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)]
      .map((m) => m[1]!)
      .filter((src) => !/^https?:/.test(src))
      .map((src) => src.replace(/^\//, '')),
  );
  const chunks = readdirSync(PROD).filter((f) => f.endsWith('.js') && !f.startsWith('commands.'));
  const lazy = chunks.filter((f) => !initial.has(f));
  const described = lazy.map((f) => {
    const code = readFileSync(join(PROD, f));
    const tags = [
      /exceljs/i.test(code.toString('utf8')) ? 'ExcelJS' : '',
      /^scoreseal-xlsx-reader\./.test(f) ? 'the reader worker' : '',
      /^xlsx-reader\./.test(f) ? 'src/xlsx reader, fetched by the worker' : '',
    ]
      .filter(Boolean)
      .join(', ');
    return `${f} ${(gzipSync(code, { level: 9 }).length / 1024).toFixed(1)} KB gz${tags ? ` (${tags})` : ''}`;
  });
  lines.push(
    lazy.length
      ? `lazy chunks: ${described.join('; ')}`
      : 'lazy chunks: none (the production pane does not reach the compile worker or ExcelJS yet)',
  );
  let ok = size.code === 0;
  for (const f of initial) {
    if (/exceljs|xl\/workbook\.xml/i.test(readFileSync(join(PROD, f), 'utf8'))) {
      ok = false;
      lines.push(`ExcelJS in the initial chunk ${f}`);
    }
  }
  lines.push(reuse ? `production build reused (${PROD}, --no-build)` : `production build ${secs(build.ms)} (${PROD})`);
  return { ok, lines };
}

/** The whole run must end; a hung browser or build fails it instead of blocking CI. */
const WATCHDOG_MS = 6 * 60_000;

async function main(): Promise<number> {
  setTimeout(() => {
    say(`e2e: FAILED — still running after ${secs(WATCHDOG_MS)}; see ${LOGS}/`);
    process.exit(1);
  }, WATCHDOG_MS).unref();
  mkdirSync(LOGS, { recursive: true });
  for (const f of existsSync(ARTIFACTS) ? readdirSync(ARTIFACTS) : []) if (f.endsWith('.png')) rmSync(join(ARTIFACTS, f));
  const chromium = existsSync(CHROMIUM);
  say(`ScoreSeal e2e — ${langs.join(', ')}; Chromium: ${chromium ? CHROMIUM : 'missing'}`);

  // 1. builds and fixtures, side by side
  const harnessBuild =
    noBuild || !chromium
      ? Promise.resolve(null)
      : sh('webpack-harness', process.execPath, [WEBPACK, '--config', 'test/e2e/webpack.harness.cjs']);
  const budget = bundleBudget().catch((e: unknown): BundleResult => ({
    ok: false,
    lines: [`bundle check failed: ${e instanceof Error ? e.message : String(e)}`],
  }));
  const fixtureLog: string[] = [];
  const fixtures = (async (): Promise<Record<string, Fixtures> | null> => {
    if (!chromium) return null;
    const t0 = Date.now();
    const out: Record<string, Fixtures> = {};
    for (const lang of langs)
      out[lang] =
        noBuild && existsSync(join(FIXTURES, lang, 'compile.json'))
          ? await readFixtures(FIXTURES, lang)
          : await makeFixtures(FIXTURES, lang, fixtureLog);
    writeFileSync(join(LOGS, 'fixtures.log'), fixtureLog.join('\n'));
    say(`fixtures: sealed workbooks by the command line (${langs.join(', ')}) in ${secs(Date.now() - t0)}`);
    return out;
  })();

  const built = await harnessBuild;
  if (built) {
    if (built.code !== 0) {
      say(`harness build failed (exit ${built.code}); see ${built.log}`);
      say(readFileSync(built.log, 'utf8').slice(0, 3000));
      return 1;
    }
    say(`harness page built into ${OUT}/ in ${secs(built.ms)}`);
  }

  const steps: StepResult[] = [];
  const env0: Omit<RunEnv, 'baseUrl' | 'context'> = {
    steps,
    axe: [],
    screenshots: [],
    blocked: [],
    artifacts: ARTIFACTS,
  };
  let skipped = false;
  let fixturesFailed: string | null = null;

  if (!chromium) {
    skipped = true;
  } else {
    let fx: Record<string, Fixtures> | null = null;
    try {
      fx = await fixtures;
    } catch (e) {
      fixturesFailed = e instanceof Error ? e.message : String(e);
    }
    const server = await serveStatic(OUT);
    const browser = await launchChromium();
    const env: RunEnv = { ...env0, baseUrl: server.url, context: browser.context };
    try {
      // screenshots prove nothing when Chinese renders as boxes: a CJK font must be installed
      const f0 = Date.now();
      const font = await cjkProblem(browser.context, `${server.url}index.html`).catch((e: unknown) => String(e));
      steps.push({
        scenario: 'fonts',
        lang: 'zh-CN',
        step: 'Chinese text renders with a CJK font',
        ok: font === null,
        ms: Date.now() - f0,
        ...(font === null ? {} : { error: `${font}: install a CJK font (Debian: apt-get install -y fonts-noto-cjk); .ci/run does` }),
      });
      for (const lang of langs) {
        const t0 = Date.now();
        if (only.has('a')) await scenarioA(env, lang);
        if (only.has('b')) await scenarioB(env, lang);
        if (only.has('c')) {
          if (fx?.[lang]) await scenarioC(env, lang, fx[lang]);
          else steps.push({ scenario: 'c-office', lang, step: 'fixtures', ok: false, ms: 0, error: `fixtures failed: ${fixturesFailed}` });
        }
        if (only.has('axe')) await axeSweep(env, lang);
        if (only.has('selftest')) await selfTestScenario(env, lang);
        say(`${lang}: scenarios in ${secs(Date.now() - t0)}`);
      }
    } finally {
      await browser.close();
      await server.close();
    }
  }

  const bundle = await budget;

  /* --- summary --- */
  if (steps.length) say('\n== Steps');
  let currentKey = '';
  for (const s of steps) {
    const key = `${s.scenario} [${s.lang}]`;
    if (key !== currentKey) say(`${key}`);
    currentKey = key;
    say(`  ${s.ok ? 'ok  ' : 'FAIL'} ${s.step} (${secs(s.ms)})${s.error ? `\n         ${s.error.replace(/\n/g, '\n         ')}` : ''}`);
  }
  const axe = env0.axe;
  if (axe.length) {
    say('\n== Accessibility (axe-core, #container; nodes per impact)');
    for (const a of axe)
      say(
        `  ${a.lang} ${a.view.padEnd(28)} critical ${a.critical}  serious ${a.serious}  moderate ${a.moderate}  minor ${a.minor}  (passed rules ${a.passes}; Tabster sentinels left out ${a.suppressed})`,
      );
    const byRule = new Map<string, { views: string[]; nodes: string }>();
    for (const a of axe)
      for (const b of a.blocking) {
        const key = `${b.impact} ${b.rule}: ${b.help}`;
        const entry = byRule.get(key) ?? { views: [], nodes: b.nodes };
        entry.views.push(`${a.lang} ${a.view}`);
        byRule.set(key, entry);
      }
    for (const [rule, { views, nodes }] of byRule) say(`  ✗ ${rule}\n      in ${views.join(', ')}\n      e.g. ${nodes}`);
  }
  say('\n== Bundle budget');
  for (const line of bundle.lines) say(`  ${line}`);
  const blocked = env0.blocked;
  if (blocked.length) {
    say('\n== Blocked');
    for (const b of blocked) say(`  ${b}`);
  }
  const shots = env0.screenshots;
  if (shots.length) say(`\nscreenshots: ${shots.length} in ${ARTIFACTS}/`);

  const failedSteps = steps.filter((s) => !s.ok).length;
  const axeBlocking = axe.reduce((n, a) => n + a.critical + a.serious, 0);
  const total = Date.now() - started;
  say('');
  if (skipped) {
    say('skipped: Chromium not installed (apt-get install -y chromium)');
    const inCi = !!process.env.CI;
    say(
      `bundle budget: ${bundle.ok ? 'ok' : 'FAILED'}; ${inCi ? 'CI is set: a missing browser fails the run' : 'not in CI: exit 0'} (${secs(total)})`,
    );
    return inCi || !bundle.ok ? 1 : 0;
  }
  const passed = steps.filter((s) => s.ok).length;
  const ok = failedSteps === 0 && axeBlocking === 0 && bundle.ok && !fixturesFailed;
  say(
    `e2e: ${ok ? 'PASSED' : 'FAILED'} — ${passed} steps passed, ${failedSteps} failed; axe: ${axeBlocking} serious/critical over ${axe.length} views; bundle: ${bundle.ok ? 'ok' : 'FAILED'}${blocked.length ? `; ${blocked.length} blocked (see above)` : ''}; ${secs(total)}`,
  );
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`e2e: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
