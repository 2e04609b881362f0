/** Human and JSON output of findings (SPEC §5 `--json` document). */
import type { Finding } from '../core/findings';
import type { SheetReport } from '../core/rules/evaluate';
import { nameOf } from '../core/rules/present';
import { cstText } from '../core/protocol/time';
import { visible as v } from '../core/text/visible';

export interface FileResult {
  readonly file: string;
  readonly reports: readonly SheetReport[];
  /** findings about the file itself (no score sheet in it) */
  readonly fileFindings?: readonly Finding[];
}

/** Who sealed a sheet, when, its code, and whether the envelope register has it (null when not sealed). */
export function sealInfo(
  rep: SheetReport,
): { sealer: string; sealerName: string; sealedAt: string; code: string; register: string } | null {
  if (!rep.seal || !rep.ctx) return null;
  return {
    sealer: rep.seal.person,
    sealerName: nameOf(rep.ctx.plan, rep.seal.person),
    sealedAt: rep.seal.sealedAt,
    code: rep.seal.code,
    register: rep.register,
  };
}

function unitJson(rep: SheetReport): object {
  return {
    unit: rep.unit,
    name: rep.unitName,
    status: rep.status,
    verdict: rep.verdict,
    stage: rep.stage,
    seal: sealInfo(rep),
    rounds: rep.pastRounds.map((p) => ({
      round: p.number,
      code: p.seal?.code ?? null,
      unsealedBy: p.unseal.person,
      reason: p.unseal.reason,
      unsealedAt: p.unseal.unsealedAt,
    })),
    findings: rep.findings,
  };
}

export function jsonDocument(results: readonly FileResult[], warnings: readonly Finding[] = []): object {
  return {
    files: results.map((r) => ({
      file: r.file,
      units: [
        ...r.reports.map(unitJson),
        ...(r.fileFindings?.length
          ? [{ unit: '', name: '', status: 'error', verdict: 'failed', stage: 'filling', seal: null, rounds: [], findings: r.fileFindings }]
          : []),
      ],
    })),
    ...(warnings.length ? { warnings } : {}),
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
    lines.push(v(r.file));
    const all = [
      ...r.reports.map((rep) => ({
        title: `${v(rep.unitName)} (${v(rep.unit)})`,
        stage: rep.stage,
        findings: rep.findings,
        seal: sealInfo(rep),
        rounds: rep.pastRounds,
      })),
      ...(r.fileFindings?.length ? [{ title: '(file)', stage: '', findings: r.fileFindings, seal: null, rounds: [] }] : []),
    ];
    for (const u of all) {
      const errors = u.findings.filter((f) => f.severity === 'error').length;
      const warnings = u.findings.length - errors;
      const verdict = errors ? red(`✗ ${errors} error(s)`) : green('✓ no errors');
      lines.push(`  ${u.title}  ${verdict}${warnings ? `, ${yellow(`${warnings} warning(s)`)}` : ''}${u.stage ? `  [${u.stage}]` : ''}`);
      if (u.seal)
        lines.push(
          `    sealed by ${v(u.seal.sealerName)} (${v(u.seal.sealer)}) at ${cstText(u.seal.sealedAt)} (UTC+8), seal code ${v(u.seal.code)}, register: ${u.seal.register}`,
        );
      for (const p of u.rounds)
        lines.push(
          `    round ${p.number}: ${p.seal ? `sealed ${v(p.seal.code)}, ` : ''}unsealed by ${v(p.unseal.person)}: ${v(p.unseal.reason)}`,
        );
      // unsigned items are listed as one line per sheet (the JSON keeps every finding)
      const missing = u.findings.filter((f) => f.code === 'SIGNER_MISSING');
      for (const f of u.findings) {
        if (f.code === 'SIGNER_MISSING' && missing.length > 3) continue;
        const sev = f.severity === 'error' ? red(pad('error', 8)) : yellow(pad('warning', 8));
        lines.push(`    ${sev}${pad(f.code, 24)}${pad(v(f.cell ?? ''), 8)}${v(f.message)}`);
      }
      if (missing.length > 3) {
        const items = [...new Set(missing.map((f) => v(f.item ?? '')))];
        const shown = items.length > 8 ? `${items.slice(0, 8).join(' ')} …` : items.join(' ');
        lines.push(
          `    ${red(pad('error', 8))}${pad('SIGNER_MISSING', 24)}${pad(`×${missing.length}`, 8)}${items.length} item(s) await signatures: ${shown}`,
        );
      }
    }
  }
  return lines.join('\n');
}
