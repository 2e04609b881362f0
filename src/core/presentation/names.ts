/**
 * Sheet names, decided once for both edges: a unit's name made acceptable to Excel, the first
 * free name for a new score sheet, and the temporary names a summary is written under before
 * it replaces the previous one. The names used: a score sheet is named after its unit; the
 * plan record and the log live in the very hidden `_scoreseal` (LOG_SHEET), which no other sheet
 * may take; the summary sheets are named by the catalog (`compile.summary`,
 * `compile.appraisers`, `compile.findings`: 汇总, 考核人员分析, 问题清单).
 */
import { LOG_SHEET } from '../sheet/layout';
import { SHEET_NAME_MAX } from './excel';

/** A unit's name as Excel accepts it (forbidden characters → '_', at most 31 characters); kept beside the layout it names. */
export { safeSheetName } from '../sheet/layout';

/** `name`, or `name (2)`, `name (3)`, … — the first no sheet has (Excel compares names ignoring case; `_scoreseal` is always taken). */
export function uniqueSheetName(taken: readonly string[], name: string): string {
  const lower = new Set([...taken, LOG_SHEET].map((n) => n.toLowerCase()));
  if (!lower.has(name.toLowerCase())) return name;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const candidate = name.slice(0, SHEET_NAME_MAX - suffix.length) + suffix;
    if (!lower.has(candidate.toLowerCase())) return candidate;
  }
}

/** A free name for a new sheet while the old one of `name` still exists: "~汇总", "~2 汇总", … */
export function temporarySheetName(taken: readonly string[], name: string): string {
  const lower = new Set([...taken, LOG_SHEET].map((n) => n.toLowerCase()));
  for (let n = 1; ; n++) {
    const candidate = `~${n === 1 ? '' : `${n} `}${name}`.slice(0, SHEET_NAME_MAX);
    if (!lower.has(candidate.toLowerCase())) return candidate;
  }
}
