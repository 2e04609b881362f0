/**
 * Reading the Office's setup sheets (设置, 细则设置, 细则, 人员, 单位 — or their English names,
 * SPEC §1) from the open workbook, for `setupToPlan`. One sync: every candidate name is
 * looked up with `getItemOrNullObject` and its used range loaded in the same batch.
 */
import { SETUP_SHEETS } from '../core/plan/setup';
import type { CellValue } from '../core/sheet/cells';
import { gridFromOffice } from './cells';
import { loaded } from './read';
import { bareRecord } from '../core/lookup';

/** Every sheet name the setup reader looks for (Chinese and English), in catalog order. */
export const SETUP_SHEET_NAMES: readonly string[] = Object.values(SETUP_SHEETS).flatMap((names: readonly string[]) => [...names]);

/**
 * The setup sheets of the open workbook as tables from A1, keyed by the sheet's name as
 * Excel has it (one sync). Sheets that are missing are absent: `setupToPlan` names them.
 * Excel finds sheets by name ignoring case; a name with extra spaces is not found.
 */
export async function readSetupSheets(context: Excel.RequestContext): Promise<Record<string, CellValue[][]>> {
  const found = SETUP_SHEET_NAMES.map((name) => {
    const ws = context.workbook.worksheets.getItemOrNullObject(name);
    ws.load('name');
    const used = ws.getUsedRangeOrNullObject(true);
    used.load(['values', 'formulas', 'rowIndex', 'columnIndex']);
    return { ws, used };
  });
  await context.sync();
  const tables = bareRecord<CellValue[][]>(); // sheet names are the keys: "__proto__" is a name like any other
  for (const { ws, used } of found) {
    if (ws.isNullObject || ws.name in tables) continue;
    tables[ws.name] = used.isNullObject ? [] : gridFromOffice(loaded(used.values), loaded(used.formulas), used.rowIndex, used.columnIndex);
  }
  return tables;
}
