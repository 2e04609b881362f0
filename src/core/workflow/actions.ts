/**
 * The steps that change a sheet — sign, sample, re-check, seal, unseal — as pure functions:
 * given the sheet's report (from `evaluateSheet`) and who acts, either a refusal with reasons
 * (SPEC §5: exit 1, workbook unchanged) or the patch that records the step.
 */
import { fromBase64 } from '../crypto/bytes';
import { sha256Hex } from '../crypto/digest';
import type { KeyPair } from '../crypto/ed25519';
import { formatDecimal, parseDecimal, unitsOf } from '../decimal';
import { t, type MessageId, type Params } from '../i18n/catalog';
import { maxText, mayAppraise } from '../plan/plan';
import type { Person } from '../plan/schema';
import { displayName, itemStatus, type ItemEval, type SheetReport, type SignatureState } from '../rules/evaluate';
import type { SheetContext } from '../rules/context';
import { drawSample } from '../sampling/draw';
import { canonicalSheet, sealDigest, sheetDigest } from '../seal/canonical';
import { encodeLogRow } from '../sheet/log';
import type { SheetPatch } from '../sheet/patch';
import {
  nowIso,
  recheckMessage,
  sampleMessage,
  sealCode,
  sealMessage,
  sigOf,
  signatureMessage,
  unsealMessage,
  type RecheckRecord,
  type RecheckResult,
  type SampleRecord,
  type SealRecord,
  type SignRole,
  type SignatureRecord,
  type UnsealRecord,
} from '../signing/records';
import { canonText } from '../text';
import { derivedFooterBlocks, derivedTableBlocks, lockRanges, stateOf, type DerivedState } from './derived';

export type ActionResult<T> = { ok: true; patch: SheetPatch; result: T } | { ok: false; reasons: string[] };

export interface Actor {
  /** person id */
  readonly person: string;
  /** the person's key pair (key plans); null in name-only plans */
  readonly key: KeyPair | null;
  readonly now?: Date;
}

class Refusals {
  readonly reasons: string[] = [];
  constructor(private readonly ctx: SheetContext) {}
  add(id: MessageId, params: Params = {}): void {
    this.reasons.push(t(this.ctx.locale, id, params));
  }
  get any(): boolean {
    return this.reasons.length > 0;
  }
}

function label(ctx: SheetContext, p: Person): string {
  return `${displayName(ctx.plan, p)} (${p.id})`;
}

/** Common identity checks: person known, role, and the key matches the plan (key plans). */
function checkActor(ctx: SheetContext, actor: Actor, role: Person['role'], r: Refusals): Person | null {
  const p = ctx.plan.people.get(actor.person);
  if (!p) {
    r.add('refuse.personUnknown', { person: actor.person });
    return null;
  }
  if (p.role !== role) {
    r.add(role === 'appraiser' ? 'refuse.notAppraiser' : role === 'oversight' ? 'refuse.notOversight' : 'refuse.notOffice', {
      person: label(ctx, p),
    });
    return null;
  }
  if (ctx.plan.data.signing === 'key') {
    if (!p.publicKey) r.add('refuse.noKey', { person: label(ctx, p) });
    else if (!actor.key) r.add('refuse.needKey', { person: label(ctx, p) });
    else if (actor.key.publicKey !== p.publicKey || actor.key.personId !== p.id) r.add('refuse.wrongKey', { person: label(ctx, p) });
  }
  return p;
}

function usable(report: SheetReport, r: Refusals | null): SheetContext | null {
  if (!report.ctx) return null;
  if (report.stage === 'sealed') {
    r?.add('refuse.sealed');
    return null;
  }
  return report.ctx;
}

function notReadable(report: SheetReport): { ok: false; reasons: string[] } {
  const first = report.findings.find((f) => f.severity === 'error');
  return { ok: false, reasons: [first?.message ?? report.sheetName] };
}

function patchOf(ctx: SheetContext, state: DerivedState, log: string[][], extra: Partial<SheetPatch> = {}): SheetPatch {
  const { lock, unlock } = lockRanges(ctx, state.items);
  return {
    sheetName: ctx.sheet.name,
    writes: [...derivedTableBlocks(ctx, state), ...derivedFooterBlocks(ctx, state)],
    appendLog: log,
    lock,
    unlock,
    ...extra,
  };
}

const errorCount = (report: SheetReport): number => report.findings.filter((f) => f.severity === 'error').length;

/** Items a person may sign in a role: their groups' leaves, not yet freshly signed by them in that role. */
export function signableItems(report: SheetReport, personId: string, role: SignRole): string[] {
  const ctx = report.ctx;
  const p = ctx?.plan.people.get(personId);
  if (!ctx || !p) return [];
  return report.items
    .filter((i) => mayAppraise(p, i.content.node.group, ctx.unit.id))
    .filter((i) => !(i[role]?.fresh && i[role]?.record.person === personId))
    .map((i) => i.content.node.code);
}

export interface SignRequest extends Actor {
  readonly role: SignRole;
  /** item codes, or 'all' for every item of the signer's groups not yet signed by them */
  readonly items: readonly string[] | 'all';
}

export function signItems(report: SheetReport, req: SignRequest): ActionResult<{ record: SignatureRecord }> {
  const r0 = report.ctx ? new Refusals(report.ctx) : null;
  const ctx = usable(report, r0);
  if (!ctx || !r0) return r0?.any ? { ok: false, reasons: r0.reasons } : notReadable(report);
  const r = r0;
  if (report.sample) r.add('refuse.sampled');
  const person = checkActor(ctx, req, 'appraiser', r);
  if (!person) return { ok: false, reasons: r.reasons };
  if ((person.recuse ?? []).includes(ctx.unit.id)) r.add('refuse.recused', { person: label(ctx, person) });

  const byCode = new Map(report.items.map((i) => [i.content.node.code, i]));
  const codes = req.items === 'all' ? signableItems(report, person.id, req.role) : [...new Set(req.items)];
  if (!codes.length) r.add('refuse.noItems');
  const chosen: ItemEval[] = [];
  for (const code of codes) {
    const node = ctx.rubric.byCode.get(code);
    const it = byCode.get(code);
    if (!node) r.add('refuse.itemUnknown', { item: code });
    else if (!node.isLeaf) r.add('refuse.itemNotLeaf', { item: code });
    else if (!it) r.add('refuse.itemUnknown', { item: code });
    else {
      const own = report.findings.filter((f) => f.item === code && f.severity === 'error' && CONTENT_CODES.has(f.code));
      if (!it.content.ok || own.length)
        r.add('refuse.itemErrors', { item: code, detail: own.map((f) => f.message).join(ctx.locale === 'zh-CN' ? '；' : '; ') || t(ctx.locale, 'status.empty') });
      if (!mayAppraise({ ...person, recuse: [] }, node.group, ctx.unit.id))
        r.add('refuse.notInGroup', { item: code, group: node.group, person: label(ctx, person) });
      const other = req.role === 'scorer' ? it.reviewer : it.scorer;
      if (other?.fresh && other.record.person === person.id) r.add('refuse.samePerson', { item: code });
      if (req.role === 'reviewer' && !it.scorer?.fresh) r.add('refuse.needScorerFirst', { item: code });
      const same = it[req.role];
      if (same?.fresh && same.valid && same.record.person !== person.id) {
        const o = ctx.plan.people.get(same.record.person);
        r.add('refuse.otherSigner', { item: code, other: o ? label(ctx, o) : same.record.person, role: t(ctx.locale, `role.${req.role}`) });
      }
      chosen.push(it);
    }
  }
  if (r.any) return { ok: false, reasons: r.reasons };

  const signedAt = nowIso(req.now);
  const unsigned = {
    role: req.role,
    person: person.id,
    unit: ctx.unit.id,
    items: chosen.map((i) => i.content.node.code),
    digests: chosen.map((i) => i.digest()),
    signedAt,
  };
  const record: SignatureRecord = { ...unsigned, sig: sigOf(req.key, signatureMessage(unsigned)) };

  const chosenCodes = new Set(record.items);
  const items = report.items.map((it) => {
    if (!chosenCodes.has(it.content.node.code)) return it;
    const state: SignatureState = { record, index: ctx.log.length, signedDigest: it.digest(), valid: true, fresh: true };
    const slot = { scorer: it.scorer ?? undefined, reviewer: it.reviewer ?? undefined, [req.role]: state };
    return { ...it, [req.role]: state, status: itemStatus(ctx.locale, it.content, slot) };
  });
  return { ok: true, patch: patchOf(ctx, { ...stateOf(report), items }, [encodeLogRow('signature', record)]), result: { record } };
}

/** Content finding codes that block signing an item. */
const CONTENT_CODES = new Set<string>([
  'SCORE_MISSING',
  'SCORE_NOT_NUMBER',
  'SCORE_OUT_OF_RANGE',
  'SCORE_STEP',
  'COMPLETION_MISSING',
  'BASIS_MISSING',
  'VERIFIED_BY_MISSING',
  'VERIFIED_BY_UNKNOWN',
  'RUBRIC_MISMATCH',
]);

function checkOversightActor(report: SheetReport, ctx: SheetContext, actor: Actor, r: Refusals): Person | null {
  const p = checkActor(ctx, actor, 'oversight', r);
  if (!p) return null;
  const signed = ctx.log.some((e) => e.kind === 'signature' && e.record?.person === p.id);
  if (signed) r.add('refuse.oversightSigned', { person: label(ctx, p) });
  void report;
  return p;
}

export function drawSampleAction(report: SheetReport, actor: Actor): ActionResult<{ record: SampleRecord }> {
  const r0 = report.ctx ? new Refusals(report.ctx) : null;
  const ctx = usable(report, r0);
  if (!ctx || !r0) return r0?.any ? { ok: false, reasons: r0.reasons } : notReadable(report);
  const r = r0;
  const person = checkOversightActor(report, ctx, actor, r);
  if (!person) return { ok: false, reasons: r.reasons };
  if (report.sample || ctx.log.some((e) => e.kind === 'sample')) r.add('refuse.sampleExists');
  const unsigned = report.items.filter((i) => !(i.scorer?.fresh && i.reviewer?.fresh)).length;
  if (unsigned || report.items.length === 0) r.add('refuse.notAllSigned', { count: unsigned });
  else if (errorCount(report)) r.add('refuse.sheetErrors', { count: errorCount(report) });
  if (r.any) return { ok: false, reasons: r.reasons };

  const signedAt = nowIso(actor.now);
  const digest = sheetDigest(canonicalSheet(ctx.sheet, ctx.unit.id, ctx.log));
  const msg = { person: person.id, unit: ctx.unit.id, sheetDigest: digest, signedAt };
  const sig = sigOf(actor.key, sampleMessage(msg));
  const sigBytes = fromBase64(sig);
  const seed = sigBytes && sig ? sha256Hex(sigBytes) : sha256Hex(new TextEncoder().encode(JSON.stringify(sampleMessage(msg))));
  const items = drawSample(
    seed,
    ctx.rubric.leaves.map((n) => ({ code: n.code, group: n.group })),
    ctx.rubric.data.sampleRatio,
  );
  const record: SampleRecord = { ...msg, sig, seed, items };
  const sampled = new Set(items);
  const state = {
    ...stateOf(report),
    sample: record,
    items: report.items.map((i) => ({ ...i, sampled: sampled.has(i.content.node.code) })),
  };
  const fills = report.items.map((i) => ({
    range: `A${i.content.row.row}:M${i.content.row.row}`,
    color: sampled.has(i.content.node.code) ? 'FFF2CC' : null,
  }));
  return { ok: true, patch: patchOf(ctx, state, [encodeLogRow('sample', record)], { fills }), result: { record } };
}

export interface RecheckRequest extends Actor {
  readonly item: string;
  readonly result: RecheckResult;
  readonly score?: string | undefined;
  readonly note: string;
}

export function recheckAction(report: SheetReport, req: RecheckRequest): ActionResult<{ record: RecheckRecord }> {
  const r0 = report.ctx ? new Refusals(report.ctx) : null;
  const ctx = usable(report, r0);
  if (!ctx || !r0) return r0?.any ? { ok: false, reasons: r0.reasons } : notReadable(report);
  const r = r0;
  const person = checkOversightActor(report, ctx, req, r);
  if (!person) return { ok: false, reasons: r.reasons };
  if (!report.sample) r.add('refuse.noSample');
  else if (!report.sample.items.includes(req.item)) r.add('refuse.notSampled', { item: req.item });
  const node = ctx.rubric.byCode.get(req.item);
  let score = '';
  const note = canonText(req.note ?? '');
  if (req.result === 'adjusted' && node) {
    const raw = canonText(req.score ?? '');
    if (node.isVeto) {
      if (raw === '是' || raw === '否') score = raw;
      else r.add('refuse.recheckScore', { value: raw, max: '是/否', step: '-' });
    } else {
      const d = parseDecimal(raw);
      const units = d ? unitsOf(d, ctx.rubric.step) : null;
      if (!d || units === null || units < 0 || units > node.maxUnits)
        r.add('refuse.recheckScore', { value: raw || '∅', max: maxText(ctx.rubric, node), step: formatDecimal(ctx.rubric.step) });
      else score = formatDecimal(d);
    }
    if (!note) r.add('refuse.recheckNote');
  }
  if (r.any) return { ok: false, reasons: r.reasons };
  const unsigned = { person: person.id, unit: ctx.unit.id, item: req.item, result: req.result, score, note, recordedAt: nowIso(req.now) };
  const record: RecheckRecord = { ...unsigned, sig: sigOf(req.key, recheckMessage(unsigned)) };
  const items = report.items.map((i) => (i.content.node.code === req.item ? { ...i, recheck: record } : i));
  return { ok: true, patch: patchOf(ctx, { ...stateOf(report), items }, [encodeLogRow('recheck', record)]), result: { record } };
}

export interface SealRequest extends Actor {
  readonly password: string;
}

export function sealAction(report: SheetReport, req: SealRequest): ActionResult<{ record: SealRecord }> {
  const r0 = report.ctx ? new Refusals(report.ctx) : null;
  const ctx = usable(report, r0);
  if (!ctx || !r0) return r0?.any ? { ok: false, reasons: r0.reasons } : notReadable(report);
  const r = r0;
  const person = checkOversightActor(report, ctx, req, r);
  if (!person) return { ok: false, reasons: r.reasons };
  if (!report.sample) r.add('refuse.noSample');
  else {
    const missing = report.items.filter((i) => i.sampled && !i.recheck).length;
    if (missing) r.add('refuse.recheckMissing', { count: missing });
    else {
      const errors = report.findings.filter((f) => f.severity === 'error' && f.code !== 'SEAL_BROKEN' && f.code !== 'SEAL_INVALID').length;
      if (errors) r.add('refuse.sheetErrors', { count: errors });
    }
  }
  if (r.any) return { ok: false, reasons: r.reasons };
  const sealedAt = nowIso(req.now);
  const digest = sealDigest(canonicalSheet(ctx.sheet, ctx.unit.id, ctx.log), person.id, sealedAt);
  const unsigned = { person: person.id, unit: ctx.unit.id, sealedAt, digest };
  const record: SealRecord = { ...unsigned, code: sealCode(digest), sig: sigOf(req.key, sealMessage(unsigned)) };
  const state = { ...stateOf(report), seal: record, unseal: null };
  // the seal writes only the footer: the table is exactly what was digested
  return {
    ok: true,
    patch: {
      sheetName: ctx.sheet.name,
      writes: derivedFooterBlocks(ctx, state),
      appendLog: [encodeLogRow('seal', record)],
      seal: { password: req.password },
    },
    result: { record },
  };
}

export interface UnsealRequest extends Actor {
  readonly reason: string;
  /** the sheet password set at sealing (Excel needs it to lift protection) */
  readonly password?: string;
}

export function unsealAction(report: SheetReport, req: UnsealRequest): ActionResult<{ record: UnsealRecord }> {
  const ctx = report.ctx;
  if (!ctx) return notReadable(report);
  const r = new Refusals(ctx);
  const person = checkActor(ctx, req, 'office', r);
  if (!person) return { ok: false, reasons: r.reasons };
  if (report.stage !== 'sealed') r.add('refuse.notSealed');
  const reason = canonText(req.reason ?? '');
  if (!reason) r.add('refuse.reason');
  if (r.any) return { ok: false, reasons: r.reasons };
  const unsigned = { person: person.id, unit: ctx.unit.id, reason, unsealedAt: nowIso(req.now) };
  const record: UnsealRecord = { ...unsigned, sig: sigOf(req.key, unsealMessage(unsigned)) };
  const state = { ...stateOf(report), unseal: record };
  return {
    ok: true,
    patch: {
      sheetName: ctx.sheet.name,
      writes: derivedFooterBlocks(ctx, state),
      appendLog: [encodeLogRow('unseal', record)],
      unseal: { password: req.password ?? '' },
    },
    result: { record },
  };
}

/** The statuses patch 核查 writes: derived table cells only, no log records. */
export function statusPatch(report: SheetReport): SheetPatch | null {
  const ctx = usable(report, null);
  if (!ctx || report.stage === 'unsealed') return null;
  return { sheetName: ctx.sheet.name, writes: derivedTableBlocks(ctx, stateOf(report)), appendLog: [] };
}
