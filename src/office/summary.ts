/**
 * Writing the compile tables (src/core/compile/tables.ts) into the open workbook (SPEC §6, §7):
 * the same values the command line writes with ExcelJS (src/xlsx/summary.ts), the same
 * formatting, plus what only Excel can draw: a native clustered-column chart of totals by
 * unit for each category, and one of each appraiser's mean deviation from the re-checks.
 *
 * Two syncs whatever the number of units: one to learn which sheets exist and whether the
 * workbook structure is protected, one to write everything with calculation suspended. Only a
 * request over Excel on the web's payload limit is split into more write syncs.
 *
 * Re-running replaces the summary sheets, never duplicates them. The batch adds the new
 * sheets under temporary names, fills them, and only at its end deletes the previous summary
 * sheets and gives the new ones their names — so a workbook never shows a half-written
 * summary under the summary's name, and the old summary can be replaced even when it holds
 * the only visible sheets.
 */
import type { RowStyle, SummaryTable } from '../core/compile/tables';
import { temporarySheetName } from '../core/presentation/names';
import { SUMMARY_PRINT, SUMMARY_ROW_LOOKS, summaryNumberFormats, summaryWidth } from '../core/presentation/summary';
import { colLetter, type CellValue } from '../core/sheet/cells';
import { hasFormula, payloadBytes, splitRows, toOffice } from './cells';
import { applyColumnWidths, applyPrint } from './look';
import { PAYLOAD_BUDGET } from './patch';

/** Why the summary cannot be written into this workbook. */
export type SummaryTargetCode =
  /** the workbook structure is protected (sealing protects it): compile into another workbook */
  | 'STRUCTURE_PROTECTED'
  /** a sheet of a summary sheet's name exists and is not a ScoreSeal summary: it is not overwritten */
  | 'NAME_TAKEN';

/** The workbook cannot take the summary; nothing was written. */
export class SummaryTargetError extends Error {
  override readonly name = 'SummaryTargetError';
  readonly code: SummaryTargetCode;
  /** the sheet concerned (NAME_TAKEN) */
  readonly sheet: string | null;
  constructor(code: SummaryTargetCode, sheet: string | null = null) {
    super(`Summary: ${code}${sheet ? ` (${sheet})` : ''}`);
    this.code = code;
    this.sheet = sheet;
  }
}

export interface SummaryWriteOptions {
  /** request bytes per write sync (default {@link PAYLOAD_BUDGET}) */
  readonly payloadBudget?: number;
}

export interface SummaryWriteResult {
  /** syncs used in all: 2 unless the payload had to be split */
  readonly syncs: number;
  /** the summary sheets, in the order written */
  readonly sheets: readonly string[];
  /** charts added */
  readonly charts: number;
  /** previous summary sheets that were replaced */
  readonly replaced: readonly string[];
}

/** Charts: how many columns wide and at least how many rows high. */
const CHART_COLUMNS = 8;
const CHART_MIN_ROWS = 15;

/** One queued piece of the write batch, with its estimated request size. */
interface Step {
  readonly bytes: number;
  queue(): void;
}
const STEP_OVERHEAD = 200;
const step = (bytes: number, queue: () => void): Step => ({ bytes: bytes + STEP_OVERHEAD, queue });

/**
 * Writes the summary tables as worksheets of the open workbook, replacing earlier summary
 * sheets of the same names, and activates the first.
 *
 * @throws {SummaryTargetError} STRUCTURE_PROTECTED when the workbook structure is protected
 *   (a workbook holding sealed sheets), NAME_TAKEN when a sheet of a summary sheet's name is
 *   not a ScoreSeal summary; in both cases nothing was written
 * @throws the Office error of a failed write batch (map it with `run`); the sheets the batch
 *   had added are removed again where Excel allows it
 */
export async function writeSummary(
  context: Excel.RequestContext,
  tables: readonly SummaryTable[],
  options: SummaryWriteOptions = {},
): Promise<SummaryWriteResult> {
  const wb = context.workbook;

  // sync 1: the sheets there are, the structure protection, and the marker cell of every sheet that has a summary sheet's name
  const all = wb.worksheets.load('items/name');
  const structure = wb.protection.load('protected');
  const previous = tables.map((table) => {
    const ws = wb.worksheets.getItemOrNullObject(table.name);
    ws.load('name');
    const marker = ws.getRange('A2').load('values');
    return { table, ws, marker };
  });
  await context.sync();

  if (structure.protected) throw new SummaryTargetError('STRUCTURE_PROTECTED');
  for (const p of previous)
    if (!p.ws.isNullObject && !isOurs(p.table, p.marker.values)) throw new SummaryTargetError('NAME_TAKEN', p.ws.name);

  const taken = all.items.map((ws) => ws.name);
  const temps: string[] = [];
  for (const table of tables) temps.push(temporarySheetName([...taken, ...temps], table.name));
  const replaced = previous.filter((p) => !p.ws.isNullObject).map((p) => p.ws.name);

  // sync 2: everything else (more only when Excel on the web's payload limit demands it)
  const sheets = new Map<string, Excel.Worksheet>();
  const sheetOf = (i: number): Excel.Worksheet => sheets.get(temps[i]!)!;
  const head = tables.map((_, i) => step(64, () => sheets.set(temps[i]!, wb.worksheets.add(temps[i]))));
  const body: Step[] = tables.flatMap((table, i) => tableSteps(() => sheetOf(i), table, options.payloadBudget ?? PAYLOAD_BUDGET));
  const charts = tables.reduce((n, t) => n + t.chartSeries.filter((s) => s.lastRow >= s.firstRow).length, 0);
  const tail = [
    step(64 * previous.length, () => {
      for (const p of previous) if (!p.ws.isNullObject) p.ws.delete();
    }),
    step(64 * tables.length, () => {
      tables.forEach((table, i) => (sheetOf(i).name = table.name));
      if (tables.length) sheetOf(0).activate();
    }),
  ];

  const batches = pack(head, body, tail, options.payloadBudget ?? PAYLOAD_BUDGET);
  try {
    for (const batch of batches) {
      wb.application.suspendApiCalculationUntilNextSync();
      for (const s of batch) s.queue();
      // one sync per batch; more than one batch only when the payload limit demands it (SPEC §7)
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    }
  } catch (e) {
    await discardTemporary(context, temps);
    throw e;
  }
  return { syncs: 1 + batches.length, sheets: tables.map((t) => t.name), charts, replaced };
}

/**
 * Removes the sheets a failed write batch had added (they carry the temporary names), so the
 * workbook keeps its previous summary and no half-written one. One more sync, on failure only.
 * A failing clean-up does not replace the error that made it necessary: the caller rethrows
 * that one, and the leftover sheets are recognisable by their '~' names.
 */
async function discardTemporary(context: Excel.RequestContext, temps: readonly string[]): Promise<void> {
  try {
    for (const name of temps) {
      const ws = context.workbook.worksheets.getItemOrNullObject(name);
      ws.delete();
    }
    await context.sync();
  } catch {
    // see above: the original failure is the one the person must see
  }
}

/** Whether an existing sheet of the table's name is a ScoreSeal summary (its A2 holds the confidentiality note). */
function isOurs(table: SummaryTable, a2: readonly (readonly unknown[])[]): boolean {
  const note = table.rows[1]?.[0];
  if (typeof note !== 'string' || !note) return true;
  return a2[0]?.[0] === note;
}

/* ------------------------------------------------------------------------------------------ */
/* one table                                                                                    */
/* ------------------------------------------------------------------------------------------ */

/** One table: values and number formats, then the look the core describes (src/core/presentation/summary.ts), then its charts. */
function tableSteps(sheet: () => Excel.Worksheet, table: SummaryTable, budget: number): Step[] {
  const width = summaryWidth(table);
  const steps: Step[] = [];
  const formats = summaryNumberFormats(table);
  for (const part of splitRows(table.rows, budget / 2)) steps.push(valuesStep(sheet, part, width, formats));
  steps.push(...styleSteps(sheet, table, width));
  for (const h of table.highlights)
    steps.push(step(32, () => (sheet().getRangeByIndexes(h.row - 1, h.col, 1, 1).format.fill.color = `#${h.fill}`)));
  steps.push(step(64 * table.widths.length, () => applyColumnWidths(sheet(), table.widths)));
  steps.push(
    step(384, () => {
      const ws = sheet();
      if (table.freezeRow > 0) ws.freezePanes.freezeRows(table.freezeRow);
      // ExcelApi 1.9; without it, Excel's print defaults stay
      applyPrint(ws, SUMMARY_PRINT);
    }),
  );
  steps.push(...chartSteps(sheet, table, width));
  return steps;
}

/** Values as one 2-D block per part, with the core's number formats: strings into text-formatted cells, numbers with the cell's or else the column's format. */
function valuesStep(
  sheet: () => Excel.Worksheet,
  part: { start: number; rows: readonly (readonly CellValue[])[] },
  width: number,
  allFormats: readonly (readonly (string | null)[])[],
): Step {
  const cells = part.rows.map((r) => Array.from({ length: width }, (_, c) => r[c] ?? null));
  const values = cells.map((r) => r.map(toOffice));
  const formats = allFormats.slice(part.start, part.start + cells.length).map((r) => [...r]);
  const formula = hasFormula(cells);
  return step(payloadBytes(values) + payloadBytes(formats), () => {
    const range = sheet().getRangeByIndexes(part.start, 0, cells.length, width);
    range.numberFormat = formats;
    if (formula) range.formulas = values;
    else range.values = values;
  });
}

/** The row styles' looks (SUMMARY_ROW_LOOKS): a font over the whole row of the table, a fill over the cells the row has; consecutive rows of one style share one range. */
function styleSteps(sheet: () => Excel.Worksheet, table: SummaryTable, width: number): Step[] {
  const steps: Step[] = [];
  const styleOf = (i: number): RowStyle => table.styles[i] ?? 'data';
  for (const run of runsOf(table.rows.map((_, i) => styleOf(i)))) {
    const font = SUMMARY_ROW_LOOKS[run.value].font;
    if (!font) continue;
    steps.push(
      step(64, () => {
        const f = sheet().getRangeByIndexes(run.first, 0, run.last - run.first + 1, width).format.font;
        if (font.bold !== undefined) f.bold = font.bold;
        if (font.size !== undefined) f.size = font.size;
        if (font.color !== undefined) f.color = `#${font.color}`;
      }),
    );
  }
  const fills = table.rows.map((r, i) => {
    const fill = SUMMARY_ROW_LOOKS[styleOf(i)].fill;
    return fill && r.length > 0 ? `${fill}:${r.length}` : '';
  });
  for (const run of runsOf(fills))
    if (run.value) {
      const [fill, length] = run.value.split(':');
      steps.push(
        step(64, () => (sheet().getRangeByIndexes(run.first, 0, run.last - run.first + 1, Number(length)).format.fill.color = `#${fill}`)),
      );
    }
  return steps;
}

/**
 * One clustered-column chart per chart series of the table, titled with its `category`: on
 * 汇总 the totals by unit of each category, to the right of the table, level with its
 * category and never overlapping the chart above; on 考核人员分析 each appraiser's mean
 * deviation from the re-checks, below the tables (`anchorRow`). Charts need ExcelApi 1.1,
 * series x-values and data labels 1.7 (the manifest's minimum).
 */
function chartSteps(sheet: () => Excel.Worksheet, table: SummaryTable, width: number): Step[] {
  const left = Math.max(width, table.widths.length) + 1;
  let nextTop = 0;
  return table.chartSeries.flatMap((s) => {
    const count = s.lastRow - s.firstRow + 1;
    if (count < 1) return [];
    const top = s.anchorRow !== undefined ? s.anchorRow - 1 : Math.max(s.firstRow - 3, nextTop, 0);
    const bottom = top + Math.max(CHART_MIN_ROWS, count + 3) - 1;
    const first = s.anchorRow !== undefined ? 0 : left;
    nextTop = bottom + 2;
    const header = table.rows[s.firstRow - 2]?.[s.totalCol];
    return [
      step(256 + s.category.length * 3, () => {
        const ws = sheet();
        const totals = ws.getRangeByIndexes(s.firstRow - 1, s.totalCol, count, 1);
        const names = ws.getRangeByIndexes(s.firstRow - 1, s.nameCol, count, 1);
        const chart = ws.charts.add('ColumnClustered', totals, 'Columns');
        chart.title.text = s.category;
        chart.legend.visible = false;
        const series = chart.series.getItemAt(0);
        series.setXAxisValues(names);
        if (typeof header === 'string' && header) series.name = header;
        series.hasDataLabels = true;
        chart.setPosition(`${colLetter(first)}${top + 1}`, `${colLetter(first + CHART_COLUMNS - 1)}${bottom + 1}`);
      }),
    ];
  });
}

/* ------------------------------------------------------------------------------------------ */
/* helpers                                                                                      */
/* ------------------------------------------------------------------------------------------ */

/** Runs of equal consecutive values (0-based, inclusive). */
function runsOf<T>(values: readonly T[]): { first: number; last: number; value: T }[] {
  const runs: { first: number; last: number; value: T }[] = [];
  values.forEach((value, i) => {
    const last = runs[runs.length - 1];
    if (last && last.value === value && last.last === i - 1) last.last = i;
    else runs.push({ first: i, last: i, value });
  });
  return runs;
}

/** Packs steps into batches under the budget, in order: the head opens the first batch, the tail closes the last. */
function pack(head: readonly Step[], body: readonly Step[], tail: readonly Step[], budget: number): Step[][] {
  const batches: Step[][] = [[...head]];
  let bytes = head.reduce((n, s) => n + s.bytes, 0);
  const tailBytes = tail.reduce((n, s) => n + s.bytes, 0);
  body.forEach((s, i) => {
    const reserve = i === body.length - 1 ? tailBytes : 0;
    if (bytes + s.bytes + reserve > budget && batches[batches.length - 1]!.length) {
      batches.push([]);
      bytes = 0;
    }
    batches[batches.length - 1]!.push(s);
    bytes += s.bytes;
  });
  batches[batches.length - 1]!.push(...tail);
  return batches.filter((b) => b.length);
}
