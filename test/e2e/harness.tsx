/**
 * The end-to-end harness page: the real task pane (src/taskpane/index.tsx, as production boots
 * it) running in a real browser against the Excel test double instead of Excel.
 *
 * Query parameters:
 *   lang=zh-CN|en-US    Office's display language (the pane's language) and the plan's locale
 *   seed=blank|u01|signed|office
 *                       u01: 城关镇's score sheet as the Office generates it (nothing typed);
 *                       signed: the same, filled and signed by both appraisers of every group;
 *                       office: the setup sheets 设置/细则设置/细则/人员/单位 only (from
 *                       fixtures/<lang>/setup.json, written by the runner with src/xlsx's
 *                       `setupTables`)
 *   mount=pane|compile  the task pane (default), or the compile view alone
 *   api=1.13            the ExcelApi version the double claims
 *
 * Exposes `window.__double` and `window.__harness` (see harness-api.ts). Shows what the double
 * holds in a grid beside the pane (a stand-in for Excel, aria-hidden, not part of the product).
 * Built by test/e2e/webpack.harness.cjs into dist-e2e/; never shipped.
 */
import rawPlan from '../../examples/plan.json';
import { deriveKeyPair } from '../../src/core/crypto/ed25519';
import { loadPlan, type Plan } from '../../src/core/plan/plan';
import { decodeLog } from '../../src/core/sheet/log';
import { FOOTER_LABELS, LOG_SHEET } from '../../src/core/sheet/layout';
import { buildTemplate, type SheetTemplate } from '../../src/core/sheet/template';
import type { SignRole } from '../../src/core/signing/records';
import { renderTemplate, run } from '../../src/office';
import { createOfficeActions } from '../../src/taskpane/actions';
import { ExcelDouble, type SheetInit } from '../support/excel-double';
import type { Harness, HarnessLang, HarnessMount, HarnessSeed, SheetLayout } from './harness-api';

const params = new URLSearchParams(location.search);
const pick = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
  const v = params.get(name);
  return allowed.includes(v as T) ? (v as T) : fallback;
};
const lang = pick<HarnessLang>('lang', ['zh-CN', 'en-US'], 'zh-CN');
const seed = pick<HarnessSeed>('seed', ['blank', 'u01', 'signed', 'office'], 'u01');
const mount = pick<HarnessMount>('mount', ['pane', 'compile'], 'pane');

/** The example plan in the page's language (keys, rubric and fingerprints are unchanged). */
function examplePlan(locale: HarnessLang): Plan {
  const r = loadPlan({ ...(rawPlan as Record<string, unknown>), locale });
  if (!r.ok) throw new Error(`examples/plan.json: ${JSON.stringify(r.issues)}`);
  return r.plan;
}
const plan = examplePlan(lang);

/* --- the double --- */

const double = new ExcelDouble({ displayLanguage: lang, apiVersion: params.get('api') ?? '1.13' });
double.install();
window.__double = double;

const templates = new Map<string, SheetTemplate>();
const templateOf = (unit: string): SheetTemplate => {
  let tpl = templates.get(unit);
  if (!tpl) templates.set(unit, (tpl = buildTemplate(plan, unit)));
  return tpl;
};

function layout(unit: string): SheetLayout {
  const tpl = templateOf(unit);
  const rubric = plan.rubrics.get(plan.units.get(unit)!.rubric)!;
  const fo = FOOTER_LABELS[tpl.locale];
  const footerRow = (label: string): number => tpl.cells.findIndex((r, i) => tpl.rowKinds[i] === 'footer' && r[0] === label) + 1;
  return {
    unit,
    unitName: plan.units.get(unit)!.name,
    sheetName: tpl.sheetName,
    headerRow: tpl.headerRow,
    rows: rubric.nodes.map((n) => ({
      code: n.code,
      row: tpl.cells.findIndex((r, i) => i >= tpl.headerRow && r[0] === n.code) + 1,
      kind: !n.isLeaf ? 'section' : n.isVeto ? 'veto' : 'leaf',
      max: n.isVeto ? null : Number(tpl.cells.find((r, i) => i >= tpl.headerRow && r[0] === n.code)?.[3] ?? NaN),
      group: n.group,
      block: n.block,
    })),
    footer: {
      total: tpl.totalRow,
      oversight: footerRow(fo.oversight),
      sealStatus: footerRow(fo.sealStatus),
      sealCode: footerRow(fo.sealCode),
    },
  };
}

let version = 0;
const type = (sheet: string, address: string, text: string): void => {
  double.type(sheet, address, text);
  version++;
};

function fillAll(unit: string, skip: readonly string[] = []): void {
  const l = layout(unit);
  for (const r of l.rows) {
    if (r.kind === 'section' || skip.includes(r.code)) continue;
    const score = r.kind === 'veto' ? '否' : String(Math.max(0, (r.max ?? 0) - 0.5));
    type(l.sheetName, `E${r.row}`, score);
    type(l.sheetName, `F${r.row}`, `${r.code} 按计划完成，台账齐全`);
    type(l.sheetName, `G${r.row}`, r.kind === 'veto' ? '查阅事故台账，未发生' : '抽查记录缺 1 处，扣 0.5 分');
    type(l.sheetName, `H${r.row}`, '实地查看、资料审核');
  }
}

const harness: Harness = {
  lang,
  planLocale: lang,
  seed,
  mount,
  booted: false,
  bootError: null,
  seedMs: 0,
  layout,
  type,
  select(sheet, address) {
    const s = double.model.find(sheet);
    if (!s) throw new Error(`no sheet ${sheet}`);
    double.model.activeId = s.id;
    double.model.selection = { sheet: s.name, address };
    version++;
  },
  fillAll,
  log() {
    if (!double.sheetNames().includes(LOG_SHEET)) return [];
    const rows = double.dump(LOG_SHEET).values.map((r) => r.map((v) => (v === '' ? null : v)));
    return decodeLog(rows).map((e) => ({ kind: e.kind, record: e.record }));
  },
  row(sheet, row) {
    return double.dump(sheet, `A${row}:M${row}`).values[0] ?? [];
  },
};
window.__harness = harness;

/* --- seeding --- */

/** Signers of 城关镇 per group (nobody recused there). */
const SIGNERS: readonly (readonly [string, string])[] = [
  ['p01', 'p02'],
  ['p04', 'p05'],
  ['p07', 'p09'],
];

async function seedWorkbook(): Promise<void> {
  if (seed === 'blank') return;
  if (seed === 'office') {
    const res = await fetch(`fixtures/${lang}/setup.json`);
    if (!res.ok) throw new Error(`fixtures/${lang}/setup.json: HTTP ${res.status} (the runner writes it)`);
    const tables = (await res.json()) as Record<string, unknown[][]>;
    const sheets: Record<string, SheetInit> = {};
    for (const [name, values] of Object.entries(tables)) sheets[name] = { values };
    double.load({ sheets, active: Object.keys(tables)[0]!, name: 'Setup.xlsx' });
    return;
  }
  // the score sheet as the Office view generates it: the core's template rendered by the Office edge
  const tpl = templateOf('u01');
  await run((context) => renderTemplate(context, tpl));
  if (seed === 'signed') {
    fillAll('u01');
    const actions = createOfficeActions();
    const keys = new Map(
      await Promise.all(SIGNERS.flat().map(async (id) => [id, await deriveKeyPair(`demo-passphrase-${id}`, plan.data.title, id)] as const)),
    );
    for (const role of ['scorer', 'reviewer'] as SignRole[])
      for (const pair of SIGNERS) {
        const person = role === 'scorer' ? pair[0] : pair[1];
        const r = await actions.sign(tpl.sheetName, { person, key: keys.get(person)! }, role, { kind: 'all' });
        if (!r.ok) throw new Error(`seeding: ${person} could not sign as ${role}: ${JSON.stringify(r.reasons)}`);
      }
    const validated = await actions.validate(tpl.sheetName);
    if (validated.snapshot.report.findings.some((f) => f.severity === 'error'))
      throw new Error(`seeding: the signed sheet has errors: ${JSON.stringify(validated.snapshot.report.findings.slice(0, 3))}`);
  }
  double.resetCounters();
}

/* --- the grid beside the pane --- */

const letters = (c: number): string => String.fromCharCode(65 + c);
let shown = '';

function renderSheetView(): void {
  const host = document.getElementById('sheet-view');
  if (!host) return;
  const names = double.sheetNames().filter((n) => double.visibility(n) === 'Visible');
  const active = double.activeSheet();
  const sel = double.selection;
  const key = `${version}|${double.syncCount}|${active}|${sel?.sheet}!${sel?.address}|${names.join(',')}`;
  if (key === shown) return;
  shown = key;
  const { values } = double.dump(active);
  const rows = Math.max(values.length, 30);
  const cols = Math.max(13, ...values.map((r) => r.length));
  const selected = sel && sel.sheet === active ? sel.address : null;
  // about as wide as the grid beside a 380 px pane, 签字状态 (K) still in view
  const widths = [38, 112, 56, 34, 36, 84, 84, 84, 74, 52, 78, 52, 70];
  const width = (c: number): number => widths[c] ?? 60;
  let tableWidth = 28;
  for (let c = 0; c < cols; c++) tableWidth += width(c);
  const parts: string[] = [`<div class="grid"><table style="width:${tableWidth}px"><thead><tr><th style="width:28px"></th>`];
  for (let c = 0; c < cols; c++) parts.push(`<th style="width:${width(c)}px">${letters(c)}</th>`);
  parts.push('</tr></thead><tbody>');
  const esc = (s: string): string => s.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
  for (let r = 0; r < rows; r++) {
    parts.push(`<tr><th>${r + 1}</th>`);
    for (let c = 0; c < cols; c++) {
      const a1 = `${letters(c)}${r + 1}`;
      const v = values[r]?.[c];
      const info = r < values.length ? double.cell(active, a1) : null;
      const style: string[] = [];
      if (info?.fill) style.push(`background:${info.fill.startsWith('#') ? info.fill : `#${info.fill}`}`);
      if (info?.bold) style.push('font-weight:600');
      const cls = [typeof v === 'number' ? 'num' : '', selected === a1 ? 'selected' : ''].filter(Boolean).join(' ');
      const text = v === undefined || v === null ? '' : String(v);
      parts.push(
        `<td${cls ? ` class="${cls}"` : ''}${style.length ? ` style="${style.join(';')}"` : ''} title="${esc(text)}">${esc(text)}</td>`,
      );
    }
    parts.push('</tr>');
  }
  parts.push('</tbody></table></div><div class="tabs">');
  for (const n of names) parts.push(`<span class="${n === active ? 'active' : ''}">${esc(n)}</span>`);
  const locks = [
    double.model.find(active)?.protection.protected ? 'sheet protected' : '',
    double.structure().protected ? 'workbook structure protected' : '',
  ]
    .filter(Boolean)
    .join(' · ');
  parts.push(`<span class="lock">${locks}</span></div>`);
  host.innerHTML = parts.join('');
}

/* --- boot --- */

async function boot(): Promise<void> {
  const t0 = performance.now();
  await seedWorkbook();
  harness.seedMs = Math.round(performance.now() - t0);
  renderSheetView();
  setInterval(renderSheetView, 200);
  if (mount === 'compile') {
    const [{ createRoot }, { PaneProviders }, { CompileView }] = await Promise.all([
      import('react-dom/client'),
      import('../../src/taskpane/components/PaneProviders'),
      import('../../src/taskpane/compile/CompileView'),
    ]);
    document.documentElement.lang = lang;
    createRoot(document.getElementById('container')!).render(
      <PaneProviders locale={lang}>
        <main style={{ padding: 12 }}>
          <CompileView actions={createOfficeActions()} />
        </main>
      </PaneProviders>,
    );
  } else {
    // the production entry: waits for Office.onReady, checks the host, renders the pane
    await import('../../src/taskpane/index');
  }
  harness.booted = true;
}

boot().catch((e: unknown) => {
  harness.bootError = e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e);
  console.error('harness: boot failed', e);
});
