/**
 * Pseudo-locale: every view rendered with catalogs whose strings are wrapped in ⟦…⟧. Any
 * visible text (or aria-label/title/placeholder) outside ⟦…⟧ must be data — a string that came
 * out of an action (the plan, the sheet, findings, refusals, keys) — or digits/punctuation.
 * Anything else is a string that never went through the catalog. The compile view is driven
 * through every state it has, and every `compile.*` message must have been shown.
 */
import './polyfills';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { keyFingerprint } from '../../src/core/crypto/ed25519';
import { SummaryTargetError } from '../../src/office/summary';
import { createOfficeActions, type PaneActions } from '../../src/taskpane/actions';
import { CompileError, type CompileReport, type FileOutcome, type SheetOutcome } from '../../src/taskpane/compile/compileInExcel';
import { CompileProgress } from '../../src/taskpane/compile/CompileProgress';
import { CompileResults } from '../../src/taskpane/compile/CompileResults';
import type { ReadErrorCode, WorkbookReader } from '../../src/taskpane/compile/reader';
import { App, TABS } from '../../src/taskpane/components/App';
import { ErrorBar } from '../../src/taskpane/components/ErrorBar';
import { PaneProviders } from '../../src/taskpane/components/PaneProviders';
import { UnsupportedHost } from '../../src/taskpane/components/UnsupportedHost';
import { OfficeView } from '../../src/taskpane/views/OfficeView';
import { ExcelDouble } from '../support/excel-double';
import { CATALOGS, format, msg, type Catalog, type Catalogs } from '../../src/core/i18n/catalog';
import { UI_CATALOGS, type Locale, type UiCatalog, type UiMessageId } from '../../src/taskpane/i18n';
import { demoKey, examplePlan, fillAll, renderWithProviders, scoreBook, setupSheets, signAll } from './support';

jest.setTimeout(120_000); // two full workflows per locale; slow on a loaded machine

const plan = examplePlan();
const wrap = (c: UiCatalog): UiCatalog => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, `⟦${v}⟧`])) as UiCatalog;
const PSEUDO: Record<Locale, UiCatalog> = { 'zh-CN': wrap(UI_CATALOGS['zh-CN']), 'en-US': wrap(UI_CATALOGS['en-US']) };
/** The core's catalogs wrapped the same way: findings and refusals the pane renders come from them. */
const wrapCore = (c: Catalog): Catalog => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, `⟦${v}⟧`])) as Catalog;
const CORE_PSEUDO: Catalogs = { 'zh-CN': wrapCore(CATALOGS['zh-CN']), 'en-US': wrapCore(CATALOGS['en-US']) };

/** Every string reachable from a value (what an action hands the pane is data). */
function collect(v: unknown, into: Set<string>, seen = new Set<unknown>()): void {
  if (typeof v === 'string') {
    if (!/^[a-z]+$/.test(v)) into.add(v); // enum words (error, scorer, …) are never shown as they are
    if (v.startsWith('ed25519:')) into.add(keyFingerprint(v)); // shown beside a public key
    return;
  }
  if (!v || typeof v !== 'object' || seen.has(v)) return;
  seen.add(v);
  if (v instanceof Map) for (const [a, b] of v) [a, b].forEach((x) => collect(x, into, seen));
  else if (v instanceof Set || Array.isArray(v)) for (const x of v) collect(x, into, seen);
  else for (const x of Object.values(v as Record<string, unknown>)) collect(x, into, seen);
}

/** The actions, recording every string they return (and the arguments they are given). */
function recording(actions: PaneActions, data: Set<string>): PaneActions {
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(actions) as [string, (...a: unknown[]) => unknown][])
    out[name] = (...args: unknown[]) => {
      collect(args, data);
      const r = fn(...args);
      if (r instanceof Promise) return r.then((v: unknown) => (collect(v, data), v));
      collect(r, data);
      return r;
    };
  return out as unknown as PaneActions;
}

const LEFTOVER = /^[\s\d.,:;!?()（）、，。：；！？“”"'‘’\-–—·/…%+=<>@#[\]_]*$/u;

function stripPseudo(s: string): string {
  let out = s;
  const inner = /⟦[^⟦⟧]*⟧/g;
  while (inner.test(out)) out = out.replace(inner, '');
  return out;
}

/** Texts and labelling attributes on the page that are neither catalog strings nor data. */
function strays(data: ReadonlySet<string>): string[] {
  const known = [...data].filter((s) => s.trim().length > 0).sort((a, b) => b.length - a.length);
  const texts: string[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const parent = n.parentElement;
    if (parent && ['SCRIPT', 'STYLE'].includes(parent.tagName)) continue;
    texts.push(n.textContent ?? '');
  }
  for (const el of document.body.querySelectorAll('[aria-label],[title],[placeholder],[alt]'))
    for (const a of ['aria-label', 'title', 'placeholder', 'alt']) if (el.getAttribute(a)) texts.push(el.getAttribute(a)!);
  return texts
    .map((text) => {
      let rest = stripPseudo(text);
      for (const d of known) if (rest.includes(d)) rest = rest.split(d).join('');
      return { text, rest };
    })
    .filter(({ rest }) => !LEFTOVER.test(rest))
    .map(({ text }) => text);
}

async function expectOnlyCatalogAndData(data: ReadonlySet<string>): Promise<void> {
  await waitFor(() => expect(document.body.textContent).not.toBe(''));
  expect(strays(data)).toEqual([]);
}

let uninstall: () => void = () => undefined;
afterEach(() => uninstall());
beforeAll(async () => {
  await Promise.all(['p01', 'p02', 'p04', 'p05', 'p07', 'p09', 'o01', 'o02'].map((id) => demoKey(plan, id)));
});

function paneActions(data: Set<string>): PaneActions {
  const real = createOfficeActions();
  // keys from the demo passphrases without running scrypt for every unlock
  return recording({ ...real, deriveKey: async (_p, _title, id) => demoKey(plan, id) }, data);
}

describe('pseudo-locale: every visible string comes from the catalog', () => {
  test.each(['zh-CN', 'en-US'] as const)('%s: validate, sign, enrol, oversight and office views', async (locale) => {
    const book = scoreBook(plan, 'u01', {}, setupSheets());
    fillAll(book, ['1.3']);
    uninstall = book.double.install();
    const data = new Set<string>();
    const { user } = renderWithProviders(<App actions={paneActions(data)} />, { locale, catalogs: PSEUDO, coreCatalogs: CORE_PSEUDO });
    const tab = (id: (typeof TABS)[number]): Promise<void> => user.click(screen.getByRole('tab', { name: PSEUDO[locale][`tab.${id}`] }));
    const button = (id: keyof UiCatalog): HTMLElement => screen.getByRole('button', { name: PSEUDO[locale][id] });
    const label = (id: keyof UiCatalog): HTMLElement => screen.getByLabelText(PSEUDO[locale][id]);

    // a stray string is caught (the check can fail)
    const probe = document.createElement('span');
    probe.textContent = 'Untranslated';
    document.body.appendChild(probe);
    expect(strays(data)).toEqual(['Untranslated']);
    probe.remove();

    // Validate
    await screen.findByRole('button', { name: new RegExp(book.tpl.sheetName) });
    await user.click(button('validate.runActive'));
    await waitFor(() => expect(document.querySelector('[data-item="1.3"]')).not.toBeNull());
    await expectOnlyCatalogAndData(data);

    // Sign: unlock, sign a block, then a refused signing
    await tab('sign');
    await waitFor(() => expect(label('person.me')).toBeInTheDocument());
    await user.selectOptions(label('person.me'), 'p01');
    await expectOnlyCatalogAndData(data);
    await user.type(label('unlock.passphrase'), 'x');
    await user.click(button('unlock.submit'));
    await screen.findByRole('button', { name: PSEUDO[locale]['session.lock'] });
    await user.click(screen.getByRole('radio', { name: PSEUDO[locale]['sign.scope.block'] }));
    await user.selectOptions(label('sign.block'), '1'); // 1.3 is not filled in: refused
    await user.click(button('sign.submit'));
    await screen.findByRole('alert');
    await expectOnlyCatalogAndData(data);
    await user.selectOptions(label('sign.block'), '2');
    await user.click(button('sign.submit'));
    await waitFor(() => expect(document.body.textContent).toContain('2.1 2.2 2.3 2.4'));
    await expectOnlyCatalogAndData(data);

    // Enrol: a weak passphrase, then a key
    await tab('enrol');
    await waitFor(() => expect(screen.getAllByLabelText(PSEUDO[locale]['person.me']).length).toBeGreaterThan(1));
    const enrolPanel = document.getElementById('panel-enrol')!;
    const enrolPicker = enrolPanel.querySelector('select')!;
    await user.selectOptions(enrolPicker, 'p02');
    await user.type(label('enrol.passphrase'), 'short');
    await user.type(label('enrol.repeat'), 'short');
    await user.click(button('enrol.submit'));
    await screen.findByText(PSEUDO[locale]['enrol.tooShort']);
    await expectOnlyCatalogAndData(data);
    // 刘芳 (p02) in pinyin with a birthday: refused as personal; a decorated common word as common
    await user.type(label('enrol.passphrase'), 'LiuFang19900101');
    await user.type(label('enrol.repeat'), 'LiuFang19900101');
    await user.click(button('enrol.submit'));
    await screen.findByText(PSEUDO[locale]['enrol.personal']);
    await user.type(label('enrol.passphrase'), 'Password2026!');
    await user.type(label('enrol.repeat'), 'Password2026!');
    await user.click(button('enrol.submit'));
    await screen.findByText(PSEUDO[locale]['enrol.common']);
    await expectOnlyCatalogAndData(data);
    await user.type(label('enrol.passphrase'), 'long enough passphrase');
    await user.type(label('enrol.repeat'), 'long enough passphrase');
    await user.click(button('enrol.submit'));
    await screen.findByTestId('public-key');
    await expectOnlyCatalogAndData(data);

    // Oversight: choosing someone else locks the appraiser's key; drawing is refused
    await tab('oversight');
    const oversightPanel = document.getElementById('panel-oversight')!;
    await waitFor(() => expect(oversightPanel.querySelector('select')).not.toBeNull());
    await user.selectOptions(oversightPanel.querySelector('select')!, 'o01');
    await expectOnlyCatalogAndData(data);
    const passphraseFields = screen.getAllByLabelText(PSEUDO[locale]['unlock.passphrase']);
    await user.type(passphraseFields[passphraseFields.length - 1]!, 'x');
    await user.click(screen.getAllByRole('button', { name: PSEUDO[locale]['unlock.submit'] }).at(-1)!);
    await user.click(await screen.findByRole('button', { name: PSEUDO[locale]['oversight.draw'] }));
    await waitFor(() => expect(oversightPanel.querySelector('[role="alert"]')).not.toBeNull());
    await expectOnlyCatalogAndData(data);

    // Office: read the setup sheets, generate one unit
    await tab('office');
    await user.click(button('office.read'));
    await screen.findByRole('checkbox', { name: PSEUDO[locale]['office.selectAll'] });
    await user.click(screen.getByRole('checkbox', { name: PSEUDO[locale]['office.selectAll'] }));
    await user.click(screen.getByRole('checkbox', { name: '河口镇（u02）' }));
    await user.click(button('office.generate'));
    await waitFor(() => expect(book.double.sheetNames()).toContain('河口镇'));
    await screen.findByText(new RegExp('河口镇'), { selector: 'li *' });
    await expectOnlyCatalogAndData(data);

    // Lock and the idle message
    await tab('oversight');
    await user.click(screen.getAllByRole('button', { name: PSEUDO[locale]['session.lock'] }).at(-1)!);
    await screen.findAllByText(PSEUDO[locale]['session.locked']);
    await expectOnlyCatalogAndData(data);
  });

  test('oversight with a drawn sample, re-check forms, the seal and its code', async () => {
    const book = scoreBook(plan, 'u01');
    fillAll(book);
    uninstall = book.double.install();
    await signAll(book);
    const data = new Set<string>();
    const { user } = renderWithProviders(<App actions={paneActions(data)} initialTab="oversight" />, {
      catalogs: PSEUDO,
      coreCatalogs: CORE_PSEUDO,
    });
    const panel = document.getElementById('panel-oversight')!;
    await waitFor(() => expect(panel.querySelector('select')).not.toBeNull());
    await user.selectOptions(panel.querySelector('select')!, 'o02');
    await user.type(screen.getByLabelText(PSEUDO['zh-CN']['unlock.passphrase']), 'x');
    await user.click(screen.getByRole('button', { name: PSEUDO['zh-CN']['unlock.submit'] }));
    await user.click(await screen.findByRole('button', { name: PSEUDO['zh-CN']['oversight.draw'] }));
    const forms = await screen.findAllByRole('form');
    await user.click(screen.getAllByRole('radio', { name: PSEUDO['zh-CN']['recheck.adjusted'] })[0]!);
    await expectOnlyCatalogAndData(data);
    await user.click(screen.getAllByRole('button', { name: PSEUDO['zh-CN']['recheck.submit'] })[0]!);
    await waitFor(() => expect(forms[0]!.querySelector('[role="alert"]')).not.toBeNull());
    await expectOnlyCatalogAndData(data);
    for (const form of forms.slice(1)) {
      await user.click(within(form).getByRole('button', { name: PSEUDO['zh-CN']['recheck.submit'] }));
      await within(form).findByText(/^⟦已保存/);
    }
    await user.click(screen.getAllByRole('radio', { name: PSEUDO['zh-CN']['recheck.confirmed'] })[0]!);
    await user.click(screen.getAllByRole('button', { name: PSEUDO['zh-CN']['recheck.submit'] })[0]!);
    await within(forms[0]!).findByText(/^⟦已保存/);
    await user.click(screen.getByRole('button', { name: PSEUDO['zh-CN']['seal.submit'] }));
    await screen.findByText(PSEUDO['zh-CN']['seal.passwordMissing']);
    await expectOnlyCatalogAndData(data);
    await user.type(screen.getByLabelText(PSEUDO['zh-CN']['seal.password']), 'pw');
    await user.click(screen.getByRole('button', { name: PSEUDO['zh-CN']['seal.submit'] }));
    await screen.findByTestId('seal-code');
    await expectOnlyCatalogAndData(data);
  });

  test.each(['zh-CN', 'en-US'] as const)(
    '%s: problems of the setup sheets, said by the core catalog (the check can fail)',
    async (locale) => {
      const sheets = setupSheets();
      // a signing word that is not one, and a step that is not a number: setup problems by cell
      sheets.设置 = { values: sheets.设置!.values!.map((r) => (r[0] === '签字方式' ? [r[0], '指纹'] : r)) };
      sheets.细则设置 = { values: sheets.细则设置!.values!.map((r, i) => (i === 1 ? r.map((c, j) => (j === 3 ? '半分' : c)) : r)) };
      const said = (core: Catalogs): string[] => [
        format(core[locale], 'setup.signing', { value: '指纹' }),
        format(core[locale], 'setup.notNumber', { value: '半分' }),
      ];
      for (const core of [CORE_PSEUDO, CATALOGS]) {
        const double = ExcelDouble.fromData({ sheets });
        uninstall = double.install();
        const data = new Set<string>();
        const { user, unmount } = renderWithProviders(<OfficeView actions={paneActions(data)} />, {
          locale,
          catalogs: PSEUDO,
          coreCatalogs: core,
        });
        await user.click(screen.getByRole('button', { name: PSEUDO[locale]['office.read'] }));
        for (const text of said(core)) expect(await screen.findByText(text)).toBeInTheDocument();
        expect(screen.getByRole('button', { name: '设置!B4' })).toBeInTheDocument();
        // through the wrapped catalogs nothing is stray; a text of the core rendered otherwise is
        if (core === CORE_PSEUDO) await expectOnlyCatalogAndData(data);
        else expect(strays(data)).toEqual(said(core));
        unmount();
        uninstall();
      }
    },
  );

  test.each(['noOffice', 'notExcel', 'oldExcel'] as const)('the unsupported-host page (%s)', (problem) => {
    render(
      <PaneProviders locale="zh-CN" catalogs={PSEUDO} coreCatalogs={CORE_PSEUDO}>
        <UnsupportedHost problem={problem} />
      </PaneProviders>,
    );
    expect(strays(new Set())).toEqual([]);
  });
});

/* ------------------------------------------------------------------------------------------ */
/* the compile view                                                                             */
/* ------------------------------------------------------------------------------------------ */

/** Catalogs wrapped as PSEUDO and tagged with their id (⟦«id»text⟧), to tell which messages were shown. */
const tag = (c: UiCatalog): UiCatalog => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, `⟦«${k}»${v}⟧`])) as UiCatalog;
const TAGGED: Record<Locale, UiCatalog> = { 'zh-CN': tag(UI_CATALOGS['zh-CN']), 'en-US': tag(UI_CATALOGS['en-US']) };
const COMPILE_IDS = (Object.keys(UI_CATALOGS['zh-CN']) as UiMessageId[]).filter((id) => id.startsWith('compile.'));

/** Adds the ids of the tagged messages on the page (text and labelling attributes) to `into`. */
function noteShown(into: Set<string>): void {
  const texts = [document.body.textContent ?? ''];
  for (const el of document.body.querySelectorAll('[aria-label],[title],[placeholder],[alt]'))
    for (const a of ['aria-label', 'title', 'placeholder', 'alt']) texts.push(el.getAttribute(a) ?? '');
  for (const text of texts) for (const m of text.matchAll(/«([^»]+)»/g)) into.add(m[1]!);
}

/** A results report with every status, register state, read failure and kind of finding (a stand-in for a compile). */
function everyResult(): CompileReport {
  const statuses = ['verified', 'names-only', 'failed', 'duplicate', 'missing'] as const;
  const registers = ['matched', 'not-registered', 'unsealed', 'no-register', 'not-sealed'] as const;
  const reads: ReadErrorCode[] = ['NOT_FOUND', 'UNREADABLE', 'NOT_XLSX', 'ENCRYPTED', 'CORRUPT', 'TOO_LARGE', 'WRITE_FAILED', 'UNEXPECTED'];
  const sheets = statuses.map((status, i): SheetOutcome => {
    const unit = `u0${i + 1}`;
    const summary = {
      file: 'sealed.xlsx',
      unit,
      name: `单位${i + 1}`,
      category: '乡镇',
      status,
      rank: status === 'verified' ? 1 : status === 'names-only' ? 2 : null,
      total: 90 - i,
      grade: '优秀',
      register: registers[i]!,
      sealer: '监审甲',
      sealedAt: '2026-12-01T08:00:00.000Z',
      sealCode: `ABCD-1234-EF56-789${i}`,
    };
    return {
      sheet: `单位${i + 1}`,
      unit,
      unitName: `单位${i + 1}`,
      category: '乡镇',
      status,
      findings:
        i === 2
          ? [
              {
                severity: 'error',
                code: 'SIGNATURE_INVALID',
                unit,
                cell: 'E12',
                messageId: 'SIGNATURE_INVALID',
                params: { item: '1.1', person: 'p01' },
              },
              { severity: 'warning', code: 'BASIS_MISSING', unit, messageId: 'BASIS_MISSING', params: { item: '1.2', name: 'x' } },
            ]
          : [],
      locale: 'zh-CN',
      summary: summary as unknown as SheetOutcome['summary'],
    };
  });
  const files: FileOutcome[] = [
    { file: 'sealed.xlsx', status: 'read', error: null, sheets },
    ...reads.map((error): FileOutcome => ({ file: `bad-${error}.xlsx`, status: 'unreadable', error, sheets: [] })),
    { file: 'empty.xlsx', status: 'noScoreSheet', error: null, sheets: [] },
  ];
  return { files, result: { summary: sheets.map((s) => s.summary) }, tables: [] } as unknown as CompileReport;
}

describe('pseudo-locale: the compile view', () => {
  test.each(['zh-CN', 'en-US'] as const)('%s: every compile message is shown, and nothing outside the catalog', async (locale) => {
    const M = TAGGED[locale];
    const book = scoreBook(plan, 'u01', {}, setupSheets());
    fillAll(book, ['1.3']);
    uninstall = book.double.install();
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const data = new Set<string>(['u01.xlsx']); // what the person picks is data
    const shown = new Set<string>();
    const check = async (): Promise<void> => {
      await expectOnlyCatalogAndData(data);
      noteShown(shown);
    };

    // the file reader: waits for `reading` to be let go, reports one file, then waits to be cancelled
    let letGo: () => void = () => undefined;
    const reading = new Promise<void>((resolve) => (letGo = resolve));
    const readFiles: WorkbookReader = async (files, hooks = {}) => {
      await reading;
      hooks.onRead?.(1, files.length + 1, { file: files[0]!.name, error: 'ENCRYPTED' });
      return new Promise((_, reject) => hooks.signal?.addEventListener('abort', () => reject(new CompileError('CANCELLED'))));
    };
    const real = createOfficeActions();
    const actions = recording(
      // an open workbook without a name is shown by the catalog's word for it
      {
        ...real,
        readFiles,
        readWorkbook: async () => ({ ...(await real.readWorkbook()), name: '' }),
        // where a plan's problems are: JSON paths, data even when one plain word ("title")
        readPlanFile: async (file) => {
          const r = await real.readPlanFile(file);
          if (!r.ok && 'issues' in r) for (const i of r.issues) data.add(i.where);
          return r;
        },
      },
      data,
    );
    const { user } = renderWithProviders(<App actions={actions} initialTab="office" />, {
      locale,
      catalogs: TAGGED,
      coreCatalogs: CORE_PSEUDO,
    });
    const view = await screen.findByTestId('compile-view');
    const start = (): Promise<void> => user.click(within(view).getByRole('button', { name: M['compile.run.start'] }));
    await check();

    // a plan file that is not JSON, and dropped files of which one is not .xlsx
    await user.click(within(view).getByRole('radio', { name: M['compile.plan.json'] }));
    await user.upload(within(view).getByLabelText(M['compile.plan.pickJson']), new File(['no json'], 'plan.json'));
    fireEvent.drop(within(view).getByTestId('compile-drop'), {
      dataTransfer: { files: [new File(['x'], 'u01.xlsx'), new File(['x'], 'readme.txt')] },
    });
    await within(view).findByText(M['compile.input.notXlsx'].replace('{count}', '1'));
    await check();
    await start();
    await within(view).findByText(M['compile.plan.notJson']);
    await check();

    // a plan with problems (listed by path), then a plan file the browser cannot read
    await user.upload(
      within(view).getByLabelText(M['compile.plan.pickJson']),
      new File(['{"schema":"scoreseal/plan@1","title":""}'], 'plan.json'),
    );
    await start();
    await waitFor(() => expect(within(view).queryByText(M['compile.plan.notJson'])).toBeNull());
    await check();
    // the problems are the core's messages, rendered by its (wrapped) catalog in the pane's language
    expect(
      within(view).getByText(format(CORE_PSEUDO[locale], 'plan.schema.stringTooShort', { cmp: msg('plan.cmp.gte'), limit: '1' })),
    ).toBeInTheDocument();
    const unreadable = new File(['{}'], 'plan.json');
    Object.defineProperty(unreadable, 'text', { value: () => Promise.reject(new DOMException('gone', 'NotReadableError')) });
    await user.upload(within(view).getByLabelText(M['compile.plan.pickJson']), unreadable);
    await start();
    await within(view).findByText(M['compile.error.PLAN_FILE']);
    await check();

    // a good plan: starting, reading, cancelled
    await user.upload(
      within(view).getByLabelText(M['compile.plan.pickJson']),
      new File([readFileSync(join(__dirname, '../../examples/plan.json'))], 'plan.json'),
    );
    await start();
    await within(view).findByText(M['compile.progress.starting']);
    await check();
    letGo();
    await within(view).findByText(M['compile.progress.read'].replace('{done}', '1').replace('{total}', '2'));
    await check();
    await user.click(within(view).getByRole('button', { name: M['compile.run.cancel'] }));
    await within(view).findByText(M['compile.cancelled']);
    await check();
    await user.click(within(view).getByRole('button', { name: M['compile.input.clear'] }));
    await check();

    // the score sheets of this workbook against its setup sheets: written, then written again (replaced)
    await user.click(within(view).getByRole('radio', { name: M['compile.plan.setup'] }));
    await user.click(within(view).getByRole('radio', { name: M['compile.input.workbook'] }));
    await start();
    await within(view).findByText(M['compile.done.title'], undefined, { timeout: 30_000 });
    await check();
    await start();
    await within(view).findByText(new RegExp(M['compile.done.replaced']), undefined, { timeout: 30_000 });
    await check();

    // what a run rarely shows: every status, register state, read failure and kind of finding; the
    // progress between the steps; every failure with a code of its own
    const report = everyResult();
    collect(report, data);
    const errors: unknown[] = [
      new SummaryTargetError('STRUCTURE_PROTECTED'),
      new SummaryTargetError('NAME_TAKEN', '汇总'),
      new CompileError('NO_FILES'),
      new CompileError('NO_SCORE_SHEETS'),
      new CompileError('READER_FAILED'),
      new CompileError('REGISTER_INVALID'),
    ];
    render(
      <PaneProviders locale={locale} catalogs={TAGGED} coreCatalogs={CORE_PSEUDO}>
        <CompileResults report={report} />
        <CompileProgress
          plan={{ title: plan.data.title, units: plan.units.size }}
          progress={{ phase: 'verified', done: 1, total: 2, file: 'a' }}
        />
        <CompileProgress plan={null} progress={{ phase: 'writing', report }} />
        {errors.map((e, i) => (
          <ErrorBar key={i} error={e} title="compile.error.title" />
        ))}
      </PaneProviders>,
    );
    await check();

    expect(COMPILE_IDS.filter((id) => !shown.has(id))).toEqual([]);
    warn.mockRestore();
  });
});
