/**
 * The text of a string item (`<si>` in the shared strings, `<is>` in a cell): the `<t>`
 * child of the item, or the `<t>` of each of its runs `<r>`, concatenated; never the `<t>` of
 * a phonetic run `<rPh>`. Excel's `_xHHHH_` escapes are decoded. Bounded while collecting.
 */
import type { XlsxPlace } from '../../errors';
import { overLimit } from '../fail';
import { decodeXEscapes } from '../text';

/** Collects one string item's text at a time; feed it every event while an item is open. */
export class RichTextCollector {
  /** depth of the item element; -1 when no item is open */
  private base = -1;
  /** whether a `<r>` run is open directly under the item */
  private inRun = false;
  /** depth of the `<t>` being captured; -1 when none */
  private textDepth = -1;
  private parts: string[] = [];
  private length = 0;

  /**
   * @param file the file, for messages
   * @param maxChars the longest string accepted
   * @param what where the current string is (a cell of a sheet, a shared string), for messages
   */
  constructor(
    private readonly file: string,
    private readonly maxChars: number,
    private readonly what: () => XlsxPlace,
  ) {}

  /** Whether an item is open. */
  get active(): boolean {
    return this.base >= 0;
  }

  /** The item element (`<si>`, `<is>`) opens at `depth`. */
  start(depth: number): void {
    this.base = depth;
    this.inRun = false;
    this.textDepth = -1;
    this.parts = [];
    this.length = 0;
  }

  /** An element opens inside the item. */
  open(name: string, depth: number): void {
    if (this.base < 0) return;
    if (depth === this.base + 1) {
      if (name === 'r') this.inRun = true;
      else if (name === 't') this.textDepth = depth;
    } else if (depth === this.base + 2 && this.inRun && name === 't') {
      this.textDepth = depth;
    }
  }

  /** An element closes inside the item. */
  close(depth: number): void {
    if (this.base < 0) return;
    if (depth === this.textDepth) this.textDepth = -1;
    if (depth === this.base + 1) this.inRun = false;
  }

  /** Character data inside the item. */
  text(t: string): void {
    if (this.textDepth < 0) return;
    this.length += t.length;
    // an escape is 7 characters for one: past 7× the limit the decoded text is past it too
    if (this.length > this.maxChars * 7) throw this.tooLong();
    this.parts.push(t);
  }

  /**
   * The item closes: its text, escapes decoded.
   *
   * @throws {XlsxError} TOO_LARGE past the string limit
   */
  finish(): string {
    this.base = -1;
    this.inRun = false;
    this.textDepth = -1;
    const raw = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
    this.parts = [];
    const s = decodeXEscapes(raw);
    if (s.length > this.maxChars) throw this.tooLong();
    return s;
  }

  private tooLong(): Error {
    return overLimit(this.file, 'stringChars', this.maxChars, this.what());
  }
}
