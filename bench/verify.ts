/** Signature verification: ScoreSeal's batch verifier vs raw native Ed25519 on the same signatures. */
import { createPublicKey, verify, webcrypto } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { ed25519 } from '@noble/curves/ed25519.js';
import { jcsBytes } from '../src/core/crypto/digest';
import { publicKeyOf, signMessage, verifyAll, type VerifyJob } from '../src/core/crypto/ed25519';
import { fromBase64 } from '../src/core/crypto/bytes';

interface Row {
  figure: string;
  measured: string;
  budget: string;
  ratio: number;
}

export async function benchVerify(n = 20_000): Promise<Row[]> {
  const secrets = Array.from({ length: 20 }, (_, i) => new Uint8Array(32).fill(i + 1));
  const jobs: VerifyJob[] = [];
  for (let i = 0; i < n; i++) {
    const secret = secrets[i % secrets.length]!;
    const message = {
      schema: 'scoreseal/sign@1',
      role: 'scorer',
      person: `p${i % 20}`,
      unit: `u${i % 100}`,
      items: [`${i % 50}.1`],
      digests: ['0'.repeat(64)],
      signedAt: '2026-11-22T10:00:00Z',
      n: i,
    };
    jobs.push({ publicKey: publicKeyOf(secret), message, sig: signMessage(secret, message) });
  }
  // baseline: native Ed25519 over the same bytes, keys imported once, nothing else
  const subtle = webcrypto.subtle;
  const keys = new Map<string, CryptoKey>();
  for (const s of secrets)
    keys.set(publicKeyOf(s), await subtle.importKey('raw', ed25519.getPublicKey(s), { name: 'Ed25519' }, false, ['verify']));
  const prepared = jobs.map((j) => ({ key: keys.get(j.publicKey)!, sig: fromBase64(j.sig)!, msg: jcsBytes(j.message) }));
  const baseline = async (): Promise<number> => {
    const t0 = performance.now();
    const ok = await Promise.all(prepared.map((p) => subtle.verify({ name: 'Ed25519' }, p.key, p.sig, p.msg)));
    if (!ok.every(Boolean)) throw new Error('baseline verification failed');
    return performance.now() - t0;
  };
  const scoreseal = async (): Promise<number> => {
    const t0 = performance.now();
    const ok = await verifyAll(jobs, 'webcrypto');
    if (!ok.every(Boolean)) throw new Error('ScoreSeal verification failed');
    return performance.now() - t0;
  };
  // warm up both, then alternate three rounds and keep each side's best
  await baseline();
  await scoreseal();
  const nativeTimes: number[] = [];
  const autoTimes: number[] = [];
  for (let i = 0; i < 3; i++) {
    nativeTimes.push(await baseline());
    autoTimes.push(await scoreseal());
  }
  const native = Math.min(...nativeTimes);
  const auto = Math.min(...autoTimes);
  let t = 0;

  // the command line's path: Node's own crypto.verify, against a bare loop of the same calls
  const spki = (raw: Uint8Array) =>
    createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw]), format: 'der', type: 'spki' });
  const nodeKeys = new Map(secrets.map((s) => [publicKeyOf(s), spki(ed25519.getPublicKey(s))]));
  const preparedNode = jobs.map((j) => ({ key: nodeKeys.get(j.publicKey)!, sig: fromBase64(j.sig)!, msg: jcsBytes(j.message) }));
  const nodeBare = (): number => {
    const t0 = performance.now();
    for (const p of preparedNode) if (!verify(null, p.msg, p.key, p.sig)) throw new Error('node baseline failed');
    return performance.now() - t0;
  };
  const nodeOurs = async (): Promise<number> => {
    const t0 = performance.now();
    const ok = await verifyAll(jobs, 'native');
    if (!ok.every(Boolean)) throw new Error('ScoreSeal (node) verification failed');
    return performance.now() - t0;
  };
  nodeBare();
  await nodeOurs();
  const nb: number[] = [];
  const no: number[] = [];
  for (let i = 0; i < 3; i++) {
    nb.push(nodeBare());
    no.push(await nodeOurs());
  }
  const nodeBase = Math.min(...nb);
  const nodeMs = Math.min(...no);

  const pureN = 2_000;
  t = performance.now();
  const pure = await verifyAll(jobs.slice(0, pureN), 'pure');
  const pureMs = ((performance.now() - t) * n) / pureN;
  if (!pure.every(Boolean)) throw new Error('pure verification failed');
  return [
    {
      figure: `verify ${n.toLocaleString('en')} signatures (command line, node:crypto)`,
      measured: `${nodeMs.toFixed(0)} ms`,
      budget: `≤ 1.5 × native ${nodeBase.toFixed(0)} ms`,
      ratio: nodeMs / nodeBase / 1.5,
    },
    {
      figure: `verify ${n.toLocaleString('en')} signatures (task pane, WebCrypto)`,
      measured: `${auto.toFixed(0)} ms`,
      budget: `≤ 1.5 × native ${native.toFixed(0)} ms`,
      ratio: auto / native / 1.5,
    },
    {
      figure: `  pure-JS fallback (extrapolated from ${pureN.toLocaleString('en')})`,
      measured: `${pureMs.toFixed(0)} ms`,
      budget: 'informational',
      ratio: Number.NaN,
    },
  ];
}
