/**
 * The host self-test (自检): on a temporary sheet of the open workbook, exercises every
 * Office.js behaviour ScoreSeal depends on — each requirement set it uses, values, formulas,
 * number formats and date-time serials read back, the canonical digest of a fixed fixture
 * against the core's, data validation and its limits, conditional formats, protection with a
 * password (protect when protected, a wrong password, a write to a locked cell, cells unlocked
 * in the protecting batch), a very hidden sheet and deleting it, workbook structure protection,
 * the selection read, a chart, and the syncs of a read-compute-write — then removes the
 * temporary sheets and undoes everything it changed.
 *
 * Each check runs in its own `Excel.run`, so a check that makes Excel fail (on purpose or
 * not) cannot take the others with it; the code Excel gave is recorded. docs/excel-compat.md
 * lists what each check stands for, with its source.
 */
import { typedCell, type CellValue } from '../../core/sheet/cells';
import { formatFor, gridFromOffice, toOffice } from '../cells';
import { officeCode } from '../errors';
import { RUN_OPTIONS } from '../run';
import { applyPatch, ORDINARY_PROTECTION } from '../patch';
import { PALETTE } from '../../core/presentation/look';
import { readScoreSheet } from '../read';
import { readSelection } from '../selection';
import {
  expectedFixtureDigest,
  FIXTURE_COLUMNS,
  FIXTURE_DATE_FORMAT,
  FIXTURE_DATE_TIME,
  FIXTURE_ROWS,
  fixtureDigest,
  SELFTEST_FIXTURE,
  typedGrid,
} from './fixture';

export const SELFTEST_CHECKS = [
  'api.1.7',
  'api.1.8',
  'api.1.9',
  'api.1.13',
  'sheet.add',
  'values',
  'dates',
  'formats',
  'digest',
  'usDate',
  'validation',
  'validation.limits',
  'conditionalFormat',
  'protect',
  'protect.again',
  'write.locked',
  'password.wrong',
  'unprotect',
  'unlock.protect',
  'veryHidden',
  'veryHidden.delete',
  'structure',
  'selection',
  'chart',
  'readComputeWrite',
  'cleanup',
] as const;

export type SelfTestCheck = (typeof SELFTEST_CHECKS)[number];
export type SelfTestStatus = 'passed' | 'failed' | 'unsupported';

export interface SelfTestResult {
  readonly id: SelfTestCheck;
  readonly status: SelfTestStatus;
  /** the Office error code seen, if any (expected ones included: a wrong password's, …) */
  readonly code?: string;
  /** what was observed, as data (a value read back, "no-op", "2 syncs") */
  readonly observed?: string;
}

export interface SelfTestReport {
  readonly schema: 'scoreseal/selftest-report@1';
  readonly startedAt: string;
  readonly ms: number;
  readonly host: { readonly platform: string; readonly version: string; readonly language: string };
  readonly results: readonly SelfTestResult[];
  /** the fixture's canonical digest as the core computes it and as read back through the host */
  readonly digests: { readonly expected: string; readonly host: string | null };
}

/** What the self-test needs of its surroundings (the globals by default; tests pass the double's). */
export interface SelfTestDeps {
  /** `Excel.run` without ScoreSeal's error mapping (the raw codes are what the test reports) */
  readonly run?: <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;
  readonly isSetSupported?: (name: string, version: string) => boolean;
  /** a suffix for the temporary sheets' names (random by default) */
  readonly suffix?: string;
}

const PASSWORD = 'ScoreSeal-selftest-密码';
const WRONG = 'not-the-password';
/** Requirement sets ScoreSeal uses (manifest minimum 1.7; the rest detected, SPEC §7). */
const SETS = ['1.7', '1.8', '1.9', '1.13'] as const;

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

function hostInfo(): SelfTestReport['host'] {
  const ctx = typeof Office !== 'undefined' ? Office.context : undefined;
  const diagnostics = (ctx as { diagnostics?: { platform?: string; version?: string } } | undefined)?.diagnostics;
  const platform = (ctx as { platform?: string } | undefined)?.platform;
  return {
    platform: diagnostics?.platform ?? platform ?? 'unknown',
    version: diagnostics?.version ?? 'unknown',
    language: String(ctx?.displayLanguage ?? 'unknown'),
  };
}

/** Runs the self-test. Never throws for what Excel does; the report says it. */
export async function runSelfTest(deps: SelfTestDeps = {}): Promise<SelfTestReport> {
  const run = deps.run ?? (<T>(batch: (context: Excel.RequestContext) => Promise<T>) => Excel.run(RUN_OPTIONS, batch));
  const isSet =
    deps.isSetSupported ??
    ((name: string, version: string) => typeof Office !== 'undefined' && !!Office.context?.requirements?.isSetSupported(name, version));
  const suffix = deps.suffix ?? Math.random().toString(36).slice(2, 8);
  const sheet = `ScoreSeal-selftest-${suffix}`;
  const hidden = `ScoreSeal-selftest-${suffix}-h`;
  const t0 = now();
  const startedAt = new Date().toISOString();
  const results = new Map<SelfTestCheck, SelfTestResult>();
  const put = (id: SelfTestCheck, status: SelfTestStatus, extra: { code?: string | null; observed?: string } = {}): void => {
    results.set(id, {
      id,
      status,
      ...(extra.code ? { code: extra.code } : {}),
      ...(extra.observed !== undefined ? { observed: extra.observed } : {}),
    });
  };
  /** Runs one batch; resolves to its value, or to the Office code it failed with. */
  const attempt = async <T>(
    batch: (context: Excel.RequestContext) => Promise<T>,
  ): Promise<{ ok: true; value: T } | { ok: false; code: string }> => {
    try {
      return { ok: true, value: await run(batch) };
    } catch (e) {
      const code = officeCode(e);
      if (code === null) throw e;
      return { ok: false, code };
    }
  };

  const supported = Object.fromEntries(SETS.map((v) => [v, isSet('ExcelApi', v)])) as Record<(typeof SETS)[number], boolean>;
  for (const v of SETS) put(`api.${v}`, supported[v] ? 'passed' : v === '1.7' ? 'failed' : 'unsupported');
  let hostDigest: string | null = null;
  let structureProtectedByUs = false;

  try {
    // --- the temporary sheet (refused when the workbook structure is protected, e.g. after a seal)
    const added = await attempt(async (context) => {
      const structure = context.workbook.protection.load('protected');
      await context.sync();
      if (structure.protected) return 'structure';
      context.workbook.worksheets.add(sheet);
      await context.sync();
      return 'added';
    });
    if (!added.ok || added.value !== 'added') {
      put('sheet.add', 'failed', added.ok ? { code: 'StructureProtected' } : { code: added.code });
      return finish();
    }
    put('sheet.add', 'passed');

    // --- values, formulas, number formats and date-time serials, written and read back
    const cells: CellValue[][] = SELFTEST_FIXTURE.map((r) => r.map((c) => c.value));
    const formats = SELFTEST_FIXTURE.map((r) => r.map((c) => c.format ?? formatFor(c.value) ?? 'General'));
    const back = await attempt(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      const range = ws.getRangeByIndexes(0, 0, FIXTURE_ROWS, FIXTURE_COLUMNS);
      range.numberFormat = formats;
      range.formulas = cells.map((r) => r.map(toOffice));
      await context.sync();
      const read = ws.getRangeByIndexes(0, 0, FIXTURE_ROWS, FIXTURE_COLUMNS).load(['values', 'formulas', 'numberFormat']);
      await context.sync();
      return { grid: gridFromOffice(read.values, read.formulas, 0, 0), numberFormat: read.numberFormat };
    });
    if (!back.ok) {
      for (const id of ['values', 'dates', 'formats', 'digest'] as const) put(id, 'failed', { code: back.code });
    } else {
      const got = typedGrid(back.value.grid);
      const want = typedGrid(cells);
      const differ = got.flatMap((r, i) => r.flatMap((v, j) => (v !== want[i]![j] ? [`${String.fromCharCode(65 + j)}${i + 1} ${v}`] : [])));
      put('values', differ.length ? 'failed' : 'passed', differ.length ? { observed: differ.join('; ') } : {});
      const date: CellValue = back.value.grid[0]?.[0] ?? null;
      put('dates', date === FIXTURE_DATE_TIME ? 'passed' : 'failed', { observed: typedCell(date) });
      const fmt: unknown = back.value.numberFormat[0]?.[0];
      put('formats', fmt === FIXTURE_DATE_FORMAT ? 'passed' : 'failed', { observed: typeof fmt === 'string' ? fmt : JSON.stringify(fmt) });
      hostDigest = fixtureDigest(back.value.grid);
      put('digest', hostDigest === expectedFixtureDigest() ? 'passed' : 'failed', { observed: hostDigest.slice(0, 16) });
    }

    // --- a date typed as text in a General cell: Range.values parses in the US locale (office-js#1559)
    const us = await attempt(async (context) => {
      const cell = context.workbook.worksheets.getItem(sheet).getRange('G1');
      cell.values = [['1/2/2024']];
      const read = cell.load('values');
      await context.sync();
      const v: unknown = read.values[0]?.[0];
      return typeof v === 'number' || typeof v === 'string' ? String(v) : JSON.stringify(v);
    });
    put('usDate', us.ok && us.value === '45293' ? 'passed' : 'failed', us.ok ? { observed: us.value } : { code: us.code });

    // --- data validation (ExcelApi 1.8) and its length limits
    if (!supported['1.8']) {
      put('validation', 'unsupported');
      put('validation.limits', 'unsupported');
    } else {
      const dv = await attempt(async (context) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        const decimal = ws.getRange('H1:H3').dataValidation; // eslint-disable-line office-addins/load-object-before-read -- a navigation property, set only
        decimal.rule = { decimal: { formula1: 0, formula2: 10, operator: 'Between' } };
        decimal.errorAlert = { showAlert: true, style: 'Stop', title: '', message: '0–10' };
        decimal.prompt = { showPrompt: true, title: '', message: '0–10' };
        const list = ws.getRange('I1:I3').dataValidation; // eslint-disable-line office-addins/load-object-before-read -- set, then loaded below
        list.rule = { list: { inCellDropDown: true, source: '实地查看,资料审核,部门数据,座谈走访' } };
        await context.sync();
        const rule = list.load('rule');
        await context.sync();
        const source: unknown = rule.rule.list?.source;
        return typeof source === 'string' ? source : null;
      });
      put('validation', dv.ok && dv.value !== null ? 'passed' : 'failed', dv.ok ? { observed: dv.value ?? 'no list' } : { code: dv.code });
      const long = await attempt(async (context) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        ws.getRange('J1').dataValidation.rule = {
          list: { inCellDropDown: true, source: Array.from({ length: 60 }, (_, i) => `项目${i}`).join(',') },
        };
        await context.sync();
      });
      const title = await attempt(async (context) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        const v = ws.getRange('J2').dataValidation; // eslint-disable-line office-addins/load-object-before-read -- set only
        v.rule = { decimal: { formula1: 0, formula2: 1, operator: 'Between' } };
        v.errorAlert = { showAlert: true, style: 'Stop', title: '标'.repeat(40), message: '' };
        await context.sync();
      });
      // ScoreSeal never sends texts over the limits (it clips them); this records what the host does
      put('validation.limits', 'passed', {
        observed: `list>255: ${long.ok ? 'accepted' : long.code}; title>32: ${title.ok ? 'accepted' : title.code}`,
      });
    }

    // --- conditional formats (ExcelApi 1.6, below the minimum)
    const cf = await attempt(async (context) => {
      const f = context.workbook.worksheets.getItem(sheet).getRange('K1:K3').conditionalFormats.add('ContainsText');
      f.textComparison.format.fill.color = `#${PALETTE.good.fill}`;
      f.textComparison.rule = { operator: 'Contains', text: '已签字' };
      await context.sync();
    });
    put('conditionalFormat', cf.ok ? 'passed' : 'failed', cf.ok ? {} : { code: cf.code });

    // --- protection with a password
    const protect = await attempt(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      ws.protection.protect(ORDINARY_PROTECTION, PASSWORD);
      await context.sync();
      const p = ws.protection.load('protected');
      await context.sync();
      return p.protected;
    });
    put('protect', protect.ok && protect.value ? 'passed' : 'failed', protect.ok ? {} : { code: protect.code });
    const again = await attempt(async (context) => {
      context.workbook.worksheets.getItem(sheet).protection.protect(ORDINARY_PROTECTION, PASSWORD);
      await context.sync();
    });
    // documented to fail; a no-op in practice; AccessDenied from mid-2026 (office-js#6784): ScoreSeal copes with each
    put('protect.again', 'passed', again.ok ? { observed: 'no-op' } : { code: again.code, observed: 'refused' });
    const locked = await attempt(async (context) => {
      context.workbook.worksheets.getItem(sheet).getRange('A1').values = [['x']];
      await context.sync();
    });
    put('write.locked', locked.ok ? 'failed' : 'passed', locked.ok ? { observed: 'written' } : { code: locked.code });
    const wrong = await attempt(async (context) => {
      context.workbook.worksheets.getItem(sheet).protection.unprotect(WRONG);
      await context.sync();
    });
    put('password.wrong', wrong.ok ? 'failed' : 'passed', wrong.ok ? { observed: 'unprotected' } : { code: wrong.code });
    const unprotect = await attempt(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      const p = ws.protection.load('protected');
      await context.sync();
      if (p.protected) ws.protection.unprotect(PASSWORD);
      await context.sync();
      const after = ws.protection.load('protected');
      await context.sync();
      return after.protected;
    });
    put('unprotect', unprotect.ok && !unprotect.value ? 'passed' : 'failed', unprotect.ok ? {} : { code: unprotect.code });

    // --- cells unlocked in the batch that protects (office-js#143: stayed locked on the web)
    const unlock = await attempt(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      ws.getRange('L1').format.protection.locked = false;
      ws.protection.protect(ORDINARY_PROTECTION);
      await context.sync();
      ws.getRange('L1').values = [['typed']];
      await context.sync();
    });
    put('unlock.protect', unlock.ok ? 'passed' : 'failed', unlock.ok ? {} : { code: unlock.code, observed: 'office-js#143' });
    await attempt(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      const p = ws.protection.load('protected');
      await context.sync();
      if (p.protected) ws.protection.unprotect();
      await context.sync();
    });

    // --- a very hidden sheet, and deleting one (documented to fail with InvalidOperation)
    const vh = await attempt(async (context) => {
      const ws = context.workbook.worksheets.add(hidden);
      ws.visibility = 'VeryHidden';
      await context.sync();
      const v = context.workbook.worksheets.getItem(hidden).load('visibility');
      await context.sync();
      return v.visibility;
    });
    put('veryHidden', vh.ok && vh.value === 'VeryHidden' ? 'passed' : 'failed', vh.ok ? { observed: vh.value } : { code: vh.code });
    if (vh.ok) {
      const del = await attempt(async (context) => {
        context.workbook.worksheets.getItem(hidden).delete();
        await context.sync();
      });
      put('veryHidden.delete', del.ok ? 'failed' : 'passed', del.ok ? { observed: 'deleted' } : { code: del.code });
    } else put('veryHidden.delete', 'failed', { code: vh.code });

    // --- workbook structure protection: a new sheet is refused, then the protection removed
    const structure = await attempt(async (context) => {
      context.workbook.protection.protect(PASSWORD);
      await context.sync();
      structureProtectedByUs = true;
      return 'protected';
    });
    if (!structure.ok) put('structure', 'failed', { code: structure.code });
    else {
      const add = await attempt(async (context) => {
        context.workbook.worksheets.add(`${sheet}-x`);
        await context.sync();
      });
      const off = await attempt(async (context) => {
        context.workbook.protection.unprotect(PASSWORD);
        await context.sync();
      });
      if (off.ok) structureProtectedByUs = false;
      put('structure', !add.ok && off.ok ? 'passed' : 'failed', add.ok ? { observed: 'sheet added' } : { code: add.code });
      if (add.ok) await attempt(async (context) => (context.workbook.worksheets.getItem(`${sheet}-x`).delete(), context.sync()));
    }

    // --- the selection, read in a sync of its own (ScoreSeal's selection read)
    const sel = await attempt((context) => readSelection(context));
    if (!sel.ok) put('selection', 'failed', { code: sel.code });
    else if (sel.value.ok) put('selection', 'passed', { observed: `${sel.value.rows.firstRow}–${sel.value.rows.lastRow}` });
    else put('selection', 'failed', { code: officeCode(sel.value.cause) ?? sel.value.problem, observed: sel.value.problem });

    // --- a chart (what the summary draws)
    const chart = await attempt(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      const c = ws.charts.add('ColumnClustered', ws.getRange('C3:C3'), 'Columns');
      c.title.text = '自检';
      c.series.getItemAt(0).hasDataLabels = true;
      await context.sync();
    });
    put('chart', chart.ok ? 'passed' : 'failed', chart.ok ? {} : { code: chart.code });

    // --- read, compute, write: the syncs ScoreSeal's actions take (one to read, one to write)
    const rcw = await attempt(async (context) => {
      let syncs = 0;
      const sync = context.sync.bind(context);
      context.sync = <T>(v?: T): Promise<T> => ((syncs += 1), sync(v));
      const start = now();
      const read = await readScoreSheet(context, sheet);
      const cellsRead = read.sheet.cells.length;
      await applyPatch(
        context,
        { sheetName: sheet, writes: [{ row: 5, col: 0, values: [[`${cellsRead}`]] }], appendLog: [] },
        { state: read.state },
      );
      return { syncs, ms: Math.round(now() - start) };
    });
    put(
      'readComputeWrite',
      rcw.ok && rcw.value.syncs === 2 ? 'passed' : 'failed',
      rcw.ok ? { observed: `${rcw.value.syncs} syncs · ${rcw.value.ms} ms` } : { code: rcw.code },
    );
  } finally {
    await cleanUp();
  }
  return finish();

  /** Removes the temporary sheets and the structure protection the test added. */
  async function cleanUp(): Promise<void> {
    const done = await attempt(async (context) => {
      if (structureProtectedByUs) context.workbook.protection.unprotect(PASSWORD);
      const found = [sheet, hidden, `${sheet}-x`].map((name) =>
        context.workbook.worksheets.getItemOrNullObject(name).load(['name', 'visibility']),
      );
      await context.sync();
      for (const ws of found) {
        if (ws.isNullObject) continue;
        if (ws.visibility === 'VeryHidden') ws.visibility = 'Hidden';
        ws.delete();
      }
      await context.sync();
      const left = [sheet, hidden, `${sheet}-x`].map((name) => context.workbook.worksheets.getItemOrNullObject(name));
      const structure = context.workbook.protection.load('protected');
      await context.sync();
      return { left: left.filter((w) => !w.isNullObject).length, structure: structure.protected };
    });
    if (done.ok && !structureProtectedByUs)
      put('cleanup', done.value.left === 0 ? 'passed' : 'failed', { observed: `${done.value.left} left` });
    else put('cleanup', 'failed', done.ok ? { observed: 'structure still protected' } : { code: done.code });
  }

  function finish(): SelfTestReport {
    for (const id of SELFTEST_CHECKS) if (!results.has(id)) put(id, 'unsupported', { observed: 'not run' });
    return {
      schema: 'scoreseal/selftest-report@1',
      startedAt,
      ms: Math.round(now() - t0),
      host: hostInfo(),
      results: SELFTEST_CHECKS.map((id) => results.get(id)!),
      digests: { expected: expectedFixtureDigest(), host: hostDigest },
    };
  }
}
