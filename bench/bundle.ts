/** Task-pane initial JavaScript, gzipped, from a production build of the current sources. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export function benchBundle(): { figure: string; measured: string; budget: string; ratio: number }[] {
  // always a fresh production build of the current sources, beside (not over) dist/
  const dist = 'dist-e2e/bench';
  execFileSync(process.execPath, ['node_modules/webpack-cli/bin/cli.js', '--mode', 'production', '--output-path', dist], {
    stdio: 'ignore',
  });
  if (!existsSync(join(dist, 'taskpane.html'))) throw new Error('the production build wrote no taskpane.html');
  const html = readFileSync(join(dist, 'taskpane.html'), 'utf8');
  const scripts = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]!).filter((src) => !/^https?:/.test(src));
  const gz = scripts.reduce((n, src) => n + gzipSync(readFileSync(join(dist, src.replace(/^\//, ''))), { level: 9 }).length, 0);
  return [
    {
      figure: 'task-pane initial JavaScript (gzipped, production build)',
      measured: `${(gz / 1024).toFixed(1)} KB`,
      budget: '≤ 400 KB',
      ratio: gz / 1024 / 400,
    },
  ];
}
