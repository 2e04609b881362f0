/** Rendering the core's template into the open workbook, and reading it back. */
import { LOG_SHEET } from '../../src/core/sheet/layout';
import { decodeLog } from '../../src/core/sheet/log';
import { parseSheet } from '../../src/core/sheet/parse';
import { ORDINARY_PROTECTION } from '../../src/office/patch';
import { readScoreSheet } from '../../src/office/read';
import { renderTemplate } from '../../src/office/template';
import { ExcelDouble } from '../support/excel-double';
import { examplePlan, leafRows, templateOf } from './fixtures';
import { withoutResults } from '../support/cells';

let uninstall: (() => void) | null = null;
function use(d: ExcelDouble): Excel.RequestContext {
  uninstall = d.install();
  d.resetCounters();
  return d.newContext();
}
afterEach(() => {
  uninstall?.();
  uninstall = null;
});

const blank = (options = {}): ExcelDouble => ExcelDouble.fromData({ sheets: { Sheet1: {} } }, options);

describe('renderTemplate', () => {
  it('creates the sheet with the same cells as buildTemplate, and parseSheet finds every item', async () => {
    const plan = examplePlan();
    const tpl = templateOf(plan, 'u01');
    const d = blank();
    const ctx = use(d);

    const result = await renderTemplate(ctx, tpl);

    // names and structure; everything; protection (after the unlocks, office-js#143) and the log read back
    expect(result).toEqual({ sheetName: tpl.sheetName, syncs: 3 });
    expect(d.syncCount).toBe(3);
    expect(d.sheetNames()).toEqual(['Sheet1', tpl.sheetName, LOG_SHEET]);
    expect(d.activeSheet()).toBe(tpl.sheetName);

    const read = await readScoreSheet(ctx, tpl.sheetName);
    expect(withoutResults(read.sheet.cells)).toEqual(tpl.cells.map((r) => r.map((v) => (v === '' ? null : v))));
    const parsed = parseSheet(read.sheet);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const rubric = plan.rubrics.get(plan.units.get('u01')!.rubric)!;
    expect(parsed.sheet.rows.map((r) => r.code)).toEqual(rubric.nodes.map((n) => n.code));
    expect(parsed.sheet.fields.unitId?.value).toBe('u01');
    // a live formula: what Excel computed for a blank sheet is 0
    expect(parsed.sheet.footer.total?.value).toEqual({ formula: `=SUM(E${tpl.firstItemRow}:E${tpl.lastItemRow})`, result: 0 });
    expect(read.sheet.merges).toEqual(tpl.merges);
    // the plan record, as the template encoded it
    expect(d.visibility('_scoreseal')).toBe('VeryHidden');
    expect(decodeLog(read.log!).map((e) => e.text)).toEqual([tpl.planLogRow.slice(1).join('')]);
  });

  it('sets protection, locking, validations, conditional formats, print setup and the frozen header', async () => {
    const tpl = templateOf(examplePlan(), 'u01');
    const d = blank();
    const ctx = use(d);
    await renderTemplate(ctx, tpl);
    const name = tpl.sheetName;

    expect(d.protection(name)).toEqual({ protected: true, password: null, options: ORDINARY_PROTECTION });
    for (const row of leafRows(tpl)) {
      expect(d.locked(name, `E${row}:H${row}`)).toBe(false);
      expect(d.locked(name, `A${row}:D${row}`)).toBe(true);
      expect(d.locked(name, `I${row}:M${row}`)).toBe(true);
    }
    expect(d.locked(name, `A1:M${tpl.headerRow}`)).toBe(true);
    expect(d.cell(name, `A${tpl.firstItemRow}`).numberFormat).toBe('@');
    expect(d.cell(name, `E${tpl.firstItemRow + 1}`).numberFormat).toBe('General');

    // every rule of the template, coalesced over consecutive rows: same cells covered
    const covered = (records: { address: string; rule: Record<string, unknown> | null }[]): string[] =>
      records.flatMap((v) => {
        const [a, b] = v.address.split(':');
        const [c, r0] = [a!.replace(/\d+/, ''), Number(a!.replace(/\D+/, ''))];
        const r1 = b ? Number(b.replace(/\D+/, '')) : r0;
        return Array.from({ length: r1 - r0 + 1 }, (_, i) => `${c}${r0 + i}:${Object.keys(v.rule ?? {})[0]}`);
      });
    const rules = d.validations(name);
    expect(covered(rules).sort()).toEqual(tpl.validations.map((v) => `${v.range}:${v.type}`).sort());
    expect(rules.length).toBeLessThan(tpl.validations.length);
    const decimal = rules.find((v) => v.rule && 'decimal' in v.rule)!;
    expect(decimal.rule).toEqual({ decimal: { formula1: 0, formula2: expect.any(Number), operator: 'Between' } });
    expect(decimal.errorAlert).toMatchObject({ showAlert: true, style: 'Stop' });
    const methods = rules.find((v) => v.address.startsWith('H'))!;
    expect(methods.rule).toEqual({ list: { inCellDropDown: true, source: '实地查看,资料审核,部门数据,座谈走访' } });

    expect(d.conditionalFormats(name)).toEqual(
      tpl.statusFormats.map((f) => ({
        address: tpl.statusRange,
        type: 'ContainsText',
        rule: { operator: 'Contains', text: f.text },
        fill: `#${f.fill}`,
        fontColor: `#${f.font}`,
        bold: null,
      })),
    );
    expect(d.pageLayout(name)).toEqual({ orientation: 'Landscape', paperSize: 'A4', printTitleRows: tpl.printTitleRows });
    expect(d.frozenRows(name)).toBe(tpl.headerRow);
    expect(d.merges(name)).toEqual(tpl.merges);
    expect(Object.keys(d.columnWidths(name))).toHaveLength(tpl.columnWidths.length);
  });

  it('degrades on an ExcelApi 1.7 host: no validations, no page layout, no ApiNotFound', async () => {
    const tpl = templateOf(examplePlan(), 'u01');
    const d = blank({ apiVersion: '1.7' });
    const ctx = use(d);
    await renderTemplate(ctx, tpl);
    expect(d.validations(tpl.sheetName)).toEqual([]);
    expect(d.pageLayout(tpl.sheetName).printTitleRows).toBeNull();
    expect(d.conditionalFormats(tpl.sheetName)).toHaveLength(tpl.statusFormats.length);
    expect(d.protection(tpl.sheetName).protected).toBe(true);
  });

  it('adds a second unit next to the first, under a free name, and appends its plan record', async () => {
    const plan = examplePlan();
    const a = templateOf(plan, 'u01');
    const d = blank();
    const ctx = use(d);
    await renderTemplate(ctx, a);
    const again = await renderTemplate(ctx, a);
    expect(again.sheetName).toBe(`${a.sheetName} (2)`);
    await renderTemplate(ctx, templateOf(plan, 'd01'));
    expect(decodeLog(d.dump(LOG_SHEET).formulas).map((e) => [e.row, e.kind, e.unit])).toEqual([
      [1, 'plan', 'u01'],
      [2, 'plan', 'u01'],
      [3, 'plan', 'd01'],
    ]);
  });
});
