/**
 * Charts (ExcelApi 1.1; series data and data labels 1.7): what a chart records (type, source,
 * series ranges, title, legend, position), and protection: a chart on a protected sheet can be
 * changed only when the protection allows editing objects.
 */
import { ClientObject, NULL, accessors, assertLive, type Loadable, type Props } from './client';
import { E, err } from './errors';
import { parseA1, rectA1, type ChartModel, type ChartSeriesModel, type RangeT, type Rect, type SheetModel } from './model';
import type { DoubleContext } from './proxies';

/* --- charts (1.1; series data 1.7) --- */

const CHART_TYPES = new Set([
  'ColumnClustered',
  'ColumnStacked',
  'BarClustered',
  'BarStacked',
  'Line',
  'LineMarkers',
  'Pie',
  'Area',
  'XYScatter',
  'Doughnut',
]);

/** A chart on a protected sheet can be changed only when the protection allows editing objects. */
function guardChart(sheet: SheetModel, what: string): void {
  const p = sheet.protection;
  if (p.protected && !p.options.allowEditObjects)
    throw err(E.accessDenied, `The chart you're trying to change is on a protected sheet (${what}).`, what);
}

/** A Range argument: checked when the call is queued, resolved when the batch runs. */
function rangeArgument(ctx: DoubleContext, r: unknown, where: string): () => RangeT {
  if (!(r instanceof ClientObject) || r._type !== 'Range') throw err(E.invalidArgument, 'A Range object is expected.', where);
  if (r._ctx !== ctx) throw err(E.invalidRequestContext, 'Cannot use the object across different request contexts.', where);
  return () => {
    const t = (r as ClientObject<RangeT>)._path.resolve();
    if (t === NULL) throw err(E.invalidArgument, 'The range is a null object.', where);
    assertLive(t, where);
    return t;
  };
}

/** A cell or range given as an A1 string (on `sheet`) or a Range. */
function cellArgument(ctx: DoubleContext, sheet: () => SheetModel, v: unknown, where: string): () => Rect {
  if (typeof v === 'string') return () => parseA1(v);
  const range = rangeArgument(ctx, v, where);
  return () => {
    const t = range();
    if (t.sheet !== sheet()) throw err(E.invalidArgument, "The cell must be on the chart's worksheet.", where);
    return t.rect;
  };
}

export class ChartCollectionProxy extends ClientObject<SheetModel> {
  get _type(): string {
    return 'ChartCollection';
  }
  add(type: string, sourceData: unknown, seriesBy: string = 'Auto'): ChartProxy {
    const source = rangeArgument(this._ctx, sourceData, 'ChartCollection.add');
    return this._child(
      ChartProxy,
      (s) => {
        guardChart(s, 'ChartCollection.add');
        if (!CHART_TYPES.has(type)) throw err(E.invalidArgument, `Unsupported chart type ${type}.`, 'ChartCollection.add');
        if (!['Auto', 'Columns', 'Rows'].includes(seriesBy))
          throw err(E.invalidArgument, `Invalid seriesBy ${seriesBy}.`, 'ChartCollection.add');
        const src = source();
        const { rect } = src;
        const rows = rect.r1 - rect.r0 + 1;
        const cols = rect.c1 - rect.c0 + 1;
        // Auto: a series per column when there are at least as many rows as columns (header detection is not modelled)
        const byColumns = seriesBy === 'Columns' || (seriesBy === 'Auto' && rows >= cols);
        const series: ChartSeriesModel[] = byColumns
          ? Array.from({ length: cols }, (_, i) => ({
              name: `Series${i + 1}`,
              values: { sheet: src.sheet, rect: { ...rect, c0: rect.c0 + i, c1: rect.c0 + i } },
              xValues: null,
              hasDataLabels: false,
            }))
          : Array.from({ length: rows }, (_, i) => ({
              name: `Series${i + 1}`,
              values: { sheet: src.sheet, rect: { ...rect, r0: rect.r0 + i, r1: rect.r0 + i } },
              xValues: null,
              hasDataLabels: false,
            }));
        let n = s.charts.length + 1;
        while (s.charts.some((c) => c.name === `Chart ${n}`)) n++;
        const chart: ChartModel = {
          sheet: s,
          name: `Chart ${n}`,
          type,
          seriesBy: byColumns ? 'Columns' : 'Rows',
          source: { sheet: src.sheet, rect },
          title: '',
          titleVisible: false,
          legendVisible: true,
          series,
          position: null,
        };
        s.charts.push(chart);
        return chart;
      },
      'add',
    );
  }
}

const CHART_PROPS: Props<ChartModel> = {
  name: {
    get: (c) => c.name,
    set: (c, v) => {
      guardChart(c.sheet, 'Chart.name');
      c.name = String(v);
    },
  },
  chartType: { get: (c) => c.type },
};
export class ChartProxy extends ClientObject<ChartModel> {
  get _type(): string {
    return 'Chart';
  }
  protected override get _props(): Props<ChartModel> {
    return CHART_PROPS;
  }
  private _title?: ChartTitleProxy;
  private _legend?: ChartLegendProxy;
  private _series?: ChartSeriesCollectionProxy;
  get title(): ChartTitleProxy {
    return (this._title ??= new ChartTitleProxy(this._ctx, this._path));
  }
  get legend(): ChartLegendProxy {
    return (this._legend ??= new ChartLegendProxy(this._ctx, this._path));
  }
  get series(): ChartSeriesCollectionProxy {
    return (this._series ??= new ChartSeriesCollectionProxy(this._ctx, this._path));
  }
  protected override _nav(name: string): Loadable | undefined {
    const nav: Record<string, () => Loadable> = { title: () => this.title, legend: () => this.legend };
    return nav[name]?.();
  }
  setPosition(startCell: unknown, endCell?: unknown): void {
    const sheetOf = (): SheetModel => {
      const c = this._path.resolve();
      if (c === NULL) throw err(E.invalidArgument, 'The chart is a null object.', 'Chart.setPosition');
      return c.sheet;
    };
    const start = cellArgument(this._ctx, sheetOf, startCell, 'Chart.setPosition');
    const end = endCell === undefined ? null : cellArgument(this._ctx, sheetOf, endCell, 'Chart.setPosition');
    this._method(
      'setPosition',
      [typeof startCell === 'string' ? startCell : 'Range', typeof endCell === 'string' ? endCell : 'Range'],
      (c) => {
        guardChart(c.sheet, 'Chart.setPosition');
        const a = start();
        const b = end?.() ?? null;
        c.position = {
          start: rectA1({ r0: a.r0, c0: a.c0, r1: a.r0, c1: a.c0 }),
          end: b ? rectA1({ r0: b.r1, c0: b.c1, r1: b.r1, c1: b.c1 }) : null,
        };
      },
    );
  }
  delete(): void {
    this._method('delete', [], (c) => {
      guardChart(c.sheet, 'Chart.delete');
      const i = c.sheet.charts.indexOf(c);
      if (i >= 0) c.sheet.charts.splice(i, 1);
    });
  }
}
accessors(ChartProxy, CHART_PROPS);

const CHART_TITLE_PROPS: Props<ChartModel> = {
  text: {
    get: (c) => c.title,
    set: (c, v) => {
      guardChart(c.sheet, 'ChartTitle.text');
      c.title = String(v);
      c.titleVisible = true;
    },
  },
  visible: {
    get: (c) => c.titleVisible,
    set: (c, v) => {
      guardChart(c.sheet, 'ChartTitle.visible');
      c.titleVisible = !!v;
    },
  },
};
export class ChartTitleProxy extends ClientObject<ChartModel> {
  get _type(): string {
    return 'ChartTitle';
  }
  protected override get _props(): Props<ChartModel> {
    return CHART_TITLE_PROPS;
  }
}
accessors(ChartTitleProxy, CHART_TITLE_PROPS);

const CHART_LEGEND_PROPS: Props<ChartModel> = {
  visible: {
    get: (c) => c.legendVisible,
    set: (c, v) => {
      guardChart(c.sheet, 'ChartLegend.visible');
      c.legendVisible = !!v;
    },
  },
};
export class ChartLegendProxy extends ClientObject<ChartModel> {
  get _type(): string {
    return 'ChartLegend';
  }
  protected override get _props(): Props<ChartModel> {
    return CHART_LEGEND_PROPS;
  }
}
accessors(ChartLegendProxy, CHART_LEGEND_PROPS);

const CHART_SERIES_COLLECTION_PROPS: Props<ChartModel> = { count: { get: (c) => c.series.length } };
export class ChartSeriesCollectionProxy extends ClientObject<ChartModel> {
  get _type(): string {
    return 'ChartSeriesCollection';
  }
  protected override get _props(): Props<ChartModel> {
    return CHART_SERIES_COLLECTION_PROPS;
  }
  getItemAt(index: number): ChartSeriesProxy {
    return this._child(
      ChartSeriesProxy,
      (c) => {
        const series = c.series[index];
        if (!series) throw err(E.invalidArgument, `There is no series at index ${index}.`, 'ChartSeriesCollection.getItemAt');
        return { sheet: c.sheet, chart: c, series };
      },
      'getItemAt',
    );
  }
}
accessors(ChartSeriesCollectionProxy, CHART_SERIES_COLLECTION_PROPS);

type SeriesT = { readonly sheet: SheetModel; readonly chart: ChartModel; readonly series: ChartSeriesModel };
const CHART_SERIES_PROPS: Props<SeriesT> = {
  name: {
    get: (t) => t.series.name,
    set: (t, v) => {
      guardChart(t.sheet, 'ChartSeries.name');
      t.series.name = String(v);
    },
  },
  hasDataLabels: {
    get: (t) => t.series.hasDataLabels,
    set: (t, v) => {
      guardChart(t.sheet, 'ChartSeries.hasDataLabels');
      t.series.hasDataLabels = !!v;
    },
    api: '1.7',
  },
};
export class ChartSeriesProxy extends ClientObject<SeriesT> {
  get _type(): string {
    return 'ChartSeries';
  }
  protected override get _props(): Props<SeriesT> {
    return CHART_SERIES_PROPS;
  }
  setValues(sourceData: unknown): void {
    const range = rangeArgument(this._ctx, sourceData, 'ChartSeries.setValues');
    this._method(
      'setValues',
      ['Range'],
      (t) => {
        guardChart(t.sheet, 'ChartSeries.setValues');
        const r = range();
        t.series.values = { sheet: r.sheet, rect: r.rect };
      },
      '1.7',
    );
  }
  setXAxisValues(sourceData: unknown): void {
    const range = rangeArgument(this._ctx, sourceData, 'ChartSeries.setXAxisValues');
    this._method(
      'setXAxisValues',
      ['Range'],
      (t) => {
        guardChart(t.sheet, 'ChartSeries.setXAxisValues');
        const r = range();
        t.series.xValues = { sheet: r.sheet, rect: r.rect };
      },
      '1.7',
    );
  }
}
accessors(ChartSeriesProxy, CHART_SERIES_PROPS);
