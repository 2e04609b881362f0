/**
 * Atomic saving: the target is replaced whole or left exactly as it was, and no temporary
 * file is left behind — with real file-system failures and simulated ones at each step.
 */
import ExcelJS from 'exceljs';
import { chmodSync, mkdirSync, promises as fs, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isXlsxError } from '../../src/xlsx/errors';
import { openWorkbook } from '../../src/xlsx/read';
import { saveWorkbookAtomic, writeFileAtomic, type AtomicFs } from '../../src/xlsx/save';
import { tempDir } from './support';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

function workbook(text: string): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('S').getCell('A1').value = text;
  return wb;
}

/** Saves a first version and returns its bytes. */
async function firstVersion(path: string): Promise<Buffer> {
  await saveWorkbookAtomic(workbook('first'), path);
  return readFileSync(path);
}

const realFs: AtomicFs = { open: fs.open, rename: fs.rename, unlink: fs.unlink, stat: fs.stat };

async function expectWriteFailed(p: Promise<void>): Promise<void> {
  const e: unknown = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(isXlsxError(e, 'WRITE_FAILED')).toBe(true);
}

it('replaces the target and leaves no temporary file', async () => {
  const path = join(dir, 'book.xlsx');
  await firstVersion(path);
  await saveWorkbookAtomic(workbook('second'), path);
  const { raw } = await openWorkbook(path);
  expect(raw.sheets[0]!.cells).toEqual([['second']]);
  expect(readdirSync(dir)).toEqual(['book.xlsx']);
});

it('keeps the permissions of the file it replaces', async () => {
  const path = join(dir, 'book.xlsx');
  await firstVersion(path);
  chmodSync(path, 0o640);
  await saveWorkbookAtomic(workbook('second'), path);
  expect(statSync(path).mode & 0o777).toBe(0o640);
});

describe.each([
  ['the rename fails', { rename: () => Promise.reject(Object.assign(new Error('EXDEV'), { code: 'EXDEV' })) }],
  [
    'the flush to disk fails',
    {
      open: async (...args: Parameters<typeof fs.open>) => {
        const handle = await fs.open(...args);
        handle.sync = () => Promise.reject(Object.assign(new Error('EIO'), { code: 'EIO' }));
        return handle;
      },
    },
  ],
  [
    'the disk fills up while writing',
    {
      open: async (...args: Parameters<typeof fs.open>) => {
        const handle = await fs.open(...args);
        handle.writeFile = async (data) => {
          await fs.writeFile(String(args[0]), (data as Uint8Array).subarray(0, 100));
          throw Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' });
        };
        return handle;
      },
    },
  ],
])('when %s', (_name, failing: Partial<AtomicFs>) => {
  it('leaves the original untouched and removes the temporary file', async () => {
    const path = join(dir, 'book.xlsx');
    const before = await firstVersion(path);
    await expectWriteFailed(saveWorkbookAtomic(workbook('second'), path, { ...realFs, ...failing }));
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(readdirSync(dir)).toEqual(['book.xlsx']);
  });
});

it('leaves the original untouched when the workbook cannot be written at all', async () => {
  const path = join(dir, 'book.xlsx');
  const before = await firstVersion(path);
  const wb = workbook('second');
  jest.spyOn(wb.xlsx, 'writeBuffer').mockRejectedValue(new Error('boom'));
  await expectWriteFailed(saveWorkbookAtomic(wb, path));
  expect(readFileSync(path).equals(before)).toBe(true);
  expect(readdirSync(dir)).toEqual(['book.xlsx']);
});

it('fails cleanly when the target is a directory', async () => {
  const path = join(dir, 'book.xlsx');
  mkdirSync(path);
  writeFileSync(join(path, 'keep'), 'x');
  await expectWriteFailed(saveWorkbookAtomic(workbook('second'), path));
  expect(readdirSync(dir)).toEqual(['book.xlsx']);
  expect(readdirSync(path)).toEqual(['keep']);
});

it('fails cleanly when the directory does not exist', async () => {
  await expectWriteFailed(writeFileAtomic(join(dir, 'missing', 'book.xlsx'), new Uint8Array([1, 2, 3])));
  expect(readdirSync(dir)).toEqual([]);
});

// root ignores directory permissions, so this real-world case only runs as an ordinary user
const asUser = process.getuid?.() === 0 ? it.skip : it;
asUser('leaves the original untouched when the directory is read-only', async () => {
  const sub = join(dir, 'ro');
  mkdirSync(sub);
  const path = join(sub, 'book.xlsx');
  const before = await firstVersion(path);
  chmodSync(sub, 0o555);
  try {
    await expectWriteFailed(saveWorkbookAtomic(workbook('second'), path));
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(readdirSync(sub)).toEqual(['book.xlsx']);
  } finally {
    chmodSync(sub, 0o755);
  }
});
