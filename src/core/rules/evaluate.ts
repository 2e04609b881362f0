/**
 * Evaluates one score sheet end to end, for its current stage (SPEC §4, §5 validate/verify):
 * layout → plan → structure → content → signatures → sample → re-checks → seal.
 * Pure and deterministic given its inputs (signature checks are async because native
 * WebCrypto is).
 */
import { fromHex, fromBase64 } from '../crypto/bytes';
import { digest, sha256Hex } from '../crypto/digest';
import { verifyAll, type VerifyEngine, type VerifyJob } from '../crypto/ed25519';
import { parseDecimal, unitsOf, formatDecimal } from '../decimal';
import { sortFindings, type Finding } from '../findings';
import { t, type Locale } from '../i18n/catalog';
import { loadPlan, maxText, type CompiledRubric, type Plan } from '../plan/plan';
import type { Person } from '../plan/schema';
import { drawSample, sampleSize } from '../sampling/draw';
import { canonicalSheet, sealDigest } from '../seal/canonical';
import { addr, canonCell } from '../sheet/cells';
import { decodeLog, type LogEntry } from '../sheet/log';
import { parseSheet, type RawSheet } from '../sheet/parse';
import type { CellValue } from '../sheet/cells';
import {
  itemDigest,
  recheckMessage,
  sampleMessage,
  sealCode,
  sealMessage,
  signatureMessage,
  unsealMessage,
  type RecheckRecord,
  type SampleRecord,
  type SealRecord,
  type SignRole,
  type SignatureRecord,
  type UnsealRecord,
} from '../signing/records';
import {
  PlanRecordShape,
  RecheckRecordSchema,
  SampleRecordSchema,
  SealRecordSchema,
  SignatureRecordSchema,
  UnsealRecordSchema,
} from '../signing/schemas';
import { checkContent } from './items';
import { checkLenient, type ItemContent } from './content';
import { detail, FindingSink, type SheetContext } from './context';
import { checkStructure } from './structure';
import type { PlanRecord } from '../sheet/template';

export type Stage = 'filling' | 'signed' | 'sampled' | 'sealed' | 'unsealed';

export interface SignatureState {
  readonly record: SignatureRecord;
  /** index of the record in the unit's log */
  readonly index: number;
  readonly signedDigest: string;
  readonly valid: boolean;
  readonly fresh: boolean;
}

export interface ItemEval {
  readonly content: ItemContent;
  /** the item digest (SPEC §3), computed on first use */
  readonly digest: () => string;
  readonly scorer: SignatureState | null;
  readonly reviewer: SignatureState | null;
  readonly status: string;
  readonly sampled: boolean;
  readonly recheck: RecheckRecord | null;
}

export interface SheetReport {
  readonly sheetName: string;
  readonly unit: string;
  readonly unitName: string;
  readonly category: string;
  readonly stage: Stage;
  readonly status: 'ok' | 'error';
  readonly findings: readonly Finding[];
  /** present when the sheet could be read against a plan */
  readonly ctx: SheetContext | null;
  readonly items: readonly ItemEval[];
  readonly sample: SampleRecord | null;
  readonly seal: SealRecord | null;
  readonly unseal: UnsealRecord | null;
  readonly planSource: 'trusted' | 'embedded';
}

export interface EvaluateInput {
  readonly raw: RawSheet;
  /** the `_scoreseal` rows, or null when the sheet is missing */
  readonly logRows: readonly (readonly CellValue[])[] | null;
  readonly logVisibility?: 'visible' | 'hidden' | 'veryHidden' | undefined;
  /** the verifier's trusted plan; null → the plan record embedded in the workbook */
  readonly trusted: Plan | null;
  /** 'verify' demands a sample, re-checks and a valid seal */
  readonly mode?: 'validate' | 'verify';
  readonly engine?: VerifyEngine;
  /** pre-decoded log (to decode a workbook's log once for many sheets) */
  readonly log?: readonly LogEntry[];
}

const parseRecord = <T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, e: LogEntry): T | null => {
  const r = schema.safeParse(e.record);
  return r.success ? r.data : null;
};

/** Builds the one-unit plan a workbook carries in its plan record. */
export function embeddedPlan(rec: PlanRecord): Plan | null {
  const res = loadPlan(
    {
      schema: 'scoreseal/plan@1',
      title: rec.planTitle,
      locale: rec.locale,
      signing: rec.signing,
      rubrics: [rec.rubric],
      people: rec.people,
      units: [rec.unit],
    },
    { embedded: true },
  );
  return res.ok ? res.plan : null;
}

/** Display name of a person on the sheet: the name, with the department when the plan has two people of that name. */
export function displayName(plan: Plan, person: Person): string {
  const twins = plan.data.people.filter((p) => p.name === person.name).length > 1;
  return twins && person.dept ? withDept(plan.locale, person.name, person.dept) : person.name;
}

/** "张伟（纪委监察局）" in zh-CN, "张伟 (纪委监察局)" in en-US. */
export function withDept(locale: Locale, name: string, dept: string): string {
  return locale === 'zh-CN' ? `${name}（${dept}）` : `${name} (${dept})`;
}

export async function evaluateSheet(input: EvaluateInput): Promise<SheetReport> {
  const mode = input.mode ?? 'validate';
  const parsed = parseSheet(input.raw);
  const fallbackLocale: Locale = input.trusted?.locale ?? 'zh-CN';
  const bare = (unit: string, locale: Locale, findings: Finding[], planSource: 'trusted' | 'embedded'): SheetReport => ({
    sheetName: input.raw.name,
    unit,
    unitName: input.raw.name,
    category: '',
    stage: 'filling',
    status: findings.some((f) => f.severity === 'error') ? 'error' : 'ok',
    findings,
    ctx: null,
    items: [],
    sample: null,
    seal: null,
    unseal: null,
    planSource,
  });
  if (!parsed.ok) {
    const sink = new FindingSink(fallbackLocale, input.raw.name);
    for (const p of parsed.problems)
      sink.error('SHEET_LAYOUT', { ...(p.cell ? { cell: p.cell } : {}), params: { detail: detail(fallbackLocale, p.detail, p.params) } });
    return bare(input.raw.name, fallbackLocale, sink.findings, input.trusted ? 'trusted' : 'embedded');
  }
  const sheet = parsed.sheet;
  const unitId = sheet.fields.unitId?.value ?? '';
  const log = input.log ?? (input.logRows ? decodeLog(input.logRows) : []);

  // the plan: trusted, or the one embedded in the workbook
  const planRecords = log.filter((e) => e.kind === 'plan' && e.unit === unitId && e.record);
  const lastEntry = planRecords.at(-1);
  // the record is untrusted data: its shape is checked before anything reads it
  const lastPlanRecord =
    lastEntry && PlanRecordShape.safeParse(lastEntry.record).success ? (lastEntry.record as unknown as PlanRecord) : undefined;
  const embedded = !input.trusted && lastPlanRecord ? embeddedPlan(lastPlanRecord) : null;
  const plan = input.trusted ?? embedded;
  const locale = plan?.locale ?? fallbackLocale;
  const sink = new FindingSink(locale, unitId || sheet.name);
  const layout = (id: Parameters<typeof detail>[1], params: Record<string, string | number> = {}, cell?: string): void =>
    sink.error('SHEET_LAYOUT', { ...(cell ? { cell } : {}), params: { detail: detail(locale, id, params) } });

  if (!unitId) layout('detail.unitMissing', {}, 'A2');
  if (input.logRows === null && !input.log) layout('detail.logMissing');
  for (const e of log) if (!e.record) layout('detail.logCorrupt', { row: e.row, reason: 'JSON' }, `_scoreseal!A${e.row}`);
  if (input.logRows !== null && !planRecords.length && unitId) layout('detail.planRecordMissing');
  else if (lastEntry && (!lastPlanRecord || (!input.trusted && !embedded)))
    layout('detail.logCorrupt', { row: lastEntry.row, reason: 'plan' }, `_scoreseal!A${lastEntry.row}`);
  if (!plan || !unitId) return bare(unitId || sheet.name, locale, sink.findings, input.trusted ? 'trusted' : 'embedded');

  const unit = plan.units.get(unitId);
  if (!unit) {
    sink.error('RUBRIC_MISMATCH', {
      cell: sheet.fields.unitId?.cell,
      params: { detail: detail(locale, 'detail.unitUnknown', { unit: unitId }) },
    });
    return bare(unitId, locale, sink.findings, input.trusted ? 'trusted' : 'embedded');
  }
  const rubric = plan.rubrics.get(unit.rubric)!;
  const unitLog = log.filter((e) => e.unit === unitId);
  const ctx: SheetContext = { plan, unit, rubric, sheet, log: unitLog, locale };

  // the embedded record must agree with the trusted plan
  if (input.trusted && lastPlanRecord) checkEmbedded(ctx, lastPlanRecord, sink);

  const matched = checkStructure(ctx, sink);
  const contents = checkContent(ctx, matched.rows, sink);
  checkLenient(contents, sink);

  const items = await checkSignatures(ctx, contents, sink, input.engine ?? 'auto');
  const oversight = await checkOversight(ctx, items, sink, mode, input.engine ?? 'auto');

  const findings = sortFindings(sink.findings);
  return {
    sheetName: sheet.name,
    unit: unitId,
    unitName: unit.name,
    category: rubric.data.category,
    stage: oversight.stage,
    status: findings.some((f) => f.severity === 'error') ? 'error' : 'ok',
    findings,
    ctx,
    items: oversight.items,
    sample: oversight.sample,
    seal: oversight.seal,
    unseal: oversight.unseal,
    planSource: input.trusted ? 'trusted' : 'embedded',
  };
}

function checkEmbedded(ctx: SheetContext, rec: PlanRecord, sink: FindingSink): void {
  const { rubric, plan, locale } = ctx;
  if (rec.fingerprint !== rubric.fingerprint || rec.rubric === undefined || digest(rec.rubric) !== rubric.fingerprint)
    sink.error('RUBRIC_MISMATCH', {
      params: {
        detail: detail(locale, 'detail.rubricFingerprint', {
          found: String(rec.fingerprint).slice(0, 16),
          expected: rubric.fingerprint.slice(0, 16),
        }),
      },
    });
  for (const p of rec.people ?? []) {
    const trusted = plan.people.get(p.id);
    if (trusted && (trusted.publicKey ?? '') !== (p.publicKey ?? ''))
      sink.error('SIGNATURE_INVALID', { message: 'SIGNATURE_INVALID.embedded', params: { person: `${p.name} (${p.id})` } });
  }
}

/** Verifies the signature jobs of a set of records at once (one batch for the whole sheet). */
async function verifyBatch(
  plan: Plan,
  entries: readonly { person: string; message: object; sig: string }[],
  engine: VerifyEngine,
): Promise<boolean[]> {
  if (plan.data.signing === 'name') return entries.map(() => true);
  const jobs: VerifyJob[] = [];
  const slots: number[] = [];
  entries.forEach((e, i) => {
    const key = plan.people.get(e.person)?.publicKey;
    if (key) {
      slots.push(i);
      jobs.push({ publicKey: key, message: e.message, sig: e.sig });
    }
  });
  const ok = await verifyAll(jobs, engine);
  const out = entries.map(() => false);
  slots.forEach((slot, j) => (out[slot] = ok[j] ?? false));
  return out;
}

function personLabel(plan: Plan, id: string): string {
  const p = plan.people.get(id);
  return p ? `${displayName(plan, p)} (${id})` : id;
}

async function checkSignatures(
  ctx: SheetContext,
  contents: readonly ItemContent[],
  sink: FindingSink,
  engine: VerifyEngine,
): Promise<ItemEval[]> {
  const { plan, unit, rubric, locale, sheet } = ctx;
  const records: { rec: SignatureRecord; index: number }[] = [];
  ctx.log.forEach((e, index) => {
    if (e.kind !== 'signature') return;
    const rec = parseRecord<SignatureRecord>(SignatureRecordSchema, e);
    if (!rec)
      sink.error('SHEET_LAYOUT', {
        cell: `_scoreseal!A${e.row}`,
        params: { detail: detail(locale, 'detail.logCorrupt', { row: e.row, reason: 'signature' }) },
      });
    else records.push({ rec, index });
  });
  const validity = await verifyBatch(
    plan,
    records.map(({ rec }) => ({ person: rec.person, message: signatureMessage(rec), sig: rec.sig })),
    engine,
  );

  // latest record per (item, role) supersedes earlier ones
  const latest = new Map<string, { scorer?: SignatureState; reviewer?: SignatureState }>();
  // digests are computed only where needed (signed items, or when an item is signed)
  const byCode = new Map(contents.map((c) => [c.node.code, c]));
  const memo = new Map<string, string>();
  const digestOf = (code: string): string => {
    let d = memo.get(code);
    if (d === undefined) {
      const c = byCode.get(code);
      d = c ? itemDigest(unit.id, rubric.fingerprint, maxText(rubric, c.node), { ...c, code }) : '';
      memo.set(code, d);
    }
    return d;
  };
  records.forEach(({ rec, index }, i) => {
    rec.items.forEach((code, j) => {
      const signedDigest = rec.digests[j]!;
      const state: SignatureState = {
        record: rec,
        index,
        signedDigest,
        valid: validity[i] ?? false,
        fresh: digestOf(code) === signedDigest,
      };
      const slot = latest.get(code) ?? {};
      slot[rec.role] = state;
      latest.set(code, slot);
    });
  });

  const roleLabel = { scorer: t(locale, 'role.scorer'), reviewer: t(locale, 'role.reviewer') };
  const roleJoin = locale === 'zh-CN' ? '和' : ' and ';
  const unverifiedReported = new Set<string>();
  const recusedReported = new Set<string>();
  const out: ItemEval[] = [];
  for (const c of contents) {
    const code = c.node.code;
    const slot = latest.get(code) ?? {};
    const p = { item: code, name: c.node.name };
    const row = c.row;
    const cellFor = (role: SignRole): string => addr(row.row, sheet.columns[role]);
    // one SIGNER_MISSING per item, naming the missing role(s), at the first missing cell
    if (c.ok && (!slot.scorer || !slot.reviewer)) {
      const missing = (['scorer', 'reviewer'] as const).filter((r) => !slot[r]);
      sink.error('SIGNER_MISSING', {
        item: code,
        cell: cellFor(missing[0]!),
        params: { ...p, role: missing.map((r) => roleLabel[r]).join(roleJoin) },
      });
    }
    for (const role of ['scorer', 'reviewer'] as const) {
      const s = slot[role];
      if (!s) continue;
      const person = plan.people.get(s.record.person);
      const label = personLabel(plan, s.record.person);
      if (!person || person.role !== 'appraiser')
        sink.error('SIGNER_UNKNOWN', { item: code, cell: cellFor(role), params: { ...p, person: label } });
      else {
        if (!(person.groups ?? []).includes(c.node.group))
          sink.error('SIGNER_NOT_IN_GROUP', { item: code, cell: cellFor(role), params: { ...p, group: c.node.group, person: label } });
        if ((person.recuse ?? []).includes(unit.id) && !recusedReported.has(person.id)) {
          recusedReported.add(person.id);
          sink.error('SIGNER_RECUSED', { item: code, cell: cellFor(role), params: { person: label, unitName: unit.name } });
        }
      }
      if (plan.data.signing === 'name') {
        if (!unverifiedReported.has(s.record.person)) {
          unverifiedReported.add(s.record.person);
          sink.warn('SIGNATURE_UNVERIFIED', { params: { person: label } });
        }
      } else if (!s.valid) sink.error('SIGNATURE_INVALID', { item: code, cell: cellFor(role), params: { item: code, person: label } });
    }
    if (slot.scorer && slot.reviewer && slot.scorer.record.person === slot.reviewer.record.person)
      sink.error('SIGNER_SAME_PERSON', {
        item: code,
        cell: cellFor('reviewer'),
        params: { ...p, person: personLabel(plan, slot.scorer.record.person) },
      });
    const stale = (['scorer', 'reviewer'] as const).filter((r) => slot[r] && !slot[r].fresh);
    if (stale.length)
      sink.error('SIGNED_CONTENT_CHANGED', {
        item: code,
        cell: cellFor(stale[0]!),
        params: {
          ...p,
          detail: stale.map((r) => detail(locale, r === 'scorer' ? 'detail.staleScorer' : 'detail.staleReviewer')).join(locale === 'zh-CN' ? '；' : '; '),
        },
      });
    // names shown on the sheet must be those of the signature records
    for (const role of ['scorer', 'reviewer'] as const) {
      const s = slot[role];
      const cell = row.cells[role];
      if (!s && (cell === null || cell === '')) continue;
      const shown = canonCell(cell);
      const person = s ? plan.people.get(s.record.person) : undefined;
      const expected = s ? (person ? displayName(plan, person) : s.record.person) : '';
      // the plain name is accepted too: a one-unit plan record may not know the namesake
      const accepted = person ? [expected, person.name, ...(person.dept ? [withDept('zh-CN', person.name, person.dept), withDept('en-US', person.name, person.dept)] : [])] : [expected];
      if (!accepted.includes(shown))
        sink.error('SIGNED_CONTENT_CHANGED', {
          item: code,
          cell: cellFor(role),
          params: { ...p, detail: detail(locale, 'detail.signerName', { cell: cellFor(role), found: shown, expected }) },
        });
    }
    out.push({
      content: c,
      digest: () => digestOf(code),
      scorer: slot.scorer ?? null,
      reviewer: slot.reviewer ?? null,
      status: itemStatus(locale, c, slot),
      sampled: false,
      recheck: null,
    });
  }
  return out;
}

/** 签字状态 of one item. */
export function itemStatus(locale: Locale, c: ItemContent, slot: { scorer?: SignatureState; reviewer?: SignatureState }): string {
  if ((slot.scorer && !slot.scorer.fresh) || (slot.reviewer && !slot.reviewer.fresh)) return t(locale, 'status.stale');
  if (!c.ok) return t(locale, 'status.empty');
  if (!slot.scorer) return t(locale, 'status.needScorer');
  if (!slot.reviewer) return t(locale, 'status.needReviewer');
  return t(locale, 'status.signed');
}

interface OversightResult {
  stage: Stage;
  items: ItemEval[];
  sample: SampleRecord | null;
  seal: SealRecord | null;
  unseal: UnsealRecord | null;
}

async function checkOversight(
  ctx: SheetContext,
  items: ItemEval[],
  sink: FindingSink,
  mode: 'validate' | 'verify',
  engine: VerifyEngine,
): Promise<OversightResult> {
  const { plan, unit, rubric, locale, sheet } = ctx;
  const signers = new Set<string>();
  for (const e of ctx.log) if (e.kind === 'signature' && e.record && typeof e.record.person === 'string') signers.add(e.record.person);
  const allSigned = items.length > 0 && items.every((i) => i.scorer?.fresh && i.reviewer?.fresh && i.content.ok);

  const sampleEntries = ctx.log.map((e, i) => ({ e, i })).filter(({ e }) => e.kind === 'sample');
  const sealEntries = ctx.log.map((e, i) => ({ e, i })).filter(({ e }) => e.kind === 'seal');
  const unsealEntries = ctx.log.map((e, i) => ({ e, i })).filter(({ e }) => e.kind === 'unseal');
  const recheckEntries = ctx.log.map((e, i) => ({ e, i })).filter(({ e }) => e.kind === 'recheck');

  const sampleEntry = sampleEntries[0];
  const sample = sampleEntry ? parseRecord<SampleRecord>(SampleRecordSchema, sampleEntry.e) : null;
  const lastSeal = sealEntries.at(-1);
  const seal = lastSeal ? parseRecord<SealRecord>(SealRecordSchema, lastSeal.e) : null;
  const lastUnseal = unsealEntries.at(-1);
  const unseal = lastUnseal ? parseRecord<UnsealRecord>(UnsealRecordSchema, lastUnseal.e) : null;
  const rechecks = recheckEntries.map(({ e, i }) => ({ rec: parseRecord<RecheckRecord>(RecheckRecordSchema, e), i, row: e.row }));

  // oversight signatures: sample, seal and unseal first; the re-check records before a seal
  // that verifies are attested by the seal signature (their digest is in it), so their own
  // signatures are checked only while no valid seal covers them
  const jobs: { person: string; message: object; sig: string }[] = [];
  if (sample) jobs.push({ person: sample.person, message: sampleMessage(sample), sig: sample.sig });
  if (seal) jobs.push({ person: seal.person, message: sealMessage(seal), sig: seal.sig });
  if (unseal) jobs.push({ person: unseal.person, message: unsealMessage(unseal), sig: unseal.sig });
  const ok = await verifyBatch(plan, jobs, engine);
  let j = 0;
  const sampleSigOk = sample ? ok[j++]! : false;
  const sealSigOk = seal ? ok[j++]! : false;
  const unsealSigOk = unseal ? ok[j++]! : false;
  const sealContentOk =
    !!seal &&
    !!lastSeal &&
    sealDigest(canonicalSheet(sheet, unit.id, ctx.log.slice(0, lastSeal.i)), seal.person, seal.sealedAt) === seal.digest;
  const sealCovers = (i: number): boolean => sealContentOk && sealSigOk && !!lastSeal && i < lastSeal.i;
  // only re-checks the sealer made themselves are attested by the seal signature
  const covered = rechecks.length > 0 && sealCovers(rechecks.at(-1)!.i) && rechecks.every((r) => r.rec?.person === seal?.person);
  const recheckOk = covered
    ? rechecks.map((r) => !!r.rec)
    : await (async () => {
        const list = rechecks.filter((r) => r.rec);
        const res = await verifyBatch(
          plan,
          list.map((r) => ({ person: r.rec!.person, message: recheckMessage(r.rec!), sig: r.rec!.sig })),
          engine,
        );
        let k = 0;
        return rechecks.map((r) => (r.rec ? res[k++]! : false));
      })();

  const oversightProblem = (personId: string): string | null => {
    const p = plan.people.get(personId);
    if (!p || p.role !== 'oversight') return detail(locale, 'detail.notOversight');
    if (signers.has(personId)) return detail(locale, 'detail.signedItems');
    return null;
  };
  const reportedOversight = new Set<string>();
  const checkOversightPerson = (personId: string): void => {
    const problem = oversightProblem(personId);
    if (problem && !reportedOversight.has(personId)) {
      reportedOversight.add(personId);
      sink.error('OVERSIGHT_NOT_ALLOWED', { params: { person: personLabel(plan, personId), detail: problem } });
    }
  };

  let stage: Stage = allSigned ? 'signed' : 'filling';
  let sampled = new Set<string>();
  const sampleInvalid = (id: Parameters<typeof detail>[1], params: Record<string, string | number> = {}): void =>
    sink.error('SAMPLE_INVALID', { params: { detail: detail(locale, id, params) } });

  if (sampleEntry && !sample) sampleInvalid('detail.logCorrupt', { row: sampleEntry.e.row, reason: 'sample' });
  if (sample) {
    stage = 'sampled';
    checkOversightPerson(sample.person);
    if (plan.data.signing === 'key' && !sampleSigOk) sampleInvalid('detail.sampleSig');
    const sigBytes = fromBase64(sample.sig);
    const expectedSeed =
      sigBytes && sample.sig
        ? sha256Hex(sigBytes)
        : plan.data.signing === 'name'
          ? sha256Hex(new TextEncoder().encode(JSON.stringify(sampleMessage(sample))))
          : '';
    if (sample.seed !== expectedSeed || !fromHex(sample.seed)) sampleInvalid('detail.sampleSeed');
    const leaves = rubric.leaves.map((n) => ({ code: n.code, group: n.group }));
    const expected = drawSample(sample.seed, leaves, rubric.data.sampleRatio);
    const k = sampleSize(leaves.length, rubric.data.sampleRatio);
    if (sample.items.length !== k) sampleInvalid('detail.sampleSize', { found: sample.items.length, expected: k });
    else if (expected.join('\u0000') !== sample.items.join('\u0000')) sampleInvalid('detail.sampleItems');
    sampled = new Set(sample.items);
    if (sampleEntries.length > 1) sampleInvalid('detail.sampleSeed');
  } else if (mode === 'verify') sink.error('SAMPLE_MISSING');

  // re-checks: latest per item
  const latestRecheck = new Map<string, RecheckRecord>();
  rechecks.forEach((r, i) => {
    if (!r.rec) {
      sink.error('RECHECK_INVALID', {
        params: { item: '?', detail: detail(locale, 'detail.logCorrupt', { row: r.row, reason: 'recheck' }) },
      });
      return;
    }
    const rec = r.rec;
    const bad = (id: Parameters<typeof detail>[1], params: Record<string, string | number> = {}): void =>
      sink.error('RECHECK_INVALID', { item: rec.item, params: { item: rec.item, detail: detail(locale, id, params) } });
    checkOversightPerson(rec.person);
    if (plan.data.signing === 'key' && !recheckOk[i]) bad('detail.sampleSig');
    if (!sampled.has(rec.item)) bad('detail.recheckNotSampled', { item: rec.item });
    if (rec.result === 'adjusted') {
      const node = rubric.byCode.get(rec.item);
      const d = parseDecimal(rec.score);
      const units = node && d ? unitsOf(d, rubric.step) : null;
      if (!node || node.isVeto ? !(rec.score === '是' || rec.score === '否') : units === null || units < 0 || units > node.maxUnits)
        bad('detail.recheckScore', { value: rec.score });
    }
    latestRecheck.set(rec.item, rec);
  });

  const withOversight = items.map((it) => {
    const isSampled = sampled.has(it.content.node.code);
    return { ...it, sampled: isSampled, recheck: isSampled ? (latestRecheck.get(it.content.node.code) ?? null) : null };
  });
  if (sample || mode === 'verify')
    for (const it of withOversight)
      if (it.sampled && !it.recheck)
        sink.error('RECHECK_MISSING', {
          item: it.content.node.code,
          cell: addr(it.content.row.row, sheet.columns.recheck),
          params: { item: it.content.node.code, name: it.content.node.name },
        });

  // seal
  const unsealAfterSeal = lastUnseal && (!lastSeal || lastUnseal.i > lastSeal.i);
  if (lastSeal && !seal)
    sink.error('SEAL_INVALID', { params: { detail: detail(locale, 'detail.logCorrupt', { row: lastSeal.e.row, reason: 'seal' }) } });
  if (seal && lastSeal) {
    stage = 'sealed';
    checkOversightPerson(seal.person);
    if (!sealContentOk) sink.error('SEAL_INVALID', { params: { detail: detail(locale, 'detail.sheetSeal') } });
    else if (plan.data.signing === 'key' && !sealSigOk)
      sink.error('SEAL_INVALID', { params: { detail: detail(locale, 'detail.sealSignature') } });
    const after = ctx.log.slice(lastSeal.i + 1).filter((e) => e.kind !== 'unseal' && e.kind !== 'note');
    if (after.length && !unsealAfterSeal) sink.error('SEAL_INVALID', { params: { detail: detail(locale, 'detail.sheetSeal') } });
    if (seal.code !== sealCode(seal.digest))
      sink.error('SEAL_INVALID', {
        params: { detail: detail(locale, 'detail.sealCode', { found: seal.code, expected: sealCode(seal.digest) }) },
      });
    const shownCode = sheet.footer.sealCode;
    if (shownCode && canonCell(shownCode.value) !== seal.code && !unsealAfterSeal)
      sink.error('SEAL_INVALID', {
        cell: shownCode.cell,
        params: { detail: detail(locale, 'detail.sealCode', { found: canonCell(shownCode.value), expected: seal.code }) },
      });
  } else if (mode === 'verify' && !unsealAfterSeal) sink.error('SEAL_MISSING');
  if (unsealAfterSeal && lastUnseal) {
    stage = 'unsealed';
    const u = unseal;
    const office = u ? plan.people.get(u.person) : undefined;
    const valid = u && office?.role === 'office' && (plan.data.signing === 'name' || unsealSigOk);
    sink.error('SEAL_BROKEN', { params: { person: u ? personLabel(plan, u.person) : '?', reason: u?.reason ?? '?' } });
    if (!valid)
      sink.error('SEAL_INVALID', { params: { detail: detail(locale, 'detail.logCorrupt', { row: lastUnseal.e.row, reason: 'unseal' }) } });
  }

  // re-check cells shown must follow the records (derived cells)
  for (const it of withOversight) {
    const expected = recheckTexts(locale, it, rubric);
    const row = it.content.row;
    const shown = [canonCell(row.cells.recheck), canonCell(row.cells.recheckNote)];
    if (shown[0] !== expected[0] || shown[1] !== expected[1])
      sink.error('SIGNED_CONTENT_CHANGED', {
        item: it.content.node.code,
        cell: addr(row.row, sheet.columns.recheck),
        params: {
          item: it.content.node.code,
          name: it.content.node.name,
          detail: detail(locale, 'detail.signerName', {
            cell: addr(row.row, sheet.columns.recheck),
            found: shown.join(' / '),
            expected: expected.join(' / '),
          }),
        },
      });
  }
  return { stage, items: withOversight, sample, seal, unseal: unsealAfterSeal ? unseal : null };
}

/** 复核结果 / 复核意见 of an item as ScoreSeal writes them. */
export function recheckTexts(locale: Locale, it: Pick<ItemEval, 'sampled' | 'recheck'>, rubric: CompiledRubric): [string, string] {
  if (!it.sampled) return ['', ''];
  if (!it.recheck) return [t(locale, 'recheck.sampled'), ''];
  if (it.recheck.result === 'confirmed') return [t(locale, 'recheck.confirmed'), canonCell(it.recheck.note)];
  const d = parseDecimal(it.recheck.score);
  void rubric;
  return [t(locale, 'recheck.adjusted', { score: d ? formatDecimal(d) : it.recheck.score }), canonCell(it.recheck.note)];
}
