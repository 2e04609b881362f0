/**
 * ECVRF-EDWARDS25519-SHA512-TAI: the verifiable random function of RFC 9381 (suite_string 0x03)
 * that draws a sample's seed (SPEC §3 "Sample").
 *
 * The key is the person's Ed25519 key: the 32-byte RFC 8032 seed SK gives, exactly as in RFC 8032
 * §5.1.5, h = SHA-512(SK), the secret scalar x = clamp(h[0..32]) and the public key Y = x·B
 * (RFC 9381 §5.5). Over the input alpha:
 *
 * - H = encode_to_curve(PK, alpha) by try-and-increment (§5.4.1.1): SHA-512(0x03 ‖ 0x01 ‖ PK ‖
 *   alpha ‖ ctr ‖ 0x00), its first 32 bytes decoded as an RFC 8032 point, times the cofactor 8,
 *   for ctr = 0, 1, … until that is a point other than the identity.
 * - Gamma = x·H; k = SHA-512(h[32..64] ‖ point_to_string(H)) mod q (§5.4.2.2, as in RFC 8032).
 * - c = the first 16 bytes of SHA-512(0x03 ‖ 0x02 ‖ Y ‖ H ‖ Gamma ‖ k·B ‖ k·H ‖ 0x00) (§5.4.3).
 * - s = (k + c·x) mod q; the proof pi = Gamma (32) ‖ c (16) ‖ s (32), 80 bytes (§5.1).
 * - The output beta = SHA-512(0x03 ‖ 0x03 ‖ point_to_string(8·Gamma) ‖ 0x00), 64 bytes (§5.2).
 *
 * Verification (§5.3) decodes the key (rejecting a small-order one, validate_key §5.4.5) and the
 * proof (§5.4.4: Gamma a canonical point, s < q), recomputes U = s·B − c·Y and V = s·H − c·Gamma
 * and accepts when the challenge over (Y, H, Gamma, U, V) equals c. point_to_string and
 * string_to_point are the RFC 8032 encoding (decoding is strict: y < p, no "negative zero");
 * integers are little-endian. q is the prime order L of the base point.
 *
 * Pure: @noble/curves for the group, @noble/hashes for SHA-512; no Node or DOM APIs.
 */
import type { EdwardsPoint as Point } from '@noble/curves/abstract/edwards.js';
import { mulAddUnsafe } from '@noble/curves/abstract/curve.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToNumberLE, numberToBytesLE } from '@noble/curves/utils.js';
import { sha512 as nobleSha512 } from '@noble/hashes/sha2.js';
import { concatBytes } from '@noble/hashes/utils.js';
import { cryptoProvider } from './provider';

/** SHA-512: the runtime's native one where an edge plugged it in (the command line), else @noble/hashes. */
function sha512(data: Uint8Array): Uint8Array {
  const native = cryptoProvider().sha512;
  // copied into this realm's Uint8Array (a Node Buffer is not one where the globals differ, as under jsdom)
  return native ? Uint8Array.from(native(data)) : nobleSha512(data);
}

/** B, the base point, and q, its prime order (RFC 9381 §5.5). */
const B = ed25519.Point.BASE;
const Q = ed25519.Point.Fn.ORDER;

const SUITE = 0x03;
const PT_LEN = 32;
const C_LEN = 16;
const Q_LEN = 32;
const PROOF_LEN = PT_LEN + C_LEN + Q_LEN;

/**
 * 80-byte proof pi for input alpha under the 32-byte Ed25519 secret (RFC 8032 seed, the same secret as the person's signing key).
 * Deterministic (RFC 9381 §5.1); throws when the secret is not 32 bytes.
 */
export function vrfProve(secret: Uint8Array, alpha: Uint8Array): Uint8Array {
  // §5.1 step 1: x and Y from SK as in RFC 8032; `prefix` is the second half of SHA-512(SK)
  const { scalar: x, point: Y, pointBytes: pk, prefix } = ed25519.utils.getExtendedPublicKey(secret);
  const H = encodeToCurve(pk, alpha);
  const hString = H.toBytes();
  const gamma = H.multiply(x);
  const k = nonce(prefix, hString);
  const c = challenge(Y, H, gamma, B.multiply(k), H.multiply(k));
  const s = (k + c * x) % Q;
  return concatBytes(gamma.toBytes(), numberToBytesLE(c, C_LEN), numberToBytesLE(s, Q_LEN));
}

/**
 * The 64-byte VRF output beta if `proof` is valid for `alpha` under the 32-byte public key, else null.
 * Never throws on malformed input (bad lengths, non-canonical points/scalars, small-order public keys
 * per RFC 9381 §5.4.5 validate_key): returns null.
 */
export function vrfVerify(publicKey: Uint8Array, proof: Uint8Array, alpha: Uint8Array): Uint8Array | null {
  const Y = validateKey(publicKey); // §5.3 steps 1–3
  const decoded = decodeProof(proof); // steps 4–6
  if (!Y || !decoded) return null;
  const { gamma, c, s } = decoded;
  const H = encodeToCurve(publicKey, alpha); // steps 7–8: encode_to_curve_salt = PK_string
  const U = B.multiplyUnsafe(s).subtract(Y.multiplyUnsafe(c)); // step 9
  // step 10, V = s·H − c·Gamma, as one Straus–Shamir walk (one doubling chain for both products)
  const V = mulAddUnsafe(ed25519.Point, [H, gamma.negate()], [s, c]);
  return challenge(Y, H, gamma, U, V) === c ? gammaToHash(gamma) : null; // steps 11–12
}

/** At most this many verifications started ahead are kept (each is taken once; the rest are dropped). */
const AHEAD_MAX = 10_000;

function inputKey(publicKey: Uint8Array, proof: Uint8Array, alpha: Uint8Array): string {
  // one character per byte: distinct inputs never share a key
  let key = `${publicKey.length}:${proof.length}:`;
  for (const part of [publicKey, proof, alpha]) for (let i = 0; i < part.length; i++) key += String.fromCharCode(part[i]!);
  return key;
}

/**
 * Verifications started ahead on another thread of this program ({@link vrfAhead}), each taken
 * once by the check that needs it ({@link takeVrfAhead}). Bounded.
 */
const AHEAD = new Map<string, Promise<Uint8Array | null>>();

/**
 * Starts verifying a draw's proof with `verify` (the runtime's other thread: `CryptoProvider.vrfVerify`)
 * before its sheet is checked — the command line does so as each file is read — so that the
 * check finds it done.
 */
export function vrfAhead(
  publicKey: Uint8Array,
  proof: Uint8Array,
  alpha: Uint8Array,
  verify: (publicKey: Uint8Array, proof: Uint8Array, alpha: Uint8Array) => Promise<Uint8Array | null>,
): void {
  const key = inputKey(publicKey, proof, alpha);
  if (AHEAD.has(key)) return;
  if (AHEAD.size >= AHEAD_MAX) AHEAD.clear();
  AHEAD.set(key, verify(publicKey, proof, alpha));
}

/** The verification {@link vrfAhead} started for these inputs (once), else undefined. */
export function takeVrfAhead(publicKey: Uint8Array, proof: Uint8Array, alpha: Uint8Array): Promise<Uint8Array | null> | undefined {
  if (!AHEAD.size) return undefined;
  const key = inputKey(publicKey, proof, alpha);
  const started = AHEAD.get(key);
  AHEAD.delete(key);
  return started;
}

/** Forgets the verifications started ahead (for benchmarks and tests: each round starts from nothing). */
export function forgetVrfAhead(): void {
  AHEAD.clear();
}

/** beta from a proof (ECVRF_proof_to_hash, RFC 9381 §5.2), null for a malformed proof. */
export function vrfProofToHash(proof: Uint8Array): Uint8Array | null {
  const decoded = decodeProof(proof);
  return decoded ? gammaToHash(decoded.gamma) : null;
}

/** §5.2 steps 4–7: beta = Hash(suite ‖ 0x03 ‖ point_to_string(cofactor·Gamma) ‖ 0x00). */
function gammaToHash(gamma: Point): Uint8Array {
  return sha512(concatBytes(Uint8Array.of(SUITE, 0x03), gamma.clearCofactor().toBytes(), Uint8Array.of(0x00)));
}

/** string_to_point: strict RFC 8032 §5.1.3 decoding; null when the bytes are not a canonical point. */
function stringToPoint(bytes: Uint8Array): Point | null {
  if (bytes.length !== PT_LEN) return null;
  try {
    return ed25519.Point.fromBytes(bytes, false);
  } catch {
    return null;
  }
}

/** Decoded, validated public keys with their multiplication tables: an oversight member's key verifies many draws. */
const KEYS = new Map<string, Point | null>();
const KEY_CACHE = 64;

/** §5.4.5 ECVRF_validate_key: the decoded key, or null when invalid or of small order (cofactor·Y is the identity). */
function validateKey(publicKey: Uint8Array): Point | null {
  const id = String.fromCharCode(...publicKey);
  let Y = KEYS.get(id);
  if (Y === undefined) {
    const point = stringToPoint(publicKey);
    Y = point && !point.isSmallOrder() ? point : null;
    if (KEYS.size >= KEY_CACHE) KEYS.clear();
    KEYS.set(id, Y ? Y.precompute(8) : null);
  }
  return Y;
}

/** §5.4.4 ECVRF_decode_proof: Gamma (a point), c (cLen bytes) and s (< q), all little-endian. */
function decodeProof(proof: Uint8Array): { gamma: Point; c: bigint; s: bigint } | null {
  if (proof.length !== PROOF_LEN) return null;
  const gamma = stringToPoint(proof.subarray(0, PT_LEN));
  const c = bytesToNumberLE(proof.subarray(PT_LEN, PT_LEN + C_LEN));
  const s = bytesToNumberLE(proof.subarray(PT_LEN + C_LEN));
  return gamma && s < Q ? { gamma, c, s } : null;
}

/**
 * §5.4.1.1 ECVRF_encode_to_curve_try_and_increment with encode_to_curve_salt = PK_string and,
 * for this suite, interpret_hash_value_as_a_point(h) = string_to_point(h[0..32]) (§5.5).
 */
function encodeToCurve(salt: Uint8Array, alpha: Uint8Array): Point {
  // ctr is one byte (int_to_string(ctr, 1)); reaching 256 has probability about 2^-256
  for (let ctr = 0; ctr < 256; ctr++) {
    const hash = sha512(concatBytes(Uint8Array.of(SUITE, 0x01), salt, alpha, Uint8Array.of(ctr, 0x00)));
    const H = stringToPoint(hash.subarray(0, PT_LEN))?.clearCofactor();
    if (H && !H.is0()) return H;
  }
  throw new Error('ECVRF encode_to_curve: no point found for ctr < 256');
}

/** §5.4.2.2 ECVRF_nonce_generation_RFC8032: k = string_to_int(Hash(SHA-512(SK)[32..64] ‖ h_string)) mod q. */
function nonce(truncatedHashedSk: Uint8Array, hString: Uint8Array): bigint {
  return bytesToNumberLE(sha512(concatBytes(truncatedHashedSk, hString))) % Q;
}

/** §5.4.3 ECVRF_challenge_generation: the first cLen bytes of Hash(suite ‖ 0x02 ‖ P1 ‖ … ‖ P5 ‖ 0x00), little-endian. */
function challenge(...points: Point[]): bigint {
  const str = concatBytes(Uint8Array.of(SUITE, 0x02), ...points.map((p) => p.toBytes()), Uint8Array.of(0x00));
  return bytesToNumberLE(sha512(str).subarray(0, C_LEN));
}
