/**
 * The Office's setup workbook (SPEC §1) as a file: reading its sheets as tables (the core's
 * `setupToPlan` turns them into a plan) and writing a plan out in the same layout, with the
 * Chinese sheet and column titles of `SETUP_SHEETS` / `SETUP_COLUMNS`.
 */
import type ExcelJS from 'exceljs';
import { newWorkbook } from './exceljs';
import type { CellValue } from '../core/sheet/cells';
import { PlanSchema, type ItemNode, type Mode, type PlanData, type Role, type Rubric } from '../core/plan/schema';
import { SETUP_COLUMNS, SETUP_SHEETS } from '../core/plan/setup';
import { schemaProblem } from '../core/plan/issues';
import { render } from '../core/i18n/catalog';
import { toExcelJs } from './cells';
import { readWorkbook } from './read';
import { saveWorkbookAtomic } from './save';
import { bareRecord } from '../core/lookup';
import { PALETTE } from '../core/presentation/look';

/** Sheet name → cells from A1 (header in row 1). */
export type SetupTables = Record<string, CellValue[][]>;

/**
 * Every sheet of a setup workbook as values from A1, by sheet name.
 *
 * @throws {XlsxError} as `readWorkbook`
 */
export async function readSetupTables(path: string): Promise<SetupTables> {
  const { raw } = await readWorkbook(path);
  const tables: SetupTables = bareRecord(); // sheet names are the keys
  for (const sheet of raw.sheets) tables[sheet.name] = sheet.cells.map((row) => [...row]);
  return tables;
}

/**
 * Writes a plan (a `scoreseal/plan@1` JSON object) as a setup workbook, atomically.
 *
 * @throws {TypeError} when `plan` is not a plan object (the schema's first issues are named)
 * @throws {XlsxError} WRITE_FAILED
 */
export async function writeSetupWorkbook(plan: unknown, path: string): Promise<void> {
  const parsed = PlanSchema.safeParse(plan, { reportInput: true });
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${render(schemaProblem(i), 'en-US')}`);
    throw new TypeError(`not a scoreseal/plan@1 object: ${issues.join('; ')}`);
  }
  const wb = await newWorkbook();
  for (const [name, rows] of Object.entries(setupTables(parsed.data))) addTableSheet(wb, name, rows);
  await saveWorkbookAtomic(wb, path);
}

const zh = <T extends readonly [string, string]>(pair: T): T[0] => pair[0];
const MODE_WORD: Record<Mode, string> = { award: '加分', deduct: '扣分', veto: '否决' };
const ROLE_WORD: Record<Role, string> = { appraiser: '考核人员', oversight: '监审人员', office: '办公室' };
const LIST_JOIN = '、';

/** A plan's setup tables (sheet name → header row + rows), in the order the sheets appear. */
export function setupTables(plan: PlanData): SetupTables {
  return {
    [zh(SETUP_SHEETS.settings)]: settingsTable(plan),
    [zh(SETUP_SHEETS.rubrics)]: rubricsTable(plan),
    [zh(SETUP_SHEETS.items)]: itemsTable(plan),
    [zh(SETUP_SHEETS.people)]: peopleTable(plan),
    [zh(SETUP_SHEETS.units)]: unitsTable(plan),
  };
}

function header<K extends string>(columns: Record<K, readonly [string, string]>): string[] {
  return Object.values<readonly [string, string]>(columns).map(zh);
}

function settingsTable(plan: PlanData): CellValue[][] {
  return [
    header(SETUP_COLUMNS.settings),
    ['考核名称', plan.title],
    ['语言', plan.locale],
    ['签字方式', plan.signing === 'name' ? '姓名' : '密钥'],
  ];
}

function rubricsTable(plan: PlanData): CellValue[][] {
  return [header(SETUP_COLUMNS.rubrics), ...plan.rubrics.map(rubricRow)];
}

function rubricRow(r: Rubric): CellValue[] {
  return [
    r.id,
    r.title,
    r.category,
    r.step,
    r.sampleRatio,
    r.basisRequired === 'deduction' ? '扣分时' : '每项',
    r.grades.map((g) => `${g.name}:${g.min}`).join(LIST_JOIN),
    (r.quotas ?? []).map((q) => `${q.grade}:${q.maxShare}`).join(LIST_JOIN) || null,
    r.vetoGrade ?? null,
  ];
}

function itemsTable(plan: PlanData): CellValue[][] {
  const rows: CellValue[][] = [header(SETUP_COLUMNS.items)];
  for (const r of plan.rubrics) {
    const walk = (items: readonly ItemNode[], parent: string | null): void => {
      for (const n of items) {
        rows.push([r.id, n.code, parent, n.name, n.criteria || null, n.max ?? null, n.mode ? MODE_WORD[n.mode] : null, n.group ?? null]);
        if (n.children?.length) walk(n.children, n.code);
      }
    };
    walk(r.items, null);
  }
  return rows;
}

function peopleTable(plan: PlanData): CellValue[][] {
  return [
    header(SETUP_COLUMNS.people),
    ...plan.people.map((p): CellValue[] => [
      p.id,
      p.name,
      p.dept || null,
      ROLE_WORD[p.role],
      p.groups?.join(LIST_JOIN) || null,
      p.recuse?.join(LIST_JOIN) || null,
      p.publicKey ?? null,
    ]),
  ];
}

function unitsTable(plan: PlanData): CellValue[][] {
  return [header(SETUP_COLUMNS.units), ...plan.units.map((u): CellValue[] => [u.id, u.name, u.rubric])];
}

// ---------------------------------------------------------------------------------------------

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${PALETTE.headerFill}` } };
const MIN_WIDTH = 8;
const MAX_WIDTH = 60;

function addTableSheet(wb: ExcelJS.Workbook, name: string, rows: readonly (readonly CellValue[])[]): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }] });
  rows.forEach((values, i) => {
    const row = ws.getRow(i + 1);
    values.forEach((v, c) => {
      if (v !== null) row.getCell(c + 1).value = toExcelJs(v);
    });
  });
  setWidths(ws, rows);
  ws.getRow(1).eachCell(
    (cell) => (cell.style = { font: { bold: true }, fill: HEADER_FILL, alignment: { vertical: 'middle', horizontal: 'center' } }),
  );
}

/** Each column as wide as its widest text, within limits; longer texts wrap. */
function setWidths(ws: ExcelJS.Worksheet, rows: readonly (readonly CellValue[])[]): void {
  const width = Math.max(...rows.map((r) => r.length));
  for (let c = 0; c < width; c++) {
    const widest = Math.max(...rows.map((r) => textWidth(r[c] ?? null)));
    const col = ws.getColumn(c + 1);
    col.width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, widest + 2));
    if (widest > MAX_WIDTH) col.alignment = { wrapText: true, vertical: 'top' };
  }
}

/** Approximate display width: CJK characters count double. */
function textWidth(v: CellValue): number {
  if (v === null || typeof v === 'object') return 0;
  let w = 0;
  for (const ch of String(v)) w += ch.charCodeAt(0) > 0x2e80 ? 2 : 1;
  return w;
}
