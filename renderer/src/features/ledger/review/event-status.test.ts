import { describe, expect, it } from 'vitest';
import type { EventDoc } from '../../../../../shared/collections/events.ts';
import { context, entry, residentOf } from '../../../../../shared/ledger/fixtures/ledger.ts';
import { raiseObjection } from '../../../../../shared/ledger/notice.ts';
import { reversalOf } from '../../../../../shared/ledger/review.ts';
import { buildLedgers, type SubjectLedger } from '../../../../../shared/ledger/score.ts';
import { marksOf, stateOf } from './event-status.ts';
import {
  byRecording,
  NO_QUEUE_FILTERS,
  passesQueueFilters,
  reviewLists,
  type EntryRow,
} from './review-queue.ts';

const zhang = residentOf('张三', 'R-ZHANG', 'H-0105');
const TODAY = '2025-06-01';

function subjectOf(events: readonly EventDoc[], cases: Parameters<typeof buildLedgers>[1] = []) {
  const ledger = buildLedgers(events, cases).get('resident:R-ZHANG');
  if (ledger === undefined) throw new Error('no ledger');
  return ledger;
}

function state(event: EventDoc, subject: SubjectLedger) {
  return stateOf(event, marksOf(subject), TODAY);
}

describe('an entry’s state as every screen shows it', () => {
  it('reads 异议处理中 while an open objection holds the entry, and the status again once decided', () => {
    const blood = entry(zhang, 'P-BLOOD', '2025-05-01');
    const ctx = context(TODAY);
    const raised = raiseObjection(
      blood,
      { reason: '没有献血', receivedOn: TODAY, dueOn: '2025-06-16', evidence: [] },
      new Set(),
      ctx,
    );
    if (!raised.ok) throw new Error(raised.error.code);
    expect(state(blood, subjectOf([blood], [raised.value]))).toBe('under-objection');
    const dismissed = { ...raised.value, status: 'dismissed' as const };
    expect(state(blood, subjectOf([blood], [dismissed]))).toBe('effective');
  });

  it('tells reversed, being reversed, expired and waiting entries apart', () => {
    const ctx = context(TODAY);
    const blood = entry(zhang, 'P-BLOOD', '2025-05-01');
    const pending = reversalOf(blood, '记错了', 'submitted', undefined, ctx);
    expect(state(blood, subjectOf([blood, pending]))).toBe('reversing');
    const done = { ...pending, status: 'effective' as const, effectiveOn: TODAY };
    expect(state(blood, subjectOf([blood, done]))).toBe('reversed');

    const old = entry(zhang, 'P-VOL-4H', '2023-01-01');
    expect(state(old, subjectOf([old]))).toBe('expired');
    const later = entry(zhang, 'P-HELP', '2025-05-20', { effectiveOn: '2025-06-08' });
    expect(state(later, subjectOf([later]))).toBe('pending-effect');
    const approved = entry(zhang, 'P-TRAIN', '2025-05-20', { status: 'approved' });
    expect(state(approved, subjectOf([approved]))).toBe('awaiting-notice');
    const returned = entry(zhang, 'P-SUGGEST', '2025-05-20', { status: 'returned' });
    expect(state(returned, subjectOf([returned]))).toBe('returned');
  });
});

describe('the review lists', () => {
  it('sorts entries into the queue, the notice wait and the township’s confirmation', () => {
    const submitted = entry(zhang, 'P-BLOOD', '2025-05-01', { status: 'submitted' });
    const approved = entry(zhang, 'P-VOL-4H', '2025-05-02', { status: 'approved' });
    const rating = entry(zhang, 'N-FRAUD-SUBSIDY', '2025-05-03', { status: 'in-notice' });
    const effective = entry(zhang, 'P-HELP', '2025-05-04');
    const lists = reviewLists([submitted, approved, rating, effective]);
    expect(lists.pending.map((event) => event.id)).toEqual([submitted.id]);
    expect(lists.awaitingNotice.map((event) => event.id)).toEqual([approved.id]);
    expect(lists.awaitingConfirmation.map((event) => event.id)).toEqual([rating.id]);
  });

  it('filters rows by category, rule, recorder, group, dates and direction', () => {
    const row = {
      key: 'E1',
      category: '社会公益',
      ruleCode: 'P-BLOOD',
      recordedBy: 'u-clerk-wang',
      groupId: '',
      occurredOn: '2025-05-01',
      points: 10,
      recordedAt: 1,
    } as EntryRow;
    const passes = (changes: Partial<typeof NO_QUEUE_FILTERS>) =>
      passesQueueFilters(row, { ...NO_QUEUE_FILTERS, ...changes });
    expect(passes({})).toBe(true);
    expect(passes({ rule: 'category:社会公益' })).toBe(true);
    expect(passes({ rule: 'category:人居环境' })).toBe(false);
    expect(passes({ rule: 'rule:P-BLOOD' })).toBe(true);
    expect(passes({ rule: 'rule:P-VOL-4H' })).toBe(false);
    expect(passes({ recorder: 'u-other' })).toBe(false);
    expect(passes({ groupId: '-' })).toBe(true);
    expect(passes({ groupId: 'G-1' })).toBe(false);
    expect(passes({ from: '2025-05-02' })).toBe(false);
    expect(passes({ to: '2025-04-30' })).toBe(false);
    expect(passes({ from: '2025-05-01', to: '2025-05-01' })).toBe(true);
    expect(passes({ direction: 'deduction' })).toBe(false);
    expect(passes({ direction: 'bonus' })).toBe(true);

    const later = { ...row, key: 'E2', recordedAt: 2 };
    expect([later, row].sort(byRecording('oldest')).map((r) => r.key)).toEqual(['E1', 'E2']);
    expect([row, later].sort(byRecording('newest')).map((r) => r.key)).toEqual(['E2', 'E1']);
  });
});
