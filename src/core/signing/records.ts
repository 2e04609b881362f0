/**
 * The signed records of the open format, format 2 (SPEC §3 *Open format*): item and content
 * digests, and the signature, sample, re-check, seal and unseal records with the exact
 * message objects that are signed. Everything here is bytes-exact: another program holding
 * the plan must compute the same digests and verify the same signatures.
 */
import { digest, sha256TextHex } from '../crypto/digest';
import { signMessage, type KeyPair } from '../crypto/ed25519';

export type SignRole = 'scorer' | 'reviewer';
export const SIGN_ROLES: readonly SignRole[] = ['scorer', 'reviewer'];

/** What one item's digest is computed from (texts already NFC-normalised and trimmed). */
export interface ItemValues {
  /** the item's points as a decimal string, "" for a veto item */
  readonly max: string;
  /** normalised decimal string, 是/否 for a veto item, the text itself when invalid, "" when empty */
  readonly score: string;
  readonly completion: string;
  readonly basis: string;
  readonly verifiedBy: string;
}

export const ITEM_FIELDS: readonly (keyof ItemValues)[] = ['max', 'score', 'completion', 'basis', 'verifiedBy'];

/**
 * The item digest: `{schema: "scoreseal/item@1", unit, rubric, code, max, score, completion,
 * basis, verifiedBy}`. Written out as JCS text in its sorted key order (this runs for every
 * item of every sheet verified); a property test checks it equals digest() of the object.
 */
export function itemDigest(unit: string, fingerprint: string, code: string, v: ItemValues): string {
  const q = JSON.stringify;
  const jcsText =
    `{"basis":${q(v.basis)},"code":${q(code)},"completion":${q(v.completion)},"max":${q(v.max)},"rubric":${q(fingerprint)},` +
    `"schema":"scoreseal/item@1","score":${q(v.score)},"unit":${q(unit)},"verifiedBy":${q(v.verifiedBy)}}`;
  return sha256TextHex(jcsText);
}

/** The item digest computed the plain way, from the object (the reference for the fast path). */
export function itemDigestSlow(unit: string, fingerprint: string, code: string, v: ItemValues): string {
  return digest({ schema: 'scoreseal/item@1', unit, rubric: fingerprint, code, ...v });
}

/**
 * The content digest: the whole signed content of a sheet in one value,
 * `{schema: "scoreseal/content@1", unit, rubric, items: [[code, item digest], …]}` over every
 * leaf in rubric order.
 */
export function contentDigest(unit: string, fingerprint: string, items: readonly (readonly [string, string])[]): string {
  return digest({ schema: 'scoreseal/content@1', unit, rubric: fingerprint, items });
}

export interface SignatureRecord {
  readonly role: SignRole;
  readonly person: string;
  readonly unit: string;
  readonly items: readonly string[];
  readonly digests: readonly string[];
  /** values[i]: what digests[i] was computed from, so a stale signature can say what changed */
  readonly values: readonly ItemValues[];
  readonly signedAt: string;
  readonly sig: string;
}

export function signatureMessage(r: Omit<SignatureRecord, 'sig' | 'values'>): object {
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
  /** the content digest the sample was drawn over */
  readonly contentDigest: string;
  readonly drawnAt: string;
  /** padded base64 of the 80-byte ECVRF proof; "" in name-only plans */
  readonly proof: string;
  /** lowercase hex of the 64-byte VRF output (name-only plans: of the 32-byte draw digest) */
  readonly seed: string;
  readonly items: readonly string[];
  readonly sig: string;
}

/** The VRF input (alpha): the UTF-8 JCS bytes of `{schema: "scoreseal/draw@2", unit, contentDigest}`. */
export function drawInput(unit: string, contentDigestHex: string): object {
  return { schema: 'scoreseal/draw@2', unit, contentDigest: contentDigestHex };
}

export function sampleMessage(r: Pick<SampleRecord, 'person' | 'unit' | 'contentDigest' | 'drawnAt' | 'proof'>): object {
  return {
    schema: 'scoreseal/sample@2',
    person: r.person,
    unit: r.unit,
    contentDigest: r.contentDigest,
    drawnAt: r.drawnAt,
    proof: r.proof,
  };
}

export type RecheckResult = 'confirmed' | 'adjusted';

export interface RecheckRecord {
  readonly person: string;
  readonly unit: string;
  readonly item: string;
  /** the item digest the re-check was made on */
  readonly digest: string;
  readonly result: RecheckResult;
  /** the adjusted score as a decimal string (是/否 for a veto item); "" when confirmed */
  readonly score: string;
  readonly note: string;
  readonly checkedAt: string;
  readonly sig: string;
}

export function recheckMessage(r: Omit<RecheckRecord, 'sig'>): object {
  return {
    schema: 'scoreseal/recheck@2',
    person: r.person,
    unit: r.unit,
    item: r.item,
    digest: r.digest,
    result: r.result,
    score: r.score,
    note: r.note,
    checkedAt: r.checkedAt,
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
  return { schema: 'scoreseal/seal@2', person: r.person, unit: r.unit, sealedAt: r.sealedAt, digest: r.digest };
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
export function sealCode(sealDigestHex: string): string {
  const h = sealDigestHex.slice(0, 16).toUpperCase();
  return `${h.slice(0, 4)}-${h.slice(4, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}`;
}

/** An instant as records carry it: ISO 8601 UTC with milliseconds. */
export function isoOf(when: Date): string {
  return when.toISOString();
}
