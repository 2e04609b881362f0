/**
 * Applying a {@link SheetPatch} to the open workbook in one sync (SPEC §7): the derived
 * blocks as 2-D arrays, the log rows as text, lock/unlock/fills, seal and unseal, with
 * calculation suspended. The score sheet is ordinarily protected without a password, so the
 * batch unprotects it, writes, and protects it again; a sealed sheet (password) refuses the
 * unprotect and with it the whole batch, unless the patch unseals it with the right password.
 * Only a request over Excel on the web's payload limit is split into several syncs.
 */
import type { CellValue } from '../core/sheet/cells';
import { LOG_SHEET } from '../core/sheet/layout';
import type { CellBlock, SheetPatch } from '../core/sheet/patch';
import { formatFor, hasFormula, payloadBytes, splitRows, TEXT_FORMAT, toOffice } from './cells';
import { readSheetState, type SheetState } from './read';

/** Protection of a score sheet in its ordinary state (no password): select, resize rows and columns. */
export const ORDINARY_PROTECTION: Excel.WorksheetProtectionOptions = {
  allowFormatColumns: true,
  allowFormatRows: true,
  selectionMode: 'Normal',
};
/** Protection of a sealed sheet (with the oversight member's password): select only. */
export const SEALED_PROTECTION: Excel.WorksheetProtectionOptions = { selectionMode: 'Normal' };

/** Request bytes per sync we allow ourselves (Excel on the web refuses about 5 MB). */
export const PAYLOAD_BUDGET = 4_000_000;

export interface PatchOptions {
  /** the state the read before this patch found (`ScoreSheetRead.state`); read afresh (one more sync) when absent */
  readonly state?: SheetState;
  /** request bytes per sync; a patch larger than this is split */
  readonly payloadBudget?: number;
}

export interface PatchResult {
  /** syncs used to write (1 unless the payload had to be split) */
  readonly syncs: number;
}

/** One step of the batch, with its estimated request size. */
interface Step {
  readonly bytes: number;
  queue(): void;
}

const STEP_OVERHEAD = 200;

/**
 * Applies a patch: `writes` exactly the given cells (an empty core cell is cleared), appends
 * `appendLog` to `_scoreseal` as text (creating it very hidden when missing), locks, unlocks,
 * fills; `seal` locks every cell and protects the sheet and the workbook structure with the
 * password; `unseal` removes both (password needed) and returns the sheet to its ordinary
 * protection.
 *
 * @throws the Office error `AccessDenied` when the sheet is sealed and the patch does not
 *   unseal it, or the password is wrong; `RequestPayloadSizeLimitExceeded` when a single
 *   row is over the budget (map with `run`)
 */
export async function applyPatch(context: Excel.RequestContext, patch: SheetPatch, options: PatchOptions = {}): Promise<PatchResult> {
  const state = options.state ?? (await readSheetState(context, patch.sheetName));
  const budget = options.payloadBudget ?? PAYLOAD_BUDGET;
  const wb = context.workbook;
  const ws = wb.worksheets.getItem(patch.sheetName);

  const head: Step[] = [];
  const body: Step[] = [];
  const tail: Step[] = [];

  if (state.sheetProtected) head.push(step(64, () => ws.protection.unprotect(patch.unseal?.password)));
  if (patch.unseal && state.structureProtected) head.push(step(64, () => wb.protection.unprotect(patch.unseal!.password)));

  for (const block of patch.writes) for (const part of splitRows(block.values, budget / 2)) body.push(writeStep(ws, block, part));
  for (const range of patch.unlock ?? []) body.push(step(range.length, () => (ws.getRange(range).format.protection.locked = false)));
  for (const range of patch.lock ?? []) body.push(step(range.length, () => (ws.getRange(range).format.protection.locked = true)));
  for (const { range, color } of patch.fills ?? []) {
    body.push(
      step(range.length + 8, () => {
        if (color === null) ws.getRange(range).format.fill.clear();
        else ws.getRange(range).format.fill.color = `#${color.replace(/^#/, '')}`;
      }),
    );
  }
  body.push(...logSteps(context, patch.appendLog, state.logRows, budget / 2));

  if (patch.seal) {
    const { password } = patch.seal;
    tail.push(
      step(96, () => {
        ws.getRange().format.protection.locked = true;
        ws.protection.protect(SEALED_PROTECTION, password);
        // the structure may already be protected by the seal of another sheet
        if (!state.structureProtected || patch.unseal) wb.protection.protect(password);
      }),
    );
  } else if (state.sheetProtected || patch.unseal) {
    tail.push(step(64, () => ws.protection.protect(ORDINARY_PROTECTION)));
  }

  const batches = pack(head, body, tail, budget);
  for (const batch of batches) {
    wb.application.suspendApiCalculationUntilNextSync();
    for (const s of batch) s.queue();
    // one sync per batch; more than one batch only when the payload limit demands it (SPEC §7)
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
  }
  return { syncs: batches.length };
}

function step(bytes: number, queue: () => void): Step {
  return { bytes: bytes + STEP_OVERHEAD, queue };
}

function writeStep(ws: Excel.Worksheet, block: CellBlock, part: { start: number; rows: readonly (readonly CellValue[])[] }): Step {
  const width = Math.max(0, ...part.rows.map((r) => r.length));
  const cells = part.rows.map((r) => Array.from({ length: width }, (_, c) => r[c] ?? null));
  const values = cells.map((r) => r.map(toOffice));
  const formats = cells.map((r) => r.map(formatFor));
  const anyFormat = formats.some((r) => r.some((f) => f !== null));
  return step(payloadBytes(values) + (anyFormat ? payloadBytes(formats) : 0), () => {
    if (!width) return;
    const range = ws.getRangeByIndexes(block.row - 1 + part.start, block.col, cells.length, width);
    if (anyFormat) range.numberFormat = formats;
    if (hasFormula(cells)) range.formulas = values;
    else range.values = values;
  });
}

/**
 * Log rows, written as text after the last used row of `_scoreseal`. The position is found
 * by Excel when the batch runs (used range → last row → next row), so rows appended by
 * someone else meanwhile are never overwritten; an empty or new log starts at A1.
 */
function logSteps(context: Excel.RequestContext, rows: readonly (readonly string[])[], logRows: number | null, limit: number): Step[] {
  let exists = logRows !== null;
  let empty = !logRows;
  return splitRows(rows, limit).map((part) => {
    const width = Math.max(2, ...part.rows.map((r) => r.length));
    const values = part.rows.map((r) => Array.from({ length: width }, (_, c) => r[c] ?? ''));
    const formats = values.map((r) => r.map(() => TEXT_FORMAT));
    const [create, atTop] = [!exists, empty];
    [exists, empty] = [true, false];
    return step(payloadBytes(values) + payloadBytes(formats), () => {
      const sheets = context.workbook.worksheets;
      let log: Excel.Worksheet;
      if (create) {
        log = sheets.add(LOG_SHEET);
        log.visibility = 'VeryHidden';
      } else log = sheets.getItem(LOG_SHEET);
      const target = atTop
        ? log.getRangeByIndexes(0, 0, values.length, width)
        : log.getUsedRange(true).getLastRow().getCell(0, 0).getOffsetRange(1, 0).getAbsoluteResizedRange(values.length, width);
      target.numberFormat = formats;
      target.values = values;
    });
  });
}

/**
 * Packs steps into batches under the budget, in order: the head (unprotect) opens the first
 * batch and the tail (protect, seal) closes the last one.
 */
function pack(head: readonly Step[], body: readonly Step[], tail: readonly Step[], budget: number): Step[][] {
  const batches: Step[][] = [[...head]];
  let bytes = head.reduce((n, s) => n + s.bytes, 0);
  for (const s of [...body, ...tail]) {
    if (bytes + s.bytes > budget && batches[batches.length - 1]!.length) {
      batches.push([]);
      bytes = 0;
    }
    batches[batches.length - 1]!.push(s);
    bytes += s.bytes;
  }
  return batches.filter((b) => b.length);
}
