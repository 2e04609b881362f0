/**
 * The oversight group's part (SPEC §3 *Sample*, *Re-check*, *Seal*), judged from the replayed
 * log and the sheet as it stands: the content is still what the sample was drawn over, every
 * sampled item has its re-check, and the current round's seal digest is the digest of the
 * canonical sheet. What the replay found out of order is reported here too, naming its row.
 */
import { msg } from '../i18n/catalog';
import { currentRound, type LogState, type Violation } from '../protocol/replay';
import { addr } from '../sheet/cells';
import { contentDigest } from '../signing/records';
import type { FindingSink, SheetContext } from './context';
import { personRef } from './present';
import type { ItemEval } from './report';

/** Record-level findings of the replay: one per violation, at its log row. */
export function reportViolations(ctx: SheetContext, violations: readonly Violation[], sink: FindingSink): void {
  const { plan } = ctx;
  for (const v of violations) {
    const params = { ...v.params, ...(typeof v.params.person === 'string' ? { person: personRef(plan, v.params.person) } : {}) };
    sink.error(v.code, {
      cell: `_scoreseal!A${v.row}`,
      ...(v.item !== undefined ? { item: v.item } : {}),
      message: 'record.problem',
      params: { row: v.row, detail: msg(v.detail, params) },
    });
  }
}

/**
 * Marks the sampled items and their re-checks, and reports what the current stage still lacks
 * or what changed since the draw and the seal.
 */
export function checkOversight(
  ctx: SheetContext,
  items: readonly ItemEval[],
  state: LogState,
  sealMatches: (index: number) => boolean,
  sink: FindingSink,
  mode: 'validate' | 'verify',
): ItemEval[] {
  const { plan, unit, rubric, sheet } = ctx;
  const round = currentRound(state);
  const sample = round.sample?.record ?? null;
  const sampled = new Set(sample?.items ?? []);
  const withOversight = items.map((it) => {
    const code = it.content.node.code;
    const isSampled = sampled.has(code);
    return { ...it, sampled: isSampled, recheck: isSampled ? (round.rechecks.get(code)?.record ?? null) : null };
  });

  if (state.stage === 'unsealed') {
    const unseal = state.rounds.at(-2)?.unseal?.record;
    sink.error('SEAL_BROKEN', { params: { person: unseal ? personRef(plan, unseal.person) : '?', reason: unseal?.reason ?? '?' } });
  }
  // a seal record the replay could not accept (the records it covers do not hold) is a broken
  // seal, not a missing one
  const roundStart = state.rounds.at(-2)?.unseal?.index ?? -1;
  const fallenSeal = round.seal
    ? undefined
    : ctx.log.map((entry, index) => ({ entry, index })).find((s) => s.entry.kind === 'seal' && s.index > roundStart);
  const sealMissing = (): void => {
    if (fallenSeal)
      sink.error('SEAL_INVALID', {
        cell: `_scoreseal!A${fallenSeal.entry.row}`,
        params: { detail: msg('detail.sealNotStanding', { row: fallenSeal.entry.row }) },
      });
    else sink.error('SEAL_MISSING');
  };
  if (!sample) {
    if (mode === 'verify' && state.stage !== 'unsealed') {
      sink.error('SAMPLE_MISSING');
      sealMissing();
    }
    return withOversight;
  }

  // the content is frozen by the draw: the sheet must still hold what was drawn over
  const byCode = new Map(withOversight.map((i) => [i.content.node.code, i]));
  const now = contentDigest(
    unit.id,
    rubric.fingerprint,
    rubric.leaves.map((n) => [n.code, byCode.get(n.code)?.digest() ?? ''] as const),
  );
  if (items.length !== rubric.leaves.length || now !== sample.contentDigest)
    sink.error('SAMPLE_INVALID', { params: { detail: msg('detail.contentChanged') } });

  for (const it of withOversight)
    if (it.sampled && !it.recheck)
      sink.error('RECHECK_MISSING', {
        item: it.content.node.code,
        cell: addr(it.content.row.row, sheet.columns.recheck),
        params: { item: it.content.node.code, name: it.content.node.name },
      });

  const seal = round.seal;
  if (!seal) {
    if (mode === 'verify') sealMissing();
    return withOversight;
  }
  // the seal covers the canonical sheet and every record of the unit before it
  if (!sealMatches(seal.index)) sink.error('SEAL_INVALID', { params: { detail: msg('detail.sheetSeal') } });
  return withOversight;
}
