/**
 * Where the command line takes secrets from (issue 11): a person's passphrase and the seal's
 * sheet password. Neither is ever written anywhere.
 *
 * - `--passphrase-file <path|->` / `--password-file <path|->`: for scripts (`-` reads standard
 *   input); one trailing line break is dropped; a file other users can read earns a warning.
 * - `SCORESEAL_PASSPHRASE`: read once when the command starts and removed from `process.env`,
 *   so no child process, crash report or later read of the environment sees it.
 * - otherwise an echo-free prompt on the terminal (the seal password twice, to catch a typo).
 * - `--password <p>` still works (SPEC §5) but is visible in the process list and shell
 *   history, so it prints a warning.
 */
import { readFile, stat } from 'node:fs/promises';
import { UsageError } from './errors';
import { cli, say, sayMessage, type CliMessage } from './say';

/** The longest secret file read (a passphrase is a sentence, not a document). */
const MAX_SECRET_BYTES = 4096;

let envPassphrase: string | undefined;

/** Takes SCORESEAL_PASSPHRASE out of the environment (called once as each command starts). */
export function takeEnvPassphrase(): void {
  const v = process.env.SCORESEAL_PASSPHRASE;
  delete process.env.SCORESEAL_PASSPHRASE;
  envPassphrase = v === undefined || v === '' ? undefined : v;
}

/** Forgets the passphrase taken from the environment (when the command ends). */
export function forgetEnvPassphrase(): void {
  envPassphrase = undefined;
}

/** Which secret: a person's passphrase or the seal's sheet password. */
export type Secret = 'passphrase' | 'password';

const SECRET = { passphrase: cli('cli.secret.passphrase'), password: cli('cli.secret.password') } as const;

/** A secret file's name in messages: its path, or "standard input" for `-`. */
const fileName = (path: string): CliMessage | string => (path === '-' ? cli('cli.secret.stdin') : path);

async function readStdin(what: Secret): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer | string>) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += b.length;
    if (size > MAX_SECRET_BYTES) throw new UsageError(cli('cli.secret.stdinTooLong', { what: SECRET[what], limit: MAX_SECRET_BYTES }));
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads a secret from a file (or `-`, standard input): BOM and one trailing line break dropped. */
export async function readSecretFile(path: string, what: Secret, warn: (line: string) => void): Promise<string> {
  let text: string;
  if (path === '-') text = await readStdin(what);
  else {
    let info;
    try {
      info = await stat(path);
    } catch (e) {
      const code = (e as { code?: string }).code;
      throw new UsageError(
        code === 'ENOENT'
          ? cli('cli.secret.noSuchFile', { file: path, what: SECRET[what] })
          : code === undefined
            ? cli('cli.cannotReadUnknown', { file: path })
            : cli('cli.cannotRead', { file: path, code }),
      );
    }
    if (!info.isFile()) throw new UsageError(cli('cli.secret.notAFile', { file: path, what: SECRET[what] }));
    if (info.size > MAX_SECRET_BYTES)
      throw new UsageError(cli('cli.secret.tooLong', { file: path, limit: MAX_SECRET_BYTES, what: SECRET[what] }));
    if (process.platform !== 'win32' && (info.mode & 0o077) !== 0) warn(say('cli.secret.readable', { file: path }));
    text = await readFile(path, 'utf8');
  }
  text = text.replace(/^\uFEFF/, '').replace(/\r?\n$/, '');
  if (/[\r\n]/.test(text)) throw new UsageError(cli('cli.secret.oneLine', { file: fileName(path), what: SECRET[what] }));
  return text;
}

/** Reads what is typed on the terminal without echoing it. */
export async function promptHidden(prompt: CliMessage): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(sayMessage(prompt));
  return new Promise<string>((resolve, reject) => {
    let buf = '';
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          done();
          resolve(buf);
          return;
        }
        if (ch === '\u0003' || ch === '\u0004') {
          done();
          reject(new UsageError(cli('cli.secret.cancelled')));
          return;
        }
        if (ch === '\u007f' || ch === '\b') buf = [...buf].slice(0, -1).join('');
        else buf += ch;
      }
    };
    const done = (): void => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
    };
    stdin.on('data', onData);
  });
}

/** A person's passphrase: `--passphrase-file`, then SCORESEAL_PASSPHRASE, then an echo-free prompt. */
export async function readPassphrase(prompt: CliMessage, file: string | undefined, warn: (line: string) => void): Promise<string> {
  if (file !== undefined) {
    const p = await readSecretFile(file, 'passphrase', warn);
    if (p === '') throw new UsageError(cli('cli.secret.emptyPassphrase', { file: fileName(file) }));
    return p;
  }
  if (envPassphrase !== undefined) return envPassphrase;
  if (!process.stdin.isTTY) throw new UsageError(cli('cli.secret.noPassphrase'));
  return promptHidden(prompt);
}

/**
 * The sheet password of a seal or unseal: `--password-file`, then `--password` (with a
 * warning), then an echo-free prompt in a terminal (asked twice when it sets the password).
 * Without a terminal and without either option: no password (the seal's integrity never
 * depends on it; it only keeps casual edits out in Excel).
 */
export async function readSheetPassword(
  opts: { file?: string | undefined; inline?: string | undefined; confirm: boolean },
  warn: (line: string) => void,
): Promise<string> {
  if (opts.file !== undefined && opts.inline !== undefined) throw new UsageError(cli('cli.secret.bothPasswords'));
  if (opts.file !== undefined) return readSecretFile(opts.file, 'password', warn);
  if (opts.inline !== undefined) {
    warn(say('cli.secret.inlinePassword'));
    return opts.inline;
  }
  if (!process.stdin.isTTY) return '';
  const first = await promptHidden(cli('cli.secret.passwordPrompt'));
  if (opts.confirm && first !== '') {
    const again = await promptHidden(cli('cli.secret.passwordAgain'));
    if (again !== first) throw new UsageError(cli('cli.secret.passwordsDiffer'));
  }
  return first;
}

/** Both secrets cannot come from standard input in one command. */
export function checkOneStdin(...files: (string | undefined)[]): void {
  if (files.filter((f) => f === '-').length > 1) throw new UsageError(cli('cli.secret.oneStdin'));
}
