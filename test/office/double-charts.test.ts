/**
 * The double's charts (excel-double/charts.ts): a clustered-column chart from a range, its
 * title, series and position; refused on a protected sheet unless it allows editing objects.
 */
import { ExcelDouble } from '../support/excel-double';
import { rejection } from './double-support';

describe('excel double: charts (charts.ts)', () => {
  it('adds a chart with its series, title and position', async () => {
    const d = ExcelDouble.fromData({
      sheets: {
        S: {
          values: [
            ['a', 1],
            ['b', 2],
          ],
        },
      },
    });
    const ctx = d.newContext();
    const ws = ctx.workbook.worksheets.getItem('S');
    const chart = ws.charts.add('ColumnClustered', ws.getRange('B1:B2'), 'Columns');
    chart.title.text = '合计';
    chart.series.getItemAt(0).setXAxisValues(ws.getRange('A1:A2'));
    chart.setPosition('D1', 'K15');
    await ctx.sync();
    expect(d.charts('S')).toEqual([
      expect.objectContaining({
        type: 'ColumnClustered',
        title: '合计',
        series: [expect.objectContaining({ values: 'S!B1:B2', xValues: 'S!A1:A2' })],
        position: { start: 'D1', end: 'K15' },
      }),
    ]);
  });

  it('refuses a chart on a protected sheet (AccessDenied), allows it with allowEditObjects', async () => {
    const d = ExcelDouble.fromData({
      sheets: { S: { values: [[1]], protection: {} }, T: { values: [[1]], protection: { options: { allowEditObjects: true } } } },
    });
    const ctx = d.newContext();
    const s = ctx.workbook.worksheets.getItem('S');
    s.charts.add('ColumnClustered', s.getRange('A1'), 'Columns');
    expect((await rejection(ctx.sync())).code).toBe('AccessDenied');
    const t = ctx.workbook.worksheets.getItem('T');
    t.charts.add('ColumnClustered', t.getRange('A1'), 'Columns');
    await ctx.sync();
    expect(d.charts('T')).toHaveLength(1);
  });
});
