/**
 * `xl/sharedStrings.xml`: the text of each `<si>` — a plain `<t>`, or the `<t>` of its
 * rich-text runs `<r>` concatenated; phonetic runs (`<rPh>`, furigana) are not part of the
 * cell's text and are left out. Excel's `_xHHHH_` escapes are decoded.
 */
import type { XlsxPlace } from '../../errors';
import { overLimit } from '../fail';
import { readXmlPart, type PartContext } from '../xml';
import { RichTextCollector } from './richText';
import { decodeXEscapes } from '../text';
import { wellFormed } from '../../../core/crypto/digest';

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
  const plain = (text: string): boolean => {
    const read = plainSharedStrings(text, limits.maxStrings, limits.maxStringChars);
    if (read) strings.push(...read);
    return read !== null;
  };
  readXmlPart(
    ctx,
    entry,
    {
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
    },
    plain,
  );
  return strings;
}

const DECLARATION =
  /^<\?xml[ \t\n]+version[ \t\n]*=[ \t\n]*(["'])1\.[0-9]+\1(?:[ \t\n]+encoding[ \t\n]*=[ \t\n]*(["'])[A-Za-z][A-Za-z0-9._-]*\2)?(?:[ \t\n]+standalone[ \t\n]*=[ \t\n]*(["'])(?:yes|no)\3)?[ \t\n]*\?>[ \t\n]*/y;
/** the table's root: `<sst>` with plain attributes (no reference, no '<' in a value) */
const ROOT = /<sst(?:[ \t\n]+[A-Za-z_][A-Za-z0-9_.-]*(?::[A-Za-z_][A-Za-z0-9_.-]*)?[ \t\n]*=[ \t\n]*"[^"<&]*")*[ \t\n]*>/y;
/** one plain item: `<si><t>text</t></si>` (`xml:space="preserve"` allowed), an empty `<t/>`, or `<si/>` */
const ITEM = /<si><t(?: xml:space="preserve")?>([^<]*)<\/t><\/si>|<si><t(?: xml:space="preserve")?\/><\/si>|<si\/>/y;
const END = /<\/sst>[ \t\n]*$/y;
/** characters XML forbids, and the carriage return (saxes normalises line ends) */
// eslint-disable-next-line no-control-regex -- the characters XML forbids are what it finds
const DEFER = /[\u0000-\u0008\u000B-\u001F\uFFFE\uFFFF]|]]>/;
/** an '&' that does not begin one of the five predefined entities */
const OTHER_REFERENCE = /&(?!(?:lt|gt|amp|quot|apos);)/;

 // (no native check: saxes reads the part)

/**
 * The shared strings of a table in the shape spreadsheet programs write it — every item one
 * plain `<t>`, nothing between items — read with a few regular expressions; null for anything
 * else (rich text, phonetic runs, whitespace between elements, a character reference, a comment,
 * CDATA, a character XML forbids, a lone surrogate, a limit reached), which saxes then reads and
 * judges. The same strings as saxes' reading, `_xHHHH_` escapes decoded; a test compares both.
 */
export function plainSharedStrings(text: string, maxStrings: number, maxChars: number): string[] | null {
  if (DEFER.test(text) || !wellFormed(text)) return null;
  let at = 0;
  if (text.startsWith('<?xml')) {
    DECLARATION.lastIndex = 0;
    if (!DECLARATION.exec(text)) return null;
    at = DECLARATION.lastIndex;
  }
  ROOT.lastIndex = at;
  const root = ROOT.exec(text);
  if (!root) return null;
  // (an attribute given twice is an error saxes reports)
  const names = [...root[0].matchAll(/[ \t\n]([^ \t\n=]+)[ \t\n]*=/g)].map((a) => a[1]);
  if (new Set(names).size !== names.length) return null;
  at = ROOT.lastIndex;
  const out: string[] = [];
  while (text.startsWith('<si', at)) {
    ITEM.lastIndex = at;
    const m = ITEM.exec(text);
    if (!m || out.length >= maxStrings) return null;
    let t = m[1] ?? '';
    if (t.includes('&')) {
      if (OTHER_REFERENCE.test(t)) return null;
      t = t.replaceAll('&quot;', '"').replaceAll('&apos;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
    }
    t = decodeXEscapes(t);
    if (t.length > maxChars) return null;
    out.push(t);
    at = ITEM.lastIndex;
  }
  END.lastIndex = at;
  return END.exec(text) ? out : null;
}
