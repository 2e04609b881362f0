/**
 * The one place that calls `Excel.run`. Every Office.js failure leaves here as an
 * {@link OfficeEdgeError}; nothing is swallowed.
 */
import { toOfficeEdgeError } from './errors';

/**
 * `delayForCellEdit`: "if the user is in cell edit mode the batch request is delayed until the
 * user exits cell edit mode" instead of failing with InvalidOperationInCellEditMode —
 * https://learn.microsoft.com/javascript/api/excel/excel.runoptions (no requirement set is
 * given for it; a host that does not know the option ignores it and fails as before, and the
 * pane then shows the cell-edit message).
 */
export const RUN_OPTIONS: Excel.RunOptions = { delayForCellEdit: true };

/**
 * Runs `fn` with a fresh request context, after the person has left cell edit mode.
 *
 * @throws {OfficeEdgeError} when Excel rejects a batch (missing item, protection, payload
 *   size, a cell edit begun during the batch, …); errors of other origin are rethrown unchanged
 */
export async function run<T>(fn: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
  try {
    return await Excel.run(RUN_OPTIONS, fn);
  } catch (e) {
    throw toOfficeEdgeError(e);
  }
}
