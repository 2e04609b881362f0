/**
 * How people and states are shown on a sheet: names (namesakes told apart by department),
 * 签字状态, 复核结果 / 复核意见 — rendered through the catalog in the plan's locale, since
 * they are sheet content. The derived cells are written and checked with these same functions,
 * so what ScoreSeal writes and what it expects can never drift apart. In messages a person is
 * a message too ({@link personRef}), rendered where the message is shown.
 */
import { formatDecimal } from '../decimal';
import { recheckDecimal } from '../protocol/recheck';
import { msg, t, type Locale, type Param } from '../i18n/catalog';
import type { Plan } from '../plan/plan';
import type { Person } from '../plan/schema';
import { canonText } from '../text';
import type { ItemContent } from './content';
import type { ItemEval, ItemStatus } from './report';

/** "张伟（纪委监察局）" in zh-CN, "张伟 (纪委监察局)" in en-US. */
export function withDept(locale: Locale, name: string, dept: string): string {
  return t(locale, 'person.withDept', { name, dept });
}

/** Whether the name needs the department beside it: the plan has two people of that name. */
/** Names two or more people of a plan share, per plan (asked for every signer of every item). */
const SHARED_NAMES = new WeakMap<Plan, ReadonlySet<string>>();

function sharedNames(plan: Plan): ReadonlySet<string> {
  let shared = SHARED_NAMES.get(plan);
  if (!shared) {
    const seen = new Set<string>();
    const twice = new Set<string>();
    for (const p of plan.data.people) (seen.has(p.name) ? twice : seen).add(p.name);
    SHARED_NAMES.set(plan, (shared = twice));
  }
  return shared;
}

const needsDept = (plan: Plan, person: Person): person is Person & { dept: string } => !!person.dept && sharedNames(plan).has(person.name);

/** Display name of a person on the sheet: the name, with the department when the plan has two people of that name. */
export function displayName(plan: Plan, person: Person): string {
  return needsDept(plan, person) ? withDept(plan.locale, person.name, person.dept) : person.name;
}

/** A person in a message: "张伟 (p01)", "张伟（纪委监察局） (p01)" for namesakes, the id when the plan does not know it. */
export function personRef(plan: Plan, personId: string): Param {
  const p = plan.people.get(personId);
  if (!p) return personId;
  const name = needsDept(plan, p) ? msg('person.withDept', { name: p.name, dept: p.dept }) : p.name;
  return msg('person.label', { name, id: personId });
}

/** The name shown for a person id (the id itself when the plan does not know it). */
export function nameOf(plan: Plan, personId: string): string {
  const p = plan.people.get(personId);
  return p ? displayName(plan, p) : personId;
}

/** 签字状态 of one item. */
export function itemStatus(
  c: Pick<ItemContent, 'ok'>,
  slot: { readonly scorer?: { fresh: boolean } | null; readonly reviewer?: { fresh: boolean } | null },
): ItemStatus {
  if ((slot.scorer && !slot.scorer.fresh) || (slot.reviewer && !slot.reviewer.fresh)) return 'stale';
  if (!c.ok) return 'empty';
  if (!slot.scorer) return 'needScorer';
  if (!slot.reviewer) return 'needReviewer';
  return 'signed';
}

export function statusText(locale: Locale, s: ItemStatus): string {
  return t(locale, `status.${s}`);
}

/** 复核结果 / 复核意见 of an item as ScoreSeal writes them. */
export function recheckTexts(locale: Locale, it: Pick<ItemEval, 'sampled' | 'recheck'>): [string, string] {
  if (!it.sampled) return ['', ''];
  if (!it.recheck) return [t(locale, 'recheck.sampled'), ''];
  if (it.recheck.result === 'confirmed') return [t(locale, 'recheck.confirmed'), canonText(it.recheck.note)];
  const d = recheckDecimal(it.recheck.score);
  return [t(locale, 'recheck.adjusted', { score: d ? formatDecimal(d) : it.recheck.score }), canonText(it.recheck.note)];
}
