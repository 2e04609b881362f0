/**
 * The application layer (issue 13): the steps every front end shares — plan JSON text to a plan,
 * a workbook's score sheets evaluated, a patch applied to plain cells — each in one place.
 */
import { readFileSync } from 'node:fs';
import { evaluateWorkbook, MAX_PLAN_CHARS, parsePlanText, scoreSheetsOf } from '../../src/core/app/workbook';
import { patchedCells } from '../../src/core/sheet/patch';
import { EXAMPLE_PLAN_PATH, blankSheet, examplePlan, fillSheet, raw } from '../support/memory';

const planText = readFileSync(EXAMPLE_PLAN_PATH, 'utf8');

describe('parsePlanText', () => {
  it('reads the example plan, with or without a byte-order mark', () => {
    const a = parsePlanText(planText);
    const b = parsePlanText(`\uFEFF${planText}`);
    expect(a.ok && b.ok && a.plan.units.size === b.plan.units.size).toBe(true);
  });
  it('names what is wrong: not JSON, too large, a rule of the plan', () => {
    const notJson = parsePlanText('{"schema": ');
    expect(notJson.ok ? null : notJson.issues[0]!.path).toBe('(JSON)');
    const big = parsePlanText(' '.repeat(MAX_PLAN_CHARS + 1));
    expect(big.ok ? null : big.issues[0]!.problem).toEqual({ id: 'plan.tooLarge', params: { limit: MAX_PLAN_CHARS / 2 ** 20 } });
    const j = JSON.parse(planText) as { rubrics: { step: number }[] };
    j.rubrics[0]!.step = 1e-7;
    const bad = parsePlanText(JSON.stringify(j));
    expect(bad.ok ? [] : bad.issues.map((i) => i.path)).toContain('rubrics[0].step');
  });
});

describe('evaluateWorkbook', () => {
  const plan = examplePlan();
  const sheets = ['u01', 'u02'].map((u) => fillSheet(blankSheet(plan, u), plan, u));
  const workbook = {
    sheets: [...sheets.map(raw), { name: '说明', cells: [['填表说明']], merges: [], hiddenRows: [] }],
    log: sheets.flatMap((s) => s.log ?? []),
  };

  it('evaluates every score sheet (a sheet without a header row is not one), or the one of a unit', async () => {
    expect(scoreSheetsOf(workbook).map((s) => s.name)).toEqual(sheets.map((s) => s.name));
    const all = await evaluateWorkbook(workbook, { trusted: plan, mode: 'validate' });
    expect(all.map((r) => r.unit)).toEqual(['u01', 'u02']);
    const one = await evaluateWorkbook(workbook, { trusted: plan, mode: 'validate', unit: 'u02' });
    expect(one.map((r) => r.unit)).toEqual(['u02']);
  });

  it('takes the cells outside the table as a Map (command line) or a record (task pane) alike', async () => {
    const name = sheets[0]!.name;
    const codes = async (outside: ReadonlyMap<string, string> | Record<string, string>): Promise<string[]> =>
      (await evaluateWorkbook(workbook, { trusted: plan, mode: 'validate', unit: 'u01', outside }))[0]!.findings
        .filter((f) => f.code === 'SHEET_LAYOUT')
        .map((f) => f.cell ?? '');
    expect(await codes(new Map([[name, 'Z9']]))).toEqual(await codes({ [name]: 'Z9' }));
    expect(await codes({ [name]: 'Z9' })).toContain('Z9');
  });
});

describe('patchedCells', () => {
  it('writes blocks (an empty string reads back as an empty cell) and appends log rows, leaving its inputs alone', () => {
    const cells = [['a', 'b'], ['c']];
    const out = patchedCells(cells, null, {
      sheetName: 's',
      writes: [
        {
          row: 2,
          col: 2,
          values: [
            ['x', ''],
            ['y', 'z'],
          ],
        },
      ],
      appendLog: [['note', '{}', '']],
    });
    expect(out.cells).toEqual([
      ['a', 'b'],
      ['c', null, 'x', null],
      [null, null, 'y', 'z'],
    ]);
    expect(out.log).toEqual([['note', '{}', null]]);
    expect(cells).toEqual([['a', 'b'], ['c']]);
    expect(patchedCells(cells, null, { sheetName: 's', writes: [], appendLog: [] }).log).toBeNull();
  });
});
