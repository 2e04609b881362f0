/**
 * Node's native SHA-256 and Ed25519 for the command line (the core's pure-JS code gives the
 * same results; tests compare both). Plugged in once at start-up.
 */
import * as nodeCrypto from 'node:crypto';
import { createHash, createPublicKey, scrypt, verify, type KeyObject } from 'node:crypto';
import { useCryptoProvider } from '../core/crypto/provider';
import { cryptoThread } from './crypto-thread';

const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const keys = new Map<string, KeyObject>();

function keyOf(raw: Uint8Array): KeyObject {
  const id = Buffer.from(raw).toString('base64');
  let k = keys.get(id);
  if (!k) {
    k = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
    keys.set(id, k);
  }
  return k;
}

/**
 * One-shot hashing (`crypto.hash`, Node ≥ 20.12): about twice as fast as createHash for the
 * short texts of item digests; createHash where it is missing.
 */
const oneShot = (nodeCrypto as { hash?: (algorithm: string, data: string | Uint8Array, encoding: 'hex' | 'buffer') => string | Buffer })
  .hash;
const sha256TextHex = oneShot
  ? (text: string): string => oneShot('sha256', text, 'hex') as string
  : (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export function useNodeCrypto(): void {
  const thread = cryptoThread();
  useCryptoProvider({
    name: 'node:crypto',
    sha256: (data) => createHash('sha256').update(data).digest(),
    sha256TextHex,
    sha512: (data) => createHash('sha512').update(data).digest(),
    // OpenSSL's scrypt: about twice as fast as the pure-JS one (94 ms against 183 ms here)
    scrypt: (password, salt, { N, r, p, dkLen }) =>
      new Promise((resolve, reject) =>
        scrypt(password, salt, dkLen, { N, r, p, maxmem: 256 * N * r + 2 ** 20 }, (e, key) =>
          e ? reject(e) : resolve(new Uint8Array(key)),
        ),
      ),
    // the callback form runs on libuv's threadpool: a batch verifies on every core
    ed25519Verify: (publicKey, message, signature) =>
      new Promise((resolve) => verify(null, message, keyOf(publicKey), signature, (e, ok) => resolve(!e && ok))),
    // draws' proofs on the crypto thread, beside this one
    ...(thread ? { vrfVerify: thread.vrfVerify } : {}),
  });
}
