/**
 * Reading many workbook files on other threads (Node): the command line's verify and compile
 * hand each file to a worker running the lean reader (`read-worker.ts`) and verify the files
 * already read on the main thread meanwhile, so reading costs little of the wall time. Where
 * the worker bundle is not there (in-process tests run the TypeScript sources), files are read
 * on the calling thread: the results are the same.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RawWorkbook } from '../core/sheet/patch';
import { XlsxError } from './errors';
import { readWorkbook } from './read';
import { rememberVrfResult, vrfVerifyNow } from '../core/crypto/vrf';
import type { ReadReply, ReadWorkerData, VrfReply, VrfRequest } from './read-worker';

/** What verify and compile need of a file. */
export interface FileContent {
  readonly raw: RawWorkbook;
  readonly outside: ReadonlyMap<string, string>;
}

/** The bundled worker, next to the bundle that runs (dist/cli.cjs, or a script in dist/scripts/). */
export function readWorkerScript(): string | null {
  const here = typeof __dirname === 'string' ? __dirname : null;
  if (!here) return null;
  for (const dir of [here, dirname(here)]) {
    const f = join(dir, 'read-worker.cjs');
    if (existsSync(f)) return f;
  }
  return null;
}

/**
 * Reads `paths` in order, each file at most once, keeping at most `ahead` files read and not
 * yet taken. `next()` gives the next file's content (or throws its XlsxError).
 */
export interface FileReader {
  next(): Promise<FileContent>;
  close(): Promise<void>;
}

/** Reads on the calling thread, one file when asked. */
function inThread(paths: readonly string[]): FileReader {
  let i = 0;
  return {
    async next() {
      const path = paths[i++]!;
      const { raw, outside } = await readWorkbook(path);
      return { raw, outside };
    },
    close: () => Promise.resolve(),
  };
}

/**
 * A reader for `paths`: worker threads when there are several files and the worker bundle is
 * there (one worker per spare core, at least one), else the calling thread.
 */
export function readFiles(
  paths: readonly string[],
  opts: { workers?: number; keys?: ReadonlyMap<string, string>; script?: string } = {},
): FileReader {
  const script = opts.script ?? readWorkerScript();
  const size = opts.workers ?? Math.max(1, Math.min(4, availableParallelism() - 1));
  if (!script || paths.length < 3 || size < 1) return inThread(paths);
  return new Pool(script, size, paths, opts.keys ?? new Map());
}

class Pool implements FileReader {
  private readonly workers: Worker[] = [];
  private readonly alive = new Set<Worker>();
  private readonly pending = new Map<number, { worker: Worker; resolve: (r: ReadReply) => void }>();
  private readonly results = new Map<number, Promise<ReadReply>>();
  private sent = 0;
  private taken = 0;
  private readonly ahead: number;

  constructor(
    script: string,
    size: number,
    private readonly paths: readonly string[],
    keys: ReadonlyMap<string, string>,
  ) {
    this.ahead = size * 2;
    for (let i = 0; i < Math.min(size, paths.length); i++) {
      const w = new Worker(script, { workerData: { keys } satisfies ReadWorkerData });
      w.on('message', (r: ReadReply) => {
        this.pending.get(r.id)?.resolve(r);
        this.pending.delete(r.id);
      });
      w.on('error', (e) => {
        // a worker that dies (out of memory in it, say) fails what it was reading; the others go on
        this.alive.delete(w);
        for (const [id, p] of this.pending)
          if (p.worker === w) {
            p.resolve({ id, ok: false, error: { unexpected: `the reading thread failed (${e.message})` } });
            this.pending.delete(id);
          }
      });
      this.workers.push(w);
      this.alive.add(w);
    }
    this.fill();
  }

  private fill(): void {
    while (this.sent < this.paths.length && this.sent - this.taken < this.ahead) {
      const id = this.sent++;
      const path = this.paths[id]!;
      const alive = [...this.alive];
      if (!alive.length) {
        // no reading thread left: this thread reads
        this.results.set(
          id,
          readWorkbook(path).then(
            ({ raw, outside }): ReadReply => ({ id, ok: true, raw, outside, vrf: [] }),
            (e: unknown): ReadReply => ({
              id,
              ok: false,
              error: e instanceof XlsxError ? { reason: e.reason, file: e.file, message: e.message } : { unexpected: String(e) },
            }),
          ),
        );
        continue;
      }
      const worker = alive[id % alive.length]!;
      this.results.set(id, new Promise<ReadReply>((resolve) => this.pending.set(id, { worker, resolve })));
      worker.postMessage({ id, path });
    }
  }

  async next(): Promise<FileContent> {
    const id = this.taken++;
    this.fill();
    const r = await this.results.get(id)!;
    this.results.delete(id);
    if (r.ok) {
      for (const v of r.vrf) rememberVrfResult(v.publicKey, v.proof, v.alpha, v.beta);
      return { raw: r.raw as RawWorkbook, outside: r.outside };
    }
    const e = r.error;
    if ('reason' in e) throw new XlsxError(e.reason, e.file, e.message);
    throw new Error(e.unexpected);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

type Verify = (publicKey: Uint8Array, proof: Uint8Array, alpha: Uint8Array) => Promise<Uint8Array | null>;

/**
 * The command line's VRF thread: one more worker (the same script) that verifies draws while
 * the main thread checks the rest of each sheet (`CryptoProvider.vrfVerify`). Started on first
 * use; it holds the process open only while a verification is pending. If it fails, the draws
 * it held and every later one are verified on the calling thread: the results are the same.
 * Null where the worker bundle is not there (in-process tests run the TypeScript sources).
 */
export function vrfThread(script: string | null = readWorkerScript()): Verify | null {
  if (!script) return null;
  let worker: Worker | null = null;
  let failed = false;
  let next = 0;
  const waiting = new Map<number, { input: [Uint8Array, Uint8Array, Uint8Array]; resolve: (beta: Uint8Array | null) => void }>();
  const here = (input: [Uint8Array, Uint8Array, Uint8Array]): Uint8Array | null => vrfVerifyNow(...input);
  const start = (): Worker => {
    const w = new Worker(script, { workerData: { keys: new Map() } satisfies ReadWorkerData });
    w.on('message', (r: VrfReply) => {
      const p = waiting.get(r.id);
      waiting.delete(r.id);
      if (!waiting.size) w.unref();
      p?.resolve(r.beta);
    });
    w.on('error', () => {
      failed = true;
      for (const p of waiting.values()) p.resolve(here(p.input));
      waiting.clear();
    });
    w.unref();
    return w;
  };
  return (publicKey, proof, alpha) => {
    const input: [Uint8Array, Uint8Array, Uint8Array] = [publicKey, proof, alpha];
    if (failed) return Promise.resolve(here(input));
    worker ??= start();
    if (!waiting.size) worker.ref();
    const id = next++;
    const w = worker;
    return new Promise((resolve) => {
      waiting.set(id, { input, resolve });
      w.postMessage({ id, vrf: { publicKey, proof, alpha } } satisfies VrfRequest);
    });
  };
}
