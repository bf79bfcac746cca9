import { describe, expect, it } from 'vitest';
import type { EventDoc } from '../collections/events.ts';
import { context, entry, householdOf, residentOf } from './fixtures/ledger.ts';
import { heldIds, raiseObjection } from './notice.ts';
import { earnedInPeriod, periodOf, rankByFigure, totalBy } from './rankings.ts';
import { reversalOf } from './review.ts';
import { DEFAULT_SCORING_POLICY, scoreSubject, subjectKey } from './score.ts';

const zhang = residentOf('张三', 'R-1', 'H-1');
const li = residentOf('李四', 'R-2', 'H-1');
const wang = residentOf('王五', 'R-3', 'H-2');
const yard = householdOf('002', 'H-2');

const MARCH = periodOf('2025-03-15', 'month');
const YEAR = periodOf('2025-03-15', 'year');
const TODAY = '2025-06-30';

function bySubject(
  events: readonly EventDoc[],
  period = MARCH,
  asOf = TODAY,
  held = new Set<string>(),
) {
  return totalBy(earnedInPeriod(events, period, asOf, held), (e) =>
    subjectKey(e.subjectType, e.subjectId),
  );
}

describe('periods', () => {
  it('are calendar months and years, first and last day included', () => {
    expect(periodOf('2024-02-10', 'month')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(periodOf('2025-03-15', 'year')).toEqual({ from: '2025-01-01', to: '2025-12-31' });
  });
});

describe('points earned in a period', () => {
  it('adds up the bonuses that took effect in the period, not deductions or pending entries', () => {
    const events = [
      entry(zhang, 'P-BLOOD', '2025-03-01'), // +10 in March
      entry(zhang, 'P-VOL-4H', '2025-03-31'), // +1 on March's last day
      entry(zhang, 'N-LITTER', '2025-03-10'), // a deduction: not points earned
      entry(zhang, 'P-VOL-4H', '2025-02-28'), // February
      entry(li, 'P-BLOOD', '2025-03-05', { status: 'in-notice' }), // not effective yet
      // Acted in February, took effect in March after its notice: March's.
      entry(li, 'P-VOL-4H', '2025-02-20', { effectiveOn: '2025-03-02' }),
      entry(wang, 'P-BLOOD', '2025-03-20', { status: 'rejected' }),
    ];
    const totals = bySubject(events);
    expect(Object.fromEntries(totals)).toEqual({ 'resident:R-1': 11, 'resident:R-2': 1 });
  });

  it('takes out a bonus reversed by the date of the ranking, whenever the reversal came', () => {
    const blood = entry(zhang, 'P-BLOOD', '2025-03-01');
    const volunteer = entry(zhang, 'P-VOL-4H', '2025-03-02');
    const reversal = reversalOf(blood, '重复录入', 'effective', undefined, context('2025-05-10'));
    const pending = reversalOf(volunteer, '核实中', 'submitted', undefined, context('2025-05-11'));
    const events = [blood, volunteer, reversal, pending];
    expect(bySubject(events).get('resident:R-1')).toBe(1);
    // Asked before the reversal took effect, March still had both bonuses.
    expect(bySubject(events, MARCH, '2025-04-30').get('resident:R-1')).toBe(11);
    // May, when the reversal came, is not pushed below zero.
    expect(bySubject(events, periodOf('2025-05-01', 'month')).get('resident:R-1')).toBeUndefined();
  });

  it('leaves out a bonus held by an open objection', () => {
    const blood = entry(zhang, 'P-BLOOD', '2025-03-01');
    const objection = raiseObjection(
      blood,
      { reason: '未参加', receivedOn: '2025-03-05', dueOn: '2025-03-20', evidence: [] },
      new Set(),
      context(TODAY),
    );
    if (!objection.ok) throw new Error(objection.error.code);
    expect(bySubject([blood], MARCH, TODAY, new Set(heldIds([objection.value])))).toEqual(
      new Map(),
    );
  });

  it('adds up, from the first entry, to the honour total the engine gives', () => {
    const blood = entry(zhang, 'P-BLOOD', '2024-03-01');
    const events = [
      blood,
      entry(zhang, 'P-VOL-4H', '2024-07-01'),
      entry(zhang, 'P-VOL-4H', '2025-02-01'),
      entry(zhang, 'N-LITTER', '2025-01-10'),
      reversalOf(blood, '错录', 'effective', undefined, context('2025-01-05')),
      entry(li, 'P-BLOOD', '2025-06-01'),
      entry(li, 'P-BLOOD', '2025-06-29', { status: 'approved' }),
    ];
    const allTime = bySubject(events, { from: '2000-01-01', to: TODAY });
    for (const subject of [zhang, li]) {
      const score = scoreSubject('resident', subject.id, events, [], DEFAULT_SCORING_POLICY, TODAY);
      expect(allTime.get(subjectKey('resident', subject.id)) ?? 0).toBe(score.honourTotal);
    }
  });

  it('rolls a household’s points up from its members’ and its own bonuses', () => {
    const events = [
      entry(zhang, 'P-BLOOD', '2025-03-01'),
      entry(li, 'P-VOL-4H', '2025-03-02'),
      entry(yard, 'P-YARD', '2025-03-03'),
      entry(wang, 'P-BLOOD', '2025-03-04'),
    ];
    const households = totalBy(earnedInPeriod(events, YEAR, TODAY), (e) => e.householdId);
    expect(Object.fromEntries(households)).toEqual({ 'H-1': 11, 'H-2': 11 });
  });
});

describe('ranking', () => {
  const people = [
    { name: '赵', honour: 30 },
    { name: '钱', honour: 50 },
    { name: '孙', honour: 30 },
    { name: '李', honour: 10 },
    { name: '周', honour: 0 },
    { name: '吴', honour: 30 },
  ];
  const byName = (a: { name: string }, b: { name: string }) =>
    a.name.localeCompare(b.name, 'zh-CN');

  it('puts the highest first; equal figures share a rank and the next rank skips', () => {
    const ranked = rankByFigure(people, (p) => p.honour, { minimum: 1, tieOrder: byName });
    expect(ranked.map((r) => [r.rank, r.item.name, r.figure])).toEqual([
      [1, '钱', 50],
      [2, '孙', 30],
      [2, '吴', 30],
      [2, '赵', 30],
      [5, '李', 10],
    ]);
  });

  it('keeps a tie at the boundary of the top N whole', () => {
    const ranked = rankByFigure(people, (p) => p.honour, { top: 2, minimum: 1, tieOrder: byName });
    expect(ranked.map((r) => r.item.name)).toEqual(['钱', '孙', '吴', '赵']);
    expect(rankByFigure(people, (p) => p.honour, { top: 1 }).map((r) => r.item.name)).toEqual([
      '钱',
    ]);
  });

  it('ranks everyone, nothing earned included, when no minimum is given', () => {
    const ranked = rankByFigure(people, (p) => p.honour);
    expect(ranked).toHaveLength(people.length);
    expect(ranked.at(-1)).toEqual({ rank: 6, figure: 0, item: { name: '周', honour: 0 } });
  });
});
