/**
 * Reading picked .xlsx files into plain data (`RawWorkbook`) for the compile, off the pane's
 * main thread. One contract, two implementations:
 *
 * - {@link workerReader}: a Web Worker (./worker.ts) reads the files with the lean reader
 *   (src/xlsx/lean: bounded, streaming, no ExcelJS); the worker and the reader are chunks of
 *   their own, fetched on first use;
 * - {@link inProcessReader}: the same steps in this thread, with the opener passed in (tests,
 *   and hosts without workers).
 *
 * The message protocol between the pane and the worker lives here too, with the worker's side
 * as a plain function ({@link createReaderHost}) so it is tested without a real worker.
 */
import type { RawWorkbook } from '../../core/sheet/patch';
import type { XlsxErrorCode } from '../../xlsx/errors';

/** A picked file: its name (shown, and used as the file column of the summary) and bytes. */
export interface ReadFile {
  readonly name: string;
  readonly data: ArrayBuffer;
}

/** Why a file could not be read: the xlsx edge's codes, or UNEXPECTED for anything else. */
export type ReadErrorCode = XlsxErrorCode | 'UNEXPECTED';

/** One file as read: its workbook's plain data, or why not. */
export type ReadOutcome =
  | {
      readonly file: string;
      readonly raw: RawWorkbook;
      /** per sheet name: the first non-empty cell beyond the columns a score sheet uses */
      readonly outside?: Readonly<Record<string, string>>;
    }
  | { readonly file: string; readonly error: ReadErrorCode };

export interface ReaderHooks {
  /** aborting stops reading; the reader then rejects with {@link ReaderCancelled} */
  readonly signal?: AbortSignal | undefined;
  /** after each file, in file order */
  readonly onRead?: ((done: number, total: number, outcome: ReadOutcome) => void) | undefined;
}

/** Reads files in order; one outcome per file, in file order. */
export type WorkbookReader = (files: readonly ReadFile[], hooks?: ReaderHooks) => Promise<ReadOutcome[]>;

/** The opener a reader uses: {@link leanOpener} (the lean reader of src/xlsx/lean). */
export type OpenBuffer = (
  data: ArrayBuffer,
  file: string,
) => Promise<{ readonly raw: RawWorkbook; readonly outside?: Readonly<Record<string, string>> }>;

/** The lean reader as an opener: fetched as a chunk of its own on first use (no ExcelJS in it). */
export async function leanOpener(): Promise<OpenBuffer> {
  const { readXlsx } = await import(/* webpackChunkName: "xlsx-reader" */ '../../xlsx/lean');
  return async (data, file) => {
    const w = await readXlsx(new Uint8Array(data), file);
    return { raw: w.raw, outside: Object.fromEntries(w.outside) };
  };
}

/** Reading was cancelled (the signal was aborted). */
export class ReaderCancelled extends Error {
  override readonly name = 'ReaderCancelled';
  constructor() {
    super('reading cancelled');
  }
}

/** The worker could not run (it failed to start, or its ExcelJS chunk failed to load). */
export class ReaderFailed extends Error {
  override readonly name = 'ReaderFailed';
  override readonly cause: unknown;
  constructor(cause?: unknown) {
    super('the workbook reader failed');
    this.cause = cause;
  }
}

/* ------------------------------------------------------------------------------------------ */
/* protocol                                                                                     */
/* ------------------------------------------------------------------------------------------ */

/** Pane → worker. The files' buffers are transferred, not copied. */
export type ReaderRequest = { readonly type: 'read'; readonly files: readonly ReadFile[] } | { readonly type: 'cancel' };

/** Worker → pane. */
export type ReaderReply =
  /** one file done (in file order) */
  | { readonly type: 'file'; readonly index: number; readonly outcome: ReadOutcome }
  /** every file done */
  | { readonly type: 'done' }
  /** stopped after a 'cancel' */
  | { readonly type: 'cancelled' }
  /** the reader itself failed (ExcelJS could not be loaded) */
  | { readonly type: 'failed' };

/** Whether `e` is the xlsx edge's typed error (by shape: the class may come from another chunk). */
function xlsxCode(e: unknown): XlsxErrorCode | null {
  if (!e || typeof e !== 'object') return null;
  const { name, code } = e as { name?: unknown; code?: unknown };
  return name === 'XlsxError' && typeof code === 'string' ? (code as XlsxErrorCode) : null;
}

/** Reads one file; every failure becomes an outcome with a code, never a raw message. */
export async function readOne(open: OpenBuffer, file: ReadFile): Promise<ReadOutcome> {
  try {
    const { raw, outside } = await open(file.data, file.name);
    return { file: file.name, raw, ...(outside ? { outside } : {}) };
  } catch (e) {
    return { file: file.name, error: xlsxCode(e) ?? 'UNEXPECTED' };
  }
}

/** Lets queued messages (a 'cancel') arrive between two files. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * The worker's side of the protocol: reads the files of a 'read' request one by one, posting
 * each outcome, and stops after the current file when a 'cancel' arrives. `load` fetches the
 * opener (the ExcelJS chunk) on first use.
 */
export function createReaderHost(
  post: (reply: ReaderReply) => void,
  load: () => Promise<OpenBuffer>,
): (request: ReaderRequest) => Promise<void> {
  let cancelled = false;
  let opener: Promise<OpenBuffer> | null = null;
  return async (request) => {
    if (request.type === 'cancel') {
      cancelled = true;
      return;
    }
    cancelled = false;
    let open: OpenBuffer;
    try {
      open = await (opener ??= load());
    } catch {
      opener = null;
      post({ type: 'failed' });
      return;
    }
    for (const [index, file] of request.files.entries()) {
      await nextTurn();
      if (cancelled) {
        post({ type: 'cancelled' });
        return;
      }
      post({ type: 'file', index, outcome: await readOne(open, file) });
    }
    post({ type: 'done' });
  };
}

/* ------------------------------------------------------------------------------------------ */
/* readers                                                                                      */
/* ------------------------------------------------------------------------------------------ */

/** Reads in this thread with the given opener, checking the signal between files. */
export function inProcessReader(open: OpenBuffer): WorkbookReader {
  return async (files, hooks = {}) => {
    const outcomes: ReadOutcome[] = [];
    for (const file of files) {
      if (hooks.signal?.aborted) throw new ReaderCancelled();
      const outcome = await readOne(open, file);
      outcomes.push(outcome);
      hooks.onRead?.(outcomes.length, files.length, outcome);
    }
    if (hooks.signal?.aborted) throw new ReaderCancelled();
    return outcomes;
  };
}

/** What a reader needs of a Worker (the DOM's Worker has it). */
export interface WorkerLike {
  postMessage(message: ReaderRequest, transfer: Transferable[]): void;
  postMessage(message: ReaderRequest): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ReaderReply>) => void): void;
  addEventListener(type: 'error', listener: (event: Event) => void): void;
  terminate(): void;
}

/**
 * Reads in a Web Worker made by `spawn` (one worker per call, ended when done). Cancelling
 * posts 'cancel' and ends the worker at once; the reader rejects with {@link ReaderCancelled}.
 * The files' buffers are transferred to the worker: the caller cannot use them afterwards.
 */
export function workerReader(spawn: () => Promise<WorkerLike>): WorkbookReader {
  return async (files, hooks = {}) => {
    if (hooks.signal?.aborted) throw new ReaderCancelled();
    let worker: WorkerLike;
    try {
      worker = await spawn();
    } catch (e) {
      throw new ReaderFailed(e);
    }
    return new Promise<ReadOutcome[]>((resolve, reject) => {
      const outcomes: ReadOutcome[] = [];
      let settled = false;
      const finish = (error: Error | null): void => {
        if (settled) return;
        settled = true;
        hooks.signal?.removeEventListener('abort', onAbort);
        worker.terminate();
        if (error) reject(error);
        else resolve(outcomes);
      };
      const onAbort = (): void => {
        worker.postMessage({ type: 'cancel' });
        finish(new ReaderCancelled());
      };
      hooks.signal?.addEventListener('abort', onAbort);
      worker.addEventListener('message', (event) => {
        const reply = event.data;
        switch (reply.type) {
          case 'file':
            outcomes[reply.index] = reply.outcome;
            hooks.onRead?.(outcomes.filter(Boolean).length, files.length, reply.outcome);
            return;
          case 'done':
            finish(outcomes.length === files.length ? null : new ReaderFailed());
            return;
          case 'cancelled':
            finish(new ReaderCancelled());
            return;
          case 'failed':
            finish(new ReaderFailed());
            return;
        }
      });
      worker.addEventListener('error', (event) => finish(new ReaderFailed(event)));
      worker.postMessage(
        { type: 'read', files },
        files.map((f) => f.data),
      );
    });
  };
}
