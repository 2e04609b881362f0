/** Writing a patch through Office.js: one sync, only the owned cells, protection kept. */
import type { CellValue } from '../../src/core/sheet/cells';
import { LOG_SHEET } from '../../src/core/sheet/layout';
import { decodeLog, encodeLogRow } from '../../src/core/sheet/log';
import type { SheetPatch } from '../../src/core/sheet/patch';
import { OfficeEdgeError } from '../../src/office/errors';
import { applyPatch, ORDINARY_PROTECTION, SEALED_PROTECTION } from '../../src/office/patch';
import { readScoreSheet } from '../../src/office/read';
import { run } from '../../src/office/run';
import type { SheetTemplate } from '../../src/core/sheet/template';
import { ExcelDouble } from '../support/excel-double';
import { col, examplePlan, fillInputs, largePlan, leafRows, scoreWorkbook, sheetInit, templateOf } from './fixtures';
import { PALETTE } from '../../src/core/presentation/look';

let uninstall: (() => void) | null = null;
function use(d: ExcelDouble): Excel.RequestContext {
  uninstall = d.install();
  return d.newContext();
}
afterEach(() => {
  uninstall?.();
  uninstall = null;
});

const SIGNATURE = {
  role: 'scorer',
  person: 'p01',
  unit: 'u01',
  items: ['1.1', '1.2'],
  digests: ['a'.repeat(64), 'b'.repeat(64)],
  signedAt: '2026-03-01T08:00:00Z',
  sig: 'c2lnbmF0dXJl'.repeat(8),
};

/** Derived cells (考核人 … 复核意见) for some leaf rows, and a signature log row. */
function signPatch(tpl: SheetTemplate, rows: readonly number[], extra: Partial<SheetPatch> = {}): SheetPatch {
  return {
    sheetName: tpl.sheetName,
    writes: rows.map((row) => ({ row, col: col('scorer'), values: [['张伟', null, '待复查人签字', null, null]] })),
    appendLog: [encodeLogRow('signature', SIGNATURE)],
    lock: rows.map((row) => `E${row}:H${row}`),
    fills: [{ range: `A${rows[0]}:M${rows[0]}`, color: PALETTE.sampledFill }],
    ...extra,
  };
}

/** The appraisers' columns (得分, 完成情况, 得分/扣分依据, 核实方式) of every row. */
const inputColumns = (d: ExcelDouble, sheet: string): unknown[][] =>
  d.dump(sheet).formulas.map((r) => r.slice(col('score'), col('verifiedBy') + 1));

describe('applyPatch', () => {
  it('writes a patch to a 1,000-item sheet in one sync, and reads the log row back (and protects) in one more, without touching the input columns', async () => {
    const tpl = templateOf(largePlan(1000));
    const d = scoreWorkbook(tpl);
    fillInputs(d, tpl, 1000);
    const ctx = use(d);
    const read = await readScoreSheet(ctx, tpl.sheetName);
    const before = inputColumns(d, tpl.sheetName);
    const rows = leafRows(tpl);
    d.resetCounters();

    const result = await applyPatch(ctx, signPatch(tpl, rows), { state: read.state });

    expect(d.syncCount).toBe(2);
    expect(result).toEqual({ syncs: 2 });
    expect(d.calcSuspensions).toBe(1);
    expect(inputColumns(d, tpl.sheetName)).toEqual(before);
    expect(before[rows[0]! - 1]).toEqual([4.5, `已完成第${rows[0]}行`, '资料齐全', '实地查看、资料审核']);
    const last = rows.at(-1)!;
    expect(d.dump(tpl.sheetName, `I${last}:M${last}`).values).toEqual([['张伟', '', '待复查人签字', '', '']]);
    expect(d.locked(tpl.sheetName, `E${last}:H${last}`)).toBe(true);
    expect(d.cell(tpl.sheetName, `C${rows[0]}`).fill).toBe(`#${PALETTE.sampledFill}`);
    // protected again, without a password, as before the patch
    expect(d.protection(tpl.sheetName)).toEqual({ protected: true, password: null, options: ORDINARY_PROTECTION });
  });

  it('appends the log row as text that reads back identical through decodeLog', async () => {
    const tpl = templateOf(examplePlan());
    const d = scoreWorkbook(tpl);
    const ctx = use(d);
    // the second piece is all digits: Excel would store it as a number unless the cell is text
    const record = { digits: '7'.repeat(70_000), ...SIGNATURE, note: '=SUM(A1) +1 -2 @x 1.10 TRUE #N/A', long: '测'.repeat(70_000) };
    const row = encodeLogRow('signature', record);
    expect(row.length).toBeGreaterThan(3);
    expect(row[2]).toMatch(/^7+$/);
    const read = await readScoreSheet(ctx, tpl.sheetName);
    await applyPatch(ctx, { sheetName: tpl.sheetName, writes: [], appendLog: [row] }, { state: read.state });

    const after = await readScoreSheet(ctx, tpl.sheetName);
    const entries = decodeLog(after.log!);
    expect(entries).toHaveLength(2);
    expect(entries[1]).toMatchObject({ row: 2, kind: 'signature', unit: 'u01' });
    expect(entries[1]!.record).toEqual(record);
    expect(d.cell(LOG_SHEET, 'B2').numberFormat).toBe('@');
  });

  it('keeps strings as strings and clears cells written as null', async () => {
    const tpl = templateOf(examplePlan());
    const d = scoreWorkbook(tpl);
    const ctx = use(d);
    const row = leafRows(tpl)[0]!;
    const values: CellValue[][] = [['1.10', '=not a formula', 'TRUE', '-', '2026-01-02']];
    await applyPatch(ctx, { sheetName: tpl.sheetName, writes: [{ row, col: col('scorer'), values }], appendLog: [] });
    expect(d.dump(tpl.sheetName, `I${row}:M${row}`).formulas).toEqual(values);
    await applyPatch(ctx, {
      sheetName: tpl.sheetName,
      writes: [{ row, col: col('scorer'), values: [[null, null, '已签字', null, null]] }],
      appendLog: [],
    });
    expect(d.dump(tpl.sheetName, `I${row}:M${row}`).formulas).toEqual([['', '', '已签字', '', '']]);
  });

  it('reads the state itself when not given (one more sync)', async () => {
    const tpl = templateOf(examplePlan());
    const d = scoreWorkbook(tpl);
    const ctx = use(d);
    d.resetCounters();
    await applyPatch(ctx, signPatch(tpl, leafRows(tpl).slice(0, 2)));
    expect(d.syncCount).toBe(3); // the state, the write, the log's read-back
  });

  it('leaves an unprotected sheet unprotected, and creates a missing log very hidden', async () => {
    const tpl = templateOf(examplePlan());
    const d = ExcelDouble.fromData({ sheets: { [tpl.sheetName]: { ...sheetInit(tpl), protection: undefined } } });
    const ctx = use(d);
    const read = await readScoreSheet(ctx, tpl.sheetName);
    expect(read.state).toEqual({ sheetProtected: false, structureProtected: false, logRows: null });
    await applyPatch(ctx, signPatch(tpl, leafRows(tpl).slice(0, 1)), { state: read.state });
    expect(d.protection(tpl.sheetName).protected).toBe(false);
    expect(d.visibility(LOG_SHEET)).toBe('VeryHidden');
    expect(decodeLog(d.dump(LOG_SHEET).formulas).map((e) => [e.row, e.kind])).toEqual([[1, 'signature']]);
  });

  it('never overwrites log rows appended since the read', async () => {
    const tpl = templateOf(examplePlan());
    const d = scoreWorkbook(tpl);
    const ctx = use(d);
    const read = await readScoreSheet(ctx, tpl.sheetName);
    // someone else appends a row between our read and our write
    const other = ctx.workbook.worksheets.getItem(LOG_SHEET).getRange('A2:B2');
    other.numberFormat = [['@', '@']];
    other.values = [['note', '{"unit":"u01","text":"meanwhile"}']];
    await ctx.sync();
    await applyPatch(ctx, signPatch(tpl, leafRows(tpl).slice(0, 1)), { state: read.state });
    expect(decodeLog(d.dump(LOG_SHEET).formulas).map((e) => e.kind)).toEqual(['plan', 'note', 'signature']);
  });

  it('seals: every cell locked, sheet and structure protected with the password; then a write fails', async () => {
    const tpl = templateOf(examplePlan());
    const d = scoreWorkbook(tpl);
    const ctx = use(d);
    const sealRow = tpl.cells.findIndex((r) => r[0] === '密封状态') + 1;
    const read = await readScoreSheet(ctx, tpl.sheetName);
    await applyPatch(
      ctx,
      {
        sheetName: tpl.sheetName,
        writes: [{ row: sealRow, col: 1, values: [['已密封']] }],
        appendLog: [encodeLogRow('seal', { unit: 'u01' })],
        seal: { password: 'Oversight-2026' },
      },
      { state: read.state },
    );
    expect(d.protection(tpl.sheetName)).toEqual({ protected: true, password: 'Oversight-2026', options: SEALED_PROTECTION });
    expect(d.structure()).toEqual({ protected: true, password: 'Oversight-2026' });
    expect(d.locked(tpl.sheetName, `A1:Z${tpl.cells.length + 50}`)).toBe(true);
    expect(() => d.type(tpl.sheetName, `E${leafRows(tpl)[0]}`, '3')).toThrow(/locked/);

    const sealed = await readScoreSheet(ctx, tpl.sheetName);
    const before = d.dump(tpl.sheetName);
    await expect(run((c) => applyPatch(c, signPatch(tpl, leafRows(tpl).slice(0, 1)), { state: sealed.state }))).rejects.toMatchObject({
      name: 'OfficeEdgeError',
      code: 'AccessDenied',
    });
    expect(d.dump(tpl.sheetName)).toEqual(before);
    expect(decodeLog(d.dump(LOG_SHEET).formulas)).toHaveLength(2);
  });

  it('unseals only with the right password, back to ordinary protection', async () => {
    const tpl = templateOf(examplePlan());
    const d = scoreWorkbook(tpl);
    const ctx = use(d);
    const first = await readScoreSheet(ctx, tpl.sheetName);
    await applyPatch(ctx, { sheetName: tpl.sheetName, writes: [], appendLog: [], seal: { password: 'right' } }, { state: first.state });
    const sealed = await readScoreSheet(ctx, tpl.sheetName);
    expect(sealed.state).toMatchObject({ sheetProtected: true, structureProtected: true });
    const unseal = (password: string): SheetPatch => ({
      sheetName: tpl.sheetName,
      writes: [],
      appendLog: [encodeLogRow('unseal', { unit: 'u01', reason: '更正' })],
      unseal: { password },
    });

    const wrong = await run((c) => applyPatch(c, unseal('wrong'), { state: sealed.state })).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(OfficeEdgeError);
    expect((wrong as OfficeEdgeError).code).toBe('AccessDenied');
    expect(d.protection(tpl.sheetName).password).toBe('right');

    await applyPatch(ctx, unseal('right'), { state: sealed.state });
    expect(d.protection(tpl.sheetName)).toEqual({ protected: true, password: null, options: ORDINARY_PROTECTION });
    expect(d.structure().protected).toBe(false);
    expect(decodeLog(d.dump(LOG_SHEET).formulas).map((e) => e.kind)).toEqual(['plan', 'unseal']);
    // input cells unlocked by a later patch can be typed into again
    const row = leafRows(tpl)[0]!;
    await applyPatch(ctx, { sheetName: tpl.sheetName, writes: [], appendLog: [], unlock: [`E${row}:H${row}`] });
    d.type(tpl.sheetName, `E${row}`, '3');
    expect(d.cell(tpl.sheetName, `E${row}`).value).toBe(3);
  });

  it('splits a patch over the payload limit into several syncs, and only then', async () => {
    const tpl = templateOf(examplePlan());
    const d = scoreWorkbook(tpl, { requestBytes: 300_000 });
    const ctx = use(d);
    const read = await readScoreSheet(ctx, tpl.sheetName);
    const rows = Array.from({ length: 8 }, (_, i) => encodeLogRow('note', { unit: 'u01', n: i, text: '记'.repeat(20_000) }));
    const patch = signPatch(tpl, leafRows(tpl), { appendLog: rows });

    await expect(run((c) => applyPatch(c, patch, { state: read.state, payloadBudget: 10_000_000 }))).rejects.toMatchObject({
      code: 'RequestPayloadSizeLimitExceeded',
    });
    expect(d.protection(tpl.sheetName).protected).toBe(true);

    d.resetCounters();
    const result = await applyPatch(ctx, patch, { state: read.state, payloadBudget: 250_000 });
    expect(result.syncs).toBeGreaterThan(1);
    expect(d.syncCount).toBe(result.syncs);
    expect(Math.max(...d.requests.map((r) => r.bytes))).toBeLessThanOrEqual(300_000);
    expect(decodeLog(d.dump(LOG_SHEET).formulas).map((e) => e.record?.n ?? e.kind)).toEqual(['plan', 0, 1, 2, 3, 4, 5, 6, 7]);
    expect(d.protection(tpl.sheetName)).toEqual({ protected: true, password: null, options: ORDINARY_PROTECTION });
    const last = leafRows(tpl).at(-1)!;
    expect(d.cell(tpl.sheetName, `I${last}`).value).toBe('张伟');
  });
});
