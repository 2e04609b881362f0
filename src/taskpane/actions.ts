/**
 * What the task pane can do, wired from the Office.js edge (read, patch, render, select, write
 * the summary), the compile's file reader (a Web Worker) and the pure core (evaluate, sign,
 * sample, re-check, seal, setup → plan, template).
 *
 * Components never touch Excel: they receive a {@link PaneActions} object as a prop. The real
 * one ({@link createOfficeActions}) runs over `Excel.run` — in Excel, or in tests over the
 * Excel test double — and a test can pass a fake instead.
 *
 * Every step that changes a sheet is one read sync, a computation in the core, and one write
 * sync; the report shown afterwards is recomputed from what was read plus the patch that was
 * written, not read again.
 */
import { deriveKeyPair, type KeyPair } from '../core/crypto/ed25519';
import type { Locale } from '../core/i18n/catalog';
import type { Params } from './i18n';
import type { Refusal } from '../core/i18n/render';
import { setupToPlan, type SetupIssue } from '../core/plan/setup';
import type { Plan } from '../core/plan/plan';
import { evaluateSheet, type SheetReport } from '../core/rules/evaluate';
import { canonCell } from '../core/sheet/cells';
import { patchedCells, type SheetPatch } from '../core/sheet/patch';
import { buildTemplate } from '../core/sheet/template';
import type { RecheckResult, SignRole } from '../core/signing/records';
import {
  drawSampleAction,
  recheckAction,
  sealAction,
  signableItems,
  signItems,
  statusPatch,
  type ActionResult,
} from '../core/workflow/actions';
import {
  applyPatch,
  listScoreSheets,
  readActiveScoreSheet,
  readScoreSheet,
  readSetupSheets,
  readWorkbook,
  renderTemplate,
  run,
  selectCell,
  supports,
  writeSummary,
  type ScoreSheetRead,
} from '../office';
import { defaultReader, readPlanFile, type OpenWorkbookRead, type PlanLoad, type SummaryWriter } from './compile/compileInExcel';
import type { WorkbookReader } from './compile/reader';
import type { UiMessageId } from './i18n';
import { readSheetAndSelection, type SelectedRows } from '../office/selection';
import { appendEnvelope, readRegisterSheet } from '../office/register';
import { checkNewEnvelope, envelopeRow, parseRegister, REGISTER_SHEET, type Register, type RegisterProblem } from '../core/rules/register';

/** Why a step was refused: the core's refusal (shown in the plan's language) or a pane message. */
export type Reason = { readonly refusal: Refusal; readonly locale: Locale } | { readonly id: UiMessageId; readonly params?: Params };

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reasons: readonly Reason[] };

/** A score sheet as last read, evaluated against the plan embedded in the workbook. */
export interface SheetSnapshot {
  readonly sheetName: string;
  readonly report: SheetReport;
}

export interface ValidateResult {
  readonly snapshot: SheetSnapshot;
  /** 'written': derived cells were brought up to date; 'unchanged': they already were; 'skipped': sealed or unreadable */
  readonly statuses: 'written' | 'unchanged' | 'skipped';
}

/** Who acts, with their key (null in name-only plans). */
export interface Actor {
  readonly person: string;
  readonly key: KeyPair | null;
}

export type SignScope = { readonly kind: 'selection' } | { readonly kind: 'block'; readonly block: string } | { readonly kind: 'all' };

export interface RecheckInput {
  readonly item: string;
  readonly result: RecheckResult;
  readonly score?: string;
  readonly note: string;
}

/** The people of a plan, for enrolment: from the setup sheets, or from a score sheet's embedded plan. */
export type Roster =
  | { readonly kind: 'setup'; readonly plan: Plan }
  | { readonly kind: 'sheet'; readonly plan: Plan; readonly sheetName: string }
  | { readonly kind: 'setupInvalid'; readonly issues: readonly SetupIssue[] }
  | { readonly kind: 'none' };

export type SetupRead = { readonly ok: true; readonly plan: Plan } | { readonly ok: false; readonly issues: readonly SetupIssue[] };

export type GenerateResult =
  | { readonly unit: string; readonly ok: true; readonly sheetName: string }
  | { readonly unit: string; readonly ok: false; readonly error: unknown };

export interface Capabilities {
  /** ExcelApi 1.8: data validation on generated sheets */
  readonly validation: boolean;
  /** ExcelApi 1.9: print setup on generated sheets */
  readonly pageLayout: boolean;
}

export interface PaneActions {
  /** names of the worksheets holding a score table */
  readonly listScoreSheets: () => Promise<string[]>;
  /** reads a sheet (the active one by default), evaluates it, writes the derived status cells */
  readonly validate: (sheetName?: string) => Promise<ValidateResult>;
  readonly selectCell: (sheetName: string, address: string) => Promise<void>;
  /** reads and evaluates a sheet (the active one by default) without writing */
  readonly loadSheet: (sheetName?: string) => Promise<SheetSnapshot>;
  readonly loadRoster: () => Promise<Roster>;
  readonly deriveKey: (passphrase: string, planTitle: string, personId: string) => Promise<KeyPair>;
  readonly sign: (
    sheetName: string,
    actor: Actor,
    role: SignRole,
    scope: SignScope,
  ) => Promise<Outcome<{ items: readonly string[]; snapshot: SheetSnapshot }>>;
  readonly drawSample: (sheetName: string, actor: Actor) => Promise<Outcome<{ items: readonly string[]; snapshot: SheetSnapshot }>>;
  readonly recheck: (sheetName: string, actor: Actor, input: RecheckInput) => Promise<Outcome<{ item: string; snapshot: SheetSnapshot }>>;
  readonly seal: (sheetName: string, actor: Actor, password: string) => Promise<Outcome<{ code: string; snapshot: SheetSnapshot }>>;
  readonly readSetup: () => Promise<SetupRead>;
  readonly generateSheets: (plan: Plan, unitIds: readonly string[]) => Promise<GenerateResult[]>;
  readonly capabilities: () => Capabilities;
  /** the envelope register (封袋登记) of the open workbook */
  readonly readRegister: () => Promise<RegisterRead>;
  /** adds an envelope's seal code as it arrives (refused when malformed or already registered) */
  readonly addEnvelope: (
    plan: Plan,
    unit: string,
    typedCode: string,
    received: string,
  ) => Promise<Outcome<{ readonly code: string; readonly row: number; readonly otherValid: readonly string[] }>>;

  /* the compile (./compile/compileInExcel.ts runs the steps over these) */
  /** the trusted plan from a picked plan JSON file; throws CompileError PLAN_FILE when the file cannot be read */
  readonly readPlanFile: (file: Blob) => Promise<PlanLoad>;
  /** reads picked .xlsx files into plain data, off the pane's thread (a Web Worker where the host has them) */
  readonly readFiles: WorkbookReader;
  /** the open workbook's sheets and log, and its name (to compile the score sheets already in it) */
  readonly readWorkbook: () => Promise<OpenWorkbookRead>;
  /** writes the summary sheets (汇总, 考核人员分析, 问题清单) into the open workbook, replacing earlier ones */
  readonly writeSummary: SummaryWriter;
}

/** What the compile view and the compile use of the pane's actions. */
export type CompileActions = Pick<
  PaneActions,
  'readSetup' | 'readPlanFile' | 'readRegister' | 'readFiles' | 'readWorkbook' | 'writeSummary'
>;

/** The envelope register as read from the open workbook. */
export type RegisterRead =
  | { readonly kind: 'none' }
  | { readonly kind: 'ok'; readonly register: Register }
  | { readonly kind: 'invalid'; readonly problems: readonly RegisterProblem[] };

/** Reads and parses the 封袋登记 sheet (one sync). */
export async function readRegister(): Promise<RegisterRead> {
  const rows = await run((context) => readRegisterSheet(context));
  if (rows === null) return { kind: 'none' };
  const { register, problems } = parseRegister(rows, REGISTER_SHEET);
  return problems.length ? { kind: 'invalid', problems } : { kind: 'ok', register };
}

/* ------------------------------------------------------------------------------------------ */

function evaluate(read: ScoreSheetRead): Promise<SheetReport> {
  return evaluateSheet({ raw: read.sheet, logRows: read.log, trusted: null });
}

async function snapshotOf(read: ScoreSheetRead): Promise<SheetSnapshot> {
  return { sheetName: read.sheet.name, report: await evaluate(read) };
}

/** The read as it stands after `patch` was written (cells and log), to re-evaluate without reading again. */
export function patchedRead(read: ScoreSheetRead, patch: SheetPatch): ScoreSheetRead {
  const { cells, log } = patchedCells(read.sheet.cells, read.log, patch);
  return {
    ...read,
    sheet: { ...read.sheet, cells },
    log,
    state: {
      sheetProtected: read.state.sheetProtected || !!patch.seal,
      structureProtected: patch.unseal ? false : read.state.structureProtected || !!patch.seal,
      logRows: log ? log.length : null,
    },
  };
}

/** Whether writing `patch` would change any cell of the sheet as read. */
export function patchChangesCells(read: ScoreSheetRead, patch: SheetPatch): boolean {
  return patch.writes.some((block) =>
    block.values.some((values, i) =>
      values.some((v, j) => canonCell(read.sheet.cells[block.row - 1 + i]?.[block.col + j] ?? null) !== canonCell(v)),
    ),
  );
}

/** The core's refusal, shown in the plan's locale (ReasonsBar renders it). */
const refusedBy = (reasons: readonly Refusal[], locale: Locale): { ok: false; reasons: Reason[] } => ({
  ok: false,
  reasons: reasons.map((refusal) => ({ refusal, locale })),
});

/** Writes an action's patch in one sync and returns the re-evaluated sheet, or the core's refusal. */
async function commit<T, V>(
  read: ScoreSheetRead,
  result: ActionResult<T>,
  value: (r: T, snapshot: SheetSnapshot) => V,
): Promise<Outcome<V>> {
  if (!result.ok) return refusedBy(result.reasons, result.locale);
  const { patch } = result;
  await run((context) => applyPatch(context, patch, { state: read.state }));
  const snapshot = await snapshotOf(patchedRead(read, patch));
  return { ok: true, value: value(result.result, snapshot) };
}

const readSheet = (sheetName: string): Promise<ScoreSheetRead> => run((context) => readScoreSheet(context, sheetName));

/** Item codes a sign scope names, given the sheet as read and (for 'selection') the selected rows. */
function scopeItems(
  report: SheetReport,
  actor: Actor,
  role: SignRole,
  scope: SignScope,
  selection: SelectedRows | null,
): readonly string[] | 'all' {
  switch (scope.kind) {
    case 'all':
      return 'all';
    case 'block': {
      const mine = new Set(signableItems(report, actor.person, role));
      return report.items
        .filter((i) => i.content.node.block === scope.block && mine.has(i.content.node.code))
        .map((i) => i.content.node.code);
    }
    case 'selection': {
      const rows = selection ?? { firstRow: 0, lastRow: -1 };
      return report.items
        .filter((i) => i.content.row.row >= rows.firstRow && i.content.row.row <= rows.lastRow)
        .map((i) => i.content.node.code);
    }
  }
}

/** The pane's actions over the real Office.js edge (`Excel.run`). */
export function createOfficeActions(): PaneActions {
  const loadSheet = async (sheetName?: string): Promise<SheetSnapshot> => {
    const read = await run((context) => (sheetName ? readScoreSheet(context, sheetName) : readActiveScoreSheet(context)));
    return snapshotOf(read);
  };
  return {
    listScoreSheets: () => run((context) => listScoreSheets(context)),

    async validate(sheetName) {
      const read = await run((context) => (sheetName ? readScoreSheet(context, sheetName) : readActiveScoreSheet(context)));
      const snapshot = await snapshotOf(read);
      const patch = statusPatch(snapshot.report);
      if (!patch) return { snapshot, statuses: 'skipped' };
      if (!patchChangesCells(read, patch)) return { snapshot, statuses: 'unchanged' };
      await run((context) => applyPatch(context, patch, { state: read.state }));
      return { snapshot: await snapshotOf(patchedRead(read, patch)), statuses: 'written' };
    },

    selectCell: (sheetName, address) => run((context) => selectCell(context, sheetName, address)),

    loadSheet,

    async loadRoster() {
      const tables = await run((context) => readSetupSheets(context));
      if (Object.keys(tables).length) {
        const setup = setupToPlan(tables);
        return setup.ok ? { kind: 'setup', plan: setup.plan } : { kind: 'setupInvalid', issues: setup.issues };
      }
      const snapshot = await loadSheet();
      const plan = snapshot.report.ctx?.plan;
      return plan ? { kind: 'sheet', plan, sheetName: snapshot.sheetName } : { kind: 'none' };
    },

    deriveKey: (passphrase, planTitle, personId) => deriveKeyPair(passphrase, planTitle, personId),

    async sign(sheetName, actor, role, scope) {
      const { read, selection } =
        scope.kind === 'selection'
          ? await run((context) => readSheetAndSelection(context, sheetName))
          : { read: await readSheet(sheetName), selection: null };
      if (selection && selection.sheetName.toLowerCase() !== sheetName.toLowerCase())
        return { ok: false, reasons: [{ id: 'sign.selectionElsewhere', params: { sheet: sheetName } }] };
      const report = await evaluate(read);
      const items = scopeItems(report, actor, role, scope, selection);
      const result = signItems(report, { role, person: actor.person, key: actor.key, items });
      return commit(read, result, (r, snapshot) => ({ items: r.record.items, snapshot }));
    },

    async drawSample(sheetName, actor) {
      const read = await readSheet(sheetName);
      const report = await evaluate(read);
      return commit(read, drawSampleAction(report, actor), (r, snapshot) => ({ items: r.record.items, snapshot }));
    },

    async recheck(sheetName, actor, input) {
      const read = await readSheet(sheetName);
      const report = await evaluate(read);
      const result = recheckAction(report, { ...actor, item: input.item, result: input.result, score: input.score, note: input.note });
      return commit(read, result, (r, snapshot) => ({ item: r.record.item, snapshot }));
    },

    async seal(sheetName, actor, password) {
      const read = await readSheet(sheetName);
      const report = await evaluate(read);
      return commit(read, sealAction(report, { ...actor, password }), (r, snapshot) => ({ code: r.record.code, snapshot }));
    },

    async readSetup() {
      const tables = await run((context) => readSetupSheets(context));
      const setup = setupToPlan(tables);
      return setup.ok ? { ok: true, plan: setup.plan } : { ok: false, issues: setup.issues };
    },

    async generateSheets(plan, unitIds) {
      const results: GenerateResult[] = [];
      // one unit after the other: each is its own batch, and a failure names its unit
      for (const unit of unitIds) {
        const tpl = buildTemplate(plan, unit);
        try {
          const rendered = await run((context) => renderTemplate(context, tpl));
          results.push({ unit, ok: true, sheetName: rendered.sheetName });
        } catch (error) {
          results.push({ unit, ok: false, error });
        }
      }
      return results;
    },

    capabilities: () => ({ validation: supports('1.8'), pageLayout: supports('1.9') }),

    readRegister,

    async addEnvelope(plan, unit, typedCode, received) {
      const read = await readRegister();
      if (read.kind === 'invalid') return { ok: false, reasons: [{ id: 'register.invalid', params: { row: read.problems[0]!.row } }] };
      const check = checkNewEnvelope(read.kind === 'ok' ? read.register : null, new Set(plan.units.keys()), unit, typedCode);
      const shown = `${plan.units.get(unit)?.name ?? unit}（${unit}）`;
      if (!check.ok) return { ok: false, reasons: [{ id: `register.refused.${check.problem}`, params: { code: typedCode, unit: shown } }] };
      const written = await run((context) => appendEnvelope(context, envelopeRow(plan.locale, unit, check.code, received), plan.locale));
      return { ok: true, value: { code: check.code, row: written.row, otherValid: check.otherValid } };
    },

    readPlanFile,

    readFiles: defaultReader,

    readWorkbook: () =>
      run(async (context) => {
        // travels with readWorkbook's first sync
        const workbook = context.workbook.load('name');
        const raw = await readWorkbook(context);
        return { name: workbook.name, raw };
      }),

    writeSummary: (tables) => run((context) => writeSummary(context, tables)),
  };
}
