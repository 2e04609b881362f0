/**
 * What a ScoreSeal action changes in a workbook, as plain data. The core computes a patch;
 * each edge (ExcelJS for files, Office.js for the open workbook) applies it in one go.
 * A patch only ever touches the columns ScoreSeal owns, the footer lines and `_scoreseal`.
 */
import type { CellValue } from './cells';
import type { RawSheet } from './parse';

export interface CellBlock {
  /** 1-based row of the block's top-left cell */
  readonly row: number;
  /** 0-based column of the block's top-left cell */
  readonly col: number;
  /** rows × columns of values */
  readonly values: readonly (readonly CellValue[])[];
}

export interface SheetPatch {
  /** the score sheet's worksheet name */
  readonly sheetName: string;
  /** derived cells to write (ScoreSeal-owned columns and footer lines only) */
  readonly writes: readonly CellBlock[];
  /** rows to append to `_scoreseal` (each [kind, json piece, …]) */
  readonly appendLog: readonly (readonly string[])[];
  /** A1 ranges whose cells become locked (rows both appraisers signed) */
  readonly lock?: readonly string[];
  /** A1 ranges whose cells become unlocked (input cells of unsealed, unsigned rows) */
  readonly unlock?: readonly string[];
  /** A1 ranges to fill with a colour (hex RGB) or to clear (null) — e.g. sampled rows */
  readonly fills?: readonly { readonly range: string; readonly color: string | null }[];
  /** seal: lock every cell, protect the sheet with this password and the workbook structure */
  readonly seal?: { readonly password: string };
  /** unseal: remove sheet and structure protection (password as set at sealing) */
  readonly unseal?: { readonly password: string };
}

/** A workbook as an edge reads it. */
export interface RawWorkbook {
  /** every visible or hidden worksheet except `_scoreseal` */
  readonly sheets: readonly RawSheet[];
  /** the `_scoreseal` rows from A1, or null when the sheet is missing */
  readonly log: readonly (readonly CellValue[])[] | null;
  /** the workbook counts dates from 1904 (cells still hold the stored serials) */
  readonly date1904?: boolean;
}

/**
 * The sheet's cells and the log as they stand once `patch` is written, as an edge reads them back
 * (an empty string reads as an empty cell) — to re-evaluate without reading again. The one
 * place a patch is applied to plain data: the task pane after a write, and the tests' in-memory
 * sheets, use it; the edges write the same patch to Excel or to a file.
 */
export function patchedCells(
  cells: readonly (readonly CellValue[])[],
  log: readonly (readonly CellValue[])[] | null,
  patch: SheetPatch,
): { cells: CellValue[][]; log: CellValue[][] | null } {
  const out: CellValue[][] = cells.map((r) => [...r]);
  for (const block of patch.writes)
    block.values.forEach((values, i) => {
      const r = block.row - 1 + i;
      while (out.length <= r) out.push([]);
      const line = out[r]!;
      values.forEach((v, j) => {
        while (line.length < block.col + j) line.push(null);
        line[block.col + j] = v === '' ? null : v;
      });
    });
  const appended = patch.appendLog.map((row) => row.map((v): CellValue => (v === '' ? null : v)));
  const nextLog = log || appended.length ? [...(log ?? []).map((r) => [...r]), ...appended] : null;
  return { cells: out, log: nextLog };
}
