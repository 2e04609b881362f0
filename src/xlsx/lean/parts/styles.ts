/**
 * `xl/styles.xml`, only as far as number formats go: the custom `<numFmts>` by id and the
 * format id of each `<cellXfs>` entry, in order (a cell's `s` attribute indexes them).
 * Fonts, fills and borders are passed over; reading stops after `<cellXfs>`.
 */
import { formatCode } from '../numfmt';
import { parseDigits } from '../text';
import { STOP, readXmlPart, type PartContext } from '../xml';

/** The number format code of each cell style index; null for General. */
export type CellFormats = readonly (string | null)[];

/**
 * Reads the number format of every cell style. A workbook without styles has General
 * everywhere (an empty list).
 */
export function readCellFormats(ctx: PartContext, path: string | undefined): CellFormats {
  const entry = path === undefined ? undefined : ctx.zip.find(path);
  if (!entry) return [];
  const custom = new Map<number, string>();
  const xfFormats: number[] = [];
  let section: 'numFmts' | 'cellXfs' | null = null;
  readXmlPart(ctx, entry, {
    open(name, attrs, depth) {
      if (depth === 2) {
        section = name === 'numFmts' || name === 'cellXfs' ? name : null;
        return;
      }
      if (depth !== 3) return;
      if (section === 'numFmts' && name === 'numFmt') {
        const id = parseDigits(attrs.numFmtId ?? '');
        if (id !== null && attrs.formatCode !== undefined) custom.set(id, attrs.formatCode);
      } else if (section === 'cellXfs' && name === 'xf') {
        // one entry per xf, so that the index of each stays right; the cells' `s` are bounded by the cells themselves
        xfFormats.push(parseDigits(attrs.numFmtId ?? '0') ?? 0);
      }
    },
    close(name, depth) {
      if (depth !== 2) return;
      // the schema puts numFmts before cellXfs: nothing needed follows
      if (name === 'cellXfs') throw STOP;
      section = null;
    },
    text() {},
  });
  return xfFormats.map((id) => formatCode(id, custom));
}
