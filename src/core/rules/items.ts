/** Runs the content rules over every leaf the sheet has, in rubric order. */
import type { ItemRow } from '../sheet/parse';
import { checkLeaf, type ItemContent } from './content';
import type { FindingSink, SheetContext } from './context';

export function checkContent(ctx: SheetContext, rows: ReadonlyMap<string, ItemRow>, sink: FindingSink): ItemContent[] {
  const out: ItemContent[] = [];
  for (const node of ctx.rubric.leaves) {
    const row = rows.get(node.code);
    if (row) out.push(checkLeaf(ctx, node, row, sink));
  }
  return out;
}
