/**
 * The Office's compile inside Excel (SPEC §6): sealed score workbooks (picked files, or the
 * sheets of the open workbook) are verified against the trusted plan, compiled, and written
 * as the summary sheets of the open workbook — the same tables the command line writes
 * (`summaryTables`), so a compile is identical from Excel and from `scoreseal compile`.
 *
 * read (a Web Worker with the lean reader) → verify (the core, every score sheet, mode
 * 'verify') → compile → write (two syncs). Cancelling stops before the write: a summary is
 * written whole or not at all.
 *
 * Everything that touches Excel or the files goes through the pane's actions
 * ({@link CompileActions}, part of `PaneActions`, created at the root): reading the picked
 * files, the open workbook, the plan and the envelope register, and writing the summary. What
 * is here is the order of the steps, progress and cancelling.
 */
import { compile, type CompileInput, type CompileResult, type UnitStatus, type UnitSummary } from '../../core/compile/compile';
import { summaryTables, type SummaryTable } from '../../core/compile/tables';
import type { Finding } from '../../core/findings';
import type { Locale } from '../../core/i18n/catalog';
import { evaluateWorkbook, parsePlanText } from '../../core/app/workbook';
import type { Plan } from '../../core/plan/plan';
import type { SheetReport } from '../../core/rules/report';
import type { RawWorkbook } from '../../core/sheet/patch';
import type { Register } from '../../core/rules/register';
import type { SummaryWriteResult } from '../../office/summary';
import type { CompileActions, SetupRead } from '../actions';
import { CompileError } from './compileError';
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

export { CompileError, type CompileErrorCode } from './compileError';

/** One score sheet as verified and compiled. */
export interface SheetOutcome {
  readonly sheet: string;
  readonly unit: string;
  readonly unitName: string;
  readonly category: string;
  /** 'verified' when it passed verification and entered the ranking */
  readonly status: UnitStatus;
  readonly findings: readonly Finding[];
  /** the locale the findings are shown in (the plan's) */
  readonly locale: Locale;
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
  /** the file name of an open workbook that has none (the pane passes its catalog's word; default 'workbook') */
  readonly unnamed?: string | undefined;
}

export interface CompileFilesOptions extends CompileOptions {
  readonly files: readonly ReadFile[];
}

/** Where the summary goes: the open workbook (the pane's `writeSummary` action). */
export type SummaryWriter = (tables: readonly SummaryTable[]) => Promise<SummaryWriteResult>;

/** The open workbook as one compile input: its name (the file column of the summary) and its sheets. */
export interface OpenWorkbookRead {
  /** Excel's name of the workbook ('' when it has none) */
  readonly name: string;
  readonly raw: RawWorkbook;
}

/** The envelope register to check against: null when the open workbook has no 封袋登记 sheet. */
async function registerOf(actions: Pick<CompileActions, 'readRegister'>): Promise<Register | null> {
  const read = await actions.readRegister();
  if (read.kind === 'invalid') throw new CompileError('REGISTER_INVALID', read.problems);
  return read.kind === 'ok' ? read.register : null;
}

/* ------------------------------------------------------------------------------------------ */
/* plans                                                                                        */
/* ------------------------------------------------------------------------------------------ */

/**
 * The trusted plan, or why not: where its source is wrong (a JSON path, or a sheet and cell of
 * the setup sheets; the messages are the core's), or a plan file that is not JSON at all.
 */
export type PlanLoad = SetupRead | { readonly ok: false; readonly notJson: true };

/** The plan from plan JSON text (`scoreseal/plan@1`). */
export function planFromJson(text: string): PlanLoad {
  const r = parsePlanText(text);
  if (r.ok) return { ok: true, plan: r.plan };
  if (r.issues.length === 1 && r.issues[0]!.problem.id === 'plan.notJson') return { ok: false, notJson: true };
  return { ok: false, issues: r.issues.map((i) => ({ where: i.path, problem: i.problem })) };
}

/** A picked file's bytes (FileReader where Blob.arrayBuffer is missing). */
export function bytesOf(file: Blob): Promise<ArrayBuffer> {
  if (typeof file.arrayBuffer === 'function') return file.arrayBuffer();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error ?? new Error('FileReader failed'));
    reader.readAsArrayBuffer(file);
  });
}

/** A picked file's text (UTF-8). */
async function textOf(file: Blob): Promise<string> {
  if (typeof file.text === 'function') return file.text();
  return new TextDecoder().decode(await bytesOf(file));
}

/**
 * The plan from a picked plan JSON file (the pane's `readPlanFile` action).
 *
 * @throws {CompileError} PLAN_FILE when the browser cannot read the file
 */
export async function readPlanFile(file: Blob): Promise<PlanLoad> {
  let text: string;
  try {
    text = await textOf(file);
  } catch (e) {
    throw new CompileError('PLAN_FILE', e);
  }
  return planFromJson(text);
}

/* ------------------------------------------------------------------------------------------ */
/* compile                                                                                      */
/* ------------------------------------------------------------------------------------------ */

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
    perFile.push({
      outcome,
      reports:
        'raw' in outcome
          ? await evaluateWorkbook(outcome.raw, { trusted: plan, mode: 'verify', register, outside: outcome.outside ?? {} })
          : [],
    });
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
        locale: r.locale,
        summary,
      };
    });
    return { file: outcome.file, status: sheets.length ? 'read' : 'noScoreSheet', error: null, sheets };
  });
}

/**
 * Compiles picked workbooks into the open workbook's summary sheets.
 *
 * @throws {CompileError} CANCELLED (nothing written), NO_FILES, NO_SCORE_SHEETS, READER_FAILED, REGISTER_INVALID
 * @throws {SummaryTargetError} when the open workbook cannot take the summary (structure protected, name taken)
 * @throws {OfficeEdgeError} when Excel refuses the write
 */
export async function compileFiles(
  options: CompileFilesOptions,
  actions: Pick<CompileActions, 'readFiles' | 'readRegister' | 'writeSummary'>,
): Promise<CompileOutcome> {
  const { files, signal, onProgress } = options;
  if (!files.length) throw new CompileError('NO_FILES');
  checkAbort(signal);
  const register = await registerOf(actions);
  let outcomes: ReadOutcome[];
  try {
    outcomes = await actions.readFiles(files, {
      signal,
      onRead: (done, total, outcome) => onProgress?.({ phase: 'read', done, total, file: outcome.file }),
    });
  } catch (e) {
    if (e instanceof ReaderCancelled) throw new CompileError('CANCELLED', e);
    if (e instanceof ReaderFailed) throw new CompileError('READER_FAILED', e);
    throw e;
  }
  return verifyCompileWrite(outcomes, options, actions.writeSummary, register);
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
  actions: Pick<CompileActions, 'readWorkbook' | 'readRegister' | 'writeSummary'>,
): Promise<CompileOutcome> {
  checkAbort(options.signal);
  const register = await registerOf(actions);
  const { name, raw } = await actions.readWorkbook();
  const file = name || (options.unnamed ?? 'workbook');
  options.onProgress?.({ phase: 'read', done: 1, total: 1, file });
  return verifyCompileWrite([{ file, raw }], options, actions.writeSummary, register);
}
