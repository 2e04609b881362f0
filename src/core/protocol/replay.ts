/**
 * The log as a protocol (SPEC §3 *The log's order*). A unit's records mean the state reached by
 * replaying them in order under these rules, and anything the rules do not allow is a finding,
 * never something to skip over:
 *
 *     plan → signatures → exactly one sample → re-checks (of sampled items) → exactly one seal
 *     [→ unseal (Office, with a reason) → signatures → sample → re-checks → seal] …
 *
 * `note` records may stand anywhere. Every record's time is a real instant, never earlier than
 * the one before it, inside the plan's period. A record whose signature does not verify, or that
 * comes out of order, does not change the state (it is reported instead), so nothing unverified
 * or out of place can influence a later check.
 *
 * {@link apply} is the only place that knows what may follow what: the replay uses it to judge
 * the records already there, and the workflow actions use it to refuse a step before it is taken.
 */
import type { FindingCode } from '../findings';
import type { MessageId, Params } from '../i18n/catalog';
import type { CompiledRubric, Plan, RubricNode } from '../plan/plan';
import type { Person, Unit } from '../plan/schema';
import { recheckUnits } from './recheck';
import {
  contentDigest,
  SIGN_ROLES,
  type ItemValues,
  type RecheckRecord,
  type SampleRecord,
  type SealRecord,
  type SignRole,
  type SignatureRecord,
  type UnsealRecord,
} from '../signing/records';
import type { CheckedStep } from './checked';
import { parseInstant, periodBounds } from './time';

/** Where a unit's log stands: open for signatures, sample drawn, sealed, or unsealed by the Office. */
export type Stage = 'open' | 'drawn' | 'sealed' | 'unsealed';

/** One record as it took effect. */
export interface Applied<T> {
  readonly record: T;
  readonly row: number;
  readonly index: number;
}

/** The latest signature of one item in one role. */
export interface Signed {
  readonly record: SignatureRecord;
  readonly row: number;
  readonly index: number;
  readonly role: SignRole;
  /** the digest signed for this item */
  readonly digest: string;
  /** what that digest was computed from */
  readonly values: ItemValues;
}

/** One round: from the start (or an unseal) to its seal and, perhaps, the unseal that ended it. */
export interface Round {
  /** 1-based */
  readonly number: number;
  readonly sample: Applied<SampleRecord> | null;
  /** the item digests of every leaf at the draw (the content frozen by it) */
  readonly drawnOver: ReadonlyMap<string, string> | null;
  /** latest re-check per sampled item */
  readonly rechecks: ReadonlyMap<string, Applied<RecheckRecord>>;
  readonly seal: Applied<SealRecord> | null;
  readonly unseal: Applied<UnsealRecord> | null;
}

export interface LogState {
  readonly stage: Stage;
  /** every round so far; the current one is last */
  readonly rounds: readonly Round[];
  /** latest valid signature per item code and role */
  readonly signed: ReadonlyMap<string, Readonly<Partial<Record<SignRole, Signed>>>>;
  /** people who made a valid signature record in this unit (they may not act as oversight) */
  readonly signers: ReadonlySet<string>;
  /** time of the latest record, and its row */
  readonly lastTime: { readonly ms: number; readonly row: number } | null;
  /** whether a record other than plan or note has been seen */
  readonly started: boolean;
}

/** Something a record was not allowed to do. */
export interface Violation {
  readonly code: FindingCode;
  readonly row: number;
  readonly detail: MessageId;
  readonly params: Params;
  readonly item?: string;
}

export interface ReplayContext {
  readonly plan: Plan;
  readonly unit: Unit;
  readonly rubric: CompiledRubric;
}

export interface Replay {
  readonly state: LogState;
  readonly violations: readonly Violation[];
}

const emptyRound = (number: number): Round => ({
  number,
  sample: null,
  drawnOver: null,
  rechecks: new Map(),
  seal: null,
  unseal: null,
});

export const INITIAL: LogState = {
  stage: 'open',
  rounds: [emptyRound(1)],
  signed: new Map(),
  signers: new Set(),
  lastTime: null,
  started: false,
};

export function currentRound(s: LogState): Round {
  return s.rounds[s.rounds.length - 1]!;
}

/** Whether a person may act as oversight for the unit (role, the unit's list, and not one of its signers). */
export function oversightProblem(ctx: ReplayContext, state: LogState, personId: string): MessageId | null {
  const p: Person | undefined = ctx.plan.people.get(personId);
  if (!p || p.role !== 'oversight') return 'detail.notOversight';
  if (ctx.unit.oversight && !ctx.unit.oversight.includes(personId)) return 'detail.notUnitOversight';
  if (state.signers.has(personId)) return 'detail.signedItems';
  return null;
}

/** The item digest both appraisers hold for every leaf, or null when some leaf is not signed by both alike. */
export function signedContent(ctx: ReplayContext, state: LogState): { digest: string; items: Map<string, string> } | { missing: number } {
  const items = new Map<string, string>();
  let missing = 0;
  for (const n of ctx.rubric.leaves) {
    const slot = state.signed.get(n.code);
    const a = slot?.scorer?.digest;
    if (a && a === slot?.reviewer?.digest) items.set(n.code, a);
    else missing += 1;
  }
  if (missing) return { missing };
  return { digest: contentDigest(ctx.unit.id, ctx.rubric.fingerprint, [...items]), items };
}

function timeOf(step: CheckedStep): string | undefined {
  const p = step.parsed;
  switch (p.kind) {
    case 'signature':
      return p.record.signedAt;
    case 'sample':
      return p.record.drawnAt;
    case 'recheck':
      return p.record.checkedAt;
    case 'seal':
      return p.record.sealedAt;
    case 'unseal':
      return p.record.unsealedAt;
    default:
      return undefined;
  }
}

/** Whether an adjusted re-check score fits the item (in range, in steps; 是/否 for a veto item). */
export function recheckScoreOk(rubric: CompiledRubric, node: RubricNode | undefined, score: string): boolean {
  if (!node) return false;
  if (node.isVeto) return score === '是' || score === '否';
  const units = recheckUnits(score, rubric.step);
  return units !== null && units >= 0 && units <= node.maxUnits;
}

const withRound = (s: LogState, round: Round): LogState => ({ ...s, rounds: [...s.rounds.slice(0, -1), round] });

/**
 * One transition: the state after `step`, and what it was not allowed to do. A step that is out
 * of order or whose signature does not verify leaves the state as it was (`applied: false`).
 */
export function apply(
  ctx: ReplayContext,
  state: LogState,
  step: CheckedStep,
): { state: LogState; violations: Violation[]; applied: boolean } {
  const v: Violation[] = [];
  const row = step.row;
  const add = (code: FindingCode, detail: MessageId, params: Params = {}, item?: string): void => {
    v.push({ code, row, detail, params: { row, ...params }, ...(item !== undefined ? { item } : {}) });
  };
  const reject = (): { state: LogState; violations: Violation[]; applied: boolean } => ({ state, violations: v, applied: false });
  const p = step.parsed;

  if (p.kind === 'note') return { state, violations: v, applied: true };
  if (p.kind === 'corrupt') {
    add('SHEET_LAYOUT', 'detail.logCorrupt', { reason: p.of });
    return reject();
  }
  if (p.kind === 'earlier') {
    add('SHEET_LAYOUT', 'detail.earlierFormat');
    return reject();
  }
  if (p.kind === 'unknown') {
    add('SHEET_LAYOUT', 'detail.logUnknownKind', { kind: p.name });
    return reject();
  }
  if (p.kind === 'plan') {
    if (state.started) add('LOG_ORDER', 'order.planLate');
    return { state, violations: v, applied: !state.started };
  }

  // time: a real instant, not before the previous record, inside the period
  const time = timeOf(step) ?? '';
  const ms = parseInstant(time);
  let lastTime = state.lastTime;
  if (ms === null) add('LOG_ORDER', 'order.timeInvalid', { time });
  else {
    if (state.lastTime && ms < state.lastTime.ms) add('LOG_ORDER', 'order.timeBackwards', { time, before: state.lastTime.row });
    const period = ctx.plan.data.period;
    if (period) {
      const b = periodBounds(period);
      if (ms < b.from || ms > b.to) add('LOG_ORDER', 'order.timeOutsidePeriod', { time, from: period.from, to: period.to });
    }
    lastTime = state.lastTime && state.lastTime.ms > ms ? state.lastTime : { ms, row };
  }
  const next: LogState = { ...state, started: true, lastTime };

  const stage = state.stage;
  const round = currentRound(state);
  const afterSeal = (): void => add('LOG_ORDER', 'order.afterSeal', { kind: step.entry.kind });
  const person = 'record' in p ? p.record.person : '';
  const checkOversight = (): void => {
    const problem = oversightProblem(ctx, state, person);
    if (problem) add('OVERSIGHT_NOT_ALLOWED', problem, { person });
  };
  const rejectWith = (): { state: LogState; violations: Violation[]; applied: boolean } => ({
    state: { ...state, lastTime: next.lastTime, started: true },
    violations: v,
    applied: false,
  });

  switch (p.kind) {
    case 'signature': {
      const r = p.record;
      const inOrder = stage === 'open' || stage === 'unsealed';
      if (stage === 'drawn') add('LOG_ORDER', 'order.signatureAfterSample');
      else if (stage === 'sealed') afterSeal();
      if (!p.sigOk) add('SIGNATURE_INVALID', 'detail.recordSignature', { person: r.person });
      else if (!p.valuesOk) add('SIGNATURE_INVALID', 'detail.signedValues', { person: r.person });
      if (!inOrder || !p.sigOk || !p.valuesOk) return rejectWith();
      const signed = new Map(state.signed);
      for (let i = 0; i < r.items.length; i++) {
        const code = r.items[i]!;
        const prev = signed.get(code);
        const now: Signed = { record: r, row, index: step.index, role: r.role, digest: r.digests[i]!, values: r.values[i]! };
        // one shape for every slot: both roles, undefined where not signed
        signed.set(code, r.role === 'scorer' ? { scorer: now, reviewer: prev?.reviewer } : { scorer: prev?.scorer, reviewer: now });
      }
      const signers = new Set(state.signers).add(r.person);
      return { state: { ...next, signed, signers }, violations: v, applied: true };
    }
    case 'sample': {
      const r = p.record;
      const inOrder = stage === 'open' || stage === 'unsealed';
      if (stage === 'drawn') add('LOG_ORDER', 'order.secondSample');
      else if (stage === 'sealed') afterSeal();
      checkOversight();
      if (!p.sigOk) add('SAMPLE_INVALID', 'detail.recordSignature', { person: r.person });
      else if (!p.drawOk) add('SAMPLE_INVALID', 'detail.sampleDraw');
      const content = signedContent(ctx, state);
      if ('missing' in content) add('LOG_ORDER', 'order.sampleBeforeSigned', { count: content.missing });
      else if (content.digest !== r.contentDigest) add('SAMPLE_INVALID', 'detail.sampleContent');
      if (!inOrder || !p.sigOk || !p.drawOk || 'missing' in content || content.digest !== r.contentDigest) return rejectWith();
      const drawn: Round = { ...round, sample: { record: r, row, index: step.index }, drawnOver: content.items, rechecks: new Map() };
      return { state: withRound({ ...next, stage: 'drawn' }, drawn), violations: v, applied: true };
    }
    case 'recheck': {
      const r = p.record;
      const sampled = stage === 'drawn' && !!round.sample?.record.items.includes(r.item);
      if (stage === 'open' || stage === 'unsealed') add('LOG_ORDER', 'order.recheckBeforeSample', {}, r.item);
      else if (stage === 'sealed') afterSeal();
      else if (!sampled) add('LOG_ORDER', 'order.recheckNotSampled', { item: r.item }, r.item);
      checkOversight();
      const digestOk = !round.drawnOver || round.drawnOver.get(r.item) === r.digest;
      const scoreOk = r.result === 'adjusted' ? recheckScoreOk(ctx.rubric, ctx.rubric.byCode.get(r.item), r.score) : r.score === '';
      if (!p.sigOk) add('RECHECK_INVALID', 'detail.recordSignature', { person: r.person, item: r.item }, r.item);
      else if (!digestOk) add('RECHECK_INVALID', 'detail.recheckDigest', { item: r.item }, r.item);
      if (!scoreOk) add('RECHECK_INVALID', 'detail.recheckScore', { item: r.item, value: r.score }, r.item);
      if (!sampled || !p.sigOk || !digestOk || !scoreOk) return rejectWith();
      const rechecks = new Map(round.rechecks).set(r.item, { record: r, row, index: step.index });
      return { state: withRound(next, { ...round, rechecks }), violations: v, applied: true };
    }
    case 'seal': {
      const r = p.record;
      const missing = (round.sample?.record.items ?? []).filter((c) => !round.rechecks.has(c));
      const inOrder = stage === 'drawn' && !missing.length;
      if (stage === 'open' || stage === 'unsealed') add('LOG_ORDER', 'order.sealBeforeSample');
      else if (stage === 'sealed') add('LOG_ORDER', 'order.secondSeal');
      else if (missing.length) add('LOG_ORDER', 'order.sealBeforeRechecks', { items: missing.join(' ') });
      checkOversight();
      if (!p.sigOk) add('SEAL_INVALID', 'detail.recordSignature', { person: r.person });
      else if (!p.codeOk) add('SEAL_INVALID', 'detail.sealCodeRecord', { code: r.code });
      if (!inOrder || !p.sigOk || !p.codeOk) return rejectWith();
      const sealed: Round = { ...round, seal: { record: r, row, index: step.index } };
      return { state: withRound({ ...next, stage: 'sealed' }, sealed), violations: v, applied: true };
    }
    case 'unseal': {
      const r = p.record;
      const office = ctx.plan.people.get(r.person);
      const byOffice = office?.role === 'office';
      const hasReason = r.reason.trim() !== '';
      if (stage !== 'sealed') add('LOG_ORDER', 'order.unsealNotSealed');
      if (!byOffice) add('SEAL_INVALID', 'detail.unsealNotOffice', { person: r.person });
      else if (!p.sigOk) add('SEAL_INVALID', 'detail.recordSignature', { person: r.person });
      if (!hasReason) add('SEAL_INVALID', 'detail.unsealNoReason');
      if (stage !== 'sealed' || !byOffice || !p.sigOk || !hasReason) return rejectWith();
      const closed: Round = { ...round, unseal: { record: r, row, index: step.index } };
      return {
        state: { ...next, stage: 'unsealed', rounds: [...state.rounds.slice(0, -1), closed, emptyRound(round.number + 1)] },
        violations: v,
        applied: true,
      };
    }
  }
}

/** Replays a unit's checked log from the start. */
export function replay(ctx: ReplayContext, steps: readonly CheckedStep[]): Replay {
  let state = INITIAL;
  const violations: Violation[] = [];
  for (const step of steps) {
    const r = apply(ctx, state, step);
    state = r.state;
    violations.push(...r.violations);
  }
  return { state, violations };
}

/** Roles an item still lacks a signature in. */
export function missingRoles(state: LogState, code: string): SignRole[] {
  const slot = state.signed.get(code);
  return SIGN_ROLES.filter((r) => !slot?.[r]);
}
