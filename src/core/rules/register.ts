/**
 * The envelope register (SPEC §3 *The envelope register*): the seal's anchor outside the
 * workbook. The Office writes down each paper envelope's seal code as it arrives; whoever holds a
 * copy of a workbook can cut records off its end and seal again, but cannot rewrite the envelope.
 * With a register, a sealed sheet verifies only when its seal code is its unit's `valid` code.
 *
 * The register is a table — a CSV file for the command line, a `封袋登记` sheet for the pane —
 * with the columns 单位编号, 密封码, 收件日期, 状态 (有效 / 已拆封); English headers (unit, code,
 * received, status: valid / unsealed) are accepted too.
 */
import { canonCell, type CellValue } from '../sheet/cells';
import type { SealRecord } from '../signing/records';
import type { FindingSink, SheetContext } from './context';
import type { RegisterMatch } from './report';

export type EnvelopeStatus = 'valid' | 'unsealed';

export interface Envelope {
  readonly unit: string;
  /** normalised: XXXX-XXXX-XXXX-XXXX, upper case */
  readonly code: string;
  readonly received: string;
  readonly status: EnvelopeStatus;
  /** 1-based row in the register (the header is row 1) */
  readonly row: number;
}

export interface Register {
  /** where it came from, for messages (a file path or the sheet name) */
  readonly source: string;
  readonly envelopes: readonly Envelope[];
}

export interface RegisterProblem {
  readonly row: number;
  readonly kind: 'header' | 'code' | 'status' | 'unit' | 'duplicate';
  readonly value: string;
}

export const REGISTER_SHEET = '封袋登记';
export const REGISTER_HEADERS = {
  unit: ['单位编号', 'unit'],
  code: ['密封码', 'code'],
  received: ['收件日期', 'received'],
  status: ['状态', 'status'],
} as const;
export const REGISTER_HEADER_ROW: Record<'zh-CN' | 'en-US', readonly string[]> = {
  'zh-CN': ['单位编号', '密封码', '收件日期', '状态'],
  'en-US': ['unit', 'code', 'received', 'status'],
};
const STATUS_WORDS: Record<string, EnvelopeStatus> = { 有效: 'valid', valid: 'valid', 已拆封: 'unsealed', unsealed: 'unsealed' };
export const STATUS_TEXT: Record<'zh-CN' | 'en-US', Record<EnvelopeStatus, string>> = {
  'zh-CN': { valid: '有效', unsealed: '已拆封' },
  'en-US': { valid: 'valid', unsealed: 'unsealed' },
};

/**
 * A seal code as typed from an envelope, normalised: case, spaces and dashes do not matter
 * (`abcd1234 ef56-7890` → `ABCD-1234-EF56-7890`); null unless it is 16 hex digits.
 */
export function normaliseCode(text: string): string | null {
  const hex = text.replace(/[\s\-–—_]/g, '').toUpperCase();
  if (!/^[0-9A-F]{16}$/.test(hex)) return null;
  return `${hex.slice(0, 4)}-${hex.slice(4, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}`;
}

/** Reads a register table (header row first). Rows that cannot be read are problems, never guesses. */
export function parseRegister(
  rows: readonly (readonly CellValue[])[],
  source: string,
): { register: Register; problems: RegisterProblem[] } {
  const problems: RegisterProblem[] = [];
  const header = (rows[0] ?? []).map((c) => canonCell(c).toLowerCase());
  const col = (names: readonly string[]): number => header.findIndex((h) => names.some((n) => n.toLowerCase() === h));
  const cols = {
    unit: col(REGISTER_HEADERS.unit),
    code: col(REGISTER_HEADERS.code),
    received: col(REGISTER_HEADERS.received),
    status: col(REGISTER_HEADERS.status),
  };
  if (cols.unit < 0 || cols.code < 0) {
    problems.push({ row: 1, kind: 'header', value: header.join(',') });
    return { register: { source, envelopes: [] }, problems };
  }
  const envelopes: Envelope[] = [];
  rows.slice(1).forEach((line, i) => {
    const row = i + 2;
    const get = (c: number): string => (c < 0 ? '' : canonCell(line[c] ?? null));
    if (line.every((c) => canonCell(c ?? null) === '')) return;
    const unit = get(cols.unit);
    const code = normaliseCode(get(cols.code));
    const statusText = get(cols.status);
    const status = statusText ? STATUS_WORDS[statusText.toLowerCase()] : 'valid';
    if (!unit) problems.push({ row, kind: 'unit', value: unit });
    else if (!code) problems.push({ row, kind: 'code', value: get(cols.code) });
    else if (!status) problems.push({ row, kind: 'status', value: statusText });
    else envelopes.push({ unit, code, received: get(cols.received), status, row });
  });
  return { register: { source, envelopes }, problems };
}

/** Units with more than one `valid` code (the Office should mark the older one). */
export function duplicateValidCodes(register: Register): Map<string, Envelope[]> {
  const byUnit = new Map<string, Envelope[]>();
  for (const e of register.envelopes) if (e.status === 'valid') byUnit.set(e.unit, [...(byUnit.get(e.unit) ?? []), e]);
  return new Map([...byUnit].filter(([, list]) => new Set(list.map((e) => e.code)).size > 1));
}

/** Whether a sealed sheet's code is its unit's valid registered code. */
export function checkRegister(ctx: SheetContext, seal: SealRecord | null, register: Register | null, sink: FindingSink): RegisterMatch {
  if (!seal) return 'not-sealed';
  if (!register) return 'no-register';
  const mine = register.envelopes.filter((e) => e.unit === ctx.unit.id && e.code === seal.code);
  if (mine.some((e) => e.status === 'unsealed')) {
    sink.error('SEAL_BROKEN', { message: 'SEAL_BROKEN.register', params: { code: seal.code, source: register.source } });
    return 'unsealed';
  }
  if (mine.some((e) => e.status === 'valid')) return 'matched';
  sink.error('SEAL_NOT_REGISTERED', { params: { code: seal.code, source: register.source } });
  return 'not-registered';
}

/** RFC 4180 CSV (quotes, doubled quotes, CR/LF), a UTF-8 BOM tolerated. Linear in the text. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** A register as CSV text (for `scoreseal unseal --register`, which marks a code). */
export function registerCsv(rows: readonly (readonly string[])[]): string {
  const q = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return `${rows.map((r) => r.map(q).join(',')).join('\r\n')}\r\n`;
}

/** Whether an envelope may be added to the register, and what the Office should know first. */
export type NewEnvelope =
  | { readonly ok: false; readonly problem: 'code' | 'unit' | 'known' }
  | { readonly ok: true; readonly code: string; /** other valid codes the unit already has */ readonly otherValid: readonly string[] };

/**
 * Checks an envelope's code as typed from the paper before it is added: the unit must be the
 * plan's, the code 16 hex digits (case, spaces and dashes do not matter); a code already
 * registered for the unit is not added twice; a second valid code for a unit is allowed but
 * named (the older envelope should be marked 已拆封).
 */
export function checkNewEnvelope(register: Register | null, units: ReadonlySet<string>, unit: string, typed: string): NewEnvelope {
  if (!units.has(unit)) return { ok: false, problem: 'unit' };
  const code = normaliseCode(typed);
  if (!code) return { ok: false, problem: 'code' };
  const mine = (register?.envelopes ?? []).filter((e) => e.unit === unit);
  if (mine.some((e) => e.code === code)) return { ok: false, problem: 'known' };
  return { ok: true, code, otherValid: mine.filter((e) => e.status === 'valid').map((e) => e.code) };
}

/** The register row for a new envelope, in the sheet's language. */
export function envelopeRow(locale: 'zh-CN' | 'en-US', unit: string, code: string, received: string): string[] {
  return [unit, code, received, STATUS_TEXT[locale].valid];
}
