/**
 * The command line's arguments, help and output helpers, in process (issue 12): several values
 * after one flag, arguments a command does not use refused by name, "did you mean" for typos,
 * help that explains every option, display-width alignment, progress only on a terminal.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { editDistance, list, parse, suggest, type Options } from '../../src/cli/args';
import { main } from '../../src/cli/main';
import { alignRows, displayWidth, humanReport, rankingLines } from '../../src/cli/output';
import type { UnitSummary } from '../../src/core/compile/compile';
import { EXAMPLE_PLAN_PATH, examplePlanJson } from '../support/memory';

jest.setTimeout(60_000);

async function run(args: string[], opts: { tty?: boolean } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((s) => {
    stdout += String(s);
    return true;
  });
  const e = jest.spyOn(process.stderr, 'write').mockImplementation((s) => {
    stderr += String(s);
    return true;
  });
  const tty = Object.getOwnPropertyDescriptor(process.stderr, 'isTTY');
  if (opts.tty !== undefined) Object.defineProperty(process.stderr, 'isTTY', { value: opts.tty, configurable: true });
  try {
    return { code: await main(args), stdout, stderr };
  } finally {
    o.mockRestore();
    e.mockRestore();
    if (tty) Object.defineProperty(process.stderr, 'isTTY', tty);
    else delete (process.stderr as { isTTY?: boolean }).isTTY;
  }
}

const dir = mkdtempSync(join(tmpdir(), 'scoreseal-args-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SIGN: Options = {
  unit: { type: 'string' },
  person: { type: 'string' },
  item: { type: 'string', multiple: true },
  all: { type: 'boolean' },
  note: { type: 'string' },
  score: { type: 'string' },
  'passphrase-file': { type: 'string' },
  output: { type: 'string', short: 'o' },
};
const usage = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect((e as Error).name).toBe('UsageError');
    return (e as Error).message;
  }
  throw new Error('no usage error');
};

describe('several values after one flag', () => {
  it('run until the next argument that begins with -; repeating the flag and commas add to them', () => {
    const p = parse(['a.xlsx', '--item', '1.1', '1.2', '--person', 'p01', '--item', '2.1,2.2', '--item=3.1', '3.2'], SIGN, 'one');
    expect(list(p, 'item')).toEqual(['1.1', '1.2', '2.1', '2.2', '3.1', '3.2']);
    expect(p.positionals).toEqual(['a.xlsx']);
    expect(p.values.person).toBe('p01');
  });
  it('files may come before, between or after options that take one value; -- ends the options', () => {
    const files = parse(['--unit', 'u01', 'a.xlsx', '--person', 'p01', 'b.xlsx', '--all', 'c.xlsx'], SIGN, 'many');
    expect(files.positionals).toEqual(['a.xlsx', 'b.xlsx', 'c.xlsx']);
    const ended = parse(['--item', '1.1', '1.2', '--', 'a.xlsx'], SIGN, 'one');
    expect([list(ended, 'item'), ended.positionals]).toEqual([['1.1', '1.2'], ['a.xlsx']]);
    expect(parse(['--', '--odd.xlsx'], SIGN, 'one').positionals).toEqual(['--odd.xlsx']);
  });
  it('a value may be -, a negative number, or anything after =', () => {
    const p = parse(['a.xlsx', '--passphrase-file', '-', '--score', '-1', '--note=-see above', '-o', 'out.json'], SIGN, 'one');
    expect(p.values).toMatchObject({ 'passphrase-file': '-', score: '-1', note: '-see above', output: 'out.json' });
    expect(parse(['-oout.json'], SIGN, 'none').values.output).toBe('out.json');
  });
});

describe('an argument a command does not use is a usage error naming it', () => {
  it('a second workbook, a positional where none is taken', () => {
    expect(usage(() => parse(['a.xlsx', 'extra.xlsx', '--item', '1.1'], SIGN, 'one'))).toMatch(/unexpected argument "extra\.xlsx"/);
    expect(usage(() => parse(['--all', 'stray'], SIGN, 'none'))).toBe(
      'unexpected argument "stray": this command takes no file arguments, only options',
    );
    expect(usage(() => parse(['a.xlsx', '--person', 'p01', 'p02'], SIGN, 'one'))).toBe(
      'unexpected argument "p02": --person takes one value',
    );
  });
  it('a workbook swallowed by a list flag is named, with the way out', () => {
    expect(usage(() => parse(['--item', '1.1', '1.2', 'a.xlsx'], SIGN, 'one'))).toMatch(/"a\.xlsx" was read as a value of --item.*--$/);
  });
  it('a one-value option given twice, a missing value, a value on a boolean', () => {
    expect(usage(() => parse(['--person', 'p01', '--person', 'p02'], SIGN, 'none'))).toMatch(/--person is given twice \("p01" and "p02"\)/);
    expect(usage(() => parse(['--person', '--all'], SIGN, 'none'))).toMatch(
      /^--person needs a value: --person <value> \(for a value that begins with -, write --person=--all\)$/,
    );
    expect(usage(() => parse(['--person'], SIGN, 'none'))).toBe('--person needs a value: --person <value>');
    expect(usage(() => parse(['--item'], SIGN, 'none'))).toMatch(/^--item needs a value/);
    expect(usage(() => parse(['--all=yes'], SIGN, 'none'))).toBe('--all takes no value (found "yes")');
  });
  it('an unknown option: one line, with a suggestion when one is near', () => {
    expect(usage(() => parse(['--persn', 'p01'], SIGN, 'none'))).toBe('unknown option --persn — did you mean --person?');
    expect(usage(() => parse(['--frobnicate'], SIGN, 'none'))).toBe('unknown option --frobnicate');
    expect(usage(() => parse(['-x'], SIGN, 'none'))).toBe('unknown option -x');
  });
});

describe('suggestions by edit distance', () => {
  const commands = ['plan', 'keygen', 'template', 'validate', 'sign', 'sample', 'recheck', 'seal', 'unseal', 'verify', 'compile'];
  it.each([
    ['valdate', 'validate'],
    ['vaildate', 'validate'],
    ['verfy', 'verify'],
    ['compiel', 'compile'],
    ['temp', 'template'],
    ['SIGN', 'sign'],
  ])('%s → %s', (typo, meant) => expect(suggest(typo, commands)).toBe(meant));
  it('nothing for what is not near, or near two', () => {
    expect(suggest('frobnicate', commands)).toBeUndefined();
    expect(suggest('sel', commands)).toBe('seal');
    expect(suggest('ac', ['ab', 'bc'])).toBeUndefined(); // as near to both: neither is clearly meant
    expect(editDistance('jsn', 'json')).toBe(1);
    expect(editDistance('ab', 'ba')).toBe(1);
  });
});

describe('scoreseal in process: usage errors, suggestions, help', () => {
  const COMMANDS = ['plan', 'keygen', 'template', 'validate', 'sign', 'sample', 'recheck', 'seal', 'unseal', 'verify', 'compile'];

  it('a mistyped command: exit 2, one line with the suggestion and one usage line, nothing on stdout', async () => {
    const r = await run(['valdate', 'x.xlsx']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('scoreseal: unknown command "valdate" — did you mean "validate"?');
    expect(lines[1]).toMatch(/^Usage: scoreseal <command>/);
  });

  it('a mistyped option: one clean line (no parser message, quotes balanced) plus the usage', async () => {
    const r = await run(['validate', '--jsn', 'x.xlsx']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'scoreseal validate: unknown option --jsn — did you mean --json?\nUsage: scoreseal validate <xlsx>… [--plan <plan.json>] [--json]\n',
    );
    const other = await run(['validate', 'x.xlsx', '--register', 'r.csv']);
    expect(other.stderr.split('\n')[0]).toBe(
      'scoreseal validate: unknown option --register — validate has no --register (unseal, verify, compile take it)',
    );
  });

  it('no command: the help on stderr, exit 2; --help: on stdout, exit 0', async () => {
    const none = await run([]);
    expect([none.code, none.stdout]).toEqual([2, '']);
    expect(none.stderr).toContain('Usage: scoreseal <command>');
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    for (const c of COMMANDS) expect(help.stdout).toContain(`  ${c}`);
    expect(help.stdout).toContain('--item 1.1 1.2 means both');
  });

  it('<command> --help explains every option, the default behaviour, the exit codes, with two examples', async () => {
    for (const c of COMMANDS) {
      const r = await run([c, '--help']);
      expect([c, r.code, r.stderr]).toEqual([c, 0, '']);
      expect(r.stdout).toContain(`Usage: scoreseal ${c}`);
      for (const part of ['Options:', 'Exit codes:', '  0  ', '  1  ', '  2  ', 'Examples:'])
        expect([c, r.stdout]).toEqual([c, expect.stringContaining(part)]);
      const examples = r.stdout.split('Examples:\n')[1]!.trimEnd().split('\n');
      expect([c, examples.length]).toEqual([c, 2]);
      for (const e of examples) expect(e).toMatch(new RegExp(`^  scoreseal ${c} `));
      // every option in the usage line has a line of its own in Options
      const options = r.stdout.split('Options:\n')[1]!.split('\n\n')[0]!;
      for (const [, flag] of r.stdout.split('\n')[2]!.matchAll(/--([a-z-]+)/g))
        expect([c, options]).toEqual([c, expect.stringMatching(new RegExp(`--${flag}\\b.*\\S`))]);
    }
    // --help wins over anything else on the line, and `help <command>` is the same
    const wrong = await run(['validate', '--jsn', '--help']);
    expect(wrong.code).toBe(0);
    expect((await run(['help', 'validate'])).stdout).toBe(wrong.stdout);
    expect(wrong.stdout).toMatch(/without it, each sheet is checked against\s+the plan\s+embedded in its own workbook/);
    expect(wrong.stdout).toContain('{ "files": [');
  });

  it('template --unit t1 t2: every unit is checked before anything is written', async () => {
    const out = join(dir, 'tpl-bad');
    const r = await run(['template', '--plan', EXAMPLE_PLAN_PATH, '--unit', 'u01', 't2', '-o', out]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toContain('unit t2 is not in the plan');
    expect(existsSync(out)).toBe(false);
    const stray = await run(['template', '--plan', EXAMPLE_PLAN_PATH, '-o', out, 'u01']);
    expect(stray.code).toBe(2);
    expect(stray.stderr.split('\n')[0]).toBe('scoreseal template: unexpected argument "u01": --output takes one value');
    expect(existsSync(out)).toBe(false);
  });

  it('template --unit u01 u02 writes both', async () => {
    const out = join(dir, 'tpl');
    const r = await run(['template', '--plan', EXAMPLE_PLAN_PATH, '--unit', 'u01', 'u02', '-o', out]);
    expect(r.code).toBe(0);
    expect([existsSync(join(out, 'u01.xlsx')), existsSync(join(out, 'u02.xlsx')), existsSync(join(out, 'u03.xlsx'))]).toEqual([
      true,
      true,
      false,
    ]);
  });

  it('sign x.xlsx extra.xlsx is refused naming extra.xlsx', async () => {
    const r = await run(['sign', 'x.xlsx', 'extra.xlsx', '--role', 'scorer', '--person', 'p01', '--item', '1.1']);
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('unexpected argument "extra.xlsx"');
    expect(lines[1]).toMatch(/^Usage: scoreseal sign /);
  });

  it('a missing file: one line on stderr, nothing at all on stdout', async () => {
    const r = await run(['validate', join(dir, 'nope.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('progress on stderr, only when it is a terminal and not --json', () => {
  const files = ['u01', 'u02'].map((u) => join(dir, 'tpl', `${u}.xlsx`));
  beforeAll(async () => {
    if (!files.every((f) => existsSync(f)))
      await run(['template', '--plan', EXAMPLE_PLAN_PATH, '--unit', 'u01', 'u02', '-o', join(dir, 'tpl')]);
  });

  it('a terminal: "正在读取 n/N …" redrawn in place, then cleared; stdout untouched by it', async () => {
    const r = await run(['validate', ...files], { tty: true });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('\r正在读取 1/2 …\u001b[K');
    expect(r.stderr.endsWith('\r\u001b[K')).toBe(true);
    expect(r.stdout).not.toContain('\r');
    expect(r.stdout).not.toContain('正在读取');
  });

  it('in the plan locale (en-US)', async () => {
    const en = examplePlanJson();
    en.locale = 'en-US';
    const plan = join(dir, 'plan-en.json');
    writeFileSync(plan, JSON.stringify(en));
    const r = await run(['validate', ...files, '--plan', plan], { tty: true });
    expect(r.stderr).toContain('\rreading 2/2 …');
  });

  it('never with --json, never when stderr is not a terminal', async () => {
    const json = await run(['validate', ...files, '--json'], { tty: true });
    expect(json.stderr).toBe('');
    const piped = await run(['validate', ...files], { tty: false });
    expect(piped.stderr).toBe('');
  });

  it('an unreadable file clears the line before its message', async () => {
    const r = await run(['validate', files[0]!, join(dir, 'nope.xlsx'), files[1]!], { tty: true });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('\r\u001b[Kscoreseal: ');
    expect(r.stderr).toMatch(/nope\.xlsx: no such file\n/);
  });
});

describe('display width', () => {
  it('CJK and full-width characters count two columns; marks and colour codes none', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('城关镇')).toBe(6);
    expect(displayWidth('（１）')).toBe(6);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('\u001b[31m错误\u001b[0m')).toBe(4);
    expect(displayWidth('한국')).toBe(4);
    expect(displayWidth('𠀀')).toBe(2);
  });

  it('aligned rows start every column at the same display column', () => {
    const rows = alignRows(
      [
        ['1', 'u01', '城关镇', '87.5', '优秀'],
        ['12', 'u10', 'Riverside', '9', 'good'],
        ['-', 'u002', '河口镇人民政府', '-', '未收到'],
      ],
      [0, 3],
    );
    const starts = (line: string, cell: string): number => displayWidth(line.slice(0, line.indexOf(cell)));
    expect(new Set([starts(rows[0]!, '优秀'), starts(rows[1]!, 'good'), starts(rows[2]!, '未收到')]).size).toBe(1);
    expect(new Set([starts(rows[0]!, '城关镇'), starts(rows[1]!, 'Riverside'), starts(rows[2]!, '河口镇')]).size).toBe(1);
    // numbers to the right
    expect(rows.map((r) => displayWidth(r.slice(0, r.search(/u\d/))))).toEqual([4, 4, 4]);
    expect(rows[1]).toContain('  9  ');
  });

  it("compile's ranking table: columns aligned with Chinese names, status words in the plan's locale", () => {
    const row = (unit: string, name: string, extra: Partial<UnitSummary>): UnitSummary => ({
      unit,
      name,
      category: '乡镇',
      total: 80,
      blocks: {},
      grade: '良好',
      rank: 1,
      veto: false,
      adjusted: 0,
      status: 'verified',
      file: `${unit}.xlsx`,
      errors: 0,
      sealer: null,
      sealedAt: null,
      sealCode: null,
      register: 'no-register',
      unsealed: [],
      ...extra,
    });
    const summary = [
      row('u01', '城关镇', { total: 91.5, grade: '优秀', adjusted: 1 }),
      row('u2', 'Hekou', { rank: 2, status: 'names-only' }),
      row('u03', '青山乡人民政府', { rank: null, total: null, grade: null, status: 'missing' }),
      row('u04', '白水镇', { rank: null, status: 'failed' }),
    ];
    const zh = rankingLines(summary, 'zh-CN');
    expect(zh[0]).toBe('乡镇');
    const statusAt = (line: string, word: string): number => displayWidth(line.slice(0, line.indexOf(word)));
    const words = ['已核验', '仅姓名', '未收到', '未通过'];
    expect(new Set(zh.slice(1).map((l, i) => statusAt(l, words[i]!))).size).toBe(1);
    expect(zh.join('\n')).toContain('复核调整 1 项');
    expect(zh.join('\n')).not.toMatch(/verified|missing|failed|names-only/);
    const en = rankingLines(summary, 'en-US').join('\n');
    for (const w of ['verified', 'names only', 'not received', 'failed', 'adjusted 1']) expect(en).toContain(w);
  });
});

describe('status words follow the locale; --json keeps the English codes', () => {
  it('human report', () => {
    const findings = [
      {
        severity: 'error' as const,
        code: 'SCORE_MISSING',
        unit: 'u01',
        cell: 'E7',
        messageId: 'SCORE_MISSING',
        params: { item: '1.1', name: 'm' },
      },
      {
        severity: 'warning' as const,
        code: 'MATERIALS_ONLY',
        unit: 'u01',
        cell: 'H8',
        messageId: 'MATERIALS_ONLY',
        params: { item: '1.2', name: 'w' },
      },
    ];
    const rep = {
      unit: 'u01',
      unitName: '城关镇',
      stage: 'filling',
      findings,
      ctx: null,
      pastRounds: [],
      seal: null,
      locale: 'zh-CN',
    } as never;
    const zh = humanReport([{ file: 'a.xlsx', reports: [rep] }], false, 'zh-CN');
    expect(zh).toContain('✗ 1 个错误, 1 个提示  [填写中]');
    expect(zh).toMatch(/\n {4}错误 {2}SCORE_MISSING/);
    expect(zh).toMatch(/\n {4}提示 {2}MATERIALS_ONLY/);
    const en = humanReport([{ file: 'a.xlsx', reports: [rep] }], false, 'en-US');
    expect(en).toContain('✗ 1 error(s), 1 warning(s)  [filling]');
    expect(en).toMatch(/\n {4}error {4}SCORE_MISSING/);
  });
});
