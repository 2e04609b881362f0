// Task-pane budget (SPEC §7): the initial JavaScript of taskpane.html — the scripts the page
// itself loads, not lazy chunks — must be at most 400 KB gzipped, and must not contain ExcelJS.
// Run after `npm run build`: node scripts/bundle-size.mjs [dist]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET = 400 * 1024;
const dist = process.argv[2] ?? 'dist';
const html = readFileSync(join(dist, 'taskpane.html'), 'utf8');
const scripts = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]).filter((src) => !/^https?:/.test(src));
if (!scripts.length) {
  console.error('bundle-size: taskpane.html loads no local script');
  process.exit(2);
}
let total = 0;
let exceljs = false;
for (const src of scripts) {
  const code = readFileSync(join(dist, src.replace(/^\//, '')));
  const gz = gzipSync(code, { level: 9 }).length;
  total += gz;
  // ExcelJS's own markers (its workbook writer and its package name)
  if (/exceljs|xl\/workbook\.xml/i.test(code.toString('utf8'))) exceljs = true;
  console.log(`${src}: ${(code.length / 1024).toFixed(1)} KB minified, ${(gz / 1024).toFixed(1)} KB gzipped`);
}
console.log(`initial task-pane JavaScript: ${(total / 1024).toFixed(1)} KB gzipped (budget ${BUDGET / 1024} KB)`);
if (exceljs) console.error('bundle-size: ExcelJS is in the initial task-pane JavaScript');
if (total > BUDGET) console.error('bundle-size: over budget');
process.exit(total > BUDGET || exceljs ? 1 : 0);
