/**
 * `npm run docs:images`: the README's two pictures, both from the demo (`npm run demo`, whose
 * fixed clock makes every run give the same files):
 *
 * - docs/pane.png — the task pane's compile view (against the Excel test double, in Debian's
 *   Chromium) after the Office picked the demo's eight sealed score workbooks;
 * - docs/summary.png — the 汇总 sheet of out/demo/summary.xlsx, drawn from the workbook's own
 *   values, fills, fonts and column widths.
 *
 * Needs Chromium and a CJK font (apt-get install -y chromium fonts-noto-cjk); refuses to write
 * a picture whose Chinese renders as boxes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { CHROMIUM, cjkProblem, launchChromium, serveStatic } from '../test/e2e/support';

const DEMO = 'out/demo';
const node = (args: string[]): void => {
  const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}`);
};

/** The 汇总 sheet as an HTML table: values as shown, fills, bold and colour, widths, merges. */
async function summaryHtml(file: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0]!;
  const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const colour = (c: Partial<ExcelJS.Color> | undefined): string | null => (c?.argb ? `#${c.argb.slice(-6)}` : null);
  const widths: number[] = [];
  for (let c = 1; c <= ws.columnCount; c++) widths.push(Math.round((ws.getColumn(c).width ?? 9) * 7.5));
  const covered = new Set<string>();
  let rows = '';
  for (let r = 1; r <= ws.rowCount; r++) {
    let cells = '';
    for (let c = 1; c <= ws.columnCount; c++) {
      if (covered.has(`${r}:${c}`)) continue;
      const cell = ws.getCell(r, c);
      let span = '';
      if (cell.isMerged && cell.master.address === cell.address) {
        const range = Object.values(
          (ws as unknown as { _merges: Record<string, { model: { top: number; left: number; bottom: number; right: number } }> })._merges,
        ).find((m) => m.model.top === r && m.model.left === c);
        if (range) {
          const { top, left, bottom, right } = range.model;
          for (let y = top; y <= bottom; y++) for (let x = left; x <= right; x++) if (y !== top || x !== left) covered.add(`${y}:${x}`);
          span = ` colspan="${right - left + 1}" rowspan="${bottom - top + 1}"`;
        }
      }
      const fill = cell.fill?.type === 'pattern' ? colour(cell.fill.fgColor) : null;
      const style = [
        fill ? `background:${fill}` : '',
        cell.font?.bold ? 'font-weight:bold' : '',
        colour(cell.font?.color) ? `color:${colour(cell.font?.color)}` : '',
        cell.font?.size ? `font-size:${cell.font.size}pt` : '',
        typeof cell.value === 'number' ? 'text-align:right' : '',
      ]
        .filter(Boolean)
        .join(';');
      cells += `<td${span} style="${style}">${esc(cell.text ?? '')}</td>`;
    }
    rows += `<tr style="height:${Math.round((ws.getRow(r).height ?? 15) * 1.33)}px">${cells}</tr>`;
  }
  return `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><style>
    body{margin:16px;font:11pt "Noto Sans CJK SC","Microsoft YaHei",sans-serif;background:#fff}
    table{border-collapse:collapse;table-layout:fixed} td{padding:1px 4px;white-space:nowrap;overflow:hidden;border:1px solid #e4e4e4}
  </style><table>${widths.map((w) => `<col style="width:${w}px">`).join('')}${rows}</table></html>`;
}

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install -y chromium)`);
  node(['scripts/run-ts.mjs', 'scripts/demo.ts']);
  node(['node_modules/webpack-cli/bin/cli.js', '--config', 'test/e2e/webpack.harness.cjs']);
  mkdirSync('docs', { recursive: true });
  const server = await serveStatic('dist-e2e');
  const browser = await launchChromium();
  try {
    const font = await cjkProblem(browser.context, `${server.url}index.html`);
    if (font) throw new Error(`${font}: install a CJK font (apt-get install -y fonts-noto-cjk)`);

    // docs/pane.png: the compile view after picking the demo's sealed workbooks
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${server.url}?lang=zh-CN&seed=office&mount=compile`);
    await page.waitForFunction(() => window.__harness?.booted === true, undefined, { timeout: 60_000 });
    const view = page.getByTestId('compile-view');
    const sheets = readdirSync(join(DEMO, 'sheets'))
      .filter((f) => f.endsWith('.xlsx'))
      .sort()
      .map((f) => join(DEMO, 'sheets', f));
    await view.locator('input[type="file"][multiple]').setInputFiles(sheets);
    await view.getByRole('button', { name: '核验并汇总', exact: true }).click();
    await view.getByText('汇总完成', { exact: true }).waitFor({ state: 'visible', timeout: 60_000 });
    await page.waitForTimeout(500);
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: 'docs/pane.png' });
    process.stdout.write('docs/pane.png: the compile view with the demo’s eight sealed workbooks\n');

    // docs/summary.png: the 汇总 sheet of the demo's summary.xlsx
    const sheet = await browser.context.newPage();
    await sheet.setContent(await summaryHtml(join(DEMO, 'summary.xlsx')));
    await sheet.evaluate(() => document.fonts.ready);
    await sheet.locator('table').screenshot({ path: 'docs/summary.png' });
    process.stdout.write('docs/summary.png: the 汇总 sheet of out/demo/summary.xlsx\n');
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`docs:images: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
});
