/* eslint-disable office-addins/call-sync-before-read, office-addins/call-sync-after-load, office-addins/load-object-before-read --
   these tests read before load and sync on purpose, to see the double refuse it like Excel */
/**
 * The Excel double behaves like Excel where ScoreSeal depends on it: load before read, writes
 * applied in order at sync, null objects, protection, typed entry, payload limits.
 */
import { ExcelDouble, RichApiError } from '../support/excel-double';

const wb = (): ExcelDouble =>
  ExcelDouble.fromData({
    sheets: {
      Data: {
        values: [
          ['a', 1],
          ['b', 2],
          [null, '=SUM(B1:B2)'],
        ],
      },
      Secret: { values: [['x']], visibility: 'VeryHidden' },
    },
  });

async function rejection(p: Promise<unknown>): Promise<RichApiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof RichApiError) return e;
    throw e;
  }
  throw new Error('expected the sync to fail');
}

describe('excel double: proxies', () => {
  it('throws PropertyNotLoaded before load + sync, and reads after', async () => {
    const d = wb();
    const ctx = d.newContext();
    const range = ctx.workbook.worksheets.getItem('Data').getRange('A1:B3');
    expect(() => range.values).toThrow(/not available/);
    range.load('values, formulas, address');
    expect(() => range.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
    await ctx.sync();
    expect(range.values).toEqual([
      ['a', 1],
      ['b', 2],
      ['', 3],
    ]);
    expect(range.formulas).toEqual([
      ['a', 1],
      ['b', 2],
      ['', '=SUM(B1:B2)'],
    ]);
    expect(range.address).toBe('Data!A1:B3');
    expect(() => range.numberFormat).toThrow(/not available/);
    expect(d.syncCount).toBe(1);
  });

  it('queues writes and applies them in order at sync', async () => {
    const d = wb();
    const ctx = d.newContext();
    const ws = ctx.workbook.worksheets.getItem('Data');
    ws.getRange('C1').values = [['first']];
    const before = ws.getRange('C1').load('values');
    ws.getRange('C1').values = [['second']];
    const after = ws.getRange('C1').load('values');
    expect(d.cell('Data', 'C1').value).toBe('');
    await ctx.sync();
    expect(before.values).toEqual([['first']]);
    expect(after.values).toEqual([['second']]);
    expect(d.cell('Data', 'C1').value).toBe('second');
  });

  it('keeps the statements before a failing one (no rollback) and applies none after', async () => {
    const d = wb();
    const ctx = d.newContext();
    const ws = ctx.workbook.worksheets.getItem('Data');
    ws.getRange('D1').values = [['kept']];
    ws.getRange('D2').values = [[1, 2]]; // wrong shape
    ws.getRange('D3').values = [['never']];
    const e = await rejection(ctx.sync());
    expect(e.code).toBe('InvalidArgument');
    expect(d.cell('Data', 'D1').value).toBe('kept');
    expect(d.cell('Data', 'D3').value).toBe('');
  });

  it('fails getItem of a missing sheet with ItemNotFound and gives null objects for OrNullObject', async () => {
    const d = wb();
    const ctx = d.newContext();
    const missing = ctx.workbook.worksheets.getItemOrNullObject('Nope');
    const used = missing.getUsedRangeOrNullObject(true).load('values');
    expect(() => missing.isNullObject).toThrow();
    await ctx.sync();
    expect(missing.isNullObject).toBe(true);
    expect(used.isNullObject).toBe(true);
    ctx.workbook.worksheets.getItem('Nope');
    expect((await rejection(ctx.sync())).code).toBe('ItemNotFound');
  });

  it('stores typed strings as Excel does, and text cells verbatim', async () => {
    const d = wb();
    const ctx = d.newContext();
    const ws = ctx.workbook.worksheets.getItem('Data');
    ws.getRange('A5:F5').values = [['1.10', 'TRUE', '=B1*2', '#N/A', "'007", '2026-01-02']];
    ws.getRange('A6:B6').numberFormat = [['@', '@']];
    ws.getRange('A6:B6').values = [['1.10', '=B1']];
    await ctx.sync();
    expect(d.dump('Data', 'A5:F6').formulas).toEqual([
      [1.1, true, '=B1*2', '#N/A', '007', 46024],
      ['1.10', '=B1', '', '', '', ''],
    ]);
    expect(d.cell('Data', 'C5').value).toBe('#NAME?'); // only SUM, references and literals evaluate
  });

  it('leaves a cell unchanged for null and clears it for an empty string', async () => {
    const d = wb();
    const ctx = d.newContext();
    ctx.workbook.worksheets.getItem('Data').getRange('A1:B1').values = [[null, '']];
    await ctx.sync();
    expect(d.dump('Data', 'A1:B1').values).toEqual([['a', '']]);
  });

  it('refuses writes to locked cells of a protected sheet, accepts unlocked ones', async () => {
    const d = ExcelDouble.fromData({ sheets: { S: { values: [['x', null]], unlocked: ['B1'], protection: {} } } });
    const ctx = d.newContext();
    const ws = ctx.workbook.worksheets.getItem('S');
    ws.getRange('B1').values = [['typed']];
    await ctx.sync();
    expect(d.cell('S', 'B1').value).toBe('typed');
    ws.getRange('A1').values = [['changed']];
    expect((await rejection(ctx.sync())).code).toBe('AccessDenied');
    ws.getRange('B1').format.fill.color = '#FF0000';
    expect((await rejection(ctx.sync())).code).toBe('AccessDenied');
    expect(d.cell('S', 'A1').value).toBe('x');
    expect(() => d.type('S', 'A1', 'by hand')).toThrow(/locked/);
  });

  it('checks the sheet password, refuses protecting twice, and protects the workbook structure', async () => {
    const d = ExcelDouble.fromData({ sheets: { S: { values: [['x']] } } });
    const ctx = d.newContext();
    const ws = ctx.workbook.worksheets.getItem('S');
    ws.protection.protect({ allowFormatRows: true }, 'pw');
    await ctx.sync();
    expect(d.protection('S')).toEqual({ protected: true, password: 'pw', options: { allowFormatRows: true } });
    ws.protection.protect();
    expect((await rejection(ctx.sync())).code).toBe('InvalidOperation');
    // a wrong password: BadPassword in the documented variant (variants.ts)
    ws.protection.unprotect('wrong');
    expect((await rejection(ctx.sync())).code).toBe('BadPassword');
    ws.protection.unprotect();
    expect((await rejection(ctx.sync())).code).toBe('BadPassword');
    ws.protection.unprotect('pw');
    ctx.workbook.protection.protect('wb');
    await ctx.sync();
    expect(d.protection('S').protected).toBe(false);
    ctx.workbook.worksheets.add('New');
    expect((await rejection(ctx.sync())).code).toBe('AccessDenied');
    ctx.workbook.protection.unprotect('wb');
    ctx.workbook.worksheets.add('New');
    await ctx.sync();
    expect(d.sheetNames()).toEqual(['S', 'New']);
  });

  it('models visibility: VeryHidden sheets cannot be activated, the last visible sheet cannot be hidden', async () => {
    const d = wb();
    const ctx = d.newContext();
    ctx.workbook.worksheets.getItem('Secret').activate();
    expect((await rejection(ctx.sync())).code).toBe('InvalidOperation');
    ctx.workbook.worksheets.getItem('Data').visibility = 'Hidden';
    expect((await rejection(ctx.sync())).code).toBe('InvalidOperation');
    const sheets = ctx.workbook.worksheets.load('items/name,items/visibility');
    await ctx.sync();
    expect(sheets.items.map((s) => [s.name, s.visibility])).toEqual([
      ['Data', 'Visible'],
      ['Secret', 'VeryHidden'],
    ]);
  });

  it('fails a request over the payload limit before applying anything', async () => {
    const d = ExcelDouble.fromData({ sheets: { S: {} } }, { requestBytes: 10_000 });
    const ctx = d.newContext();
    const ws = ctx.workbook.worksheets.getItem('S');
    ws.getRange('A1').values = [['small']];
    ws.getRange('A2:A3').values = [['x'.repeat(6000)], ['y'.repeat(6000)]];
    expect((await rejection(ctx.sync())).code).toBe('RequestPayloadSizeLimitExceeded');
    expect(d.cell('S', 'A1').value).toBe('');
    expect(d.requests.at(-1)!.bytes).toBeGreaterThan(10_000);
  });

  it('fails APIs above the host requirement set with ApiNotFound, and reports sets through Office', async () => {
    const d = wb();
    d.apiVersion = '1.7';
    const restore = d.install();
    try {
      expect(Office.context.requirements.isSetSupported('ExcelApi', '1.7')).toBe(true);
      expect(Office.context.requirements.isSetSupported('ExcelApi', '1.8')).toBe(false);
      await expect(
        Excel.run(async (ctx) => {
          ctx.workbook.worksheets.getItem('Data').getRange('A1').dataValidation.rule = {
            wholeNumber: { formula1: 0, operator: 'GreaterThan' },
          };
          await ctx.sync();
        }),
      ).rejects.toMatchObject({ code: 'ApiNotFound' });
    } finally {
      restore();
    }
    expect(typeof (globalThis as { Excel?: unknown }).Excel).toBe('undefined');
  });

  it('fails every batch while a cell is being edited', async () => {
    const d = wb();
    d.cellEditMode = true;
    const ctx = d.newContext();
    ctx.workbook.worksheets.getItem('Data').getRange('A1').load('values');
    expect((await rejection(ctx.sync())).code).toBe('InvalidOperationInCellEditMode');
  });

  it('reports rowHidden as null when mixed and tracks the used range', async () => {
    const d = ExcelDouble.fromData({ sheets: { S: { values: [[], [null, null, 'c']], hiddenRows: [2] } } });
    const ctx = d.newContext();
    const used = ctx.workbook.worksheets.getItem('S').getUsedRange(true).load('address, rowHidden');
    const whole = ctx.workbook.worksheets.getItem('S').getRange('A1:C2').load('rowHidden');
    await ctx.sync();
    expect(used.address).toBe('S!C2');
    expect(used.rowHidden).toBe(true);
    expect(whole.rowHidden).toBeNull();
  });
});
