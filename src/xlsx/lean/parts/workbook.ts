/**
 * `xl/workbook.xml`: the sheets (name, relationship id, visibility), the 1904 date system
 * and the structure protection. Everything else in the part (defined names, external
 * references, pivot caches, views) is passed over unread.
 */
import { corrupt, notXlsx, overLimit } from '../fail';
import { isTrue } from '../text';
import { plainAttributes, readXmlPart, type Attrs, type PartContext } from '../xml';

export const WORKBOOK_PART = 'xl/workbook.xml';

/** The namespace of Strict Open XML SpreadsheetML, which ScoreSeal does not read. */
export const STRICT_NAMESPACE = 'http://purl.oclc.org/ooxml/spreadsheetml/main';

/** Visibility of a sheet, as `<sheet state>` says. */
export type SheetState = 'visible' | 'hidden' | 'veryHidden';

/** One `<sheet>` of the workbook. */
export interface SheetRef {
  readonly name: string;
  /** the relationship id (`r:id`) pointing at its part */
  readonly relId: string;
  readonly state: SheetState;
}

/** What `xl/workbook.xml` says. */
export interface WorkbookPart {
  readonly sheets: readonly SheetRef[];
  readonly date1904: boolean;
  /** the attributes of `<workbookProtection>`, or null */
  readonly protection: Readonly<Record<string, string>> | null;
}

/**
 * Reads `xl/workbook.xml`.
 *
 * @throws {XlsxError} NOT_XLSX for a Strict Open XML workbook; CORRUPT for a sheet without
 *   a name or relationship; TOO_LARGE past `maxSheets`
 */
export function readWorkbookPart(ctx: PartContext): WorkbookPart {
  const { file, limits } = ctx;
  const entry = ctx.zip.find(WORKBOOK_PART);
  if (!entry) throw notXlsx(file, 'zip');
  const sheets: SheetRef[] = [];
  let date1904 = false;
  let protection: Record<string, string> | null = null;
  let inSheets = false;
  readXmlPart(ctx, entry, {
    open(name, attrs, depth, qname) {
      if (depth === 1) {
        if (namespaceOf(qname, attrs) === STRICT_NAMESPACE) throw notXlsx(file, 'strict');
        return;
      }
      if (depth === 2) {
        if (name === 'sheets') inSheets = true;
        else if (name === 'workbookPr') date1904 = isTrue(attrs.date1904);
        else if (name === 'workbookProtection' && protection === null) protection = plainAttributes(attrs);
        return;
      }
      if (depth === 3 && inSheets && name === 'sheet') {
        if (sheets.length >= limits.maxSheets) throw overLimit(file, 'sheets', limits.maxSheets);
        const sheetName = attrs.name;
        const relId = relationshipId(attrs);
        if (!sheetName) throw corrupt(file, `${WORKBOOK_PART} has a sheet without a name`);
        if (!relId) throw corrupt(file, `sheet ${sheetName} has no part in ${WORKBOOK_PART}`);
        sheets.push({ name: sheetName, relId, state: stateOf(attrs.state) });
      }
    },
    close(name, depth) {
      if (depth === 2 && name === 'sheets') inSheets = false;
    },
    text() {},
  });
  return { sheets, date1904, protection };
}

/** The namespace of an element declared on itself (enough for a root element). */
function namespaceOf(qname: string, attrs: Attrs): string | undefined {
  const i = qname.indexOf(':');
  return i < 0 ? attrs.xmlns : attrs[`xmlns:${qname.slice(0, i)}`];
}

/** `r:id` under whatever prefix the relationships namespace has. */
function relationshipId(attrs: Attrs): string | undefined {
  for (const [k, v] of Object.entries(attrs)) if (k.endsWith(':id')) return v;
  return attrs.id;
}

function stateOf(v: string | undefined): SheetState {
  return v === 'hidden' || v === 'veryHidden' ? v : 'visible';
}
