/**
 * Whether this host can run the pane: Office.js loaded, the host is Excel, and ExcelApi 1.7
 * (the manifest's minimum) is there. Takes the `Office` global as a parameter so it can be
 * tested without one.
 */
import { pickLocale, type Locale } from './i18n';

export type HostProblem = 'noOffice' | 'notExcel' | 'oldExcel';

export type HostCheck =
  { readonly ok: true; readonly locale: Locale } | { readonly ok: false; readonly problem: HostProblem; readonly locale: Locale };

/** What of `Office` the check uses. */
export interface OfficeLike {
  onReady(): Promise<{ host: unknown }>;
  readonly HostType?: { readonly Excel?: unknown };
  readonly context?: {
    readonly displayLanguage?: string;
    readonly requirements?: { isSetSupported(name: string, minVersion?: string): boolean };
  };
}

/** How long to wait for Office.onReady before deciding Office is not there. */
export const READY_TIMEOUT_MS = 15_000;

function timeout(ms: number): Promise<null> {
  return new Promise((resolve) => setTimeout(() => resolve(null), ms));
}

export async function checkHost(
  office: OfficeLike | undefined,
  fallbackLanguage: string | undefined,
  waitMs = READY_TIMEOUT_MS,
): Promise<HostCheck> {
  if (!office || typeof office.onReady !== 'function') return { ok: false, problem: 'noOffice', locale: pickLocale(fallbackLanguage) };
  const info = await Promise.race([office.onReady(), timeout(waitMs)]);
  const locale = pickLocale(office.context?.displayLanguage ?? fallbackLanguage);
  if (!info) return { ok: false, problem: 'noOffice', locale };
  if (info.host !== (office.HostType?.Excel ?? 'Excel')) return { ok: false, problem: 'notExcel', locale };
  if (!office.context?.requirements?.isSetSupported('ExcelApi', '1.7')) return { ok: false, problem: 'oldExcel', locale };
  return { ok: true, locale };
}
