/**
 * Node's zlib in the lean reader's one-step inflation (`useNodeInflate`, the command line's)
 * reads every workbook of the corpus exactly as fflate does — the same content or the same
 * error — including parts whose declared sizes lie (the bound stops zlib, and the counted
 * streaming path decides, as without it).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { readXlsx } from '../../../src/xlsx/lean';
import { useInflateRaw } from '../../../src/xlsx/lean/zip';
import { useNodeInflate } from '../../../src/xlsx/node-inflate';
import { isXlsxError } from '../../../src/xlsx/errors';

const BAD = join(__dirname, '../../fixtures/bad');

async function outcome(bytes: Uint8Array, limits = {}): Promise<unknown> {
  try {
    return (await readXlsx(bytes, 'corpus.xlsx', limits)).raw;
  } catch (e) {
    return isXlsxError(e) ? `${e.code} ${e.message}` : `unexpected ${String(e)}`;
  }
}

async function bothWays(bytes: Uint8Array, limits = {}): Promise<[unknown, unknown]> {
  useInflateRaw(null);
  const js = await outcome(bytes, limits);
  useNodeInflate();
  try {
    return [js, await outcome(bytes, limits)];
  } finally {
    useInflateRaw(null);
  }
}

/** A stored zip entry's central and local sizes rewritten (the data unchanged): a lying header. */
function withDeclaredSize(zip: Uint8Array, entry: string, size: number): Uint8Array {
  const out = Uint8Array.from(zip);
  const view = new DataView(out.buffer);
  const name = new TextEncoder().encode(entry);
  for (let i = 0; i + 46 < out.length; i++) {
    const sig = view.getUint32(i, true);
    const central = sig === 0x02014b50;
    const local = sig === 0x04034b50;
    if (!central && !local) continue;
    const nameLen = view.getUint16(i + (central ? 28 : 26), true);
    const nameAt = i + (central ? 46 : 30);
    if (nameLen !== name.length || !name.every((b, k) => out[nameAt + k] === b)) continue;
    view.setUint32(i + (central ? 24 : 22), size, true);
  }
  return out;
}

describe('native inflation reads as fflate reads', () => {
  it('every workbook of the hostile and the ordinary corpus: the same content, or the same error', async () => {
    const files = readdirSync(BAD).filter((f) => f.endsWith('.xlsx'));
    expect(files.length).toBeGreaterThan(40);
    for (const f of files) {
      const [js, native] = await bothWays(new Uint8Array(readFileSync(join(BAD, f))));
      expect({ f, native }).toEqual({ f, native: js });
    }
  });

  it('a sheet whose declared size is a lie (smaller or larger than it is) reads the same both ways', async () => {
    const sealed = new Uint8Array(readFileSync(join(BAD, 'sealed.xlsx')));
    for (const size of [10, 1000, 5_000_000]) {
      const lying = withDeclaredSize(sealed, 'xl/worksheets/sheet1.xml', size);
      const [js, native] = await bothWays(lying);
      expect(native).toEqual(js);
    }
  });

  it('a bomb declared small stops at the entry limit both ways (TOO_LARGE)', async () => {
    // the sheet replaced by 3 MiB of spaces (a few KiB deflated), its sizes declared as 100 bytes
    const entries = unzipSync(new Uint8Array(readFileSync(join(BAD, 'sealed.xlsx'))));
    entries['xl/worksheets/sheet1.xml'] = new Uint8Array(3 * 2 ** 20).fill(0x20);
    const packed = zipSync(entries, { level: 9 });
    expect(packed.length).toBeLessThan(200 * 1024);
    const lying = withDeclaredSize(packed, 'xl/worksheets/sheet1.xml', 100);
    const [js, native] = await bothWays(lying, { maxEntryBytes: 2 ** 20 });
    expect(native).toEqual(js);
    expect(String(native)).toMatch(/^TOO_LARGE /);
  });
});
