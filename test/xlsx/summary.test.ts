/**
 * The command line's summary workbook (src/xlsx/summary.ts, ExcelJS) for 考核人员分析, read
 * back from the saved file: exactly the values of `summaryTables`, a column per figure, the
 * deviation columns signed percentages, the agreement rows' own formats (confirmed share, alpha)
 * in columns that hold deviations above, lenient rows and verdict cells highlighted, the weaker
 * signal's flag in amber, the legend, the frozen header. ExcelJS draws no chart.
 */
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import type { AgreementBlock, AppraiserRow, CompileResult, RecheckBias } from '../../src/core/compile/compile';
import { summaryTables, type SummaryTable } from '../../src/core/compile/tables';
import { fromExcelJs } from '../../src/xlsx/cells';
import { summaryWorkbook } from '../../src/xlsx/summary';
import { PALETTE } from '../../src/core/presentation/look';
import { examplePlan, tempDir } from './support';

const plan = examplePlan();

const NONE: RecheckBias = {
  rechecked: 0,
  adjusted: 0,
  meanPoints: null,
  meanShare: null,
  intervalPoints: null,
  intervalShare: null,
  verdict: 'too-few',
};
const LENIENT: RecheckBias = {
  rechecked: 9,
  adjusted: 6,
  meanPoints: 0.5,
  meanShare: 0.1,
  intervalPoints: [0.2, 0.8],
  intervalShare: [0.04, 0.16],
  verdict: 'lenient',
};
const HARSH: RecheckBias = {
  ...LENIENT,
  meanPoints: -0.5,
  meanShare: -0.1,
  intervalPoints: [-0.8, -0.2],
  intervalShare: [-0.16, -0.04],
  verdict: 'harsh',
};
const FEW: RecheckBias = { ...LENIENT, rechecked: 3, adjusted: 1, intervalShare: [-0.3, 0.5], intervalPoints: [-1, 2], verdict: 'too-few' };
const ZERO: RecheckBias = {
  ...LENIENT,
  adjusted: 0,
  meanPoints: 0,
  meanShare: 0,
  intervalPoints: [0, 0],
  intervalShare: [0, 0],
  verdict: 'consistent',
};

const appraisers: AppraiserRow[] = [
  {
    person: 'p01',
    name: '张伟（纪委监察局）',
    items: 12,
    meanRatio: 0.95,
    fullShare: 0.75,
    z: 0.8,
    adjustedCount: 6,
    lenient: false,
    verdict: 'lenient',
    overall: LENIENT,
    asScorer: LENIENT,
    asReviewer: NONE,
  },
  {
    person: 'p04',
    name: '张伟（县发改局）',
    items: 10,
    meanRatio: 1,
    fullShare: 1,
    z: 1.2,
    adjustedCount: 0,
    lenient: true,
    verdict: 'consistent',
    overall: ZERO,
    asScorer: ZERO,
    asReviewer: NONE,
  },
  {
    person: 'p05',
    name: '赵敏',
    items: 0,
    meanRatio: null,
    fullShare: null,
    z: null,
    adjustedCount: 0,
    lenient: false,
    verdict: 'harsh',
    overall: HARSH,
    asScorer: NONE,
    asReviewer: HARSH,
  },
  {
    person: 'p03',
    name: '陈静',
    items: 3,
    meanRatio: 0.7,
    fullShare: 0,
    z: -2,
    adjustedCount: 1,
    lenient: false,
    verdict: 'too-few',
    overall: FEW,
    asScorer: FEW,
    asReviewer: NONE,
  },
];
const agreement: AgreementBlock = {
  level: 0.95,
  minRechecks: 5,
  all: { id: '', name: '', ...ZERO, confirmed: 7, confirmedShare: 0.7778, alpha: 0.8491 },
  groups: [{ id: 'G1', name: 'G1', ...LENIENT, confirmed: 3, confirmedShare: 0.3333, alpha: 0.6 }],
  rubrics: [{ id: 'township', name: '乡镇考核细则', ...ZERO, confirmed: 7, confirmedShare: 0.7778, alpha: null }],
};
const result: CompileResult = { summary: [], appraisers, agreement, findings: [], warnings: [] };

let sheet: ExcelJS.Worksheet;
let table: SummaryTable;
let cleanup: () => void;

beforeAll(async () => {
  const tmp = tempDir();
  cleanup = tmp.cleanup;
  const tables = summaryTables(plan, result);
  table = tables[1]!;
  const path = join(tmp.dir, 'summary.xlsx');
  await (await summaryWorkbook(tables)).xlsx.writeFile(path);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  sheet = book.getWorksheet('考核人员分析')!;
});
afterAll(() => cleanup());

const row = (r: number): unknown[] => Array.from({ length: 24 }, (_, c) => fromExcelJs(sheet.getCell(r, c + 1).value));
const fill = (a1: string): string | undefined => (sheet.getCell(a1).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;

describe('summary workbook: 考核人员分析', () => {
  it('holds exactly the values of summaryTables', () => {
    table.rows.forEach((values, i) =>
      values.forEach((v, c) => expect([i + 1, c, fromExcelJs(sheet.getCell(i + 1, c + 1).value)]).toEqual([i + 1, c, v])),
    );
    expect(sheet.rowCount).toBe(table.rows.length);
  });

  it('one column per figure: both roles, as scorer, as reviewer, then the weaker signals', () => {
    expect(row(4).slice(0, 20)).toEqual([
      null,
      null,
      '两种身份合计（以监审复核为参照）',
      ...Array(6).fill(null),
      '作为考核人',
      ...Array(4).fill(null),
      '作为复查人',
      ...Array(4).fill(null),
      '弱信号（仅供参考）',
    ]);
    expect(row(6)).toEqual([
      'p01',
      '张伟（纪委监察局）',
      9,
      6,
      0.5,
      0.1,
      0.04,
      0.16,
      '偏宽松',
      9,
      0.1,
      0.04,
      0.16,
      '偏宽松',
      0,
      null,
      null,
      null,
      '复核不足 5 项，不作判断',
      12,
      0.95,
      0.75,
      0.8,
      '',
    ]);
    // a reviewer who scored nothing: no weaker signals
    expect(row(8).slice(19)).toEqual([0, null, null, null, '']);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 5 });
  });

  it('deviations keep their sign; ratios are percentages; the z-score has two decimals', () => {
    expect(sheet.getCell('E6').numFmt).toBe('+0.00;-0.00;0.00');
    for (const a1 of ['F6', 'G6', 'H6', 'K6', 'L6', 'M6', 'P8', 'Q8', 'R8'])
      expect([a1, sheet.getCell(a1).numFmt]).toEqual([a1, '+0.0%;-0.0%;0.0%']);
    expect(sheet.getCell('U6').numFmt).toBe('0.0%');
    expect(sheet.getCell('W6').numFmt).toBe('0.00');
  });

  it('the agreement rows: confirmed share as a percentage and alpha with three decimals, in columns that hold deviations above', () => {
    const g1 = table.rows.findIndex((r) => r[1] === 'G1') + 1;
    expect(row(g1).slice(0, 12)).toEqual(['考核组', 'G1', 9, 6, 0.5, 0.1, 0.04, 0.16, '偏宽松', 3, 0.3333, 0.6]);
    expect(sheet.getCell(`K${g1}`).numFmt).toBe('0.0%');
    expect(sheet.getCell(`L${g1}`).numFmt).toBe('0.000');
    expect(row(g1 + 1).slice(0, 2)).toEqual(['考核细则', '乡镇考核细则']);
    expect(row(g1 + 1)[11]).toBeNull(); // alpha undefined
    expect(row(g1 + 2).slice(0, 2)).toEqual(['全部', '全部被复核项目']);
    expect(sheet.getCell(`L${g1 + 2}`)).toMatchObject({ value: 0.8491, numFmt: '0.000' });
  });

  it('highlights: a lenient row red, verdict cells red or blue, the weaker signal amber', () => {
    expect(fill('A6')).toBe(`FF${PALETTE.flaggedFill}`);
    expect(fill('I6')).toBe(`FF${PALETTE.flaggedFill}`);
    expect(fill('N6')).toBe(`FF${PALETTE.flaggedFill}`);
    expect(fill('A7')).toBeUndefined();
    expect(fill('X7')).toBe(`FF${PALETTE.neutral.fill}`);
    expect(sheet.getCell('X7').value).toBe('疑似宽松（弱信号，以复核偏差为准）');
    expect(fill('I8')).toBe(`FF${PALETTE.harshFill}`);
    expect(fill('S8')).toBe(`FF${PALETTE.harshFill}`);
    expect(fill('I9')).toBeUndefined();
  });

  it('ends with a legend of what each figure means and how sure it is', () => {
    const at = table.rows.findIndex((r) => r[0] === '说明') + 1;
    expect(at).toBeGreaterThan(10);
    const legend = Array.from({ length: table.rows.length - at }, (_, i) => sheet.getCell(at + 1 + i, 1).text);
    expect(legend).toHaveLength(8);
    expect(legend[0]).toMatch(/^偏差 = 考核人员签字的原评分 − 监审组复核分/);
    expect(legend[2]).toMatch(/95% 区间：平均偏差的 t 区间/);
    expect(legend[3]).toMatch(/^复核少于 5 项不作判断/);
  });

  it('is in English for an en-US plan', () => {
    const en = summaryTables({ ...plan, locale: 'en-US' }, result)[1]!;
    expect(en.name).toBe('Appraisers');
    expect(en.rows[4]!.slice(2, 9)).toEqual([
      'Re-checked',
      'Adjusted',
      'Mean deviation (points)',
      'Mean deviation (share of max)',
      '95% interval, low',
      '95% interval, high',
      'Verdict',
    ]);
    expect(en.rows[5]![8]).toBe('lenient');
    expect(en.rows[8]![8]).toBe('fewer than 5 re-checks: not judged');
  });
});
