/**
 * Ed25519 keys, signatures and verification (SPEC §3).
 *
 * Keys come from a passphrase by scrypt (N = 2^15, r = 8, p = 1, 32 bytes); the 32 bytes
 * are the RFC 8032 seed. Signing uses @noble/curves (pure JS, audited). Verification uses
 * WebCrypto's native Ed25519 where the runtime has it and falls back to @noble/curves.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { fromBase64, toBase64, utf8 } from './bytes';
import { jcsBytes } from './digest';
import { cryptoProvider, type CryptoProvider } from './provider';

export const SCRYPT = { N: 2 ** 15, r: 8, p: 1, dkLen: 32 } as const;

export interface KeyPair {
  readonly personId: string;
  /** the 32-byte RFC 8032 seed; kept in memory only */
  readonly secret: Uint8Array;
  /** `ed25519:` + base64 of the 32-byte public key */
  readonly publicKey: string;
}

export function keySalt(planTitle: string, personId: string): string {
  return `scoreseal/key@1:${planTitle}:${personId}`;
}

/** Derives a person's key pair from their passphrase (≈0.1–0.5 s of scrypt). */
export async function deriveKeyPair(passphrase: string, planTitle: string, personId: string): Promise<KeyPair> {
  const password = utf8(passphrase.normalize('NFC'));
  const salt = utf8(keySalt(planTitle, personId));
  const native = cryptoProvider().scrypt;
  const secret = native ? await native(password, salt, SCRYPT) : await scryptAsync(password, salt, SCRYPT);
  return { personId, secret, publicKey: publicKeyOf(secret) };
}

export function publicKeyOf(secret: Uint8Array): string {
  return `ed25519:${toBase64(ed25519.getPublicKey(secret))}`;
}

export function publicKeyBytes(publicKey: string): Uint8Array<ArrayBuffer> | null {
  if (!publicKey.startsWith('ed25519:')) return null;
  const raw = fromBase64(publicKey.slice('ed25519:'.length));
  return raw && raw.length === 32 ? raw : null;
}

/** Short, human-comparable fingerprint of a public key: first 8 base64 chars in two groups. */
export function keyFingerprint(publicKey: string): string {
  const b = publicKey.slice('ed25519:'.length, 'ed25519:'.length + 8);
  return `${b.slice(0, 4)}-${b.slice(4, 8)}`;
}

/** Signs the JCS bytes of `message`; returns padded base64 of the 64-byte signature. */
export function signMessage(secret: Uint8Array, message: unknown): string {
  return toBase64(ed25519.sign(jcsBytes(message), secret));
}

export interface VerifyJob {
  readonly publicKey: string;
  readonly message: unknown;
  readonly sig: string;
}

/** Pure-JS verification (no WebCrypto). */
export function verifyPure(job: VerifyJob): boolean {
  const pub = publicKeyBytes(job.publicKey);
  const sig = fromBase64(job.sig);
  if (!pub || !sig || sig.length !== 64) return false;
  try {
    return ed25519.verify(sig, jcsBytes(job.message), pub, { zip215: false });
  } catch {
    return false; // malformed point or signature encoding: not a valid signature
  }
}

type Subtle = SubtleCrypto;

function subtleOrNull(): Subtle | null {
  const c = (globalThis as { crypto?: Crypto }).crypto;
  return c?.subtle ?? null;
}

let nativeProbe: Promise<boolean> | null = null;

/** Whether WebCrypto Ed25519 verification works here (probed once with a known signature). */
export function hasNativeEd25519(): Promise<boolean> {
  nativeProbe ??= (async () => {
    const subtle = subtleOrNull();
    if (!subtle) return false;
    try {
      const seed = new Uint8Array(32).fill(7);
      const msg = utf8('probe');
      const sig = new Uint8Array(ed25519.sign(msg, seed));
      const key = await subtle.importKey('raw', new Uint8Array(ed25519.getPublicKey(seed)), { name: 'Ed25519' }, false, ['verify']);
      return await subtle.verify({ name: 'Ed25519' }, key, sig, msg);
    } catch {
      return false;
    }
  })();
  return nativeProbe;
}

const keyCache = new Map<string, Promise<CryptoKey | null>>();

function importKey(subtle: Subtle, publicKey: string): Promise<CryptoKey | null> {
  let key = keyCache.get(publicKey);
  if (!key) {
    const pub = publicKeyBytes(publicKey);
    key = pub ? subtle.importKey('raw', pub, { name: 'Ed25519' }, false, ['verify']).catch(() => null) : Promise.resolve(null);
    keyCache.set(publicKey, key);
  }
  return key;
}

/** Native verification of a batch: keys imported once each, then every verify issued at once. */
async function nativeVerifyAll(subtle: Subtle, jobs: readonly VerifyJob[]): Promise<boolean[]> {
  const distinct = [...new Set(jobs.map((j) => j.publicKey))];
  const imported = await Promise.all(distinct.map((k) => importKey(subtle, k)));
  const keys = new Map(distinct.map((k, i) => [k, imported[i] ?? null]));
  return Promise.all(
    jobs.map((j) => {
      const key = keys.get(j.publicKey);
      const sig = fromBase64(j.sig);
      if (!key || !sig || sig.length !== 64) return Promise.resolve(false);
      return subtle.verify({ name: 'Ed25519' }, key, sig, jcsBytes(j.message)).catch(() => false);
    }),
  );
}

/** 'auto': the plugged-in native provider, else WebCrypto, else pure JS. */
export type VerifyEngine = 'native' | 'webcrypto' | 'pure' | 'auto';

function providerVerifyAll(verify: NonNullable<CryptoProvider['ed25519Verify']>, jobs: readonly VerifyJob[]): Promise<boolean[]> {
  const keys = new Map<string, Uint8Array | null>();
  return Promise.all(
    jobs.map(async (j) => {
      let pub = keys.get(j.publicKey);
      if (pub === undefined) {
        pub = publicKeyBytes(j.publicKey);
        keys.set(j.publicKey, pub);
      }
      const sig = fromBase64(j.sig);
      if (!pub || !sig || sig.length !== 64) return false;
      try {
        return await verify(pub, jcsBytes(j.message), sig);
      } catch {
        return false;
      }
    }),
  );
}

/** Verifies many signatures; uses native Ed25519 when available (or the engine asked for). */
export async function verifyAll(jobs: readonly VerifyJob[], engine: VerifyEngine = 'auto'): Promise<boolean[]> {
  const provided = cryptoProvider().ed25519Verify;
  if (provided && (engine === 'auto' || engine === 'native')) return providerVerifyAll(provided, jobs);
  const subtle = subtleOrNull();
  const web = engine === 'webcrypto' || engine === 'native' || (engine === 'auto' && (await hasNativeEd25519()));
  if (web && subtle) return nativeVerifyAll(subtle, jobs);
  return jobs.map(verifyPure);
}
