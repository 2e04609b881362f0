/**
 * An independent RFC 8785 (JCS) canonicaliser and SHA-256 digest for the open-format tests:
 * object keys sorted by UTF-16 code units, no whitespace, strings and numbers serialised as
 * ECMAScript's JSON.stringify does (which RFC 8785 adopts). Written from the RFC, not from
 * ScoreSeal's code, so tests can check ScoreSeal's digests against it.
 */
import { createHash } from 'node:crypto';

export function canonicalJson(v: unknown): string {
  if (v === null || typeof v === 'boolean') return JSON.stringify(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new TypeError('JCS has no form for non-finite numbers');
    return JSON.stringify(v);
  }
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
  }
  throw new TypeError(`no JSON form for ${typeof v}`);
}

export function sha256HexOf(data: string | Uint8Array): string {
  return createHash('sha256')
    .update(typeof data === 'string' ? Buffer.from(data, 'utf8') : data)
    .digest('hex');
}

/** hex SHA-256 of the UTF-8 bytes of the canonical JSON (SPEC §3 "digest"). */
export function openDigest(v: unknown): string {
  return sha256HexOf(canonicalJson(v));
}
