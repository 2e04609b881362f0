/**
 * The shared-strings table read whole with regular expressions (`plainSharedStrings`, the
 * shape spreadsheet programs write) gives exactly what saxes' reading gives: the same strings,
 * or — for anything outside that shape, well-formed or not — the same result, because saxes
 * then reads the part. Random tables mix plain items with every construct the fast reader must
 * leave to saxes (rich text, phonetic runs, character references, a bare '&', CDATA, comments,
 * whitespace between items, forbidden characters, ']]>', duplicate or single-quoted attributes,
 * a prefixed root).
 */
import fc from 'fast-check';
import { readXlsx } from '../../../src/xlsx/lean';
import { plainSharedStrings } from '../../../src/xlsx/lean/parts/sharedStrings';
import { useWholePartReaders } from '../../../src/xlsx/lean/xml';
import { isXlsxError } from '../../../src/xlsx/errors';
import { runs } from '../../support/runs';
import { handXlsx } from './support';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

const escape = (s: string, quotes: boolean): string => {
  const t = s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
  return quotes ? t.replaceAll('"', '&quot;').replaceAll("'", '&apos;') : t;
};

const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom('考核细则', '{"kind":"seal","code":"AB-12"}', '_x000D_ line', 'a]]>b', 'tab\there', 'cr\r\nlf', '\u0001', '\uD800', '𝄞'),
);
const plainItem = fc
  .tuple(text, fc.boolean(), fc.boolean())
  .map(([t, preserve, quotes]) => `<si><t${preserve ? ' xml:space="preserve"' : ''}>${escape(t, quotes)}</t></si>`);
const otherItem = fc.constantFrom(
  '<si><t/></si>',
  '<si/>',
  '<si><r><t>ri</t></r><r><rPr><b/></rPr><t>ch</t></r></si>',
  '<si><t>漢字</t><rPh sb="0" eb="1"><t>かんじ</t></rPh></si>',
  '<si><t>&#x4e2d;&#65;</t></si>',
  '<si><t>a & b</t></si>',
  '<si><t><![CDATA[<x>]]></t></si>',
  '<!-- a comment --><si><t>c</t></si>',
  '\n<si><t>spaced</t></si>',
  '<si><t>&#1;</t></si>',
  '<si>\n<t>t</t></si>',
);
const root = fc.constantFrom(
  `<sst xmlns="${MAIN}" count="3" uniqueCount="3">`,
  `<sst xmlns="${MAIN}">`,
  `<sst xmlns="${MAIN}" count="1" count="2">`,
  `<sst xmlns='${MAIN}'>`,
  `<x:sst xmlns:x="${MAIN}">`,
  `<sst\nxmlns="${MAIN}"\ncount = "2">`,
);
const declaration = fc.constantFrom(
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
  '<?xml version="1.0"?>',
  '',
  ' <?xml version="1.0"?>',
);

const table = fc
  .tuple(
    declaration,
    root,
    fc.array(fc.oneof({ weight: 4, arbitrary: plainItem }, { weight: 1, arbitrary: otherItem }), { maxLength: 12 }),
    fc.constantFrom('', '\n', ' x'),
  )
  .map(([decl, open, items, tail]) => `${decl}${open}${items.join('')}${open.startsWith('<x:') ? '</x:sst>' : '</sst>'}${tail}`);

async function outcome(bytes: Uint8Array): Promise<unknown> {
  try {
    const wb = await readXlsx(bytes, 'strings.xlsx');
    return wb.raw.sheets[0]!.cells;
  } catch (e) {
    return isXlsxError(e) ? `${e.code} ${e.message}` : `unexpected ${String(e)}`;
  }
}

/** A workbook whose one sheet shows the first eight shared strings. */
function workbook(sst: string): Uint8Array {
  const cells = Array.from({ length: 8 }, (_, i) => `<c r="${String.fromCharCode(65 + i)}1" t="s"><v>${i}</v></c>`).join('');
  return handXlsx({ sharedStrings: '', extra: { 'xl/sharedStrings.xml': sst }, sheets: [{ name: 'S', xml: `<row r="1">${cells}</row>` }] });
}

describe('shared strings read whole', () => {
  it('equal saxes reading on random tables (the same strings, or the same error)', async () => {
    let taken = 0;
    await fc.assert(
      fc.asyncProperty(table, async (sst) => {
        const bytes = workbook(sst);
        useWholePartReaders(false);
        const bySaxes = await outcome(bytes);
        useWholePartReaders(true);
        expect(await outcome(bytes)).toEqual(bySaxes);
        if (plainSharedStrings(sst, 1e6, 1e6)) taken += 1;
      }),
      { numRuns: runs(300, 3000) },
    );
    // the property is not vacuous: a good share of the tables take the fast path
    expect(taken).toBeGreaterThan(runs(300, 3000) / 20);
  });

  it('takes the plain shape itself, and leaves every other construct to saxes', () => {
    const plain = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${MAIN}" count="2"><si><t>a &quot;b&quot; &amp;amp;</t></si><si><t xml:space="preserve"> _x0041_ </t></si><si/></sst>`;
    expect(plainSharedStrings(plain, 100, 1000)).toEqual(['a "b" &amp;', ' A ', '']);
    expect(plainSharedStrings(plain, 2, 1000)).toBeNull(); // past the limit: saxes reports it
    for (const other of [
      '<si><r><t>x</t></r></si>',
      '<si><t>&#65;</t></si>',
      '<si><t>a & b</t></si>',
      '\n<si><t>x</t></si>',
      '<si><t>a]]></t></si>',
    ])
      expect(plainSharedStrings(`<sst xmlns="${MAIN}">${other}</sst>`, 100, 1000)).toBeNull();
  });
});
