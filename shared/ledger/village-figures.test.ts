import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ObjectionCase } from '../collections/cases.ts';
import type { EventDoc, RuleEvent } from '../collections/events.ts';
import type { HouseholdDoc } from '../collections/households.ts';
import { addDays } from './dates.ts';
import { entry, householdOf, residentOf, TOWNSHIP, VILLAGE } from './fixtures/ledger.ts';
import { DEFAULT_SCORING_POLICY, figuresOf, scoreLedger } from './score.ts';
import { VillageFigures } from './village-figures.ts';

const START = '2024-01-01';
const PEOPLE = [
  residentOf('张三', 'R-1', 'H-1'),
  residentOf('李四', 'R-2', 'H-1'),
  residentOf('王五', 'R-3', 'H-2'),
];
const HOME = householdOf('0001', 'H-1');
const CODES = ['P-BLOOD', 'P-VOL-4H', 'N-LITTER', 'N-FIGHT', 'N-FRAUD-SUBSIDY'];

function objectionOf(target: RuleEvent, open: boolean, n: number): ObjectionCase {
  return {
    id: `C${String(n)}`,
    villageCode: VILLAGE,
    townshipCode: TOWNSHIP,
    createdAt: n,
    createdBy: 'u-reviewer',
    deviceId: 'dev',
    updatedAt: n,
    updatedBy: 'u-reviewer',
    kind: 'objection',
    subjectType: target.subjectType,
    subjectId: target.subjectId,
    targetType: 'event',
    targetId: target.id,
    reason: '异议',
    receivedOn: target.occurredOn,
    dueOn: addDays(target.occurredOn, 10),
    evidence: [],
    status: open ? 'verifying' : 'dismissed',
  };
}

const household: HouseholdDoc = {
  id: 'H-1',
  villageCode: VILLAGE,
  townshipCode: TOWNSHIP,
  createdAt: 0,
  createdBy: 'u',
  deviceId: 'dev',
  updatedAt: 0,
  updatedBy: 'u',
  householdNo: '0001',
  members: [
    { residentId: 'R-1', relation: 'head', from: '2000-01-01' },
    { residentId: 'R-2', relation: 'spouse', from: '2000-01-01' },
  ],
} as unknown as HouseholdDoc;

const ledgerArb = fc
  .array(
    fc.record({
      who: fc.integer({ min: 0, max: PEOPLE.length }),
      code: fc.constantFrom(...CODES),
      day: fc.integer({ min: 0, max: 700 }),
      status: fc.constantFrom('effective', 'effective', 'submitted', 'in-notice' as const),
      objection: fc.constantFrom('none', 'none', 'open', 'dismissed'),
    }),
    { maxLength: 30 },
  )
  .map((specs) => {
    const events: EventDoc[] = [];
    const cases: ObjectionCase[] = [];
    specs.forEach((spec, i) => {
      const who = PEOPLE[spec.who] ?? HOME;
      const code = who === HOME ? 'P-VOL-4H' : spec.code;
      const event = entry(who, code, addDays(START, spec.day), {
        id: `E${String(i).padStart(3, '0')}`,
        status: spec.status as RuleEvent['status'],
      });
      events.push(event);
      if (spec.objection !== 'none') cases.push(objectionOf(event, spec.objection === 'open', i));
    });
    return { events, cases };
  });

function sameFigures(a: VillageFigures, b: VillageFigures): void {
  for (const who of [...PEOPLE, HOME])
    expect(a.figures(who.type, who.id)).toEqual(b.figures(who.type, who.id));
  expect(a.household(household)).toEqual(b.household(household));
}

describe('VillageFigures', () => {
  it('applied one document at a time, in any order, equals the rebuild', () => {
    fc.assert(
      fc.property(
        ledgerArb,
        fc.integer({ min: 0, max: 900 }),
        fc.func(fc.integer()),
        (ledger, at, order) => {
          const asOf = addDays(START, at);
          const rebuilt = VillageFigures.build(
            ledger.events,
            ledger.cases,
            DEFAULT_SCORING_POLICY,
            asOf,
          );
          const docs = [...ledger.events, ...ledger.cases]
            .map((doc, i) => ({ doc, key: order(i) }))
            .sort((a, b) => a.key - b.key)
            .map(({ doc }) => doc);
          const incremental = VillageFigures.build([], [], DEFAULT_SCORING_POLICY, asOf);
          for (const doc of docs) incremental.apply([doc]);
          sameFigures(incremental, rebuilt);
        },
      ),
      { numRuns: 120 },
    );
  });

  it('moving the date on rescores to the same figures as a rebuild on that date', () => {
    fc.assert(
      fc.property(
        ledgerArb,
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 900 }),
        (ledger, from, by) => {
          const figures = VillageFigures.build(
            ledger.events,
            ledger.cases,
            DEFAULT_SCORING_POLICY,
            addDays(START, from),
          );
          const later = addDays(START, from + by);
          figures.advanceTo(later);
          sameFigures(
            figures,
            VillageFigures.build(ledger.events, ledger.cases, DEFAULT_SCORING_POLICY, later),
          );
        },
      ),
      { numRuns: 120 },
    );
  });

  it('a new event touches only its own subject', () => {
    const figures = VillageFigures.build(
      [entry(PEOPLE[0]!, 'P-BLOOD', '2024-03-01'), entry(PEOPLE[2]!, 'N-LITTER', '2024-03-02')],
      [],
      DEFAULT_SCORING_POLICY,
      '2024-06-01',
    );
    const before = figures.figures('resident', 'R-3');
    const touched = figures.apply([entry(PEOPLE[0]!, 'P-VOL-4H', '2024-04-01')]);
    expect([...touched]).toEqual(['resident:R-1']);
    expect(figures.figures('resident', 'R-3')).toBe(before);
    const one = figures.score('resident', 'R-1');
    expect(figures.figures('resident', 'R-1')).toEqual(figuresOf(one, DEFAULT_SCORING_POLICY));
  });

  it('an objection held against an event stops it counting until dismissed', () => {
    const event = entry(PEOPLE[0]!, 'P-BLOOD', '2024-03-01');
    const figures = VillageFigures.build([event], [], DEFAULT_SCORING_POLICY, '2024-06-01');
    const counted = figures.figures('resident', 'R-1').score;
    figures.apply([objectionOf(event, true, 1)]);
    expect(figures.figures('resident', 'R-1').score).toBe(counted - event.points);
    expect(figures.score('resident', 'R-1').notCounted.map((n) => n.reason)).toEqual([
      'under-objection',
    ]);
    figures.apply([{ ...objectionOf(event, false, 1), updatedAt: 5 }]);
    expect(figures.figures('resident', 'R-1').score).toBe(counted);
  });

  it('a subject without events has the base figures', () => {
    const figures = VillageFigures.build([], [], DEFAULT_SCORING_POLICY, '2024-06-01');
    expect(figures.figures('resident', 'R-9').score).toBe(DEFAULT_SCORING_POLICY.base);
    expect(figures.score('resident', 'R-9')).toEqual(
      scoreLedger(figures.ledger('resident', 'R-9'), DEFAULT_SCORING_POLICY, '2024-06-01'),
    );
  });
});
