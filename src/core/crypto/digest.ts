/**
 * The open format's digest (SPEC §3): lowercase hex SHA-256 of the UTF-8 bytes of the
 * RFC 8785 (JCS) canonical JSON of a value.
 */
import canonicalize from 'canonicalize';
import { sha256 } from '@noble/hashes/sha2.js';
import { toHex, utf8 } from './bytes';

/**
 * Fast path for the records ScoreSeal signs most: plain objects whose values are strings or
 * arrays of strings. RFC 8785 serialises strings exactly as ECMAScript JSON.stringify and sorts
 * keys by UTF-16 code units, which is what this does; anything else goes to `canonicalize`.
 */
function jcsFlat(value: object): string | null {
  const keys = Object.keys(value).sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const v = (value as Record<string, unknown>)[k];
    let text: string;
    if (typeof v === 'string') text = JSON.stringify(v);
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) text = JSON.stringify(v);
    else return null;
    out += `${i ? ',' : ''}${JSON.stringify(k)}:${text}`;
  }
  return `${out}}`;
}

/** RFC 8785 canonical JSON text. Throws on values JSON cannot hold (undefined, NaN). */
export function jcs(value: unknown): string {
  if (value && typeof value === 'object' && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype) {
    const fast = jcsFlat(value);
    if (fast !== null) return fast;
  }
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value has no canonical JSON form');
  return text;
}

export function jcsBytes(value: unknown): Uint8Array<ArrayBuffer> {
  return utf8(jcs(value));
}

export function sha256Hex(bytes: Uint8Array): string {
  return toHex(sha256(bytes));
}

/** digest(v) = hex(SHA-256(UTF-8(JCS(v)))) */
export function digest(value: unknown): string {
  return sha256Hex(jcsBytes(value));
}
