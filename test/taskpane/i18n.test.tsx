import './polyfills';
import { render, screen } from '@testing-library/react';
import { createOfficeActions } from '../../src/taskpane/actions';
import { App } from '../../src/taskpane/components/App';
import { PaneProviders } from '../../src/taskpane/components/PaneProviders';
import { UnsupportedHost } from '../../src/taskpane/components/UnsupportedHost';
import { checkHost, type OfficeLike } from '../../src/taskpane/host';
import { pickLocale, t, UI_CATALOGS } from '../../src/taskpane/i18n';
import { examplePlan, renderWithProviders, scoreBook } from './support';

describe('language', () => {
  test.each([
    ['zh-CN', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['en-US', 'en-US'],
    ['en-GB', 'en-US'],
    ['fr-FR', 'en-US'],
    [undefined, 'zh-CN'],
  ] as const)('display language %s → %s', (display, locale) => {
    expect(pickLocale(display)).toBe(locale);
  });

  test('both catalogs have every message with the same placeholders, none empty', () => {
    const zh = UI_CATALOGS['zh-CN'];
    const en = UI_CATALOGS['en-US'];
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    const holes = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
    for (const id of Object.keys(zh) as (keyof typeof zh)[]) {
      expect(zh[id].trim()).not.toBe('');
      expect(en[id].trim()).not.toBe('');
      expect([id, holes(en[id])]).toEqual([id, holes(zh[id])]);
    }
    expect(t('en-US', 'validate.counts', { errors: 2, warnings: 1 })).toBe('2 errors, 1 warnings');
  });

  test('the pane starts in the display language and switches between zh-CN and en-US', async () => {
    const book = scoreBook(examplePlan(), 'u01', { displayLanguage: 'en-US' });
    const uninstall = book.double.install();
    try {
      const host = await checkHost(globalThis.Office, 'zh-CN');
      expect(host).toEqual({ ok: true, locale: 'en-US' });
      const { user } = renderWithProviders(<App actions={createOfficeActions()} />, { locale: host.locale });
      expect(screen.getByRole('tab', { name: 'Validate' })).toBeInTheDocument();
      expect(screen.getByRole('button', { name: 'Validate the active sheet' })).toBeInTheDocument();
      expect(document.documentElement.lang).toBe('en-US');
      await user.click(screen.getByRole('button', { name: '中文' }));
      expect(screen.getByRole('tab', { name: '核查' })).toBeInTheDocument();
      expect(screen.getByRole('tab', { name: '签字' })).toBeInTheDocument();
      expect(screen.getByRole('button', { name: '核查当前工作表' })).toBeInTheDocument();
      expect(document.documentElement.lang).toBe('zh-CN');
      await user.click(screen.getByRole('button', { name: 'English' }));
      expect(screen.getByRole('tab', { name: 'Oversight' })).toBeInTheDocument();
      await screen.findByRole('button', { name: `Validate ${book.tpl.sheetName}` });
    } finally {
      uninstall();
    }
  });
});

describe('host check', () => {
  const office = (host: string, api: string, displayLanguage = 'zh-CN'): OfficeLike => ({
    onReady: () => Promise.resolve({ host }),
    HostType: { Excel: 'Excel' },
    context: { displayLanguage, requirements: { isSetSupported: (name, v) => name === 'ExcelApi' && Number(v) <= Number(api) } },
  });

  test('no Office.js, another host, or Excel older than ExcelApi 1.7 are reported', async () => {
    expect(await checkHost(undefined, 'en-US')).toEqual({ ok: false, problem: 'noOffice', locale: 'en-US' });
    expect(await checkHost(office('PowerPoint', '1.13'), undefined)).toEqual({ ok: false, problem: 'notExcel', locale: 'zh-CN' });
    expect(await checkHost(office('Excel', '1.6', 'en-GB'), undefined)).toEqual({ ok: false, problem: 'oldExcel', locale: 'en-US' });
    expect(await checkHost(office('Excel', '1.7'), undefined)).toEqual({ ok: true, locale: 'zh-CN' });
    const never: OfficeLike = { onReady: () => new Promise(() => undefined) };
    expect(await checkHost(never, 'zh-CN', 10)).toEqual({ ok: false, problem: 'noOffice', locale: 'zh-CN' });
  });

  test('an unsupported host gets a message page, not a blank pane', () => {
    render(
      <PaneProviders locale="en-US">
        <UnsupportedHost problem="oldExcel" />
      </PaneProviders>,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('ScoreSeal cannot run here');
    expect(screen.getByRole('alert')).toHaveTextContent('ExcelApi 1.7 is needed');
  });
});
