/**
 * The command line's own texts come from its catalog (issue 13). A spread of runs — usage errors,
 * an unknown option with "did you mean", missing files, files that are not workbooks, refusals,
 * secrets problems, register problems, the lines a step prints when it is done, compile —
 * happens with the command line's and the core's catalogs replaced by pseudo-locale ones, in
 * which every piece of literal text of a message is wrapped in ⟦…⟧ (placeholders stay outside).
 * Every line the command line prints must then be ⟦catalog text⟧ and data only: file names,
 * ids, codes, names from the plan or the workbook, numbers, punctuation. A letter outside ⟦…⟧
 * that is not data is a text that never went through the catalog (a probe shows the check
 * fails then). Also: zh-CN and en-US have the same ids and placeholders, SCORESEAL_LANG=zh-CN
 * speaks Chinese, and the en-US texts of the xlsx edge's errors are the reader's own messages.
 */
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CATALOGS, type Catalog, type Catalogs, type Locale } from '../../src/core/i18n/catalog';
import { xlsxDetail } from '../../src/cli/io';
import { CLI_CATALOGS, languageOf, say, useCatalogs, type CliCatalog, type CliCatalogs } from '../../src/cli/say';
import { CLI_EN, CLI_ZH } from '../../src/cli/texts';
import { XlsxError, isXlsxError, type XlsxLimit, type XlsxPlace } from '../../src/xlsx/errors';
import { overLimit } from '../../src/xlsx/lean/fail';
import { checkChangeable } from '../../src/xlsx/buffer';
import { readWorkbook } from '../../src/xlsx/read';
import { ROOT, runCli, type RunResult } from '../robustness/harness';

jest.setTimeout(120_000);

const BAD = 'test/fixtures/bad';
const tmp = mkdtempSync(join(tmpdir(), 'scoreseal-pseudo-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A text with each piece of literal text wrapped in ⟦…⟧; `{placeholders}` stay outside. */
const wrapText = (text: string): string =>
  text
    .split(/(\{\w+\})/)
    .map((part) => (part === '' || /^\{\w+\}$/.test(part) ? part : `⟦${part}⟧`))
    .join('');
const wrapAll = <C extends Readonly<Record<string, string>>>(c: C): C =>
  Object.fromEntries(Object.entries(c).map(([k, v]) => [k, wrapText(v)])) as unknown as C;
const PSEUDO_CLI: CliCatalogs = { 'zh-CN': wrapAll<CliCatalog>(CLI_ZH), 'en-US': wrapAll<CliCatalog>(CLI_EN) };
const PSEUDO_CORE: Catalogs = { 'zh-CN': wrapAll<Catalog>(CATALOGS['zh-CN']), 'en-US': wrapAll<Catalog>(CATALOGS['en-US']) };

/** Data that may stand outside ⟦…⟧ whatever the run: seal codes, times, keys, fingerprints, seeds. */
const DATA_PATTERNS: readonly RegExp[] = [
  /ed25519:[A-Za-z0-9+/=]+/g,
  /\b\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:\d{2})/g,
  /\b[0-9A-F]{4}(?:-[0-9A-F]{4}){3}\b/g,
  /\b[0-9a-f]{32,}\b/g,
  /\b[A-Za-z0-9+/]{4}-[A-Za-z0-9+/]{4}\b/g,
];

/** The names of the plan's people and units (data in refusals and done lines). */
const planJson = JSON.parse(readFileSync(join(ROOT, BAD, 'plan.json'), 'utf8')) as {
  people: { id: string; name: string }[];
  units: { id: string; name: string }[];
};
const PLAN_DATA = [...planJson.people.flatMap((p) => [p.id, p.name]), ...planJson.units.flatMap((u) => [u.id, u.name])];

/** The commands' names (data in "did you mean", the list of commands, "which commands take it"). */
const COMMAND_NAMES = ['plan', 'keygen', 'template', 'validate', 'sign', 'sample', 'recheck', 'seal', 'unseal', 'verify', 'compile'];

/** What a run was given, as it may be shown: every argument (an option also by its name and value), the environment's values. */
const given = (r: Run): string[] => [
  ...r.argv.flatMap((a) => (a.startsWith('-') ? [a, a.replace(/^-+/, ''), ...a.replace(/^-+/, '').split('=')] : [a])),
  ...Object.values(r.env ?? {}),
];

/** The usage line after a usage error: the frame is the catalog's, the command's synopsis is help text (English by design). */
const USAGE_LINE = /^⟦Usage: ⟧scoreseal [a-z]+ .*$/;

/** What is left of a line once catalog text and data are taken out: empty, or the text that did not go through the catalog. */
function uncatalogued(line: string, data: readonly string[]): string {
  if (USAGE_LINE.test(line)) return '';
  let rest = line.replace(/⟦[^⟦⟧]*⟧/g, ' ');
  for (const d of [...data].filter(Boolean).sort((a, b) => b.length - a.length)) rest = rest.split(d).join(' ');
  for (const re of DATA_PATTERNS) rest = rest.replace(re, ' ');
  // what may remain: digits, punctuation, symbols, spaces — no letters of any script
  return /[\p{L}]/u.test(rest) ? rest.replace(/\s+/g, ' ').trim() : '';
}

/** The longest piece of literal text of a message. */
const longestText = (text: string): string => text.split(/\{\w+\}/).reduce((a, b) => (b.length > a.length ? b : a), '');

interface Run {
  readonly name: string;
  readonly argv: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** the command prints a report of findings on stdout (plan's locale, the report's own test): only stderr is checked */
  readonly report?: boolean;
  /** more data shown (names the command makes: a file it writes, a sheet name) */
  readonly data?: readonly string[];
  /** its expected exit code */
  readonly code: number;
}

const planArg = ['--plan', `${BAD}/plan.json`];
const clock = { SCORESEAL_CLOCK: '2026-12-01T09:00:00+08:00' };
const passOf = (id: string): Record<string, string> => ({ ...clock, SCORESEAL_PASSPHRASE: `demo-passphrase-${id}` });

function spread(): Run[] {
  const signed = join(tmp, 'signed.xlsx');
  copyFileSync(join(ROOT, BAD, 'signed.xlsx'), signed);
  const filled = join(tmp, 'filled.xlsx');
  copyFileSync(join(ROOT, BAD, 'filled.xlsx'), filled);
  const twoLines = join(tmp, 'two-lines.txt');
  writeFileSync(twoLines, 'first\nsecond\n', { mode: 0o600 });
  const readable = join(tmp, 'readable.txt');
  writeFileSync(readable, 'demo-passphrase-p01\n', { mode: 0o644 });
  const badRegister = join(tmp, 'bad-register.csv');
  writeFileSync(badRegister, 'unit,code,received,status\nr01,XYZ,2026-12-02,valid\n,ABCD-1234-EF56-7890,,gone\n');
  const noHeader = join(tmp, 'no-header.csv');
  writeFileSync(noHeader, 'a,b\n');
  const twoValid = join(tmp, 'two-valid.csv');
  writeFileSync(twoValid, 'unit,code,received,status\nr01,ABCD-1234-EF56-7890,,valid\nr01,ABCD-1234-EF56-7891,,valid\n');
  const register = join(tmp, 'register.csv');
  writeFileSync(register, 'unit,code,received,status\n');
  const unreadable = ['not-a-zip.xlsx', 'legacy.xls', 'macro-enabled.xlsx', 'strict-ooxml.xlsx', 'zip-not-workbook.xlsx'].concat([
    'encrypted-cfb.xlsx',
    'truncated.xlsx',
    'deep-nesting.xlsx',
    'escape-sheet-name.xlsx',
    'empty.xlsx',
  ]);
  const sample = (...more: string[]): string[] => ['sample', signed, '--person', 'o01', ...planArg, ...more];
  return [
    { name: 'version', argv: ['--version'], code: 0 },
    { name: 'unknown command, did you mean', argv: ['valdate'], code: 2 },
    { name: 'an option for a command', argv: ['--json'], code: 2 },
    { name: 'no files', argv: ['validate'], code: 2 },
    { name: 'unknown option, did you mean', argv: ['validate', `${BAD}/filled.xlsx`, '--jsn'], data: ['jsn', 'json'], code: 2 },
    { name: 'an option of other commands', argv: ['sign', signed, '--output', 'x.json'], data: ['output'], code: 2 },
    { name: 'unknown short option', argv: ['validate', '-zq'], data: ['-z'], code: 2 },
    { name: 'a boolean with a value', argv: ['validate', `${BAD}/filled.xlsx`, '--json=yes'], code: 2 },
    { name: 'a value missing', argv: ['verify', `${BAD}/filled.xlsx`, '--plan', '--json'], data: ['<plan.json>'], code: 2 },
    { name: 'given twice', argv: ['verify', `${BAD}/filled.xlsx`, '--plan', 'a.json', '--plan', 'b.json'], code: 2 },
    { name: 'one workbook at a time', argv: ['sign', signed, filled, '--role', 'scorer'], code: 2 },
    { name: 'a file swallowed by --item', argv: ['sign', '--item', '1.1', 'a.xlsx'], code: 2 },
    { name: 'a required option', argv: ['sign', signed, '--role', 'scorer', '--item', '1.1'], data: ['person'], code: 2 },
    { name: 'a bad role', argv: ['sign', signed, '--role', 'boss', '--person', 'p01', '--item', '1.1'], code: 2 },
    { name: 'no items', argv: ['sign', signed, '--role', 'scorer', '--person', 'p01'], code: 2 },
    { name: 'a bad result', argv: ['recheck', signed, '--person', 'o01', '--item', '1.1', '--result', 'maybe', '--note', 'n'], code: 2 },
    { name: 'no workbook', argv: ['sample', '--person', 'o01'], code: 2 },
    { name: 'no setup workbook', argv: ['plan', '-o', join(tmp, 'p.json')], code: 2 },
    { name: 'unit not in the plan', argv: ['template', ...planArg, '--unit', 'zz', '-o', tmp], code: 2 },
    { name: 'missing plan', argv: ['validate', `${BAD}/filled.xlsx`, '--plan', `${BAD}/no-such-plan.json`], code: 2 },
    {
      name: 'a plan that breaks the rules',
      argv: ['validate', `${BAD}/filled.xlsx`, '--plan', `${BAD}/plan-broken-rule.json`],
      data: ['rubrics[0].items[0].max', 'rubrics[0].items[1].children[1].code', '2.1'],
      code: 2,
    },
    {
      name: 'a plan that is not JSON',
      argv: ['validate', `${BAD}/filled.xlsx`, '--plan', `${BAD}/plan-not-json.json`],
      // the JSON parser's own words are data (Node's, in English)
      data: ['(JSON)', 'Expected double-quoted property name in JSON at position 57'],
      code: 2,
    },
    { name: 'missing workbook', argv: ['validate', `${BAD}/no-such.xlsx`], report: true, code: 2 },
    { name: 'files that are not workbooks', argv: ['validate', ...unreadable.map((f) => `${BAD}/${f}`)], report: true, code: 2 },
    {
      name: 'not a workbook to change',
      argv: ['sign', `${BAD}/not-a-zip.xlsx`, '--role', 'scorer', '--person', 'p01', '--item', '1.1'],
      code: 2,
    },
    { name: 'setup from a non-workbook', argv: ['plan', `${BAD}/not-a-zip.xlsx`, '-o', join(tmp, 'p.json')], code: 2 },
    { name: 'setup from a missing file', argv: ['plan', `${BAD}/no-such.xlsx`, '-o', join(tmp, 'p.json')], code: 2 },
    {
      name: 'sign refused',
      argv: ['sign', filled, '--role', 'scorer', '--person', 'o01', '--item', '1.1', ...planArg],
      env: passOf('o01'),
      code: 1,
    },
    { name: 'keygen refused', argv: ['keygen', ...planArg, '--person', 'zz'], code: 1 },
    {
      name: 'seal refused, inline password',
      argv: ['seal', signed, '--person', 'o01', '--password', 'x', ...planArg],
      env: passOf('o01'),
      code: 1,
    },
    { name: 'no passphrase', argv: sample(), env: clock, code: 2 },
    { name: 'passphrase file missing', argv: sample('--passphrase-file', join(tmp, 'nope.txt')), env: clock, code: 2 },
    { name: 'passphrase of two lines', argv: sample('--passphrase-file', twoLines), env: clock, code: 2 },
    { name: 'passphrase not a file', argv: sample('--passphrase-file', tmp), env: clock, code: 2 },
    { name: 'both secrets on stdin', argv: ['seal', signed, '--person', 'o01', '--password-file', '-', '--passphrase-file', '-'], code: 2 },
    { name: 'both passwords', argv: ['seal', signed, '--person', 'o01', '--password', 'x', '--password-file', twoLines], code: 2 },
    { name: 'bad clock', argv: sample(), env: { ...passOf('o01'), SCORESEAL_CLOCK: 'yesterday' }, code: 2 },
    { name: 'register missing', argv: ['verify', signed, ...planArg, '--register', join(tmp, 'none.csv')], report: true, code: 2 },
    { name: 'register bad rows', argv: ['verify', signed, ...planArg, '--register', badRegister], data: ['XYZ'], report: true, code: 2 },
    { name: 'register without header', argv: ['verify', signed, ...planArg, '--register', noHeader], report: true, code: 2 },
    { name: 'register with two valid codes', argv: ['verify', signed, ...planArg, '--register', twoValid], report: true, code: 1 },
    { name: 'keygen', argv: ['keygen', ...planArg, '--person', 'p01', '--passphrase-file', readable], code: 0 },
    { name: 'plan', argv: ['plan', 'examples/setup.xlsx', '-o', join(tmp, 'plan.json')], code: 0 },
    { name: 'template', argv: ['template', ...planArg, '--unit', 'r01', '-o', tmp], data: [join(tmp, 'r01.xlsx')], code: 0 },
    { name: 'sample', argv: sample(), env: passOf('o01'), code: 0 },
    ...['1.2', '2.1', '9.1'].map((item): Run => ({
      name: `recheck ${item}`,
      argv: [
        'recheck',
        signed,
        '--person',
        'o01',
        '--item',
        item,
        '--result',
        item === '2.1' ? 'adjusted' : 'confirmed',
        '--score',
        '1',
        '--note',
        'n',
        ...planArg,
      ],
      env: passOf('o01'),
      code: 0,
    })),
    { name: 'seal', argv: ['seal', signed, '--person', 'o01', ...planArg], env: passOf('o01'), code: 0 },
    {
      name: 'unseal',
      argv: ['unseal', signed, '--person', 'f01', '--reason', 'r', '--register', register, ...planArg],
      env: passOf('f01'),
      code: 0,
    },
    { name: 'compile over an input', argv: ['compile', signed, ...planArg, '-o', signed], code: 2 },
    { name: 'compile', argv: ['compile', signed, ...planArg, '-o', join(tmp, 'summary.xlsx')], report: true, code: 1 },
  ];
}

async function run(r: Run): Promise<RunResult> {
  const cwd = process.cwd();
  process.chdir(ROOT);
  try {
    return await runCli(r.argv, r.env ?? {});
  } finally {
    process.chdir(cwd);
  }
}

/** The lines of a run that hold text that is neither the catalog's nor data. */
function problems(r: Run, result: RunResult): string[] {
  const data = [...given(r), ...(r.data ?? []), ...PLAN_DATA, ...COMMAND_NAMES, 'xl/worksheets/sheet1.xml', '\\u202Exslx.exe\\u009B2J'];
  const lines = [...result.stderr.split('\n'), ...(r.report ? [] : result.stdout.split('\n'))].filter((l) => l.trim() !== '');
  return lines.flatMap((line) => {
    const left = uncatalogued(line, data);
    return left ? [`${r.name}: ${JSON.stringify(line)} (left: ${JSON.stringify(left)})`] : [];
  });
}

describe('the command line with pseudo-locale catalogs', () => {
  beforeAll(() => useCatalogs({ cli: PSEUDO_CLI, core: PSEUDO_CORE }));
  afterAll(() => useCatalogs());

  it('prints only catalog text and data, whatever the run', async () => {
    const found: string[] = [];
    const shown: string[] = [];
    for (const r of spread()) {
      const result = await run(r);
      expect({ name: r.name, code: result.code }).toEqual({ name: r.name, code: r.code });
      found.push(...problems(r, result));
      shown.push(result.stderr, r.report ? '' : result.stdout);
    }
    expect(found).toEqual([]);
    // the spread reached what it is meant to (one text of each family, wrapped)
    const all = shown.join('\n');
    for (const id of [
      'cli.line.refused',
      'cli.line.didYouMean',
      'cli.args.didYouMean',
      'cli.args.elsewhereMany',
      'cli.xlsx.xlsm',
      'cli.xlsx.tooLarge',
      'cli.xlsx.detail.other',
      'cli.secret.oneLine',
      'cli.secret.readable',
      'cli.secret.inlinePassword',
      'cli.register.code',
      'cli.register.twoValid',
      'cli.done.sample',
      'cli.done.recheckScore',
      'cli.done.seal',
      'cli.done.registerMarked',
      'cli.done.compile',
    ] as const)
      expect({ id, shown: all.includes(`⟦${longestText(CLI_EN[id])}⟧`) }).toEqual({ id, shown: true });
  });

  it('the check fails on text that did not come from the catalog (probes)', async () => {
    expect(uncatalogued('⟦scoreseal ⟧validate⟦: ⟧no such file', ['validate'])).toBe('no such file');
    expect(uncatalogued('⟦scoreseal ⟧validate⟦: ⟧文件不存在', ['validate'])).toBe('文件不存在');
    expect(uncatalogued('⟦scoreseal ⟧validate⟦: ⟧a.xlsx (3)', ['validate', 'a.xlsx'])).toBe('');
    // the long help is English by design, not in the catalog: the check says so
    const help = await run({ name: 'help', argv: ['--help'], code: 0 });
    expect(problems({ name: 'help', argv: ['--help'], code: 0 }, help).length).toBeGreaterThan(5);
  });
});

describe('the command line catalogs', () => {
  const placeholders = (s: string): string[] => [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();

  it('zh-CN and en-US have the same ids, with the same placeholders', () => {
    expect(Object.keys(CLI_EN).sort()).toEqual(Object.keys(CLI_ZH).sort());
    for (const [id, zh] of Object.entries(CLI_ZH))
      expect({ id, p: placeholders(CLI_EN[id as keyof typeof CLI_ZH]) }).toEqual({ id, p: placeholders(zh) });
    for (const locale of ['zh-CN', 'en-US'] as Locale[])
      for (const text of Object.values(CLI_CATALOGS[locale])) expect(text.trim()).not.toBe('');
  });

  it("no id is also the core's (the catalogs are merged)", () => {
    const core = new Set(Object.keys(CATALOGS['en-US']));
    expect(Object.keys(CLI_EN).filter((id) => core.has(id))).toEqual([]);
  });

  it('SCORESEAL_LANG chooses the language: zh-CN speaks Chinese, anything else en-US', async () => {
    expect([
      languageOf('zh-CN'),
      languageOf('zh_CN.UTF-8'),
      languageOf('zh'),
      languageOf('en-US'),
      languageOf(undefined),
      languageOf('zhx'),
    ]).toEqual(['zh-CN', 'zh-CN', 'zh-CN', 'en-US', 'en-US', 'en-US']);
    const zh = { SCORESEAL_LANG: 'zh-CN' };
    const usage = await run({ name: '', argv: ['sign', join(tmp, 'x.xlsx'), '--role', 'boss', '--person', 'p01'], env: zh, code: 2 });
    expect(usage.stderr.split('\n')).toEqual([
      'scoreseal sign：--role 应为 scorer 或 reviewer',
      expect.stringMatching(/^用法：scoreseal sign /),
      '',
    ]);
    const files = await run({
      name: '',
      argv: ['validate', `${BAD}/not-a-zip.xlsx`, `${BAD}/legacy.xls`, `${BAD}/no-such.xlsx`],
      env: zh,
      code: 2,
    });
    expect(files.stderr).toBe(
      [
        `scoreseal：${BAD}/not-a-zip.xlsx：不是 .xlsx 工作簿；请另存为“Excel 工作簿 (.xlsx)”后重试`,
        `scoreseal：${BAD}/legacy.xls：不是 .xlsx 工作簿（是旧格式的 .xls）；请另存为“Excel 工作簿 (.xlsx)”后重试`,
        `scoreseal：${BAD}/no-such.xlsx：文件不存在`,
        '',
      ].join('\n'),
    );
    const unknown = await run({ name: '', argv: ['valdate'], env: zh, code: 2 });
    expect(unknown.stderr).toMatch(
      /^scoreseal：没有“valdate”这个命令 — 是否要用“validate”？\n用法：scoreseal <命令> \[选项\] {3}（命令：plan，keygen，/,
    );
    // the report still follows the plan's locale, and the next run without it is English again
    const en = await run({ name: '', argv: ['validate', `${BAD}/no-such.xlsx`], code: 2 });
    expect(en.stderr).toBe(`scoreseal: ${BAD}/no-such.xlsx: no such file\n`);
  });
});

describe("the xlsx edge's errors, said by the command line", () => {
  /** Every error the bad fixtures give the reader. */
  async function fixtureErrors(): Promise<XlsxError[]> {
    const errors: XlsxError[] = [];
    for (const f of readdirSync(join(ROOT, BAD)).filter((x) => /\.xlsx?$/.test(x))) {
      try {
        await readWorkbook(join(ROOT, BAD, f));
      } catch (e) {
        if (isXlsxError(e)) errors.push(e);
        else throw e;
      }
    }
    return errors;
  }

  it("in en-US, what exactly the reader found is the reader's own message, for every reason", async () => {
    const errors = await fixtureErrors();
    expect(new Set(errors.map((e) => e.code))).toEqual(new Set(['NOT_XLSX', 'ENCRYPTED', 'CORRUPT', 'TOO_LARGE']));
    const places: (XlsxPlace | undefined)[] = [
      undefined,
      { part: 'xl/worksheets/sheet1.xml' },
      { sheet: '城关镇' },
      { sheet: 'S', cell: 'B7' },
      { sharedString: 12 },
      { entry: 'xl/sharedStrings.xml' },
    ];
    const limits: XlsxLimit[] = ['xmlDepth', 'xmlText', 'sheets', 'sharedStrings', 'rows', 'cells', 'conditionalFormats', 'mergedRanges'];
    limits.push('stringChars', 'valueChars', 'formulaChars', 'entryBytes', 'totalBytes');
    for (const limit of limits) for (const at of places) errors.push(overLimit('u01.xlsx', limit, 100, at));
    const f = 'u01.xlsx';
    errors.push(
      new XlsxError({ code: 'NOT_FOUND' }, f, `${f} does not exist`),
      new XlsxError({ code: 'UNREADABLE', kind: 'notAFile' }, f, `${f} is not a file`),
      new XlsxError({ code: 'UNREADABLE', kind: 'io', errno: 'EACCES' }, f, `${f} cannot be read (EACCES)`),
      new XlsxError({ code: 'UNREADABLE', kind: 'io' }, f, `${f} cannot be read (unknown error)`),
      new XlsxError({ code: 'WRITE_FAILED', kind: 'io', errno: 'ENOSPC' }, f, `${f} was not saved (ENOSPC)`),
      new XlsxError({ code: 'WRITE_FAILED', kind: 'unwritable' }, f, `${f} was not saved: the workbook could not be written`),
      new XlsxError({ code: 'CORRUPT', kind: 'unloadable' }, f, `${f} is damaged and cannot be read as a workbook`),
      new XlsxError({ code: 'TOO_LARGE', kind: 'fileBytes', size: 300, max: 200 }, f, `${f} is too large (300 bytes; the limit is 200)`),
    );
    const tooBig = (outside: ReadonlyMap<string, string>): unknown => {
      try {
        checkChangeable(
          { lean: { extent: { cells: 1_234_567, span: 9_000_000 } }, outside } as unknown as Parameters<typeof checkChangeable>[0],
          f,
        );
      } catch (e) {
        return e;
      }
      return null;
    };
    for (const outside of [new Map(), new Map([['城关镇', 'XFD30000']])]) {
      const e = tooBig(outside);
      expect(isXlsxError(e, 'TOO_LARGE')).toBe(true);
      errors.push(e as XlsxError);
    }
    for (const e of errors) {
      const d = xlsxDetail(e);
      expect({ reason: e.reason, said: say(d.id, d.params) }).toEqual({ reason: e.reason, said: e.message });
    }
  });
});
