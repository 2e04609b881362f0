/**
 * A re-check's adjusted score, as stored in its record (a decimal text, or 是/否 for a veto
 * item): the one place its text is read — the log replay validates it, the sheet shows it
 * (复核结果), compile counts it.
 */
import { parseDecimal, unitsOf, type Decimal } from '../decimal';

/** The adjusted score as a decimal (null when it is not a plain decimal, e.g. 是/否). */
export function recheckDecimal(score: string): Decimal | null {
  return parseDecimal(score);
}

/** The adjusted score in units of the rubric's step (null when not a decimal or not a multiple of the step). */
export function recheckUnits(score: string, step: Decimal): number | null {
  const d = recheckDecimal(score);
  return d ? unitsOf(d, step) : null;
}
