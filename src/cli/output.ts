/** Human and JSON output of findings (SPEC §5 `--json` document). */
import type { UnitStatus, UnitSummary } from '../core/compile/compile';
import type { Finding } from '../core/findings';
import type { SheetReport } from '../core/rules/report';
import { nameOf } from '../core/rules/present';
import { cstText } from '../core/protocol/time';
import { visible as v } from '../core/text/visible';
import { t, type Locale } from '../core/i18n/catalog';
import { renderFinding, shownFinding } from '../core/i18n/render';

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
    findings: rep.findings.map((f) => shownFinding(f, rep.locale)),
  };
}

export function jsonDocument(results: readonly FileResult[], locale: Locale, warnings: readonly Finding[] = []): object {
  const shown = (fs: readonly Finding[]) => fs.map((f) => shownFinding(f, locale));
  return {
    files: results.map((r) => ({
      file: r.file,
      units: [
        ...r.reports.map(unitJson),
        ...(r.fileFindings?.length
          ? [
              {
                unit: '',
                name: '',
                status: 'error',
                verdict: 'failed',
                stage: 'filling',
                seal: null,
                rounds: [],
                findings: shown(r.fileFindings),
              },
            ]
          : []),
      ],
    })),
    ...(warnings.length ? { warnings: shown(warnings) } : {}),
  };
}

/** East Asian wide and full-width code points (two terminal columns each). */
const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f],
  [0x231a, 0x231b],
  [0x2329, 0x232a],
  [0x23e9, 0x23ec],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x2fffd],
  [0x30000, 0x3fffd],
];

/**
 * The columns a text takes in a terminal: CJK and full-width characters count two, combining
 * marks and control characters none (ScoreSeal's own colour codes included), the rest one.
 */
export function displayWidth(s: string): number {
  // eslint-disable-next-line no-control-regex -- colour codes take no columns
  const text = s.replace(/\u001B\[\d+m/g, '');
  let w = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || /\p{M}/u.test(ch)) continue;
    let lo = 0;
    let hi = WIDE.length - 1;
    let wide = false;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const [a, b] = WIDE[mid]!;
      if (cp < a) hi = mid - 1;
      else if (cp > b) lo = mid + 1;
      else {
        wide = true;
        break;
      }
    }
    w += wide ? 2 : 1;
  }
  return w;
}

/** `s` padded with spaces on the right to `n` display columns. */
export const pad = (s: string, n: number): string => s + ' '.repeat(Math.max(0, n - displayWidth(s)));

/** `s` padded with spaces on the left to `n` display columns. */
export const padStart = (s: string, n: number): string => ' '.repeat(Math.max(0, n - displayWidth(s))) + s;

/**
 * Rows aligned in columns by display width (two spaces between columns; the last column is not
 * padded). `right` lists the columns aligned to the right (numbers).
 */
export function alignRows(rows: readonly (readonly string[])[], right: readonly number[] = []): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(c))));
  return rows.map((r) =>
    r
      .map((c, i) => (i === r.length - 1 && !right.includes(i) ? c : right.includes(i) ? padStart(c, widths[i]!) : pad(c, widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}

/** The words of a stage, a severity and a register state in `locale` (JSON keeps the English codes). */
export const stageWord = (locale: Locale, stage: SheetReport['stage']): string => t(locale, `stage.${stage}`);
export const severityWord = (locale: Locale, severity: Finding['severity']): string =>
  t(locale, severity === 'error' ? 'value.error' : 'value.warning');
export const registerWord = (locale: Locale, register: SheetReport['register']): string => t(locale, `register.${register}`);

/**
 * The human report: per file, per sheet a verdict, the seal, past rounds and the findings, aligned
 * by display width; status words in the sheet's plan's locale (`locale` where there is none).
 */
export function humanReport(results: readonly FileResult[], color = false, locale: Locale = 'zh-CN'): string {
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
        L: rep.ctx?.plan.locale ?? locale,
        // findings are shown in the locale the sheet was read in (its plan's)
        F: rep.locale,
      })),
      ...(r.fileFindings?.length
        ? [{ title: t(locale, 'cli.fileItself'), stage: null, findings: r.fileFindings, seal: null, rounds: [], L: locale, F: locale }]
        : []),
    ];
    for (const u of all) {
      const { L } = u;
      const errors = u.findings.filter((f) => f.severity === 'error').length;
      const warnings = u.findings.length - errors;
      const verdict = errors ? red(`✗ ${t(L, 'cli.errors', { count: errors })}`) : green(`✓ ${t(L, 'cli.noErrors')}`);
      lines.push(
        `  ${u.title}  ${verdict}${warnings ? `, ${yellow(t(L, 'cli.warnings', { count: warnings }))}` : ''}${u.stage ? `  [${stageWord(L, u.stage)}]` : ''}`,
      );
      if (u.seal)
        lines.push(
          `    ${t(L, 'cli.sealedBy', {
            name: v(u.seal.sealerName),
            person: v(u.seal.sealer),
            when: cstText(u.seal.sealedAt),
            code: v(u.seal.code),
            register: registerWord(L, u.seal.register as SheetReport['register']),
          })}`,
        );
      for (const p of u.rounds)
        lines.push(
          `    ${t(L, 'cli.round', {
            round: p.number,
            sealed: p.seal ? t(L, 'cli.roundSealed', { code: v(p.seal.code) }) : '',
            person: v(p.unseal.person),
            reason: v(p.unseal.reason),
          })}`,
        );
      // unsigned items are listed as one line per sheet (the JSON keeps every finding)
      const missing = u.findings.filter((f) => f.code === 'SIGNER_MISSING');
      const width = Math.max(...[...u.findings.map((f) => f.severity), 'error' as const].map((s) => displayWidth(severityWord(L, s)))) + 2;
      for (const f of u.findings) {
        if (f.code === 'SIGNER_MISSING' && missing.length > 3) continue;
        const word = pad(severityWord(L, f.severity), width);
        lines.push(
          `    ${f.severity === 'error' ? red(word) : yellow(word)}${pad(f.code, 24)}${pad(v(f.cell ?? ''), 8)}${v(renderFinding(f, u.F))}`,
        );
      }
      if (missing.length > 3) {
        const items = [...new Set(missing.map((f) => v(f.item ?? '')))];
        const shown = items.length > 8 ? `${items.slice(0, 8).join(' ')} …` : items.join(' ');
        lines.push(
          `    ${red(pad(severityWord(L, 'error'), width))}${pad('SIGNER_MISSING', 24)}${pad(`×${missing.length}`, 8)}${t(L, 'cli.awaitSignatures', { items: items.length, list: shown })}`,
        );
      }
    }
  }
  return lines.join('\n');
}

const UNIT_STATUS: Readonly<
  Record<UnitStatus, 'value.verified' | 'value.namesOnly' | 'value.failed' | 'value.duplicate' | 'value.missing'>
> = {
  verified: 'value.verified',
  'names-only': 'value.namesOnly',
  failed: 'value.failed',
  duplicate: 'value.duplicate',
  missing: 'value.missing',
};

/** A compiled unit's status in `locale` (verified, names-only, failed, duplicate, missing). */
export const unitStatusWord = (locale: Locale, status: UnitStatus): string => t(locale, UNIT_STATUS[status]);

/**
 * Compile's ranking table: per category its units (rank, id, name, total, grade, status,
 * re-check adjustments, seal), in columns aligned by display width, words in `locale`.
 */
export function rankingLines(summary: readonly UnitSummary[], locale: Locale): string[] {
  const rows = summary.map((r) => [
    r.rank === null ? '-' : String(r.rank),
    v(r.unit),
    v(r.name),
    r.total === null ? '-' : String(r.total),
    `${v(r.grade ?? '')}${r.veto ? t(locale, 'cli.veto') : ''}`,
    unitStatusWord(locale, r.status),
    r.adjusted ? t(locale, 'cli.adjusted', { count: r.adjusted }) : '',
    r.sealCode
      ? t(locale, 'cli.sealedShort', {
          name: v(r.sealer ?? ''),
          when: cstText(r.sealedAt ?? ''),
          code: v(r.sealCode),
          register: registerWord(locale, r.register),
        })
      : '',
  ]);
  const aligned = alignRows(rows, [0, 3]);
  const lines: string[] = [];
  for (const cat of new Set(summary.map((r) => r.category))) {
    lines.push(v(cat));
    summary.forEach((r, i) => r.category === cat && lines.push(`  ${aligned[i]}`));
  }
  return lines;
}
