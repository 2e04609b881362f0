/**
 * Writing the derived cells (SPEC §3 *Derived cells*): the patch blocks for the values
 * `rules/derived.ts` computes — the same values validation expects, so what is written is by
 * construction what is checked.
 */
import type { SheetContext } from '../rules/context';
import { derivedFooterCells, derivedTableCells, DERIVED_TABLE_KEYS, type DerivedState } from '../rules/derived';
import type { ItemEval } from '../rules/report';
import { addr, type CellValue } from '../sheet/cells';
import { INPUT_COLUMNS } from '../sheet/layout';
import type { CellBlock } from '../sheet/patch';
import { buildTemplate } from '../sheet/template';

/** One block per derived column of the item table (header+1 … last table row; other rows keep their value). */
export function derivedTableBlocks(ctx: SheetContext, state: DerivedState): CellBlock[] {
  const { sheet } = ctx;
  if (sheet.lastTableRow <= sheet.headerRow) return [];
  const cells = new Map(derivedTableCells(ctx, state).map((d) => [`${d.row}:${d.col}`, d.value]));
  return DERIVED_TABLE_KEYS.map((key) => {
    const col = sheet.columns[key];
    const values: CellValue[][] = [];
    for (let r = sheet.headerRow + 1; r <= sheet.lastTableRow; r++) {
      const v = cells.get(`${r}:${col}`);
      values.push([v === undefined ? (sheet.raw.cells[r - 1]?.[col] ?? null) : v]);
    }
    return { row: sheet.headerRow + 1, col, values };
  });
}

/** Blocks for the derived cells below the table (total formula, 复核后合计, 监审人, 密封状态, 密封码). */
export function derivedFooterBlocks(ctx: SheetContext, state: DerivedState): CellBlock[] {
  const tpl = buildTemplate(ctx.plan, ctx.unit.id);
  return derivedFooterCells(ctx, tpl, state).map((d) => ({ row: d.row, col: d.col, values: [[d.value]] }));
}

/** Input ranges of the rows both appraisers signed (to lock) and of the others (to unlock). */
export function lockRanges(ctx: SheetContext, items: readonly ItemEval[]): { lock: string[]; unlock: string[] } {
  const cols = INPUT_COLUMNS.map((k) => ctx.sheet.columns[k]);
  const from = Math.min(...cols);
  const to = Math.max(...cols);
  const lock: string[] = [];
  const unlock: string[] = [];
  for (const it of items) {
    const range = `${addr(it.content.row.row, from)}:${addr(it.content.row.row, to)}`;
    (it.scorer?.fresh && it.reviewer?.fresh ? lock : unlock).push(range);
  }
  return { lock, unlock };
}
