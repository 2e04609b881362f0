/**
 * Content rules for the leaves of a score sheet (SPEC §4): score present, a number, in
 * range, in steps; completion record; basis; how it was verified. Scores are held in integer
 * units of the rubric step, so totals never drift.
 */
import { compareDecimal, formatDecimal, parseDecimal, unitsOf, decimalFromNumber, type Decimal } from '../decimal';
import type { RubricNode } from '../plan/plan';
import { canonCell, isError, isFormula, type CellValue } from '../sheet/cells';
import { MATERIALS_METHOD, METHOD_SEPARATORS, VERIFY_METHODS, VERIFY_SYNONYMS, VETO_SYNONYMS } from '../sheet/layout';
import type { ItemRow } from '../sheet/parse';
import { canonText, halfWidthDigits } from '../text';
import { isDateFormat } from '../sheet/numfmt';
import { cellOf, itemParams, type FindingSink, type SheetContext } from './context';

export type ScoreValue =
  | { readonly kind: 'empty' }
  | { readonly kind: 'number'; readonly value: Decimal; readonly units: number | null }
  | { readonly kind: 'veto'; readonly yes: boolean }
  | { readonly kind: 'invalid'; readonly text: string };

/** What a leaf holds, in canonical form (the item digest's inputs). */
export interface ItemContent {
  readonly node: RubricNode;
  readonly row: ItemRow;
  readonly score: ScoreValue;
  /** score as signed: normalised decimal, 是/否, the text itself when invalid, "" when empty */
  readonly scoreText: string;
  readonly completion: string;
  readonly basis: string;
  readonly verifiedBy: string;
  readonly methods: readonly string[];
  /** nothing typed in any input column */
  readonly untouched: boolean;
  /** free of content errors */
  readonly ok: boolean;
}

interface ScoreRead {
  score: ScoreValue;
  text: string;
  normalisedFrom?: string;
}

/** Reads a score cell. Numbers stay exact; full-width digits are read as digits. */
export function readScore(v: CellValue, node: RubricNode, step: Decimal): ScoreRead {
  if (v === null || (typeof v === 'string' && canonText(v) === '')) return { score: { kind: 'empty' }, text: '' };
  if (node.isVeto) {
    const text = typeof v === 'string' ? canonText(v) : canonCell(v);
    const yes = VETO_SYNONYMS[text.toLowerCase()];
    return yes ? { score: { kind: 'veto', yes: yes === '是' }, text: yes } : { score: { kind: 'invalid', text }, text };
  }
  if (typeof v === 'number') {
    const d = decimalFromNumber(v);
    if (!d) return { score: { kind: 'invalid', text: String(v) }, text: String(v) };
    return { score: { kind: 'number', value: d, units: unitsOf(d, step) }, text: formatDecimal(d) };
  }
  if (typeof v === 'string') {
    const raw = canonText(v);
    const { text: half, changed } = halfWidthDigits(raw);
    const d = parseDecimal(half);
    if (!d) return { score: { kind: 'invalid', text: raw }, text: raw };
    const out: ScoreRead = { score: { kind: 'number', value: d, units: unitsOf(d, step) }, text: formatDecimal(d) };
    if (changed) out.normalisedFrom = raw;
    return out;
  }
  const text = canonCell(v);
  return { score: { kind: 'invalid', text }, text };
}

/** Splits 核实方式 into known methods (English synonyms mapped) and unknown ones. */
export function readMethods(text: string): { methods: string[]; unknown: string[] } {
  const methods: string[] = [];
  const unknown: string[] = [];
  for (const part of text.split(METHOD_SEPARATORS)) {
    const p = part.trim();
    if (!p) continue;
    const m = (VERIFY_METHODS as readonly string[]).includes(p) ? p : VERIFY_SYNONYMS[p.toLowerCase()];
    if (m) {
      if (!methods.includes(m)) methods.push(m);
    } else unknown.push(p);
  }
  return { methods, unknown };
}

const textOf = (v: CellValue): string => (isFormula(v) || isError(v) ? canonCell(v) : canonCell(v));

/** Checks one leaf and returns its content. */
export function checkLeaf(ctx: SheetContext, node: RubricNode, row: ItemRow, sink: FindingSink): ItemContent {
  const { sheet, rubric } = ctx;
  const p = itemParams(node);
  let errors = 0;
  const err = (...a: Parameters<FindingSink['error']>): void => {
    errors += 1;
    sink.error(...a);
  };
  const scoreCell = cellOf(sheet, row, 'score');
  const rawScore = row.cells.score;
  // a number shown as a date or time (1900-01-01 is the number 1) is not a score
  const scoreFormat = sheet.raw.formats?.[row.row - 1]?.[sheet.columns.score] ?? null;
  const asDate = typeof rawScore === 'number' && !node.isVeto && isDateFormat(scoreFormat);
  const read: ScoreRead = asDate
    ? { score: { kind: 'invalid', text: String(rawScore) }, text: String(rawScore) }
    : readScore(rawScore, node, rubric.step);
  const { score } = read;

  if (score.kind === 'empty') err('SCORE_MISSING', { item: node.code, cell: scoreCell, params: p });
  else if (score.kind === 'invalid') {
    if (asDate)
      err('SCORE_NOT_NUMBER', {
        item: node.code,
        cell: scoreCell,
        message: 'SCORE_DATE',
        params: { ...p, value: String(rawScore), format: scoreFormat ?? '' },
      });
    else if (isFormula(rawScore))
      err('SCORE_NOT_NUMBER', {
        item: node.code,
        cell: scoreCell,
        message: 'SCORE_NOT_NUMBER',
        params: { ...p, value: canonCell(rawScore) },
      });
    else if (node.isVeto)
      err('SCORE_NOT_NUMBER', { item: node.code, cell: scoreCell, message: 'SCORE_VETO_VALUE', params: { ...p, value: score.text } });
    else err('SCORE_NOT_NUMBER', { item: node.code, cell: scoreCell, params: { ...p, value: score.text } });
  } else if (score.kind === 'number') {
    if (read.normalisedFrom !== undefined)
      sink.warn('SCORE_NORMALISED', { item: node.code, cell: scoreCell, params: { ...p, value: read.normalisedFrom, normal: read.text } });
    const max = node.max!;
    if (compareDecimal(score.value, { digits: 0n, scale: 0 }) < 0 || compareDecimal(score.value, max) > 0)
      err('SCORE_OUT_OF_RANGE', { item: node.code, cell: scoreCell, params: { ...p, value: read.text, max: formatDecimal(max) } });
    else if (score.units === null)
      err('SCORE_STEP', { item: node.code, cell: scoreCell, params: { ...p, value: read.text, step: formatDecimal(rubric.step) } });
  }

  const completion = textOf(row.cells.completion);
  const basis = textOf(row.cells.basis);
  const verifiedBy = textOf(row.cells.verifiedBy);
  if (!completion) err('COMPLETION_MISSING', { item: node.code, cell: cellOf(sheet, row, 'completion'), params: p });

  const belowMax = score.kind === 'number' && compareDecimal(score.value, node.max!) < 0;
  const vetoTriggered = score.kind === 'veto' && score.yes;
  const basisNeeded = rubric.data.basisRequired === 'always' || belowMax || vetoTriggered;
  if (basisNeeded && !basis) err('BASIS_MISSING', { item: node.code, cell: cellOf(sheet, row, 'basis'), params: p });

  const vCell = cellOf(sheet, row, 'verifiedBy');
  const { methods, unknown } = readMethods(verifiedBy);
  if (!verifiedBy) err('VERIFIED_BY_MISSING', { item: node.code, cell: vCell, params: p });
  else if (unknown.length)
    err('VERIFIED_BY_UNKNOWN', {
      item: node.code,
      cell: vCell,
      params: { ...p, value: unknown.join('、'), allowed: VERIFY_METHODS.join('、') },
    });
  else if (methods.length === 1 && methods[0] === MATERIALS_METHOD)
    sink.warn('MATERIALS_ONLY', { item: node.code, cell: vCell, params: p });

  return {
    node,
    row,
    score,
    scoreText: read.text,
    completion,
    basis,
    verifiedBy,
    methods,
    untouched: score.kind === 'empty' && !completion && !basis && !verifiedBy,
    ok: errors === 0,
  };
}

/** LENIENT_SHEET: ≥ 90% of the scored (valid, non-veto) leaves at full marks. */
export function checkLenient(items: readonly ItemContent[], sink: FindingSink): void {
  const scored = items.filter((i) => i.score.kind === 'number' && i.ok && !i.node.isVeto);
  if (!scored.length) return;
  const full = scored.filter((i) => i.score.kind === 'number' && i.score.units === i.node.maxUnits).length;
  if (full / scored.length >= 0.9)
    sink.warn('LENIENT_SHEET', { params: { full, scored: scored.length, share: `${Math.round((full / scored.length) * 100)}%` } });
}
