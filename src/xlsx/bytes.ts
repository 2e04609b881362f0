/**
 * A workbook as .xlsx bytes: ExcelJS writes the package, then the workbook structure
 * protection ExcelJS cannot express is written into `xl/workbook.xml` (see `structure.ts`).
 * With a fixed write time (reproducible runs: the command line's SCORESEAL_CLOCK), the
 * workbook's created/modified properties and every zip entry's date are that time, so the same
 * workbook gives the same bytes. Browser-safe.
 */
import type ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { useCountedSalts } from './password';
import { getStructureProtection, injectStructureProtection, WORKBOOK_XML } from './structure';

let fixedTime: Date | null = null;

/**
 * Writes every later workbook with this time and counted password salts (null: the workbook's
 * own times, now, and random salts).
 */
export function useFixedWriteTime(t: Date | null): void {
  fixedTime = t;
  useCountedSalts(t !== null);
}

/** The workbook's .xlsx bytes, structure protection included. */
export async function workbookBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  const time = fixedTime;
  if (time) {
    wb.created = time;
    wb.modified = time;
  }
  const written: unknown = await wb.xlsx.writeBuffer();
  const bytes = written instanceof Uint8Array ? written : new Uint8Array(written as ArrayBuffer);
  const protection = getStructureProtection(wb);
  if (!protection && !time) return bytes;
  const zip = await JSZip.loadAsync(bytes);
  if (protection) {
    const entry = zip.file(WORKBOOK_XML);
    if (!entry) throw new Error(`${WORKBOOK_XML} is missing from the written workbook`);
    zip.file(WORKBOOK_XML, injectStructureProtection(await entry.async('string'), protection));
  }
  if (time) for (const f of Object.values(zip.files)) f.date = time;
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
