/**
 * What every ledger operation needs besides documents: the clock, the actor and an id
 * source, passed in so the domain code stays deterministic (the same shape as the
 * household operations' context).
 */
import type { DocumentBase, Stamp } from '../collections/schema.ts';

export interface LedgerContext {
  /** Epoch milliseconds, stamped into createdAt/updatedAt and decisions. */
  readonly now: number;
  /** The village's calendar date today, 'YYYY-MM-DD'. */
  readonly today: string;
  readonly userId: string;
  readonly deviceId: string;
  readonly newId: () => string;
}

/** Where a new document belongs. */
export interface Place {
  readonly villageCode: string;
  readonly townshipCode: string;
}

export function stampOf(ctx: LedgerContext): Stamp {
  return { by: ctx.userId, at: ctx.now };
}

/** The common fields of a document created now by the context's user on its device. */
export function newBase(place: Place, ctx: LedgerContext, id = ctx.newId()): DocumentBase {
  return {
    id,
    villageCode: place.villageCode,
    townshipCode: place.townshipCode,
    createdAt: ctx.now,
    createdBy: ctx.userId,
    deviceId: ctx.deviceId,
    updatedAt: ctx.now,
    updatedBy: ctx.userId,
  };
}

/** `doc` with `changes` applied and the bookkeeping stamp moved to now. */
export function touch<T extends DocumentBase>(doc: T, changes: Partial<T>, ctx: LedgerContext): T {
  return { ...doc, ...changes, updatedAt: ctx.now, updatedBy: ctx.userId };
}
