/**
 * `scoreseal` — the command line (SPEC §5). Exit codes: 0 success and no error findings;
 * 1 error findings or a refused step; 2 usage, unreadable input or internal error.
 */
import { mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { deriveKeyPair, keyFingerprint } from '../core/crypto/ed25519';
import { passphraseProblem } from '../core/crypto/passphrase';
import type { Finding } from '../core/findings';
import { msg, t } from '../core/i18n/catalog';
import { renderFinding } from '../core/i18n/render';
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
import type { SheetReport } from '../core/rules/report';
import { applyPatch } from '../xlsx/patch';
import { newWorkbook } from '../xlsx/exceljs';
import { isXlsxError } from '../xlsx/read';
import { addScoreSheet } from '../xlsx/render';
import { saveWorkbookAtomic, writeFileAtomic } from '../xlsx/save';
import { workbookBytes } from '../xlsx/bytes';
import { readWorkbookBuffer } from '../xlsx/buffer';
import { readFiles } from '../xlsx/read-pool';
import { evaluateSheet } from '../core/rules/evaluate';
import { readSetupTables } from '../xlsx/setup';
import {
  list,
  optionLines,
  parse,
  str,
  suggest,
  wantsHelp,
  wrap,
  type Options,
  type OptionSpec,
  type Elsewhere,
  type Parsed,
  type Positionals,
} from './args';
import { compileCommand, COMPILE_HELP } from './compile';
import { InputError, Refused, UsageError } from './errors';
import { cli, cliLanguage, DEFAULT_LANGUAGE, joined, languageOf, planText, say, setLanguage } from './say';
import {
  evaluateWorkbook,
  xlsxDetail,
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
import { humanReport, jsonDocument, severityWord, type FileResult } from './output';
import { clearProgress, progress } from './progress';
import { useNodeCrypto } from './native-crypto';
import { useNodeInflate } from '../xlsx/node-inflate';
import { fixedClockStart, now } from './clock';
import { useFixedWriteTime } from '../xlsx/bytes';
import { terminalSafe, visible } from '../core/text/visible';
import { checkOneStdin, forgetEnvPassphrase, readPassphrase, readSheetPassword, takeEnvPassphrase } from './secrets';

interface Command {
  readonly summary: string;
  readonly usage: string;
  readonly options: Options;
  /** the positionals it takes: none, one workbook, or one or more files */
  readonly positionals: Positionals;
  /** what it does by default, for --help (one paragraph, wrapped when shown) */
  readonly about: readonly string[];
  /** what exit codes 0, 1 and 2 mean for it */
  readonly exits: readonly [string, string, string];
  readonly examples: readonly [string, string];
  run(p: ReturnType<typeof parse>): Promise<number>;
}

// every line printed goes through terminalSafe: text from a workbook cannot redraw the terminal
// or reorder what is shown (in --json the same characters become JSON \u escapes: exact text)
const out = (s: string): void => void process.stdout.write(`${terminalSafe(s)}\n`);
const err = (s: string): void => {
  clearProgress();
  process.stderr.write(`${terminalSafe(s)}\n`);
};

async function planFor(path: string | undefined): Promise<Plan | null> {
  return path ? readPlanFile(path) : null;
}

/** Validate/verify many files; unreadable files are reported and make the exit code 2. */
async function checkFiles(
  files: string[],
  trusted: Plan | null,
  mode: 'validate' | 'verify',
  register?: Register | null,
  showProgress = false,
): Promise<{ results: FileResult[]; unreadable: boolean }> {
  if (!files.length) throw new UsageError(cli('cli.args.noFilesGiven'));
  const results: FileResult[] = [];
  let unreadable = false;
  const locale = trusted?.locale ?? 'zh-CN';
  const bar = progress(showProgress, files.length, (done, total) => t(locale, 'cli.reading', { done, total }));
  // files are read ahead on worker threads while this thread verifies the ones already read
  const keys = new Map<string, string>();
  for (const [id, person] of trusted?.people ?? []) if (person.publicKey) keys.set(id, person.publicKey);
  const reader = readFiles(files, { keys });
  try {
    for (const [i, file] of files.entries()) {
      bar.show(i + 1);
      let w: ScoreWorkbook;
      try {
        w = await readScoreWorkbook(file, () => reader.next());
      } catch (e) {
        if (e instanceof InputError) {
          err(say('cli.line.file', { message: e.message }));
          unreadable = true;
          continue;
        }
        throw e;
      }
      const reports = await evaluateWorkbook(w, trusted, mode, undefined, register);
      const fileFindings: Finding[] = [];
      if (!w.scoreSheets.length) {
        fileFindings.push({
          severity: 'error',
          code: 'SHEET_LAYOUT',
          unit: basename(file),
          messageId: 'SHEET_LAYOUT',
          params: { detail: msg('detail.headerMissing') },
        });
      }
      results.push({ file, reports, fileFindings });
    }
  } finally {
    bar.end();
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

/** Progress on stderr: for a human run whose stderr is a terminal (progress.ts decides the rest). */
const progressWanted = (p: Parsed): boolean => p.values.json !== true;

function printResults(results: FileResult[], json: boolean, locale: Plan['locale'], warnings: readonly Finding[] = []): void {
  if (json) out(JSON.stringify(jsonDocument(results, locale, warnings), null, 2));
  else {
    // nothing read (every file unreadable): nothing on stdout, not even an empty line
    if (results.length) out(humanReport(results, process.stdout.isTTY === true, locale));
    for (const w of warnings) out(`${severityWord(locale, 'warning')} ${w.code}: ${visible(renderFinding(w, locale))}`);
  }
}

/** The envelope register of `--register`, or null (then one warning says codes were not checked). */
async function registerFor(p: Parsed): Promise<{ register: Register | null; warnings: Finding[] }> {
  const path = str(p, 'register');
  if (!path) return { register: null, warnings: [noRegisterWarning()] };
  const r = await readRegisterFile(path);
  for (const w of r.warnings) err(say('cli.line.warning', { message: w }));
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
  // without a status column, one is added after the last header, and every row is padded to it
  const width = (rows[0] ?? []).length;
  const sc = cs < 0 ? width : cs;
  let found = false;
  const next = rows.map((r, i) => {
    const copy = cs < 0 ? [...r, ...Array<string>(Math.max(0, width + 1 - r.length)).fill('')] : [...r];
    if (i === 0 || (r[cu] ?? '').trim() !== unit || normaliseCode(r[cc] ?? '') !== code) return copy;
    found = true;
    copy[sc] = status;
    return copy;
  });
  if (cs < 0) next[0]![sc] = zh ? '状态' : 'status';
  if (!found) {
    const row = Array<string>(next[0]!.length).fill('');
    row[cu] = unit;
    row[cc] = code;
    row[sc] = status;
    next.push(row);
  }
  await writeFileAtomic(path, new TextEncoder().encode(registerCsv(next)));
}

/** Applies an action's patch to the workbook file atomically, or refuses. */
async function commit<T>(w: OpenScoreWorkbook, before: SheetReport, result: ActionResult<T>): Promise<T> {
  if (!result.ok) throw new Refused(result.reasons, result.locale);
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
      say('cli.notReadBack', {
        problems: broke.length ? joined(broke.map((f) => `${f.code} ${f.cell ?? ''}`)) : cli('cli.notReadBack.log'),
        file: w.path,
      }),
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
  if (!file) throw new UsageError(cli('cli.args.noWorkbook'));
  const person = str(p, 'person', true);
  const w = await openScoreWorkbook(file);
  const report = await pickSheet(w, await planFor(str(p, 'plan')), str(p, 'unit'));
  const key = report.ctx ? await keyFor(report.ctx.plan, person, str(p, 'passphrase-file'), err) : null;
  const result = await commit(w, report, step(report, { person, key, now: now() }));
  return { file, report, person, result };
}

const PASSPHRASE_FILE: OptionSpec = {
  type: 'string',
  arg: '<path|->',
  help: 'your passphrase from this file (first line) or standard input (-); without it: SCORESEAL_PASSPHRASE (read once), else an echo-free prompt',
};
const UNIT_OPTION: OptionSpec = {
  type: 'string',
  arg: '<id>',
  help: 'the unit whose sheet to use; needed only when the workbook holds several',
};
const SHEET_PLAN: OptionSpec = {
  type: 'string',
  arg: '<plan.json>',
  help: 'check the sheet against this trusted plan before the step; without it: the plan embedded in the workbook',
};
const JSON_OPTION: OptionSpec = {
  type: 'boolean',
  help: 'print one JSON document on stdout instead of the report, and nothing else:\n{ "files": [ { "file", "units": [ { "unit", "status", "findings" } ] } ] }\n(texts exact; codes and states in English)',
};
const REGISTER_OPTION: OptionSpec = {
  type: 'string',
  arg: '<csv>',
  help: "the envelope register (单位编号,密封码,收件日期,状态): each seal code must be the unit's registered valid code; without it one warning says the codes were not checked",
};
const CHANGE_EXITS = [
  'done: the workbook was written (atomically: a temporary file, then a rename)',
  'refused: the rules forbid the step; the message says why, the workbook is unchanged',
  'usage error or unreadable input; the workbook is unchanged',
] as const;

const COMMANDS: Record<string, Command> = {
  plan: {
    summary: 'setup workbook → plan JSON',
    usage: 'scoreseal plan <setup.xlsx> -o <plan.json>',
    options: {
      output: { type: 'string', short: 'o', arg: '<plan.json>', help: 'where to write the plan (required; replaced atomically)' },
    },
    positionals: 'one',
    about: [
      "Reads the Office's setup workbook (sheets 方案, 细则, 人员, 单位) and writes the assessment plan as",
      'JSON. Every rule of the plan is checked first: problems are listed on stderr, one PLAN_INVALID line',
      'each naming the sheet and cell, and nothing is written. stdout gets one line: rubrics, people, units.',
    ],
    exits: [
      'the plan was written',
      'the setup workbook breaks a plan rule (PLAN_INVALID lines on stderr)',
      'usage error or unreadable workbook',
    ],
    examples: ['scoreseal plan setup.xlsx -o plan.json', 'scoreseal plan examples/setup.xlsx -o out/plan.json'],
    async run(p) {
      const [input] = p.positionals;
      if (!input) throw new UsageError(cli('cli.args.noSetup'));
      const output = str(p, 'output', true);
      let tables;
      try {
        tables = await readSetupTables(input);
      } catch (e) {
        if (isXlsxError(e)) throw new InputError(cli('cli.xlsx.setup', { file: input, detail: xlsxDetail(e) }));
        throw e;
      }
      const r = setupToPlan(tables);
      if (!r.ok) {
        for (const i of r.issues)
          err(say('cli.setupInvalid', { file: input, where: i.where, message: planText(cliLanguage(), i.problem) }));
        return 1;
      }
      await writeFileAtomic(output, new TextEncoder().encode(`${JSON.stringify(r.json, null, 2)}\n`));
      out(say('cli.done.plan', { file: output, rubrics: r.plan.rubrics.size, people: r.plan.people.size, units: r.plan.units.size }));
      return 0;
    },
  },
  keygen: {
    summary: "prints a person's public key (from their passphrase)",
    usage: 'scoreseal keygen --plan <plan.json> --person <id> [--passphrase-file <path|->]',
    options: {
      plan: { type: 'string', arg: '<plan.json>', help: 'the plan the person is in (required; its title salts the key)' },
      person: { type: 'string', arg: '<id>', help: "the person's id in the plan (required)" },
      'passphrase-file': PASSPHRASE_FILE,
    },
    positionals: 'none',
    about: [
      "Derives the person's signing key from their passphrase and prints the public key on stdout (its",
      'fingerprint on stderr) for the 公钥 column of 人员. Nothing is written. A weak passphrase (too short,',
      "common, a keyboard walk, the person's own name or id) is refused.",
    ],
    exits: [
      'the key was printed',
      'refused: the person is not in the plan, or the passphrase is too weak',
      'usage error or unreadable plan',
    ],
    examples: [
      'scoreseal keygen --plan plan.json --person p01',
      'scoreseal keygen --plan plan.json --person p01 --passphrase-file - < my-passphrase.txt',
    ],
    async run(p) {
      const plan = await readPlanFile(str(p, 'plan', true));
      const id = str(p, 'person', true);
      const person = plan.people.get(id);
      if (!person) throw new Refused([msg('refuse.personUnknown', { person: id })], plan.locale);
      const pass = await readPassphrase(
        cli('cli.secret.passphrasePromptNamed', { name: person.name, person: id }),
        str(p, 'passphrase-file'),
        err,
      );
      const weak = passphraseProblem(pass, person);
      if (weak) throw new Refused([msg(`refuse.passphrase.${weak}`)], plan.locale);
      const key = await deriveKeyPair(pass, plan.data.title, id);
      out(key.publicKey);
      err(say('cli.done.keygen', { name: person.name, person: id, fingerprint: keyFingerprint(key.publicKey) }));
      return 0;
    },
  },
  template: {
    summary: 'one score workbook per unit',
    usage: 'scoreseal template --plan <plan.json> [--unit <id>…] -o <dir>',
    options: {
      plan: { type: 'string', arg: '<plan.json>', help: 'the trusted plan (required)' },
      unit: {
        type: 'string',
        multiple: true,
        arg: '<id>',
        help: 'only these units (several after one --unit, or --unit repeated); without it: every unit of the plan',
      },
      output: { type: 'string', short: 'o', arg: '<dir>', help: 'the folder to write <unit id>.xlsx into (required; created if missing)' },
    },
    positionals: 'none',
    about: [
      'Writes one blank score workbook per unit, <dir>/<unit id>.xlsx, with the plan embedded in it, and',
      'prints one line per file on stdout. Every unit named is checked against the plan before anything',
      'is written: an unknown unit is a usage error and no file is made.',
    ],
    exits: ['the workbooks were written', '(not used)', 'usage error (an unknown unit, an extra argument) or unreadable plan'],
    examples: ['scoreseal template --plan plan.json -o sheets', 'scoreseal template --plan plan.json --unit u01 u02 -o sheets'],
    async run(p) {
      const plan = await readPlanFile(str(p, 'plan', true));
      const dir = str(p, 'output', true);
      const units = list(p, 'unit');
      const ids = units.length ? units : [...plan.units.keys()];
      for (const id of ids)
        if (!plan.units.has(id)) throw new UsageError(cli('cli.unitNotInPlan', { unit: id, units: joined([...plan.units.keys()]) }));
      await mkdir(dir, { recursive: true });
      for (const id of ids) {
        const wb = await newWorkbook();
        wb.creator = 'ScoreSeal';
        await addScoreSheet(wb, buildTemplate(plan, id));
        const file = join(dir, `${id}.xlsx`);
        await saveWorkbookAtomic(wb, file);
        out(say('cli.done.template', { file, name: plan.units.get(id)!.name }));
      }
      return 0;
    },
  },
  validate: {
    summary: "findings for each sheet's current stage",
    usage: 'scoreseal validate <xlsx>… [--plan <plan.json>] [--json]',
    options: {
      plan: {
        type: 'string',
        arg: '<plan.json>',
        help: 'check against this trusted plan; without it, each sheet is checked against the plan embedded in its own workbook (fine while filling in; trust needs --plan or verify)',
      },
      json: JSON_OPTION,
    },
    positionals: 'many',
    about: [
      'Checks every score sheet of each workbook for what its stage needs: content and signatures always;',
      'sample, re-check and seal findings only once the sheet has reached that stage. Read only: the files',
      'are never changed. stdout gets, per file and sheet, ✓ or ✗ with the count of errors and warnings,',
      "the stage and one line per finding (code, cell, message); status words follow the plan's locale.",
    ],
    exits: [
      'no error findings (warnings allowed)',
      'at least one error finding',
      'usage error, or a file or the plan cannot be read (the others are still reported)',
    ],
    examples: ['scoreseal validate sheets/u01.xlsx', 'scoreseal validate sheets/*.xlsx --plan plan.json --json > findings.json'],
    async run(p) {
      const trusted = await planFor(str(p, 'plan'));
      const { results, unreadable } = await checkFiles(p.positionals, trusted, 'validate', undefined, progressWanted(p));
      printResults(results, p.values.json === true, trusted?.locale ?? 'zh-CN');
      return exitFor(results, unreadable);
    },
  },
  sign: {
    summary: 'signs items as scorer or reviewer',
    usage:
      'scoreseal sign <xlsx> [--unit <id>] --role scorer|reviewer --person <id> --item <code>…|--all [--plan <plan.json>] [--passphrase-file <path|->]',
    options: {
      unit: UNIT_OPTION,
      role: { type: 'string', arg: 'scorer|reviewer', help: 'sign as the scorer (考核人) or the reviewer (复查人) (required)' },
      person: { type: 'string', arg: '<id>', help: 'who signs: your id in the plan (required)' },
      item: {
        type: 'string',
        multiple: true,
        arg: '<code>',
        help: 'the items to sign: several after one --item (--item 1.1 1.2), --item repeated, or commas (--item 1.1,1.2)',
      },
      all: { type: 'boolean', help: 'instead of --item: every item of your groups you have not signed in that role' },
      plan: SHEET_PLAN,
      'passphrase-file': PASSPHRASE_FILE,
    },
    positionals: 'one',
    about: [
      'Signs the items with your key and writes the record into the workbook (atomically). Every item',
      'named must be signable (in your group, free of errors, not yet sealed, the scorer before the',
      'reviewer); otherwise nothing is signed and the workbook is unchanged. Name the workbook first:',
      'the values after --item run until the next option (or --).',
    ],
    exits: CHANGE_EXITS,
    examples: [
      'scoreseal sign sheets/u01.xlsx --role scorer --person p01 --item 1.1 1.2 2.3',
      'scoreseal sign sheets/u01.xlsx --role reviewer --person p02 --all --passphrase-file ~/.scoreseal-pass',
    ],
    async run(p) {
      const role = str(p, 'role', true);
      if (role !== 'scorer' && role !== 'reviewer') throw new UsageError(cli('cli.args.role'));
      const items = list(p, 'item');
      if (!items.length && p.values.all !== true) throw new UsageError(cli('cli.args.items'));
      const {
        file,
        report,
        person,
        result: r,
      } = await act(p, (rep, actor) => signItems(rep, { ...actor, role, items: p.values.all === true ? 'all' : items }));
      out(
        say('cli.done.sign', {
          file,
          unit: visible(report.unitName),
          count: r.record.items.length,
          role: msg(`role.${role}`),
          person,
          items: r.record.items.join(' '),
        }),
      );
      return 0;
    },
  },
  sample: {
    summary: 'draws the re-check sample (oversight)',
    usage: 'scoreseal sample <xlsx> [--unit <id>] --person <id> [--plan <plan.json>] [--passphrase-file <path|->]',
    options: {
      unit: UNIT_OPTION,
      person: { type: 'string', arg: '<id>', help: "the oversight member drawing (required; the unit's oversight in the plan)" },
      plan: SHEET_PLAN,
      'passphrase-file': PASSPHRASE_FILE,
    },
    positionals: 'one',
    about: [
      'Once every item is signed by its scorer and reviewer, draws the items to re-check with a verifiable',
      "random function of the oversight member's key and the sheet's content, records the draw in the",
      'workbook and prints the drawn item codes on stdout (space-separated; the seed goes to stderr).',
    ],
    exits: CHANGE_EXITS,
    examples: [
      'scoreseal sample sheets/u01.xlsx --person o01',
      'scoreseal sample sheets/u01.xlsx --person o01 --passphrase-file - < pass.txt',
    ],
    async run(p) {
      const { file, report, result: r } = await act(p, drawSampleAction);
      out(r.record.items.join(' '));
      err(say('cli.done.sample', { file, unit: visible(report.unitName), count: r.record.items.length, seed: r.record.seed }));
      return 0;
    },
  },
  recheck: {
    summary: 'records a re-check of a sampled item (oversight)',
    usage:
      'scoreseal recheck <xlsx> [--unit <id>] --person <id> --item <code> --result confirmed|adjusted [--score <n>] --note <text> [--plan <plan.json>] [--passphrase-file <path|->]',
    options: {
      unit: UNIT_OPTION,
      person: { type: 'string', arg: '<id>', help: 'the oversight member who drew the sample (required)' },
      item: { type: 'string', arg: '<code>', help: 'the drawn item re-checked (required; one item per run)' },
      result: { type: 'string', arg: 'confirmed|adjusted', help: 'the score stands, or is adjusted (required)' },
      score: { type: 'string', arg: '<n>', help: 'the re-checked score (required with --result adjusted)' },
      note: { type: 'string', arg: '<text>', help: 'what was checked and found (required)' },
      plan: SHEET_PLAN,
      'passphrase-file': PASSPHRASE_FILE,
    },
    positionals: 'one',
    about: [
      'Records, signed, the re-check of one item of the drawn sample: confirmed, or adjusted to --score',
      "(the total then counts the re-checked score). The item's own score cell is not changed.",
    ],
    exits: CHANGE_EXITS,
    examples: [
      'scoreseal recheck sheets/u01.xlsx --person o01 --item 2.4 --result confirmed --note 复核无误',
      'scoreseal recheck sheets/u01.xlsx --person o01 --item 1.1 --result adjusted --score 1.5 --note "台账不全"',
    ],
    async run(p) {
      const result = str(p, 'result', true);
      if (result !== 'confirmed' && result !== 'adjusted') throw new UsageError(cli('cli.args.result'));
      if (result === 'adjusted' && str(p, 'score') === undefined) throw new UsageError(cli('cli.args.score'));
      const note = str(p, 'note', true);
      const item = str(p, 'item', true);
      const {
        file,
        report,
        result: r,
      } = await act(p, (rep, actor) => recheckAction(rep, { ...actor, item, result, score: str(p, 'score'), note }));
      out(
        say('cli.done.recheck', {
          file,
          unit: visible(report.unitName),
          item: r.record.item,
          result: cli(`cli.result.${r.record.result}`),
          score: r.record.score ? cli('cli.done.recheckScore', { score: r.record.score }) : '',
        }),
      );
      return 0;
    },
  },
  seal: {
    summary: 'seals the sheet and prints the seal code (oversight)',
    usage: 'scoreseal seal <xlsx> [--unit <id>] --person <id> [--password-file <path|->] [--passphrase-file <path|->] [--plan <plan.json>]',
    options: {
      unit: UNIT_OPTION,
      person: { type: 'string', arg: '<id>', help: "the unit's oversight member (required)" },
      'password-file': {
        type: 'string',
        arg: '<path|->',
        help: 'the sheet protection password from this file (first line) or standard input (-); without it: an echo-free prompt, asked twice (Enter for none)',
      },
      password: {
        type: 'string',
        arg: '<p>',
        help: 'the password on the command line (warns: other users can see it; prefer --password-file)',
      },
      'passphrase-file': PASSPHRASE_FILE,
      plan: SHEET_PLAN,
    },
    positionals: 'one',
    about: [
      'Once every drawn item is re-checked, seals the sheet: a signed record over all its content, the sheet',
      'and the workbook structure protected. Prints the seal code (XXXX-XXXX-XXXX-XXXX) on stdout, to be',
      'written on the paper envelope and in the register; who sealed it and when go to stderr.',
    ],
    exits: CHANGE_EXITS,
    examples: [
      'scoreseal seal sheets/u01.xlsx --person o01',
      'scoreseal seal sheets/u01.xlsx --person o01 --password-file envelope-u01.txt',
    ],
    async run(p) {
      checkOneStdin(str(p, 'passphrase-file'), str(p, 'password-file'));
      const password = await readSheetPassword({ file: str(p, 'password-file'), inline: str(p, 'password'), confirm: true }, err);
      const { file, report, person, result: r } = await act(p, (rep, actor) => sealAction(rep, { ...actor, password }));
      out(r.record.code);
      err(say('cli.done.seal', { file, unit: visible(report.unitName), person, when: r.record.sealedAt }));
      return 0;
    },
  },
  unseal: {
    summary: 'opens a sealed sheet again, with a reason (Office only)',
    usage:
      'scoreseal unseal <xlsx> [--unit <id>] --person <id> --reason <text> [--register <csv>] [--password-file <path|->] [--passphrase-file <path|->] [--plan <plan.json>]',
    options: {
      unit: UNIT_OPTION,
      person: { type: 'string', arg: '<id>', help: 'the Office member unsealing (required)' },
      reason: { type: 'string', arg: '<text>', help: 'why the sheet is opened again (required; recorded and shown by verify)' },
      register: {
        type: 'string',
        arg: '<csv>',
        help: 'the envelope register: the seal code is marked 已拆封 (unsealed) in it (a row is added when the code is not there); without it the register is not touched',
      },
      'password-file': {
        type: 'string',
        arg: '<path|->',
        help: 'the seal password, from this file or standard input (-); without it: a prompt',
      },
      password: { type: 'string', arg: '<p>', help: 'the password on the command line (warns; prefer --password-file)' },
      'passphrase-file': PASSPHRASE_FILE,
      plan: SHEET_PLAN,
    },
    positionals: 'one',
    about: [
      'Records a signed unseal with its reason and lifts the protection, so the sheet can be corrected,',
      'signed and sealed again (a new round). The old seal code no longer verifies as valid.',
    ],
    exits: CHANGE_EXITS,
    examples: [
      'scoreseal unseal sheets/u01.xlsx --person f01 --reason "2.2 复核有误，退回重评"',
      'scoreseal unseal sheets/u01.xlsx --person f01 --reason 复核有误 --register register.csv',
    ],
    async run(p) {
      const reason = str(p, 'reason', true);
      checkOneStdin(str(p, 'passphrase-file'), str(p, 'password-file'));
      const password = await readSheetPassword({ file: str(p, 'password-file'), inline: str(p, 'password'), confirm: false }, err);
      const registerPath = str(p, 'register');
      // the register is read before anything is written: a bad one changes nothing
      if (registerPath) await readRegisterFile(registerPath);
      const { file, report, person } = await act(p, (rep, actor) => unsealAction(rep, { ...actor, reason, password }));
      out(say('cli.done.unseal', { file, unit: visible(report.unitName), person }));
      if (registerPath && report.seal) {
        await markUnsealed(registerPath, report.unit, report.seal.code);
        out(say('cli.done.registerMarked', { file: registerPath, code: report.seal.code }));
      }
      return 0;
    },
  },
  verify: {
    summary: 'trusted verification of sealed sheets',
    usage: 'scoreseal verify <xlsx>… --plan <plan.json> [--register <csv>] [--json]',
    options: {
      plan: {
        type: 'string',
        arg: '<plan.json>',
        help: "the Office's trusted plan (required; the plan embedded in a workbook is not trusted)",
      },
      register: REGISTER_OPTION,
      json: JSON_OPTION,
    },
    positionals: 'many',
    about: [
      'Verifies each sheet against the trusted plan: every signature, the sample draw, the re-checks and the',
      'seal, and that nothing changed after sealing; a unit found in two files is DUPLICATE_UNIT. Read only.',
      'stdout gets per sheet ✓ or ✗, the stage, the sealer, the time, the seal code and the register state,',
      "then the findings; status words follow the plan's locale. Many files show progress on a terminal.",
    ],
    exits: [
      'every sheet verified (warnings allowed)',
      'at least one error finding',
      'usage error, or a file, the plan or the register cannot be read',
    ],
    examples: [
      'scoreseal verify sheets/*.xlsx --plan plan.json',
      'scoreseal verify sheets/*.xlsx --plan plan.json --register register.csv --json',
    ],
    async run(p) {
      const trusted = await readPlanFile(str(p, 'plan', true));
      const { register, warnings } = await registerFor(p);
      const { results, unreadable } = await checkFiles(p.positionals, trusted, 'verify', register, progressWanted(p));
      printResults(results, p.values.json === true, trusted.locale, warnings);
      return exitFor(results, unreadable);
    },
  },
  compile: {
    summary: 'verify, then totals, grades, ranks, appraiser analysis',
    usage: COMPILE_HELP,
    options: {
      plan: { type: 'string', arg: '<plan.json>', help: "the Office's trusted plan (required)" },
      register: REGISTER_OPTION,
      output: {
        type: 'string',
        short: 'o',
        arg: '<summary.xlsx>',
        help: 'the summary workbook to write (required; replaced atomically; must not be one of the inputs)',
      },
      json: {
        type: 'boolean',
        help: 'print one JSON document on stdout: the verify document plus "summary" (one row per unit), "appraisers" and "warnings"; the summary workbook is written either way',
      },
    },
    positionals: 'many',
    about: [
      'Verifies every sheet as verify does, then writes the summary workbook (汇总, 考核人员分析, 问题清单,',
      'a chart): totals with re-check adjustments, grades, ranks within each category (ties share a rank).',
      'Sheets that fail verification and duplicated units are listed, never ranked; units with no sheet are',
      'listed as not received. stdout gets the ranking table per category and the appraiser analysis.',
    ],
    exits: [
      'the summary was written and every sheet verified',
      'the summary was written, but some sheet failed verification or is duplicated',
      'usage error, or a file, the plan or the register cannot be read',
    ],
    examples: [
      'scoreseal compile sheets/*.xlsx --plan plan.json -o summary.xlsx',
      'scoreseal compile sheets/*.xlsx --plan plan.json --register register.csv -o summary.xlsx --json',
    ],
    run: (p) =>
      compileCommand(p, {
        checkFiles: (files, trusted, mode, register) => checkFiles(files, trusted, mode, register, progressWanted(p)),
        registerFor,
        out,
        err,
      }),
  },
};

// The long help (`scoreseal --help`, `scoreseal <command> --help`: summaries, usage, options,
// exit codes, examples) stays English-only; every other line comes from the catalog (./say.ts).
function mainHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((k) => k.length));
  return [
    'scoreseal — signed, sealed assessment score sheets (考核评分表)',
    '',
    'Usage: scoreseal <command> [options]   (scoreseal <command> --help explains a command)',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    'Arguments: files may come before, between or after the options. The values after --item (sign) or',
    '--unit (template) run until the next argument that begins with -: --item 1.1 1.2 means both, as does',
    '--item 1.1 --item 1.2; -- ends the options. An argument a command does not use is a usage error.',
    'Output: the result on stdout (with --json one JSON document, nothing else); messages, warnings and',
    "progress (only on a terminal) on stderr. Status words follow the plan's locale (zh-CN or en-US).",
    'Passphrases come from --passphrase-file <path|->, SCORESEAL_PASSPHRASE (read once, then removed from',
    'the environment) or an echo-free prompt; the seal password from --password-file or a prompt.',
    "SCORESEAL_LANG=zh-CN makes the command line's own messages Chinese (default en-US; not this help).",
    'Exit codes: 0 success, no errors · 1 error findings or a refused step · 2 usage or unreadable input.',
  ].join('\n');
}

/** Help text is wrapped to this many columns. */
const HELP_COLUMNS = 100;

function commandHelp(name: string, c: Command): string {
  return [
    `scoreseal ${name} — ${c.summary}`,
    '',
    `Usage: ${c.usage}`,
    '',
    ...wrap(c.about.join(' '), HELP_COLUMNS),
    '',
    'Options:',
    ...optionLines(c.options, HELP_COLUMNS),
    '',
    'Exit codes:',
    ...c.exits.map((e, i) => `  ${i}  ${e}`),
    '',
    'Examples:',
    ...c.examples.map((e) => `  ${e}`),
  ].join('\n');
}

/** The one-line usage that follows a usage error outside any command. */
const topUsage = (): string => say('cli.line.topUsage', { commands: joined(Object.keys(COMMANDS)) });

/** For an option `command` does not take: which commands take it. */
const takenBy =
  (command: string): Elsewhere =>
  (option) => {
    const others = Object.keys(COMMANDS).filter((n) => n !== command && Object.hasOwn(COMMANDS[n]!.options, option));
    if (!others.length) return undefined;
    return cli(others.length > 1 ? 'cli.args.elsewhereMany' : 'cli.args.elsewhereOne', { command, option, commands: joined(others) });
  };

export async function main(argv: readonly string[]): Promise<number> {
  takeEnvPassphrase();
  // the command line's own language for this run (the report follows the plan's locale)
  setLanguage(languageOf(process.env.SCORESEAL_LANG));
  try {
    return await runMain(argv);
  } finally {
    forgetEnvPassphrase();
    setLanguage(DEFAULT_LANGUAGE);
  }
}

async function runMain(argv: readonly string[]): Promise<number> {
  useNodeCrypto();
  useNodeInflate();
  // a fixed clock writes files with its time too, so a reproducible run is byte-for-byte
  useFixedWriteTime(fixedClockStart());
  const [name, ...rest] = argv;
  if (!name) {
    // no command: a usage error, so the help goes to stderr
    err(mainHelp());
    return 2;
  }
  if (name === '--help' || name === '-h' || (name === 'help' && !rest.length)) {
    out(mainHelp());
    return 0;
  }
  if (name === '--version') {
    out(say('cli.line.version', { version: '0.1.0' }));
    return 0;
  }
  const asked = name === 'help' ? rest[0]! : name;
  const cmd = Object.hasOwn(COMMANDS, asked) ? COMMANDS[asked] : undefined;
  if (!cmd) {
    const near = suggest(asked, Object.keys(COMMANDS));
    const hint = near ? cli('cli.line.didYouMean', { near }) : '';
    err(`${say(asked.startsWith('-') ? 'cli.line.notACommand' : 'cli.line.unknownCommand', { arg: asked, hint })}\n${topUsage()}`);
    return 2;
  }
  if (name === 'help' || wantsHelp(rest)) {
    out(commandHelp(asked, cmd));
    return 0;
  }
  try {
    const p = parse(rest, cmd.options, cmd.positionals, takenBy(name));
    return await cmd.run(p);
  } catch (e) {
    if (e instanceof Refused) {
      for (const r of e.reasons) err(say('cli.line.refused', { command: name, reason: visible(planText(e.locale, r)) }));
      return 1;
    }
    if (e instanceof UsageError) {
      err(`${say('cli.line.error', { command: name, message: e.message })}\n${say('cli.line.usage', { usage: cmd.usage })}`);
      return 2;
    }
    if (e instanceof InputError) {
      err(say('cli.line.error', { command: name, message: e.message }));
      return 2;
    }
    if (isXlsxError(e)) {
      err(say('cli.line.error', { command: name, message: xlsxDetail(e) }));
      return 2;
    }
    err(say('cli.line.internal', { command: name, message: e instanceof Error ? e.message : String(e) }));
    if (process.env.SCORESEAL_DEBUG) err(e instanceof Error ? (e.stack ?? '') : '');
    return 2;
  }
}
