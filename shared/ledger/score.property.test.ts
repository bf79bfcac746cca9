/**
 * Property-based tests of the scoring engine (issue 5, acceptance 1), over random ledgers
 * of the Wendeng rules: any mix of statuses, late effects, reversals, objections open or
 * decided, repairs and year-close resets, scored as of any date.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ObjectionCase } from '../collections/cases.ts';
import type { EventDoc, EventStatus, RuleEvent } from '../collections/events.ts';
import { redemptionDebit, yearCloseReset } from './balance.ts';
import { addDays, addMonths } from './dates.ts';
import {
  entry,
  householdOf,
  libraryRule,
  repairAdjustment,
  residentOf,
} from './fixtures/ledger.ts';
import { reversalOf } from './review.ts';
import type { LedgerContext } from './context.ts';
import {
  applyToLedger,
  buildLedgers,
  DEFAULT_SCORING_POLICY,
  emptyLedger,
  figuresHoldOn,
  figuresOf,
  rollUpHousehold,
  scoreLedger,
  scoringPolicy,
  subjectKey,
  tierOf,
  type ScoringPolicy,
  type SubjectFigures,
  type SubjectLedger,
  type SubjectScore,
} from './score.ts';
import { defaultTierScheme } from './templates.ts';

const RUNS = { numRuns: 150 };
const START = '2022-01-01';
// Acts over two years, scored mostly while many of them are in force.
const SPAN_DAYS = 2 * 365;

const BONUS_CODES = [
  'P-BLOOD',
  'P-VOL-4H',
  'P-HONOR-PROV',
  'P-MARROW',
  'P-BRAVE',
  'P-HONOR-NATION',
];
const BREACH_CODES = ['N-LITTER', 'N-FIGHT', 'N-TREE-CUT', 'N-ELDER-ABUSE'];
const DIRECT_CODES = ['N-FRAUD-SUBSIDY', 'N-CULT', 'N-DEBTOR', 'N-DETENTION'];
const CODES = [...BONUS_CODES, ...BREACH_CODES, ...DIRECT_CODES];

const policies: readonly ScoringPolicy[] = [
  DEFAULT_SCORING_POLICY,
  scoringPolicy(defaultTierScheme(), { deductionsAgainstBalance: true, rollUp: 'sum' }),
];

const day = fc.integer({ min: 0, max: SPAN_DAYS }).map((n) => addDays(START, n));
const asOfArb = fc.integer({ min: 120, max: SPAN_DAYS + 400 }).map((n) => addDays(START, n));

// Mostly effective entries; every other state now and then.
const statusArb: fc.Arbitrary<EventStatus> = fc.oneof(
  { arbitrary: fc.constant('effective' as const), weight: 12 },
  {
    arbitrary: fc.constantFrom<EventStatus>(
      'submitted',
      'approved',
      'in-notice',
      'confirmed',
      'rejected',
      'annulled',
    ),
    weight: 4,
  },
);

interface Spec {
  readonly code: string;
  readonly occurredOn: string;
  readonly lag: number;
  readonly status: EventStatus;
  readonly quantity: number;
}

const specArb: fc.Arbitrary<Spec> = fc.record({
  code: fc.constantFrom(...CODES),
  occurredOn: day,
  lag: fc.integer({ min: 0, max: 40 }),
  status: statusArb,
  quantity: fc.integer({ min: 1, max: 3 }),
});

const subject = residentOf('张三', 'R-P');
const home = householdOf('0105', 'H-0105');

function ctxOn(date: string, n: number): LedgerContext {
  return {
    now: Date.UTC(2030, 0, 1),
    today: date,
    userId: 'u-prop',
    deviceId: 'dev-prop',
    newId: () => `X${String(n).padStart(6, '0')}`,
  };
}

function eventOf(spec: Spec, index: number, who = subject): RuleEvent {
  return entry(who, spec.code, spec.occurredOn, {
    id: `E${who.id}${String(index).padStart(4, '0')}`,
    quantity: spec.quantity,
    status: spec.status,
    effectiveOn: addDays(spec.occurredOn, spec.lag),
  });
}

interface Extra {
  readonly target: number;
  readonly lag: number;
  readonly flag: boolean;
}

const extraArb: fc.Arbitrary<Extra> = fc.record({
  target: fc.nat(),
  lag: fc.integer({ min: 0, max: 500 }),
  flag: fc.boolean(),
});

interface Ledger {
  readonly events: readonly EventDoc[];
  readonly objections: readonly ObjectionCase[];
}

/** Rule entries plus reversals, objections (open or decided), repairs and resets. */
const ledgerArb: fc.Arbitrary<Ledger> = fc
  .record({
    specs: fc.array(specArb, { maxLength: 25 }),
    reversals: fc.array(extraArb, { maxLength: 4 }),
    objections: fc.array(extraArb, { maxLength: 4 }),
    repairs: fc.array(extraArb, { maxLength: 3 }),
    resets: fc.array(fc.record({ on: day, cost: fc.integer({ min: 1, max: 40 }) }), {
      maxLength: 3,
    }),
  })
  .map(({ specs, reversals, objections, repairs, resets }) => {
    const rules = specs.map((spec, i) => eventOf(spec, i));
    const events: EventDoc[] = [...rules];
    let n = 0;
    const pick = (extra: Extra): RuleEvent | undefined =>
      rules.length === 0 ? undefined : rules[extra.target % rules.length];
    for (const extra of reversals) {
      const target = pick(extra);
      if (target === undefined || target.status !== 'effective') continue;
      const on = addDays(target.effectiveOn ?? target.occurredOn, extra.lag);
      events.push(
        reversalOf(
          target,
          '冲正',
          extra.flag ? 'effective' : 'submitted',
          undefined,
          ctxOn(on, n++),
        ),
      );
    }
    const cases: ObjectionCase[] = [];
    for (const extra of objections) {
      const target = pick(extra);
      if (target === undefined) continue;
      const receivedOn = addDays(target.occurredOn, extra.lag % 60);
      const decided = extra.flag;
      cases.push({
        id: `C${String(n++).padStart(6, '0')}`,
        villageCode: target.villageCode,
        townshipCode: target.townshipCode,
        createdAt: 0,
        createdBy: 'u-prop',
        deviceId: 'dev-prop',
        updatedAt: 0,
        updatedBy: 'u-prop',
        kind: 'objection',
        subjectType: target.subjectType,
        subjectId: target.subjectId,
        targetType: 'event',
        targetId: target.id,
        reason: '异议',
        receivedOn,
        dueOn: addDays(receivedOn, 10),
        evidence: [],
        status: decided ? 'dismissed' : 'verifying',
        ...(decided
          ? {
              decision: {
                outcome: 'dismissed',
                note: '',
                by: 'u-prop',
                at: Date.parse(`${addDays(receivedOn, extra.lag % 30)}T04:00:00Z`),
              },
            }
          : {}),
      });
    }
    for (const extra of repairs) {
      const target = pick(extra);
      if (target === undefined || target.kind !== 'deduction') continue;
      const on = addDays(target.occurredOn, extra.lag % 200);
      events.push(repairAdjustment(target, Math.ceil(-target.points / 2), on, addMonths(on, 6)));
    }
    resets.forEach(({ on, cost }) => {
      const reset = yearCloseReset(
        subject,
        cost,
        Number(on.slice(0, 4)),
        { yearlyReset: true },
        ctxOn(on, n++),
      );
      if (reset !== undefined) events.push(reset);
    });
    return { events, objections: cases };
  });

function ledgerOf(ledger: Ledger, who = subject): SubjectLedger {
  return (
    buildLedgers(ledger.events, ledger.objections).get(subjectKey(who.type, who.id)) ??
    emptyLedger(who.type, who.id)
  );
}

function score(ledger: Ledger, policy: ScoringPolicy, asOf: string): SubjectScore {
  return scoreLedger(ledgerOf(ledger), policy, asOf);
}

/** The figures a person reads (the explanation's extra rows aside). */
function figures(s: SubjectScore) {
  return {
    score: s.score,
    tierScore: s.tierScore,
    tier: s.tier,
    uncappedTier: s.uncappedTier,
    caps: s.caps,
    balance: s.balance,
    honourTotal: s.honourTotal,
    balanceDetail: s.balanceDetail,
    counted: s.counted,
  };
}

function rank(tier: string): number {
  return DEFAULT_SCORING_POLICY.bands.findIndex((b) => b.tier === tier);
}

function shuffle<T>(items: readonly T[], keys: readonly number[]): T[] {
  return items
    .map((item, i) => ({ item, key: keys[i % Math.max(1, keys.length)] ?? 0, i }))
    .sort((a, b) => a.key - b.key || a.i - b.i)
    .map(({ item }) => item);
}

describe('the scoring engine (properties)', () => {
  it('gives a score equal to base plus the sum of the counted events, explaining every event once', () => {
    fc.assert(
      fc.property(ledgerArb, asOfArb, fc.constantFrom(...policies), (ledger, asOf, policy) => {
        const s = score(ledger, policy, asOf);
        const sum = s.counted.reduce((total, c) => total + c.contribution, 0);
        expect(s.score).toBe(policy.base + sum);
        const heldBack = s.counted
          .filter((c) => !c.liftsTier)
          .reduce((t, c) => t + c.contribution, 0);
        expect(s.tierScore).toBe(s.score - heldBack);
        for (const c of s.counted) expect(c.contribution).toBe(c.points * c.multiplier);
        const explained = [...s.counted, ...s.notCounted].map((e) => e.eventId).sort();
        expect(explained).toEqual(ledger.events.map((e) => e.id).sort());
        expect(s.balance).toBeGreaterThanOrEqual(0);
      }),
      RUNS,
    );
  });

  it('never counts an expired event', () => {
    fc.assert(
      fc.property(ledgerArb, asOfArb, (ledger, asOf) => {
        const s = score(ledger, DEFAULT_SCORING_POLICY, asOf);
        for (const c of s.counted) expect(asOf <= c.expiresOn, c.eventId).toBe(true);
        for (const n of s.notCounted)
          if (n.reason === 'expired')
            expect(n.expiresOn !== undefined && asOf > n.expiresOn).toBe(true);
      }),
      RUNS,
    );
  });

  it('gives the same result whatever the order of the events and objections', () => {
    fc.assert(
      fc.property(
        ledgerArb,
        asOfArb,
        fc.array(fc.integer(), { minLength: 1, maxLength: 60 }),
        (ledger, asOf, keys) => {
          const shuffled = {
            events: shuffle(ledger.events, keys),
            objections: shuffle(ledger.objections, [...keys].reverse()),
          };
          expect(score(shuffled, DEFAULT_SCORING_POLICY, asOf)).toEqual(
            score(ledger, DEFAULT_SCORING_POLICY, asOf),
          );
        },
      ),
      RUNS,
    );
  });

  it('restores the previous figures when an event is reversed', () => {
    fc.assert(
      fc.property(
        ledgerArb,
        specArb,
        fc.integer({ min: 0, max: 400 }),
        asOfArb,
        fc.constantFrom(...policies),
        (ledger, spec, lag, asOf, policy) => {
          const added = eventOf({ ...spec, status: 'effective' }, 9999);
          const reversedOn = addDays(added.effectiveOn ?? added.occurredOn, lag);
          fc.pre(reversedOn <= asOf);
          const reversal = reversalOf(
            added,
            '冲正',
            'effective',
            undefined,
            ctxOn(reversedOn, 999_999),
          );
          const withBoth = { ...ledger, events: [...ledger.events, added, reversal] };
          expect(figures(score(withBoth, policy, asOf))).toEqual(
            figures(score(ledger, policy, asOf)),
          );
        },
      ),
      RUNS,
    );
  });

  it('caps the tier at a direct rating in force, whatever bonuses follow', () => {
    fc.assert(
      fc.property(
        ledgerArb,
        fc.constantFrom(...DIRECT_CODES),
        day,
        fc.array(
          fc.record({
            code: fc.constantFrom(...BONUS_CODES),
            on: day,
            quantity: fc.integer({ min: 1, max: 3 }),
          }),
          {
            maxLength: 30,
          },
        ),
        fc.integer({ min: 0, max: 1800 }),
        (ledger, code, occurredOn, bonuses, offset) => {
          const breach = eventOf(
            { code, occurredOn, lag: 0, status: 'effective', quantity: 1 },
            8888,
          );
          const rating = libraryRule(code).directRating;
          if (rating === undefined) throw new Error('not a direct rating');
          const months = DEFAULT_SCORING_POLICY.directRatingMonths[rating] ?? 0;
          const asOf = addDays(occurredOn, offset);
          fc.pre(asOf <= addMonths(occurredOn, months));
          const bonusEvents = bonuses.map((b, i) =>
            eventOf(
              { code: b.code, occurredOn: b.on, lag: 0, status: 'effective', quantity: b.quantity },
              7000 + i,
            ),
          );
          const s = score(
            { ...ledger, events: [...ledger.events, breach, ...bonusEvents] },
            DEFAULT_SCORING_POLICY,
            asOf,
          );
          expect(rank(s.tier)).toBeGreaterThanOrEqual(rank(rating));
          expect(s.caps.map((c) => c.eventId)).toContain(breach.id);
        },
      ),
      RUNS,
    );
  });

  it('lets no sequence of redemptions take the balance below zero', () => {
    type Step =
      | { readonly op: 'earn'; readonly code: string }
      | { readonly op: 'breach' }
      | { readonly op: 'redeem'; readonly cost: number }
      | { readonly op: 'refund'; readonly which: number };
    const stepArb: fc.Arbitrary<Step> = fc.oneof(
      fc.record({
        op: fc.constant('earn' as const),
        code: fc.constantFrom('P-YARD', 'P-HYGIENE', 'P-LAND', 'P-DEMOLISH'),
      }),
      fc.record({ op: fc.constant('breach' as const) }),
      fc.record({ op: fc.constant('redeem' as const), cost: fc.integer({ min: 1, max: 30 }) }),
      fc.record({ op: fc.constant('refund' as const), which: fc.nat() }),
    );
    fc.assert(
      fc.property(
        fc.array(stepArb, { maxLength: 40 }),
        fc.constantFrom(...policies),
        (steps, policy) => {
          const events: EventDoc[] = [];
          const debits: EventDoc[] = [];
          const refunded = new Set<string>();
          steps.forEach((step, i) => {
            const today = addDays('2025-01-01', i);
            const ctx = ctxOn(today, i);
            const current = (): SubjectScore =>
              scoreLedger(ledgerOf({ events, objections: [] }, home), policy, today);
            if (step.op === 'earn')
              events.push(
                eventOf(
                  { code: step.code, occurredOn: today, lag: 0, status: 'effective', quantity: 1 },
                  i,
                  home,
                ),
              );
            else if (step.op === 'breach')
              events.push(
                eventOf(
                  { code: 'N-SEWAGE', occurredOn: today, lag: 0, status: 'effective', quantity: 1 },
                  i,
                  home,
                ),
              );
            else if (step.op === 'redeem') {
              const { balance } = current();
              const debit = redemptionDebit(home, `RD${String(i)}`, step.cost, balance, ctx);
              expect(debit.ok).toBe(step.cost <= balance);
              if (debit.ok) {
                events.push(debit.value);
                debits.push(debit.value);
              }
            } else {
              const debit = debits[step.which % Math.max(1, debits.length)];
              if (debit !== undefined && !refunded.has(debit.id)) {
                refunded.add(debit.id);
                events.push(reversalOf(debit, '取消兑换', 'effective', undefined, ctx));
              }
            }
            const after = current();
            expect(after.balance).toBeGreaterThanOrEqual(0);
            if (!policy.deductionsAgainstBalance)
              expect(after.balanceDetail.raw).toBeGreaterThanOrEqual(0);
          });
        },
      ),
      RUNS,
    );
  });
});

describe('incremental figures', () => {
  /** Each effective event arrives in every version it went through; objections too. */
  function versions(ledger: Ledger): (EventDoc | ObjectionCase)[] {
    const docs: (EventDoc | ObjectionCase)[] = [];
    for (const event of ledger.events) {
      if (event.kind === 'accrual' || event.kind === 'deduction') {
        const path: EventStatus[] =
          event.status === 'effective'
            ? ['submitted', 'approved', 'in-notice', 'effective']
            : ['submitted', event.status];
        path.forEach((status, step) => {
          const { effectiveOn: _e, ...rest } = event;
          docs.push(
            status === 'effective'
              ? { ...event, updatedAt: event.updatedAt + step }
              : { ...rest, status, updatedAt: event.updatedAt + step },
          );
        });
      } else docs.push(event);
    }
    for (const objection of ledger.objections) {
      if (objection.status !== 'verifying') {
        const { decision: _d, ...open } = objection;
        docs.push({ ...open, status: 'received' });
      }
      docs.push(objection);
    }
    return docs;
  }

  it('folds documents one at a time, in any order and any version order, to the rebuilt figures', () => {
    fc.assert(
      fc.property(
        ledgerArb,
        asOfArb,
        fc.array(fc.integer(), { minLength: 1, maxLength: 80 }),
        (ledger, asOf, keys) => {
          const docs = shuffle(versions(ledger), keys);
          let state = emptyLedger('resident', subject.id);
          let latest: SubjectFigures = figuresOf(
            scoreLedger(state, DEFAULT_SCORING_POLICY, asOf),
            DEFAULT_SCORING_POLICY,
          );
          for (const doc of docs)
            ({ ledger: state, figures: latest } = applyToLedger(
              state,
              doc,
              DEFAULT_SCORING_POLICY,
              asOf,
            ));
          const rebuilt = figuresOf(
            score(ledger, DEFAULT_SCORING_POLICY, asOf),
            DEFAULT_SCORING_POLICY,
          );
          expect(latest).toEqual(rebuilt);
          const rebuiltFromVersions = scoreLedger(
            buildLedgers(
              docs.flatMap((d) => (d.kind === 'objection' ? [] : [d])),
              docs.flatMap((d) => (d.kind === 'objection' ? [d] : [])),
            ).get(subjectKey('resident', subject.id)) ?? emptyLedger('resident', subject.id),
            DEFAULT_SCORING_POLICY,
            asOf,
          );
          expect(figuresOf(rebuiltFromVersions, DEFAULT_SCORING_POLICY)).toEqual(rebuilt);
        },
      ),
      RUNS,
    );
  });

  it('keeps cached figures valid until their next change date', () => {
    fc.assert(
      fc.property(ledgerArb, asOfArb, fc.integer({ min: 1, max: 800 }), (ledger, asOf, ahead) => {
        const now = score(ledger, DEFAULT_SCORING_POLICY, asOf);
        const later = addDays(asOf, ahead);
        const cached = figuresOf(now, DEFAULT_SCORING_POLICY);
        if (!figuresHoldOn(cached, later)) {
          expect(now.nextChangeOn !== undefined && later >= now.nextChangeOn).toBe(true);
          return;
        }
        const { asOf: _a, nextChangeOn: _n, ...stable } = cached;
        const {
          asOf: _b,
          nextChangeOn: _m,
          ...recomputed
        } = figuresOf(score(ledger, DEFAULT_SCORING_POLICY, later), DEFAULT_SCORING_POLICY);
        expect(recomputed).toEqual(stable);
      }),
      RUNS,
    );
  });

  it('updates one member and the household per event, agreeing with a rebuild of the household', () => {
    const members = [residentOf('甲', 'R-A'), residentOf('乙', 'R-B'), residentOf('丙', 'R-C')];
    const who = fc.constantFrom(...members, home);
    const docArb = fc.tuple(who, specArb).map(([w, spec]) => ({ who: w, spec }));
    fc.assert(
      fc.property(
        fc.array(docArb, { maxLength: 40 }),
        asOfArb,
        fc.constantFrom<'sum' | 'per-capita' | 'head-only'>('sum', 'per-capita', 'head-only'),
        (rows, asOf, rollUp) => {
          const policy = scoringPolicy(defaultTierScheme(), {
            deductionsAgainstBalance: false,
            rollUp,
          });
          const household = {
            householdId: home.id,
            memberIds: members.map((m) => m.id),
            headId: 'R-A',
          };
          const ledgers = new Map<string, SubjectLedger>();
          const cached = new Map<string, SubjectFigures>();
          const all: EventDoc[] = [];
          rows.forEach(({ who: w, spec }, i) => {
            const rule = libraryRule(spec.code);
            // Household rules for the household, personal rules for members.
            const target =
              rule.subject === 'household' ? home : w.type === 'household' ? (members[0] ?? w) : w;
            const event = eventOf(spec, i, target);
            all.push(event);
            const key = subjectKey(target.type, target.id);
            const { ledger, figures: f } = applyToLedger(
              ledgers.get(key) ?? emptyLedger(target.type, target.id),
              event,
              policy,
              asOf,
            );
            ledgers.set(key, ledger);
            cached.set(target.id, f);
          });
          const ownOf = (figs: ReadonlyMap<string, SubjectFigures>) =>
            figs.get(home.id) ??
            figuresOf(scoreLedger(emptyLedger('household', home.id), policy, asOf), policy);
          const incremental = rollUpHousehold(household, cached, ownOf(cached), policy);
          const rebuiltLedgers = buildLedgers(all);
          const rebuilt = new Map(
            [...rebuiltLedgers.values()].map(
              (l) => [l.subjectId, figuresOf(scoreLedger(l, policy, asOf), policy)] as const,
            ),
          );
          expect(incremental).toEqual(rollUpHousehold(household, rebuilt, ownOf(rebuilt), policy));
          expect(tierOf(policy, incremental.score)).toBe(incremental.uncappedTier);
        },
      ),
      { numRuns: 100 },
    );
  });
});
