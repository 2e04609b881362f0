/**
 * ExcelJS, loaded on first use: a command that only reads (validate, verify, keygen, help)
 * never loads it — about 0.15 s of every such run on the command line, where the lean reader
 * does the reading. Writing (template, sign … seal, compile's summary) loads it once.
 */
import type ExcelJS from 'exceljs';

type ExcelJSModule = typeof ExcelJS;
let loaded: Promise<ExcelJSModule> | null = null;

/** The ExcelJS module. */
export function loadExcelJS(): Promise<ExcelJSModule> {
  loaded ??= import('exceljs').then((m) => (m as { default?: ExcelJSModule }).default ?? (m as unknown as ExcelJSModule));
  return loaded;
}

/** A new, empty ExcelJS workbook. */
export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  return new (await loadExcelJS()).Workbook();
}
