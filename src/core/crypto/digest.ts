/**
 * The open format's digest (SPEC §3): lowercase hex SHA-256 of the UTF-8 bytes of the
 * RFC 8785 (JCS) canonical JSON of a value.
 */
import canonicalize from 'canonicalize';
import { sha256 } from '@noble/hashes/sha2.js';
import { toHex, utf8 } from './bytes';

/** RFC 8785 canonical JSON text. Throws on values JSON cannot hold (undefined, NaN). */
export function jcs(value: unknown): string {
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
