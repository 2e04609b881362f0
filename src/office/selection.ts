/**
 * A read the pane needs that the Office.js edge (src/office) does not offer yet, written like
 * the edge's functions (takes a context, queues exact loads, syncs once, returns plain data)
 * so it can move there unchanged. Nothing else in src/taskpane says `Excel`.
 */
import { readScoreSheet, type ScoreSheetRead } from './read';

/** The selected range's rows (1-based, inclusive) and the sheet it is on. */
export interface SelectedRows {
  readonly sheetName: string;
  readonly firstRow: number;
  readonly lastRow: number;
}

/**
 * One score sheet (as `readScoreSheet`) and the selected rows, in that read's one sync: the
 * selection's loads are queued first and travel with it.
 */
export async function readSheetAndSelection(
  context: Excel.RequestContext,
  sheetName: string,
): Promise<{ read: ScoreSheetRead; selection: SelectedRows }> {
  const selected = context.workbook.getSelectedRange().load(['rowIndex', 'rowCount']);
  const selectedSheet = selected.worksheet.load('name');
  const read = await readScoreSheet(context, sheetName);
  // readScoreSheet's one sync carried the loads above
  const selection = { sheetName: selectedSheet.name, firstRow: selected.rowIndex + 1, lastRow: selected.rowIndex + selected.rowCount };
  return { read, selection };
}
