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
import type { SheetReport } from '../core/rules/evaluate';
import { duplicateValidCodes, parseCsv, parseRegister, type Register } from '../core/rules/register';
import { readWorkbook, readWorkbookForChange, isXlsxError } from '../xlsx/read';
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
      throw new InputError(
        `PLAN_INVALID ${path}: ${(size / 2 ** 20).toFixed(1)} MB is more than a plan can be (limit ${MAX_PLAN_CHARS / 2 ** 20} MB)`,
      );
    text = await readFile(path, 'utf8');
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as { code?: string }).code;
    throw new InputError(code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot be read (${code ?? 'error'})`);
  }
  const r = parsePlanText(text);
  if (!r.ok) throw new InputError(r.issues.map((i) => `PLAN_INVALID ${path}: ${visible(i.path)}: ${visible(i.message)}`).join('\n'));
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
    if (isXlsxError(e)) throw new InputError(xlsxMessage(e.code, path, e.message));
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
          if (isXlsxError(e)) throw new InputError(xlsxMessage(e.code, path, e.message));
          throw e;
        }
      },
    };
  } catch (e) {
    if (isXlsxError(e)) throw new InputError(xlsxMessage(e.code, path, e.message));
    throw e;
  }
}

function xlsxMessage(code: string, path: string, detail: string): string {
  switch (code) {
    case 'NOT_FOUND':
      return `${path}: no such file`;
    case 'NOT_XLSX': {
      // the reader says what the file is instead (a macro-enabled or Strict workbook, an .xlsb, an .xls)
      const specific = /macro-enabled|Strict Open XML|binary workbook/.exec(detail);
      if (specific) return `${path}: not an .xlsx workbook — ${detail.startsWith(`${path} is `) ? detail.slice(path.length + 4) : detail}`;
      return `${path}: not an .xlsx workbook${/old-format \.xls/.test(detail) ? ' (an old-format .xls)' : /zip archive/.test(detail) ? ' (a zip without xl/workbook.xml, e.g. an .ods file)' : ''}; save it as Excel Workbook (.xlsx) and try again`;
    }
    case 'ENCRYPTED':
      return `${path}: the workbook is password-protected (encrypted); open it in Excel, remove the password to open, save, and try again`;
    case 'CORRUPT':
      return `${path}: the file is damaged or truncated; use the original copy`;
    case 'TOO_LARGE':
      // the reader names the limit that was passed
      return `${detail}; a score workbook is far smaller — check that this is the right file`;
    default:
      return `${path}: cannot be read`;
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
  if (!w.scoreSheets.length) throw new InputError(`${w.path}: no score sheet found (no header row with 编号 and 得分)`);
  if (unit && !reports.length) throw new InputError(`${w.path}: no score sheet for unit ${unit}`);
  if (reports.length > 1)
    throw new UsageError(
      `${w.path} holds ${reports.length} score sheets (${reports.map((r) => r.unit).join(', ')}); choose one with --unit`,
    );
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
  const pass = await readPassphrase(`Passphrase for ${personId}: `, passphraseFile, warn);
  const id = `${plan.data.title}\u0000${personId}\u0000${pass}`;
  let key = derived.get(id);
  if (!key) {
    key = deriveKeyPair(pass, plan.data.title, personId);
    derived.set(id, key);
  }
  return key;
}

/** Reads an envelope register CSV (SPEC §3): every row must be readable, or nothing is checked (exit 2). */
export async function readRegisterFile(path: string): Promise<{ register: Register; rows: string[][]; warnings: string[] }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new InputError(code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot be read (${code ?? 'error'})`);
  }
  const rows = parseCsv(text);
  const { register, problems } = parseRegister(rows, path);
  if (problems.length)
    throw new InputError(
      problems
        .map((p) =>
          p.kind === 'header'
            ? `${path}: the first row must name the columns 单位编号,密封码,收件日期,状态 (or unit,code,received,status)`
            : p.kind === 'code'
              ? `${path} row ${p.row}: "${p.value}" is not a seal code (16 hex digits, e.g. ABCD-1234-EF56-7890)`
              : p.kind === 'status'
                ? `${path} row ${p.row}: status "${p.value}" must be 有效 or 已拆封 (valid or unsealed)`
                : `${path} row ${p.row}: no unit id`,
        )
        .join('\n'),
    );
  const warnings = [...duplicateValidCodes(register)].map(
    ([unit, list]) =>
      `${path}: unit ${unit} has ${list.length} valid codes (rows ${list.map((e) => e.row).join(', ')}); mark the older envelope 已拆封`,
  );
  return { register, rows, warnings };
}
