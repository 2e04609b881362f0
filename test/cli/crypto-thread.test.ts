/**
 * The command line's crypto thread (dist/read-worker.cjs as a second worker): a draw's proof
 * verified there gives what `vrfVerify` gives here — the output for a valid proof, null for
 * a forged one or a malformed key — and when the thread cannot run, the calling thread does the
 * work, with the same answers.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cryptoThread } from '../../src/cli/crypto-thread';
import { utf8 } from '../../src/core/crypto/bytes';
import { vrfProve, vrfVerify } from '../../src/core/crypto/vrf';
import { ed25519 } from '@noble/curves/ed25519.js';

const ROOT = join(__dirname, '../..');
const secret = new Uint8Array(32).fill(9);
const publicKey = ed25519.getPublicKey(secret);
const alpha = utf8('{"schema":"scoreseal/draw@1","unit":"u01"}');
const proof = vrfProve(secret, alpha);
const forged = Uint8Array.from(proof);
forged[40] = forged[40]! ^ 1;
const cases: [string, Uint8Array, Uint8Array][] = [
  ['valid', publicKey, proof],
  ['forged', publicKey, forged],
  ['short proof', publicKey, proof.subarray(0, 79)],
  ['malformed key', new Uint8Array(32).fill(0xff), proof],
];

describe('the crypto thread', () => {
  it('verifies draws as this thread does (the built worker)', async () => {
    const thread = cryptoThread(join(ROOT, 'dist/read-worker.cjs'));
    expect(thread).not.toBeNull();
    const there = await Promise.all(cases.map(([, pk, pi]) => thread!.vrfVerify(pk, pi, alpha)));
    const here = cases.map(([, pk, pi]) => vrfVerify(pk, pi, alpha));
    expect(there).toEqual(here);
    expect(here[0]).toHaveLength(64);
    expect(here.slice(1)).toEqual([null, null, null]);
  });

  it('a thread that cannot start: the calling thread verifies, with the same answers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scoreseal-crypto-'));
    const broken = join(dir, 'broken.cjs');
    writeFileSync(broken, "throw new Error('this worker cannot start');\n");
    const thread = cryptoThread(broken)!;
    const first = await Promise.all(cases.map(([, pk, pi]) => thread.vrfVerify(pk, pi, alpha)));
    const later = await thread.vrfVerify(publicKey, proof, alpha);
    expect(first).toEqual(cases.map(([, pk, pi]) => vrfVerify(pk, pi, alpha)));
    expect(later).toEqual(vrfVerify(publicKey, proof, alpha));
  });

  it('is not there without the worker bundle (in-process runs of the TypeScript sources)', () => {
    expect(cryptoThread(null)).toBeNull();
  });
});
