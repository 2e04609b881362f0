/**
 * Applying patches to a score workbook read from a file, then reading the saved file back:
 * only the given cells change, log rows are appended (long records split and rejoined),
 * locking, fills, seal and unseal.
 */
import ExcelJS from 'exceljs';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CellValue } from '../../src/core/sheet/cells';
import { decodeLog, encodeLogRow, PIECE } from '../../src/core/sheet/log';
import type { SheetPatch } from '../../src/core/sheet/patch';
import { buildTemplate, type SheetTemplate } from '../../src/core/sheet/template';
import { passwordMatches } from '../../src/xlsx/password';
import { applyPatch } from '../../src/xlsx/patch';
import { openWorkbook } from '../../src/xlsx/read';
import { addScoreSheet } from '../../src/xlsx/render';
import { saveWorkbookAtomic } from '../../src/xlsx/save';
import { getStructureProtection } from '../../src/xlsx/structure';
import { examplePlan, tempDir, zipText } from './support';
import { PALETTE } from '../../src/core/presentation/look';

const plan = examplePlan();
const tpl: SheetTemplate = buildTemplate(plan, 'u01');
const SCORER = 8; // 0-based columns of the template (SPEC §2 order)
const STATUS = 10;
let dir: string;
let cleanup: () => void;
let original: string;
let n = 0;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  const wb = new ExcelJS.Workbook();
  await addScoreSheet(wb, tpl);
  original = join(dir, 'original.xlsx');
  await saveWorkbookAtomic(wb, original);
});
afterAll(() => cleanup());

/** A fresh copy of the rendered workbook. */
function copy(): string {
  const path = join(dir, `copy-${++n}.xlsx`);
  copyFileSync(original, path);
  return path;
}

function patch(p: Partial<SheetPatch>): SheetPatch {
  return { sheetName: tpl.sheetName, writes: [], appendLog: [], ...p };
}

/** Applies a patch to the file at `path`, saves it, and reads it back. */
async function patchFile(path: string, p: SheetPatch): Promise<Awaited<ReturnType<typeof openWorkbook>>> {
  const { wb } = await openWorkbook(path);
  await applyPatch(wb, p);
  await saveWorkbookAtomic(wb, path);
  return openWorkbook(path);
}

/** A grid as a map "row:col" → value, empty cells left out. */
function cellMap(cells: readonly (readonly CellValue[])[]): Map<string, CellValue> {
  const m = new Map<string, CellValue>();
  cells.forEach((row, r) => row.forEach((v, c) => v !== null && m.set(`${r + 1}:${c}`, v)));
  return m;
}

/** No fill, as ExcelJS reads it back (absent, or the default pattern "none"). */
const noFill = (cell: ExcelJS.Cell): boolean => cell.fill === undefined || (cell.fill.type === 'pattern' && cell.fill.pattern === 'none');

const sheetXml = (path: string): Promise<string> => zipText(path, 'xl/worksheets/sheet1.xml');
const workbookXml = (path: string): Promise<string> => zipText(path, 'xl/workbook.xml');

describe('writes', () => {
  it('change the given cells and no other', async () => {
    const path = copy();
    const before = (await openWorkbook(path)).raw;
    const leaf = tpl.firstItemRow + 1; // first leaf row (row firstItemRow is a section)
    const footerRow = tpl.totalRow + 4;
    const writes = [
      { row: leaf, col: SCORER, values: [['张伟', '刘芳', '已签字']] },
      {
        row: leaf + 1,
        col: SCORER,
        values: [
          [null, null, '签后被修改'],
          ['陈静', null, '待复查人签字'],
        ],
      },
      { row: footerRow, col: 1, values: [['ABCD-EF01-2345-6789']] },
    ];
    const { raw } = await patchFile(path, patch({ writes }));

    const expected = cellMap(before.sheets[0]!.cells);
    for (const b of writes)
      b.values.forEach((line, i) =>
        line.forEach((v, j) => {
          const key = `${b.row + i}:${b.col + j}`;
          if (v === null) expected.delete(key);
          else expected.set(key, v);
        }),
      );
    expect(cellMap(raw.sheets[0]!.cells)).toEqual(expected);
    expect(raw.log).toEqual(before.log); // nothing appended
  });

  it('keep the style of the cells they write', async () => {
    const path = copy();
    const leaf = tpl.firstItemRow + 1;
    await patchFile(path, patch({ writes: [{ row: leaf, col: STATUS, values: [['已签字']] }] }));
    const ws = (await openWorkbook(path)).wb.getWorksheet(tpl.sheetName)!;
    expect(ws.getCell(leaf, STATUS + 1).border?.top?.style).toBe('thin');
    expect(ws.getCell(leaf, STATUS + 1).alignment?.wrapText).toBe(true);
  });

  it('write formulas and clear cells', async () => {
    const path = copy();
    const leaf = tpl.firstItemRow + 1;
    const { raw } = await patchFile(path, patch({ writes: [{ row: leaf, col: STATUS, values: [[{ formula: '=1+1' }, null]] }] }));
    expect(raw.sheets[0]!.cells[leaf - 1]![STATUS]).toEqual({ formula: '=1+1' });
  });

  it('refuse a merged cell other than its top-left, changing nothing', async () => {
    const { wb } = await openWorkbook(copy());
    const bad = patch({
      writes: [
        { row: 6, col: 8, values: [['x']] },
        { row: 1, col: 2, values: [['inside the title']] },
      ],
      appendLog: [['note', '{}']],
    });
    await expect(applyPatch(wb, bad)).rejects.toThrow(RangeError);
    const ws = wb.getWorksheet(tpl.sheetName)!;
    expect(ws.getCell(6, 9).value).toBeNull();
    expect(ws.getCell('A1').value).toBe(tpl.cells[0]![0]);
    expect(wb.getWorksheet('_scoreseal')!.getCell(2, 1).value).toBeNull();
  });

  it('refuse a bad fill colour before changing anything', async () => {
    const { wb } = await openWorkbook(copy());
    const leaf = tpl.firstItemRow + 1;
    const bad = patch({ writes: [{ row: leaf, col: STATUS, values: [['x']] }], fills: [{ range: `A${leaf}`, color: 'yellow' }] });
    await expect(applyPatch(wb, bad)).rejects.toThrow(/yellow/);
    expect(wb.getWorksheet(tpl.sheetName)!.getCell(leaf, STATUS + 1).value).toBe(tpl.cells[leaf - 1]![STATUS]);
  });

  it('refuse a sheet that is not there', async () => {
    const { wb } = await openWorkbook(copy());
    await expect(applyPatch(wb, { ...patch({}), sheetName: 'nope' })).rejects.toThrow(/nope/);
  });
});

describe('the log', () => {
  it('gets rows appended after its last row; a 70,000-character record comes back whole', async () => {
    const path = copy();
    const record = { unit: 'u01', note: '长'.repeat(35_000) + 'x'.repeat(35_000) };
    const row = encodeLogRow('note', record);
    expect(row.length).toBeGreaterThanOrEqual(4);
    const { raw } = await patchFile(path, patch({ appendLog: [row, encodeLogRow('note', { unit: 'u01', n: 2 })] }));
    for (const line of raw.log!) for (const c of line) expect(typeof c === 'string' ? c.length : 0).toBeLessThanOrEqual(PIECE);
    const log = decodeLog(raw.log!);
    expect(log.map((e) => [e.row, e.kind])).toEqual([
      [1, 'plan'],
      [2, 'note'],
      [3, 'note'],
    ]);
    expect(log[1]!.text).toBe(JSON.stringify(record));
    expect(log[1]!.record).toEqual(record);
    expect(log[2]!.record).toEqual({ unit: 'u01', n: 2 });
  });

  it('is appended after the last non-empty row, whatever empty rows follow it', async () => {
    const path = copy();
    const { wb } = await openWorkbook(path);
    const log = wb.getWorksheet('_scoreseal')!;
    log.getRow(9).height = 30; // an empty row that exists
    log.getCell('A3').value = 'note';
    log.getCell('B3').value = '{"n":1}';
    await applyPatch(wb, patch({ appendLog: [['note', '{"n":2}']] }));
    expect(log.getCell('A4').value).toBe('note');
    expect(log.getCell('B4').value).toBe('{"n":2}');
    expect(log.getCell('A2').value).toBeNull();
  });

  it('is created very hidden when the workbook has none', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet(tpl.sheetName);
    await applyPatch(wb, patch({ appendLog: [['note', '{"a":1}']] }));
    const path = join(dir, 'nolog.xlsx');
    await saveWorkbookAtomic(wb, path);
    const { raw, lean } = await openWorkbook(path);
    expect(lean.sheetStates.get('_scoreseal')).toBe('veryHidden');
    expect(decodeLog(raw.log!).map((e) => e.record)).toEqual([{ a: 1 }]);
  });
});

describe('locking and fills', () => {
  it('lock and unlock the given cells only (styles shared in the file stay shared-safe)', async () => {
    const path = copy();
    const leaf = tpl.firstItemRow + 1;
    const next = leaf + 1;
    await patchFile(path, patch({ lock: [`E${leaf}:H${leaf}`], unlock: [`K${leaf}`] }));
    const ws = (await openWorkbook(path)).wb.getWorksheet(tpl.sheetName)!;
    const locked = (a: string): boolean => ws.getCell(a).protection?.locked !== false;
    expect(['E', 'F', 'G', 'H'].map((c) => locked(`${c}${leaf}`))).toEqual([true, true, true, true]);
    expect(locked(`K${leaf}`)).toBe(false);
    // neighbours that shared those cells' styles in the file are unchanged
    expect(['E', 'F', 'G', 'H'].map((c) => locked(`${c}${next}`))).toEqual([false, false, false, false]);
    expect(locked(`K${next}`)).toBe(true);
    expect(ws.getCell(`K${leaf}`).border?.left?.style).toBe('thin');
  });

  it('fill and clear ranges', async () => {
    const path = copy();
    const leaf = tpl.firstItemRow + 1;
    await patchFile(path, patch({ fills: [{ range: `A${leaf}:M${leaf}`, color: PALETTE.sampledFill }] }));
    let ws = (await openWorkbook(path)).wb.getWorksheet(tpl.sheetName)!;
    expect(ws.getCell(`C${leaf}`).fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${PALETTE.sampledFill}` } });
    expect(noFill(ws.getCell(`C${leaf + 1}`))).toBe(true);
    await patchFile(path, patch({ fills: [{ range: `A${leaf}:M${leaf}`, color: null }] }));
    ws = (await openWorkbook(path)).wb.getWorksheet(tpl.sheetName)!;
    expect(noFill(ws.getCell(`C${leaf}`))).toBe(true);
    expect(ws.getCell(`C${leaf}`).border?.top?.style).toBe('thin');
  });

  it('keep the sheet protected without a password after an ordinary patch', async () => {
    const path = copy();
    await patchFile(
      path,
      patch({ writes: [{ row: tpl.firstItemRow + 1, col: STATUS, values: [['已签字']] }], appendLog: [['note', '{}']] }),
    );
    const p = /<sheetProtection\b[^>]*>/.exec(await sheetXml(path))?.[0] ?? '';
    expect(p).toContain('sheet="1"');
    expect(p).not.toContain('hashValue');
    expect(await workbookXml(path)).not.toContain('workbookProtection');
  });
});

describe('seal and unseal', () => {
  const PASSWORD = 'oversight-2026';
  let sealed: string;

  beforeAll(async () => {
    sealed = copy();
    await patchFile(sealed, patch({ seal: { password: PASSWORD }, appendLog: [['seal', '{"unit":"u01"}']] }));
  }, 30_000);

  it('locks every cell', async () => {
    const ws = (await openWorkbook(sealed)).wb.getWorksheet(tpl.sheetName)!;
    for (let row = 1; row <= tpl.cells.length + 2; row++)
      for (let col = 1; col <= 14; col++)
        expect({ row, col, locked: ws.getCell(row, col).protection?.locked !== false }).toEqual({ row, col, locked: true });
  });

  it('protects the sheet with the password', async () => {
    const p = /<sheetProtection\b[^>]*>/.exec(await sheetXml(sealed))?.[0] ?? '';
    expect(p).toContain('sheet="1"');
    expect(p).toContain('algorithmName="SHA-512"');
    const attr = (name: string): string => new RegExp(`\\b${name}="([^"]*)"`).exec(p)?.[1] ?? '';
    expect(
      passwordMatches(PASSWORD, { hashValue: attr('hashValue'), saltValue: attr('saltValue'), spinCount: Number(attr('spinCount')) }),
    ).toBe(true);
    expect(
      passwordMatches('wrong', { hashValue: attr('hashValue'), saltValue: attr('saltValue'), spinCount: Number(attr('spinCount')) }),
    ).toBe(false);
  });

  it('protects the workbook structure with the same password', async () => {
    const xml = await workbookXml(sealed);
    const el = /<workbookProtection\b[^>]*\/>/.exec(xml)?.[0] ?? '';
    expect(el).toContain('lockStructure="1"');
    expect(el).toContain('workbookAlgorithmName="SHA-512"');
    const attr = (name: string): string => new RegExp(`\\b${name}="([^"]*)"`).exec(el)?.[1] ?? '';
    expect(
      passwordMatches(PASSWORD, {
        hashValue: attr('workbookHashValue'),
        saltValue: attr('workbookSaltValue'),
        spinCount: Number(attr('workbookSpinCount')),
      }),
    ).toBe(true);
    // schema order: before <bookViews>/<sheets>
    expect(xml.indexOf('<workbookProtection')).toBeLessThan(xml.indexOf('<sheets'));
    expect(xml.indexOf('<workbookProtection')).toBeGreaterThan(xml.indexOf('<workbookPr'));
  });

  it('keeps the structure protection through later patches and saves', async () => {
    const path = copy();
    copyFileSync(sealed, path);
    const { raw } = await patchFile(path, patch({ appendLog: [['note', '{"after":"seal"}']] }));
    expect(decodeLog(raw.log!).map((e) => e.kind)).toEqual(['plan', 'seal', 'note']);
    expect(await workbookXml(path)).toMatch(/<workbookProtection\b[^>]*lockStructure="1"/);
    expect(getStructureProtection((await openWorkbook(path)).wb)).toMatchObject({ lockStructure: '1' });
    expect(/<sheetProtection\b[^>]*>/.exec(await sheetXml(path))?.[0]).toContain('hashValue');
  });

  it('unseal removes the password and the structure protection; the sheet stays locked as usual', async () => {
    const path = copy();
    copyFileSync(sealed, path);
    const { wb, raw } = await patchFile(path, patch({ unseal: { password: PASSWORD }, appendLog: [['unseal', '{"unit":"u01"}']] }));
    expect(await workbookXml(path)).not.toContain('workbookProtection');
    expect(getStructureProtection(wb)).toBeNull();
    const p = /<sheetProtection\b[^>]*>/.exec(await sheetXml(path))?.[0] ?? '';
    expect(p).toContain('sheet="1"');
    expect(p).not.toContain('hashValue');
    expect(decodeLog(raw.log!).map((e) => e.kind)).toEqual(['plan', 'seal', 'unseal']);
  });

  it('locks unlocked row and column defaults of a hand-made sheet too', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(tpl.sheetName);
    ws.getColumn(3).style = { protection: { locked: false } };
    (ws.getRow(2) as unknown as { style: Partial<ExcelJS.Style> }).style = { protection: { locked: false } };
    ws.getCell('A2').value = 'typed';
    ws.getCell('A2').style = { protection: { locked: false } };
    await applyPatch(wb, patch({ seal: { password: '' } }));
    expect(ws.getColumn(3).style.protection?.locked).toBe(true);
    expect((ws.getRow(2) as unknown as { style: Partial<ExcelJS.Style> }).style.protection?.locked).toBe(true);
    expect(ws.getCell('A2').protection?.locked).toBe(true);
    expect(ws.getCell('C9').protection?.locked).not.toBe(false); // a new cell in that column
  });

  it('seals with an empty password as a lock without one', async () => {
    const path = copy();
    await patchFile(path, patch({ seal: { password: '' } }));
    expect(/<workbookProtection\b[^>]*\/>/.exec(await workbookXml(path))?.[0]).toBe('<workbookProtection lockStructure="1"/>');
    expect(/<sheetProtection\b[^>]*>/.exec(await sheetXml(path))?.[0]).not.toContain('hashValue');
  });
});
