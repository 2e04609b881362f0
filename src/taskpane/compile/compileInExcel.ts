/**
 * The Office's compile inside Excel (SPEC §6): sealed score workbooks (picked files, or the
 * sheets of the open workbook) are verified against the trusted plan, compiled, and written
 * as the summary sheets of the open workbook — the same tables the command line writes
 * (`summaryTables`), so a compile is identical from Excel and from `scoreseal compile`.
 *
 * read (a Web Worker with ExcelJS) → verify (the core, every score sheet, mode 'verify') →
 * compile → write (two syncs). Cancelling stops before the write: a summary is written whole
 * or not at all.
 */
import { compile, type CompileInput, type CompileResult, type UnitStatus, type UnitSummary } from '../../core/compile/compile';
import { summaryTables, type SummaryTable } from '../../core/compile/tables';
import type { Finding } from '../../core/findings';
import { loadPlan, type Plan } from '../../core/plan/plan';
import { setupToPlan } from '../../core/plan/setup';
import { evaluateSheet, type SheetReport } from '../../core/rules/evaluate';
import { decodeLog } from '../../core/sheet/log';
import { findHeaderRow } from '../../core/sheet/parse';
import type { RawWorkbook } from '../../core/sheet/patch';
import { readWorkbook, run } from '../../office';
import { readSetupSheets } from '../../office/setup';
import { readRegisterSheet } from '../../office/register';
import { parseRegister, REGISTER_SHEET, type Register } from '../../core/rules/register';
import { writeSummary, type SummaryWriteResult } from '../../office/summary';
import {
  inProcessReader,
  leanOpener,
  ReaderCancelled,
  ReaderFailed,
  workerReader,
  type OpenBuffer,
  type ReadErrorCode,
  type ReadFile,
  type ReadOutcome,
  type WorkbookReader,
} from './reader';

/* ------------------------------------------------------------------------------------------ */
/* types                                                                                        */
/* ------------------------------------------------------------------------------------------ */

export type CompileErrorCode =
  /** the signal was aborted before the summary was written; nothing was written */
  | 'CANCELLED'
  /** no file was given */
  | 'NO_FILES'
  /** no file (or the open workbook) holds a score sheet: nothing to compile, nothing written */
  | 'NO_SCORE_SHEETS'
  /** the file reader could not run (worker or its chunk failed to load) */
  | 'READER_FAILED'
  /** the open workbook's 封袋登记 sheet has a row that cannot be read: nothing is checked against it */
  | 'REGISTER_INVALID';

/** A compile that did not reach the write, with the reason as a stable code. */
export class CompileError extends Error {
  override readonly name = 'CompileError';
  readonly code: CompileErrorCode;
  override readonly cause: unknown;
  constructor(code: CompileErrorCode, cause?: unknown) {
    super(`Compile: ${code}`);
    this.code = code;
    this.cause = cause;
  }
}

/** One score sheet as verified and compiled. */
export interface SheetOutcome {
  readonly sheet: string;
  readonly unit: string;
  readonly unitName: string;
  readonly category: string;
  /** 'verified' when it passed verification and entered the ranking */
  readonly status: UnitStatus;
  readonly findings: readonly Finding[];
  /** the unit's summary row (total, grade, rank — null rank when failed) */
  readonly summary: UnitSummary | null;
}

/** One input file (or the open workbook) and what became of it. */
export interface FileOutcome {
  readonly file: string;
  /** 'read': opened, with the score sheets below; 'unreadable': see `error`; 'noScoreSheet': opened, no score table in it */
  readonly status: 'read' | 'unreadable' | 'noScoreSheet';
  readonly error: ReadErrorCode | null;
  readonly sheets: readonly SheetOutcome[];
}

/** Everything a compile decided, before it is written. */
export interface CompileReport {
  readonly files: readonly FileOutcome[];
  readonly result: CompileResult;
  readonly tables: readonly SummaryTable[];
}

export interface CompileOutcome extends CompileReport {
  readonly written: SummaryWriteResult;
}

/**
 * Progress, in this order: `read` once per file, `verified` once per file, `writing` once
 * (with the report: results can be shown even if the write then fails; cancelling is no
 * longer possible), `written` once.
 */
export type CompileProgress =
  | { readonly phase: 'read'; readonly done: number; readonly total: number; readonly file: string }
  | { readonly phase: 'verified'; readonly done: number; readonly total: number; readonly file: string }
  | { readonly phase: 'writing'; readonly report: CompileReport }
  | { readonly phase: 'written'; readonly written: SummaryWriteResult };

export interface CompileOptions {
  /** the trusted plan (the Office's) */
  readonly plan: Plan;
  readonly onProgress?: ((p: CompileProgress) => void) | undefined;
  /** aborting stops the compile before anything is written */
  readonly signal?: AbortSignal | undefined;
}

export interface CompileFilesOptions extends CompileOptions {
  readonly files: readonly ReadFile[];
}

/** Where the summary goes: the open workbook through `run` (tests may pass another writer with the same contract). */
export type SummaryWriter = (tables: readonly SummaryTable[]) => Promise<SummaryWriteResult>;

export interface CompileDeps {
  /** how files are read (default: the Web Worker) */
  readonly reader?: WorkbookReader;
  readonly writer?: SummaryWriter;
  /** the envelope register (default: the open workbook's 封袋登记 sheet; null when it has none) */
  readonly register?: () => Promise<Register | null>;
}

/** The open workbook's envelope register (one sync): null when there is no 封袋登记 sheet. */
export async function workbookRegister(): Promise<Register | null> {
  const rows = await run((context) => readRegisterSheet(context));
  if (rows === null) return null;
  const { register, problems } = parseRegister(rows, REGISTER_SHEET);
  if (problems.length) throw new CompileError('REGISTER_INVALID', problems);
  return register;
}

/* ------------------------------------------------------------------------------------------ */
/* plans                                                                                        */
/* ------------------------------------------------------------------------------------------ */

/** The trusted plan, or where its source is wrong (a JSON path or a sheet and cell). */
export type PlanLoad =
  | { readonly ok: true; readonly plan: Plan }
  | { readonly ok: false; readonly issues: readonly { readonly where: string; readonly message: string }[] };

/** The plan from plan JSON text (`scoreseal/plan@1`). */
export function planFromJson(text: string): PlanLoad {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, issues: [{ where: '(JSON)', message: 'not valid JSON' }] };
  }
  const r = loadPlan(json);
  return r.ok ? { ok: true, plan: r.plan } : { ok: false, issues: r.issues.map((i) => ({ where: i.path, message: i.message })) };
}

/** The plan from the setup sheets (设置, 细则设置, 细则, 人员, 单位) of the open workbook: one sync. */
export async function planFromSetupSheets(): Promise<PlanLoad> {
  const tables = await run((context) => readSetupSheets(context));
  const r = setupToPlan(tables);
  return r.ok ? { ok: true, plan: r.plan } : { ok: false, issues: r.issues };
}

/* ------------------------------------------------------------------------------------------ */
/* compile                                                                                      */
/* ------------------------------------------------------------------------------------------ */

const defaultWriter: SummaryWriter = (tables) => run((context) => writeSummary(context, tables));

/** The worker reader, its module fetched on first use (see ./spawn.ts). */
const viaWorker: WorkbookReader = workerReader(async () =>
  (await import(/* webpackChunkName: "compile-worker" */ './spawn')).spawnReaderWorker(),
);

/** Where a host has no Web Workers: the same reading in the pane's thread, the reader still fetched only now. */
const inPane: WorkbookReader = async (files, hooks) => {
  let open: OpenBuffer;
  try {
    open = await leanOpener();
  } catch (e) {
    throw new ReaderFailed(e);
  }
  return inProcessReader(open)(files, hooks);
};

/** The default reader: a Web Worker where the host has them, else the pane's thread. */
export const defaultReader: WorkbookReader = (files, hooks) => (typeof Worker === 'function' ? viaWorker : inPane)(files, hooks);

function checkAbort(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CompileError('CANCELLED');
}

/** One workbook's score sheets evaluated in verify mode against the trusted plan (the log decoded once). */
async function verifyWorkbook(
  raw: RawWorkbook,
  plan: Plan,
  register: Register | null,
  outside: Readonly<Record<string, string>> = {},
): Promise<SheetReport[]> {
  const log = raw.log ? decodeLog(raw.log) : undefined;
  const reports: SheetReport[] = [];
  for (const sheet of raw.sheets) {
    if (findHeaderRow(sheet.cells) === null) continue;
    reports.push(
      await evaluateSheet({ raw: sheet, logRows: raw.log, log, trusted: plan, mode: 'verify', register, outside: outside[sheet.name] }),
    );
  }
  return reports;
}

/** Verify, compile, write: the shared tail of both compiles. */
async function verifyCompileWrite(
  outcomes: readonly ReadOutcome[],
  options: CompileOptions,
  writer: SummaryWriter,
  register: Register | null,
): Promise<CompileOutcome> {
  const { plan, onProgress, signal } = options;
  const perFile: { outcome: ReadOutcome; reports: SheetReport[] }[] = [];
  for (const [i, outcome] of outcomes.entries()) {
    checkAbort(signal);
    perFile.push({ outcome, reports: 'raw' in outcome ? await verifyWorkbook(outcome.raw, plan, register, outcome.outside) : [] });
    onProgress?.({ phase: 'verified', done: i + 1, total: outcomes.length, file: outcome.file });
  }
  // the command line compiles what it could read: every score sheet of every readable file, in file order
  const inputs: CompileInput[] = perFile.flatMap(({ outcome, reports }) => reports.map((report) => ({ file: outcome.file, report })));
  if (!inputs.length) throw new CompileError('NO_SCORE_SHEETS');
  const result = compile(plan, inputs, { register: register !== null });
  const tables = summaryTables(plan, result);
  const report: CompileReport = { files: fileOutcomes(perFile, result), result, tables };
  checkAbort(signal);
  onProgress?.({ phase: 'writing', report });
  const written = await writer(tables);
  onProgress?.({ phase: 'written', written });
  return { ...report, written };
}

function fileOutcomes(perFile: readonly { outcome: ReadOutcome; reports: readonly SheetReport[] }[], result: CompileResult): FileOutcome[] {
  const unclaimed = [...result.summary];
  return perFile.map(({ outcome, reports }) => {
    if ('error' in outcome) return { file: outcome.file, status: 'unreadable', error: outcome.error, sheets: [] };
    const sheets = reports.map((r): SheetOutcome => {
      const i = unclaimed.findIndex((s) => s.file === outcome.file && s.unit === r.unit);
      const summary = i >= 0 ? unclaimed.splice(i, 1)[0]! : null;
      return {
        sheet: r.sheetName,
        unit: r.unit,
        unitName: r.unitName,
        category: r.category,
        status: summary?.status ?? 'failed',
        // the sheet's own findings, and what compile found about it (a unit in more than one sheet)
        findings: [
          ...r.findings,
          ...result.findings.filter((f) => f.code === 'DUPLICATE_UNIT' && f.file === outcome.file && f.unit === r.unit),
        ],
        summary,
      };
    });
    return { file: outcome.file, status: sheets.length ? 'read' : 'noScoreSheet', error: null, sheets };
  });
}

/**
 * Compiles picked workbooks into the open workbook's summary sheets.
 *
 * @throws {CompileError} CANCELLED (nothing written), NO_FILES, NO_SCORE_SHEETS, READER_FAILED
 * @throws {SummaryTargetError} when the open workbook cannot take the summary (structure protected, name taken)
 * @throws {OfficeEdgeError} when Excel refuses the write
 */
export async function compileFiles(options: CompileFilesOptions, deps: CompileDeps = {}): Promise<CompileOutcome> {
  const { files, signal, onProgress } = options;
  if (!files.length) throw new CompileError('NO_FILES');
  checkAbort(signal);
  const reader = deps.reader ?? defaultReader;
  const register = await (deps.register ?? workbookRegister)();
  let outcomes: ReadOutcome[];
  try {
    outcomes = await reader(files, {
      signal,
      onRead: (done, total, outcome) => onProgress?.({ phase: 'read', done, total, file: outcome.file }),
    });
  } catch (e) {
    if (e instanceof ReaderCancelled) throw new CompileError('CANCELLED', e);
    if (e instanceof ReaderFailed) throw new CompileError('READER_FAILED', e);
    throw e;
  }
  return verifyCompileWrite(outcomes, options, deps.writer ?? defaultWriter, register);
}

/**
 * Compiles the score sheets already in the open workbook. A workbook whose sheets were sealed
 * here has its structure protected: the write then fails with STRUCTURE_PROTECTED (after the
 * `writing` progress event, which carries the results) — compile such sheets into another
 * workbook with {@link compileFiles}.
 *
 * @throws as {@link compileFiles}
 */
export async function compileOpenWorkbook(
  options: CompileOptions,
  deps: Pick<CompileDeps, 'writer' | 'register'> = {},
): Promise<CompileOutcome> {
  checkAbort(options.signal);
  const register = await (deps.register ?? workbookRegister)();
  const { name, raw } = await run(async (context) => {
    // travels with readWorkbook's first sync
    const workbook = context.workbook.load('name');
    const read = await readWorkbook(context);
    return { name: workbook.name, raw: read };
  });
  const file = name || 'workbook';
  options.onProgress?.({ phase: 'read', done: 1, total: 1, file });
  return verifyCompileWrite([{ file, raw }], options, deps.writer ?? defaultWriter, register);
}

/* ------------------------------------------------------------------------------------------ */
/* for the view                                                                                 */
/* ------------------------------------------------------------------------------------------ */

/** What the compile view can do; tests pass their own. */
export interface CompileActions {
  readonly planFromSetup: () => Promise<PlanLoad>;
  readonly planFromJson: (text: string) => PlanLoad;
  readonly compileFiles: (options: CompileFilesOptions) => Promise<CompileOutcome>;
  readonly compileOpenWorkbook: (options: CompileOptions) => Promise<CompileOutcome>;
}

/** The compile actions over the real Office.js edge (`Excel.run`) and the worker reader. */
export function createCompileActions(deps: CompileDeps = {}): CompileActions {
  return {
    planFromSetup: planFromSetupSheets,
    planFromJson,
    compileFiles: (options) => compileFiles(options, deps),
    compileOpenWorkbook: (options) => compileOpenWorkbook(options, deps),
  };
}
