/**
 * Presentation parity (issue 13): the same sheets rendered through both edges look the same.
 * The score sheet of the example plan (buildTemplate) and the summary of a small compile
 * (plus one table with a row of every row style) are written by the file edge into an ExcelJS
 * workbook, saved and read back, and by the Office edge into the Excel test double; then every
 * formatting property both can express is compared cell by cell and sheet by sheet: font (bold,
 * size, colour), fill, borders (the line drawn on each side of a cell), horizontal and vertical
 * alignment, wrap, number format, locking, column widths, row heights, merges, frozen rows,
 * conditional formats, and the print setup (paper, orientation, fit to pages, centring,
 * margins, title rows, centre header and footer).
 *
 * Not compared, and why: charts (ExcelJS cannot write them; only the Office edge adds them);
 * the sheet's default row height (Office.js cannot set it — `Worksheet.standardHeight` is
 * read-only — so the Office edge gives it to the rows it writes, and heights are compared as
 * in force on those rows); a summary row style's font to the right of the table (the file
 * edge styles the whole row, the Office edge the table's columns); font names and theme
 * colours (neither edge sets them).
 */
import ExcelJS from 'exceljs';
import { compile, type CompileInput } from '../../src/core/compile/compile';
import { summaryTables, type RowStyle, type SummaryTable } from '../../src/core/compile/tables';
import { deriveKeyPair } from '../../src/core/crypto/ed25519';
import type { Plan } from '../../src/core/plan/plan';
import { columnWidthPoints } from '../../src/core/presentation/excel';
import { PALETTE } from '../../src/core/presentation/look';
import { SUMMARY_ROW_LOOKS } from '../../src/core/presentation/summary';
import { scoreSheetLook } from '../../src/core/presentation/sheet';
import { colLetter } from '../../src/core/sheet/cells';
import { buildTemplate, type SheetTemplate } from '../../src/core/sheet/template';
import { renderTemplate } from '../../src/office/template';
import { writeSummary } from '../../src/office/summary';
import { addScoreSheet } from '../../src/xlsx/render';
import { summaryWorkbook } from '../../src/xlsx/summary';
import { ExcelDouble } from '../support/excel-double';
import { runToSeal } from '../support/flow';
import { blankSheet, evaluate, keyRing, miniPlanJson, mustLoad, setEntry, type MemSheet } from '../support/memory';
import { examplePlan } from '../office/fixtures';

jest.setTimeout(120_000);

/* ------------------------------------------------------------------------------------------ */
/* one vocabulary for both edges: Office.js's names and units                                  */
/* ------------------------------------------------------------------------------------------ */

interface Line {
  style: string;
  weight: string;
  color: string;
}
interface CellView {
  bold: boolean;
  size: number;
  color: string;
  fill: string | null;
  horizontal: string;
  vertical: string;
  wrap: boolean;
  numberFormat: string;
  locked: boolean;
  top: Line | null;
  bottom: Line | null;
  left: Line | null;
  right: Line | null;
}
interface PrintView {
  orientation: string;
  paper: string;
  fitWide: number | null;
  fitTall: number | null;
  centerHorizontally: boolean;
  margins: number[];
  titleRows: string | null;
  centerHeader: string;
  centerFooter: string;
}
interface SheetView {
  cells: Record<string, CellView>;
  rowHeights: number[];
  columnWidths: (number | null)[];
  merges: string[];
  frozenRows: number;
  conditionalFormats: { range: string; text: string; fill: string | null; font: string | null }[];
  print: PrintView;
}

const hex = (argb: string | undefined): string | null => (argb ? `#${argb.slice(-6).toUpperCase()}` : null);
const HORIZONTAL: Record<string, string> = { left: 'Left', center: 'Center', right: 'Right' };
const VERTICAL: Record<string, string> = { top: 'Top', middle: 'Center', bottom: 'Bottom' };
/** ExcelJS border styles as Office.js's style and weight. */
const LINE: Record<string, [string, string]> = {
  hair: ['Continuous', 'Hairline'],
  thin: ['Continuous', 'Thin'],
  medium: ['Continuous', 'Medium'],
  thick: ['Continuous', 'Thick'],
  dotted: ['Dot', 'Thin'],
  dashed: ['Dash', 'Thin'],
  double: ['Double', 'Thick'],
};
const points = (inches: number): number => Math.round(inches * 72 * 100) / 100;
/** The centre section of a header/footer text ('&C…'; a text without sections is centred). */
const centre = (text: string | undefined): string => {
  if (!text) return '';
  if (!/&[LCR]/.test(text)) return text;
  return /&C(.*?)(?=&[LR]|$)/.exec(text)?.[1] ?? '';
};

/* --- the file edge: an ExcelJS workbook, saved and read back --- */

async function roundTrip(wb: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(await wb.xlsx.writeBuffer());
  return back;
}

function fileLine(ws: ExcelJS.Worksheet, row: number, col: number, side: 'top' | 'bottom' | 'left' | 'right'): Line | null {
  if (row < 1 || col < 1) return null;
  const b = ws.getCell(row, col).border?.[side];
  if (!b?.style) return null;
  const [style, weight] = LINE[b.style] ?? [`?${b.style}`, '?'];
  return { style, weight, color: hex(b.color?.argb) ?? '#000000' };
}

// ExcelJS cells, not Office.js proxies: nothing to load or sync (the Office.js rules misfire on getCell)
/* eslint-disable office-addins/call-sync-before-read, office-addins/load-object-before-read */
function fileCell(ws: ExcelJS.Worksheet, row: number, col: number): CellView {
  const cell = ws.getCell(row, col);
  const font = cell.font ?? {};
  const fill = cell.fill?.type === 'pattern' && cell.fill.pattern === 'solid' ? hex(cell.fill.fgColor?.argb) : null;
  const a = cell.alignment ?? {};
  return {
    bold: font.bold === true,
    size: font.size ?? 11,
    color: hex(font.color?.argb) ?? '#000000',
    fill,
    horizontal: a.horizontal ? (HORIZONTAL[a.horizontal] ?? `?${a.horizontal}`) : 'General',
    vertical: a.vertical ? (VERTICAL[a.vertical] ?? `?${a.vertical}`) : 'Bottom',
    wrap: a.wrapText === true,
    numberFormat: cell.numFmt || 'General',
    locked: cell.protection?.locked !== false,
    top: fileLine(ws, row, col, 'top') ?? fileLine(ws, row - 1, col, 'bottom'),
    bottom: fileLine(ws, row, col, 'bottom') ?? fileLine(ws, row + 1, col, 'top'),
    left: fileLine(ws, row, col, 'left') ?? fileLine(ws, row, col - 1, 'right'),
    right: fileLine(ws, row, col, 'right') ?? fileLine(ws, row, col + 1, 'left'),
  };
}
/* eslint-enable office-addins/call-sync-before-read, office-addins/load-object-before-read */

function fileSheet(ws: ExcelJS.Worksheet, rows: number, cols: number): SheetView {
  const cells: Record<string, CellView> = {};
  for (let r = 1; r <= rows; r++) for (let c = 1; c <= cols; c++) cells[`${colLetter(c - 1)}${r}`] = fileCell(ws, r, c);
  const p = ws.pageSetup;
  const m = p.margins;
  const view = ws.views[0];
  const cfs = (ws as unknown as { conditionalFormattings?: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings ?? [];
  return {
    cells,
    rowHeights: Array.from({ length: rows }, (_, i) => ws.getRow(i + 1).height ?? ws.properties.defaultRowHeight),
    columnWidths: Array.from({ length: cols }, (_, c) => {
      const w = ws.getColumn(c + 1).width;
      return w === undefined ? null : columnWidthPoints(w);
    }),
    merges: [...((ws.model as unknown as { merges?: string[] }).merges ?? [])].sort(),
    frozenRows: view?.state === 'frozen' ? (view.ySplit ?? 0) : 0,
    conditionalFormats: cfs.flatMap((cf) =>
      cf.rules.map((rule) => {
        const r = rule as { text?: string; formulae?: string[]; style?: { fill?: ExcelJS.FillPattern; font?: Partial<ExcelJS.Font> } };
        // read back, a containsText rule keeps its text only in its formula: NOT(ISERROR(SEARCH("text",K6)))
        const quoted = /"((?:[^"]|"")*)"/.exec(r.formulae?.[0] ?? '')?.[1]?.replace(/""/g, '"');
        return {
          range: cf.ref,
          text: r.text ?? quoted ?? '',
          fill: hex(r.style?.fill?.bgColor?.argb),
          font: hex(r.style?.font?.color?.argb),
        };
      }),
    ),
    print: {
      orientation: p.orientation === 'landscape' ? 'Landscape' : 'Portrait',
      paper: Number(p.paperSize) === 9 ? 'A4' : `?${p.paperSize}`,
      fitWide: p.fitToPage ? (p.fitToWidth ?? null) : null,
      // 0 pages tall: as many as needed, what Office.js says by leaving verticalFitToPages out
      fitTall: p.fitToPage ? p.fitToHeight || null : null,
      centerHorizontally: p.horizontalCentered === true,
      margins: m ? [m.left, m.right, m.top, m.bottom, m.header, m.footer].map(points) : [],
      titleRows: p.printTitlesRow ?? null,
      centerHeader: centre(ws.headerFooter.oddHeader),
      centerFooter: centre(ws.headerFooter.oddFooter),
    },
  };
}

/* --- the Office edge: the double's sheet --- */

function officeSheet(d: ExcelDouble, name: string, rows: number, cols: number): SheetView {
  const cells: Record<string, CellView> = {};
  for (let r = 1; r <= rows; r++)
    for (let c = 1; c <= cols; c++) {
      const a1 = `${colLetter(c - 1)}${r}`;
      const f = d.cellFormat(name, a1);
      const b = d.borders(name, a1);
      cells[a1] = {
        bold: f.bold,
        size: f.size,
        color: f.color,
        fill: f.fill,
        horizontal: f.horizontalAlignment,
        vertical: f.verticalAlignment,
        wrap: f.wrapText,
        numberFormat: d.cell(name, a1).numberFormat,
        locked: d.locked(name, a1) !== false,
        top: b.top && { ...b.top },
        bottom: b.bottom && { ...b.bottom },
        left: b.left && { ...b.left },
        right: b.right && { ...b.right },
      };
    }
  const p = d.printSetup(name);
  const widths = d.columnWidths(name);
  return {
    cells,
    rowHeights: Array.from({ length: rows }, (_, i) => d.rowHeight(name, i + 1)),
    columnWidths: Array.from({ length: cols }, (_, c) => widths[colLetter(c)] ?? null),
    merges: d.merges(name).sort(),
    frozenRows: d.frozenRows(name),
    conditionalFormats: d.conditionalFormats(name).map((cf) => ({
      range: cf.address,
      text: typeof cf.rule?.text === 'string' ? cf.rule.text : '',
      fill: cf.fill,
      font: cf.fontColor,
    })),
    print: {
      orientation: p.orientation,
      paper: p.paperSize,
      fitWide: p.zoom.horizontalFitToPages ?? null,
      fitTall: p.zoom.verticalFitToPages ?? null,
      centerHorizontally: p.centerHorizontally,
      margins: [p.margins.left, p.margins.right, p.margins.top, p.margins.bottom, p.margins.header, p.margins.footer].map(
        (x) => Math.round(x * 100) / 100,
      ),
      titleRows: p.printTitleRows,
      centerHeader: p.centerHeader,
      centerFooter: p.centerFooter,
    },
  };
}

/** Where two views differ, one line per property ([] when they agree). */
function differences(file: SheetView, office: SheetView): string[] {
  const out: string[] = [];
  const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
  for (const [a1, f] of Object.entries(file.cells)) {
    const o = office.cells[a1]!;
    for (const k of Object.keys(f) as (keyof CellView)[])
      if (!same(f[k], o[k])) out.push(`${a1} ${k}: file ${JSON.stringify(f[k])}, office ${JSON.stringify(o[k])}`);
  }
  for (const k of ['rowHeights', 'columnWidths', 'merges', 'frozenRows', 'conditionalFormats'] as const)
    if (!same(file[k], office[k])) out.push(`${k}: file ${JSON.stringify(file[k])}, office ${JSON.stringify(office[k])}`);
  for (const k of Object.keys(file.print) as (keyof PrintView)[])
    if (!same(file.print[k], office.print[k]))
      out.push(`print.${k}: file ${JSON.stringify(file.print[k])}, office ${JSON.stringify(office.print[k])}`);
  return out;
}

let uninstall: (() => void) | null = null;
afterEach(() => {
  uninstall?.();
  uninstall = null;
});
function freshDouble(): ExcelDouble {
  const d = ExcelDouble.fromData({ sheets: { Sheet1: {} } });
  uninstall = d.install();
  return d;
}

/* ------------------------------------------------------------------------------------------ */
/* the score sheet                                                                              */
/* ------------------------------------------------------------------------------------------ */

describe('the score sheet through both edges', () => {
  const plan = examplePlan();
  const tpls: SheetTemplate[] = [buildTemplate(plan, 'u01'), buildTemplate(plan, 'd01')];

  it.each(tpls.map((t) => [t.unitId, t] as const))('%s: every formatting property agrees', async (_unit, tpl) => {
    const wb = new ExcelJS.Workbook();
    await addScoreSheet(wb, tpl);
    const ws = (await roundTrip(wb)).getWorksheet(tpl.sheetName)!;

    const d = freshDouble();
    await renderTemplate(d.newContext(), tpl);

    const { width } = scoreSheetLook(tpl);
    const rows = tpl.cells.length;
    const file = fileSheet(ws, rows, width);
    const office = officeSheet(d, tpl.sheetName, rows, width);
    expect(differences(file, office)).toEqual([]);

    // and it is the look the core describes, not merely a shared default
    expect(office.cells.A1).toMatchObject({ bold: true, size: 16, horizontal: 'Center', vertical: 'Center' });
    expect(office.cells[`A${tpl.headerRow}`]).toMatchObject({ bold: true, fill: `#${PALETTE.headerFill}`, wrap: true });
    expect(office.cells[`C${tpl.firstItemRow + 1}`]?.top).toEqual({ style: 'Continuous', weight: 'Thin', color: `#${PALETTE.border}` });
    expect(office.print).toMatchObject({ orientation: 'Landscape', paper: 'A4', fitWide: 1, fitTall: null, centerHorizontally: true });
    expect(office.print.titleRows).toBe(tpl.printTitleRows);
    expect(office.print.centerFooter).toBe(tpl.footer);
    expect(file.conditionalFormats).toHaveLength(tpl.statusFormats.length);
  });
});

/* ------------------------------------------------------------------------------------------ */
/* the summary                                                                                  */
/* ------------------------------------------------------------------------------------------ */

/** A small compile: the mini plan, two sheets sealed with the demo keys, one left blank (it fails verification). */
async function smallCompile(): Promise<{ plan: Plan; tables: SummaryTable[] }> {
  const plan = mustLoad(miniPlanJson());
  const keys = keyRing(deriveKeyPair);
  const now = new Date('2026-11-30T08:00:00.000Z');
  const sheets: [string, MemSheet][] = [];
  for (const [unit, scores] of [
    ['m01', [5, 3, 4, 2.5, '否']],
    ['m02', [4, 2, 3, 2, '否']],
  ] as const) {
    const s = blankSheet(plan, unit);
    const common = { completion: '已完成', basis: '台账核实', verifiedBy: '实地查看' };
    (['1.1', '1.2', '2.1', '2.2', '9.1'] as const).forEach((code, i) => setEntry(s, code, { score: scores[i]!, ...common }));
    await runToSeal(s, plan, unit, { keys, now, signers: { G1: ['p01', 'p02'], G2: ['p04', 'p05'] } });
    sheets.push([unit, s]);
  }
  sheets.push(['m03', blankSheet(plan, 'm03')]);
  const inputs: CompileInput[] = await Promise.all(
    sheets.map(async ([unit, s]) => ({ file: `${unit}.xlsx`, report: await evaluate(s, plan, { mode: 'verify' }) })),
  );
  return { plan, tables: summaryTables(plan, compile(plan, inputs)) };
}

/** One table with a row of every row style, highlighted cells and cell formats: what a compile may not happen to produce. */
function everyStyleTable(): SummaryTable {
  const styles = Object.keys(SUMMARY_ROW_LOOKS) as RowStyle[];
  const rows = styles.map((style, i) => (style === 'blank' ? [] : [`${style}`, i + 0.25, '001', i % 2 ? 'x' : 0.5]));
  return {
    name: '样式',
    rows: [['样式一览'], ['内部资料 注意保密'], ...rows],
    styles: ['title', 'note', ...styles],
    widths: [12, 9, 8, 10],
    highlights: [{ row: 4, col: 2, fill: 'C6EFCE' }],
    formats: { 1: '0.00' },
    cellFormats: [{ row: 5, col: 3, format: '0.0%' }],
    freezeRow: 2,
    chartSeries: [],
  };
}

describe('the summary through both edges', () => {
  let compiled: { plan: Plan; tables: SummaryTable[] };
  beforeAll(async () => {
    compiled = await smallCompile();
  });

  it('every formatting property of every summary sheet agrees', async () => {
    const tables = [...compiled.tables, everyStyleTable()];
    // the compile itself gives sections, headers, data, failed rows, grade highlights and per-cell formats
    const fromCompile = new Set(compiled.tables.flatMap((t) => t.styles));
    for (const style of ['title', 'note', 'section', 'header', 'data', 'failed'] as const) expect(fromCompile).toContain(style);
    expect(compiled.tables.some((t) => t.highlights.length > 0)).toBe(true);
    expect(compiled.tables.some((t) => (t.cellFormats ?? []).length > 0)).toBe(true);
    const styles = new Set(tables.flatMap((t) => t.styles));
    expect([...styles].sort()).toEqual((Object.keys(SUMMARY_ROW_LOOKS) as RowStyle[]).sort()); // every row style is shown

    const back = await roundTrip(await summaryWorkbook(tables));
    const d = freshDouble();
    await writeSummary(d.newContext(), tables);

    for (const table of tables) {
      const width = Math.max(1, ...table.rows.map((r) => r.length), table.widths.length);
      const file = fileSheet(back.getWorksheet(table.name)!, table.rows.length, width);
      const office = officeSheet(d, table.name, table.rows.length, width);
      // a row style's font is compared over the table's own columns (see the note at the top)
      const tableWidth = Math.max(1, ...table.rows.map((r) => r.length));
      for (const a1 of Object.keys(file.cells))
        if (colIndex(a1) >= tableWidth) {
          delete file.cells[a1];
          delete office.cells[a1];
        }
      expect({ sheet: table.name, differences: differences(file, office) }).toEqual({ sheet: table.name, differences: [] });
      expect(office.print).toMatchObject({
        orientation: 'Landscape',
        paper: 'A4',
        fitWide: 1,
        fitTall: null,
        centerHeader: '内部资料 注意保密',
      });
    }
  });
});

function colIndex(a1: string): number {
  let n = 0;
  for (const ch of /^[A-Z]+/.exec(a1)![0]) n = n * 26 + ch.charCodeAt(0) - 64;
  return n - 1;
}
