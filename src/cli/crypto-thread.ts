/**
 * The command line's crypto thread: one more worker (the reading worker's script) that verifies
 * draws' VRF proofs (pure JavaScript, about 2 ms each) while the main thread checks the rest of
 * the sheets (`CryptoProvider.vrfVerify`). Started on first use; it holds the process open only
 * while work is pending.
 * If it fails, what it held and everything later is done on the calling thread — the same
 * functions, so the same results. Null where the worker bundle is not there (in-process tests
 * run the TypeScript sources).
 */
import { Worker } from 'node:worker_threads';
import { vrfVerify } from '../core/crypto/vrf';
import { readWorkerScript } from '../xlsx/read-pool';
import type { CryptoReply, CryptoRequest, ReadWorkerData } from '../xlsx/read-worker';

type VrfInput = { readonly publicKey: Uint8Array; readonly proof: Uint8Array; readonly alpha: Uint8Array };
type Work = { readonly vrf: VrfInput };

export interface CryptoThread {
  readonly vrfVerify: (publicKey: Uint8Array, proof: Uint8Array, alpha: Uint8Array) => Promise<Uint8Array | null>;
}

/** The same work on the calling thread. */
function here(work: Work): Uint8Array | null {
  return vrfVerify(work.vrf.publicKey, work.vrf.proof, work.vrf.alpha);
}

export function cryptoThread(script: string | null = readWorkerScript()): CryptoThread | null {
  if (!script) return null;
  let worker: Worker | null = null;
  let failed = false;
  let next = 0;
  const waiting = new Map<number, { work: Work; resolve: (r: Uint8Array | null) => void }>();
  const start = (): Worker => {
    const w = new Worker(script, { workerData: { keys: new Map() } satisfies ReadWorkerData });
    w.on('message', (r: CryptoReply) => {
      const p = waiting.get(r.id);
      waiting.delete(r.id);
      if (!waiting.size) w.unref();
      p?.resolve(r.beta);
    });
    // an error, or an exit with work pending: this thread does that work and all later work
    const fail = (): void => {
      failed = true;
      for (const p of waiting.values()) p.resolve(here(p.work));
      waiting.clear();
    };
    w.on('error', fail);
    w.on('exit', fail);
    w.unref();
    return w;
  };
  const run = (work: Work): Promise<Uint8Array | null> => {
    if (failed) return Promise.resolve(here(work));
    const w = (worker ??= start());
    if (!waiting.size) w.ref();
    const id = next++;
    return new Promise((resolve) => {
      waiting.set(id, { work, resolve });
      w.postMessage({ id, ...work } satisfies CryptoRequest);
    });
  };
  return {
    vrfVerify: (publicKey, proof, alpha) => run({ vrf: { publicKey, proof, alpha } }),
  };
}
