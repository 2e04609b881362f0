/**
 * The signing session: whose key is unlocked. The key lives in a React ref inside
 * `SessionProvider` and nowhere else — never in state that is rendered, settings, storage or
 * logs. It is cleared by Lock and after {@link IDLE_LOCK_MS} without activity in the pane.
 */
import { createContext, useContext } from 'react';
import type { KeyPair } from '../../core/crypto/ed25519';

export const IDLE_LOCK_MS = 15 * 60 * 1000;

export type LockReason = 'manual' | 'idle';

export interface SessionValue {
  /** the person whose key is unlocked, or null */
  readonly person: string | null;
  /** why the last session ended (for the message), or null */
  readonly lockReason: LockReason | null;
  readonly unlock: (person: string, key: KeyPair) => void;
  readonly lock: () => void;
  /**
   * Runs `fn` with a copy of `person`'s key (wiped afterwards, so a Lock during the step
   * cannot corrupt it); `null` when that person is not unlocked. Counts as activity.
   */
  readonly withKey: <T>(person: string, fn: (key: KeyPair | null) => Promise<T>) => Promise<T>;
}

const missing = (): never => {
  throw new Error('SessionProvider is missing');
};

export const SessionContext = createContext<SessionValue>({
  person: null,
  lockReason: null,
  unlock: missing,
  lock: missing,
  withKey: missing,
});

export function useSession(): SessionValue {
  return useContext(SessionContext);
}
