import { useMemo } from 'react';
import type { EventDoc } from '../../../../../shared/collections/events.ts';
import { fail, ok, type AppError } from '../../../../../shared/errors.ts';
import type { ReviewDecision } from '../../../../../shared/ledger/review.ts';
import { reversalWrites, reviewWrites } from './review-writes.ts';
import { useLedgerWrite } from './useLedgerWrite.ts';

export interface ReviewResult {
  readonly reviewed: number;
  /** Entries the shared review refused, with why (own entry, state changed …). */
  readonly refused: readonly { readonly eventId: string; readonly error: AppError }[];
}

/**
 * Review (审核) and correction (冲正) by the signed-in user. A staff account has no
 * resident record, so the reviewer's households are none; the shared review still refuses
 * the recorder's own entries.
 */
export function useReviewActions() {
  const { run } = useLedgerWrite();
  return useMemo(
    () => ({
      review: (eventIds: readonly string[], decision: ReviewDecision, note: string) =>
        run<ReviewResult>((ledger, ctx, place) => {
          const events: EventDoc[] = [];
          const missing: { eventId: string; error: AppError }[] = [];
          for (const eventId of eventIds) {
            const event = ledger.events.get(eventId);
            if (event === undefined)
              missing.push({ eventId, error: { code: 'ledger.state-changed' } });
            else events.push(event);
          }
          const outcome = reviewWrites(
            events,
            decision,
            note,
            { userId: ctx.userId, householdIds: [] },
            place,
            ctx,
          );
          return ok({
            writes: outcome.writes,
            value: {
              reviewed: outcome.reviewed.length,
              refused: [...missing, ...outcome.refused],
            },
          });
        }),
      reverse: (eventId: string, reason: string) =>
        run<string>((ledger, ctx, place) => {
          const target = ledger.events.get(eventId);
          if (target === undefined) return fail('ledger.state-changed');
          const built = reversalWrites(
            target,
            reason,
            ledger.figures.ledger(target.subjectType, target.subjectId),
            place,
            ctx,
          );
          if (!built.ok) return built;
          return ok({ writes: built.value.writes, value: built.value.reversal.id });
        }),
    }),
    [run],
  );
}
