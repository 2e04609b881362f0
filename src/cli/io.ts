/**
 * Command-line I/O: plans, workbooks, passphrases and output. Every failure becomes a
 * UsageError/InputError (exit 2, one line) or a Refused (exit 1).
 */
import { readFile, stat } from 'node:fs/promises';
import { deriveKeyPair, type KeyPair } from '../core/crypto/ed25519';
import { type Plan } from '../core/plan/plan';
import { evaluateWorkbook as evaluateCore, MAX_PLAN_CHARS, parsePlanText, scoreSheetsOf } from '../core/app/workbook';
import { decodeLog, type LogEntry } from '../core/sheet/log';
import type { RawSheet } from '../core/sheet/parse';
import type { RawWorkbook } from '../core/sheet/patch';
import type { SheetReport } from '../core/rules/report';
import { duplicateValidCodes, parseCsv, parseRegister, type Register } from '../core/rules/register';
import { readWorkbook, readWorkbookForChange, isXlsxError } from '../xlsx/read';
import type { NotXlsxKind, XlsxError, XlsxPlace } from '../xlsx/errors';
import { cli, cliLanguage, joined, planText, type CliId, type CliMessage } from './say';
import type ExcelJS from 'exceljs';
import { InputError, UsageError } from './errors';
import { readPassphrase } from './secrets';
import { visible } from '../core/text/visible';

/** Reads and checks a plan JSON file; problems are listed with their JSON path (exit 2). */
export async function readPlanFile(path: string): Promise<Plan> {
  let text: string;
  try {
    const size = (await stat(path)).size;
    if (size > MAX_PLAN_CHARS)
      throw new InputError(cli('cli.planTooBig', { file: path, size: (size / 2 ** 20).toFixed(1), limit: MAX_PLAN_CHARS / 2 ** 20 }));
    text = await readFile(path, 'utf8');
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(fileProblem(path, e));
  }
  const r = parsePlanText(text);
  if (!r.ok)
    throw new InputError(
      r.issues.map((i) =>
        cli('cli.planInvalid', { file: path, path: visible(i.path), message: visible(planText(cliLanguage(), i.problem)) }),
      ),
    );
  return r.plan;
}

/** A workbook's score sheets as read (the lean reader: stored values, formats, no ExcelJS). */
export interface ScoreWorkbook {
  readonly path: string;
  readonly raw: RawWorkbook;
  readonly log: LogEntry[];
  /** the score sheets (worksheets with a header row) */
  readonly scoreSheets: RawSheet[];
  /** per sheet name: the first non-empty cell beyond the columns a score sheet uses */
  readonly outside: ReadonlyMap<string, string>;
}

/** A workbook opened to change it: ExcelJS's workbook is loaded only once the step is decided. */
export interface OpenScoreWorkbook extends ScoreWorkbook {
  excel(): Promise<ExcelJS.Workbook>;
}

function scoreWorkbook(path: string, raw: RawWorkbook, outside: ReadonlyMap<string, string>): ScoreWorkbook {
  return {
    path,
    raw,
    log: raw.log ? decodeLog(raw.log) : [],
    scoreSheets: [...scoreSheetsOf(raw)],
    outside,
  };
}

/** Reads a workbook to validate, verify or compile it (never changes it); `read` may read it on another thread. */
export async function readScoreWorkbook(
  path: string,
  read: () => Promise<{ raw: RawWorkbook; outside: ReadonlyMap<string, string> }> = () => readWorkbook(path),
): Promise<ScoreWorkbook> {
  try {
    const { raw, outside } = await read();
    return scoreWorkbook(path, raw, outside);
  } catch (e) {
    if (isXlsxError(e)) throw new InputError(xlsxMessage(e, path));
    throw e;
  }
}

/** Opens a workbook to change it (sign, sample, re-check, seal, unseal). */
export async function openScoreWorkbook(path: string): Promise<OpenScoreWorkbook> {
  try {
    const opened = await readWorkbookForChange(path);
    const { raw, outside } = opened;
    return {
      ...scoreWorkbook(path, raw, outside),
      excel: async () => {
        try {
          return await opened.excel();
        } catch (e) {
          if (isXlsxError(e)) throw new InputError(xlsxMessage(e, path));
          throw e;
        }
      },
    };
  } catch (e) {
    if (isXlsxError(e)) throw new InputError(xlsxMessage(e, path));
    throw e;
  }
}

/** A file that could not be read: missing, or the system's error code. */
function fileProblem(path: string, e: unknown): CliMessage {
  const code = (e as { code?: string }).code;
  if (code === 'ENOENT') return cli('cli.noSuchFile', { file: path });
  return code === undefined ? cli('cli.cannotReadUnknown', { file: path }) : cli('cli.cannotRead', { file: path, code });
}

const NOT_XLSX: Readonly<Record<NotXlsxKind, CliId>> = {
  xls: 'cli.xlsx.xls',
  zip: 'cli.xlsx.zip',
  xlsm: 'cli.xlsx.xlsm',
  xlsb: 'cli.xlsx.xlsb',
  strict: 'cli.xlsx.strict',
  other: 'cli.xlsx.notXlsx',
};

/** Why a score workbook cannot be read, and what to do: by the error's code and reason (never its message). */
export function xlsxMessage(e: XlsxError, file: string): CliMessage {
  const r = e.reason;
  switch (r.code) {
    case 'NOT_FOUND':
      return cli('cli.noSuchFile', { file });
    case 'NOT_XLSX':
      return cli(NOT_XLSX[r.kind], { file });
    case 'ENCRYPTED':
      return cli('cli.xlsx.encrypted', { file });
    case 'CORRUPT':
      return cli('cli.xlsx.corrupt', { file });
    case 'TOO_LARGE':
      // the limit that was passed, then: a score workbook is far smaller
      return cli('cli.xlsx.tooLarge', { detail: xlsxDetail(e) });
    default:
      return cli('cli.xlsx.unreadable', { file });
  }
}

/** A place in a workbook: an XML part or a zip entry (names, as they are), a sheet, a cell, a shared string. */
function place(at: XlsxPlace | undefined): CliMessage | string {
  if (!at) return '';
  if ('part' in at) return at.part;
  if ('entry' in at) return at.entry;
  if ('sharedString' in at) return cli('cli.xlsx.place.sharedString', { index: at.sharedString });
  return at.cell === undefined
    ? cli('cli.xlsx.place.sheet', { sheet: at.sheet })
    : cli('cli.xlsx.place.cell', { sheet: at.sheet, cell: at.cell });
}

/** Numbers of a workbook's extent, grouped as the reader groups them (1,234,567). */
const grouped = (n: number): string => n.toLocaleString('en');

/** What exactly the xlsx edge found, by the error's code and reason (a setup workbook, a file not written). */
export function xlsxDetail(e: XlsxError): CliMessage {
  const { file } = e;
  const r = e.reason;
  switch (r.code) {
    case 'NOT_FOUND':
      return cli('cli.xlsx.detail.notFound', { file });
    case 'UNREADABLE':
      if (r.kind === 'notAFile') return cli('cli.xlsx.detail.notAFile', { file });
      return r.errno === undefined ? cli('cli.xlsx.detail.ioUnknown', { file }) : cli('cli.xlsx.detail.io', { file, errno: r.errno });
    case 'NOT_XLSX':
      return cli(`cli.xlsx.detail.${r.kind}`, { file });
    case 'ENCRYPTED':
      return r.kind === 'package'
        ? cli('cli.xlsx.detail.encrypted', { file })
        : cli('cli.xlsx.detail.encryptedEntries', { file, entry: r.entry });
    case 'CORRUPT':
      // the reader's diagnostic (which part, which cell) is shown as it is
      return r.kind === 'damaged'
        ? cli('cli.xlsx.detail.damaged', { file, detail: r.detail })
        : cli('cli.xlsx.detail.unloadable', { file });
    case 'TOO_LARGE':
      if (r.kind === 'fileBytes') return cli('cli.xlsx.detail.fileBytes', { file, size: r.size, max: r.max });
      if (r.kind === 'limit')
        return cli('cli.xlsx.detail.limit', { file, max: r.max, what: cli(`cli.xlsx.what.${r.limit}`, { where: place(r.at) }) });
      return cli('cli.xlsx.detail.change', {
        file,
        cells: grouped(r.cells),
        span: grouped(r.span),
        maxCells: grouped(r.maxCells),
        maxSpan: grouped(r.maxSpan),
        outside: r.outside ? cli('cli.xlsx.detail.changeOutside', { where: `${r.outside.sheet}!${r.outside.cell}` }) : '',
      });
    case 'WRITE_FAILED':
      return r.kind === 'unwritable'
        ? cli('cli.xlsx.detail.notWritten', { file })
        : cli('cli.xlsx.detail.notSaved', { file, errno: r.errno });
  }
}

/** Evaluates every score sheet of a workbook (or the one of `unit`): the core's evaluateWorkbook. */
export function evaluateWorkbook(
  w: ScoreWorkbook,
  trusted: Plan | null,
  mode: 'validate' | 'verify',
  unit?: string,
  register?: Register | null,
): Promise<SheetReport[]> {
  return evaluateCore(w.raw, {
    trusted,
    mode,
    log: w.log,
    outside: w.outside,
    ...(unit !== undefined ? { unit } : {}),
    ...(register !== undefined ? { register } : {}),
  });
}

/** The one report a changing command works on: the sheet of --unit, or the only one. */
export async function pickSheet(w: ScoreWorkbook, trusted: Plan | null, unit: string | undefined): Promise<SheetReport> {
  const reports = await evaluateWorkbook(w, trusted, 'validate', unit);
  if (!w.scoreSheets.length) throw new InputError(cli('cli.noScoreSheet', { file: w.path }));
  if (unit && !reports.length) throw new InputError(cli('cli.noSheetForUnit', { file: w.path, unit }));
  if (reports.length > 1)
    throw new UsageError(cli('cli.chooseUnit', { file: w.path, count: reports.length, units: joined(reports.map((r) => r.unit)) }));
  return reports[0]!;
}

/** Keys derived in this process (memory only, never written): scrypt is deliberately slow. */
const derived = new Map<string, Promise<KeyPair>>();

/** The actor's key: derived from the passphrase in key plans, none in name-only plans. */
export async function keyFor(
  plan: Plan,
  personId: string,
  passphraseFile: string | undefined,
  warn: (line: string) => void,
): Promise<KeyPair | null> {
  if (plan.data.signing === 'name') return null;
  if (!plan.people.has(personId)) return null; // the action refuses with a reason
  const pass = await readPassphrase(cli('cli.secret.passphrasePrompt', { person: personId }), passphraseFile, warn);
  const id = `${plan.data.title}\u0000${personId}\u0000${pass}`;
  let key = derived.get(id);
  if (!key) {
    key = deriveKeyPair(pass, plan.data.title, personId);
    derived.set(id, key);
  }
  return key;
}

/** Reads an envelope register CSV (SPEC §3): every row must be readable, or nothing is checked (exit 2). */
export async function readRegisterFile(path: string): Promise<{ register: Register; rows: string[][]; warnings: CliMessage[] }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new InputError(fileProblem(path, e));
  }
  const rows = parseCsv(text);
  const { register, problems } = parseRegister(rows, path);
  if (problems.length)
    throw new InputError(
      problems.map((p) =>
        p.kind === 'header'
          ? cli('cli.register.header', { file: path })
          : p.kind === 'code'
            ? cli('cli.register.code', { file: path, row: p.row, value: p.value })
            : p.kind === 'status'
              ? cli('cli.register.status', { file: path, row: p.row, value: p.value })
              : cli('cli.register.unit', { file: path, row: p.row }),
      ),
    );
  const warnings = [...duplicateValidCodes(register)].map(([unit, list]) =>
    cli('cli.register.twoValid', { file: path, unit, count: list.length, rows: joined(list.map((e) => e.row)) }),
  );
  return { register, rows, warnings };
}
