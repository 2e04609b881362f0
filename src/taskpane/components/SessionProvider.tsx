import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { KeyPair } from '../../core/crypto/ed25519';
import { IDLE_LOCK_MS, SessionContext, type LockReason, type SessionValue } from '../state/sessionContext';

export interface SessionProviderProps {
  readonly children: ReactNode;
}

const wipe = (key: KeyPair | null): void => void key?.secret.fill(0);

/**
 * Holds the unlocked key in a ref (memory only) and forgets it on Lock or after 15 idle
 * minutes; any pointer or key press in the pane counts as activity.
 */
export function SessionProvider({ children }: SessionProviderProps): JSX.Element {
  const keyRef = useRef<KeyPair | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [person, setPerson] = useState<string | null>(null);
  const [lockReason, setLockReason] = useState<LockReason | null>(null);

  const disarm = useCallback((): void => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
  }, []);

  const forget = useCallback(
    (reason: LockReason): void => {
      disarm();
      wipe(keyRef.current);
      keyRef.current = null;
      setPerson(null);
      setLockReason(reason);
    },
    [disarm],
  );

  const arm = useCallback((): void => {
    disarm();
    if (keyRef.current) timer.current = setTimeout(() => forget('idle'), IDLE_LOCK_MS);
  }, [disarm, forget]);

  const unlock = useCallback(
    (id: string, key: KeyPair): void => {
      wipe(keyRef.current);
      keyRef.current = key;
      setPerson(id);
      setLockReason(null);
      arm();
    },
    [arm],
  );

  const lock = useCallback((): void => forget('manual'), [forget]);

  const withKey = useCallback(
    async <T,>(id: string, fn: (key: KeyPair | null) => Promise<T>): Promise<T> => {
      const held = keyRef.current;
      const copy = held && held.personId === id ? { ...held, secret: held.secret.slice() } : null;
      arm();
      try {
        return await fn(copy);
      } finally {
        wipe(copy);
        arm();
      }
    },
    [arm],
  );

  // activity in the pane restarts the idle clock while a key is held
  useEffect(() => {
    if (!person) return undefined;
    const onActivity = (): void => arm();
    document.addEventListener('pointerdown', onActivity, true);
    document.addEventListener('keydown', onActivity, true);
    return () => {
      document.removeEventListener('pointerdown', onActivity, true);
      document.removeEventListener('keydown', onActivity, true);
    };
  }, [person, arm]);

  // leaving the pane wipes the key
  useEffect(
    () => () => {
      disarm();
      wipe(keyRef.current);
      keyRef.current = null;
    },
    [disarm],
  );

  const value = useMemo<SessionValue>(() => ({ person, lockReason, unlock, lock, withKey }), [person, lockReason, unlock, lock, withKey]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
