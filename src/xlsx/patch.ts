/**
 * Applying a {@link SheetPatch} (computed by the core) to an ExcelJS workbook: write the
 * given cells and nothing else, append log rows, lock/unlock, fill, seal and unseal.
 * The patch is checked first, so a bad patch changes nothing.
 */
import type ExcelJS from 'exceljs';
import { addr, parseRange } from '../core/sheet/cells';
import type { CellBlock, SheetPatch } from '../core/sheet/patch';
import { toExcelJs } from './cells';
import { appendLogRows } from './logsheet';
import { forEachCell } from './ranges';
import { ORDINARY_PROTECTION, SEALED_PROTECTION, structureProtection } from './protection';
import { setStructureProtection } from './structure';
import { hashPassword } from './password';

/**
 * Applies a patch to the workbook in memory (save it with `saveWorkbookAtomic`).
 *
 * - `writes`: exactly the cells of each block (a null value clears a cell); styles stay
 * - `appendLog`: rows added to `_scoreseal` after its last non-empty row (the sheet is
 *   created very hidden when missing)
 * - `lock` / `unlock`: the cells' locked flag; `fills`: a solid fill, or none
 * - `seal`: every cell locked, the sheet protected with the password, the workbook
 *   structure protected with the same password (written into `xl/workbook.xml` on save)
 * - `unseal`: the password protection and the structure protection are removed; the sheet
 *   returns to its ordinary state (protected without a password), so locked cells stay
 *   locked. The password is not checked here: the file edge cannot enforce it anyway (any
 *   tool can drop protection); the Office role check and the logged reason are the control.
 *
 * Sheet protection is otherwise left as found.
 *
 * @throws {RangeError} when the sheet is missing, a range is not A1, or a write targets a
 *   merged cell other than its area's top-left (nothing has been changed then)
 */
export async function applyPatch(wb: ExcelJS.Workbook, patch: SheetPatch): Promise<void> {
  const ws = wb.getWorksheet(patch.sheetName);
  if (!ws) throw new RangeError(`the workbook has no sheet named "${patch.sheetName}"`);
  checkPatch(ws, patch);
  for (const block of patch.writes) writeBlock(ws, block);
  appendLogRows(wb, patch.appendLog);
  for (const range of patch.lock ?? []) setLocked(ws, range, true);
  for (const range of patch.unlock ?? []) setLocked(ws, range, false);
  for (const f of patch.fills ?? []) setFill(ws, f.range, f.color);
  if (patch.unseal) await unseal(wb, ws);
  if (patch.seal) await seal(wb, ws, patch.seal.password);
}

function checkPatch(ws: ExcelJS.Worksheet, patch: SheetPatch): void {
  const ranges = [...(patch.lock ?? []), ...(patch.unlock ?? []), ...(patch.fills ?? []).map((f) => f.range)];
  for (const r of ranges) if (!parseRange(r)) throw new RangeError(`not an A1 range: ${r}`);
  for (const f of patch.fills ?? []) if (f.color !== null) argb(f.color);
  for (const block of patch.writes) {
    if (!Number.isInteger(block.row) || block.row < 1 || !Number.isInteger(block.col) || block.col < 0)
      throw new RangeError(`a write block starts outside the sheet (row ${block.row}, column ${block.col})`);
    block.values.forEach((line, i) =>
      line.forEach((_v, j) => {
        const cell = ws.findCell(block.row + i, block.col + j + 1);
        if (cell && cell.isMerged && cell.master !== cell)
          throw new RangeError(`${addr(block.row + i, block.col + j)} is inside a merged area; write to ${cell.master.address}`);
      }),
    );
  }
}

function writeBlock(ws: ExcelJS.Worksheet, block: CellBlock): void {
  block.values.forEach((line, i) => {
    const row = ws.getRow(block.row + i);
    line.forEach((v, j) => {
      row.getCell(block.col + j + 1).value = toExcelJs(v);
    });
  });
}

/** Styles read from a file are shared between cells, so a cell's style is replaced, never edited in place. */
function setLocked(ws: ExcelJS.Worksheet, range: string, locked: boolean): void {
  forEachCell(ws, range, (cell) => (cell.style = { ...cell.style, protection: { ...cell.style.protection, locked } }));
}

function setFill(ws: ExcelJS.Worksheet, range: string, color: string | null): void {
  forEachCell(ws, range, (cell) => {
    const { fill: _old, ...rest } = cell.style;
    cell.style = color === null ? rest : { ...rest, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(color) } } };
  });
}

function argb(hex: string): string {
  const h = hex.replace(/^#/, '').toUpperCase();
  if (!/^([0-9A-F]{6}|[0-9A-F]{8})$/.test(h)) throw new RangeError(`not a hex RGB colour: ${hex}`);
  return h.length === 6 ? `FF${h}` : h;
}

async function seal(wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet, password: string): Promise<void> {
  lockEverything(ws);
  // the password's hash is ours (hashPassword: the same SHA-512 rounds as ExcelJS's, our salt)
  await ws.protect('', { ...SEALED_PROTECTION });
  if (password) {
    const h = hashPassword(password);
    // ExcelJS keeps what protect() set on `sheetProtection` (untyped) and writes it as it stands
    Object.assign((ws as unknown as { sheetProtection: object }).sheetProtection, {
      algorithmName: h.algorithmName,
      hashValue: h.hashValue,
      saltValue: h.saltValue,
      spinCount: h.spinCount,
    });
  }
  setStructureProtection(wb, structureProtection(password));
}

async function unseal(wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet): Promise<void> {
  ws.unprotect();
  await ws.protect('', { ...ORDINARY_PROTECTION });
  setStructureProtection(wb, null);
}

/** Locks every cell the sheet holds, and any row or column default that would leave new cells unlocked. */
function lockEverything(ws: ExcelJS.Worksheet): void {
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.findRow(r);
    if (!row) continue;
    // ExcelJS keeps a row's default style on an untyped `style` property
    const rowDefault = row as unknown as { style?: Partial<ExcelJS.Style> };
    if (isUnlocked(rowDefault.style)) rowDefault.style = lockedStyle(rowDefault.style);
    row.eachCell({ includeEmpty: true }, (cell) => {
      if (isUnlocked(cell.style)) cell.style = lockedStyle(cell.style);
    });
  }
  // columnCount counts cells only; defined columns (widths, default styles) may reach further
  const defined = (ws.columns as readonly unknown[] | null)?.length ?? 0;
  for (let c = 1; c <= Math.max(ws.columnCount, defined); c++) lockColumnDefault(ws.getColumn(c));
}

function lockColumnDefault(column: ExcelJS.Column): void {
  if (isUnlocked(column.style)) column.style = lockedStyle(column.style);
}

function isUnlocked(style: Partial<ExcelJS.Style> | undefined): style is Partial<ExcelJS.Style> {
  return style?.protection?.locked === false;
}

function lockedStyle(style: Partial<ExcelJS.Style>): Partial<ExcelJS.Style> {
  return { ...style, protection: { ...style.protection, locked: true } };
}
