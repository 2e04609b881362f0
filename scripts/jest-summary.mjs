// Runs Jest and ends with one plain line "N passed, N failed, N skipped" (what CI reads).
import { spawnSync } from 'node:child_process';
import { readFileSync, mkdirSync } from 'node:fs';

mkdirSync('artifacts', { recursive: true });
const out = 'artifacts/jest-results.json';
const r = spawnSync('npx', ['jest', '--json', `--outputFile=${out}`, ...process.argv.slice(2)], { stdio: 'inherit' });
let summary = null;
try {
  summary = JSON.parse(readFileSync(out, 'utf8'));
} catch {
  summary = null;
}
if (summary) {
  const skipped = summary.numPendingTests + summary.numTodoTests;
  console.log(`\n${summary.numPassedTests} passed, ${summary.numFailedTests} failed, ${skipped} skipped`);
}
process.exit(r.status ?? 1);
