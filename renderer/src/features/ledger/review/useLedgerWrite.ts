import { useMemo } from 'react';
import { appErrorOf, fail, ok, type Result } from '../../../../../shared/errors.ts';
import type { LedgerContext, Place } from '../../../../../shared/ledger/context.ts';
import { useAppServices } from '../../../app/AppServices.ts';
import { useSession } from '../../../auth/session.ts';
import { registerScopeOf, type RegisterScope } from '../../residents/register-scope.ts';
import { ledgerContext, writeLedger, type LedgerWrites } from '../ledger-store.ts';
import { useVillageLedgerStore } from '../VillageLedgerContext.ts';
import type { VillageLedger } from '../village-ledger.ts';

/**
 * The documents with an absent `_deleted` key removed. The ledger store reads stored
 * documents through `withoutInternalKeys(doc.toJSON())`, which sets `_deleted: undefined`
 * (toJSON leaves the flag out); a changed copy of such a document is refused by the
 * storage's schema check ('#/_deleted'), because RxDB fills the flag only when the key is
 * missing. Dropping the key lets RxDB fill it.
 */
function storable<T extends object>(docs: readonly T[] | undefined): T[] | undefined {
  if (docs === undefined) return undefined;
  return docs.map((doc) => {
    if (!('_deleted' in doc) || (doc as { _deleted?: unknown })._deleted !== undefined) return doc;
    const { _deleted: _absent, ...rest } = doc as T & { _deleted?: unknown };
    return rest as T;
  });
}

function storableWrites(writes: LedgerWrites): LedgerWrites {
  const policies = storable(writes.policies);
  const cases = storable(writes.cases);
  const notices = storable(writes.notices);
  const events = storable(writes.events);
  return {
    ...(policies === undefined ? {} : { policies }),
    ...(cases === undefined ? {} : { cases }),
    ...(notices === undefined ? {} : { notices }),
    ...(events === undefined ? {} : { events }),
    ...(writes.journal === undefined ? {} : { journal: writes.journal }),
  };
}

/** What an operation builds: the documents to write and what the screen learns from it. */
export interface Built<T> {
  readonly writes: LedgerWrites;
  readonly value: T;
}

export type LedgerBuild<T> = (
  ledger: VillageLedger,
  ctx: LedgerContext,
  place: Place,
) => Result<Built<T>>;

export interface LedgerWriter {
  /** The signed-in user's village; null for township accounts (they write nothing here). */
  readonly scope: RegisterScope | null;
  /**
   * Reads the ledger as it is now (the calendar checked first), builds the documents with
   * the shared operations and writes them. A refusal or a failed write comes back as an
   * error to show; the ledger store follows the write by itself.
   */
  readonly run: <T>(build: LedgerBuild<T>) => Promise<Result<T>>;
}

/**
 * Ledger writes by the signed-in user, usable anywhere in a village session — in the
 * ledger module and in the resident file alike (it needs no ledger screen around it).
 */
export function useLedgerWrite(): LedgerWriter {
  const { db } = useAppServices();
  const store = useVillageLedgerStore();
  const session = useSession();
  const scope = useMemo(() => registerScopeOf(session), [session]);
  return useMemo(() => {
    const run = async <T>(build: LedgerBuild<T>): Promise<Result<T>> => {
      if (store === null || scope === null) return fail('ledger.state-changed');
      store.checkDate();
      const state = store.snapshot();
      if (state.status !== 'ready') return fail('ledger.state-changed');
      const place: Place = { villageCode: scope.villageCode, townshipCode: scope.townshipCode };
      const built = build(state.ledger, ledgerContext(scope), place);
      if (!built.ok) return built;
      try {
        await writeLedger(db, storableWrites(built.value.writes));
      } catch (error) {
        console.error('writing the ledger failed', error);
        return { ok: false, error: appErrorOf(error, 'localdb.write-failed') };
      }
      return ok(built.value.value);
    };
    return { scope, run };
  }, [db, store, scope]);
}
