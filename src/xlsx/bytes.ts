/**
 * A workbook as .xlsx bytes: ExcelJS writes the package, then the workbook structure
 * protection ExcelJS cannot express is written into `xl/workbook.xml` (see `structure.ts`).
 * Browser-safe.
 */
import type ExcelJS from 'exceljs';
import { getStructureProtection, rewriteStructureProtection } from './structure';

/** The workbook's .xlsx bytes, structure protection included. */
export async function workbookBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  const written: unknown = await wb.xlsx.writeBuffer();
  const bytes = written instanceof Uint8Array ? written : new Uint8Array(written as ArrayBuffer);
  const protection = getStructureProtection(wb);
  return protection ? rewriteStructureProtection(bytes, protection) : bytes;
}
