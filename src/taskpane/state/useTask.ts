/**
 * Running one async step of a view: busy flag, and the failure (if any) for `ErrorBar`.
 * A failure is always kept for display and reported for developers, never swallowed.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { reportError } from '../errors';

export interface Task {
  readonly busy: boolean;
  /** the last failure, wrapped (a thrown value may be anything, even undefined) */
  readonly failure: { readonly error: unknown } | null;
  /** runs `fn`; resolves to its value, or to undefined when it failed */
  readonly run: <T>(fn: () => Promise<T>) => Promise<T | undefined>;
  readonly dismiss: () => void;
}

export function useTask(): Task {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ error: unknown } | null>(null);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );
  const run = useCallback(async <T>(fn: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setFailure(null);
    try {
      return await fn();
    } catch (error) {
      reportError(error);
      if (mounted.current) setFailure({ error });
      return undefined;
    } finally {
      if (mounted.current) setBusy(false);
    }
  }, []);
  const dismiss = useCallback(() => setFailure(null), []);
  return { busy, failure, run, dismiss };
}
