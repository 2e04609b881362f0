/** Writes examples/setup.xlsx from examples/plan.json (the two equal forms of the sample plan). */
import { readFileSync } from 'node:fs';
import { writeSetupWorkbook } from '../src/xlsx/setup';

const plan: unknown = JSON.parse(readFileSync('examples/plan.json', 'utf8'));
writeSetupWorkbook(plan, 'examples/setup.xlsx').then(
  () => console.log('examples/setup.xlsx written'),
  (e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  },
);
