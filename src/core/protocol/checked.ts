/**
 * Reading a unit's log records before the replay: each row is parsed against its schema and
 * every signature in it — Ed25519 signatures, the sample's VRF proof, the values a signature
 * record says it signed — is verified against the *trusted* plan, all in one batch. The replay
 * then sees only verdicts, so no unverified record can change what it decides.
 */
import { fromBase64, fromHex, toHex, utf8 } from '../crypto/bytes';
import { digest, jcs } from '../crypto/digest';
import { publicKeyBytes, verifyAll, type VerifyEngine, type VerifyJob } from '../crypto/ed25519';
import { takeVrfAhead, vrfAhead, vrfVerify } from '../crypto/vrf';
import { cryptoProvider } from '../crypto/provider';
import type { CompiledRubric, Plan } from '../plan/plan';
import { decodeLog, type LogEntry } from '../sheet/log';
import type { CellValue } from '../sheet/cells';
import {
  drawInput,
  ITEM_FIELDS,
  itemDigest,
  recheckMessage,
  sampleMessage,
  sealCode,
  sealMessage,
  signatureMessage,
  unsealMessage,
  type ItemValues,
  type RecheckRecord,
  type SampleRecord,
  type SealRecord,
  type SignatureRecord,
  type UnsealRecord,
} from '../signing/records';
import {
  isEarlierFormat,
  RecheckRecordSchema,
  SampleRecordSchema,
  SealRecordSchema,
  parseSignatureRecord,
  UnsealRecordSchema,
} from '../signing/schemas';
import { drawSample } from '../sampling/draw';

/** A record's verdict after parsing and verification. */
export type Parsed =
  | { readonly kind: 'plan' }
  | { readonly kind: 'note' }
  | { readonly kind: 'signature'; readonly record: SignatureRecord; readonly sigOk: boolean; readonly valuesOk: boolean }
  | {
      readonly kind: 'sample';
      readonly record: SampleRecord;
      readonly sigOk: boolean;
      /** the proof verifies, the seed is its output, and the items are the draw from that seed */
      readonly drawOk: boolean;
    }
  | { readonly kind: 'recheck'; readonly record: RecheckRecord; readonly sigOk: boolean }
  | { readonly kind: 'seal'; readonly record: SealRecord; readonly sigOk: boolean; readonly codeOk: boolean }
  | { readonly kind: 'unseal'; readonly record: UnsealRecord; readonly sigOk: boolean }
  /** JSON that is not a record of its kind */
  | { readonly kind: 'corrupt'; readonly of: string }
  /** a record of the earlier format (sample@1, sheet@1, …) */
  | { readonly kind: 'earlier' }
  | { readonly kind: 'unknown'; readonly name: string };

export interface CheckedStep {
  /** 1-based row in `_scoreseal` */
  readonly row: number;
  /** position among the unit's log entries */
  readonly index: number;
  readonly entry: LogEntry;
  readonly parsed: Parsed;
}

export interface CheckContext {
  readonly plan: Plan;
  readonly unitId: string;
  readonly rubric: CompiledRubric;
}

type Schema<T> = { safeParse(v: unknown): { success: true; data: T } | { success: false } };

function parse<T>(schema: Schema<T>, e: LogEntry): T | null {
  const r = schema.safeParse(e.record);
  return r.success ? r.data : null;
}

/** The draw a sample record must hold: its seed and the items drawn from it. */
export function expectedDraw(ctx: CheckContext, seed: string): string[] {
  return drawSample(
    seed,
    ctx.rubric.leaves.map((n) => ({ code: n.code, group: n.group })),
    ctx.rubric.data.sampleRatio,
  );
}

/** The seed of a name-only draw: the digest of the VRF input (SPEC §3 *Name-only plans*). */
export function nameOnlySeed(unit: string, contentDigestHex: string): string {
  return digest(drawInput(unit, contentDigestHex));
}

/** The VRF inputs of a key plan's sample record: the signer's public key, the proof and alpha (null when malformed). */
function drawProofInput(
  keyOf: (person: string) => string | undefined,
  unit: string,
  r: Pick<SampleRecord, 'person' | 'proof' | 'contentDigest'>,
): { publicKey: Uint8Array; proof: Uint8Array; alpha: Uint8Array } | null {
  const key = keyOf(r.person);
  const publicKey = key ? publicKeyBytes(key) : null;
  const proof = fromBase64(r.proof);
  if (!publicKey || !proof || proof.length !== 80) return null;
  return { publicKey, proof, alpha: utf8(jcs(drawInput(unit, r.contentDigest))) };
}

/**
 * The VRF verifications a log's sample records will need (to start them ahead: see
 * `startDraws`), with the public keys of `keys` (person id → key).
 */
export function drawProofInputs(
  keys: ReadonlyMap<string, string>,
  entries: readonly LogEntry[],
): { publicKey: Uint8Array; proof: Uint8Array; alpha: Uint8Array }[] {
  const out = [];
  for (const e of entries) {
    if (e.kind !== 'sample' || !e.record) continue;
    const r = parse<SampleRecord>(SampleRecordSchema, e);
    const input = r ? drawProofInput((p) => keys.get(p), r.unit, r) : null;
    if (input) out.push(input);
  }
  return out;
}

/**
 * The VRF outputs of a unit's draws, by log index: each sample record's proof verified with the
 * trusted key of the person it names (null: the proof does not verify or cannot be read).
 * Started before the rest of a sheet's checks: where the runtime verifies on another thread
 * (`CryptoProvider.vrfVerify`, the command line's), that work runs while this thread checks the
 * sheet; elsewhere it is done here and now.
 */
export type DrawProofs = ReadonlyMap<number, Promise<Uint8Array | null>>;

export function startDrawProofs(ctx: CheckContext, entries: readonly LogEntry[]): DrawProofs {
  const out = new Map<number, Promise<Uint8Array | null>>();
  if (ctx.plan.data.signing === 'name') return out;
  const elsewhere = cryptoProvider().vrfVerify;
  const keyOf = (p: string): string | undefined => ctx.plan.people.get(p)?.publicKey;
  entries.forEach((e, index) => {
    if (e.kind !== 'sample' || !e.record || isEarlierFormat(e.kind, e.record)) return;
    const r = parse<SampleRecord>(SampleRecordSchema, e);
    const input = r && r.unit === ctx.unitId ? drawProofInput(keyOf, ctx.unitId, r) : null;
    if (!input) return;
    out.set(
      index,
      takeVrfAhead(input.publicKey, input.proof, input.alpha) ??
        (elsewhere
          ? elsewhere(input.publicKey, input.proof, input.alpha)
          : Promise.resolve(vrfVerify(input.publicKey, input.proof, input.alpha))),
    );
  });
  return out;
}

/**
 * Starts verifying the draws of a log ahead, on the runtime's other thread (nothing where it has
 * none): a caller that holds the next workbooks already (the command line's reader, as each file
 * is read) calls this so their draws are verified while this thread checks the sheets before.
 * `keys`: the trusted plan's public keys by person id.
 */
export function startDraws(keys: ReadonlyMap<string, string>, entries: readonly LogEntry[]): void {
  startDrawInputs(drawProofInputs(keys, entries));
}

/** {@link startDraws} for draws already found ({@link drawProofInputs}; a reading worker finds them). */
export function startDrawInputs(inputs: readonly { publicKey: Uint8Array; proof: Uint8Array; alpha: Uint8Array }[]): void {
  const elsewhere = cryptoProvider().vrfVerify;
  if (!elsewhere) return;
  for (const i of inputs) vrfAhead(i.publicKey, i.proof, i.alpha, elsewhere);
}

/** The sample rows of a workbook's `_scoreseal` rows, decoded (the only ones whose draws are verified ahead). */
export function sampleEntries(rows: readonly (readonly CellValue[])[] | null): LogEntry[] {
  if (!rows) return [];
  return decodeLog(rows.filter((r) => typeof r[0] === 'string' && r[0].trim() === 'sample'));
}

/** Whether a sample's proof, seed and items are right (signature aside), given its VRF output when the plan has keys. */
function drawValid(ctx: CheckContext, r: SampleRecord, beta: Uint8Array | null): boolean {
  if (r.unit !== ctx.unitId) return false;
  let seed: string;
  if (ctx.plan.data.signing === 'name') {
    if (r.proof !== '') return false;
    seed = nameOnlySeed(ctx.unitId, r.contentDigest);
  } else {
    if (!beta) return false;
    seed = toHex(beta);
  }
  if (r.seed !== seed) return false;
  const expected = expectedDraw(ctx, seed);
  return expected.length === r.items.length && expected.every((c, i) => c === r.items[i]);
}

/** Whether a signature record's stored values reproduce its digests (with the trusted fingerprint and unit). */
function valuesReproduce(ctx: CheckContext, r: SignatureRecord, current: CheckOptions['current']): boolean {
  if (r.unit !== ctx.unitId) return false;
  return r.items.every((code, i) => {
    const v = r.values[i];
    if (!v) return false;
    // values equal to the item's as the sheet holds them have the same digest: computed once for both
    const now = current?.get(code);
    const same = !!now && ITEM_FIELDS.every((f) => now.values[f] === v[f]);
    return (same ? now.digest() : itemDigest(ctx.unitId, ctx.rubric.fingerprint, code, v)) === r.digests[i];
  });
}

export interface CheckOptions {
  /**
   * The log index of a seal whose digest equals the digest of the sheet as it stands (the caller
   * computed it over the canonical sheet). Its signature then vouches for the sealer's own
   * records before it — their text is in what the sealer signed — so those are not verified one
   * by one: the seal's signature decides for them. Records of anyone else are always verified.
   */
  readonly attestingSeal?: number;
  /** the draws' VRF outputs, started ahead ({@link startDrawProofs}); started here when not given */
  readonly draws?: DrawProofs;
  /** each item's values as the sheet holds them and their digest, by code (saves recomputing equal digests) */
  readonly current?: ReadonlyMap<string, { readonly values: ItemValues; readonly digest: () => string }>;
}

/**
 * Parses and verifies a unit's log entries. Signatures are checked with the trusted plan's
 * keys, in one batch (native Ed25519 where the runtime has it); in name-only plans every
 * signature is "" and counts as given (the plan proves nothing, SPEC §3).
 */
export async function checkLog(
  ctx: CheckContext,
  entries: readonly LogEntry[],
  engine: VerifyEngine = 'auto',
  opts: CheckOptions = {},
): Promise<CheckedStep[]> {
  const draws = opts.draws ?? startDrawProofs(ctx, entries);
  const jobs: VerifyJob[] = [];
  const keyOf = (person: string): string | undefined => ctx.plan.people.get(person)?.publicKey;
  const job = (person: string, message: object, sig: string): number | null => {
    if (ctx.plan.data.signing === 'name') return null;
    const key = keyOf(person);
    if (!key) return -1;
    jobs.push({ publicKey: key, message, sig });
    return jobs.length - 1;
  };

  // the attesting seal's own job first: the sealer's earlier records share its verdict
  const attesting = opts.attestingSeal === undefined ? undefined : entries[opts.attestingSeal];
  const sealOfAttest = attesting?.kind === 'seal' ? parse<SealRecord>(SealRecordSchema, attesting) : null;
  const attestSlot = sealOfAttest ? job(sealOfAttest.person, sealMessage(sealOfAttest), sealOfAttest.sig) : null;
  const attested = (index: number, person: string): boolean =>
    !!sealOfAttest && attestSlot !== null && attestSlot >= 0 && index < opts.attestingSeal! && person === sealOfAttest.person;
  const jobOf = (index: number, person: string, message: () => object, sig: string): number | null =>
    index === opts.attestingSeal && sealOfAttest ? attestSlot : attested(index, person) ? attestSlot : job(person, message(), sig);

  type Pre = { row: number; index: number; entry: LogEntry; parsed: Parsed; slot: number | null; beta?: Promise<Uint8Array | null> };
  const pre = entries.map((entry, index): Pre => {
    const at = (parsed: Parsed, slot: number | null = null, beta?: Promise<Uint8Array | null>): Pre => ({
      row: entry.row,
      index,
      entry,
      parsed,
      slot,
      ...(beta ? { beta } : {}),
    });
    const corrupt = at({ kind: 'corrupt', of: entry.kind });
    if (!entry.record) return corrupt;
    if (isEarlierFormat(entry.kind, entry.record)) return at({ kind: 'earlier' });
    switch (entry.kind) {
      case 'plan':
        return at({ kind: 'plan' });
      case 'note':
        return at({ kind: 'note' });
      case 'signature': {
        const r = parseSignatureRecord(entry.record);
        return r
          ? at(
              { kind: 'signature', record: r, sigOk: false, valuesOk: valuesReproduce(ctx, r, opts.current) },
              jobOf(index, r.person, () => signatureMessage(r), r.sig),
            )
          : corrupt;
      }
      case 'sample': {
        const r = parse<SampleRecord>(SampleRecordSchema, entry);
        return r
          ? at(
              { kind: 'sample', record: r, sigOk: false, drawOk: false },
              jobOf(index, r.person, () => sampleMessage(r), r.sig),
              draws.get(index),
            )
          : corrupt;
      }
      case 'recheck': {
        const r = parse<RecheckRecord>(RecheckRecordSchema, entry);
        return r
          ? at(
              { kind: 'recheck', record: r, sigOk: false },
              jobOf(index, r.person, () => recheckMessage(r), r.sig),
            )
          : corrupt;
      }
      case 'seal': {
        const r = parse<SealRecord>(SealRecordSchema, entry);
        const codeOk = !!r && r.code === sealCode(r.digest) && !!fromHex(r.digest);
        return r
          ? at(
              { kind: 'seal', record: r, sigOk: false, codeOk },
              jobOf(index, r.person, () => sealMessage(r), r.sig),
            )
          : corrupt;
      }
      case 'unseal': {
        const r = parse<UnsealRecord>(UnsealRecordSchema, entry);
        return r
          ? at(
              { kind: 'unseal', record: r, sigOk: false },
              jobOf(index, r.person, () => unsealMessage(r), r.sig),
            )
          : corrupt;
      }
      default:
        return at({ kind: 'unknown', name: entry.kind });
    }
  });
  const ok = jobs.length ? await verifyAll(jobs, engine) : [];
  const betas = await Promise.all(pre.map((p) => p.beta ?? Promise.resolve(null)));
  return pre.map(({ slot, parsed, beta: _, ...rest }, i) => {
    if (parsed.kind === 'sample') parsed = { ...parsed, drawOk: drawValid(ctx, parsed.record, betas[i] ?? null) };
    if (!('sigOk' in parsed)) return { ...rest, parsed };
    // name-only plans: no signature to check; key plans: the batch's verdict (-1: no key in the plan)
    const sigOk =
      slot === null ? ctx.plan.data.signing === 'name' && ctx.plan.people.has(parsed.record.person) : slot >= 0 && ok[slot] === true;
    return { ...rest, parsed: { ...parsed, sigOk } };
  });
}
