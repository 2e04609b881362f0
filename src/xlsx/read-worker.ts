/**
 * A reading worker (Node worker_threads): reads workbook files with the lean reader and posts
 * their content back. The command line reads many files this way while the main thread
 * verifies the ones already read (see `read-pool.ts`), as the task pane reads picked files in
 * a Web Worker. Bundled on its own into dist/read-worker.cjs (the lean reader only: no
 * ExcelJS), so a worker starts in milliseconds.
 */
import { createHash } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { useCryptoProvider } from '../core/crypto/provider';
import { useNodeInflate } from './node-inflate';
import { vrfVerify } from '../core/crypto/vrf';
import { drawProofInputs, sampleEntries } from '../core/protocol/checked';
import { decodeLog } from '../core/sheet/log';
import { isXlsxError, type XlsxReason } from './errors';
import { fileBytes } from './file';
import { readXlsx } from './lean';

export interface ReadRequest {
  readonly id: number;
  readonly path: string;
}

/** Work for the command line's crypto thread (the same script, another worker: see `cli/crypto-thread.ts`): a draw's proof. */
export interface CryptoRequest {
  readonly id: number;
  readonly vrf: { readonly publicKey: Uint8Array; readonly proof: Uint8Array; readonly alpha: Uint8Array };
}

export interface CryptoReply {
  readonly id: number;
  readonly beta: Uint8Array | null;
}

/** A draw's proof for the main thread to start verifying ahead (`startDraws`), on its crypto thread. */
export interface DrawInput {
  readonly publicKey: Uint8Array;
  readonly proof: Uint8Array;
  readonly alpha: Uint8Array;
}

/** What a worker starts with: the trusted plan's public keys (person id → key), to find the draws to verify ahead. */
export interface ReadWorkerData {
  readonly keys: ReadonlyMap<string, string>;
}

export type ReadReply =
  | {
      readonly id: number;
      readonly ok: true;
      readonly raw: unknown;
      readonly outside: ReadonlyMap<string, string>;
      readonly draws: readonly DrawInput[];
    }
  | {
      readonly id: number;
      readonly ok: false;
      readonly error: { reason: XlsxReason; file: string; message: string } | { unexpected: string };
    };

// the VRF's SHA-512 and the reader's inflation from Node, as on the main thread
useNodeInflate();
useCryptoProvider({ name: 'node:crypto (worker)', sha512: (data) => createHash('sha512').update(data).digest() });

const keys = (workerData as ReadWorkerData | null)?.keys ?? new Map<string, string>();

/** The draws of the file's log (their proofs are verified on the main thread's crypto thread, ahead). */
function drawsOf(log: Parameters<typeof decodeLog>[0] | null): DrawInput[] {
  if (!log || !keys.size) return [];
  return drawProofInputs(keys, sampleEntries(log));
}

const port = parentPort;
if (port)
  port.on('message', (req: ReadRequest | CryptoRequest) => {
    if ('vrf' in req) {
      const { publicKey, proof, alpha } = req.vrf;
      port.postMessage({ id: req.id, beta: vrfVerify(publicKey, proof, alpha) } satisfies CryptoReply);
      return;
    }
    fileBytes(req.path)
      .then((bytes) => readXlsx(bytes, req.path))
      .then(
        ({ raw, outside }) => port.postMessage({ id: req.id, ok: true, raw, outside, draws: drawsOf(raw.log) } satisfies ReadReply),
        (e: unknown) =>
          port.postMessage({
            id: req.id,
            ok: false,
            error: isXlsxError(e)
              ? { reason: e.reason, file: e.file, message: e.message }
              : { unexpected: e instanceof Error ? e.message : String(e) },
          } satisfies ReadReply),
      );
  });
