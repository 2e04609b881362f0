/**
 * Rendering at the edge: findings and refusals are messages in the domain, and become text
 * only where they are shown — the command line's report and `--json`, the task pane, the
 * summary's 问题清单 sheet — in the plan's locale, through the catalog (a pseudo-locale's in
 * tests). Human output then passes the text through `visible` (src/core/text/visible.ts);
 * `--json` keeps it exact.
 */
import type { Finding } from '../findings';
import { CATALOGS, format, render, type Catalogs, type Locale, type Message } from './catalog';

/** A refusal of a workflow step (SPEC §5: exit 1, nothing written): a message of the catalog. */
export type Refusal = Message;

/** A finding's message in `locale`. */
export function renderFinding(f: Pick<Finding, 'messageId' | 'params'>, locale: Locale, catalogs: Catalogs = CATALOGS): string {
  return format(catalogs[locale], f.messageId, f.params);
}

/** Why a step was refused, in `locale`: a refusal is a message like any other. */
export const renderReason: (r: Refusal, locale: Locale, catalogs?: Catalogs) => string = render;

/** A finding as SPEC §4 shows it: `{ severity, code, unit, item?, cell?, message }` (the `--json` shape). */
export interface ShownFinding {
  readonly severity: Finding['severity'];
  readonly code: Finding['code'];
  readonly unit: string;
  readonly item?: string;
  readonly cell?: string;
  readonly message: string;
}

/** A finding with its message rendered in `locale`, its fields in SPEC §4's order. */
export function shownFinding(f: Finding, locale: Locale, catalogs: Catalogs = CATALOGS): ShownFinding {
  return {
    severity: f.severity,
    code: f.code,
    unit: f.unit,
    ...(f.item !== undefined ? { item: f.item } : {}),
    ...(f.cell !== undefined ? { cell: f.cell } : {}),
    message: renderFinding(f, locale, catalogs),
  };
}
