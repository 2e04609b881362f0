/**
 * The workflow of SPEC §3 run in memory with the core's actions: sign (scorer, reviewer per
 * group), sample, re-check, seal. Each step evaluates the sheet as it stands, asks the
 * action, and applies its patch; a refusal fails the test that relies on the step.
 */
import type { KeyPair } from '../../src/core/crypto/ed25519';
import type { Plan } from '../../src/core/plan/plan';
import { drawSampleAction, recheckAction, sealAction, signItems } from '../../src/core/workflow/actions';
import type { RecheckResult } from '../../src/core/signing/records';
import { commit, evaluate, type MemSheet } from './memory';

export type KeyOf = (id: string) => Promise<KeyPair | null>;

/** name-only plans: nobody needs a key */
export const noKeys: KeyOf = () => Promise.resolve(null);

/** (scorer, reviewer) per group for the example and mini plans. */
export const SIGNERS: Record<string, readonly [string, string]> = {
  G1: ['p01', 'p02'],
  G2: ['p04', 'p05'],
  G3: ['p07', 'p08'],
};

export interface FlowOpts {
  keys: KeyOf;
  signers?: Record<string, readonly [string, string]>;
  oversight?: string;
  /** the re-check of a sampled item (default: confirmed) */
  recheck?: (code: string) => { result: RecheckResult; score?: string; note: string };
  now?: Date;
}

const groupsOf = (plan: Plan, unit: string): string[] => {
  const rubric = plan.rubrics.get(plan.units.get(unit)!.rubric)!;
  return [...new Set(rubric.leaves.map((n) => n.group))];
};

export async function signAll(s: MemSheet, plan: Plan, unit: string, o: FlowOpts): Promise<void> {
  const signers = o.signers ?? SIGNERS;
  for (const g of groupsOf(plan, unit)) {
    const pair = signers[g];
    if (!pair) throw new Error(`no signers for group ${g}`);
    for (const [role, person] of [
      ['scorer', pair[0]],
      ['reviewer', pair[1]],
    ] as const) {
      const report = await evaluate(s, plan);
      const codes = report.items.filter((i) => i.content.node.group === g).map((i) => i.content.node.code);
      commit(s, signItems(report, { role, person, key: await o.keys(person), items: codes, ...(o.now ? { now: o.now } : {}) }));
    }
  }
}

export async function sample(s: MemSheet, plan: Plan, o: FlowOpts): Promise<string[]> {
  const person = o.oversight ?? 'o01';
  const r = commit(s, drawSampleAction(await evaluate(s, plan), { person, key: await o.keys(person), ...(o.now ? { now: o.now } : {}) }));
  return [...r.record.items];
}

export async function recheckAll(s: MemSheet, plan: Plan, items: readonly string[], o: FlowOpts): Promise<void> {
  const person = o.oversight ?? 'o01';
  for (const item of items) {
    const rc = o.recheck?.(item) ?? { result: 'confirmed' as const, note: '复核无误' };
    commit(s, recheckAction(await evaluate(s, plan), { person, key: await o.keys(person), item, ...rc, ...(o.now ? { now: o.now } : {}) }));
  }
}

export async function seal(s: MemSheet, plan: Plan, o: FlowOpts): Promise<string> {
  const person = o.oversight ?? 'o01';
  const r = commit(
    s,
    sealAction(await evaluate(s, plan), { person, key: await o.keys(person), password: 'pw', ...(o.now ? { now: o.now } : {}) }),
  );
  return r.record.code;
}

/** Signs everything, draws the sample, re-checks it and seals. Returns the sampled codes. */
export async function runToSeal(s: MemSheet, plan: Plan, unit: string, o: FlowOpts): Promise<{ sampled: string[]; code: string }> {
  await signAll(s, plan, unit, o);
  const sampled = await sample(s, plan, o);
  await recheckAll(s, plan, sampled, o);
  const code = await seal(s, plan, o);
  return { sampled, code };
}
