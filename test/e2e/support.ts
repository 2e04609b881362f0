/**
 * End-to-end plumbing: a static server for dist-e2e/, Debian's Chromium through playwright-core
 * (never a downloaded browser), waiting and checking, screenshots, and axe-core.
 */
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';

/** Resolves packages from the repository root (kept out of the esbuild bundle of the runner). */
const requireHere = createRequire(join(process.cwd(), 'package.json'));

/* --- the static server --- */

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.xml': 'application/xml; charset=utf-8',
};

export interface StaticServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves `root` on 127.0.0.1 (a free port); nothing outside `root` is reachable. */
export async function serveStatic(root: string): Promise<StaticServer> {
  const base = resolve(root);
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(base, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(base) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

/* --- Chromium --- */

export const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** Debian's Chromium with a fresh profile directory (removed on close). */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = requireHere('playwright-core') as typeof import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'scoreseal-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1280, height: 820 },
    deviceScaleFactor: 1,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: false,
  });
  context.setDefaultTimeout(15_000);
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/* --- fonts --- */

/**
 * Whether Chinese text renders with a real font: without a CJK font, Chromium draws every Han
 * character as the same fallback box, so three different characters drawn on a canvas in the
 * pane's font stack give identical pixels. Returns null when they differ (a CJK font is there),
 * else the reason.
 */
export async function cjkProblem(context: BrowserContext, url: string): Promise<string | null> {
  const page = await context.newPage();
  try {
    await page.goto(url);
    return await page.evaluate(async () => {
      await document.fonts.ready;
      const draw = (ch: string): string => {
        const c = document.createElement('canvas');
        c.width = 40;
        c.height = 40;
        const g = c.getContext('2d')!;
        g.font = '28px "Segoe UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif';
        g.fillStyle = '#000';
        g.fillText(ch, 4, 30);
        return Array.from(g.getImageData(0, 0, 40, 40).data.filter((_, i) => i % 4 === 3)).join(',');
      };
      const glyphs = ['考', '核', '表'].map(draw);
      const inked = glyphs.filter((g) => g.split(',').some((a) => a !== '0')).length;
      if (inked < 3) return 'Chinese characters draw nothing';
      return glyphs[0] === glyphs[1] && glyphs[1] === glyphs[2] ? 'Chinese characters all draw the same fallback box' : null;
    });
  } finally {
    await page.close();
  }
}

/* --- checks --- */

export class CheckFailed extends Error {
  override readonly name = 'CheckFailed';
}

/** Fails the step with `message` unless `cond` holds. */
export function check(cond: unknown, message: string): asserts cond {
  if (!cond) throw new CheckFailed(message);
}

export function checkEqual<T>(actual: T, expected: T, what: string): void {
  const [a, e] = [JSON.stringify(actual), JSON.stringify(expected)];
  if (a !== e) throw new CheckFailed(`${what}: expected ${e}, got ${a}`);
}

/** Polls `probe` until it returns a truthy value (returned) or `timeoutMs` passes (then fails with `what`). */
export async function waitFor<T>(probe: () => Promise<T> | T, what: string, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  let last: unknown = null;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
      last = v;
    } catch (e) {
      last = e instanceof Error ? e.message : e;
    }
    if (Date.now() > end)
      throw new CheckFailed(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${JSON.stringify(last)?.slice(0, 300)})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits until the locator is visible; fails with `what`. */
export async function visible(locator: Locator, what: string, timeoutMs = 15_000): Promise<Locator> {
  try {
    await locator.first().waitFor({ state: 'visible', timeout: timeoutMs });
  } catch {
    throw new CheckFailed(`not shown within ${timeoutMs} ms: ${what}`);
  }
  return locator.first();
}

export async function textOf(locator: Locator): Promise<string> {
  return ((await locator.first().textContent()) ?? '').trim();
}

/* --- axe-core --- */

export interface AxeCounts {
  readonly view: string;
  readonly lang: string;
  readonly critical: number;
  readonly serious: number;
  readonly moderate: number;
  readonly minor: number;
  /** serious and critical violations: rule, impact, help and the first nodes */
  readonly blocking: readonly { readonly rule: string; readonly impact: string; readonly help: string; readonly nodes: string }[];
  /** nodes left out as a known false positive (see TABSTER_DUMMY) */
  readonly suppressed: number;
  readonly passes: number;
}

/**
 * Fluent UI v9's keyboard navigation (Tabster) puts focus sentinels `<i tabindex="0"
 * aria-hidden="true" data-tabster-dummy>` around its TabList; axe's aria-hidden-focus flags them.
 * Fluent treats this as by design (microsoft/fluentui#27517) and Microsoft's Accessibility
 * Insights suppresses exactly these nodes (microsoft/accessibility-insights-web#7605): so do we,
 * for that rule and those nodes only, and count them separately.
 */
const TABSTER_DUMMY = (v: AxeViolation, n: AxeNode): boolean =>
  v.id === 'aria-hidden-focus' && /data-tabster-dummy|data-is-focus-trap-zone-bumper/.test(n.html);

let axeSource: string | null = null;

interface AxeNode {
  target: string[];
  html: string;
}
interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  nodes: AxeNode[];
}

/** Runs axe-core on the pane (`#container`) as it stands; counts violations by impact. */
export async function axeCheck(page: Page, view: string, lang: string): Promise<AxeCounts> {
  axeSource ??= readFileSync(requireHere.resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  // the page as it rests: no hover left on the last button clicked, its colour transition done
  await page.mouse.move(0, 0);
  await page.waitForTimeout(300);
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: unknown[]; passes: unknown[] }> } }
    ).axe;
    const r = await axe.run({ include: [['#container']] }, {});
    return { violations: r.violations, passes: r.passes.length };
  });
  const raw = result.violations as AxeViolation[];
  const suppressed = raw.reduce((n, v) => n + v.nodes.filter((node) => TABSTER_DUMMY(v, node)).length, 0);
  const violations = raw.map((v) => ({ ...v, nodes: v.nodes.filter((node) => !TABSTER_DUMMY(v, node)) })).filter((v) => v.nodes.length > 0);
  const count = (impact: AxeViolation['impact']): number =>
    violations.filter((v) => v.impact === impact).reduce((n, v) => n + v.nodes.length, 0);
  const blocking = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      rule: v.id,
      impact: v.impact ?? '',
      help: v.help,
      nodes: v.nodes
        .slice(0, 3)
        .map((n) => `${n.target.join(' ')} ${n.html.slice(0, 160)}`)
        .join(' | '),
    }));
  return {
    view,
    lang,
    critical: count('critical'),
    serious: count('serious'),
    moderate: count('moderate'),
    minor: count('minor'),
    blocking,
    suppressed,
    passes: result.passes,
  };
}
