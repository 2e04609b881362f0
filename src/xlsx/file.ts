/**
 * A workbook file's bytes (Node), refused before reading when it is larger than the limit.
 * Shared by the readers on the main thread and on worker threads.
 */
import { readFile, stat } from 'node:fs/promises';
import { XlsxError } from './errors';
import { DEFAULT_LEAN_LIMITS, type LeanLimits } from './lean';

/** A file's bytes, refused before reading when it is larger than the limit. */
export async function fileBytes(path: string, limits: Partial<LeanLimits> = {}): Promise<Uint8Array> {
  const maxBytes = limits.maxBytes ?? DEFAULT_LEAN_LIMITS.maxBytes;
  const size = await fileSize(path);
  if (size > maxBytes)
    throw new XlsxError(
      { code: 'TOO_LARGE', kind: 'fileBytes', size, max: maxBytes },
      path,
      `${path} is too large (${size} bytes; the limit is ${maxBytes})`,
    );
  try {
    return new Uint8Array(await readFile(path));
  } catch (cause) {
    throw fsError(path, cause);
  }
}

async function fileSize(path: string): Promise<number> {
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new XlsxError({ code: 'UNREADABLE', kind: 'notAFile' }, path, `${path} is not a file`);
    return s.size;
  } catch (cause) {
    if (cause instanceof XlsxError) throw cause;
    throw fsError(path, cause);
  }
}

function fsError(path: string, cause: unknown): XlsxError {
  const code: unknown = cause && typeof cause === 'object' ? (cause as { code?: unknown }).code : undefined;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new XlsxError({ code: 'NOT_FOUND' }, path, `${path} does not exist`, { cause });
  return new XlsxError(
    { code: 'UNREADABLE', kind: 'io', ...(typeof code === 'string' ? { errno: code } : {}) },
    path,
    `${path} cannot be read (${typeof code === 'string' ? code : 'unknown error'})`,
    { cause },
  );
}
