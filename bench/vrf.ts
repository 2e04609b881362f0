/**
 * The VRF of SPEC §3 (ECVRF-EDWARDS25519-SHA512-TAI, pure JS on @noble/curves): prove and verify
 * times in Node and in a browser Web Worker (Debian's Chromium through playwright-core, the way
 * the pane's compile worker runs), next to a pure-JS Ed25519 sign and verify for scale.
 */
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { ed25519 } from '@noble/curves/ed25519.js';
import { build } from 'esbuild';
import { vrfProve, vrfVerify } from '../src/core/crypto/vrf';
import type { Row } from './bench';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Median time of `fn` over `n` runs after a warm-up, in ms. */
function time(n: number, fn: (i: number) => void): number {
  for (let i = 0; i < 5; i++) fn(i);
  const t: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    fn(i);
    t.push(performance.now() - t0);
  }
  return median(t);
}

export function vrfTimesNode(n = 101): { prove: number; verify: number; sign: number; edVerify: number } {
  const secret = new Uint8Array(32).fill(9);
  const pub = ed25519.getPublicKey(secret);
  const alphas = Array.from({ length: n + 5 }, (_, i) => new TextEncoder().encode(`{"contentDigest":"${i}","schema":"scoreseal/draw@2"}`));
  const proofs = alphas.map((a) => vrfProve(secret, a));
  const sigs = alphas.map((a) => ed25519.sign(a, secret));
  return {
    prove: time(n, (i) => vrfProve(secret, alphas[i]!)),
    verify: time(n, (i) => {
      if (!vrfVerify(pub, proofs[i]!, alphas[i]!)) throw new Error('VRF proof did not verify');
    }),
    sign: time(n, (i) => ed25519.sign(alphas[i]!, secret)),
    edVerify: time(n, (i) => {
      if (!ed25519.verify(sigs[i]!, alphas[i]!, pub)) throw new Error('signature did not verify');
    }),
  };
}

/** The same in a Web Worker of Debian's Chromium; null when Chromium is not installed. */
export async function vrfTimesWorker(n = 51): Promise<{ prove: number; verify: number } | null> {
  const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
  if (!chromium) return null;
  const bundle = await build({
    stdin: {
      contents: `
        import { vrfProve, vrfVerify } from './src/core/crypto/vrf';
        import { ed25519 } from '@noble/curves/ed25519.js';
        const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
        const secret = new Uint8Array(32).fill(9);
        const pub = ed25519.getPublicKey(secret);
        const alphas = Array.from({ length: ${n + 5} }, (_, i) => new TextEncoder().encode('alpha ' + i));
        const proofs = alphas.map((a) => vrfProve(secret, a));
        const time = (fn) => { for (let i = 0; i < 5; i++) fn(i); const t = []; for (let i = 0; i < ${n}; i++) { const t0 = performance.now(); fn(i); t.push(performance.now() - t0); } return median(t); };
        postMessage({ prove: time((i) => vrfProve(secret, alphas[i])), verify: time((i) => { if (!vrfVerify(pub, proofs[i], alphas[i])) throw new Error('no'); }) });
      `,
      resolveDir: process.cwd(),
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    write: false,
    minify: true,
  });
  const code = bundle.outputFiles[0]!.text;
  const { chromium: pw } = await import('playwright-core');
  const browser = await pw.launch({
    executablePath: chromium,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage();
    await page.goto('about:blank');
    return await page.evaluate(
      (src) =>
        new Promise<{ prove: number; verify: number }>((resolve, reject) => {
          const w = new Worker(URL.createObjectURL(new Blob([src], { type: 'text/javascript' })));
          w.onmessage = (e: MessageEvent<{ prove: number; verify: number }>) => resolve(e.data);
          w.onerror = (e) => reject(new Error(e.message));
        }),
      code,
    );
  } finally {
    await browser.close();
  }
}

export async function benchVrf(): Promise<Row[]> {
  const node = vrfTimesNode();
  const rows: Row[] = [
    {
      figure: 'VRF prove (pure JS, Node; median of 101)',
      measured: `${node.prove.toFixed(2)} ms`,
      budget: 'informational',
      ratio: Number.NaN,
    },
    {
      figure: 'VRF verify (pure JS, Node; median of 101)',
      measured: `${node.verify.toFixed(2)} ms`,
      budget: 'informational',
      ratio: Number.NaN,
    },
    {
      figure: '  for scale: Ed25519 sign / verify (pure JS, Node)',
      measured: `${node.sign.toFixed(2)} / ${node.edVerify.toFixed(2)} ms`,
      budget: 'informational',
      ratio: Number.NaN,
    },
  ];
  const worker = await vrfTimesWorker();
  if (worker)
    rows.push(
      {
        figure: 'VRF prove (pure JS, Chromium Web Worker)',
        measured: `${worker.prove.toFixed(2)} ms`,
        budget: 'informational',
        ratio: Number.NaN,
      },
      {
        figure: 'VRF verify (pure JS, Chromium Web Worker)',
        measured: `${worker.verify.toFixed(2)} ms`,
        budget: 'informational',
        ratio: Number.NaN,
      },
    );
  else rows.push({ figure: 'VRF in a Chromium Web Worker', measured: 'skipped', budget: 'needs /usr/bin/chromium', ratio: Number.NaN });
  return rows;
}
