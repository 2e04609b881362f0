/**
 * Writing the compile's summary sheets through Office.js (SPEC §6, §7), on the Excel double:
 * exactly the values of `summaryTables`, the file edge's formatting, one native chart per
 * category and one of the appraisers' mean deviations from the re-checks, two syncs whatever the number of units, replace-not-duplicate, and refusal when
 * the workbook structure is protected or a foreign sheet has a summary sheet's name.
 */
import type {
  AgreementBlock,
  AppraiserRow,
  CompileResult,
  LeniencyVerdict,
  RecheckBias,
  UnitSummary,
} from '../../src/core/compile/compile';
import { summaryTables, type SummaryTable } from '../../src/core/compile/tables';
import type { Finding } from '../../src/core/findings';
import type { Plan } from '../../src/core/plan/plan';
import { colLetter, type CellValue } from '../../src/core/sheet/cells';
import { run } from '../../src/office/run';
import { SummaryTargetError, writeSummary } from '../../src/office/summary';
import { columnWidthPoints } from '../../src/core/presentation/excel';
import { PALETTE } from '../../src/core/presentation/look';
import { SUMMARY_PRINT_HEADER } from '../../src/core/presentation/summary';
import { ExcelDouble, type DoubleOptions, type WorkbookInit } from '../support/excel-double';
import { examplePlan } from './fixtures';

const plan: Plan = examplePlan();

/* ------------------------------------------------------------------------------------------ */
/* a compile result of n units, made up (the values written are what matters here)            */
/* ------------------------------------------------------------------------------------------ */

function blocksOf(category: string, seed: number): Record<string, number> {
  const rubric = [...plan.rubrics.values()].find((r) => r.data.category === category)!;
  const blocks: Record<string, number> = {};
  rubric.nodes
    .filter((n) => n.depth === 0 && !n.isVeto && n.maxUnits > 0)
    .forEach((n, i) => (blocks[n.code] = 10 + ((seed + i) % 7) * 0.5));
  return blocks;
}

/** A made-up bias of the given verdict over n re-checks ('none': no re-checks). */
function bias(verdict: LeniencyVerdict | 'none', n: number): RecheckBias {
  if (verdict === 'none' || n === 0)
    return { rechecked: 0, adjusted: 0, meanPoints: null, meanShare: null, intervalPoints: null, intervalShare: null, verdict: 'too-few' };
  const mean = verdict === 'lenient' ? 0.125 : verdict === 'harsh' ? -0.0625 : 0.01;
  const half = verdict === 'too-few' ? 0.5 : 0.05;
  return {
    rechecked: n,
    adjusted: Math.floor(n / 2),
    meanPoints: mean * 4,
    meanShare: mean,
    intervalPoints: [(mean - half) * 4, (mean + half) * 4],
    intervalShare: [mean - half, mean + half],
    verdict,
  };
}

/** n units alternating between the two categories; every fifth fails; names and ids that look like numbers. */
function result(n: number, variant = 0): CompileResult {
  const summary: UnitSummary[] = Array.from({ length: n }, (_, i) => {
    const category = i % 2 === 0 ? '乡镇' : '县直部门';
    const failed = i % 5 === 4;
    const total = 70 + ((i * 7 + variant) % 30) + 0.5;
    return {
      unit: String(i + 1).padStart(3, '0'), // "001": must stay text
      name: i === 1 ? '1.10' : `单位${i + 1}`, // "1.10": must not become the number 1.1
      category,
      total,
      blocks: blocksOf(category, i + variant),
      grade: failed ? null : total >= 90 ? '优秀' : total >= 80 ? '良好' : '一般',
      rank: failed ? null : Math.floor(i / 2) + 1,
      veto: i === 2,
      adjusted: i % 3,
      status: failed ? 'failed' : 'verified',
      file: `${String(i + 1).padStart(3, '0')}.xlsx`,
      errors: failed ? 2 : 0,
      sealer: failed ? null : '李娜',
      sealedAt: failed ? null : '2026-11-30T08:00:00.000Z',
      sealCode: failed ? null : `${String(1000 + i)}-ABCD-EF01-2345`,
      register: failed ? ('not-sealed' as const) : ('matched' as const),
      unsealed: [],
    };
  });
  const appraisers: AppraiserRow[] = ['p01', 'p02', 'p07'].map((person, i) => ({
    person,
    name: ['张伟', '刘芳', '赵磊'][i]!,
    items: i === 1 ? 0 : 10 + i,
    meanRatio: i === 1 ? null : 0.9 + i * 0.01,
    fullShare: i === 1 ? null : i === 2 ? 0.95 : 0.5,
    z: i === 1 ? null : i - 1,
    adjustedCount: i,
    lenient: i === 2,
    verdict: (['lenient', 'harsh', 'consistent'] as const)[i]!,
    overall: bias((['lenient', 'harsh', 'consistent'] as const)[i]!, 6 + i),
    asScorer: bias(i === 1 ? 'none' : 'too-few', i === 1 ? 0 : 3),
    asReviewer: bias(i === 0 ? 'lenient' : 'too-few', i === 0 ? 5 : 2),
  }));
  const agreement: AgreementBlock = {
    level: 0.95,
    minRechecks: 5,
    all: { id: '', name: '', ...bias('consistent', 40), confirmed: 30, confirmedShare: 0.75, alpha: 0.8123 },
    groups: [
      { id: 'G1', name: 'G1', ...bias('lenient', 20), confirmed: 12, confirmedShare: 0.6, alpha: 0.5 },
      { id: 'G2', name: 'G2', ...bias('consistent', 20), confirmed: 18, confirmedShare: 0.9, alpha: null },
    ],
    rubrics: [{ id: 'township', name: '乡镇考核细则', ...bias('consistent', 40), confirmed: 30, confirmedShare: 0.75, alpha: 0.8123 }],
  };
  const findings: (Finding & { file: string })[] = summary
    .filter((s) => s.status === 'failed')
    .flatMap((s): (Finding & { file: string })[] => [
      {
        severity: 'error' as const,
        code: 'SEAL_INVALID' as const,
        unit: s.unit,
        cell: 'E7',
        messageId: 'SEAL_INVALID' as const,
        params: { detail: `${s.name}：密封后内容被修改` },
        file: s.file,
      },
      {
        severity: 'error' as const,
        code: 'SIGNED_CONTENT_CHANGED' as const,
        unit: s.unit,
        item: '1.2',
        // a message that starts like a formula: it must be written as text
        messageId: 'SIGNED_CONTENT_CHANGED' as const,
        params: { item: '=1+1', name: '不是公式', detail: '' },
        file: s.file,
      },
    ]);
  const warnings: Finding[] = variant
    ? []
    : [
        {
          severity: 'warning',
          code: 'QUOTA_EXCEEDED',
          unit: '',
          messageId: 'QUOTA_EXCEEDED',
          params: { category: '乡镇', grade: '优秀', count: 3, share: '30%', max: '20%' },
        },
      ];
  return { summary, appraisers, agreement, findings, warnings };
}

const tablesFor = (n: number, variant = 0): SummaryTable[] => summaryTables(plan, result(n, variant));

/* ------------------------------------------------------------------------------------------ */

let uninstall: (() => void) | null = null;
function double(init: WorkbookInit = { sheets: { Sheet1: {} } }, options: DoubleOptions = {}): ExcelDouble {
  uninstall?.();
  const d = ExcelDouble.fromData(init, options);
  uninstall = d.install();
  return d;
}
afterEach(() => {
  uninstall?.();
  uninstall = null;
});

/** What a table's rows look like read back through `values`: '' for empty, numbers and text as they are. */
function expected(table: SummaryTable): unknown[][] {
  const width = Math.max(...table.rows.map((r) => r.length));
  return table.rows.map((r) => Array.from({ length: width }, (_, c) => shown(r[c] ?? null)));
}
const shown = (v: CellValue): unknown => (v === null ? '' : typeof v === 'object' ? ('formula' in v ? v.formula : v.error) : v);

/** Table values as the double holds them, cut to the table's shape. */
function written(d: ExcelDouble, table: SummaryTable): unknown[][] {
  const width = Math.max(...table.rows.map((r) => r.length));
  return d.dump(table.name, `A1:${colLetter(width - 1)}${table.rows.length}`).values;
}

describe('writeSummary', () => {
  it('writes exactly the values of summaryTables, cell by cell, numbers as numbers and text as text', async () => {
    const d = double();
    const tables = tablesFor(10);
    await run((ctx) => writeSummary(ctx, tables));

    expect(d.sheetNames()).toEqual(['Sheet1', '汇总', '考核人员分析', '问题清单']);
    for (const table of tables) {
      expect(written(d, table)).toEqual(expected(table));
      // nothing beyond the table
      const used = d.dump(table.name).values;
      expect(used.length).toBe(table.rows.length);
    }
    const summary = tables[0]!;
    // a unit named "1.10" and ids like "001" stay text; totals are numbers with the file edge's format
    const rowOf = (unit: string): number => summary.rows.findIndex((r) => r[1] === unit) + 1;
    expect(d.cell('汇总', `C${rowOf('002')}`)).toMatchObject({ value: '1.10', numberFormat: '@' });
    expect(d.cell('汇总', `B${rowOf('001')}`)).toMatchObject({ value: '001', numberFormat: '@' });
    expect(d.cell('汇总', `D${rowOf('001')}`)).toMatchObject({ value: 70.5, numberFormat: '0.0#' });
    // a message that starts with "=" is text, not a formula
    const findings = tables[2]!;
    const text = '=1+1“不是公式”在签字后被修改：';
    const f = findings.rows.findIndex((r) => r[6] === text) + 1;
    expect(f).toBeGreaterThan(0);
    expect(d.cell('问题清单', `G${f}`)).toMatchObject({ value: text, formula: text, numberFormat: '@' });
    // appraisers: ratios as numbers with percentage formats, deviations with their sign
    expect(d.cell('考核人员分析', 'U6')).toMatchObject({ value: 0.9, numberFormat: '0.0%' });
    expect(d.cell('考核人员分析', 'F6')).toMatchObject({ value: 0.125, numberFormat: '+0.0%;-0.0%;0.0%' });
  });

  it('formats like the command line: title, red confidential note, header fill, grade fills, frozen header, widths, print header', async () => {
    const d = double();
    const tables = tablesFor(6);
    await run((ctx) => writeSummary(ctx, tables));
    const s = tables[0]!;
    expect(d.font('汇总', 'A1')).toEqual({ bold: true, size: 14, color: '#000000' });
    expect(d.font('汇总', 'A2')).toMatchObject({ bold: true, color: `#${PALETTE.note}` });
    expect(d.cell('汇总', 'A2').value).toBe('内部资料 注意保密');
    expect(d.font('汇总', 'A3')).toMatchObject({ bold: true, color: `#${PALETTE.warning}` }); // the quota warning
    const header = s.styles.indexOf('header') + 1;
    expect(d.cell('汇总', `A${header}`)).toMatchObject({ fill: `#${PALETTE.headerFill}`, bold: true });
    expect(d.cell('汇总', `${colLetter(s.rows[header - 1]!.length - 1)}${header}`).fill).toBe(`#${PALETTE.headerFill}`);
    expect(d.cell('汇总', `${colLetter(s.rows[header - 1]!.length)}${header}`).fill).toBeNull();
    for (const h of s.highlights) expect(d.cell('汇总', `${colLetter(h.col)}${h.row}`).fill).toBe(`#${h.fill}`);
    expect(s.highlights.length).toBeGreaterThan(0);
    const failedRow = s.styles.indexOf('failed') + 1;
    expect(d.font('汇总', `B${failedRow}`).color).toBe(`#${PALETTE.failed}`);
    expect(d.frozenRows('汇总')).toBe(s.freezeRow);
    expect(d.frozenRows('考核人员分析')).toBe(5);
    expect(d.columnWidths('汇总').A).toBe(columnWidthPoints(7));
    expect(d.columnWidths('问题清单').G).toBe(columnWidthPoints(70));
    // the lenient appraiser's row is filled
    const appraisers = tables[1]!;
    const flagged = appraisers.styles.indexOf('flagged') + 1;
    expect(d.cell('考核人员分析', `A${flagged}`).fill).toBe(`#${PALETTE.flaggedFill}`);
    expect(d.pageLayout('汇总')).toMatchObject({ orientation: 'Landscape', paperSize: 'A4' });
    expect(d.centerHeader('问题清单')).toBe(SUMMARY_PRINT_HEADER);
    expect(d.activeSheet()).toBe('汇总');
  });

  it('adds one clustered-column chart of totals by unit per category, titled with it, right of the table', async () => {
    const d = double();
    const tables = tablesFor(12);
    await run((ctx) => writeSummary(ctx, tables));
    const s = tables[0]!;
    const charts = d.charts('汇总');
    expect(s.chartSeries.map((c) => c.category)).toEqual(['乡镇', '县直部门']);
    expect(charts).toHaveLength(2);
    const width = Math.max(...s.rows.map((r) => r.length), s.widths.length);
    let lastBottom = 0;
    charts.forEach((chart, i) => {
      const series = s.chartSeries[i]!;
      expect(chart).toMatchObject({ type: 'ColumnClustered', title: series.category, titleVisible: true, legendVisible: false });
      expect(chart.series).toEqual([
        {
          name: '总分',
          values: `汇总!D${series.firstRow}:D${series.lastRow}`,
          xValues: `汇总!C${series.firstRow}:C${series.lastRow}`,
          hasDataLabels: true,
        },
      ]);
      // the source really is the totals and names of that category's units
      const names = d.dump('汇总', `C${series.firstRow}:D${series.lastRow}`).values;
      const members = result(12).summary.filter((u) => u.category === series.category && u.status === 'verified');
      expect(names.map((r) => r[0]).sort()).toEqual(members.map((m) => m.name).sort());
      expect(names.map((r) => r[1]).sort()).toEqual(members.map((m) => m.total).sort());
      // placed to the right of the table, not over the chart above it
      const start = /^([A-Z]+)(\d+)$/.exec(chart.position!.start)!;
      const end = /^([A-Z]+)(\d+)$/.exec(chart.position!.end!)!;
      expect(start[1]).toBe(colLetter(width + 1));
      expect(Number(start[2])).toBeGreaterThan(lastBottom);
      lastBottom = Number(end[2]);
    });
  });

  it('考核人员分析: a column per figure, verdicts highlighted, agreement with its own formats, a legend, a chart of mean deviations', async () => {
    const d = double();
    const tables = tablesFor(6);
    await run((ctx) => writeSummary(ctx, tables));
    const a = tables[1]!;
    const sheet = '考核人员分析';
    expect(written(d, a)).toEqual(expected(a));
    // two header rows: the role groups over the columns, then one column per figure
    expect(d.dump(sheet, 'A4:X5').values).toEqual([
      [
        '',
        '',
        '两种身份合计（以监审复核为参照）',
        '',
        '',
        '',
        '',
        '',
        '',
        '作为考核人',
        '',
        '',
        '',
        '',
        '作为复查人',
        '',
        '',
        '',
        '',
        '弱信号（仅供参考）',
        '',
        '',
        '',
        '',
      ],
      [
        '编号',
        '姓名',
        ...['复核项数', '其中调整', '平均偏差（分）', '平均偏差（占满分）', '95% 区间下限', '95% 区间上限', '判断'],
        ...['复核项数', '平均偏差（占满分）', '95% 区间下限', '95% 区间上限', '判断'],
        ...['复核项数', '平均偏差（占满分）', '95% 区间下限', '95% 区间上限', '判断'],
        ...['评分项目数', '平均得分率', '满分占比', 'Z 分数', '提示'],
      ],
    ]);
    // p01 lenient overall (row filled), p02 harsh (its verdict cell blue), p07 flagged by the weaker signal only
    expect(d.dump(sheet, 'A6:X6').values[0]).toEqual([
      'p01',
      '张伟',
      6,
      3,
      0.5,
      0.125,
      0.075,
      0.175,
      '偏宽松',
      3,
      0.01,
      -0.49,
      0.51,
      '复核不足 5 项，不作判断',
      5,
      0.125,
      0.075,
      0.175,
      '偏宽松',
      10,
      0.9,
      0.5,
      -1,
      '',
    ]);
    expect(d.cell(sheet, 'A6').fill).toBe(`#${PALETTE.flaggedFill}`);
    expect(d.cell(sheet, 'I6').fill).toBe(`#${PALETTE.flaggedFill}`);
    expect(d.cell(sheet, 'S6').fill).toBe(`#${PALETTE.flaggedFill}`);
    expect(d.cell(sheet, 'A7').fill).toBeNull();
    expect(d.cell(sheet, 'I7')).toMatchObject({ value: '偏严格', fill: `#${PALETTE.harshFill}` });
    expect(d.dump(sheet, 'T7:W7').values).toEqual([[0, '', '', '']]); // a reviewer only: no weaker signals
    expect(d.cell(sheet, 'I8')).toMatchObject({ value: '未见偏差', fill: null });
    expect(d.cell(sheet, 'X8')).toMatchObject({ value: '疑似宽松（弱信号，以复核偏差为准）', fill: `#${PALETTE.neutral.fill}` });
    // groups, rubric, all: confirmed share and alpha keep their own formats in columns that are deviations above
    const g1 = a.rows.findIndex((r) => r[1] === 'G1') + 1;
    expect(d.dump(sheet, `A${g1}:L${g1}`).values[0]).toEqual(['考核组', 'G1', 20, 10, 0.5, 0.125, 0.075, 0.175, '偏宽松', 12, 0.6, 0.5]);
    expect(d.cell(sheet, `K${g1}`).numberFormat).toBe('0.0%');
    expect(d.cell(sheet, `L${g1}`).numberFormat).toBe('0.000');
    expect(d.cell(sheet, `L${g1 + 1}`).value).toBe(''); // G2: alpha undefined
    expect(d.cell(sheet, `I${g1}`).fill).toBe(`#${PALETTE.flaggedFill}`);
    expect(a.rows[g1 + 1]!.slice(0, 2)).toEqual(['考核细则', '乡镇考核细则']);
    expect(a.rows[g1 + 2]!.slice(0, 2)).toEqual(['全部', '全部被复核项目']);
    // the legend says what each figure is and how sure it is
    const legend = a.rows.findIndex((r) => r[0] === '说明');
    expect(legend).toBeGreaterThan(g1);
    const text = a.rows.slice(legend + 1).map((r) => r[0] as string);
    expect(text).toHaveLength(8);
    expect(text.join('\n')).toMatch(/原评分 − 监审组复核分[\s\S]*t 区间[\s\S]*少于 5 项[\s\S]*Krippendorff[\s\S]*满分占比 ≥ 90% 或 Z ≥ 2/);
    // the chart: each appraiser's mean deviation, below the legend
    const [chart, ...more] = d.charts(sheet);
    expect(more).toEqual([]);
    const s = a.chartSeries[0]!;
    expect(chart).toMatchObject({
      type: 'ColumnClustered',
      title: '各考核人员平均偏差（原评分 − 复核分，占满分比例）',
      legendVisible: false,
    });
    expect(chart!.series).toEqual([
      { name: '平均偏差（占满分）', values: `${sheet}!F6:F8`, xValues: `${sheet}!B6:B8`, hasDataLabels: true },
    ]);
    expect(s).toMatchObject({ firstRow: 6, lastRow: 8 });
    expect(chart!.position).toEqual({ start: `A${a.rows.length + 2}`, end: `H${a.rows.length + 2 + 14}` });
  });

  it('考核人员分析 has no chart when nothing was re-checked', async () => {
    const d = double();
    const r = result(4);
    const none: RecheckBias = bias('none', 0);
    const empty: CompileResult = {
      ...r,
      appraisers: r.appraisers.map((a) => ({ ...a, verdict: 'too-few', overall: none, asScorer: none, asReviewer: none })),
      agreement: {
        ...r.agreement,
        all: { ...r.agreement.all, ...none, confirmed: 0, confirmedShare: null, alpha: null },
        groups: [],
        rubrics: [],
      },
    };
    const tables = summaryTables(plan, empty);
    await run((ctx) => writeSummary(ctx, tables));
    expect(tables[1]!.chartSeries).toEqual([]);
    expect(d.charts('考核人员分析')).toEqual([]);
    expect(d.charts('汇总')).toHaveLength(2);
  });

  it('uses two syncs, the same for 3 and for 30 units, with calculation suspended for the write', async () => {
    const counts: number[] = [];
    for (const n of [3, 30]) {
      const d = double();
      d.resetCounters();
      const r = await run((ctx) => writeSummary(ctx, tablesFor(n)));
      counts.push(d.syncCount);
      expect(r.syncs).toBe(d.syncCount);
      expect(d.calcSuspensions).toBe(1);
      expect(written(d, tablesFor(n)[0]!)).toEqual(expected(tablesFor(n)[0]!));
    }
    expect(counts).toEqual([2, 2]);
  });

  it('re-running replaces the summary sheets (no "汇总 (2)"), also when they are the only sheets', async () => {
    const d = double();
    await run((ctx) => writeSummary(ctx, tablesFor(8)));
    d.resetCounters();
    const second = tablesFor(5, 1);
    const r = await run((ctx) => writeSummary(ctx, second));
    expect(d.syncCount).toBe(2);
    expect(r.replaced).toEqual(['汇总', '考核人员分析', '问题清单']);
    expect(d.sheetNames()).toEqual(['Sheet1', '汇总', '考核人员分析', '问题清单']);
    for (const table of second) expect(d.dump(table.name).values).toEqual(expected(table));
    expect(d.charts('汇总')).toHaveLength(2);

    // a workbook holding nothing but a previous summary: replaced all the same
    const only = double({
      sheets: { 汇总: { values: [['旧汇总'], ['内部资料 注意保密']] }, 考核人员分析: { values: [['x'], ['内部资料 注意保密']] } },
    });
    await run((ctx) => writeSummary(ctx, second));
    expect(only.sheetNames()).toEqual(['汇总', '考核人员分析', '问题清单']);
    expect(only.dump('汇总').values).toEqual(expected(second[0]!));
  });

  it('refuses a workbook whose structure is protected (sealed sheets) after one read, writing nothing', async () => {
    const d = double({ sheets: { 城关镇: { values: [['x']] } }, structure: { password: 'envelope' } });
    const before = d.sheetNames();
    d.resetCounters();
    const e = await run((ctx) => writeSummary(ctx, tablesFor(3))).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SummaryTargetError);
    expect(e).toMatchObject({ code: 'STRUCTURE_PROTECTED' });
    expect(d.syncCount).toBe(1);
    expect(d.sheetNames()).toEqual(before);
  });

  it('never overwrites a sheet of the same name that is not a ScoreSeal summary', async () => {
    const d = double({ sheets: { 汇总: { values: [['各乡镇手工汇总'], [12345]] } } });
    const e = await run((ctx) => writeSummary(ctx, tablesFor(3))).catch((x: unknown) => x);
    expect(e).toMatchObject({ name: 'SummaryTargetError', code: 'NAME_TAKEN', sheet: '汇总' });
    expect(d.sheetNames()).toEqual(['汇总']);
    expect(d.dump('汇总').values).toEqual([['各乡镇手工汇总'], [12345]]);
  });

  it('works at ExcelApi 1.7 (no print setup there) in the same two syncs', async () => {
    const d = double(undefined, { apiVersion: '1.7' });
    const tables = tablesFor(6);
    await run((ctx) => writeSummary(ctx, tables));
    expect(d.syncCount).toBe(2);
    expect(written(d, tables[0]!)).toEqual(expected(tables[0]!));
    expect(d.pageLayout('汇总').orientation).toBe('Portrait');
    expect(d.charts('汇总')).toHaveLength(2);
    expect(d.charts('考核人员分析')).toHaveLength(1);
  });

  it('splits only when the request would exceed the payload limit, and a failed write leaves the previous summary', async () => {
    const d = double();
    const big = tablesFor(30);
    const r = await run((ctx) => writeSummary(ctx, big, { payloadBudget: 6_000 }));
    expect(r.syncs).toBeGreaterThan(2);
    for (const table of big) expect(written(d, table)).toEqual(expected(table));
    expect(d.sheetNames()).toEqual(['Sheet1', '汇总', '考核人员分析', '问题清单']);

    // Excel refuses the third sync (a later write batch; here: a cell being edited meanwhile):
    // the new sheets are removed again, the previous summary stays whole
    const before = d.dump('汇总').values;
    const ctx = d.newContext();
    const sync = ctx.sync.bind(ctx);
    let calls = 0;
    ctx.sync = async () => {
      calls += 1;
      if (calls !== 3) return sync();
      d.cellEditMode = true;
      try {
        return await sync();
      } finally {
        d.cellEditMode = false;
      }
    };
    const e = await writeSummary(ctx, tablesFor(30, 1), { payloadBudget: 6_000 }).catch((x: unknown) => x);
    expect(e).toMatchObject({ name: 'RichApi.Error', code: 'InvalidOperationInCellEditMode' });
    expect(calls).toBe(4); // read, batch 1, the failed batch 2, the clean-up
    expect(d.sheetNames()).toEqual(['Sheet1', '汇总', '考核人员分析', '问题清单']);
    expect(d.dump('汇总').values).toEqual(before);
  });
});

describe('excel double: charts and worksheet deletion', () => {
  it('refuses deleting under structure protection and the last visible sheet; stale proxies fail', async () => {
    const d = double({ sheets: { A: { values: [[1]] }, B: {} } });
    const ctx = d.newContext();
    const a = ctx.workbook.worksheets.getItem('A');
    a.delete();
    await ctx.sync();
    expect(d.sheetNames()).toEqual(['B']);
    a.getRange('A1').values = [[2]];
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'ItemNotFound' });
    ctx.workbook.worksheets.getItem('B').delete();
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'InvalidOperation' });
    const p = double({ sheets: { A: {}, B: {} }, structure: {} });
    const c2 = p.newContext();
    c2.workbook.worksheets.getItem('A').delete();
    await expect(c2.sync()).rejects.toMatchObject({ code: 'AccessDenied' });
  });

  it('records a chart; a protected sheet refuses one; series data need ExcelApi 1.7', async () => {
    const d = double({
      sheets: {
        S: {
          values: [
            ['a', 1],
            ['b', 2],
          ],
        },
        P: { protection: {} },
      },
    });
    const ctx = d.newContext();
    const s = ctx.workbook.worksheets.getItem('S');
    const chart = s.charts.add('ColumnClustered', s.getRange('B1:B2'), 'Columns');
    chart.title.text = 'T';
    chart.series.getItemAt(0).setXAxisValues(s.getRange('A1:A2'));
    chart.setPosition('D1', 'K15');
    await ctx.sync();
    expect(d.charts('S')).toEqual([
      {
        name: 'Chart 1',
        type: 'ColumnClustered',
        seriesBy: 'Columns',
        source: 'S!B1:B2',
        title: 'T',
        titleVisible: true,
        legendVisible: true,
        series: [{ name: 'Series1', values: 'S!B1:B2', xValues: 'S!A1:A2', hasDataLabels: false }],
        position: { start: 'D1', end: 'K15' },
      },
    ]);
    const p = ctx.workbook.worksheets.getItem('P');
    p.charts.add('ColumnClustered', p.getRange('A1:A2'), 'Columns');
    await expect(ctx.sync()).rejects.toMatchObject({ code: 'AccessDenied' });

    const old = double({ sheets: { S: { values: [[1]] } } }, { apiVersion: '1.6' });
    const c = old.newContext();
    const ws = c.workbook.worksheets.getItem('S');
    ws.charts.add('ColumnClustered', ws.getRange('A1'), 'Columns').series.getItemAt(0).setXAxisValues(ws.getRange('A1'));
    await expect(c.sync()).rejects.toMatchObject({ code: 'ApiNotFound' });
  });
});
