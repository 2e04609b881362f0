// `npm run test:deep`: the property tests again with large run counts (SCORESEAL_DEEP=1, see
// test/support/runs.ts): 2,000 random log-edit sequences by key holders, 2,000 random changes
// of a sealed sheet, 5,000 draws against the third-party recomputation, 20,000 reader scans.
import { spawnSync } from 'node:child_process';

const suites = ['test/insiders/log-edits.property.test.ts', 'test/core/sample-seal.test.ts', 'test/xlsx/lean/scanners.test.ts'];
const started = Date.now();
const r = spawnSync(process.execPath, ['node_modules/jest/bin/jest.js', ...suites, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, SCORESEAL_DEEP: '1' },
});
process.stdout.write(`test:deep ${r.status === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
process.exit(r.status ?? 1);
