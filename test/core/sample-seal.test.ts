/**
 * SPEC §3 sample, re-check, seal and unseal on a small rubric in memory: the sample is
 * reproducible from its seed (recomputed here independently, with node:crypto, from the
 * algorithm documented in src/core/sampling/draw.ts), k = ceil(ratio × leaves), stratified;
 * refusals; SAMPLE_INVALID, RECHECK_MISSING, SEAL_MISSING, SEAL_BROKEN, OVERSIGHT_NOT_ALLOWED;
 * and SEAL_INVALID after any one change of the item table or the log (≥ 1,000 random cases).
 */
import fc from 'fast-check';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { deriveKeyPair, signMessage } from '../../src/core/crypto/ed25519';
import type { Finding } from '../../src/core/findings';
import { drawSample, sampleSize, type Leaf } from '../../src/core/sampling/draw';
import type { CellValue } from '../../src/core/sheet/cells';
import { decodeLog, encodeLogRow } from '../../src/core/sheet/log';
import {
  recheckMessage,
  sampleMessage,
  sealMessage,
  signatureMessage,
  type RecheckRecord,
  type SampleRecord,
  type SealRecord,
} from '../../src/core/signing/records';
import { canonicalSheet, sealDigest } from '../../src/core/seal/canonical';
import { parseSheet } from '../../src/core/sheet/parse';
import { drawSampleAction, recheckAction, sealAction, signItems, statusPatch, unsealAction } from '../../src/core/workflow/actions';
import { valuesOf } from '../../src/core/rules/signatures';
import { vrfProofToHash, vrfProve, vrfVerify } from '../../src/core/crypto/vrf';
import { recheckAll, sample, seal, signAll, type FlowOpts } from '../support/flow';
import { canonicalJson } from '../support/jcs';
import {
  applyPatch,
  brief,
  cloneSheet,
  logRecord,
  commit,
  digestOfItem,
  evaluate,
  examplePlan,
  filledSheet,
  keyRing,
  miniPlanJson,
  mustLoad,
  raw,
  rowOf,
  setCell,
  type MemSheet,
  said,
  whyRefused,
} from '../support/memory';
import { runs as runCount } from '../support/runs';

/** random single changes of a sealed sheet, each of which must be detected */
const RANDOM_CHANGES = runCount(250, 2000);

jest.setTimeout(120_000); // scrypt key derivation is slow-ish, and much slower on a loaded machine

const planJson = miniPlanJson();
const plan = mustLoad(planJson);
const key = keyRing(deriveKeyPair);
/** the first sampled leaf that is not a veto item is adjusted to 0; the others are confirmed */
let adjustedItem: string | null = null;
const opts: FlowOpts = {
  keys: key,
  now: new Date('2026-11-30T08:00:00.000Z'), // fixed (and in the past): every signature, hence the sample, is reproducible
  signers: { G1: ['p01', 'p02'], G2: ['p04', 'p05'] },
  recheck: (code) => {
    if (adjustedItem === null && code !== '9.1') adjustedItem = code;
    return code === adjustedItem ? { result: 'adjusted', score: '0', note: '复核未见台账' } : { result: 'confirmed', note: '无误' };
  },
};
const codes = (fs: readonly Finding[]): string[] => [...new Set(fs.map((f) => f.code))].sort();
const errors = (fs: readonly Finding[]): Finding[] => fs.filter((f) => f.severity === 'error');
const LEAVES: Leaf[] = plan.rubrics.get('mini')!.leaves.map((n) => ({ code: n.code, group: n.group }));

// ---------------------------------------------------------------- an independent sampler

/** exact ceil(ratio × L) with the ratio read as the decimal it was written as */
function exactK(ratio: number, L: number): number {
  const [i, f = ''] = String(ratio).split('.');
  const den = 10n ** BigInt(f.length);
  const num = BigInt(`${i}${f}`) * BigInt(L);
  return Math.min(L, Number((num + den - 1n) / den));
}

/** The draw of draw.ts's header comment, written from its text with node:crypto. */
function thirdPartySample(seed: string, leaves: readonly Leaf[], ratio: number): string[] {
  const k = exactK(ratio, leaves.length);
  const keyed = leaves.map((l, index) => ({ ...l, index, key: createHash('sha256').update(`${seed}:${l.code}`, 'utf8').digest('hex') }));
  const cmp = (a: { key: string; code: string }, b: { key: string; code: string }): number =>
    a.key !== b.key ? (a.key < b.key ? -1 : 1) : a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
  const groups = [...new Set(keyed.map((l) => l.group))];
  const reps = groups.map((g) => keyed.filter((l) => l.group === g).sort(cmp)[0]!).sort(cmp);
  const chosen =
    k < reps.length
      ? reps.slice(0, k)
      : [
          ...reps,
          ...keyed
            .filter((l) => !reps.includes(l))
            .sort(cmp)
            .slice(0, k - reps.length),
        ];
  return chosen.sort((a, b) => a.index - b.index).map((l) => l.code);
}

const SPKI = Buffer.from('302a300506032b6570032100', 'hex');
const nodeVerify = (message: object, sig: string, personId: string): boolean => {
  const pk = (planJson.people as { id: string; publicKey: string }[]).find((p) => p.id === personId)!.publicKey;
  const raw = Buffer.from(pk.slice(8), 'base64');
  return verify(
    null,
    Buffer.from(canonicalJson(message), 'utf8'),
    createPublicKey({ key: Buffer.concat([SPKI, raw]), format: 'der', type: 'spki' }),
    Buffer.from(sig, 'base64'),
  );
};

// ---------------------------------------------------------------- the sheets, built once

let signedSheet: MemSheet; // all signed
let sampledSheet: MemSheet; // + sample
let sealedSheet: MemSheet; // + re-checks + seal
let sampled: string[];

beforeAll(async () => {
  signedSheet = filledSheet(plan, 'm01');
  await signAll(signedSheet, plan, 'm01', opts);
  sampledSheet = cloneSheet(signedSheet);
  sampled = await sample(sampledSheet, plan, opts);
  sealedSheet = cloneSheet(sampledSheet);
  await recheckAll(sealedSheet, plan, sampled, opts);
  await seal(sealedSheet, plan, opts);
}, 120_000);

const sampleRecord = (s: MemSheet): SampleRecord => decodeLog(s.log!).find((e) => e.kind === 'sample')!.record as unknown as SampleRecord;
const sealRecord = (s: MemSheet): SealRecord => decodeLog(s.log!).find((e) => e.kind === 'seal')!.record as unknown as SealRecord;

describe('the sample', () => {
  it('k = ceil(0.5 × 5 leaves) = 3, one per group at least, listed in rubric order', () => {
    expect(sampled).toHaveLength(3);
    expect(new Set(sampled.map((c) => LEAVES.find((l) => l.code === c)!.group))).toEqual(new Set(['G1', 'G2']));
    expect(sampled).toEqual(LEAVES.map((l) => l.code).filter((c) => sampled.includes(c)));
  });

  it('is signed by oversight over scoreseal/sample@2, seeded by the VRF output over the content digest, and reproducible by a third party', async () => {
    const rec = sampleRecord(sampledSheet);
    expect(
      nodeVerify(
        {
          schema: 'scoreseal/sample@2',
          person: rec.person,
          unit: rec.unit,
          contentDigest: rec.contentDigest,
          drawnAt: rec.drawnAt,
          proof: rec.proof,
        },
        rec.sig,
        'o01',
      ),
    ).toBe(true);
    // the VRF proof verifies under o01's key over {schema: draw@2, unit, contentDigest}, and the seed is its output
    const pk = Buffer.from(
      (planJson.people as { id: string; publicKey: string }[]).find((p) => p.id === 'o01')!.publicKey.slice(8),
      'base64',
    );
    const alpha = Buffer.from(canonicalJson({ schema: 'scoreseal/draw@2', unit: 'm01', contentDigest: rec.contentDigest }), 'utf8');
    const beta = vrfVerify(new Uint8Array(pk), new Uint8Array(Buffer.from(rec.proof, 'base64')), new Uint8Array(alpha));
    expect(beta && Buffer.from(beta).toString('hex')).toBe(rec.seed);
    expect(thirdPartySample(rec.seed, LEAVES, 0.5)).toEqual(rec.items);
    expect(drawSample(rec.seed, LEAVES, 0.5)).toEqual(rec.items);
    // the content digest is that of the items as both appraisers signed them
    const items = (await evaluate(sampledSheet, plan)).items.map((i) => [i.content.node.code, digestOfItem(i)]);
    expect(rec.contentDigest).toBe(
      createHash('sha256')
        .update(canonicalJson({ schema: 'scoreseal/content@1', unit: 'm01', rubric: plan.rubrics.get('mini')!.fingerprint, items }))
        .digest('hex'),
    );
  });

  it('one member, one content, one sample: drawing again on a copy (at another time) gives the very same items', async () => {
    const again = cloneSheet(signedSheet);
    const r = drawSampleAction(await evaluate(again, plan), {
      person: 'o01',
      key: await key('o01'),
      now: new Date('2026-11-30T09:30:00.000Z'),
    });
    if (!r.ok) throw new Error(whyRefused(r).join());
    expect(r.result.record.items).toEqual(sampled);
    expect(r.result.record.seed).toBe(sampleRecord(sampledSheet).seed);
  });

  it('the draw equals the third-party recomputation for any seed, on the 24-leaf township rubric too', () => {
    const township = examplePlan()
      .rubrics.get('township')!
      .leaves.map((n) => ({ code: n.code, group: n.group }));
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9a-f]{64}$/), fc.constantFrom(0.05, 0.1, 0.3333, 0.5, 0.75, 1), (seed, ratio) => {
        expect(drawSample(seed, township, ratio)).toEqual(thirdPartySample(seed, township, ratio));
        expect(drawSample(seed, LEAVES, ratio)).toEqual(thirdPartySample(seed, LEAVES, ratio));
        expect(drawSample(seed, township, ratio)).toEqual(drawSample(seed, township, ratio));
      }),
      { numRuns: 300 },
    );
  });

  it('k = ceil(ratio × leaves) exactly, without binary noise (24 × 0.3333 = 8; 10 × 0.7 = 7)', () => {
    expect(sampleSize(24, 0.3333)).toBe(8);
    expect(sampleSize(10, 0.7)).toBe(7);
    expect(sampleSize(30, 0.1)).toBe(3);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 300 }), (n, L) => {
        const ratio = n / 10_000;
        expect(sampleSize(L, ratio)).toBe(exactK(ratio, L));
      }),
      { numRuns: runCount(300, 5000) },
    );
  });

  it('is stratified: every group gets an item when k ≥ groups; k smallest-key representatives otherwise', () => {
    const leaves = fc
      .array(fc.record({ code: fc.string({ minLength: 1, maxLength: 4 }), group: fc.constantFrom('A', 'B', 'C', 'D', 'E') }), {
        minLength: 1,
        maxLength: 40,
      })
      .map((ls) => ls.filter((l, i) => ls.findIndex((m) => m.code === l.code) === i));
    fc.assert(
      fc.property(leaves, fc.stringMatching(/^[0-9a-f]{16}$/), fc.integer({ min: 1, max: 100 }), (ls, seed, pct) => {
        const ratio = pct / 100;
        const drawn = drawSample(seed, ls, ratio);
        const groups = new Set(ls.map((l) => l.group));
        expect(drawn).toHaveLength(exactK(ratio, ls.length));
        expect(new Set(drawn).size).toBe(drawn.length);
        const covered = new Set(drawn.map((c) => ls.find((l) => l.code === c)!.group));
        if (drawn.length >= groups.size) expect(covered).toEqual(groups);
        else expect(covered.size).toBe(drawn.length); // one per group, never two from one
        expect(drawn).toEqual(thirdPartySample(seed, ls, ratio));
      }),
      { numRuns: 300 },
    );
  });

  it('validate after sampling: RECHECK_MISSING at 复核结果 of each sampled item, and nothing else', async () => {
    const r = await evaluate(sampledSheet, plan);
    expect(r.stage).toBe('sampled');
    expect(r.findings.map((f) => `${f.code}|${f.item}|${f.cell}`)).toEqual(
      sampled.map((c) => `RECHECK_MISSING|${c}|L${rowOf(sampledSheet, c)}`),
    );
    expect(said(r.findings[0]!)).toMatch(/^抽中的 .+尚无复核结果$/);
    // the sampled rows say so in 复核结果
    for (const c of sampled) expect(sampledSheet.cells[rowOf(sampledSheet, c) - 1]![11]).toBe('待复核');
  });

  describe('SAMPLE_INVALID when the record is tampered with', () => {
    const tamper = async (edit: (rec: SampleRecord) => SampleRecord): Promise<Finding[]> => {
      const s = cloneSheet(sampledSheet);
      const i = s.log!.findIndex((r) => r[0] === 'sample');
      s.log![i] = encodeLogRow('sample', edit(logRecord<SampleRecord>(s.log![i]!)));
      return (await evaluate(s, plan)).findings.filter((f) => f.code === 'SAMPLE_INVALID');
    };
    const DRAW = '抽样的证明、种子或抽中项目与可验证随机函数的结果不符';
    it('an item swapped for an unsampled one', async () => {
      const other = LEAVES.map((l) => l.code).find((c) => !sampled.includes(c))!;
      const fs = await tamper((r) => ({ ...r, items: [other, ...r.items.slice(1)] }));
      expect(fs).toHaveLength(1);
      expect(said(fs[0]!)).toContain(DRAW);
    });
    it('an item dropped', async () => {
      const fs = await tamper((r) => ({ ...r, items: r.items.slice(1) }));
      expect(fs.map((f) => said(f))).toEqual([`_scoreseal 第 ${sampledSheet.log!.findIndex((r) => r[0] === 'sample') + 1} 行：${DRAW}`]);
    });
    it('another seed (with the items it would draw)', async () => {
      const seed = 'ab'.repeat(64);
      const fs = await tamper((r) => ({ ...r, seed, items: drawSample(seed, LEAVES, 0.5) }));
      expect(fs.map((f) => said(f).replace(/^.*：/, ''))).toEqual([DRAW]);
    });
    it('another proof (the drawer tries again): the signature and the proof both fail', async () => {
      const fs = await tamper((r) => {
        const b = Buffer.from(r.proof, 'base64');
        b[40]! ^= 1;
        return { ...r, proof: b.toString('base64') };
      });
      expect(fs).toHaveLength(1);
    });
    it('a flipped byte of the signature', async () => {
      const fs = await tamper((r) => {
        const b = Buffer.from(r.sig, 'base64');
        b[5]! ^= 4;
        return { ...r, sig: b.toString('base64') };
      });
      expect(fs.map((f) => said(f).replace(/^.*：/, ''))).toEqual(['李娜 (o01) 的签字无法用考核方案中的公钥验证']);
    });
  });

  describe('drawSampleAction refuses', () => {
    const refusal = async (s: MemSheet, person: string): Promise<string> => {
      const r = drawSampleAction(await evaluate(s, plan), { person, key: await key(person) });
      if (r.ok) throw new Error('expected a refusal');
      return whyRefused(r).join('\n');
    };
    it('while items are unsigned', async () => {
      const s = filledSheet(plan, 'm01');
      commit(s, signItems(await evaluate(s, plan), { role: 'scorer', person: 'p01', key: await key('p01'), items: 'all' }));
      expect(await refusal(s, 'o01')).toBe('还有 5 个项目未经考核人和复查人签字，不能抽取复核项目');
    });
    it('someone not in the oversight group (an appraiser, the Office)', async () => {
      expect(await refusal(cloneSheet(signedSheet), 'p01')).toContain('不是监审组成员');
      expect(await refusal(cloneSheet(signedSheet), 'f01')).toContain('不是监审组成员');
    });
    it('an oversight member who signed items on this sheet', async () => {
      const s = cloneSheet(signedSheet);
      const report = await evaluate(s, plan);
      const d = digestOfItem(report.items[0]!);
      const rec = {
        role: 'scorer' as const,
        person: 'o01',
        unit: 'm01',
        items: ['1.1'],
        digests: [d],
        signedAt: '2026-11-30T10:00:00.000Z',
      };
      const values = [valuesOf(report.ctx!, report.items[0]!.content)];
      s.log!.push(encodeLogRow('signature', { ...rec, values, sig: signMessage((await key('o01')).secret, signatureMessage(rec)) }));
      expect(await refusal(s, 'o01')).toContain('在本表签过考核项目');
    });
    it('a second draw', async () => {
      expect(await refusal(cloneSheet(sampledSheet), 'o01')).toContain('本表已抽取过复核项目，不能重复抽取');
      expect(await refusal(cloneSheet(sealedSheet), 'o01')).toBe('本表已密封，不能再修改');
    });
  });
});

describe('re-check', () => {
  it('records confirmed / adjusted (original score kept on the sheet)', async () => {
    const r = await evaluate(sealedSheet, plan);
    const byCode = new Map(r.items.map((i) => [i.content.node.code, i]));
    expect(adjustedItem).not.toBeNull();
    for (const c of sampled)
      expect(byCode.get(c)!.recheck).toMatchObject(
        c === adjustedItem ? { result: 'adjusted', score: '0', note: '复核未见台账' } : { result: 'confirmed', score: '' },
      );
    const row = sealedSheet.cells[rowOf(sealedSheet, adjustedItem!) - 1]!;
    const original = signedSheet.cells[rowOf(signedSheet, adjustedItem!) - 1]![4];
    expect(original).not.toBe(0);
    expect(row[4]).toBe(original); // the original score stays
    expect(row.slice(11, 13)).toEqual(['调整为 0', '复核未见台账']);
    for (const c of sampled.filter((x) => x !== adjustedItem))
      expect(sealedSheet.cells[rowOf(sealedSheet, c) - 1]!.slice(11, 13)).toEqual(['确认', '无误']);
  });
  it('refuses an item not in the sample, a score off the rubric, an adjustment without a note', async () => {
    const s = cloneSheet(sampledSheet);
    const report = await evaluate(s, plan);
    const notSampled = LEAVES.map((l) => l.code).find((c) => !sampled.includes(c))!;
    const o01 = await key('o01');
    const nonVeto = sampled.find((c) => c !== '9.1')!;
    const why = (r: ReturnType<typeof recheckAction>): string => (r.ok ? 'ok' : whyRefused(r).join('\n'));
    expect(why(recheckAction(report, { person: 'o01', key: o01, item: notSampled, result: 'confirmed', note: '' }))).toContain(
      '不在抽取的复核项目之内',
    );
    expect(why(recheckAction(report, { person: 'o01', key: o01, item: nonVeto, result: 'adjusted', score: '99', note: '改' }))).toContain(
      '复核分 99 不符合细则',
    );
    expect(why(recheckAction(report, { person: 'o01', key: o01, item: nonVeto, result: 'adjusted', score: '0.25', note: '改' }))).toContain(
      '不符合细则',
    );
    expect(why(recheckAction(report, { person: 'o01', key: o01, item: nonVeto, result: 'adjusted', score: '1', note: '  ' }))).toContain(
      '必须填写复核意见',
    );
    expect(why(recheckAction(report, { person: 'p01', key: await key('p01'), item: nonVeto, result: 'confirmed', note: '' }))).toContain(
      '不是监审组成员',
    );
  });
});

describe('the seal', () => {
  it('a sealed sheet verifies with no findings; the code is the digest’s first 16 hex digits, grouped', async () => {
    const r = await evaluate(sealedSheet, plan, { mode: 'verify' });
    expect(brief(r.findings)).toEqual([]);
    expect(r.stage).toBe('sealed');
    const rec = sealRecord(sealedSheet);
    expect(rec.code).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/);
    expect(rec.code.replace(/-/g, '').toLowerCase()).toBe(rec.digest.slice(0, 16));
    // the footer shows it (密封码) and who sealed (监审人)
    const footer = sealedSheet.cells.filter((row) => row[0] === '密封码' || row[0] === '监审人').map((row) => [row[0], row[1]]);
    expect(footer).toEqual([
      ['监审人', '李娜'],
      ['密封码', rec.code],
    ]);
    // and the seal signature verifies with Node alone
    expect(
      nodeVerify(
        { schema: 'scoreseal/seal@2', person: rec.person, unit: rec.unit, sealedAt: rec.sealedAt, digest: rec.digest },
        rec.sig,
        'o01',
      ),
    ).toBe(true);
  });

  it('SEAL_MISSING (verify mode) on a sheet not yet sealed; SAMPLE_MISSING too before sampling', async () => {
    const unsealed = cloneSheet(sampledSheet);
    await recheckAll(unsealed, plan, sampled, opts);
    expect((await evaluate(unsealed, plan)).findings).toEqual([]); // validate: fine for its stage
    expect(codes((await evaluate(unsealed, plan, { mode: 'verify' })).findings)).toEqual(['SEAL_MISSING']);
    expect(codes((await evaluate(signedSheet, plan, { mode: 'verify' })).findings)).toEqual(['SAMPLE_MISSING', 'SEAL_MISSING']);
  });

  describe('sealAction refuses', () => {
    const refusal = async (s: MemSheet, person = 'o01'): Promise<string> => {
      const r = sealAction(await evaluate(s, plan), { person, key: await key(person), password: 'x' });
      if (r.ok) throw new Error('expected a refusal');
      return whyRefused(r).join('\n');
    };
    it('before the sample', async () => expect(await refusal(cloneSheet(signedSheet))).toBe('尚未抽取复核项目'));
    it('while re-checks are missing', async () => expect(await refusal(cloneSheet(sampledSheet))).toBe('还有 3 个抽中项目没有复核结果'));
    it('someone not in the oversight group', async () => {
      const ready = cloneSheet(sampledSheet);
      await recheckAll(ready, plan, sampled, opts);
      expect(await refusal(ready, 'p02')).toBe('刘芳 (p02) 不是监审组成员');
      expect(await refusal(ready, 'f01')).toBe('王强 (f01) 不是监审组成员');
    });
    it('a sheet already sealed', async () => expect(await refusal(cloneSheet(sealedSheet))).toBe('本表已密封，不能再修改'));
    it('a sheet with errors', async () => {
      const s = cloneSheet(sampledSheet);
      await recheckAll(s, plan, sampled, opts);
      setCell(s, 'F7', '改过的完成情况');
      expect(await refusal(s)).toContain('个错误');
    });
  });

  it('after sealing, signing is refused', async () => {
    const r = signItems(await evaluate(sealedSheet, plan), { role: 'scorer', person: 'p01', key: await key('p01'), items: ['1.1'] });
    expect(r.ok ? 'ok' : whyRefused(r)).toEqual(['本表已密封，不能再修改']);
  });

  it('SEAL_BROKEN after an unseal by the Office (reason named); unseal refused for others, without a reason, or when not sealed', async () => {
    const s = cloneSheet(sealedSheet);
    const office = await key('f01');
    const why = async (sheet: MemSheet, person: string, reason: string): Promise<string> => {
      const r = unsealAction(await evaluate(sheet, plan), { person, key: await key(person), reason });
      return r.ok ? 'ok' : whyRefused(r).join('\n');
    };
    expect(await why(s, 'o01', '复查')).toContain('只有办公室可以启封');
    expect(await why(s, 'f01', '   ')).toBe('启封必须写明原因');
    expect(await why(cloneSheet(sampledSheet), 'f01', '复查')).toBe('本表未密封，无需启封');
    commit(s, unsealAction(await evaluate(s, plan), { person: 'f01', key: office, reason: '群众举报需复查' }));
    const r = await evaluate(s, plan, { mode: 'verify' });
    expect(codes(errors(r.findings))).toEqual(['SEAL_BROKEN']);
    expect(said(r.findings.find((f) => f.code === 'SEAL_BROKEN')!)).toBe('本表已由办公室 王强 (f01) 启封，原因：群众举报需复查');
    expect(r.stage).toBe('unsealed');
    expect(s.cells.find((row) => row[0] === '密封状态')![1]).toBe('已启封');
  });

  it('after an unseal a new round opens: sample again (the same content draws the same items), re-check, seal; the earlier round is reported', async () => {
    const s = cloneSheet(sealedSheet);
    const later = { ...opts, now: new Date('2026-11-30T10:00:00.000Z') };
    commit(s, unsealAction(await evaluate(s, plan), { person: 'f01', key: await key('f01'), reason: '更正笔误', now: later.now }));
    const sealNow = sealAction(await evaluate(s, plan), { person: 'o01', key: await key('o01'), password: 'x', now: later.now });
    expect(sealNow.ok ? 'ok' : whyRefused(sealNow)).toEqual(['尚未抽取复核项目']);
    const again = await sample(s, plan, later);
    expect(again).toEqual(sampled);
    await recheckAll(s, plan, again, later);
    await seal(s, plan, later);
    const r = await evaluate(s, plan, { mode: 'verify' });
    expect(brief(r.findings)).toEqual([]);
    expect(r.stage).toBe('sealed');
    expect(r.pastRounds.map((p) => [p.number, p.seal?.code, p.unseal.reason])).toEqual([[1, sealRecord(sealedSheet).code, '更正笔误']]);
    expect(
      decodeLog(s.log!)
        .map((e) => e.kind)
        .slice(-3 - again.length),
    ).toEqual(['unseal', 'sample', ...again.map(() => 'recheck'), 'seal']);
  });

  it('OVERSIGHT_NOT_ALLOWED: a sample drawn by an appraiser with their own key (otherwise a correct VRF draw)', async () => {
    const s = cloneSheet(signedSheet);
    const p01 = await key('p01');
    const contentDigest = sampleRecord(sampledSheet).contentDigest;
    const proof = vrfProve(
      p01.secret,
      new Uint8Array(Buffer.from(canonicalJson({ schema: 'scoreseal/draw@2', unit: 'm01', contentDigest }), 'utf8')),
    );
    const seed = Buffer.from(vrfProofToHash(proof)!).toString('hex');
    const msg = {
      person: 'p01',
      unit: 'm01',
      contentDigest,
      drawnAt: '2026-11-30T09:00:00.000Z',
      proof: Buffer.from(proof).toString('base64'),
    };
    s.log!.push(
      encodeLogRow('sample', {
        ...msg,
        seed,
        items: thirdPartySample(seed, LEAVES, 0.5),
        sig: signMessage(p01.secret, sampleMessage(msg)),
      }),
    );
    applyPatch(s, statusPatch(await evaluate(s, plan))!); // the derived 复核结果 cells, as 核查 would write them
    const fs = (await evaluate(s, plan)).findings;
    expect(codes(errors(fs))).toEqual(['OVERSIGHT_NOT_ALLOWED', 'RECHECK_MISSING']);
    expect(said(fs.find((f) => f.code === 'OVERSIGHT_NOT_ALLOWED')!)).toBe(
      `_scoreseal 第 ${s.log!.length} 行：张伟（纪委监察局） (p01) 不是监审组成员`,
    );
  });

  it('OVERSIGHT_NOT_ALLOWED: the sealing oversight member also signed items', async () => {
    const s = cloneSheet(sealedSheet);
    const report = await evaluate(s, plan);
    const d = digestOfItem(report.items[0]!);
    const rec = { role: 'scorer' as const, person: 'o01', unit: 'm01', items: ['1.1'], digests: [d], signedAt: '2026-11-30T08:00:00.000Z' };
    const values = [valuesOf(report.ctx!, report.items[0]!.content)];
    // inserted before the sample, as if o01 had signed earlier (the seal then no longer matches the log either)
    const at = s.log!.findIndex((r) => r[0] === 'sample');
    s.log!.splice(at, 0, encodeLogRow('signature', { ...rec, values, sig: signMessage((await key('o01')).secret, signatureMessage(rec)) }));
    const fs = (await evaluate(s, plan, { mode: 'verify' })).findings;
    expect(codes(errors(fs))).toEqual(expect.arrayContaining(['OVERSIGHT_NOT_ALLOWED', 'SEAL_INVALID']));
    expect(said(fs.find((f) => f.code === 'OVERSIGHT_NOT_ALLOWED')!)).toContain('在本表签过考核项目');
  });

  it('a re-check attributed to another oversight member without their signature counts for nothing, so a seal over it is out of order', async () => {
    // o01 records the re-checks, then rewrites one as if o02 had made it (signed with o01's own key),
    // and seals the lot by hand (sealAction would refuse the sheet's errors)
    const s = cloneSheet(sampledSheet);
    await recheckAll(s, plan, sampled, opts);
    const i = s.log!.findIndex((r) => r[0] === 'recheck');
    const rc = logRecord<RecheckRecord>(s.log![i]!);
    const forged = { ...rc, person: 'o02' };
    s.log![i] = encodeLogRow('recheck', { ...forged, sig: signMessage((await key('o01')).secret, recheckMessage(forged)) });
    // before sealing it is caught: the forged record is rejected, so its item lacks a re-check
    // (the 复核结果 cell shown for it has no valid record behind it any more either)
    expect(codes(errors((await evaluate(s, plan)).findings))).toEqual(['DERIVED_CELL_CHANGED', 'RECHECK_INVALID', 'RECHECK_MISSING']);
    const parsed = parseSheet(raw(s));
    if (!parsed.ok) throw new Error('unreadable');
    const sealedAt = '2026-11-30T09:00:00.000Z';
    const digest = sealDigest(
      canonicalSheet(
        parsed.sheet,
        'm01',
        decodeLog(s.log!).filter((e) => e.unit === 'm01'),
      ),
      'o01',
      sealedAt,
    );
    const unsigned = { person: 'o01', unit: 'm01', sealedAt, digest };
    const code = `${digest.slice(0, 4)}-${digest.slice(4, 8)}-${digest.slice(8, 12)}-${digest.slice(12, 16)}`.toUpperCase();
    s.log!.push(encodeLogRow('seal', { ...unsigned, code, sig: signMessage((await key('o01')).secret, sealMessage(unsigned)) }));
    setCell(s, `B${s.cells.findIndex((r) => r[0] === '密封码') + 1}`, code);
    const fs = (await evaluate(s, plan, { mode: 'verify' })).findings;
    // o02 never signed that re-check: the seal over it was made out of order and no longer stands
    expect(codes(errors(fs))).toEqual(expect.arrayContaining(['RECHECK_INVALID', 'LOG_ORDER', 'SEAL_INVALID']));
    expect(said(fs.find((f) => f.code === 'LOG_ORDER')!)).toContain('还没有复核结果');
  });

  it('a note after the seal is allowed; any other record after it is not', async () => {
    const withNote = cloneSheet(sealedSheet);
    withNote.log!.push(encodeLogRow('note', { unit: 'm01', text: '已归档' }));
    expect(errors((await evaluate(withNote, plan, { mode: 'verify' })).findings)).toEqual([]);
    const withMore = cloneSheet(sealedSheet);
    const rc = decodeLog(withMore.log!)
      .filter((e) => e.kind === 'recheck')
      .at(-1)!;
    withMore.log!.push(encodeLogRow('recheck', rc.record!));
    const fs = errors((await evaluate(withMore, plan, { mode: 'verify' })).findings);
    expect(codes(fs)).toEqual(['LOG_ORDER']);
    expect(fs[0]!.cell).toBe(`_scoreseal!A${withMore.log!.length}`);
  });

  describe('SEAL_INVALID after any one change of the item table or the log (property, in memory)', () => {
    type Change =
      | { kind: 'cell'; row: number; col: number }
      | { kind: 'field'; cell: string }
      | { kind: 'log'; row: number; path: (string | number)[] }
      | { kind: 'logKind'; row: number }
      | { kind: 'drop'; row: number };

    /** every string leaf of a record, as a path */
    const leafPaths = (v: unknown, path: (string | number)[] = []): (string | number)[][] => {
      if (typeof v === 'string') return [path];
      if (Array.isArray(v)) return v.flatMap((x, i) => leafPaths(x, [...path, i]));
      if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => leafPaths(x, [...path, k]));
      return [];
    };

    let changes: Change[];
    beforeAll(() => {
      const header = sealedSheet.cells.findIndex((r) => r[0] === '编号') + 1;
      const lastTable = rowOf(sealedSheet, '9.1');
      changes = [];
      for (let row = header + 1; row <= lastTable; row++) for (let col = 0; col < 13; col++) changes.push({ kind: 'cell', row, col });
      for (const cell of ['B2', 'H2', 'B3', 'E3', 'H3']) changes.push({ kind: 'field', cell }); // unit name, category, rubric title, rubric id, fingerprint
      decodeLog(sealedSheet.log!).forEach((e, i) => {
        const isSeal = e.kind === 'seal';
        for (const p of leafPaths(e.record)) if (!(isSeal && p[0] === 'unit')) changes.push({ kind: 'log', row: i, path: p });
        if (!isSeal) {
          changes.push({ kind: 'logKind', row: i });
          changes.push({ kind: 'drop', row: i });
        }
      });
    });

    const bump = (v: CellValue): CellValue =>
      typeof v === 'number' ? v + 1 : v === null || v === '' ? '改' : typeof v === 'string' ? `${v}改` : '改';

    function apply(s: MemSheet, c: Change, salt: number): void {
      switch (c.kind) {
        case 'cell': {
          const row = (s.cells[c.row - 1] ??= []);
          while (row.length <= c.col) row.push(null);
          row[c.col] = bump(row[c.col] ?? null);
          return;
        }
        case 'field':
          setCell(s, c.cell, bump(s.cells[Number(c.cell.slice(1)) - 1]![c.cell.charCodeAt(0) - 65] ?? null));
          return;
        case 'log': {
          const rec = logRecord<Record<string, unknown>>(s.log![c.row]!);
          let o: Record<string | number, unknown> = rec;
          for (const k of c.path.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
          const last = c.path.at(-1)!;
          const old = String(o[last]);
          // change one character (or append one): the JSON stays valid
          const at = salt % (old.length + 1);
          o[last] = at < old.length ? `${old.slice(0, at)}${old[at] === '0' ? '1' : '0'}${old.slice(at + 1)}` : `${old}0`;
          s.log![c.row] = [s.log![c.row]![0]!, ...encodeLogRow('note', rec).slice(1)];
          return;
        }
        case 'logKind':
          s.log![c.row]![0] = 'note';
          return;
        case 'drop':
          s.log!.splice(c.row, 1);
      }
    }

    /**
     * A change of the table or the fields breaks the seal digest (SEAL_INVALID). A change of the
     * log breaks it too when the seal still stands; when the change makes the replay reject a
     * record the seal needs (its sample, a re-check, the seal itself), the seal no longer stands
     * and the replay reports why — either way verification fails.
     */
    function expectDetected(c: Change, fs: readonly Finding[]): void {
      const seal = fs.some((f) => f.code === 'SEAL_INVALID');
      const detected = c.kind === 'cell' || c.kind === 'field' ? seal : errors(fs).length > 0;
      if (!detected) throw new Error(`not detected: ${JSON.stringify(c)}: ${brief(fs).join('; ')}`);
    }

    it('the unchanged sheet verifies (control)', async () => {
      expect(errors((await evaluate(sealedSheet, plan, { mode: 'verify' })).findings)).toEqual([]);
    });

    it(`${RANDOM_CHANGES.toLocaleString('en')} random single changes are each detected (SEAL_INVALID for every table and field change; 2,000 in test:deep)`, async () => {
      let runs = 0;
      await fc.assert(
        fc.asyncProperty(fc.nat(), fc.nat(1_000_000), async (pick, salt) => {
          const c = changes[pick % changes.length]!;
          const s = cloneSheet(sealedSheet);
          apply(s, c, salt);
          const fs = (await evaluate(s, plan, { mode: 'verify' })).findings;
          runs += 1;
          expectDetected(c, fs);
        }),
        { numRuns: RANDOM_CHANGES },
      );
      expect(runs).toBeGreaterThanOrEqual(RANDOM_CHANGES);
    }, 120_000);

    it('covers every changeable cell and log leaf at least once as well (exhaustive pass)', async () => {
      for (const c of changes) {
        const s = cloneSheet(sealedSheet);
        apply(s, c, 0);
        expectDetected(c, (await evaluate(s, plan, { mode: 'verify' })).findings);
      }
      expect(changes.length).toBeGreaterThan(150);
    }, 120_000);
  });
});
