/**
 * What an insider holding a key can write by hand, without the workflow actions (which refuse
 * out-of-order steps): signature, sample, re-check, seal and unseal records signed with the real
 * demo keys, appended to an in-memory sheet, with the derived cells rewritten the way the tool
 * would write them. Also: verification with an envelope register, and a unit's compiled row.
 *
 * Nothing here decides what a verifier should say; the tests do.
 */
import { toBase64, toHex, utf8 } from '../../src/core/crypto/bytes';
import { jcs } from '../../src/core/crypto/digest';
import { signMessage, type KeyPair } from '../../src/core/crypto/ed25519';
import { vrfProofToHash, vrfProve } from '../../src/core/crypto/vrf';
import { compile, type UnitSummary } from '../../src/core/compile/compile';
import type { Plan } from '../../src/core/plan/plan';
import { expectedDraw } from '../../src/core/protocol/checked';
import { derivedStateOf, evaluateSheet, type SheetReport } from '../../src/core/rules/evaluate';
import type { Register } from '../../src/core/rules/register';
import { valuesOf } from '../../src/core/rules/signatures';
import { canonicalSheet, sealDigest } from '../../src/core/seal/canonical';
import { decodeLog, encodeLogRow } from '../../src/core/sheet/log';
import { parseSheet } from '../../src/core/sheet/parse';
import {
  contentDigest,
  drawInput,
  recheckMessage,
  sampleMessage,
  sealCode,
  sealMessage,
  signatureMessage,
  unsealMessage,
  type RecheckRecord,
  type RecheckResult,
  type SampleRecord,
  type SealRecord,
  type SignRole,
  type SignatureRecord,
  type UnsealRecord,
} from '../../src/core/signing/records';
import { derivedFooterBlocks, derivedTableBlocks } from '../../src/core/workflow/derived';
import { statusPatch } from '../../src/core/workflow/actions';
import { applyPatch, digestOfItem, raw, type MemSheet } from '../support/memory';

export type KeyOf = (id: string) => Promise<KeyPair>;

/** verify (or validate) with an optional envelope register */
export function check(s: MemSheet, plan: Plan, register?: Register | null, mode: 'validate' | 'verify' = 'verify'): Promise<SheetReport> {
  return evaluateSheet({
    raw: raw(s),
    logRows: s.log,
    trusted: plan,
    mode,
    engine: 'auto',
    ...(register !== undefined ? { register } : {}),
  });
}

export const errorCodes = (r: SheetReport): string[] =>
  [...new Set(r.findings.filter((f) => f.severity === 'error').map((f) => f.code))].sort();

/** A register with one row per (unit, code, status), header at row 1. */
export function registerOf(rows: readonly (readonly [string, string, 'valid' | 'unsealed'])[]): Register {
  return {
    source: 'register',
    envelopes: rows.map(([unit, code, status], i) => ({ unit, code, received: '2026-12-01', status, row: i + 2 })),
  };
}

/** The fields of a unit's compiled row that the Office acts on. */
export interface RowView {
  total: number | null;
  grade: string | null;
  adjusted: number;
  sealer: string | null;
  sealCode: string | null;
  status: UnitSummary['status'];
}

export function compiledRow(plan: Plan, report: SheetReport, register = true): RowView {
  const row = compile(plan, [{ file: `${report.unit}.xlsx`, report }], { register }).summary.find((r) => r.unit === report.unit);
  if (!row) throw new Error(`no compiled row for ${report.unit}`);
  return { total: row.total, grade: row.grade, adjusted: row.adjusted, sealer: row.sealer, sealCode: row.sealCode, status: row.status };
}

/** Index (0-based) of log rows of a kind. */
export function rowsOfKind(s: MemSheet, kind: string): number[] {
  return (s.log ?? []).flatMap((r, i) => (r[0] === kind ? [i] : []));
}

/** The report of the sheet as it stands (validate mode), failing when unreadable. */
async function reportOf(s: MemSheet, plan: Plan): Promise<SheetReport & { ctx: NonNullable<SheetReport['ctx']> }> {
  const r = await check(s, plan, undefined, 'validate');
  if (!r.ctx) throw new Error(`sheet unreadable: ${r.findings.map((f) => f.code).join(' ')}`);
  return r as SheetReport & { ctx: NonNullable<SheetReport['ctx']> };
}

/** Appends a signature record over the items' current content, signed with the person's key (no order checks). */
export async function forgeSignature(
  s: MemSheet,
  plan: Plan,
  keys: KeyOf,
  role: SignRole,
  person: string,
  items: readonly string[],
  signedAt: string,
): Promise<SignatureRecord> {
  const r = await reportOf(s, plan);
  const chosen = items.map((code) => {
    const it = r.items.find((i) => i.content.node.code === code);
    if (!it) throw new Error(`no item ${code}`);
    return it;
  });
  const unsigned = { role, person, unit: r.unit, items: [...items], digests: chosen.map((i) => digestOfItem(i)), signedAt };
  const rec: SignatureRecord = {
    ...unsigned,
    values: chosen.map((i) => valuesOf(r.ctx, i.content)),
    sig: signMessage((await keys(person)).secret, signatureMessage(unsigned)),
  };
  s.log!.push(encodeLogRow('signature', rec));
  return rec;
}

/** The content digest of the sheet as it stands. */
export async function currentContentDigest(s: MemSheet, plan: Plan): Promise<string> {
  const r = await reportOf(s, plan);
  const byCode = new Map(r.items.map((i) => [i.content.node.code, digestOfItem(i)]));
  return contentDigest(
    r.unit,
    r.ctx.rubric.fingerprint,
    r.ctx.rubric.leaves.map((n) => [n.code, byCode.get(n.code) ?? ''] as const),
  );
}

/** A correct VRF draw by `person` over `contentDigestHex` (or the sheet's current content). */
export async function forgeSample(
  s: MemSheet,
  plan: Plan,
  keys: KeyOf,
  person: string,
  drawnAt: string,
  opts: { contentDigest?: string; alphaUnit?: string; edit?: (r: SampleRecord) => SampleRecord; append?: boolean } = {},
): Promise<SampleRecord> {
  const r = await reportOf(s, plan);
  const cd = opts.contentDigest ?? (await currentContentDigest(s, plan));
  const key = await keys(person);
  const pi = vrfProve(key.secret, utf8(jcs(drawInput(opts.alphaUnit ?? r.unit, cd))));
  const seed = toHex(vrfProofToHash(pi)!);
  const items = expectedDraw({ plan, unitId: r.unit, rubric: r.ctx.rubric }, seed);
  const msg = { person, unit: r.unit, contentDigest: cd, drawnAt, proof: toBase64(pi) };
  let rec: SampleRecord = { ...msg, seed, items, sig: signMessage(key.secret, sampleMessage(msg)) };
  if (opts.edit) {
    rec = opts.edit(rec);
    rec = { ...rec, sig: signMessage(key.secret, sampleMessage(rec)) };
  }
  if (opts.append !== false) s.log!.push(encodeLogRow('sample', rec));
  return rec;
}

/** A re-check record over the item's current digest (no order checks). */
export async function forgeRecheck(
  s: MemSheet,
  plan: Plan,
  keys: KeyOf,
  person: string,
  item: string,
  result: RecheckResult,
  score: string,
  checkedAt: string,
  note = result === 'adjusted' ? '复核调整' : '复核无误',
): Promise<RecheckRecord> {
  const r = await reportOf(s, plan);
  const it = r.items.find((i) => i.content.node.code === item);
  if (!it) throw new Error(`no item ${item}`);
  const unsigned = {
    person,
    unit: r.unit,
    item,
    digest: digestOfItem(it),
    result,
    score: result === 'adjusted' ? score : '',
    note,
    checkedAt,
  };
  const rec: RecheckRecord = { ...unsigned, sig: signMessage((await keys(person)).secret, recheckMessage(unsigned)) };
  s.log!.push(encodeLogRow('recheck', rec));
  return rec;
}

/**
 * A seal over the sheet and log as they stand, made by hand (sealAction would refuse an
 * out-of-order sheet): the digest of the canonical sheet, the code, the signature, and the footer
 * lines (监审人, 密封状态, 密封码) written exactly as the tool writes them.
 */
export async function forgeSeal(s: MemSheet, plan: Plan, keys: KeyOf, person: string, sealedAt: string): Promise<SealRecord> {
  const r = await reportOf(s, plan);
  const parsed = parseSheet(raw(s));
  if (!parsed.ok) throw new Error('unparseable sheet');
  const entries = decodeLog(s.log!).filter((e) => e.unit === r.unit);
  const digest = sealDigest(canonicalSheet(parsed.sheet, r.unit, entries), person, sealedAt);
  const unsigned = { person, unit: r.unit, sealedAt, digest };
  const rec: SealRecord = { ...unsigned, code: sealCode(digest), sig: signMessage((await keys(person)).secret, sealMessage(unsigned)) };
  applyPatch(s, {
    sheetName: s.name,
    writes: derivedFooterBlocks(r.ctx, { ...derivedStateOf(r), seal: rec, unsealed: null }),
    appendLog: [encodeLogRow('seal', rec)],
  });
  return rec;
}

/** An unseal record by hand. */
export async function forgeUnseal(
  s: MemSheet,
  keys: KeyOf,
  person: string,
  unit: string,
  reason: string,
  unsealedAt: string,
): Promise<UnsealRecord> {
  const unsigned = { person, unit, reason, unsealedAt };
  const rec: UnsealRecord = { ...unsigned, sig: signMessage((await keys(person)).secret, unsealMessage(unsigned)) };
  s.log!.push(encodeLogRow('unseal', rec));
  return rec;
}

/** Rewrites every derived cell from the log as the pane's 核查 would (a no-op on a sealed sheet). */
export async function rewriteDerived(s: MemSheet, plan: Plan): Promise<boolean> {
  const r = await check(s, plan, undefined, 'validate');
  const p = r.ctx ? statusPatch(r) : null;
  if (!p) return false;
  applyPatch(s, p);
  return true;
}

/**
 * Rewrites every derived cell — table and footer, whatever the stage — to what the log as it
 * stands says (the attacker's tidy-up after editing the log; the tool itself leaves a sealed
 * table alone). Returns false when the sheet cannot be read.
 */
export async function rewriteAllDerived(s: MemSheet, plan: Plan): Promise<boolean> {
  const r = await check(s, plan, undefined, 'validate');
  if (!r.ctx) return false;
  const state = derivedStateOf(r);
  applyPatch(s, { sheetName: s.name, writes: [...derivedTableBlocks(r.ctx, state), ...derivedFooterBlocks(r.ctx, state)], appendLog: [] });
  return true;
}

/** Minutes after a base instant, as a record time. */
export const at = (minutes: number, base = Date.parse('2026-11-30T08:00:00.000Z')): string =>
  new Date(base + minutes * 60_000).toISOString();
