/**
 * The 自检 (self-test) view: reachable from the pane's tabs for any role and from the ribbon
 * (`taskpane.html?view=selftest`), runs the host self-test over the Excel double, shows one row
 * per check with the code Excel gave, whether the digests agree, and copies the report as JSON.
 * Every visible string comes from the catalog (pseudo-locale) or from the report (data).
 */
import './polyfills';
import { screen, waitFor, within } from '@testing-library/react';
import { runSelfTest, SELFTEST_CHECKS, type SelfTestReport } from '../../src/office';
import { createOfficeActions } from '../../src/taskpane/actions';
import { App, tabFromQuery } from '../../src/taskpane/components/App';
import { UI_CATALOGS, type Locale, type UiCatalog } from '../../src/taskpane/i18n';
import type { SelfTestActions } from '../../src/taskpane/selftest/actions';
import { DESKTOP_PRACTICE, ExcelDouble } from '../support/excel-double';
import { renderWithProviders } from './support';

let uninstall: () => void = () => undefined;
afterEach(() => uninstall());

function setUp(double = ExcelDouble.fromData({ sheets: { 数据: { values: [['x']] } } })): {
  double: ExcelDouble;
  actions: SelfTestActions;
  copied: string[];
} {
  uninstall = double.install();
  const copied: string[] = [];
  const actions: SelfTestActions = {
    runSelfTest: () => runSelfTest({ run: (b) => double.run(b), suffix: 'pane' }),
    copy: async (text) => void copied.push(text),
  };
  return { double, actions, copied };
}

describe('the 自检 view', () => {
  test('opens from the ribbon on its tab, runs, lists every check, and copies the JSON', async () => {
    expect(tabFromQuery('?view=selftest')).toBe('selftest');
    expect(tabFromQuery('?view=nonsense')).toBeUndefined();
    const { double, actions, copied } = setUp();
    const { user } = renderWithProviders(<App actions={createOfficeActions()} selfTest={actions} initialTab="selftest" />);
    expect(screen.getByRole('tab', { name: '自检' })).toHaveAttribute('aria-selected', 'true');
    await user.click(screen.getByRole('button', { name: '开始自检' }));
    const table = await screen.findByRole('table', { name: '自检结果' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.getAttribute('data-check'))).toEqual([...SELFTEST_CHECKS]);
    expect(rows.every((r) => r.getAttribute('data-status') === 'passed')).toBe(true);
    expect(screen.getByText(`${SELFTEST_CHECKS.length} 项通过，0 项失败，0 项不支持`)).toBeInTheDocument();
    expect(screen.getByText('同一份固定数据经 Excel 写入并读回后，规范摘要与命令行的一致。')).toBeInTheDocument();
    expect(within(table).getByText('BadPassword')).toBeInTheDocument(); // the wrong password's code, as seen
    await user.click(screen.getByRole('button', { name: '复制结果（JSON）' }));
    expect(await screen.findByText('已复制。')).toBeInTheDocument();
    const report = JSON.parse(copied[0]!) as SelfTestReport;
    expect(report.schema).toBe('scoreseal/selftest-report@1');
    expect(report.digests.host).toBe(report.digests.expected);
    expect(double.sheetNames()).toEqual(['数据']); // the temporary sheets are gone
  });

  test('says when the clipboard is not available; the JSON stays selectable', async () => {
    const { actions } = setUp(ExcelDouble.fromData({ sheets: { S: {} } }, { variant: DESKTOP_PRACTICE }));
    const { user } = renderWithProviders(
      <App
        actions={createOfficeActions()}
        selfTest={{ ...actions, copy: () => Promise.reject(new Error('no clipboard')) }}
        initialTab="selftest"
      />,
      { locale: 'en-US' },
    );
    await user.click(screen.getByRole('button', { name: 'Run the self-test' }));
    await screen.findByRole('table', { name: 'Self-test results' });
    expect(screen.getByText('AccessDenied', { selector: '[data-check="password.wrong"] *' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Copy the result (JSON)' }));
    expect(await screen.findByText('The clipboard is not available; select the text below and copy it.')).toBeInTheDocument();
    expect(screen.getByLabelText<HTMLTextAreaElement>('Result (JSON)').value).toContain('"scoreseal/selftest-report@1"');
  });

  test.each(['zh-CN', 'en-US'] as const)(
    '%s pseudo-locale: every visible string is from the catalog or the report',
    async (locale: Locale) => {
      const wrap = (c: UiCatalog): UiCatalog => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, `⟦${v}⟧`])) as UiCatalog;
      const PSEUDO = { 'zh-CN': wrap(UI_CATALOGS['zh-CN']), 'en-US': wrap(UI_CATALOGS['en-US']) };
      const { actions } = setUp(ExcelDouble.fromData({ sheets: { S: {} } }, { apiVersion: '1.7' }));
      let report: SelfTestReport | null = null;
      const recorded: SelfTestActions = { ...actions, runSelfTest: async () => (report = await actions.runSelfTest()) };
      const { user } = renderWithProviders(<App actions={createOfficeActions()} selfTest={recorded} initialTab="selftest" />, {
        locale,
        catalogs: PSEUDO,
      });
      await user.click(screen.getByRole('button', { name: PSEUDO[locale]['selftest.run'] }));
      await screen.findByRole('table');
      await waitFor(() => expect(report).not.toBeNull());
      const data = new Set<string>([JSON.stringify(report, null, 2)]);
      for (const r of report!.results) for (const v of [r.code, r.observed]) if (v) data.add(v);
      const texts: string[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode())
        if (!['SCRIPT', 'STYLE'].includes(n.parentElement?.tagName ?? '')) texts.push(n.textContent ?? '');
      for (const el of document.body.querySelectorAll('[aria-label],[title],[placeholder]'))
        for (const a of ['aria-label', 'title', 'placeholder']) if (el.getAttribute(a)) texts.push(el.getAttribute(a)!);
      const known = [...data].sort((a, b) => b.length - a.length);
      const strays = texts
        .map((t) => {
          let rest = t.replace(/⟦[^⟦⟧]*⟧/g, '');
          for (const d of known) rest = rest.split(d).join('');
          return rest;
        })
        .filter((rest) => !/^[\s\d.,:;!?()（）、，。：；！？“”"'‘’\-–—·/…%+=<>@#[\]_]*$/u.test(rest));
      expect(strays).toEqual([]);
    },
  );
});
