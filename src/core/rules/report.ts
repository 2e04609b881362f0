/**
 * What evaluating a score sheet produces: the findings, and the state of every item and of the
 * log, for the actions (sign, sample, re-check, seal), the derived cells and compile.
 */
import type { Finding } from '../findings';
import type { Locale } from '../i18n/catalog';
import type { Stage as LogStage, LogState, Round, Signed } from '../protocol/replay';
import type { RecheckRecord, SampleRecord, SealRecord, UnsealRecord } from '../signing/records';
import type { ItemContent } from './content';
import type { SheetContext } from './context';

/** Where a sheet stands, for people: filling → signed → sampled → sealed (or unsealed). */
export type Stage = 'filling' | 'signed' | 'sampled' | 'sealed' | 'unsealed';

/** The latest signature of an item in one role, and whether the item still holds what was signed. */
export interface SignatureState extends Signed {
  /** the item's current digest equals the signed one */
  readonly fresh: boolean;
}

export type ItemStatus = 'empty' | 'needScorer' | 'needReviewer' | 'signed' | 'stale';

export interface ItemEval {
  readonly content: ItemContent;
  /** the item's current digest (SPEC §3), computed on first use */
  readonly digest: () => string;
  readonly scorer: SignatureState | null;
  readonly reviewer: SignatureState | null;
  /** 签字状态, as a status code (rendered through the catalog) */
  readonly status: ItemStatus;
  /** drawn for re-check in the current round */
  readonly sampled: boolean;
  /** the current round's latest re-check of the item */
  readonly recheck: RecheckRecord | null;
}

/** A closed round: sealed, then unsealed by the Office. */
export interface PastRound {
  readonly number: number;
  readonly seal: SealRecord | null;
  readonly unseal: UnsealRecord;
}

/** Whether the sheet's seal code was found in the envelope register (verify and compile only). */
export type RegisterMatch = 'matched' | 'not-registered' | 'unsealed' | 'no-register' | 'not-sealed';

/**
 * The verdict of trusted verification: `verified` (sealed, every check passed), `names-only`
 * (passed, but a name-only plan proves nothing: never "verified"), `failed`.
 */
export type Verdict = 'verified' | 'names-only' | 'failed';

export interface SheetReport {
  readonly sheetName: string;
  readonly unit: string;
  readonly unitName: string;
  readonly category: string;
  readonly stage: Stage;
  readonly status: 'ok' | 'error';
  readonly verdict: Verdict;
  readonly findings: readonly Finding[];
  /** present when the sheet could be read against a plan */
  readonly ctx: SheetContext | null;
  readonly items: readonly ItemEval[];
  /** the current round's sample, seal and (when the sheet stands unsealed) the unseal */
  readonly sample: SampleRecord | null;
  readonly seal: SealRecord | null;
  readonly unseal: UnsealRecord | null;
  /** earlier rounds, each ended by an unseal */
  readonly pastRounds: readonly PastRound[];
  readonly register: RegisterMatch;
  /** the replayed log (null when the sheet could not be read against a plan) */
  readonly log: LogState | null;
  readonly planSource: 'trusted' | 'embedded';
  /** the locale the findings are shown in: the plan's (zh-CN when the sheet could not be read against one) */
  readonly locale: Locale;
}

/** People's stage from the log's stage and the items. */
export function stageOf(logStage: LogStage, allSigned: boolean): Stage {
  switch (logStage) {
    case 'sealed':
      return 'sealed';
    case 'drawn':
      return 'sampled';
    case 'unsealed':
      return 'unsealed';
    default:
      return allSigned ? 'signed' : 'filling';
  }
}

export function pastRounds(rounds: readonly Round[]): PastRound[] {
  return rounds.flatMap((r) => (r.unseal ? [{ number: r.number, seal: r.seal?.record ?? null, unseal: r.unseal.record }] : []));
}
