/**
 * Hand-made .xlsx packages for the lean reader's tests: the minimal parts (content types,
 * workbook, relationships, sheets, optional shared strings and styles), zipped with fflate.
 */
import { zipSync, strToU8 } from 'fflate';
import { createDeflateRaw } from 'node:zlib';
import { XlsxError } from '../../../src/xlsx/errors';

export const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const WORKBOOK_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml';

export interface HandSheet {
  readonly name: string;
  /** the whole worksheet part, or just what goes inside <sheetData> (see {@link sheetXml}) */
  readonly xml: string;
  readonly state?: 'hidden' | 'veryHidden';
}

export interface HandPackage {
  readonly sheets: readonly HandSheet[];
  /** `<si>` elements (inner XML of <sst>) */
  readonly sharedStrings?: string;
  /** the whole styles part */
  readonly styles?: string;
  /** XML inserted in <workbook> before <sheets> (workbookPr, workbookProtection, comments…) */
  readonly beforeSheets?: string;
  /** the workbook part's content type */
  readonly workbookType?: string;
  /** the workbook root's namespace */
  readonly namespace?: string;
  /** extra or replacement entries */
  readonly extra?: Readonly<Record<string, string | Uint8Array>>;
  /** entries to leave out */
  readonly omit?: readonly string[];
}

/** A worksheet part around `sheetData` content, with optional parts before and after it. */
export function sheetXml(rows: string, opts: { before?: string; after?: string } = {}): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${opts.before ?? ''}<sheetData>${rows}</sheetData>${opts.after ?? ''}</worksheet>`;
}

/** Escapes text for XML content. */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The parts of a minimal workbook package, before zipping. */
export function packageParts(p: HandPackage): Record<string, Uint8Array> {
  const ns = p.namespace ?? MAIN_NS;
  const parts: Record<string, string | Uint8Array> = {
    '[Content_Types].xml':
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="${p.workbookType ?? WORKBOOK_TYPE}"/>` +
      p.sheets
        .map(
          (_, i) =>
            `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
        )
        .join('') +
      `</Types>`,
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml':
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${ns}" xmlns:r="${REL_NS}">${p.beforeSheets ?? ''}<sheets>` +
      p.sheets
        .map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`)
        .join('') +
      `</sheets></workbook>`,
    'xl/_rels/workbook.xml.rels':
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      p.sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
      (p.sharedStrings !== undefined ? `<Relationship Id="rIdS" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>` : '') +
      (p.styles !== undefined ? `<Relationship Id="rIdT" Type="${REL_NS}/styles" Target="styles.xml"/>` : '') +
      `</Relationships>`,
  };
  p.sheets.forEach((s, i) => (parts[`xl/worksheets/sheet${i + 1}.xml`] = /<(\w+:)?worksheet\b/.test(s.xml) ? s.xml : sheetXml(s.xml)));
  if (p.sharedStrings !== undefined)
    parts['xl/sharedStrings.xml'] = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN_NS}">${p.sharedStrings}</sst>`;
  if (p.styles !== undefined) parts['xl/styles.xml'] = p.styles;
  Object.assign(parts, p.extra ?? {});
  for (const k of p.omit ?? []) delete parts[k];
  const out: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries(parts)) out[k] = typeof v === 'string' ? strToU8(v) : v;
  return out;
}

/** A minimal workbook package as .xlsx bytes. */
export function handXlsx(p: HandPackage): Uint8Array {
  return zipSync(packageParts(p), { level: 6 });
}

/** The error a promise rejects with; fails the test when it resolves or rejects with something else. */
export async function failure(p: Promise<unknown>): Promise<XlsxError> {
  const e: unknown = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(e instanceof XlsxError))
    throw new Error(`expected an XlsxError, got ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
  return e;
}

/** A styles part with the given custom formats and cell xfs (their numFmtIds, in order). */
export function stylesXml(numFmts: readonly [number, string][], xfs: readonly number[]): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${MAIN_NS}">` +
    (numFmts.length
      ? `<numFmts count="${numFmts.length}">${numFmts.map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${esc(code)}"/>`).join('')}</numFmts>`
      : '') +
    `<fonts count="1"><font/></fonts><cellStyleXfs count="1"><xf numFmtId="49"/></cellStyleXfs>` +
    `<cellXfs count="${xfs.length}">${xfs.map((id) => `<xf numFmtId="${id}" fontId="0"/>`).join('')}</cellXfs>` +
    `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`
  );
}

/** Raw DEFLATE of `prefix`, then `size` bytes made by repeating `unit`, then `suffix` — compressed in pieces, never held whole. */
export async function deflateRun(prefix: string, unit: string, size: number, suffix: string): Promise<Uint8Array> {
  const z = createDeflateRaw({ level: 9 });
  const chunks: Buffer[] = [];
  z.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve, reject) => z.on('end', resolve).on('error', reject));
  const block = Buffer.from(unit.repeat(Math.ceil((1 << 20) / unit.length)).slice(0, 1 << 20));
  z.write(prefix);
  for (let written = 0; written < size; written += block.length) z.write(block);
  z.end(suffix);
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * A workbook whose sheet part is `deflated` (raw DEFLATE), appended by hand after the other
 * entries so that its headers can lie: both the local and the central header declare
 * `declared` unpacked bytes (and, with `patchCompressed`, 1 KiB of compressed data too).
 */
export function bombXlsx(deflated: Uint8Array, declared: number, opts: { patchCompressed?: boolean } = {}): Uint8Array {
  const parts = packageParts({ sheets: [{ name: 'S', xml: '' }] });
  const name = 'xl/worksheets/sheet1.xml';
  delete parts[name];
  const head = zipSync(parts, { level: 0 });
  // our own entry, appended: local header + data, then a central directory for all entries
  const eocdAt = head.length - 22;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const cdOffset = view.getUint32(eocdAt + 16, true);
  const cdSize = view.getUint32(eocdAt + 12, true);
  const count = view.getUint16(eocdAt + 10, true);
  const nameBytes = strToU8(name);
  const compressed = opts.patchCompressed ? 1024 : deflated.length;
  const local = new Uint8Array(30 + nameBytes.length);
  const lv = new DataView(local.buffer);
  lv.setUint32(0, 0x04034b50, true);
  lv.setUint16(4, 20, true);
  lv.setUint16(8, 8, true);
  lv.setUint32(18, compressed, true);
  lv.setUint32(22, declared, true);
  lv.setUint16(26, nameBytes.length, true);
  local.set(nameBytes, 30);
  const central = new Uint8Array(46 + nameBytes.length);
  const cv = new DataView(central.buffer);
  cv.setUint32(0, 0x02014b50, true);
  cv.setUint16(4, 20, true);
  cv.setUint16(6, 20, true);
  cv.setUint16(10, 8, true);
  cv.setUint32(20, compressed, true);
  cv.setUint32(24, declared, true);
  cv.setUint16(28, nameBytes.length, true);
  cv.setUint32(42, cdOffset, true);
  central.set(nameBytes, 46);
  const entries = head.subarray(0, cdOffset);
  const oldCd = head.subarray(cdOffset, cdOffset + cdSize);
  const out = new Uint8Array(entries.length + local.length + deflated.length + oldCd.length + central.length + 22);
  let at = 0;
  for (const part of [entries, local, deflated]) {
    out.set(part, at);
    at += part.length;
  }
  // the new entry's local header sits where the old directory began
  const newCdOffset = at;
  out.set(oldCd, at);
  at += oldCd.length;
  out.set(central, at);
  at += central.length;
  const ev = new DataView(out.buffer, at, 22);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, count + 1, true);
  ev.setUint16(10, count + 1, true);
  ev.setUint32(12, oldCd.length + central.length, true);
  ev.setUint32(16, newCdOffset, true);
  return out;
}
