// Bundles the command line (src/cli/main.ts) into dist/cli.cjs with esbuild.
// Runs on `npm ci` (the `prepare` script), so ./bin/scoreseal works on a fresh clone.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

if (!existsSync('src/cli/main.ts')) process.exit(0);
await build({
  entryPoints: ['src/cli/main.ts'],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outfile: 'dist/cli.cjs',
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
});
