/**
 * Streaming XML over a zip entry: bytes come out of the inflater, are decoded incrementally
 * (TextDecoder with `stream: true`) in small slices and written into a saxes parser, so no
 * part is ever held whole as text. Bounded on every axis an attacker controls:
 *
 * - element depth: past `maxXmlDepth` → TOO_LARGE;
 * - the length of any one token (a text node, a tag with its attributes, a comment): saxes
 *   accumulates a token until it ends, so the characters fed without any event in between
 *   are counted, and past a bound derived from `maxStringChars` → TOO_LARGE;
 * - no DTDs: a DOCTYPE is CORRUPT, and saxes never expands entities beyond XML's five (an
 *   undefined entity is a well-formedness error → CORRUPT).
 *
 * Comments and processing instructions are skipped by the parser (no handler sees them).
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { XlsxError } from '../errors';
import { corrupt, overLimit } from './fail';
import type { LeanLimits } from './limits';
import type { ZipArchive, ZipEntry } from './zip';

/** An element's attributes by qualified name, entities already resolved. */
export type Attrs = Readonly<Record<string, string>>;

/** What a part reader does with the parser's events. */
export interface XmlHandler {
  /** An element opens: its local name (prefix dropped), attributes, depth (1 for the root) and qualified name. */
  open(name: string, attrs: Attrs, depth: number, qname: string): void;
  /** An element closes (right after `open` for `<x/>`), at the depth it opened at. */
  close(name: string, depth: number): void;
  /** Character data (text or CDATA), in document order. */
  text(text: string): void;
}

/**
 * Thrown by a handler that has read all it needs from a part: reading stops there (the rest
 * of the part is neither parsed nor inflated). Use {@link STOP}.
 */
export class StopReading extends Error {
  constructor() {
    super('reading stopped: the rest of the part is not needed');
  }
}

/** The one {@link StopReading} handlers throw. */
export const STOP = new StopReading();

/** What reading a part needs: the archive, the limits, and the file's name for messages. */
export interface PartContext {
  readonly file: string;
  readonly zip: ZipArchive;
  readonly limits: LeanLimits;
}

/** Characters handed to the parser at a time (one decode step). */
const SLICE_BYTES = 64 * 1024;

/**
 * The longest token (text node, tag, comment) the parser may accumulate: 8 Mi characters
 * (16 MiB of memory), or a maximal string fully escaped if that is more. Long enough for
 * any comment a tool writes, short enough that a run of garbage stops early.
 */
export function maxTokenChars(limits: LeanLimits): number {
  return Math.max(8 * 2 ** 20, maxValueChars(limits));
}

/** The longest cell value or formula text accepted before decoding: a maximal string, every character escaped. */
export function maxValueChars(limits: LeanLimits): number {
  return limits.maxStringChars * 8 + 65_536;
}

/** An element's attributes without namespace declarations (`xmlns`, `xmlns:*`). */
export function plainAttributes(attrs: Attrs): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs)) if (!k.startsWith('xmlns')) out[k] = v;
  return out;
}

/** The local part of a qualified name (`x:c` → `c`). */
export function localName(qname: string): string {
  const i = qname.indexOf(':');
  return i < 0 ? qname : qname.slice(i + 1);
}

/**
 * Streams the entry through `handler`.
 *
 * @throws {XlsxError} CORRUPT for XML that is not well-formed, not valid UTF-8/16, or has a
 *   DOCTYPE; TOO_LARGE past a limit; whatever the handler throws
 */
export function readXmlPart(ctx: PartContext, entry: ZipEntry, handler: XmlHandler): void {
  const { file, limits } = ctx;
  const part = entry.name;
  const tokenLimit = maxTokenChars(limits);
  const maxDepth = limits.maxXmlDepth;
  const parser = new SaxesParser({ xmlns: false, position: false });
  let depth = 0;
  let sawEvent = false;
  let pending = 0;

  parser.on('opentag', (tag: SaxesTagPlain) => {
    sawEvent = true;
    depth += 1;
    if (depth > maxDepth) throw overLimit(file, 'xmlDepth', maxDepth, { part });
    handler.open(localName(tag.name), tag.attributes, depth, tag.name);
  });
  parser.on('closetag', (tag: SaxesTagPlain) => {
    sawEvent = true;
    handler.close(localName(tag.name), depth);
    depth -= 1;
  });
  parser.on('text', (text: string) => {
    sawEvent = true;
    handler.text(text);
  });
  parser.on('cdata', (text: string) => {
    sawEvent = true;
    handler.text(text);
  });
  // comments and processing instructions are events too: many small ones are no long token
  parser.on('comment', () => {
    sawEvent = true;
  });
  parser.on('processinginstruction', () => {
    sawEvent = true;
  });
  parser.on('doctype', () => {
    throw corrupt(file, `${part} has a DOCTYPE declaration, which workbooks never have`);
  });

  const feed = (text: string): void => {
    if (!text) return;
    sawEvent = false;
    parser.write(text);
    pending = sawEvent ? 0 : pending + text.length;
    if (pending > tokenLimit) throw overLimit(file, 'xmlText', tokenLimit, { part });
  };

  // the encoding is known from the first two bytes (a UTF-16 byte-order mark, or UTF-8)
  const text: { decoder: TextDecoder | null; head: Uint8Array | null } = { decoder: null, head: null };
  const decode = (bytes?: Uint8Array): string => {
    const d = text.decoder;
    if (!d) return '';
    try {
      return bytes ? d.decode(bytes, { stream: true }) : d.decode();
    } catch (e) {
      throw corrupt(file, `${part} is not valid ${d.encoding.toUpperCase()} text`, e);
    }
  };
  const start = (bytes: Uint8Array): Uint8Array | null => {
    const all = text.head ? concat(text.head, bytes) : bytes;
    if (all.length < 2) {
      text.head = all;
      return null;
    }
    text.head = null;
    text.decoder = decoderFor(all);
    return all;
  };
  try {
    ctx.zip.read(entry, (chunk) => {
      const bytes = text.decoder ? chunk : start(chunk);
      if (!bytes) return;
      for (let i = 0; i < bytes.length; i += SLICE_BYTES) feed(decode(bytes.subarray(i, i + SLICE_BYTES)));
    });
    if (text.head) {
      text.decoder = decoderFor(text.head);
      feed(decode(text.head));
    }
    feed(decode());
    parser.close();
  } catch (e) {
    if (e === STOP) return;
    if (e instanceof XlsxError) throw e;
    throw corrupt(file, `${part} is not well-formed XML: ${e instanceof Error ? e.message : String(e)}`, e);
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** UTF-8 unless the part starts with a UTF-16 byte-order mark; invalid bytes are errors. */
function decoderFor(first: Uint8Array): TextDecoder {
  if (first[0] === 0xff && first[1] === 0xfe) return new TextDecoder('utf-16le', { fatal: true });
  if (first[0] === 0xfe && first[1] === 0xff) return new TextDecoder('utf-16be', { fatal: true });
  return new TextDecoder('utf-8', { fatal: true });
}
