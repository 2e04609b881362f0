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
  const width = [...s].reduce(
    (w, ch) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1),
    0,
  );
  return s + ' '.repeat(Math.max(0, n - width));
};

export function humanReport(results: readonly FileResult[], color = false): string {
  const red = (s: string): string => (color ? `\u001b[31m${s}\u001b[0m` : s);
  const yellow = (s: string): string => (color ? `\u001b[33m${s}\u001b[0m` : s);
  const green = (s: string): string => (color ? `\u001b[32m${s}\u001b[0m` : s);
  const lines: string[] = [];
  for (const r of results) {
    lines.push(r.file);
    const all = [
      ...r.reports.map((rep) => ({ title: `${rep.unitName} (${rep.unit})`, stage: rep.stage, findings: rep.findings })),
      ...(r.fileFindings?.length ? [{ title: '(file)', stage: '', findings: r.fileFindings }] : []),
    ];
    for (const u of all) {
      const errors = u.findings.filter((f) => f.severity === 'error').length;
      const warnings = u.findings.length - errors;
      const verdict = errors ? red(`✗ ${errors} error(s)`) : green('✓ no errors');
      lines.push(`  ${u.title}  ${verdict}${warnings ? `, ${yellow(`${warnings} warning(s)`)}` : ''}${u.stage ? `  [${u.stage}]` : ''}`);
      // unsigned items are listed as one line per sheet (the JSON keeps every finding)
      const missing = u.findings.filter((f) => f.code === 'SIGNER_MISSING');
      for (const f of u.findings) {
        if (f.code === 'SIGNER_MISSING' && missing.length > 3) continue;
        const sev = f.severity === 'error' ? red(pad('error', 8)) : yellow(pad('warning', 8));
        lines.push(`    ${sev}${pad(f.code, 24)}${pad(f.cell ?? '', 8)}${f.message}`);
      }
      if (missing.length > 3) {
        const items = [...new Set(missing.map((f) => f.item ?? ''))];
        const shown = items.length > 8 ? `${items.slice(0, 8).join(' ')} …` : items.join(' ');
        lines.push(
          `    ${red(pad('error', 8))}${pad('SIGNER_MISSING', 24)}${pad(`×${missing.length}`, 8)}${items.length} item(s) await signatures: ${shown}`,
        );
      }
    }
  }
  return lines.join('\n');
}
