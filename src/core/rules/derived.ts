/**
 * The derived cells (SPEC §3 *Derived cells*): every cell ScoreSeal writes, as the log and the
 * trusted plan say it must read. The workflow writes exactly these values and validation
 * compares the sheet with exactly these values, so the two can never disagree.
 */
import { fromUnits, toNumber } from '../decimal';
import { t } from '../i18n/catalog';
import { cstText } from '../protocol/time';
import type { CellValue } from '../sheet/cells';
import type { ColumnKey } from '../sheet/layout';
import type { SheetTemplate } from '../sheet/template';
import type { SampleRecord, SealRecord } from '../signing/records';
import { effectiveUnits } from './effective';
import type { SheetContext } from './context';
import { nameOf, recheckTexts, statusText } from './present';
import type { ItemEval } from './report';

/** What the derived cells are computed from. */
export interface DerivedState {
  readonly items: readonly ItemEval[];
  /** the current round's sample and seal */
  readonly sample: SampleRecord | null;
  readonly seal: SealRecord | null;
  /** the seal of the round an unseal ended, while no new seal has replaced it */
  readonly unsealed: SealRecord | null;
}

export type DerivedKey =
  'scorer' | 'reviewer' | 'status' | 'recheck' | 'recheckNote' | 'total' | 'adjustedTotal' | 'oversight' | 'sealStatus' | 'sealCode';

export interface DerivedCell {
  /** 1-based row */
  readonly row: number;
  /** 0-based column */
  readonly col: number;
  readonly key: DerivedKey;
  readonly value: CellValue;
  /** the item code, for table cells */
  readonly item?: string;
}

/** The derived columns of the item table. */
export const DERIVED_TABLE_KEYS = ['scorer', 'reviewer', 'status', 'recheck', 'recheckNote'] as const satisfies readonly ColumnKey[];

/** Total after re-checks: the sheet's total with every adjusted re-check score in place of the original. */
export function adjustedTotal(ctx: SheetContext, items: readonly ItemEval[]): number {
  const units = items.reduce((s, it) => s + effectiveUnits(it, ctx.rubric.step).units, 0);
  return toNumber(fromUnits(units, ctx.rubric.step));
}

/** The derived cells of the item table, row by row (one cell per derived column of every leaf). */
export function derivedTableCells(ctx: SheetContext, state: DerivedState): DerivedCell[] {
  const { sheet, locale, plan } = ctx;
  const out: DerivedCell[] = [];
  for (const it of state.items) {
    const row = it.content.row.row;
    const item = it.content.node.code;
    const [recheck, note] = recheckTexts(locale, it);
    const values: Record<(typeof DERIVED_TABLE_KEYS)[number], string> = {
      scorer: it.scorer ? nameOf(plan, it.scorer.record.person) : '',
      reviewer: it.reviewer ? nameOf(plan, it.reviewer.record.person) : '',
      status: statusText(locale, it.status),
      recheck,
      recheckNote: note,
    };
    for (const key of DERIVED_TABLE_KEYS) out.push({ row, col: sheet.columns[key], key, value: values[key], item });
  }
  return out;
}

/** The derived cells below the table, at the template's places. */
export function derivedFooterCells(ctx: SheetContext, tpl: SheetTemplate, state: DerivedState): DerivedCell[] {
  const { plan, locale } = ctx;
  const at = (key: keyof SheetTemplate['footerCells'], value: CellValue): DerivedCell => ({ ...tpl.footerCells[key], key, value });
  const totalCell = tpl.cells[tpl.footerCells.total.row - 1]?.[tpl.footerCells.total.col] ?? null;
  const rechecked = state.items.some((i) => i.recheck);
  const oversight = state.seal?.person ?? state.sample?.person;
  const sealStatus = state.seal
    ? t(locale, 'seal.sealed', { when: cstText(state.seal.sealedAt) })
    : state.unsealed
      ? t(locale, 'seal.broken')
      : t(locale, 'seal.none');
  return [
    at('total', totalCell),
    at('adjustedTotal', rechecked ? adjustedTotal(ctx, state.items) : null),
    at('oversight', oversight ? nameOf(plan, oversight) : ''),
    at('sealStatus', sealStatus),
    at('sealCode', state.seal?.code ?? state.unsealed?.code ?? ''),
  ];
}
