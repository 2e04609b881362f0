/**
 * The compile's file reader as a Web Worker (webpack 5: `new Worker(new URL('./worker.ts',
 * import.meta.url))`, see ./spawn.ts). It reads picked .xlsx files with the lean reader and
 * posts back each workbook's plain data; the reader is a chunk of its own, fetched by the
 * worker on its first request. The protocol is in ./reader.ts.
 */
import { createReaderHost, leanOpener, type ReaderReply, type ReaderRequest } from './reader';

/** The dedicated worker's global scope, as far as this file needs it (the DOM lib types `self` as a window). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<ReaderRequest>) => void) | null;
  postMessage(message: ReaderReply): void;
}

const scope = self as unknown as WorkerScope;

const handle = createReaderHost((reply) => scope.postMessage(reply), leanOpener);

scope.onmessage = (event) => {
  // a failure of the host itself (a reply that cannot be posted) must not leave the pane waiting
  handle(event.data).catch(() => scope.postMessage({ type: 'failed' }));
};
