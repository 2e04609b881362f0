/**
 * Excel's own rules that both edges obey when they write a sheet: sheet names, error values,
 * number formats, row heights and the unit of column widths. Facts about Excel, not choices
 * of ScoreSeal; the choices are in look.ts, sheet.ts and summary.ts beside this file.
 */

/** The longest sheet name Excel accepts. */
export const SHEET_NAME_MAX = 31;
/** Characters Excel refuses in a sheet name: [ ] : * ? / \ (global, for `replace`; not for `test`). */
export const SHEET_NAME_FORBIDDEN = /[[\]:*?/\\]/g;

/** Error values of the original file format: a file stores them as error cells (ExcelJS's `CellErrorValue`). */
const FILE_ERRORS = ['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A'] as const;
export type FileErrorValue = (typeof FILE_ERRORS)[number];

/**
 * Every error value Excel shows in a cell, as Office.js reports it in `Range.values`: the
 * seven of the file format, then the newer ones (data types, dynamic arrays, Python, …).
 */
export const EXCEL_ERROR_VALUES = [
  ...FILE_ERRORS,
  '#GETTING_DATA',
  '#SPILL!',
  '#CALC!',
  '#FIELD!',
  '#BLOCKED!',
  '#CONNECT!',
  '#BUSY!',
  '#UNKNOWN!',
  '#EXTERNAL!',
  '#PYTHON!',
] as const;

/** The error values a file edge can write as errors; another code is written as its text. */
export const FILE_ERROR_VALUES: readonly FileErrorValue[] = FILE_ERRORS;

/** The number format that keeps a cell's text as typed. */
export const TEXT_FORMAT = '@';
/** Excel's default number format. */
export const GENERAL_FORMAT = 'General';

/** The tallest row Excel allows, in points. */
export const MAX_ROW_HEIGHT = 409;

/**
 * A column width in characters (what a file stores and ExcelJS takes) in points (what
 * Office.js `RangeFormat.columnWidth` takes): 7 pixels per character of the default font plus
 * 5 pixels of padding, at 0.75 points per pixel, rounded to 1/100 point.
 */
export const columnWidthPoints = (chars: number): number => Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
