/**
 * Workbook structure protection (`<workbookProtection lockStructure="1" …/>` in
 * `xl/workbook.xml`). ExcelJS 4.4 neither reads nor writes this element, so the xlsx edge
 * keeps it beside the workbook:
 *
 * - when a file is opened, the element is read from the zip and remembered for that
 *   `ExcelJS.Workbook` object (a WeakMap, so nothing leaks);
 * - seal and unseal patches change the remembered value;
 * - when the workbook is turned into bytes ({@link workbookBytes} in `bytes.ts`), the
 *   element is written back into `xl/workbook.xml` of the zip ExcelJS produced (`bytes.ts`).
 *
 * Browser-safe: no Node APIs here.
 */
import type ExcelJS from 'exceljs';

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

const ATTRIBUTE = /([A-Za-z_][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const NAME_CHAR = /[\w.:-]/;

/**
 * Where the first `<workbookProtection>` element (any namespace prefix) stands outside
 * comments, CDATA and processing instructions: `[start, end)` and the end of its opening tag,
 * or null. One linear pass (issue 11: a backtracking pattern took 129 s on 120,000 copies of
 * the name inside a comment).
 */
function findElement(xml: string): { start: number; openEnd: number; end: number } | null {
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) return null;
    if (xml.startsWith('<!--', lt)) {
      const close = xml.indexOf('-->', lt + 4);
      if (close < 0) return null;
      i = close + 3;
      continue;
    }
    if (xml.startsWith('<![CDATA[', lt)) {
      const close = xml.indexOf(']]>', lt + 9);
      if (close < 0) return null;
      i = close + 3;
      continue;
    }
    if (xml.startsWith('<?', lt)) {
      const close = xml.indexOf('?>', lt + 2);
      if (close < 0) return null;
      i = close + 2;
      continue;
    }
    let j = lt + 1;
    while (j < xml.length && NAME_CHAR.test(xml[j]!)) j++;
    const qname = xml.slice(lt + 1, j);
    const local = qname.slice(qname.indexOf(':') + 1);
    if (local !== 'workbookProtection' || qname.startsWith('/')) {
      i = lt + 1;
      continue;
    }
    const gt = xml.indexOf('>', j);
    if (gt < 0) return null;
    if (xml[gt - 1] === '/') return { start: lt, openEnd: gt + 1, end: gt + 1 };
    const closing = `</${qname}>`;
    const close = xml.indexOf(closing, gt + 1);
    if (close < 0) return null;
    return { start: lt, openEnd: gt + 1, end: close + closing.length };
  }
  return null;
}

/** Reads `<workbookProtection>` from the text of `xl/workbook.xml`; null when absent. */
export function parseStructureProtection(workbookXml: string): StructureProtection | null {
  const el = findElement(workbookXml);
  if (!el) return null;
  const open = workbookXml.slice(el.start, el.openEnd);
  const attrs: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const a of open.matchAll(ATTRIBUTE)) {
    const name = a[1];
    if (name && !name.startsWith('xmlns')) attrs[name] = unescapeXml(a[2] ?? a[3] ?? '');
  }
  return { ...attrs };
}

/**
 * Returns `workbookXml` with its `<workbookProtection>` replaced by `p` (or removed when
 * `p` is null). The element goes where the schema wants it: before `<bookViews>` (or
 * `<sheets>` when there are no views).
 */
export function injectStructureProtection(workbookXml: string, p: StructureProtection | null): string {
  const el = findElement(workbookXml);
  const without = el ? workbookXml.slice(0, el.start) + workbookXml.slice(el.end) : workbookXml;
  if (!p) return without;
  const element = `<workbookProtection${Object.entries(p)
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join('')}/>`;
  const anchor = /<(?:[A-Za-z_][\w.-]*:)?(?:bookViews|sheets)\b/.exec(without);
  if (!anchor) throw new Error('xl/workbook.xml has neither <bookViews> nor <sheets>');
  return without.slice(0, anchor.index) + element + without.slice(anchor.index);
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
