/**
 * The summary workbook as plain tables (SPEC §6): 汇总, 考核人员分析, 问题清单. Both edges
 * write exactly these values (ExcelJS for the command line, Office.js in the task pane), so a
 * compile is identical from Excel and from the command line.
 */
import { t, type Locale } from '../i18n/catalog';
import type { Plan } from '../plan/plan';
import type { CellValue } from '../sheet/cells';
import type { CompileResult } from './compile';
import { cstText } from '../protocol/time';

export type RowStyle = 'title' | 'note' | 'warning' | 'section' | 'header' | 'data' | 'failed' | 'flagged' | 'blank';

export interface SummaryTable {
  readonly name: string;
  readonly rows: readonly (readonly CellValue[])[];
  readonly styles: readonly RowStyle[];
  readonly widths: readonly number[];
  /** cells to colour (grades: best green, worst red, others amber): 1-based row, 0-based col */
  readonly highlights: readonly { readonly row: number; readonly col: number; readonly fill: string }[];
  /** number formats per 0-based column */
  readonly formats: Readonly<Record<number, string>>;
  /** 1-based row to freeze below */
  readonly freezeRow: number;
  /** for the chart: per category, the data rows (1-based) and the columns of unit name and total */
  readonly chartSeries: readonly {
    readonly category: string;
    readonly firstRow: number;
    readonly lastRow: number;
    readonly nameCol: number;
    readonly totalCol: number;
  }[];
}

export function summaryTables(plan: Plan, result: CompileResult): SummaryTable[] {
  const L = plan.locale;
  return [summarySheet(plan, L, result), appraiserSheet(L, result), findingsSheet(L, result)];
}

function summarySheet(plan: Plan, L: Locale, result: CompileResult): SummaryTable {
  const rows: CellValue[][] = [];
  const styles: RowStyle[] = [];
  const push = (r: CellValue[], s: RowStyle): number => {
    rows.push(r);
    styles.push(s);
    return rows.length;
  };
  push([t(L, 'compile.title', { title: plan.data.title })], 'title');
  push([t(L, 'sheet.confidential')], 'note');
  if (result.warnings.length) for (const w of result.warnings) push([`⚠ ${w.message}`], 'warning');
  else push([t(L, 'compile.quotaOk')], 'data');
  push([], 'blank');
  const chartSeries: SummaryTable['chartSeries'][number][] = [];
  const highlights: { row: number; col: number; fill: string }[] = [];
  let freezeRow = 0;
  let widestBlocks = 0;
  const categories = [...new Set(result.summary.map((r) => r.category))];
  for (const cat of categories) {
    const members = result.summary.filter((r) => r.category === cat && (r.status === 'verified' || r.status === 'names-only'));
    if (!members.length) continue;
    const rubric = [...plan.rubrics.values()].find((r) => r.data.category === cat);
    const blockNodes = rubric ? rubric.nodes.filter((n) => n.depth === 0 && !n.isVeto && n.maxUnits > 0) : [];
    widestBlocks = Math.max(widestBlocks, blockNodes.length);
    push([`${t(L, 'col.category')}：${cat}`], 'section');
    const header = push(
      [
        t(L, 'col.rank'),
        t(L, 'col.unitId'),
        t(L, 'col.unit'),
        t(L, 'col.total'),
        ...blockNodes.map((b) => `${b.code} ${b.name}`),
        t(L, 'col.grade'),
        t(L, 'col.veto'),
        t(L, 'col.adjusted'),
        t(L, 'col.status'),
        t(L, 'col.sealer'),
        t(L, 'col.sealedAt'),
        t(L, 'col.sealCode'),
        t(L, 'col.register'),
        t(L, 'col.file'),
      ],
      'header',
    );
    freezeRow ||= header;
    const first = rows.length + 1;
    const gradeNames = rubric ? rubric.grades.map((g) => g.name) : [];
    for (const m of members) {
      const row = push(
        [
          m.rank,
          m.unit,
          m.name,
          m.total,
          ...blockNodes.map((b) => m.blocks[b.code] ?? null),
          m.grade,
          t(L, m.veto ? 'value.yes' : 'value.no'),
          m.adjusted,
          t(L, m.status === 'names-only' ? 'value.namesOnly' : 'value.verified'),
          m.sealer,
          m.sealedAt ? cstText(m.sealedAt) : null,
          m.sealCode,
          t(L, `register.${m.register}`),
          m.file,
        ],
        m.status === 'names-only' ? 'flagged' : 'data',
      );
      const gi = gradeNames.indexOf(m.grade ?? '');
      const fill = gi === 0 ? 'C6EFCE' : gi === gradeNames.length - 1 ? 'FFC7CE' : 'FFEB9C';
      highlights.push({ row, col: 4 + blockNodes.length, fill });
    }
    chartSeries.push({ category: cat, firstRow: first, lastRow: rows.length, nameCol: 2, totalCol: 3 });
    push([], 'blank');
  }
  const failed = result.summary.filter((r) => r.status === 'failed' || r.status === 'duplicate');
  if (failed.length) {
    push([t(L, 'compile.unverified')], 'section');
    push(
      [
        t(L, 'col.rank'),
        t(L, 'col.unitId'),
        t(L, 'col.unit'),
        t(L, 'col.total'),
        t(L, 'col.category'),
        t(L, 'col.status'),
        t(L, 'col.file'),
      ],
      'header',
    );
    for (const f of failed)
      push(
        [
          '',
          f.unit,
          f.name,
          f.total,
          f.category,
          `${t(L, f.status === 'duplicate' ? 'value.duplicate' : 'value.failed')} (${f.errors})`,
          f.file,
        ],
        'failed',
      );
  }
  const missing = result.summary.filter((r) => r.status === 'missing');
  if (missing.length) {
    if (failed.length) push([], 'blank');
    push([t(L, 'compile.missing')], 'section');
    push([t(L, 'col.rank'), t(L, 'col.unitId'), t(L, 'col.unit'), t(L, 'col.total'), t(L, 'col.category'), t(L, 'col.status')], 'header');
    for (const m of missing) push(['', m.unit, m.name, null, m.category, t(L, 'value.missing')], 'failed');
  }
  return {
    name: t(L, 'compile.summary'),
    rows,
    styles,
    widths: [7, 10, 16, 9, ...Array<number>(widestBlocks).fill(14), 8, 9, 9, 10, 10, 17, 21, 10, 28],
    highlights,
    formats: { 3: '0.0#' },
    freezeRow,
    chartSeries,
  };
}

function appraiserSheet(L: Locale, result: CompileResult): SummaryTable {
  const rows: CellValue[][] = [[t(L, 'compile.appraisers')], [t(L, 'sheet.confidential')], []];
  const styles: RowStyle[] = ['title', 'note', 'blank'];
  rows.push([
    t(L, 'col.person'),
    t(L, 'col.name'),
    t(L, 'col.items'),
    t(L, 'col.meanRatio'),
    t(L, 'col.fullShare'),
    t(L, 'col.z'),
    t(L, 'col.adjusted'),
    t(L, 'col.flag'),
  ]);
  styles.push('header');
  for (const a of result.appraisers) {
    rows.push([a.person, a.name, a.items, a.meanRatio, a.fullShare, a.z, a.adjustedCount, a.lenient ? t(L, 'value.lenient') : '']);
    styles.push(a.lenient ? 'flagged' : 'data');
  }
  return {
    name: t(L, 'compile.appraisers'),
    rows,
    styles,
    widths: [8, 22, 11, 12, 11, 9, 9, 24],
    highlights: [],
    formats: { 3: '0.0%', 4: '0.0%', 5: '0.00' },
    freezeRow: 4,
    chartSeries: [],
  };
}

function findingsSheet(L: Locale, result: CompileResult): SummaryTable {
  const rows: CellValue[][] = [[t(L, 'compile.findings')], [t(L, 'sheet.confidential')], []];
  const styles: RowStyle[] = ['title', 'note', 'blank'];
  rows.push([
    t(L, 'col.file'),
    t(L, 'col.unit'),
    t(L, 'col.item'),
    t(L, 'col.cell'),
    t(L, 'col.severity'),
    t(L, 'col.code'),
    t(L, 'col.message'),
  ]);
  styles.push('header');
  for (const w of result.warnings) {
    rows.push(['', '', '', '', t(L, 'value.warning'), w.code, w.message]);
    styles.push('data');
  }
  for (const f of result.findings) {
    rows.push([
      f.file,
      f.unit,
      f.item ?? '',
      f.cell ?? '',
      t(L, f.severity === 'error' ? 'value.error' : 'value.warning'),
      f.code,
      f.message,
    ]);
    styles.push(f.severity === 'error' ? 'failed' : 'data');
  }
  return {
    name: t(L, 'compile.findings'),
    rows,
    styles,
    widths: [24, 10, 8, 12, 8, 24, 70],
    highlights: [],
    formats: {},
    freezeRow: 4,
    chartSeries: [],
  };
}
