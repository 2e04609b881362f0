/**
 * The demo is reproducible (issue 12): two runs of `npm run demo`'s script, side by side in
 * separate directories, write the same files byte for byte and print the same story — the same
 * totals, ranks, seal codes and samples — because the clock is fixed (SCORESEAL_CLOCK) and
 * nothing else is random.
 */
import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

jest.setTimeout(180_000);

const ROOT = join(__dirname, '../..');

function files(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), createHash('sha256').update(readFileSync(p)).digest('hex'));
    }
  };
  walk(dir);
  return out;
}

const runDemo = (out: string): Promise<string> =>
  new Promise((resolve, reject) =>
    execFile(
      process.execPath,
      ['dist/scripts/demo.cjs'],
      { cwd: ROOT, env: { ...process.env, DEMO_OUT: out }, maxBuffer: 16 * 2 ** 20 },
      (e, stdout) => (e ? reject(new Error(e.message)) : resolve(stdout.split(out).join('<out>'))),
    ),
  );

it('two runs write the same files and print the same story', async () => {
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: ROOT });
  execFileSync(
    process.execPath,
    [
      '-e',
      "require('esbuild').buildSync({entryPoints:['scripts/demo.ts'],bundle:true,platform:'node',target:'node20',format:'cjs',outfile:'dist/scripts/demo.cjs',external:['esbuild','playwright-core'],logLevel:'warning'})",
    ],
    { cwd: ROOT },
  );
  const dir = mkdtempSync(join(tmpdir(), 'scoreseal-demo-'));
  try {
    const [a, b] = [join(dir, 'a'), join(dir, 'b')];
    const [outA, outB] = await Promise.all([runDemo(a), runDemo(b)]);
    expect(outA).toBe(outB);
    const [fa, fb] = [files(a), files(b)];
    expect([...fa.keys()].sort()).toEqual([...fb.keys()].sort());
    expect(fa.size).toBeGreaterThanOrEqual(11); // plan, 8 sheets, the tampered copy, the summary (and the envelope passwords)
    for (const [f, h] of fa) expect([f, fb.get(f)]).toEqual([f, h]);
    // the story has its numbers: seal codes and a ranking
    expect(outA).toMatch(/[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
