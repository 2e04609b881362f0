/**
 * Time in the log (SPEC §3 *The log's order*): every record's time is a real ISO 8601 UTC
 * instant with milliseconds (`2026-12-01T08:30:00.000Z`), never earlier than the record before
 * it, and inside the plan's period when it has one — from the start of `from` to the end of
 * `to`, China Standard Time (UTC+08:00).
 */
import type { Period } from '../plan/schema';

const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const CST_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/**
 * The instant (ms since the epoch) of a record time, or null when the text is not a real
 * instant in the exact form records use (month 99, 24:61, February 30th and `…Z` without
 * milliseconds are all null).
 */
export function parseInstant(text: unknown): number | null {
  if (typeof text !== 'string' || !ISO_MS.test(text)) return null;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return null;
  // a round trip rejects what Date.parse silently normalises
  return new Date(ms).toISOString() === text ? ms : null;
}

/** The instants a period covers: [start of `from`, end of `to`] in China Standard Time. */
export function periodBounds(p: Period): { from: number; to: number } {
  const from = Date.parse(`${p.from}T00:00:00.000Z`) - CST_OFFSET_MS;
  const to = Date.parse(`${p.to}T00:00:00.000Z`) - CST_OFFSET_MS + DAY_MS - 1;
  return { from, to };
}

/** A record time as people read it: China Standard Time, to the minute ("2026-12-01 16:30"). */
export function cstText(iso: string): string {
  const ms = parseInstant(iso);
  if (ms === null) return iso;
  return new Date(ms + CST_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}
