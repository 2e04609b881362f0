/**
 * The one place that calls `Excel.run`. Every Office.js failure leaves here as an
 * {@link OfficeEdgeError}; nothing is swallowed.
 */
import { toOfficeEdgeError } from './errors';

/**
 * Runs `fn` with a fresh request context.
 *
 * @throws {OfficeEdgeError} when Excel rejects a batch (cell edit mode, missing item,
 *   protection, payload size, …); errors of other origin are rethrown unchanged
 */
export async function run<T>(fn: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
  try {
    return await Excel.run(fn);
  } catch (e) {
    throw toOfficeEdgeError(e);
  }
}
