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
