/**
 * What the harness page (harness.tsx) exposes to the end-to-end runner: `window.__double` (the
 * Excel test double the pane runs against) and `window.__harness` (the seeded workbook's
 * layout and a few helpers that act as a person in Excel would). Shared by both sides; types only.
 */
import type { ExcelDouble } from '../support/excel-double';

export type HarnessLang = 'zh-CN' | 'en-US';
/** what the workbook holds when the page opens */
export type HarnessSeed = 'blank' | 'u01' | 'signed' | 'office';
/** what is booted: the real task pane (index.tsx), or the compile view alone */
export type HarnessMount = 'pane' | 'compile';

export interface SheetRowInfo {
  readonly code: string;
  /** 1-based worksheet row */
  readonly row: number;
  readonly kind: 'leaf' | 'veto' | 'section';
  /** max points as typed in 分值 (null for veto and unscored sections) */
  readonly max: number | null;
  readonly group: string;
  /** the top-level block the item belongs to */
  readonly block: string;
}

export interface SheetLayout {
  readonly unit: string;
  readonly unitName: string;
  readonly sheetName: string;
  readonly headerRow: number;
  readonly rows: readonly SheetRowInfo[];
  /** 1-based rows of the footer lines (label in A, value in B) */
  readonly footer: { readonly total: number; readonly oversight: number; readonly sealStatus: number; readonly sealCode: number };
}

export interface LogRecord {
  readonly kind: string;
  readonly record: Record<string, unknown> | null;
}

export interface Harness {
  readonly lang: HarnessLang;
  /** the plan's locale (sheet titles, statuses, findings); the runner's plan variant for `lang` */
  readonly planLocale: HarnessLang;
  readonly seed: HarnessSeed;
  readonly mount: HarnessMount;
  /** set once the page has booted what it mounts (or failed: see `bootError`) */
  booted: boolean;
  bootError: string | null;
  /** milliseconds spent seeding (key derivation and signing included) */
  seedMs: number;
  /** the layout of a unit's score sheet as generated from the plan */
  layout(unit: string): SheetLayout;
  /** types text into a cell as a person would (refused on a locked cell of a protected sheet) */
  type(sheet: string, address: string, text: string): void;
  /** clicks a cell or drags over a range in Excel: activates the sheet and selects the range */
  select(sheet: string, address: string): void;
  /** types a complete entry into every leaf of a unit's sheet (full marks minus 0.5), except `skip` */
  fillAll(unit: string, skip?: readonly string[]): void;
  /** every `_scoreseal` row, JSON pieces joined and parsed */
  log(): LogRecord[];
  /** the visible cell values of a sheet's row (A…M) */
  row(sheet: string, row: number): unknown[];
}

declare global {
  interface Window {
    __double: ExcelDouble;
    __harness: Harness;
  }
}
