/**
 * `npm run bench`: the SPEC §7 figures, each printed with its budget and the ratio measured in
 * this run (machines here are shared and noisy: read ratios, not absolute times).
 */
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { evaluateSheet } from '../src/core/rules/evaluate';
import { benchVerify, benchVerifySheets } from './verify';
import { benchCompile } from './compile';
import { benchBundle } from './bundle';
import { benchVrf } from './vrf';
import { useNodeCrypto } from '../src/cli/native-crypto';
import { useNodeInflate } from '../src/xlsx/node-inflate';
import { bigPlan, filledSheet } from './fixtures';

interface Row {
  figure: string;
  measured: string;
  budget: string;
  ratio: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

async function benchValidate(): Promise<Row> {
  const plan = bigPlan(50, 20); // 1,000 scored items
  const { raw, logRows } = filledSheet(plan, 'u1');
  const run = async (): Promise<number> => {
    const t = performance.now();
    const r = await evaluateSheet({ raw, logRows, trusted: plan });
    const ms = performance.now() - t;
    if (r.findings.some((f) => f.severity === 'error' && f.code !== 'SIGNER_MISSING')) throw new Error('bench sheet should be valid');
    return ms;
  };
  for (let i = 0; i < 5; i++) await run(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < 101; i++) times.push(await run());
  const m = median(times);
  return { figure: 'validate a 1,000-item sheet (core, median of 101)', measured: `${m.toFixed(2)} ms`, budget: '≤ 20 ms', ratio: m / 20 };
}

/** The groups of figures, each measured in a process of its own (see main). */
const GROUPS: Record<string, () => Promise<Row[]>> = {
  validate: async () => [await benchValidate()],
  verify: () => benchVerify(),
  sheets: () => benchVerifySheets(),
  vrf: () => benchVrf(),
  compile: () => benchCompile(),
  bundle: () => Promise.resolve(benchBundle()),
};

async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((g) => !(g in GROUPS));
  if (unknown.length) throw new Error(`unknown figure group(s) ${unknown.join(', ')}: ${Object.keys(GROUPS).join(', ')}`);
  const groups = asked.length ? asked : Object.keys(GROUPS);
  const rows: Row[] = [];
  if (process.env.BENCH_CHILD) {
    // one group, in this process: its rows as JSON for the parent
    useNodeCrypto();
    useNodeInflate(); // as the command line does
    for (const g of groups) rows.push(...(await GROUPS[g]!()));
    process.stdout.write(`${JSON.stringify(rows)}\n`);
    return;
  }
  // each group in a fresh process: what one measured does not weigh on the next (a heap grown by
  // the 20,000-signature run slowed ExcelJS's load to twice its time in the compile figure)
  for (const g of groups) {
    const out = execFileSync(process.execPath, [process.argv[1]!, g], {
      env: { ...process.env, BENCH_CHILD: '1' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 16 * 2 ** 20,
    });
    const last = out.trim().split('\n').at(-1) ?? '[]';
    rows.push(...(JSON.parse(last, (_k, v: unknown) => (v === null ? Number.NaN : v)) as Row[]));
  }
  const w = Math.max(...rows.map((r) => r.figure.length));
  console.log(`${'figure'.padEnd(w)}  ${'measured'.padStart(14)}  ${'budget'.padStart(22)}  ratio`);
  console.log('(ratio = measured ÷ budget: ≤ 1.00 is within budget; each group measured in a fresh process, figures from this one run)');
  for (const r of rows)
    console.log(
      `${r.figure.padEnd(w)}  ${r.measured.padStart(14)}  ${r.budget.padStart(22)}  ${Number.isNaN(r.ratio) ? '   —' : `${r.ratio.toFixed(2)}${r.ratio <= 1 ? '  ✓' : '  ✗ over budget'}`}`,
    );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});

export type { Row };
