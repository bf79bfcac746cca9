import { useCallback, useEffect, useState } from 'react';
import { appErrorOf, type AppError } from '../../../shared/errors.ts';
import { getLocalDatabase, type LocalDatabase } from '../db/database.ts';

export type LocalDatabaseState =
  | { readonly status: 'opening' }
  | { readonly status: 'open'; readonly db: LocalDatabase }
  | { readonly status: 'failed'; readonly error: AppError };

/**
 * Opens the renderer's one local database (created once, however often this mounts):
 * `name` is the real database's, or the demo database's in demo mode.
 */
export function useLocalDatabase(name: string): [LocalDatabaseState, () => void] {
  const [state, setState] = useState<LocalDatabaseState>({ status: 'opening' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    getLocalDatabase(name).then(
      (db) => {
        if (live) setState({ status: 'open', db });
      },
      (error: unknown) => {
        console.error('opening the local database failed', error);
        if (live) setState({ status: 'failed', error: appErrorOf(error, 'localdb.open-failed') });
      },
    );
    return () => {
      live = false;
    };
  }, [attempt, name]);

  const retry = useCallback(() => {
    setState({ status: 'opening' });
    setAttempt((n) => n + 1);
  }, []);

  return [state, retry];
}
