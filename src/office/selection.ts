/**
 * The selection read, isolated from the sheet read: `Workbook.getSelectedRange()` throws
 * when several areas are selected ("If there are multiple ranges selected, this method will
 * throw an error" — https://learn.microsoft.com/javascript/api/excel/excel.workbook#excel-excel-workbook-getselectedrange-member(1)),
 * when a chart or shape is selected (InvalidSelection, "by design" —
 * https://github.com/OfficeDev/office-js/issues/2268) and when another workbook has the focus
 * (InactiveWorkbook — the error table,
 * https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling).
 * Its load therefore never rides in the sheet's read sync: a bad selection would fail that
 * read whole. It is read in a sync of its own, first (it is tiny), and a failure there is one
 * clear outcome — "select one block of rows" — with nothing else read or changed.
 */
import { OfficeEdgeError, officeCode } from './errors';
import { readScoreSheet, type ScoreSheetRead } from './read';

/** The selected range's rows (1-based, inclusive) and the sheet it is on. */
export interface SelectedRows {
  readonly sheetName: string;
  readonly firstRow: number;
  readonly lastRow: number;
}

/** Why there is no single selected block: several areas or a chart/shape, or another workbook has the focus. */
export type SelectionProblem = 'notOneBlock' | 'otherWorkbook';

export type SelectionRead =
  { readonly ok: true; readonly rows: SelectedRows } | { readonly ok: false; readonly problem: SelectionProblem; readonly cause: unknown };

/** Codes of a selection that is not one block of cells (see the file comment). */
const NOT_ONE_BLOCK: ReadonlySet<string> = new Set([
  'InvalidSelection',
  'InvalidOperation',
  'InvalidArgument',
  'GeneralException',
  'UnsupportedOperation',
]);

/**
 * The selected rows, in one sync of their own; a selection Excel cannot give as one range is
 * an outcome, not an error. Other failures (cell edit mode, …) are thrown as usual.
 */
export async function readSelection(context: Excel.RequestContext): Promise<SelectionRead> {
  const selected = context.workbook.getSelectedRange().load(['rowIndex', 'rowCount']);
  const sheet = selected.worksheet.load('name');
  try {
    await context.sync();
  } catch (e) {
    const code = officeCode(e);
    if (code === 'InactiveWorkbook') return { ok: false, problem: 'otherWorkbook', cause: e };
    if (code !== null && NOT_ONE_BLOCK.has(code)) return { ok: false, problem: 'notOneBlock', cause: e };
    throw e;
  }
  return { ok: true, rows: { sheetName: sheet.name, firstRow: selected.rowIndex + 1, lastRow: selected.rowIndex + selected.rowCount } };
}

/**
 * The selected rows, then one score sheet (as `readScoreSheet`): two syncs. When the selection
 * is not one block of cells nothing else is read.
 *
 * @throws {OfficeEdgeError} `InvalidSelection` (several areas, a chart or a shape: "select one
 *   block of rows") or `InactiveWorkbook` (another workbook has the focus), before the sheet is
 *   read; the sheet read's own errors as usual
 */
export async function readSheetAndSelection(
  context: Excel.RequestContext,
  sheetName: string,
): Promise<{ read: ScoreSheetRead; selection: SelectedRows }> {
  const selection = await readSelection(context);
  if (!selection.ok)
    throw new OfficeEdgeError(selection.problem === 'otherWorkbook' ? 'InactiveWorkbook' : 'InvalidSelection', selection.cause);
  const read = await readScoreSheet(context, sheetName);
  return { read, selection: selection.rows };
}
