import '@testing-library/jest-dom';
import './polyfills';
/**
 * The Office's compile inside Excel (SPEC §6) against the command line: score workbooks made
 * and sealed through the command line's own code (`main`, demo passphrases), compiled by
 * `scoreseal compile` into summary.xlsx and by `compileFiles` into the Excel double — the two
 * summaries must hold the same cells. Then: a tampered workbook fails and is not ranked,
 * cancelling before the write leaves the workbook untouched, progress arrives in order, the
 * worker protocol, and the compile view (Fluent UI) over the double.
 */
import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import ExcelJS from 'exceljs';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { openScoreWorkbook } from '../../src/cli/io';
import type { Plan } from '../../src/core/plan/plan';
import { LOG_SHEET } from '../../src/core/sheet/layout';
import type { CellValue } from '../../src/core/sheet/cells';
import type { RawWorkbook } from '../../src/core/sheet/patch';
import { SummaryTargetError } from '../../src/office/summary';
import { createOfficeActions, type CompileActions } from '../../src/taskpane/actions';
import {
  CompileError,
  compileFiles,
  compileOpenWorkbook,
  planFromJson,
  type CompileOutcome,
  type CompileProgress,
} from '../../src/taskpane/compile/compileInExcel';
import { CompileView } from '../../src/taskpane/compile/CompileView';
import {
  createReaderHost,
  inProcessReader,
  ReaderCancelled,
  workerReader,
  type OpenBuffer,
  type ReadFile,
  type ReaderReply,
  type ReaderRequest,
  type WorkbookReader,
  type WorkerLike,
} from '../../src/taskpane/compile/reader';
import { PaneProviders } from '../../src/taskpane/components/PaneProviders';
import { UI_CATALOGS, type UiMessageId } from '../../src/taskpane/i18n';
import { readWorkbookBuffer } from '../../src/xlsx/buffer';
import { ExcelDouble, type SheetInit } from '../support/excel-double';
import { fillWorkbook, goodEntry } from '../support/fill';

jest.setTimeout(180_000);

const UNITS = ['u01', 'u02', 'd01'] as const;
const SIGNERS: Record<string, [string, string, string][]> = {
  u01: [
    ['G1', 'p01', 'p02'],
    ['G2', 'p04', 'p05'],
    ['G3', 'p07', 'p08'],
  ],
  u02: [
    ['G1', 'p01', 'p02'],
    ['G2', 'p04', 'p05'],
    ['G3', 'p07', 'p08'],
  ],
  d01: [
    ['G1', 'p01', 'p02'],
    ['G2', 'p04', 'p05'],
    ['G3', 'p07', 'p09'], // p08 must stay out of d01
  ],
};

let dir: string;
let planPath: string;
let plan: Plan;
const file = (name: string): string => join(dir, name);
/** the command line's inputs, in this order */
const INPUTS = ['u01.xlsx', 'u02.xlsx', 'd01.xlsx', 'u02-tampered.xlsx'];

async function cli(args: string[], passphraseOf?: string): Promise<number> {
  if (passphraseOf) process.env.SCORESEAL_PASSPHRASE = `demo-passphrase-${passphraseOf}`;
  else delete process.env.SCORESEAL_PASSPHRASE;
  try {
    return await main(args);
  } finally {
    delete process.env.SCORESEAL_PASSPHRASE;
  }
}
async function must(args: string[], passphraseOf?: string): Promise<void> {
  const code = await cli(args, passphraseOf);
  if (code !== 0) throw new Error(`scoreseal ${args.join(' ')} exited ${code}`);
}

/** Template → filled by "hand" (ExcelJS) → signed → sampled → re-checked → sealed, all through the command line. */
async function sealedWorkbooks(): Promise<void> {
  await must(['template', '--plan', planPath, ...UNITS.flatMap((u) => ['--unit', u]), '-o', dir]);
  for (const [i, u] of UNITS.entries()) {
    await fillWorkbook(file(`${u}.xlsx`), (r) => goodEntry(r, i + 1));
    for (const [, scorer, reviewer] of SIGNERS[u]!) {
      await must(['sign', file(`${u}.xlsx`), '--role', 'scorer', '--person', scorer, '--all'], scorer);
      await must(['sign', file(`${u}.xlsx`), '--role', 'reviewer', '--person', reviewer, '--all'], reviewer);
    }
    await must(['sample', file(`${u}.xlsx`), '--person', 'o01'], 'o01');
    const w = await openScoreWorkbook(file(`${u}.xlsx`));
    const sampled = (w.log.filter((e) => e.kind === 'sample').at(-1)?.record as { items: string[] }).items;
    const adjust = u === 'u01' ? sampled.find((c) => !c.startsWith('6.')) : undefined;
    for (const item of sampled)
      if (item === adjust)
        await must(
          [
            'recheck',
            file(`${u}.xlsx`),
            '--person',
            'o01',
            '--item',
            item,
            '--result',
            'adjusted',
            '--score',
            '0.5',
            '--note',
            '现场复核：台账与实际不符',
          ],
          'o01',
        );
      else
        await must(['recheck', file(`${u}.xlsx`), '--person', 'o01', '--item', item, '--result', 'confirmed', '--note', '复核无误'], 'o01');
    await must(['seal', file(`${u}.xlsx`), '--person', 'o01', '--password', `envelope-${u}`], 'o01');
  }
  // a copy of u02 whose score 1.2 is changed after sealing, as any tool could
  await copyFile(file('u02.xlsx'), file('u02-tampered.xlsx'));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file('u02-tampered.xlsx'));
  wb.worksheets
    .find((s) => s.name !== LOG_SHEET)!
    .eachRow((row) => {
      if (row.getCell(1).value === '1.2') {
        const max = Number(row.getCell(4).value);
        row.getCell(5).value = Number(row.getCell(5).value) === max ? max - 0.5 : max;
      }
    });
  await wb.xlsx.writeFile(file('u02-tampered.xlsx'));
}

/** The picked files as the pane gets them: name and bytes. */
async function picked(names: readonly string[]): Promise<ReadFile[]> {
  return Promise.all(
    names.map(async (name) => {
      const b = await readFile(file(name));
      return { name, data: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) };
    }),
  );
}

/** The lean reader, as the pane's worker uses it. */
const leanOpen: OpenBuffer = async (data, name) => {
  const w = await readWorkbookBuffer(data, name);
  return { raw: w.raw, outside: Object.fromEntries(w.outside) };
};
const reader = inProcessReader(leanOpen);
/** The pane's actions over the double, reading files with `readFiles` (as the root injects them). */
const withReader = (readFiles: WorkbookReader): CompileActions => ({ ...createOfficeActions(), readFiles });

let cliSummary: ExcelJS.Workbook;

beforeAll(async () => {
  const out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    dir = await mkdtemp(join(tmpdir(), 'scoreseal-compile-'));
    planPath = file('plan.json');
    await copyFile(join(__dirname, '../../examples/plan.json'), planPath);
    const loaded = planFromJson(await readFile(planPath, 'utf8'));
    if (!loaded.ok) throw new Error('example plan invalid');
    plan = loaded.plan;
    await sealedWorkbooks();
    // exit 1: one file (the tampered copy) fails verification
    expect(await cli(['compile', ...INPUTS.map(file), '--plan', planPath, '-o', file('summary.xlsx')])).toBe(1);
    cliSummary = new ExcelJS.Workbook();
    await cliSummary.xlsx.readFile(file('summary.xlsx'));
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

let double: ExcelDouble;
let uninstall: () => void;
beforeEach(() => {
  double = ExcelDouble.fromData({ sheets: { Sheet1: { values: [['已有内容']] } } });
  uninstall = double.install();
});
afterEach(() => uninstall());

/** A sheet's cells as ExcelJS reads them back: '' for empty, numbers and text as they are. */
function cliCells(ws: ExcelJS.Worksheet): { values: unknown[][]; formats: (string | null)[][] } {
  const values: unknown[][] = [];
  const formats: (string | null)[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    // ExcelJS cells, not Office.js proxies: nothing to load
    const cells = Array.from({ length: ws.columnCount }, (_, c) => ws.getCell(r, c + 1));
    values.push(cells.map((cell) => cell.value ?? ''));
    formats.push(cells.map((cell) => (typeof cell.value === 'number' ? cell.numFmt || 'General' : null)));
  }
  return { values, formats };
}
/** The same area of the double's sheet. */
function excelCells(d: ExcelDouble, name: string, rows: number, cols: number): { values: unknown[][]; formats: (string | null)[][] } {
  const values = d.dump(name, `A1:${String.fromCharCode(64 + cols)}${rows}`).values;
  const formats = values.map((r, i) =>
    r.map((v, c) => (typeof v === 'number' ? d.cell(name, `${String.fromCharCode(65 + c)}${i + 1}`).numberFormat : null)),
  );
  return { values, formats };
}

describe('compileFiles (Excel) and scoreseal compile (command line)', () => {
  test('compile of the same inputs is identical from Excel and from the command line', async () => {
    const outcome = await compileFiles({ plan, files: await picked(INPUTS) }, withReader(reader));
    expect(outcome.written.syncs).toBe(2);
    expect(double.syncCount).toBe(3); // the whole compile asks Excel three times: the envelope register, what is there, then everything
    const names = cliSummary.worksheets.map((w) => w.name);
    expect(names).toEqual(['汇总', '考核人员分析', '问题清单']);
    expect(double.sheetNames()).toEqual(['Sheet1', ...names]);
    for (const ws of cliSummary.worksheets) {
      const expected = cliCells(ws);
      expect(double.dump(ws.name).values.length).toBe(ws.rowCount); // nothing below
      expect(Math.max(...double.dump(ws.name).values.map((r) => r.length))).toBe(ws.columnCount); // nothing to the right
      const got = excelCells(double, ws.name, ws.rowCount, ws.columnCount);
      expect(got.values).toEqual(expected.values);
      expect(got.formats).toEqual(expected.formats);
    }
    // and there is something to compare: two ranked units (u02 comes twice: neither copy is ranked), the copies listed
    const summary = cliCells(cliSummary.getWorksheet('汇总')!).values;
    expect(summary.filter((r) => typeof r[0] === 'number')).toHaveLength(2);
    expect(summary.some((r) => r[6] === 'u02-tampered.xlsx' || r.includes('u02-tampered.xlsx'))).toBe(true);
    // Excel adds what the command line cannot: one chart per category
    expect(double.charts('汇总').map((c) => c.title)).toEqual(['乡镇', '县直部门']);
    expect(double.dump('Sheet1').values).toEqual([['已有内容']]);
  });

  test('a tampered workbook is listed as failed and gets no rank', async () => {
    const outcome = await compileFiles({ plan, files: await picked(['u01.xlsx', 'd01.xlsx', 'u02-tampered.xlsx']) }, withReader(reader));
    const tampered = outcome.files.find((f) => f.file === 'u02-tampered.xlsx')!;
    expect(tampered.status).toBe('read');
    expect(tampered.sheets).toHaveLength(1);
    expect(tampered.sheets[0]).toMatchObject({
      unit: 'u02',
      status: 'failed',
      summary: { rank: null, grade: null, status: 'failed', file: 'u02-tampered.xlsx' },
    });
    expect(tampered.sheets[0]!.findings.map((f) => f.code)).toContain('SEAL_INVALID');
    // ranks only for the verified: u01 in 乡镇, d01 in 县直部门
    const ranked = outcome.result.summary.filter((r) => r.rank !== null).map((r) => `${r.category}:${r.unit}:${r.file}`);
    expect(ranked.sort()).toEqual(['乡镇:u01:u01.xlsx', '县直部门:d01:d01.xlsx']);
    expect(outcome.result.summary.find((r) => r.unit === 'u01')!.adjusted).toBe(1);
    // in the sheet: the unverified section holds it with an empty rank
    const rows = double.dump('汇总').values;
    const row = rows.find((r) => r.includes('u02-tampered.xlsx'))!;
    expect(row[0]).toBe('');
    expect(String(row[5])).toMatch(/^未通过/);
  });

  test('the genuine sheet and a tampered copy of the same unit: DUPLICATE_UNIT on both, neither ranked', async () => {
    const outcome = await compileFiles({ plan, files: await picked(INPUTS) }, withReader(reader));
    for (const file of ['u02.xlsx', 'u02-tampered.xlsx']) {
      const sheet = outcome.files.find((f) => f.file === file)!.sheets[0]!;
      expect(sheet).toMatchObject({ unit: 'u02', status: 'duplicate', summary: { rank: null, grade: null } });
      expect(sheet.findings.map((f) => f.code)).toContain('DUPLICATE_UNIT');
    }
    const genuine = outcome.files.find((f) => f.file === 'u02.xlsx')!.sheets[0]!;
    expect(genuine.findings.map((f) => f.code)).toEqual(['DUPLICATE_UNIT']); // the genuine copy is otherwise clean
  });

  test('with a 封袋登记 sheet in the open workbook: the registered code matches; a sheet whose code is not registered fails', async () => {
    const first = await compileFiles({ plan, files: await picked(['u01.xlsx', 'd01.xlsx']) }, withReader(reader));
    const u01 = first.result.summary.find((r) => r.unit === 'u01')!;
    expect(u01.register).toBe('no-register');
    // the Office registers u01's envelope only
    uninstall();
    double = ExcelDouble.fromData({
      sheets: {
        Sheet1: { values: [['已有内容']] },
        封袋登记: {
          values: [
            ['单位编号', '密封码', '收件日期', '状态'],
            ['u01', u01.sealCode!.toLowerCase(), '2026-12-02', '有效'],
          ],
        },
      },
    });
    uninstall = double.install();
    const outcome = await compileFiles({ plan, files: await picked(['u01.xlsx', 'd01.xlsx']) }, withReader(reader));
    expect(outcome.result.summary.find((r) => r.unit === 'u01')).toMatchObject({ status: 'verified', register: 'matched' });
    const d01 = outcome.files.find((f) => f.file === 'd01.xlsx')!.sheets[0]!;
    expect(d01).toMatchObject({ status: 'failed', summary: { register: 'not-registered', rank: null } });
    expect(d01.findings.map((f) => f.code)).toEqual(['SEAL_NOT_REGISTERED']);
    expect(outcome.result.warnings.map((w) => w.code)).not.toContain('SEAL_NOT_REGISTERED');
  });

  test('a register with an unreadable row stops the compile before anything is written', async () => {
    uninstall();
    double = ExcelDouble.fromData({
      sheets: {
        Sheet1: {},
        封袋登记: {
          values: [
            ['单位编号', '密封码'],
            ['u01', 'not a code'],
          ],
        },
      },
    });
    uninstall = double.install();
    const e = await compileFiles({ plan, files: await picked(['u01.xlsx']) }, withReader(reader)).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'REGISTER_INVALID' });
    expect(double.sheetNames()).toEqual(['Sheet1', '封袋登记']);
  });

  test('progress events arrive in order: read per file, verified per file, writing, written', async () => {
    const events: CompileProgress[] = [];
    await compileFiles({ plan, files: await picked(INPUTS), onProgress: (p) => events.push(p) }, withReader(reader));
    const short = events.map((e) => (e.phase === 'read' || e.phase === 'verified' ? `${e.phase} ${e.done}/${e.total} ${e.file}` : e.phase));
    expect(short).toEqual([
      ...INPUTS.map((f, i) => `read ${i + 1}/4 ${f}`),
      ...INPUTS.map((f, i) => `verified ${i + 1}/4 ${f}`),
      'writing',
      'written',
    ]);
    const writing = events.find((e) => e.phase === 'writing');
    expect(writing?.phase === 'writing' && writing.report.files.map((f) => f.file)).toEqual(INPUTS);
  });

  test('cancel before writing leaves the workbook untouched (during reading, during verification)', async () => {
    for (const at of ['read', 'verified'] as const) {
      const controller = new AbortController();
      const events: string[] = [];
      double.resetCounters();
      const e = await compileFiles(
        {
          plan,
          files: await picked(INPUTS),
          signal: controller.signal,
          onProgress: (p) => {
            events.push(p.phase);
            if (p.phase === at) controller.abort();
          },
        },
        withReader(reader),
      ).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(CompileError);
      expect(e).toMatchObject({ code: 'CANCELLED' });
      // stopped at once: no further event after the one that cancelled
      expect(events).toEqual(at === 'read' ? ['read'] : [...INPUTS.map(() => 'read'), 'verified']);
      expect(double.syncCount).toBe(1); // Excel was asked only for the envelope register: nothing was written
      expect(double.sheetNames()).toEqual(['Sheet1']);
    }
  });

  test('without Web Workers (as here, in jsdom) the default reader reads in the pane, with the same result', async () => {
    expect(typeof Worker).toBe('undefined');
    const outcome = await compileFiles({ plan, files: await picked(INPUTS) }, createOfficeActions());
    expect(outcome.files.map((f) => f.sheets.map((x) => `${f.file}:${x.unit}:${x.status}`)).flat()).toEqual([
      'u01.xlsx:u01:verified',
      'u02.xlsx:u02:duplicate',
      'd01.xlsx:d01:verified',
      'u02-tampered.xlsx:u02:duplicate',
    ]);
  });

  test('an unreadable file is reported with a code and the others are compiled', async () => {
    await writeFile(file('notes.xlsx'), '这不是工作簿');
    const outcome = await compileFiles({ plan, files: await picked(['notes.xlsx', 'u01.xlsx']) }, withReader(reader));
    expect(outcome.files[0]).toEqual({ file: 'notes.xlsx', status: 'unreadable', error: 'NOT_XLSX', sheets: [] });
    expect(outcome.files[1]!.sheets[0]).toMatchObject({ unit: 'u01', status: 'verified' });
    expect(double.sheetNames()).toContain('汇总');
    await expect(compileFiles({ plan, files: await picked(['notes.xlsx']) }, withReader(reader))).rejects.toMatchObject({
      code: 'NO_SCORE_SHEETS',
    });
    await expect(compileFiles({ plan, files: [] }, withReader(reader))).rejects.toMatchObject({ code: 'NO_FILES' });
  });
});

/* ------------------------------------------------------------------------------------------ */

/** The double holding a workbook as ExcelJS read it (values, text formats, merges, the very hidden log). */
function doubleOf(raw: RawWorkbook, name: string, structure: boolean): ExcelDouble {
  const sheets: Record<string, SheetInit> = {};
  const asInit = (cells: readonly (readonly CellValue[])[]): Pick<SheetInit, 'values' | 'numberFormat'> => ({
    values: cells,
    numberFormat: cells.map((r) => r.map((v) => (typeof v === 'string' ? '@' : null))),
  });
  for (const s of raw.sheets)
    sheets[s.name] = { ...asInit(s.cells), merges: s.merges, hiddenRows: s.hiddenRows, protection: { password: 'envelope' } };
  sheets[LOG_SHEET] = { ...asInit(raw.log ?? []), visibility: 'VeryHidden' };
  return ExcelDouble.fromData({ sheets, name, ...(structure ? { structure: { password: 'envelope' } } : {}) });
}

describe('compileOpenWorkbook', () => {
  test('sealed sheets of the open workbook: results, then STRUCTURE_PROTECTED (compile into another workbook)', async () => {
    const { raw } = await readWorkbookBuffer((await picked(['u01.xlsx']))[0]!.data, 'u01.xlsx');
    uninstall();
    double = doubleOf(raw, 'u01.xlsx', true);
    uninstall = double.install();
    const before = double.sheetNames();
    const events: CompileProgress[] = [];
    const e = await compileOpenWorkbook({ plan, onProgress: (p) => events.push(p) }, createOfficeActions()).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SummaryTargetError);
    expect(e).toMatchObject({ code: 'STRUCTURE_PROTECTED' });
    const writing = events.find((p) => p.phase === 'writing');
    expect(writing?.phase === 'writing' && writing.report.files[0]!.sheets[0]).toMatchObject({ unit: 'u01', status: 'verified' });
    expect(double.sheetNames()).toEqual(before);
  });

  test('with the structure unprotected by the Office, the summary equals the command line compile of that file', async () => {
    const bytes = await picked(['u01.xlsx']);
    const { raw } = await readWorkbookBuffer(bytes[0]!.data, 'u01.xlsx');
    uninstall();
    double = doubleOf(raw, 'u01.xlsx', false);
    uninstall = double.install();
    double.resetCounters();
    const outcome: CompileOutcome = await compileOpenWorkbook({ plan }, createOfficeActions());
    expect(double.syncCount).toBe(5); // the register; read: sheet names + log, all sheets; write: what is there, everything
    expect(outcome.files[0]).toMatchObject({ file: 'u01.xlsx', status: 'read', sheets: [{ unit: 'u01', status: 'verified' }] });

    const out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await cli(['compile', file('u01.xlsx'), '--plan', planPath, '-o', file('one.xlsx')])).toBe(0);
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
    const one = new ExcelJS.Workbook();
    await one.xlsx.readFile(file('one.xlsx'));
    for (const ws of one.worksheets) expect(excelCells(double, ws.name, ws.rowCount, ws.columnCount).values).toEqual(cliCells(ws).values);
  });
});

/* ------------------------------------------------------------------------------------------ */

/** A Worker stand-in that runs the real worker host in this thread, asynchronously, like postMessage. */
class FakeWorker implements WorkerLike {
  readonly posted: ReaderRequest[] = [];
  terminated = false;
  private readonly listeners: ((e: MessageEvent<ReaderReply>) => void)[] = [];
  private readonly host: (r: ReaderRequest) => Promise<void>;
  constructor(load: Parameters<typeof createReaderHost>[1]) {
    this.host = createReaderHost(
      (reply) => setTimeout(() => !this.terminated && this.listeners.forEach((l) => l({ data: reply } as MessageEvent<ReaderReply>)), 0),
      load,
    );
  }
  postMessage(message: ReaderRequest): void {
    this.posted.push(message);
    setTimeout(() => void this.host(message), 0);
  }
  addEventListener(type: 'message' | 'error', listener: ((event: MessageEvent<ReaderReply>) => void) | ((event: Event) => void)): void {
    if (type === 'message') this.listeners.push(listener);
  }
  terminate(): void {
    this.terminated = true;
  }
}

describe('the reader worker protocol', () => {
  const open = (): Promise<Parameters<typeof inProcessReader>[0]> => Promise.resolve(leanOpen);

  test('reads every file in order through the worker host and ends the worker', async () => {
    const worker = new FakeWorker(open);
    const seen: string[] = [];
    const outcomes = await workerReader(() => Promise.resolve(worker))(await picked(['u01.xlsx', 'u02-tampered.xlsx']), {
      onRead: (done, total, o) => seen.push(`${done}/${total} ${o.file}`),
    });
    expect(outcomes.map((o) => ('raw' in o ? `${o.file}: ${o.raw.sheets.map((s) => s.name).join()}` : o.error))).toEqual([
      'u01.xlsx: 城关镇',
      'u02-tampered.xlsx: 河口镇',
    ]);
    expect(seen).toEqual(['1/2 u01.xlsx', '2/2 u02-tampered.xlsx']);
    expect(worker.terminated).toBe(true);
  });

  test('cancel posts "cancel", ends the worker, and compileFiles rejects with CANCELLED', async () => {
    const worker = new FakeWorker(open);
    const controller = new AbortController();
    const e = await compileFiles(
      { plan, files: await picked(INPUTS), signal: controller.signal, onProgress: (p) => p.phase === 'read' && controller.abort() },
      withReader(workerReader(() => Promise.resolve(worker))),
    ).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'CANCELLED' });
    expect(worker.posted.map((m) => m.type)).toEqual(['read', 'cancel']);
    expect(worker.terminated).toBe(true);
    expect(double.sheetNames()).toEqual(['Sheet1']);
  });

  test('the host stops between files on "cancel"; a reader that cannot load ExcelJS reports READER_FAILED', async () => {
    const replies: ReaderReply[] = [];
    const host = createReaderHost((r) => replies.push(r), open);
    const files = await picked(['u01.xlsx', 'u02.xlsx']);
    const reading = host({ type: 'read', files });
    await host({ type: 'cancel' });
    await reading;
    expect(replies.map((r) => r.type)).toEqual(['cancelled']);

    const failing = new FakeWorker(() => Promise.reject(new Error('chunk load failed')));
    await expect(
      compileFiles({ plan, files: await picked(['u01.xlsx']) }, withReader(workerReader(() => Promise.resolve(failing)))),
    ).rejects.toMatchObject({ code: 'READER_FAILED' });
  });
});

/* ------------------------------------------------------------------------------------------ */

const xlsxFile = async (name: string): Promise<File> =>
  new File([await readFile(file(name))], name, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
const planFile = async (): Promise<File> => new File([await readFile(planPath)], 'plan.json', { type: 'application/json' });

function renderView(actions: CompileActions, locale: 'zh-CN' | 'en-US' = 'zh-CN'): ReturnType<typeof userEvent.setup> {
  const user = userEvent.setup();
  render(
    <PaneProviders locale={locale}>
      <CompileView actions={actions} />
    </PaneProviders>,
  );
  return user;
}

describe('CompileView', () => {
  const actions = (): CompileActions => withReader(reader);

  test('files and a plan JSON file: progress, verified/failed per file with findings, the ranking, summary written', async () => {
    const user = renderView(actions());
    await user.click(screen.getByRole('radio', { name: '考核方案 JSON 文件' }));
    await user.upload(screen.getByLabelText('选择方案文件（.json）'), await planFile());
    await user.upload(screen.getByLabelText('选择 .xlsx 文件'), await Promise.all(INPUTS.map(xlsxFile)));
    expect(screen.getByText('已选 4 个文件：')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '核验并汇总' }));

    expect(await screen.findByText('汇总完成', undefined, { timeout: 30_000 })).toBeInTheDocument();
    expect(screen.getByText('已写入工作表：汇总、考核人员分析、问题清单。')).toBeInTheDocument();
    expect(document.querySelector('[data-phase="written"]')).toHaveAttribute('data-state', 'done');
    const tampered = document.querySelector('[data-file="u02-tampered.xlsx"] [data-unit="u02"]') as HTMLElement;
    expect(tampered).toHaveAttribute('data-status', 'duplicate');
    expect(within(tampered).getByText('同一单位有多张考核表，均不参与排名')).toBeInTheDocument();
    expect(tampered.querySelector('[data-code="SEAL_INVALID"]')).not.toBeNull();
    expect(tampered.querySelector('[data-code="DUPLICATE_UNIT"]')).not.toBeNull();
    const good = document.querySelector('[data-file="u01.xlsx"] [data-unit="u01"]') as HTMLElement;
    expect(within(good).getByText('通过核验')).toBeInTheDocument();
    expect(good.querySelector('[data-seal]')).not.toBeNull(); // who sealed, when, the code, the register
    const ranking = screen.getByRole('table', { name: '排名（乡镇）' });
    expect(within(ranking).getAllByRole('row')).toHaveLength(2); // header + u01 (u02 comes twice: neither copy is ranked)
    expect(within(ranking).getByText('城关镇')).toBeInTheDocument();
    expect(double.sheetNames()).toEqual(['Sheet1', '汇总', '考核人员分析', '问题清单']);
  });

  test('dropped files; a structure-protected workbook gets a localized explanation, never the raw error', async () => {
    uninstall();
    double = ExcelDouble.fromData({ sheets: { Sheet1: {} }, structure: { password: 'x' } });
    uninstall = double.install();
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const user = renderView(actions());
    await user.click(screen.getByRole('radio', { name: '考核方案 JSON 文件' }));
    await user.upload(screen.getByLabelText('选择方案文件（.json）'), await planFile());
    fireEvent.drop(screen.getByTestId('compile-drop'), {
      dataTransfer: { files: [await xlsxFile('u01.xlsx'), new File(['x'], 'readme.txt')] },
    });
    expect(screen.getByText('已选 1 个文件：')).toBeInTheDocument();
    expect(screen.getByText('已略过 1 个不是 .xlsx 的文件。')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '核验并汇总' }));
    expect(await screen.findByText(/本工作簿的结构受保护/, undefined, { timeout: 30_000 })).toBeInTheDocument();
    expect(screen.queryByText(/Summary: STRUCTURE_PROTECTED/)).toBeNull();
    expect(warn).toHaveBeenCalledWith('ScoreSeal compile: SummaryTargetError STRUCTURE_PROTECTED'); // for developers, in the console only
    warn.mockRestore();
    // the results were computed and are shown all the same
    expect(document.querySelector('[data-file="u01.xlsx"] [data-unit="u01"]')).toHaveAttribute('data-status', 'verified');
    expect(double.sheetNames()).toEqual(['Sheet1']);
  });

  test('Cancel stops before writing and says the workbook was not changed', async () => {
    let seen: AbortSignal | undefined;
    const fake: CompileActions = {
      ...actions(),
      readSetup: () => Promise.resolve({ ok: true, plan }),
      readFiles: (files, { signal, onRead } = {}) => {
        seen = signal;
        onRead?.(1, files.length, { file: 'u01.xlsx', error: 'UNEXPECTED' });
        return new Promise((_, reject) => signal?.addEventListener('abort', () => reject(new ReaderCancelled())));
      },
    };
    const user = renderView(fake);
    await user.upload(screen.getByLabelText('选择 .xlsx 文件'), [await xlsxFile('u01.xlsx'), await xlsxFile('d01.xlsx')]);
    await user.click(screen.getByRole('button', { name: '核验并汇总' }));
    expect(await screen.findByText('读取文件：1/2')).toBeInTheDocument();
    expect(document.querySelector('[data-phase="read"]')).toHaveAttribute('data-state', 'current');
    await user.click(screen.getByRole('button', { name: '取消' }));
    expect(await screen.findByText('已取消，工作簿未作任何改动。')).toBeInTheDocument();
    expect(seen?.aborted).toBe(true);
    expect(screen.queryByRole('button', { name: '取消' })).toBeNull();
  });

  test('an invalid plan is listed by path and nothing is compiled; English texts come from the catalog', async () => {
    const compile = jest.fn();
    const fake: CompileActions = { ...actions(), readFiles: compile };
    const user = renderView(fake, 'en-US');
    await user.click(screen.getByRole('radio', { name: 'A plan JSON file' }));
    await user.upload(
      screen.getByLabelText('Choose the plan file (.json)'),
      new File(['{"schema":"scoreseal/plan@1","title":""}'], 'bad.json', { type: 'application/json' }),
    );
    await user.upload(screen.getByLabelText('Choose .xlsx files'), await xlsxFile('u01.xlsx'));
    await user.click(screen.getByRole('button', { name: 'Verify and compile' }));
    expect(await screen.findByText(/The plan has \d+ problem\(s\); nothing was compiled:/)).toBeInTheDocument();
    expect(compile).not.toHaveBeenCalled();
    expect(screen.getByText('Trusted assessment plan')).toBeInTheDocument();
  });

  test("the compile's messages are in the pane's catalog, in both languages, none empty", () => {
    const zh = Object.keys(UI_CATALOGS['zh-CN']).filter((id) => id.startsWith('compile.'));
    expect(zh.length).toBeGreaterThan(50);
    expect(Object.keys(UI_CATALOGS['en-US']).filter((id) => id.startsWith('compile.'))).toEqual(zh);
    for (const locale of ['zh-CN', 'en-US'] as const) for (const id of zh) expect(UI_CATALOGS[locale][id as UiMessageId]).not.toBe('');
  });
});

test('the setup sheets of the open workbook give the same plan as the plan JSON', async () => {
  // the sample setup workbook, as tables, put into the double
  const bytes = await readFile(join(__dirname, '../../examples/setup.xlsx'));
  const setup = await readWorkbookBuffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), 'setup.xlsx');
  const sheets: Record<string, SheetInit> = {};
  for (const s of setup.raw.sheets) sheets[s.name] = { values: s.cells };
  uninstall();
  double = ExcelDouble.fromData({ sheets });
  uninstall = double.install();
  double.resetCounters();
  const fromSheets = await createOfficeActions().readSetup();
  expect(double.syncCount).toBe(1);
  if (!fromSheets.ok) throw new Error(JSON.stringify(fromSheets.issues));
  expect(fromSheets.plan.data).toEqual(plan.data);
});
