/**
 * Property-test run counts: a quick count in `npm test` (the suite a change is checked with,
 * ≤ 5 minutes on two cores) and a large one in `npm run test:deep` (SCORESEAL_DEEP=1), which CI
 * runs as well. The properties are the same; only how many random cases each draws differs.
 */
export const DEEP = process.env.SCORESEAL_DEEP === '1';

export function runs(quick: number, deep: number): number {
  return DEEP ? deep : quick;
}
