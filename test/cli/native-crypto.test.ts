/**
 * The command line's native crypto (node:crypto) gives what the pure-JS core gives: scrypt key
 * derivation (the registered demo key), one-shot SHA-256 of texts, SHA-512.
 */
import fc from 'fast-check';
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { useNodeCrypto } from '../../src/cli/native-crypto';
import { bytesToHex } from '@noble/hashes/utils.js';
import { deriveKeyPair, keySalt, SCRYPT } from '../../src/core/crypto/ed25519';
import { cryptoProvider, useCryptoProvider, type CryptoProvider } from '../../src/core/crypto/provider';
import { examplePlanJson } from '../support/memory';

let before: CryptoProvider;
beforeAll(() => {
  before = cryptoProvider();
  useNodeCrypto();
});
afterAll(() => useCryptoProvider(before));

it('scrypt: the native key is the pure-JS key and the one registered in examples/plan.json', async () => {
  const native = cryptoProvider().scrypt!;
  const pass = new TextEncoder().encode('demo-passphrase-p05');
  const salt = new TextEncoder().encode(keySalt('2026年度争先创优考核', 'p05'));
  expect(bytesToHex(await native(pass, salt, SCRYPT))).toBe(bytesToHex(await scryptAsync(pass, salt, SCRYPT)));
  const registered = (examplePlanJson() as { people: { id: string; publicKey: string }[] }).people.find((p) => p.id === 'p05')!.publicKey;
  expect((await deriveKeyPair('demo-passphrase-p05', '2026年度争先创优考核', 'p05')).publicKey).toBe(registered);
}, 30_000);

it('SHA-256 of texts and SHA-512 of bytes agree with @noble/hashes', () => {
  const p = cryptoProvider();
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.uint8Array({ maxLength: 300 }), (text, bytes) => {
      expect(p.sha256TextHex!(text)).toBe(bytesToHex(sha256(new TextEncoder().encode(text))));
      expect(bytesToHex(p.sha512!(bytes))).toBe(bytesToHex(sha512(bytes)));
    }),
    { numRuns: 300 },
  );
});
