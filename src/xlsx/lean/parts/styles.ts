/**
 * `xl/styles.xml`, only as far as number formats go: the custom `<numFmts>` by id, the format
 * id of each `<cellXfs>` entry, in order (a cell's `s` attribute indexes them), and which
 * differential formats (`<dxfs>`, what conditional formats apply) change the number format.
 * Fonts, fills and borders are passed over; reading stops after `<dxfs>`.
 */
import { formatCode } from '../numfmt';
import { parseDigits } from '../text';
import { STOP, readXmlPart, type PartContext } from '../xml';

/** The number format code of each cell style index; null for General. */
export type CellFormats = readonly (string | null)[];

/** The styles part as far as the reader needs it. */
export interface Styles {
  readonly cells: CellFormats;
  /** indexes of the differential formats (`dxfId`) that set a number format */
  readonly dxfNumberFormats: ReadonlySet<number>;
}

/**
 * Reads the number format of every cell style. A workbook without styles has General
 * everywhere (an empty list).
 */
export function readCellFormats(ctx: PartContext, path: string | undefined): Styles {
  const entry = path === undefined ? undefined : ctx.zip.find(path);
  if (!entry) return { cells: [], dxfNumberFormats: new Set() };
  const custom = new Map<number, string>();
  const xfFormats: number[] = [];
  const dxfNumberFormats = new Set<number>();
  let dxf = -1;
  let section: 'numFmts' | 'cellXfs' | 'dxfs' | null = null;
  readXmlPart(ctx, entry, {
    open(name, attrs, depth) {
      if (depth === 2) {
        section = name === 'numFmts' || name === 'cellXfs' || name === 'dxfs' ? name : null;
        return;
      }
      if (section === 'dxfs') {
        if (depth === 3 && name === 'dxf') dxf += 1;
        else if (depth === 4 && name === 'numFmt') dxfNumberFormats.add(dxf);
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
      // the schema puts numFmts, then cellXfs, then dxfs: nothing needed follows
      if (name === 'dxfs') throw STOP;
      section = null;
    },
    text() {},
  });
  return { cells: xfFormats.map((id) => formatCode(id, custom)), dxfNumberFormats };
}
