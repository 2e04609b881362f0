/**
 * ECVRF-EDWARDS25519-SHA512-TAI (RFC 9381, suite 0x03): the known-answer vectors of RFC 9381
 * Appendix B.3, and the ways a proof, key or input must fail to verify.
 */
import fc from 'fast-check';
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { concatBytes } from '@noble/hashes/utils.js';
import { fromHex, toHex, utf8 } from '../../src/core/crypto/bytes';
import { vrfProofToHash, vrfProve, vrfVerify } from '../../src/core/crypto/vrf';

const hex = (s: string): Uint8Array => {
  const b = fromHex(s);
  if (!b) throw new Error(`bad hex ${s}`);
  return b;
};

/**
 * RFC 9381 Appendix B.3 (ECVRF-EDWARDS25519-SHA512-TAI), Examples 16, 17 and 18. SK and PK are
 * the RFC 8032 §7.1 test keys; alpha is given in hex. (Earlier drafts, before the public key
 * entered the challenge, had a different c and s for the same SK and alpha; these are the RFC's.)
 */
const VECTORS = [
  {
    name: 'Example 16 (alpha empty)',
    sk: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    pk: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    alpha: '',
    pi:
      '8657106690b5526245a92b003bb079ccd1a92130477671f6fc01ad16f26f723f' +
      '26f8a57ccaed74ee1b190bed1f479d97' +
      '27d2d0f9b005a6e456a35d4fb0daab1268a1b0db10836d9826a528ca76567805',
    beta:
      '90cf1df3b703cce59e2a35b925d411164068269d7b2d29f3301c03dd757876ff' +
      '66b71dda49d2de59d03450451af026798e8f81cd2e333de5cdf4f3e140fdd8ae',
  },
  {
    name: 'Example 17 (alpha = 72)',
    sk: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    pk: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    alpha: '72',
    pi:
      'f3141cd382dc42909d19ec5110469e4feae18300e94f304590abdced48aed593' +
      '3bf0864a62558b3ed7f2fea45c92a465' +
      '301b3bbf5e3e54ddf2d935be3b67926da3ef39226bbc355bdc9850112c8f4b02',
    beta:
      'eb4440665d3891d668e7e0fcaf587f1b4bd7fbfe99d0eb2211ccec90496310eb' +
      '5e33821bc613efb94db5e5b54c70a848a0bef4553a41befc57663b56373a5031',
  },
  {
    name: 'Example 18 (alpha = af82)',
    sk: 'c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7',
    pk: 'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025',
    alpha: 'af82',
    pi:
      '9bc0f79119cc5604bf02d23b4caede71393cedfbb191434dd016d30177ccbf80' +
      '96bb474e53895c362d8628ee9f9ea3c0' +
      'e52c7a5c691b6c18c9979866568add7a2d41b00b05081ed0f58ee5e31b3a970e',
    beta:
      '645427e5d00c62a23fb703732fa5d892940935942101e456ecca7bb217c61c45' +
      '2118fec1219202a0edcf038bb6373241578be7217ba85a2687f7a0310b2df19f',
  },
];

/** q = 2^252 + 27742317777372353535851937790883648493, the order of the base point (RFC 8032 §5.1). */
const Q = 2n ** 252n + 27742317777372353535851937790883648493n;

function le32(n: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number((n >> BigInt(8 * i)) & 0xffn);
  return out;
}

/** The encoding of the identity point (x = 0, y = 1): a public key of order 1. */
const IDENTITY = hex('01' + '00'.repeat(31));

/** RFC 9381 §5.4.1.1 try-and-increment, written out here only to build the forged proof below. */
function encodeToCurveTai(pk: Uint8Array, alpha: Uint8Array): Uint8Array {
  for (let ctr = 0; ctr < 256; ctr++) {
    const hash = sha512(concatBytes(Uint8Array.of(3, 1), pk, alpha, Uint8Array.of(ctr, 0)));
    try {
      const H = ed25519.Point.fromBytes(hash.subarray(0, 32)).clearCofactor();
      if (!H.is0()) return H.toBytes();
    } catch {
      // not a point: next ctr
    }
  }
  throw new Error('no point');
}

const ex16 = VECTORS[0]!;
const pk16 = hex(ex16.pk);
const pi16 = hex(ex16.pi);
const alpha16 = hex(ex16.alpha);

describe('ECVRF-EDWARDS25519-SHA512-TAI: RFC 9381 Appendix B.3', () => {
  it.each(VECTORS)('$name: prove gives pi, verify and proof_to_hash give beta', (v) => {
    const sk = hex(v.sk);
    const alpha = hex(v.alpha);
    expect(toHex(ed25519.getPublicKey(sk))).toBe(v.pk);
    expect(toHex(vrfProve(sk, alpha))).toBe(v.pi);
    expect(toHex(vrfVerify(hex(v.pk), hex(v.pi), alpha)!)).toBe(v.beta);
    expect(toHex(vrfProofToHash(hex(v.pi))!)).toBe(v.beta);
  });
});

describe('vrfProve', () => {
  it('is deterministic and verifies under the Ed25519 public key of the same secret', () => {
    const sk = ed25519.utils.randomSecretKey();
    const alpha = utf8('{"contentDigest":"ab12","schema":"scoreseal/draw@2","unit":"U1"}');
    const pi = vrfProve(sk, alpha);
    expect(pi).toHaveLength(80);
    expect(toHex(vrfProve(sk, alpha))).toBe(toHex(pi));
    const beta = vrfVerify(ed25519.getPublicKey(sk), pi, alpha);
    expect(beta).toHaveLength(64);
    expect(toHex(beta!)).toBe(toHex(vrfProofToHash(pi)!));
  });

  it('gives a different output for a different input', () => {
    const sk = hex(ex16.sk);
    expect(toHex(vrfProofToHash(vrfProve(sk, utf8('a')))!)).not.toBe(toHex(vrfProofToHash(vrfProve(sk, utf8('b')))!));
  });
});

describe('vrfVerify rejects', () => {
  it('a proof with any single bit flipped', () => {
    for (let bit = 0; bit < 80 * 8; bit++) {
      const bad = pi16.slice();
      bad[bit >> 3]! ^= 1 << (bit & 7);
      expect(vrfVerify(pk16, bad, alpha16)).toBeNull();
    }
  });

  it('another input', () => {
    expect(vrfVerify(pk16, pi16, hex('00'))).toBeNull();
    expect(vrfVerify(hex(VECTORS[1]!.pk), hex(VECTORS[1]!.pi), alpha16)).toBeNull();
  });

  it('another public key', () => {
    expect(vrfVerify(hex(VECTORS[1]!.pk), pi16, alpha16)).toBeNull();
  });

  it('wrong lengths', () => {
    expect(vrfVerify(pk16, pi16.subarray(0, 79), alpha16)).toBeNull();
    expect(vrfVerify(pk16, new Uint8Array([...pi16, 0]), alpha16)).toBeNull();
    expect(vrfVerify(pk16, new Uint8Array(0), alpha16)).toBeNull();
    expect(vrfVerify(pk16.subarray(0, 31), pi16, alpha16)).toBeNull();
    expect(vrfVerify(new Uint8Array([...pk16, 0]), pi16, alpha16)).toBeNull();
    expect(vrfProofToHash(pi16.subarray(0, 79))).toBeNull();
  });

  it('a non-canonical s (s + q encodes the same residue but s ≥ q)', () => {
    let s = 0n;
    for (let i = 31; i >= 0; i--) s = (s << 8n) | BigInt(pi16[48 + i]!);
    expect(s + Q < 2n ** 256n).toBe(true);
    const bad = pi16.slice();
    bad.set(le32(s + Q), 48);
    expect(vrfVerify(pk16, bad, alpha16)).toBeNull();
    expect(vrfProofToHash(bad)).toBeNull();
    const q = pi16.slice();
    q.set(le32(Q), 48);
    expect(vrfVerify(pk16, q, alpha16)).toBeNull();
  });

  it('a Gamma that is not a canonical point', () => {
    const yTooBig = pi16.slice();
    yTooBig.set(hex('ee' + 'ff'.repeat(30) + '7f'), 0); // y = p + 1
    expect(vrfVerify(pk16, yTooBig, alpha16)).toBeNull();
    expect(vrfProofToHash(yTooBig)).toBeNull();
    const negativeZero = pi16.slice();
    negativeZero.set(hex('01' + '00'.repeat(30) + '80'), 0); // x = 0 with the sign bit set
    expect(vrfProofToHash(negativeZero)).toBeNull();
  });

  it('small-order public keys (validate_key, RFC 9381 §5.4.5)', () => {
    const order2 = hex('ec' + 'ff'.repeat(30) + '7f'); // (0, -1)
    const order4 = hex('00'.repeat(32)); // (sqrt(-1), 0)
    for (const key of [IDENTITY, order2, order4]) expect(vrfVerify(key, pi16, alpha16)).toBeNull();
  });

  it('the proof anyone can forge for the identity key, which only validate_key stops', () => {
    // Y = Gamma = the identity and s = 0 make U = s·B − c·Y and V = s·H − c·Gamma the identity
    // for every c, so the c that verify recomputes is known in advance (RFC 9381 §5.3, §5.4.3)
    const H = encodeToCurveTai(IDENTITY, alpha16);
    const c = sha512(concatBytes(Uint8Array.of(3, 2), IDENTITY, H, IDENTITY, IDENTITY, IDENTITY, Uint8Array.of(0)));
    const forged = concatBytes(IDENTITY, c.subarray(0, 16), new Uint8Array(32));
    expect(vrfProofToHash(forged)).not.toBeNull(); // well-formed…
    expect(vrfVerify(IDENTITY, forged, alpha16)).toBeNull(); // …but refused
  });

  it('a non-canonical public key (y ≥ p)', () => {
    expect(vrfVerify(hex('ee' + 'ff'.repeat(30) + '7f'), pi16, alpha16)).toBeNull();
  });

  it('and never throws on random bytes', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 40 }),
        fc.uint8Array({ minLength: 0, maxLength: 96 }),
        fc.uint8Array({ maxLength: 16 }),
        (pk, proof, alpha) => {
          expect(vrfVerify(pk, proof, alpha)).toBeNull();
          expect(() => vrfProofToHash(proof)).not.toThrow();
        },
      ),
      { numRuns: 150 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ minLength: 80, maxLength: 80 }), (pk, proof) => {
        expect(vrfVerify(pk, proof, alpha16)).toBeNull();
      }),
      { numRuns: 150 },
    );
  });
});
