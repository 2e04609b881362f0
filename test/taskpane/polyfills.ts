/**
 * What jsdom lacks and the core needs: TextEncoder/TextDecoder (the core encodes UTF-8 at
 * module load). Arrays are created in the test realm so `instanceof Uint8Array` holds.
 * Import this first in every task-pane test.
 */
import { TextDecoder as NodeTextDecoder, TextEncoder as NodeTextEncoder } from 'node:util';

class RealmTextEncoder {
  readonly encoding = 'utf-8';
  private readonly inner = new NodeTextEncoder();
  encode(input = ''): Uint8Array {
    return new Uint8Array(this.inner.encode(input));
  }
}

const g = globalThis as Record<string, unknown>;
if (typeof g.TextEncoder === 'undefined') g.TextEncoder = RealmTextEncoder;
if (typeof g.TextDecoder === 'undefined') g.TextDecoder = NodeTextDecoder;
