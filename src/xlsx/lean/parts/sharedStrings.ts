/**
 * `xl/sharedStrings.xml`: the text of each `<si>` — a plain `<t>`, or the `<t>` of its
 * rich-text runs `<r>` concatenated; phonetic runs (`<rPh>`, furigana) are not part of the
 * cell's text and are left out. Excel's `_xHHHH_` escapes are decoded.
 */
import type { XlsxPlace } from '../../errors';
import { overLimit } from '../fail';
import { readXmlPart, type PartContext } from '../xml';
import { RichTextCollector } from './richText';

/**
 * Reads the shared-string table; empty when the workbook has none.
 *
 * @throws {XlsxError} TOO_LARGE past `maxStrings` entries or a string past `maxStringChars`
 */
export function readSharedStrings(ctx: PartContext, path: string | undefined): readonly string[] {
  const entry = path === undefined ? undefined : ctx.zip.find(path);
  if (!entry) return [];
  const { file, limits } = ctx;
  const strings: string[] = [];
  const what = (): XlsxPlace => ({ sharedString: strings.length });
  const collector = new RichTextCollector(file, limits.maxStringChars, what);
  readXmlPart(ctx, entry, {
    open(name, _attrs, depth) {
      if (depth === 2 && name === 'si') {
        if (strings.length >= limits.maxStrings) throw overLimit(file, 'sharedStrings', limits.maxStrings);
        collector.start(depth);
      } else collector.open(name, depth);
    },
    close(name, depth) {
      if (depth === 2 && name === 'si') strings.push(collector.finish());
      else collector.close(depth);
    },
    text(t) {
      collector.text(t);
    },
  });
  return strings;
}
