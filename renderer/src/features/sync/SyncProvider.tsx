import { useContext, useEffect, useState, type ReactNode } from 'react';
import { useAppServices } from '../../app/AppServices.ts';
import { SessionContext } from '../../auth/session.ts';
import { SyncEngine } from '../../sync/engine.ts';
import { SyncEngineContext } from './SyncContext.ts';

// One engine at a time per database: the next starts once the previous has stopped (React
// StrictMode mounts twice; a new sign-in follows a sign-out).
let previousStopped: Promise<void> = Promise.resolve();

/**
 * Runs sync for the signed-in session: starts the engine when a session appears, stops it
 * when the session ends (sign-out). Place it inside AuthGate (which provides the session) and
 * around the layout; the screen lock keeps the session, so sync goes on while locked.
 */
export function SyncProvider({ children }: { readonly children: ReactNode }) {
  const { db } = useAppServices();
  const session = useContext(SessionContext);
  const [engine, setEngine] = useState<SyncEngine | null>(null);

  useEffect(() => {
    if (session === null) return undefined;
    const next = new SyncEngine({ db, session });
    // The engine is an external system started here; its context value follows it.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setEngine(next);
    const starting = previousStopped.then(() => next.start());
    starting.catch((error: unknown) => {
      console.error('sync did not start', error);
    });
    return () => {
      setEngine((current) => (current === next ? null : current));
      // stop() also ends a start still under way (waiting for leadership, say).
      previousStopped = next.stop().catch((error: unknown) => {
        console.error('stopping sync failed', error);
      });
    };
  }, [db, session]);

  return <SyncEngineContext.Provider value={engine}>{children}</SyncEngineContext.Provider>;
}
