/**
 * One scenario in one language: a fresh page of the harness, the pane's catalogs for labels,
 * steps with timings, screenshots, axe checks, and the page's own errors (an uncaught error or
 * an "unexpected error" the pane reports fails the scenario).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { t as coreT, type MessageId } from '../../src/core/i18n/catalog';
import type { Params } from '../../src/core/i18n/catalog';
import type { Params as UiParams } from '../../src/taskpane/i18n';
import { t as paneT, type UiMessageId } from '../../src/taskpane/i18n';
import type { HarnessLang, HarnessMount, HarnessSeed } from './harness-api';
import { axeCheck, check, CheckFailed, waitFor, type AxeCounts } from './support';

export interface StepResult {
  readonly scenario: string;
  readonly lang: HarnessLang;
  readonly step: string;
  readonly ok: boolean;
  readonly ms: number;
  readonly error?: string;
}

export interface RunEnv {
  readonly baseUrl: string;
  readonly context: BrowserContext;
  readonly artifacts: string;
  readonly steps: StepResult[];
  readonly axe: AxeCounts[];
  readonly screenshots: string[];
  /** screenshots that may become docs/pane.png (the first one of the zh-CN run is used) */
  /** things a scenario could not do, and why (e.g. a view not mounted yet) */
  readonly blocked: string[];
}

/** Things the pane reports that are expected (Office error codes), not bugs. */
const EXPECTED_CONSOLE = [/^ScoreSeal: [A-Za-z]+$/, /Download the React DevTools/, /favicon\.ico/];

export class Session {
  readonly page: Page;
  readonly pane: Locator;
  private readonly problems: string[] = [];
  private failed = false;

  private constructor(
    readonly env: RunEnv,
    readonly scenario: string,
    readonly lang: HarnessLang,
    page: Page,
  ) {
    this.page = page;
    this.pane = page.locator('#container');
    page.on('pageerror', (e) => this.problems.push(`uncaught in page: ${e.message}`));
    page.on('console', (m) => {
      const text = m.text();
      if (m.type() === 'error' && !EXPECTED_CONSOLE.some((re) => re.test(text)) && !/Failed to load resource.*404/.test(text))
        this.problems.push(`console.error: ${text.slice(0, 400)}`);
    });
  }

  /** Opens the harness with a seeded workbook and waits until the pane (or compile view) is up. */
  static async open(
    env: RunEnv,
    scenario: string,
    lang: HarnessLang,
    seed: HarnessSeed,
    mount: HarnessMount = 'pane',
    query = '',
  ): Promise<Session> {
    const page = await env.context.newPage();
    const s = new Session(env, scenario, lang, page);
    await s.step(`open the harness (seed=${seed}, mount=${mount})`, async () => {
      await page.goto(`${env.baseUrl}?lang=${lang}&seed=${seed}&mount=${mount}${query}`);
      const state = await waitFor(
        () =>
          page.evaluate(() =>
            window.__harness?.bootError ? `error: ${window.__harness.bootError}` : window.__harness?.booted ? 'ok' : null,
          ),
        'the harness to boot',
        60_000,
      );
      check(state === 'ok', `harness boot failed: ${state}`);
      if (mount === 'pane') await s.pane.getByRole('tablist').waitFor({ state: 'visible' });
      else await s.pane.getByTestId('compile-view').waitFor({ state: 'visible' });
      check((await page.evaluate(() => document.documentElement.lang)) === lang, `<html lang> is not ${lang}`);
    });
    return s;
  }

  /** The pane's label `id` in this language (the compile view's too: `compile.*`). */
  ui(id: UiMessageId, params?: UiParams): string {
    return paneT(this.lang, id, params);
  }
  /** A core message (findings, statuses, refusals) in the plan's language (= this language). */
  core(id: MessageId, params?: Params): string {
    return coreT(this.lang, id, params);
  }

  /** Runs one step; after a failure the remaining steps are skipped. */
  async step(name: string, fn: () => Promise<void>): Promise<void> {
    if (this.failed) {
      this.env.steps.push({
        scenario: this.scenario,
        lang: this.lang,
        step: name,
        ok: false,
        ms: 0,
        error: 'skipped (an earlier step failed)',
      });
      return;
    }
    const t0 = Date.now();
    try {
      await fn();
      if (this.problems.length) throw new CheckFailed(this.problems.splice(0).join('\n'));
      this.env.steps.push({ scenario: this.scenario, lang: this.lang, step: name, ok: true, ms: Date.now() - t0 });
    } catch (e) {
      this.failed = true;
      const message = e instanceof Error ? (e instanceof CheckFailed ? e.message : `${e.name}: ${e.message}`) : String(e);
      this.env.steps.push({ scenario: this.scenario, lang: this.lang, step: name, ok: false, ms: Date.now() - t0, error: message });
      await this.shot(`FAILED-${name}`).catch(() => undefined);
    }
  }

  get ok(): boolean {
    return !this.failed;
  }

  /** A screenshot of the page (grid + pane) into artifacts/e2e/. */
  async shot(name: string): Promise<string> {
    mkdirSync(this.env.artifacts, { recursive: true });
    const slug = `${this.scenario}-${this.lang}-${name}`.replace(/[^A-Za-z0-9\u4e00-\u9fff.-]+/g, '-').slice(0, 120);
    const path = join(this.env.artifacts, `${slug}.png`);
    await this.page.waitForTimeout(250); // the grid re-renders every 200 ms
    await this.page.evaluate(() => document.fonts.ready);
    await this.page.screenshot({ path });
    this.env.screenshots.push(path);
    return path;
  }

  /** axe-core on the pane as it stands now. */
  async axe(view: string): Promise<void> {
    const r = await axeCheck(this.page, view, this.lang);
    this.env.axe.push(r);
  }

  /** Opens a tab of the pane; returns its panel. */
  async tab(id: 'validate' | 'sign' | 'enrol' | 'oversight' | 'office' | 'selftest'): Promise<Locator> {
    await this.pane.getByRole('tab', { name: this.ui(`tab.${id}`), exact: true }).click();
    const panel = this.pane.locator(`#panel-${id}`);
    await panel.waitFor({ state: 'visible' });
    return panel;
  }

  async close(): Promise<void> {
    await this.page.close();
  }
}
