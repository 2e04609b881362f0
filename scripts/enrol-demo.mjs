// Fills examples/plan.json with the public keys of the DEMO passphrases (never use these for
// real work: they are published here). Passphrase of person <id>: "demo-passphrase-<id>".
// Run: node scripts/enrol-demo.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { scryptSync } from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';

export const demoPassphrase = (id) => `demo-passphrase-${id}`;
const file = new URL('../examples/plan.json', import.meta.url);
const plan = JSON.parse(readFileSync(file, 'utf8'));
for (const p of plan.people) {
  const seed = scryptSync(
    Buffer.from(demoPassphrase(p.id).normalize('NFC'), 'utf8'),
    Buffer.from(`scoreseal/key@1:${plan.title}:${p.id}`, 'utf8'),
    32,
    { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 2 ** 20 },
  );
  p.publicKey = `ed25519:${Buffer.from(ed25519.getPublicKey(seed)).toString('base64')}`;
}
writeFileSync(file, `${JSON.stringify(plan, null, 2)}\n`);
console.log(`${plan.people.length} demo keys written to examples/plan.json`);
