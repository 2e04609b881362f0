/**
 * A score sheet rendered from the example plan, saved, and read back from the file: cells,
 * the `_scoreseal` plan record, validations, locking, protection, print setup, conditional
 * formatting, and what the core's parser finds in it.
 */
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { parseRange } from '../../src/core/sheet/cells';
import { decodeLog } from '../../src/core/sheet/log';
import { parseSheet } from '../../src/core/sheet/parse';
import { buildTemplate, type SheetTemplate } from '../../src/core/sheet/template';
import { openWorkbook } from '../../src/xlsx/read';
import { addScoreSheet, uniqueSheetName } from '../../src/xlsx/render';
import { PALETTE } from '../../src/core/presentation/look';
import { saveWorkbookAtomic } from '../../src/xlsx/save';
import { examplePlan, tempDir, trimGrid, zipText } from './support';

const plan = examplePlan();
let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir()));
afterAll(() => cleanup());

async function renderToFile(units: readonly string[], name: string): Promise<{ path: string; tpls: SheetTemplate[] }> {
  const wb = new ExcelJS.Workbook();
  const tpls = units.map((u) => buildTemplate(plan, u));
  for (const tpl of tpls) await addScoreSheet(wb, tpl);
  const path = join(dir, name);
  await saveWorkbookAtomic(wb, path);
  return { path, tpls };
}

/** Every "E7"-style address of a list of A1 ranges. */
function cellsOf(ranges: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const r of ranges) {
    const { from, to } = parseRange(r)!;
    for (let row = from.row; row <= to.row; row++) for (let col = from.col; col <= to.col; col++) out.add(`${row}:${col}`);
  }
  return out;
}

describe('a rendered score sheet, read back from the file', () => {
  let tpl: SheetTemplate;
  let path: string;
  let wb: ExcelJS.Workbook;
  let ws: ExcelJS.Worksheet;
  let raw: Awaited<ReturnType<typeof openWorkbook>>['raw'];

  beforeAll(async () => {
    const r = await renderToFile(['u01'], 'u01.xlsx');
    path = r.path;
    tpl = r.tpls[0]!;
    ({ wb, raw } = await openWorkbook(path));
    ws = wb.getWorksheet(tpl.sheetName)!;
  });

  it('holds exactly the template cells', () => {
    expect(raw.sheets.map((s) => s.name)).toEqual([tpl.sheetName]);
    expect(trimGrid(raw.sheets[0]!.cells)).toEqual(trimGrid(tpl.cells));
    expect(raw.sheets[0]!.merges).toEqual([...tpl.merges]);
    expect(raw.sheets[0]!.hiddenRows).toEqual([]);
  });

  it('keeps the total as a live formula', () => {
    const total = raw.sheets[0]!.cells[tpl.totalRow - 1]!;
    expect(total).toContainEqual({ formula: `=SUM(E${tpl.firstItemRow}:E${tpl.lastItemRow})` });
  });

  it('keeps the plan record in a very hidden _scoreseal sheet', () => {
    expect(wb.getWorksheet('_scoreseal')!.state).toBe('veryHidden');
    const log = decodeLog(raw.log!);
    expect(log).toHaveLength(1);
    expect(log[0]!.kind).toBe('plan');
    expect(log[0]!.record).toEqual(JSON.parse(JSON.stringify(tpl.planRecord)));
    // stored as plain text, not as numbers or formulas
    for (const cell of raw.log![0]!) expect(typeof cell).toBe('string');
  });

  it('is found by the core parser with every item code', () => {
    const parsed = parseSheet(raw.sheets[0]!);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    expect(parsed.sheet.headerRow).toBe(tpl.headerRow);
    const rubric = plan.rubrics.get(plan.units.get('u01')!.rubric)!;
    expect(parsed.sheet.rows.map((r) => r.code)).toEqual(rubric.nodes.map((n) => n.code));
    expect(parsed.sheet.fields.unitId?.value).toBe('u01');
    expect(parsed.sheet.footer.total?.row).toBe(tpl.totalRow);
  });

  it('has the template validations on 得分 and 核实方式', () => {
    expect(tpl.validations.length).toBeGreaterThan(0);
    const scoreCol = 4;
    const verifiedCol = 7;
    const covered = new Set(tpl.validations.map((v) => parseRange(v.range)!.from.col));
    expect(covered).toEqual(new Set([scoreCol, verifiedCol]));
    for (const v of tpl.validations) {
      const dv = ws.getCell(v.range).dataValidation;
      expect(dv.type).toBe(v.type);
      expect(dv.showInputMessage).toBe(true);
      expect(dv.prompt).toBe(v.prompt);
      if (v.type === 'decimal') {
        expect(dv.operator).toBe('between');
        expect(dv.formulae.map(Number)).toEqual([v.min, v.max]);
        expect(dv.errorStyle ?? 'stop').toBe('stop');
        expect(dv.error).toContain(String(v.max));
      } else {
        expect(dv.formulae).toEqual([`"${v.values.join(',')}"`]);
        expect(dv.errorStyle ?? 'stop').toBe(v.strict ? 'stop' : 'information');
      }
    }
    const verified = tpl.validations.find((v) => v.type === 'list' && !v.strict)!;
    expect(ws.getCell(verified.range).dataValidation.formulae[0]).toBe('"实地查看,资料审核,部门数据,座谈走访"');
  });

  it('unlocks exactly the input cells', () => {
    const inputs = cellsOf(tpl.inputRanges);
    expect(inputs.size).toBeGreaterThan(0);
    for (let row = 1; row <= tpl.cells.length + 2; row++) {
      for (let col = 0; col < 14; col++) {
        const locked = ws.getCell(row, col + 1).protection?.locked !== false;
        expect({ cell: `${row}:${col}`, locked }).toEqual({ cell: `${row}:${col}`, locked: !inputs.has(`${row}:${col}`) });
      }
    }
  });

  it('protects the sheet without a password', async () => {
    const xml = await zipText(path, 'xl/worksheets/sheet1.xml');
    const protection = /<sheetProtection\b[^>]*>/.exec(xml)?.[0] ?? '';
    expect(protection).toContain('sheet="1"');
    expect(protection).not.toContain('hashValue');
    expect(protection).toContain('formatColumns="0"');
    expect(protection).not.toContain('selectLockedCells="1"');
  });

  it('prints A4 landscape, one page wide, header rows repeated', async () => {
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.fitToPage).toBe(true);
    expect(ws.pageSetup.fitToWidth).toBe(1);
    expect(ws.pageSetup.fitToHeight).toBe(0);
    const workbookXml = await zipText(path, 'xl/workbook.xml');
    expect(workbookXml).toContain(
      `<definedName name="_xlnm.Print_Titles" localSheetId="0">&apos;${tpl.sheetName}&apos;!$1:$${tpl.headerRow}</definedName>`,
    );
  });

  it('freezes the panes below the header row', () => {
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: tpl.headerRow });
  });

  it('colours 签字状态 by conditional formatting', () => {
    // ExcelJS keeps read conditional formats on an untyped property
    const cf = (ws as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings;
    expect(cf).toHaveLength(1);
    expect(cf[0]!.ref).toBe(tpl.statusRange);
    expect(cf[0]!.rules).toHaveLength(tpl.statusFormats.length);
    cf[0]!.rules.forEach((rule, i) => {
      expect(rule.type).toBe('containsText');
      const f = tpl.statusFormats[i]!;
      expect((rule as { formulae?: string[] }).formulae?.[0]).toContain(`"${f.text}"`);
      expect(rule.style?.fill).toMatchObject({ bgColor: { argb: `FF${f.fill}` } });
    });
  });

  it('styles title, note, header and section rows', () => {
    expect(ws.getCell('A1').font).toMatchObject({ bold: true, size: 16 });
    expect(ws.getCell('A4').font).toMatchObject({ bold: true, color: { argb: `FF${PALETTE.note}` } });
    for (let c = 1; c <= 13; c++) {
      expect(ws.getCell(tpl.headerRow, c).font?.bold).toBe(true);
      expect(ws.getCell(tpl.headerRow, c).fill).toMatchObject({
        type: 'pattern',
        pattern: 'solid',
        fgColor: { argb: `FF${PALETTE.headerFill}` },
      });
    }
    const sectionRow = tpl.rowKinds.indexOf('section') + 1;
    expect(ws.getCell(sectionRow, 2).font?.bold).toBe(true);
    expect(ws.getCell(sectionRow, 2).fill).toMatchObject({ pattern: 'solid' });
    const leafRow = tpl.rowKinds.indexOf('leaf') + 1;
    expect(ws.getCell(leafRow, 3).alignment?.wrapText).toBe(true);
    expect(ws.getCell(leafRow, 3).border?.top?.style).toBe('thin');
    expect(ws.getRow(leafRow).height).toBeGreaterThan(20); // the criteria text wraps
    tpl.columnWidths.forEach((w, i) => expect(ws.getColumn(i + 1).width).toBe(w));
    // a field label bold, its value not
    expect(ws.getCell('A2').font?.bold).toBe(true);
    expect(ws.getCell('B2').font?.bold).toBeFalsy();
  });
});

describe('several score sheets in one workbook', () => {
  it('share one _scoreseal, placed last, with one plan record per sheet', async () => {
    const { path, tpls } = await renderToFile(['u01', 'u02', 'd01'], 'many.xlsx');
    const { wb, raw } = await openWorkbook(path);
    expect(raw.sheets.map((s) => s.name)).toEqual(tpls.map((t) => t.sheetName));
    expect(wb.worksheets.map((w) => w.name)).toEqual([...tpls.map((t) => t.sheetName), '_scoreseal']);
    const log = decodeLog(raw.log!);
    expect(log.map((e) => [e.kind, e.unit])).toEqual([
      ['plan', 'u01'],
      ['plan', 'u02'],
      ['plan', 'd01'],
    ]);
  });

  it('get unique names when a unit is rendered twice', async () => {
    const { path, tpls } = await renderToFile(['u01', 'u01', 'u01'], 'twice.xlsx');
    const { raw } = await openWorkbook(path);
    const base = tpls[0]!.sheetName;
    expect(raw.sheets.map((s) => s.name)).toEqual([base, `${base} (2)`, `${base} (3)`]);
  });

  it('appends to the log of a workbook read from a file', async () => {
    const { path } = await renderToFile(['u01'], 'again.xlsx');
    const { wb } = await openWorkbook(path);
    await addScoreSheet(wb, buildTemplate(plan, 'u03'));
    await saveWorkbookAtomic(wb, path);
    const { raw, lean } = await openWorkbook(path);
    expect(decodeLog(raw.log!).map((e) => e.unit)).toEqual(['u01', 'u03']);
    expect(lean.sheetStates.get('_scoreseal')).toBe('veryHidden');
  });
});

describe('uniqueSheetName', () => {
  it('compares names as Excel does and stays within 31 characters', () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Town');
    wb.addWorksheet('x'.repeat(31));
    expect(uniqueSheetName(wb, 'town')).toBe('town (2)');
    expect(uniqueSheetName(wb, 'Other')).toBe('Other');
    const long = uniqueSheetName(wb, 'x'.repeat(31));
    expect(long).toBe(`${'x'.repeat(27)} (2)`);
    expect(uniqueSheetName(wb, '_ScoreSeal')).toBe('_ScoreSeal (2)');
  });
});
