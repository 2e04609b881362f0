/**
 * SPEC §3/§4 signatures: the signer findings, forged and altered records, swapped embedded
 * keys, name-only plans, every refusal of signItems, and properties (stale on any signed
 * field, invalid on any flipped byte, never valid in another unit's sheet).
 */
import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { deriveKeyPair, publicKeyOf, signMessage, type KeyPair } from '../../src/core/crypto/ed25519';
import type { Finding } from '../../src/core/findings';
import { decodeLog, encodeLogRow } from '../../src/core/sheet/log';
import { signatureMessage, type SignatureRecord } from '../../src/core/signing/records';
import { drawSampleAction, signItems, statusPatch } from '../../src/core/workflow/actions';
import { valuesOf } from '../../src/core/rules/signatures';
import { signAll } from '../support/flow';
import {
  applyPatch,
  brief,
  cloneSheet,
  commit,
  digestOfItem,
  evaluate,
  examplePlan,
  filledSheet,
  keyRing,
  logRecord,
  textOf,
  rowOf,
  setCell,
  type MemSheet,
  said,
  whyRefused,
} from '../support/memory';

jest.setTimeout(120_000); // scrypt key derivation is slow-ish, and much slower on a loaded machine

const plan = examplePlan();
const key = keyRing(deriveKeyPair);
const nonSigner = (fs: readonly Finding[]): Finding[] => fs.filter((f) => f.code !== 'SIGNER_MISSING');
const view = (fs: readonly Finding[]): string[] => fs.map((f) => `${f.code}|${f.item ?? ''}|${f.cell ?? ''}`).sort();

/** A random key pair for someone who is not who they claim (no scrypt). */
function strangerKey(personId: string): KeyPair {
  const secret = new Uint8Array(randomBytes(32));
  return { personId, secret, publicKey: publicKeyOf(secret) };
}

/**
 * Appends a hand-made signature record over the items as they stand (bypassing signItems'
 * refusals, as an insider with ExcelJS and a key would), then rewrites the derived cells.
 */
async function forge(
  s: MemSheet,
  rec: Pick<SignatureRecord, 'role' | 'person' | 'unit' | 'items'>,
  k: KeyPair,
  unitPlan = plan,
): Promise<SignatureRecord> {
  const report = await evaluate(s, unitPlan);
  const items = rec.items.map((c) => report.items.find((i) => i.content.node.code === c)!);
  const unsigned = {
    ...rec,
    digests: items.map((i) => digestOfItem(i)),
    signedAt: new Date().toISOString(),
  };
  const values = items.map((i) => valuesOf(report.ctx!, i.content));
  const full: SignatureRecord = { ...unsigned, values, sig: signMessage(k.secret, signatureMessage(unsigned)) };
  s.log!.push(encodeLogRow('signature', full));
  const p = statusPatch(await evaluate(s, unitPlan));
  if (p) applyPatch(s, p);
  return full;
}

/** u01 filled and signed by both appraisers of every group (built once). */
let signed: MemSheet;
beforeAll(async () => {
  signed = filledSheet(plan, 'u01');
  await signAll(signed, plan, 'u01', { keys: key });
}, 120_000);

describe('a fully signed sheet', () => {
  it('has no findings; every item is 已签字 with both names shown', async () => {
    const r = await evaluate(signed, plan);
    expect(brief(r.findings)).toEqual([]);
    expect(r.stage).toBe('signed');
    expect(new Set(r.items.map((i) => i.status))).toEqual(new Set(['signed']));
    expect(signed.cells[rowOf(signed, '1.1') - 1]!.slice(8, 11)).toEqual(['张伟（纪委监察局）', '刘芳', '已签字']);
    expect(signed.cells[rowOf(signed, '3.1') - 1]!.slice(8, 11)).toEqual(['张伟（县发改局）', '赵敏', '已签字']);
    expect(r.items.every((i) => i.scorer?.fresh && i.reviewer?.fresh)).toBe(true);
  });
  it('verifies the same with the native and the pure engine', async () => {
    expect(brief((await evaluate(signed, plan, { engine: 'pure' })).findings)).toEqual([]);
    expect(brief((await evaluate(signed, plan, { engine: 'native' })).findings)).toEqual([]);
  });
});

describe('signer findings', () => {
  it('SIGNER_MISSING: the reviewer of an item signed only by its scorer', async () => {
    const s = filledSheet(plan, 'u01');
    commit(s, signItems(await evaluate(s, plan), { role: 'scorer', person: 'p01', key: await key('p01'), items: ['1.1'] }));
    const r = await evaluate(s, plan);
    const missing11 = r.findings.filter((f) => f.item === '1.1');
    expect(view(missing11)).toEqual(['SIGNER_MISSING|1.1|J7']);
    expect(said(missing11[0]!)).toBe('1.1“落实党风廉政建设责任制”缺少复查人签字');
    expect(r.items.find((i) => i.content.node.code === '1.1')!.status).toBe('needReviewer');
    expect(s.cells[6]![8]).toBe('张伟（纪委监察局）');
  });

  it('SIGNER_SAME_PERSON: a forged reviewer record by the scorer', async () => {
    const s = filledSheet(plan, 'u01');
    commit(s, signItems(await evaluate(s, plan), { role: 'scorer', person: 'p01', key: await key('p01'), items: ['1.1'] }));
    await forge(s, { role: 'reviewer', person: 'p01', unit: 'u01', items: ['1.1'] }, await key('p01'));
    const fs = nonSigner((await evaluate(s, plan)).findings);
    expect(view(fs)).toEqual(['SIGNER_SAME_PERSON|1.1|J7']);
    expect(said(fs[0]!)).toContain('张伟（纪委监察局） (p01)');
  });

  it('SIGNER_UNKNOWN: an oversight member signing an item (with a valid signature)', async () => {
    const s = filledSheet(plan, 'u01');
    await forge(s, { role: 'scorer', person: 'o01', unit: 'u01', items: ['1.1'] }, await key('o01'));
    expect(view(nonSigner((await evaluate(s, plan)).findings))).toEqual(['SIGNER_UNKNOWN|1.1|I7']);
  });

  it('someone not in the plan: no trusted key, so the record does not verify and counts for nothing', async () => {
    const s = filledSheet(plan, 'u01');
    await forge(s, { role: 'scorer', person: 'x99', unit: 'u01', items: ['1.2'] }, strangerKey('x99'));
    const r = await evaluate(s, plan);
    expect(view(nonSigner(r.findings))).toEqual(['SIGNATURE_INVALID||_scoreseal!A2']);
    expect(r.items.find((i) => i.content.node.code === '1.2')!.scorer).toBeNull();
  });

  it('SIGNER_NOT_IN_GROUP: a G2 appraiser signing a G1 item', async () => {
    const s = filledSheet(plan, 'u01');
    await forge(s, { role: 'scorer', person: 'p04', unit: 'u01', items: ['1.1'] }, await key('p04'));
    const fs = nonSigner((await evaluate(s, plan)).findings);
    expect(view(fs)).toEqual(['SIGNER_NOT_IN_GROUP|1.1|I7']);
    expect(said(fs[0]!)).toBe('1.1“落实党风廉政建设责任制”属于 G1 组，张伟（县发改局） (p04) 未分在该组');
  });

  it('SIGNER_RECUSED: p01 signing for u03, from which p01 is recused', async () => {
    const s = filledSheet(plan, 'u03');
    await forge(s, { role: 'scorer', person: 'p01', unit: 'u03', items: ['1.1'] }, await key('p01'));
    const fs = nonSigner((await evaluate(s, plan)).findings);
    expect(view(fs)).toEqual(['SIGNER_RECUSED|1.1|I7']);
    expect(said(fs[0]!)).toContain('青山乡');
  });

  it('SIGNATURE_INVALID: one flipped byte of a signature; the record counts for nothing, so its items lack that signer', async () => {
    const s = cloneSheet(signed);
    const i = s.log!.findIndex((r) => r[0] === 'signature');
    const rec = logRecord<SignatureRecord>(s.log![i]!);
    const bytes = Buffer.from(rec.sig, 'base64');
    bytes[10]! ^= 0x01;
    s.log![i] = encodeLogRow('signature', { ...rec, sig: bytes.toString('base64') });
    const fs = (await evaluate(s, plan)).findings;
    expect(view(fs.filter((f) => f.code === 'SIGNATURE_INVALID'))).toEqual([`SIGNATURE_INVALID||_scoreseal!A${i + 1}`]);
    expect(fs.filter((f) => f.code === 'SIGNER_MISSING').map((f) => f.item)).toEqual(rec.items);
    // the names the sheet still shows are no longer what the log says
    expect(new Set(fs.map((f) => f.code))).toEqual(new Set(['SIGNATURE_INVALID', 'SIGNER_MISSING', 'DERIVED_CELL_CHANGED']));
  });

  it('SIGNED_CONTENT_CHANGED: a score edited after signing says what changed, from what to what, after whom — at the changed cell', async () => {
    const s = cloneSheet(signed);
    const before = textOf(s.cells[6]![4]);
    setCell(s, 'E7', 4);
    const r = await evaluate(s, plan);
    expect(view(r.findings)).toEqual(['SIGNED_CONTENT_CHANGED|1.1|E7']);
    const m = said(r.findings[0]!);
    expect(m).toContain(`得分 ${before} → 4`);
    expect(m).toContain('张伟（纪委监察局） (p01)');
    expect(m).toContain('以考核人身份签字之后');
    expect(m).toContain('以复查人身份签字之后');
    expect(r.items.find((i) => i.content.node.code === '1.1')!.status).toBe('stale');
    expect(r.stage).toBe('filling');
  });

  it('SIGNED_CONTENT_CHANGED names the completion cell when the completion record changed', async () => {
    const s = cloneSheet(signed);
    setCell(s, 'F8', '已完成（补记）');
    const fs = (await evaluate(s, plan)).findings;
    expect(view(fs)).toEqual(['SIGNED_CONTENT_CHANGED|1.2|F8']);
    expect(said(fs[0]!)).toContain('→ 已完成（补记）');
  });

  it('DERIVED_CELL_CHANGED: a 考核人 name typed over (derived cells must follow the records)', async () => {
    const s = cloneSheet(signed);
    setCell(s, 'I8', '陈静');
    const fs = (await evaluate(s, plan)).findings;
    expect(view(fs)).toEqual(['DERIVED_CELL_CHANGED|1.2|I8']);
    expect(said(fs[0]!)).toContain('陈静');
    expect(said(fs[0]!)).toContain('张伟（纪委监察局）');
  });

  it('swapped embedded keys: re-signed with the attacker’s key, it passes its own embedded plan but fails the trusted one', async () => {
    const s = filledSheet(plan, 'u01');
    const attacker = strangerKey('p01');
    const rec = logRecord<{ people: { id: string; publicKey?: string }[] }>(s.log![0]!);
    rec.people.find((p) => p.id === 'p01')!.publicKey = attacker.publicKey;
    s.log![0] = encodeLogRow('plan', rec);
    // signing against the embedded plan (no trusted plan) accepts the attacker's key
    commit(s, signItems(await evaluate(s, null), { role: 'scorer', person: 'p01', key: attacker, items: ['1.1', '1.2'] }));
    expect(nonSigner((await evaluate(s, null)).findings)).toEqual([]);
    // the trusted plan rejects the embedded key and every signature made with it
    const fs = nonSigner((await evaluate(s, plan)).findings);
    // the embedded key differs from the trusted one, and the record signed with it does not verify
    expect(view(fs.filter((f) => f.code === 'SIGNATURE_INVALID'))).toEqual(['SIGNATURE_INVALID||', 'SIGNATURE_INVALID||_scoreseal!A2']);
    expect(said(fs.find((f) => !f.cell)!)).toContain('p01');
    expect(view(fs.filter((f) => f.code !== 'SIGNATURE_INVALID'))).toEqual(['DERIVED_CELL_CHANGED|1.1|I7', 'DERIVED_CELL_CHANGED|1.2|I8']);
  });

  it('name-only plans: SIGNATURE_UNVERIFIED warnings, one per signer, and no errors', async () => {
    const named = examplePlan((j) => {
      j.signing = 'name';
    });
    const s = filledSheet(named, 'u01');
    await signAll(s, named, 'u01', { keys: () => Promise.resolve(null) });
    const fs = (await evaluate(s, named)).findings;
    expect(fs.filter((f) => f.severity === 'error')).toEqual([]);
    expect(fs.map((f) => f.code)).toEqual(Array(6).fill('SIGNATURE_UNVERIFIED'));
    expect(fs.every((f) => f.severity === 'warning')).toBe(true);
    expect(fs.map((f) => said(f)).join()).toContain('仅姓名');
    // the records carry no signature at all
    expect(
      decodeLog(s.log!)
        .filter((e) => e.kind === 'signature')
        .every((e) => e.record!.sig === ''),
    ).toBe(true);
  });

  it('a key plan does not accept a name-only (empty) signature', async () => {
    const s = filledSheet(plan, 'u01');
    s.log!.push(
      encodeLogRow('signature', {
        role: 'scorer',
        person: 'p01',
        unit: 'u01',
        items: ['1.1'],
        digests: [digestOfItem((await evaluate(s, plan)).items[0]!)],
        values: [valuesOf((await evaluate(s, plan)).ctx!, (await evaluate(s, plan)).items[0]!.content)],
        signedAt: new Date().toISOString(),
        sig: '',
      }),
    );
    const p = statusPatch(await evaluate(s, plan));
    applyPatch(s, p!);
    expect(view(nonSigner((await evaluate(s, plan)).findings))).toEqual(['SIGNATURE_INVALID||_scoreseal!A2']);
  });
});

describe('signItems refuses', () => {
  const refusal = async (s: MemSheet, req: Parameters<typeof signItems>[1], p = plan): Promise<string> => {
    const r = signItems(await evaluate(s, p), req);
    if (r.ok) throw new Error('expected a refusal');
    return whyRefused(r).join('\n');
  };
  const fresh = (): MemSheet => filledSheet(plan, 'u01');

  it('a key that is not the person’s (wrong passphrase)', async () => {
    expect(await refusal(fresh(), { role: 'scorer', person: 'p01', key: await key('p02'), items: ['1.1'] })).toBe(
      '口令与考核方案中登记的 张伟（纪委监察局） (p01) 公钥不符',
    );
    expect(await refusal(fresh(), { role: 'scorer', person: 'p01', key: strangerKey('p01'), items: ['1.1'] })).toContain('公钥不符');
    expect(await refusal(fresh(), { role: 'scorer', person: 'p01', key: null, items: ['1.1'] })).toContain('需要');
  });
  it('someone who is not an appraiser, or not in the plan', async () => {
    expect(await refusal(fresh(), { role: 'scorer', person: 'o01', key: await key('o01'), items: ['1.1'] })).toBe(
      '李娜 (o01) 不是考核人员，不能签字',
    );
    expect(await refusal(fresh(), { role: 'scorer', person: 'zz', key: null, items: ['1.1'] })).toContain('zz');
  });
  it('an item of another group', async () => {
    expect(await refusal(fresh(), { role: 'scorer', person: 'p04', key: await key('p04'), items: ['1.1'] })).toContain('1.1 属于 G1 组');
  });
  it('a recused appraiser', async () => {
    expect(await refusal(filledSheet(plan, 'u03'), { role: 'scorer', person: 'p01', key: await key('p01'), items: ['1.1'] })).toContain(
      '须回避本单位',
    );
  });
  it('the reviewer before the scorer', async () => {
    expect(await refusal(fresh(), { role: 'reviewer', person: 'p02', key: await key('p02'), items: ['1.1'] })).toContain(
      '需先由考核人签字',
    );
  });
  it('the same person as scorer and reviewer', async () => {
    const s = fresh();
    commit(s, signItems(await evaluate(s, plan), { role: 'scorer', person: 'p01', key: await key('p01'), items: ['1.1'] }));
    expect(await refusal(s, { role: 'reviewer', person: 'p01', key: await key('p01'), items: ['1.1'] })).toContain('不能是同一人');
  });
  it('an item with errors, naming them', async () => {
    const s = fresh();
    setCell(s, 'F7', null);
    const why = await refusal(s, { role: 'scorer', person: 'p01', key: await key('p01'), items: ['1.1', '1.2'] });
    expect(why).toContain('1.1 尚有错误');
    expect(why).toContain('未填写完成情况');
    expect(why).not.toContain('1.2');
  });
  it('after the sample has been drawn', async () => {
    const s = cloneSheet(signed);
    commit(s, drawSampleAction(await evaluate(s, plan), { person: 'o01', key: await key('o01') }));
    setCell(s, 'E7', 4.5); // a change that would need signing again
    expect(await refusal(s, { role: 'scorer', person: 'p01', key: await key('p01'), items: ['1.1'] })).toContain('已抽取复核项目');
  });
  it('an unknown item, a section row, an item another appraiser already signed, nothing left to sign', async () => {
    expect(await refusal(fresh(), { role: 'scorer', person: 'p01', key: await key('p01'), items: ['1.9'] })).toContain('没有编号为 1.9');
    expect(await refusal(fresh(), { role: 'scorer', person: 'p01', key: await key('p01'), items: ['1'] })).toContain('分类行');
    expect(await refusal(cloneSheet(signed), { role: 'scorer', person: 'p02', key: await key('p02'), items: ['1.1'] })).toContain(
      '已由 张伟（纪委监察局） (p01) 以考核人身份签字',
    );
    expect(await refusal(cloneSheet(signed), { role: 'scorer', person: 'p01', key: await key('p01'), items: 'all' })).toBe(
      '没有可签的项目',
    );
  });
  it('a refusal has no patch (nothing is written)', async () => {
    const r = signItems(await evaluate(fresh(), plan), { role: 'reviewer', person: 'p02', key: await key('p02'), items: ['1.1'] });
    expect(r).toEqual({ ok: false, reasons: expect.any(Array), locale: 'zh-CN' });
  });
});

describe('signature properties', () => {
  const leaves = plan.rubrics.get('township')!.leaves;
  const FIELDS = ['score', 'completion', 'basis', 'verifiedBy'] as const;
  const COLS = { score: 'E', completion: 'F', basis: 'G', verifiedBy: 'H' } as const;

  it('changing any one signed field of a random item makes exactly that item stale', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...leaves), fc.constantFrom(...FIELDS), fc.nat(1000), async (n, field, salt) => {
        const s = cloneSheet(signed);
        const cell = `${COLS[field]}${rowOf(s, n.code)}`;
        const old = s.cells[rowOf(s, n.code) - 1]![{ score: 4, completion: 5, basis: 6, verifiedBy: 7 }[field]];
        let v: string | number;
        if (field === 'score') {
          if (n.isVeto) v = old === '是' ? '否' : '是';
          else {
            const maxHalves = n.maxUnits;
            const cur = Math.round(Number(old) * 2);
            v = ((cur + 1 + (salt % maxHalves)) % (maxHalves + 1)) / 2;
          }
        } else if (field === 'verifiedBy') v = ['座谈走访', '部门数据、实地查看', '实地查看', '资料审核、部门数据'].find((x) => x !== old)!;
        else v = `${textOf(old)}（补${salt}）`;
        setCell(s, cell, v);
        const r = await evaluate(s, plan);
        const changed = r.findings.filter((f) => f.code === 'SIGNED_CONTENT_CHANGED');
        expect(changed.map((f) => f.item)).toEqual([n.code]);
        expect(r.items.filter((i) => i.status === 'stale').map((i) => i.content.node.code)).toEqual([n.code]);
        expect(r.findings.filter((f) => f.code !== 'SIGNED_CONTENT_CHANGED' && f.severity === 'error')).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('padding a signed text with spaces (trim) changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...leaves),
        fc.constantFrom('completion', 'basis', 'verifiedBy' as const),
        fc.constantFrom(' ', '  ', '\t', '\u3000'),
        async (n, field, pad) => {
          const s = cloneSheet(signed);
          const r0 = rowOf(s, n.code);
          const c = { completion: 5, basis: 6, verifiedBy: 7 }[field];
          s.cells[r0 - 1]![c] = `${pad}${textOf(s.cells[r0 - 1]![c])}${pad}`;
          expect(brief((await evaluate(s, plan)).findings)).toEqual([]);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('flipping any bit of any byte of a signature makes it invalid', async () => {
    const rows = signed.log!.map((r, i) => ({ r, i })).filter(({ r }) => r[0] === 'signature');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...rows), fc.nat(63), fc.nat(7), async ({ i }, byte, bit) => {
        const s = cloneSheet(signed);
        const rec = logRecord<SignatureRecord>(s.log![i]!);
        const b = Buffer.from(rec.sig, 'base64');
        b[byte]! ^= 1 << bit;
        s.log![i] = encodeLogRow('signature', { ...rec, sig: b.toString('base64') });
        const fs = (await evaluate(s, plan)).findings;
        expect(fs.filter((f) => f.code === 'SIGNATURE_INVALID').map((f) => f.cell)).toEqual([`_scoreseal!A${i + 1}`]);
        // the record counts for nothing: its items lack that signer (or fall back to an earlier one)
        expect(fs.filter((f) => f.code === 'SIGNER_MISSING').map((f) => f.item)).toEqual(rec.items);
      }),
      { numRuns: 60 },
    );
  });

  it('a signature record copied into another unit’s sheet never verifies there', async () => {
    const u02 = filledSheet(plan, 'u02'); // the very same content as u01
    const records = decodeLog(signed.log!)
      .filter((e) => e.kind === 'signature')
      .map((e) => e.record as unknown as SignatureRecord);
    await fc.assert(
      fc.asyncProperty(fc.subarray(records, { minLength: 1 }), fc.boolean(), async (chosen, rewriteUnit) => {
        const s = cloneSheet(u02);
        for (const rec of chosen) s.log!.push(encodeLogRow('signature', rewriteUnit ? { ...rec, unit: 'u02' } : rec));
        const r = await evaluate(s, plan);
        const accepted = r.items.filter((i) => i.scorer || i.reviewer);
        expect(accepted.map((i) => i.content.node.code)).toEqual([]);
        expect(r.stage).toBe('filling');
        if (rewriteUnit) expect(r.findings.some((f) => f.code === 'SIGNATURE_INVALID')).toBe(true);
      }),
      { numRuns: 25 },
    );
  });
});
