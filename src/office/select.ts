/** Taking the person to a cell (a finding's cell, an item's row). */

/**
 * Activates the sheet and selects the cell (one sync).
 *
 * @throws the Office error `ItemNotFound` for a missing sheet; a hidden sheet cannot be activated
 */
export async function selectCell(context: Excel.RequestContext, sheetName: string, address: string): Promise<void> {
  const ws = context.workbook.worksheets.getItem(sheetName);
  ws.activate();
  ws.getRange(address).select();
  await context.sync();
}
