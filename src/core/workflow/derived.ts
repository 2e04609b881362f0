/**
 * Derived cells (SPEC §3): everything ScoreSeal writes on a score sheet — 考核人, 复查人,
 * 签字状态, 复核结果, 复核意见 and the footer lines — recomputed from the log.
 */
import { t } from '../i18n/catalog';
import { displayName, recheckTexts, type ItemEval, type SheetReport } from '../rules/evaluate';
import type { SheetContext } from '../rules/context';
import { addr, type CellValue } from '../sheet/cells';
import { DERIVED_COLUMNS, INPUT_COLUMNS, type ColumnKey } from '../sheet/layout';
import type { CellBlock } from '../sheet/patch';
import type { SealRecord, SampleRecord, UnsealRecord } from '../signing/records';

export interface DerivedState {
  readonly items: readonly ItemEval[];
  readonly sample: SampleRecord | null;
  readonly seal: SealRecord | null;
  readonly unseal: UnsealRecord | null;
}

function nameOf(ctx: SheetContext, personId: string): string {
  const p = ctx.plan.people.get(personId);
  return p ? displayName(ctx.plan, p) : personId;
}

/** The values of one derived column over the whole item table (header+1 … last table row). */
function columnValues(ctx: SheetContext, state: DerivedState, key: ColumnKey): CellValue[][] {
  const { sheet, locale, rubric } = ctx;
  const byRow = new Map(state.items.map((i) => [i.content.row.row, i]));
  const out: CellValue[][] = [];
  for (let r = sheet.headerRow + 1; r <= sheet.lastTableRow; r++) {
    const it = byRow.get(r);
    const current = sheet.raw.cells[r - 1]?.[sheet.columns[key]] ?? null;
    if (!it) {
      out.push([current]);
      continue;
    }
    let v: string;
    switch (key) {
      case 'scorer':
        v = it.scorer ? nameOf(ctx, it.scorer.record.person) : '';
        break;
      case 'reviewer':
        v = it.reviewer ? nameOf(ctx, it.reviewer.record.person) : '';
        break;
      case 'status':
        v = it.status;
        break;
      case 'recheck':
        v = recheckTexts(locale, it, rubric)[0];
        break;
      default:
        v = recheckTexts(locale, it, rubric)[1];
    }
    out.push([v]);
  }
  return out;
}

/** Blocks for every derived column of the item table (one column each). */
export function derivedTableBlocks(ctx: SheetContext, state: DerivedState, keys: readonly ColumnKey[] = DERIVED_COLUMNS): CellBlock[] {
  if (ctx.sheet.lastTableRow <= ctx.sheet.headerRow) return [];
  return keys.map((k) => ({ row: ctx.sheet.headerRow + 1, col: ctx.sheet.columns[k], values: columnValues(ctx, state, k) }));
}

/** Blocks for the footer lines: 监审人, 密封状态, 密封码. */
export function derivedFooterBlocks(ctx: SheetContext, state: DerivedState): CellBlock[] {
  const { sheet, locale } = ctx;
  const blocks: CellBlock[] = [];
  const put = (key: 'oversight' | 'sealStatus' | 'sealCode', value: string): void => {
    const f = sheet.footer[key];
    if (f) blocks.push({ row: f.row, col: f.col, values: [[value]] });
  };
  const oversightPerson = state.seal?.person ?? state.sample?.person;
  put('oversight', oversightPerson ? nameOf(ctx, oversightPerson) : '');
  if (state.unseal) {
    put('sealStatus', t(locale, 'seal.broken'));
    put('sealCode', state.seal?.code ?? '');
  } else if (state.seal) {
    put('sealStatus', t(locale, 'seal.sealed', { when: state.seal.sealedAt.replace('T', ' ').replace('Z', ' UTC') }));
    put('sealCode', state.seal.code);
  } else {
    put('sealStatus', t(locale, 'seal.none'));
    put('sealCode', '');
  }
  return blocks;
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

/** The derived state of a report as it stands. */
export function stateOf(report: SheetReport): DerivedState {
  return { items: report.items, sample: report.sample, seal: report.seal, unseal: report.unseal };
}
