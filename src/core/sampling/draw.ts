/**
 * The re-check sample (SPEC §3), deterministic from its seed so anyone holding the plan can
 * recompute it:
 *
 *  1. k = ceil(sampleRatio × L), L = number of leaves (veto items included), at most L.
 *  2. Every leaf gets a key: hex SHA-256 of the UTF-8 text `seed + ":" + code`.
 *  3. Leaves are grouped by their (inherited) group; within a group they are ordered by key
 *     (ascending; ties by code). Each group's first leaf is its representative.
 *  4. If k ≥ number of groups G: every representative is drawn, then the k − G remaining
 *     leaves with the smallest keys among all not yet drawn.
 *     If k < G: the k representatives with the smallest keys.
 *  5. The result is listed in rubric order.
 */
import { sha256TextHex } from '../crypto/digest';

export interface Leaf {
  readonly code: string;
  readonly group: string;
}

export function sampleSize(leafCount: number, ratio: number): number {
  // guard against binary noise: 0.3333 × 24 = 7.9992 → 8, but 1/3 × 9 must stay 3
  return Math.min(leafCount, Math.ceil(Math.round(ratio * leafCount * 1e9) / 1e9));
}

export function drawSample(seed: string, leaves: readonly Leaf[], ratio: number): string[] {
  const k = sampleSize(leaves.length, ratio);
  const keyed = leaves.map((l, index) => ({ ...l, index, key: sha256TextHex(`${seed}:${l.code}`) }));
  const byKey = (a: { key: string; code: string }, b: { key: string; code: string }): number =>
    a.key < b.key ? -1 : a.key > b.key ? 1 : a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
  const groups = new Map<string, typeof keyed>();
  for (const l of keyed) {
    const g = groups.get(l.group);
    if (g) g.push(l);
    else groups.set(l.group, [l]);
  }
  const reps = [...groups.values()].map((g) => g.sort(byKey)[0]!).sort(byKey);
  let chosen: typeof keyed;
  if (k < reps.length) chosen = reps.slice(0, k);
  else {
    const taken = new Set(reps.map((r) => r.code));
    const rest = keyed.filter((l) => !taken.has(l.code)).sort(byKey);
    chosen = [...reps, ...rest.slice(0, k - reps.length)];
  }
  return chosen.sort((a, b) => a.index - b.index).map((l) => l.code);
}
