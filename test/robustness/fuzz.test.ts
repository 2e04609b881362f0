/**
 * Fuzzing the readers: valid workbooks (filled, signed, sealed — test/fixtures/bad, made by the
 * real pipeline) are damaged at random and run through the command line. Every case must end
 * cleanly: findings (exit 0/1) or exit 2 with one line on stderr; never an uncaught exception,
 * an "internal error", a stack trace, a hang (5 s per case) or a modified input. And when a
 * damaged sealed workbook still verifies (exit 0), what the seal covers (fields, item table, the
 * unit's log records) must read exactly as in the original.
 *
 * Mutations: random bytes of the file flipped; the file truncated; both; and — to reach the XML
 * readers behind the zip — bytes flipped, or a span deleted or duplicated, inside one unpacked
 * part (a sheet, shared strings, workbook.xml, …), then zipped again; or one part dropped; or one
 * cell value (<v>, <t>) replaced by an odd token (1e400, ４.５, #REF!, a lone surrogate, 40,000
 * characters, …) or a cell's type attribute changed.
 *
 * The command line runs in a worker thread (a fresh bundle of src/cli/main.ts), so a case that
 * hangs can be stopped and reported. The seed is in the test names: FUZZ_SEED=<n> replays a run,
 * FUZZ_SEED=random draws one, FUZZ_RUNS=<n> sets the number of cases (default 600). Inputs of
 * failing cases are kept in artifacts/fuzz/.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import JSZip from 'jszip';
import { canonicalSheet } from '../../src/core/seal/canonical';
import { decodeLog } from '../../src/core/sheet/log';
import { parseSheet } from '../../src/core/sheet/parse';
import ExcelJS from 'exceljs';
import { readRawWorkbook } from '../../src/xlsx/raw';
import { BAD, ROOT, buildCliBundle, cleanEndProblems, sha256 } from './harness';

const SEED = process.env.FUZZ_SEED === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.FUZZ_SEED ?? 20260115);
const RUNS = Number(process.env.FUZZ_RUNS ?? 600);
const CASE_MS = 5_000;

/** mulberry32: small, seedable, good enough to pick bytes. */
function prng(seed: number): { int: (n: number) => number; pick: <T>(xs: readonly T[]) => T } {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return { int, pick: (xs) => xs[int(xs.length)]! };
}
type Rng = ReturnType<typeof prng>;

const BASES = [
  { name: 'filled.xlsx', argv: (f: string) => ['validate', f, '--plan', join(BAD, 'plan.json'), '--json'] },
  { name: 'signed.xlsx', argv: (f: string) => ['validate', f] },
  { name: 'sealed.xlsx', argv: (f: string) => ['verify', f, '--plan', join(BAD, 'plan.json'), '--json'] },
] as const;

const MUTATIONS = ['flip-bytes', 'truncate', 'flip-and-truncate', 'xml-flip', 'xml-splice', 'drop-part', 'xml-token'] as const;

/** Odd cell contents and cell types an editor or a person could leave (for 'xml-token'). */
const TOKENS = [
  '',
  ' ',
  '1e400',
  '-1e-400',
  'NaN',
  '-0',
  '0x10',
  '.5',
  '5.',
  '1,5',
  '４.５',
  '=1+1',
  '#REF!',
  'TRUE',
  '是',
  'x'.repeat(40_000),
  '\u0301',
  '\ud800',
  '{"kind":',
  '1.1',
  '9.1',
  '99999999999999999999',
];
const TYPES = ['s', 'n', 'b', 'e', 'str', 'inlineStr', 'd', 'zz'];
type Mutation = (typeof MUTATIONS)[number];

function flip(bytes: Uint8Array, rng: Rng, count: number, from = 0): string[] {
  const done: string[] = [];
  for (let i = 0; i < count && bytes.length > from; i++) {
    const at = from + rng.int(bytes.length - from);
    const mask = 1 + rng.int(255);
    bytes[at] = bytes[at]! ^ mask;
    done.push(`${at}^${mask}`);
  }
  return done;
}

/** Damages `src`; returns the bytes and a description that reproduces nothing by itself but says what was done. */
async function mutate(src: Uint8Array, kind: Mutation, rng: Rng): Promise<{ bytes: Uint8Array; what: string }> {
  const bytes = new Uint8Array(src);
  switch (kind) {
    case 'flip-bytes':
      return { bytes, what: `flip ${flip(bytes, rng, 1 + rng.int(16)).join(',')}` };
    case 'truncate': {
      const at = rng.int(bytes.length);
      return { bytes: bytes.subarray(0, at), what: `truncate at ${at}` };
    }
    case 'flip-and-truncate': {
      const at = 1 + rng.int(bytes.length - 1);
      const cut = bytes.subarray(0, at);
      return { bytes: cut, what: `truncate at ${at}, flip ${flip(cut, rng, 1 + rng.int(8)).join(',')}` };
    }
    case 'xml-token': {
      // a value (<v>, <t>) replaced by an odd token, or a cell's type attribute changed, in a sheet or the shared strings
      const zip = await JSZip.loadAsync(src);
      const parts = Object.keys(zip.files).filter((p) => /^xl\/(worksheets\/sheet\d+|sharedStrings)\.xml$/.test(p));
      const part = rng.pick(parts);
      const xml = await zip.file(part)!.async('string');
      const spots = [...xml.matchAll(/<(v|t)(?: [^>]*)?>([^<]*)<\/\1>| t="([a-zA-Z]+)"/g)];
      if (!spots.length) return { bytes, what: 'no spot' };
      const m = rng.pick(spots);
      let replacement: string;
      let what: string;
      if (m[3] !== undefined) {
        const type = rng.pick(TYPES);
        replacement = ` t="${type}"`;
        what = `type ${m[3]}→${type}`;
      } else {
        const token = rng.pick(TOKENS);
        const escaped = token.replace(/&/g, '&amp;').replace(/</g, '&lt;');
        replacement = m[0].slice(0, m[0].indexOf('>') + 1) + escaped + `</${m[1]}>`;
        what = `${JSON.stringify(m[2]!.slice(0, 30))}→${JSON.stringify(token.slice(0, 30))}`;
      }
      zip.file(part, xml.slice(0, m.index) + replacement + xml.slice(m.index + m[0].length));
      const out = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
      return { bytes: out, what: `xml-token ${part} at ${m.index}: ${what}` };
    }
    case 'xml-flip':
    case 'xml-splice':
    case 'drop-part': {
      const zip = await JSZip.loadAsync(src);
      const parts = Object.keys(zip.files).filter((p) => !zip.files[p]!.dir);
      const part = rng.pick(parts);
      if (kind === 'drop-part') {
        zip.remove(part);
      } else {
        const data = await zip.file(part)!.async('uint8array');
        let changed: Uint8Array;
        let what: string;
        if (kind === 'xml-flip') {
          changed = new Uint8Array(data);
          what = flip(changed, rng, 1 + rng.int(6)).join(',');
        } else {
          const a = rng.int(data.length);
          const len = 1 + rng.int(Math.min(200, data.length - a));
          const dup = rng.int(2) === 0;
          changed = dup ? concat(data.subarray(0, a + len), data.subarray(a)) : concat(data.subarray(0, a), data.subarray(a + len));
          what = `${dup ? 'duplicate' : 'delete'} ${a}+${len}`;
        }
        zip.file(part, changed);
        const out = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
        return { bytes: out, what: `${kind} ${part}: ${what}` };
      }
      const out = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
      return { bytes: out, what: `drop ${part}` };
    }
  }
}

/**
 * What a seal covers, as ExcelJS reads a workbook — an independent reader, not the lean one verify
 * uses: the canonical sheet (fields above the table, every cell of the item table) and the unit's
 * log records (parsed, so a record's JSON spacing does not count). null when ExcelJS cannot read
 * it (a damaged part the lean reader never reads, such as docProps: nothing to compare then).
 */
async function sealedContent(bytes: Uint8Array): Promise<string | null> {
  try {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const raw = readRawWorkbook(wb);
    const parsed = raw.sheets.map(parseSheet).find((p) => p.ok);
    if (!parsed?.ok) return null;
    const unit = parsed.sheet.fields.unitId?.value ?? '';
    const log = decodeLog(raw.log ?? []).filter((e) => e.unit === unit);
    const { fields, table } = canonicalSheet(parsed.sheet, unit, []);
    return JSON.stringify({ unit, fields, table, log: log.map((e) => [e.kind, e.record ?? e.text]) });
  } catch {
    return null;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

// the worker: runs `main` of the bundle on request, output captured; reports stray errors
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const cli = require(workerData.bundle);
let out = '', err = '', current = null;
process.stdout.write = (s) => { out += String(s); return true; };
process.stderr.write = (s) => { err += String(s); return true; };
const stray = (kind) => (e) => parentPort.postMessage({ id: current, stray: kind + ': ' + String((e && e.stack) || e) });
process.on('unhandledRejection', stray('unhandledRejection'));
process.on('uncaughtException', stray('uncaughtException'));
parentPort.on('message', async ({ id, argv }) => {
  out = ''; err = ''; current = id;
  try {
    const code = await cli.main(argv);
    parentPort.postMessage({ id, code, stdout: out, stderr: err });
  } catch (e) {
    parentPort.postMessage({ id, code: -1, stdout: out, stderr: err, stray: 'main rejected: ' + String((e && e.stack) || e) });
  }
});
`;

interface Reply {
  id: number;
  code: number;
  stdout: string;
  stderr: string;
  stray?: string;
}

class CliWorker {
  private worker: Worker | null = null;
  private waiting = new Map<number, (r: Reply) => void>();
  readonly strays: { id: number | null; text: string }[] = [];
  constructor(private readonly bundle: string) {}

  private start(): Worker {
    const w = new Worker(WORKER, { eval: true, workerData: { bundle: this.bundle }, stdout: true, stderr: true });
    w.on('message', (m: Reply) => {
      const done = this.waiting.get(m.id);
      if (m.stray) this.strays.push({ id: m.id, text: m.stray });
      if (done && m.code !== undefined) {
        this.waiting.delete(m.id);
        done(m);
      }
    });
    w.on('error', (e) => this.strays.push({ id: null, text: `worker error: ${e.stack ?? e.message}` }));
    w.unref();
    return w;
  }

  /** Runs one command; `null` when it did not finish within `ms` (the worker is then replaced). */
  async run(id: number, argv: readonly string[], ms: number): Promise<Reply | null> {
    this.worker ??= this.start();
    const worker = this.worker;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        this.worker = null;
        void worker.terminate();
        resolve(null);
      }, ms);
      this.waiting.set(id, (r) => {
        clearTimeout(timer);
        resolve(r);
      });
      worker.postMessage({ id, argv });
    });
  }

  async stop(): Promise<void> {
    await this.worker?.terminate();
    this.worker = null;
  }
}

const tmp = mkdtempSync(join(tmpdir(), 'scoreseal-fuzz-'));
const inputs = join(tmp, 'inputs');
mkdirSync(inputs);
let cli: CliWorker;
const rng = prng(SEED);
const stats = { cases: 0, exit: { 0: 0, 1: 0, 2: 0 } as Record<number, number>, slowest: 0, ms: 0, messages: new Map<string, number>() };

let sealedOriginal: string | null = null;

beforeAll(async () => {
  sealedOriginal = await sealedContent(readFileSync(join(BAD, 'sealed.xlsx')));
  if (!sealedOriginal) throw new Error('sealed.xlsx does not read');
  cli = new CliWorker((await buildCliBundle(tmp)).bundle);
  // warm up (bundle load, JIT) so the first case's time bound is fair
  await cli.run(-1, ['validate', join(BAD, 'signed.xlsx')], 30_000);
}, 60_000);

afterAll(async () => {
  await cli.stop();
  rmSync(tmp, { recursive: true, force: true });
  process.stdout.write(
    `fuzz seed=${SEED}: ${stats.cases} cases in ${(stats.ms / 1000).toFixed(1)} s (slowest ${stats.slowest.toFixed(0)} ms); exit 0: ${stats.exit[0]}, exit 1: ${stats.exit[1]}, exit 2: ${stats.exit[2]}\n` +
      [...stats.messages].map(([m, n]) => `  ${String(n).padStart(5)} × ${m}\n`).join(''),
  );
});

const groups = BASES.flatMap((base) => MUTATIONS.map((m) => ({ base, m })));
const perGroup = Math.max(1, Math.round(RUNS / groups.length));

describe(`fuzz (seed=${SEED}, ${perGroup * groups.length} cases; replay with FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS})`, () => {
  for (const { base, m } of groups) {
    test(
      `${base.name} × ${m}: ${perGroup} cases end cleanly within ${CASE_MS / 1000} s each`,
      async () => {
        const src = readFileSync(join(BAD, base.name));
        const failures: string[] = [];
        for (let i = 0; i < perGroup; i++) {
          const id = stats.cases++;
          const { bytes, what } = await mutate(src, m, rng);
          const file = join(inputs, `case-${id}.xlsx`);
          writeFileSync(file, bytes);
          const hash = sha256(bytes);
          const strays = cli.strays.length;
          const t0 = performance.now();
          const r = await cli.run(id, base.argv(file), CASE_MS);
          const ms = performance.now() - t0;
          stats.ms += ms;
          stats.slowest = Math.max(stats.slowest, ms);
          const problems: string[] = [];
          if (!r) problems.push(`no result within ${CASE_MS} ms (hang)`);
          else {
            stats.exit[r.code] = (stats.exit[r.code] ?? 0) + 1;
            if (r.code === 2) {
              const key = r.stderr.split('\n')[0]!.split(file).join('<file>');
              stats.messages.set(key, (stats.messages.get(key) ?? 0) + 1);
            }
            problems.push(...cleanEndProblems(r));
            // soundness: a damaged sealed workbook that still verifies must read as the original
            if (base.name === 'sealed.xlsx' && r.code === 0) {
              const content = await sealedContent(bytes);
              if (content !== null && content !== sealedOriginal)
                problems.push('verify passed although what the seal covers reads differently from the original');
            }
          }
          // a stray error may arrive a little after the reply
          await new Promise((res) => setImmediate(res));
          problems.push(...cli.strays.slice(strays).map((s) => s.text.split('\n').slice(0, 3).join(' | ')));
          if (sha256(readFileSync(file)) !== hash) problems.push('the input file was modified');
          const left = readdirSync(inputs).filter((f) => f !== `case-${id}.xlsx`);
          if (left.length) problems.push(`files appeared beside the input: ${left.join(', ')}`);
          if (problems.length) {
            const keep = join(ROOT, 'artifacts/fuzz');
            mkdirSync(keep, { recursive: true });
            const kept = join(keep, `seed-${SEED}-case-${id}-${base.name}`);
            copyFileSync(file, kept);
            failures.push(
              `case ${id} (${base.name}, ${what}; input kept as ${kept}; ${base.argv('<file>').join(' ')}): ${problems.join('; ')}`,
            );
          }
          rmSync(file, { force: true });
          for (const f of left) rmSync(join(inputs, f), { force: true, recursive: true });
        }
        expect(failures).toEqual([]);
      },
      60_000 + perGroup * CASE_MS,
    );
  }
});
