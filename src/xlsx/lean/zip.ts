/**
 * The zip container, bounded: the central directory is read to find entries by name, and
 * only the entries asked for are inflated, with fflate's streaming `Inflate`, fed in small
 * slices so that no single step produces much. Unpacked bytes are counted as they come out
 * of the inflater, so the sizes the headers declare are never trusted: a bomb stops at the
 * limit, having held at most one step's output.
 *
 * Browser-safe: Uint8Array and DataView only.
 */
import { Inflate, inflateSync } from 'fflate';
import { XlsxError } from '../errors';
import { corrupt, overLimit } from './fail';

/** One entry of the central directory. */
export interface ZipEntry {
  /** the entry's path in the zip, as stored */
  readonly name: string;
  /** 0 stored, 8 deflated */
  readonly method: number;
  readonly flags: number;
  readonly compressedSize: number;
  /** what the directory says; informative only, never trusted */
  readonly declaredSize: number;
  readonly localOffset: number;
}

/** The limits the archive enforces while inflating. */
export interface ZipLimits {
  readonly maxEntryBytes: number;
  readonly maxTotalInflated: number;
}

const SIG_EOCD = 0x06054b50;
const SIG_EOCD64_LOCATOR = 0x07064b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;

/** Compressed bytes pushed into the inflater at a time: one push yields at most ~1032× this (~4 MiB). */
const INFLATE_STEP = 4 * 1024;
/** Whole entries are handed on in slices of this size. */
const SLICE = 64 * 1024;
/**
 * Small entries (most parts of a score workbook) are inflated in one step, into a buffer of
 * the declared size plus one byte: the inflater cannot write past it, and an entry that fills
 * it (its declared size was a lie) is inflated again, streaming and counted. Bounded so that
 * the one step is cheap even for a lying entry: ≤ 16 KiB in (≤ ~16 MiB of decoding wasted).
 */
const ONE_STEP_MAX_COMPRESSED = 16 * 1024;
const ONE_STEP_MAX_DECLARED = 1024 * 1024;

const utf8 = new TextDecoder('utf-8');

/**
 * A native raw-DEFLATE inflater an edge may plug in (Node's zlib: `useNodeInflate`): the whole
 * output, or null when it would exceed `maxOutput` bytes (it stops there: the work is bounded
 * by the output) or the data is damaged. The streaming path then decides, counted, as without it.
 */
export type InflateRaw = (data: Uint8Array, maxOutput: number) => Uint8Array | null;

let nativeInflate: InflateRaw | null = null;

/** Plugs in (or, with null, removes) a native inflater for the one-step path. */
export function useInflateRaw(inflate: InflateRaw | null): void {
  nativeInflate = inflate;
}

/** A zip archive held in memory, read through its central directory. */
export class ZipArchive {
  private readonly byName = new Map<string, ZipEntry>();
  private inflated = 0;

  private constructor(
    private readonly bytes: Uint8Array,
    private readonly view: DataView,
    private readonly file: string,
    private readonly limits: ZipLimits,
  ) {}

  /**
   * Reads the central directory of `bytes`.
   *
   * @throws {XlsxError} CORRUPT when there is no readable directory (a truncated or damaged file)
   */
  static open(bytes: Uint8Array, file: string, limits: ZipLimits): ZipArchive {
    const zip = new ZipArchive(bytes, new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), file, limits);
    zip.readDirectory();
    return zip;
  }

  /** The entry at `path` (part names compare case-insensitively, as OPC says), if any. */
  find(path: string): ZipEntry | undefined {
    return this.byName.get(normalise(path));
  }

  /**
   * Inflates `entry`, handing its bytes to `sink` piece by piece as they come out.
   *
   * @throws {XlsxError} TOO_LARGE past `maxEntryBytes` or `maxTotalInflated` (counted, not
   *   declared); CORRUPT when the data cannot be inflated; whatever `sink` throws
   */
  read(entry: ZipEntry, sink: (chunk: Uint8Array) => void): void {
    const data = this.entryData(entry);
    let produced = 0;
    // what the counting or the sink throws passes through; only the inflater's own errors mean damage
    let passThrough: unknown = undefined;
    const take = (chunk: Uint8Array): void => {
      try {
        produced += chunk.length;
        this.inflated += chunk.length;
        if (produced > this.limits.maxEntryBytes)
          throw overLimit(this.file, 'entryBytes', this.limits.maxEntryBytes, { entry: entry.name });
        if (this.inflated > this.limits.maxTotalInflated) throw overLimit(this.file, 'totalBytes', this.limits.maxTotalInflated);
        if (chunk.length) sink(chunk);
      } catch (e) {
        passThrough = e;
        throw e;
      }
    };
    if (entry.method === 0) {
      for (let i = 0; i < data.length; i += SLICE) take(data.subarray(i, i + SLICE));
      return;
    }
    const whole = this.inflateSmall(entry, data);
    if (whole) {
      for (let i = 0; i < whole.length; i += SLICE) take(whole.subarray(i, i + SLICE));
      return;
    }
    const inflater = new Inflate((chunk) => take(chunk));
    try {
      if (data.length === 0) inflater.push(new Uint8Array(0), true);
      for (let i = 0; i < data.length; i += INFLATE_STEP)
        inflater.push(data.subarray(i, i + INFLATE_STEP), i + INFLATE_STEP >= data.length);
    } catch (e) {
      if (e === passThrough || e instanceof XlsxError) throw e;
      throw corrupt(this.file, `${entry.name} cannot be unpacked`, e);
    }
  }

  /** A small entry inflated in one step; null when it is not small or not as declared (then it is streamed). */
  private inflateSmall(entry: ZipEntry, data: Uint8Array): Uint8Array | null {
    const declared = entry.declaredSize;
    if (declared > ONE_STEP_MAX_DECLARED || declared >= this.limits.maxEntryBytes) return null;
    // a native inflater stops at the bound itself, so any compressed size may try (≤ 1 MiB + 1 out)
    if (nativeInflate) {
      const out = nativeInflate(data, declared + 1);
      return out && out.length <= declared ? out : null;
    }
    if (data.length > ONE_STEP_MAX_COMPRESSED) return null;
    try {
      const out = inflateSync(data, { out: new Uint8Array(declared + 1) });
      return out.length <= declared ? out : null;
    } catch {
      // damaged: streaming says so, with the proper error
      return null;
    }
  }

  private entryData(entry: ZipEntry): Uint8Array {
    const { view, bytes } = this;
    const at = entry.localOffset;
    if (at + 30 > bytes.length || view.getUint32(at, true) !== SIG_LOCAL)
      throw this.damaged(`the local header of ${entry.name} is missing`);
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    const end = start + entry.compressedSize;
    if (end > bytes.length) throw this.damaged(`${entry.name} runs past the end of the file; the file may be truncated`);
    if (entry.flags & 1)
      throw new XlsxError(
        { code: 'ENCRYPTED', kind: 'zipEntries', entry: entry.name },
        this.file,
        `${this.file} has encrypted zip entries (${entry.name}); save it again from Excel without a password`,
      );
    if (entry.method !== 0 && entry.method !== 8)
      throw this.damaged(`${entry.name} uses an unsupported compression method (${entry.method})`);
    return bytes.subarray(start, end);
  }

  private readDirectory(): void {
    const { view, bytes } = this;
    const eocd = this.findEocd();
    let count = view.getUint16(eocd + 10, true);
    let size = view.getUint32(eocd + 12, true);
    let offset = view.getUint32(eocd + 16, true);
    if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) ({ count, size, offset } = this.zip64Directory(eocd));
    if (offset + size > eocd || offset + size > bytes.length)
      throw this.damaged('the zip directory lies outside the file; the file may be truncated');
    let at = offset;
    for (let i = 0; i < count; i++) {
      if (at + 46 > bytes.length || view.getUint32(at, true) !== SIG_CENTRAL) throw this.damaged('the zip directory is damaged');
      const flags = view.getUint16(at + 8, true);
      const method = view.getUint16(at + 10, true);
      let compressedSize = view.getUint32(at + 20, true);
      let declaredSize = view.getUint32(at + 24, true);
      const nameLength = view.getUint16(at + 28, true);
      const extraLength = view.getUint16(at + 30, true);
      const commentLength = view.getUint16(at + 32, true);
      let localOffset = view.getUint32(at + 42, true);
      const nameStart = at + 46;
      const extraStart = nameStart + nameLength;
      const next = extraStart + extraLength + commentLength;
      if (next > bytes.length) throw this.damaged('the zip directory is damaged');
      const name = utf8.decode(bytes.subarray(nameStart, extraStart));
      if (declaredSize === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff) {
        const z = this.zip64Extra(extraStart, extraLength, declaredSize, compressedSize, localOffset);
        ({ declaredSize, compressedSize, localOffset } = z);
      }
      const key = normalise(name);
      if (!this.byName.has(key)) this.byName.set(key, { name, method, flags, compressedSize, declaredSize, localOffset });
      at = next;
    }
  }

  /** The end-of-central-directory record: the last signature within the comment's reach. */
  private findEocd(): number {
    const { view, bytes } = this;
    const last = bytes.length - EOCD_SIZE;
    const first = Math.max(0, last - MAX_COMMENT);
    for (let at = last; at >= first; at--) {
      if (bytes[at] === 0x50 && view.getUint32(at, true) === SIG_EOCD) return at;
    }
    throw this.damaged('the zip cannot be read; the file may be truncated');
  }

  private zip64Directory(eocd: number): { count: number; size: number; offset: number } {
    const { view } = this;
    const locator = eocd - 20;
    if (locator < 0 || view.getUint32(locator, true) !== SIG_EOCD64_LOCATOR) throw this.damaged('the zip directory is damaged');
    const at = this.u64(locator + 8);
    if (at + 56 > this.bytes.length || view.getUint32(at, true) !== SIG_EOCD64) throw this.damaged('the zip directory is damaged');
    return { count: this.u64(at + 32), size: this.u64(at + 40), offset: this.u64(at + 48) };
  }

  private zip64Extra(
    start: number,
    length: number,
    declared: number,
    compressed: number,
    offset: number,
  ): { declaredSize: number; compressedSize: number; localOffset: number } {
    const { view } = this;
    const end = start + length;
    for (let at = start; at + 4 <= end;) {
      const id = view.getUint16(at, true);
      const size = view.getUint16(at + 2, true);
      let p = at + 4;
      if (id === 0x0001 && p + size <= end) {
        const field = (v: number): number => {
          if (v !== 0xffffffff) return v;
          if (p + 8 > at + 4 + size) throw this.damaged('the zip directory is damaged');
          const x = this.u64(p);
          p += 8;
          return x;
        };
        const declaredSize = field(declared);
        const compressedSize = field(compressed);
        const localOffset = field(offset);
        return { declaredSize, compressedSize, localOffset };
      }
      at = p + size;
    }
    throw this.damaged('the zip directory is damaged');
  }

  /** A little-endian 64-bit value; past 2^53 it cannot be an offset into a file held in memory. */
  private u64(at: number): number {
    if (at + 8 > this.bytes.length) throw this.damaged('the zip directory is damaged');
    const lo = this.view.getUint32(at, true);
    const hi = this.view.getUint32(at + 4, true);
    if (hi >= 0x200000) throw this.damaged('the zip directory is damaged');
    return hi * 0x100000000 + lo;
  }

  private damaged(detail: string): XlsxError {
    return corrupt(this.file, detail);
  }
}

/** The key a part name is found by: no leading slash, lower case. */
function normalise(path: string): string {
  return (path.startsWith('/') ? path.slice(1) : path).toLowerCase();
}
