/**
 * `scoreseal` — the command line (SPEC §5). Exit codes: 0 success and no error findings;
 * 1 error findings or a refused step; 2 usage, unreadable input or internal error.
 */
import { mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import ExcelJS from 'exceljs';
import { deriveKeyPair, keyFingerprint } from '../core/crypto/ed25519';
import { passphraseProblem } from '../core/crypto/passphrase';
import type { Finding } from '../core/findings';
import { t } from '../core/i18n/catalog';
import { type Plan } from '../core/plan/plan';
import { setupToPlan } from '../core/plan/setup';
import type { SheetPatch } from '../core/sheet/patch';
import { buildTemplate } from '../core/sheet/template';
import {
  drawSampleAction,
  recheckAction,
  sealAction,
  signItems,
  unsealAction,
  type ActionResult,
  type Actor,
} from '../core/workflow/actions';
import type { SheetReport } from '../core/rules/evaluate';
import { applyPatch } from '../xlsx/patch';
import { isXlsxError } from '../xlsx/read';
import { addScoreSheet } from '../xlsx/render';
import { saveWorkbookAtomic, writeFileAtomic } from '../xlsx/save';
import { workbookBytes } from '../xlsx/bytes';
import { readWorkbookBuffer } from '../xlsx/buffer';
import { readFiles } from '../xlsx/read-pool';
import { evaluateSheet } from '../core/rules/evaluate';
import { readSetupTables } from '../xlsx/setup';
import { list, parse, str, type Options, type Parsed } from './args';
import { compileCommand, COMPILE_HELP } from './compile';
import { InputError, Refused, UsageError } from './errors';
import {
  evaluateWorkbook,
  keyFor,
  openScoreWorkbook,
  pickSheet,
  readPlanFile,
  readRegisterFile,
  readScoreWorkbook,
  type OpenScoreWorkbook,
  type ScoreWorkbook,
} from './io';
import { duplicatedUnits, duplicateFinding, noRegisterWarning } from '../core/compile/compile';
import { normaliseCode, registerCsv, REGISTER_HEADERS, STATUS_TEXT, type Register } from '../core/rules/register';
import { humanReport, jsonDocument, type FileResult } from './output';
import { useNodeCrypto } from './native-crypto';
import { fixedClockStart, now } from './clock';
import { useFixedWriteTime } from '../xlsx/bytes';
import { terminalSafe, visible } from '../core/text/visible';
import { checkOneStdin, forgetEnvPassphrase, readPassphrase, readSheetPassword, takeEnvPassphrase } from './secrets';

interface Command {
  readonly summary: string;
  readonly usage: string;
  readonly options: Options;
  run(p: ReturnType<typeof parse>): Promise<number>;
}

// every line printed goes through terminalSafe: text from a workbook cannot redraw the terminal
// or reorder what is shown (in --json the same characters become JSON \u escapes: exact text)
const out = (s: string): void => void process.stdout.write(`${terminalSafe(s)}\n`);
const err = (s: string): void => void process.stderr.write(`${terminalSafe(s)}\n`);

async function planFor(path: string | undefined): Promise<Plan | null> {
  return path ? readPlanFile(path) : null;
}

/** Validate/verify many files; unreadable files are reported and make the exit code 2. */
async function checkFiles(
  files: string[],
  trusted: Plan | null,
  mode: 'validate' | 'verify',
  register?: Register | null,
): Promise<{ results: FileResult[]; unreadable: boolean }> {
  if (!files.length) throw new UsageError('name at least one .xlsx file');
  const results: FileResult[] = [];
  let unreadable = false;
  // files are read ahead on worker threads while this thread verifies the ones already read
  const keys = new Map<string, string>();
  for (const [id, person] of trusted?.people ?? []) if (person.publicKey) keys.set(id, person.publicKey);
  const reader = readFiles(files, { keys });
  try {
    for (const file of files) {
      let w: ScoreWorkbook;
      try {
        w = await readScoreWorkbook(file, () => reader.next());
      } catch (e) {
        if (e instanceof InputError) {
          err(`scoreseal: ${e.message}`);
          unreadable = true;
          continue;
        }
        throw e;
      }
      const reports = await evaluateWorkbook(w, trusted, mode, undefined, register);
      const fileFindings: Finding[] = [];
      if (!w.scoreSheets.length) {
        const locale = trusted?.locale ?? 'zh-CN';
        fileFindings.push({
          severity: 'error',
          code: 'SHEET_LAYOUT',
          unit: basename(file),
          message: t(locale, 'SHEET_LAYOUT', { detail: t(locale, 'detail.headerMissing') }),
        });
      }
      results.push({ file, reports, fileFindings });
    }
  } finally {
    await reader.close();
  }
  return { results: mode === 'verify' && trusted ? withDuplicates(trusted, results) : results, unreadable };
}

/** Verify looks across its inputs: a unit found in more than one sheet is DUPLICATE_UNIT on every copy. */
function withDuplicates(plan: Plan, results: FileResult[]): FileResult[] {
  const dups = duplicatedUnits(
    plan,
    results.flatMap((r) => r.reports.map((report) => ({ file: r.file, report }))),
  );
  if (!dups.size) return results;
  return results.map((r) => ({
    ...r,
    reports: r.reports.map((rep) => {
      const files = dups.get(rep.unit);
      if (!files) return rep;
      return {
        ...rep,
        status: 'error' as const,
        verdict: 'failed' as const,
        findings: [...rep.findings, duplicateFinding(plan, rep.unit, files)],
      };
    }),
  }));
}

function exitFor(results: readonly FileResult[], unreadable: boolean): number {
  if (unreadable) return 2;
  const errors = results.some(
    (r) => r.reports.some((x) => x.status === 'error') || (r.fileFindings ?? []).some((f) => f.severity === 'error'),
  );
  return errors ? 1 : 0;
}

function printResults(results: FileResult[], json: boolean, warnings: readonly Finding[] = []): void {
  if (json) out(JSON.stringify(jsonDocument(results, warnings), null, 2));
  else {
    out(humanReport(results, process.stdout.isTTY === true));
    for (const w of warnings) out(`warning ${w.code}: ${visible(w.message)}`);
  }
}

/** The envelope register of `--register`, or null (then one warning says codes were not checked). */
async function registerFor(p: Parsed, locale: Plan['locale']): Promise<{ register: Register | null; warnings: Finding[] }> {
  const path = str(p, 'register');
  if (!path) return { register: null, warnings: [noRegisterWarning(locale)] };
  const r = await readRegisterFile(path);
  for (const w of r.warnings) err(`scoreseal: warning: ${w}`);
  return { register: r.register, warnings: [] };
}

/** Marks a seal code `unsealed` in the register CSV (a row is added when the code is not in it). */
async function markUnsealed(path: string, unit: string, code: string): Promise<void> {
  const { rows } = await readRegisterFile(path);
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const zh = header.includes('单位编号');
  const col = (names: readonly string[]): number => header.findIndex((h) => names.some((n) => n.toLowerCase() === h));
  const [cu, cc, cs] = [col(REGISTER_HEADERS.unit), col(REGISTER_HEADERS.code), col(REGISTER_HEADERS.status)];
  const status = STATUS_TEXT[zh ? 'zh-CN' : 'en-US'].unsealed;
  let found = false;
  const next = rows.map((r, i) => {
    if (i === 0 || (r[cu] ?? '').trim() !== unit || normaliseCode(r[cc] ?? '') !== code) return r;
    found = true;
    const copy = [...r];
    if (cs < 0) copy.push(status);
    else copy[cs] = status;
    return copy;
  });
  if (cs < 0) next[0] = [...(next[0] ?? []), zh ? '状态' : 'status'];
  if (!found) {
    const row = Array<string>(next[0]!.length).fill('');
    row[cu] = unit;
    row[cc] = code;
    row[cs < 0 ? next[0]!.length - 1 : cs] = status;
    next.push(row);
  }
  await writeFileAtomic(path, new TextEncoder().encode(registerCsv(next)));
}

/** Applies an action's patch to the workbook file atomically, or refuses. */
async function commit<T>(w: OpenScoreWorkbook, before: SheetReport, result: ActionResult<T>): Promise<T> {
  if (!result.ok) throw new Refused(result.reasons);
  const wb = await w.excel();
  await applyPatch(wb, result.patch);
  const bytes = await workbookBytes(wb);
  await checkWritten(bytes, w, before, result.patch);
  await writeFileAtomic(w.path, bytes);
  return result.result;
}

/** Problems a step must never introduce into the sheet it writes. */
const WRITE_BREAKS = new Set([
  'SHEET_LAYOUT',
  'DERIVED_CELL_CHANGED',
  'LOG_ORDER',
  'SEAL_INVALID',
  'SAMPLE_INVALID',
  'RECHECK_INVALID',
  'SIGNATURE_INVALID',
]);

/**
 * Reads the bytes about to be written back, as any verifier will, before they replace the file:
 * every record appended must be there and accepted, and no problem the step could have caused
 * (a derived cell, the log's order, the seal) may appear. Otherwise nothing is written.
 */
async function checkWritten(bytes: Uint8Array, w: OpenScoreWorkbook, before: SheetReport, patch: SheetPatch): Promise<void> {
  const back = await readWorkbookBuffer(bytes, w.path);
  const sheet = back.raw.sheets.find((s) => s.name === patch.sheetName);
  const trusted = before.planSource === 'trusted' ? (before.ctx?.plan ?? null) : null;
  const after = sheet ? await evaluateSheet({ raw: sheet, logRows: back.raw.log, trusted, outside: back.outside.get(sheet.name) }) : null;
  const had = new Set(before.findings.filter((f) => WRITE_BREAKS.has(f.code)).map((f) => `${f.code}|${f.cell ?? ''}`));
  const broke = after?.findings.filter((f) => WRITE_BREAKS.has(f.code) && !had.has(`${f.code}|${f.cell ?? ''}`)) ?? [];
  const logged = (after?.log ? (after.ctx?.log.length ?? 0) : 0) === (before.ctx?.log.length ?? 0) + patch.appendLog.length;
  if (!after || broke.length || !logged)
    throw new Error(
      `the written workbook did not read back as intended (${broke.map((f) => `${f.code} ${f.cell ?? ''}`).join(', ') || 'log'}); ${w.path} was left unchanged`,
    );
}

/**
 * The shared shape of sign, sample, recheck, seal and unseal: open the workbook, pick the sheet,
 * derive the actor's key from their passphrase, run the core step and commit its patch
 * atomically (or refuse, leaving the file unchanged).
 */
async function act<T>(
  p: Parsed,
  step: (report: SheetReport, actor: Actor) => ActionResult<T>,
): Promise<{ file: string; report: SheetReport; person: string; result: T }> {
  const [file] = p.positionals;
  if (!file) throw new UsageError('name the score workbook');
  const person = str(p, 'person', true);
  const w = await openScoreWorkbook(file);
  const report = await pickSheet(w, await planFor(str(p, 'plan')), str(p, 'unit'));
  const key = report.ctx ? await keyFor(report.ctx.plan, person, str(p, 'passphrase-file'), err) : null;
  const result = await commit(w, report, step(report, { person, key, now: now() }));
  return { file, report, person, result };
}

const COMMANDS: Record<string, Command> = {
  plan: {
    summary: 'setup workbook → plan JSON',
    usage: 'scoreseal plan <setup.xlsx> -o <plan.json>',
    options: { output: { type: 'string', short: 'o' } },
    async run(p) {
      const [input] = p.positionals;
      if (!input) throw new UsageError('name the setup workbook');
      const output = str(p, 'output', true);
      let tables;
      try {
        tables = await readSetupTables(input);
      } catch (e) {
        if (isXlsxError(e)) throw new InputError(`${input}: ${e.message}`);
        throw e;
      }
      const r = setupToPlan(tables);
      if (!r.ok) {
        for (const i of r.issues) err(`PLAN_INVALID ${input} ${i.where}: ${i.message}`);
        return 1;
      }
      await writeFileAtomic(output, new TextEncoder().encode(`${JSON.stringify(r.json, null, 2)}\n`));
      out(`${output}: ${r.plan.rubrics.size} rubric(s), ${r.plan.people.size} people, ${r.plan.units.size} units`);
      return 0;
    },
  },
  keygen: {
    summary: "prints a person's public key (from their passphrase)",
    usage: 'scoreseal keygen --plan <plan.json> --person <id> [--passphrase-file <path|->]',
    options: { plan: { type: 'string' }, person: { type: 'string' }, 'passphrase-file': { type: 'string' } },
    async run(p) {
      const plan = await readPlanFile(str(p, 'plan', true));
      const id = str(p, 'person', true);
      const person = plan.people.get(id);
      if (!person) throw new Refused([t(plan.locale, 'refuse.personUnknown', { person: id })]);
      const pass = await readPassphrase(`Passphrase for ${person.name} (${id}): `, str(p, 'passphrase-file'), err);
      const weak = passphraseProblem(pass, person);
      if (weak) throw new Refused([t(plan.locale, `refuse.passphrase.${weak}`)]);
      const key = await deriveKeyPair(pass, plan.data.title, id);
      out(key.publicKey);
      err(
        `${person.name} (${id}) fingerprint ${keyFingerprint(key.publicKey)} — paste the key into the 公钥 column of 人员 (or "publicKey" in the plan)`,
      );
      return 0;
    },
  },
  template: {
    summary: 'one score workbook per unit',
    usage: 'scoreseal template --plan <plan.json> [--unit <id>…] -o <dir>',
    options: { plan: { type: 'string' }, unit: { type: 'string', multiple: true }, output: { type: 'string', short: 'o' } },
    async run(p) {
      const plan = await readPlanFile(str(p, 'plan', true));
      const dir = str(p, 'output', true);
      const units = list(p, 'unit');
      const ids = units.length ? units : [...plan.units.keys()];
      for (const id of ids)
        if (!plan.units.has(id)) throw new UsageError(`unit ${id} is not in the plan (units: ${[...plan.units.keys()].join(', ')})`);
      await mkdir(dir, { recursive: true });
      for (const id of ids) {
        const wb = new ExcelJS.Workbook();
        wb.creator = 'ScoreSeal';
        await addScoreSheet(wb, buildTemplate(plan, id));
        const file = join(dir, `${id}.xlsx`);
        await saveWorkbookAtomic(wb, file);
        out(`${file}  ${plan.units.get(id)!.name}`);
      }
      return 0;
    },
  },
  validate: {
    summary: "findings for each sheet's current stage",
    usage: 'scoreseal validate <xlsx>… [--plan <plan.json>] [--json]',
    options: { plan: { type: 'string' }, json: { type: 'boolean' } },
    async run(p) {
      const trusted = await planFor(str(p, 'plan'));
      const { results, unreadable } = await checkFiles(p.positionals, trusted, 'validate');
      printResults(results, p.values.json === true);
      return exitFor(results, unreadable);
    },
  },
  sign: {
    summary: 'signs items as scorer or reviewer',
    usage:
      'scoreseal sign <xlsx> [--unit <id>] --role scorer|reviewer --person <id> --item <code>…|--all [--plan <plan.json>] [--passphrase-file <path|->]',
    options: {
      unit: { type: 'string' },
      role: { type: 'string' },
      person: { type: 'string' },
      item: { type: 'string', multiple: true },
      all: { type: 'boolean' },
      plan: { type: 'string' },
      'passphrase-file': { type: 'string' },
    },
    async run(p) {
      const role = str(p, 'role', true);
      if (role !== 'scorer' && role !== 'reviewer') throw new UsageError('--role must be scorer or reviewer');
      const items = list(p, 'item');
      if (!items.length && p.values.all !== true)
        throw new UsageError('name the items with --item <code> (repeatable) or sign all of yours with --all');
      const {
        file,
        report,
        person,
        result: r,
      } = await act(p, (rep, actor) => signItems(rep, { ...actor, role, items: p.values.all === true ? 'all' : items }));
      out(
        `${file}: ${visible(report.unitName)} — ${r.record.items.length} item(s) signed as ${role} by ${person}: ${r.record.items.join(' ')}`,
      );
      return 0;
    },
  },
  sample: {
    summary: 'draws the re-check sample (oversight)',
    usage: 'scoreseal sample <xlsx> [--unit <id>] --person <id> [--plan <plan.json>] [--passphrase-file <path|->]',
    options: { unit: { type: 'string' }, person: { type: 'string' }, plan: { type: 'string' }, 'passphrase-file': { type: 'string' } },
    async run(p) {
      const { file, report, result: r } = await act(p, drawSampleAction);
      out(r.record.items.join(' '));
      err(`${file}: ${visible(report.unitName)} — ${r.record.items.length} item(s) drawn for re-check; seed ${r.record.seed}`);
      return 0;
    },
  },
  recheck: {
    summary: 'records a re-check of a sampled item (oversight)',
    usage:
      'scoreseal recheck <xlsx> [--unit <id>] --person <id> --item <code> --result confirmed|adjusted [--score <n>] --note <text> [--passphrase-file <path|->]',
    options: {
      unit: { type: 'string' },
      person: { type: 'string' },
      item: { type: 'string' },
      result: { type: 'string' },
      score: { type: 'string' },
      note: { type: 'string' },
      plan: { type: 'string' },
      'passphrase-file': { type: 'string' },
    },
    async run(p) {
      const result = str(p, 'result', true);
      if (result !== 'confirmed' && result !== 'adjusted') throw new UsageError('--result must be confirmed or adjusted');
      if (result === 'adjusted' && str(p, 'score') === undefined) throw new UsageError('--result adjusted needs --score <n>');
      const note = str(p, 'note', true);
      const item = str(p, 'item', true);
      const {
        file,
        report,
        result: r,
      } = await act(p, (rep, actor) => recheckAction(rep, { ...actor, item, result, score: str(p, 'score'), note }));
      out(`${file}: ${visible(report.unitName)} — ${r.record.item} ${r.record.result}${r.record.score ? ` → ${r.record.score}` : ''}`);
      return 0;
    },
  },
  seal: {
    summary: 'seals the sheet and prints the seal code (oversight)',
    usage: 'scoreseal seal <xlsx> [--unit <id>] --person <id> [--password-file <path|->] [--passphrase-file <path|->] [--plan <plan.json>]',
    options: {
      unit: { type: 'string' },
      person: { type: 'string' },
      password: { type: 'string' },
      'password-file': { type: 'string' },
      'passphrase-file': { type: 'string' },
      plan: { type: 'string' },
    },
    async run(p) {
      checkOneStdin(str(p, 'passphrase-file'), str(p, 'password-file'));
      const password = await readSheetPassword({ file: str(p, 'password-file'), inline: str(p, 'password'), confirm: true }, err);
      const { file, report, person, result: r } = await act(p, (rep, actor) => sealAction(rep, { ...actor, password }));
      out(r.record.code);
      err(`${file}: ${visible(report.unitName)} sealed by ${person} at ${r.record.sealedAt}`);
      return 0;
    },
  },
  unseal: {
    summary: 'opens a sealed sheet again, with a reason (Office only)',
    usage:
      'scoreseal unseal <xlsx> [--unit <id>] --person <id> --reason <text> [--register <csv>] [--password-file <path|->] [--passphrase-file <path|->]',
    options: {
      unit: { type: 'string' },
      person: { type: 'string' },
      reason: { type: 'string' },
      register: { type: 'string' },
      password: { type: 'string' },
      'password-file': { type: 'string' },
      'passphrase-file': { type: 'string' },
      plan: { type: 'string' },
    },
    async run(p) {
      const reason = str(p, 'reason', true);
      checkOneStdin(str(p, 'passphrase-file'), str(p, 'password-file'));
      const password = await readSheetPassword({ file: str(p, 'password-file'), inline: str(p, 'password'), confirm: false }, err);
      const registerPath = str(p, 'register');
      // the register is read before anything is written: a bad one changes nothing
      if (registerPath) await readRegisterFile(registerPath);
      const { file, report, person } = await act(p, (rep, actor) => unsealAction(rep, { ...actor, reason, password }));
      out(`${file}: ${visible(report.unitName)} unsealed by ${person}`);
      if (registerPath && report.seal) {
        await markUnsealed(registerPath, report.unit, report.seal.code);
        out(`${registerPath}: ${report.seal.code} marked unsealed`);
      }
      return 0;
    },
  },
  verify: {
    summary: 'trusted verification of sealed sheets',
    usage: 'scoreseal verify <xlsx>… --plan <plan.json> [--register <csv>] [--json]',
    options: { plan: { type: 'string' }, register: { type: 'string' }, json: { type: 'boolean' } },
    async run(p) {
      const trusted = await readPlanFile(str(p, 'plan', true));
      const { register, warnings } = await registerFor(p, trusted.locale);
      const { results, unreadable } = await checkFiles(p.positionals, trusted, 'verify', register);
      printResults(results, p.values.json === true, warnings);
      return exitFor(results, unreadable);
    },
  },
  compile: {
    summary: 'verify, then totals, grades, ranks, appraiser analysis',
    usage: COMPILE_HELP,
    options: { plan: { type: 'string' }, register: { type: 'string' }, output: { type: 'string', short: 'o' }, json: { type: 'boolean' } },
    run: (p) => compileCommand(p, { checkFiles, registerFor, out, err }),
  },
};

function mainHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((k) => k.length));
  return [
    'scoreseal — signed, sealed assessment score sheets (考核评分表)',
    '',
    'Usage: scoreseal <command> [options]   (scoreseal <command> --help for its options)',
    '',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    'Passphrases come from --passphrase-file <path|->, SCORESEAL_PASSPHRASE (read once, then removed from the',
    'environment) or an echo-free prompt; the seal password from --password-file <path|-> or a prompt.',
    'Exit codes: 0 success, no errors · 1 error findings or a refused step · 2 usage or unreadable input.',
  ].join('\n');
}

export async function main(argv: readonly string[]): Promise<number> {
  takeEnvPassphrase();
  try {
    return await runMain(argv);
  } finally {
    forgetEnvPassphrase();
  }
}

async function runMain(argv: readonly string[]): Promise<number> {
  useNodeCrypto();
  // a fixed clock writes files with its time too, so a reproducible run is byte-for-byte
  useFixedWriteTime(fixedClockStart());
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    out(mainHelp());
    return name ? 0 : 2;
  }
  if (name === '--version') {
    out('scoreseal 0.1.0');
    return 0;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    err(`scoreseal: unknown command "${name}"\n\n${mainHelp()}`);
    return 2;
  }
  try {
    const p = parse(rest, cmd.options);
    if (p.values.help === true) {
      out(`${cmd.summary}\n\nUsage: ${cmd.usage}`);
      return 0;
    }
    return await cmd.run(p);
  } catch (e) {
    if (e instanceof Refused) {
      for (const r of e.reasons) err(`scoreseal ${name}: refused: ${visible(r)}`);
      return 1;
    }
    if (e instanceof UsageError) {
      err(`scoreseal ${name}: ${e.message}\nUsage: ${cmd.usage}`);
      return 2;
    }
    if (e instanceof InputError) {
      err(`scoreseal ${name}: ${e.message}`);
      return 2;
    }
    if (isXlsxError(e)) {
      err(`scoreseal ${name}: ${e.message}`);
      return 2;
    }
    err(`scoreseal ${name}: internal error: ${e instanceof Error ? e.message : String(e)}`);
    if (process.env.SCORESEAL_DEBUG) err(e instanceof Error ? (e.stack ?? '') : '');
    return 2;
  }
}
