/**
 * Cell grids without the cached results of their formulas: for tests that compare formula text
 * (what a template writes), not the value a formula shows (what a reader also reports).
 */
import { isFormula, type CellValue } from '../../src/core/sheet/cells';

export function withoutResult(v: CellValue): CellValue {
  return isFormula(v) ? { formula: v.formula } : v;
}

export function withoutResults(grid: readonly (readonly CellValue[])[]): CellValue[][] {
  return grid.map((row) => row.map(withoutResult));
}
