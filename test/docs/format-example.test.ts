/**
 * docs/format.md stays true: every value its worked example quotes (from the demo's sealed sheet
 * of 城关镇, u01) is recomputed here from the page alone — nothing is read from out/demo and the
 * demo is not run — with an independent, minimal implementation written from the standards
 * rather than ScoreSeal's code: Node's SHA-256, SHA-512, scrypt and Ed25519, a small RFC 8785
 * canonicaliser, an ECVRF-EDWARDS25519-SHA512-TAI verifier (RFC 9381) on @noble/curves' group
 * arithmetic, and the draw of the page's §8.4. The page's own Node snippet (§7.6) is run too.
 *
 * When the demo changes, `node scripts/run-ts.mjs scripts/format-example.ts --write` (after
 * `npm run demo`) updates the quoted fragments; this test then checks they still agree.
 */
import { createHash, createPrivateKey, createPublicKey, scryptSync, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ed25519 } from '@noble/curves/ed25519.js';

const DOC = readFileSync(join(__dirname, '..', '..', 'docs', 'format.md'), 'utf8');

// ---------------------------------------------------------------- reading the page

/** The text between `<!-- example:NAME -->` and `<!-- /example -->`. */
function fragment(name: string): string {
  const m = new RegExp(`<!-- example:${name} -->\\n([\\s\\S]*?)\\n?<!-- /example -->`).exec(DOC);
  if (!m) throw new Error(`docs/format.md has no example "${name}"`);
  return m[1]!.trim();
}

/** Rows of a markdown table in a fragment: cells trimmed, header and separator rows left out. */
function tableRows(name: string): string[][] {
  return fragment(name)
    .split('\n')
    .filter((l) => l.startsWith('|'))
    .slice(2)
    .map((l) =>
      l
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((c) => c.trim()),
    );
}

/** The first fenced code block of a fragment, without its fences. */
function block(name: string): string {
  const m = /```[\w-]*\n([\s\S]*?)\n```/.exec(fragment(name));
  if (!m) throw new Error(`example "${name}" has no code block`);
  return m[1]!;
}

const json = <T>(name: string): T => JSON.parse(block(name)) as T;
const line = (name: string): string => block(name).trim();
/** `name = value` lines of a text block. */
function assignments(name: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of block(name).split('\n')) {
    const m = /^(.+?)\s*=\s*(\S+)$/.exec(l);
    if (m) out[m[1]!.trim()] = m[2]!;
  }
  return out;
}

// ---------------------------------------------------------------- the independent implementation

/** RFC 8785: keys sorted by UTF-16 code units, no whitespace, strings and numbers as ECMAScript writes them. */
function jcs(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(jcs).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${keys.map((k) => `${JSON.stringify(k)}:${jcs(o[k])}`).join(',')}}`;
  }
  if (typeof v === 'number' && !Number.isFinite(v)) throw new TypeError('no JCS form');
  return JSON.stringify(v);
}
const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const digest = (v: unknown): string => sha256(jcs(v));
const sha512 = (...parts: Uint8Array[]): Uint8Array => new Uint8Array(createHash('sha512').update(Buffer.concat(parts)).digest());

const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex');
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');
const rawKey = (line: string): Buffer => {
  expect(line.startsWith('ed25519:')).toBe(true);
  const raw = Buffer.from(line.slice('ed25519:'.length), 'base64');
  expect(raw).toHaveLength(32);
  return raw;
};
/** Ed25519 (RFC 8032) by Node's crypto over the UTF-8 bytes of the canonical JSON of a message. */
function ed25519Verifies(keyLine: string, message: unknown, sig: string): boolean {
  const key = createPublicKey({ key: Buffer.concat([SPKI_ED25519, rawKey(keyLine)]), format: 'der', type: 'spki' });
  return verify(null, Buffer.from(jcs(message), 'utf8'), key, Buffer.from(sig, 'base64'));
}

type Point = InstanceType<typeof ed25519.Point>;
const Point = ed25519.Point;
/** q, the prime order of the base point (RFC 8032 §5.1: L). */
const Q = 2n ** 252n + 27742317777372353535851937790883648493n;
const le = (b: Uint8Array): bigint => BigInt(`0x${Buffer.from(b).reverse().toString('hex') || '0'}`);
/** string_to_point: strict RFC 8032 decoding, null when not a canonical point. */
function toPoint(b: Uint8Array): Point | null {
  try {
    return Point.fromBytes(b, false);
  } catch {
    return null;
  }
}
/**
 * ECVRF-EDWARDS25519-SHA512-TAI verification (RFC 9381 §5.3, suite 0x03): beta, or null when the
 * proof is not valid for alpha under the public key.
 */
function ecvrfVerify(pk: Uint8Array, pi: Uint8Array, alpha: Uint8Array): Uint8Array | null {
  const Y = toPoint(pk);
  if (!Y || Y.multiplyUnsafe(8n).is0() || pi.length !== 80) return null; // validate_key: no small-order key
  const gamma = toPoint(pi.subarray(0, 32));
  const c = le(pi.subarray(32, 48));
  const s = le(pi.subarray(48, 80));
  if (!gamma || s >= Q) return null;
  // encode_to_curve, try-and-increment with PK as the salt (§5.4.1.1)
  let H: Point | null = null;
  for (let ctr = 0; ctr < 256 && !H; ctr++) {
    const candidate = toPoint(sha512(Uint8Array.of(0x03, 0x01), pk, alpha, Uint8Array.of(ctr, 0x00)).subarray(0, 32));
    const h8 = candidate?.multiplyUnsafe(8n);
    if (h8 && !h8.is0()) H = h8;
  }
  if (!H) return null;
  const mul = (P: Point, n: bigint): Point => (n === 0n ? Point.ZERO : P.multiplyUnsafe(n));
  const U = mul(Point.BASE, s).subtract(mul(Y, c));
  const V = mul(H, s).subtract(mul(gamma, c));
  const challenge = le(
    sha512(Uint8Array.of(0x03, 0x02), Y.toBytes(), H.toBytes(), gamma.toBytes(), U.toBytes(), V.toBytes(), Uint8Array.of(0x00)).subarray(
      0,
      16,
    ),
  );
  if (challenge !== c) return null;
  return sha512(Uint8Array.of(0x03, 0x03), gamma.multiplyUnsafe(8n).toBytes(), Uint8Array.of(0x00));
}

interface Leaf {
  code: string;
  group: string;
}
/** The draw of the page's §8.4, from its text. */
function draw(seed: string, leaves: readonly Leaf[], ratio: number): string[] {
  const k = Math.min(leaves.length, Math.ceil(Number((ratio * leaves.length).toFixed(9))));
  const keyed = leaves.map((l, index) => ({ ...l, index, key: sha256(`${seed}:${l.code}`) }));
  const order = (a: { key: string; code: string }, b: { key: string; code: string }): number =>
    a.key === b.key ? (a.code < b.code ? -1 : 1) : a.key < b.key ? -1 : 1;
  const groups = [...new Set(leaves.map((l) => l.group))];
  const reps = groups.map((g) => keyed.filter((l) => l.group === g).sort(order)[0]!).sort(order);
  const chosen =
    k < reps.length
      ? reps.slice(0, k)
      : [
          ...reps,
          ...keyed
            .filter((l) => !reps.includes(l))
            .sort(order)
            .slice(0, k - reps.length),
        ];
  return chosen.sort((a, b) => a.index - b.index).map((l) => l.code);
}

/** Leaves of a rubric in tree order, with their group inherited from the parent. */
function leavesOf(rubric: { items: RubricItem[] }): Leaf[] {
  const out: Leaf[] = [];
  const walk = (n: RubricItem, group: string): void => {
    const g = n.group ?? group;
    if (n.children?.length) n.children.forEach((c) => walk(c, g));
    else out.push({ code: n.code, group: g });
  };
  rubric.items.forEach((n) => walk(n, ''));
  return out;
}

// ---------------------------------------------------------------- the quoted values

interface RubricItem {
  code: string;
  group?: string;
  children?: RubricItem[];
}
interface Values {
  max: string;
  score: string;
  completion: string;
  basis: string;
  verifiedBy: string;
}
interface SignatureRec {
  role: string;
  person: string;
  unit: string;
  items: string[];
  digests: string[];
  values: Values[];
  signedAt: string;
  sig: string;
}
interface SampleRec {
  person: string;
  unit: string;
  contentDigest: string;
  drawnAt: string;
  proof: string;
  seed: string;
  items: string[];
  sig: string;
}
interface CanonicalSheet {
  schema: string;
  unit: string;
  fields: Record<string, string>;
  table: string[][];
  log: { kind: string; text: string }[];
  person: string;
  sealedAt: string;
}

const people = json<{ title: string; people: { id: string; publicKey: string }[] }>('plan-people');
const keyOf = (id: string): string => {
  const p = people.people.find((x) => x.id === id);
  if (!p) throw new Error(`the page's plan excerpt has no ${id}`);
  return p.publicKey;
};
const sigRecText = block('signature-record');
const sigRec = JSON.parse(sigRecText) as SignatureRec;
const itemObject = json<Record<string, string>>('item-object');
const sampleText = block('sample-record');
const sample = JSON.parse(sampleText) as SampleRec;
const recheckText = block('recheck-record');
const recheck = JSON.parse(recheckText) as Record<string, string>;
const sealText = block('seal-record');
const seal = JSON.parse(sealText) as Record<string, string>;
const sheet = json<CanonicalSheet>('canonical-sheet');
const planRecord = JSON.parse(sheet.log[0]!.text) as {
  schema: string;
  planTitle: string;
  fingerprint: string;
  rubric: { items: RubricItem[]; sampleRatio: number };
};

describe('docs/format.md: the worked example', () => {
  it('quotes the records as they stand in the sealed log (Appendix A)', () => {
    expect(sheet.log[0]!.kind).toBe('plan');
    expect(planRecord.schema).toBe('scoreseal/plan-record@2');
    const texts = sheet.log.map((e) => e.text);
    expect(texts).toContain(sigRecText);
    expect(texts).toContain(sampleText);
    expect(texts).toContain(recheckText);
    expect(sheet.log.find((e) => e.text === sigRecText)!.kind).toBe('signature');
    expect(sheet.log.find((e) => e.text === sampleText)!.kind).toBe('sample');
    // §4's overview of the log: one row per record, the seal last
    const overview = tableRows('log-rows');
    expect(overview.map((r) => r[1])).toEqual([...sheet.log.map((e) => `\`${e.kind}\``), '`seal`']);
    expect(overview.at(-1)![2]).toContain(seal.code!);
    // the prose's counts and fields
    expect(DOC).toContain(`\`${JSON.stringify(sheet.fields)}\``);
    expect(DOC).toContain(`its table has ${sheet.table.length} rows (the header and ${sheet.table.length - 1} item rows)`);
    expect(DOC).toContain(`its log the ${sheet.log.length} records before the seal`);
  });

  it('§6: the key derived from the demo passphrase with scrypt is the plan key', () => {
    const k = json<{
      person: string;
      passphrase: string;
      salt: string;
      scrypt: { N: number; r: number; p: number; dkLen: number };
      publicKey: string;
    }>('key-derivation');
    expect(k.salt).toBe(`scoreseal/key@1:${people.title}:${k.person}`);
    expect(k.scrypt).toEqual({ N: 32768, r: 8, p: 1, dkLen: 32 });
    const seed = scryptSync(Buffer.from(k.passphrase.normalize('NFC'), 'utf8'), Buffer.from(k.salt, 'utf8'), k.scrypt.dkLen, {
      N: k.scrypt.N,
      r: k.scrypt.r,
      p: k.scrypt.p,
      maxmem: 64 * 1024 * 1024,
    });
    const priv = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, seed]), format: 'der', type: 'pkcs8' });
    const pub = (createPublicKey(priv).export({ format: 'der', type: 'spki' }) as Buffer).subarray(SPKI_ED25519.length);
    expect(`ed25519:${pub.toString('base64')}`).toBe(k.publicKey);
    expect(keyOf(k.person)).toBe(k.publicKey);
  });

  it('§7.4: the rubric fingerprint is the digest of the rubric the plan record carries', () => {
    expect(digest(planRecord.rubric)).toBe(planRecord.fingerprint);
    expect(itemObject.rubric).toBe(planRecord.fingerprint);
    expect(sheet.fields.fingerprint).toBe(`s:${planRecord.fingerprint.slice(0, 16)}`);
    expect(planRecord.planTitle).toBe(people.title);
  });

  it('§7.4: the item digest, step by step, and every digest of the signature record from its values', () => {
    const i = sigRec.items.indexOf(itemObject.code!);
    expect(i).toBeGreaterThanOrEqual(0);
    expect(itemObject).toEqual({
      schema: 'scoreseal/item@1',
      unit: sigRec.unit,
      rubric: planRecord.fingerprint,
      code: sigRec.items[i],
      ...sigRec.values[i],
    });
    expect(jcs(itemObject)).toBe(line('item-jcs'));
    expect(sha256(line('item-jcs'))).toBe(line('item-sha256'));
    expect(sigRec.digests[i]).toBe(line('item-sha256'));
    sigRec.items.forEach((code, n) =>
      expect(digest({ schema: 'scoreseal/item@1', unit: sigRec.unit, rubric: planRecord.fingerprint, code, ...sigRec.values[n] })).toBe(
        sigRec.digests[n],
      ),
    );
    // the values table quotes the same digests
    const table = tableRows('signature-values');
    expect(table.map((r) => r[0])).toEqual(sigRec.items);
    expect(table.map((r) => r[6])).toEqual(sigRec.digests.map((d) => `\`${d.slice(0, 12)}…\``));
    expect(table.map((r) => r[2])).toEqual(sigRec.values.map((v) => `\`${v.score === '' ? '""' : v.score}\``));
  });

  it('§7.3: the sealed table row of the item holds the signed values, typed', () => {
    const v = sigRec.values[sigRec.items.indexOf(itemObject.code!)]!;
    const row = sheet.table.find((r) => r[0] === `s:${itemObject.code}`)!;
    expect(row.slice(3, 8)).toEqual([`n:${v.max}`, `n:${v.score}`, `s:${v.completion}`, `s:${v.basis}`, `s:${v.verifiedBy}`]);
    expect(sheet.table[0]).toEqual(
      [
        '编号',
        '考核项目',
        '考核内容及评分标准',
        '分值',
        '得分',
        '完成情况',
        '得分/扣分依据',
        '核实方式',
        '考核人',
        '复查人',
        '签字状态',
        '复核结果',
        '复核意见',
      ].map((t) => `s:${t}`),
    );
    const typed = tableRows('item-row').map((r) => r[3]!.replace(/^`(.*)`$/, '$1').replace(/^""$/, ''));
    expect(typed).toHaveLength(13);
    typed.forEach((cell, i) => (cell.endsWith('…') ? expect(row[i]!.startsWith(cell.slice(0, -1))).toBe(true) : expect(row[i]).toBe(cell)));
  });

  it('§7.5–7.6: the signed message, and the signature verifies with the key from the plan', () => {
    const message = {
      schema: 'scoreseal/sign@1',
      role: sigRec.role,
      person: sigRec.person,
      unit: sigRec.unit,
      items: sigRec.items,
      digests: sigRec.digests,
      signedAt: sigRec.signedAt,
    };
    expect(jcs(message)).toBe(line('signature-message'));
    expect(ed25519Verifies(keyOf(sigRec.person), message, sigRec.sig)).toBe(true);
    expect(ed25519Verifies(keyOf(sigRec.person), { ...message, signedAt: '2026-11-20T01:00:00.001Z' }, sigRec.sig)).toBe(false);
    expect(ed25519Verifies(keyOf('p02'), message, sigRec.sig)).toBe(false);
  });

  it("§7.6: the page's Node snippet checks the record", () => {
    const m = /<!-- check:node-snippet -->\s*```js\n([\s\S]*?)\n```\s*<!-- \/check -->/.exec(DOC);
    expect(m).not.toBeNull();
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the page's own snippet, run as a reader would
    const run = new Function('require', `${m![1]!}\nreturn { checkSignatureRecord, digest };`) as (r: NodeRequire) => {
      checkSignatureRecord: (rec: unknown, key: string, fp: string) => boolean;
      digest: (v: unknown) => string;
    };
    const snippet = run(require);
    expect(snippet.checkSignatureRecord(sigRec, keyOf(sigRec.person), planRecord.fingerprint)).toBe(true);
    expect(snippet.digest(planRecord.rubric)).toBe(planRecord.fingerprint);
    const changed = { ...sigRec, values: sigRec.values.map((v, i) => (i === 0 ? { ...v, score: '5' } : v)) };
    expect(snippet.checkSignatureRecord(changed, keyOf(sigRec.person), planRecord.fingerprint)).toBe(false);
    expect(snippet.checkSignatureRecord(sigRec, keyOf('p02'), planRecord.fingerprint)).toBe(false);
  });

  it('the independent ECVRF verifier passes RFC 9381 Appendix B.3, Example 16', () => {
    const hex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'));
    const pk = hex('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
    const pi = hex(
      '8657106690b5526245a92b003bb079ccd1a92130477671f6fc01ad16f26f723f26f8a57ccaed74ee1b190bed1f479d97' +
        '27d2d0f9b005a6e456a35d4fb0daab1268a1b0db10836d9826a528ca76567805',
    );
    expect(Buffer.from(ecvrfVerify(pk, pi, new Uint8Array(0))!).toString('hex')).toBe(
      '90cf1df3b703cce59e2a35b925d411164068269d7b2d29f3301c03dd757876ff66b71dda49d2de59d03450451af026798e8f81cd2e333de5cdf4f3e140fdd8ae',
    );
    expect(ecvrfVerify(pk, pi, Uint8Array.of(0x72))).toBeNull();
  });

  it('§8: content digest, alpha, proof, beta → seed, and the sample signature', () => {
    // the content digest from the signature records before the sample: every leaf signed alike in both roles
    const signed = new Map<string, Record<string, string>>();
    for (const e of sheet.log.slice(
      0,
      sheet.log.findIndex((x) => x.kind === 'sample'),
    )) {
      if (e.kind !== 'signature') continue;
      const r = JSON.parse(e.text) as SignatureRec;
      r.items.forEach((c, i) => signed.set(c, { ...(signed.get(c) ?? {}), [r.role]: r.digests[i]! }));
    }
    const leaves = leavesOf(planRecord.rubric);
    const items = leaves.map((l) => {
      const s = signed.get(l.code)!;
      expect(s.scorer).toBe(s.reviewer);
      return [l.code, s.scorer!];
    });
    expect(digest({ schema: 'scoreseal/content@1', unit: sample.unit, rubric: planRecord.fingerprint, items })).toBe(sample.contentDigest);

    const alpha = jcs({ schema: 'scoreseal/draw@2', unit: sample.unit, contentDigest: sample.contentDigest });
    expect(alpha).toBe(line('vrf-alpha'));
    const proof = Buffer.from(sample.proof, 'base64');
    expect(proof).toHaveLength(80);
    expect(proof.toString('base64')).toBe(sample.proof);
    const parts = assignments('vrf-proof');
    expect([parts.Gamma, parts.c, parts.s]).toEqual(
      [proof.subarray(0, 32), proof.subarray(32, 48), proof.subarray(48)].map((b) => b.toString('hex')),
    );

    const beta = ecvrfVerify(
      new Uint8Array(rawKey(keyOf(sample.person))),
      new Uint8Array(proof),
      new Uint8Array(Buffer.from(alpha, 'utf8')),
    );
    expect(beta).not.toBeNull();
    expect(Buffer.from(beta!).toString('hex')).toBe(line('vrf-beta'));
    expect(sample.seed).toBe(line('vrf-beta'));
    // another input, or another key, gives no output
    expect(
      ecvrfVerify(new Uint8Array(rawKey(keyOf(sample.person))), new Uint8Array(proof), new Uint8Array(Buffer.from(`${alpha} `, 'utf8'))),
    ).toBeNull();
    expect(ecvrfVerify(new Uint8Array(rawKey(keyOf('p01'))), new Uint8Array(proof), new Uint8Array(Buffer.from(alpha, 'utf8')))).toBeNull();

    const message = {
      schema: 'scoreseal/sample@2',
      person: sample.person,
      unit: sample.unit,
      contentDigest: sample.contentDigest,
      drawnAt: sample.drawnAt,
      proof: sample.proof,
    };
    expect(jcs(message)).toBe(line('sample-message'));
    expect(ed25519Verifies(keyOf(sample.person), message, sample.sig)).toBe(true);
  });

  it('§8.4: the draw from the seed is the sample, key by key', () => {
    const leaves = leavesOf(planRecord.rubric);
    expect(draw(sample.seed, leaves, planRecord.rubric.sampleRatio)).toEqual(sample.items);
    const rows = tableRows('draw-table');
    expect(rows.map((r) => [r[0], r[1]])).toEqual(leaves.map((l) => [l.code, l.group]));
    for (const [code, , key, drawn] of rows) {
      expect(key).toBe(`\`${sha256(`${sample.seed}:${code}`)}\``);
      expect(drawn!.startsWith('yes')).toBe(sample.items.includes(code!));
    }
    expect(block('draw-steps')).toContain(`sample, in rubric order: ${sample.items.join(', ')}`);
    expect(block('draw-steps')).toContain(`k = ceil(${planRecord.rubric.sampleRatio} × ${leaves.length}) = ${sample.items.length}`);
  });

  it('§9: the re-check names the signed item digest and verifies', () => {
    expect(recheck.item).toBe(itemObject.code);
    expect(recheck.digest).toBe(line('item-sha256'));
    expect(sample.items).toContain(recheck.item);
    const { sig, ...fields } = recheck;
    const message = { schema: 'scoreseal/recheck@2', ...fields };
    expect(jcs(message)).toBe(line('recheck-message'));
    expect(ed25519Verifies(keyOf(recheck.person!), message, sig!)).toBe(true);
  });

  it('§10: the canonical sheet digests to the seal digest; the code is its first 16 digits; the seal verifies', () => {
    expect(sheet.schema).toBe('scoreseal/sheet@2');
    expect([sheet.unit, sheet.person, sheet.sealedAt]).toEqual([seal.unit, seal.person, seal.sealedAt]);
    for (const row of sheet.table) {
      expect(row).toHaveLength(13);
      for (const cell of row) expect(cell).toMatch(/^(?:$|[nsfbe]:)/);
    }
    const sealHex = digest(sheet);
    expect(sealHex).toBe(seal.digest);
    const shown = assignments('seal-digest');
    expect(shown['seal digest']).toBe(sealHex);
    const h = sealHex.slice(0, 16).toUpperCase();
    const code = `${h.slice(0, 4)}-${h.slice(4, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}`;
    expect(code).toBe(seal.code);
    expect(shown['seal code']).toBe(code);
    const message = { schema: 'scoreseal/seal@2', person: seal.person, unit: seal.unit, sealedAt: seal.sealedAt, digest: seal.digest };
    expect(jcs(message)).toBe(line('seal-message'));
    expect(ed25519Verifies(keyOf(seal.person!), message, seal.sig!)).toBe(true);
    // one typed cell changed (the score of 1.1 typed as text instead of a number): another digest
    const asText = {
      ...sheet,
      table: sheet.table.map((r) => (r[0] === `s:${itemObject.code}` ? r.map((c) => c.replace(/^n:(?=4\.5$)/, 's:')) : r)),
    };
    expect(digest(asText)).not.toBe(sealHex);
    // the register quotes the seal code for the unit, and the prose names it
    const registered = block('register-csv')
      .split('\n')
      .map((l) => l.split(','));
    expect(registered[0]).toEqual(['单位编号', '密封码', '收件日期', '状态']);
    expect(registered.find((r) => r[0] === seal.unit)).toEqual([seal.unit, code, expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), '有效']);
    expect(DOC).toContain(`The code \`${code}\` is what the sheet shows as 密封码`);
  });
});
