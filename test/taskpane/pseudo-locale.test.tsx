/**
 * Pseudo-locale: every view rendered with catalogs whose strings are wrapped in ⟦…⟧. Any
 * visible text (or aria-label/title/placeholder) outside ⟦…⟧ must be data — a string that came
 * out of an action (the plan, the sheet, findings, refusals, keys) — or digits/punctuation.
 * Anything else is a string that never went through the catalog.
 */
import './polyfills';
import { render, screen, waitFor, within } from '@testing-library/react';
import { keyFingerprint } from '../../src/core/crypto/ed25519';
import { createOfficeActions, type PaneActions } from '../../src/taskpane/actions';
import { App, TABS } from '../../src/taskpane/components/App';
import { PaneProviders } from '../../src/taskpane/components/PaneProviders';
import { UnsupportedHost } from '../../src/taskpane/components/UnsupportedHost';
import { UI_CATALOGS, type Locale, type UiCatalog } from '../../src/taskpane/i18n';
import { demoKey, examplePlan, fillAll, renderWithProviders, scoreBook, setupSheets, signAll } from './support';

// the compile view keeps its own catalog: wrap it the same way
jest.mock('../../src/taskpane/compile/strings', () => {
  const actual = jest.requireActual<typeof import('../../src/taskpane/compile/strings')>('../../src/taskpane/compile/strings');
  const wrapAll = (c: Record<string, string>): Record<string, string> =>
    Object.fromEntries(Object.entries(c).map(([k, v]) => [k, `⟦${v}⟧`]));
  const wrapped = {
    'zh-CN': wrapAll(actual.COMPILE_CATALOGS['zh-CN']),
    'en-US': wrapAll(actual.COMPILE_CATALOGS['en-US']),
  } as typeof actual.COMPILE_CATALOGS;
  return {
    ...actual,
    COMPILE_CATALOGS: wrapped,
    t: (locale: 'zh-CN' | 'en-US', id: Parameters<typeof actual.t>[1], params: Parameters<typeof actual.t>[2] = {}) =>
      actual.t(locale, id, params, wrapped),
  };
});

jest.setTimeout(120_000); // two full workflows per locale; slow on a loaded machine

const plan = examplePlan();
const wrap = (c: UiCatalog): UiCatalog => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, `⟦${v}⟧`])) as UiCatalog;
const PSEUDO: Record<Locale, UiCatalog> = { 'zh-CN': wrap(UI_CATALOGS['zh-CN']), 'en-US': wrap(UI_CATALOGS['en-US']) };

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
    const { user } = renderWithProviders(<App actions={paneActions(data)} />, { locale, catalogs: PSEUDO });
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
    const { user } = renderWithProviders(<App actions={paneActions(data)} initialTab="oversight" />, { catalogs: PSEUDO });
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

  test.each(['noOffice', 'notExcel', 'oldExcel'] as const)('the unsupported-host page (%s)', (problem) => {
    render(
      <PaneProviders locale="zh-CN" catalogs={PSEUDO}>
        <UnsupportedHost problem={problem} />
      </PaneProviders>,
    );
    expect(strays(new Set())).toEqual([]);
  });
});
