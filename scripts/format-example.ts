/**
 * The worked example of docs/format.md, taken from the demo's sealed sheet of 城关镇 (u01):
 * `npm run demo` first (it is deterministic: a fixed clock gives the same bytes every run), then
 *
 *     node scripts/run-ts.mjs scripts/format-example.ts            # print the fragments
 *     node scripts/run-ts.mjs scripts/format-example.ts --check    # does docs/format.md quote them? (exit 1 if not)
 *     node scripts/run-ts.mjs scripts/format-example.ts --write    # put them into docs/format.md
 *
 * (`--demo <dir>` reads another copy of the demo's output than out/demo.)
 *
 * Each fragment stands in the doc between `<!-- example:NAME -->` and `<!-- /example -->`. The
 * values are read with the project's own reader (readWorkbook, decodeLog, parseSheet) and computed
 * with its own functions; every one is checked against what the files hold before it is printed
 * (the digests the records carry, the signatures, the VRF output, the draw, the seal code), so the
 * doc never quotes a value the code would not produce. test/docs/format-example.test.ts then checks
 * the doc's values again with an independent implementation, from the doc alone.
 */
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fromBase64, toHex } from '../src/core/crypto/bytes';
import { digest, jcs, sha256TextHex } from '../src/core/crypto/digest';
import { deriveKeyPair, keySalt, publicKeyBytes, SCRYPT, verifyPure } from '../src/core/crypto/ed25519';
import { vrfVerify } from '../src/core/crypto/vrf';
import { loadPlan } from '../src/core/plan/plan';
import { cstText } from '../src/core/protocol/time';
import { drawSample, sampleSize } from '../src/core/sampling/draw';
import { canonicalSheet, sealDigest } from '../src/core/seal/canonical';
import { addr, typedCell, type CellValue } from '../src/core/sheet/cells';
import { COLUMN_KEYS, COLUMN_TITLES } from '../src/core/sheet/layout';
import { decodeLog, type LogEntry } from '../src/core/sheet/log';
import { parseSheet, type ParsedSheet } from '../src/core/sheet/parse';
import {
  contentDigest,
  drawInput,
  itemDigest,
  recheckMessage,
  sampleMessage,
  sealCode,
  sealMessage,
  signatureMessage,
  type RecheckRecord,
  type SampleRecord,
  type SealRecord,
  type SignatureRecord,
} from '../src/core/signing/records';
import { readWorkbook } from '../src/xlsx/read';

/** the demo's output directory (`--demo <dir>` to read another run of it) */
const DEMO = ((): string => {
  const i = process.argv.indexOf('--demo');
  return i >= 0 ? (process.argv[i + 1] ?? 'out/demo') : 'out/demo';
})();
const DOC = 'docs/format.md';
const UNIT = 'u01';
/** the item followed through the example: signed by 张伟 (p01) and 刘芳 (p02), sampled, adjusted */
const ITEM = '1.1';
const SCORER = 'p01';
const UNITS = ['u01', 'u02', 'u03', 'u04', 'u05', 'd01', 'd02', 'd03'];

function fail(message: string): never {
  throw new Error(`format-example: ${message}`);
}

function must(ok: boolean, what: string): void {
  if (!ok) fail(`${what} does not hold for the demo's files (run npm run demo first?)`);
}

const fence = (lang: string, body: string): string => `\`\`\`${lang}\n${body}\n\`\`\``;
/** JSON with arrays of objects or arrays one element a line (readable, and still JSON). */
function listed(key: string, items: readonly unknown[], indent: string): string {
  return `${indent}${JSON.stringify(key)}: [\n${items.map((i) => `${indent}  ${JSON.stringify(i)}`).join(',\n')}\n${indent}]`;
}
/** Markdown table cell: pipes escaped, empty shown as a blank. */
const md = (s: string): string => s.replace(/\|/g, '\\|');

interface Demo {
  planJson: {
    title: string;
    people: { id: string; publicKey?: string }[];
    rubrics: unknown[];
  };
  sheet: ParsedSheet;
  log: LogEntry[];
}

async function readDemo(unit: string): Promise<Demo> {
  const planJson = JSON.parse(await readFile(join(DEMO, 'plan.json'), 'utf8')) as Demo['planJson'];
  const wb = await readWorkbook(join(DEMO, 'sheets', `${unit}.xlsx`));
  const raw = wb.raw.sheets[0] ?? fail(`${unit}.xlsx has no score sheet`);
  const parsed = parseSheet(raw);
  if (!parsed.ok) fail(`${unit}.xlsx: the score sheet cannot be read`);
  const log = decodeLog(wb.raw.log ?? fail(`${unit}.xlsx has no _scoreseal sheet`)).filter((e) => e.unit === unit);
  return { planJson, sheet: parsed.sheet, log };
}

const showCell = (v: CellValue): string => (v === null ? '(empty)' : JSON.stringify(v));

async function fragments(): Promise<Map<string, string>> {
  const { planJson, sheet, log } = await readDemo(UNIT);
  const loaded = loadPlan(planJson);
  if (!loaded.ok) fail('out/demo/plan.json is not a valid plan');
  const plan = loaded.plan;
  const unit = plan.units.get(UNIT) ?? fail(`no unit ${UNIT}`);
  const rubric = plan.rubrics.get(unit.rubric)!;
  const keyOf = (id: string): string => plan.people.get(id)?.publicKey ?? fail(`no key for ${id}`);
  const out = new Map<string, string>();

  // ---- the plan: title and the keys used below
  const shownPeople = ['p01', 'p02', 'o01'].map((id) => planJson.people.find((p) => p.id === id) ?? fail(`no person ${id}`));
  out.set('plan-people', fence('json', `{\n  "title": ${JSON.stringify(planJson.title)},\n${listed('people', shownPeople, '  ')}\n}`));

  // ---- key derivation (demo passphrases are public: demo-passphrase-<id>)
  const passphrase = `demo-passphrase-${SCORER}`;
  const pair = await deriveKeyPair(passphrase, planJson.title, SCORER);
  must(pair.publicKey === keyOf(SCORER), `the key derived from ${passphrase} is the plan's key of ${SCORER}`);
  out.set(
    'key-derivation',
    fence(
      'json',
      JSON.stringify(
        {
          person: SCORER,
          passphrase,
          salt: keySalt(planJson.title, SCORER),
          scrypt: { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p, dkLen: SCRYPT.dkLen },
          publicKey: pair.publicKey,
        },
        null,
        2,
      ),
    ),
  );

  // ---- the score sheet as it stands (top, the followed item's row, footer)
  const cells = sheet.raw.cells;
  const itemRow = sheet.rows.find((r) => r.code === ITEM) ?? fail(`no row for ${ITEM}`);
  const lastRow = cells.length;
  const rowsShown = [
    1,
    2,
    3,
    4,
    sheet.headerRow,
    sheet.headerRow + 1,
    itemRow.row,
    0,
    ...Array.from({ length: lastRow - sheet.lastTableRow }, (_, i) => sheet.lastTableRow + 1 + i),
  ];
  const layoutLines = ['| row | cells (as read: text, number, formula) |', '| --- | --- |'];
  for (const r of rowsShown) {
    if (r === 0) {
      layoutLines.push('| … | (one row per rubric node, in rubric order) |');
      continue;
    }
    const line = cells[r - 1] ?? [];
    const text = (v: CellValue): string => {
      if (typeof v === 'string') return md(v.length > 24 ? `${v.slice(0, 23)}…` : v);
      return typeof v === 'object' ? `\`${JSON.stringify(v)}\`` : String(v);
    };
    const shown = line.map((v, c) => (v === null || v === '' ? null : `${addr(r, c)} ${text(v)}`)).filter((s): s is string => s !== null);
    layoutLines.push(`| ${r} | ${shown.join(' · ') || '(blank)'} |`);
  }
  out.set('sheet-layout', layoutLines.join('\n'));

  // ---- the log, row by row
  const logLines = ['| row | A: kind | B: the record, in short | time (UTC) |', '| --- | --- | --- | --- |'];
  for (const e of log) {
    const r = e.record ?? fail(`row ${e.row} is not JSON`);
    const who = typeof r.person === 'string' ? `${r.person} (${plan.people.get(r.person)?.name ?? '?'})` : '';
    const items = (r.items as string[] | undefined) ?? [];
    const what: Record<string, () => string> = {
      plan: () =>
        `\`${String(r.schema)}\`: rubric \`${(r.rubric as { id: string }).id}\`, ${(r.people as unknown[]).length} people (${e.text.length} characters)`,
      signature: () => `${String(r.role)} ${who}: ${items.join(' ')} (${items.length} items)`,
      sample: () => `${who}: ${items.join(' ')}`,
      recheck: () => `${who}: ${String(r.item)} ${String(r.result)}${r.result === 'adjusted' ? ` → ${String(r.score)}` : ''}`,
      seal: () => `${who}: ${String(r.code)}`,
      unseal: () => `${who}: ${String(r.reason)}`,
    };
    const time = [r.signedAt, r.drawnAt, r.checkedAt, r.sealedAt, r.unsealedAt].find((x): x is string => typeof x === 'string');
    logLines.push(`| ${e.row} | \`${e.kind}\` | ${md((what[e.kind] ?? (() => ''))())} | ${time ? time.slice(11, 23) : ''} |`);
  }
  out.set('log-rows', logLines.join('\n'));

  // ---- the signature record that covers the item
  const sigEntry =
    log.find((e) => e.kind === 'signature' && e.record?.person === SCORER && (e.record.items as string[]).includes(ITEM)) ??
    fail('no signature record');
  const sigRec = sigEntry.record as unknown as SignatureRecord;
  out.set(
    'signature-record',
    `\`_scoreseal\` row ${sigEntry.row}: A${sigEntry.row} = \`${sigEntry.kind}\`, B${sigEntry.row} holds the JSON text (${sigEntry.text.length} characters, one piece):\n\n${fence('text', sigEntry.text)}`,
  );
  const valueLines = [
    '| 编号 item | 分值 max | 得分 score | 完成情况 completion | 得分/扣分依据 basis | 核实方式 verifiedBy | item digest |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  sigRec.items.forEach((code, i) => {
    const v = sigRec.values[i]!;
    const d = itemDigest(UNIT, rubric.fingerprint, code, v);
    must(d === sigRec.digests[i], `the stored values of ${code} reproduce its digest`);
    const q = (s: string): string => (s === '' ? '`""`' : `\`${md(s)}\``);
    valueLines.push(
      `| ${code} | ${q(v.max)} | ${q(v.score)} | ${md(v.completion)} | ${md(v.basis)} | ${md(v.verifiedBy)} | \`${d.slice(0, 12)}…\` |`,
    );
  });
  out.set('signature-values', valueLines.join('\n'));

  // ---- the item digest, step by step
  const idx = sigRec.items.indexOf(ITEM);
  const values = sigRec.values[idx]!;
  const itemObject = { schema: 'scoreseal/item@1', unit: UNIT, rubric: rubric.fingerprint, code: ITEM, ...values };
  const itemJcs = jcs(itemObject);
  const itemHex = sha256TextHex(itemJcs);
  must(itemHex === sigRec.digests[idx] && itemHex === digest(itemObject), `the item digest of ${ITEM}`);
  out.set('item-object', fence('json', JSON.stringify(itemObject, null, 2)));
  out.set('item-jcs', fence('text', itemJcs));
  out.set('item-sha256', fence('text', itemHex));

  // ---- the item's row, typed as the seal takes it
  const rowLines = ['| column | cell | as read | typed canonical cell |', '| --- | --- | --- | --- |'];
  for (const k of COLUMN_KEYS) {
    const v = itemRow.cells[k];
    const cut = (s: string): string => (s.length > 26 ? `${s.slice(0, 25)}…` : s);
    rowLines.push(
      `| ${COLUMN_TITLES['zh-CN'][k]} | ${addr(itemRow.row, sheet.columns[k])} | ${md(cut(showCell(v)))} | \`${md(cut(typedCell(v))) || '""'}\` |`,
    );
  }
  out.set('item-row', rowLines.join('\n'));

  // ---- the signed message and its verification
  const sigMessage = signatureMessage(sigRec);
  must(verifyPure({ publicKey: keyOf(SCORER), message: sigMessage, sig: sigRec.sig }), 'the signature verifies');
  out.set('signature-message', fence('text', jcs(sigMessage)));

  // ---- the sample: VRF input, proof, output, seed, the draw
  const sampleEntry = log.find((e) => e.kind === 'sample') ?? fail('no sample record');
  const sample = sampleEntry.record as unknown as SampleRecord;
  out.set('sample-record', `\`_scoreseal\` row ${sampleEntry.row} (kind \`${sampleEntry.kind}\`):\n\n${fence('text', sampleEntry.text)}`);
  must(verifyPure({ publicKey: keyOf(sample.person), message: sampleMessage(sample), sig: sample.sig }), 'the sample signature verifies');
  out.set('sample-message', fence('text', jcs(sampleMessage(sample))));
  // the content digest the sample was drawn over: every leaf's item digest, as both appraisers signed it
  const signed = new Map<string, string>();
  for (const e of log)
    if (e.kind === 'signature' && e.record)
      (e.record.items as string[]).forEach((c, i) => signed.set(c, (e.record!.digests as string[])[i]!));
  const content = contentDigest(
    UNIT,
    rubric.fingerprint,
    rubric.leaves.map((n) => [n.code, signed.get(n.code) ?? fail(`${n.code} unsigned`)] as const),
  );
  must(content === sample.contentDigest, 'the content digest');
  const alpha = jcs(drawInput(UNIT, sample.contentDigest));
  out.set('vrf-alpha', fence('text', alpha));
  const proof = fromBase64(sample.proof) ?? fail('proof is not base64');
  out.set(
    'vrf-proof',
    fence(
      'text',
      [
        `Gamma = ${toHex(proof.subarray(0, 32))}`,
        `c     = ${toHex(proof.subarray(32, 48))}`,
        `s     = ${toHex(proof.subarray(48, 80))}`,
      ].join('\n'),
    ),
  );
  const beta =
    vrfVerify(publicKeyBytes(keyOf(sample.person))!, proof, new TextEncoder().encode(alpha)) ?? fail('the VRF proof does not verify');
  must(toHex(beta) === sample.seed, 'seed = hex(beta)');
  out.set('vrf-beta', fence('text', toHex(beta)));

  const leaves = rubric.leaves.map((n) => ({ code: n.code, group: n.group }));
  const drawn = drawSample(sample.seed, leaves, rubric.data.sampleRatio);
  must(drawn.join() === sample.items.join(), 'the draw from the seed is the sample');
  const k = sampleSize(leaves.length, rubric.data.sampleRatio);
  const keyed = leaves.map((l) => ({ ...l, key: sha256TextHex(`${sample.seed}:${l.code}`) }));
  const byKey = (a: { key: string; code: string }, b: { key: string; code: string }): number =>
    a.key < b.key ? -1 : a.key > b.key ? 1 : a.code < b.code ? -1 : 1;
  const groups = [...new Set(leaves.map((l) => l.group))];
  const reps = new Map(groups.map((g) => [g, keyed.filter((l) => l.group === g).sort(byKey)[0]!.code]));
  const drawLines = ['| 编号 | group | key = SHA-256(seed + ":" + 编号) | drawn |', '| --- | --- | --- | --- |'];
  for (const l of keyed) {
    const how = [...reps.values()].includes(l.code)
      ? `yes (${l.group}'s smallest key)`
      : drawn.includes(l.code)
        ? 'yes (among the smallest of the rest)'
        : '';
    drawLines.push(`| ${l.code} | ${l.group} | \`${l.key}\` | ${how} |`);
  }
  out.set('draw-table', drawLines.join('\n'));
  const rest = keyed.filter((l) => ![...reps.values()].includes(l.code)).sort(byKey);
  out.set(
    'draw-steps',
    fence(
      'text',
      [
        `L = ${leaves.length} leaves (veto items included), sampleRatio = ${rubric.data.sampleRatio}`,
        `k = ceil(${rubric.data.sampleRatio} × ${leaves.length}) = ${k}`,
        `G = ${groups.length} groups: ${groups.join(', ')}`,
        `representatives (each group's smallest key): ${groups.map((g) => `${g} → ${reps.get(g)}`).join(', ')}`,
        `k − G = ${k - groups.length} more: the smallest keys among the rest → ${rest
          .slice(0, k - groups.length)
          .map((l) => l.code)
          .join(', ')}`,
        `sample, in rubric order: ${drawn.join(', ')}`,
      ].join('\n'),
    ),
  );

  // ---- the re-check of the item
  const recheckEntry = log.find((e) => e.kind === 'recheck' && e.record?.item === ITEM) ?? fail(`no re-check of ${ITEM}`);
  const recheck = recheckEntry.record as unknown as RecheckRecord;
  must(recheck.digest === sigRec.digests[idx], 'the re-check names the signed item digest');
  must(
    verifyPure({ publicKey: keyOf(recheck.person), message: recheckMessage(recheck), sig: recheck.sig }),
    'the re-check signature verifies',
  );
  out.set(
    'recheck-record',
    `\`_scoreseal\` row ${recheckEntry.row} (kind \`${recheckEntry.kind}\`):\n\n${fence('text', recheckEntry.text)}`,
  );
  out.set('recheck-message', fence('text', jcs(recheckMessage(recheck))));

  // ---- the seal: canonical sheet, digest, code
  const sealIndex = log.findIndex((e) => e.kind === 'seal');
  const sealEntry = log[sealIndex] ?? fail('no seal record');
  const seal = sealEntry.record as unknown as SealRecord;
  const canonical = canonicalSheet(sheet, UNIT, log.slice(0, sealIndex));
  const sealHex = sealDigest(canonical, seal.person, seal.sealedAt);
  must(sealHex === seal.digest, 'the seal digest of the sheet as it stands');
  must(sealCode(sealHex) === seal.code, 'the seal code');
  must(verifyPure({ publicKey: keyOf(seal.person), message: sealMessage(seal), sig: seal.sig }), 'the seal signature verifies');
  out.set('seal-record', `\`_scoreseal\` row ${sealEntry.row} (kind \`${sealEntry.kind}\`):\n\n${fence('text', sealEntry.text)}`);
  out.set('seal-message', fence('text', jcs(sealMessage(seal))));
  out.set(
    'seal-digest',
    fence('text', [`seal digest = ${sealHex}`, `first 16    = ${sealHex.slice(0, 16)}`, `seal code   = ${seal.code}`].join('\n')),
  );
  const sheetText = [
    '{',
    `  "schema": ${JSON.stringify(canonical.schema)},`,
    `  "unit": ${JSON.stringify(canonical.unit)},`,
    `  "fields": ${JSON.stringify(canonical.fields)},`,
    `${listed('table', canonical.table, '  ')},`,
    `${listed('log', canonical.log, '  ')},`,
    `  "person": ${JSON.stringify(seal.person)},`,
    `  "sealedAt": ${JSON.stringify(seal.sealedAt)}`,
    '}',
  ].join('\n');
  must(digest(JSON.parse(sheetText)) === sealHex, 'the printed canonical sheet gives the seal digest');
  out.set('canonical-sheet', fence('text', sheetText));

  // ---- an envelope register with the demo's eight seal codes
  const registerLines = ['单位编号,密封码,收件日期,状态'];
  for (const u of UNITS) {
    const d = u === UNIT ? { log } : await readDemo(u);
    const s = d.log.filter((e) => e.kind === 'seal').at(-1)?.record as unknown as SealRecord | undefined;
    if (!s) fail(`${u} is not sealed`);
    registerLines.push(`${u},${s.code},${cstText(s.sealedAt).slice(0, 10)},有效`);
  }
  out.set('register-csv', fence('csv', registerLines.join('\n')));
  return out;
}

const MARK = /<!-- example:([\w-]+) -->\n([\s\S]*?)\n?<!-- \/example -->/g;

/** The doc as the project's Prettier writes it (markdown is kept Prettier-clean: tables padded, code blocks formatted). */
function prettier(text: string): string {
  return execFileSync(process.execPath, [join('node_modules', 'prettier', 'bin', 'prettier.cjs'), '--stdin-filepath', DOC], {
    input: text,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** Each fragment's text as it stands in a doc. */
function quoted(doc: string): Map<string, string> {
  return new Map([...doc.matchAll(MARK)].map((m) => [m[1]!, m[2]!.trim()]));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2).filter((a, i, all) => a !== '--demo' && all[i - 1] !== '--demo');
  const mode = args[0] ?? '';
  if (args.length > 1 || (mode && mode !== '--check' && mode !== '--write'))
    fail(`usage: format-example.ts [--check | --write] [--demo <dir>] (not ${args.join(' ')})`);
  const frags = await fragments();
  if (!mode) {
    for (const [name, body] of frags) process.stdout.write(`<!-- example:${name} -->\n${body}\n<!-- /example -->\n\n`);
    return;
  }
  const doc = await readFile(DOC, 'utf8');
  const unknown = [...quoted(doc).keys()].filter((n) => !frags.has(n));
  const missing = [...frags.keys()].filter((n) => !quoted(doc).has(n));
  const next = prettier(
    doc.replace(MARK, (whole, name: string) =>
      frags.has(name) ? `<!-- example:${name} -->\n${frags.get(name)!}\n<!-- /example -->` : whole,
    ),
  );
  const before = quoted(doc);
  const changed = [...quoted(next)].filter(([name, body]) => before.get(name) !== body).map(([name]) => name);
  const notes = [...unknown.map((n) => `${n}: not an example this script makes`), ...missing.map((n) => `${n}: not in the doc`)];
  if (mode === '--write') {
    if (next !== doc) await writeFile(DOC, next);
    process.stdout.write(`${DOC}: ${changed.length} fragment(s) updated${notes.length ? `\n  ${notes.join('\n  ')}` : ''}\n`);
    return;
  }
  const stale = [...changed.map((n) => `${n}: differs from the demo's files`), ...notes];
  if (next !== doc && !stale.length)
    stale.push('the text around the examples is not as Prettier writes it (npx prettier --write docs/format.md)');
  if (stale.length) {
    process.stderr.write(`${DOC} does not quote the demo's files:\n  ${stale.join('\n  ')}\n(run with --write to update)\n`);
    process.exitCode = 1;
  } else process.stdout.write(`${DOC}: all ${frags.size} examples match ${DEMO}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
