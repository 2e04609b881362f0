/** Human and JSON output of findings (SPEC §5 `--json` document). */
import type { Finding } from '../core/findings';
import type { SheetReport } from '../core/rules/evaluate';

export interface FileResult {
  readonly file: string;
  readonly reports: readonly SheetReport[];
  /** findings about the file itself (no score sheet in it) */
  readonly fileFindings?: readonly Finding[];
}

export function jsonDocument(results: readonly FileResult[]): object {
  return {
    files: results.map((r) => ({
      file: r.file,
      units: [
        ...r.reports.map((rep) => ({ unit: rep.unit, name: rep.unitName, status: rep.status, stage: rep.stage, findings: rep.findings })),
        ...(r.fileFindings?.length ? [{ unit: '', name: '', status: 'error', stage: 'filling', findings: r.fileFindings }] : []),
      ],
    })),
  };
}

const pad = (s: string, n: number): string => {
  // pad by display width (CJK characters are two columns wide)
  const width = [...s].reduce((w, ch) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);
  return s + ' '.repeat(Math.max(0, n - width));
};

export function humanReport(results: readonly FileResult[], color = false): string {
  const red = (s: string): string => (color ? `\u001b[31m${s}\u001b[0m` : s);
  const yellow = (s: string): string => (color ? `\u001b[33m${s}\u001b[0m` : s);
  const green = (s: string): string => (color ? `\u001b[32m${s}\u001b[0m` : s);
  const lines: string[] = [];
  for (const r of results) {
    lines.push(r.file);
    const all = [...r.reports.map((rep) => ({ title: `${rep.unitName} (${rep.unit})`, stage: rep.stage, findings: rep.findings })), ...(r.fileFindings?.length ? [{ title: '(file)', stage: '', findings: r.fileFindings }] : [])];
    for (const u of all) {
      const errors = u.findings.filter((f) => f.severity === 'error').length;
      const warnings = u.findings.length - errors;
      const verdict = errors ? red(`✗ ${errors} error(s)`) : green('✓ no errors');
      lines.push(`  ${u.title}  ${verdict}${warnings ? `, ${yellow(`${warnings} warning(s)`)}` : ''}${u.stage ? `  [${u.stage}]` : ''}`);
      for (const f of u.findings) {
        const sev = f.severity === 'error' ? red(pad('error', 8)) : yellow(pad('warning', 8));
        lines.push(`    ${sev}${pad(f.code, 24)}${pad(f.cell ?? '', 8)}${f.message}`);
      }
    }
  }
  return lines.join('\n');
}
