/**
 * Node's native SHA-256 and Ed25519 for the command line (the core's pure-JS code gives the
 * same results; tests compare both). Plugged in once at start-up.
 */
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { useCryptoProvider } from '../core/crypto/provider';

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

export function useNodeCrypto(): void {
  useCryptoProvider({
    name: 'node:crypto',
    sha256: (data) => createHash('sha256').update(data).digest(),
    sha256TextHex: (text) => createHash('sha256').update(text, 'utf8').digest('hex'),
    sha512: (data) => createHash('sha512').update(data).digest(),
    ed25519Verify: (publicKey, message, signature) => verify(null, message, keyOf(publicKey), signature),
  });
}
