/**
 * Generates the robustness corpus in test/fixtures/bad/ (see cases.json there) with the real
 * pipeline: plan → `scoreseal template` → typed in as a person would (test/support/fill.ts) →
 * `scoreseal sign` → `sample` → `recheck` → `seal` (the command line's `main`, in this
 * process), then damaged with plain ExcelJS or at the byte level, as another program would.
 *
 *   node scripts/run-ts.mjs scripts/make-bad-fixtures.ts           writes the files
 *   node scripts/run-ts.mjs scripts/make-bad-fixtures.ts --check   regenerates into a temp dir
 *                                                                   and compares byte for byte
 *
 * Reproducible: the clock and the random bytes (sheet-protection salts) are fixed while it
 * runs, and Ed25519 signatures are deterministic, so the same sources give the same bytes.
 * Keys: the demo passphrases `demo-passphrase-<id>` (examples/plan.json's keys).
 *
 * The 50,000-row workbooks are not committed: test/robustness/corpus.test.ts makes them in a
 * temporary directory with {@link makeHugeWorkbook}.
 *
 * The hostile files (zip bombs, floods, deep nesting, terminal escapes…) are made by
 * scripts/hostile-workbooks.ts from the files made here: its small ones (`COMMITTED`) are
 * written here too; its big ones (`GENERATED`) are made at test time, and at full size by
 * `npm run bench:hostile`.
 */
import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { digest } from '../src/core/crypto/digest';
import { fillWorkbook, type Entry, type RowInfo } from '../test/support/fill';
import { COMMITTED } from './hostile-workbooks';

export const BAD_DIR = 'test/fixtures/bad';
export const LOG = '_scoreseal';
export const UNIT = 'r01';

// ---------------------------------------------------------------------------------------------
// determinism: a fixed clock and fixed "random" bytes while the generator runs

/** While the pipeline runs the clock ticks a second per `new Date()` (records get distinct times); after it, it stands still. */
const clock = { ticking: true };

function freeze(): () => void {
  const RealDate = Date;
  let t = RealDate.UTC(2026, 0, 15, 1, 0, 0);
  class FixedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) {
        super(t);
        if (clock.ticking) t += 1000;
      } else super(...(args as [number]));
    }
    static override now(): number {
      return t;
    }
  }
  globalThis.Date = FixedDate as DateConstructor;
  // node:crypto's randomBytes (sheet-protection salts, temp names): a counter, not entropy. The
  // module object itself is patched (every importer reads `.randomBytes` from it at call time).
  const c = createRequire(__filename)('node:crypto') as { randomBytes: (n: number) => Buffer };
  const real = c.randomBytes;
  let counter = 0;
  const fixed = (n: number): Buffer => createHash('sha512').update(`scoreseal-bad-fixtures:${counter++}`).digest().subarray(0, n);
  try {
    c.randomBytes = fixed;
  } catch {
    /* not writable: output still valid, only not byte-reproducible */
  }
  return () => {
    globalThis.Date = RealDate;
    try {
      c.randomBytes = real;
    } catch {
      /* see above */
    }
  };
}

// ---------------------------------------------------------------------------------------------
// the plan: a small rubric under the example plan's title, so the demo keys apply

export function robustnessPlan(examplePlan: Record<string, unknown>): Record<string, unknown> {
  const keep = new Set(['p01', 'p02', 'p03', 'p04', 'p05', 'o01', 'o02', 'f01']);
  // p01 is recused from r02 (the example's recusals name units this plan does not have)
  const people = (examplePlan.people as { id: string; recuse?: string[] }[])
    .filter((p) => keep.has(p.id))
    .map(({ recuse: _recuse, ...p }) => (p.id === 'p01' ? { ...p, recuse: ['r02'] } : p));
  return {
    schema: 'scoreseal/plan@1',
    title: examplePlan.title,
    locale: 'zh-CN',
    signing: 'key',
    rubrics: [
      {
        id: 'robust',
        title: '健壮性测试细则',
        category: '乡镇',
        step: 0.5,
        sampleRatio: 0.5,
        basisRequired: 'deduction',
        grades: [
          { name: '优秀', min: 12 },
          { name: '良好', min: 10 },
          { name: '较差', min: 0 },
        ],
        vetoGrade: '较差',
        items: [
          {
            code: '1',
            name: '党风廉政建设',
            group: 'G1',
            max: 8,
            children: [
              { code: '1.1', name: '落实责任制', criteria: '未签订责任书扣2分；责任分解不到位每项扣0.5分', max: 5, mode: 'deduct' },
              { code: '1.2', name: '廉政教育', criteria: '每开展一次得0.5分，最多得3分', max: 3, mode: 'award' },
            ],
          },
          {
            code: '2',
            name: '经济发展',
            group: 'G2',
            children: [
              { code: '2.1', name: '财政收入', criteria: '每低1个百分点扣0.5分', max: 4, mode: 'deduct' },
              { code: '2.2', name: '统计质量', criteria: '迟报漏报每次扣0.5分', max: 2.5, mode: 'deduct' },
            ],
          },
          { code: '9', name: '一票否决', group: 'G1', children: [{ code: '9.1', name: '重大安全责任事故', mode: 'veto' }] },
        ],
      },
    ],
    people,
    units: [
      { id: 'r01', name: '城关镇', rubric: 'robust' },
      { id: 'r02', name: '河口镇', rubric: 'robust' },
    ],
  };
}

/** What the appraiser types (1.1's completion holds "café" in NFC, for the NFD cases). */
export const ENTRIES: Record<string, Entry> = {
  '1.1': {
    score: 4.5,
    completion: '责任书已签订，台账齐全（含 café 座谈记录）',
    basis: '责任分解不到位一项，扣0.5分',
    verifiedBy: '实地查看、资料审核',
  },
  '1.2': { score: 3, completion: '全年开展廉政教育6次', basis: '对照细则核实，无扣分情形', verifiedBy: '资料审核、座谈走访' },
  '2.1': { score: 3.5, completion: '完成年度收入任务的99%', basis: '低1个百分点，扣0.5分', verifiedBy: '部门数据' },
  '2.2': { score: 2.5, completion: '统计报表按时报送', basis: '无迟报漏报', verifiedBy: '部门数据、资料审核' },
  '9.1': { score: '否', completion: '经查未发生', basis: '查阅事故台账与应急管理局通报', verifiedBy: '实地查看、部门数据' },
};

/** Only the item rows (fill.ts would also type into footer rows whose column A is a label). */
const entryFor = (r: RowInfo): Entry | null => ENTRIES[r.code] ?? null;

// ---------------------------------------------------------------------------------------------
// ExcelJS edits and byte-level damage

export interface Sheet {
  wb: ExcelJS.Workbook;
  ws: ExcelJS.Worksheet;
  /** worksheet row of each item code, and of the header */
  row: (code: string) => number;
  header: number;
  /** 1-based column of a header title */
  col: (title: string) => number;
  log: ExcelJS.Worksheet | undefined;
}

export async function openSheet(file: string): Promise<Sheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await readFile(file)) as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets.find((s) => s.name !== LOG)!;
  let header = 0;
  const rows = new Map<string, number>();
  ws.eachRow((row, n) => {
    const a = row.getCell(1).value;
    if (a === '编号' && !header) header = n;
    else if (header && typeof a === 'string' && /^\d+(\.\d+)*$/.test(a) && !rows.has(a)) rows.set(a, n);
  });
  const titles = (ws.getRow(header).values as unknown[]).map((v) => (typeof v === 'string' ? v : ''));
  return {
    wb,
    ws,
    header,
    row: (code) => {
      const r = rows.get(code);
      if (!r) throw new Error(`no row for item ${code}`);
      return r;
    },
    col: (title) => {
      const c = titles.indexOf(title);
      if (c < 1) throw new Error(`no column ${title}`);
      return c;
    },
    log: wb.worksheets.find((s) => s.name === LOG),
  };
}

/** A cell's text (these cells hold plain strings; anything else is a generator bug). */
function text(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v !== 'string') throw new Error(`expected text, found ${JSON.stringify(v)}`);
  return v;
}

async function edit(src: string, dst: string, fn: (s: Sheet) => void | Promise<void>): Promise<void> {
  const s = await openSheet(src);
  await fn(s);
  await s.wb.xlsx.writeFile(dst);
}

/** The log row's record (pieces in B, C, … concatenated) and a setter that writes it back in one piece. */
function logRecord(
  log: ExcelJS.Worksheet,
  kind: string,
  nth = 0,
): { row: ExcelJS.Row; record: Record<string, unknown>; set: (r: unknown) => void } {
  const rows: ExcelJS.Row[] = [];
  log.eachRow((row) => {
    if (row.getCell(1).value === kind) rows.push(row);
  });
  const row = rows[nth];
  if (!row) throw new Error(`no ${kind} record #${nth}`);
  let json = '';
  for (let c = 2; c <= row.cellCount; c++) json += text(row.getCell(c).value);
  return {
    row,
    record: JSON.parse(json) as Record<string, unknown>,
    set: (r) => {
      for (let c = 2; c <= row.cellCount; c++) row.getCell(c).value = null;
      row.getCell(2).value = JSON.stringify(r);
    },
  };
}

/** A minimal but well-formed compound file (CFB v3): header, one FAT sector, one directory sector, empty streams. */
export function compoundFile(streams: readonly string[]): Uint8Array {
  const SECTOR = 512;
  const out = new Uint8Array(SECTOR * 3);
  const dv = new DataView(out.buffer);
  const u32 = (o: number, v: number): void => dv.setUint32(o, v >>> 0, true);
  const u16 = (o: number, v: number): void => dv.setUint16(o, v, true);
  const END = 0xfffffffe;
  const FREE = 0xffffffff;
  // header
  out.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 0);
  u16(0x18, 0x003e); // minor version
  u16(0x1a, 0x0003); // major version 3
  u16(0x1c, 0xfffe); // little endian
  u16(0x1e, 9); // 512-byte sectors
  u16(0x20, 6); // 64-byte mini sectors
  u32(0x2c, 1); // FAT sectors
  u32(0x30, 1); // first directory sector
  u32(0x38, 0x1000); // mini stream cutoff
  u32(0x3c, END); // first mini FAT sector
  u32(0x44, END); // first DIFAT sector
  u32(0x4c, 0); // DIFAT[0]: the FAT is sector 0
  for (let i = 1; i < 109; i++) u32(0x4c + i * 4, FREE);
  // sector 0 (file offset 512): the FAT
  const fat = SECTOR;
  u32(fat, 0xfffffffd); // sector 0 is a FAT sector
  u32(fat + 4, END); // sector 1: the directory, one sector long
  for (let i = 2; i < 128; i++) u32(fat + i * 4, FREE);
  // sector 1 (file offset 1024): the directory — Root Entry, then the streams as a right-leaning chain
  const dir = SECTOR * 2;
  const entry = (i: number, name: string, type: number, child: number, right: number): void => {
    const o = dir + i * 128;
    for (let k = 0; k < name.length; k++) u16(o + k * 2, name.charCodeAt(k));
    u16(o + 0x40, (name.length + 1) * 2);
    out[o + 0x42] = type;
    out[o + 0x43] = 1; // black
    u32(o + 0x44, FREE); // left sibling
    u32(o + 0x48, right);
    u32(o + 0x4c, child);
    u32(o + 0x74, END); // starting sector (empty stream)
  };
  // siblings sorted as CFB compares names: shorter first, then by upper-case code units
  const sorted = [...streams].sort((a, b) => a.length - b.length || (a.toUpperCase() < b.toUpperCase() ? -1 : 1));
  entry(0, 'Root Entry', 5, sorted.length ? 1 : FREE, FREE);
  sorted.forEach((name, i) => entry(i + 1, name, 2, FREE, i + 1 < sorted.length ? i + 2 : FREE));
  for (let i = sorted.length + 1; i < 4; i++) {
    const o = dir + i * 128;
    u32(o + 0x44, FREE);
    u32(o + 0x48, FREE);
    u32(o + 0x4c, FREE);
  }
  return out;
}

/** Sets the uncompressed size every central-directory entry claims (zip-bomb-like header). */
function inflateClaims(zip: Uint8Array, claim: number): Uint8Array {
  const out = new Uint8Array(zip);
  const dv = new DataView(out.buffer);
  for (let i = 0; i + 46 <= out.length; i++) if (dv.getUint32(i, true) === 0x02014b50) dv.setUint32(i + 24, claim, true);
  return out;
}

/** A workbook like `src`, with `rows` extra rows: below the footer (`where: 'below'`) or as item rows inside the table. */
export async function makeHugeWorkbook(src: string, dst: string, rows: number, where: 'below' | 'table'): Promise<void> {
  const s = await openSheet(src);
  const { ws } = s;
  if (where === 'below') {
    const start = ws.rowCount + 2;
    for (let i = 0; i < rows; i++) ws.getRow(start + i).values = [`备注 ${i + 1}`, '附：佐证材料清单', i + 1, `第 ${i + 1} 行说明文字`];
  } else {
    const at = s.row('9.1') + 1;
    const block: (string | number)[][] = [];
    for (let i = 0; i < rows; i++) block.push([`10.${i + 1}`, '多余项目', '', 1, 1, '已完成', '', '实地查看']);
    ws.spliceRows(at, 0, ...block);
  }
  await s.wb.xlsx.writeFile(dst);
}

// ---------------------------------------------------------------------------------------------

type Main = (argv: readonly string[]) => Promise<number>;

async function cli(main: Main, args: string[], person?: string): Promise<void> {
  if (person) process.env.SCORESEAL_PASSPHRASE = `demo-passphrase-${person}`;
  else delete process.env.SCORESEAL_PASSPHRASE;
  const code = await main(args);
  delete process.env.SCORESEAL_PASSPHRASE;
  if (code !== 0) throw new Error(`scoreseal ${args.join(' ')} exited ${code}`);
}

async function generate(out: string): Promise<void> {
  const { main } = await import('../src/cli/main');
  await mkdir(out, { recursive: true });
  const work = await mkdtemp(join(tmpdir(), 'scoreseal-bad-'));
  const f = (name: string): string => join(out, name);
  try {
    // plans
    const example = JSON.parse(await readFile('examples/plan.json', 'utf8')) as Record<string, unknown>;
    const plan = robustnessPlan(example);
    const writeJson = (name: string, v: unknown): Promise<void> => writeFile(f(name), `${JSON.stringify(v, null, 2)}\n`);
    await writeJson('plan.json', plan);
    const keyOf = (id: string): string => (plan.people as { id: string; publicKey: string }[]).find((p) => p.id === id)!.publicKey;
    const withKey = (id: string, key: string): unknown => ({
      ...plan,
      people: (plan.people as { id: string }[]).map((p) => (p.id === id ? { ...p, publicKey: key } : p)),
    });
    await writeJson('plan-swapped-appraiser-key.json', withKey('p01', keyOf('p02')));
    await writeJson('plan-swapped-oversight-key.json', withKey('o01', keyOf('o02')));
    await writeFile(f('plan-not-json.json'), '{ "schema": "scoreseal/plan@1", "title": "2026年度争先创优考核", rubrics: [ …\n');
    const broken = JSON.parse(JSON.stringify(plan)) as { rubrics: { items: { max?: number; children: { code: string }[] }[] }[] };
    broken.rubrics[0]!.items[0]!.max = 9; // ≠ 5 + 3
    broken.rubrics[0]!.items[1]!.children[1]!.code = '2.1'; // duplicate code
    await writeJson('plan-broken-rule.json', broken);

    // the pipeline
    const planFile = f('plan.json');
    await cli(main, ['template', '--plan', planFile, '--unit', UNIT, '-o', work]);
    const wf = join(work, `${UNIT}.xlsx`);
    await fillWorkbook(wf, entryFor);
    await copyFile(wf, f('filled.xlsx'));
    for (const [scorer, reviewer] of [
      ['p01', 'p02'],
      ['p04', 'p05'],
    ] as const) {
      const items = scorer === 'p01' ? ['1.1', '1.2', '9.1'] : ['2.1', '2.2'];
      await cli(main, ['sign', wf, '--role', 'scorer', '--person', scorer, ...items.flatMap((i) => ['--item', i])], scorer);
      await cli(main, ['sign', wf, '--role', 'reviewer', '--person', reviewer, ...items.flatMap((i) => ['--item', i])], reviewer);
    }
    await copyFile(wf, f('signed.xlsx'));
    await cli(main, ['sample', wf, '--person', 'o01'], 'o01');
    const sampled = (logRecord((await openSheet(wf)).log!, 'sample').record.items as string[]) ?? [];
    for (const [i, item] of sampled.entries()) {
      const args =
        i === 0 && item !== '9.1'
          ? ['--result', 'adjusted', '--score', '2', '--note', '现场复核：台账与实际不符']
          : ['--result', 'confirmed', '--note', '复核无误'];
      await cli(main, ['recheck', wf, '--person', 'o01', '--item', item, ...args], 'o01');
    }
    await cli(main, ['seal', wf, '--person', 'o01', '--password', 'envelope-r01'], 'o01');
    await copyFile(wf, f('sealed.xlsx'));
    await cli(main, ['unseal', wf, '--person', 'f01', '--reason', '复核意见有误，退回重新复核', '--password', 'envelope-r01'], 'f01');
    await copyFile(wf, f('unsealed.xlsx'));
    clock.ticking = false; // from here on, adding a fixture does not shift the times of the others

    const filled = f('filled.xlsx');
    const signed = f('signed.xlsx');
    const sealed = f('sealed.xlsx');
    const sealedBytes = await readFile(sealed);

    // byte-level damage
    await writeFile(f('empty.xlsx'), new Uint8Array(0));
    await writeFile(f('not-a-zip.xlsx'), '城关镇 考核评分表\n编号,得分\n1.1,4.5\n');
    await writeFile(f('truncated.xlsx'), sealedBytes.subarray(0, Math.floor(sealedBytes.length * 0.55)));
    await writeFile(f('truncated-header.xlsx'), sealedBytes.subarray(0, 64));
    await writeFile(f('zip-bomb-header.xlsx'), inflateClaims(sealedBytes, 0x7fff0000));
    const notWorkbook = new JSZip();
    notWorkbook.file('readme.txt', '这不是工作簿 — a zip, but not a workbook\n', { date: new Date(Date.UTC(2026, 0, 1)) });
    await writeFile(f('zip-not-workbook.xlsx'), await notWorkbook.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
    // an OpenDocument spreadsheet renamed .xlsx (LibreOffice's default format): a zip, but not OOXML
    const ods = new JSZip();
    const odsDate = new Date(Date.UTC(2026, 0, 1));
    ods.file('mimetype', 'application/vnd.oasis.opendocument.spreadsheet', { compression: 'STORE', date: odsDate });
    ods.file(
      'content.xml',
      '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.3"><office:body><office:spreadsheet/></office:body></office:document-content>',
      { date: odsDate },
    );
    ods.file(
      'META-INF/manifest.xml',
      '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>',
      { date: odsDate },
    );
    await writeFile(f('ods-renamed.xlsx'), await ods.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
    await writeFile(f('encrypted-cfb.xlsx'), compoundFile(['EncryptionInfo', 'EncryptedPackage']));
    const magicOnly = new Uint8Array(512);
    magicOnly.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    await writeFile(f('ole-magic-only.xlsx'), magicOnly);
    await writeFile(f('legacy.xls'), compoundFile(['Workbook']));

    // the log sheet
    await edit(filled, f('no-log.xlsx'), (s) => void s.wb.removeWorksheet(s.log!.id));
    await edit(signed, f('log-bad-json.xlsx'), (s) => {
      const r = logRecord(s.log!, 'signature', 0).row;
      r.getCell(2).value = text(r.getCell(2).value).slice(0, 40); // JSON cut short
    });
    await edit(filled, f('log-empty.xlsx'), (s) => {
      s.log!.getRow(1).values = [];
    });
    await edit(sealed, f('log-visible.xlsx'), (s) => void (s.log!.state = 'visible'));
    // plan records that are JSON but not a plan record (hand-edited in the visible sheet)
    await edit(signed, f('log-plan-people-malformed.xlsx'), (s) => {
      const r = logRecord(s.log!, 'plan', 0);
      r.set({ ...r.record, people: 5 });
    });
    await edit(signed, f('log-plan-rubric-malformed.xlsx'), (s) => {
      const r = logRecord(s.log!, 'plan', 0);
      r.set({ ...r.record, rubric: 'x' });
    });

    // the item table (on the filled sheet: content and layout findings)
    await edit(filled, f('duplicate-code.xlsx'), (s) => void (s.ws.getCell(s.row('1.2'), 1).value = '1.1'));
    await edit(filled, f('merged-score.xlsx'), (s) => s.ws.mergeCells(s.row('1.1'), s.col('得分'), s.row('1.2'), s.col('得分')));
    await edit(
      filled,
      f('formula-score.xlsx'),
      (s) => void (s.ws.getCell(s.row('1.1'), s.col('得分')).value = { formula: `D${s.row('1.1')}-0.5`, result: 4.5 }),
    );
    await edit(filled, f('error-scores.xlsx'), (s) => {
      s.ws.getCell(s.row('1.1'), s.col('得分')).value = { error: '#REF!' };
      s.ws.getCell(s.row('2.1'), s.col('得分')).value = { formula: '1/0', result: { error: '#DIV/0!' } };
    });
    await edit(signed, f('fullwidth-score.xlsx'), (s) => void (s.ws.getCell(s.row('1.1'), s.col('得分')).value = '４.５'));
    await edit(filled, f('text-score.xlsx'), (s) => void (s.ws.getCell(s.row('1.2'), s.col('得分')).value = '满分'));
    await edit(filled, f('edited-max.xlsx'), (s) => void (s.ws.getCell(s.row('1.1'), s.col('分值')).value = 6));
    await edit(filled, f('renamed-header.xlsx'), (s) => void (s.ws.getCell(s.header, s.col('考核项目')).value = '项目名称'));
    await edit(filled, f('renamed-score-header.xlsx'), (s) => void (s.ws.getCell(s.header, s.col('得分')).value = '分数'));
    await edit(filled, f('missing-column.xlsx'), (s) => s.ws.spliceColumns(s.col('核实方式'), 1));
    await edit(filled, f('hidden-row.xlsx'), (s) => void (s.ws.getRow(s.row('1.2')).hidden = true));
    await edit(filled, f('extra-row.xlsx'), (s) =>
      s.ws.spliceRows(s.row('1.2') + 1, 0, ['1.3', '廉政谈话', '自拟加分项', 2, 2, '开展廉政谈话', '', '座谈走访']),
    );
    await edit(filled, f('deleted-row.xlsx'), (s) => s.ws.spliceRows(s.row('2.2'), 1));
    await edit(filled, f('two-header-rows.xlsx'), (s) =>
      s.ws.spliceRows(s.header + 1, 0, s.ws.getRow(s.header).values as ExcelJS.CellValue[]),
    );
    {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('Sheet1');
      await wb.xlsx.writeFile(f('empty-workbook.xlsx'));
    }

    // after signing / sealing
    const nfd = (v: ExcelJS.CellValue): string => text(v).normalize('NFD');
    await edit(signed, f('nfd-completion.xlsx'), (s) => {
      const c = s.ws.getCell(s.row('1.1'), s.col('完成情况'));
      c.value = nfd(c.value);
    });
    await edit(sealed, f('nfd-sealed.xlsx'), (s) => {
      const c = s.ws.getCell(s.row('1.1'), s.col('完成情况'));
      c.value = nfd(c.value);
    });
    await edit(signed, f('trailing-space.xlsx'), (s) => {
      const c = s.ws.getCell(s.row('1.2'), s.col('完成情况'));
      c.value = `  ${text(c.value)}\u3000 `;
    });
    await edit(signed, f('zero-width-space.xlsx'), (s) => {
      const c = s.ws.getCell(s.row('1.2'), s.col('完成情况'));
      c.value = text(c.value).replace('廉政', '廉\u200b政');
    });
    await edit(sealed, f('renamed-sheet.xlsx'), (s) => void (s.ws.name = '城关镇（改名）'));
    await edit(sealed, f('exceljs-roundtrip.xlsx'), () => undefined);
    await edit(sealed, f('sealed-score-changed.xlsx'), (s) => void (s.ws.getCell(s.row('2.1'), s.col('得分')).value = 4));
    await edit(sealed, f('sealed-log-edited.xlsx'), (s) => {
      const r = logRecord(s.log!, 'recheck', 0);
      r.set({ ...r.record, note: `${String(r.record.note)}（已补充说明）` });
    });
    await edit(sealed, f('sealed-code-edited.xlsx'), (s) => {
      s.ws.eachRow((row) => {
        if (row.getCell(1).value === '密封码') row.getCell(2).value = '0000-0000-0000-0000';
      });
    });
    const editRubric = (rec: Record<string, unknown>): Record<string, unknown> => {
      const rubric = JSON.parse(JSON.stringify(rec.rubric)) as { items: { max?: number; children: { max?: number }[] }[] };
      rubric.items[0]!.max = 10;
      rubric.items[0]!.children[0]!.max = 7; // 1.1 worth 7 points in the copy handed out
      return { ...rec, rubric };
    };
    await edit(sealed, f('embedded-rubric-edited.xlsx'), (s) => {
      const r = logRecord(s.log!, 'plan', 0);
      r.set(editRubric(r.record));
    });
    await edit(signed, f('embedded-rubric-edited-signed.xlsx'), (s) => {
      const r = logRecord(s.log!, 'plan', 0);
      r.set(editRubric(r.record));
    });
    await edit(signed, f('embedded-rubric-forged-signed.xlsx'), (s) => {
      const r = logRecord(s.log!, 'plan', 0);
      const rec = editRubric(r.record);
      r.set({ ...rec, fingerprint: digest(rec.rubric) });
    });

    // hostile files, edited at the zip and XML level from the files above (scripts/hostile-workbooks.ts)
    for (const [name, make] of Object.entries(COMMITTED)) await writeFile(f(name), await make(f));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function run(): Promise<void> {
  const check = process.argv.includes('--check');
  clock.ticking = true;
  const restore = freeze();
  let target = BAD_DIR;
  try {
    if (check) target = await mkdtemp(join(tmpdir(), 'scoreseal-bad-check-'));
    await generate(target);
  } finally {
    restore();
  }
  if (!check) {
    process.stdout.write(`make-bad-fixtures: wrote ${(await readdir(target)).length} files to ${target}\n`);
    return;
  }
  const differ: string[] = [];
  for (const name of await readdir(target)) {
    const a = await readFile(join(target, name));
    const b = await readFile(join(BAD_DIR, name)).catch(() => null);
    if (!b || !a.equals(b)) differ.push(name);
  }
  await rm(target, { recursive: true, force: true });
  if (differ.length) {
    process.stderr.write(`make-bad-fixtures --check: ${differ.length} file(s) differ from ${BAD_DIR}: ${differ.join(', ')}\n`);
    process.exitCode = 1;
  } else process.stdout.write(`make-bad-fixtures --check: every generated file equals the one in ${BAD_DIR}\n`);
}

if (/make-bad-fixtures\.(c?js|ts)$/.test(process.argv[1] ?? '')) {
  run().catch((e: unknown) => {
    process.stderr.write(`make-bad-fixtures: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  });
}
