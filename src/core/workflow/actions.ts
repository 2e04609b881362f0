/**
 * The steps that change a sheet — sign, sample, re-check, seal, unseal — as pure functions:
 * given the sheet's report (from `evaluateSheet`) and who acts, either a refusal with reasons
 * (SPEC §5: exit 1, workbook unchanged) or the patch that records the step.
 *
 * Each step builds its record and runs it through the log protocol's own `apply` before it is
 * written: the rule that judges a record already in the log is the rule that refuses one.
 */
import { toBase64, toHex, utf8 } from '../crypto/bytes';
import { jcs } from '../crypto/digest';
import type { KeyPair } from '../crypto/ed25519';
import { vrfProofToHash, vrfProve } from '../crypto/vrf';
import { formatDecimal, parseDecimal } from '../decimal';
import { listOf, msg, type Locale, type MessageId, type Param, type Params } from '../i18n/catalog';
import type { Refusal } from '../i18n/render';
import { mayAppraise, maxText } from '../plan/plan';
import type { Person } from '../plan/schema';
import { expectedDraw, nameOnlySeed, type CheckedStep, type Parsed } from '../protocol/checked';
import { apply, currentRound, oversightProblem, recheckScoreOk, type LogState } from '../protocol/replay';
import type { SheetContext } from '../rules/context';
import { derivedStateOf } from '../rules/evaluate';
import { personRef, itemStatus } from '../rules/present';
import type { ItemEval, SheetReport, SignatureState } from '../rules/report';
import { valuesOf } from '../rules/signatures';
import { canonicalSheet, sealDigest } from '../seal/canonical';
import { addr } from '../sheet/cells';
import { encodeLogRow, type LogKind } from '../sheet/log';
import type { SheetPatch } from '../sheet/patch';
import {
  contentDigest,
  drawInput,
  isoOf,
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
import { derivedFooterBlocks, derivedTableBlocks, lockRanges } from './derived';
import type { DerivedState } from '../rules/derived';
import { PALETTE } from '../presentation/look';

/**
 * A step's outcome: the patch that records it, or why it was refused — messages of the catalog,
 * shown by the edge in `locale` (the plan's).
 */
export type ActionResult<T> = { ok: true; patch: SheetPatch; result: T } | { ok: false; reasons: Refusal[]; locale: Locale };

export interface Actor {
  /** person id */
  readonly person: string;
  /** the person's key pair (key plans); null in name-only plans */
  readonly key: KeyPair | null;
  /** the clock (records carry this instant) */
  readonly now?: Date;
}

class Refusals {
  readonly reasons: Refusal[] = [];
  constructor(private readonly ctx: SheetContext) {}
  add(id: MessageId, params: Params = {}): void {
    this.reasons.push(msg(id, params));
  }
  get any(): boolean {
    return this.reasons.length > 0;
  }
  /** The refusal, in the plan's locale. */
  refused(): { ok: false; reasons: Refusal[]; locale: Locale } {
    return { ok: false, reasons: this.reasons, locale: this.ctx.locale };
  }
}

const label = (ctx: SheetContext, p: Person): Param => personRef(ctx.plan, p.id);

/** One row of the score table, from its first column to its last (as the layout places them). */
const tableRow = (ctx: SheetContext, row: number): string => {
  const cols = Object.values(ctx.sheet.columns);
  return `${addr(row, Math.min(...cols))}:${addr(row, Math.max(...cols))}`;
};

/** Identity checks: person known, role, and the key matches the plan (key plans). */
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

/** The shared opening of every step: a readable sheet, its replayed log, the actor in their role. */
function open(
  report: SheetReport,
  actor: Actor,
  role: Person['role'],
):
  | { ctx: SheetContext; log: LogState; person: Person | null; r: Refusals }
  | { refused: { ok: false; reasons: Refusal[]; locale: Locale } } {
  const ctx = report.ctx;
  if (!ctx || !report.log) {
    // the sheet cannot be read against a plan: its first error says why
    const first = report.findings.find((f) => f.severity === 'error');
    const reason = first ? msg(first.messageId, first.params) : msg('refuse.notScoreSheet', { sheet: report.sheetName });
    return { refused: { ok: false, reasons: [reason], locale: report.locale } };
  }
  const r = new Refusals(ctx);
  const person = checkActor(ctx, actor, role, r);
  return { ctx, log: report.log, person, r };
}

/**
 * Runs a record the step is about to append through the protocol: the same `apply` that judges
 * records already in the log (order, time, period, who may act). Returns its refusals.
 */
function vet(ctx: SheetContext, log: LogState, kind: LogKind, parsed: Parsed, r: Refusals): void {
  const step: CheckedStep = {
    row: ctx.log.length + 1,
    index: ctx.log.length,
    entry: { row: 0, kind, text: '', record: {}, unit: ctx.unit.id },
    parsed,
  };
  for (const v of apply({ plan: ctx.plan, unit: ctx.unit, rubric: ctx.rubric }, log, step).violations) {
    const params = typeof v.params.person === 'string' ? { ...v.params, person: personRef(ctx.plan, v.params.person) } : v.params;
    r.reasons.push(msg(v.detail, params));
  }
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

/** Errors that block the next step; SEAL_BROKEN only marks a round the Office opened again. */
const errorsOf = (report: SheetReport): number => report.findings.filter((f) => f.severity === 'error' && f.code !== 'SEAL_BROKEN').length;

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
  'SHEET_LAYOUT',
]);

export function signItems(report: SheetReport, req: SignRequest): ActionResult<{ record: SignatureRecord }> {
  const o = open(report, req, 'appraiser');
  if ('refused' in o) return o.refused;
  const { ctx, log, person, r } = o;
  if (report.stage === 'sealed') r.add('refuse.sealed');
  else if (report.stage === 'sampled') r.add('refuse.sampled');
  if (!person || r.any) return r.refused();
  if ((person.recuse ?? []).includes(ctx.unit.id)) r.add('refuse.recused', { person: label(ctx, person) });

  const byCode = new Map(report.items.map((i) => [i.content.node.code, i]));
  const codes = req.items === 'all' ? signableItems(report, person.id, req.role) : [...new Set(req.items)];
  if (!codes.length) r.add('refuse.noItems');
  const chosen: ItemEval[] = [];
  for (const code of codes) {
    const node = ctx.rubric.byCode.get(code);
    const it = byCode.get(code);
    if (!node || (node.isLeaf && !it)) {
      r.add('refuse.itemUnknown', { item: code });
      continue;
    }
    if (!node.isLeaf || !it) {
      r.add('refuse.itemNotLeaf', { item: code });
      continue;
    }
    const own = report.findings.filter((f) => f.item === code && f.severity === 'error' && CONTENT_CODES.has(f.code));
    if (!it.content.ok || own.length)
      r.add('refuse.itemErrors', {
        item: code,
        detail: own.length
          ? listOf(
              own.map((f) => msg(f.messageId, f.params)),
              'sep.semicolon',
            )
          : msg('status.empty'),
      });
    if (!mayAppraise({ ...person, recuse: [] }, node.group, ctx.unit.id))
      r.add('refuse.notInGroup', { item: code, group: node.group, person: label(ctx, person) });
    const other = req.role === 'scorer' ? it.reviewer : it.scorer;
    if (other?.fresh && other.record.person === person.id) r.add('refuse.samePerson', { item: code });
    if (req.role === 'reviewer' && !it.scorer?.fresh) r.add('refuse.needScorerFirst', { item: code });
    const same = it[req.role];
    if (same?.fresh && same.record.person !== person.id)
      r.add('refuse.otherSigner', {
        item: code,
        other: personRef(ctx.plan, same.record.person),
        role: msg(`role.${req.role}`),
      });
    chosen.push(it);
  }
  if (r.any) return r.refused();

  const values = chosen.map((i) => valuesOf(ctx, i.content));
  const unsigned = {
    role: req.role,
    person: person.id,
    unit: ctx.unit.id,
    items: chosen.map((i) => i.content.node.code),
    digests: chosen.map((i) => i.digest()),
    signedAt: isoOf(req.now ?? new Date()),
  };
  const record: SignatureRecord = { ...unsigned, values, sig: sigOf(req.key, signatureMessage(unsigned)) };
  vet(ctx, log, 'signature', { kind: 'signature', record, sigOk: true, valuesOk: true }, r);
  if (r.any) return r.refused();

  const chosenCodes = new Set(record.items);
  const items = report.items.map((it) => {
    if (!chosenCodes.has(it.content.node.code)) return it;
    const j = record.items.indexOf(it.content.node.code);
    const state: SignatureState = {
      record,
      row: 0,
      index: ctx.log.length,
      role: req.role,
      digest: record.digests[j]!,
      values: values[j]!,
      fresh: true,
    };
    const slot = { scorer: it.scorer, reviewer: it.reviewer, [req.role]: state };
    return { ...it, [req.role]: state, status: itemStatus(it.content, slot) };
  });
  return { ok: true, patch: patchOf(ctx, { ...derivedStateOf(report), items }, [encodeLogRow('signature', record)]), result: { record } };
}

/** The content digest of the sheet as it stands (every leaf's current item digest). */
function currentContent(ctx: SheetContext, report: SheetReport): string {
  const byCode = new Map(report.items.map((i) => [i.content.node.code, i]));
  return contentDigest(
    ctx.unit.id,
    ctx.rubric.fingerprint,
    ctx.rubric.leaves.map((n) => [n.code, byCode.get(n.code)?.digest() ?? ''] as const),
  );
}

/**
 * Draws the re-check sample: the seed is the oversight member's VRF output over the content
 * digest (SPEC §3 *Sample*), so there is exactly one sample per member and content.
 */
export function drawSampleAction(report: SheetReport, actor: Actor): ActionResult<{ record: SampleRecord }> {
  const o = open(report, actor, 'oversight');
  if ('refused' in o) return o.refused;
  const { ctx, log, person, r } = o;
  if (report.stage === 'sealed') r.add('refuse.sealed');
  else if (report.stage === 'sampled') r.add('refuse.sampleExists');
  if (!person || r.any) return r.refused();
  const unsigned = report.items.filter((i) => !(i.scorer?.fresh && i.reviewer?.fresh)).length;
  if (unsigned || report.items.length === 0) r.add('refuse.notAllSigned', { count: unsigned });
  else if (errorsOf(report)) r.add('refuse.sheetErrors', { count: errorsOf(report) });
  if (r.any) {
    // say who may not draw as well, whatever else is wrong
    const problem = oversightProblem({ plan: ctx.plan, unit: ctx.unit, rubric: ctx.rubric }, log, person.id);
    if (problem) r.reasons.unshift(msg(problem, { person: label(ctx, person) }));
    return r.refused();
  }

  const cd = currentContent(ctx, report);
  let proof = '';
  let seed: string;
  if (ctx.plan.data.signing === 'name' || !actor.key) seed = nameOnlySeed(ctx.unit.id, cd);
  else {
    const pi = vrfProve(actor.key.secret, utf8(jcs(drawInput(ctx.unit.id, cd))));
    proof = toBase64(pi);
    seed = toHex(vrfProofToHash(pi)!);
  }
  const items = expectedDraw({ plan: ctx.plan, unitId: ctx.unit.id, rubric: ctx.rubric }, seed);
  const body = { person: person.id, unit: ctx.unit.id, contentDigest: cd, drawnAt: isoOf(actor.now ?? new Date()), proof };
  const record: SampleRecord = { ...body, seed, items, sig: sigOf(actor.key, sampleMessage(body)) };
  vet(ctx, log, 'sample', { kind: 'sample', record, sigOk: true, drawOk: true }, r);
  if (r.any) return r.refused();

  const sampled = new Set(items);
  const state: DerivedState = {
    ...derivedStateOf(report),
    sample: record,
    items: report.items.map((i) => ({ ...i, sampled: sampled.has(i.content.node.code), recheck: null })),
  };
  const fills = report.items.map((i) => ({
    range: tableRow(ctx, i.content.row.row),
    color: sampled.has(i.content.node.code) ? PALETTE.sampledFill : null,
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
  const o = open(report, req, 'oversight');
  if ('refused' in o) return o.refused;
  const { ctx, log, person, r } = o;
  if (report.stage === 'sealed') r.add('refuse.sealed');
  if (!person || r.any) return r.refused();
  const round = currentRound(log);
  if (!round.sample) r.add('refuse.noSample');
  else if (!round.sample.record.items.includes(req.item)) r.add('refuse.notSampled', { item: req.item });
  const node = ctx.rubric.byCode.get(req.item);
  const it = report.items.find((i) => i.content.node.code === req.item);
  let score = '';
  const note = canonText(req.note ?? '');
  if (req.result === 'adjusted' && node) {
    const raw = canonText(req.score ?? '');
    const d = node.isVeto ? null : parseDecimal(raw);
    score = node.isVeto ? raw : d ? formatDecimal(d) : raw;
    if (!recheckScoreOk(ctx.rubric, node, score))
      r.add('refuse.recheckScore', {
        value: raw || '∅',
        max: node.isVeto ? '是/否' : maxText(ctx.rubric, node),
        step: node.isVeto ? '-' : formatDecimal(ctx.rubric.step),
      });
    if (!note) r.add('refuse.recheckNote');
  }
  if (!it && !r.any) r.add('refuse.itemUnknown', { item: req.item });
  if (r.any || !it) return r.refused();
  const unsigned = {
    person: person.id,
    unit: ctx.unit.id,
    item: req.item,
    digest: it.digest(),
    result: req.result,
    score,
    note,
    checkedAt: isoOf(req.now ?? new Date()),
  };
  const record: RecheckRecord = { ...unsigned, sig: sigOf(req.key, recheckMessage(unsigned)) };
  vet(ctx, log, 'recheck', { kind: 'recheck', record, sigOk: true }, r);
  if (r.any) return r.refused();
  const items = report.items.map((i) => (i.content.node.code === req.item ? { ...i, recheck: record } : i));
  return { ok: true, patch: patchOf(ctx, { ...derivedStateOf(report), items }, [encodeLogRow('recheck', record)]), result: { record } };
}

export interface SealRequest extends Actor {
  readonly password: string;
}

export function sealAction(report: SheetReport, req: SealRequest): ActionResult<{ record: SealRecord }> {
  const o = open(report, req, 'oversight');
  if ('refused' in o) return o.refused;
  const { ctx, log, person, r } = o;
  if (report.stage === 'sealed') r.add('refuse.sealed');
  if (!person || r.any) return r.refused();
  if (!report.sample) r.add('refuse.noSample');
  else {
    const missing = report.items.filter((i) => i.sampled && !i.recheck).length;
    if (missing) r.add('refuse.recheckMissing', { count: missing });
    else if (errorsOf(report)) r.add('refuse.sheetErrors', { count: errorsOf(report) });
  }
  if (r.any) return r.refused();
  const sealedAt = isoOf(req.now ?? new Date());
  const digest = sealDigest(canonicalSheet(ctx.sheet, ctx.unit.id, ctx.log), person.id, sealedAt);
  const unsigned = { person: person.id, unit: ctx.unit.id, sealedAt, digest };
  const record: SealRecord = { ...unsigned, code: sealCode(digest), sig: sigOf(req.key, sealMessage(unsigned)) };
  vet(ctx, log, 'seal', { kind: 'seal', record, sigOk: true, codeOk: true }, r);
  if (r.any) return r.refused();
  // the seal writes only below the table: the table is exactly what was digested
  return {
    ok: true,
    patch: {
      sheetName: ctx.sheet.name,
      writes: derivedFooterBlocks(ctx, { ...derivedStateOf(report), seal: record, unsealed: null }),
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
  const o = open(report, req, 'office');
  if ('refused' in o) return o.refused;
  const { ctx, log, person, r } = o;
  if (!person || r.any) return r.refused();
  if (report.stage !== 'sealed') r.add('refuse.notSealed');
  const reason = canonText(req.reason ?? '');
  if (!reason) r.add('refuse.reason');
  if (r.any) return r.refused();
  const unsigned = { person: person.id, unit: ctx.unit.id, reason, unsealedAt: isoOf(req.now ?? new Date()) };
  const record: UnsealRecord = { ...unsigned, sig: sigOf(req.key, unsealMessage(unsigned)) };
  vet(ctx, log, 'unseal', { kind: 'unseal', record, sigOk: true }, r);
  if (r.any) return r.refused();
  // a new round opens: no sample, no re-checks; the broken seal's code stays on the sheet
  const state: DerivedState = {
    items: report.items.map((i) => ({ ...i, sampled: false, recheck: null })),
    sample: null,
    seal: null,
    unsealed: report.seal,
  };
  return {
    ok: true,
    patch: {
      ...patchOf(ctx, state, [encodeLogRow('unseal', record)]),
      fills: report.items.map((i) => ({ range: tableRow(ctx, i.content.row.row), color: null })),
      unseal: { password: req.password ?? '' },
    },
    result: { record },
  };
}

/** The statuses patch 核查 writes: derived table cells only, no log records. */
export function statusPatch(report: SheetReport): SheetPatch | null {
  const ctx = report.ctx;
  if (!ctx || report.stage === 'sealed') return null;
  const state = derivedStateOf(report);
  return { sheetName: ctx.sheet.name, writes: [...derivedTableBlocks(ctx, state), ...derivedFooterBlocks(ctx, state)], appendLog: [] };
}
