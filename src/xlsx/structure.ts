/**
 * Workbook structure protection (`<workbookProtection lockStructure="1" …/>` in
 * `xl/workbook.xml`). ExcelJS 4.4 neither reads nor writes this element, so the xlsx edge
 * keeps it beside the workbook:
 *
 * - when a file is opened, the element is read from the zip and remembered for that
 *   `ExcelJS.Workbook` object (a WeakMap, so nothing leaks);
 * - seal and unseal patches change the remembered value;
 * - when the workbook is turned into bytes ({@link workbookBytes} in `bytes.ts`), the
 *   element is written back into `xl/workbook.xml` of the zip ExcelJS produced, with the
 *   zip library ExcelJS itself uses (JSZip).
 *
 * Browser-safe: no Node APIs here.
 */
import type ExcelJS from 'exceljs';
import JSZip from 'jszip';

/** The attributes of `<workbookProtection>`, by name (e.g. lockStructure, workbookHashValue). */
export type StructureProtection = Readonly<Record<string, string>>;

export const WORKBOOK_XML = 'xl/workbook.xml';

const state = new WeakMap<ExcelJS.Workbook, StructureProtection>();

/** The structure protection the workbook carries (as read, or as set by a seal), or null. */
export function getStructureProtection(wb: ExcelJS.Workbook): StructureProtection | null {
  return state.get(wb) ?? null;
}

/** Sets (or, with null, removes) the structure protection written when the workbook is saved. */
export function setStructureProtection(wb: ExcelJS.Workbook, p: StructureProtection | null): void {
  if (p) state.set(wb, p);
  else state.delete(wb);
}

const ELEMENT = /<(?:[A-Za-z_][\w.-]*:)?workbookProtection\b[^>]*?(?:\/>|>[\s\S]*?<\/(?:[A-Za-z_][\w.-]*:)?workbookProtection>)/;
const ATTRIBUTE = /([A-Za-z_][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** Reads `<workbookProtection>` from the text of `xl/workbook.xml`; null when absent. */
export function parseStructureProtection(workbookXml: string): StructureProtection | null {
  const m = ELEMENT.exec(workbookXml);
  if (!m) return null;
  const open = m[0].slice(0, m[0].indexOf('>') + 1);
  const attrs: Record<string, string> = {};
  for (const a of open.matchAll(ATTRIBUTE)) {
    const name = a[1];
    if (name && !name.startsWith('xmlns')) attrs[name] = unescapeXml(a[2] ?? a[3] ?? '');
  }
  return attrs;
}

/**
 * Returns `workbookXml` with its `<workbookProtection>` replaced by `p` (or removed when
 * `p` is null). The element goes where the schema wants it: before `<bookViews>` (or
 * `<sheets>` when there are no views).
 */
export function injectStructureProtection(workbookXml: string, p: StructureProtection | null): string {
  const without = workbookXml.replace(ELEMENT, '');
  if (!p) return without;
  const element = `<workbookProtection${Object.entries(p)
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join('')}/>`;
  const anchor = /<(?:[A-Za-z_][\w.-]*:)?(?:bookViews|sheets)\b/.exec(without);
  if (!anchor) throw new Error('xl/workbook.xml has neither <bookViews> nor <sheets>');
  return without.slice(0, anchor.index) + element + without.slice(anchor.index);
}

/**
 * Writes `p` into the `xl/workbook.xml` of a saved workbook's zip and returns the new zip.
 * Entries other than `xl/workbook.xml` are carried over as they are.
 */
export async function rewriteStructureProtection(zipBytes: Uint8Array, p: StructureProtection | null): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(zipBytes);
  const entry = zip.file(WORKBOOK_XML);
  if (!entry) throw new Error(`${WORKBOOK_XML} is missing from the written workbook`);
  const xml = await entry.async('string');
  zip.file(WORKBOOK_XML, injectStructureProtection(xml, p));
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
