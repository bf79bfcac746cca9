/**
 * The sync engine of the signed-in session, for the sync screen and the header badge
 * (SyncProvider creates it). Problems and conflicts are read from the local database, so
 * they show even while no engine runs (signed out, another window syncing).
 */
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useState,
  useSyncExternalStore,
} from 'react';
import type { Observable } from 'rxjs';
import { useAppServices } from '../../app/AppServices.ts';
import type { SyncEngine } from '../../sync/engine.ts';
import type { SyncStatus } from '../../sync/status.ts';
import { conflicts$, problems$, type SyncConflict, type SyncProblem } from '../../sync/stores.ts';

export const SyncEngineContext = createContext<SyncEngine | null>(null);

/** The running engine; null when no one is signed in. */
export function useSyncEngine(): SyncEngine | null {
  return useContext(SyncEngineContext);
}

const noSubscription = (): (() => void) => () => undefined;
const noStatus = (): null => null;

/** The engine's status, re-rendering on change; null without an engine. */
export function useSyncStatus(): SyncStatus | null {
  const engine = useSyncEngine();
  const subscribe = useCallback(
    (listener: () => void) => {
      if (engine === null) return noSubscription();
      const subscription = engine.status$.subscribe(listener);
      return () => {
        subscription.unsubscribe();
      };
    },
    [engine],
  );
  const snapshot = useCallback(() => engine?.status ?? null, [engine]);
  return useSyncExternalStore(subscribe, engine === null ? noStatus : snapshot);
}

function useLatest<T>(source: Observable<T>, initial: T): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    const subscription = source.subscribe({
      next: setValue,
      error: (error: unknown) => {
        console.error('sync screen: reading failed', error);
      },
    });
    return () => {
      subscription.unsubscribe();
    };
  }, [source]);
  return value;
}

const NONE: readonly never[] = [];

export function useSyncProblems(): readonly SyncProblem[] {
  const { db } = useAppServices();
  const [source] = useState(() => problems$(db));
  return useLatest(source, NONE);
}

export function useSyncConflicts(): readonly SyncConflict[] {
  const { db } = useAppServices();
  const [source] = useState(() => conflicts$(db));
  return useLatest(source, NONE);
}
