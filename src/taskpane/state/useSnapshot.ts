/** The score sheet a view works on: read when the view opens, again on Refresh, replaced after each step. */
import { useCallback, useEffect, useState } from 'react';
import type { SheetSnapshot } from '../actions';
import { useTask, type Task } from './useTask';

export interface SnapshotState {
  readonly snapshot: SheetSnapshot | null;
  readonly setSnapshot: (snapshot: SheetSnapshot) => void;
  readonly refresh: () => Promise<void>;
  readonly loading: Task;
}

export function useSnapshot(load: () => Promise<SheetSnapshot>): SnapshotState {
  const [snapshot, setSnapshot] = useState<SheetSnapshot | null>(null);
  const loading = useTask();
  const runLoad = loading.run;
  const refresh = useCallback(async (): Promise<void> => {
    const s = await runLoad(load);
    if (s) setSnapshot(s);
  }, [runLoad, load]);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return { snapshot, setSnapshot, refresh, loading };
}
