/**
 * The ledger screens' writes on the local database: the complete documents a shared ledger
 * operation produced (shared/ledger), written in one order that never shows a half-done
 * step as done: cases and notices first, then the events they move, then the journal.
 * RxDB has no transaction across collections; a refused write is 'localdb.write-failed',
 * never silent, and the store's change streams update the figures.
 */
import type { CaseDoc } from '../../../../shared/collections/cases.ts';
import type { EventDoc } from '../../../../shared/collections/events.ts';
import type { JournalDoc } from '../../../../shared/collections/journal.ts';
import type { NoticeDoc } from '../../../../shared/collections/notices.ts';
import type { PolicyDoc } from '../../../../shared/collections/policies.ts';
import { CodedError } from '../../../../shared/errors.ts';
import type { LedgerContext } from '../../../../shared/ledger/context.ts';
import type { LocalDatabase } from '../../db/database.ts';
import { operationContext, type RegisterScope } from '../residents/register-scope.ts';

export interface LedgerWrites {
  readonly policies?: readonly PolicyDoc[];
  readonly cases?: readonly CaseDoc[];
  readonly notices?: readonly NoticeDoc[];
  readonly events?: readonly EventDoc[];
  readonly journal?: readonly JournalDoc[];
}

export async function writeLedger(db: LocalDatabase, writes: LedgerWrites): Promise<void> {
  const check = (collection: string, result: { readonly error: readonly unknown[] }) => {
    if (result.error.length === 0) return;
    console.error(`writing ${collection} failed`, result.error);
    throw new CodedError('localdb.write-failed');
  };
  const { policies = [], cases = [], notices = [], events = [], journal = [] } = writes;
  if (policies.length > 0)
    check('policies', await db.collections.policies.bulkUpsert([...policies]));
  if (cases.length > 0) check('cases', await db.collections.cases.bulkUpsert([...cases]));
  if (notices.length > 0) check('notices', await db.collections.notices.bulkUpsert([...notices]));
  if (events.length > 0) check('events', await db.collections.events.bulkUpsert([...events]));
  if (journal.length > 0) check('journal', await db.collections.journal.bulkInsert([...journal]));
}

/** The clock, actor and id source of one ledger operation by the signed-in user. */
export function ledgerContext(scope: RegisterScope, at = new Date()): LedgerContext {
  return operationContext(scope, at);
}
