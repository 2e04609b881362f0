/**
 * An item's score as it counts: the adjusted re-check score when the oversight adjusted it,
 * else the score on the sheet — the one place a re-check score is read.
 */
import { parseDecimal, unitsOf, type Decimal } from '../decimal';
import type { ItemEval } from './report';

export interface Effective {
  /** points in integer units of the rubric step (0 for veto items) */
  readonly units: number;
  /** a veto item answered 是 */
  readonly vetoYes: boolean;
  /** a re-check adjusted the score */
  readonly adjusted: boolean;
}

/** A re-check's adjusted score in step units (null when it is not a multiple of the step). */
export function recheckUnits(score: string, step: Decimal): number | null {
  const d = parseDecimal(score);
  return d ? unitsOf(d, step) : null;
}

/** The item's score as compile counts it, in units of `step` (the rubric's). */
export function effectiveUnits(it: Pick<ItemEval, 'content' | 'recheck'>, step: Decimal): Effective {
  const rc = it.recheck?.result === 'adjusted' ? it.recheck.score : null;
  const { node, score } = it.content;
  if (node.isVeto) return { units: 0, vetoYes: rc !== null ? rc === '是' : score.kind === 'veto' && score.yes, adjusted: rc !== null };
  if (rc !== null) return { units: recheckUnits(rc, step) ?? 0, vetoYes: false, adjusted: true };
  return { units: score.kind === 'number' ? (score.units ?? 0) : 0, vetoYes: false, adjusted: false };
}
