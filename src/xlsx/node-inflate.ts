/**
 * Node's zlib for the lean reader's one-step inflation (native: about five times fflate's speed
 * on a score workbook's parts). `maxOutputLength` makes zlib stop at the bound, so a part whose
 * declared size is a lie costs no more than the bound before the counted streaming path takes
 * over (see `lean/zip.ts`). Plugged in by the command line and its reading worker.
 */
import { inflateRawSync } from 'node:zlib';
import { useInflateRaw } from './lean/zip';

export function useNodeInflate(): void {
  useInflateRaw((data, maxOutput) => {
    try {
      const out = inflateRawSync(data, { maxOutputLength: maxOutput });
      return new Uint8Array(out.buffer, out.byteOffset, out.length);
    } catch {
      return null; // past the bound, or damaged: the streaming path reports which
    }
  });
}
