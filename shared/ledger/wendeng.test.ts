/**
 * Examples from the Wendeng rules (the packaged defaults): the figures a township checks by
 * hand on paper ledgers.
 */
import { describe, expect, it } from 'vitest';
import type { EventDoc } from '../collections/events.ts';
import { householdSample } from '../collections/fixtures/samples.ts';
import type { HouseholdDoc } from '../collections/households.ts';
import { addDays, addMonths } from './dates.ts';
import { context, entry, householdOf, repairAdjustment, residentOf } from './fixtures/ledger.ts';
import { redemptionDebit, yearCloseReset } from './balance.ts';
import { reversalOf } from './review.ts';
import {
  DEFAULT_SCORING_POLICY,
  householdMembersOn,
  rollUpHousehold,
  figuresOf,
  scoreSubject,
  scoringPolicy,
} from './score.ts';
import { defaultTierScheme } from './templates.ts';

const zhang = residentOf('张三', 'R-ZHANG');

function score(events: readonly EventDoc[], asOf: string, policy = DEFAULT_SCORING_POLICY) {
  return scoreSubject('resident', 'R-ZHANG', events, [], policy, asOf);
}

describe('Wendeng rules: repeats', () => {
  it('doubles a repeat of the same breach within its validity', () => {
    const first = entry(zhang, 'N-LITTER', '2025-01-10');
    const second = entry(zhang, 'N-LITTER', '2025-06-01');
    const result = score([first, second], '2025-06-30');
    expect(result.score).toBe(1000 - 5 - 10);
    expect(result.counted.map((c) => [c.eventId, c.points, c.multiplier, c.contribution])).toEqual([
      [first.id, -5, 1, -5],
      [second.id, -5, 2, -10],
    ]);
    expect(result.counted[1]?.repeatOf).toBe(first.id);
  });

  it('does not double a breach after the earlier one’s validity, or when the earlier one was reversed', () => {
    const first = entry(zhang, 'N-LITTER', '2024-01-10');
    const later = entry(zhang, 'N-LITTER', '2025-02-01');
    expect(score([first, later], '2025-02-01').counted.map((c) => c.multiplier)).toEqual([1]);
    const recent = entry(zhang, 'N-LITTER', '2025-03-01');
    const reversal = reversalOf(first, '登记错误', 'effective', undefined, context('2024-02-01'));
    const again = entry(zhang, 'N-LITTER', '2024-06-01');
    const result = score([first, reversal, again, recent], '2025-03-01');
    expect(result.counted.map((c) => [c.occurredOn, c.multiplier])).toEqual([
      ['2024-06-01', 1],
      ['2025-03-01', 2],
    ]);
  });

  it('counts an expired breach no longer, and says so', () => {
    const breach = entry(zhang, 'N-FIGHT', '2024-05-01');
    expect(score([breach], '2025-05-01').score).toBe(990);
    const after = score([breach], '2025-05-02');
    expect(after.score).toBe(1000);
    expect(after.notCounted).toMatchObject([{ eventId: breach.id, reason: 'expired' }]);
  });
});

describe('Wendeng rules: direct ratings', () => {
  const honour = entry(zhang, 'P-HONOR-PROV', '2024-01-10'); // +60, 36 months
  const fraud = entry(zhang, 'N-FRAUD-SUBSIDY', '2024-03-01'); // -50, B, 24 months

  it('keeps a B direct rating’s tier at B or below for 24 months, then lifts it', () => {
    const bonusDuring = entry(zhang, 'P-MARROW', '2025-01-01'); // +50 during the breach
    const events = [honour, fraud, bonusDuring];
    for (let month = 0; month < 24; month++) {
      const asOf = addMonths('2024-03-01', month);
      const result = score(events, asOf);
      expect(['B', 'C', 'D'], asOf).toContain(result.tier);
    }
    const lastDay = score(events, '2026-03-01');
    expect(lastDay).toMatchObject({ score: 1060, tier: 'B', uncappedTier: 'AAA' });
    expect(lastDay.caps).toEqual([
      {
        eventId: fraud.id,
        ruleCode: 'N-FRAUD-SUBSIDY',
        tier: 'B',
        from: '2024-03-01',
        until: '2026-03-01',
      },
    ]);
    expect(lastDay.nextChangeOn).toBe('2026-03-02');
    const lifted = score(events, '2026-03-02');
    expect(lifted).toMatchObject({ score: 1110, tier: 'AAA', caps: [] });
  });

  it('lets bonuses during an uncorrected breach count in the score but not lift the tier', () => {
    const breaches = [
      entry(zhang, 'N-ELDER-ABUSE', '2025-01-05'),
      entry(zhang, 'N-FALSE-INFO', '2025-01-20'),
      entry(zhang, 'N-FRAUD-SUBSIDY', '2025-02-01'),
      entry(zhang, 'N-RUMOR', '2025-02-10'),
    ];
    expect(score(breaches, '2025-02-28')).toMatchObject({ score: 800, tier: 'C' });
    const marrow = entry(zhang, 'P-MARROW', '2025-03-01');
    const during = score([...breaches, marrow], '2025-03-31');
    expect(during).toMatchObject({ score: 850, tierScore: 800, uncappedTier: 'B', tier: 'C' });
    expect(during.counted.find((c) => c.eventId === marrow.id)).toMatchObject({
      contribution: 50,
      liftsTier: false,
    });

    // Once the breach is repaired (a smaller deduction for a monitoring period), bonuses lift.
    const [, , fraudEntry] = breaches;
    if (fraudEntry === undefined) throw new Error('missing');
    const repaired = repairAdjustment(fraudEntry, 25, '2025-04-01', '2025-12-01');
    const afterRepair = score([...breaches, marrow, repaired], '2025-04-01');
    expect(afterRepair).toMatchObject({ score: 875, tierScore: 875, tier: 'B', caps: [] });
    // After monitoring the repaired deduction no longer counts at all.
    const monitored = score([...breaches, marrow, repaired], '2025-12-02');
    expect(monitored.score).toBe(900);
    expect(monitored.notCounted.map((n) => [n.eventId, n.reason])).toEqual([
      [fraudEntry.id, 'repaired'],
      [repaired.id, 'expired'],
    ]);
  });

  it('lets bonuses from before the breach keep lifting the numeric tier under the cap', () => {
    const before = entry(zhang, 'P-MARROW', '2024-02-01');
    const result = score([before, fraud], '2024-06-01');
    expect(result.counted.every((c) => c.liftsTier)).toBe(true);
    expect(result).toMatchObject({ score: 1000, tierScore: 1000, tier: 'B' });
  });

  it('caps at D for 60 months after a judgment-debtor listing', () => {
    const debtor = entry(zhang, 'N-DEBTOR', '2020-06-01');
    const honours = [1, 2, 3].map((n) => entry(zhang, 'P-HONOR-NATION', `202${n}-01-01`));
    expect(score([debtor, ...honours], '2025-06-01').tier).toBe('D');
    expect(score([debtor, ...honours], '2025-06-02').tier).toBe('AAA');
  });
});

describe('points balance and honour total', () => {
  const home = householdOf('0105', 'H-0105');

  it('spends and resets the balance, never below zero, while the honour total stays', () => {
    const earned = [
      entry(zhang, 'P-BLOOD', '2025-02-01'),
      entry(zhang, 'P-HONOR-COUNTY', '2025-05-01'),
    ];
    const breach = entry(zhang, 'N-LITTER', '2025-06-01');
    const plain = score([...earned, breach], '2025-12-31');
    expect(plain).toMatchObject({ balance: 30, honourTotal: 30, score: 1025 });
    const strict = scoringPolicy(defaultTierScheme(), {
      deductionsAgainstBalance: true,
      rollUp: 'sum',
    });
    expect(score([...earned, breach], '2025-12-31', strict)).toMatchObject({
      balance: 25,
      honourTotal: 30,
    });

    const reset = yearCloseReset(
      zhang,
      plain.balance,
      2025,
      { yearlyReset: true },
      context('2026-01-02'),
    );
    if (reset === undefined) throw new Error('no reset');
    expect(reset).toMatchObject({ points: -30, occurredOn: '2025-12-31', closesYear: 2025 });
    expect(
      yearCloseReset(zhang, 30, 2025, { yearlyReset: false }, context('2026-01-02')),
    ).toBeUndefined();
    const afterClose = score([...earned, breach, reset], '2026-01-02');
    expect(afterClose).toMatchObject({ balance: 0, honourTotal: 30, score: 1025 });
  });

  it('refuses a redemption beyond the household’s balance and refunds by reversal', () => {
    const own = [entry(home, 'P-LAND', '2025-03-01'), entry(home, 'P-HYGIENE', '2025-04-01')];
    const ctx = context('2025-05-01');
    const balance = scoreSubject(
      'household',
      'H-0105',
      own,
      [],
      DEFAULT_SCORING_POLICY,
      '2025-05-01',
    ).balance;
    expect(balance).toBe(15);
    expect(redemptionDebit(home, 'RD-1', 16, balance, ctx)).toEqual({
      ok: false,
      error: { code: 'ledger.balance-insufficient', params: { balance: 15, cost: 16 } },
    });
    const debit = redemptionDebit(home, 'RD-1', 15, balance, ctx);
    if (!debit.ok) throw new Error(debit.error.code);
    const spent = scoreSubject(
      'household',
      'H-0105',
      [...own, debit.value],
      [],
      DEFAULT_SCORING_POLICY,
      '2025-05-01',
    );
    expect(spent).toMatchObject({ balance: 0, honourTotal: 15, score: 1015 });
    const refund = reversalOf(debit.value, '取消兑换', 'effective', undefined, ctx);
    const refunded = scoreSubject(
      'household',
      'H-0105',
      [...own, debit.value, refund],
      [],
      DEFAULT_SCORING_POLICY,
      '2025-05-01',
    );
    expect(refunded.balance).toBe(15);
  });

  it('rolls a household up by sum, per-capita average or head only', () => {
    const members = {
      householdId: 'H-0105',
      memberIds: ['R-ZHANG', 'R-SPOUSE', 'R-CHILD'],
      headId: 'R-ZHANG',
    };
    const spouse = residentOf('李梅', 'R-SPOUSE');
    const memberEvents = [
      entry(zhang, 'P-BLOOD', '2025-02-01'),
      entry(spouse, 'P-HONOR-TOWN', '2025-02-01'),
      entry(spouse, 'N-LITTER', '2025-03-01'),
    ];
    const householdEvents = [entry(home, 'P-YARD', '2025-03-01')];
    const figures = (rollUp: 'sum' | 'per-capita' | 'head-only') => {
      const policy = scoringPolicy(defaultTierScheme(), {
        deductionsAgainstBalance: false,
        rollUp,
      });
      const byMember = new Map(
        members.memberIds.map((id) => [
          id,
          figuresOf(scoreSubject('resident', id, memberEvents, [], policy, '2025-04-01'), policy),
        ]),
      );
      const own = figuresOf(
        scoreSubject('household', 'H-0105', householdEvents, [], policy, '2025-04-01'),
        policy,
      );
      return rollUpHousehold(members, byMember, own, policy);
    };
    // Changes from base: 张三 +10, 李梅 +5 -5 = 0, child 0; household +1; balances 10, 5, 0 (+1).
    expect(figures('sum')).toMatchObject({ score: 1011, balance: 16, honourTotal: 16 });
    expect(figures('per-capita')).toMatchObject({
      score: 1000 + 3 + 1,
      balance: 5 + 1,
      honourTotal: 6,
    });
    expect(figures('head-only')).toMatchObject({
      score: 1011,
      balance: 11,
      includedIds: ['R-ZHANG'],
    });
  });

  it('reads the household’s members and head on a date from its membership history', () => {
    const household: HouseholdDoc = {
      ...householdSample,
      id: 'H-0105',
      members: [
        { residentId: 'R-ZHANG', relation: 'head', from: '1995-01-01', to: '2024-06-01' },
        { residentId: 'R-ZHANG', relation: 'parent', from: '2024-06-01' },
        { residentId: 'R-SON', relation: 'child', from: '1996-08-20', to: '2024-06-01' },
        { residentId: 'R-SON', relation: 'head', from: '2024-06-01' },
      ],
    };
    expect(householdMembersOn(household, '2024-05-31')).toEqual({
      householdId: 'H-0105',
      memberIds: ['R-ZHANG', 'R-SON'],
      headId: 'R-ZHANG',
    });
    expect(householdMembersOn(household, '2024-06-01').headId).toBe('R-SON');
    expect(addDays('2024-05-31', 1)).toBe('2024-06-01');
  });
});
