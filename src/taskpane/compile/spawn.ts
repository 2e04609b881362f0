/**
 * Starts the compile's reader worker. Kept in a module of its own, reached only through a
 * dynamic import: `import.meta.url` is what lets webpack 5 find the worker and emit it as a
 * chunk of its own, and modules that say it cannot be loaded by the test runner (CommonJS).
 */
import type { WorkerLike } from './reader';

export function spawnReaderWorker(): WorkerLike {
  return new Worker(new URL('./worker.ts', import.meta.url), { name: 'scoreseal-xlsx-reader' });
}
