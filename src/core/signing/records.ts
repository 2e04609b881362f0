/**
 * The signed records of the open format (SPEC §3): item digests, signature, sample,
 * re-check, seal and unseal records, with the exact message objects that are signed.
 */
import { utf8 } from '../crypto/bytes';
import { digest, sha256Hex } from '../crypto/digest';
import { signMessage, type KeyPair } from '../crypto/ed25519';
import type { ItemContent } from '../rules/content';

export type SignRole = 'scorer' | 'reviewer';

/** The item digest: what both appraisers sign for one item. */
type ItemFields = Pick<ItemContent, 'scoreText' | 'completion' | 'basis' | 'verifiedBy'> & { code: string };

export function itemDigest(unit: string, fingerprint: string, maxText: string, c: ItemFields): string {
  // the JCS text of {schema, unit, rubric, code, max, score, completion, basis, verifiedBy},
  // written out in its sorted key order (this runs for every item of every sheet verified);
  // a property test checks it equals digest() of the object
  const q = JSON.stringify;
  const jcsText =
    `{"basis":${q(c.basis)},"code":${q(c.code)},"completion":${q(c.completion)},"max":${q(maxText)},"rubric":${q(fingerprint)},` +
    `"schema":"scoreseal/item@1","score":${q(c.scoreText)},"unit":${q(unit)},"verifiedBy":${q(c.verifiedBy)}}`;
  return sha256Hex(utf8(jcsText));
}

/** The item digest computed the plain way, from the object (the reference for the fast path). */
export function itemDigestSlow(unit: string, fingerprint: string, maxText: string, c: ItemFields): string {
  return digest({
    schema: 'scoreseal/item@1',
    unit,
    rubric: fingerprint,
    code: c.code,
    max: maxText,
    score: c.scoreText,
    completion: c.completion,
    basis: c.basis,
    verifiedBy: c.verifiedBy,
  });
}

export interface SignatureRecord {
  readonly role: SignRole;
  readonly person: string;
  readonly unit: string;
  readonly items: readonly string[];
  readonly digests: readonly string[];
  readonly signedAt: string;
  readonly sig: string;
}

export function signatureMessage(r: Omit<SignatureRecord, 'sig'>): object {
  return {
    schema: 'scoreseal/sign@1',
    role: r.role,
    person: r.person,
    unit: r.unit,
    items: r.items,
    digests: r.digests,
    signedAt: r.signedAt,
  };
}

export interface SampleRecord {
  readonly person: string;
  readonly unit: string;
  readonly sheetDigest: string;
  readonly signedAt: string;
  readonly sig: string;
  readonly seed: string;
  readonly items: readonly string[];
}

export function sampleMessage(r: Pick<SampleRecord, 'person' | 'unit' | 'sheetDigest' | 'signedAt'>): object {
  return { schema: 'scoreseal/sample@1', person: r.person, unit: r.unit, sheetDigest: r.sheetDigest, signedAt: r.signedAt };
}

export type RecheckResult = 'confirmed' | 'adjusted';

export interface RecheckRecord {
  readonly person: string;
  readonly unit: string;
  readonly item: string;
  readonly result: RecheckResult;
  /** the adjusted score as a decimal string; "" when confirmed */
  readonly score: string;
  readonly note: string;
  readonly recordedAt: string;
  readonly sig: string;
}

export function recheckMessage(r: Omit<RecheckRecord, 'sig'>): object {
  return {
    schema: 'scoreseal/recheck@1',
    person: r.person,
    unit: r.unit,
    item: r.item,
    result: r.result,
    score: r.score,
    note: r.note,
    recordedAt: r.recordedAt,
  };
}

export interface SealRecord {
  readonly person: string;
  readonly unit: string;
  readonly sealedAt: string;
  readonly digest: string;
  readonly code: string;
  readonly sig: string;
}

export function sealMessage(r: Pick<SealRecord, 'person' | 'unit' | 'sealedAt' | 'digest'>): object {
  return { schema: 'scoreseal/seal@1', person: r.person, unit: r.unit, sealedAt: r.sealedAt, digest: r.digest };
}

export interface UnsealRecord {
  readonly person: string;
  readonly unit: string;
  readonly reason: string;
  readonly unsealedAt: string;
  readonly sig: string;
}

export function unsealMessage(r: Omit<UnsealRecord, 'sig'>): object {
  return { schema: 'scoreseal/unseal@1', person: r.person, unit: r.unit, reason: r.reason, unsealedAt: r.unsealedAt };
}

/**
 * Signs a message with the person's key, or returns "" in name-only plans (SPEC §1
 * `signing: "name"`), where identities are not proven.
 */
export function sigOf(key: KeyPair | null, message: object): string {
  return key ? signMessage(key.secret, message) : '';
}

/** The seal code for the paper envelope: first 16 hex digits, grouped XXXX-XXXX-XXXX-XXXX. */
export function sealCode(sealDigest: string): string {
  const h = sealDigest.slice(0, 16).toUpperCase();
  return `${h.slice(0, 4)}-${h.slice(4, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}`;
}

/** Current time as ISO 8601 UTC with seconds (what records carry). */
export function nowIso(now: Date = new Date()): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
