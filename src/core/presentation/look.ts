/**
 * How a sheet looks, as plain data both edges translate (issue 13): the file edge into ExcelJS
 * styles (src/xlsx/render.ts, src/xlsx/summary.ts), the Office edge into Office.js range
 * formats (src/office/template.ts, src/office/summary.ts). The vocabulary is what both can
 * express; the choices for each sheet are in sheet.ts (the score sheet) and summary.ts (the
 * compile summary). Colours are RGB hex without '#', font sizes and heights in points,
 * column widths in characters, margins in inches.
 */

export type Rgb = string;

export interface FontLook {
  readonly bold?: boolean;
  /** points; absent: the workbook's default (11) */
  readonly size?: number;
  /** absent: automatic (black) */
  readonly color?: Rgb;
}

/** A border on every side of each cell it covers. */
export interface BorderLook {
  readonly style: 'thin';
  readonly color: Rgb;
}

export type HorizontalAlign = 'left' | 'center';
export type VerticalAlign = 'middle';

/** The look of one cell; an absent part is Excel's default. */
export interface CellLook {
  readonly font?: FontLook;
  readonly fill?: Rgb;
  readonly border?: BorderLook;
  readonly horizontal?: HorizontalAlign;
  readonly vertical?: VerticalAlign;
  readonly wrap?: boolean;
}

/** Excel's Good, Bad and Neutral cell styles: a fill and the font colour that goes with it. */
const GOOD = { fill: 'C6EFCE', font: '006100' } as const;
const BAD = { fill: 'FFC7CE', font: '9C0006' } as const;
const NEUTRAL = { fill: 'FFEB9C', font: '9C5700' } as const;

/** The colours ScoreSeal uses, by meaning. */
export const PALETTE = {
  /** table header rows */
  headerFill: 'D9D9D9',
  /** block (section) rows of the score table */
  sectionFill: 'DDEBF7',
  /** table borders */
  border: '808080',
  /** the confidentiality note */
  note: 'C00000',
  /** signed items; the best grade */
  good: GOOD,
  /** items changed after signing; the worst grade; a lenient verdict */
  bad: BAD,
  /** items waiting for a signature; grades between; the weaker leniency signal */
  neutral: NEUTRAL,
  /** a lenient appraiser's row in 考核人员分析 */
  flaggedFill: BAD.fill,
  /** findings of error severity, sheets that failed verification */
  failed: BAD.font,
  /** quota warnings */
  warning: NEUTRAL.font,
  /** a harsh verdict */
  harshFill: 'BDD7EE',
  /** the rows the re-check sample drew */
  sampledFill: 'FFF2CC',
} as const;

export const THIN_BORDER: BorderLook = { style: 'thin', color: PALETTE.border };

export interface Margins {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
  readonly header: number;
  readonly footer: number;
}

/** Print setup of a sheet. */
export interface PrintLook {
  readonly paper: 'A4';
  readonly orientation: 'landscape';
  /** scaled to fit this many pages wide */
  readonly fitToWidth: number;
  /** … and this many tall; 0: as many as needed */
  readonly fitToHeight: number;
  readonly centerHorizontally: boolean;
  /** inches; null: Excel's defaults */
  readonly margins: Margins | null;
  /** rows repeated at the top of every printed page (1-based, inclusive); null: none */
  readonly titleRows: { readonly first: number; readonly last: number } | null;
  /** the centre header and footer of every page, with Excel's header/footer codes (&P page, &N pages); '' for none */
  readonly centerHeader: string;
  readonly centerFooter: string;
}

/** A rectangle of cells (0-based, inclusive) sharing one value. */
export interface Block<T> {
  readonly r0: number;
  readonly c0: number;
  readonly r1: number;
  readonly c1: number;
  readonly value: T;
}

/**
 * The cells of a grid that have a value, as few rectangles as runs allow: equal neighbours in a
 * row form a run, and a run with the same columns and value as one directly above extends it.
 * Every cell with a value is in exactly one block; cells without one (null, undefined) in none.
 * Two values are equal when `key` says so. For an edge that formats ranges, not cells.
 */
export function blocksOf<T>(grid: readonly (readonly (T | null | undefined)[])[], key: (v: T) => string): Block<T>[] {
  const out: { r0: number; c0: number; r1: number; c1: number; value: T }[] = [];
  let open = new Map<string, number>();
  grid.forEach((row, r) => {
    const next = new Map<string, number>();
    let c = 0;
    while (c < row.length) {
      const v = row[c];
      if (v === null || v === undefined) {
        c++;
        continue;
      }
      const k = key(v);
      let end = c;
      while (end + 1 < row.length && row[end + 1] !== null && row[end + 1] !== undefined && key(row[end + 1] as T) === k) end++;
      const id = `${c}:${end}:${k}`;
      const above = open.get(id);
      if (above !== undefined) {
        out[above]!.r1 = r;
        next.set(id, above);
      } else {
        next.set(id, out.length);
        out.push({ r0: r, c0: c, r1: r, c1: end, value: v });
      }
      c = end + 1;
    }
    open = next;
  });
  return out;
}

/** A stable key of a look (for {@link blocksOf}): equal looks, equal keys. */
export function lookKey(look: CellLook): string {
  const f = look.font;
  return JSON.stringify([
    f?.bold ?? null,
    f?.size ?? null,
    f?.color ?? null,
    look.fill ?? null,
    look.border ? [look.border.style, look.border.color] : null,
    look.horizontal ?? null,
    look.vertical ?? null,
    look.wrap ?? null,
  ]);
}
