/**
 * Appending to `_scoreseal` so that no record is lost under co-authoring (SPEC §2: the log is
 * append-only).
 *
 * With the workbook open in several sessions (Excel on the web; desktop with AutoSave), a batch
 * runs on its own session's copy, and "all coauthors of a workbook can see another coauthor's
 * changes as soon as that coauthor saves the workbook"
 * (https://learn.microsoft.com/office/dev/add-ins/excel/co-authoring-in-excel-add-ins). Two
 * people appending at once both write "the row after the last used one"; the same cells
 * written twice keep the later write, and the other record is gone — silently.
 *
 * So an append is written at the next free row as Excel finds it when the batch runs (used
 * range → last row → next row), and the rows written are remembered; a later sync of the same
 * action reads those rows back (after `settleMs`, the time given for other sessions' changes to
 * arrive), and rows that no longer hold our record are appended again at the then next free
 * row, and verified again — up to {@link LOG_ATTEMPTS} times, then `LogConflict`.
 */
import { LOG_SHEET } from '../core/sheet/layout';
import { TEXT_FORMAT } from './cells';
import { OfficeEdgeError } from './errors';

/** Attempts at writing a record before giving up with `LogConflict`. */
export const LOG_ATTEMPTS = 4;

/** Rows to append, each [kind, JSON piece, …]; every cell is written as text. */
export type LogRows = readonly (readonly string[])[];

/** An append queued in a batch: after that batch's sync, `rowIndex` is where it went (0-based). */
export interface QueuedAppend {
  readonly rows: LogRows;
  readonly width: number;
  readonly target: Excel.Range;
}

const widthOf = (rows: LogRows): number => Math.max(2, ...rows.map((r) => r.length));
const padded = (rows: LogRows, width: number): string[][] => rows.map((r) => Array.from({ length: width }, (_, c) => r[c] ?? ''));

/**
 * Queues an append of `rows` to the log (no sync): at A1 when the log is new or empty
 * (`create`/`atTop`), else below its last used row as Excel finds it when the batch runs.
 * The target's row index is loaded in the same batch.
 */
export function queueAppend(context: Excel.RequestContext, rows: LogRows, where: { create: boolean; atTop: boolean }): QueuedAppend {
  const width = widthOf(rows);
  const values = padded(rows, width);
  const sheets = context.workbook.worksheets;
  let log: Excel.Worksheet;
  if (where.create) {
    log = sheets.add(LOG_SHEET);
    log.visibility = 'VeryHidden';
  } else log = sheets.getItem(LOG_SHEET);
  const target = where.atTop
    ? log.getRangeByIndexes(0, 0, values.length, width)
    : log.getUsedRange(true).getLastRow().getCell(0, 0).getOffsetRange(1, 0).getAbsoluteResizedRange(values.length, width);
  target.numberFormat = values.map((r) => r.map(() => TEXT_FORMAT));
  target.values = values;
  target.load('rowIndex');
  return { rows, width, target };
}

/** A verification queued in a batch: the rows as they stand now. */
export interface QueuedCheck {
  readonly appends: readonly { readonly rows: LogRows; readonly rowIndex: number; readonly back: Excel.Range }[];
}

/** Queues the read-back of appends made by earlier syncs (no sync). */
export function queueCheck(context: Excel.RequestContext, appends: readonly QueuedAppend[]): QueuedCheck {
  const log = context.workbook.worksheets.getItem(LOG_SHEET);
  return {
    appends: appends.map((a) => ({
      rows: a.rows,
      rowIndex: a.target.rowIndex,
      back: log.getRangeByIndexes(a.target.rowIndex, 0, a.rows.length, a.width).load('values'),
    })),
  };
}

/** The rows of a checked append that no longer hold what was written (taken by another session). */
export function lostRows(check: QueuedCheck): string[][] {
  const lost: string[][] = [];
  for (const a of check.appends) {
    const width = widthOf(a.rows);
    padded(a.rows, width).forEach((row, i) => {
      const now = a.back.values[i] ?? [];
      if (row.some((v, c) => String(now[c] ?? '') !== v)) lost.push(row);
    });
  }
  return lost;
}

/**
 * After the sync that carried `check`: appends the lost rows again and verifies them, until
 * none is lost (one or two more syncs per round; none when nothing was lost).
 *
 * @returns the syncs used
 * @throws {OfficeEdgeError} `LogConflict` after {@link LOG_ATTEMPTS} rounds
 */
export async function settleAppends(context: Excel.RequestContext, first: QueuedCheck, settleMs: number): Promise<number> {
  let lost = lostRows(first);
  let syncs = 0;
  for (let attempt = 1; lost.length; attempt++) {
    if (attempt >= LOG_ATTEMPTS) throw new OfficeEdgeError('LogConflict');
    const again = queueAppend(context, lost, { create: false, atTop: false });
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- a retry only when another session took the row
    await context.sync();
    await pause(settleMs);
    const check = queueCheck(context, [again]);
    // eslint-disable-next-line office-addins/no-context-sync-in-loop -- the retry's verification
    await context.sync();
    syncs += 2;
    lost = lostRows(check);
  }
  return syncs;
}

/** Waits `ms` (none for 0). */
export function pause(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
