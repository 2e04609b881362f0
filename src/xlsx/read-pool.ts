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
import { sampleEntries, startDrawInputs, startDraws } from '../core/protocol/checked';
import type { ReadReply, ReadWorkerData } from './read-worker';

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

/**
 * Reads on the calling thread, one file ahead: when a file is taken the next one starts (it is
 * parsed while the caller waits on the file before), and each file's draws start verifying on
 * the crypto thread as soon as it is read.
 */
function inThread(paths: readonly string[], keys: ReadonlyMap<string, string>): FileReader {
  const read = (path: string): Promise<FileContent> => {
    const p = readWorkbook(path).then(({ raw, outside }) => {
      startDraws(keys, sampleEntries(raw.log));
      return { raw, outside };
    });
    p.catch(() => undefined); // its error is the caller's when it takes the file
    return p;
  };
  let i = 0;
  let ahead: Promise<FileContent> | null = null;
  return {
    next() {
      const current = ahead ?? read(paths[i]!);
      i += 1;
      ahead = i < paths.length ? read(paths[i]!) : null;
      return current;
    },
    close: () => Promise.resolve(),
  };
}

/**
 * Reading threads by default: one per core beyond the two the main thread and the crypto
 * thread use (none on a two-core machine, where reading on the main thread while the crypto
 * thread verifies draws measured faster than a third thread: see README, Performance), at most 4.
 */
export function defaultReadWorkers(): number {
  return Math.max(0, Math.min(4, availableParallelism() - 2));
}

/**
 * A reader for `paths`: worker threads when there are several files, the worker bundle is
 * there and `workers` (default {@link defaultReadWorkers}) is at least one, else the calling
 * thread. `keys` (the trusted plan's, by person id) let each file's draws start verifying as
 * soon as it is read.
 */
export function readFiles(
  paths: readonly string[],
  opts: { workers?: number; keys?: ReadonlyMap<string, string>; script?: string } = {},
): FileReader {
  const script = opts.script ?? readWorkerScript();
  const size = opts.workers ?? defaultReadWorkers();
  const keys = opts.keys ?? new Map<string, string>();
  if (!script || paths.length < 3 || size < 1) return inThread(paths, keys);
  return new Pool(script, size, paths, keys);
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
        // the file's draws start verifying now, on the crypto thread, while earlier files are checked
        if (r.ok) startDrawInputs(r.draws);
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
            ({ raw, outside }): ReadReply => ({ id, ok: true, raw, outside, draws: [] }),
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
