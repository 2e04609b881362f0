/**
 * Applying a {@link SheetPatch} to the open workbook (SPEC §7): the derived blocks as 2-D
 * arrays, the log rows as text, lock/unlock/fills, seal and unseal, with calculation
 * suspended. The score sheet is ordinarily protected without a password, so the batch
 * unprotects it, writes, and protects it again; a sealed sheet (password) refuses the
 * unprotect and with it the whole batch, unless the patch unseals it with the right password.
 *
 * Syncs: one, and a second one when the patch appends to the log (the append is read back:
 * see log.ts) or unlocks cells (the protection then goes in that second sync: cells unlocked
 * in the same batch as `protect()` stayed locked on the web —
 * https://github.com/OfficeDev/office-js/issues/143). More only when Excel on the web's
 * payload limit demands it, when another session took the log row, or when the protection
 * state changed since the read.
 *
 * Protection calls are made only in the state they expect, as the read found it (the state is
 * read in the same action, before computing): `protect()` on a protected sheet fails (the
 * reference), is a no-op (hosts in practice) or AccessDenied (builds from mid-2026,
 * https://github.com/OfficeDev/office-js/issues/6784), and so is `unprotect()` on an
 * unprotected one. When the state changed meanwhile and a protection call fails, the state is
 * read again and the write made once more (nothing of it had been applied: the unprotect comes
 * first). A password is passed to `unprotect` only to unseal: unprotecting a sheet protected
 * without a password *with* one makes a later `protect(…, password)` ignore the password
 * (https://github.com/OfficeDev/office-js/issues/762).
 */
import type { CellValue } from '../core/sheet/cells';
import { decodeLog } from '../core/sheet/log';
import { LOG_SHEET } from '../core/sheet/layout';
import type { CellBlock, SheetPatch } from '../core/sheet/patch';
import { formatFor, hasFormula, payloadBytes, splitRows, toOffice } from './cells';
import { errorLocation, failedAtProtection, OfficeEdgeError, officeCode } from './errors';
import { pause, queueAppend, queueCheck, settleAppends, type QueuedAppend, type QueuedCheck } from './log';
import { loaded, readSheetState, type SheetState } from './read';

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
  /** milliseconds to give other sessions' changes to arrive before a log append is read back (default 0) */
  readonly settleMs?: number;
  /**
   * unseal: the workbook structure's password, when it differs from the sheet's (the structure
   * was protected by the first seal, perhaps with another password); default: the sheet's
   */
  readonly structurePassword?: string;
}

/** What became of the workbook structure protection when a sheet was unsealed. */
export type StructureAfterUnseal =
  /** another sealed sheet still relies on it: left protected */
  | 'kept'
  /** no other sheet is sealed: removed */
  | 'removed'
  /** no other sheet is sealed, but the password given does not open it: still protected (ask for the structure password: {@link unprotectStructure}) */
  | 'passwordNeeded';

export interface PatchResult {
  /** syncs used to write */
  readonly syncs: number;
  /** unseal only: the structure protection afterwards (absent when it was not protected) */
  readonly structure?: StructureAfterUnseal;
}

/** One step of the batch, with its estimated request size. */
interface Step {
  readonly bytes: number;
  queue(): void;
}

const STEP_OVERHEAD = 200;

/**
 * Applies a patch: `writes` exactly the given cells (an empty core cell is cleared), appends
 * `appendLog` to `_scoreseal` as text (creating it very hidden when missing) and verifies the
 * append, locks, unlocks, fills; `seal` locks every cell and protects the sheet with the
 * password, and the workbook structure unless another seal protects it already; `unseal`
 * returns the sheet to its ordinary protection, and removes the structure protection only when
 * no other sheet is sealed (see {@link StructureAfterUnseal}).
 *
 * @throws {OfficeEdgeError} `BadPassword` when an unseal's password is wrong (whatever code the
 *   host used), `StructureProtected` when the log must be created but the structure is
 *   protected, `LogConflict` when other sessions kept taking the log row
 * @throws the Office error `AccessDenied` when the sheet is sealed and the patch does not
 *   unseal it; `RequestPayloadSizeLimitExceeded` when a single row is over the budget (map with `run`)
 */
export async function applyPatch(context: Excel.RequestContext, patch: SheetPatch, options: PatchOptions = {}): Promise<PatchResult> {
  let state = options.state ?? (await readSheetState(context, patch.sheetName));
  let syncs = options.state ? 0 : 1;
  let written: Written;
  try {
    written = await write(context, patch, state, options);
  } catch (e) {
    // a protection call failed, or a write met protection the read did not see
    const stale = failedAtProtection(e) ? /\.unprotect/.test(errorLocation(e)) : officeCode(e) === 'AccessDenied' && !state.sheetProtected;
    if (!stale) throw e;
    // the unprotect (the batch's first statement: nothing was applied) failed: is the state
    // not what the read found, or is the password wrong?
    const fresh = await readSheetState(context, patch.sheetName);
    syncs += 2;
    if (fresh.sheetProtected === state.sheetProtected && fresh.structureProtected === state.structureProtected)
      // protected with a password: the unseal's is wrong, or the sheet is sealed and this is no unseal
      throw new OfficeEdgeError(patch.unseal ? 'BadPassword' : 'AccessDenied', e);
    state = fresh;
    written = await write(context, patch, state, options);
  }
  syncs += written.syncs;
  const after = await afterUnseal(context, patch, state, options);
  return { syncs: syncs + after.syncs, ...(after.structure ? { structure: after.structure } : {}) };
}

interface Written {
  readonly syncs: number;
}

/** The write itself: the batches, then (when needed) the protection and the log's read-back. */
async function write(context: Excel.RequestContext, patch: SheetPatch, state: SheetState, options: PatchOptions): Promise<Written> {
  const budget = options.payloadBudget ?? PAYLOAD_BUDGET;
  const wb = context.workbook;
  const ws = wb.worksheets.getItem(patch.sheetName);
  if (patch.appendLog.length && state.logRows === null && state.structureProtected) throw new OfficeEdgeError('StructureProtected');

  const head: Step[] = [];
  const body: Step[] = [];
  const tail: Step[] = [];

  // a password only to unseal (office-js#762)
  if (state.sheetProtected) head.push(step(64, () => ws.protection.unprotect(patch.unseal ? patch.unseal.password : undefined)));

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
  const appends: QueuedAppend[] = [];
  let [exists, empty] = [state.logRows !== null, !state.logRows];
  for (const part of splitRows(patch.appendLog, budget / 2)) {
    const where = { create: !exists, atTop: empty };
    [exists, empty] = [true, false];
    body.push(step(payloadBytes(part.rows) * 2, () => appends.push(queueAppend(context, part.rows, where))));
  }

  if (patch.seal) {
    const { password } = patch.seal;
    tail.push(
      step(96, () => {
        ws.getRange().format.protection.locked = true;
        ws.protection.protect(SEALED_PROTECTION, password);
        // the structure may already be protected by the seal of another sheet
        if (!state.structureProtected) wb.protection.protect(password);
      }),
    );
  } else if (state.sheetProtected || patch.unseal) {
    tail.push(step(64, () => ws.protection.protect(ORDINARY_PROTECTION)));
  }

  // the protection waits for a sync of its own when cells were unlocked (office-js#143), and
  // shares it with the log's read-back
  const separate = (patch.unlock?.length ?? 0) > 0 || patch.appendLog.length > 0;
  const batches = pack(head, body, separate ? [] : tail, budget);
  for (const batch of batches) {
    wb.application.suspendApiCalculationUntilNextSync();
    for (const s of batch) s.queue();
    // one sync per batch; more than one batch only when the payload limit demands it (SPEC §7)
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
  }
  let syncs = batches.length;
  if (!separate) return { syncs };

  await pause(appends.length ? (options.settleMs ?? 0) : 0);
  for (const s of tail) s.queue();
  const check: QueuedCheck | null = appends.length ? queueCheck(context, appends) : null;
  try {
    await context.sync();
  } catch (e) {
    if (!failedAtProtection(e)) throw e;
    // protected meanwhile (another session): what matters is that it is protected now
    const now = await readSheetState(context, patch.sheetName);
    if (!now.sheetProtected) throw e;
    return { syncs: syncs + 2 };
  }
  syncs += 1;
  if (check) syncs += await settleAppends(context, check, options.settleMs ?? 0);
  return { syncs };
}

/**
 * After an unseal: the structure protection stays when another sheet is still sealed (the
 * log says which units are), and is removed otherwise — with the structure password, which
 * is the first seal's and may differ from this sheet's. A wrong one is not an error of the
 * unseal (done by then): the result says `passwordNeeded`.
 */
async function afterUnseal(
  context: Excel.RequestContext,
  patch: SheetPatch,
  state: SheetState,
  options: PatchOptions,
): Promise<{ syncs: number; structure?: StructureAfterUnseal }> {
  if (!patch.unseal || !state.structureProtected) return { syncs: 0 };
  const unit = decodeLog(patch.appendLog.map((r) => [...r])).find((e) => e.kind === 'unseal')?.unit ?? null;
  const logWs = context.workbook.worksheets.getItemOrNullObject(LOG_SHEET);
  const used = logWs.getUsedRangeOrNullObject(true).load(['values', 'rowIndex']);
  await context.sync();
  const rows = logWs.isNullObject || used.isNullObject ? [] : loaded(used.values);
  if (sealedUnits(rows).some((u) => u !== unit)) return { syncs: 1, structure: 'kept' };
  const removed = await unprotectStructure(context, options.structurePassword ?? patch.unseal.password).then(
    () => true,
    (e: unknown) => {
      if (e instanceof OfficeEdgeError && e.detail === 'BadPassword') return false;
      throw e;
    },
  );
  return { syncs: 2, structure: removed ? 'removed' : 'passwordNeeded' };
}

/** Units whose last seal or unseal record in the log is a seal. */
export function sealedUnits(rows: readonly (readonly unknown[])[]): string[] {
  const last = new Map<string, string>();
  const cells = rows.map((r) => r.map((v) => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null)));
  for (const e of decodeLog(cells)) if ((e.kind === 'seal' || e.kind === 'unseal') && e.unit) last.set(e.unit, e.kind);
  return [...last].filter(([, kind]) => kind === 'seal').map(([unit]) => unit);
}

/**
 * Removes the workbook structure protection with its password (one sync): for the Office when
 * the last sealed sheet was unsealed with a password other than the structure's.
 *
 * @throws {OfficeEdgeError} `BadPassword` for a wrong password (whatever code the host used)
 */
export async function unprotectStructure(context: Excel.RequestContext, password: string): Promise<void> {
  const structure = context.workbook.protection.load('protected');
  await context.sync();
  if (!structure.protected) return;
  context.workbook.protection.unprotect(password);
  try {
    await context.sync();
  } catch (e) {
    if (failedAtProtection(e)) throw new OfficeEdgeError('BadPassword', e);
    throw e;
  }
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
