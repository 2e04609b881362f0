/**
 * The two named signers of every item (SPEC §3 *Signature record*, §4): who signed in which
 * role (from the replayed log), whether they may sign it, and whether the item still holds what
 * they signed — and, when it does not, what changed from what to what.
 */
import { maxText } from '../plan/plan';
import type { LogState, Signed } from '../protocol/replay';
import { cstText } from '../protocol/time';
import { addr } from '../sheet/cells';
import { listOf, msg, type Message } from '../i18n/catalog';
import type { ColumnKey } from '../sheet/layout';
import { ITEM_FIELDS, itemDigest, SIGN_ROLES, type ItemValues, type SignRole } from '../signing/records';
import type { ItemContent } from './content';
import type { FindingSink, SheetContext } from './context';
import { itemStatus, personRef } from './present';
import type { ItemEval, SignatureState } from './report';

/** The values an item's digest is computed from, as the sheet holds them now. */
export function valuesOf(ctx: SheetContext, c: ItemContent): ItemValues {
  return { max: maxText(ctx.rubric, c.node), score: c.scoreText, completion: c.completion, basis: c.basis, verifiedBy: c.verifiedBy };
}

/** An item as the sheet holds it now: its values and their digest (computed once, when first asked). */
export interface CurrentItem {
  readonly values: ItemValues;
  readonly digest: () => string;
}

/** The current values and digest of every item, by code (shared by the log's checks and the signature states). */
export function currentItems(ctx: SheetContext, contents: readonly ItemContent[]): Map<string, CurrentItem> {
  const out = new Map<string, CurrentItem>();
  for (const c of contents) {
    const values = valuesOf(ctx, c);
    let memo: string | undefined;
    out.set(c.node.code, { values, digest: () => (memo ??= itemDigest(ctx.unit.id, ctx.rubric.fingerprint, c.node.code, values)) });
  }
  return out;
}

const FIELD_COLUMN: Record<keyof ItemValues, ColumnKey> = {
  max: 'max',
  score: 'score',
  completion: 'completion',
  basis: 'basis',
  verifiedBy: 'verifiedBy',
};

/** A value as a message quotes it: "∅" for empty, long texts cut. */
function quoted(s: string): string {
  if (!s) return '∅';
  const chars = [...s];
  return chars.length > 24 ? `${chars.slice(0, 23).join('')}…` : s;
}

/** The fields that differ between what was signed and what the sheet holds. */
export function changedFields(signed: ItemValues, now: ItemValues): (keyof ItemValues)[] {
  return ITEM_FIELDS.filter((f) => signed[f] !== now[f]);
}

/**
 * Builds each item's signature state from the replayed log and reports who may not sign,
 * who is missing, and what changed after signing.
 */
export function checkSignatures(
  ctx: SheetContext,
  contents: readonly ItemContent[],
  state: LogState,
  sink: FindingSink,
  current: ReadonlyMap<string, CurrentItem> = currentItems(ctx, contents),
): ItemEval[] {
  const { plan, unit, sheet } = ctx;
  const roleLabel = (r: SignRole): Message => msg(`role.${r}`);
  const unverifiedReported = new Set<string>();
  const recusedReported = new Set<string>();
  const out: ItemEval[] = [];
  for (const c of contents) {
    const code = c.node.code;
    const { values: now, digest: digestNow } = current.get(code) ?? currentItems(ctx, [c]).get(code)!;
    const raw = state.signed.get(code);
    // (written out, not spread: this runs for every item of every sheet verified)
    const withFreshness = (s: Signed | undefined): SignatureState | undefined =>
      s && {
        record: s.record,
        row: s.row,
        index: s.index,
        role: s.role,
        digest: s.digest,
        values: s.values,
        fresh: s.digest === digestNow(),
      };
    const slot: Partial<Record<SignRole, SignatureState>> = {};
    const scorer = withFreshness(raw?.scorer);
    const reviewer = withFreshness(raw?.reviewer);
    if (scorer) slot.scorer = scorer;
    if (reviewer) slot.reviewer = reviewer;
    const p = { item: code, name: c.node.name };
    const cellFor = (key: ColumnKey): string => addr(c.row.row, sheet.columns[key]);

    // one SIGNER_MISSING per item, naming the missing role(s), at the first missing cell
    if (c.ok && (!slot.scorer || !slot.reviewer)) {
      const missing = SIGN_ROLES.filter((r) => !slot[r]);
      sink.error('SIGNER_MISSING', {
        item: code,
        cell: cellFor(missing[0]!),
        params: { ...p, role: listOf(missing.map(roleLabel), 'sep.and') },
      });
    }
    for (const role of SIGN_ROLES) {
      const s = slot[role];
      if (!s) continue;
      const person = plan.people.get(s.record.person);
      // (the person's label is made only for a finding: most items have none)
      const label = (): ReturnType<typeof personRef> => personRef(plan, s.record.person);
      if (!person || person.role !== 'appraiser')
        sink.error('SIGNER_UNKNOWN', { item: code, cell: cellFor(role), params: { ...p, person: label() } });
      else {
        if (!(person.groups ?? []).includes(c.node.group))
          sink.error('SIGNER_NOT_IN_GROUP', { item: code, cell: cellFor(role), params: { ...p, group: c.node.group, person: label() } });
        if ((person.recuse ?? []).includes(unit.id) && !recusedReported.has(person.id)) {
          recusedReported.add(person.id);
          sink.error('SIGNER_RECUSED', { item: code, cell: cellFor(role), params: { person: label(), unitName: unit.name } });
        }
      }
      if (plan.data.signing === 'name' && !unverifiedReported.has(s.record.person)) {
        unverifiedReported.add(s.record.person);
        sink.warn('SIGNATURE_UNVERIFIED', { params: { person: label() } });
      }
    }
    if (slot.scorer && slot.reviewer && slot.scorer.record.person === slot.reviewer.record.person)
      sink.error('SIGNER_SAME_PERSON', {
        item: code,
        cell: cellFor('reviewer'),
        params: { ...p, person: personRef(plan, slot.scorer.record.person) },
      });

    const stale =
      (scorer && !scorer.fresh) || (reviewer && !reviewer.fresh)
        ? SIGN_ROLES.flatMap((r) => (slot[r] && !slot[r].fresh ? [slot[r]] : []))
        : [];
    if (stale.length) {
      const first = stale[0]!;
      const fields = changedFields(first.values, now);
      const changes = fields.map((f) =>
        msg('detail.fieldChange', { field: msg(`column.${FIELD_COLUMN[f]}`), from: quoted(first.values[f]), to: quoted(now[f]) }),
      );
      const after = stale.map((s) =>
        msg('detail.signedBy', { person: personRef(plan, s.record.person), role: roleLabel(s.role), when: cstText(s.record.signedAt) }),
      );
      sink.error('SIGNED_CONTENT_CHANGED', {
        item: code,
        cell: cellFor(FIELD_COLUMN[fields[0] ?? 'score']),
        params: { ...p, detail: msg('detail.changedAfter', { changes: listOf(changes, 'sep.comma'), after: listOf(after, 'sep.and') }) },
      });
    }
    out.push({
      content: c,
      digest: digestNow,
      scorer: slot.scorer ?? null,
      reviewer: slot.reviewer ?? null,
      status: itemStatus(c, slot),
      sampled: false,
      recheck: null,
    });
  }
  return out;
}
