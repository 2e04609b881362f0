/**
 * The double's proxies and sync (excel-double/proxies.ts, double.ts) against the documented
 * behaviour: getSelectedRange's failures, deleting a very hidden sheet, the five-million-cell
 * get limit (error or null: HostVariant.largeRead), unbounded ranges, the 5 MB limits on the
 * web only, cell-edit mode and `delayForCellEdit`, more than 512 merged areas.
 */
import { DESKTOP_PRACTICE, DOCUMENTED, ExcelDouble, VARIANTS } from '../support/excel-double';
import { rejection } from './double-support';

describe('excel double: getSelectedRange (proxies.ts)', () => {
  it('returns the one selected block', async () => {
    const d = ExcelDouble.fromData({ sheets: { S: {} } });
    d.select('S', 'B3:D7');
    const ctx = d.newContext();
    const r = ctx.workbook.getSelectedRange().load('address');
    await ctx.sync();
    expect(r.address).toBe('S!B3:D7');
  });

  it.each([
    ['multiArea', 'InvalidSelection'],
    ['chart', 'InvalidSelection'],
    ['otherWorkbook', 'InactiveWorkbook'],
  ] as const)('fails when the selection is %s (%s), and fails the whole sync with it', async (kind, code) => {
    const d = ExcelDouble.fromData({ sheets: { S: { values: [['x']] } } });
    d.selectOther(kind);
    const ctx = d.newContext();
    const cell = ctx.workbook.worksheets.getItem('S').getRange('A1').load('values');
    ctx.workbook.getSelectedRange().load('address');
    expect((await rejection(ctx.sync())).code).toBe(code);
    expect(() => cell.values).toThrow(); // the read that rode in the same sync is lost too
  });
});

describe('excel double: worksheets (proxies.ts)', () => {
  it('refuses to delete a very hidden sheet (InvalidOperation), deletes it once hidden', async () => {
    const d = ExcelDouble.fromData({ sheets: { S: {}, V: { visibility: 'VeryHidden' } } });
    const ctx = d.newContext();
    ctx.workbook.worksheets.getItem('V').delete();
    expect((await rejection(ctx.sync())).code).toBe('InvalidOperation');
    ctx.workbook.worksheets.getItem('V').visibility = 'Hidden';
    ctx.workbook.worksheets.getItem('V').delete();
    await ctx.sync();
    expect(d.sheetNames()).toEqual(['S']);
  });

  it('refuses a new sheet under structure protection (AccessDenied)', async () => {
    const d = ExcelDouble.fromData({ sheets: { S: {} }, structure: { password: 'pw' } });
    const ctx = d.newContext();
    ctx.workbook.worksheets.add('New');
    expect((await rejection(ctx.sync())).code).toBe('AccessDenied');
  });
});

describe('excel double: large reads (proxies.ts)', () => {
  // used range A1:XFC400 = 6,553,200 cells, over the five-million-cell get limit (XFD would make it whole rows: unbounded)
  const big = (variant = DOCUMENTED): ExcelDouble =>
    ExcelDouble.fromData({ sheets: { S: { values: [['x']] } } }, { variant, responseBytes: Infinity });
  const spread = (d: ExcelDouble): void => d.type('S', 'XFC400', 'far');

  it.each(VARIANTS.map((v) => [v.name, v] as const))('%s: over 5,000,000 cells values throw or come back null', async (_n, variant) => {
    const d = big(variant);
    spread(d);
    const ctx = d.newContext();
    const used = ctx.workbook.worksheets.getItem('S').getUsedRange(true).load(['values', 'cellCount']);
    if (variant.largeRead === 'throws') expect((await rejection(ctx.sync())).code).toBe('RangeExceedsLimit');
    else {
      await ctx.sync();
      expect(used.cellCount).toBe(400 * 16_383);
      expect(used.values).toBeNull();
    }
  });

  it('returns null for cell-level properties of unbounded ranges', async () => {
    const d = ExcelDouble.fromData({ sheets: { S: { values: [['x']] } } });
    const ctx = d.newContext();
    const col = ctx.workbook.worksheets.getItem('S').getRange('A:A').load(['values', 'address']);
    await ctx.sync();
    expect(col.values).toBeNull();
    expect(col.address).toBe('S!A:A');
  });

  it('fails getMergedAreasOrNullObject over 512 merged areas, and the sync with it', async () => {
    const merges = Array.from({ length: 513 }, (_, i) => `A${i + 1}:B${i + 1}`);
    const d = ExcelDouble.fromData({ sheets: { S: { merges } } });
    const ctx = d.newContext();
    ctx.workbook.worksheets.getItem('S').getRange().getMergedAreasOrNullObject().load('areaCount');
    await rejection(ctx.sync());
    const half = ctx.workbook.worksheets.getItem('S').getRange('A1:B256').getMergedAreasOrNullObject().load('areaCount');
    await ctx.sync();
    expect(half.areaCount).toBe(256);
  });
});

describe('excel double: limits and cell edit mode (proxies.ts, double.ts)', () => {
  const payload = 'x'.repeat(6 * 1024 * 1024);
  it('enforces the 5 MB request limit on the web only', async () => {
    const web = ExcelDouble.fromData({ sheets: { S: {} } });
    const ctx = web.newContext();
    ctx.workbook.worksheets.getItem('S').getRange('A1:A200').values = Array.from({ length: 200 }, () => [payload.slice(0, 32_000)]);
    expect((await rejection(ctx.sync())).code).toBe('RequestPayloadSizeLimitExceeded');
    const desktop = ExcelDouble.fromData({ sheets: { S: {} } }, { variant: DESKTOP_PRACTICE });
    const c2 = desktop.newContext();
    c2.workbook.worksheets.getItem('S').getRange('A1:A200').values = Array.from({ length: 200 }, () => [payload.slice(0, 32_000)]);
    await c2.sync();
    expect(desktop.limits.requestBytes).toBe(Infinity);
  });

  it.each(VARIANTS.map((v) => [v.name, v] as const))('%s: a batch during cell edit fails with the variant code', async (_n, variant) => {
    const d = ExcelDouble.fromData({ sheets: { S: {} } }, { variant });
    d.editCell();
    const e = await d
      .run(async (ctx) => {
        ctx.workbook.worksheets.getItem('S').getRange('A1').values = [['x']];
        await ctx.sync();
      })
      .catch((x: unknown) => x);
    expect(e).toMatchObject({ code: variant.cellEditError });
  });

  it('delayForCellEdit: the batch waits until the person leaves cell edit mode', async () => {
    const d = ExcelDouble.fromData({ sheets: { S: {} } });
    d.editCell();
    let done = false;
    const batch = d
      .run({ delayForCellEdit: true }, async (ctx) => {
        ctx.workbook.worksheets.getItem('S').getRange('A1').values = [['x']];
        await ctx.sync();
      })
      .then(() => (done = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(done).toBe(false);
    expect(d.delayedRuns).toBe(1);
    d.endCellEdit();
    await batch;
    expect(d.cell('S', 'A1').value).toBe('x');
  });
});
