/**
 * `npm run bench`: the SPEC §7 figures, each printed with its budget and the ratio measured in
 * this run (machines here are shared and noisy: read ratios, not absolute times).
 */
import { performance } from 'node:perf_hooks';
import { evaluateSheet } from '../src/core/rules/evaluate';
import { benchVerify, benchVerifySheets } from './verify';
import { benchCompile } from './compile';
import { benchBundle } from './bundle';
import { benchVrf } from './vrf';
import { useNodeCrypto } from '../src/cli/native-crypto';
import { useNodeInflate } from '../src/xlsx/node-inflate';
import { cryptoProvider, useCryptoProvider } from '../src/core/crypto/provider';
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

async function main(): Promise<void> {
  useNodeCrypto();
  useNodeInflate(); // as the command line does
  if (process.env.NOVRF) { const { vrfVerify: _, ...rest } = cryptoProvider(); useCryptoProvider(rest); }
  const which = new Set(process.argv.slice(2));
  const all = which.size === 0;
  const rows: Row[] = [];
  if (all || which.has('validate')) rows.push(await benchValidate());
  if (all || which.has('verify')) rows.push(...(await benchVerify()), ...(await benchVerifySheets()));
  if (all || which.has('vrf')) rows.push(...(await benchVrf()));
  if (all || which.has('compile')) rows.push(...(await benchCompile()));
  if (all || which.has('bundle')) rows.push(...benchBundle());
  const w = Math.max(...rows.map((r) => r.figure.length));
  console.log(`${'figure'.padEnd(w)}  ${'measured'.padStart(14)}  ${'budget'.padStart(22)}  ratio`);
  console.log('(ratio = measured ÷ budget: ≤ 1.00 is within budget; figures from this one run)');
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
