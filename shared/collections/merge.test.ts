import { describe, expect, it } from 'vitest';
import { EVENT_WORKFLOW } from './events.ts';
import { isReachable, workflowRelation } from './merge.ts';
import { REFERRAL_WORKFLOW } from './referrals.ts';

describe('forward-only workflows', () => {
  it('let the device that moved further win, with no conflict', () => {
    expect(workflowRelation(EVENT_WORKFLOW, 'submitted', 'effective')).toBe('ahead');
    expect(workflowRelation(EVENT_WORKFLOW, 'in-notice', 'approved')).toBe('behind');
    expect(workflowRelation(EVENT_WORKFLOW, 'approved', 'approved')).toBe('same');
  });

  it('surface two different reviews of one entry as a conflict', () => {
    expect(workflowRelation(EVENT_WORKFLOW, 'approved', 'rejected')).toBe('diverged');
    expect(workflowRelation(EVENT_WORKFLOW, 'effective', 'returned')).toBe('diverged');
  });

  it('refuse a state the workflow does not know', () => {
    expect(workflowRelation(EVENT_WORKFLOW, 'approved', 'expired')).toBe('unknown');
  });

  it('never lead back from a terminal state', () => {
    expect(isReachable(EVENT_WORKFLOW, 'effective', 'submitted')).toBe(false);
    expect(isReachable(REFERRAL_WORKFLOW, 'withdrawn', 'recommended')).toBe(false);
    expect(isReachable(REFERRAL_WORKFLOW, 'eligible', 'approved')).toBe(true);
  });
});
