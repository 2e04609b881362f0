/**
 * The summary workbook as plain tables (SPEC §6): 汇总, 考核人员分析, 问题清单. Both edges
 * write exactly these values (ExcelJS for the command line, Office.js in the task pane), so a
 * compile is identical from Excel and from the command line.
 */
import { t, type Locale } from '../i18n/catalog';
import { renderFinding } from '../i18n/render';
import type { Plan } from '../plan/plan';
import type { CellValue } from '../sheet/cells';
import { LENIENT_FULL_SHARE, LENIENT_Z, type AgreementRow, type CompileResult, type LeniencyVerdict, type RecheckBias } from './compile';
import { cstText } from '../protocol/time';
import { PALETTE } from '../presentation/look';

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
  /** number formats of single cells, over the column's (1-based row, 0-based col), for tables whose columns change meaning */
  readonly cellFormats?: readonly { readonly row: number; readonly col: number; readonly format: string }[];
  /** 1-based row to freeze below */
  readonly freezeRow: number;
  /** for the chart: per category, the data rows (1-based) and the columns of unit name and total */
  readonly chartSeries: readonly {
    readonly category: string;
    readonly firstRow: number;
    readonly lastRow: number;
    readonly nameCol: number;
    readonly totalCol: number;
    /** 1-based row of the chart's top-left corner, in column A; absent: right of the table, level with its rows */
    readonly anchorRow?: number;
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
  if (result.warnings.length) for (const w of result.warnings) push([`⚠ ${renderFinding(w, L)}`], 'warning');
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
      const fill = gi === 0 ? PALETTE.good.fill : gi === gradeNames.length - 1 ? PALETTE.bad.fill : PALETTE.neutral.fill;
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

/** Fills of the verdict cells: lenient red (as the flagged rows), harsh blue; the weaker signal's flag amber. */
const VERDICT_FILL: Partial<Record<LeniencyVerdict, string>> = { lenient: PALETTE.bad.fill, harsh: PALETTE.harshFill };
const WEAK_FILL = PALETTE.neutral.fill;
/** Deviations keep their sign: +8.3%, −2.0%. */
const SIGNED_PCT = '+0.0%;-0.0%;0.0%';
const SIGNED_POINTS = '+0.00;-0.00;0.00';

/** The bias columns of every table on the sheet: re-checked, adjusted, mean (points, share), interval, verdict. */
const BIAS_WIDTH = 7;
/** Per role: re-checked, mean share, interval, verdict. */
const ROLE_WIDTH = 5;

/**
 * 考核人员分析: per appraiser the bias against the oversight's re-checks — over both roles, as
 * scorer, as reviewer — then the weaker signals; per group and rubric the same plus agreement;
 * a legend; and (Office edge) a chart of each appraiser's mean deviation.
 */
function appraiserSheet(L: Locale, result: CompileResult): SummaryTable {
  const { level, minRechecks } = result.agreement;
  const pctLevel = Math.round(level * 100);
  const rows: CellValue[][] = [[t(L, 'compile.appraisers')], [t(L, 'sheet.confidential')], []];
  const styles: RowStyle[] = ['title', 'note', 'blank'];
  const highlights: { row: number; col: number; fill: string }[] = [];
  const cellFormats: { row: number; col: number; format: string }[] = [];
  const verdictText = (v: LeniencyVerdict): string => t(L, `verdict.${v}`, { min: minRechecks });
  const biasCells = (b: RecheckBias): CellValue[] => [
    b.rechecked,
    b.adjusted,
    b.meanPoints,
    b.meanShare,
    b.intervalShare?.[0] ?? null,
    b.intervalShare?.[1] ?? null,
    verdictText(b.verdict),
  ];
  const roleCells = (b: RecheckBias): CellValue[] => [
    b.rechecked,
    b.meanShare,
    b.intervalShare?.[0] ?? null,
    b.intervalShare?.[1] ?? null,
    verdictText(b.verdict),
  ];
  const markVerdict = (row: number, col: number, v: LeniencyVerdict): void => {
    const fill = VERDICT_FILL[v];
    if (fill) highlights.push({ row, col, fill });
  };
  const biasHeader = [
    t(L, 'col.rechecked'),
    t(L, 'col.recheckAdjusted'),
    t(L, 'col.meanPoints'),
    t(L, 'col.meanShare'),
    t(L, 'col.intervalLo', { level: pctLevel }),
    t(L, 'col.intervalHi', { level: pctLevel }),
    t(L, 'col.verdict'),
  ];
  const roleHeader = [
    t(L, 'col.rechecked'),
    t(L, 'col.meanShare'),
    t(L, 'col.intervalLo', { level: pctLevel }),
    t(L, 'col.intervalHi', { level: pctLevel }),
    t(L, 'col.verdict'),
  ];
  const SCORER = 2 + BIAS_WIDTH;
  const REVIEWER = SCORER + ROLE_WIDTH;
  const WEAK = REVIEWER + ROLE_WIDTH;
  const blanks = (n: number): null[] => Array<null>(n).fill(null);

  // per appraiser
  rows.push([
    null,
    null,
    t(L, 'bias.overall'),
    ...blanks(BIAS_WIDTH - 1),
    t(L, 'bias.asScorer'),
    ...blanks(ROLE_WIDTH - 1),
    t(L, 'bias.asReviewer'),
    ...blanks(ROLE_WIDTH - 1),
    t(L, 'bias.weak'),
  ]);
  styles.push('header');
  rows.push([
    t(L, 'col.person'),
    t(L, 'col.name'),
    ...biasHeader,
    ...roleHeader,
    ...roleHeader,
    t(L, 'col.items'),
    t(L, 'col.meanRatio'),
    t(L, 'col.fullShare'),
    t(L, 'col.z'),
    t(L, 'col.flag'),
  ]);
  styles.push('header');
  const freezeRow = rows.length;
  const firstRow = rows.length + 1;
  for (const a of result.appraisers) {
    rows.push([
      a.person,
      a.name,
      ...biasCells(a.overall),
      ...roleCells(a.asScorer),
      ...roleCells(a.asReviewer),
      a.items,
      a.meanRatio,
      a.fullShare,
      a.z,
      a.lenient ? t(L, 'value.lenient') : '',
    ]);
    styles.push(a.overall.verdict === 'lenient' ? 'flagged' : 'data');
    const row = rows.length;
    markVerdict(row, 2 + BIAS_WIDTH - 1, a.overall.verdict);
    markVerdict(row, SCORER + ROLE_WIDTH - 1, a.asScorer.verdict);
    markVerdict(row, REVIEWER + ROLE_WIDTH - 1, a.asReviewer.verdict);
    if (a.lenient) highlights.push({ row, col: WEAK + 4, fill: WEAK_FILL });
  }
  const lastRow = rows.length;

  // per group, per rubric, all
  rows.push([]);
  styles.push('blank');
  rows.push([t(L, 'compile.agreement')]);
  styles.push('section');
  rows.push([
    t(L, 'col.setKind'),
    t(L, 'col.setName'),
    ...biasHeader,
    t(L, 'col.confirmed'),
    t(L, 'col.confirmedShare'),
    t(L, 'col.alpha'),
  ]);
  styles.push('header');
  const agreementRow = (kind: string, name: string, r: AgreementRow): void => {
    rows.push([kind, name, ...biasCells(r), r.confirmed, r.confirmedShare, r.alpha]);
    styles.push('data');
    const row = rows.length;
    markVerdict(row, 2 + BIAS_WIDTH - 1, r.verdict);
    cellFormats.push(
      { row, col: SCORER, format: '0' },
      { row, col: SCORER + 1, format: '0.0%' },
      { row, col: SCORER + 2, format: '0.000' },
    );
  };
  for (const g of result.agreement.groups) agreementRow(t(L, 'value.group'), g.name, g);
  for (const r of result.agreement.rubrics) agreementRow(t(L, 'value.rubric'), r.name, r);
  agreementRow(t(L, 'value.all'), t(L, 'value.allRechecked'), result.agreement.all);

  // legend
  rows.push([]);
  styles.push('blank');
  rows.push([t(L, 'compile.legend')]);
  styles.push('section');
  for (const id of [
    'legend.deviation',
    'legend.share',
    'legend.interval',
    'legend.min',
    'legend.roles',
    'legend.alpha',
    'legend.weak',
    'legend.caution',
  ] as const) {
    rows.push([t(L, id, { level: pctLevel, min: minRechecks, full: Math.round(LENIENT_FULL_SHARE * 100), z: LENIENT_Z })]);
    styles.push('data');
  }

  const charted = result.appraisers.some((a) => a.overall.meanShare !== null);
  return {
    name: t(L, 'compile.appraisers'),
    rows,
    styles,
    widths: [8, 22, 9, 9, 11, 12, 11, 11, 14, 9, 12, 11, 11, 14, 9, 12, 11, 11, 14, 10, 11, 10, 8, 24],
    highlights,
    formats: {
      4: SIGNED_POINTS,
      5: SIGNED_PCT,
      6: SIGNED_PCT,
      7: SIGNED_PCT,
      [SCORER + 1]: SIGNED_PCT,
      [SCORER + 2]: SIGNED_PCT,
      [SCORER + 3]: SIGNED_PCT,
      [REVIEWER + 1]: SIGNED_PCT,
      [REVIEWER + 2]: SIGNED_PCT,
      [REVIEWER + 3]: SIGNED_PCT,
      [WEAK + 1]: '0.0%',
      [WEAK + 2]: '0.0%',
      [WEAK + 3]: '0.00',
    },
    cellFormats,
    freezeRow,
    chartSeries: charted
      ? [{ category: t(L, 'compile.biasChart'), firstRow, lastRow, nameCol: 1, totalCol: 5, anchorRow: rows.length + 2 }]
      : [],
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
    rows.push(['', '', '', '', t(L, 'value.warning'), w.code, renderFinding(w, L)]);
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
      renderFinding(f, L),
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
