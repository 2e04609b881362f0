/**
 * Structure rules: the sheet must match the trusted rubric (codes, order, points, names,
 * fingerprint) and keep the layout ScoreSeal relies on (no hidden rows, no merged scores).
 */
import { normDecimal } from '../decimal';
import type { RubricNode } from '../plan/plan';
import { maxText } from '../plan/plan';
import { canonCell } from '../sheet/cells';
import type { ItemRow } from '../sheet/parse';
import { msg, type MessageId } from '../i18n/catalog';
import { cellOf, type FindingSink, type SheetContext } from './context';

export interface Matched {
  /** rubric node → its sheet row (first occurrence) */
  readonly rows: ReadonlyMap<string, ItemRow>;
  /** every rubric node sits on the template's row for it, with no other rows in the table */
  readonly aligned: boolean;
}

/**
 * Matches the sheet's rows to the rubric by 编号 (never by position) and reports codes that are
 * missing, extra, repeated or out of order. When every row sits where the template puts it, the
 * cell-by-cell comparison (layout.ts) checks names, criteria and points; otherwise they are
 * checked here, per matched row.
 */
export function checkStructure(ctx: SheetContext, sink: FindingSink): Matched {
  const { sheet, rubric } = ctx;
  const mismatch = (id: MessageId, params: Record<string, string | number>, cell?: string, item?: string): void =>
    sink.error('RUBRIC_MISMATCH', {
      ...(cell ? { cell } : {}),
      ...(item ? { item } : {}),
      params: { detail: msg(id, params) },
    });

  const rows = new Map<string, ItemRow>();
  for (const r of sheet.rows) {
    if (!r.code) continue;
    if (rows.has(r.code)) {
      mismatch('detail.itemDuplicate', { item: r.code }, cellOf(sheet, r, 'code'), r.code);
      continue;
    }
    rows.set(r.code, r);
    if (!rubric.byCode.has(r.code)) mismatch('detail.itemExtra', { item: r.code }, cellOf(sheet, r, 'code'), r.code);
  }

  const aligned =
    sheet.rows.length === rubric.nodes.length && rubric.nodes.every((n, i) => rows.get(n.code)?.row === sheet.headerRow + 1 + i);
  let lastRow = 0;
  let orderReported = false;
  for (const n of rubric.nodes) {
    const r = rows.get(n.code);
    if (!r) {
      mismatch('detail.itemMissing', { item: n.code, name: n.name }, undefined, n.code);
      continue;
    }
    if (r.row < lastRow && !orderReported) {
      orderReported = true;
      mismatch('detail.itemOrder', { item: n.code }, cellOf(sheet, r, 'code'), n.code);
    }
    lastRow = r.row;
    if (aligned) continue;
    checkMax(ctx, n, r, mismatch);
    if (canonCell(r.cells.item) !== n.name) mismatch('detail.nameChanged', { item: n.code }, cellOf(sheet, r, 'item'), n.code);
  }
  return { rows, aligned };
}

function checkMax(
  ctx: SheetContext,
  n: RubricNode,
  r: ItemRow,
  mismatch: (id: 'detail.maxChanged', params: Record<string, string>, cell: string, item: string) => void,
): void {
  const v = r.cells.max;
  const found = typeof v === 'number' ? normDecimal(v) : typeof v === 'string' ? (normDecimal(v.trim()) ?? v.trim()) : canonCell(v);
  const expected = maxText(ctx.rubric, n);
  if ((found ?? '') !== expected)
    mismatch('detail.maxChanged', { item: n.code, found: found ?? '', expected }, cellOf(ctx.sheet, r, 'max'), n.code);
}
