import { describe, expect, it } from 'vitest';
import type { Principal, Role } from '../auth/roles.ts';
import type { CaseDoc, ObjectionCase } from '../collections/cases.ts';
import { caseSamples } from '../collections/fixtures/samples.ts';
import type { EventDoc } from '../collections/events.ts';
import type { NoticeDoc } from '../collections/notices.ts';
import type { CollectionName } from '../collections/plan.ts';
import type { RuleSetPolicy } from '../collections/policies.ts';
import type { ErrorCode, Result } from '../errors.ts';
import type { SyncDocument } from '../sync/protocol.ts';
import { ledgerWriteProblem, type Actor, type WriteAuthority } from './authority.ts';
import { redemptionDebit, yearCloseReset } from './balance.ts';
import {
  context as fixtureContext,
  householdOf,
  LIBRARY,
  residentOf,
  TOWNSHIP,
  VILLAGE,
  wendengRuleSet,
} from './fixtures/ledger.ts';
import {
  closeNotice,
  closeObjection,
  decideObjection,
  draftNotice,
  publishNotice,
  raiseObjection,
  startVerifying,
} from './notice.ts';
import { recordEntry, type EntryInput } from './recording.ts';
import {
  confirmDirectRating,
  reversalOf,
  reverseEntry,
  reviewEntry,
  withdrawEntry,
  type Reviewer,
} from './review.ts';
import { adoptRuleSet, draftNextVersion, draftRuleSet, editRuleSetDraft } from './rule-sets.ts';

const CLERK = 'u-clerk';
const OTHER_CLERK = 'u-clerk-2';
const REVIEWER = 'u-reviewer';
const ADMIN = 'u-admin';
const TOWN = 'u-town';

function staff(userId: string, role: Role): Principal {
  const village = role.startsWith('village_');
  return {
    userId,
    username: userId,
    displayName: userId,
    role,
    villageCode: village ? VILLAGE : null,
    townshipCode: TOWNSHIP,
  };
}

const clerk = staff(CLERK, 'village_clerk');
const otherClerk = staff(OTHER_CLERK, 'village_clerk');
const reviewer = staff(REVIEWER, 'village_reviewer');
const admin = staff(ADMIN, 'village_admin');
const town = staff(TOWN, 'township_admin');

const place = { villageCode: VILLAGE, townshipCode: TOWNSHIP };

/** A ledger context on `today` for `userId` (the clerk unless named). */
function context(today: string, userId = CLERK): ReturnType<typeof fixtureContext> {
  return fixtureContext(today, userId);
}
const zhang = residentOf('张三', 'R-ZHANG', 'H-0105');
const li = residentOf('李四', 'R-LI', 'H-0106');
const home = householdOf('0105', 'H-0105');

/** The library rule set, with blood donation taking effect on approval (no notice). */
const adopted = wendengRuleSet();
const ruleSet: RuleSetPolicy = {
  ...adopted,
  rules: adopted.rules.map((rule) =>
    rule.code === 'P-BLOOD' ? { ...rule, noticeRequired: false } : rule,
  ),
};
const rules = { ruleSet };

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code} ${JSON.stringify(result.error.params)}`);
  return result.value;
}

function input(ruleCode: string, occurredOn: string): EntryInput {
  return { ruleCode, occurredOn, quantity: 1, note: '', evidence: [] };
}

function sync(doc: object, deleted = false): SyncDocument {
  return { ...(doc as Record<string, unknown>), _deleted: deleted } as SyncDocument;
}

interface Push {
  readonly by: Principal;
  /** Others who signed in on the pushing computer. */
  readonly onDevice?: readonly Principal[];
  readonly related?: readonly object[];
}

function authority({ by, onDevice = [], related = [] }: Push): WriteAuthority {
  const users = new Map<string, Actor>(onDevice.map((p) => [p.userId, p]));
  const docs = new Map(related.map((doc) => [(doc as { id: string }).id, sync(doc)]));
  return { principal: by, deviceUsers: users, related: (id) => docs.get(id) };
}

/** The refusal code of pushing `after` over `before` (undefined: a new document), if any. */
function problem(
  push: Push,
  collection: CollectionName,
  before: object | undefined,
  after: object,
  deleted = false,
): ErrorCode | undefined {
  return ledgerWriteProblem(
    authority(push),
    collection,
    before === undefined ? undefined : sync(before),
    sync(after, deleted),
  )?.code;
}

const events = (push: Push, before: EventDoc | undefined, after: EventDoc): ErrorCode | undefined =>
  problem(push, 'events', before, after);

function submitted(ruleCode = 'P-VOL-4H', by = CLERK, subject = zhang): EventDoc {
  return value(
    recordEntry(subject, input(ruleCode, '2025-03-01'), rules, [], context('2025-03-02', by)),
  ).event;
}

const asReviewer: Reviewer = { userId: REVIEWER, householdIds: [] };

function approve(event: EventDoc, by = asReviewer, today = '2025-03-03'): EventDoc {
  return value(reviewEntry(event, 'approved', '', by, context(today, by.userId)));
}

describe('collections outside the ledger', () => {
  it('are left to the other rules', () => {
    expect(
      problem({ by: clerk }, 'residents', undefined, { id: 'r-1', createdBy: 'anyone' }),
    ).toBeUndefined();
  });
});

describe('recording and review', () => {
  it('lets village staff record submitted entries in their own name', () => {
    const entry = submitted();
    expect(events({ by: clerk }, undefined, entry)).toBeUndefined();
    expect(events({ by: reviewer }, undefined, submitted('P-VOL-4H', REVIEWER))).toBeUndefined();
    expect(events({ by: admin }, undefined, submitted('P-VOL-4H', ADMIN))).toBeUndefined();
    const reversal = value(
      reverseEntry(approve(submitted('P-BLOOD')), '登记有误', new Set(), context('2025-03-04')),
    );
    expect(reversal.status).toBe('submitted');
    expect(events({ by: clerk }, undefined, reversal)).toBeUndefined();
  });

  it('refuses a recorder the pushing computer cannot vouch for', () => {
    const entry = submitted();
    expect(events({ by: otherClerk }, undefined, entry)).toBe('ledger.actor-unknown');
    // The clerk recorded offline; the reviewer, signed in later on the same computer, pushes it.
    expect(events({ by: reviewer, onDevice: [clerk] }, undefined, entry)).toBeUndefined();
  });

  it('refuses an entry pushed effective without review (the import mode is the town CLI’s)', () => {
    const imported = value(
      recordEntry(
        zhang,
        input('P-VOL-4H', '2025-03-01'),
        rules,
        [],
        context('2025-03-02'),
        'import',
      ),
    ).event;
    expect(imported.status).toBe('effective');
    expect(events({ by: clerk }, undefined, imported)).toBe('ledger.review-missing');
    const entry = submitted();
    const forced = { ...entry, status: 'effective', effectiveOn: '2025-03-02' } as EventDoc;
    expect(events({ by: clerk }, entry, forced)).toBe('ledger.review-missing');
    expect(events({ by: admin, onDevice: [clerk] }, entry, { ...entry, status: 'approved' })).toBe(
      'ledger.review-missing',
    );
  });

  it('lets a reviewer approve, return or reject a clerk’s entry', () => {
    const entry = submitted();
    const approved = approve(entry);
    expect(approved.status).toBe('approved');
    expect(events({ by: reviewer }, entry, approved)).toBeUndefined();
    const ctx = context('2025-03-03', REVIEWER);
    for (const decision of ['returned', 'rejected'] as const) {
      const decided = value(reviewEntry(entry, decision, '证据不足', asReviewer, ctx));
      expect(events({ by: reviewer }, entry, decided)).toBeUndefined();
    }
    // A rule without notice: effective on approval; the village admin reviews too.
    const blood = submitted('P-BLOOD');
    const effective = approve(blood, { userId: ADMIN, householdIds: [] });
    expect(effective.status).toBe('effective');
    expect(events({ by: admin }, blood, effective)).toBeUndefined();
    // Recorded, approved and pushed in one go from the office computer, by either of them.
    expect(events({ by: clerk, onDevice: [reviewer] }, undefined, approved)).toBeUndefined();
    expect(events({ by: reviewer, onDevice: [clerk] }, undefined, approved)).toBeUndefined();
  });

  it('never lets anyone approve their own entry, whatever their role', () => {
    const entry = submitted();
    const own = {
      ...entry,
      status: 'approved',
      review: { decision: 'approved', by: CLERK, at: 1, note: '' },
      updatedBy: CLERK,
    } as EventDoc;
    expect(events({ by: clerk }, entry, own)).toBe('ledger.review-own-entry');
    const adminsOwn = submitted('P-VOL-4H', ADMIN);
    const selfApproved = {
      ...adminsOwn,
      status: 'approved',
      review: { decision: 'approved', by: ADMIN, at: 1, note: '' },
    } as EventDoc;
    expect(events({ by: admin }, adminsOwn, selfApproved)).toBe('ledger.review-own-entry');
    expect(events({ by: admin }, undefined, selfApproved)).toBe('ledger.review-own-entry');
  });

  it('refuses a review by a clerk, even of someone else’s entry', () => {
    const entry = submitted();
    const byClerk = approve(entry, { userId: OTHER_CLERK, householdIds: [] });
    expect(byClerk.review?.by).toBe(OTHER_CLERK);
    expect(events({ by: otherClerk }, entry, byClerk)).toBe('ledger.review-role');
    expect(events({ by: reviewer, onDevice: [otherClerk] }, entry, byClerk)).toBe(
      'ledger.review-role',
    );
  });

  it('refuses a review in the name of someone who never signed in on the pushing computer', () => {
    const entry = submitted();
    const approved = approve(entry);
    expect(events({ by: clerk }, entry, approved)).toBe('ledger.actor-unknown');
    expect(events({ by: admin }, entry, approved)).toBe('ledger.actor-unknown');
    expect(events({ by: clerk, onDevice: [reviewer] }, entry, approved)).toBeUndefined();
    // An account of another village is never vouched for.
    const elsewhere = { ...reviewer, villageCode: '320509105202' };
    expect(events({ by: clerk, onDevice: [elsewhere] }, entry, approved)).toBe(
      'ledger.actor-unknown',
    );
  });

  it('lets only the recorder withdraw a submitted entry', () => {
    const entry = submitted();
    const withdrawn = value(withdrawEntry(entry, context('2025-03-03', CLERK)));
    expect(events({ by: clerk }, entry, withdrawn)).toBeUndefined();
    const byOther = value(withdrawEntry(entry, context('2025-03-03', OTHER_CLERK)));
    expect(events({ by: otherClerk }, entry, byOther)).toBe('ledger.withdraw-not-recorder');
    const byAdmin = value(withdrawEntry(entry, context('2025-03-03', ADMIN)));
    expect(events({ by: admin }, entry, byAdmin)).toBe('ledger.withdraw-not-recorder');
  });

  it('lets a correction of an effective entry (冲正) through review like any entry', () => {
    const effective = approve(submitted('P-BLOOD'));
    const reversal = value(reverseEntry(effective, '重复登记', new Set(), context('2025-03-05')));
    expect(events({ by: clerk }, undefined, reversal)).toBeUndefined();
    const approved = approve(reversal, asReviewer, '2025-03-06');
    expect(approved.status).toBe('effective');
    expect(events({ by: reviewer }, reversal, approved)).toBeUndefined();
    const pushedEffective = {
      ...reversal,
      status: 'effective',
      effectiveOn: '2025-03-05',
    } as EventDoc;
    expect(events({ by: clerk }, undefined, pushedEffective)).toBe('ledger.review-missing');
  });
});

describe('notice and objections', () => {
  const draftInput = {
    title: '南港村2025年3月积分公示',
    startsOn: '2025-03-04',
    days: 5,
    objectionContact: '村委会',
    note: '',
  };
  const entries = [submitted('P-VOL-4H', CLERK, zhang), submitted('P-VOL-4H', CLERK, li)];
  const approved = entries.map((entry) => approve(entry));
  const draft = value(draftNotice(draftInput, approved, place, context('2025-03-03')));
  const published = value(publishNotice(draft, approved, context('2025-03-04')));

  it('lets the clerk draft and post a notice batch', () => {
    expect(problem({ by: clerk }, 'notices', undefined, draft)).toBeUndefined();
    expect(problem({ by: clerk }, 'notices', draft, published.notice)).toBeUndefined();
    published.events.forEach((event, n) => {
      expect(events({ by: clerk }, approved[n], event)).toBeUndefined();
    });
    expect(problem({ by: otherClerk }, 'notices', undefined, draft)).toBe('ledger.actor-unknown');
  });

  it('keeps a posted notice as posted', () => {
    const notice = published.notice;
    const edited = { ...notice, itemIds: [...notice.itemIds, 'E-SNEAKED-IN'] };
    expect(problem({ by: clerk }, 'notices', notice, edited)).toBe('ledger.notice-published');
    expect(problem({ by: clerk }, 'notices', notice, notice, true)).toBe('ledger.notice-published');
    expect(
      problem({ by: clerk }, 'notices', draft, { ...draft, title: '改了标题' }),
    ).toBeUndefined();
    const withdrawn = { ...notice, status: 'withdrawn', updatedBy: CLERK } as NoticeDoc;
    expect(problem({ by: clerk }, 'notices', notice, withdrawn)).toBeUndefined();
  });

  it('lets a reviewer, not the clerk, close the notice and put its entries into effect', () => {
    const byReviewer = value(
      closeNotice(published.notice, published.events, [], context('2025-03-09', REVIEWER)),
    );
    expect(
      problem({ by: reviewer }, 'notices', published.notice, byReviewer.notice),
    ).toBeUndefined();
    byReviewer.events.forEach((event, n) => {
      expect(event.status).toBe('effective');
      expect(events({ by: reviewer }, published.events[n], event)).toBeUndefined();
    });
    const byClerk = value(
      closeNotice(published.notice, published.events, [], context('2025-03-09', CLERK)),
    );
    expect(problem({ by: clerk }, 'notices', published.notice, byClerk.notice)).toBe(
      'ledger.decision-role',
    );
    expect(events({ by: clerk }, published.events[0], byClerk.events[0] as EventDoc)).toBe(
      'ledger.decision-role',
    );
    // Skipping the notice is refused to anyone.
    const entry = approved[0] as EventDoc;
    const skipped = {
      ...entry,
      status: 'effective',
      effectiveOn: '2025-03-04',
      updatedBy: ADMIN,
    } as EventDoc;
    expect(events({ by: admin }, entry, skipped)).toBe('ledger.state-changed');
  });

  it('takes a whole history made offline on the office computer, pushed at once', () => {
    const entry = submitted('P-VOL-4H', CLERK, residentOf('王五', 'R-WANG', 'H-0107'));
    const reviewedEntry = approve(entry);
    const batch = value(draftNotice(draftInput, [reviewedEntry], place, context('2025-03-03')));
    const posted = value(publishNotice(batch, [reviewedEntry], context('2025-03-04')));
    const closed = value(
      closeNotice(posted.notice, posted.events, [], context('2025-03-09', REVIEWER)),
    );
    const [effective] = closed.events;
    expect(effective).toMatchObject({ status: 'effective', effectiveOn: '2025-03-09' });
    const office = { by: clerk, onDevice: [reviewer] };
    expect(events(office, undefined, effective as EventDoc)).toBeUndefined();
    expect(problem(office, 'notices', undefined, closed.notice)).toBeUndefined();
    expect(events({ by: clerk }, undefined, effective as EventDoc)).toBe('ledger.actor-unknown');
    const closedByClerk = value(
      closeNotice(posted.notice, posted.events, [], context('2025-03-09', CLERK)),
    );
    expect(problem(office, 'notices', undefined, closedByClerk.notice)).toBe(
      'ledger.decision-role',
    );
    expect(events(office, undefined, closedByClerk.events[0] as EventDoc)).toBe(
      'ledger.decision-role',
    );
  });

  it('lets the clerk record an objection and a reviewer decide it', () => {
    const effective = approve(submitted('P-BLOOD'));
    const objection = value(
      raiseObjection(
        effective,
        { reason: '献血证是他人的', receivedOn: '2025-03-05', dueOn: '2025-03-15', evidence: [] },
        new Set(),
        context('2025-03-05'),
      ),
    );
    expect(problem({ by: clerk }, 'cases', undefined, objection)).toBeUndefined();
    const verifying = value(startVerifying(objection, context('2025-03-06', REVIEWER)));
    expect(problem({ by: reviewer }, 'cases', objection, verifying)).toBeUndefined();

    const upheld = value(
      decideObjection(
        verifying,
        effective,
        'upheld',
        '核实不属实',
        { otherOpen: false },
        context('2025-03-07', REVIEWER),
      ),
    );
    const [reversal] = upheld.events;
    expect(reversal).toMatchObject({ kind: 'reversal', status: 'effective', caseId: objection.id });
    expect(problem({ by: reviewer }, 'cases', verifying, upheld.objection)).toBeUndefined();
    expect(events({ by: reviewer }, undefined, reversal as EventDoc)).toBeUndefined();
    const closed = value(closeObjection(upheld.objection, context('2025-03-08', CLERK)));
    expect(problem({ by: clerk }, 'cases', upheld.objection, closed)).toBeUndefined();

    const byClerk = value(
      decideObjection(
        verifying,
        effective,
        'upheld',
        '核实不属实',
        { otherOpen: false },
        context('2025-03-07', CLERK),
      ),
    );
    expect(problem({ by: clerk }, 'cases', verifying, byClerk.objection)).toBe(
      'ledger.decision-role',
    );
    expect(events({ by: clerk }, undefined, byClerk.events[0] as EventDoc)).toBe(
      'ledger.decision-role',
    );
    const undecided = { ...verifying, status: 'upheld', updatedBy: REVIEWER } as ObjectionCase;
    expect(problem({ by: reviewer }, 'cases', verifying, undecided)).toBe('ledger.state-changed');
    expect(problem({ by: admin }, 'cases', objection, objection, true)).toBe(
      'sync.field-immutable',
    );
  });

  it('annuls or releases a held entry by the objection’s decider', () => {
    const held = published.events[0] as EventDoc;
    const objection = value(
      raiseObjection(
        held,
        { reason: '没有参加', receivedOn: '2025-03-05', dueOn: '2025-03-15', evidence: [] },
        new Set(),
        context('2025-03-05'),
      ),
    );
    const upheld = value(
      decideObjection(
        objection,
        held,
        'upheld',
        '属实',
        { otherOpen: false },
        context('2025-03-07', REVIEWER),
      ),
    );
    expect(upheld.events[0]?.status).toBe('annulled');
    expect(events({ by: reviewer }, held, upheld.events[0] as EventDoc)).toBeUndefined();
    const annulledByClerk = { ...(upheld.events[0] as EventDoc), updatedBy: CLERK };
    expect(events({ by: clerk }, held, annulledByClerk)).toBe('ledger.decision-role');

    const closed = value(
      closeNotice(published.notice, published.events, [objection], context('2025-03-09', REVIEWER)),
    );
    const dismissed = value(
      decideObjection(
        objection,
        held,
        'dismissed',
        '不属实',
        { notice: closed.notice, otherOpen: false },
        context('2025-03-10', ADMIN),
      ),
    );
    expect(dismissed.events[0]).toMatchObject({ status: 'effective', effectiveOn: '2025-03-10' });
    expect(events({ by: admin }, held, dismissed.events[0] as EventDoc)).toBeUndefined();
    expect(problem({ by: admin }, 'cases', objection, dismissed.objection)).toBeUndefined();
  });
});

describe('the township’s confirmation of a direct rating', () => {
  const entries = [
    submitted('N-FRAUD-SUBSIDY', CLERK, zhang),
    submitted('N-FRAUD-SUBSIDY', CLERK, li),
  ];
  const approved = entries.map((entry) => approve(entry));
  const draft = value(
    draftNotice(
      {
        title: '失信行为公示',
        startsOn: '2025-03-04',
        days: 5,
        objectionContact: '村委会',
        note: '',
      },
      approved,
      place,
      context('2025-03-03'),
    ),
  );
  const published = value(publishNotice(draft, approved, context('2025-03-04')));
  const [zhangEntry, liEntry] = published.events as [EventDoc, EventDoc];
  const township = context('2025-03-05', TOWN);

  it('lets the township administrator confirm or refuse, and no one else', () => {
    const confirmed = value(
      confirmDirectRating(zhangEntry, 'confirmed', '', published.notice, false, township),
    );
    expect(confirmed.status).toBe('confirmed');
    expect(events({ by: town }, zhangEntry, confirmed)).toBeUndefined();
    const refused = value(
      confirmDirectRating(liEntry, 'refused', '证据不足', published.notice, false, township),
    );
    expect(refused.status).toBe('annulled');
    expect(events({ by: town }, liEntry, refused)).toBeUndefined();
    // The township admin helped out on the village computer; the clerk's session pushes it.
    expect(events({ by: clerk, onDevice: [town] }, zhangEntry, confirmed)).toBeUndefined();
    expect(events({ by: clerk }, zhangEntry, confirmed)).toBe('ledger.actor-unknown');
    const byVillage = value(
      confirmDirectRating(
        zhangEntry,
        'confirmed',
        '',
        published.notice,
        false,
        context('2025-03-05', ADMIN),
      ),
    );
    expect(events({ by: admin }, zhangEntry, byVillage)).toBe('ledger.township-decision-role');

    const closed = value(
      closeNotice(published.notice, [confirmed, liEntry], [], context('2025-03-09', REVIEWER)),
    );
    expect(closed.events.map((event) => event.status)).toEqual(['effective']);
    expect(events({ by: reviewer }, confirmed, closed.events[0] as EventDoc)).toBeUndefined();
    const unconfirmed = {
      ...liEntry,
      status: 'effective',
      effectiveOn: '2025-03-09',
      updatedBy: REVIEWER,
    } as EventDoc;
    expect(events({ by: reviewer }, liEntry, unconfirmed)).toBe('ledger.state-changed');
  });

  it('confirms and puts into effect at once after the notice closed', () => {
    const closed = value(
      closeNotice(published.notice, published.events, [], context('2025-03-09', REVIEWER)),
    );
    expect(closed.events).toEqual([]);
    const confirmed = value(
      confirmDirectRating(
        zhangEntry,
        'confirmed',
        '',
        closed.notice,
        false,
        context('2025-03-10', TOWN),
      ),
    );
    expect(confirmed).toMatchObject({ status: 'effective', effectiveOn: '2025-03-10' });
    expect(events({ by: town }, zhangEntry, confirmed)).toBeUndefined();
  });

  it('refuses a confirmation of an entry that needs none', () => {
    const entry = approve(submitted());
    const confirmed = {
      ...entry,
      status: 'confirmed',
      confirmation: { decision: 'confirmed', by: TOWN, at: 1, note: '' },
      updatedBy: TOWN,
    } as EventDoc;
    expect(events({ by: town }, entry, confirmed)).toBe('ledger.state-changed');
  });
});

describe('system events', () => {
  const ctx = (userId: string): ReturnType<typeof context> => context('2025-03-10', userId);

  it('lets the clerk or the admin debit a redemption and refund it, not the reviewer', () => {
    const debit = value(redemptionDebit(home, 'RD-1', 30, 100, ctx(CLERK)));
    expect(events({ by: clerk }, undefined, debit)).toBeUndefined();
    expect(
      events({ by: admin }, undefined, value(redemptionDebit(home, 'RD-2', 30, 100, ctx(ADMIN)))),
    ).toBeUndefined();
    expect(
      events(
        { by: reviewer },
        undefined,
        value(redemptionDebit(home, 'RD-3', 30, 100, ctx(REVIEWER))),
      ),
    ).toBe('ledger.balance-entry-role');
    const refund = reversalOf(debit, '取消兑换', 'effective', undefined, ctx(CLERK));
    expect(events({ by: clerk, related: [debit] }, undefined, refund)).toBeUndefined();
    expect(events({ by: clerk }, undefined, refund)).toBe('ledger.review-missing');
    // A case-less effective reversal of anything else undoes an entry without review.
    const effective = approve(submitted('P-BLOOD'));
    const undo = reversalOf(effective, '撤销', 'effective', undefined, ctx(ADMIN));
    expect(events({ by: admin, related: [effective] }, undefined, undo)).toBe(
      'ledger.review-missing',
    );
  });

  it('lets only the village admin reset balances at the year close', () => {
    const settings = { yearlyReset: true };
    const reset = yearCloseReset(zhang, 37, 2024, settings, ctx(ADMIN));
    if (reset === undefined) throw new Error('no reset');
    expect(events({ by: admin }, undefined, reset)).toBeUndefined();
    const byClerk = yearCloseReset(zhang, 37, 2024, settings, ctx(CLERK));
    if (byClerk === undefined) throw new Error('no reset');
    expect(events({ by: clerk }, undefined, byClerk)).toBe('ledger.balance-entry-role');
    expect(events({ by: admin }, undefined, { ...reset, status: 'submitted' })).toBe(
      'ledger.state-changed',
    );
  });
});

describe('credit repairs', () => {
  const repair = caseSamples.find((doc) => doc.kind === 'repair') as CaseDoc & { kind: 'repair' };
  const {
    villageOpinion: _o,
    decision: _d,
    reducedPoints: _r,
    monitorUntil: _m,
    resultEventId: _e,
    ...rest
  } = repair;
  const applied = {
    ...rest,
    ...place,
    status: 'applied',
    createdBy: CLERK,
    updatedBy: CLERK,
  } as CaseDoc;
  const reviewed = {
    ...applied,
    status: 'village-reviewed',
    villageOpinion: { outcome: 'support', by: REVIEWER, at: 2, note: '' },
    updatedBy: REVIEWER,
  } as CaseDoc;

  it('takes the village’s opinion from a reviewer and the decision from the township', () => {
    expect(problem({ by: clerk }, 'cases', undefined, applied)).toBeUndefined();
    expect(problem({ by: reviewer }, 'cases', applied, reviewed)).toBeUndefined();
    expect(
      problem({ by: clerk }, 'cases', applied, {
        ...reviewed,
        villageOpinion: { outcome: 'support', by: CLERK, at: 2, note: '' },
        updatedBy: CLERK,
      }),
    ).toBe('ledger.decision-role');
    const decided = {
      ...reviewed,
      status: 'approved',
      decision: { outcome: 'approved', by: TOWN, at: 3, note: '' },
      reducedPoints: -5,
      monitorUntil: '2025-12-01',
      updatedBy: TOWN,
    };
    expect(problem({ by: town }, 'cases', reviewed, decided)).toBeUndefined();
    const byVillage = {
      ...decided,
      decision: { outcome: 'approved', by: ADMIN, at: 3, note: '' },
      updatedBy: ADMIN,
    };
    expect(problem({ by: admin }, 'cases', reviewed, byVillage)).toBe(
      'ledger.township-decision-role',
    );
  });
});

describe('rule sets', () => {
  const draft = value(
    draftRuleSet(
      { title: '南港村积分细则', effectiveFrom: '2025-01-01', rules: LIBRARY.slice(0, 5) },
      LIBRARY,
      place,
      undefined,
      context('2024-12-01', CLERK),
    ),
  );
  const adoption = { meetingRef: '〔2024〕第5次', meetingOn: '2024-12-20' };

  it('lets staff draft and only the village admin adopt', () => {
    expect(problem({ by: clerk }, 'policies', undefined, draft)).toBeUndefined();
    const edited = value(
      editRuleSetDraft(
        draft,
        { title: '南港村积分细则（试行）' },
        LIBRARY,
        context('2024-12-02', REVIEWER),
      ),
    );
    expect(problem({ by: reviewer }, 'policies', draft, edited)).toBeUndefined();
    const [byAdmin] = value(adoptRuleSet(draft, adoption, undefined, context('2024-12-21', ADMIN)));
    expect(problem({ by: admin }, 'policies', draft, byAdmin as RuleSetPolicy)).toBeUndefined();
    const [byClerk] = value(adoptRuleSet(draft, adoption, undefined, context('2024-12-21', CLERK)));
    expect(problem({ by: clerk }, 'policies', draft, byClerk as RuleSetPolicy)).toBe(
      'ledger.adoption-role',
    );
    const bare = { ...draft, status: 'adopted', updatedBy: ADMIN } as RuleSetPolicy;
    expect(problem({ by: admin }, 'policies', draft, bare)).toBe('ledger.state-changed');
  });

  it('keeps an adopted version as adopted; a change is a new version superseding it', () => {
    const [v1] = value(adoptRuleSet(draft, adoption, undefined, context('2024-12-21', ADMIN))) as [
      RuleSetPolicy,
    ];
    const edited = { ...v1, rules: v1.rules.slice(1), updatedBy: ADMIN };
    expect(problem({ by: admin }, 'policies', v1, edited)).toBe('ledger.rule-set-not-draft');
    expect(problem({ by: admin }, 'policies', v1, v1, true)).toBe('ledger.rule-set-not-draft');

    const v2 = value(
      draftNextVersion(v1, { effectiveFrom: '2025-07-01' }, LIBRARY, context('2025-06-01', CLERK)),
    );
    expect(problem({ by: clerk }, 'policies', undefined, v2)).toBeUndefined();
    const [adopted2, superseded] = value(
      adoptRuleSet(
        v2,
        { meetingRef: '〔2025〕第2次', meetingOn: '2025-06-20' },
        v1,
        context('2025-06-21', ADMIN),
      ),
    ) as [RuleSetPolicy, RuleSetPolicy];
    expect(problem({ by: admin }, 'policies', v2, adopted2)).toBeUndefined();
    expect(problem({ by: admin }, 'policies', v1, superseded)).toBeUndefined();
    const byClerk = { ...superseded, updatedBy: CLERK };
    expect(problem({ by: clerk }, 'policies', v1, byClerk)).toBe('ledger.adoption-role');
  });

  it('leaves settings and groups to village staff', () => {
    const group = {
      id: 'G-1',
      ...place,
      createdAt: 1,
      createdBy: 'someone',
      deviceId: 'd',
      updatedAt: 1,
      updatedBy: 'someone',
      kind: 'group',
      status: 'active',
      code: '01',
      name: '一组',
    };
    expect(problem({ by: clerk }, 'policies', undefined, group)).toBeUndefined();
  });
});
