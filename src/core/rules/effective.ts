/**
 * An item's score as it counts: the adjusted re-check score when the oversight adjusted it
 * (read by protocol/recheck.ts), else the score on the sheet.
 */
import type { Decimal } from '../decimal';
import { recheckUnits } from '../protocol/recheck';
import type { ItemEval } from './report';

export interface Effective {
  /** points in integer units of the rubric step (0 for veto items) */
  readonly units: number;
  /** a veto item answered 是 */
  readonly vetoYes: boolean;
  /** a re-check adjusted the score */
  readonly adjusted: boolean;
}

export { recheckUnits };

/** The item's score as compile counts it, in units of `step` (the rubric's). */
export function effectiveUnits(it: Pick<ItemEval, 'content' | 'recheck'>, step: Decimal): Effective {
  const rc = it.recheck?.result === 'adjusted' ? it.recheck.score : null;
  const { node, score } = it.content;
  if (node.isVeto) return { units: 0, vetoYes: rc !== null ? rc === '是' : score.kind === 'veto' && score.yes, adjusted: rc !== null };
  if (rc !== null) return { units: recheckUnits(rc, step) ?? 0, vetoYes: false, adjusted: true };
  return { units: score.kind === 'number' ? (score.units ?? 0) : 0, vetoYes: false, adjusted: false };
}
