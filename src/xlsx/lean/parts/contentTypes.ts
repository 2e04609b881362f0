/**
 * `[Content_Types].xml`: what the package says its main part is. A macro-enabled workbook
 * (.xlsm, .xltm, .xlam) is refused here, before anything else is read.
 */
import { notXlsx } from '../fail';
import { readXmlPart, type PartContext } from '../xml';

export const CONTENT_TYPES = '[Content_Types].xml';

/**
 * Checks the content type of `/xl/workbook.xml`. A package without `[Content_Types].xml`
 * passes (the workbook part itself decides).
 *
 * @throws {XlsxError} NOT_XLSX for a macro-enabled workbook
 */
export function checkContentTypes(ctx: PartContext, workbookPart: string): void {
  const entry = ctx.zip.find(CONTENT_TYPES);
  if (!entry) return;
  const wanted = `/${workbookPart}`.toLowerCase();
  let workbookType: string | null = null;
  readXmlPart(ctx, entry, {
    open(name, attrs, depth) {
      if (depth === 2 && name === 'Override' && workbookType === null && (attrs.PartName ?? '').toLowerCase() === wanted)
        workbookType = attrs.ContentType ?? '';
    },
    close() {},
    text() {},
  });
  const type = (workbookType ?? '').toLowerCase();
  if (type.includes('macroenabled')) throw notXlsx(ctx.file, 'xlsm');
}
