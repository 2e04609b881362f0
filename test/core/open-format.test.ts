/**
 * SPEC §3 "Open format": a signature record produced by ScoreSeal verified with nothing but
 * Node's own crypto — JCS bytes canonicalised here, the item digest recomputed here from the
 * sheet's cells, the Ed25519 key built from its raw 32 bytes. No ScoreSeal code is in the
 * verification path. Also: the scrypt key derivation against Node's scrypt, and the native and
 * pure verification engines agreeing.
 */
import { createPublicKey, scryptSync, verify, type KeyObject } from 'node:crypto';
import { jcs } from '../../src/core/crypto/digest';
import { deriveKeyPair, verifyAll, type VerifyJob } from '../../src/core/crypto/ed25519';
import { signatureMessage, type SignatureRecord } from '../../src/core/signing/records';
import { signItems } from '../../src/core/workflow/actions';
import { canonicalJson, openDigest, sha256HexOf } from '../support/jcs';
import {
  PLAN_TITLE,
  commit,
  demoPassphrase,
  evaluate,
  examplePlan,
  examplePlanJson,
  filledSheet,
  keyRing,
  setEntry,
} from '../support/memory';

jest.setTimeout(120_000); // scrypt key derivation is slow-ish, and much slower on a loaded machine

const planJson = examplePlanJson();
const plan = examplePlan();
const key = keyRing(deriveKeyPair);

const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
function nodePublicKey(publicKey: string): KeyObject {
  expect(publicKey.startsWith('ed25519:')).toBe(true);
  const raw = Buffer.from(publicKey.slice('ed25519:'.length), 'base64');
  expect(raw).toHaveLength(32);
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, raw]), format: 'der', type: 'spki' });
}

/** Node-only verification of a signature record against a public key line from the plan JSON. */
function nodeVerifies(rec: SignatureRecord, publicKey: string): boolean {
  const message = {
    schema: 'scoreseal/sign@1',
    role: rec.role,
    person: rec.person,
    unit: rec.unit,
    items: rec.items,
    digests: rec.digests,
    signedAt: rec.signedAt,
  };
  return verify(null, Buffer.from(canonicalJson(message), 'utf8'), nodePublicKey(publicKey), Buffer.from(rec.sig, 'base64'));
}

const p01Key = (): string => planJson.people.find((p: { id: string }) => p.id === 'p01').publicKey as string;

describe('open format: a signature record verified with Node crypto alone', () => {
  let rec: SignatureRecord;
  let cells: { score: unknown; completion: string; basis: string; verifiedBy: string }[];

  beforeAll(async () => {
    const s = filledSheet(plan, 'u01');
    // text with padding and a decomposed character: the digest takes them NFC-normalised and trimmed
    setEntry(s, '1.1', { score: 4.5, completion: '  已完成 cafe\u0301 ', basis: '\u3000台账 ', verifiedBy: ' 实地查看、资料审核' });
    setEntry(s, '6.1', { score: '否', completion: '经查未发生', basis: '查阅台账', verifiedBy: '实地查看' });
    rec = commit(
      s,
      signItems(await evaluate(s, plan), {
        role: 'scorer',
        person: 'p01',
        key: await key('p01'),
        items: ['1.1', '6.1'],
        now: new Date('2026-11-30T09:15:00.123Z'),
      }),
    ).record;
    cells = [
      { score: 4.5, completion: '  已完成 cafe\u0301 ', basis: '\u3000台账 ', verifiedBy: ' 实地查看、资料审核' },
      { score: '否', completion: '经查未发生', basis: '查阅台账', verifiedBy: '实地查看' },
    ];
  });

  it('the record has the documented shape', () => {
    expect(Object.keys(rec).sort()).toEqual(['digests', 'items', 'person', 'role', 'sig', 'signedAt', 'unit', 'values']);
    expect(rec).toMatchObject({ role: 'scorer', person: 'p01', unit: 'u01', items: ['1.1', '6.1'], signedAt: '2026-11-30T09:15:00.123Z' });
    // the values each digest was computed from, normalised as they entered it
    expect(rec.values).toEqual([
      { max: '5', score: '4.5', completion: '已完成 café', basis: '台账', verifiedBy: '实地查看、资料审核' },
      { max: '', score: '否', completion: '经查未发生', basis: '查阅台账', verifiedBy: '实地查看' },
    ]);
    expect(rec.sig).toMatch(/^[A-Za-z0-9+/]{86}==$/); // padded base64 of 64 bytes
    expect(Buffer.from(rec.sig, 'base64')).toHaveLength(64);
  });

  it('the item digests are SHA-256 of our own JCS of the item object, from the cells as typed', () => {
    const fingerprint = openDigest(planJson.rubrics[0]); // the rubric exactly as in the plan JSON
    const norm = (t: string): string => t.normalize('NFC').trim();
    const expected = [
      { code: '1.1', max: '5', score: '4.5', c: cells[0]! },
      { code: '6.1', max: '', score: '否', c: cells[1]! },
    ].map(({ code, max, score, c }) =>
      sha256HexOf(
        canonicalJson({
          schema: 'scoreseal/item@1',
          unit: 'u01',
          rubric: fingerprint,
          code,
          max,
          score,
          completion: norm(c.completion),
          basis: norm(c.basis),
          verifiedBy: norm(c.verifiedBy),
        }),
      ),
    );
    expect(rec.digests).toEqual(expected);
  });

  it('the signature verifies with crypto.verify over our JCS bytes and the plan’s raw public key', () => {
    expect(nodeVerifies(rec, p01Key())).toBe(true);
  });

  it('and fails when any signed field, the signature or the key differs', () => {
    expect(nodeVerifies({ ...rec, signedAt: '2026-11-30T09:15:01.123Z' }, p01Key())).toBe(false);
    expect(nodeVerifies({ ...rec, items: ['6.1', '1.1'] }, p01Key())).toBe(false);
    expect(nodeVerifies({ ...rec, role: 'reviewer' }, p01Key())).toBe(false);
    expect(nodeVerifies({ ...rec, unit: 'u02' }, p01Key())).toBe(false);
    const sig = Buffer.from(rec.sig, 'base64');
    sig[63]! ^= 0x80;
    expect(nodeVerifies({ ...rec, sig: sig.toString('base64') }, p01Key())).toBe(false);
    const other = planJson.people.find((p: { id: string }) => p.id === 'p02').publicKey as string;
    expect(nodeVerifies(rec, other)).toBe(false);
  });

  it('ScoreSeal’s signed message is byte-for-byte the JCS we compute', () => {
    // the one place ScoreSeal code is called: to show both sides canonicalise identically
    const ours = canonicalJson(signatureMessage(rec));
    expect(jcs(signatureMessage(rec))).toBe(ours);
    expect(ours).toBe(
      `{"digests":${JSON.stringify(rec.digests)},"items":["1.1","6.1"],"person":"p01","role":"scorer","schema":"scoreseal/sign@1","signedAt":"2026-11-30T09:15:00.123Z","unit":"u01"}`,
    );
  });
});

describe('key derivation (SPEC §3: scrypt N=2^15, r=8, p=1, 32 bytes; NFC passphrase; salt scoreseal/key@1:<title>:<id>)', () => {
  const nodeSeed = (pass: string, id: string): Buffer =>
    scryptSync(Buffer.from(pass.normalize('NFC'), 'utf8'), Buffer.from(`scoreseal/key@1:${PLAN_TITLE}:${id}`, 'utf8'), 32, {
      N: 2 ** 15,
      r: 8,
      p: 1,
      maxmem: 64 * 2 ** 20,
    });

  it('equals Node’s crypto.scryptSync with the same parameters, and gives the enrolled public key', async () => {
    const k = await key('p01');
    expect(Buffer.from(k.secret).toString('hex')).toBe(nodeSeed(demoPassphrase('p01'), 'p01').toString('hex'));
    expect(k.publicKey).toBe(p01Key());
    // the public key from the seed, by Node alone (PKCS#8 prefix for an Ed25519 seed)
    const { createPrivateKey } = await import('node:crypto');
    const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.from(k.secret)]);
    const spki = createPublicKey(createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' })).export({ format: 'der', type: 'spki' });
    expect(`ed25519:${spki.subarray(12).toString('base64')}`).toBe(k.publicKey);
  });

  it('normalises the passphrase to NFC', async () => {
    const decomposed = 'Cafe\u0301-passphrase-1';
    const k = await deriveKeyPair(decomposed, PLAN_TITLE, 'p09');
    expect(Buffer.from(k.secret).toString('hex')).toBe(nodeSeed('Caf\u00e9-passphrase-1', 'p09').toString('hex'));
  });
});

describe('verifyAll: the native and pure engines agree', () => {
  it('on valid, altered, malformed and wrong-key signatures', async () => {
    const k = await key('p01');
    const { signMessage } = await import('../../src/core/crypto/ed25519');
    const msg = (i: number) => ({ schema: 'scoreseal/sign@1', n: String(i), items: ['1.1'] });
    const good: VerifyJob[] = [0, 1, 2, 3].map((i) => ({ publicKey: k.publicKey, message: msg(i), sig: signMessage(k.secret, msg(i)) }));
    const flip = (sig: string, byte: number): string => {
      const b = Buffer.from(sig, 'base64');
      b[byte]! ^= 1;
      return b.toString('base64');
    };
    const bad: VerifyJob[] = [
      { ...good[0]!, sig: flip(good[0]!.sig, 0) },
      { ...good[1]!, sig: flip(good[1]!.sig, 40) },
      { ...good[2]!, message: msg(99) },
      { ...good[3]!, publicKey: p01Key().replace(/^ed25519:./, 'ed25519:A') }, // another (maybe invalid) point
      { ...good[0]!, sig: good[0]!.sig.slice(4) }, // truncated
      { ...good[0]!, sig: 'not base64!' },
      { ...good[0]!, publicKey: 'ed25519:short' },
      { ...good[0]!, sig: '' },
    ];
    const jobs = [...good, ...bad];
    const expected = [...good.map(() => true), ...bad.map(() => false)];
    const native = await verifyAll(jobs, 'native');
    const pure = await verifyAll(jobs, 'pure');
    expect(pure).toEqual(expected);
    expect(native).toEqual(expected);
    // and Node agrees on the good ones, with no ScoreSeal code in the path
    for (const j of good)
      expect(verify(null, Buffer.from(canonicalJson(j.message)), nodePublicKey(j.publicKey), Buffer.from(j.sig, 'base64'))).toBe(true);
  });
});
