/**
 * Structure rules: the sheet must match the trusted rubric (codes, order, points, names,
 * fingerprint) and keep the layout ScoreSeal relies on (no hidden rows, no merged scores).
 */
import { normDecimal } from '../decimal';
import type { RubricNode } from '../plan/plan';
import { maxText, shortFingerprint } from '../plan/plan';
import { canonCell, parseRange } from '../sheet/cells';
import type { ItemRow } from '../sheet/parse';
import { cellOf, detail, type FindingSink, type SheetContext } from './context';

export interface Matched {
  /** rubric node → its sheet row (first occurrence) */
  readonly rows: ReadonlyMap<string, ItemRow>;
}

export function checkStructure(ctx: SheetContext, sink: FindingSink): Matched {
  const { sheet, rubric, locale } = ctx;
  const mismatch = (id: Parameters<typeof detail>[1], params: Record<string, string | number>, cell?: string, item?: string): void =>
    sink.error('RUBRIC_MISMATCH', {
      ...(cell ? { cell } : {}),
      ...(item ? { item } : {}),
      params: { detail: detail(locale, id, params) },
    });

  const fp = sheet.fields.fingerprint;
  if (fp && fp.value !== shortFingerprint(rubric.fingerprint))
    mismatch('detail.rubricFingerprint', { found: fp.value, expected: shortFingerprint(rubric.fingerprint) }, fp.cell);

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
    checkMax(ctx, n, r, mismatch);
    if (canonCell(r.cells.item) !== n.name) mismatch('detail.nameChanged', { item: n.code }, cellOf(sheet, r, 'item'), n.code);
  }

  // layout: hidden rows and merged score cells inside the table
  const first = sheet.headerRow;
  const last = sheet.lastTableRow;
  for (const h of sheet.hiddenRows) {
    if (h > first && h <= last)
      sink.error('SHEET_LAYOUT', { cell: `A${h}`, params: { detail: detail(locale, 'detail.hiddenRow', { row: h }) } });
  }
  const scoreCol = sheet.columns.score;
  for (const m of sheet.merges) {
    const range = parseRange(m);
    if (!range) continue;
    const rowsOverlap = range.to.row > first && range.from.row <= last;
    const colsOverlap = range.from.col <= scoreCol && range.to.col >= scoreCol;
    if (rowsOverlap && colsOverlap)
      sink.error('SHEET_LAYOUT', { cell: m, params: { detail: detail(locale, 'detail.mergedScore', { cell: m }) } });
  }
  return { rows };
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
