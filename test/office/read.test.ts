/** Reading score sheets through Office.js: one sync per sheet, whatever its size. */
import { decodeLog } from '../../src/core/sheet/log';
import { LOG_SHEET } from '../../src/core/sheet/layout';
import { parseSheet } from '../../src/core/sheet/parse';
import { listScoreSheets, readActiveScoreSheet, readScoreSheet, readWorkbook } from '../../src/office/read';
import { ExcelDouble } from '../support/excel-double';
import { examplePlan, fillInputs, largePlan, leafRows, logInit, scoreWorkbook, sheetInit, templateOf } from './fixtures';
import { withoutResults } from '../support/cells';

let uninstall: (() => void) | null = null;
function use(d: ExcelDouble): Excel.RequestContext {
  uninstall = d.install(); // supports() asks Office.context.requirements
  d.resetCounters();
  return d.newContext();
}
afterEach(() => {
  uninstall?.();
  uninstall = null;
});

describe('readScoreSheet', () => {
  it('reads a generated 1,000-item sheet in exactly one sync, cell for cell', async () => {
    const plan = largePlan(1000);
    const tpl = templateOf(plan);
    const d = scoreWorkbook(tpl);
    fillInputs(d, tpl, 3);
    const ctx = use(d);

    const read = await readScoreSheet(ctx, tpl.sheetName);

    expect(d.syncCount).toBe(1);
    expect(d.requests).toHaveLength(1);
    const parsed = parseSheet(read.sheet);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const rubric = plan.rubrics.get('township')!;
    expect(rubric.leaves).toHaveLength(1000);
    expect(parsed.sheet.rows.map((r) => r.code)).toEqual(rubric.nodes.map((n) => n.code));
    // the three filled leaves read as typed: a number, and texts
    const first = parsed.sheet.rows.find((r) => r.row === leafRows(tpl)[0])!;
    expect(first.cells.score).toBe(4.5);
    expect(first.cells.verifiedBy).toBe('实地查看、资料审核');
    // everything else is the template, cell for cell (codes such as "1.10" stay text)
    // Excel keeps no empty strings: the template's '' cells read back empty
    const expected = tpl.cells.map((r) => r.map((v) => (v === '' ? null : v)));
    for (const row of leafRows(tpl).slice(0, 3)) expected[row - 1]!.splice(4, 4, ...read.sheet.cells[row - 1]!.slice(4, 8));
    expect(withoutResults(read.sheet.cells)).toEqual(expected);
    expect(read.sheet.cells.some((r) => r[0] === '1.10')).toBe(true);
    expect(read.sheet.merges).toEqual(['A1:M1', 'A4:M4']);
    expect(read.sheet.hiddenRows).toEqual([]);
    expect(read.state).toEqual({ sheetProtected: true, structureProtected: false, logRows: 1 });
    expect(d.visibility('_scoreseal')).toBe('VeryHidden');
    expect(decodeLog(read.log!)[0]!.record).toEqual(JSON.parse(JSON.stringify(tpl.planRecord)));
  });

  it('reads formulas as formulas, text starting with "=" as text, errors as errors, and pads to A1', async () => {
    const d = ExcelDouble.fromData({
      sheets: {
        S: {
          values: [[], [], [null, '=SUM(C4:C5)', 'text', '#REF!'], [null, null, 4], [null, null, 5]],
          numberFormat: [[], [], [null, null, '@']],
        },
      },
    });
    const ctx = use(d);
    ctx.workbook.worksheets.getItem('S').getRange('C3').values = [['=looks like a formula']];
    await ctx.sync();
    d.resetCounters();

    const read = await readScoreSheet(ctx, 'S');
    expect(read.sheet.cells).toEqual([
      [],
      [],
      [null, { formula: '=SUM(C4:C5)', result: 9 }, '=looks like a formula', { error: '#REF!' }],
      [null, null, 4, null],
      [null, null, 5, null],
    ]);
    expect(read.log).toBeNull();
    expect(read.state.logRows).toBeNull();
    expect(d.syncCount).toBe(1);
  });

  it('reads hidden rows with one more sync only when some, not all, rows are hidden', async () => {
    const tpl = templateOf(examplePlan());
    const d = ExcelDouble.fromData({
      sheets: { [tpl.sheetName]: { ...sheetInit(tpl), hiddenRows: [7, 9] }, [LOG_SHEET]: logInit([tpl.planLogRow]) },
    });
    const ctx = use(d);
    const read = await readScoreSheet(ctx, tpl.sheetName);
    expect(read.sheet.hiddenRows).toEqual([7, 9]);
    expect(d.syncCount).toBe(2);
  });

  it('does without merged areas on an ExcelApi 1.7 host (still one sync)', async () => {
    const tpl = templateOf(examplePlan());
    const d = scoreWorkbook(tpl, { apiVersion: '1.7' });
    const ctx = use(d);
    const read = await readScoreSheet(ctx, tpl.sheetName);
    expect(read.sheet.merges).toEqual([]);
    expect(d.syncCount).toBe(1);
  });

  it('reads the active sheet', async () => {
    const tpl = templateOf(examplePlan());
    const d = scoreWorkbook(tpl, {}, { 说明: { values: [['填表说明']] } });
    const ctx = use(d);
    ctx.workbook.worksheets.getItem('说明').activate();
    await ctx.sync();
    expect((await readActiveScoreSheet(ctx)).sheet.name).toBe('说明');
  });
});

describe('listScoreSheets and readWorkbook', () => {
  function workbook(units: readonly string[], smallLog = false): { d: ExcelDouble; names: string[] } {
    const plan = examplePlan();
    const tpls = units.map((u) => templateOf(plan, u));
    const sheets = Object.fromEntries(tpls.map((t) => [t.sheetName, sheetInit(t)]));
    const d = ExcelDouble.fromData({
      sheets: {
        封面: { values: [['2026年度争先创优考核'], ['编号', '说明']] },
        ...sheets,
        // a header below the first 40 rows does not make a score sheet
        低表头: { values: [...Array.from({ length: 45 }, () => []), ['编号', '得分']] },
        [LOG_SHEET]: logInit(smallLog ? [['note', '{}']] : tpls.map((t) => t.planLogRow)),
      },
    });
    return { d, names: tpls.map((t) => t.sheetName) };
  }

  it('lists the score sheets in two syncs', async () => {
    const { d, names } = workbook(['u01', 'u02', 'd01']);
    const ctx = use(d);
    expect(await listScoreSheets(ctx)).toEqual(names);
    expect(d.syncCount).toBe(2);
  });

  it.each([1, 6])('reads every score sheet and the log in two syncs (%i sheets)', async (n) => {
    const units = ['u01', 'u02', 'u03', 'u04', 'u05', 'd01'].slice(0, n);
    const { d, names } = workbook(units);
    const ctx = use(d);
    const raw = await readWorkbook(ctx);
    expect(d.syncCount).toBe(2);
    expect(raw.sheets.map((s) => s.name)).toEqual(names);
    expect(raw.log).toHaveLength(n);
    expect(d.visibility('_scoreseal')).toBe('VeryHidden');
    for (const s of raw.sheets) expect(parseSheet(s).ok).toBe(true);
  });

  it('splits the read only when Excel refuses a response that large', async () => {
    const { d, names } = workbook(['u01', 'u02', 'u03', 'u04'], true);
    const ctx = use(d);
    const whole = await readWorkbook(ctx);
    const [names1, sheets1] = d.requests.map((r) => r.responseBytes);
    expect(sheets1!).toBeGreaterThan(names1! * 2);
    d.limits.responseBytes = Math.round(sheets1! * 0.7);
    d.resetCounters();
    const split = await readWorkbook(ctx);
    expect(split.sheets.map((s) => s.name)).toEqual(names);
    expect(split.sheets).toEqual(whole.sheets);
    expect(d.syncCount).toBeGreaterThan(2);
  });
});
