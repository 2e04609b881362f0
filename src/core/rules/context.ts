/**
 * What every rule sees about one score sheet: the trusted plan, the unit and its rubric,
 * the parsed sheet, the unit's log entries, and a finding factory. Findings carry a message id
 * and its parameters; they are rendered at the edge, in the plan's locale (`ctx.locale`).
 */
import type { Finding, FindingCode, Severity } from '../findings';
import type { Locale, MessageId, Params } from '../i18n/catalog';
import type { CompiledRubric, Plan, RubricNode } from '../plan/plan';
import type { Unit } from '../plan/schema';
import type { LogEntry } from '../sheet/log';
import type { ItemRow, ParsedSheet } from '../sheet/parse';
import { addr } from '../sheet/cells';
import type { ColumnKey } from '../sheet/layout';

export interface SheetContext {
  readonly plan: Plan;
  readonly unit: Unit;
  readonly rubric: CompiledRubric;
  readonly sheet: ParsedSheet;
  /** the log entries of this unit, in log order */
  readonly log: readonly LogEntry[];
  readonly locale: Locale;
}

export class FindingSink {
  readonly findings: Finding[] = [];
  constructor(readonly unit: string) {}

  /** A finding; its message is `opts.message` (the code itself by default) with `opts.params`. */
  add(severity: Severity, code: FindingCode, opts: { item?: string; cell?: string; message?: MessageId; params?: Params } = {}): void {
    this.findings.push({
      severity,
      code,
      unit: this.unit,
      ...(opts.item !== undefined ? { item: opts.item } : {}),
      ...(opts.cell !== undefined ? { cell: opts.cell } : {}),
      messageId: opts.message ?? code,
      params: opts.params ?? {},
    });
  }

  error(code: FindingCode, opts: Parameters<FindingSink['add']>[2] = {}): void {
    this.add('error', code, opts);
  }

  warn(code: FindingCode, opts: Parameters<FindingSink['add']>[2] = {}): void {
    this.add('warning', code, opts);
  }
}

/** Address of `key`'s cell on an item row. */
export function cellOf(sheet: ParsedSheet, row: ItemRow | { row: number }, key: ColumnKey): string {
  return addr(row.row, sheet.columns[key]);
}

/** Common params for item messages. */
export function itemParams(node: RubricNode): Params {
  return { item: node.code, name: node.name };
}
