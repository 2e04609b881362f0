/**
 * Every test file starts with OpenSSL's scrypt as the key derivation (the command line's own,
 * see src/cli/native-crypto.ts), and nothing else native: SHA-256, SHA-512 and Ed25519 stay the
 * pure-JS code the task pane runs. Key derivation is the slowest step of most flows (183 ms a
 * key in pure JS); test/cli/native-crypto.test.ts checks both give the same keys.
 */
import { scrypt } from 'node:crypto';
import { useCryptoProvider } from '../../src/core/crypto/provider';

useCryptoProvider({
  name: 'pure-js (native scrypt)',
  scrypt: (password, salt, { N, r, p, dkLen }) =>
    new Promise((resolve, reject) =>
      scrypt(password, salt, dkLen, { N, r, p, maxmem: 256 * N * r + 2 ** 20 }, (e, key) => (e ? reject(e) : resolve(new Uint8Array(key)))),
    ),
});
