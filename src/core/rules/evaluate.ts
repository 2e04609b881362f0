/**
 * Evaluates one score sheet end to end, for its current stage (SPEC §4, §5 validate/verify):
 * layout → plan → structure → content → signatures and the log replayed as a protocol →
 * oversight (sample, re-checks, seal) → what the reader sees (template and derived cells) →
 * the envelope register. Orchestration only: each concept lives in its own module.
 */
import { digest, sameJson } from '../crypto/digest';
import type { VerifyEngine } from '../crypto/ed25519';
import { sortFindings, type Finding } from '../findings';
import { msg, type Locale, type MessageId, type Params } from '../i18n/catalog';
import { loadPlan, type Plan } from '../plan/plan';
import { checkLog, startDrawProofs } from '../protocol/checked';
import { currentRound, replay } from '../protocol/replay';
import type { CellValue } from '../sheet/cells';
import { decodeLog, type LogEntry } from '../sheet/log';
import { parseSheet, type ParsedSheet, type RawSheet } from '../sheet/parse';
import { buildTemplate } from '../sheet/template';
import { PlanRecordSchema, SealRecordSchema, type PlanRecordData } from '../signing/schemas';
import { canonicalSheet, sealDigest } from '../seal/canonical';
import { checkLenient } from './content';
import { FindingSink, type SheetContext } from './context';
import { derivedFooterCells, derivedTableCells, type DerivedState } from './derived';
import { checkContent } from './items';
import { checkLayout } from './layout';
import { checkOversight, reportViolations } from './oversight';
import { checkRegister, type Register } from './register';
import { pastRounds, stageOf, type SheetReport, type Verdict } from './report';
import { checkSignatures, currentItems } from './signatures';
import { checkStructure } from './structure';

export type { ItemEval, SheetReport, SignatureState, Stage } from './report';

export interface EvaluateInput {
  readonly raw: RawSheet;
  /** the `_scoreseal` rows, or null when the sheet is missing */
  readonly logRows: readonly (readonly CellValue[])[] | null;
  /** the verifier's trusted plan; null → the plan record embedded in the workbook */
  readonly trusted: Plan | null;
  /** 'verify' demands a sample, re-checks and a valid seal */
  readonly mode?: 'validate' | 'verify';
  readonly engine?: VerifyEngine;
  /** pre-decoded log (to decode a workbook's log once for many sheets) */
  readonly log?: readonly LogEntry[];
  /** the Office's envelope register (verify and compile) */
  readonly register?: Register | null;
  /** first non-empty cell the reader found beyond the columns a score sheet uses */
  readonly outside?: string | undefined;
}

/** Builds the one-unit plan a workbook carries in its plan record. */
export function embeddedPlan(rec: PlanRecordData): Plan | null {
  const res = loadPlan(
    {
      schema: 'scoreseal/plan@1',
      title: rec.planTitle,
      locale: rec.locale,
      signing: rec.signing,
      rubrics: [rec.rubric],
      people: rec.people,
      units: [rec.unit],
      ...(rec.period ? { period: rec.period } : {}),
    },
    { embedded: true },
  );
  return res.ok ? res.plan : null;
}

/** The derived state of a report: what its derived cells are computed from. */
export function derivedStateOf(report: Pick<SheetReport, 'items' | 'sample' | 'seal' | 'pastRounds' | 'stage'>): DerivedState {
  const last = report.pastRounds.at(-1);
  return {
    items: report.items,
    sample: report.sample,
    seal: report.seal,
    unsealed: !report.seal && last ? last.seal : null,
  };
}

export async function evaluateSheet(input: EvaluateInput): Promise<SheetReport> {
  const mode = input.mode ?? 'validate';
  const planSource = input.trusted ? 'trusted' : 'embedded';
  const parsed = parseSheet(input.raw);
  const fallbackLocale: Locale = input.trusted?.locale ?? 'zh-CN';
  const bare = (unit: string, findings: Finding[], locale: Locale = fallbackLocale): SheetReport => ({
    sheetName: input.raw.name,
    unit,
    unitName: input.raw.name,
    category: '',
    stage: 'filling',
    status: findings.some((f) => f.severity === 'error') ? 'error' : 'ok',
    verdict: 'failed',
    findings,
    ctx: null,
    items: [],
    sample: null,
    seal: null,
    unseal: null,
    pastRounds: [],
    register: 'not-sealed',
    log: null,
    planSource,
    locale,
  });
  if (!parsed.ok) {
    const sink = new FindingSink(input.raw.name);
    for (const p of parsed.problems)
      sink.error('SHEET_LAYOUT', { ...(p.cell ? { cell: p.cell } : {}), params: { detail: msg(p.detail, p.params) } });
    return bare(input.raw.name, sink.findings);
  }
  const sheet = parsed.sheet;
  const unitId = sheet.fields.unitId?.value ?? '';
  const log = input.log ?? (input.logRows ? decodeLog(input.logRows) : []);

  // the plan: trusted, or the one embedded in the workbook
  const planEntries = log.filter((e) => e.kind === 'plan' && e.unit === unitId && e.record);
  const planEntry = planEntries[0];
  const earlier = planEntries.some((e) => e.record?.schema === 'scoreseal/plan-record@1');
  const recordRead = planEntry ? readPlanRecord(planEntry, input.trusted) : undefined;
  const planRecord = recordRead?.data;
  const embedded = !input.trusted && recordRead && planRecord ? (recordRead.embedded ??= embeddedPlan(planRecord)) : null;
  const plan = input.trusted ?? embedded;
  const locale = plan?.locale ?? fallbackLocale;
  const sink = new FindingSink(unitId || sheet.name);
  const layout = (id: MessageId, params: Params = {}, cell?: string): void =>
    sink.error('SHEET_LAYOUT', { ...(cell ? { cell } : {}), params: { detail: msg(id, params) } });

  if (earlier) {
    layout('detail.earlierFormat', {}, planEntry ? `_scoreseal!A${planEntry.row}` : undefined);
    return bare(unitId || sheet.name, sink.findings, locale);
  }
  if (!unitId) layout('detail.unitMissing', {}, 'A2');
  if (input.logRows === null && !input.log) layout('detail.logMissing');
  // a row that is not JSON names no unit: it is reported for every sheet of the workbook
  for (const e of log) if (!e.record) layout('detail.logNotJson', { row: e.row }, `_scoreseal!A${e.row}`);
  if (input.logRows !== null && !planEntries.length && unitId) layout('detail.planRecordMissing');
  else if (planEntry && (!planRecord || (!input.trusted && !embedded)))
    layout('detail.logCorrupt', { row: planEntry.row, reason: 'plan' }, `_scoreseal!A${planEntry.row}`);
  if (!plan || !unitId) return bare(unitId || sheet.name, sink.findings, locale);

  const unit = plan.units.get(unitId);
  if (!unit) {
    sink.error('UNIT_MISMATCH', {
      cell: sheet.fields.unitId?.cell,
      params: { detail: msg('detail.unitUnknown', { unit: unitId }) },
    });
    return bare(unitId, sink.findings, locale);
  }
  const rubric = plan.rubrics.get(unit.rubric)!;
  const unitLog = log.filter((e) => e.unit === unitId);
  const ctx: SheetContext = { plan, unit, rubric, sheet, log: unitLog, locale };
  // the draw's VRF proof first: on another thread where the runtime has one, while this one checks the sheet
  const draws = startDrawProofs({ plan, unitId, rubric }, unitLog);
  if (input.trusted && planRecord) checkEmbedded(ctx, planRecord, sink);

  const matched = checkStructure(ctx, sink);
  const contents = checkContent(ctx, matched.rows, sink);
  checkLenient(contents, sink);

  // the seal digest of the sheet as it stands, per seal (computed once): a seal that matches it
  // vouches for its sealer's own records before it (their text is in what the sealer signed)
  const sealMatches = sealDigestMemo(sheet, unitId, unitLog);
  const lastSeal = unitLog.map((e) => e.kind).lastIndexOf('seal');
  const attesting =
    lastSeal >= 0 && !unitLog.slice(lastSeal).some((e) => e.kind === 'unseal') && sealMatches(lastSeal) ? lastSeal : undefined;
  const current = currentItems(ctx, contents);
  const steps = await checkLog({ plan, unitId, rubric }, unitLog, input.engine ?? 'auto', { attestingSeal: attesting, current, draws });
  const replayed = replay({ plan, unit, rubric }, steps);
  reportViolations(ctx, replayed.violations, sink);
  const signed = checkSignatures(ctx, contents, replayed.state, sink, current);
  const oversight = checkOversight(ctx, signed, replayed.state, sealMatches, sink, mode);

  const round = currentRound(replayed.state);
  const allSigned = signed.length > 0 && signed.every((i) => i.status === 'signed');
  const stage = stageOf(replayed.state.stage, allSigned);
  const past = pastRounds(replayed.state.rounds);
  const derivedState = derivedStateOf({
    items: oversight,
    sample: round.sample?.record ?? null,
    seal: round.seal?.record ?? null,
    pastRounds: past,
    stage,
  });
  const tpl = buildTemplate(plan, unit.id);
  checkLayout(
    ctx,
    {
      tpl,
      derived: [...derivedTableCells(ctx, derivedState), ...derivedFooterCells(ctx, tpl, derivedState)],
      statusFrozen: replayed.state.stage === 'drawn' || replayed.state.stage === 'sealed',
      rowsAligned: matched.aligned,
      outside: input.outside,
    },
    sink,
  );

  const sealRecord = round.seal?.record ?? null;
  const registerMatch =
    mode === 'verify' && input.register !== undefined
      ? checkRegister(ctx, sealRecord, input.register ?? null, sink)
      : sealRecord
        ? 'no-register'
        : 'not-sealed';

  const findings = sortFindings(sink.findings);
  const status = findings.some((f) => f.severity === 'error') ? 'error' : 'ok';
  // only trusted verification can verify: validation checks a sheet's current stage
  const verdict: Verdict =
    mode === 'verify' && status === 'ok' && stage === 'sealed' ? (plan.data.signing === 'name' ? 'names-only' : 'verified') : 'failed';
  return {
    sheetName: sheet.name,
    unit: unitId,
    unitName: unit.name,
    category: rubric.data.category,
    stage,
    status,
    verdict,
    findings,
    ctx,
    items: oversight,
    sample: round.sample?.record ?? null,
    seal: sealRecord,
    unseal: replayed.state.stage === 'unsealed' ? (past.at(-1)?.unseal ?? null) : null,
    pastRounds: past,
    register: registerMatch,
    log: replayed.state,
    planSource,
    locale,
  };
}

/** Whether the seal record at a log index carries the digest of the canonical sheet over the records before it (memoised). */
function sealDigestMemo(sheet: ParsedSheet, unitId: string, unitLog: readonly LogEntry[]): (index: number) => boolean {
  const memo = new Map<number, boolean>();
  return (index) => {
    let ok = memo.get(index);
    if (ok === undefined) {
      const rec = SealRecordSchema.safeParse(unitLog[index]?.record);
      ok =
        rec.success &&
        sealDigest(canonicalSheet(sheet, unitId, unitLog.slice(0, index)), rec.data.person, rec.data.sealedAt) === rec.data.digest;
      memo.set(index, ok);
    }
    return ok;
  };
}

/** A plan record as read from its log text, with what is derived from it (computed when first asked). */
interface PlanRecordRead {
  readonly data: PlanRecordData | undefined;
  /** the one-unit plan it makes (validation without a trusted plan) */
  embedded?: Plan | null;
}

/**
 * Plan records by their exact log text (the record is JSON.parse of it, so what is derived is a
 * function of the text), per trusted plan; bounded.
 */
const PLAN_RECORDS = new WeakMap<object, Map<string, PlanRecordRead>>();
const PLAN_RECORDS_MAX = 32;
/** the key of records read without a trusted plan */
const NO_TRUSTED_PLAN = {};

/** A plan record read once per trusted plan and text (the pane re-validates one sheet after every change). */
function readPlanRecord(entry: LogEntry, trusted: Plan | null): PlanRecordRead {
  const key = trusted ?? NO_TRUSTED_PLAN;
  let known = PLAN_RECORDS.get(key);
  if (!known) PLAN_RECORDS.set(key, (known = new Map<string, PlanRecordRead>()));
  let read = known.get(entry.text);
  if (!read) {
    const parsed = PlanRecordSchema.safeParse(entry.record);
    read = { data: parsed.success ? parsed.data : undefined };
    if (known.size >= PLAN_RECORDS_MAX) known.clear();
    known.set(entry.text, read);
  }
  return read;
}

/** The workbook's embedded plan record must agree with the trusted plan (rubric and keys). */
function checkEmbedded(ctx: SheetContext, rec: PlanRecordData, sink: FindingSink): void {
  const { rubric, plan } = ctx;
  // the record's own fingerprint field and the rubric it carries must both be the trusted rubric's
  if (rec.fingerprint !== rubric.fingerprint)
    sink.error('RUBRIC_MISMATCH', {
      params: {
        detail: msg('detail.rubricFingerprint', { found: rec.fingerprint.slice(0, 16), expected: rubric.fingerprint.slice(0, 16) }),
      },
    });
  // a rubric with the trusted rubric's canonical JSON has its digest; any other is digested to tell
  else if (!sameJson(rec.rubric, rubric.raw) && digest(rec.rubric) !== rubric.fingerprint)
    sink.error('RUBRIC_MISMATCH', {
      params: { detail: msg('detail.embeddedRubric', { expected: rubric.fingerprint.slice(0, 16) }) },
    });
  for (const p of rec.people ?? []) {
    const trusted = plan.people.get(p.id);
    if (trusted && (trusted.publicKey ?? '') !== (p.publicKey ?? ''))
      sink.error('SIGNATURE_INVALID', {
        message: 'SIGNATURE_INVALID.embedded',
        params: { person: msg('person.label', { name: p.name, id: p.id }) },
      });
  }
}
