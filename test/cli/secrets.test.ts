/**
 * Secrets on the command line, in process (issue 11): SCORESEAL_PASSPHRASE is read once and
 * removed from process.env before the command does anything else; `--password` on the command
 * line warns; a secret file is one line.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { readSecretFile, readSheetPassword } from '../../src/cli/secrets';
import { EXAMPLE_PLAN_PATH, examplePlanJson } from '../support/memory';

jest.setTimeout(30_000);

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string; envDuring: string[] }> {
  let stdout = '';
  let stderr = '';
  const envDuring: string[] = [];
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((s) => {
    stdout += String(s);
    envDuring.push(String(process.env.SCORESEAL_PASSPHRASE));
    return true;
  });
  const e = jest.spyOn(process.stderr, 'write').mockImplementation((s) => {
    stderr += String(s);
    return true;
  });
  try {
    return { code: await main(args), stdout, stderr, envDuring };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'scoreseal-secrets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const keyOf = (id: string): string =>
  (examplePlanJson() as { people: { id: string; publicKey: string }[] }).people.find((p) => p.id === id)!.publicKey;

describe('SCORESEAL_PASSPHRASE', () => {
  afterEach(() => delete process.env.SCORESEAL_PASSPHRASE);

  it('is used, and gone from process.env while the command runs and after it', async () => {
    process.env.SCORESEAL_PASSPHRASE = 'demo-passphrase-p02';
    const r = await run(['keygen', '--plan', EXAMPLE_PLAN_PATH, '--person', 'p02']);
    expect([r.code, r.stdout.trim()]).toEqual([0, keyOf('p02')]);
    expect(r.envDuring).toEqual(['undefined']);
    expect(process.env.SCORESEAL_PASSPHRASE).toBeUndefined();
  });

  it('is not remembered by the next command (it was read once)', async () => {
    process.env.SCORESEAL_PASSPHRASE = 'demo-passphrase-p02';
    expect((await run(['keygen', '--plan', EXAMPLE_PLAN_PATH, '--person', 'p02'])).code).toBe(0);
    const again = await run(['keygen', '--plan', EXAMPLE_PLAN_PATH, '--person', 'p02']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('no passphrase');
  });

  it('--passphrase-file wins over the environment', async () => {
    const f = join(dir, 'p03.pass');
    writeFileSync(f, 'demo-passphrase-p03', { mode: 0o600 });
    process.env.SCORESEAL_PASSPHRASE = 'demo-passphrase-p02';
    const r = await run(['keygen', '--plan', EXAMPLE_PLAN_PATH, '--person', 'p03', '--passphrase-file', f]);
    expect(r.stdout.trim()).toBe(keyOf('p03'));
    expect(process.env.SCORESEAL_PASSPHRASE).toBeUndefined();
  });
});

describe('secret files and the seal password', () => {
  const warnings: string[] = [];
  const warn = (l: string): void => void warnings.push(l);
  beforeEach(() => (warnings.length = 0));

  it('one trailing line break and a BOM are dropped; a second line is refused', async () => {
    const f = join(dir, 'a.pass');
    writeFileSync(f, '\uFEFFsecret words here\r\n', { mode: 0o600 });
    expect(await readSecretFile(f, 'passphrase', warn)).toBe('secret words here');
    writeFileSync(f, 'line one\nline two\n', { mode: 0o600 });
    await expect(readSecretFile(f, 'passphrase', warn)).rejects.toThrow('must be one line');
    expect(warnings).toEqual([]);
  });

  it('a large file is not a secret file; a missing one is named', async () => {
    const f = join(dir, 'big.pass');
    writeFileSync(f, 'x'.repeat(5000), { mode: 0o600 });
    await expect(readSecretFile(f, 'passphrase', warn)).rejects.toThrow('longer than 4096 bytes');
    await expect(readSecretFile(join(dir, 'nope'), 'password', warn)).rejects.toThrow(/nope: no such file \(password\)/);
  });

  it('--password warns (process list, shell history); --password-file does not; no terminal and neither: none', async () => {
    expect(await readSheetPassword({ inline: 'pw', confirm: true }, warn)).toBe('pw');
    expect(warnings.join()).toContain('process list');
    warnings.length = 0;
    const f = join(dir, 'pw.txt');
    writeFileSync(f, 'envelope-u01\n', { mode: 0o600 });
    expect(await readSheetPassword({ file: f, confirm: true }, warn)).toBe('envelope-u01');
    expect(warnings).toEqual([]);
    expect(process.stdin.isTTY).toBeFalsy();
    expect(await readSheetPassword({ confirm: true }, warn)).toBe('');
  });
});
