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
  const n = leaves.length;
  const k = sampleSize(n, ratio);
  const keys = leaves.map((l) => sha256TextHex(`${seed}:${l.code}`));
  // step 3's order on leaf indices: by key, ties by code
  const before = (a: number, b: number): number => {
    const ka = keys[a]!;
    const kb = keys[b]!;
    if (ka !== kb) return ka < kb ? -1 : 1;
    const ca = leaves[a]!.code;
    const cb = leaves[b]!.code;
    return ca < cb ? -1 : ca > cb ? 1 : 0;
  };
  // each group's representative: its first leaf in that order (one pass, no sort)
  const repOf = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const g = leaves[i]!.group;
    const r = repOf.get(g);
    if (r === undefined || before(i, r) < 0) repOf.set(g, i);
  }
  const reps = [...repOf.values()].sort(before);
  const chosen = new Array<boolean>(n).fill(false);
  if (k < reps.length) for (const r of reps.slice(0, k)) chosen[r] = true;
  else {
    for (const r of reps) chosen[r] = true;
    const rest: number[] = [];
    for (let i = 0; i < n; i++) if (!chosen[i]) rest.push(i);
    for (const i of rest.sort(before).slice(0, k - reps.length)) chosen[i] = true;
  }
  // step 5: in rubric order
  const out: string[] = [];
  for (let i = 0; i < n; i++) if (chosen[i]) out.push(leaves[i]!.code);
  return out;
}
