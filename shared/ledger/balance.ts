/**
 * The ledger events that spend or reset the points balance. Both are system events,
 * created effective. A redemption debit is refused when it would take the balance below
 * zero; a year-close reset (积分清零) takes a subject's redeemable balance to zero where
 * the village resets yearly, and never touches the honour total or the score.
 */
import type { RedemptionDebitEvent, YearCloseResetEvent } from '../collections/events.ts';
import type { SettingsPolicy } from '../collections/policies.ts';
import { fail, ok, type Result } from '../errors.ts';
import { newBase, type LedgerContext } from './context.ts';
import type { EntrySubject } from './recording.ts';

/** Whether `cost` points can be spent from `balance` ('ledger.balance-insufficient' otherwise). */
export function checkRedemption(balance: number, cost: number): Result<true> {
  if (!Number.isInteger(cost) || cost < 1) return fail('ledger.quantity-invalid', { value: cost });
  if (cost > balance) return fail('ledger.balance-insufficient', { balance, cost });
  return ok(true);
}

/**
 * The debit of a redemption (兑换) by a household: `cost` points out of the household's
 * current balance (rollUpHousehold's `balance`), effective on `on`. A cancellation's
 * refund is a reversal of this event.
 */
export function redemptionDebit(
  household: EntrySubject,
  redemptionId: string,
  cost: number,
  balance: number,
  ctx: LedgerContext,
): Result<RedemptionDebitEvent> {
  if (household.type !== 'household') throw new RangeError('households redeem points');
  const allowed = checkRedemption(balance, cost);
  if (!allowed.ok) return allowed;
  return ok({
    ...newBase(household, ctx),
    kind: 'redemption-debit',
    subjectType: 'household',
    subjectId: household.id,
    householdId: household.id,
    points: -cost,
    occurredOn: ctx.today,
    note: '',
    status: 'effective',
    effectiveOn: ctx.today,
    redemptionId,
  });
}

/**
 * The year-close reset of one subject's redeemable balance as of the year's last day:
 * minus that balance, dated 31 December of `year`. None when the village does not reset
 * yearly or nothing is left to reset.
 */
export function yearCloseReset(
  subject: EntrySubject,
  balanceAtYearEnd: number,
  year: number,
  settings: Pick<SettingsPolicy, 'yearlyReset'>,
  ctx: LedgerContext,
): YearCloseResetEvent | undefined {
  if (!settings.yearlyReset || balanceAtYearEnd <= 0) return undefined;
  const closesOn = `${String(year).padStart(4, '0')}-12-31`;
  return {
    ...newBase(subject, ctx),
    kind: 'year-close-reset',
    subjectType: subject.type,
    subjectId: subject.id,
    householdId: subject.householdId,
    points: -balanceAtYearEnd,
    occurredOn: closesOn,
    note: '',
    status: 'effective',
    effectiveOn: closesOn,
    closesYear: year,
  };
}
