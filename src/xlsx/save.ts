/**
 * Saving atomically (SPEC §5): the workbook is written to a temporary file in the target's
 * directory, flushed to disk, then renamed over the target. Whatever fails, the target is
 * left as it was and the temporary file is removed.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type ExcelJS from 'exceljs';
import { workbookBytes } from './bytes';
import { XlsxError } from './errors';

/** The file-system calls an atomic write needs; tests pass a failing one to simulate errors. */
export interface AtomicFs {
  open: typeof fs.open;
  rename: typeof fs.rename;
  unlink: typeof fs.unlink;
  stat: typeof fs.stat;
}

const nodeFs: AtomicFs = { open: fs.open, rename: fs.rename, unlink: fs.unlink, stat: fs.stat };

/**
 * Saves the workbook to `path` atomically.
 *
 * @throws {XlsxError} WRITE_FAILED (with the file-system error as `cause`); `path` is untouched
 */
export async function saveWorkbookAtomic(wb: ExcelJS.Workbook, path: string, fsImpl: AtomicFs = nodeFs): Promise<void> {
  let bytes: Uint8Array;
  try {
    bytes = await workbookBytes(wb);
  } catch (cause) {
    throw new XlsxError({ code: 'WRITE_FAILED', kind: 'unwritable' }, path, `${path} was not saved: the workbook could not be written`, {
      cause,
    });
  }
  await writeFileAtomic(path, bytes, fsImpl);
}

/**
 * Writes bytes to `path` atomically: temporary file in the same directory (so the rename
 * stays on one file system), fsync, keep the old file's permissions, rename, fsync the
 * directory where the platform allows it.
 *
 * @throws {XlsxError} WRITE_FAILED; `path` is untouched and the temporary file is gone
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array, fsImpl: AtomicFs = nodeFs): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const mode = await existingMode(path, fsImpl);
    const handle = await fsImpl.open(temp, 'wx', mode ?? 0o666);
    try {
      await handle.writeFile(bytes);
      if (mode !== null) await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fsImpl.rename(temp, path);
  } catch (cause) {
    await fsImpl.unlink(temp).catch(() => undefined);
    const code = cause && typeof cause === 'object' ? (cause as { code?: unknown }).code : undefined;
    const errno = String(code ?? (cause instanceof Error ? cause.message : cause));
    throw new XlsxError({ code: 'WRITE_FAILED', kind: 'io', errno }, path, `${path} was not saved (${errno})`, { cause });
  }
  await syncDir(dir, fsImpl);
}

async function existingMode(path: string, fsImpl: AtomicFs): Promise<number | null> {
  try {
    return (await fsImpl.stat(path)).mode & 0o7777;
  } catch {
    return null;
  }
}

/** Flushes the directory entry of the rename; not possible on every platform (Windows), so best effort. */
async function syncDir(dir: string, fsImpl: AtomicFs): Promise<void> {
  try {
    const handle = await fsImpl.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // the file itself is already complete and renamed; a directory fsync is an extra guarantee only
  }
}
