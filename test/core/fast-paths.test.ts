/**
 * The fast paths of verification (issue 9's budget) give exactly what the plain code gives:
 *
 * - canonical JSON: `sameJson` decides `jcs(a) === jcs(b)`; arrays of strings (nested or not)
 *   serialise as the `canonicalize` package does, lone surrogates included;
 * - numbers' plain form: `normDecimal(n)` equals the exact decimal route;
 * - the sample draw: the one-pass `drawSample` equals the sort-everything reference it replaced;
 * - signature records: `parseSignatureRecord` equals `SignatureRecordSchema.safeParse`;
 * - templates: kept per plan and unit, and the rubric's rows shared by a plan's units, yet each
 *   template equals one built from nothing;
 * - a draw verified on another thread (`CryptoProvider.vrfVerify`, started ahead or not) gives
 *   the report verifying on this thread gives, for a sealed sheet and for a forged draw; a draw
 *   started ahead is taken once.
 */
import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { jcs, sameJson, sha256TextHex } from '../../src/core/crypto/digest';
import { cryptoProvider, useCryptoProvider } from '../../src/core/crypto/provider';
import { forgetVrfAhead, takeVrfAhead, vrfAhead, vrfVerify } from '../../src/core/crypto/vrf';
import { deriveKeyPair } from '../../src/core/crypto/ed25519';
import { decimalFromNumber, formatDecimal, normDecimal } from '../../src/core/decimal';
import { startDraws } from '../../src/core/protocol/checked';
import { drawSample, sampleSize, type Leaf } from '../../src/core/sampling/draw';
import { buildTemplate } from '../../src/core/sheet/template';
import { decodeLog, encodeLogRow } from '../../src/core/sheet/log';
import { SignatureRecordSchema, parseSignatureRecord } from '../../src/core/signing/schemas';
import { runToSeal, type FlowOpts } from '../support/flow';
import { evaluate, filledSheet, keyRing, miniPlanJson, mustLoad, type MemSheet } from '../support/memory';
import { runs } from '../support/runs';

jest.setTimeout(120_000);

const RUNS = runs(300, 3000);

// ---------------------------------------------------------------- canonical JSON

/** The same JSON value with every object's keys in another order. */
function reordered(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reordered);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v)
        .reverse()
        .map(([k, x]) => [k, reordered(x)]),
    );
  return v;
}

const outcome = (f: () => unknown): unknown => {
  try {
    return { value: f() };
  } catch {
    return 'throws';
  }
};

describe('canonical JSON fast paths', () => {
  it('sameJson(a, b) is jcs(a) === jcs(b): on random pairs, and on a value against itself reordered', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        expect(sameJson(a, b)).toBe(jcs(a) === jcs(b));
        expect(sameJson(a, reordered(a))).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('sameJson tells apart what JCS tells apart: a key holding undefined is absent, 1 is not "1", [1] is not {0: 1}', () => {
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: '1' })).toBe(false);
    expect(sameJson([1], { 0: 1 })).toBe(false);
    expect(sameJson({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(sameJson(Number.NaN, Number.NaN)).toBe(false);
  });

  it('arrays of strings, nested or not, serialise as the canonicalize package does (lone surrogates included)', () => {
    const str = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('\uD800', 'a\uDC00b', '"\\\u0001', '𝄞'));
    const arrays = fc.letrec((tie) => ({ node: fc.array(fc.oneof({ depthSize: 'small' }, str, tie('node')), { maxLength: 6 }) })).node;
    fc.assert(
      fc.property(arrays, (v) => {
        // a lone surrogate has no canonical form: both refuse it
        expect(outcome(() => jcs(v))).toEqual(outcome(() => canonicalize(v)));
      }),
      { numRuns: RUNS },
    );
  });
});

// ---------------------------------------------------------------- numbers

describe("a number's plain form", () => {
  it('normDecimal(n) equals the exact decimal route for any double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: false }), (n) => {
        const slow = decimalFromNumber(n);
        expect(normDecimal(n)).toBe(slow ? formatDecimal(slow) : null);
      }),
      { numRuns: RUNS },
    );
    for (const n of [0, -0, 4.5, 1e21, 1e-7, -2.5e-8, 123456789012345680000, Number.MAX_VALUE, Number.MIN_VALUE])
      expect(normDecimal(n)).toBe(formatDecimal(decimalFromNumber(n)!));
  });
});

// ---------------------------------------------------------------- the draw

/** The draw as it was written before (SPEC §3 step by step, sorting everything). */
function drawReference(seed: string, leaves: readonly Leaf[], ratio: number): string[] {
  const k = sampleSize(leaves.length, ratio);
  const keyed = leaves.map((l, index) => ({ ...l, index, key: sha256TextHex(`${seed}:${l.code}`) }));
  const byKey = (a: { key: string; code: string }, b: { key: string; code: string }): number =>
    a.key < b.key ? -1 : a.key > b.key ? 1 : a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
  const groups = new Map<string, typeof keyed>();
  for (const l of keyed) groups.set(l.group, [...(groups.get(l.group) ?? []), l]);
  const reps = [...groups.values()].map((g) => [...g].sort(byKey)[0]!).sort(byKey);
  let chosen: typeof keyed;
  if (k < reps.length) chosen = reps.slice(0, k);
  else {
    const taken = new Set(reps.map((r) => r.code));
    const rest = keyed.filter((l) => !taken.has(l.code)).sort(byKey);
    chosen = [...reps, ...rest.slice(0, k - reps.length)];
  }
  return chosen.sort((a, b) => a.index - b.index).map((l) => l.code);
}

describe('the sample draw', () => {
  it('equals the reference on random rubrics, groups and ratios (more groups than draws included)', () => {
    const leaves = fc
      .uniqueArray(fc.stringMatching(/^[1-9]\.[1-9][0-9]?$/), { minLength: 1, maxLength: 60 })
      .chain((codes) =>
        fc.tuple(
          fc.constant(codes),
          fc.array(fc.constantFrom('G1', 'G2', 'G3', 'G4', 'G5'), { minLength: codes.length, maxLength: codes.length }),
        ),
      )
      .map(([codes, groups]) => codes.map((code, i) => ({ code, group: groups[i]! })));
    fc.assert(
      fc.property(
        leaves,
        fc.stringMatching(/^[0-9a-f]{64}(?:[0-9a-f]{64})?$/),
        fc.constantFrom(0.05, 0.1, 1 / 3, 0.5, 1),
        (ls, seed, ratio) => {
          expect(drawSample(seed, ls, ratio)).toEqual(drawReference(seed, ls, ratio));
        },
      ),
      { numRuns: RUNS },
    );
  });
});

// ---------------------------------------------------------------- signature records

const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);
const values = fc.record({ max: fc.string(), score: fc.string(), completion: fc.string(), basis: fc.string(), verifiedBy: fc.string() });
const validRecord = fc.integer({ min: 1, max: 4 }).chain((n) =>
  fc.record({
    role: fc.constantFrom('scorer', 'reviewer'),
    person: fc.string(),
    unit: fc.string(),
    items: fc.array(fc.string(), { minLength: n, maxLength: n }),
    digests: fc.array(hex64, { minLength: n, maxLength: n }),
    values: fc.array(values, { minLength: n, maxLength: n }),
    signedAt: fc.string(),
    sig: fc.string(),
  }),
);
/** one edit an insider or a broken file could make: a key removed, retyped, an array cut, an extra key */
const edited = fc
  .tuple(validRecord, fc.nat(), fc.constantFrom('drop', 'number', 'null', 'shorten', 'extra', 'nested', 'badHex', 'array'))
  .map(([r, at, how]) => {
    const rec = JSON.parse(JSON.stringify(r)) as Record<string, unknown>;
    const keys = Object.keys(rec);
    const k = keys[at % keys.length]!;
    switch (how) {
      case 'drop':
        delete rec[k];
        break;
      case 'number':
        rec[k] = 7;
        break;
      case 'null':
        rec[k] = null;
        break;
      case 'shorten':
        if (Array.isArray(rec[k])) (rec[k] as unknown[]).pop();
        break;
      case 'extra':
        rec.extra = 'x';
        (rec.values as Record<string, unknown>[])[0]!.extra = 'y';
        break;
      case 'nested':
        (rec.values as Record<string, unknown>[])[0]![['max', 'score', 'basis'][at % 3]!] = 1;
        break;
      case 'badHex':
        (rec.digests as string[])[0] = 'ABC';
        break;
      case 'array':
        return [rec];
    }
    return rec;
  });

describe('signature records', () => {
  it('parseSignatureRecord gives what SignatureRecordSchema.safeParse gives, on valid and on edited records', () => {
    fc.assert(
      fc.property(fc.oneof(validRecord, edited, fc.jsonValue()), (v) => {
        const zod = SignatureRecordSchema.safeParse(v);
        expect(parseSignatureRecord(v)).toEqual(zod.success ? zod.data : null);
      }),
      { numRuns: RUNS },
    );
  });
});

// ---------------------------------------------------------------- templates

describe('templates kept per plan and unit', () => {
  it('equal a template built from nothing, each unit with its own row, the rubric rows shared', () => {
    const plan = mustLoad(miniPlanJson());
    const units = [...plan.units.keys()];
    for (const u of units) {
      const kept = buildTemplate(plan, u);
      expect(buildTemplate(plan, u)).toBe(kept); // kept
      const fresh = buildTemplate(mustLoad(miniPlanJson()), u);
      expect({ ...kept, planLogRow: kept.planLogRow }).toEqual({ ...fresh, planLogRow: fresh.planLogRow });
      expect(kept.planLogRow).toEqual(encodeLogRow('plan', kept.planRecord));
    }
    // m01 and m02 share the rubric 'mini'
    const [a, b] = [buildTemplate(plan, 'm01'), buildTemplate(plan, 'm02')];
    expect(a.cells[1]).not.toEqual(b.cells[1]); // the unit's own row
    expect(a.cells[a.headerRow]).toBe(b.cells[b.headerRow]); // a rubric row, shared
    expect(a.sheetName).not.toBe(b.sheetName);
    expect(a.planRecord.unit.id).toBe('m01');
  });
});

// ---------------------------------------------------------------- draws on another thread

describe('a draw verified on another thread', () => {
  const plan = mustLoad(miniPlanJson());
  const opts: FlowOpts = {
    keys: keyRing(deriveKeyPair),
    now: new Date('2026-11-30T08:00:00.000Z'),
    signers: { G1: ['p01', 'p02'], G2: ['p04', 'p05'] },
    recheck: () => ({ result: 'confirmed', note: '无误' }),
  };
  let sealed: MemSheet;
  beforeAll(async () => {
    sealed = filledSheet(plan, 'm01');
    await runToSeal(sealed, plan, 'm01', opts);
  });

  /** runs `f` with a provider whose vrfVerify answers later, with the same function, and counts the calls */
  async function elsewhere<T>(f: (asked: () => number) => Promise<T>): Promise<T> {
    const before = cryptoProvider();
    let n = 0;
    useCryptoProvider({
      ...before,
      vrfVerify: (pk, proof, alpha) => {
        n += 1;
        return new Promise((resolve) => setTimeout(() => resolve(vrfVerify(pk, proof, alpha)), 5));
      },
    });
    try {
      forgetVrfAhead();
      return await f(() => n);
    } finally {
      useCryptoProvider(before);
      forgetVrfAhead();
    }
  }

  const forged = (): MemSheet => {
    // the sample record's seed and items kept, its proof replaced by another valid-looking one
    const log = sealed.log!.map((r) => [...r]);
    const s: MemSheet = { ...sealed, cells: sealed.cells.map((r) => [...r]), log };
    const at = log.findIndex((r) => r[0] === 'sample');
    const rec = decodeLog([log[at]!])[0]!.record as Record<string, string>;
    const proof = Buffer.from(rec.proof!, 'base64');
    proof[40] = proof[40]! ^ 1; // c changed: the proof no longer verifies
    log[at] = encodeLogRow('sample', { ...rec, proof: proof.toString('base64') });
    return s;
  };

  it('gives the same report as verifying here: a sealed sheet verifies, a forged proof is SAMPLE_INVALID', async () => {
    const here = await evaluate(sealed, plan, { mode: 'verify' });
    const forgedHere = await evaluate(forged(), plan, { mode: 'verify' });
    expect(here.verdict).toBe('verified');
    expect(forgedHere.findings.map((f) => f.code)).toContain('SAMPLE_INVALID');
    await elsewhere(async (asked) => {
      const there = await evaluate(sealed, plan, { mode: 'verify' });
      const forgedThere = await evaluate(forged(), plan, { mode: 'verify' });
      expect(asked()).toBe(2);
      expect(there.findings).toEqual(here.findings);
      expect(there.verdict).toBe(here.verdict);
      expect(forgedThere.findings).toEqual(forgedHere.findings);
      expect(forgedThere.verdict).toBe(forgedHere.verdict);
    });
  });

  it('a draw started ahead is taken by the check, once, and never reused', async () => {
    await elsewhere(async (asked) => {
      const keys = new Map([...plan.people].flatMap(([id, p]) => (p.publicKey ? [[id, p.publicKey] as const] : [])));
      startDraws(keys, decodeLog(sealed.log!));
      startDraws(keys, decodeLog(sealed.log!)); // the same draw again: not asked twice
      expect(asked()).toBe(1);
      const r = await evaluate(sealed, plan, { mode: 'verify' });
      expect(r.verdict).toBe('verified');
      expect(asked()).toBe(1); // the check took the one started ahead
      const again = await evaluate(sealed, plan, { mode: 'verify' });
      expect(again.verdict).toBe('verified');
      expect(asked()).toBe(2); // taken once: the next check asks again
    });
  });

  it('vrfAhead keeps one pending verification per input, and takeVrfAhead hands it out once', async () => {
    forgetVrfAhead();
    const pk = new Uint8Array(32).fill(1);
    const proof = new Uint8Array(80).fill(2);
    const alpha = new Uint8Array([3]);
    let calls = 0;
    const verify = (): Promise<Uint8Array | null> => {
      calls += 1;
      return Promise.resolve(null);
    };
    vrfAhead(pk, proof, alpha, verify);
    vrfAhead(pk, proof, alpha, verify);
    expect(calls).toBe(1);
    expect(await takeVrfAhead(pk, proof, alpha)).toBeNull();
    expect(takeVrfAhead(pk, proof, alpha)).toBeUndefined();
    forgetVrfAhead();
  });
});
