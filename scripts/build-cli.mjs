// Bundles the command line (src/cli/main.ts) into dist/cli.cjs with esbuild, and the reading
// worker it starts for many files (src/xlsx/read-worker.ts: the lean reader only) into
// dist/read-worker.cjs. Runs on `npm ci` (the `prepare` script), so ./bin/scoreseal works on a
// fresh clone.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

if (!existsSync('src/cli/main.ts')) process.exit(0);
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
};
await Promise.all([
  build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.cjs' }),
  build({ ...common, entryPoints: ['src/xlsx/read-worker.ts'], outfile: 'dist/read-worker.cjs' }),
]);
