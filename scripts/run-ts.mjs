// Runs a TypeScript script of this repo: bundles it with esbuild (as the CLI is bundled) into
// dist/scripts/ and executes it in this process. Usage: node scripts/run-ts.mjs scripts/demo.ts [args…]
import { build } from 'esbuild';
import { basename, resolve } from 'node:path';
import { createRequire } from 'node:module';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs <script.ts> [args…]');
  process.exit(2);
}
const outfile = resolve('dist/scripts', `${basename(entry, '.ts')}.cjs`);
await build({
  entryPoints: [entry],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outfile,
  sourcemap: 'inline',
  logLevel: 'warning',
  // these run from node_modules (esbuild finds its own binary; playwright-core its driver files)
  external: ['esbuild', 'playwright-core'],
});
process.argv = [process.argv[0], outfile, ...args];
createRequire(import.meta.url)(outfile);
