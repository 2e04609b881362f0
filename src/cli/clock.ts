/**
 * The command line's clock. Records carry the time they are made; for reproducible runs (the
 * demo, tests, screenshots) `SCORESEAL_CLOCK=<ISO time>` replaces the system clock with one that
 * starts there and ticks one minute each time it is read, so the same steps give the same
 * records, digests, samples, seal codes and files, byte for byte.
 *
 * This gives nobody anything: the times in records are the signer's claim whatever the clock
 * (anyone can set their computer's clock); what checks them is the plan's assessment period and
 * the log's order (SPEC §3).
 */
import { UsageError } from './errors';
import { cli } from './say';

let fixed: { start: string; base: number; ticks: number } | null = null;

/** The fixed clock's start from the environment, or null for the system clock. */
function fixedStart(): string | null {
  const v = process.env.SCORESEAL_CLOCK;
  return v === undefined || v === '' ? null : v;
}

/** The fixed clock's start (files are then written with this time), or null for the system clock. */
export function fixedClockStart(): Date | null {
  const start = fixedStart();
  if (start === null) return null;
  const t = Date.parse(start);
  return Number.isNaN(t) ? null : new Date(t);
}

/** Now: the system clock, or the next tick of the fixed one. */
export function now(): Date {
  const start = fixedStart();
  if (start === null) return new Date();
  if (!fixed || fixed.start !== start) {
    const base = Date.parse(start);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(start) || Number.isNaN(base)) throw new UsageError(cli('cli.args.clock', { value: start }));
    fixed = { start, base, ticks: 0 };
  }
  return new Date(fixed.base + 60_000 * fixed.ticks++);
}
