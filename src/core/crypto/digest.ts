/**
 * The open format's digest (SPEC §3): lowercase hex SHA-256 of the UTF-8 bytes of the
 * RFC 8785 (JCS) canonical JSON of a value.
 */
import canonicalize from 'canonicalize';
import { sha256 } from '@noble/hashes/sha2.js';
import { toHex, utf8 } from './bytes';
import { cryptoProvider } from './provider';

const LONE_SURROGATE = /[\uD800-\uDFFF]/;

/**
 * RFC 8785 serialisation of plain JSON data (strings, finite numbers, booleans, null, arrays,
 * plain objects). Strings are serialised as ECMAScript JSON.stringify does, numbers as
 * ECMAScript Number-to-string (JSON.stringify's form), keys sorted by UTF-16 code units —
 * which is what JCS specifies. Returns null for anything else (the `canonicalize` package
 * then decides); a test checks both agree on random data.
 */
function jcsFast(v: unknown): string | null {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string':
      return wellFormed(v) ? JSON.stringify(v) : null;
    case 'number':
      return Number.isFinite(v) ? JSON.stringify(v) : null;
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object': {
      if (Array.isArray(v)) {
        // arrays of well-formed strings (nested or not) are JSON.stringify's own output: one native call
        // for table rows, digest lists and [code, digest] pairs
        if (stringArrays(v)) return JSON.stringify(v);
        let out = '[';
        for (let i = 0; i < v.length; i++) {
          const x = jcsFast(v[i]);
          if (x === null) return null;
          out += i ? `,${x}` : x;
        }
        return `${out}]`;
      }
      if (Object.getPrototypeOf(v) !== Object.prototype) return null;
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o).sort();
      let out = '{';
      let first = true;
      for (const k of keys) {
        if (o[k] === undefined) continue;
        const x = jcsFast(o[k]);
        if (x === null) return null;
        out += `${first ? '' : ','}${JSON.stringify(k)}:${x}`;
        first = false;
      }
      return `${out}}`;
    }
    default:
      return null;
  }
}

/** Whether a string has no lone surrogate (the runtime's own check where it has one: ES2024, Node 20). */
const wellFormed: (s: string) => boolean =
  typeof (String.prototype as { isWellFormed?: unknown }).isWellFormed === 'function'
    ? (s) => (s as string & { isWellFormed(): boolean }).isWellFormed()
    : (s) => !LONE_SURROGATE.test(s) || !hasLoneSurrogate(s);

/** Whether every element is a well-formed string or, in turn, such an array (holes are not: they read as undefined). */
function stringArrays(a: readonly unknown[]): boolean {
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (typeof x === 'string' ? !wellFormed(x) : !Array.isArray(x) || !stringArrays(x)) return false;
  }
  return true;
}

function hasLoneSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
      else return true;
    } else if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}

/** RFC 8785 canonical JSON text. Throws on values JSON cannot hold (undefined, NaN). */
export function jcs(value: unknown): string {
  const fast = jcsFast(value);
  if (fast !== null) return fast;
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value has no canonical JSON form');
  return text;
}

export function jcsBytes(value: unknown): Uint8Array<ArrayBuffer> {
  return utf8(jcs(value));
}

export function sha256Hex(bytes: Uint8Array): string {
  const native = cryptoProvider().sha256;
  return toHex(native ? native(bytes) : sha256(bytes));
}

/** Lowercase hex SHA-256 of the UTF-8 bytes of a text. */
export function sha256TextHex(text: string): string {
  const native = cryptoProvider().sha256TextHex;
  return native ? native(text) : sha256Hex(utf8(text));
}

/**
 * Whether two JSON values have the same canonical JSON (so the same digest), decided without
 * serialising them: numbers by value, object keys as sets (a key holding undefined counts as
 * absent, as in JCS), arrays in order. False where either is not plain JSON data — the caller
 * then computes the digest. A test checks it against `jcs(a) === jcs(b)` on random data.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return typeof a !== 'number' || Number.isFinite(a);
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  const arrA = Array.isArray(a);
  if (arrA !== Array.isArray(b)) return false;
  if (arrA) {
    const x = a as unknown[];
    const y = b as unknown[];
    return x.length === y.length && x.every((v, i) => sameJson(v, y[i]));
  }
  if (Object.getPrototypeOf(a) !== Object.prototype || Object.getPrototypeOf(b) !== Object.prototype) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keysA = Object.keys(x).filter((k) => x[k] !== undefined);
  const keysB = Object.keys(y).filter((k) => y[k] !== undefined);
  return keysA.length === keysB.length && keysA.every((k) => Object.prototype.hasOwnProperty.call(y, k) && sameJson(x[k], y[k]));
}

/** digest(v) = hex(SHA-256(UTF-8(JCS(v)))) */
export function digest(value: unknown): string {
  return sha256TextHex(jcs(value));
}
