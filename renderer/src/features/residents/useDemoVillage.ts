import { useCallback, useState } from 'react';
import { appErrorOf, type AppError } from '../../../../shared/errors.ts';
import { useAppServices } from '../../app/AppServices.ts';
import { useIsDemo } from '../../auth/session.ts';
import { useRegister } from './RegisterContext.ts';
import { loadDemoVillage, removeDemoVillage } from './demo-village.ts';
import type { ImportedCounts, ImportProgress } from './register-import.ts';

export type DemoOutcome =
  | { readonly ok: true; readonly counts: ImportedCounts }
  | { readonly ok: false; readonly error: AppError };

/**
 * The sample village: offered only in demo mode (a separate database that never syncs),
 * loaded into an empty register, removable again.
 */
export function useDemoVillage() {
  const { db } = useAppServices();
  const { scope } = useRegister();
  const demo = useIsDemo();
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<ImportProgress | null>(null);

  const run = useCallback(async (work: () => Promise<ImportedCounts>): Promise<DemoOutcome> => {
    setBusy(true);
    try {
      return { ok: true, counts: await work() };
    } catch (error) {
      console.error('sample village failed', error);
      return {
        ok: false,
        error: appErrorOf(error, 'localdb.write-failed'),
      };
    } finally {
      setBusy(false);
      setProgress(null);
    }
  }, []);

  const load = useCallback(
    () => run(() => loadDemoVillage(db, scope, setProgress)),
    [run, db, scope],
  );
  const remove = useCallback(() => run(() => removeDemoVillage(db, scope)), [run, db, scope]);

  return { demo, busy, progress, load, remove };
}
