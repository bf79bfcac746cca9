/**
 * Who may write what in the ledger (issue 5): the town server's check of a pushed row of
 * `events`, `cases`, `notices` or rule-set `policies`, so review by a second person, the
 * township's confirmations and the assembly's adoptions hold on the server, not only in the
 * app's screens. Pure: the server passes the stored document, the pushed one and who is
 * pushing (server/src/sync/push.ts, after `mayWrite` and the merge rules accepted the row).
 *
 * ## Who acted
 *
 * A document names the people who acted in it: `createdBy` (the recorder), `review.by`,
 * `confirmation.by`, `decision.by`, `villageOpinion.by`, `published.by`, `closed.by`,
 * `adoption.by`, and `updatedBy` for a step that carries no stamp of its own (withdrawing,
 * posting, closing, annulling…). Each named person must be an account the server can vouch
 * for: the account pushing, or an account that has signed in on the pushing computer
 * (`deviceUsers`). A village office shares one computer: the clerk records offline, the
 * reviewer signs in on the same computer and reviews, and whoever is signed in when the
 * network returns pushes both — the server accepts that, but not a name typed into a
 * document by someone else's computer ('ledger.actor-unknown'). Roles are the actor's, not
 * the pusher's.
 *
 * ## Roles (shared/auth/roles.ts; DOMAIN.md §1)
 *
 * | act                                                                  | roles                                   |
 * | -------------------------------------------------------------------- | --------------------------------------- |
 * | record an entry or a reversal (`submitted`), an objection, a repair application; draft and post a notice; draft a rule set | clerk, reviewer, village admin |
 * | review (approve, return, reject) — never one's own entry             | reviewer, village admin                 |
 * | withdraw a submitted entry                                           | its recorder only                       |
 * | close a notice, put an entry into effect, annul it, decide an objection, the reversal an upheld objection creates, a repair adjustment, the village's opinion on a repair | reviewer, village admin (township admin for objections and repairs) |
 * | confirm or refuse a direct rating; decide a repair (谁认定，谁修复)   | township admin                          |
 * | redemption debit, its refund (a reversal of the debit)               | clerk, village admin                    |
 * | year-close reset                                                     | village admin                           |
 * | record a rule set's adoption, supersede a version                    | village admin                           |
 *
 * Posting a notice decides nothing (only approved entries go in, and nothing counts before
 * the close), so the clerk, who runs the notice board (DOMAIN.md §1), may post one;
 * closing it releases entries into the scores, which takes a reviewer or the admin.
 *
 * ## What else holds
 *
 * - Every status step of an event is backed by its act: past `submitted` only with a review
 *   added in the same push (an entry pushed `effective` straight away — the town CLI's import
 *   mode — is refused, 'ledger.review-missing'); `in-notice` with its notice; `confirmed`
 *   and a direct rating's effect with the township's confirmation; a rule needing notice
 *   takes effect only after one. System events (redemption debit, year-close reset, the
 *   reversal of an upheld objection — it names its case —, a redemption's refund — it
 *   reverses a debit —, a repair adjustment) are created `effective` by their roles.
 * - A case is never deleted; an objection or repair is decided only with its decision.
 * - A posted notice (published, closed or withdrawn) keeps its contents and is never deleted
 *   ('ledger.notice-published'); a rule set past its draft keeps its rules
 *   ('ledger.rule-set-not-draft').
 * - Village settings and groups (other `policies` kinds) are left to any village staff.
 *
 * A step whose document contradicts itself (a decision that does not match the status, a
 * confirmation of an entry that needs none) is refused with 'ledger.state-changed'.
 */
import type { Principal, Role } from '../auth/roles.ts';
import { CASE_WORKFLOW, type CaseDoc, type CaseStatus } from '../collections/cases.ts';
import { EVENT_WORKFLOW, type EventDoc, type EventStatus } from '../collections/events.ts';
import { isReachable } from '../collections/merge.ts';
import { NOTICE_WORKFLOW, type NoticeDoc } from '../collections/notices.ts';
import type { CollectionName } from '../collections/plan.ts';
import type { PolicyDoc } from '../collections/policies.ts';
import type { AppError, ErrorCode, ErrorParams } from '../errors.ts';
import { sameValue } from '../sync/merge.ts';
import type { SyncDocument } from '../sync/protocol.ts';
import { needsConfirmation, needsNotice } from './review.ts';

/** An account that may have acted in a pushed document. */
export type Actor = Pick<Principal, 'userId' | 'role' | 'villageCode' | 'townshipCode'>;

export interface WriteAuthority {
  /** The account pushing the row. */
  readonly principal: Principal;
  /**
   * The accounts that have signed in on the pushing computer, by user id: whose unsynced
   * work a push from it may carry. Absent: the pushing account alone.
   */
  readonly deviceUsers?: ReadonlyMap<string, Actor>;
  /**
   * Another document of the same collection as the server holds it (or as written earlier
   * in the same push): a refund's debit. Absent: none is known.
   */
  readonly related?: (id: string) => SyncDocument | undefined;
}

/** The collections this check speaks for. */
export const LEDGER_COLLECTIONS: ReadonlySet<CollectionName> = new Set([
  'events',
  'cases',
  'notices',
  'policies',
]);

type Roles = ReadonlySet<Role>;

/** Village staff who record: entries, objections, notices, drafts. */
const RECORDERS: Roles = new Set(['village_clerk', 'village_reviewer', 'village_admin']);
/** The second person of review (审核). */
const REVIEWERS: Roles = new Set(['village_reviewer', 'village_admin']);
/** Who closes notices, puts entries into effect or voids them, decides objections. */
const DECIDERS: Roles = new Set(['village_reviewer', 'village_admin', 'township_admin']);
/** Who hands out redemptions (兑换) and refunds them. */
const CASHIERS: Roles = new Set(['village_clerk', 'village_admin']);
const VILLAGE_ADMIN: Roles = new Set(['village_admin']);
const TOWNSHIP_ADMIN: Roles = new Set(['township_admin']);
/** Any staff with a say in a village's documents (steps that decide nothing). */
const STAFF: Roles = new Set([...RECORDERS, 'township_admin']);

/**
 * Why the account may not write `incoming` over `stored` (the server's version; undefined
 * when new), or undefined when it may. Only rows the merge rules already accept come here:
 * `stored` is the version the change was based on, and immutable fields did not change.
 */
export function ledgerWriteProblem(
  authority: WriteAuthority,
  collection: CollectionName,
  stored: SyncDocument | undefined,
  incoming: SyncDocument,
): AppError | undefined {
  if (!LEDGER_COLLECTIONS.has(collection)) return undefined;
  // A tombstone the server never had (made and removed offline) is inert; a document that
  // comes back from a tombstone is checked as new.
  if (incoming._deleted && (stored === undefined || stored._deleted)) return undefined;
  const before = stored === undefined || stored._deleted ? undefined : stored;
  const check = new Check(authority, incoming);
  switch (collection) {
    case 'events':
      return eventProblem(check, before as EventDoc | undefined, incoming as unknown as EventDoc);
    case 'cases':
      if (before !== undefined && incoming._deleted)
        return check.refuse('sync.field-immutable', { field: '_deleted' });
      return caseProblem(check, before as CaseDoc | undefined, incoming as unknown as CaseDoc);
    case 'notices':
      return noticeProblem(
        check,
        before as (NoticeDoc & SyncDocument) | undefined,
        incoming as NoticeDoc & SyncDocument,
      );
    default:
      return policyProblem(
        check,
        before as (PolicyDoc & SyncDocument) | undefined,
        incoming as PolicyDoc & SyncDocument,
      );
  }
}

/** The refusals of one pushed document: who acted, in what role. */
class Check {
  readonly #authority: WriteAuthority;
  readonly #doc: SyncDocument;

  constructor(authority: WriteAuthority, doc: SyncDocument) {
    this.#authority = authority;
    this.#doc = doc;
  }

  refuse(code: ErrorCode, params: ErrorParams = {}): AppError {
    return { code, params: { id: this.#doc.id, ...params } };
  }

  stateChanged(): AppError {
    return this.refuse('ledger.state-changed');
  }

  related(id: string): SyncDocument | undefined {
    return this.#authority.related?.(id);
  }

  /** The account `userId` names, if the server can vouch for it in this document's place. */
  actor(userId: unknown): Actor | undefined {
    if (typeof userId !== 'string') return undefined;
    const { principal, deviceUsers } = this.#authority;
    const actor = userId === principal.userId ? principal : deviceUsers?.get(userId);
    if (actor === undefined) return undefined;
    const inPlace =
      actor.villageCode === null
        ? actor.townshipCode === this.#doc['townshipCode']
        : actor.villageCode === this.#doc['villageCode'];
    return inPlace ? actor : undefined;
  }

  /** `userId` must be a known actor with one of `roles`; else `code`. */
  need(userId: unknown, roles: Roles, code: ErrorCode): AppError | undefined {
    const actor = this.actor(userId);
    if (actor === undefined) return this.refuse('ledger.actor-unknown', { user: String(userId) });
    return roles.has(actor.role) ? undefined : this.refuse(code);
  }
}

// --- events ------------------------------------------------------------------------------

const SYSTEM_KINDS: ReadonlySet<EventDoc['kind']> = new Set([
  'redemption-debit',
  'year-close-reset',
]);
const AFTER_APPROVAL: ReadonlySet<EventStatus> = new Set([
  'approved',
  'in-notice',
  'confirmed',
  'effective',
  'annulled',
]);

/** Whether approval alone makes the entry effective (review.ts reviewEntry). */
function takesEffectOnApproval(event: EventDoc): boolean {
  return event.kind === 'reversal' || (!needsNotice(event) && !needsConfirmation(event));
}

/**
 * The state a new event was created in: rule entries are submitted; system events are
 * created effective; a reversal or repair adjustment pushed effective with no review was
 * created effective by its own workflow (an upheld objection, a refund, a repair).
 */
function startOf(event: EventDoc): EventStatus {
  if (SYSTEM_KINDS.has(event.kind)) return 'effective';
  if (event.kind === 'accrual' || event.kind === 'deduction') return 'submitted';
  return event.review === undefined && event.status === 'effective' ? 'effective' : 'submitted';
}

function creationProblem(check: Check, event: EventDoc, start: EventStatus): AppError | undefined {
  if (start === 'submitted') return check.need(event.createdBy, RECORDERS, 'sync.row-forbidden');
  switch (event.kind) {
    case 'redemption-debit':
      return check.need(event.createdBy, CASHIERS, 'ledger.balance-entry-role');
    case 'year-close-reset':
      return check.need(event.createdBy, VILLAGE_ADMIN, 'ledger.balance-entry-role');
    case 'reversal': {
      if (event.caseId !== undefined)
        return check.need(event.createdBy, DECIDERS, 'ledger.decision-role');
      // No case and no review: only a redemption's refund, the reversal of a debit.
      if (check.related(event.reversalOf)?.['kind'] !== 'redemption-debit')
        return check.refuse('ledger.review-missing');
      return check.need(event.createdBy, CASHIERS, 'ledger.balance-entry-role');
    }
    case 'repair-adjustment':
      return check.need(event.createdBy, DECIDERS, 'ledger.decision-role');
    default:
      return check.refuse('ledger.review-missing');
  }
}

function eventProblem(
  check: Check,
  stored: EventDoc | undefined,
  event: EventDoc,
): AppError | undefined {
  let from: EventStatus;
  if (stored === undefined) {
    from = startOf(event);
    const created = creationProblem(check, event, from);
    if (created !== undefined) return created;
    if (!isReachable(EVENT_WORKFLOW, from, event.status)) return check.stateChanged();
  } else {
    from = stored.status;
  }
  const to = event.status;
  const reviewAdded = stored?.review === undefined && event.review !== undefined;
  const noticeAdded = stored?.noticeId === undefined && event.noticeId !== undefined;
  const confirmationAdded = stored?.confirmation === undefined && event.confirmation !== undefined;
  const effectiveOnAdded =
    stored !== undefined && stored.effectiveOn === undefined && event.effectiveOn !== undefined;
  if (from === to)
    return reviewAdded || noticeAdded || confirmationAdded || effectiveOnAdded
      ? check.stateChanged()
      : undefined;

  // Review: the only way out of 'submitted' besides the recorder's withdrawal.
  let reviewed = from;
  if (from === 'submitted') {
    if (to === 'withdrawn') {
      if (reviewAdded) return check.stateChanged();
      if (check.actor(event.updatedBy) === undefined)
        return check.refuse('ledger.actor-unknown', { user: event.updatedBy });
      return event.updatedBy === event.createdBy
        ? undefined
        : check.refuse('ledger.withdraw-not-recorder');
    }
    const review = reviewAdded ? event.review : undefined;
    if (review === undefined) return check.refuse('ledger.review-missing');
    if (check.actor(review.by) === undefined)
      return check.refuse('ledger.actor-unknown', { user: review.by });
    if (review.by === event.createdBy) return check.refuse('ledger.review-own-entry');
    const role = check.need(review.by, REVIEWERS, 'ledger.review-role');
    if (role !== undefined) return role;
    if (review.decision !== 'approved')
      return to === review.decision ? undefined : check.stateChanged();
    if (!AFTER_APPROVAL.has(to)) return check.stateChanged();
    if (to === 'effective' && takesEffectOnApproval(event))
      return event.effectiveOn === undefined ? check.stateChanged() : undefined;
    reviewed = 'approved';
  } else if (reviewAdded) {
    return check.stateChanged();
  }
  if (reviewed === to) return effectiveOnAdded ? check.stateChanged() : undefined;

  // Posted in a notice batch (notice.ts publishNotice).
  if (noticeAdded) {
    if (reviewed !== 'approved' || to === 'approved') return check.stateChanged();
    const poster = check.need(event.updatedBy, RECORDERS, 'ledger.decision-role');
    if (poster !== undefined) return poster;
  }
  if (to === 'in-notice' && event.noticeId === undefined) return check.stateChanged();

  // The township's confirmation of a direct rating (review.ts confirmDirectRating).
  const confirmation = confirmationAdded ? event.confirmation : undefined;
  if (confirmation !== undefined) {
    const township = check.need(confirmation.by, TOWNSHIP_ADMIN, 'ledger.township-decision-role');
    if (township !== undefined) return township;
    if (!needsConfirmation(event)) return check.stateChanged();
    const fits =
      confirmation.decision === 'refused'
        ? to === 'annulled'
        : to === 'confirmed' || to === 'effective' || to === 'annulled';
    if (!fits) return check.stateChanged();
  }
  if (to === 'confirmed' && event.confirmation?.decision !== 'confirmed')
    return check.stateChanged();

  if (to === 'effective') {
    // Into effect: a notice's close, a dismissed objection, or the township's confirmation.
    if (event.effectiveOn === undefined) return check.stateChanged();
    if (needsNotice(event) && event.noticeId === undefined) return check.stateChanged();
    if (needsConfirmation(event) && event.confirmation?.decision !== 'confirmed')
      return check.stateChanged();
    if (confirmation?.decision !== 'confirmed')
      return check.need(event.updatedBy, DECIDERS, 'ledger.decision-role');
    return undefined;
  }
  if (effectiveOnAdded) return check.stateChanged();
  if (to === 'annulled' && confirmation?.decision !== 'refused')
    // An upheld objection (notice.ts decideObjection).
    return check.need(event.updatedBy, DECIDERS, 'ledger.decision-role');
  return undefined;
}

// --- cases -------------------------------------------------------------------------------

const OBJECTION_OPEN: ReadonlySet<CaseStatus> = new Set(['received', 'verifying']);
const OBJECTION_DECIDED: ReadonlySet<CaseStatus> = new Set(['upheld', 'dismissed', 'closed']);
const REPAIR_UNDECIDED: ReadonlySet<CaseStatus> = new Set([
  'applied',
  'village-reviewed',
  'withdrawn',
]);

function caseProblem(
  check: Check,
  stored: CaseDoc | undefined,
  doc: CaseDoc,
): AppError | undefined {
  let from: CaseStatus;
  if (stored === undefined) {
    from = doc.kind === 'objection' ? 'received' : 'applied';
    const creator = check.need(doc.createdBy, RECORDERS, 'sync.row-forbidden');
    if (creator !== undefined) return creator;
    if (!isReachable(CASE_WORKFLOW, from, doc.status)) return check.stateChanged();
  } else {
    from = stored.status;
  }
  const to = doc.status;
  const decision = stored?.decision === undefined ? doc.decision : undefined;

  if (doc.kind === 'objection') {
    if (decision !== undefined) {
      if (!OBJECTION_DECIDED.has(to) || !OBJECTION_OPEN.has(from)) return check.stateChanged();
      const { outcome } = decision;
      if (outcome !== 'upheld' && outcome !== 'dismissed') return check.stateChanged();
      if (to !== 'closed' && outcome !== to) return check.stateChanged();
      const decider = check.need(decision.by, DECIDERS, 'ledger.decision-role');
      if (decider !== undefined) return decider;
    } else if (OBJECTION_OPEN.has(from) && OBJECTION_DECIDED.has(to)) {
      return check.stateChanged();
    }
  } else {
    const opinion =
      stored !== undefined && stored.kind === 'repair' && stored.villageOpinion !== undefined
        ? undefined
        : doc.villageOpinion;
    if (opinion !== undefined) {
      if (from !== 'applied' || to === 'applied') return check.stateChanged();
      const village = check.need(opinion.by, REVIEWERS, 'ledger.decision-role');
      if (village !== undefined) return village;
    } else if (from === 'applied' && to !== 'applied' && to !== 'withdrawn') {
      return check.stateChanged();
    }
    if (decision !== undefined) {
      if (!REPAIR_UNDECIDED.has(from) || REPAIR_UNDECIDED.has(to)) return check.stateChanged();
      const { outcome } = decision;
      const fits =
        outcome === 'rejected' ? to === 'rejected' : outcome === 'approved' && to !== 'rejected';
      if (!fits) return check.stateChanged();
      const township = check.need(decision.by, TOWNSHIP_ADMIN, 'ledger.township-decision-role');
      if (township !== undefined) return township;
    } else if (REPAIR_UNDECIDED.has(from) && !REPAIR_UNDECIDED.has(to)) {
      return check.stateChanged();
    }
  }
  // Steps without a stamp of their own (verifying, closing, withdrawing…): whoever took the last.
  return from === to ? undefined : check.need(doc.updatedBy, STAFF, 'sync.row-forbidden');
}

// --- notices -----------------------------------------------------------------------------

/** What a notice batch posts: fixed once it is published. */
const NOTICE_CONTENT = [
  'target',
  'title',
  'itemIds',
  'days',
  'startsOn',
  'endsOn',
  'objectionContact',
  'note',
] as const;

function noticeProblem(
  check: Check,
  stored: (NoticeDoc & SyncDocument) | undefined,
  notice: NoticeDoc & SyncDocument,
): AppError | undefined {
  if (stored !== undefined && stored.status !== 'draft') {
    const changed =
      notice._deleted || NOTICE_CONTENT.some((field) => !sameValue(stored[field], notice[field]));
    if (changed) return check.refuse('ledger.notice-published');
  }
  if (stored === undefined) {
    const creator = check.need(notice.createdBy, RECORDERS, 'sync.row-forbidden');
    if (creator !== undefined) return creator;
    if (!isReachable(NOTICE_WORKFLOW, 'draft', notice.status)) return check.stateChanged();
  }
  const from = stored?.status ?? 'draft';
  const to = notice.status;
  const published = stored?.published === undefined ? notice.published : undefined;
  const closed = stored?.closed === undefined ? notice.closed : undefined;
  if (published !== undefined) {
    if (from !== 'draft' || (to !== 'published' && to !== 'closed' && to !== 'withdrawn'))
      return check.stateChanged();
    const poster = check.need(published.by, RECORDERS, 'ledger.decision-role');
    if (poster !== undefined) return poster;
  } else if (from === 'draft' && (to === 'published' || to === 'closed')) {
    return check.stateChanged();
  }
  if (closed !== undefined) {
    if (to !== 'closed') return check.stateChanged();
    const closer = check.need(closed.by, DECIDERS, 'ledger.decision-role');
    if (closer !== undefined) return closer;
  } else if (to === 'closed' && from !== 'closed') {
    return check.stateChanged();
  }
  if (to === 'withdrawn' && from !== 'withdrawn')
    return check.need(notice.updatedBy, RECORDERS, 'ledger.decision-role');
  return undefined;
}

// --- policies (rule sets) ----------------------------------------------------------------

/** What a rule-set version says: fixed once it leaves its draft. */
const RULE_SET_CONTENT = ['title', 'rules', 'effectiveFrom'] as const;

function policyProblem(
  check: Check,
  stored: (PolicyDoc & SyncDocument) | undefined,
  policy: PolicyDoc & SyncDocument,
): AppError | undefined {
  if (policy.kind !== 'rule-set') return undefined;
  const before = stored?.kind === 'rule-set' ? stored : undefined;
  if (before !== undefined && before.status !== 'draft') {
    const changed =
      policy._deleted || RULE_SET_CONTENT.some((field) => !sameValue(before[field], policy[field]));
    if (changed) return check.refuse('ledger.rule-set-not-draft', { version: before.setVersion });
  }
  if (before === undefined) {
    const creator = check.need(policy.createdBy, RECORDERS, 'sync.row-forbidden');
    if (creator !== undefined) return creator;
  }
  const from = before?.status ?? 'draft';
  const to = policy.status;
  const adoption = before?.adoption === undefined ? policy.adoption : undefined;
  if (adoption !== undefined) {
    if (from !== 'draft' || (to !== 'adopted' && to !== 'superseded')) return check.stateChanged();
    const admin = check.need(adoption.by, VILLAGE_ADMIN, 'ledger.adoption-role');
    if (admin !== undefined) return admin;
  } else if (from === 'draft' && (to === 'adopted' || to === 'superseded')) {
    return check.stateChanged();
  }
  if (to === 'superseded')
    return check.need(policy.updatedBy, VILLAGE_ADMIN, 'ledger.adoption-role');
  if (to === 'abandoned') return check.need(policy.updatedBy, RECORDERS, 'sync.row-forbidden');
  return undefined;
}
