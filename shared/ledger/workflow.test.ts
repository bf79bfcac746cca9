import { describe, expect, it } from 'vitest';
import { CASE_WORKFLOW, type ObjectionCase } from '../collections/cases.ts';
import { EVENT_WORKFLOW, type EventDoc } from '../collections/events.ts';
import { schemaErrors } from '../collections/fixtures/json-schema.ts';
import { COLLECTIONS } from '../collections/index.ts';
import { workflowRelation } from '../collections/merge.ts';
import { NOTICE_WORKFLOW } from '../collections/notices.ts';
import type { Result } from '../errors.ts';
import {
  CLERK,
  context,
  entry,
  householdOf,
  residentOf,
  REVIEWER,
  TOWNSHIP,
  VILLAGE,
  wendengRuleSet,
} from './fixtures/ledger.ts';
import {
  closeNotice,
  decideObjection,
  draftNotice,
  publishNotice,
  raiseObjection,
  startVerifying,
} from './notice.ts';
import { recordEntries, recordEntry, type EntryInput } from './recording.ts';
import {
  confirmDirectRating,
  reviewEntries,
  reviewEntry,
  reverseEntry,
  withdrawEntry,
  type Reviewer,
} from './review.ts';
import { DEFAULT_SCORING_POLICY, scoreSubject } from './score.ts';
import { reversalTargets } from './status.ts';

const place = { villageCode: VILLAGE, townshipCode: TOWNSHIP };
const ruleSet = wendengRuleSet();
const rules = { ruleSet };
const zhang = residentOf('张三', 'R-ZHANG', 'H-0105');
const li = residentOf('李四', 'R-LI', 'H-0106');
const wang = residentOf('王五', 'R-WANG', 'H-0107');
const reviewer: Reviewer = { userId: REVIEWER, residentId: 'R-REVIEWER', householdIds: ['H-0200'] };

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code} ${JSON.stringify(result.error.params)}`);
  return result.value;
}

function allOk<T>(results: readonly Result<T>[]): Result<T[]> {
  const values: T[] = [];
  for (const result of results) {
    if (!result.ok) return result;
    values.push(result.value);
  }
  return { ok: true, value: values };
}

function input(ruleCode: string, occurredOn: string): EntryInput {
  return { ruleCode, occurredOn, quantity: 1, note: '', evidence: [] };
}

/** Every transition moves forward along the collection's workflow, and every document is valid. */
function expectForward(before: EventDoc, after: EventDoc): void {
  expect(['ahead', 'same']).toContain(
    workflowRelation(EVENT_WORKFLOW, before.status, after.status),
  );
  expect(schemaErrors(COLLECTIONS.events.schema, after)).toEqual([]);
}

describe('review', () => {
  const submitted = value(
    recordEntry(zhang, input('P-BLOOD', '2025-03-01'), rules, [], context('2025-03-02')),
  ).event;

  it('never lets the recorder approve their own entry', () => {
    const self: Reviewer = { userId: CLERK, householdIds: [] };
    expect(reviewEntry(submitted, 'approved', '', self, context('2025-03-03', CLERK))).toEqual({
      ok: false,
      error: { code: 'ledger.review-own-entry' },
    });
  });

  it('never lets a reviewer approve an entry about themselves or their household', () => {
    const member: Reviewer = { userId: REVIEWER, residentId: 'R-OTHER', householdIds: ['H-0105'] };
    expect(reviewEntry(submitted, 'approved', '', member, context('2025-03-03', REVIEWER))).toEqual(
      {
        ok: false,
        error: { code: 'ledger.review-own-household' },
      },
    );
    const subject: Reviewer = { userId: REVIEWER, residentId: 'R-ZHANG', householdIds: [] };
    expect(
      reviewEntry(submitted, 'approved', '', subject, context('2025-03-03', REVIEWER)).ok,
    ).toBe(false);
    const homeEntry = value(
      recordEntry(
        householdOf('0200', 'H-0200'),
        input('P-YARD', '2025-03-01'),
        rules,
        [],
        context('2025-03-02'),
      ),
    ).event;
    expect(
      reviewEntry(homeEntry, 'approved', '', reviewer, context('2025-03-03', REVIEWER)),
    ).toMatchObject({
      error: { code: 'ledger.review-own-household' },
    });
  });

  it('approves into the notice queue, or straight to effect when the rule needs no notice', () => {
    const ctx = context('2025-03-03', REVIEWER);
    const approved = value(reviewEntry(submitted, 'approved', '', reviewer, ctx));
    expect(approved).toMatchObject({
      status: 'approved',
      review: { decision: 'approved', by: REVIEWER },
    });
    expectForward(submitted, approved);
    const quiet = { ...submitted, rule: { ...submitted.rule, noticeRequired: false } };
    expect(value(reviewEntry(quiet, 'approved', '', reviewer, ctx))).toMatchObject({
      status: 'effective',
      effectiveOn: '2025-03-03',
    });
    expect(reviewEntry(approved, 'approved', '', reviewer, ctx)).toMatchObject({
      error: { code: 'ledger.state-changed' },
    });
  });

  it('needs a note to return or reject, and bulk-approves what it may', () => {
    const ctx = context('2025-03-03', REVIEWER);
    expect(reviewEntry(submitted, 'returned', ' ', reviewer, ctx)).toMatchObject({
      error: { code: 'ledger.note-required' },
    });
    expect(value(reviewEntry(submitted, 'returned', '日期有误', reviewer, ctx))).toMatchObject({
      status: 'returned',
      review: { note: '日期有误' },
    });
    const own = { ...submitted, id: 'E-OWN', createdBy: REVIEWER };
    const bulk = reviewEntries([submitted, own], 'approved', '', reviewer, ctx);
    expect(bulk.reviewed.map((e) => e.id)).toEqual([submitted.id]);
    expect(bulk.refused).toEqual([
      { eventId: 'E-OWN', error: { code: 'ledger.review-own-entry' } },
    ]);
    expect(value(withdrawEntry(submitted, context('2025-03-02')))).toMatchObject({
      status: 'withdrawn',
    });
  });
});

describe('public notice and objections', () => {
  it('takes entries from record to effect: review, notice, an objection holding one, close', () => {
    const recordedOn = context('2025-03-05');
    const batch = recordEntries(
      [zhang, li, wang]
        .map((subject) => ({ subject, input: input('P-CLEAN', '2025-03-04') }))
        .map((row) => ({ ...row, input: { ...row.input, unitPoints: 3 } })),
      rules,
      [],
      recordedOn,
    );
    expect(batch.refused).toEqual([]);
    const submitted = batch.recorded.map((r) => r.event);
    const reviewCtx = context('2025-03-06', REVIEWER);
    const approved = value(
      allOk(submitted.map((e) => reviewEntry(e, 'approved', '', reviewer, reviewCtx))),
    );

    const noticeCtx = context('2025-03-07');
    const draft = value(
      draftNotice(
        {
          title: '南港村2025年3月积分公示',
          startsOn: '2025-03-07',
          objectionContact: '村委会 王会计 0512-63812345',
          note: '',
        },
        approved,
        place,
        noticeCtx,
      ),
    );
    expect(draft).toMatchObject({
      days: 7,
      startsOn: '2025-03-07',
      endsOn: '2025-03-13',
      status: 'draft',
    });
    const published = value(publishNotice(draft, approved, noticeCtx));
    expect(published.notice.status).toBe('published');
    expect(workflowRelation(NOTICE_WORKFLOW, draft.status, published.notice.status)).toBe('ahead');
    expect(schemaErrors(COLLECTIONS.notices.schema, published.notice)).toEqual([]);
    for (const [i, e] of published.events.entries()) {
      expect(e).toMatchObject({ status: 'in-notice', noticeId: draft.id });
      expectForward(approved[i] as EventDoc, e);
    }

    // 李四 objects to his entry.
    const [zhangEntry, liEntry, wangEntry] = published.events;
    if (zhangEntry === undefined || liEntry === undefined || wangEntry === undefined)
      throw new Error('missing');
    const objection = value(
      raiseObjection(
        liEntry,
        {
          reason: '当天本人不在村里，没有参加整治',
          receivedOn: '2025-03-09',
          dueOn: '2025-03-20',
          evidence: [],
        },
        new Set(),
        context('2025-03-09'),
      ),
    );
    expect(objection).toMatchObject({
      status: 'received',
      targetId: liEntry.id,
      subjectId: 'R-LI',
    });
    expect(schemaErrors(COLLECTIONS.cases.schema, objection)).toEqual([]);

    expect(
      closeNotice(published.notice, published.events, [objection], context('2025-03-13')),
    ).toEqual({
      ok: false,
      error: { code: 'ledger.notice-period-open', params: { endsOn: '2025-03-13' } },
    });
    const before = scoreSubject(
      'resident',
      'R-ZHANG',
      published.events,
      [objection],
      DEFAULT_SCORING_POLICY,
      '2025-03-14',
    );
    const closeCtx = context('2025-03-14');
    const closed = value(closeNotice(published.notice, published.events, [objection], closeCtx));
    expect(closed.notice.status).toBe('closed');
    expect(closed.events.map((e) => e.subjectId)).toEqual(['R-ZHANG', 'R-WANG']);
    for (const e of closed.events)
      expect(e).toMatchObject({ status: 'effective', effectiveOn: '2025-03-14' });
    const after = scoreSubject(
      'resident',
      'R-ZHANG',
      closed.events,
      [],
      DEFAULT_SCORING_POLICY,
      '2025-03-14',
    );
    expect(after.score - before.score).toBe(3);
    expect(after.balance - before.balance).toBe(3);

    // The held entry shows as under objection, then the objection is dismissed: it takes effect.
    const held = scoreSubject(
      'resident',
      'R-LI',
      [liEntry],
      [objection],
      DEFAULT_SCORING_POLICY,
      '2025-03-14',
    );
    expect(held.notCounted).toMatchObject([
      { eventId: liEntry.id, reason: 'under-objection', relatedId: objection.id },
    ]);
    const verifying = value(startVerifying(objection, context('2025-03-15')));
    const dismissed = value(
      decideObjection(
        verifying,
        liEntry,
        'dismissed',
        '签到表有本人签字',
        { notice: closed.notice, otherOpen: false },
        context('2025-03-18', REVIEWER),
      ),
    );
    expect(dismissed.objection).toMatchObject({
      status: 'dismissed',
      decision: { outcome: 'dismissed' },
    });
    expect(workflowRelation(CASE_WORKFLOW, objection.status, dismissed.objection.status)).toBe(
      'ahead',
    );
    expect(dismissed.events).toMatchObject([
      { id: liEntry.id, status: 'effective', effectiveOn: '2025-03-18' },
    ]);
    const liScore = scoreSubject(
      'resident',
      'R-LI',
      dismissed.events,
      [dismissed.objection],
      DEFAULT_SCORING_POLICY,
      '2025-03-18',
    );
    expect(liScore.score).toBe(1003);
  });

  it('annuls an entry when an objection is upheld before it takes effect', () => {
    const inNotice = entry(zhang, 'P-BLOOD', '2025-03-01', { status: 'in-notice' });
    const objection = value(
      raiseObjection(
        inNotice,
        { reason: '并未献血', receivedOn: '2025-03-05', dueOn: '2025-03-15', evidence: [] },
        new Set(),
        context('2025-03-05'),
      ),
    );
    const upheld = value(
      decideObjection(
        objection,
        inNotice,
        'upheld',
        '核实无献血记录',
        { otherOpen: false },
        context('2025-03-08', REVIEWER),
      ),
    );
    expect(upheld.events).toMatchObject([{ id: inNotice.id, status: 'annulled' }]);
    expectForward(inNotice, upheld.events[0] as EventDoc);
    expect(
      decideObjection(
        upheld.objection,
        inNotice,
        'dismissed',
        'x',
        { otherOpen: false },
        context('2025-03-09'),
      ),
    ).toMatchObject({
      error: { code: 'ledger.state-changed' },
    });
  });

  it('reverses an effective entry when an objection against it is upheld, keeping both in the history', () => {
    const effective = entry(zhang, 'N-LITTER', '2025-02-01', { effectiveOn: '2025-02-12' });
    const objection: ObjectionCase = value(
      raiseObjection(
        effective,
        { reason: '垃圾不是本人倾倒', receivedOn: '2025-03-01', dueOn: '2025-03-15', evidence: [] },
        new Set(),
        context('2025-03-01'),
      ),
    );
    const heldScore = scoreSubject(
      'resident',
      'R-ZHANG',
      [effective],
      [objection],
      DEFAULT_SCORING_POLICY,
      '2025-03-02',
    );
    expect(heldScore.score).toBe(1000);
    const upheld = value(
      decideObjection(
        objection,
        effective,
        'upheld',
        '监控显示为他人所为',
        { otherOpen: false },
        context('2025-03-10', REVIEWER),
      ),
    );
    const [reversal] = upheld.events;
    expect(reversal).toMatchObject({
      kind: 'reversal',
      reversalOf: effective.id,
      points: 5,
      status: 'effective',
      caseId: objection.id,
    });
    expect(upheld.objection.resultEventId).toBe(reversal?.id);
    expect(schemaErrors(COLLECTIONS.events.schema, reversal)).toEqual([]);
    const history = [effective, ...upheld.events];
    const score = scoreSubject(
      'resident',
      'R-ZHANG',
      history,
      [upheld.objection],
      DEFAULT_SCORING_POLICY,
      '2025-03-10',
    );
    expect(score.score).toBe(1000);
    expect(score.notCounted.map((n) => n.reason).sort()).toEqual(['reversal', 'reversed']);
    // Before the decision, the deduction counted (from its effective date until the objection).
    const earlier = scoreSubject(
      'resident',
      'R-ZHANG',
      history,
      [upheld.objection],
      DEFAULT_SCORING_POLICY,
      '2025-02-20',
    );
    expect(earlier.score).toBe(995);
  });

  it('refuses an objection without a reason or against an entry no longer standing, and a second reversal', () => {
    const effective = entry(zhang, 'P-BLOOD', '2025-02-01');
    const ctx = context('2025-03-01');
    expect(
      raiseObjection(
        effective,
        { reason: ' ', receivedOn: '2025-03-01', dueOn: '2025-03-10', evidence: [] },
        new Set(),
        ctx,
      ),
    ).toMatchObject({
      error: { code: 'ledger.note-required' },
    });
    expect(
      raiseObjection(
        effective,
        { reason: '有误', receivedOn: '2025-03-01', dueOn: '2025-02-10', evidence: [] },
        new Set(),
        ctx,
      ),
    ).toMatchObject({
      error: { code: 'ledger.date-invalid', params: { value: '2025-02-10' } },
    });
    const correction = value(reverseEntry(effective, '重复登记', new Set(), ctx));
    expect(correction).toMatchObject({
      status: 'submitted',
      reversalOf: effective.id,
      points: -10,
    });
    const targets = reversalTargets([effective, correction]);
    expect(reverseEntry(effective, '重复登记', targets, ctx)).toMatchObject({
      error: { code: 'ledger.state-changed' },
    });
    expect(
      raiseObjection(
        effective,
        { reason: '有误', receivedOn: '2025-03-01', dueOn: '2025-03-10', evidence: [] },
        targets,
        ctx,
      ),
    ).toMatchObject({
      error: { code: 'ledger.state-changed' },
    });
    // A reversal goes through review and takes effect on approval.
    expect(
      value(reviewEntry(correction, 'approved', '', reviewer, context('2025-03-02', REVIEWER))),
    ).toMatchObject({
      status: 'effective',
      effectiveOn: '2025-03-02',
    });
    expect(
      draftNotice(
        { title: 't', startsOn: '2025-03-01', objectionContact: '', note: '' },
        [],
        place,
        ctx,
      ),
    ).toMatchObject({
      error: { code: 'ledger.notice-empty' },
    });
  });

  it('waits for the township’s confirmation of a direct-rating deduction', () => {
    const approved = [zhang, li, wang].map((subject) =>
      entry(subject, 'N-FRAUD-SUBSIDY', '2025-03-01', { status: 'approved' }),
    );
    const ctx = context('2025-03-03');
    const draft = value(
      draftNotice(
        {
          title: '失信行为公示',
          startsOn: '2025-03-03',
          days: 5,
          objectionContact: '村委会',
          note: '',
        },
        approved,
        place,
        ctx,
      ),
    );
    const published = value(publishNotice(draft, approved, ctx));
    const [zhangEntry, liEntry, wangEntry] = published.events;
    if (zhangEntry === undefined || liEntry === undefined || wangEntry === undefined)
      throw new Error('missing');
    const township = context('2025-03-05', 'u-township-zhou');
    expect(
      confirmDirectRating(
        approved[0] as EventDoc,
        'confirmed',
        '',
        published.notice,
        false,
        township,
      ),
    ).toMatchObject({
      error: { code: 'ledger.state-changed' },
    });
    const confirmed = value(
      confirmDirectRating(zhangEntry, 'confirmed', '', published.notice, false, township),
    );
    expect(confirmed).toMatchObject({
      status: 'confirmed',
      confirmation: { decision: 'confirmed', by: 'u-township-zhou' },
    });
    expectForward(zhangEntry, confirmed);
    expect(
      confirmDirectRating(confirmed, 'confirmed', '', published.notice, false, township).ok,
    ).toBe(false);
    expect(
      confirmDirectRating(wangEntry, 'refused', '', published.notice, false, township),
    ).toMatchObject({
      error: { code: 'ledger.note-required' },
    });
    const refused = value(
      confirmDirectRating(wangEntry, 'refused', '证据不足', published.notice, false, township),
    );
    expect(refused.status).toBe('annulled');

    // At the close the confirmed one takes effect; the unconfirmed one waits for the township.
    const closed = value(
      closeNotice(published.notice, [confirmed, liEntry, refused], [], context('2025-03-08')),
    );
    expect(closed.events.map((e) => [e.subjectId, e.status, e.effectiveOn])).toEqual([
      ['R-ZHANG', 'effective', '2025-03-08'],
    ]);
    const late = value(
      confirmDirectRating(
        liEntry,
        'confirmed',
        '',
        closed.notice,
        false,
        context('2025-03-12', 'u-township-zhou'),
      ),
    );
    expect(late).toMatchObject({ status: 'effective', effectiveOn: '2025-03-12' });
    expectForward(liEntry, late);
  });
});
