/**
 * The double's validation and formats (excel-double/formats.ts): data validation (ExcelApi 1.8)
 * with Excel's length limits (MS-OI29500 2.1.613: prompt 255, error 224, titles 32; a list
 * source 255), conditional formats (1.6), range formats on protected sheets.
 */
import { ExcelDouble, VALIDATION_LIMITS } from '../support/excel-double';
import { rejection } from './double-support';

const sheet = (apiVersion = '1.13'): { d: ExcelDouble; ctx: Excel.RequestContext; ws: Excel.Worksheet } => {
  const d = ExcelDouble.fromData({ sheets: { S: {} } }, { apiVersion });
  const ctx = d.newContext();
  return { d, ctx, ws: ctx.workbook.worksheets.getItem('S') };
};

describe('excel double: data validation (formats.ts)', () => {
  it('records a list rule, a prompt and an alert within the limits', async () => {
    const { d, ctx, ws } = sheet();
    const dv = ws.getRange('A1:A3').dataValidation;
    dv.rule = { list: { inCellDropDown: true, source: 'x'.repeat(VALIDATION_LIMITS.listSource) } };
    dv.prompt = { showPrompt: true, title: 't'.repeat(32), message: 'm'.repeat(255) };
    dv.errorAlert = { showAlert: true, style: 'Stop', title: 't'.repeat(32), message: 'e'.repeat(224) };
    await ctx.sync();
    expect(d.validations('S')).toHaveLength(1);
  });

  it.each([
    [
      'a list source over 255 characters',
      (dv: Excel.DataValidation) => (dv.rule = { list: { inCellDropDown: true, source: 'x'.repeat(256) } }),
    ],
    ['a prompt title over 32', (dv: Excel.DataValidation) => (dv.prompt = { showPrompt: true, title: 't'.repeat(33), message: '' })],
    ['a prompt over 255', (dv: Excel.DataValidation) => (dv.prompt = { showPrompt: true, title: '', message: 'm'.repeat(256) })],
    [
      'an alert title over 32',
      (dv: Excel.DataValidation) => (dv.errorAlert = { showAlert: true, style: 'Stop', title: 't'.repeat(33), message: '' }),
    ],
    [
      'an alert message over 224',
      (dv: Excel.DataValidation) => (dv.errorAlert = { showAlert: true, style: 'Stop', title: '', message: 'e'.repeat(225) }),
    ],
  ])('refuses %s (InvalidArgument)', async (_what, set) => {
    const { ctx, ws } = sheet();
    set(ws.getRange('A1').dataValidation);
    expect((await rejection(ctx.sync())).code).toBe('InvalidArgument');
  });

  it('is ApiNotFound below ExcelApi 1.8', async () => {
    const { ctx, ws } = sheet('1.7');
    ws.getRange('A1').dataValidation.rule = { decimal: { formula1: 0, formula2: 1, operator: 'Between' } };
    expect((await rejection(ctx.sync())).code).toBe('ApiNotFound');
  });
});

describe('excel double: formats (formats.ts)', () => {
  it('records a ContainsText conditional format, and refuses format changes on a protected sheet', async () => {
    const { d, ctx, ws } = sheet();
    const cf = ws.getRange('K1:K9').conditionalFormats.add('ContainsText');
    cf.textComparison.format.fill.color = '#C6EFCE';
    cf.textComparison.rule = { operator: 'Contains', text: '已签字' };
    await ctx.sync();
    expect(d.conditionalFormats('S')).toEqual([
      expect.objectContaining({ type: 'ContainsText', rule: { operator: 'Contains', text: '已签字' }, fill: '#C6EFCE' }),
    ]);
    ws.protection.protect({ allowFormatCells: false });
    ws.getRange('A1').format.font.bold = true;
    expect((await rejection(ctx.sync())).code).toBe('AccessDenied');
  });
});

describe('excel double: borders, row heights and page layout (formats.ts, proxies.ts)', () => {
  it('draws edges and inside lines (RangeBorder, ExcelApi 1.1): one line between neighbours', async () => {
    const { d, ctx, ws } = sheet();
    const borders = ws.getRange('B2:C3').format.borders;
    for (const side of ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideHorizontal', 'InsideVertical']) {
      const b = borders.getItem(side as Excel.BorderIndex);
      b.style = 'Continuous';
      b.weight = 'Thin';
      b.color = '#808080';
    }
    const top = ws.getRange('B2:C2').format.borders.getItem('EdgeTop').load(['style', 'weight', 'color']);
    const mixed = ws.getRange('B1:B3').format.borders.getItem('InsideHorizontal').load('style'); // B1|B2 none, B2|B3 drawn
    await ctx.sync();
    const line = { style: 'Continuous', weight: 'Thin', color: '#808080' };
    expect(d.borders('S', 'B2')).toEqual({ top: line, bottom: line, left: line, right: line });
    expect(d.borders('S', 'C3')).toEqual({ top: line, bottom: line, left: line, right: line });
    // outside the range: only the line it shares with the range
    expect(d.borders('S', 'B1')).toEqual({ top: null, bottom: line, left: null, right: null });
    expect(d.borders('S', 'D2')).toEqual({ top: null, bottom: null, left: line, right: null });
    expect([top.style, top.weight, top.color]).toEqual(['Continuous', 'Thin', '#808080']);
    expect(mixed.style).toBeNull();
  });

  it('refuses an unknown border style and a diagonal (not modelled)', async () => {
    const { ctx, ws } = sheet();
    ws.getRange('A1').format.borders.getItem('EdgeTop').style = 'Wavy' as Excel.BorderLineStyle;
    expect((await rejection(ctx.sync())).code).toBe('InvalidArgument');
    ws.getRange('A1').format.borders.getItem('DiagonalUp').style = 'Continuous';
    expect((await rejection(ctx.sync())).code).toBe('InvalidArgument');
  });

  it('sizes rows (RangeFormat.rowHeight, ExcelApi 1.2): null when mixed, Excel limit 409', async () => {
    const { d, ctx, ws } = sheet();
    ws.getRange('2:3').format.rowHeight = 32;
    const both = ws.getRange('A2:A3').format.load('rowHeight');
    const mixed = ws.getRange('A1:A2').format.load('rowHeight');
    await ctx.sync();
    expect([d.rowHeight('S', 1), d.rowHeight('S', 2), d.rowHeight('S', 3)]).toEqual([15, 32, 32]);
    expect(both.rowHeight).toBe(32);
    expect(mixed.rowHeight).toBeNull();
    ws.getRange('A1').format.rowHeight = 410;
    expect((await rejection(ctx.sync())).code).toBe('InvalidArgument');
  });

  it('keeps zoom, centring, margins and the centre footer (PageLayout, ExcelApi 1.9)', async () => {
    const { d, ctx, ws } = sheet();
    ws.pageLayout.zoom = { horizontalFitToPages: 1 };
    ws.pageLayout.centerHorizontally = true;
    ws.pageLayout.leftMargin = 28.8;
    ws.pageLayout.headersFooters.defaultForAllPages.centerFooter = 'Page &P of &N';
    const zoom = ws.pageLayout.load('zoom');
    await ctx.sync();
    expect(zoom.zoom).toEqual({ horizontalFitToPages: 1, verticalFitToPages: null, scale: null });
    expect(d.printSetup('S')).toMatchObject({ centerHorizontally: true, centerFooter: 'Page &P of &N', zoom: { horizontalFitToPages: 1 } });
    expect(d.printSetup('S').margins).toMatchObject({ left: 28.8, right: 50.4 });
    ws.pageLayout.zoom = { scale: 5 };
    expect((await rejection(ctx.sync())).code).toBe('InvalidArgument');
  });

  it('is ApiNotFound for the page layout below ExcelApi 1.9', async () => {
    const { ctx, ws } = sheet('1.8');
    ws.pageLayout.zoom = { horizontalFitToPages: 1 };
    expect((await rejection(ctx.sync())).code).toBe('ApiNotFound');
  });
});
