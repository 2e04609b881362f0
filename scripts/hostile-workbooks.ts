/**
 * Hostile workbooks for the robustness corpus (test/fixtures/bad/cases.json) and for
 * `npm run bench:hostile` (bench/hostile.ts): files made to hang, exhaust or fool a reader —
 * zip bombs whose headers lie, a million rows below a sealed sheet's footer, millions of shared
 * strings, a huge styles part, thousands of sheets, deep XML nesting, terminal escapes in cells.
 *
 * Each is made from a workbook of the corpus (sealed.xlsx, filled.xlsx: the real pipeline's
 * output) by editing its parts as text and zipping them again by hand, so that the headers can
 * say what an attacker wants. Two kinds:
 *
 * - {@link COMMITTED}: small files, written into test/fixtures/bad/ by
 *   scripts/make-bad-fixtures.ts — pure JS (fflate) with a fixed zip date, so the bytes are the
 *   same on every machine (`npm run fixtures:bad:check`);
 * - {@link GENERATED}: files that are big on disk or unpacked; made in a temporary folder at
 *   test time (the Jest corpus, at the 'test' scale: as small as still proves the behaviour)
 *   and by the benchmark (the 'bench' scale: the sizes of the issue). They need not be
 *   byte-reproducible (node:zlib makes the large deflate streams fast).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { constants as zlibConstants, deflateRawSync } from 'node:zlib';
import { deflateSync, strFromU8, strToU8, unzipSync } from 'fflate';

// ---------------------------------------------------------------------------------------------
// zip, by hand: entries deflated here, or deflated elsewhere with sizes that may lie

/** One zip entry: its bytes (deflated here), or a raw DEFLATE stream made elsewhere. */
export type ZipInput =
  | { readonly name: string; readonly bytes: Uint8Array }
  | {
      readonly name: string;
      /** raw DEFLATE data */
      readonly deflated: Uint8Array;
      /** the size both headers declare (a bomb declares far less than it unpacks to) */
      readonly declaredSize: number;
      /** the CRC both headers declare */
      readonly crc: number;
    };

const CRC_TABLE = ((): Uint32Array => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** 2026-01-01 00:00 as a DOS date and time: every entry carries it (reproducible bytes). */
const DOS_DATE = ((2026 - 1980) << 9) | (1 << 5) | 1;
const DOS_TIME = 0;

/**
 * A zip archive of the entries, in order: directory entries (names ending in "/") stored,
 * the others deflated with fflate (level 6) unless given deflated. Names are flagged UTF-8.
 */
export function writeZip(entries: readonly ZipInput[]): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = strToU8(e.name);
    let data: Uint8Array;
    let method: number;
    let crc: number;
    let size: number;
    if ('bytes' in e) {
      const dir = e.name.endsWith('/') && e.bytes.length === 0;
      method = dir ? 0 : 8;
      data = dir ? e.bytes : deflateSync(e.bytes, { level: 6 });
      crc = crc32(e.bytes);
      size = e.bytes.length;
    } else {
      method = 8;
      data = e.deflated;
      crc = e.crc;
      size = e.declaredSize;
    }
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, 0x0800, true);
    lv.setUint16(8, method, true);
    lv.setUint16(10, DOS_TIME, true);
    lv.setUint16(12, DOS_DATE, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, data.length, true);
    lv.setUint32(22, size, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const central = new Uint8Array(46 + name.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, 0x0800, true);
    cv.setUint16(10, method, true);
    cv.setUint16(12, DOS_TIME, true);
    cv.setUint16(14, DOS_DATE, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, data.length, true);
    cv.setUint32(24, size, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    central.set(name, 46);
    locals.push(local, data);
    centrals.push(central);
    offset += local.length + data.length;
  }
  const cdSize = centrals.reduce((n, c) => n + c.length, 0);
  const eocd = new Uint8Array(22);
  const ev = new DataView(eocd.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  const out = new Uint8Array(offset + cdSize + 22);
  let at = 0;
  for (const part of [...locals, ...centrals, eocd]) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** A workbook's parts, in zip order, as text or bytes; edited, then zipped again with {@link zipOf}. */
export class Parts {
  private constructor(private readonly entries: Map<string, Uint8Array | ZipInput>) {}

  static async load(file: string): Promise<Parts> {
    return new Parts(new Map(Object.entries(unzipSync(new Uint8Array(await readFile(file))))));
  }

  text(name: string): string {
    const v = this.entries.get(name);
    if (!(v instanceof Uint8Array)) throw new Error(`no part ${name}`);
    return strFromU8(v);
  }

  /** Replaces (or adds, at the end) a part. */
  set(name: string, value: string | Uint8Array | ZipInput): this {
    this.entries.set(name, typeof value === 'string' ? strToU8(value) : value);
    return this;
  }

  /** Edits a part's text; throws when the edit changes nothing (the source workbook changed shape). */
  edit(name: string, fn: (xml: string) => string): this {
    const before = this.text(name);
    const after = fn(before);
    if (after === before) throw new Error(`hostile-workbooks: the edit of ${name} changed nothing`);
    return this.set(name, after);
  }

  zip(): Uint8Array {
    return writeZip([...this.entries].map(([name, v]) => (v instanceof Uint8Array ? { name, bytes: v } : { ...v, name })));
  }
}

// ---------------------------------------------------------------------------------------------
// big inputs, cheaply: XML made in pieces, deflate streams made of repeated blocks

/**
 * A raw DEFLATE stream that unpacks to `prefix`, then `unit` repeated to about `size` bytes,
 * then `suffix` (at least `size` bytes in all) — made in milliseconds whatever the size: one 1 MiB block of units is
 * compressed on its own (ending in a sync flush, so it is byte-aligned and not final) and
 * repeated; each piece refers only to its own output, so the pieces can be concatenated.
 * ~500–1000:1 for a short unit (3.5 GiB of `<c r="B1"/>` is 7 MB, 1.2 GiB of "0" is 1.2 MB).
 */
export function repeatDeflate(prefix: string, unit: string, size: number, suffix: string): { deflated: Uint8Array; size: number } {
  const flush = { finishFlush: zlibConstants.Z_SYNC_FLUSH, level: 9 };
  const head = deflateRawSync(Buffer.from(prefix), flush);
  const blockText = unit.repeat(Math.max(1, Math.floor(2 ** 20 / unit.length)));
  const blockBytes = Buffer.byteLength(blockText);
  const block = deflateRawSync(Buffer.from(blockText), flush);
  const tail = deflateRawSync(Buffer.from(suffix), { level: 9 });
  const copies = Math.max(1, Math.ceil(size / blockBytes));
  const out = new Uint8Array(head.length + block.length * copies + tail.length);
  out.set(head, 0);
  for (let i = 0; i < copies; i++) out.set(block, head.length + i * block.length);
  out.set(tail, head.length + block.length * copies);
  return { deflated: out, size: Buffer.byteLength(prefix) + blockBytes * copies + Buffer.byteLength(suffix) };
}

/** Raw DEFLATE of text made in pieces (`piece(i)` for i = 0…count-1), never held whole as one string. */
function deflatePieces(
  prefix: string,
  count: number,
  piece: (i: number) => string,
  suffix: string,
): { deflated: Uint8Array; size: number; crc: number } {
  // node:zlib streams would be async; 4 MiB slices of text each deflated with a sync flush
  // would lose the window between slices — so the text is gathered into one buffer (the
  // largest, 1,000,000 rows, is ~60 MB), deflated once.
  const chunks: Buffer[] = [Buffer.from(prefix)];
  let batch: string[] = [];
  for (let i = 0; i < count; i++) {
    batch.push(piece(i));
    if (batch.length === 10_000) {
      chunks.push(Buffer.from(batch.join('')));
      batch = [];
    }
  }
  chunks.push(Buffer.from(batch.join('') + suffix));
  const all = Buffer.concat(chunks);
  return { deflated: deflateRawSync(all, { level: 6 }), size: all.length, crc: crc32(all) };
}

// ---------------------------------------------------------------------------------------------
// the parts edited

const SHEET = 'xl/worksheets/sheet1.xml';
const WORKBOOK = 'xl/workbook.xml';
const RELS = 'xl/_rels/workbook.xml.rels';
const TYPES = '[Content_Types].xml';
const STYLES = 'xl/styles.xml';
const SST = 'xl/sharedStrings.xml';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The highest `<row r>` of a worksheet part. */
function lastRow(xml: string): number {
  let max = 0;
  for (const m of xml.matchAll(/<row r="(\d+)"/g)) max = Math.max(max, Number(m[1]));
  if (!max) throw new Error('hostile-workbooks: no rows in the sheet');
  return max;
}

/** The worksheet part split around the end of its rows: [before `</sheetData>`, from it]. */
function splitAtSheetDataEnd(xml: string): [string, string] {
  const at = xml.indexOf('</sheetData>');
  if (at < 0) throw new Error('hostile-workbooks: no </sheetData>');
  return [xml.slice(0, at), xml.slice(at)];
}

/** Inserts XML into the workbook part right before `<sheets>`. */
const beforeSheets = (xml: string) => (wb: string) => wb.replace('<sheets>', `${xml}<sheets>`);

/** The index of a shared string (by its whole `<si>` text), appending it when missing. */
function addSharedString(p: Parts, text: string): number {
  const sst = p.text(SST);
  const items = sst.match(/<si>/g)?.length ?? 0;
  p.set(
    SST,
    sst
      .replace(/<sst([^>]*) count="\d+"/, (_m, a: string) => `<sst${a} count="${items + 1}"`)
      .replace(/ uniqueCount="\d+"/, ` uniqueCount="${items + 1}"`)
      .replace('</sst>', `<si><t xml:space="preserve">${text}</t></si></sst>`),
  );
  return items;
}

/** Sets a cell of sheet1 (an existing `<c r="…">`) to a shared string. */
function setSharedStringCell(p: Parts, ref: string, index: number): void {
  p.edit(SHEET, (xml) =>
    xml.replace(new RegExp(`<c r="${ref}"([^>]*?)(?: t="\\w+")?(?:/>|>.*?</c>)`), (_m, attrs: string) => {
      const a = attrs.replace(/ t="\w+"/, '').replace(/\/$/, '');
      return `<c r="${ref}"${a} t="s"><v>${index}</v></c>`;
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// the committed hostile files (small; byte-reproducible)

/**
 * Builders of the small hostile files, by file name; `src(name)` is the path of a corpus
 * workbook they start from (sealed.xlsx, filled.xlsx). Called by scripts/make-bad-fixtures.ts.
 */
export const COMMITTED: Readonly<Record<string, (src: (name: string) => string) => Promise<Uint8Array>>> = {
  /** The old reader's 129 s: 120,000 `<workbookProtection>` decoys in an XML comment of workbook.xml (~4.6 MB unpacked). */
  'protection-comment.xlsx': async (src) =>
    (await Parts.load(src('sealed.xlsx')))
      .edit(WORKBOOK, beforeSheets(`<!-- ${'<workbookProtection lockStructure="0"/>'.repeat(120_000)} -->`))
      .zip(),

  /** 100,000 nested elements in the sheet part (before its cells). */
  'deep-nesting.xlsx': async (src) =>
    (await Parts.load(src('sealed.xlsx')))
      .edit(SHEET, (xml) => xml.replace('<dimension ', `<sheetPr>${'<x>'.repeat(100_000)}${'</x>'.repeat(100_000)}</sheetPr><dimension `))
      .zip(),

  /** 100,000 nested elements in docProps/app.xml of a sealed workbook: a part the lean reader never opens, but ExcelJS does (sign). */
  'deep-nesting-unread-part.xlsx': async (src) =>
    (await Parts.load(src('sealed.xlsx')))
      .edit('docProps/app.xml', (xml) => xml.replace('</Properties>', `${'<x>'.repeat(100_000)}${'</x>'.repeat(100_000)}</Properties>`))
      .zip(),

  /** One shared string of 1,000,000 characters (Excel's limit for a cell is 32,767). */
  'huge-shared-string.xlsx': async (src) => {
    const p = await Parts.load(src('filled.xlsx'));
    // the completion text of 1.1 (F7) becomes the huge string
    setSharedStringCell(p, 'F7', addSharedString(p, '很长的说明'.repeat(200_000)));
    return p.zip();
  },

  /** A defined-name loop (A → B → A, C = C + 1) and a name over the whole sheet, in a sealed workbook. */
  'defined-name-loop.xlsx': async (src) =>
    (await Parts.load(src('sealed.xlsx')))
      .edit(WORKBOOK, (xml) =>
        xml.replace(
          '<definedNames>',
          '<definedNames><definedName name="LoopA">LoopB</definedName><definedName name="LoopB">LoopA</definedName>' +
            '<definedName name="LoopC">LoopC+1</definedName><definedName name="Everything">&apos;城关镇&apos;!$A:$XFD</definedName>',
        ),
      )
      .zip(),

  /** External links: an externalLink part whose target is a UNC path and a URL, and a defined name pointing into it. */
  'external-link.xlsx': async (src) =>
    (await Parts.load(src('sealed.xlsx')))
      .edit(TYPES, (xml) =>
        xml.replace(
          '</Types>',
          '<Override PartName="/xl/externalLinks/externalLink1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"/></Types>',
        ),
      )
      .edit(RELS, (xml) =>
        xml.replace(
          '</Relationships>',
          `<Relationship Id="rId90" Type="${REL_NS}/externalLink" Target="externalLinks/externalLink1.xml"/></Relationships>`,
        ),
      )
      .edit(WORKBOOK, (xml) =>
        xml
          .replace('<definedNames>', '<definedNames><definedName name="Remote">[1]Sheet1!$A$1</definedName>')
          .replace('<calcPr', '<externalReferences><externalReference r:id="rId90"/></externalReferences><calcPr'),
      )
      .set(
        'xl/externalLinks/externalLink1.xml',
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<externalLink xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><externalBook r:id="rId1"><sheetNames><sheetName val="Sheet1"/></sheetNames><sheetDataSet><sheetData sheetId="0"><row r="1"><cell r="A1"><v>5</v></cell></row></sheetData></sheetDataSet></externalBook></externalLink>`,
      )
      .set(
        'xl/externalLinks/_rels/externalLink1.xml.rels',
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_NS}/externalLinkPath" Target="file:///\\\\attacker.example\\share\\scores.xlsx" TargetMode="External"/><Relationship Id="rId2" Type="${REL_NS}/externalLinkPath" Target="http://attacker.example/scores.xlsx" TargetMode="External"/></Relationships>`,
      )
      .zip(),

  /** A macro-enabled workbook (.xlsm content type, a vbaProject part) renamed .xlsx. */
  'macro-enabled.xlsx': async (src) =>
    (await Parts.load(src('filled.xlsx')))
      .edit(TYPES, (xml) =>
        xml.replace(
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>',
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/><Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>',
        ),
      )
      .edit(RELS, (xml) =>
        xml.replace(
          '</Relationships>',
          '<Relationship Id="rId91" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/></Relationships>',
        ),
      )
      // not a real VBA project (a compound file header and an Auto_Open name): never opened
      .set(
        'xl/vbaProject.bin',
        new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...strToU8('Auto_Open'), ...new Uint8Array(503)]),
      )
      .zip(),

  /** A Strict Open XML workbook (the purl.oclc.org namespaces) renamed .xlsx. */
  'strict-ooxml.xlsx': async (src) => {
    const p = await Parts.load(src('filled.xlsx'));
    for (const part of [WORKBOOK, SHEET, 'xl/worksheets/sheet2.xml', SST, STYLES])
      p.edit(part, (xml) =>
        xml
          .replaceAll(MAIN_NS, 'http://purl.oclc.org/ooxml/spreadsheetml/main')
          .replaceAll(REL_NS, 'http://purl.oclc.org/ooxml/officeDocument/relationships'),
      );
    return p.zip();
  },

  /**
   * Terminal escapes and a right-to-left override in cells a finding quotes: 1.2's score (E8)
   * is a shared string that clears the screen, moves the cursor home, sets the window title,
   * rings the bell, prints a green "✓ no errors" in ScoreSeal's own colour codes and hides what
   * follows (`_x001B_…`, Excel's escape for a control character, decoded by readers);
   * 2.1's score (E10) reads "3.5" on screen but is U+202E then "5.3".
   */
  'escape-sequences.xlsx': async (src) => {
    const p = await Parts.load(src('filled.xlsx'));
    setSharedStringCell(
      p,
      'E8',
      addSharedString(p, '_x001B_[2J_x001B_[H_x001B_]0;已通过_x0007_满分_x001B_[32m ✓ no errors_x001B_[0m_x001B_[8m'),
    );
    setSharedStringCell(p, 'E10', addSharedString(p, '\u202E5.3'));
    return p.zip();
  },

  /**
   * A sheet whose name holds a right-to-left override and a C1 control (U+009B, a one-byte CSI
   * to some terminals) and has 100,001 rows: the "too many rows" message quotes the name.
   */
  'escape-sheet-name.xlsx': async (src) => {
    const p = await Parts.load(src('sealed.xlsx'));
    const rows = '<row/>'.repeat(100_001);
    return p
      .edit(WORKBOOK, (xml) => xml.replace('</sheets>', '<sheet sheetId="3" name="&#x202E;xslx.exe&#x9B;2J" r:id="rId92"/></sheets>'))
      .edit(RELS, (xml) =>
        xml.replace(
          '</Relationships>',
          `<Relationship Id="rId92" Type="${REL_NS}/worksheet" Target="worksheets/sheet3.xml"/></Relationships>`,
        ),
      )
      .edit(TYPES, (xml) =>
        xml.replace(
          '</Types>',
          '<Override PartName="/xl/worksheets/sheet3.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        ),
      )
      .set(
        'xl/worksheets/sheet3.xml',
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}"><sheetData>${rows}</sheetData></worksheet>`,
      )
      .zip();
  },
};

// ---------------------------------------------------------------------------------------------
// the generated hostile files (big: made at test and benchmark time)

export type Scale = 'test' | 'bench';

/** Per scale: how big. 'bench' is the sizes; 'test' as small as still proves the same behaviour. */
export const SIZES = {
  /** unpacked bytes of the zip bombs (both declare 1 KiB) */
  bombZeros: { test: 200 * 2 ** 20, bench: 1.2 * 2 ** 30 },
  bombCells: { test: 200 * 2 ** 20, bench: 3.5 * 2 ** 30 },
  /** rows below the footer of a sealed sheet */
  rowsBelow: { test: 100_001, bench: 1_000_000 },
  /** rows with one cell in column XFD: read by the lean reader; sign refuses them before ExcelJS loads anything */
  xfdRows: { test: 30_000, bench: 30_000 },
  xfdRowsSign: { test: 1_000, bench: 30_000 },
  /**
   * rows of 16 numbers below the footer: 99,970 is the reader's row bound (100,000) less the
   * sheet's own (1.6 million cells); 16,000 rows (256,000 cells) are past the write limit of
   * 250,000 cells, so sign refuses the Jest version before ExcelJS loads it, as the bench's
   */
  cellsAtLimit: { test: 16_000, bench: 99_970 },
  /** shared strings */
  sharedStrings: { test: 1_000_001, bench: 20_000_000 },
  /** unpacked bytes of the styles part */
  styles: { test: 200 * 2 ** 20, bench: 1 * 2 ** 30 },
  /** sheets */
  sheets: { test: 10_000, bench: 10_000 },
} as const satisfies Record<string, Record<Scale, number>>;

/**
 * The unit an XML bomb repeats: at the 'bench' scale as dense as it comes (an element every
 * ~11–60 bytes, the costliest to parse); at the 'test' scale padded with whitespace to 1 KiB,
 * which reaches the same counted bound, by the same path, in a fraction of the time.
 */
function bombUnit(unit: string, scale: Scale): string {
  return scale === 'bench' ? unit : unit + ' '.repeat(1024 - unit.length);
}

/**
 * Builders of the big hostile files, by file name: `(src, scale) → bytes`, `src(name)` the
 * path of a corpus workbook (the committed test/fixtures/bad/ files).
 */
export const GENERATED: Readonly<Record<string, (src: (name: string) => string, scale: Scale) => Promise<Uint8Array>>> = {
  /** A zip bomb: the sealed sheet's part replaced by 1.2 GiB of "0" inside one cell value, both headers claiming 1 KiB. */
  'bomb-zeros.xlsx': async (src, scale) => {
    const bomb = repeatDeflate(
      `<worksheet xmlns="${MAIN_NS}"><sheetData><row r="1"><c r="A1"><v>`,
      '0',
      SIZES.bombZeros[scale],
      '</v></c></row></sheetData></worksheet>',
    );
    return (await Parts.load(src('sealed.xlsx'))).set(SHEET, { name: SHEET, deflated: bomb.deflated, declaredSize: 1024, crc: 0 }).zip();
  },

  /**
   * A zip bomb of well-formed XML: the sealed sheet's part replaced by 3.5 GiB of empty cells
   * (`<c r="B1"/>`, nothing to store) in one row, both headers claiming 1 KiB — only the
   * count of unpacked bytes can stop it.
   */
  'bomb-cells.xlsx': async (src, scale) => {
    const bomb = repeatDeflate(
      `<worksheet xmlns="${MAIN_NS}"><sheetData><row r="1">`,
      bombUnit('<c r="B1"/>', scale),
      SIZES.bombCells[scale],
      '</row></sheetData></worksheet>',
    );
    return (await Parts.load(src('sealed.xlsx'))).set(SHEET, { name: SHEET, deflated: bomb.deflated, declaredSize: 1024, crc: 0 }).zip();
  },

  /** A sealed sheet with 1,000,000 rows of notes below its footer (13 MB on disk; the was 8.7 MB). */
  'rows-below-footer.xlsx': async (src, scale) => rowsBelow(await Parts.load(src('sealed.xlsx')), SIZES.rowsBelow[scale]),

  /** The same, for sign: a filled (signable) sheet with the rows below its footer. */
  'rows-below-footer-filled.xlsx': async (src, scale) => rowsBelow(await Parts.load(src('filled.xlsx')), SIZES.rowsBelow[scale]),

  /** A sealed sheet with 30,000 rows below its footer, each with one cell in column XFD (the last). */
  'xfd-rows.xlsx': async (src, scale) => xfdRows(await Parts.load(src('sealed.xlsx')), SIZES.xfdRows[scale]),

  /** The same, for sign (which loads ExcelJS before it refuses a sealed sheet). */
  'xfd-rows-for-sign.xlsx': async (src, scale) => xfdRows(await Parts.load(src('sealed.xlsx')), SIZES.xfdRowsSign[scale]),

  /**
   * A sealed sheet filled to the reader's bounds: 99,970 rows of 16 numbers below its footer
   * (1.6 million cells, 5.5 MB on disk) — not a bomb, a workbook the lean reader must accept.
   */
  'cells-at-limit.xlsx': async (src, scale) => {
    const p = await Parts.load(src('sealed.xlsx'));
    const xml = p.text(SHEET);
    const [head, tail] = splitAtSheetDataEnd(xml);
    const first = lastRow(xml) + 2;
    const columns = 'ABCDEFGHIJKLMNOP';
    const rows = deflatePieces(
      head,
      SIZES.cellsAtLimit[scale],
      (i) => {
        const r = first + i;
        let row = `<row r="${r}">`;
        for (let c = 0; c < columns.length; c++) row += `<c r="${columns[c]}${r}"><v>${(i * 16 + c) % 997}</v></c>`;
        return `${row}</row>`;
      },
      tail,
    );
    return p.set(SHEET, { name: SHEET, deflated: rows.deflated, declaredSize: rows.size, crc: rows.crc }).zip();
  },

  /** 20,000,000 tiny shared strings (830 KB on disk, 340 MB unpacked) after the workbook's own. */
  'shared-strings-flood.xlsx': async (src, scale) => {
    const p = await Parts.load(src('sealed.xlsx'));
    const sst = p.text(SST);
    const cut = sst.lastIndexOf('</sst>');
    const flood = repeatDeflate(sst.slice(0, cut), '<si><t>a</t></si>', SIZES.sharedStrings[scale] * 17, '</sst>');
    return p.set(SST, { name: SST, deflated: flood.deflated, declaredSize: flood.size, crc: 0 }).zip();
  },

  /** A styles part of 1 GiB unpacked: the workbook's own styles, then millions of cell formats (`<xf>`) in `<cellXfs>`. */
  'huge-styles.xlsx': async (src, scale) => {
    const p = await Parts.load(src('sealed.xlsx'));
    const styles = p.text(STYLES);
    const at = styles.indexOf('</cellXfs>');
    if (at < 0) throw new Error('hostile-workbooks: no </cellXfs> in styles.xml');
    const xf = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>';
    const big = repeatDeflate(styles.slice(0, at), bombUnit(xf, scale), SIZES.styles[scale], styles.slice(at));
    return p.set(STYLES, { name: STYLES, deflated: big.deflated, declaredSize: big.size, crc: 0 }).zip();
  },

  /** 10,000 sheets, every one a worksheet part of its own. */
  'many-sheets.xlsx': async (src, scale) => {
    const p = await Parts.load(src('sealed.xlsx'));
    const n = SIZES.sheets[scale];
    const sheets: string[] = [];
    const rels: string[] = [];
    const types: string[] = [];
    const empty = strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}"><sheetData/></worksheet>`,
    );
    for (let i = 1; i <= n; i++) {
      sheets.push(`<sheet sheetId="${i + 10}" name="S${i}" r:id="rIdS${i}"/>`);
      rels.push(`<Relationship Id="rIdS${i}" Type="${REL_NS}/worksheet" Target="worksheets/s${i}.xml"/>`);
      types.push(
        `<Override PartName="/xl/worksheets/s${i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
      );
      p.set(`xl/worksheets/s${i}.xml`, empty);
    }
    return p
      .edit(WORKBOOK, (xml) => xml.replace('</sheets>', `${sheets.join('')}</sheets>`))
      .edit(RELS, (xml) => xml.replace('</Relationships>', `${rels.join('')}</Relationships>`))
      .edit(TYPES, (xml) => xml.replace('</Types>', `${types.join('')}</Types>`))
      .zip();
  },
};

function rowsBelow(p: Parts, count: number): Uint8Array {
  const xml = p.text(SHEET);
  const [head, tail] = splitAtSheetDataEnd(xml);
  const first = lastRow(xml) + 2;
  const rows = deflatePieces(
    head,
    count,
    (i) => {
      const r = first + i;
      return `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>备注 ${i + 1}</t></is></c><c r="C${r}"><v>${i + 1}</v></c></row>`;
    },
    tail,
  );
  return p.set(SHEET, { name: SHEET, deflated: rows.deflated, declaredSize: rows.size, crc: rows.crc }).zip();
}

function xfdRows(p: Parts, count: number): Uint8Array {
  const xml = p.text(SHEET);
  const [head, tail] = splitAtSheetDataEnd(xml);
  const first = lastRow(xml) + 2;
  const rows = deflatePieces(head, count, (i) => `<row r="${first + i}"><c r="XFD${first + i}"><v>1</v></c></row>`, tail);
  return p.set(SHEET, { name: SHEET, deflated: rows.deflated, declaredSize: rows.size, crc: rows.crc }).zip();
}

/** Writes the generated file `name` into `dir` at `scale`, from the corpus in `corpus`; returns its path. */
export async function makeGenerated(name: string, corpus: string, dir: string, scale: Scale): Promise<string> {
  const make = GENERATED[name];
  if (!make) throw new Error(`hostile-workbooks: no generated file ${name}`);
  const out = join(dir, name);
  await writeFile(out, await make((n) => join(corpus, n), scale));
  return out;
}
